// Typing Race: words drift in from the right toward your base; type a word to blast it before it
// arrives. The first letter locks onto the nearest word starting with it, Backspace takes a letter
// back. Speed and word length ramp up; WPM and accuracy are measured. On touch screens an on-screen
// keyboard appears, and tapping a word locks onto it.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const BASE_X = 74; // the defence line: a word reaching it costs a life
const DEFAULT_WORDS = ["planet", "rocket", "comet", "orbit", "star", "galaxy", "meteor", "alien", "laser", "moon", "nebula", "gravity", "shuttle", "crater", "cosmos", "launch"];
const KB_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const KB_TOP = 232;
const KEY_H = 40;

// Small pixel carriers for the words; "." is transparent.
const CARRIERS = {
  meteor: { pal: { A: "#8d7966", B: "#5e4e40", F: "#ff9f1c", Y: "#ffd23f" }, rows: ["....AAAA.FF.", "..AAAAAAAFYF", ".AABAAAAAAFY", "AAAAAABAAAF.", "AABAAAAAAAA.", "AAAAAAABAAF.", ".AAABAAAAAFY", "..AAAAAAAFYF", "....AAAA.FF."] },
  zombie: { pal: { G: "#7fb069", D: "#4f7942", K: "#111111", R: "#d7263d", H: "#3a2e2a" }, rows: ["..HHHHHH..", ".HGGHGGHH.", ".GGGGGGGG.", ".GKGGGRGG.", ".GGGGGGGG.", ".GKKKKKGG.", "..GGGGGG..", "GGDDDDDD..", "G.DDDDDD..", "..DD..DD.."] },
  ghost: { pal: { W: "#f4f4ff", K: "#1b1b2f", S: "#c8cbe8" }, rows: ["...WWWW...", ".WWWWWWWW.", "WWKKWWKKWS", "WWKKWWKKWS", "WWWWWWWWWS", "WWWWKKWWWS", "WWWWWWWWWS", "WWWWWWWWWS", "W.WW.WW.WS"] },
  ufo: { pal: { G: "#9be564", C: "#a5f3fc", M: "#94a3b8", D: "#475569", Y: "#fde047" }, rows: ["....CCCC....", "...CCGGCC...", "...CGGGGC...", ".MMMMMMMMMM.", "MMDMMDMMDMMM", ".MMMMMMMMMM.", "..Y..Y..Y..."] },
  balloon: { pal: { R: "#ef4444", L: "#fca5a5", K: "#7f1d1d", S: "#e5e7eb" }, rows: ["..RRRR..", ".RLRRRR.", "RLRRRRRR", "RRRRRRRR", "RRRRRRRR", ".RRRRRR.", "..RRRR..", "...KK...", "...S....", "....S...", "...S...."] },
};
const CARRIER_WORDS = [
  ["zombie", /zombie|undead|halloween|horror|ghoul|dead/],
  ["ghost", /ghost|spirit|haunt|spook|phantom/],
  ["ufo", /ufo|alien|invader|martian|saucer/],
  ["meteor", /meteor|asteroid|space|galax|star|planet|comet|cosmic|rock/],
  ["balloon", /balloon|party|birthday|carnival|fair|kids/],
];

let P, C, pool, carrier, words, target, lives, maxLives, goal, level, destroyed, spawnT, elapsed;
let typedOk, typedBad, chars, combo, bestCombo, state, stateT, overAt, kb, kbFlash, shots, particles;
let shake, msg, msgT, best, newBest, deco;

// ---------- small helpers ----------
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function num(v, lo, hi, fb) {
  return Number.isFinite(v) ? clamp(v, lo, hi) : fb;
}
function parseHex(h, fb) {
  const s = typeof h === "string" && /^#[0-9a-fA-F]{6}$/.test(h) ? h : fb;
  const v = parseInt(s.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
function rgb(c, a) {
  const r = Math.round(c[0]), g = Math.round(c[1]), b = Math.round(c[2]);
  return a === undefined ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${a})`;
}
function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
function lum(c) {
  return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
}
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function inkOn(c) {
  return lum(c) > 0.6 ? [24, 24, 32] : [255, 255, 255];
}
// measureText measures regular weight: bold text runs about 10% wider.
function fitSize(ctx, str, want, maxW, bold) {
  const w = ctx.measureText(str, want) * (bold ? 1.1 : 1);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#0d1326");
  let text = parseHex(pal.text, "#eef2ff");
  if (Math.abs(lum(text) - lum(bg)) < 0.35) text = inkOn(bg);
  let accent = parseHex(pal.accent, "#fbbf24");
  if (Math.abs(lum(accent) - lum(bg)) < 0.2) accent = lum(bg) < 0.5 ? [251, 191, 36] : [180, 83, 9];
  let primary = parseHex(pal.primary, "#38bdf8");
  if (Math.abs(lum(primary) - lum(bg)) < 0.2) primary = lum(bg) < 0.5 ? [56, 189, 248] : [3, 105, 161];
  C = {
    bg, text, accent, primary,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, BLACK, 0.4),
    label: mix(bg, lum(bg) < 0.5 ? WHITE : BLACK, 0.12),
    bad: [239, 71, 111],
  };

  // Unique lowercase words of 2-12 letters; short ones come first in the game.
  const seen = new Set();
  pool = [];
  for (const w of Array.isArray(P.words) ? P.words : []) {
    const s = typeof w === "string" ? w.toLowerCase().replace(/[^a-z]/g, "").slice(0, 12) : "";
    if (s.length >= 2 && !seen.has(s)) {
      seen.add(s);
      pool.push(s);
    }
  }
  if (pool.length < 2) pool = DEFAULT_WORDS.slice();
  pool.sort((a, b) => a.length - b.length);

  const look = String(P.carrier || "auto");
  carrier = CARRIERS[look] ? look : "";
  if (look === "auto") {
    const t = `${P.theme || ""} ${P.title || ""}`.toLowerCase();
    for (const [name, re] of CARRIER_WORDS) if (!carrier && re.test(t)) carrier = name;
    if (!carrier) carrier = "meteor";
  }
  if (carrier) ctx.sprite.define("carrier", CARRIERS[carrier].rows, CARRIERS[carrier].pal);

  maxLives = Math.round(num(P.lives, 1, 9, 3));
  lives = maxLives;
  goal = Math.round(num(P.goal, 0, 200, 25));
  kb = P.keyboard === "always";
  words = [];
  target = null;
  level = 1;
  destroyed = 0;
  spawnT = 0.2;
  elapsed = 0;
  typedOk = typedBad = chars = combo = bestCombo = 0;
  kbFlash = {};
  shots = [];
  particles = [];
  shake = 0;
  msg = "";
  msgT = 0;
  best = ctx.store.get("typing-race:best", 0);
  newBest = false;
  overAt = 0;
  deco = [];
  for (let i = 0; i < 24; i++) deco.push([ctx.random() * W, HUD_H + ctx.random() * (H - HUD_H), 0.5 + ctx.random() * 1.5, 4 + ctx.random() * 16]);
  state = "intro";
  stateT = 0;
  ctx.score.set(0);
}

// ---------- game logic ----------
function fieldBottom() {
  return kb ? KB_TOP - 8 : H - 40;
}
function laneCount() {
  return Math.max(3, Math.floor((fieldBottom() - HUD_H - 16) / 34));
}
function laneY(lane) {
  const n = laneCount();
  return HUD_H + 26 + (Math.min(lane, n - 1) * (fieldBottom() - HUD_H - 40)) / Math.max(1, n - 1);
}
function speedNow() {
  return num(P.speed, 10, 120, 45) * (1 + (level - 1) * num(P.ramp, 0, 0.5, 0.12));
}
function wpm() {
  return elapsed > 1 ? Math.round(chars / 5 / (elapsed / 60)) : 0;
}
function accuracy() {
  const n = typedOk + typedBad;
  return n ? Math.round((100 * typedOk) / n) : 100;
}

function spawn(ctx) {
  const maxOn = Math.round(num(P.maxWords, 2, 8, 5));
  if (words.length >= maxOn) return;
  // Words get longer with the level: choose from the shortest part of the sorted pool first.
  const reach = clamp(Math.ceil(pool.length * (0.35 + level * 0.13)), Math.min(2, pool.length), pool.length);
  const firsts = new Set(words.map((w) => w.text[0]));
  const onScreen = new Set(words.map((w) => w.text));
  let choices = pool.slice(0, reach).filter((w) => !onScreen.has(w) && !firsts.has(w[0]));
  if (!choices.length) choices = pool.filter((w) => !onScreen.has(w) && !firsts.has(w[0]));
  if (!choices.length) return; // every first letter is taken: wait, so a letter always picks one word
  const text = ctx.pick(choices);
  const n = laneCount();
  const busy = words.filter((w) => w.x > W - 180).map((w) => w.lane);
  const free = [];
  for (let l = 0; l < n; l++) if (busy.indexOf(l) < 0) free.push(l);
  if (!free.length) return;
  const lane = ctx.pick(free);
  words.push({ text, lane, x: W + 10, y: laneY(lane), done: 0, speed: speedNow() * (0.85 + ctx.random() * 0.3), wob: ctx.random() * 6 });
}

function say(text, t) {
  msg = text;
  msgT = t || 1.2;
}

function boom(ctx, x, y, color, k) {
  for (let i = 0; i < k && particles.length < 90; i++) {
    const a = ctx.random() * Math.PI * 2, sp = 50 + ctx.random() * 170;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.4 + ctx.random() * 0.4, color });
  }
}

function miss(ctx) {
  typedBad++;
  shake = 0.2;
  ctx.sound.tone(140, 70, { type: "square", volume: 0.08 });
}

function complete(ctx, w) {
  destroyed++;
  combo++;
  bestCombo = Math.max(bestCombo, combo);
  const mult = Math.min(4, 1 + Math.floor(combo / 5));
  const early = w.x > W * 0.6;
  const pts = w.text.length * 10 * mult + (early ? 20 : 0);
  ctx.score.add(pts);
  shots.push({ x: w.x, y: w.y, t: 0.18 });
  boom(ctx, w.x + 20, w.y, C.accent, 16);
  say(early ? ctx.t("+{n}  early!", { n: pts }) : `+${pts}`, 0.8);
  ctx.sound.tone(880, 60, { type: "square", volume: 0.1 });
  ctx.sound.effect("coin");
  words.splice(words.indexOf(w), 1);
  target = null;
  if (destroyed % 8 === 0) {
    level++;
    say(ctx.t("Level {n}: faster!", { n: level }), 1.4);
    ctx.event("level", { level });
  }
  if (combo > 0 && combo % 10 === 0) ctx.event("combo", { combo });
  if (goal > 0 && destroyed >= goal) end(ctx, true);
}

function typeChar(ctx, c) {
  kbFlash[c] = 0.15;
  if (!target) {
    // lock onto the nearest word (closest to the base) starting with this letter
    let bestW = null;
    for (const w of words) if (w.text[0] === c && w.x < W && (!bestW || w.x < bestW.x)) bestW = w;
    if (!bestW) {
      miss(ctx);
      return;
    }
    target = bestW;
  }
  if (target.text[target.done] === c) {
    target.done++;
    typedOk++;
    chars++;
    ctx.sound.tone(520 + target.done * 40, 30, { type: "triangle", volume: 0.07 });
    if (target.done >= target.text.length) complete(ctx, target);
  } else {
    miss(ctx);
    combo = 0;
  }
}

function backspace(ctx) {
  kbFlash["<"] = 0.15;
  if (!target) return;
  target.done = Math.max(0, target.done - 1);
  if (target.done === 0) target = null;
  ctx.sound.tone(300, 30, { type: "triangle", volume: 0.06 });
}

function end(ctx, won) {
  state = "over";
  overAt = ctx.time;
  const score = ctx.score.get();
  if (score > best) {
    best = score;
    newBest = true;
    ctx.store.set("typing-race:best", best);
  }
  ctx.sound.effect(won ? "win" : "lose");
  ctx.event("finished", { words: destroyed, wpm: wpm(), accuracy: accuracy() });
  const v = { n: destroyed, wpm: wpm(), acc: accuracy() };
  ctx.gameOver({ won, message: newBest ? ctx.t("{n} words at {wpm} WPM, {acc}% accuracy - new best!", v) : ctx.t("{n} words at {wpm} WPM, {acc}% accuracy", v) });
}

// On-screen keyboard geometry: three letter rows, CLEAR at the left and DEL at the right of the last.
function keyAt(x, y) {
  if (!kb || y < KB_TOP) return null;
  const row = Math.floor((y - KB_TOP) / (KEY_H + 2));
  if (row < 0 || row > 2) return null;
  const off = row === 0 ? 0 : row === 1 ? 32 : 96;
  if (row === 2 && x < 94) return "clear";
  if (row === 2 && x >= 544) return "<";
  const i = Math.floor((x - off) / 64);
  return i >= 0 && i < KB_ROWS[row].length ? KB_ROWS[row][i] : null;
}

function update(ctx, dt) {
  const inp = ctx.input;
  const ptr = inp.pointer;
  stateT += dt;
  shake = Math.max(0, shake - dt);
  if (msgT > 0) msgT -= dt;
  for (const k of Object.keys(kbFlash)) kbFlash[k] = Math.max(0, kbFlash[k] - dt);
  for (const s of shots) s.t -= dt;
  shots = shots.filter((s) => s.t > 0);
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);

  if (state === "intro") {
    if (ptr.pressed) {
      // a tap means a touch screen (or a mouse): bring up the keyboard unless it is switched off
      if (P.keyboard !== "never") kb = true;
      state = "play";
    } else if (inp.typed.length || inp.pressed("action")) {
      state = "play";
    }
    if (state === "play") {
      stateT = 0;
      ctx.sound.effect("click");
    }
    return;
  }
  if (state !== "play") return;

  elapsed += dt;
  spawnT -= dt;
  if (spawnT <= 0 || words.length === 0) {
    spawn(ctx);
    spawnT = num(P.spawnEvery, 0.8, 6, 2.4) / (1 + (level - 1) * 0.1);
  }

  for (const c of inp.typed) {
    if (c >= "a" && c <= "z") typeChar(ctx, c);
    if (state !== "play") return;
  }
  if (inp.pressed("backspace")) backspace(ctx);
  if (inp.pressed("escape") && target) target = null;

  if (ptr.pressed) {
    const key = keyAt(ptr.x, ptr.y);
    if (key === "<") backspace(ctx);
    else if (key === "clear") {
      kbFlash.clear = 0.15;
      target = null;
    } else if (key) typeChar(ctx, key);
    else if (ptr.y > HUD_H && ptr.y < fieldBottom()) {
      // tap a word to lock onto it (handy on touch); the keyboard then types into it
      let hit = null;
      for (const w of words) if (Math.abs(ptr.y - w.y) < 18 && ptr.x > w.x - 30 && ptr.x < w.x + w.text.length * 11 + 30) hit = w;
      if (hit && hit !== target) {
        if (target) target.done = 0;
        target = hit;
      }
      if (!kb && P.keyboard !== "never") kb = true;
    }
    if (ptr.y < HUD_H && ptr.x > W - 70 && P.keyboard !== "always") kb = !kb; // the KEYS button
  }
  if (state !== "play") return;

  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    w.x -= w.speed * dt;
    w.y += (laneY(w.lane) - w.y) * Math.min(1, dt * 8);
    if (w.x <= BASE_X) {
      words.splice(i, 1);
      if (target === w) target = null;
      lives--;
      combo = 0;
      shake = 0.4;
      boom(ctx, BASE_X, w.y, C.bad, 18);
      ctx.sound.effect("hit");
      say(ctx.t("\"{word}\" got through!", { word: w.text }), 1.4);
      if (lives <= 0) {
        end(ctx, false);
        return;
      }
    }
  }
}

// ---------- drawing ----------
function drawWord(ctx, w) {
  const locked = w === target;
  const size = 17;
  const tw = ctx.measureText(w.text, size) * 1.1 + 16;
  const y = w.y + Math.sin(ctx.time * 3 + w.wob) * 2;
  const x = w.x;
  const danger = clamp(1 - (x - BASE_X) / 160, 0, 1);
  if (carrier) ctx.sprite.draw("carrier", x - 26, y - 11, 2);
  const fill = locked ? mix(C.label, C.accent, 0.25) : mix(C.label, C.bad, danger * 0.5);
  ctx.roundRect(x, y - 13, tw, 26, 8, rgb(fill, 0.92));
  if (locked) ctx.strokeRect(x - 2, y - 15, tw + 4, 30, rgb(C.accent), 2);
  // typed letters in the accent colour, the rest in the text colour
  const done = w.text.slice(0, w.done);
  const rest = w.text.slice(w.done);
  const dx = ctx.measureText(done, size) * 1.1;
  if (done) ctx.text(done, x + 8, y, { size, color: rgb(C.accent), bold: true });
  ctx.text(rest, x + 8 + dx, y, { size, color: rgb(C.text), bold: true });
}

function draw(ctx) {
  const inp = ctx.input;
  // update() no longer runs after gameOver: the final screen listens for "play again" here.
  if (state === "over" && ctx.time - overAt > 0.8 && (inp.pressed("action") || inp.pointer.pressed)) ctx.restart();

  ctx.clear(rgb(C.bg));
  const sx = shake > 0 ? Math.sin(shake * 80) * 4 : 0;
  for (const d of deco) {
    const x = (((d[0] - ctx.time * d[3]) % W) + W) % W;
    ctx.circle(x, d[1], d[2], rgb(C.text, 0.25));
  }
  const fb = fieldBottom();
  // faint lane guides give the field some depth
  for (let l = 0; l < laneCount(); l++) ctx.line(BASE_X + 8, laneY(l) + 16, W, laneY(l) + 16, rgb(C.text, 0.05), 1);
  // base and defence line
  ctx.rect(0, HUD_H, BASE_X - 14 + sx, fb - HUD_H + 8, rgb(C.primary, 0.12));
  for (let y = HUD_H + 4; y < fb; y += 14) ctx.line(BASE_X + sx, y, BASE_X + sx, y + 7, rgb(C.bad, 0.5), 2);
  const cy = (HUD_H + fb) / 2;
  const aim = target ? Math.atan2(target.y - cy, target.x - 34) : 0;
  ctx.circle(34 + sx, cy, 20, rgb(C.primary));
  ctx.line(34 + sx, cy, 34 + sx + Math.cos(aim) * 30, cy + Math.sin(aim) * 30, rgb(C.primary), 8);
  ctx.circle(34 + sx, cy, 9, rgb(C.accent));
  for (let i = 0; i < maxLives; i++) ctx.circle(14 + (i % 3) * 14, HUD_H + 16 + Math.floor(i / 3) * 14, 5, i < lives ? rgb(C.bad) : rgb(C.muted, 0.3));

  for (const w of words) drawWord(ctx, w);
  for (const s of shots) ctx.line(34 + Math.cos(aim) * 30, cy, s.x, s.y, rgb(C.accent, s.t * 5), 3);
  for (const p of particles) ctx.circle(p.x, p.y, 1.5 + p.life * 4, rgb(p.color, Math.min(1, p.life * 2)));

  // input line: what is typed so far
  const line = target ? `> ${target.text.slice(0, target.done)}_` : "> _";
  if (!kb || state !== "play") ctx.text(line, BASE_X + 12, H - 20, { size: 15, color: rgb(C.accent), bold: true });
  if (msgT > 0 && msg) ctx.text(msg, 400, kb ? fb - 4 : H - 20, { size: fitSize(ctx, msg, 15, 300, true), color: rgb(C.text, Math.min(1, msgT * 3)), align: "center", bold: true });
  if (kb) drawKeyboard(ctx);

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel, 0.95));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.accent, 0.6), 2);
  const title = String(P.title || ctx.t("Typing Race"));
  ctx.text(title, 12, 15, { size: fitSize(ctx, title, 18, 220, true), color: rgb(C.text), bold: true });
  const theme = String(P.theme || "");
  ctx.text(theme, 12, 33, { size: fitSize(ctx, theme, 11, 220), color: rgb(C.muted) });
  const stats = [[ctx.t("WPM"), String(wpm())], [ctx.t("ACC"), `${accuracy()}%`], [goal > 0 ? ctx.t("WORDS") : ctx.t("BLASTED"), goal > 0 ? `${destroyed}/${goal}` : String(destroyed)], [ctx.t("SCORE"), String(ctx.score.get())]];
  for (let i = 0; i < stats.length; i++) {
    const x = 270 + i * 78;
    ctx.text(stats[i][0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    ctx.text(stats[i][1], x, 30, { size: 16, color: rgb(C.text), align: "center", bold: true });
  }
  if (P.keyboard !== "always") {
    ctx.roundRect(W - 64, 10, 54, 24, 8, rgb(kb ? C.accent : C.muted, kb ? 0.9 : 0.3));
    ctx.text(ctx.t("KEYS"), W - 37, 22, { size: 11, color: rgb(kb ? inkOn(C.accent) : C.text), align: "center", bold: true });
  }

  if (state === "intro") drawIntro(ctx);
  else if (state === "over") drawOver(ctx);
}

function drawKeyboard(ctx) {
  ctx.rect(0, KB_TOP - 4, W, H - KB_TOP + 4, rgb(C.panel));
  // letters that start a word on screen (or continue the locked one) are lit, as a hint on touch
  const next = new Set();
  if (target) next.add(target.text[target.done]);
  else for (const w of words) if (w.x < W) next.add(w.text[0]);
  for (let r = 0; r < 3; r++) {
    const off = r === 0 ? 0 : r === 1 ? 32 : 96;
    const y = KB_TOP + r * (KEY_H + 2);
    for (let i = 0; i < KB_ROWS[r].length; i++) {
      const k = KB_ROWS[r][i];
      const lit = next.has(k);
      const f = kbFlash[k] || 0;
      const col = f > 0 ? C.accent : lit ? mix(C.label, C.primary, 0.45) : C.label;
      ctx.roundRect(off + i * 64 + 2, y, 60, KEY_H, 6, rgb(col));
      ctx.text(k.toUpperCase(), off + i * 64 + 32, y + KEY_H / 2, { size: 16, color: rgb(f > 0 ? inkOn(C.accent) : C.text), align: "center", bold: true });
    }
  }
  const y3 = KB_TOP + 2 * (KEY_H + 2);
  ctx.roundRect(2, y3, 90, KEY_H, 6, rgb((kbFlash.clear || 0) > 0 ? C.accent : mix(C.label, C.bad, 0.3)));
  ctx.text(ctx.t("CLEAR"), 47, y3 + KEY_H / 2, { size: 13, color: rgb(C.text), align: "center", bold: true });
  ctx.roundRect(546, y3, 92, KEY_H, 6, rgb((kbFlash["<"] || 0) > 0 ? C.accent : mix(C.label, C.primary, 0.2)));
  ctx.text(ctx.t("DEL"), 592, y3 + KEY_H / 2, { size: 13, color: rgb(C.text), align: "center", bold: true });
}

function drawCard(ctx, w, h) {
  const x = W / 2 - w / 2, y = 196 - h / 2;
  ctx.rect(0, HUD_H, W, H - HUD_H, rgb(C.bg, 0.5));
  ctx.roundRect(x + 3, y + 4, w, h, 16, rgb(BLACK, 0.3));
  ctx.roundRect(x, y, w, h, 16, rgb(C.panel, 0.97));
  ctx.strokeRect(x, y, w, h, rgb(C.accent, 0.7), 2);
  return y;
}

function drawIntro(ctx) {
  const y = drawCard(ctx, 460, 250);
  const title = String(P.title || ctx.t("Typing Race"));
  ctx.text(title, W / 2, y + 30, { size: fitSize(ctx, title, 26, 420, true), color: rgb(C.accent), align: "center", bold: true });
  const lines = [
    ctx.t("Words fly toward your base: type them to blast them!"),
    ctx.t("The first letter locks onto a word, Backspace undoes."),
    ctx.t("A word that gets through costs a life ({n} in all).", { n: maxLives }),
    goal > 0 ? ctx.t("Blast {n} words to win.", { n: goal }) : ctx.t("Survive as long as you can."),
  ];
  lines.forEach((l, i) => ctx.text(l, W / 2, y + 66 + i * 22, { size: fitSize(ctx, l, 14, 430), color: rgb(i === 3 ? C.text : C.muted), align: "center", bold: i === 3 }));
  ctx.text(ctx.t("Words like: {words}", { words: pool.slice(0, 4).join(", ") }), W / 2, y + 160, { size: 13, color: rgb(C.primary), align: "center" });
  ctx.text(ctx.t("No keyboard? Tap to play with the on-screen keys."), W / 2, y + 184, { size: 12, color: rgb(C.muted), align: "center" });
  if (Math.floor(ctx.time * 2.5) % 2 === 0 || ctx.time < 0.5) {
    ctx.text(ctx.t("Start typing, press Space, or tap to start"), W / 2, y + 222, { size: 16, color: rgb(C.accent), align: "center", bold: true });
  }
}

function drawOver(ctx) {
  const won = goal > 0 && destroyed >= goal;
  const y = drawCard(ctx, 400, 210);
  ctx.text(won ? ctx.t("Base defended!") : ctx.t("The words got through!"), W / 2, y + 30, { size: 22, color: rgb(won ? C.accent : C.bad), align: "center", bold: true });
  ctx.text(ctx.t("{n} WPM", { n: wpm() }), W / 2, y + 72, { size: 36, color: rgb(C.text), align: "center", bold: true });
  ctx.text(ctx.t("{acc}% accuracy  -  {n} words  -  best streak {streak}", { acc: accuracy(), n: destroyed, streak: bestCombo }), W / 2, y + 108, { size: 13, color: rgb(C.text), align: "center" });
  ctx.text(ctx.t("Score {n}", { n: ctx.score.get() }), W / 2, y + 132, { size: 15, color: rgb(C.text), align: "center", bold: true });
  ctx.text(newBest ? ctx.t("NEW BEST SCORE!") : ctx.t("best {n}", { n: best }), W / 2, y + 154, { size: 12, color: rgb(newBest ? C.accent : C.muted), align: "center", bold: newBest });
  if (ctx.time - overAt > 0.8 && Math.floor(ctx.time * 2.5) % 2 === 0) {
    ctx.text(ctx.t("Tap or press Space to play again"), W / 2, y + 188, { size: 15, color: rgb(C.accent), align: "center", bold: true });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "+{n}  early!": "+{n}  ¡rápido!",
    "Level {n}: faster!": "Nivel {n}: ¡más rápido!",
    "{n} words at {wpm} WPM, {acc}% accuracy - new best!": "{n} palabras a {wpm} PPM, {acc}% de precisión: ¡nuevo récord!",
    "{n} words at {wpm} WPM, {acc}% accuracy": "{n} palabras a {wpm} PPM, {acc}% de precisión",
    "\"{word}\" got through!": "¡«{word}» se ha colado!",
    "Typing Race": "Carrera de mecanografía",
    "WPM": "PPM",
    "ACC": "PREC.",
    "WORDS": "PALABRAS",
    "BLASTED": "DESTRUIDAS",
    "SCORE": "PUNTOS",
    "KEYS": "TECLAS",
    "CLEAR": "LIMPIAR",
    "DEL": "BORRAR",
    "Words fly toward your base: type them to blast them!": "Las palabras vuelan hacia tu base: ¡escríbelas para destruirlas!",
    "The first letter locks onto a word, Backspace undoes.": "La primera letra fija una palabra; Retroceso deshace.",
    "A word that gets through costs a life ({n} in all).": "Cada palabra que pasa te cuesta una vida ({n} en total).",
    "Blast {n} words to win.": "Destruye {n} palabras para ganar.",
    "Survive as long as you can.": "Aguanta todo lo que puedas.",
    "Words like: {words}": "Palabras como: {words}",
    "No keyboard? Tap to play with the on-screen keys.": "¿Sin teclado? Toca para jugar con las teclas en pantalla.",
    "Start typing, press Space, or tap to start": "Escribe, pulsa Espacio o toca para empezar",
    "Base defended!": "¡Base defendida!",
    "The words got through!": "¡Las palabras pasaron!",
    "{n} WPM": "{n} PPM",
    "{acc}% accuracy  -  {n} words  -  best streak {streak}": "{acc}% de precisión  -  {n} palabras  -  mejor racha {streak}",
    "Score {n}": "Puntos {n}",
    "NEW BEST SCORE!": "¡NUEVO RÉCORD!",
    "best {n}": "récord {n}",
    "Tap or press Space to play again": "Toca o pulsa Espacio para volver a jugar",
  },
  fr: {
    "+{n}  early!": "+{n}  en avance !",
    "Level {n}: faster!": "Niveau {n} : plus vite !",
    "{n} words at {wpm} WPM, {acc}% accuracy - new best!": "{n} mots à {wpm} MPM, {acc} % de précision - nouveau record !",
    "{n} words at {wpm} WPM, {acc}% accuracy": "{n} mots à {wpm} MPM, {acc} % de précision",
    "\"{word}\" got through!": "« {word} » est passé !",
    "Typing Race": "Course de frappe",
    "WPM": "MPM",
    "ACC": "PRÉC.",
    "WORDS": "MOTS",
    "BLASTED": "DÉTRUITS",
    "SCORE": "POINTS",
    "KEYS": "CLAVIER",
    "CLEAR": "EFFACER",
    "DEL": "SUPPR",
    "Words fly toward your base: type them to blast them!": "Les mots foncent vers ta base : tape-les pour les détruire !",
    "The first letter locks onto a word, Backspace undoes.": "La première lettre cible un mot, Retour arrière annule.",
    "A word that gets through costs a life ({n} in all).": "Chaque mot qui passe coûte une vie ({n} en tout).",
    "Blast {n} words to win.": "Détruis {n} mots pour gagner.",
    "Survive as long as you can.": "Survis le plus longtemps possible.",
    "Words like: {words}": "Des mots comme : {words}",
    "No keyboard? Tap to play with the on-screen keys.": "Pas de clavier ? Touche pour jouer avec le clavier à l'écran.",
    "Start typing, press Space, or tap to start": "Tape, Espace ou touche pour commencer",
    "Base defended!": "Base défendue !",
    "The words got through!": "Les mots sont passés !",
    "{n} WPM": "{n} MPM",
    "{acc}% accuracy  -  {n} words  -  best streak {streak}": "{acc} % de précision  -  {n} mots  -  meilleure série {streak}",
    "Score {n}": "Score : {n}",
    "NEW BEST SCORE!": "NOUVEAU RECORD !",
    "best {n}": "record {n}",
    "Tap or press Space to play again": "Touche ou appuie sur Espace pour rejouer",
  },
  de: {
    "+{n}  early!": "+{n}  früh!",
    "Level {n}: faster!": "Level {n}: schneller!",
    "{n} words at {wpm} WPM, {acc}% accuracy - new best!": "{n} Wörter mit {wpm} WpM, {acc} % Genauigkeit – neuer Rekord!",
    "{n} words at {wpm} WPM, {acc}% accuracy": "{n} Wörter mit {wpm} WpM, {acc} % Genauigkeit",
    "\"{word}\" got through!": "„{word}“ ist durchgekommen!",
    "Typing Race": "Tipp-Rennen",
    "WPM": "WpM",
    "ACC": "GENAU",
    "WORDS": "WÖRTER",
    "BLASTED": "ZERSTÖRT",
    "SCORE": "PUNKTE",
    "KEYS": "TASTEN",
    "CLEAR": "LEEREN",
    "DEL": "LÖSCHEN",
    "Words fly toward your base: type them to blast them!": "Wörter fliegen auf deine Basis zu: Tippe sie, um sie abzuschießen!",
    "The first letter locks onto a word, Backspace undoes.": "Der erste Buchstabe wählt ein Wort, Rücktaste macht rückgängig.",
    "A word that gets through costs a life ({n} in all).": "Jedes Wort, das durchkommt, kostet ein Leben ({n} insgesamt).",
    "Blast {n} words to win.": "Schieß {n} Wörter ab, um zu gewinnen.",
    "Survive as long as you can.": "Überlebe so lange wie möglich.",
    "Words like: {words}": "Wörter wie: {words}",
    "No keyboard? Tap to play with the on-screen keys.": "Keine Tastatur? Tippe, um mit den Bildschirmtasten zu spielen.",
    "Start typing, press Space, or tap to start": "Schreib los, Leertaste oder Tippen zum Starten",
    "Base defended!": "Basis verteidigt!",
    "The words got through!": "Die Wörter sind durchgekommen!",
    "{n} WPM": "{n} WpM",
    "{acc}% accuracy  -  {n} words  -  best streak {streak}": "{acc} % Genauigkeit  -  {n} Wörter  -  beste Serie {streak}",
    "Score {n}": "Punkte {n}",
    "NEW BEST SCORE!": "NEUER REKORD!",
    "best {n}": "Rekord {n}",
    "Tap or press Space to play again": "Tippen oder Leertaste für neues Spiel",
  },
  pt: {
    "+{n}  early!": "+{n}  rápido!",
    "Level {n}: faster!": "Nível {n}: mais rápido!",
    "{n} words at {wpm} WPM, {acc}% accuracy - new best!": "{n} palavras a {wpm} PPM, {acc}% de precisão - novo recorde!",
    "{n} words at {wpm} WPM, {acc}% accuracy": "{n} palavras a {wpm} PPM, {acc}% de precisão",
    "\"{word}\" got through!": "\"{word}\" passou!",
    "Typing Race": "Corrida de digitação",
    "WPM": "PPM",
    "ACC": "PREC.",
    "WORDS": "PALAVRAS",
    "BLASTED": "DESTRUÍDAS",
    "SCORE": "PONTOS",
    "KEYS": "TECLAS",
    "CLEAR": "LIMPAR",
    "DEL": "APAGAR",
    "Words fly toward your base: type them to blast them!": "As palavras voam até sua base: digite-as para destruí-las!",
    "The first letter locks onto a word, Backspace undoes.": "A primeira letra trava numa palavra; Backspace desfaz.",
    "A word that gets through costs a life ({n} in all).": "Cada palavra que passa custa uma vida ({n} no total).",
    "Blast {n} words to win.": "Destrua {n} palavras para vencer.",
    "Survive as long as you can.": "Sobreviva o máximo que puder.",
    "Words like: {words}": "Palavras como: {words}",
    "No keyboard? Tap to play with the on-screen keys.": "Sem teclado? Toque para jogar com as teclas na tela.",
    "Start typing, press Space, or tap to start": "Digite, aperte Espaço ou toque para começar",
    "Base defended!": "Base defendida!",
    "The words got through!": "As palavras passaram!",
    "{n} WPM": "{n} PPM",
    "{acc}% accuracy  -  {n} words  -  best streak {streak}": "{acc}% de precisão  -  {n} palavras  -  melhor sequência {streak}",
    "Score {n}": "Pontos {n}",
    "NEW BEST SCORE!": "NOVO RECORDE!",
    "best {n}": "recorde {n}",
    "Tap or press Space to play again": "Toque ou aperte Espaço para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
