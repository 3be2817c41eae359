import { defineConfig } from "tsup";

export default defineConfig([{
  entry: { index: "src/index.ts", arbitraries: "src/arbitraries/index.ts", store: "src/store/index.ts", "store-postgres": "src/store/postgres/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: ["!cli.js"], // the CLI build writes cli.js into the same folder concurrently
  sourcemap: true,
  target: "node20",
}, {
  // The CLI: one ESM file with its shebang, no types; `bin` in package.json points at it.
  entry: { cli: "src/cli/main.ts" },
  format: ["esm"],
  clean: false,
  target: "node20",
}]);
