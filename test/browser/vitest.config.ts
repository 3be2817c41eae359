import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The browser tests of the playground (`npm run test:browser`): Playwright driving Debian's
 * Chromium over the built page (dist/playground/). Their files end in `.spec.ts`, so the core
 * project (`npm test`, `test/**\/*.test.ts`) never runs them: they need the build and a browser.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    name: "browser",
    include: ["test/browser/**/*.spec.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
