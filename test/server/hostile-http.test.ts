/**
 * Whatever a caller sends — any method, path, query, headers and body — the server answers with
 * JSON carrying a fresh RequestId, never a stack trace, and never a 500 (with a store that works and
 * holds valid states, a 500 could only be the server's own fault). A property over Fastify's
 * `inject`, with the fixed seed of property-tests/settings.ts.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs, SEED } from "../../property-tests/settings";
import { REQUEST_ID, startServer, type TestServer } from "./support";

let server: TestServer;
let signed: TestServer;
beforeAll(async () => {
  server = await startServer("inject");
  signed = await startServer("inject", { accessKeys: new Map([["AK", "secret"]]) });
});
afterAll(async () => {
  await server?.close();
  await signed?.close();
});

const text = fc.string({ unit: "binary", maxLength: 40 });
const name = fc.oneof(
  fc.constantFrom(
    "Action",
    "DBInstanceId",
    "BackupMethod",
    "DBName",
    "BackupJobId",
    "BackupJobStatus",
    "Signature",
    "AccessKeyId",
    "SignatureMethod",
    "Timestamp",
  ),
  text,
);
const value = fc.oneof(fc.constantFrom("CreateBackup", "DescribeBackupTasks", "rm-demo", "Logical", "HMAC-SHA1", "NoStart", ""), text);
const query = fc.array(fc.tuple(name, value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString());
const path = fc.oneof(
  fc.constantFrom(
    "/",
    "/healthz",
    "/metrics",
    "/admin/instances/rm-demo",
    "/admin/instances/rm-demo/jobs/2",
    "/admin/instances/",
    "//",
    "/%ZZ",
    "/admin/instances/%00",
  ),
  fc.webPath().map((webPath) => (webPath.startsWith("/") ? webPath : `/${webPath}`)),
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "text/plain",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
    ),
    "x-acs-action": fc.oneof(fc.constantFrom("CreateBackup", "DescribeBackupTasks"), headerValue),
    authorization: fc.oneof(
      fc.constant("Bearer t0ken"),
      fc.constant("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=x-acs-date;x-acs-signature-nonce,Signature=00"),
      headerValue,
    ),
    "idempotency-key": headerValue,
    "x-acs-date": fc.oneof(fc.constant("2026-03-02T08:00:00Z"), headerValue),
    "x-acs-signature-nonce": headerValue,
    host: fc.oneof(fc.constantFrom("localhost:80", "127.0.0.1", "[::1]:8080", "evil.example", "", "[", ":80"), headerValue),
    origin: fc.oneof(fc.constantFrom("http://localhost:80", "https://evil.example", "null"), headerValue),
    "sec-fetch-site": fc.oneof(fc.constantFrom("cross-site", "same-site", "same-origin", "none"), headerValue),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  text,
  fc.json(),
  fc.jsonValue().map((json) => JSON.stringify(json)),
  fc.constantFrom('{"status":"Finished"}', '{"engine":"MySQL"}', "Action=CreateBackup&DBInstanceId=rm-demo", "{", "null"),
);
/** Mostly a route with a method it takes (where the handlers are), sometimes anything at all. */
const routed = fc.constantFrom(
  { method: "GET", path: "/" },
  { method: "POST", path: "/" },
  { method: "PUT", path: "/admin/instances/rm-demo" },
  { method: "PUT", path: "/admin/instances/rm-new" },
  { method: "GET", path: "/admin/instances/rm-demo" },
  { method: "POST", path: "/admin/instances/rm-demo/jobs/2" },
  { method: "POST", path: "/admin/instances/rm-nobody/jobs/1" },
  { method: "GET", path: "/healthz" },
);
const call = fc.oneof(
  { weight: 4, arbitrary: fc.record({ route: routed, query, headers, body }).map(({ route, ...rest }) => ({ ...route, ...rest })) },
  {
    weight: 1,
    arbitrary: fc.record({ method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"), path, query, headers, body }),
  },
);

describe("any request", () => {
  it("gets JSON with a fresh RequestId, no stack trace and no 500", async () => {
    await fc.assert(
      fc.asyncProperty(call, fc.boolean(), async (request, toSigned) => {
        const target = toSigned ? signed : server;
        const sent = request.method === "GET" ? undefined : request.body;
        const answer = await target.send({
          method: request.method,
          url: `${request.path}${request.query === "" ? "" : `?${request.query}`}`,
          headers: request.headers,
          ...(sent === undefined ? {} : { body: sent }),
        });
        const isMetrics = request.path === "/metrics" && request.method === "GET" && answer.status === 200;
        if (answer.status >= 500) return false;
        if (/\n\s+at |node_modules/.test(answer.text)) return false;
        if (isMetrics) return true;
        return (
          answer.json !== undefined &&
          REQUEST_ID.test(String(answer.json.RequestId)) &&
          (answer.status < 400 || typeof answer.json.Code === "string")
        );
      }),
      { seed: SEED, numRuns: runs(500) },
    );
    expect(server.logs().length).toBeGreaterThan(0);
  });
});
