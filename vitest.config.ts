import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects: the core (examples, properties, CLI, the store over memory; `npm test`) and the
 * store over a real PostgreSQL (`npm run test:store`), whose global setup starts one server for the
 * run (or uses DATABASE_URL). A run that selects no PostgreSQL file starts no server.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          include: ["test/**/*.test.ts", "property-tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/store-postgres/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["test/store-postgres/**/*.test.ts"],
          globalSetup: ["test/store-postgres/global-setup.ts"],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
