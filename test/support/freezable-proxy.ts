/**
 * A TCP proxy for the deadline tests: it forwards every connection to a target (the embedded
 * PostgreSQL), and `freeze()` makes the target look like a database whose packets are dropped —
 * nothing is forwarded in either direction, no socket is closed, and a connection opened meanwhile
 * is accepted but gets no answer — until `thaw()` forwards what was held back. `close()` destroys
 * every socket and stops listening; the tests call it in `finally`/`afterAll`.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface FreezableProxy {
  /** `127.0.0.1` */
  readonly host: string;
  readonly port: number;
  /** Stops forwarding in both directions, without closing anything. */
  readonly freeze: () => void;
  /** Forwards again, first what was held back while frozen. */
  readonly thaw: () => void;
  /** Destroys every connection and stops listening. */
  readonly close: () => Promise<void>;
  /** Connections the proxy accepted so far. */
  readonly accepted: () => number;
}

/** One direction of one connection: bytes read from `from` go to `to`, unless the proxy is frozen. */
interface Direction {
  readonly from: Socket;
  readonly to: Socket;
  /** Chunks (and the end of the stream, as `null`) read while frozen, in order. */
  readonly held: (Buffer | null)[];
}

export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  let count = 0;
  const sockets = new Set<Socket>();
  const directions: Direction[] = [];
  /** Sockets whose other side closed while frozen: destroyed on thaw. */
  const pendingResets: Socket[] = [];

  const pass = (direction: Direction, chunk: Buffer | null) => {
    if (frozen) direction.held.push(chunk);
    else if (chunk === null) direction.to.end();
    else direction.to.write(chunk);
  };

  const pipe = (from: Socket, to: Socket) => {
    const direction: Direction = { from, to, held: [] };
    directions.push(direction);
    from.on("data", (chunk: Buffer) => pass(direction, chunk));
    from.on("end", () => pass(direction, null));
    if (frozen) from.pause();
  };

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  };

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    count++;
    track(client);
    const upstream = connect({ host: target.host, port: target.port, allowHalfOpen: true });
    track(upstream);
    // A reset on one side is passed on as a reset of the other, once the proxy is not frozen.
    const closeOther = (other: Socket) => () => {
      if (frozen) pendingResets.push(other);
      else other.destroy();
    };
    client.on("close", closeOther(upstream));
    upstream.on("close", closeOther(client));
    pipe(client, upstream);
    pipe(upstream, client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the proxy has no port");

  return {
    host: "127.0.0.1",
    port: address.port,
    accepted: () => count,
    freeze: () => {
      frozen = true;
      for (const { from } of directions) from.pause();
    },
    thaw: () => {
      frozen = false;
      for (const direction of directions) {
        for (const chunk of direction.held.splice(0)) pass(direction, chunk);
        if (!direction.from.destroyed) direction.from.resume();
      }
      for (const socket of pendingResets.splice(0)) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
