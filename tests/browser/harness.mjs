// What the browser tests share: Debian's chromium started the way this machine needs it, a
// free loopback port, and a runner that prints one line per test and "N passed, M failed".

import net from "node:net";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// Headless chromium as root without a sandbox, and without the background connections that
// this machine's closed network refuses.
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// A TCP port on 127.0.0.1 that is free right now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs named tests one after the other, remembers failures, and ends the process with the
// summary line CI reads.
export class Runner {
  constructor() {
    this.results = [];
  }

  async test(name, body) {
    try {
      await body();
      this.results.push([name, null]);
      console.log(`ok   ${name}`);
    } catch (e) {
      this.fail(name, e);
    }
  }

  fail(name, e) {
    this.results.push([name, e]);
    console.log(`FAIL ${name}\n     ${String((e && e.message) || e).split("\n").join("\n     ")}`);
  }

  get failed() {
    return this.results.filter(([, e]) => e).length;
  }

  // Prints "N passed, M failed" and exits 1 on any failure.
  finish() {
    const failed = this.failed;
    console.log(`${this.results.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
}
