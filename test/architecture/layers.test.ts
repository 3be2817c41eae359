/**
 * The layer order of `src/`, enforced (docs/architecture.md): a folder may import its own files and
 * the folders below it, never one above it, and no file imports itself back through others. Without
 * this test, folders drifted into import loops (the worked examples importing the decisions they
 * illustrate, the lifecycle and the reducer importing each other). Above the root entry, the store
 * and the CLI reach the rest of the package through its public entries only.
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
  playground: 10, // the rule set in a browser (spec playground.md)
};

/** The parts above the root entry that reach the rest of the package only through its public entries, as a program outside this repository would. */
const PUBLIC_API_USERS = ["server", "cli", "playground"];

const SRC = join(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** A file's code without its comments (its TSDoc examples import what a user would). */
const codeOf = (file: string) => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** The `src/`-relative files a file imports (static, type-only, re-exports and dynamic imports); not those its TSDoc examples show. */
function importsOf(file: string, known: ReadonlySet<string>, only: "all" | "static" = "all"): string[] {
  const pattern =
    only === "all" ? /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g : /(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g;
  // Assets a bundler imports (the playground's `./styles.css`) are not modules of the layers.
  const specifiers = [...codeOf(file).matchAll(pattern)].map((m) => m[1]!).filter((spec) => !/\.(?:css|html|svg|json)$/.test(spec));
  return specifiers.map((spec) => {
    const base = normalize(join(dirname(relative(SRC, file)), spec)).replace(/\.js$/, "");
    return [`${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? `${base} (unresolved)`;
  });
}

const partOf = (path: string) => path.split("/")[0]!;

const files = sourceFiles(SRC).map((file) => relative(SRC, file));
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(join(SRC, file), known)]));
/** The imports that load when the importer loads: all but `import("…")`. */
const staticGraph = new Map(files.map((file) => [file, importsOf(join(SRC, file), known, "static")]));

/** The package's public entries, from package.json `exports`: "." is src/index.ts, "./x" is src/x/index.ts. */
const exportsField = (JSON.parse(readFileSync(join(SRC, "../package.json"), "utf8")) as { exports: Record<string, unknown> }).exports;
const PUBLIC_ENTRIES = Object.keys(exportsField)
  .filter((entry) => entry !== "./package.json")
  .map((entry) => (entry === "." ? "index.ts" : `${entry.slice(2)}/index.ts`));

/** The files a file loads with it, itself included, following static imports only. */
function loadedWith(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (at: string) => {
    if (seen.has(at)) return;
    seen.add(at);
    for (const target of staticGraph.get(at) ?? []) visit(target);
  };
  visit(file);
  return seen;
}

/** A value import (not `import type`) of the HTTP stack, which the package does not install (optional peers). */
const HTTP_STACK =
  /\bimport\s+(?!type\b)[^;]*?\bfrom\s*["'](?:fastify|prom-client)(?:\/[^"']*)?["']|\brequire\s*\(\s*["'](?:fastify|prom-client)/;

describe("the layers of src/", () => {
  it("places every top-level folder and file of src/ in the order", () => {
    const parts = [...new Set(files.map(partOf))];
    expect(parts.filter((part) => LAYERS[part] === undefined)).toEqual([]);
  });

  it("resolves every relative import to a file of src/", () => {
    const unresolved = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => t.endsWith("(unresolved)")).map((t) => `${file} → ${t}`),
    );
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
      partOf(file) === "store"
        ? targets.filter((target) => partOf(target) !== "store" && target !== "index.ts").map((target) => `${file} → ${target}`)
        : [],
    );
    expect([...graph.keys()].some((file) => partOf(file) === "store")).toBe(true);
    expect(inward).toEqual([]);
  });

  it("reaches the rest of the package from the server, the CLI and the playground only through its public entries, as a program written outside this repository would", () => {
    expect(PUBLIC_ENTRIES).toEqual(
      expect.arrayContaining(["index.ts", "store/index.ts", "server/index.ts", "server/errors/index.ts", "examples/index.ts"]),
    );
    for (const entry of PUBLIC_ENTRIES) expect(known.has(entry), `${entry} is a file of src/`).toBe(true);
    const inward = [...graph].flatMap(([file, targets]) =>
      PUBLIC_API_USERS.includes(partOf(file))
        ? targets
            .filter((target) => partOf(target) !== partOf(file) && !PUBLIC_ENTRIES.includes(target))
            .map((target) => `${file} → ${target}`)
        : [],
    );
    expect([...graph.keys()].filter((file) => partOf(file) === "cli").length).toBeGreaterThan(10);
    expect(inward).toEqual([]);
  });

  it("loads the HTTP stack (fastify, prom-client) from the CLI only when serve imports the server entry", () => {
    const http = files.filter((file) => HTTP_STACK.test(codeOf(join(SRC, file))));
    expect(http).toContain("server/create-server.ts");
    expect(http).toContain("server/metrics.ts");
    // The CLI's program and the fastify-free catalog of the server's refusals load none of them.
    expect(
      ["cli/serve-command.ts", "server/errors/index.ts", "server/edge-errors.ts", "store/index.ts"].filter(
        (file) => !loadedWith("cli/main.ts").has(file),
      ),
    ).toEqual([]);
    for (const start of ["cli/main.ts", "server/errors/index.ts"])
      expect(
        [...loadedWith(start)].filter((file) => http.includes(file)),
        start,
      ).toEqual([]);
    expect(loadedWith("server/index.ts").has("server/create-server.ts")).toBe(true);
    expect(
      [...staticGraph].filter(([file, targets]) => partOf(file) === "cli" && targets.includes("server/index.ts")).map(([file]) => file),
    ).toEqual([]);
    expect(graph.get("cli/serve-command.ts")).toContain("server/index.ts");
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
