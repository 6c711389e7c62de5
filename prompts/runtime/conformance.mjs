#!/usr/bin/env node
// Renders one frame of a game with the browser runtime (runtime.js) in headless Chromium and writes
// its pixels, so the worker's headless runner can be compared with the browser (the Rust test
// `runner::tests::frames_match_the_browser_runtime` calls this script).
//
//   node prompts/runtime/conformance.mjs GAME.js PARAMS.json SEED FRAMES OUT.rgba
//
// The canvas is exactly 640x360 CSS pixels at devicePixelRatio 1, so one game unit is one pixel.
// After at least FRAMES frames the canvas is read (RGBA, 640*360*4 bytes) into OUT.rgba; a JSON line
// {frame, error} goes to stdout. Use a game whose picture does not depend on dt or time (the browser's
// frame clock is real). Env: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (the package).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function loadPlaywright() {
  const candidates = [process.env.PLAYWRIGHT_CORE, path.join(process.env.HOME || "", ".cache/aimini/node/node_modules/playwright-core"), "/tmp/aimini-check/node_modules/playwright-core"].filter(Boolean);
  for (const c of candidates) {
    try {
      return createRequire(pathToFileURL(path.join(c, "package.json")))(c);
    } catch {
      /* next */
    }
  }
  console.error("playwright-core not found (set PLAYWRIGHT_CORE)");
  process.exit(2);
}

async function main() {
  const [gameFile, paramsFile, seedArg, framesArg, outFile] = process.argv.slice(2);
  if (!outFile) {
    console.error("usage: conformance.mjs GAME.js PARAMS.json SEED FRAMES OUT.rgba");
    process.exit(2);
  }
  const runtime = fs.readFileSync(path.join(HERE, "runtime.js"), "utf8");
  const logic = fs.readFileSync(gameFile, "utf8");
  const params = JSON.parse(fs.readFileSync(paramsFile, "utf8"));
  const seed = Number(seedArg);
  const frames = Number(framesArg);

  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--force-color-profile=srgb", "--disable-lcd-text", "--font-render-hinting=none"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 1 });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(
      '<!doctype html><html><body style="margin:0;background:#000"><div id="host" style="position:relative;width:640px;height:360px"><canvas id="game"></canvas></div></body></html>',
    );
    await page.addScriptTag({ content: runtime });
    await page.addScriptTag({ content: logic });
    await page.evaluate(([p, s]) => {
      window.aimini.start({ canvas: "#game", params: p, seed: s });
    }, [params, seed]);
    await page.waitForFunction((n) => window.aimini.debug.error || window.aimini.debug.frame >= n, frames, { timeout: 15000 });
    const out = await page.evaluate(() => {
      const c = document.getElementById("game");
      const g = c.getContext("2d");
      const d = g.getImageData(0, 0, c.width, c.height);
      return { w: c.width, h: c.height, frame: window.aimini.debug.frame, error: window.aimini.debug.error, data: Array.from(d.data) };
    });
    if (out.w !== 640 || out.h !== 360) throw new Error(`canvas is ${out.w}x${out.h}, not 640x360`);
    fs.writeFileSync(outFile, Buffer.from(out.data));
    console.log(JSON.stringify({ frame: out.frame, error: out.error ? out.error.message : (errors[0] || null) }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
