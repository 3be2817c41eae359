/**
 * The pure core, checked in its source: no file of `src/` outside the edges that talk to the
 * world (the CLI, the server, the store adapters) reads a clock, randomness, `console`, `process`
 * or a Node.js I/O module. The behavioural side (inputs never mutated, same arguments, same
 * result) is in test/purity.test.ts and test/purity.properties.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "../../src");
/** The edges: they are given the world, and hand the core only values. */
const EDGES = ["cli/", "server/", "store/postgres/", "playground/"];
const IMPURE: ReadonlyArray<readonly [string, RegExp]> = [
  ["the clock", /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bperformance\.now\s*\(/],
  ["randomness", /\bMath\.random\s*\(|\bcrypto\.(?:randomUUID|getRandomValues)\s*\(/],
  ["the console", /\bconsole\./],
  ["the process", /\bprocess\./],
  ["a Node.js module", /from\s+["'](?:node:)?(?:fs|fs\/promises|child_process|net|http|https|os|crypto)["']/],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** A file's code without its comments (the TSDoc examples may show `new Date()` to a reader). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

describe("the pure core", () => {
  const core = sourceFiles(SRC)
    .map((file) => relative(SRC, file))
    .filter((file) => !EDGES.some((edge) => file.startsWith(edge)));

  it("covers the decisions, the engine, the rules and the parsers", () => {
    for (const part of ["decisions/", "engine/", "rules/", "input/", "time/"])
      expect(core.some((file) => file.startsWith(part))).toBe(true);
  });

  it("reads no clock, randomness, console, process or I/O", () => {
    const found = core.flatMap((file) => {
      const text = code(readFileSync(join(SRC, file), "utf8"));
      return IMPURE.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${file} reads ${what}`);
    });
    expect(found).toEqual([]);
  });
});
