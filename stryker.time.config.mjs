// Scoped mutation runs over the time code and the job lifecycle (issue 11): the settings of
// stryker.config.mjs, with only the tests of those subjects (property-tests/vitest.mutation-time.config.ts).
// Pass the files with --mutate, one or two at a time:
//   npx stryker run stryker.time.config.mjs --mutate src/time/policy-day.ts
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "property-tests/vitest.mutation-time.config.ts" },
  mutate: [
    "src/time/**/*.ts",
    "src/domain/job-transitions.ts",
    "src/engine/next-state.ts",
    "src/engine/retention.ts",
    "src/decisions/advance-backup-job.ts",
  ],
};
