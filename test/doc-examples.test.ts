/**
 * Every TSDoc example in `src/` is a test, and can be copied: this file extracts each ```ts block
 * from the doc comments, resolves the imports it opens with — the package's entry points
 * (`rds-backup-rules`, `rds-backup-rules/arbitraries`, `…/store`, `…/store/postgres`, `…/server`, `…/server/errors`, `…/examples`) to their
 * source, a relative path to the module beside the example — compiles it with TypeScript, and runs
 * it with exactly the names it imports in scope, vitest's `expect` and fast-check as `fc`
 * (decision 0117). A name the example uses without importing it fails the example, as it would fail
 * a user who copied it, and so does a public name imported from its module path.
 */
import fc from "fast-check";
import { posix } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>("../src/**/*.ts", { query: "?raw", import: "default", eager: true });
const modules = import.meta.glob<Record<string, unknown>>("../src/**/*.ts");

/** The package's entry points, as a user imports them, and their source. */
const ENTRIES: Readonly<Record<string, string>> = {
  "rds-backup-rules": "../src/index.ts",
  "rds-backup-rules/arbitraries": "../src/arbitraries/index.ts",
  "rds-backup-rules/store": "../src/store/index.ts",
  "rds-backup-rules/store/postgres": "../src/store/postgres/index.ts",
  "rds-backup-rules/server": "../src/server/index.ts",
  "rds-backup-rules/server/errors": "../src/server/errors/index.ts",
  "rds-backup-rules/examples": "../src/examples/index.ts",
};

const EXAMPLE = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;

/** An example's opening import: `import { a, b as c, type T } from "rds-backup-rules";`. */
const IMPORT_LINE = /^import\s+\{([^}]*)\}\s+from\s+["']([^"']+)["'];?$/;

interface Example {
  /** The names imported, each with the module it comes from and the name it has there. */
  readonly imports: readonly { readonly local: string; readonly exported: string; readonly module: string }[];
  readonly code: string;
}

function examplesOf(path: string, source: string): Example[] {
  return [...source.matchAll(EXAMPLE)].map(([, body]) => {
    const lines = (body ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, ""));
    const imports: { local: string; exported: string; module: string }[] = [];
    while (lines.length > 0 && IMPORT_LINE.test(lines[0]!)) {
      const [, names, specifier] = IMPORT_LINE.exec(lines.shift()!)!;
      for (const part of names!.split(",").map((name) => name.trim())) {
        if (part === "" || part.startsWith("type ")) continue;
        const [exported, local = exported] = part.split(/\s+as\s+/) as [string, string?];
        imports.push({ local, exported, module: moduleOf(path, specifier!) });
      }
    }
    return { imports, code: lines.join("\n") };
  });
}

/** The `import.meta.glob` key of the module a specifier names, from the example's file. */
function moduleOf(path: string, specifier: string): string {
  const entry = ENTRIES[specifier];
  if (entry !== undefined) return entry;
  if (!specifier.startsWith(".")) return `${specifier} (not an entry point of the package)`;
  const base = posix.join(posix.dirname(path), specifier);
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => candidate in modules) ?? `${base} (no such module)`;
}

function compile(code: string): string {
  return ts.transpileModule(`(async () => {\n${code}\n})()`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
}

const withExamples = Object.entries(sources)
  .map(([path, source]) => [path, examplesOf(path, source)] as const)
  .filter(([, examples]) => examples.length > 0);

describe("TSDoc examples", () => {
  it("exist for the public API", () => {
    expect(withExamples.length).toBeGreaterThan(20);
  });

  it("open with their imports: the package's entry points for what it exports, a module path for internals", () => {
    const bare = withExamples.flatMap(([path, examples]) =>
      examples.flatMap((example, index) => (example.imports.length === 0 ? [`${path.replace("../", "")} example ${index + 1}`] : [])),
    );
    expect(bare).toEqual([]);
  });

  for (const [path, examples] of withExamples) {
    examples.forEach((example, index) => {
      it(`${path.replace("../", "")} example ${index + 1}`, async () => {
        const names: string[] = [];
        const values: unknown[] = [];
        for (const { local, exported, module } of example.imports) {
          const load = modules[module];
          expect(load, `${module}: the module imported`).toBeDefined();
          const loaded = await load!();
          expect(Object.hasOwn(loaded, exported), `${exported} is exported by ${module}`).toBe(true);
          if (!Object.values(ENTRIES).includes(module)) {
            const entries = await Promise.all(
              Object.entries(ENTRIES).map(async ([specifier, entry]) => [specifier, await modules[entry]!()] as const),
            );
            const publicEntry = entries.find(([, exports]) => Object.hasOwn(exports, exported) && exports[exported] === loaded[exported]);
            expect(publicEntry?.[0], `${exported} is public: import it from the package, as a user would`).toBeUndefined();
          }
          names.push(local);
          values.push(loaded[exported]);
        }
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running each TSDoc example is this test's purpose
        const run = new Function("expect", "fc", ...names, `return ${compile(example.code)}`) as (...args: unknown[]) => Promise<void>;
        await run(expect, fc, ...values);
      });
    });
  }
});
