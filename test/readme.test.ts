/**
 * README.md is what a newcomer trusts first. Every TypeScript snippet in it is type-checked against
 * the package's own source, as a user's project would see it: `rds-backup-rules` and its subpath
 * entries resolve to `src/` (each must also be an entry of package.json `exports`), `fast-check`
 * and `vitest` to the installed packages. A snippet may start with `// file: NAME.ts`; the others
 * can then import it as `./NAME`. The snippets that declare tests with vitest's `it` also run, and
 * those tests must pass. Links must work where the README is read, on the npm page too: absolute, and those
 * into the repository name an existing file under package.json `repository`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { SEED } from "../property-tests/settings";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
};

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** The README's ```ts blocks, each as a module file in a folder of their own. */
function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const match of readme.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
    const code = match[1] ?? "";
    const named = /^\/\/ file: ([\w.-]+\.ts)\n/.exec(code)?.[1];
    const line = readme.slice(0, match.index).split("\n").length;
    found.push({
      file: join(root, "readme-snippets", named ?? `snippet-at-line-${line}.ts`),
      line,
      code: /^\s*(import|export) /m.test(code) ? code : `${code}\nexport {};\n`,
    });
  }
  return found;
}

/** Type-checks the snippets together (one program, so that one can import another) and returns each one's errors. */
function typeCheck(all: readonly Snippet[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    baseUrl: root,
    paths: { [packageJson.name]: ["src/index.ts"], [`${packageJson.name}/*`]: ["src/*/index.ts"] },
  };
  const byFile = new Map(all.map((snippet) => [snippet.file, snippet.code]));
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const folder = join(root, "readme-snippets");
  host.fileExists = (file) => byFile.has(file) || fileExists(file);
  host.directoryExists = (directory) => directory === folder || ts.sys.directoryExists(directory);
  host.readFile = (file) => byFile.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const code = byFile.get(file);
    return code === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, code, language, true);
  };
  const program = ts.createProgram([...byFile.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const snippet of all) {
    const source = program.getSourceFile(snippet.file);
    const diagnostics = source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    errors.set(
      snippet.file,
      diagnostics.map((diagnostic) => {
        const at =
          diagnostic.start === undefined || source === undefined ? undefined : source.getLineAndCharacterOfPosition(diagnostic.start);
        const where = at === undefined ? "" : `README.md line ${snippet.line + at.line + 1}: `;
        return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
      }),
    );
  }
  return errors;
}

/** Stands in for vitest in the snippets that run: `it` collects the tests, which this file then runs. */
const VITEST_SHIM = `import { expect } from "vitest";
export { expect };
export const declared = [];
export function it(name, body) { declared.push([name, body]); }
export const test = it;
`;

/** A scratch folder inside the project (so that vitest transforms its TypeScript), removed at the end. */
let scratch: string | undefined;
afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** Writes the snippets as modules of the scratch folder, the package and vitest imported as this repository's, and imports them. */
async function runSnippets(all: readonly Snippet[]): Promise<[string, () => unknown][]> {
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  scratch = mkdtempSync(join(cache, "readme-snippets-"));
  writeFileSync(join(scratch, "vitest-shim.js"), VITEST_SHIM);
  for (const snippet of all) {
    const code = snippet.code
      .replace(new RegExp(`from "${packageJson.name}"`, "g"), `from ${JSON.stringify(join(root, "src/index.ts"))}`)
      .replace(
        new RegExp(`from "${packageJson.name}/([\\w/-]+)"`, "g"),
        (_, entry: string) => `from ${JSON.stringify(join(root, "src", entry, "index.ts"))}`,
      )
      .replace(/from "vitest"/g, 'from "./vitest-shim.js"');
    writeFileSync(join(scratch, basename(snippet.file)), code);
  }
  // The snippets that declare tests run (importing the others they need); fragments only type-check.
  for (const snippet of all.filter(({ code }) => code.includes('from "vitest"')))
    await import(pathToFileURL(join(scratch, basename(snippet.file))).href);
  const shim = (await import(pathToFileURL(join(scratch, "vitest-shim.js")).href)) as { declared: [string, () => unknown][] };
  return shim.declared;
}

describe("README.md", () => {
  const all = snippets();

  it("has TypeScript snippets, among them the first example and the property-test example", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.some((snippet) => snippet.code.includes(`from "${packageJson.name}/arbitraries"`))).toBe(true);
  });

  it("imports only the package's published entries", () => {
    const entries = new Set(Object.keys(packageJson.exports).map((entry) => `${packageJson.name}${entry.slice(1)}`));
    for (const snippet of all) {
      for (const [, specifier] of snippet.code.matchAll(/from "([^"]+)"/g)) {
        if (specifier === packageJson.name || specifier?.startsWith(`${packageJson.name}/`))
          expect(entries, `README.md line ${snippet.line}`).toContain(specifier);
      }
    }
  });

  // One program for the README's snippets and a broken one, which shows that the check can fail.
  const broken = {
    file: join(root, "readme-snippets", "broken.ts"),
    line: 1,
    code: 'import { createBackup } from "rds-backup-rules";\nexport const decision: string = createBackup({}, "", { now: new Date() });\n',
  };
  let checked: Map<string, string[]> | undefined;
  const errorsOf = (file: string) => (checked ??= typeCheck([...all, broken])).get(file) ?? [];

  it("has snippets that type-check against the package's own source", () => {
    expect(all.flatMap((snippet) => errorsOf(snippet.file))).toEqual([]);
  });

  it("has snippets whose tests pass when they run (the property tests of the handler)", async () => {
    // The snippets' properties run with the project's fixed seed, as every property here does.
    const global = fc.readConfigureGlobal();
    fc.configureGlobal({ ...global, seed: SEED });
    try {
      const declared = await runSnippets(all);
      expect(declared.length).toBeGreaterThan(0);
      for (const [name, body] of declared) {
        try {
          await body();
        } catch (error) {
          throw new Error(`README test "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      fc.configureGlobal(global);
    }
  });

  it("catches a snippet that does not compile (the check itself works)", () => {
    expect(errorsOf(broken.file).join("\n")).toMatch(/not assignable/);
  });

  it("links only to absolute addresses, and into the repository only to files that exist", () => {
    const repository = packageJson.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      if (link.startsWith("#")) continue; // a heading of the README itself
      expect(link, link).toMatch(/^https:\/\//);
      if (!link.startsWith(`${repository}/`)) continue;
      const path = /^\/blob\/main\/([^#]+)/.exec(link.slice(repository.length))?.[1];
      expect(path, link).toBeDefined();
      expect(existsSync(join(root, path ?? "")), link).toBe(true);
    }
  });

  it("names no file outside the repository, and the package's addresses agree with each other", () => {
    expect(readme).not.toMatch(/\.\.\/shared|create-backup\.md|rds-facts\.md/);
    const repository = packageJson.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(packageJson.homepage.startsWith(repository)).toBe(true);
    expect(packageJson.bugs.url).toBe(`${repository}/issues`);
  });
});
