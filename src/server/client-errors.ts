import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { toHttpResponse, type ErrorBody, type Violation } from "../index";
import { edgeError } from "./edge-errors";
import { hostName } from "./hosts";

/**
 * Fastify's `clientErrorHandler`: what Node.js refuses before there is a request (headers too
 * large, a request line or header it cannot parse, a request that does not arrive in time) is
 * answered with the server's error body and a fresh RequestId, logged as one request line, and
 * the connection closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const requestId = randomUUID().toUpperCase();
  const violation = refusalOf(error);
  const answer = toHttpResponse({ ok: false, error: violation }, requestId);
  const { Code, Message } = answer.body as ErrorBody;
  const body = JSON.stringify({ RequestId: requestId, HostId: hostIdOf(socket), Code, Message });
  this.log.info({ RequestId: requestId, rule: violation.rule, outcome: "refused", status: answer.status, cause: error.code }, "request");
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const head = [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Error"}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    `x-acs-request-id: ${requestId}`,
    "connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

function refusalOf(error: Error & { code?: string }): Violation<string> {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return edgeError("http.headers-too-large", "The request's headers are too large: send less in them");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return edgeError("http.request-timeout", "The request did not arrive in full in time");
    default:
      return edgeError(
        "http.request-malformed",
        `The request cannot be read as HTTP/1.1${error.code === undefined ? "" : ` (${error.code})`}`,
      );
  }
}

/** `HostId` without a Host header: the address and port the connection reached. */
function hostIdOf(socket: Socket): string {
  const address = socket.localAddress === undefined ? undefined : hostName(socket.localAddress);
  if (address === undefined) return "localhost";
  return `${address.includes(":") ? `[${address}]` : address}:${socket.localPort ?? ""}`;
}
