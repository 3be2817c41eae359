/**
 * The admin API's bodies are checked by their routes' JSON schemas (`additionalProperties: false`,
 * no value converted to the schema's type), and a body that fails is answered through the schema
 * error formatter as the server's error body: 400 `http.body-malformed`, a message naming what
 * the body must be. The values themselves stay the rule set's (`state.invalid`,
 * `job-status.invalid-value`). Over inject and a real socket.
 */
import { afterEach, describe, expect, it } from "vitest";
import { REQUEST_ID, startServer, TRANSPORTS, type TestAnswer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const JSON_TYPE = { "content-type": "application/json" };
const REGISTRATION = { engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] };

function expectMalformed(answer: TestAnswer, message: string): void {
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({
    RequestId: expect.stringMatching(REQUEST_ID),
    HostId: expect.any(String),
    Code: "InvalidParameter",
    Message: `${message} (rule http.body-malformed)`,
  });
}

describe.each(TRANSPORTS)("admin bodies, through %s", (transport) => {
  it("answers a body its schema refuses with the error body, naming the field", async () => {
    const server = await startServer(transport);
    servers.push(server);
    const put = (body: string) => server.send({ method: "PUT", url: "/admin/instances/rm-x", headers: JSON_TYPE, body });
    const post = (body: string) => server.send({ method: "POST", url: "/admin/instances/rm-demo/jobs/1", headers: JSON_TYPE, body });
    const fields = "engine, engineVersion, storageType, status, databases";
    expectMalformed(await put(JSON.stringify({ ...REGISTRATION, jobs: [] })), `The body has "jobs", which is not one of ${fields}`);
    expectMalformed(await put(JSON.stringify({ ...REGISTRATION, version: 7 })), `The body has "version", which is not one of ${fields}`);
    expectMalformed(
      await put('"MySQL"'),
      `The body must be a JSON object with ${fields}, like {"engine":"MySQL","databases":["orders"],…}`,
    );
    expectMalformed(await post("{}"), 'The body needs "status", like {"status":"Finished"}');
    expectMalformed(await post('{"status":7}'), 'The body\'s "status" must be a string, like {"status":"Finished"}');
    expectMalformed(await post('{"status":"Failed","reason":"x"}'), 'The body has "reason", which is not one of status');
    // No conversion to the schema's type: an array of one string is not read as that string.
    expect((await post('{"status":["Failed"]}')).json?.Message).toContain("must be a string");
    const written = await server.send({ method: "GET", url: "/admin/instances/rm-x" });
    expect(written.status).toBe(404);
  });
});
