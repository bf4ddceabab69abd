// Real-browser test of the static search: Debian's chromium (headless) driven by playwright-core.
//
// Builds the example site (the repo's config.toml, content/, themes/) with
// target/release/herold twice — at a domain root and under /presse/ — serves each output with
// a plain static server (python3 -m http.server on 127.0.0.1, a free port) and checks on
// /suche/ that queries find the example releases ("Löffingen", "Zusammenhalt", and
// "Flüchtlingsdialog" the release that says "Flüchtlingsdialoge"), that a filter narrows the
// list, that the order control, the keyboard, the URL (?q=…) and the back button work, that
// drafts and embargoed releases are not found, that the page fits 320 px and that without
// JavaScript it links to the lists instead. Every wait is bounded (10 s). Prints one line per
// test and "N passed, M failed"; exits 1 on any failure.
// Usage: npm ci && node search.test.mjs   (env: HEROLD_BIN, CHROMIUM)

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Runner, freePort, launchChromium } from "./harness.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = process.env.HEROLD_BIN || path.join(REPO, "target", "release", "herold");
const WAIT = 10_000;
const NOW = "2026-06-01T00:00:00Z";

// Builds the example site into dir/sub (sub "" for the root) and returns dir.
function build(dir, sub, baseUrl) {
  const out = path.join(dir, sub);
  const args = ["build", "--root", REPO, "--output", out, "--now", NOW, "--quiet"];
  if (baseUrl) args.push("--base-url", baseUrl);
  const r = spawnSync(BIN, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`herold build failed:\n${r.stdout}${r.stderr}`);
  return dir;
}

// Serves dir with python's static server; resolves with its URL once it answers.
async function serve(dir) {
  const port = await freePort();
  const child = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "-d", dir], {
    stdio: ["ignore", "ignore", "ignore"],
  });
  const url = `http://127.0.0.1:${port}/`;
  const start = Date.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok || r.status === 404) return { child, url };
    } catch {
      // not up yet
    }
    if (Date.now() - start > WAIT) throw new Error("the static server did not start within 10 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run cargo build --release first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "herold-search-"));
  const rootDir = build(path.join(tmp, "root"), "public", null);
  const subDir = build(path.join(tmp, "sub"), "presse", "https://www.example.de/presse/");
  const servers = [];
  let browser;
  const runner = new Runner();
  const test = (name, body) => runner.test(name, body);
  try {
    const root = await serve(path.join(rootDir, "public"));
    const sub = await serve(subDir);
    servers.push(root.child, sub.child);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const search = root.url + "suche/";
    const status = () => page.locator("#search-status").textContent();
    const titles = () => page.locator("#search-list h3").allTextContents();
    const waitForResults = async () => {
      await page.waitForFunction(
        () => {
          const s = document.getElementById("search-status").textContent;
          return /Treffer/.test(s);
        },
        null,
        { timeout: WAIT },
      );
    };
    const query = async (q) => {
      await page.fill("#search-q", q);
      await page.press("#search-q", "Enter");
      await page.waitForFunction((want) => new URL(location.href).searchParams.get("q") === want, q, {
        timeout: WAIT,
      });
      await waitForResults();
    };

    await page.goto(search, { timeout: WAIT });

    await test("the header links to the search page", async () => {
      const href = await page.locator(".site-nav a", { hasText: "Suche" }).getAttribute("href");
      if (href !== "/suche/") throw new Error(`the search link is ${href}`);
    });

    await test("„Löffingen“ finds the Pakt für Integration release", async () => {
      await query("Löffingen");
      const t = await titles();
      if (!t.some((x) => x.includes("Pakt für Integration"))) throw new Error(`results: ${t.join(" | ")}`);
      if (!/Treffer/.test(await status())) throw new Error("the live region says nothing");
    });

    await test("„Zusammenhalt“ finds the releases about it, the count is announced", async () => {
      await query("Zusammenhalt");
      const t = await titles();
      for (const want of ["Weltoffene Kommunen", "Landesfachtag"]) {
        if (!t.some((x) => x.includes(want))) throw new Error(`${want} missing: ${t.join(" | ")}`);
      }
      const s = await status();
      if (!s.startsWith(`${t.length} Treffer`)) throw new Error(`status "${s}" for ${t.length} results`);
      if ((await page.getAttribute("#search-status", "role")) !== "status") throw new Error("no live region");
    });

    await test("„Flüchtlingsdialog“ finds the release saying „Flüchtlingsdialoge“", async () => {
      await query("Flüchtlingsdialog");
      const t = await titles();
      if (!t.some((x) => x.includes("Initiative für kommunale Flüchtlingsdialoge"))) {
        throw new Error(`results: ${t.join(" | ")}`);
      }
      const marks = await page.locator("#search-list mark").allTextContents();
      if (!marks.some((m) => /^Flüchtlingsdialog/.test(m))) throw new Error(`marked: ${marks.join(", ")}`);
    });

    await test("spellings fold: „Loeffingen“ and „loffingen“ find what „Löffingen“ finds", async () => {
      await query("Löffingen");
      const want = (await titles()).join("|");
      for (const q of ["Loeffingen", "loffingen"]) {
        await query(q);
        const got = (await titles()).join("|");
        if (got !== want) throw new Error(`${q}: ${got} instead of ${want}`);
      }
    });

    await test("a programme filter narrows the list", async () => {
      await query("Integration");
      const before = (await titles()).length;
      await page.selectOption("#search-p", "weltoffene-kommunen");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("p") === "weltoffene-kommunen", null, {
        timeout: WAIT,
      });
      await page.waitForFunction((n) => document.querySelectorAll("#search-list h3").length < n, before, {
        timeout: WAIT,
      });
      const t = await titles();
      if (t.length !== 1 || !t[0].includes("Weltoffene Kommunen")) throw new Error(`results: ${t.join(" | ")}`);
      await page.selectOption("#search-p", "");
      await page.waitForFunction((n) => document.querySelectorAll("#search-list h3").length === n, before, {
        timeout: WAIT,
      });
    });

    await test("a year filter alone lists that year's releases", async () => {
      await page.fill("#search-q", "");
      await page.selectOption("#search-y", "2019");
      await page.waitForFunction(() => document.querySelectorAll("#search-list h3").length === 2, null, {
        timeout: WAIT,
      });
      await page.selectOption("#search-y", "");
    });

    await test("newest first orders the results by date", async () => {
      await query("Integration");
      await page.selectOption("#search-sort", "date");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "date", null, {
        timeout: WAIT,
      });
      await waitForResults();
      const dates = await page.locator("#search-list .card__meta").allTextContents();
      const years = dates.map((d) => Number(/\d{4}/.exec(d)[0]));
      const sorted = [...years].sort((a, b) => b - a);
      if (years.join() !== sorted.join()) throw new Error(`years in order: ${years.join(", ")}`);
      await page.selectOption("#search-sort", "");
    });

    await test("drafts and embargoed releases are not found", async () => {
      await query("Beispiel");
      const t = await titles();
      if (t.some((x) => /Entwurf|Sperrfrist/.test(x))) throw new Error(`results: ${t.join(" | ")}`);
      await query("Sperrfrist");
      if ((await titles()).length !== 0) throw new Error("the embargoed release was found");
      if (!/Keine Treffer/.test(await status())) throw new Error(`status: ${await status()}`);
    });

    await test("the keyboard alone searches and opens a result; back restores the list", async () => {
      await page.goto(search, { timeout: WAIT });
      let focused = "";
      for (let i = 0; i < 30 && focused !== "search-q"; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement.id);
      }
      if (focused !== "search-q") throw new Error("Tab never reached the search field");
      await page.keyboard.type("Zusammenhalt");
      await page.keyboard.press("Enter");
      await waitForResults();
      const first = (await titles())[0];
      let onLink = false;
      for (let i = 0; i < 30 && !onLink; i++) {
        await page.keyboard.press("Tab");
        onLink = await page.evaluate(() => !!document.activeElement.closest("#search-list a"));
      }
      if (!onLink) throw new Error("Tab never reached a result");
      const text = await page.evaluate(() => document.activeElement.textContent);
      if (text !== first) throw new Error(`the first result reached is ${text}, not ${first}`);
      await Promise.all([page.waitForURL(/pressemitteilungen/, { timeout: WAIT }), page.keyboard.press("Enter")]);
      await page.goBack({ timeout: WAIT });
      await waitForResults();
      if ((await page.inputValue("#search-q")) !== "Zusammenhalt") throw new Error("the query is gone");
      if ((await titles())[0] !== first) throw new Error("the results are gone");
    });

    await test("a shared URL shows its results", async () => {
      const other = await browser.newPage();
      await other.goto(search + "?q=Flüchtlingsdialog", { timeout: WAIT });
      await other.waitForFunction(() => document.querySelectorAll("#search-list h3").length > 0, null, {
        timeout: WAIT,
      });
      if ((await other.inputValue("#search-q")) !== "Flüchtlingsdialog") throw new Error("the field is empty");
      await other.close();
    });

    await test("the page fits 320 px", async () => {
      const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await narrow.goto(search + "?q=Integration", { timeout: WAIT });
      await narrow.waitForFunction(() => document.querySelectorAll("#search-list h3").length > 0, null, {
        timeout: WAIT,
      });
      const w = await narrow.evaluate(() => document.documentElement.scrollWidth);
      await narrow.close();
      if (w > 320) throw new Error(`the page is ${w} px wide`);
    });

    await test("without JavaScript the page links to the archive and the lists", async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const p = await ctx.newPage();
      await p.goto(search, { timeout: WAIT });
      if (!(await p.locator("#search-nojs").isVisible())) throw new Error("no JavaScript note");
      if (await p.locator("#search-form").isVisible()) throw new Error("a form that cannot work is shown");
      const links = await p.locator("#search-nojs a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      for (const want of ["/pressemitteilungen/", "/programme/", "/kommunen/", "/themen/"]) {
        if (!links.includes(want)) throw new Error(`no link to ${want}: ${links.join(", ")}`);
      }
      await ctx.close();
    });

    await test("under a sub-path (/presse/) the search finds and links the releases", async () => {
      await page.goto(sub.url + "presse/suche/?q=Löffingen", { timeout: WAIT });
      await waitForResults();
      const href = await page.locator("#search-list a").first().getAttribute("href");
      if (!href.startsWith("/presse/pressemitteilungen/")) throw new Error(`the result links to ${href}`);
      const nav = await page.locator(".site-nav a", { hasText: "Suche" }).getAttribute("href");
      if (nav !== "/presse/suche/") throw new Error(`the search link is ${nav}`);
    });
  } catch (e) {
    runner.fail("setup", e);
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const s of servers) s.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  runner.finish();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
