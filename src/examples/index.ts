/**
 * rds-backup-rules/examples: the sample instance `rm-demo` and a worked example of every rule (a
 * call refused by exactly that rule and its accepted near miss), run through the library and
 * described for people. The CLI's `check` and `explain`, the generated docs/rules.md and the
 * playground show these; a tool or a test of your own can too.
 *
 * @packageDocumentation
 */
export { SAMPLE_INSTANCE } from "./sample-instance";
export { RULE_EXAMPLES, type ExampleCall, type RuleExample } from "./rule-examples";
export { runExample } from "./run-example";
export {
  workedExample,
  changedParts,
  checkedBy,
  describeOutcome,
  partName,
  summarizeState,
  type CallPart,
  type DescribedCall,
  type WorkedExample,
} from "./worked-example";
