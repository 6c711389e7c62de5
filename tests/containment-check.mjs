#!/usr/bin/env node
// Observes, in real Chromium, whether hostile games played through the real player page make the
// browser reach out (driven by tests/tests/containment.rs).
//
//   node tests/containment-check.mjs config.json
//   config.json: {"games": [{"name", "url", "wait_ms"?}], "controls": true}
//
// How it observes: Chromium starts with --host-resolver-rules mapping every host name to loopback
// TCP listeners of this script (IP literals of the API are excluded, so the player itself loads):
// names under `.example` (all the hostile games use) to the "leak" listener, every other name to
// the "other" listener (Chromium's own background traffic, reported but not charged to a game). A
// game that gets Chromium to resolve and connect anywhere (a navigation's preconnect, a
// <link rel=preconnect>, an image, a TURN server of an RTCPeerConnection, a fetch) therefore lands
// on a listener, which counts connections, whether or not a request is ever sent on them. Games
// run one at a time and each is charged the connections that arrive while it runs.
//
// Positive controls: the same kinds of attempt made from an ordinary (unsandboxed) page must reach
// the listener, otherwise the observation proves nothing; each is reported as CONTROL.
//
// Output: one line per game, `RESULT {"name", "connections", "events", "player"}`, where events are
// the game's own ctx.event reports as the player page received them and player is the page's state
// (ready, error, hung); one `CONTROL {"name", "connections"}` per control; then `DONE`.
// Env: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE.

import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function loadPlaywright() {
  const pw = process.env.PLAYWRIGHT_CORE;
  if (!pw) throw new Error("PLAYWRIGHT_CORE is not set");
  return createRequire(pathToFileURL(path.join(pw, "package.json")))(pw);
}

// Every connection the browser opens to a host name ends here.
function listener() {
  const seen = [];
  const server = net.createServer((sock) => {
    const entry = { at: Date.now(), bytes: 0, first: "" };
    seen.push(entry);
    sock.on("data", (d) => {
      if (!entry.bytes) entry.first = d.toString("latin1").split("\r\n")[0].slice(0, 120);
      entry.bytes += d.length;
    });
    sock.on("error", () => {});
    setTimeout(() => sock.destroy(), 2000);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, port: server.address().port, seen }));
  });
}

async function playOne(browser, game, seen) {
  const context = await browser.newContext({ viewport: { width: 960, height: 640 } });
  const page = await context.newPage();
  const before = seen.length;
  let player = null;
  let events = [];
  try {
    // Not "load": a frame that hangs never finishes loading, and that is one of the outcomes.
    await page.goto(game.url, { waitUntil: "domcontentloaded", timeout: 10000 });
    await sleep(game.wait_ms || 2500);
    const st = await Promise.race([
      page.evaluate(() => {
        const p = window.aiminiPlayer || {};
        return {
          ready: !!p.ready, error: p.error || null, hung: !!p.hung, dropped: p.dropped || 0,
          status: (document.getElementById("status") || {}).textContent || "",
          events: (p.events || []).map((e) => ({ name: e.name, data: e.data })),
          url: location.href,
        };
      }),
      sleep(3000).then(() => null),
    ]);
    if (st) {
      events = st.events;
      delete st.events;
      player = st;
    } else {
      player = { unresponsive: true };
    }
  } catch (e) {
    player = { failed: e.message.split("\n")[0] };
  }
  // Late preconnects still count against this game.
  await sleep(700);
  const conns = seen.slice(before).map((c) => c.first || `(bare, ${c.bytes} bytes)`);
  await context.close().catch(() => {});
  return { name: game.name, connections: conns.length, seen: conns, events, player };
}

// The same kinds of attempt from an ordinary page: each must reach the listener.
const CONTROLS = {
  "navigate to a host name": () => { location.href = "http://control-navigate.example/x"; },
  "resource hints (preconnect, prefetch)": () => {
    for (const rel of ["preconnect", "prefetch"]) {
      const l = document.createElement("link");
      l.rel = rel;
      l.href = `http://control-${rel}.example/`;
      document.head.appendChild(l);
    }
  },
  "image": () => { new Image().src = "http://control-image.example/i.png"; },
  "fetch": () => { fetch("http://control-fetch.example/").catch(() => {}); },
  "child-frame WebRTC (TURN over TCP)": async () => {
    const f = document.createElement("iframe");
    document.body.appendChild(f);
    const pc = new f.contentWindow.RTCPeerConnection({
      iceServers: [{ urls: "turn:control-webrtc.example:3478?transport=tcp", username: "u", credential: "p" }],
    });
    pc.createDataChannel("x");
    await pc.setLocalDescription(await pc.createOffer());
  },
};

async function control(browser, name, fn, seen) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent("<!doctype html><title>control</title><body></body>");
  const before = seen.length;
  await page.evaluate(fn).catch(() => {});
  await sleep(2500);
  const n = seen.length - before;
  await context.close().catch(() => {});
  return { name, connections: n };
}

async function main() {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (scripts/test.sh installs it)`);
  const { chromium } = loadPlaywright();
  const sink = await listener();
  const other = await listener();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
      `--host-resolver-rules=MAP *.example 127.0.0.1:${sink.port}, MAP * 127.0.0.1:${other.port}, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
    ],
  });
  try {
    for (const game of cfg.games || []) {
      console.log("RESULT " + JSON.stringify(await playOne(browser, game, sink.seen)));
    }
    if (cfg.controls) {
      for (const [name, fn] of Object.entries(CONTROLS)) {
        console.log("CONTROL " + JSON.stringify(await control(browser, name, fn, sink.seen)));
      }
    }
  } finally {
    await browser.close().catch(() => {});
    sink.server.close();
    other.server.close();
  }
  console.log(`OTHER ${other.seen.length} connection(s) to names outside .example (the browser's own)`);
  console.log("DONE");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
