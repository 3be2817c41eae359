import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { firstLine, outcomeOf, refuse } from "../answers";
import { edgeError } from "../edge-errors";
import { appWide } from "./app-wide";
import { rawBody } from "./raw-body";

/** The largest body the server reads: 64 KiB. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The answers no route gives: an unknown path (404), a method its path does not take (405, with
 * `Allow`, from the routes as registered), and every error a hook, parser or handler raises — a
 * body over the limit (413), of a type its route does not take (415), one that cannot be read or
 * fails its route's schema (400), anything
 * else a 500 logged under the RequestId. A path that does not exist reads its body as bytes, so it
 * is a 404 or 405 whatever the body holds.
 */
export const errorHandling = appWide("error-handling", async (app) => {
  const routes: { readonly pattern: RegExp; readonly methods: string[] }[] = [];
  app.addHook("onRoute", (route) => {
    const pattern = new RegExp(
      `^${route.url
        .split("/")
        .map((part) => (part.startsWith(":") ? "[^/]+" : escapeRegExp(part)))
        .join("/")}$`,
    );
    const methods = [route.method].flat();
    const known = routes.find((each) => each.pattern.source === pattern.source);
    if (known === undefined) routes.push({ pattern, methods });
    else known.methods.push(...methods.filter((method) => !known.methods.includes(method)));
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, rawBody);

  app.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply));

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const route = routes.find(({ pattern }) => pattern.test(path));
    if (route === undefined) {
      return refuse(
        request,
        reply,
        edgeError("http.route-not-found", `There is no route ${path}: the API is at /, the admin API under /admin/instances/`),
      );
    }
    reply.header("allow", route.methods.join(", "));
    return refuse(
      request,
      reply,
      edgeError("http.method-not-allowed", `${path} does not take ${request.method}: it takes ${route.methods.join(", ")}`),
    );
  });
});

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status === 413) return refuse(request, reply, edgeError("http.body-too-large", `The body is larger than ${BODY_LIMIT} bytes`));
  if (status === 415) {
    const type = request.headers["content-type"] ?? "none";
    return refuse(
      request,
      reply,
      edgeError(
        "http.unsupported-media-type",
        `The admin API takes only Content-Type: application/json bodies; this one's is ${JSON.stringify(String(type).slice(0, 100))}`,
      ),
    );
  }
  if (error.validation !== undefined) return refuse(request, reply, edgeError("http.body-malformed", error.message));
  if (status >= 400 && status < 500)
    return refuse(request, reply, edgeError("http.body-malformed", `The request cannot be read: ${firstLine(error.message)}`));
  request.log.error({ err: error }, "internal error");
  return refuse(
    request,
    reply,
    edgeError("http.internal-error", "The server failed to answer this call; it is logged under this RequestId"),
  );
}

/** Fastify's `frameworkErrors`: a request line the router cannot decode (a broken percent-encoding). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  outcomeOf(request).action = "none";
  refuse(request, reply, edgeError("http.url-malformed", `The request line cannot be read: ${error.message}`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
