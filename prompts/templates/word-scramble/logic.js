// Word Scramble: rebuild each scrambled word from its letter tiles.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const DEFAULT_WORDS = ["planet", "comet", "galaxy", "rocket", "orbit", "nebula", "meteor", "saturn", "gravity", "eclipse"];

let P, C;
let entries, wordSet, order, totalRounds, round, roundTime, maxReveals;
let cur, tiles, tileOrder, slots, locked, reveals, slotPop;
let phase, phaseT, phaseDur, timeLeft, solved, streak, results, lastPoints;
let shakeT, msg, msgT, particles, hover, layout, buttons;

// ---------- small helpers ----------
function clampInt(v, lo, hi, fb) {
  const n = Number.isFinite(v) ? Math.round(v) : fb;
  return Math.max(lo, Math.min(hi, n));
}
function parseHex(h, fb) {
  const s = typeof h === "string" && /^#[0-9a-fA-F]{6}$/.test(h) ? h : fb;
  const n = parseInt(s.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
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
function fitSize(ctx, str, want, maxW) {
  const w = ctx.measureText(str, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}
function inRect(p, r) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#1d1b2f");
  const primary = parseHex(pal.primary, "#ffb703");
  const accent = parseHex(pal.accent, "#06d6a0");
  const text = parseHex(pal.text, "#f8f9fa");
  C = {
    bg, primary, accent, text,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, text, 0.07),
    slot: mix(bg, text, 0.12),
    bad: [239, 71, 111],
  };

  const rawWords = Array.isArray(P.words) ? P.words : [];
  const rawHints = Array.isArray(P.hints) ? P.hints : [];
  entries = [];
  const seen = new Set();
  rawWords.forEach((w, i) => {
    if (typeof w !== "string") return;
    const word = w.toLowerCase().replace(/[^a-z]/g, "");
    if (word.length < 2 || word.length > 12 || seen.has(word)) return;
    seen.add(word);
    const hint = typeof rawHints[i] === "string" ? rawHints[i].trim().slice(0, 80) : "";
    entries.push({ word, hint });
  });
  if (entries.length === 0) entries = DEFAULT_WORDS.map((word) => ({ word, hint: "" }));
  wordSet = new Set(entries.map((e) => e.word));
  order = ctx.shuffle(entries.slice());
  totalRounds = Math.min(clampInt(P.rounds, 1, 40, 8), order.length);
  roundTime = clampInt(P.round_time, 0, 300, 45);
  maxReveals = clampInt(P.max_reveals, 0, 5, 2);

  round = 0;
  solved = 0;
  streak = 0;
  results = [];
  particles = [];
  lastPoints = 0;
  hover = null;
  ctx.score.set(0);

  buttons = [
    { id: "del", label: ctx.t("DEL"), key: ctx.t("Backspace") },
    { id: "mix", label: ctx.t("MIX"), key: ctx.t("key {n}", { n: 1 }) },
    { id: "hint", label: "", key: ctx.t("key {n}", { n: 2 }) }, // label drawn with the hints left
    { id: "skip", label: ctx.t("SKIP"), key: "Esc" },
    { id: "ok", label: ctx.t("OK"), key: ctx.t("Enter") },
  ];
  const bw = 112, bgap = 10, bx0 = (W - (5 * bw + 4 * bgap)) / 2;
  buttons.forEach((b, i) => {
    b.x = bx0 + i * (bw + bgap);
    b.y = 300;
    b.w = bw;
    b.h = 46;
  });

  startRound(ctx);
}

function startRound(ctx) {
  cur = order[round];
  const word = cur.word;
  let scr = word.split("");
  for (let k = 0; k < 30; k++) {
    ctx.shuffle(scr);
    const s = scr.join("");
    if (s !== word && !wordSet.has(s)) break;
  }
  tiles = scr.map((ch) => ({ ch, used: false }));
  tileOrder = tiles.map((_, i) => i);
  slots = [];
  locked = 0;
  reveals = 0;
  slotPop = word.split("").map(() => 0);
  phase = "play";
  phaseT = phaseDur = 0;
  timeLeft = roundTime;
  shakeT = 0;
  msg = "";
  msgT = 0;

  const n = word.length;
  const gap = n > 9 ? 6 : 8;
  const ts = Math.min(52, Math.floor((600 - (n - 1) * gap) / n));
  const rowW = n * ts + (n - 1) * gap;
  layout = { n, ts, gap, x0: (W - rowW) / 2, slotY: 104, tileY: 206 };
}

function slotRect(i) {
  return { x: layout.x0 + i * (layout.ts + layout.gap), y: layout.slotY, w: layout.ts, h: layout.ts };
}
function tileRect(pos) {
  return { x: layout.x0 + pos * (layout.ts + layout.gap), y: layout.tileY, w: layout.ts, h: layout.ts };
}

function say(text, t) {
  msg = text;
  msgT = t || 1.6;
}

// ---------- actions ----------
function addTile(ctx, ti) {
  if (phase !== "play" || tiles[ti].used || slots.length >= layout.n) return;
  tiles[ti].used = true;
  slots.push(ti);
  slotPop[slots.length - 1] = 1;
  ctx.sound.tone(420 + slots.length * 40, 45, { type: "triangle", volume: 0.12 });
  if (slots.length === layout.n) check(ctx, true);
}

function removeSlot(ctx, k) {
  if (k < locked || k >= slots.length) return;
  const ti = slots.splice(k, 1)[0];
  tiles[ti].used = false;
  ctx.sound.tone(260, 40, { type: "triangle", volume: 0.1 });
}

function clearUnlocked() {
  while (slots.length > locked) tiles[slots.pop()].used = false;
}

function typeLetter(ctx, ch) {
  for (const ti of tileOrder) {
    if (!tiles[ti].used && tiles[ti].ch === ch) {
      addTile(ctx, ti);
      return;
    }
  }
  if (slots.length < layout.n) {
    say(ctx.t("No \"{letter}\" left to place", { letter: ch.toUpperCase() }), 1.2);
    shakeT = 0.2;
  }
}

function check(ctx, auto) {
  const n = layout.n;
  if (slots.length < n) {
    if (!auto) {
      say(ctx.t("Fill in all the letters first"), 1.4);
      shakeT = 0.3;
    }
    return;
  }
  const guess = slots.map((i) => tiles[i].ch).join("");
  if (guess === cur.word || wordSet.has(guess)) {
    success(ctx, guess);
  } else if (auto) {
    shakeT = 0.45;
    say(ctx.t("Not quite! Tap a letter or DEL to fix, OK to clear"), 2.2);
    ctx.sound.tone(160, 160, { type: "sawtooth", volume: 0.1 });
  } else {
    clearUnlocked();
    say(ctx.t("Cleared: try again"), 1.2);
  }
}

function success(ctx, guess) {
  const n = layout.n;
  let pts = 40 + 10 * n;
  if (roundTime > 0) pts += Math.ceil(Math.max(0, timeLeft)) * 2;
  for (let r = 0; r < reveals; r++) pts = Math.round(pts * 0.5);
  streak++;
  if (streak >= 2) pts += 10 * Math.min(streak - 1, 5);
  lastPoints = pts;
  ctx.score.add(pts);
  solved++;
  results.push({ word: guess, ok: true });
  phase = "correct";
  phaseT = phaseDur = 1.1;
  say(streak >= 3 ? ctx.t("Brilliant! {n} in a row  +{pts}", { n: streak, pts }) : ctx.t("Correct!  +{pts}", { pts }), 1.1);
  ctx.sound.effect("coin");
  if (streak >= 3) ctx.event("combo", { streak });
  for (let i = 0; i < n; i++) {
    const r = slotRect(i);
    for (let k = 0; k < 4; k++) {
      const a = ctx.random() * Math.PI * 2, sp = 40 + ctx.random() * 120;
      particles.push({
        x: r.x + r.w / 2, y: r.y + r.h / 2, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 60,
        life: 0.5 + ctx.random() * 0.5, r: 2 + ctx.random() * 2.5, color: ctx.random() < 0.5 ? C.accent : C.primary,
      });
    }
  }
}

function reveal(ctx, why) {
  streak = 0;
  results.push({ word: cur.word, ok: false });
  phase = "reveal";
  phaseT = phaseDur = 2.0;
  say(why, 2.0);
  ctx.sound.effect("hit");
}

function useHint(ctx) {
  const n = layout.n;
  if (reveals >= maxReveals) {
    say(maxReveals === 0 ? ctx.t("No letter hints in this game") : ctx.t("No more letter hints for this word"), 1.4);
    return;
  }
  if (locked >= n - 1) {
    say(ctx.t("Only one letter left: you can do it!"), 1.4);
    return;
  }
  clearUnlocked();
  const want = cur.word[locked];
  const ti = tileOrder.find((i) => !tiles[i].used && tiles[i].ch === want);
  if (ti === undefined) return;
  tiles[ti].used = true;
  slots.push(ti);
  slotPop[locked] = 1;
  locked++;
  reveals++;
  ctx.sound.tone(660, 90, { type: "sine", volume: 0.15 });
  say(ctx.t("Letter {n} revealed (word worth half)", { n: locked }), 1.4);
}

function press(ctx, id) {
  if (id === "del") {
    if (slots.length > locked) removeSlot(ctx, slots.length - 1);
  } else if (id === "mix") {
    ctx.shuffle(tileOrder);
    ctx.sound.effect("click");
  } else if (id === "hint") {
    useHint(ctx);
  } else if (id === "skip") {
    reveal(ctx, ctx.t("Skipped"));
  } else if (id === "ok") {
    check(ctx, false);
  }
}

function nextRound(ctx) {
  round++;
  if (round >= totalRounds) {
    phase = "end";
    const won = solved * 2 >= totalRounds;
    const best = ctx.store.get("word-scramble:best", 0);
    if (ctx.score.get() > best) ctx.store.set("word-scramble:best", ctx.score.get());
    ctx.sound.effect(won ? "win" : "lose");
    ctx.gameOver({ won, message: ctx.t("You unscrambled {n} of {total} words.", { n: solved, total: totalRounds }) });
    return;
  }
  ctx.event("level", { round: round + 1 });
  startRound(ctx);
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input;
  const ptr = inp.pointer;

  for (let i = 0; i < slotPop.length; i++) slotPop[i] = Math.max(0, slotPop[i] - dt * 4);
  shakeT = Math.max(0, shakeT - dt);
  if (msgT > 0) msgT -= dt;
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 300 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);

  // hover target for highlight
  hover = null;
  for (const b of buttons) if (inRect(ptr, b)) hover = b.id;
  if (!hover) {
    for (let pos = 0; pos < tileOrder.length; pos++) if (inRect(ptr, tileRect(pos))) hover = `t${pos}`;
  }

  if (phase === "correct" || phase === "reveal") {
    phaseT -= dt;
    const early = phaseDur - phaseT > 0.35 && (ptr.pressed || inp.pressed("action"));
    if (phaseT <= 0 || early) nextRound(ctx);
    return;
  }
  if (phase !== "play") return;

  if (roundTime > 0) {
    timeLeft -= dt;
    if (timeLeft <= 0) {
      timeLeft = 0;
      reveal(ctx, ctx.t("Time's up!"));
      return;
    }
  }

  // keyboard
  for (const ch of inp.typed || []) {
    if (phase !== "play") break;
    if (ch >= "a" && ch <= "z") typeLetter(ctx, ch);
    else if (ch === "1") press(ctx, "mix");
    else if (ch === "2") press(ctx, "hint");
  }
  if (phase !== "play") return;
  if (inp.pressed("backspace")) press(ctx, "del");
  if (inp.pressed("action")) press(ctx, "ok");
  if (phase === "play" && inp.pressed("escape")) press(ctx, "skip");

  // pointer
  if (phase === "play" && ptr.pressed) {
    for (const b of buttons) {
      if (inRect(ptr, b)) {
        press(ctx, b.id);
        return;
      }
    }
    for (let pos = 0; pos < tileOrder.length; pos++) {
      if (inRect(ptr, tileRect(pos))) {
        addTile(ctx, tileOrder[pos]);
        return;
      }
    }
    for (let k = 0; k < slots.length; k++) {
      if (inRect(ptr, slotRect(k))) {
        if (k < locked) say(ctx.t("Hint letters stay in place"), 1.2);
        else removeSlot(ctx, k);
        return;
      }
    }
  }
}

// ---------- draw ----------
function drawLetterBox(ctx, r, ch, fill, ink, scale) {
  const s = scale || 1;
  const w = r.w * s, h = r.h * s;
  const x = r.x + (r.w - w) / 2, y = r.y + (r.h - h) / 2;
  ctx.roundRect(x + 2, y + 3, w, h, 8, rgb(BLACK, 0.25));
  ctx.roundRect(x, y, w, h, 8, rgb(fill));
  ctx.rect(x + 4, y + h - 6, w - 8, 3, rgb(BLACK, 0.12));
  ctx.text(ch.toUpperCase(), x + w / 2, y + h / 2, { size: Math.round(h * 0.55), color: rgb(ink), align: "center", bold: true });
}

function draw(ctx) {
  ctx.clear(rgb(C.bg));
  for (let i = 0; i < 9; i++) {
    const x = ((i * 97 + ctx.time * 6) % (W + 80)) - 40;
    ctx.circle(x, 60 + ((i * 53) % 260), 18 + (i % 3) * 10, rgb(C.primary, 0.04));
  }

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.primary, 0.6), 2);
  const title = String(P.title || ctx.t("Word Scramble"));
  ctx.text(title, 14, 15, { size: fitSize(ctx, title, 18, 260), color: rgb(C.text), bold: true });
  ctx.text(String(P.theme || ctx.t("Unscramble the words")), 14, 33, { size: 11, color: rgb(C.muted) });
  const stats = [
    [ctx.t("WORD"), `${Math.min(round + 1, totalRounds)}/${totalRounds}`],
    [ctx.t("SOLVED"), String(solved)],
    [ctx.t("STREAK"), String(streak)],
    [ctx.t("SCORE"), String(ctx.score.get())],
  ];
  stats.forEach((s, i) => {
    const x = 345 + i * 76;
    ctx.text(s[0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    ctx.text(s[1], x, 30, { size: 16, color: rgb(C.text), align: "center", bold: true });
  });

  if (phase === "end") {
    drawSummary(ctx);
    return;
  }

  // timer bar
  if (roundTime > 0) {
    const f = Math.max(0, timeLeft / roundTime);
    ctx.rect(20, 54, W - 40, 8, rgb(C.slot));
    ctx.rect(20, 54, (W - 40) * f, 8, rgb(f < 0.25 ? C.bad : C.accent));
    ctx.text(`${Math.ceil(timeLeft)}s`, W - 20, 70, { size: 11, color: rgb(C.muted), align: "right" });
  }

  // prompt / hint
  const prompt = cur.hint ? ctx.t("Hint: {hint}", { hint: cur.hint }) : ctx.t("Unscramble the {n}-letter word", { n: layout.n });
  ctx.text(prompt, W / 2, 84, { size: fitSize(ctx, prompt, 16, W - 60), color: rgb(cur.hint ? C.primary : C.muted), align: "center", bold: !!cur.hint });

  // answer slots
  const shake = shakeT > 0 ? Math.sin(shakeT * 70) * 6 * Math.min(1, shakeT / 0.2) : 0;
  const full = slots.length === layout.n;
  for (let i = 0; i < layout.n; i++) {
    const r = slotRect(i);
    r.x += shake;
    if (phase === "reveal") {
      drawLetterBox(ctx, r, cur.word[i], mix(C.slot, C.bad, 0.35), C.text, 1);
      continue;
    }
    if (i < slots.length) {
      const ch = tiles[slots[i]].ch;
      let fill = mix(C.text, C.bg, 0.1);
      if (i < locked) fill = mix(C.accent, C.bg, 0.25);
      if (phase === "correct") fill = C.accent;
      else if (full && shakeT > 0) fill = mix(fill, C.bad, 0.5);
      drawLetterBox(ctx, r, ch, fill, inkOn(fill), 1 + 0.12 * Math.sin(slotPop[i] * Math.PI));
    } else {
      ctx.roundRect(r.x, r.y, r.w, r.h, 8, rgb(C.slot));
      const cursorHere = i === slots.length && phase === "play";
      ctx.rect(r.x + 8, r.y + r.h - 8, r.w - 16, 3, rgb(cursorHere && Math.floor(ctx.time * 2) % 2 === 0 ? C.accent : C.muted, cursorHere ? 1 : 0.5));
    }
  }

  // message line
  if (phase === "reveal") {
    ctx.text(ctx.t("{reason}  The word was {word}", { reason: msg, word: cur.word.toUpperCase() }), W / 2, 178, { size: 16, color: rgb(C.bad), align: "center", bold: true });
  } else if (msgT > 0 && msg) {
    const col = phase === "correct" ? C.accent : C.text;
    ctx.text(msg, W / 2, 178, { size: fitSize(ctx, msg, 15, W - 40), color: rgb(col, Math.min(1, msgT * 3)), align: "center", bold: phase === "correct" });
  } else if (phase === "play" && slots.length === 0 && round === 0) {
    ctx.text(ctx.t("Type the letters, or tap the tiles below"), W / 2, 178, { size: 13, color: rgb(C.muted), align: "center" });
  }

  // letter tiles
  for (let pos = 0; pos < tileOrder.length; pos++) {
    const ti = tileOrder[pos];
    const r = tileRect(pos);
    if (tiles[ti].used || phase !== "play") {
      ctx.strokeRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2, rgb(C.muted, 0.35), 2);
      continue;
    }
    const hov = hover === `t${pos}`;
    const fill = hov ? mix(C.primary, WHITE, 0.25) : C.primary;
    if (hov) r.y -= 3;
    drawLetterBox(ctx, r, tiles[ti].ch, fill, inkOn(fill), 1);
  }

  // buttons
  for (const b of buttons) {
    let disabled = phase !== "play";
    if (b.id === "hint" && (reveals >= maxReveals || locked >= layout.n - 1)) disabled = true;
    if (b.id === "del" && slots.length <= locked) disabled = true;
    const base = b.id === "ok" ? C.accent : b.id === "skip" ? mix(C.bad, C.bg, 0.3) : mix(C.bg, C.text, 0.18);
    const fill = disabled ? mix(base, C.bg, 0.6) : hover === b.id ? mix(base, WHITE, 0.2) : base;
    ctx.roundRect(b.x, b.y + 3, b.w, b.h, 10, rgb(BLACK, 0.25));
    ctx.roundRect(b.x, b.y, b.w, b.h, 10, rgb(fill));
    let label = b.label;
    if (b.id === "hint") label = ctx.t("HINT {n}", { n: Math.max(0, maxReveals - reveals) });
    const ink = inkOn(fill);
    ctx.text(label, b.x + b.w / 2, b.y + 18, { size: 16, color: rgb(ink, disabled ? 0.5 : 1), align: "center", bold: true });
    ctx.text(b.key, b.x + b.w / 2, b.y + 35, { size: 10, color: rgb(ink, disabled ? 0.35 : 0.7), align: "center" });
  }

  for (const p of particles) ctx.circle(p.x, p.y, p.r * Math.max(0.2, p.life), rgb(p.color, Math.min(1, p.life * 1.5)));
}

function drawSummary(ctx) {
  const won = solved * 2 >= totalRounds;
  ctx.text(won ? ctx.t("Well done!") : ctx.t("Game over"), W / 2, 78, { size: 28, color: rgb(won ? C.accent : C.primary), align: "center", bold: true });
  ctx.text(ctx.t("{n} of {total} words   Score {score}", { n: solved, total: totalRounds, score: ctx.score.get() }), W / 2, 108, { size: 16, color: rgb(C.text), align: "center" });
  const perCol = 10;
  const ncols = Math.ceil(results.length / perCol);
  const colW = Math.min(150, (W - 40) / Math.max(1, ncols));
  const x0 = W / 2 - (ncols * colW) / 2;
  results.forEach((r, i) => {
    const c = Math.floor(i / perCol), row = i % perCol;
    const x = x0 + c * colW + 14, y = 138 + row * 21;
    ctx.circle(x, y, 5, rgb(r.ok ? C.accent : C.bad));
    ctx.text(r.word.toUpperCase(), x + 12, y, { size: 13, color: rgb(r.ok ? C.text : C.muted), bold: r.ok });
  });
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "No \"{letter}\" left to place": "No queda ninguna «{letter}» por colocar",
    "Fill in all the letters first": "Primero completa todas las letras",
    "Not quite! Tap a letter or DEL to fix, OK to clear": "¡Casi! Toca una letra o BORRAR para corregir, LISTO para vaciar",
    "Cleared: try again": "Borrado: inténtalo de nuevo",
    "Brilliant! {n} in a row  +{pts}": "¡Genial! {n} seguidas  +{pts}",
    "Correct!  +{pts}": "¡Correcto!  +{pts}",
    "No letter hints in this game": "No hay pistas de letras en este juego",
    "No more letter hints for this word": "No quedan pistas de letras para esta palabra",
    "Only one letter left: you can do it!": "Solo queda una letra: ¡tú puedes!",
    "Letter {n} revealed (word worth half)": "Letra {n} revelada (la palabra vale la mitad)",
    "Skipped": "Saltada",
    "You unscrambled {n} of {total} words.": "Ordenaste {n} de {total} palabras.",
    "Time's up!": "¡Se acabó el tiempo!",
    "Hint letters stay in place": "Las letras de pista no se mueven",
    "DEL": "BORRAR",
    "Backspace": "Retroceso",
    "MIX": "MEZCLAR",
    "key {n}": "tecla {n}",
    "SKIP": "SALTAR",
    "OK": "LISTO",
    "Enter": "Intro",
    "Word Scramble": "Palabras revueltas",
    "Unscramble the words": "Ordena las letras",
    "WORD": "PALABRA",
    "SOLVED": "RESUELTAS",
    "STREAK": "RACHA",
    "SCORE": "PUNTOS",
    "Hint: {hint}": "Pista: {hint}",
    "Unscramble the {n}-letter word": "Ordena la palabra de {n} letras",
    "{reason}  The word was {word}": "{reason}  La palabra era {word}",
    "Type the letters, or tap the tiles below": "Escribe las letras o toca las fichas de abajo",
    "HINT {n}": "PISTA {n}",
    "Well done!": "¡Bien hecho!",
    "Game over": "Fin del juego",
    "{n} of {total} words   Score {score}": "{n} de {total} palabras   Puntos {score}",
  },
  fr: {
    "No \"{letter}\" left to place": "Plus de « {letter} » à placer",
    "Fill in all the letters first": "Place d'abord toutes les lettres",
    "Not quite! Tap a letter or DEL to fix, OK to clear": "Presque ! Touche une lettre ou EFFACER pour corriger, VALIDER pour vider",
    "Cleared: try again": "Effacé : réessaie",
    "Brilliant! {n} in a row  +{pts}": "Génial ! {n} d'affilée  +{pts}",
    "Correct!  +{pts}": "Bravo !  +{pts}",
    "No letter hints in this game": "Pas d'indices de lettres dans ce jeu",
    "No more letter hints for this word": "Plus d'indices de lettres pour ce mot",
    "Only one letter left: you can do it!": "Plus qu'une lettre : tu peux y arriver !",
    "Letter {n} revealed (word worth half)": "Lettre {n} révélée (le mot vaut moitié moins)",
    "Skipped": "Passé",
    "You unscrambled {n} of {total} words.": "Tu as remis en ordre {n} mots sur {total}.",
    "Time's up!": "Temps écoulé !",
    "Hint letters stay in place": "Les lettres d'indice restent en place",
    "DEL": "EFFACER",
    "Backspace": "Retour arr.",
    "MIX": "MÉLANGER",
    "key {n}": "touche {n}",
    "SKIP": "PASSER",
    "OK": "VALIDER",
    "Enter": "Entrée",
    "Word Scramble": "Mots mélangés",
    "Unscramble the words": "Remets les lettres dans l'ordre",
    "WORD": "MOT",
    "SOLVED": "TROUVÉS",
    "STREAK": "SÉRIE",
    "SCORE": "POINTS",
    "Hint: {hint}": "Indice : {hint}",
    "Unscramble the {n}-letter word": "Remets en ordre le mot de {n} lettres",
    "{reason}  The word was {word}": "{reason}  Le mot était {word}",
    "Type the letters, or tap the tiles below": "Tape les lettres ou touche les tuiles ci-dessous",
    "HINT {n}": "INDICE {n}",
    "Well done!": "Bien joué !",
    "Game over": "Partie terminée",
    "{n} of {total} words   Score {score}": "{n} mots sur {total}   Score {score}",
  },
  de: {
    "No \"{letter}\" left to place": "Kein „{letter}“ mehr übrig",
    "Fill in all the letters first": "Setze zuerst alle Buchstaben",
    "Not quite! Tap a letter or DEL to fix, OK to clear": "Fast! Tippe auf einen Buchstaben oder LÖSCHEN zum Korrigieren, FERTIG zum Leeren",
    "Cleared: try again": "Geleert: versuch's noch mal",
    "Brilliant! {n} in a row  +{pts}": "Klasse! {n} in Folge  +{pts}",
    "Correct!  +{pts}": "Richtig!  +{pts}",
    "No letter hints in this game": "In diesem Spiel gibt es keine Buchstabentipps",
    "No more letter hints for this word": "Keine Buchstabentipps mehr für dieses Wort",
    "Only one letter left: you can do it!": "Nur noch ein Buchstabe: Du schaffst das!",
    "Letter {n} revealed (word worth half)": "Buchstabe {n} aufgedeckt (Wort zählt nur halb)",
    "Skipped": "Übersprungen",
    "You unscrambled {n} of {total} words.": "Du hast {n} von {total} Wörtern entwirrt.",
    "Time's up!": "Zeit um!",
    "Hint letters stay in place": "Tipp-Buchstaben bleiben stehen",
    "DEL": "LÖSCHEN",
    "Backspace": "Rücktaste",
    "MIX": "MISCHEN",
    "key {n}": "Taste {n}",
    "SKIP": "PASSEN",
    "OK": "FERTIG",
    "Enter": "Eingabe",
    "Word Scramble": "Buchstabensalat",
    "Unscramble the words": "Entwirre die Wörter",
    "WORD": "WORT",
    "SOLVED": "GELÖST",
    "STREAK": "SERIE",
    "SCORE": "PUNKTE",
    "Hint: {hint}": "Tipp: {hint}",
    "Unscramble the {n}-letter word": "Entwirre das Wort mit {n} Buchstaben",
    "{reason}  The word was {word}": "{reason}  Das Wort war {word}",
    "Type the letters, or tap the tiles below": "Tippe die Buchstaben ein oder tippe unten auf die Kacheln",
    "HINT {n}": "TIPP {n}",
    "Well done!": "Gut gemacht!",
    "Game over": "Spiel vorbei",
    "{n} of {total} words   Score {score}": "{n} von {total} Wörtern   Punkte {score}",
  },
  pt: {
    "No \"{letter}\" left to place": "Não sobrou nenhum \"{letter}\" para colocar",
    "Fill in all the letters first": "Preencha todas as letras primeiro",
    "Not quite! Tap a letter or DEL to fix, OK to clear": "Quase! Toque numa letra ou em APAGAR para corrigir, PRONTO para limpar",
    "Cleared: try again": "Apagado: tente de novo",
    "Brilliant! {n} in a row  +{pts}": "Incrível! {n} seguidas  +{pts}",
    "Correct!  +{pts}": "Correto!  +{pts}",
    "No letter hints in this game": "Sem dicas de letras neste jogo",
    "No more letter hints for this word": "Acabaram as dicas de letras desta palavra",
    "Only one letter left: you can do it!": "Só falta uma letra: você consegue!",
    "Letter {n} revealed (word worth half)": "Letra {n} revelada (a palavra vale metade)",
    "Skipped": "Pulada",
    "You unscrambled {n} of {total} words.": "Você desembaralhou {n} de {total} palavras.",
    "Time's up!": "Acabou o tempo!",
    "Hint letters stay in place": "As letras de dica ficam no lugar",
    "DEL": "APAGAR",
    "Backspace": "Backspace",
    "MIX": "MISTURAR",
    "key {n}": "tecla {n}",
    "SKIP": "PULAR",
    "OK": "PRONTO",
    "Enter": "Enter",
    "Word Scramble": "Palavras embaralhadas",
    "Unscramble the words": "Desembaralhe as palavras",
    "WORD": "PALAVRA",
    "SOLVED": "RESOLVIDAS",
    "STREAK": "SEQUÊNCIA",
    "SCORE": "PONTOS",
    "Hint: {hint}": "Dica: {hint}",
    "Unscramble the {n}-letter word": "Desembaralhe a palavra de {n} letras",
    "{reason}  The word was {word}": "{reason}  A palavra era {word}",
    "Type the letters, or tap the tiles below": "Digite as letras ou toque nas peças abaixo",
    "HINT {n}": "DICA {n}",
    "Well done!": "Muito bem!",
    "Game over": "Fim de jogo",
    "{n} of {total} words   Score {score}": "{n} de {total} palavras   Pontos {score}",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
