// Lists the texts a template draws in each language, to check its translations.
//
//   node prompts/runtime/texts.mjs <template-id> [lang ...]      (default: en es fr de pt)
//   node prompts/runtime/texts.mjs --check                       (every template; CI runs this)
//
// --check plays every template in every language and checks its translation tables: es, fr, de and pt
// all present with the same texts, each translation non-empty and keeping every {placeholder} of its
// English text. Exit status 1 on any problem.
//
// Plays the template headless (runtime.js's core through aimini.embed, as the worker's runner does)
// for 2,400 frames of seeded input: start keys, arrows, taps across the board, typed letters, a
// restart. Prints every distinct string passed to ctx.text per language, then the strings a
// non-English run drew exactly as the English run did (candidates for a missing translation: names
// from the parameters and numbers are expected there). Exit status 1 when the template throws.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const [id, ...langsArg] = process.argv.slice(2);
const LANGS = ["en", "es", "fr", "de", "pt"];
const runtimeSrc = fs.readFileSync(path.join(here, "runtime.js"), "utf8");
if (!id) {
  console.error("usage: node prompts/runtime/texts.mjs <template-id> [lang ...]");
  process.exit(2);
}
const langs = langsArg.length ? langsArg : LANGS;

function mulberry(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function load(id) {
  return {
    logic: fs.readFileSync(path.join(root, "templates", id, "logic.js"), "utf8"),
    params: JSON.parse(fs.readFileSync(path.join(root, "templates", id, "example.json"), "utf8")),
  };
}

// Plays template `id` in `lang`; returns the texts drawn and the game's definition (for its tables).
function play(id, lang) {
  const { logic, params } = load(id);
  const context = vm.createContext({ console });
  context.window = context;
  vm.runInContext(runtimeSrc, context, { filename: "runtime.js" });
  let def = null;
  const game = context.aimini.game;
  context.aimini.game = (d) => {
    def = d;
    game(d);
  };
  vm.runInContext(logic, context, { filename: `${id}/logic.js` });
  const texts = new Set();
  const noop = () => {};
  const surface = new Proxy(
    {
      fillText: (s) => texts.add(String(s)),
      measureText: (s, size) => String(s).length * (size || 16) * 0.55,
      spriteDefine: () => null,
    },
    { get: (t, k) => (k in t ? t[k] : noop) },
  );
  const hooks = new Proxy({}, { get: () => noop });
  const sound = new Proxy({}, { get: () => noop });
  const embed = context.aimini.embed;
  const core = embed.start({ params, seed: 7, lang, surface, sound, hooks });
  const rnd = mulberry(42);
  const keys = ["Space", "Enter", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "KeyA", "KeyE", "KeyS", "KeyT"];
  for (let f = 0; f < 2400; f++) {
    if (f % 7 === 0) {
      const code = keys[Math.floor(rnd() * keys.length)];
      const ks = embed.keys(code);
      if (ks) core.input.press(ks, false);
      const ch = embed.typed(code);
      if (ch !== null) core.input.type(ch);
      if (ks) core.input.release(ks);
    }
    if (f % 11 === 0) {
      const x = rnd() * 640;
      const y = rnd() * 360;
      core.input.pointerDown(x, y, 1);
      core.input.pointerUp(x, y, 1);
    }
    if (f === 1500) core.restart();
    core.tick(1 / 60);
    const failure = core.failure();
    if (failure) throw new Error(`${id} [${lang}] failed: ${failure.error && failure.error.message}`);
  }
  return { texts, def };
}

function placeholders(text) {
  return (text.match(/\{\w+\}/g) || []).sort().join(" ");
}

function checkAll() {
  const ids = fs.readdirSync(path.join(root, "templates")).filter((d) =>
    fs.existsSync(path.join(root, "templates", d, "logic.js")),
  );
  let problems = 0;
  const problem = (msg) => {
    problems++;
    console.error(`FAIL ${msg}`);
  };
  for (const t of ids) {
    const before = problems;
    let def;
    try {
      for (const l of LANGS) def = play(t, l).def;
    } catch (e) {
      problem(e.message);
      continue;
    }
    const tables = (def && def.strings) || {};
    const en = tables.es ? Object.keys(tables.es).sort() : [];
    if (!en.length) problem(`${t}: no translation tables (aimini.game({..., strings}))`);
    for (const l of LANGS.slice(1)) {
      const table = tables[l] || {};
      const keys = Object.keys(table).sort();
      if (keys.join("\n") !== en.join("\n")) problem(`${t}: the ${l} table has other texts than es`);
      for (const k of keys) {
        if (typeof table[k] !== "string" || !table[k].trim()) problem(`${t} [${l}]: empty translation of ${JSON.stringify(k)}`);
        else if (placeholders(table[k]) !== placeholders(k)) problem(`${t} [${l}]: placeholders differ in ${JSON.stringify(table[k])}`);
      }
    }
    if (problems === before) console.log(`PASS ${t}: ${en.length} texts in ${LANGS.length} languages`);
  }
  console.log(problems ? `${problems} problems` : `${ids.length}/${ids.length} templates translated`);
  return problems ? 1 : 0;
}

if (id === "--check") process.exit(checkAll());

const byLang = new Map(langs.map((l) => [l, play(id, l).texts]));
for (const [lang, texts] of byLang) {
  console.log(`== ${lang} (${texts.size} texts)`);
  for (const t of [...texts].sort()) console.log(`  ${JSON.stringify(t)}`);
}
const en = byLang.get("en") || play(id, "en").texts;
for (const [lang, texts] of byLang) {
  if (lang === "en") continue;
  const same = [...texts].filter((t) => en.has(t) && /[a-z]{3}/i.test(t));
  if (same.length) console.log(`== ${lang}: drawn as in English: ${same.map((t) => JSON.stringify(t)).join(", ")}`);
}
