import { parseArgs, type ParseArgsConfig } from "node:util";
import { nearestName } from "../index";
import { CliUsageError, firstLine } from "./cli-io";

/**
 * Parses a command's arguments strictly with `node:util` parseArgs: an unknown option or a
 * missing option value becomes a one-line usage error naming the command; an unknown option gets
 * the nearest of the command's options suggested, as the rule set suggests parameter names.
 *
 * @example
 * ```ts
 * import { parseCommandArgs } from "./parse-command-args";
 *
 * const { values, positionals } = parseCommandArgs("rules", ["--json"], { json: { type: "boolean" } });
 * expect(values.json).toBe(true);
 * expect(positionals).toEqual([]);
 * expect(() => parseCommandArgs("rules", ["--jsn"], { json: { type: "boolean" } })).toThrow("rules: Unknown option '--jsn'; did you mean --json?");
 * expect(() => parseCommandArgs("rules", ["--colour"], { json: { type: "boolean" } })).toThrow(/^rules: Unknown option '--colour'$/);
 * ```
 */
export function parseCommandArgs<const Options extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: readonly string[],
  options: Options,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages add a second sentence about `--`; the first one names the problem.
    const problem = firstLine(error).split(". To specify")[0] ?? "";
    throw new CliUsageError(`${command}: ${problem}${optionSuggestion(error, Object.keys(options))}`);
  }
}

/** "; did you mean --port?" for an unknown long option near one of the command's. */
function optionSuggestion(error: unknown, known: readonly string[]): string {
  if ((error as { code?: unknown }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return "";
  const given = /Unknown option '--([^'=]+)/.exec(firstLine(error))?.[1];
  const nearest = given === undefined ? undefined : nearestName(given, known);
  return nearest === undefined ? "" : `; did you mean --${nearest}?`;
}
