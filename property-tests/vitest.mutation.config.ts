import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (`npm run mutation`): the example tests and the
 * property tests, without the CLI tests (they spawn the built CLI, which mutants do not reach),
 * with the lighter property budget of `settings.ts` (MUTATION_RUN).
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "property-tests/**/*.test.ts"],
    exclude: ["test/cli/**", "test/store-postgres/**", "**/node_modules/**"],
    testTimeout: 120_000,
    env: { RDS_PROPERTY_BUDGET: "mutation" },
    // One module graph for all test files: a mutant is switched on at run time, so nothing needs
    // re-importing between files, and the run per mutant is several times shorter.
    isolate: false,
  },
});
