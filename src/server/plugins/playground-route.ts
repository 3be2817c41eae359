import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import { edgeError } from "../edge-errors";
import { outcomeOf, refuse } from "../answers";
import { encapsulated } from "./app-wide";

/** Where the built page is (`dist/playground/`). */
export interface PlaygroundRouteOptions {
  readonly folder: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** The page loads only its own files and sends nothing anywhere (the same policy as its meta tag). */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * The playground at `GET /playground/`: the static files of the built page, only from inside its
 * folder, with a strict content security policy; hashed assets are cached for good, the page itself
 * revalidated. `/playground` redirects to `/playground/` (the page's asset paths are relative). The
 * browser protections registered before it still apply; no signature or token is needed.
 */
export const playgroundRoute = encapsulated<PlaygroundRouteOptions>("playground-route", async (app, options) => {
  const folder = resolve(options.folder);
  app.get("/playground", async (request, reply) => {
    outcomeOf(request).action = "playground";
    return reply.code(308).header("location", "/playground/").send({ RequestId: request.id, Location: "/playground/" });
  });
  app.get<{ Params: { "*": string } }>("/playground/*", async (request, reply) => {
    outcomeOf(request).action = "playground";
    const wanted = request.params["*"] === "" ? "index.html" : request.params["*"];
    const file = insideFolder(folder, wanted);
    if (file === undefined) return notFound(request, reply, wanted);
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return notFound(request, reply, wanted);
      body = await readFile(file);
    } catch {
      return notFound(request, reply, wanted);
    }
    const isAsset = wanted.startsWith("assets/");
    return reply
      .headers(SECURITY_HEADERS)
      .header("cache-control", isAsset ? "public, max-age=31536000, immutable" : "no-cache")
      .type(CONTENT_TYPES[extname(file)] ?? "application/octet-stream")
      .send(body);
  });
});

/** The file a relative path names inside the folder, or undefined for a path that leaves it (`..`, a drive, a NUL). */
function insideFolder(folder: string, wanted: string): string | undefined {
  if (wanted.includes("\0") || wanted.includes("\\")) return undefined;
  const file = resolve(folder, wanted);
  return file.startsWith(folder + sep) ? file : undefined;
}

function notFound(request: FastifyRequest, reply: FastifyReply, wanted: string): FastifyReply {
  const shown = JSON.stringify(wanted.slice(0, 128));
  return refuse(
    request,
    reply,
    edgeError("http.route-not-found", `The playground has no file ${shown} (when the page itself is missing, build it: npm run build)`),
  );
}
