// Real-browser test of `herold serve`: Debian's chromium (headless) driven by playwright-core.
//
// Copies the example site (the repo's config.toml, content/, themes/) into a temporary folder,
// starts `target/release/herold serve` on a free port and opens a release page, then:
//   1. edits the release's title: the page reloads by itself, shows the new title and keeps
//      the scroll position;
//   2. breaks the file (removes the closing +++): the error overlay appears naming the file,
//      over the last good page;
//   3. fixes it: the overlay goes by itself;
//   4. edits the stylesheet: the new style applies without a page reload.
// Every wait is bounded (10 s). Prints one line per test and "N passed, M failed"; exits 1 on
// any failure. Usage: npm ci && node serve.test.mjs   (env: HEROLD_BIN, CHROMIUM)

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Runner, freePort, launchChromium } from "./harness.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = process.env.HEROLD_BIN || path.join(REPO, "target", "release", "herold");
const WAIT = 10_000;
const RELEASE_FILE = "content/releases/2018-05-28-pakt-fuer-integration-23-orte.md";
const RELEASE_URL = "pressemitteilungen/2018/pakt-fuer-integration-23-orte/";
const CSS_FILE = "themes/default/static/css/herold.css";

function copySite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herold-browser-"));
  fs.copyFileSync(path.join(REPO, "config.toml"), path.join(dir, "config.toml"));
  for (const d of ["content", "themes"]) {
    fs.cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
  }
  return dir;
}

// Starts the server and resolves with its URL once it printed it and answers.
function startServer(root, port, log) {
  const child = spawn(BIN, ["serve", "--root", root, "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (b) => log.push(b.toString()));
  child.stderr.on("data", (b) => log.push(b.toString()));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 10 s")), WAIT);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}`));
    });
    child.stdout.on("data", (b) => {
      const m = /Serving (http:\/\/\S+)/.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { child, ready };
}

const setTitle = (text, title) => text.replace(/^title = ".*"$/m, `title = "${title}"`);

async function main() {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run cargo build --release first`);
  const root = copySite();
  const releasePath = path.join(root, RELEASE_FILE);
  const original = fs.readFileSync(releasePath, "utf8");
  const log = [];
  const port = await freePort();
  const { child, ready } = startServer(root, port, log);
  let browser;
  const runner = new Runner();
  const test = (name, body) => runner.test(name, body);
  try {
    const base = await ready;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
    const h1 = () => page.locator("h1").first().textContent();
    await page.goto(base + RELEASE_URL, { timeout: WAIT });
    if (!(await h1()).includes("Pakt für Integration")) throw new Error("the release page did not open");

    await test("an edit reloads the page by itself and keeps the scroll position", async () => {
      await page.evaluate(() => {
        window.scrollTo(0, 300);
        window.__heroldBeforeReload = true;
      });
      const y = await page.evaluate(() => window.scrollY);
      if (y < 100) throw new Error(`the page is too short to scroll (scrollY ${y})`);
      fs.writeFileSync(releasePath, setTitle(original, "Neuer Titel aus dem Browsertest"));
      await page.waitForFunction(
        () => document.querySelector("h1")?.textContent.includes("Neuer Titel aus dem Browsertest"),
        null,
        { timeout: WAIT },
      );
      if (await page.evaluate(() => window.__heroldBeforeReload === true)) {
        throw new Error("the title changed without a reload");
      }
      await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y, { timeout: WAIT });
    });

    await test("a broken file shows the overlay naming it, over the last good page", async () => {
      const good = fs.readFileSync(releasePath, "utf8");
      const close = good.lastIndexOf("\n+++");
      fs.writeFileSync(releasePath, good.slice(0, close) + good.slice(close + 4));
      const overlay = page.locator("#__herold-overlay");
      await overlay.waitFor({ state: "visible", timeout: WAIT });
      const text = await overlay.textContent();
      if (!text.includes(`${RELEASE_FILE}:1:1`)) throw new Error(`the overlay does not name the file:\n${text}`);
      if (!(await h1()).includes("Neuer Titel aus dem Browsertest")) throw new Error("the last good page is gone");
    });

    await test("the fix makes the overlay go by itself", async () => {
      fs.writeFileSync(releasePath, setTitle(original, "Wieder gut"));
      await page.locator("#__herold-overlay").waitFor({ state: "detached", timeout: WAIT });
      await page.waitForFunction(
        () => document.querySelector("h1")?.textContent.includes("Wieder gut"),
        null,
        { timeout: WAIT },
      );
    });

    await test("a stylesheet edit applies without a reload", async () => {
      await page.evaluate(() => {
        window.__heroldBeforeCss = true;
      });
      const cssPath = path.join(root, CSS_FILE);
      fs.appendFileSync(cssPath, "\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
      await page.waitForFunction(
        () => getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)",
        null,
        { timeout: WAIT },
      );
      if (!(await page.evaluate(() => window.__heroldBeforeCss === true))) {
        throw new Error("the page reloaded for a stylesheet change");
      }
    });
  } catch (e) {
    runner.fail("setup", e);
  } finally {
    if (browser) await browser.close().catch(() => {});
    child.kill("SIGTERM");
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (runner.failed) console.log(`--- herold serve output ---\n${log.join("")}`);
  runner.finish();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
