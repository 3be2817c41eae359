import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliUsageError, firstLine } from "./cli-io";

/**
 * Parses a command's arguments strictly with `node:util` parseArgs: an unknown option or a
 * missing option value becomes a one-line usage error naming the command.
 *
 * @example
 * ```ts
 * import { parseCommandArgs } from "./parse-command-args";
 *
 * const { values, positionals } = parseCommandArgs("rules", ["--json"], { json: { type: "boolean" } });
 * expect(values.json).toBe(true);
 * expect(positionals).toEqual([]);
 * expect(() => parseCommandArgs("rules", ["--jsn"], { json: { type: "boolean" } })).toThrow("rules: Unknown option '--jsn'");
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
    throw new CliUsageError(`${command}: ${firstLine(error).split(". To specify")[0] ?? ""}`);
  }
}
