/**
 * Every TSDoc example in `src/` is a test: this file extracts each ```ts block from the doc
 * comments, compiles it with TypeScript, and runs it with the exports of every `src` module in
 * scope (a module's own exports first), vitest's `expect` and fast-check as `fc`.
 */
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>("../src/**/*.ts", { query: "?raw", import: "default", eager: true });
const modules = import.meta.glob<Record<string, unknown>>("../src/**/*.ts");

const EXAMPLE = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;

/** An example's opening imports (`import { x } from "rds-backup-rules/store";`): every export is already in scope. */
const IMPORT_LINE = /^import\s[^;]*\sfrom\s+["'][^"']+["'];?$/;

function examplesOf(source: string): string[] {
  return [...source.matchAll(EXAMPLE)].map(([, body]) =>
    (body ?? "")
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .filter((line) => !IMPORT_LINE.test(line))
      .join("\n"),
  );
}

function compile(code: string): string {
  return ts.transpileModule(`(async () => {\n${code}\n})()`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
}

const withExamples = Object.entries(sources).filter(([, source]) => examplesOf(source).length > 0);

describe("TSDoc examples", () => {
  it("exist for the public API", () => {
    expect(withExamples.length).toBeGreaterThan(20);
  });

  for (const [path, source] of withExamples) {
    examplesOf(source).forEach((example, index) => {
      it(`${path.replace("../", "")} example ${index + 1}`, async () => {
        const scope: Record<string, unknown> = {};
        for (const load of Object.values(modules)) Object.assign(scope, await load());
        Object.assign(scope, await (modules[path] as () => Promise<Record<string, unknown>>)());
        const names = Object.keys(scope).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
        const run = new Function("expect", "fc", ...names, `return ${compile(example)}`) as (...args: unknown[]) => Promise<void>;
        await run(expect, fc, ...names.map((name) => scope[name]));
      });
    });
  }
});
