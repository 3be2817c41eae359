import { Engine } from "json-rules-engine";
import type { CreateBackupRuleId } from "../../src/index";
import { FACTS, type RawArguments } from "./facts";
import { JSON_RULES } from "./rules";

/**
 * A json-rules-engine `Engine` holding the 31 rules and their facts, and a `decide` function that
 * runs it on one decision's arguments. The engine stops at the first rule that fires (the
 * fastest a json-rules-engine encoding can go); `engine.stop()` is engine-wide, so this engine
 * must not run two decisions at once — the bench awaits each.
 */
export function jsonRulesEngineValidator(): (args: RawArguments) => Promise<CreateBackupRuleId | null> {
  const engine = new Engine([...JSON_RULES], { allowUndefinedFacts: false });
  for (const [id, compute] of Object.entries(FACTS)) engine.addFact(id, (_params, almanac) => compute(almanac));
  engine.on("success", () => {
    engine.stop();
  });
  return async (args) => {
    const { events } = await engine.run({ ...args });
    return (events[0]?.type as CreateBackupRuleId | undefined) ?? null;
  };
}
