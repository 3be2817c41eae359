/**
 * docs/decisions/: one file per decision, numbered once, each in the format its README gives and
 * listed there under its subject; a superseded decision links the one that replaces it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const folder = resolve(import.meta.dirname, "../../docs/decisions");
const files = readdirSync(folder).filter((name) => name !== "README.md");
const index = readFileSync(join(folder, "README.md"), "utf8");
const SUBJECTS = index.match(/^## (.+)$/gm)?.map((heading) => heading.slice(3).toLowerCase()) ?? [];

describe("docs/decisions", () => {
  it("holds only numbered decisions, numbered 0001 upwards with no gap", () => {
    expect(files.filter((name) => !/^\d{4}-[a-z0-9-]+\.md$/.test(name))).toEqual([]);
    expect(files.map((name) => Number(name.slice(0, 4))).sort((a, b) => a - b)).toEqual(files.map((_, index) => index + 1));
  });

  it.each(files)("%s: its number in its title, a status, a subject of the index, its old numbers, the three sections", (name) => {
    const text = readFileSync(join(folder, name), "utf8");
    expect(text.startsWith(`# ${name.slice(0, 4)}. `)).toBe(true);
    const status = /^Status: (.+)$/m.exec(text)?.[1] ?? "";
    expect(status).toMatch(/^(accepted|superseded by \[(\d{4})\]\(\2-[a-z0-9-]+\.md\))$/);
    const superseding = /\((\d{4}-[a-z0-9-]+\.md)\)/.exec(status)?.[1];
    if (superseding !== undefined) expect(files).toContain(superseding);
    const subject = /^Subject: (.+)$/m.exec(text)?.[1] ?? "";
    expect(SUBJECTS).toContain(subject.toLowerCase());
    expect(text).toMatch(/^Formerly: .+$/m);
    for (const section of ["## Context", "## Decision", "## Consequences"]) expect(text).toContain(section);
  });

  it("lists every decision once in its README, under its subject", () => {
    for (const name of files) {
      const subject = (/^Subject: (.+)$/m.exec(readFileSync(join(folder, name), "utf8"))?.[1] ?? "").toLowerCase();
      const section = index.split(/^## /m).find((part) => part.toLowerCase().startsWith(`${subject}\n`)) ?? "";
      expect(section, name).toContain(`](${name})`);
      expect(index.split(`](${name})`).length - 1, name).toBe(1);
    }
  });
});
