/** The share link wired to the page: the boxes' case kept in the URL fragment, Copy link, and opening a link's case. */
import { decide } from "./deciding";
import { boxesCase, fillBoxes } from "./input-boxes";
import { openingCase } from "./opening-case";
import { setText, ui } from "./page-elements";
import { decodeCase, encodeCase } from "./share-link";

/** The fragment this page last wrote, to tell its own history entries from a link opened. */
let writtenHash = "";
let writeSequence = 0;
let pendingWrite: ReturnType<typeof setTimeout> | undefined;

/** Writes the case into the URL fragment, after `delay` ms of quiet (typing replaces the entry, an example adds one). */
export function scheduleFragment(mode: "push" | "replace", delay: number): void {
  clearTimeout(pendingWrite);
  pendingWrite = setTimeout(() => void writeFragment(mode), delay);
}

async function writeFragment(mode: "push" | "replace"): Promise<void> {
  const sequence = ++writeSequence;
  const hash = `#${await encodeCase(boxesCase())}`;
  if (sequence !== writeSequence || hash === location.hash) return;
  writtenHash = hash;
  if (mode === "push") history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
}

/** Copy link: writes the fragment now and copies the address, or, when the browser refuses, shows it selected in the Share link box. */
export async function copyLink(): Promise<void> {
  clearTimeout(pendingWrite);
  await writeFragment("replace");
  const link = location.href;
  ui.shareLink.value = link;
  try {
    if (navigator.clipboard === undefined) throw new Error("no clipboard");
    await navigator.clipboard.writeText(link);
    ui.shareFallback.hidden = true;
    setText(ui.shareStatus, `Link copied (${link.length} characters). It holds the three inputs; opening it restores them exactly.`);
  } catch {
    ui.shareFallback.hidden = false;
    ui.shareLink.focus();
    ui.shareLink.select();
    setText(ui.shareStatus, "The browser did not let the page copy: the link is in the Share link box, selected.");
  }
}

/** Opens the case of the address's fragment; a bare address opens the sample case with the clock now. */
export async function openFromAddress(): Promise<void> {
  writtenHash = location.hash;
  if (location.hash === "" || location.hash === "#") {
    fillBoxes(openingCase(new Date()));
  } else {
    const decoded = await decodeCase(location.hash);
    if (decoded.ok) {
      fillBoxes(decoded.shared);
      setText(ui.shareStatus, "");
    } else {
      fillBoxes(openingCase(new Date()));
      setText(ui.shareStatus, `This link's case could not be opened (${decoded.problem}); the sample case is shown instead.`);
    }
  }
  ui.examples.value = "";
  decide();
}

/** Opens the address's case when Back, Forward or an edited address changed the fragment to one this page did not write. */
export function followAddress(): void {
  if (location.hash !== writtenHash) void openFromAddress();
}
