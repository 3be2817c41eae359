/**
 * The header of each rule family module (`src/rules/*-rules.ts`) lists its rules by number and id
 * (issue 11, "the code cites its own docs"); this test keeps the lists true when a rule is added,
 * moved or renumbered.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/index";

const RULES_DIR = join(__dirname, "../../src/rules");
const families = readdirSync(RULES_DIR).filter((name) => name.endsWith("-rules.ts"));

describe("the header of each rule family", () => {
  it("covers all 34 rules, each once", () => {
    const listed = families.flatMap((name) => headerRows(readFileSync(join(RULES_DIR, name), "utf8")).map(([, id]) => id));
    expect([...listed].sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  for (const name of families) {
    it(`${name} lists the rules it defines, with their numbers in docs/rules.md`, () => {
      const source = readFileSync(join(RULES_DIR, name), "utf8");
      const defined = [...source.matchAll(/define(?:Detailed)?Rule\(\{\s*id: "([^"]+)"/g)].map((match) => match[1]!);
      expect(headerRows(source)).toEqual(defined.map((id) => [RULES.findIndex((rule) => rule.id === id) + 1, id]));
    });
  }
});

/** The `| number | id |` rows of a module's first comment. */
function headerRows(source: string): [number, string][] {
  const header = source.slice(0, source.indexOf("*/"));
  return [...header.matchAll(/^ \* \| (\d+) \| `([^`]+)` \|$/gm)].map((match) => [Number(match[1]), match[2]!]);
}
