/**
 * `GET /playground/`: the built page's files and nothing else, with its content security policy,
 * behind the same browser protections as the API. The page itself is tested in a browser by
 * `npm run test:browser` (test/browser/playground.spec.ts); here a small folder stands in for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startServer, TRANSPORTS, type TestServer } from "./support";

const folder = mkdtempSync(join(tmpdir(), "playground-"));
mkdirSync(join(folder, "assets"));
writeFileSync(join(folder, "index.html"), "<!doctype html><title>playground</title>");
writeFileSync(join(folder, "assets", "main-abc123.js"), "console.log(1);");
writeFileSync(join(tmpdir(), "outside-the-playground.txt"), "secret");
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(join(tmpdir(), "outside-the-playground.txt"), { force: true });
});

describe.each(TRANSPORTS)("the playground route, over %s", (transport) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("serves the page revalidated and its hashed assets for good, under the page's CSP", async () => {
    server = await startServer(transport, { playgroundFolder: folder });
    const page = await server.send({ method: "GET", url: "/playground/" });
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>playground</title>");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers["content-security-policy"]).toContain("connect-src 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    const asset = await server.send({ method: "GET", url: "/playground/assets/main-abc123.js" });
    expect(asset.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // A Host of our own sends the call through node:http, which does not follow the redirect as fetch would.
    const bare = await server.send({ method: "GET", url: "/playground", headers: { host: server.host } });
    expect([bare.status, bare.headers.location]).toEqual([308, "/playground/"]);
  });

  it("serves nothing outside its folder, however the path is spelt", async () => {
    server = await startServer(transport, { playgroundFolder: folder });
    for (const url of [
      "/playground/%2e%2e/outside-the-playground.txt",
      "/playground/..%2foutside-the-playground.txt",
      "/playground/assets/%2e%2e%2f%2e%2e%2foutside-the-playground.txt",
      "/playground/%00",
      "/playground/assets",
    ]) {
      const answer = await server.send({ method: "GET", url });
      expect(answer.status, url).toBe(404);
      expect(answer.json, url).toMatchObject({ Code: "NotFound" });
      expect(answer.text).not.toContain("secret");
    }
  });

  it("says to build the page when its folder is missing, and has no route without one", async () => {
    server = await startServer(transport, { playgroundFolder: join(folder, "not-built") });
    const missing = await server.send({ method: "GET", url: "/playground/" });
    expect(missing.status).toBe(404);
    expect(String(missing.json?.Message)).toContain("npm run build");
    await server.close();
    server = await startServer(transport);
    expect((await server.send({ method: "GET", url: "/playground/" })).status).toBe(404);
  });

  it("keeps the browser protections: another site's page cannot load it", async () => {
    server = await startServer(transport, { playgroundFolder: folder });
    const answer = await server.send({ method: "GET", url: "/playground/", headers: { "sec-fetch-site": "cross-site" } });
    expect(answer.status).toBe(403);
  });
});
