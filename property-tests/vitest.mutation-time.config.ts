import { defineConfig } from "vitest/config";
import base from "./vitest.mutation.config";

/**
 * A narrower test set for mutation runs over the time code (`src/time/`) and the job lifecycle
 * (`src/domain/job-transitions.ts`, `src/engine/next-state.ts`, `src/engine/retention.ts`,
 * `src/decisions/advance-backup-job.ts`): only the tests of those subjects, with the mutation
 * budget. Every decision reads the clock and the policy day, so under the full set each surviving
 * time mutant would run the whole suite. A score measured with this set is a lower bound of the
 * full set's. Use: `npx stryker run stryker.time.config.mjs --mutate src/time/policy-day.ts`.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "test/time/**/*.test.ts",
      "test/rules/quota.test.ts",
      "test/lifecycle.test.ts",
      "test/review-defects.test.ts",
      "test/purity.test.ts",
      "test/doc-examples.test.ts",
      "property-tests/time-zones.test.ts",
      "property-tests/iso-instant.test.ts",
      "property-tests/model-based.test.ts",
    ],
  },
});
