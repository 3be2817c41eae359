import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      arbitraries: "src/arbitraries/index.ts",
      examples: "src/examples/index.ts",
      store: "src/store/index.ts",
      "store-postgres": "src/store/postgres/index.ts",
      server: "src/server/index.ts",
      "server-errors": "src/server/errors/index.ts", // the server's refusals without fastify (the CLI's `explain`)
    },
    format: ["esm", "cjs"],
    dts: true,
    clean: ["!cli.js", "!cli-*.js"], // the CLI build writes cli.js and its chunks into the same folder concurrently
    sourcemap: true,
    target: "node20",
  },
  {
    // The CLI: ESM with its shebang, no types; `bin` in package.json points at cli.js. `serve` loads
    // the server (Fastify, prom-client: optional peers) through a dynamic import, split into cli-*.js
    // chunks, so the other commands run without the HTTP stack installed (npm run check:package).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    splitting: true,
    clean: false,
    target: "node20",
    esbuildOptions(options) {
      options.chunkNames = "cli-[name]-[hash]";
    },
  },
]);
