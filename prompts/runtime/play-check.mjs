#!/usr/bin/env node
// Checks the API's browser player (GET /play/{id}) in headless Chromium, against a running API.
//
//   node prompts/runtime/play-check.mjs config.json
//
// config.json: {"base": "http://127.0.0.1:PORT", "games": [{"name", "url"}], "hostiles": [{"name", "url", "navigate"}]}
// where each url is a player URL (public, or a signed play link), relative to base.
//
// For every game: the player page loads, the sandboxed frame starts the game ("ready" reaches the
// parent), the canvas is not blank, the picture changes after pointer and key input, the parent's
// score matches the game's, restart works, touch works on a phone-sized screen, no console or page
// errors, and the browser requests nothing but the player's own URLs.
// For the hostile game (tests/fixtures/hostile/logic.js): no request leaves the sandbox (every
// request the browser makes is recorded; the test's loopback sink must hear nothing, which the
// caller asserts), no popup opens, the parent is not navigated, message spam is dropped, and the
// parent stays responsive while the frame spins in an infinite loop.
// Env: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (path to the package). Exit 1 on failure.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const INSTALL = "apt-get install -y chromium && npm install --no-save --prefix ~/.cache/aimini/node playwright-core@1 (scripts/test.sh does both)";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function loadPlaywright() {
  const candidates = [process.env.PLAYWRIGHT_CORE, path.join(process.env.HOME || "", ".cache/aimini/node/node_modules/playwright-core")].filter(Boolean);
  for (const c of candidates) {
    try {
      return createRequire(pathToFileURL(path.join(c, "package.json")))(c);
    } catch {
      /* next */
    }
  }
  console.error(`playwright-core not found (${candidates.join(", ")}): ${INSTALL}`);
  process.exit(2);
}

// Every URL the player may request: its pages and its runtime files, and (a public game's page,
// never a hostile run) the one POST that counts the play; nothing else.
function allowed(base, url, method, opts = {}) {
  if (url.startsWith("data:")) return true;
  if (!url.startsWith(base + "/")) return false;
  const p = new URL(url).pathname;
  if (!opts.hostile && method === "POST" && /^\/api\/v1\/games\/[0-9a-f-]{36}\/play$/.test(p)) return true;
  return /^\/play\/[0-9a-f-]{36}(\/frame|\/logic\.js)?$/.test(p) || /^\/play\/runtime\/v1-[0-9a-f]{12}\/(runtime\.js|frame\.js|player\.js|player\.css)$/.test(p);
}

// Chromium reports requests that its CSP or sandbox then blocks (DevTools shows them as
// "(blocked:csp)"); those never reach the network. Anything else that is not the player's own URL is
// a leak.
const BLOCKED = /ERR_BLOCKED_BY_CSP|ERR_BLOCKED_BY_CLIENT|blocked:csp|\bcsp\b/i;

function watch(page, base, problems, opts = {}) {
  const requests = [];
  page.on("request", (r) => {
    const entry = { url: r.url(), method: r.method(), outcome: "pending" };
    requests.push(entry);
    r._aiminiEntry = entry;
  });
  page.on("requestfinished", (r) => { if (r._aiminiEntry) r._aiminiEntry.outcome = "finished"; });
  page.on("requestfailed", (r) => { if (r._aiminiEntry) r._aiminiEntry.outcome = `failed ${r.failure()?.errorText || ""}`; });
  page.on("websocket", (ws) => problems.push(`websocket opened: ${ws.url()}`));
  page.on("popup", (p) => problems.push(`popup opened: ${p.url()}`));
  if (!opts.hostile) {
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text().split("\n")[0]}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  }
  // Call after the page is done: the problems this request log proves.
  requests.leaks = () =>
    requests
      .filter((e) => !allowed(base, e.url, e.method, opts) && !(e.outcome.startsWith("failed") && BLOCKED.test(e.outcome)))
      .map((e) => `${e.method} ${e.url} (${e.outcome})`);
  return requests;
}

function gameFrame(page) {
  return page.frames().find((f) => /\/play\/[0-9a-f-]{36}\/frame/.test(f.url()));
}

// A grid of pixels from the game's canvas (in the frame), like check.mjs.
async function sample(frame) {
  return frame.evaluate(() => {
    const c = document.getElementById("game");
    const v = window.aimini && window.aimini.debug.view;
    if (!c || !v || !v.pixelScale) return null;
    const g = c.getContext("2d");
    const w = Math.max(1, Math.floor(640 * v.pixelScale));
    const h = Math.max(1, Math.floor(360 * v.pixelScale));
    const data = g.getImageData(v.x, v.y, w, h).data;
    const px = [];
    for (let j = 0; j < 45; j++) {
      for (let i = 0; i < 80; i++) {
        const x = Math.floor(((i + 0.5) * w) / 80);
        const y = Math.floor(((j + 0.5) * h) / 45);
        const o = (y * w + x) * 4;
        px.push((data[o] << 16) | (data[o + 1] << 8) | data[o + 2]);
      }
    }
    return px;
  });
}
const distinct = (px) => new Set(px).size;
const diff = (a, b) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);

async function waitReady(page) {
  await page.waitForFunction(() => window.aiminiPlayer && (window.aiminiPlayer.ready || window.aiminiPlayer.error), null, { timeout: 10000 });
  const st = await page.evaluate(() => window.aiminiPlayer);
  if (st.error) throw new Error(`game error reported to the parent: ${st.error.message}`);
  const frame = gameFrame(page);
  if (!frame) throw new Error("no game frame");
  // Polled with plain evaluate: Playwright's waitForFunction injects a helper script that needs DOM
  // globals (MutationObserver...), and the frame's lockdown deletes those from the window on purpose.
  const until = Date.now() + 8000;
  while (!(await frame.evaluate(() => !!(window.aimini && window.aimini.debug.frame > 20)))) {
    if (Date.now() > until) throw new Error("the game did not run 20 frames in 8 s");
    await sleep(100);
  }
  return frame;
}

// Maps game units (640x360) to page coordinates through the iframe's box and the runtime's letterbox.
async function mapper(page, frame) {
  const box = await page.locator("#game-frame").boundingBox();
  const view = await frame.evaluate(() => window.aimini.debug.view);
  return (x, y) => [box.x + view.left + x * view.scale, box.y + view.top + y * view.scale];
}

async function checkGame(browser, base, game) {
  const problems = [];
  let info = "";
  const context = await browser.newContext({ viewport: { width: 960, height: 640 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests = watch(page, base, problems);
  try {
    await page.goto(base + game.url, { waitUntil: "load" });
    const sandbox = await page.locator("#game-frame").getAttribute("sandbox");
    if (sandbox !== "allow-scripts") problems.push(`iframe sandbox is ${JSON.stringify(sandbox)}`);
    const frame = await waitReady(page);
    // The frame really is an opaque origin, under the CSP it was sent with.
    const origin = await frame.evaluate(() => self.origin);
    if (origin !== "null") problems.push(`frame origin is ${origin}, not opaque`);

    const before = await sample(frame);
    if (!before) throw new Error("no canvas in the frame");
    const colors = distinct(before);
    if (colors < 2) problems.push(`canvas looks blank (${colors} color)`);

    const at = await mapper(page, frame);
    let changed = 0;
    const snap = async () => {
      const s = await sample(frame);
      if (s) changed = Math.max(changed, diff(before, s));
      return s;
    };
    const click = async (x, y) => {
      const [cx, cy] = at(x, y);
      await page.mouse.click(cx, cy, { delay: 40 });
      await sleep(90);
    };
    const press = async (k, hold = 60) => {
      await page.keyboard.down(k);
      await sleep(hold);
      await page.keyboard.up(k);
      await sleep(70);
    };
    // Pointer first (it also focuses the frame), then keys, then more of both: ~3 s of play.
    await click(320, 180);
    for (const [x, y] of [[160, 270], [480, 270], [160, 200], [480, 200], [320, 120], [100, 80], [540, 80], [320, 320], [220, 250], [420, 250]]) await click(x, y);
    const afterPointer = await snap();
    const pointerChanged = afterPointer ? diff(before, afterPointer) : 0;
    for (const k of ["Space", "Enter", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]) await press(k, 120);
    for (const k of ["1", "2", "3", "4", "7", "Backspace", "Enter", "w", "a", "s", "d", "Space"]) await press(k);
    const mid = await snap();
    for (const k of ["ArrowLeft", "ArrowUp", "ArrowRight", "ArrowDown", "Space"]) await press(k, 90);
    const afterKeys = await snap();
    const keysChanged = mid && afterKeys ? diff(mid, afterKeys) : 0;
    if (changed === 0) problems.push("picture did not change after input");
    const fst = await frame.evaluate(() => ({ score: window.aimini.debug.score, frame: window.aimini.debug.frame, error: window.aimini.debug.error }));
    if (fst.error) problems.push(`game error: ${fst.error.message}`);
    // Scores are coalesced to 10 a second and some games score continuously: the parent must show
    // a score the game had between two reads around it.
    const s1 = await frame.evaluate(() => window.aimini.debug.score);
    await sleep(300);
    const pst = await page.evaluate(() => ({ score: window.aiminiPlayer.score, shown: document.getElementById("score").textContent, accepted: window.aiminiPlayer.accepted, rejected: window.aiminiPlayer.rejected }));
    const fscore = await frame.evaluate(() => window.aimini.debug.score);
    const lo = Math.min(s1, fscore);
    const hi = Math.max(s1, fscore);
    if (!(pst.score >= lo && pst.score <= hi) || pst.shown !== String(pst.score)) problems.push(`parent shows score ${pst.shown} (${pst.score}), the game had ${s1}..${fscore}`);
    if (pst.rejected) problems.push(`the parent rejected ${pst.rejected} messages from a well-behaved game`);
    info = `score=${fscore} msgs=${pst.accepted} changed=${changed}px pointer=${pointerChanged}px keys=${keysChanged}px colors=${colors}`;

    // Restart from the parent's button: the game starts a fresh run and the score is 0 again.
    await page.click("#restart");
    await sleep(400);
    const rs = await frame.evaluate(() => ({ frame: window.aimini.debug.frame, error: window.aimini.debug.error, running: window.aimini.debug.running, score: window.aimini.debug.score }));
    if (rs.error) problems.push(`game error after restart: ${rs.error.message}`);
    else if (!rs.running || rs.frame >= fst.frame + 20) problems.push(`restart did not start a fresh run (frame ${rs.frame} after ${fst.frame})`);
    await sleep(200);
    const shown = await page.evaluate(() => document.getElementById("score").textContent);
    if (shown !== String(rs.score) && rs.score === 0) problems.push(`score after restart shows ${shown}`);
    // Keys still reach the game after clicking a parent button (focus goes back to the frame).
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== "game-frame") problems.push(`focus after restart is on ${focused}, not the game`);
    const help = await page.locator("#help").textContent();
    if (!/Keyboard:/.test(help) || !/Touch or mouse:/.test(help)) problems.push("controls help missing");
    for (const l of requests.leaks()) problems.push(`request outside the player: ${l}`);
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    await context.close();
  }
  return { problems, info };
}

// A phone: touch only, portrait, high DPI.
async function checkTouch(browser, base, game) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const requests = watch(page, base, problems);
  try {
    await page.goto(base + game.url, { waitUntil: "load" });
    const frame = await waitReady(page);
    const before = await sample(frame);
    const at = await mapper(page, frame);
    let changed = 0;
    for (const [x, y] of [[320, 180], [160, 270], [480, 270], [320, 120], [100, 300], [540, 300], [320, 180]]) {
      const [cx, cy] = at(x, y);
      await page.touchscreen.tap(cx, cy);
      await sleep(120);
      const s = await sample(frame);
      if (s && before) changed = Math.max(changed, diff(before, s));
    }
    if (!changed) problems.push("picture did not change after taps");
    const layout = await page.evaluate(() => {
      const f = document.getElementById("game-frame").getBoundingClientRect();
      return { w: f.width, h: f.height, scrollW: document.documentElement.scrollWidth };
    });
    if (layout.w < 300 || layout.h < 150 || layout.scrollW > 390) problems.push(`layout on a phone: ${JSON.stringify(layout)}`);
    for (const l of requests.leaks()) problems.push(`request outside the player: ${l}`);
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    await context.close();
  }
  return { problems };
}

async function checkHostile(browser, base, game) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 960, height: 640 } });
  // Assume a breach: since game code runs in strict mode with the window's names shadowed or
  // deleted, the fixture can no longer reach the window by itself (tests/tests/containment.rs
  // proves that). To keep testing the next walls (the sandbox and the CSP), the test hands it the
  // frame's window through a property every object inherits.
  await context.addInitScript(() => {
    if (window.top !== window) Object.defineProperty(Object.prototype, "__aiminiBreach", { value: window, configurable: true });
  });
  const pages = [];
  context.on("page", (p) => pages.push(p));
  const page = await context.newPage();
  const requests = watch(page, base, problems, { hostile: true });
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(m.text().split("\n")[0]));
  let info = "";
  let report_ = null;
  try {
    const url = base + game.url;
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => window.aiminiPlayer && window.aiminiPlayer.events.some((e) => e.name === "hostile-report"), null, { timeout: 10000 });
    const report = await page.evaluate(() => window.aiminiPlayer.events.find((e) => e.name === "hostile-report").data);
    // The game must have been given the shims, and every way out must have failed.
    if (report["shim localStorage"] !== "42") problems.push(`localStorage shim: ${report["shim localStorage"]}`);
    if (report["shadowed fetch"] !== "undefined" || report["shadowed document"] !== "undefined") problems.push(`globals not shadowed: ${JSON.stringify(report)}`);
    if (report["window fetch"] !== "undefined undefined undefined") problems.push(`network globals left on the frame's window: ${report["window fetch"]}`);
    if (report["real window"] !== "object object") problems.push(`the fixture did not reach the real window (${report["real window"]}): the test proves nothing`);
    if (report["parent document"] && !report["parent document"].startsWith("threw")) problems.push(`read the parent's document: ${report["parent document"]}`);
    if (report["document.cookie read"] && !report["document.cookie read"].startsWith("threw")) problems.push(`document.cookie readable: ${report["document.cookie read"]}`);
    if (report["eval"] === "2" || report["Function"] === "1") problems.push("eval ran inside the frame");
    if (game.navigate) {
      // The frame tries to navigate itself (and the top) away; give it time, then the parent must be
      // where it was, and nothing may have left (checked below and by the caller's sink).
      await sleep(2500);
      const t0 = Date.now();
      const parent = await Promise.race([page.evaluate(() => location.href), sleep(3000).then(() => null)]);
      if (parent !== url) problems.push(`the parent is at ${parent}`);
      info = `parent stayed and answered in ${Date.now() - t0} ms; frame now at ${(gameFrame(page) && gameFrame(page).url()) || "an error page"}`;
      report_ = report;
      return { problems, info };
    }
    // Wait for the spam to be over and the loop to start.
    await sleep(3000);
    const frameBusy = await Promise.race([
      gameFrame(page) ? gameFrame(page).evaluate(() => 1).then(() => false, () => true) : Promise.resolve(true),
      sleep(2000).then(() => true),
    ]);
    if (!frameBusy) problems.push("the hostile frame is not spinning (the loop never started?)");
    const t0 = Date.now();
    const parent = await Promise.race([
      page.evaluate(() => ({ url: location.href, title: document.title, st: { accepted: window.aiminiPlayer.accepted, rejected: window.aiminiPlayer.rejected, dropped: window.aiminiPlayer.dropped, score: window.aiminiPlayer.score, gameOver: window.aiminiPlayer.gameOver }, status: document.getElementById("status").innerHTML })),
      sleep(3000).then(() => null),
    ]);
    const ms = Date.now() - t0;
    if (!parent) problems.push("the parent page is not responsive while the game spins");
    else {
      if (parent.url !== url) problems.push(`the parent was navigated to ${parent.url}`);
      if (ms > 1500) problems.push(`the parent answered in ${ms} ms`);
      if (parent.st.dropped < 1000) problems.push(`message spam was not rate-limited: ${JSON.stringify(parent.st)}`);
      if (parent.st.accepted > 200) problems.push(`too many messages accepted: ${JSON.stringify(parent.st)}`);
      if (parent.st.gameOver) problems.push(`a malformed gameover was accepted: ${JSON.stringify(parent.st.gameOver)}`);
      if (/<img|<script/i.test(parent.status)) problems.push(`message text rendered as HTML: ${parent.status}`);
      // The parent's own controls still work.
      await page.click("#restart", { timeout: 2000 }).catch((e) => problems.push(`restart click failed: ${e.message.split("\n")[0]}`));
      info = `responsive in ${ms} ms; messages ${JSON.stringify(parent.st)}`;
    }
    if (pages.length > 1) problems.push(`popups opened: ${pages.slice(1).map((p) => p.url()).join(", ")}`);
    report_ = report;
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    await sleep(500);
    const leaks = requests.leaks();
    if (leaks.length) problems.push(`requests left the sandbox: ${leaks.join(", ")}`);
    const blocked = requests.filter((e) => !allowed(base, e.url, e.method, { hostile: true })).length;
    info += `; ${requests.length} requests seen, ${blocked} of them refused by the browser before the network; ${report_ ? Object.keys(report_).length : 0} attempts reported`;
    if (process.env.PLAY_CHECK_VERBOSE) {
      console.log(JSON.stringify(report_, null, 1));
      for (const l of consoleLines) console.log(`  console: ${l}`);
      for (const r of requests) console.log(`  request: ${r.method} ${r.url} ${r.outcome}`);
    }
    await context.close().catch(() => {});
  }
  return { problems, info };
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node prompts/runtime/play-check.mjs config.json");
    process.exit(2);
  }
  const cfg = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found: ${INSTALL}`);
    process.exit(2);
  }
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
  });
  let failed = 0;
  const line = (ok, name, secs, info, problems) => {
    console.log(`${ok ? "PASS" : "FAIL"} ${name} (${secs}s) ${info || ""}`);
    for (const p of [...new Set(problems)].slice(0, 20)) console.log(`  - ${p}`);
  };
  try {
    for (const [i, game] of (cfg.games || []).entries()) {
      if (process.env.PLAY_CHECK_ONLY && !process.env.PLAY_CHECK_ONLY.split(",").includes(game.name)) continue;
      const t0 = Date.now();
      const r = await checkGame(browser, cfg.base, game);
      // Touch on a phone for every other game keeps the run short and still covers each kind.
      if (i % 2 === 0) r.problems.push(...(await checkTouch(browser, cfg.base, game)).problems.map((p) => `touch: ${p}`));
      if (r.problems.length) failed++;
      line(!r.problems.length, game.name, ((Date.now() - t0) / 1000).toFixed(1), r.info, r.problems);
    }
    for (const h of cfg.hostiles || []) {
      const t0 = Date.now();
      const r = await checkHostile(browser, cfg.base, h);
      if (r.problems.length) failed++;
      line(!r.problems.length, h.name, ((Date.now() - t0) / 1000).toFixed(1), r.info, r.problems);
    }
  } finally {
    await browser.close();
  }
  const total = (cfg.games || []).length + (cfg.hostiles || []).length;
  console.log(`${total - failed}/${total} player checks passed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
