import type { FastifyRequest } from "fastify";
import type { Violation } from "../../index";
import { headerValue, refuse } from "../answers";
import { edgeError } from "../edge-errors";
import { hostName, isLoopback } from "../hosts";
import { appWide } from "./app-wide";

/** The hosts a caller may name besides loopback and the address it reached. */
export interface BrowserProtectionsOptions {
  /** Host names (or addresses) a caller may send as `Host`, such as the name of a proxy in front of the server. */
  readonly allowedHosts?: readonly string[] | undefined;
}

/**
 * Nothing forged from a browser, on every route and before any rule: the `Host` must be a loopback
 * name or address, the address the request arrived on, or an allowed host (DNS rebinding);
 * a browser's `Sec-Fetch-Site: cross-site | same-site`, or an `Origin` other than the server's own,
 * is refused. SDKs, curl and probes send neither header, so they pass. (The admin API's JSON-only
 * bodies are its own plugin's content-type parser.)
 */
export const browserProtections = appWide<BrowserProtectionsOptions>("browser-protections", async (app, options) => {
  const allowed = new Set((options.allowedHosts ?? []).map((host) => hostName(host)).filter((name) => name !== undefined));
  // Host values seen to name loopback or an allowed host, which pass whatever connection they come on (bounded: the first 256).
  const passing = new Set<string>();
  // A callback hook: an async one would cost every request a promise.
  app.addHook("onRequest", (request, reply, done) => {
    const refusal = hostRefusal(request, allowed, passing) ?? crossSiteRefusal(request);
    if (refusal === undefined) return done();
    refuse(request, reply, refusal);
  });
});

function hostRefusal(request: FastifyRequest, allowed: ReadonlySet<string>, passing: Set<string>): Violation<string> | undefined {
  const host = headerValue(request, "host");
  if (host === undefined) {
    // Every browser sends Host; only HTTP/1.0 may leave it out.
    return request.raw.httpVersion === "1.0" ? undefined : edgeError("http.request-malformed", "An HTTP/1.1 request needs a Host header");
  }
  if (passing.has(host)) return undefined;
  const name = hostName(host);
  if (name !== undefined && (isLoopback(name) || allowed.has(name))) {
    if (passing.size < 256) passing.add(host);
    return undefined;
  }
  if (name !== undefined && name === arrivedAt(request)) return undefined;
  return edgeError(
    "http.host-not-allowed",
    `The Host ${JSON.stringify(host.slice(0, 255))} is not this server's: name it by a loopback address, the address it listens on, or one of its allowed hosts`,
  );
}

function crossSiteRefusal(request: FastifyRequest): Violation<string> | undefined {
  const site = headerValue(request, "sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return edgeError(
      "http.cross-site",
      `A browser sent this request from another site (Sec-Fetch-Site: ${site}): the server takes no calls from web pages`,
    );
  }
  const origin = headerValue(request, "origin");
  if (origin !== undefined && !isOwnOrigin(origin, headerValue(request, "host"))) {
    return edgeError(
      "http.cross-site",
      `A browser sent this request from the page of ${JSON.stringify(origin.slice(0, 255))}, which is not this server's origin: the server takes no calls from web pages`,
    );
  }
  return undefined;
}

/** Whether an Origin is the server's own: http(s) on the host and port the request was sent to. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const page = new URL(origin);
    if (page.protocol !== "http:" && page.protocol !== "https:") return false;
    return new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false;
  }
}

/** The local address the request's connection arrived on (none through `inject`). */
function arrivedAt(request: FastifyRequest): string | undefined {
  const address = request.raw.socket?.localAddress;
  return typeof address === "string" ? hostName(address) : undefined;
}
