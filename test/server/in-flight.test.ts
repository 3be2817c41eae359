/**
 * The requests a server has taken and not answered (what a shutdown past its grace period cuts
 * short): counted while they run, forgotten once answered or once their client has gone away.
 * A real server on loopback, with a store whose `load` waits until the test lets it go.
 */
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createServer } from "../../src/server/index";
import { inFlightRequests } from "../../src/server/in-flight";
import { sampleStore } from "./support";

/** A server whose loads wait for `release`, listening on loopback. */
async function heldServer() {
  const base = await sampleStore();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let loads = 0;
  const built = createServer({
    store: {
      load: async (id) => ((loads += 1), await gate, base.load(id)),
      compareAndSet: (id, version, next) => base.compareAndSet(id, version, next),
    },
    log: false,
  });
  if (!built.ok) throw new Error(built.message);
  const inFlight = inFlightRequests(built.server);
  const address = await built.server.listen({ host: "127.0.0.1", port: 0 });
  return { app: built.server, inFlight, port: Number(new URL(address).port), release, loads: () => loads };
}

/** Sends a CreateBackup on a connection of its own; resolves with what came back when the connection closes. */
function send(port: number): { readonly socket: Socket; readonly answer: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  socket.write("GET /?Action=CreateBackup&DBInstanceId=rm-demo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  socket.on("error", () => undefined);
  return { socket, answer: new Promise((resolve) => socket.once("close", () => resolve(text))) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the requests in flight", () => {
  it("are counted while they run and forgotten once answered", async () => {
    const server = await heldServer();
    try {
      const calls = [send(server.port), send(server.port), send(server.port)];
      await until(() => server.loads() === 3);
      expect(server.inFlight.count()).toBe(3);
      server.release();
      const answers = await Promise.all(calls.map((call) => call.answer));
      expect(answers.map((answer) => answer.split(" ")[1])).toEqual(["200", "403", "403"]);
      expect(server.inFlight.count()).toBe(0);
      expect(server.inFlight.cutShort()).toBe(0);
    } finally {
      server.release();
      await server.app.close();
    }
  });

  it("are forgotten when their client goes away before the answer, and the rest are cut short with a 503", async () => {
    const server = await heldServer();
    try {
      const leaving = [send(server.port), send(server.port)];
      const staying = send(server.port);
      await until(() => server.loads() === 3);
      for (const call of leaving) call.socket.destroy();
      await until(() => server.inFlight.count() === 1);
      expect(server.inFlight.cutShort()).toBe(1);
      expect(await staying.answer).toMatch(/^HTTP\/1\.1 503 [^]*"Code":"ServiceUnavailable"/);
      expect(server.inFlight.count()).toBe(0);
    } finally {
      server.release();
      await server.app.close();
    }
  });
});
