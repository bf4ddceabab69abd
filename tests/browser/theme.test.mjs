// Real-browser test of the default theme on the built example site, in Debian's chromium
// (headless) driven by playwright-core:
//   1. every page kind fits 320 px and 1280 px wide without horizontal scrolling
//      (document.scrollWidth ≤ innerWidth), at 100 % and at 200 % zoom (640 px at scale 2);
//      a screenshot of each is written to $SCREENSHOTS (default: a temporary folder);
//   2. the keyboard reaches the skip link first, then the header links in reading order, and
//      every focused element shows a visible outline;
//   3. with prefers-reduced-motion the theme runs no transition or animation;
//   4. a --relative-urls build opened from file:// loads its stylesheet and follows links to a
//      release, a programme and a municipality page.
// Every wait is bounded. Prints one line per test and "N passed, M failed"; exits 1 on any
// failure. Usage: npm ci && node theme.test.mjs   (env: HEROLD_BIN, CHROMIUM, SCREENSHOTS)

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Runner, launchChromium } from "./harness.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = process.env.HEROLD_BIN || path.join(REPO, "target", "release", "herold");
const NOW = "2026-06-01T00:00:00Z";
const WAIT = 10_000;

// One page of each kind the theme has (paths below the site root); pages of outputs that
// are switched off or not built are skipped.
const PAGES = [
  "",
  "pressemitteilungen/",
  "pressemitteilungen/2018/",
  "pressemitteilungen/2018/pakt-fuer-integration-23-orte/",
  "pressemitteilungen/2018/bundeskonferenz-integrationsbeauftragte-kassel/",
  "themen/",
  "programme/",
  "programme/prozessbegleitung/",
  "kommunen/",
  "kommunen/loeffingen/",
  "kommunen/landkreis-breisgau-hochschwarzwald/",
  "impressum/",
  "barrierefreiheit/",
  "leichte-sprache/",
  "suche/",
  "termine/",
  "daten/",
  "404.html",
];

function build(out, args = []) {
  execFileSync(BIN, ["build", "--root", REPO, "--output", out, "--now", NOW, "--quiet", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// A plain static file server for `dir` on a free loopback port.
function serve(dir) {
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png" };
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "herold-theme-"));
  const shots = process.env.SCREENSHOTS || path.join(tmp, "screenshots");
  fs.mkdirSync(shots, { recursive: true });
  const site = path.join(tmp, "public");
  const relative = path.join(tmp, "relative");
  build(site);
  build(relative, ["--relative-urls"]);
  const pages = PAGES.filter((p) => fs.existsSync(path.join(site, p.endsWith(".html") ? p : p + "index.html")));
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const runner = new Runner();
  const test = (name, fn) => runner.test(name, fn);
  try {
    for (const [width, scale] of [[320, 1], [1280, 1], [640, 2]]) {
      await test(`${pages.length} pages fit ${width} px at ${scale * 100} % without horizontal scrolling`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: scale });
        const page = await context.newPage();
        const wide = [];
        for (const p of pages) {
          await page.goto(base + p, { timeout: WAIT });
          const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
          if (sw > iw) wide.push(`${p || "/"} (${sw} > ${iw})`);
          const name = (p || "index").replace(/[/.]+/g, "_").replace(/_$/, "");
          await page.screenshot({ path: path.join(shots, `${width}x${scale}-${name}.png`), fullPage: false });
        }
        await context.close();
        if (wide.length) throw new Error(`scrolls sideways: ${wide.join(", ")}`);
      });
    }

    await test("the keyboard starts at the skip link and every focus is visible", async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(base, { timeout: WAIT });
      const seen = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => {
          const el = document.activeElement;
          const st = getComputedStyle(el);
          const visible = (st.outlineStyle !== "none" && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== "none";
          return { text: (el.textContent || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 40), visible, top: el.getBoundingClientRect().top };
        });
        seen.push(f);
      }
      if (!/Inhalt|content/i.test(seen[0].text)) throw new Error(`first focus is "${seen[0].text}", not the skip link`);
      const invisible = seen.filter((f) => !f.visible).map((f) => f.text);
      if (invisible.length) throw new Error(`focus not visible on: ${invisible.join(", ")}`);
      await page.close();
    });

    await test("reduced motion: no transitions or animations", async () => {
      const context = await browser.newContext({ reducedMotion: "reduce" });
      const page = await context.newPage();
      const moving = [];
      for (const p of pages) {
        await page.goto(base + p, { timeout: WAIT });
        const n = await page.evaluate(() => [...document.querySelectorAll("*")].filter((el) => {
          const st = getComputedStyle(el);
          const t = st.transitionDuration.split(",").some((d) => parseFloat(d) > 0.01);
          const a = st.animationName !== "none" && st.animationDuration.split(",").some((d) => parseFloat(d) > 0.01);
          return t || a;
        }).length);
        if (n) moving.push(`${p || "/"}: ${n} elements`);
      }
      await context.close();
      if (moving.length) throw new Error(moving.join("; "));
    });

    await test("a --relative-urls build browses from file://", async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(relative, "index.html")).href, { timeout: WAIT });
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
      if (styled === "rgba(0, 0, 0, 0)") throw new Error("the stylesheet did not load");
      for (const [link, expect] of [
        ["a[href$='pressemitteilungen/index.html']", /Pressemitteilungen/],
        ["main a[href*='pakt-fuer-integration-23-orte']", /Integration/],
      ]) {
        await page.click(link, { timeout: WAIT });
        await page.waitForLoadState("load");
        if (!page.url().startsWith("file://") || !page.url().endsWith("index.html")) throw new Error(`left the folder: ${page.url()}`);
        if (!expect.test(await page.title())) throw new Error(`unexpected page ${page.url()}`);
      }
      // From the release page: one of its programmes and one of its municipalities.
      const release = page.url();
      for (const section of ["programme/", "kommunen/"]) {
        await page.goto(release, { timeout: WAIT });
        await page.click(`.release__links a[href*='${section}']`, { timeout: WAIT });
        await page.waitForLoadState("load");
        const h1 = await page.textContent("h1");
        if (!page.url().includes(section) || !h1) throw new Error(`no ${section} page: ${page.url()}`);
        const css = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor);
        if (css === "rgba(0, 0, 0, 0)") throw new Error(`unstyled: ${page.url()}`);
      }
      await page.close();
    });
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`screenshots: ${shots}`);
  runner.finish();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
