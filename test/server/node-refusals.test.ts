/**
 * Node's own refusals (server.md section 6): what Node.js refuses before Fastify sees a request —
 * headers too large (431), a request line or header it cannot parse (400), and an HTTP/1.1
 * request without Host — answers the server's error body (`RequestId`, `HostId`, `Code`,
 * `Message`) with the RequestId in `x-acs-request-id`, not Node's or Fastify's default. Raw bytes
 * on a real socket: no client library would send them.
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { REQUEST_ID, startServer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: Record<string, unknown> | undefined;
}

/** Writes the bytes, reads until the server closes the connection (or 5 s pass), and parses the answer. */
function exchange(host: string, bytes: string): Promise<RawAnswer> {
  const [hostname, port] = host.split(":") as [string, string];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    const timer = setTimeout(() => socket.destroy(new Error(`no end of answer within 5 s: ${text}`)), 5000);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
    socket.on("error", (error) => (clearTimeout(timer), reject(error)));
    socket.on("close", () => {
      clearTimeout(timer);
      const [head = "", body = ""] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, json });
    });
    socket.write(bytes);
  });
}

function expectErrorBody(answer: RawAnswer, status: number, code: string, rule: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(Object.keys(answer.json ?? {}).sort()).toEqual(expect.arrayContaining(["Code", "HostId", "Message", "RequestId"]));
  expect(answer.json).toMatchObject({ Code: code, RequestId: expect.stringMatching(REQUEST_ID) });
  expect(answer.json).not.toHaveProperty("statusCode");
  expect(String(answer.json?.Message)).toMatch(new RegExp(`\\(rule ${rule.replaceAll(".", "\\.")}\\)$`));
  expect(answer.headers["x-acs-request-id"]).toBe(answer.json?.RequestId);
}

describe("Node's refusals on a real socket", () => {
  async function start() {
    const server = await startServer("socket");
    servers.push(server);
    return server;
  }

  it("headers too large: 431 in the error body, logged under its RequestId", async () => {
    const server = await start();
    const answer = await exchange(server.host, `GET /healthz HTTP/1.1\r\nHost: ${server.host}\r\nX-Padding: ${"a".repeat(20_000)}\r\n\r\n`);
    expectErrorBody(answer, 431, "RequestHeaderFieldsTooLarge", "http.headers-too-large");
    expect(answer.json?.HostId).toBe(server.host);
    expect(server.logs()).toContainEqual(
      expect.objectContaining({ RequestId: answer.json?.RequestId, status: 431, rule: "http.headers-too-large" }),
    );
  });

  it("a request line that cannot be read: 400 in the error body", async () => {
    const server = await start();
    expectErrorBody(await exchange(server.host, "HELLO WORLD\r\n\r\n"), 400, "BadRequest", "http.request-malformed");
    expectErrorBody(
      await exchange(server.host, `GET /healthz HTTP/1.1\r\nHost: ${server.host}\r\nBad Header: x\r\n\r\n`),
      400,
      "BadRequest",
      "http.request-malformed",
    );
  });

  it("an HTTP/1.1 request without Host: 400 in the error body (HTTP/1.0 may leave it out)", async () => {
    const server = await start();
    expectErrorBody(
      await exchange(server.host, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n"),
      400,
      "BadRequest",
      "http.request-malformed",
    );
    const old = await exchange(server.host, "GET /healthz HTTP/1.0\r\n\r\n");
    expect(old.status).toBe(200);
    expect(old.json?.Status).toBe("ok");
  });

  it("a repeated Host: 400 http.header-repeated, never one copy chosen", async () => {
    const server = await start();
    const answer = await exchange(
      server.host,
      `GET /admin/instances/rm-demo HTTP/1.1\r\nHost: ${server.host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expectErrorBody(answer, 400, "InvalidParameter", "http.header-repeated");
  });
});
