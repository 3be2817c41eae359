// Mutation testing of the decision core (issue 3): `npm run mutation`.
// Mutates src/ except the CLI, the published arbitraries and the PostgreSQL adapter (its tests need a
// server: `npm run test:store`), and runs the example tests and the
// property tests (through property-tests/vitest.mutation.config.ts) against each mutant.
// Reports: reports/mutation/mutation.html and .json. Slow: about an hour on 2 cores.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "property-tests/vitest.mutation.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["src/**/*.ts", "!src/cli/**", "!src/arbitraries/**", "!src/store/postgres/**"],
  coverageAnalysis: "perTest",
  // Module-level values (rule titles and descriptions, vocabulary lists) are evaluated once at
  // import, so a mutant there would need the whole suite to run for each; they are reported as
  // ignored. Their content is checked by the generated docs (`npm run docs:check`).
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
