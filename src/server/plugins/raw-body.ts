import type { FastifyRequest } from "fastify";

/** A content-type parser that keeps the body as the bytes received (the RPC API's signature covers them, and its form is read from them). */
export function rawBody(_request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void): void {
  done(null, body);
}
