// A real Chromium for the console's tests: Debian's package (apt-get install chromium) driven by
// playwright-core. Playwright's own browser download does not work on these machines.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { ROOT } from "./processes.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Where the page screenshots go (named in the README). */
export const SCREENSHOTS = join(ROOT, "docs", "screenshots");

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The flags keep Chromium off the network it would otherwise call at start (closed here), and
  // --no-sandbox lets it run as root in CI. Playwright gives each launch a fresh profile.
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const SIZES = { phone: { width: 375, height: 812 }, desktop: { width: 1440, height: 900 } } as const;
