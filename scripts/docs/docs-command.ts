import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describeDifference } from "./compare-docs";
import { replaceRegion } from "./generated-region";
import { renderMatrix } from "./render-matrix";
import { renderRulesDoc } from "./render-rules-doc";

/**
 * The address of a file of the repository on its host, from package.json `repository`.
 *
 * @example
 * ```ts
 * expect(repositoryFileUrl("docs/rules.md")).toMatch(/^https:\/\/.+\/blob\/main\/docs\/rules\.md$/);
 * ```
 */
export function repositoryFileUrl(path: string): string {
  const { repository } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { repository: { url: string } };
  return `${repository.url.replace(/^git\+/, "").replace(/\.git$/, "")}/blob/main/${path}`;
}

/** What a docs run reports, and its exit code. */
export interface DocsOutcome {
  readonly exitCode: 0 | 1;
  readonly message: string;
}

/** Where the docs go: the generated rules doc, and the README whose capability-matrix region is generated. */
export interface DocsPaths {
  readonly rulesDoc: string;
  readonly readme: string;
}

/**
 * Writes docs/rules.md and the README's generated capability matrix, or with `check` writes
 * nothing and fails (exit code 1, with a difference summary per file) when either is stale.
 */
export function runDocs(options: { readonly check: boolean; readonly paths: DocsPaths }): DocsOutcome {
  const { rulesDoc, readme } = options.paths;
  if (!existsSync(readme)) return { exitCode: 1, message: `${readme} is missing` };
  const currentReadme = readFileSync(readme, "utf8");
  let expectedReadme: string;
  try {
    // The README is also read on the npm page, where only absolute links work.
    expectedReadme = replaceRegion(currentReadme, "capability-matrix", renderMatrix(repositoryFileUrl("docs/rules.md")).join("\n"));
  } catch (error) {
    return { exitCode: 1, message: `${readme}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const files = [
    { path: rulesDoc, current: existsSync(rulesDoc) ? readFileSync(rulesDoc, "utf8") : undefined, expected: renderRulesDoc() },
    { path: readme, current: currentReadme, expected: expectedReadme },
  ];
  if (!options.check) {
    for (const file of files) writeFileSync(file.path, file.expected);
    return { exitCode: 0, message: `wrote ${rulesDoc} and the capability matrix in ${readme}` };
  }
  const problems = files.flatMap(({ path, current, expected }) => {
    if (current === undefined) return [`${path} is missing`];
    const difference = describeDifference(current, expected);
    return difference === undefined ? [] : [`${path} is stale.\n${difference}`];
  });
  return problems.length === 0
    ? { exitCode: 0, message: `${rulesDoc} and ${readme} are up to date.` }
    : { exitCode: 1, message: `${problems.join("\n")}\nRun \`npm run docs\` and commit the result.` };
}
