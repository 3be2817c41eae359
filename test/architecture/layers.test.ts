/**
 * The layer order of `src/`, enforced (docs/architecture.md): a folder may import its own files and
 * the folders below it, never one above it, and no file imports itself back through others. Without
 * this test, folders drifted into import loops (the worked examples importing the decisions they
 * illustrate, the lifecycle and the reducer importing each other).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Each top-level part of `src/`, by rank: a part may import parts of the same or a lower rank. */
const LAYERS: Readonly<Record<string, number>> = {
  domain: 0, // vocabulary, public types, the job-status graph, the rule set's version
  time: 1, // instants, time zones, the policy day
  text: 1, // quoting, lists, nearest names
  input: 2, // edge parsers: untrusted arguments → typed values
  rules: 3, // the catalog: one value per rule
  engine: 4, // derived facts, the walker, the accepted state (immer)
  decisions: 5, // createBackup, listViolations, advanceBackupJob, parseInstanceState, toErrorResponse
  examples: 6, // the worked example of every rule, run through the decisions
  arbitraries: 6, // fast-check arbitraries (the `rds-backup-rules/arbitraries` entry)
  "index.ts": 7, // the root entry: the public API of the core
  store: 8, // the commit loop over a state store, and its adapters
  server: 9, // `serve`: the RDS-shaped HTTP endpoint
  cli: 10, // the command line
};

const SRC = join(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** The `src/`-relative files a file imports (static, type-only, re-exports and dynamic imports); not those its TSDoc examples show. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    const base = normalize(join(dirname(relative(SRC, file)), spec)).replace(/\.js$/, "");
    return [`${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? `${base} (unresolved)`;
  });
}

const partOf = (path: string) => path.split("/")[0]!;

const files = sourceFiles(SRC).map((file) => relative(SRC, file));
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(join(SRC, file), known)]));

describe("the layers of src/", () => {
  it("places every top-level folder and file of src/ in the order", () => {
    const parts = [...new Set(files.map(partOf))];
    expect(parts.filter((part) => LAYERS[part] === undefined)).toEqual([]);
  });

  it("resolves every relative import to a file of src/", () => {
    const unresolved = [...graph].flatMap(([file, targets]) => targets.filter((t) => t.endsWith("(unresolved)")).map((t) => `${file} → ${t}`));
    expect(unresolved).toEqual([]);
  });

  it("never imports a folder above the importer", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => partOf(target) !== partOf(file) && (LAYERS[partOf(target)] ?? Infinity) >= (LAYERS[partOf(file)] ?? -1))
        .map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("reaches the core from the store only through the root entry, as an adapter outside this repository would", () => {
    const inward = [...graph].flatMap(([file, targets]) =>
      partOf(file) === "store" ? targets.filter((target) => partOf(target) !== "store" && target !== "index.ts").map((target) => `${file} → ${target}`) : [],
    );
    expect([...graph.keys()].some((file) => partOf(file) === "store")).toBe(true);
    expect(inward).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
