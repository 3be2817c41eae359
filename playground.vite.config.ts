import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * The playground page (src/playground/), built into dist/playground/: a static folder that works
 * from any host, at any path (relative asset URLs), and makes no request of its own after it loads.
 * `npm run playground` serves it with Vite's dev server; `npm run build` builds it after tsup.
 */

/** What the built page may load: its own script, style and icon; no connection, no form (a meta tag cannot set frame-ancestors). */
export const PLAYGROUND_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "base-uri 'none'; form-action 'none'";

/** The built page carries its policy in a meta tag (the dev server's client needs a WebSocket). */
function contentSecurityPolicy(): Plugin {
  return {
    name: "playground-csp",
    apply: "build",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: PLAYGROUND_CSP }, injectTo: "head-prepend" },
    ],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL("./src/playground", import.meta.url)),
  base: "./",
  plugins: [contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL("./dist/playground", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    reportCompressedSize: true,
  },
  server: { host: "127.0.0.1" },
});
