import { MATRIX_ENGINE_VERSIONS, MATRIX_NOW, METHOD_COLUMNS, capabilityMatrix, type CellOutcome, type MatrixRow } from "./capability-matrix";
import { anchor, code } from "./markdown";

/**
 * The capability matrix as Markdown: a sentence on how it was computed, then the table. Each
 * refusal links to its rule at `linkBase#rule-…` (`""` inside docs/rules.md, `docs/rules.md`
 * from the README).
 */
export function renderMatrix(linkBase: string): string[] {
  const versions = Object.entries(MATRIX_ENGINE_VERSIONS).map(([engine, version]) => `${engine} ${version}`);
  return [
    `Which BackupMethod each engine and storage class accepts. Each cell is one \`createBackup\` call at ${MATRIX_NOW} on the sample instance ` +
      `(Running, databases \`orders\` and \`users\`, no jobs) with the engine (${versions.join(", ")}) and the storage type, for every storage type of the class; ` +
      "the request is `Action=CreateBackup&DBInstanceId=rm-demo` with the column's BackupMethod. A refusal names its rule.",
    "",
    `| engine | storage | ${METHOD_COLUMNS.map((method) => (method === undefined ? "BackupMethod absent" : method)).join(" | ")} |`,
    `|---|---|${METHOD_COLUMNS.map(() => "---").join("|")}|`,
    ...capabilityMatrix().map(
      (row) => `| ${row.engine} | ${row.storage.name} (${row.storage.storageTypes.join(", ")}) | ${row.cells.map((outcomes) => renderCell(outcomes, linkBase)).join(" | ")} |`,
    ),
  ];
}

function renderCell(outcomes: MatrixRow["cells"][number], linkBase: string): string {
  const distinct = [...new Set(outcomes.map(({ outcome }) => renderOutcome(outcome, linkBase)))];
  if (distinct.length === 1) return distinct[0] ?? "";
  return outcomes.map(({ storageType, outcome }) => `${storageType}: ${renderOutcome(outcome, linkBase)}`).join("<br>");
}

function renderOutcome(outcome: CellOutcome, linkBase: string): string {
  return outcome.ok ? `accepted (${outcome.method})` : `refused: [${code(outcome.rule)}](${linkBase}#${anchor(outcome.rule)})`;
}
