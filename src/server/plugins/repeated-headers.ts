import { refuse } from "../answers";
import { edgeError } from "../edge-errors";
import { appWide } from "./app-wide";

/** The headers the server reads, besides every `x-acs-*` one. */
const READ_HEADERS: ReadonlySet<string> = new Set(["host", "origin", "sec-fetch-site", "content-type", "authorization", "idempotency-key"]);

/**
 * One policy for a repeated header, everywhere: a header the server reads that comes more than
 * once is refused (400 `http.header-repeated`), before any other check, rather than one copy kept
 * (Node.js keeps the first `Host` or `Authorization` and joins others with commas, while a proxy or
 * a signer may have read another). Repeated parameters are the rule set's `parameter.malformed`.
 */
export const repeatedHeaders = appWide("repeated-headers", async (app) => {
  // A callback hook: an async one would cost every request a promise.
  app.addHook("onRequest", (request, reply, done) => {
    const repeated = repeatedHeader(request.raw.rawHeaders);
    if (repeated === undefined) return done();
    refuse(request, reply, edgeError("http.header-repeated", `The header ${repeated} is sent more than once: send it once`));
  });
});

function repeatedHeader(rawHeaders: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    if (!READ_HEADERS.has(name) && !name.startsWith("x-acs-")) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
