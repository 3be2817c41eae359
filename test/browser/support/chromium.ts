import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (the `chromium` package); CHROMIUM_PATH names another. No browser is downloaded. */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Headless, sandbox off (containers), and nothing of the browser's own that talks to the network. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium with a fresh profile (Playwright makes a new temporary user-data-dir per launch and removes it on close). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true, timeout: 60_000 });
}
