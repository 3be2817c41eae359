/**
 * The playground in a real browser (docs: README, "The rule set at a glance"): Playwright drives
 * Debian's headless Chromium over the built page (dist/playground/), served by a plain static
 * file server, so the page is known to need no API; the same checks run against `serve` at
 * /playground/ once it hosts the page (SERVE_HOSTS_PLAYGROUND). Every expectation is computed here
 * with the library itself (createBackup, traceDecision, advanceBackupJob…) on the inputs the page
 * shows. The page is found by role and accessible name, as a person finds it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchor } from "../../scripts/docs/markdown";
import { RULE_EXAMPLES, runExample, SAMPLE_INSTANCE } from "../../src/examples/index";
import {
  advanceBackupJob,
  createBackup,
  RULES,
  toHttpResponse,
  traceDecision,
  traceJobUpdate,
  type DecisionContext,
  type InstanceState,
  type RuleId,
  type RuleVerdict,
} from "../../src/index";
import { readRequestText } from "../../src/playground/request-text";
import { launchChromium } from "./support/chromium";
import { startStaticServer } from "./support/static-server";

const ROOT = resolve(__dirname, "../..");
const PAGE_FOLDER = join(ROOT, "dist/playground");
/** The README's screenshot: a refused decision and its Rules table, taken here so it never goes stale. */
const SCREENSHOT = join(ROOT, "docs/playground.png");
/** The page's JavaScript, gzipped, at most (spec playground.md, section 2). */
const BUDGET_BYTES = 100_000;
/**
 * ENABLE when `serve` hosts the page at GET /playground/ (src/server): every check below then
 * also runs against `serve` over a memory store, with the headers check of that route.
 */
const SERVE_HOSTS_PLAYGROUND = true;

const RULES_DOC_URL = "https://github.com/rds-backup-rules/rds-backup-rules/blob/main/docs/rules.md";
const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";
const TITLE_OF = new Map<string, string>(RULES.map((rule) => [rule.id, rule.title]));
const NUMBER_OF = new Map<string, number>(RULES.map((rule) => [rule.id, rule.number]));
const CREATE_BACKUP_RULE_COUNT = RULES.filter((rule) => rule.operations.includes("createBackup")).length;

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(PAGE_FOLDER, "index.html")))
    throw new Error("dist/playground/ is not built: run npm run build:playground (npm run test:browser does)");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

// ---- opening the page ----------------------------------------------------------------------------

interface Opened {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every request the page made, from the first. */
  readonly requests: string[];
}

/** Opens the page in a fresh browser context, waits until it has decided, runs `body`, then checks the page threw nothing and closes the context. */
async function withPage(url: string, body: (opened: Opened) => Promise<void>, viewport = { width: 1280, height: 900 }): Promise<void> {
  const context = await browser.newContext({ viewport, colorScheme: "light", reducedMotion: "reduce" });
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") errors.push(`console ${message.type()}: ${message.text()}`);
    });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    page.on("websocket", (socket) => requests.push(`WebSocket ${socket.url()}`));
    await page.goto(url);
    await page.locator("html[data-ready]").waitFor();
    await body({ page, context, requests });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Polls until `read` gives a value `accept` takes (the page writes its link and clipboard asynchronously). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- reading the page ------------------------------------------------------------------------------

const box = (page: Page, name: "Instance state" | "Request" | "Context") => page.getByRole("textbox", { name, exact: true });
const decisionRegion = (page: Page) => page.getByRole("region", { name: "Decision", exact: true });
const summaryOf = async (page: Page) => ((await page.locator("#decision-summary").textContent()) ?? "").trim();
const jobSummaryOf = async (page: Page) => ((await page.locator("#job-summary").textContent()) ?? "").trim();

async function inputsOf(page: Page): Promise<{ state: string; request: string; context: string }> {
  const [state, request, context] = await Promise.all([
    box(page, "Instance state").inputValue(),
    box(page, "Request").inputValue(),
    box(page, "Context").inputValue(),
  ]);
  return { state, request, context };
}

/** The HTTP answer the page shows: its status and JSON body. */
async function shownHttpAnswer(page: Page): Promise<{ status: number; body: unknown }> {
  const text = (await decisionRegion(page).locator("pre").textContent()) ?? "";
  const [head = "", ...rest] = text.split("\n\n");
  expect(head.split("\n")[1]).toBe("Content-Type: application/json");
  return { status: Number(head.split(" ")[1]), body: JSON.parse(rest.join("\n\n")) as unknown };
}

/** A verdict table's body, cell by cell. */
async function tableRows(page: Page, name: "Rules" | "Job update checks"): Promise<string[][]> {
  return page
    .getByRole("table", { name, exact: true })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) =>
          (cell.textContent ?? "").trim(),
        ),
      ),
    );
}

/** The rows a trace gives: number, id, verdict, and the title, message or reason. */
function expectedRows(verdicts: readonly RuleVerdict[]): string[][] {
  return verdicts.map((each) => [
    String(each.number),
    each.rule,
    each.verdict === "not-checked" ? "not checked" : each.verdict,
    each.verdict === "violated" ? each.violation.message : each.verdict === "not-checked" ? each.reason : (TITLE_OF.get(each.rule) ?? ""),
  ]);
}

/** The three inputs as the library takes them (the Request box read as the CLI reads it). */
function argumentsOf(inputs: { state: string; request: string; context: string }): {
  state: InstanceState;
  request: unknown;
  context: DecisionContext;
} {
  const request = readRequestText(inputs.request);
  if (!request.ok) throw new Error(`the Request box does not read: ${request.problem}`);
  return {
    state: JSON.parse(inputs.state) as InstanceState,
    request: request.request,
    context: JSON.parse(inputs.context) as DecisionContext,
  };
}

const requestIdOf = (context: unknown) => {
  const id = typeof context === "object" && context !== null ? (context as { requestId?: unknown }).requestId : undefined;
  return typeof id === "string" ? id : "playground-request";
};

/** Checks that the Decision region and the Rules table show what the library decides on the page's own inputs; returns that decision. */
async function expectShownDecisionOfInputs(page: Page) {
  const args = argumentsOf(await inputsOf(page));
  const decision = createBackup(args.state, args.request, args.context);
  expect(await shownHttpAnswer(page)).toEqual(toHttpResponse(decision, requestIdOf(args.context)));
  const summary = await summaryOf(page);
  if (decision.ok) expect(summary).toMatch(new RegExp(`^(Accepted|Replayed): BackupJobId ${decision.response.BackupJobId}\\b`));
  else expect(summary).toBe(`Refused by rule ${NUMBER_OF.get(decision.error.rule)}, ${decision.error.rule}: ${decision.error.message}`);
  const rows = await tableRows(page, "Rules");
  expect(rows).toEqual(expectedRows(traceDecision(args.state, args.request, args.context).rules));
  return { decision, args };
}

// ---- the checks, for each way of serving the page --------------------------------------------------

interface Target {
  readonly url: string;
  /** The paths the server was asked for, when it keeps them. */
  readonly requests?: readonly string[];
  readonly close: () => Promise<void>;
}

async function startServe(): Promise<Target> {
  const { serve } = await import("../../src/server/index");
  const { memoryStore } = await import("../../src/store/index");
  const running = await serve({ store: memoryStore(), log: false, port: 0, handleSignals: false, playgroundFolder: PAGE_FOLDER });
  if (!running.ok) throw new Error(running.message);
  return { url: `${running.url}/playground/`, close: running.close };
}

const TARGETS: readonly {
  readonly name: string;
  readonly enabled: boolean;
  readonly isServe: boolean;
  readonly start: () => Promise<Target>;
}[] = [
  { name: "a plain static file server over dist/playground/", enabled: true, isServe: false, start: () => startStaticServer(PAGE_FOLDER) },
  { name: "serve, at /playground/", enabled: SERVE_HOSTS_PLAYGROUND, isServe: true, start: startServe },
];

for (const target of TARGETS) {
  describe.skipIf(!target.enabled)(`the playground served by ${target.name}`, () => {
    let served: Target | undefined;
    const url = () => served!.url;

    beforeAll(async () => {
      served = await target.start();
    });

    afterAll(async () => {
      await served?.close();
    });

    it("names its parts as the spec's section 3 says, with one Rules row per CreateBackup rule", async () => {
      await withPage(url(), async ({ page }) => {
        for (const name of ["Instance state", "Request", "Context", "Job id"])
          await expect(page.getByRole("textbox", { name, exact: true }).count(), name).resolves.toBe(1);
        for (const name of ["Examples", "Status"])
          await expect(page.getByRole("combobox", { name, exact: true }).count(), name).resolves.toBe(1);
        for (const name of ["Use the new state", "Copy link", "Advance job"])
          await expect(page.getByRole("button", { name, exact: true }).count(), name).resolves.toBe(1);
        await expect(decisionRegion(page).getAttribute("aria-live")).resolves.toBe("polite");
        expect(await page.getByRole("table", { name: "Rules", exact: true }).locator("tbody tr").count()).toBe(CREATE_BACKUP_RULE_COUNT);
        // A bare address opens the sample instance, a plain request and the clock now.
        const inputs = await inputsOf(page);
        expect(JSON.parse(inputs.state)).toEqual(SAMPLE_INSTANCE);
        expect(inputs.request).toBe(BASE);
        const now = Date.parse((JSON.parse(inputs.context) as { now: string }).now);
        expect(Math.abs(now - Date.now())).toBeLessThan(5 * 60_000);
        await expectShownDecisionOfInputs(page);
      });
    });

    it("gives, for every example, the decision createBackup (advanceBackupJob) gives on the same inputs, and traceDecision's Rules table", async () => {
      await withPage(url(), async ({ page }) => {
        const examples = page.getByRole("combobox", { name: "Examples", exact: true });
        const options = await examples
          .locator("option")
          .evaluateAll((all) => all.map((option) => (option as unknown as { value: string }).value).filter((value) => value !== ""));
        expect(options).toHaveLength(4 + 2 * RULES.length);
        const engines = new Set<string>();
        for (const value of options) {
          await examples.selectOption(value);
          const inputs = await inputsOf(page);
          const [kind, ruleId] = value.split(":") as ["accepted" | "refused" | "near-miss", string];
          const example = kind === "accepted" ? undefined : RULE_EXAMPLES[ruleId as RuleId][kind === "refused" ? "violating" : "nearMiss"];
          if (example?.call === "advanceBackupJob") {
            const args = argumentsOf(inputs);
            const update = {
              jobId: await page.getByRole("textbox", { name: "Job id", exact: true }).inputValue(),
              status: await page.getByRole("combobox", { name: "Status", exact: true }).inputValue(),
            };
            expect(update, value).toEqual(example.update);
            const trace = traceJobUpdate(args.state, update, args.context);
            expect(trace.decision, value).toEqual(runExample(example));
            expect(await tableRows(page, "Job update checks"), value).toEqual(expectedRows(trace.rules));
            const summary = await jobSummaryOf(page);
            if (trace.decision.ok) expect(summary, value).toMatch(/^Accepted/);
            else expect(summary, value).toBe(`Refused by rule ${NUMBER_OF.get(ruleId)}, ${ruleId}: ${trace.decision.error.message}`);
            continue;
          }
          const { decision, args } = await expectShownDecisionOfInputs(page);
          if (example === undefined) {
            expect(decision.ok, value).toBe(true);
            engines.add(args.state.engine);
          } else {
            // The inputs the page shows are the example's own: the same decision as the catalog's call.
            expect(decision, value).toEqual(runExample(example));
            expect(decision.ok ? "accepted" : decision.error.rule, value).toBe(kind === "refused" ? ruleId : "accepted");
          }
        }
        expect([...engines].sort()).toEqual(["MariaDB", "MySQL", "PostgreSQL", "SQLServer"]);
      });
    });

    it("shows rule 8 and its suggestion when a misspelt parameter is typed", async () => {
      await withPage(url(), async ({ page }) => {
        const request = box(page, "Request");
        await request.fill("");
        await request.pressSequentially(`${BASE}&BackupMehtod=Physical`);
        const summary = await summaryOf(page);
        expect(summary).toContain("Refused by rule 8, parameter.unknown");
        expect(summary).toContain("did you mean BackupMethod?");
        const rows = await tableRows(page, "Rules");
        expect(rows[7]?.slice(0, 3)).toEqual(["8", "parameter.unknown", "violated"]);
        expect(rows[7]?.[3]).toContain("did you mean BackupMethod?");
        await expectShownDecisionOfInputs(page);
      });
    });

    it("keeps the three inputs in the link's fragment and restores them exactly, code unit for code unit", async () => {
      // Characters a share link could lose: non-ASCII, an emoji, a lone surrogate, NUL, CR LF, U+2028, tabs, and enough text to compress in several blocks.
      const setTexts = `(() => {
        const lone = String.fromCharCode(0xd800);
        const texts = {
          state: '{\\n\\t"instanceId": "rm-ünïcødé-😀' + lone + '",\\r\\n "engine": "MySQL"\\u2028}',
          request: "Action=CreateBackup&DBInstanceId=rm-demo&Note=" + "x".repeat(30000) + "\\u0000&Tail=%E2%9C%93",
          context: '{ "now": "2026-03-02T08:00:00Z", "idempotencyKey": "k-1" }   ',
        };
        for (const [id, text] of Object.entries(texts)) {
          const box = document.getElementById(id);
          box.value = text;
          box.dispatchEvent(new Event("input", { bubbles: true }));
        }
      })()`;
      const codesOf = `["state", "request", "context"].map((id) => Array.from(document.getElementById(id).value, (c) => c.codePointAt(0)).join(" ") + " / " + document.getElementById(id).value.length)`;
      let link = "";
      let typed: string[] = [];
      let answer = "";
      await withPage(url(), async ({ page }) => {
        await page.evaluate(setTexts);
        typed = await page.evaluate<string[]>(codesOf);
        await page.getByRole("button", { name: "Copy link", exact: true }).click();
        await eventually(
          () => page.locator("#share-status").textContent(),
          (text) => text?.startsWith("Link copied") === true,
          "the copy status",
        );
        link = await page.evaluate<string>("navigator.clipboard.readText()");
        expect(link).toBe(page.url());
        answer = (await decisionRegion(page).locator("pre").textContent()) ?? "";
      });
      const address = new URL(link);
      expect(address.href.startsWith(url())).toBe(true);
      expect(address.search).toBe("");
      expect(address.hash).toMatch(/^#1\.[A-Za-z0-9_-]+$/);
      expect(link.length).toBeLessThan(2_000); // 30,000 repeated characters compress
      await withPage(link, async ({ page }) => {
        expect(await page.evaluate<string[]>(codesOf)).toEqual(typed);
        expect((await decisionRegion(page).locator("pre").textContent()) ?? "").toBe(answer);
      });
    });

    it("opens a damaged link with the sample case and says why", async () => {
      await withPage(`${url()}#1.AAAA`, async ({ page }) => {
        expect(await page.locator("#share-status").textContent()).toContain("This link's case could not be opened");
        expect(JSON.parse(await box(page, "Instance state").inputValue())).toEqual(SAMPLE_INSTANCE);
        await expectShownDecisionOfInputs(page);
      });
    });

    it("steps from an accepted backup to instance.backup-in-progress and, once the job is Finished, to a second accepted backup, from the keyboard", async () => {
      await withPage(url(), async ({ page }) => {
        const context = JSON.parse(await box(page, "Context").inputValue()) as DecisionContext;
        const first = createBackup(SAMPLE_INSTANCE, BASE, context);
        if (!first.ok) throw new Error("the sample is refused");
        expect(await summaryOf(page)).toBe("Accepted: BackupJobId 1, new state version 1.");

        await page.getByRole("button", { name: "Use the new state", exact: true }).focus();
        await page.keyboard.press("Enter");
        expect(JSON.parse(await box(page, "Instance state").inputValue())).toEqual(first.state);
        expect(await summaryOf(page)).toMatch(/^Refused by rule 30, instance\.backup-in-progress: /);
        await expectShownDecisionOfInputs(page);
        await expect(page.getByRole("button", { name: "Use the new state", exact: true }).getAttribute("aria-disabled")).resolves.toBe(
          "true",
        );

        expect(await page.getByRole("textbox", { name: "Job id", exact: true }).inputValue()).toBe(first.job.jobId);
        const status = page.getByRole("combobox", { name: "Status", exact: true });
        await status.focus();
        await page.keyboard.type("Finished");
        const advanced = advanceBackupJob(first.state, { jobId: first.job.jobId, status: "Finished" }, context);
        if (!advanced.ok) throw new Error("the update is refused");
        expect(await jobSummaryOf(page)).toBe(`Accepted: job 1 becomes Finished (new state version ${advanced.state.version}).`);
        expect(await tableRows(page, "Job update checks")).toEqual(
          expectedRows(traceJobUpdate(first.state, { jobId: "1", status: "Finished" }, context).rules),
        );
        await page.keyboard.press("Enter"); // submits the job form: Advance job

        expect(JSON.parse(await box(page, "Instance state").inputValue())).toEqual(advanced.state);
        const second = createBackup(advanced.state, BASE, context);
        if (!second.ok) throw new Error(`the second backup is refused: ${second.error.rule}`);
        expect(second.job.jobId).not.toBe(first.job.jobId);
        expect(await summaryOf(page)).toBe(
          `Accepted: BackupJobId ${second.response.BackupJobId}, new state version ${second.state.version}.`,
        );
        await expectShownDecisionOfInputs(page);
        expect(await page.locator("#job-note").textContent()).toContain("Advanced: job 1 is now Finished");
      });
    });

    it("reports invalid JSON beside its field, with its line and column, and decides nothing without failing", async () => {
      await withPage(url(), async ({ page }) => {
        const state = box(page, "Instance state");
        const broken = '{\n  "instanceId": "rm-demo",\n}';
        await state.fill(broken);
        await expect(state.getAttribute("aria-invalid")).resolves.toBe("true");
        const error = page.locator("#state-error");
        expect(await error.isVisible()).toBe(true);
        expect(await error.textContent()).toBe(
          'Line 3, column 1 is not JSON: expected a property name in double quotes, found "}" (JSON allows no comma before it).',
        );
        // Beside its field: the box's description, placed right after it.
        expect(await state.getAttribute("aria-describedby")).toContain("state-error");
        const [boxArea, errorArea] = [await state.boundingBox(), await error.boundingBox()];
        expect(errorArea!.y).toBeGreaterThanOrEqual(boxArea!.y + boxArea!.height);
        expect(errorArea!.y - (boxArea!.y + boxArea!.height)).toBeLessThan(40);
        expect(await summaryOf(page)).toBe(
          'No decision: the Instance state box does not read (line 3, column 1: expected a property name in double quotes, found "}" (JSON allows no comma before it)).',
        );
        const rows = await tableRows(page, "Rules");
        expect(rows).toHaveLength(CREATE_BACKUP_RULE_COUNT);
        expect(rows.every((row) => row[2] === "no decision")).toBe(true);
        await expect(page.getByRole("button", { name: "Use the new state", exact: true }).getAttribute("aria-disabled")).resolves.toBe(
          "true",
        );
        // The line and column put the caret there.
        await error.getByRole("button", { name: "Line 3, column 1" }).click();
        expect(
          await page.evaluate<number[]>('[document.activeElement.id === "state" ? 1 : 0, document.activeElement.selectionStart]'),
        ).toEqual([1, broken.lastIndexOf("}")]);

        await box(page, "Context").fill('{"now": 2026-03-02}');
        expect(await page.locator("#context-error").textContent()).toBe(
          'Line 1, column 13 is not JSON: expected "," or "}" after a property value, found "-".',
        );
        await box(page, "Request").fill('{"Action": "CreateBackup",');
        expect(await page.locator("#request-error").textContent()).toBe(
          "Line 1, column 27 is not JSON: expected a property name in double quotes, found the end of the text.",
        );
        expect(await summaryOf(page)).toMatch(
          /^No decision: the Instance state box does not read .*; the Request box does not read .*; the Context box does not read /,
        );

        // Repaired, it decides again and the marks go.
        await state.fill(JSON.stringify(SAMPLE_INSTANCE));
        await box(page, "Request").fill(BASE);
        await box(page, "Context").fill('{"now": "2026-03-02T08:00:00Z"}');
        expect(await state.getAttribute("aria-invalid")).toBeNull();
        expect(await error.isVisible()).toBe(false);
        await expectShownDecisionOfInputs(page);
      });
    });

    it("makes no network request after it has loaded, whatever is done on it", async () => {
      await withPage(url(), async ({ page, requests }) => {
        const origin = new URL(url()).origin;
        const atLoad = [...requests];
        expect(atLoad.every((request) => request.startsWith(`GET ${origin}/`))).toBe(true);
        expect(atLoad.map((request) => request.replace(/-[\w-]+\.(js|css)$/, ".$1").replace(origin, ""))).toEqual(
          expect.arrayContaining([expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]),
        );
        expect(atLoad).toHaveLength(3); // the page, its script, its style sheet (the icon is a data: URL)
        const servedBefore = served?.requests?.length;

        await box(page, "Request").pressSequentially("&BackupMethod=Snapshot");
        const examples = page.getByRole("combobox", { name: "Examples", exact: true });
        await examples.selectOption("refused:db-name.not-found");
        await examples.selectOption("near-miss:instance.backup-in-progress");
        await page.getByRole("button", { name: "Use the new state", exact: true }).click();
        await page.getByRole("combobox", { name: "Status", exact: true }).fill("Failed");
        await page.getByRole("button", { name: "Advance job", exact: true }).click();
        await page.getByRole("button", { name: "Copy link", exact: true }).click();
        await eventually(
          () => page.locator("#share-status").textContent(),
          (text) => text?.startsWith("Link copied") === true,
          "the copy status",
        );
        await page.goBack(); // the example chosen before: restored from the fragment, in the page
        await eventually(
          () => page.getByRole("combobox", { name: "Examples", exact: true }).inputValue(),
          (value) => value === "",
          "the restored case",
        );
        await page.waitForTimeout(1_000); // a late fetch would show here

        expect(requests.slice(atLoad.length)).toEqual([]);
        if (servedBefore !== undefined) expect(served?.requests?.length).toBe(servedBefore);
      });
    });

    it("reads at a phone's width (375 px) and reaches every control from the keyboard", async () => {
      await withPage(
        url(),
        async ({ page }) => {
          await page
            .getByRole("combobox", { name: "Examples", exact: true })
            .selectOption("refused:backup-method.mariadb-snapshot-uses-physical");
          expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
          const table = await page.getByRole("table", { name: "Rules", exact: true }).boundingBox();
          expect(table!.x + table!.width).toBeLessThanOrEqual(375);

          // Tab from the top of the page: each control is reached, in reading order.
          await page.locator("body").focus();
          const reached: string[] = [];
          for (let press = 0; press < 80 && !reached.includes("advance-job"); press += 1) {
            await page.keyboard.press("Tab");
            reached.push(await page.evaluate<string>("document.activeElement.id || document.activeElement.tagName"));
          }
          const controls = ["examples", "copy-link", "state", "request", "context", "use-state", "job-id", "job-status", "advance-job"];
          expect(reached.filter((id) => controls.includes(id))).toEqual(controls);

          // An example chosen from the keyboard fills the inputs: the next one, rule 20's.
          await page.getByRole("combobox", { name: "Examples", exact: true }).focus();
          await page.keyboard.press("ArrowDown");
          expect(await page.getByRole("combobox", { name: "Examples", exact: true }).inputValue()).toBe(
            "refused:backup-method.snapshot-requires-cloud-disk",
          );
          expect(await summaryOf(page)).toMatch(/^Refused by rule 20, backup-method\.snapshot-requires-cloud-disk: /);
          await expectShownDecisionOfInputs(page);
        },
        { width: 375, height: 812 },
      );
    });

    it("links each rule id in the Rules table to its section of docs/rules.md", async () => {
      const rulesDoc = readFileSync(join(ROOT, "docs/rules.md"), "utf8");
      await withPage(url(), async ({ page }) => {
        const links = await page
          .getByRole("table", { name: "Rules", exact: true })
          .getByRole("link")
          .evaluateAll((all) =>
            all.map((each) =>
              ((link) => [(link.textContent ?? "").trim(), link.href])(each as unknown as { textContent: string | null; href: string }),
            ),
          );
        const createBackupRules = RULES.filter((rule) => rule.operations.includes("createBackup"));
        expect(links).toEqual(createBackupRules.map((rule) => [rule.id, `${RULES_DOC_URL}#${anchor(rule.id)}`]));
        for (const rule of createBackupRules) expect(rulesDoc, rule.id).toContain(`<a id="${anchor(rule.id)}"></a>`);
      });
    });

    it.skipIf(!target.isServe)(
      "answers /playground/ with the page's content types, a revalidated page, immutable assets and the page's CSP",
      async () => {
        const page = await fetch(url());
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(page.headers.get("cache-control")).toBe("no-cache");
        expect(page.headers.get("content-security-policy")).toContain("connect-src 'none'");
        expect(page.headers.get("x-content-type-options")).toBe("nosniff");
        const html = await page.text();
        const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
        const asset = await fetch(new URL(script!, url()));
        expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
        expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
        expect((await fetch(url().replace(/\/$/, ""), { redirect: "manual" })).status).toBe(308);
        expect((await fetch(new URL("assets/../../package.json", url()))).status).toBe(404);
      },
    );
  });
}

// ---- the build ----------------------------------------------------------------------------------

describe("the built page", () => {
  it(`keeps its JavaScript within ${BUDGET_BYTES / 1000} kB gzipped, all of it its own files`, () => {
    const html = readFileSync(join(PAGE_FOLDER, "index.html"), "utf8");
    // What the page loads (scripts, style sheets, icons), not where its links lead.
    const references = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.filter((reference) => !reference.startsWith("./assets/") && reference !== "data:,")).toEqual([]);
    const scripts = readdirSync(join(PAGE_FOLDER, "assets")).filter((file) => file.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (total, file) => total + gzipSync(readFileSync(join(PAGE_FOLDER, "assets", file)), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("works at any path of a static host (its asset addresses are relative)", async () => {
    const nested = await startStaticServer(PAGE_FOLDER, "/tools/rds/playground/");
    try {
      await withPage(nested.url, async ({ page, requests }) => {
        expect(requests.every((request) => request.startsWith(`GET ${nested.url}`))).toBe(true);
        await expectShownDecisionOfInputs(page);
      });
    } finally {
      await nested.close();
    }
  });

  it("takes the README's screenshot: a refused decision and its Rules table", async () => {
    const server = await startStaticServer(PAGE_FOLDER);
    try {
      await withPage(
        server.url,
        async ({ page }) => {
          await page
            .getByRole("combobox", { name: "Examples", exact: true })
            .selectOption("refused:backup-method.logical-requires-local-disk");
          expect(await summaryOf(page)).toMatch(/^Refused by rule 18, backup-method\.logical-requires-local-disk: /);
          await page.evaluate("document.activeElement.blur()");
          const table = (await page.getByRole("table", { name: "Rules", exact: true }).boundingBox())!;
          await page.screenshot({
            path: SCREENSHOT,
            fullPage: true,
            clip: { x: 0, y: 0, width: 1280, height: Math.ceil(table.y + table.height + 16) },
          });
        },
        { width: 1280, height: 900 },
      );
    } finally {
      await server.close();
    }
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe("PNG");
  });
});
