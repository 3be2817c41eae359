/**
 * `npm run docs` writes docs/rules.md and the README's capability matrix from the library itself;
 * `npm run docs:check` (`--check`) writes nothing and exits 1 with a difference summary when
 * either is stale. `--rules-doc PATH` and `--readme PATH` point at other files (the tests use copies).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runDocs } from "./docs/docs-command";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { check: { type: "boolean", default: false }, "rules-doc": { type: "string" }, readme: { type: "string" } },
});
const outcome = runDocs({
  check: values.check,
  paths: { rulesDoc: resolve(root, values["rules-doc"] ?? "docs/rules.md"), readme: resolve(root, values.readme ?? "README.md") },
});
(outcome.exitCode === 0 ? console.log : console.error)(outcome.message);
process.exitCode = outcome.exitCode;
