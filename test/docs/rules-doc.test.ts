import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilityMatrix, type CellOutcome } from "../../scripts/docs/capability-matrix";
import { repositoryFileUrl, runDocs } from "../../scripts/docs/docs-command";
import { replaceRegion } from "../../scripts/docs/generated-region";
import { renderMatrix } from "../../scripts/docs/render-matrix";
import { lifecycleDiagram } from "../../scripts/docs/lifecycle-diagram";
import { renderRulesDoc } from "../../scripts/docs/render-rules-doc";
import { RULES } from "../../src/index";

const root = resolve(import.meta.dirname, "../..");

const README_WITH_REGION = [
  "# readme",
  "",
  "<!-- generated:capability-matrix:start (npm run docs writes this part; do not edit it by hand) -->",
  "<!-- generated:capability-matrix:end -->",
  "",
].join("\n");

/** A scratch folder with a README whose generated region is empty (stale) or filled, and the rules doc as given (none if undefined). */
function scratch(rulesDoc?: string, readme: "stale" | "fresh" = "stale") {
  const folder = mkdtempSync(join(tmpdir(), "rules-doc-"));
  const paths = { rulesDoc: join(folder, "rules.md"), readme: join(folder, "README.md") };
  const matrix = renderMatrix(repositoryFileUrl("docs/rules.md")).join("\n");
  writeFileSync(paths.readme, readme === "stale" ? README_WITH_REGION : replaceRegion(README_WITH_REGION, "capability-matrix", matrix));
  if (rulesDoc !== undefined) writeFileSync(paths.rulesDoc, rulesDoc);
  return paths;
}

describe("docs:check", () => {
  it("passes on files the generator just wrote, whose README region holds the matrix", () => {
    const paths = scratch();
    expect(runDocs({ check: false, paths }).exitCode).toBe(0);
    expect(runDocs({ check: true, paths }).exitCode).toBe(0);
    expect(readFileSync(paths.readme, "utf8")).toContain("| MySQL | local disk (local_ssd, ephemeral_ssd) | accepted (Physical) |");
  });

  it("fails on a stale rules doc and says where it differs", () => {
    const lines = renderRulesDoc().split("\n");
    const at = lines.findIndex((line) => line.includes("InvalidDBName.NotFound"));
    lines[at] = lines[at]!.replace("InvalidDBName.NotFound", "InvalidDBName.Missing");
    const paths = scratch(lines.join("\n"), "fresh");
    const outcome = runDocs({ check: true, paths });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.message).toContain(`${paths.rulesDoc} is stale.`);
    expect(outcome.message).toContain(`1 of ${lines.length} lines differ`);
    expect(outcome.message).toContain(`first at line ${at + 1}`);
    expect(outcome.message).toContain("InvalidDBName.Missing");
    expect(outcome.message).not.toContain(`${paths.readme} is stale`);
  });

  it("fails when the README's generated matrix is stale, missing its markers, or the rules doc is missing", () => {
    const stale = scratch(renderRulesDoc());
    expect(runDocs({ check: true, paths: stale }).message).toContain(`${stale.readme} is stale.`);
    const markerless = scratch(renderRulesDoc());
    writeFileSync(markerless.readme, "# readme\n");
    expect(runDocs({ check: true, paths: markerless })).toMatchObject({ exitCode: 1, message: expect.stringContaining("markers") });
    const missing = scratch();
    expect(runDocs({ check: true, paths: missing })).toMatchObject({ exitCode: 1, message: expect.stringContaining(`${missing.rulesDoc} is missing`) });
  });

  it("exits non-zero from the npm script's entry point on a stale file", async () => {
    const paths = scratch(`${renderRulesDoc()}\nedited by hand\n`, "fresh");
    const status = await new Promise<number | null>((done) =>
      execFile(
        process.execPath,
        ["--import", "tsx", join(root, "scripts/generate-docs.ts"), "--check", "--rules-doc", paths.rulesDoc, "--readme", paths.readme],
        { cwd: root },
        (error) => done(error === null ? 0 : typeof error.code === "number" ? error.code : null),
      ),
    );
    expect(status).toBe(1);
  });
});

describe("docs/rules.md content", () => {
  const doc = renderRulesDoc();

  it("has every rule with its id, code, HTTP status, title and description", () => {
    for (const [index, rule] of RULES.entries()) {
      expect(doc).toContain(`### ${index + 1}. \`${rule.id}\`: ${rule.title}`);
      expect(doc).toContain(`| \`${rule.code}\` | ${rule.httpStatus} |`);
      expect(doc).toContain(rule.description);
    }
  });

  it("shows a replay as the near miss of rule 15", () => {
    const section = doc.slice(doc.indexOf("### 15."), doc.indexOf("### 16."));
    expect(section).toContain('"rule": "idempotency-key.reused"');
    expect(section).toContain('"code": "IdempotentParameterMismatch"');
    expect(section).toContain("**Near miss** (replayed: BackupJobId 1): the same call with");
  });

  it("shows each rule's example error as the library returns it (the codes of docs/rules.md)", () => {
    // Rule 29: InvalidDBName.NotFound, HTTP 404, for a DBName item that is not a database.
    const section = doc.slice(doc.indexOf("### 29."), doc.indexOf("### 30."));
    expect(section).toContain('"rule": "db-name.not-found"');
    expect(section).toContain('"code": "InvalidDBName.NotFound"');
    expect(section).toContain('"httpStatus": 404');
    expect(section).toContain("**Near miss** (accepted: BackupJobId 1): the same call with");
  });
});

describe("the capability matrix", () => {
  const cell = (outcome: CellOutcome): string => (outcome.ok ? `yes ${outcome.method}` : outcome.rule.replace(/^backup-method\./, ""));
  /** The capability matrix of the product specification, column by column: BackupMethod absent, Logical, Physical, Snapshot. */
  const SPEC: Record<string, string[]> = {
    "MySQL local disk": ["yes Physical", "yes Logical", "yes Physical", "snapshot-requires-cloud-disk"],
    "MySQL cloud disk": ["mysql-cloud-disk-uses-snapshot", "logical-requires-local-disk", "mysql-cloud-disk-uses-snapshot", "yes Snapshot"],
    "SQLServer local disk": ["yes Physical", "logical-requires-mysql", "yes Physical", "snapshot-requires-cloud-disk"],
    "SQLServer cloud disk": ["yes Physical", "logical-requires-mysql", "yes Physical", "yes Snapshot"],
    "PostgreSQL local disk": ["yes Physical", "logical-requires-mysql", "yes Physical", "snapshot-requires-cloud-disk"],
    "PostgreSQL cloud disk": ["yes Physical", "logical-requires-mysql", "yes Physical", "yes Snapshot"],
    // MariaDB on a local disk (local_ssd or ephemeral_ssd) is an invalid state.
    "MariaDB local disk": ["state.invalid", "state.invalid", "state.invalid", "state.invalid"],
    "MariaDB cloud disk": ["yes Physical", "logical-requires-mysql", "yes Physical", "mariadb-snapshot-uses-physical"],
  };

  it("matches the capability matrix of the product specification on every storage type of every class", () => {
    const rows = capabilityMatrix();
    expect(rows.map((row) => `${row.engine} ${row.storage.name}`)).toEqual(Object.keys(SPEC));
    for (const row of rows) {
      const expected = SPEC[`${row.engine} ${row.storage.name}`]!;
      row.cells.forEach((outcomes, column) => {
        for (const { storageType, outcome } of outcomes) expect(`${row.engine} ${storageType} column ${column}: ${cell(outcome)}`).toBe(`${row.engine} ${storageType} column ${column}: ${expected[column]}`);
      });
    }
  });

  it("covers local_ssd and ephemeral_ssd as the local class and the five cloud types as the cloud class", () => {
    const [local, cloud] = capabilityMatrix();
    expect(local!.storage.storageTypes).toEqual(["local_ssd", "ephemeral_ssd"]);
    expect(cloud!.storage.storageTypes).toEqual(["cloud_ssd", "cloud_essd", "cloud_essd2", "cloud_essd3", "general_essd"]);
  });
});

describe("the job lifecycle diagram", () => {
  const edges = lifecycleDiagram()
    .split("\n")
    .slice(1)
    .map((line) => line.trim().replace(/:.*$/, ""));

  it("starts new jobs in NoStart and ends at Finished and Failed (rules 32–34)", () => {
    expect(edges).toContain("[*] --> NoStart");
    expect(edges).toContain("Finished --> [*]");
    expect(edges).toContain("Failed --> [*]");
  });

  it("has every forward move, skips included, and every ongoing status to Failed, and nothing else", () => {
    const order = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished"];
    const expected = order.flatMap((from, index) => [
      ...order.slice(index + 1).map((to) => `${from} --> ${to}`),
      ...(from === "Finished" ? [] : [`${from} --> Failed`]),
    ]);
    const moves = edges.filter((edge) => !edge.includes("[*]"));
    expect(moves.sort()).toEqual(expected.sort());
  });
});
