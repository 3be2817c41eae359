import type { FastifyPluginAsync, FastifyPluginOptions } from "fastify";

/**
 * Marks a plugin as app-wide, as `fastify-plugin` does: its hooks, handlers and parsers apply to
 * the whole app (the routes registered after it), not to a context of its own. Named for Fastify's
 * boot errors and `printPlugins()`.
 */
export function appWide<Options extends FastifyPluginOptions>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, { [Symbol.for("skip-override")]: true, [Symbol.for("fastify.display-name")]: name });
}

/** Names a plugin whose routes, hooks and parsers stay in its own context (Fastify's default encapsulation). */
export function encapsulated<Options extends FastifyPluginOptions>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, { [Symbol.for("fastify.display-name")]: name });
}
