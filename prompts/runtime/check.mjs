#!/usr/bin/env node
// Checks game templates in prompts/templates/ against the aimini runtime in a headless browser.
//
//   npm install --no-save --prefix /tmp/aimini-check playwright-core   # once
//   node prompts/runtime/check.mjs [template-id ...]                   # default: every template
//
// For each template: template.json fields, schema.json shape (+ defaults valid), example.json valid
// against schema.json (a small JSON Schema validator for the keywords templates use), a static lint
// of logic.js for sandbox-forbidden names; then play.html?template=ID is loaded in Chromium, played
// for about 3 s with scripted keys and clicks, and the script asserts: no console errors or page
// errors, the canvas is not blank, the picture changes after input, and a restart works.
// Env: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (path to the package), CHECK_VERBOSE=1.
// Exits 1 when any template fails.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROMPTS = path.resolve(HERE, "..");
const TEMPLATES = path.join(PROMPTS, "templates");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const VERBOSE = !!process.env.CHECK_VERBOSE;
const CATEGORIES = ["puzzle", "action", "strategy", "word", "math", "memory", "quiz", "reaction", "arcade", "board"];
const DIFFICULTIES = ["easy", "medium", "hard"];

// ------------------------------------------------------------------ playwright-core

async function loadPlaywright() {
  const candidates = [];
  if (process.env.PLAYWRIGHT_CORE) candidates.push(process.env.PLAYWRIGHT_CORE);
  candidates.push("playwright-core");
  candidates.push("/tmp/aimini-check/node_modules/playwright-core");
  for (const c of candidates) {
    try {
      if (c === "playwright-core") {
        const req = createRequire(import.meta.url);
        return req("playwright-core"); // honours NODE_PATH
      }
      const req = createRequire(pathToFileURL(path.join(c, "package.json")));
      return req(c);
    } catch {
      /* next */
    }
  }
  console.error("playwright-core not found: npm install --no-save --prefix /tmp/aimini-check playwright-core");
  process.exit(2);
}

// ------------------------------------------------------------------ static server

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".css": "text/css; charset=utf-8", ".md": "text/markdown; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
};

function serve(root) {
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(root, "." + p);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ------------------------------------------------------------------ JSON Schema (subset)

const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs", "definitions", "deprecated", "readOnly", "writeOnly", "format"]);
const KNOWN = new Set([
  ...ANNOTATIONS, "type", "enum", "const", "properties", "required", "additionalProperties", "minProperties", "maxProperties",
  "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minLength", "maxLength", "pattern",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "anyOf", "oneOf", "allOf", "not", "$ref",
  "if", "then", "else",
]);

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function deepEqual(a, b) {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}
function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}

function resolveRef(rootSchema, ref) {
  if (!ref.startsWith("#")) throw new Error(`unsupported $ref ${ref}`);
  let node = rootSchema;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function validate(schema, value, at = "$", rootSchema = schema, errors = [], unknown = new Set()) {
  if (schema === true) return errors;
  if (schema === false) {
    errors.push(`${at}: not allowed`);
    return errors;
  }
  if (!schema || typeof schema !== "object") return errors;
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) unknown.add(k);
  if (schema.$ref) validate(resolveRef(rootSchema, schema.$ref), value, at, rootSchema, errors, unknown);
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((x) => x === t || (x === "number" && t === "integer"));
    if (!ok) {
      errors.push(`${at}: expected ${types.join("|")}, got ${t}`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.some((e) => deepEqual(e, value))) errors.push(`${at}: not one of ${JSON.stringify(schema.enum)}`);
  if ("const" in schema && !deepEqual(schema.const, value)) errors.push(`${at}: must equal ${JSON.stringify(schema.const)}`);
  if (t === "string") {
    const len = [...value].length;
    if (schema.minLength !== undefined && len < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && len > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (t === "number" || t === "integer") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above maximum ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) errors.push(`${at}: not above ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) errors.push(`${at}: not below ${schema.exclusiveMaximum}`);
    if (schema.multipleOf !== undefined && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) errors.push(`${at}: not a multiple of ${schema.multipleOf}`);
  }
  if (t === "array") {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.uniqueItems) {
      const seen = new Set(value.map((v) => JSON.stringify(canon(v))));
      if (seen.size !== value.length) errors.push(`${at}: items are not unique`);
    }
    const prefix = schema.prefixItems || [];
    value.forEach((v, i) => {
      if (i < prefix.length) validate(prefix[i], v, `${at}[${i}]`, rootSchema, errors, unknown);
      else if (schema.items !== undefined) validate(schema.items, v, `${at}[${i}]`, rootSchema, errors, unknown);
    });
    if (schema.contains !== undefined && !value.some((v) => validate(schema.contains, v, at, rootSchema, [], unknown).length === 0)) errors.push(`${at}: no item matches "contains"`);
  }
  if (t === "object") {
    const keys = Object.keys(value);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) errors.push(`${at}: fewer than ${schema.minProperties} properties`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) errors.push(`${at}: more than ${schema.maxProperties} properties`);
    for (const r of schema.required || []) if (!(r in value)) errors.push(`${at}: missing required "${r}"`);
    const props = schema.properties || {};
    for (const k of keys) {
      if (k in props) validate(props[k], value[k], `${at}.${k}`, rootSchema, errors, unknown);
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${k}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") validate(schema.additionalProperties, value[k], `${at}.${k}`, rootSchema, errors, unknown);
    }
  }
  if (schema.allOf) for (const s of schema.allOf) validate(s, value, at, rootSchema, errors, unknown);
  if (schema.anyOf && !schema.anyOf.some((s) => validate(s, value, at, rootSchema, [], unknown).length === 0)) errors.push(`${at}: matches none of anyOf`);
  if (schema.oneOf && schema.oneOf.filter((s) => validate(s, value, at, rootSchema, [], unknown).length === 0).length !== 1) errors.push(`${at}: must match exactly one of oneOf`);
  if (schema.not && validate(schema.not, value, at, rootSchema, [], unknown).length === 0) errors.push(`${at}: must not match "not"`);
  if (schema.if) {
    const ok = validate(schema.if, value, at, rootSchema, [], unknown).length === 0;
    if (ok && schema.then) validate(schema.then, value, at, rootSchema, errors, unknown);
    if (!ok && schema.else) validate(schema.else, value, at, rootSchema, errors, unknown);
  }
  return errors;
}

// Schema style rules from the template brief: every property typed and bounded, objects closed,
// defaults present and valid.
function lintSchema(schema, at = "$", rootSchema = schema, problems = []) {
  if (!schema || typeof schema !== "object") return problems;
  if (schema.$ref) return problems;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (!types.length && !schema.enum && !schema.const && !schema.anyOf && !schema.oneOf) problems.push(`${at}: no type`);
  if (types.includes("object")) {
    if (schema.additionalProperties !== false) problems.push(`${at}: additionalProperties must be false`);
    if (!Array.isArray(schema.required)) problems.push(`${at}: no "required" list`);
    for (const r of schema.required || []) if (!schema.properties || !(r in schema.properties)) problems.push(`${at}: required "${r}" is not a property`);
    for (const [k, sub] of Object.entries(schema.properties || {})) lintSchema(sub, `${at}.${k}`, rootSchema, problems);
  }
  if (types.includes("array")) {
    if (schema.maxItems === undefined) problems.push(`${at}: array without maxItems`);
    if (schema.items) lintSchema(schema.items, `${at}[]`, rootSchema, problems);
  }
  if (types.includes("string") && !schema.enum && schema.const === undefined) {
    if (schema.maxLength === undefined && schema.pattern === undefined) problems.push(`${at}: string without maxLength/pattern`);
  }
  if ((types.includes("number") || types.includes("integer")) && !schema.enum) {
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) problems.push(`${at}: number without minimum`);
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) problems.push(`${at}: number without maximum`);
  }
  if ("default" in schema) {
    const errs = validate(schema, schema.default, `${at}(default)`, rootSchema);
    problems.push(...errs);
  }
  return problems;
}

// ------------------------------------------------------------------ logic.js lint

// Removes comments and the contents of string/template literals (keeps code structure), roughly.
function stripCode(src) {
  let out = "";
  let i = 0;
  let lastSig = "";
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === "/" && n === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && n === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
      out += " ";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      const q = c;
      i++;
      while (i < src.length && src[i] !== q) {
        if (src[i] === "\\") i++;
        else if (q === "`" && src[i] === "$" && src[i + 1] === "{") {
          // keep the expression part of a template literal
          let depth = 1;
          i += 2;
          out += " (";
          while (i < src.length && depth > 0) {
            if (src[i] === "{") depth++;
            else if (src[i] === "}") depth--;
            if (depth > 0) out += src[i];
            i++;
          }
          out += ") ";
          continue;
        }
        i++;
      }
      i++;
      out += q + q;
      lastSig = q;
      continue;
    }
    if (c === "/" && (lastSig === "" || "(,=:[!&|?{};+-*%<>~^".includes(lastSig))) {
      // regex literal
      i++;
      let inClass = false;
      while (i < src.length && (src[i] !== "/" || inClass) && src[i] !== "\n") {
        if (src[i] === "\\") i++;
        else if (src[i] === "[") inClass = true;
        else if (src[i] === "]") inClass = false;
        i++;
      }
      i++;
      out += "/r/";
      lastSig = "/";
      continue;
    }
    out += c;
    if (!/\s/.test(c)) lastSig = c;
    i++;
  }
  return out;
}

const FORBIDDEN = [
  "fetch", "XMLHttpRequest", "WebSocket", "document", "window", "globalThis", "self", "localStorage", "sessionStorage",
  "indexedDB", "eval", "Function", "setTimeout", "setInterval", "requestAnimationFrame", "import", "require",
  "navigator", "location", "Worker", "postMessage",
];

function lintLogic(src) {
  const problems = [];
  const code = stripCode(src);
  for (const name of FORBIDDEN) {
    const re = new RegExp(`(?<![.\\w$])${name}(?![\\w$])`, "g");
    if (re.test(code)) problems.push(`logic.js uses forbidden "${name}"`);
  }
  if (/Math\s*\.\s*random\b/.test(code)) problems.push("logic.js uses Math.random (use ctx.random)");
  const calls = (code.match(/(?<![.\w$])aimini\s*\.\s*game\s*\(/g) || []).length;
  if (calls !== 1) problems.push(`logic.js calls aimini.game ${calls} times (must be exactly once)`);
  return problems;
}

// ------------------------------------------------------------------ static checks

function readJson(file, problems) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${path.basename(file)}: ${e.code === "ENOENT" ? "missing" : e.message}`);
    return undefined;
  }
}

function staticChecks(id) {
  const dir = path.join(TEMPLATES, id);
  const problems = [];
  const warnings = [];
  const tpl = readJson(path.join(dir, "template.json"), problems);
  const schema = readJson(path.join(dir, "schema.json"), problems);
  const example = readJson(path.join(dir, "example.json"), problems);
  let logic = "";
  try {
    logic = fs.readFileSync(path.join(dir, "logic.js"), "utf8");
  } catch {
    problems.push("logic.js: missing");
  }
  if (tpl) {
    if (tpl.id !== id) problems.push(`template.json: id "${tpl.id}" != folder "${id}"`);
    if (typeof tpl.title !== "string" || !tpl.title) problems.push("template.json: title missing");
    if (!CATEGORIES.includes(tpl.category)) problems.push(`template.json: category "${tpl.category}" not in ${CATEGORIES.join(" ")}`);
    if (!DIFFICULTIES.includes(tpl.difficulty)) problems.push(`template.json: difficulty "${tpl.difficulty}" not in ${DIFFICULTIES.join(" ")}`);
    if (!Array.isArray(tpl.tags) || !tpl.tags.length || !tpl.tags.every((t) => typeof t === "string" && t)) problems.push("template.json: tags must be a non-empty string array");
    if (typeof tpl.description !== "string" || tpl.description.length < 40) problems.push("template.json: description missing or too short");
    const c = tpl.controls;
    if (!c || typeof c.keys !== "string" || typeof c.pointer !== "string" || c.touch !== true) problems.push("template.json: controls must be {keys, pointer, touch: true}");
  }
  if (schema) {
    if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") warnings.push("schema.json: $schema is not draft 2020-12");
    if (schema.type !== "object") problems.push("schema.json: top level must be type object");
    problems.push(...lintSchema(schema).map((p) => `schema.json ${p}`));
    const props = schema.properties || {};
    for (const common of ["title", "theme", "palette"]) if (!(common in props)) warnings.push(`schema.json: no common param "${common}"`);
    if (example !== undefined) {
      const unknown = new Set();
      const errs = validate(schema, example, "$", schema, [], unknown);
      problems.push(...errs.map((e) => `example.json ${e}`));
      if (unknown.size) warnings.push(`schema.json: keywords not checked: ${[...unknown].join(", ")}`);
    }
  }
  if (logic) problems.push(...lintLogic(logic));
  return { problems, warnings };
}

// ------------------------------------------------------------------ browser checks

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function sample(page) {
  return page.evaluate(() => {
    const c = document.getElementById("game");
    const v = window.aimini && window.aimini.debug.view;
    if (!c || !v) return null;
    const g = c.getContext("2d");
    const w = Math.max(1, Math.floor(640 * v.pixelScale));
    const h = Math.max(1, Math.floor(360 * v.pixelScale));
    const data = g.getImageData(v.x, v.y, w, h).data;
    const px = [];
    const GX = 80;
    const GY = 45;
    for (let j = 0; j < GY; j++) {
      for (let i = 0; i < GX; i++) {
        const x = Math.floor(((i + 0.5) * w) / GX);
        const y = Math.floor(((j + 0.5) * h) / GY);
        const o = (y * w + x) * 4;
        px.push((data[o] << 16) | (data[o + 1] << 8) | data[o + 2]);
      }
    }
    return px;
  });
}

function distinct(px) {
  return new Set(px).size;
}
function diff(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

async function playCheck(browser, base, id) {
  const problems = [];
  const logs = [];
  const context = await browser.newContext({ viewport: { width: 960, height: 600 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text().split("\n")[0]}`);
    else if (VERBOSE) logs.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText || ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const result = { problems, info: "" };
  try {
    await page.goto(`${base}/runtime/play.html?template=${encodeURIComponent(id)}&seed=12345`, { waitUntil: "load" });
    await page.waitForFunction(() => window.aimini && (window.aimini.debug.error || window.aimini.debug.frame > 20), null, { timeout: 8000 });
    const err0 = await page.evaluate(() => window.aimini.debug.error);
    if (err0) throw new Error(`game error: ${err0.message}`);

    const before = await sample(page);
    if (!before) throw new Error("no canvas / no view");
    const colors = distinct(before);
    if (colors < 2) problems.push(`canvas looks blank (${colors} distinct color)`);

    const box = await page.locator("#game").boundingBox();
    const view = await page.evaluate(() => window.aimini.debug.view);
    const at = (x, y) => [box.x + view.left + x * view.scale, box.y + view.top + y * view.scale];
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

    let changed = 0;
    const snap = async () => {
      const s = await sample(page);
      if (s) changed = Math.max(changed, diff(before, s));
    };

    // ~3 s of scripted play: a mix of every input the API names.
    await click(320, 180);
    await snap();
    await press("Space");
    await press("Enter");
    await snap();
    for (const k of ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]) await press(k, 120);
    await snap();
    for (const k of ["1", "2", "3", "4", "7", "Backspace", "Enter"]) await press(k);
    await snap();
    for (const [x, y] of [[160, 270], [480, 270], [160, 200], [480, 200], [320, 120], [100, 80], [540, 80], [320, 320], [220, 250], [420, 250]]) await click(x, y);
    await snap();
    for (const k of ["w", "a", "s", "d", "Space"]) await press(k, 90);
    await snap();
    // hold and drag the pointer across the canvas
    const [sx, sy] = at(120, 300);
    const [ex, ey] = at(520, 300);
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    await page.mouse.move(ex, ey, { steps: 8 });
    await sleep(150);
    await page.mouse.up();
    await sleep(100);
    await snap();

    if (changed === 0) problems.push("picture did not change after input");
    const st = await page.evaluate(() => ({ score: window.aimini.debug.score, over: window.aimini.debug.gameOver, frame: window.aimini.debug.frame, error: window.aimini.debug.error }));
    if (st.error) problems.push(`game error: ${st.error.message}`);
    if (typeof st.score !== "number" || !Number.isInteger(st.score)) problems.push(`score is not an integer: ${st.score}`);
    result.info = `score=${st.score} over=${st.over ? (st.over.won ? "won" : "lost") : "no"} frames=${st.frame} changed=${changed}px colors=${colors}`;

    // restart through the page button: setup must be restart-safe
    await page.click("#restart");
    await sleep(400);
    const rs = await page.evaluate(() => ({ frame: window.aimini.debug.frame, error: window.aimini.debug.error, running: window.aimini.debug.running, over: window.aimini.debug.gameOver, score: window.aimini.debug.score }));
    if (rs.error) problems.push(`game error after restart: ${rs.error.message}`);
    else if (!rs.running || rs.frame >= st.frame || rs.over) problems.push(`restart did not start a fresh run (frame ${rs.frame}, over ${JSON.stringify(rs.over)})`);
    await click(320, 180);
    await press("Space");
    await sleep(150);
    const after = await sample(page);
    if (after && distinct(after) < 2) problems.push("canvas blank after restart");
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    if (VERBOSE) for (const l of logs) console.log(`  ${id} ${l}`);
    await context.close();
  }
  return result;
}

// ------------------------------------------------------------------ main

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  let ids = args;
  if (!ids.length) {
    ids = fs.existsSync(TEMPLATES)
      ? fs.readdirSync(TEMPLATES).filter((d) => fs.existsSync(path.join(TEMPLATES, d, "template.json"))).sort()
      : [];
  }
  if (!ids.length) {
    console.error("no templates to check");
    process.exit(2);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found (apt-get update && apt-get install -y chromium, or set CHROMIUM)`);
    process.exit(2);
  }
  const { chromium } = await loadPlaywright();
  const server = await serve(PROMPTS);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
  });
  let failed = 0;
  try {
    for (const id of ids) {
      const t0 = Date.now();
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !fs.existsSync(path.join(TEMPLATES, id))) {
        console.log(`FAIL ${id}: no such template folder`);
        failed++;
        continue;
      }
      const { problems, warnings } = staticChecks(id);
      let info = "";
      if (fs.existsSync(path.join(TEMPLATES, id, "logic.js")) && fs.existsSync(path.join(TEMPLATES, id, "example.json"))) {
        const r = await playCheck(browser, base, id);
        problems.push(...r.problems);
        info = r.info;
      }
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      const uniq = [...new Set(problems)];
      if (uniq.length) {
        failed++;
        console.log(`FAIL ${id} (${secs}s) ${info}`);
        for (const p of uniq.slice(0, 20)) console.log(`  - ${p}`);
        if (uniq.length > 20) console.log(`  ... ${uniq.length - 20} more`);
      } else {
        console.log(`PASS ${id} (${secs}s) ${info}`);
      }
      for (const w of warnings) console.log(`  warning: ${w}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${ids.length - failed}/${ids.length} templates passed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
