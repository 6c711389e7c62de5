// Memory Match: flip cards two at a time and find every pair.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const DEFAULT_SYMBOLS = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "U"];
// The sprite library's 16 colours (PICO-8): the optional symbolsArt pictures are drawn in their own colours.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

let P, C;
let cols, rows, cards, cellCard;
let cursor, firstIdx, secondIdx, hideTimer;
let pairsFound, pairsTotal, moves, misses, streak, bestStreak;
let elapsed, timeLimit, previewLeft, previewTotal;
let particles, flash, endTimer, endResult, hoverIdx, keyMode, emptyRect, geo;

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
// One picture of symbolsArt: 8-16 rows of the same 8-16 characters over "." and the PICO digits, else [].
// Parameters come from untrusted clients: a bad picture is dropped, never passed to sprite.define.
function readArt(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}
function lum(c) {
  return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
}

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "+{pts}  x{streak} streak!": "+{pts}  ¡racha x{streak}!",
    "New best!": "¡Nuevo récord!",
    "All pairs found!": "¡Todas las parejas!",
    "All {pairs} pairs in {moves} moves and {time} (time bonus +{bonus}).": "Las {pairs} parejas en {moves} jugadas y {time} (bonus de tiempo +{bonus}).",
    "Time's up!": "¡Se acabó el tiempo!",
    "You found {found} of {total} pairs.": "Encontraste {found} de {total} parejas.",
    "Tap a card, or arrows + Space": "Toca una carta, o flechas + Espacio",
    "Find the pairs": "Encuentra las parejas",
    "PAIRS": "PAREJAS",
    "MOVES": "JUGADAS",
    "LEFT": "QUEDA",
    "TIME": "TIEMPO",
    "SCORE": "PUNTOS",
    "Memorize!  {n}": "¡Memoriza!  {n}",
    "tap or press Space to start": "toca o pulsa Espacio para empezar",
    "Tap a card, or use arrows + Space": "Toca una carta, o usa flechas + Espacio",
    "Score {score}   {moves} moves   best streak {streak}": "Puntos {score}   {moves} jugadas   mejor racha {streak}",
    "{found}/{total} pairs": "{found}/{total} parejas",
  },
  fr: {
    "+{pts}  x{streak} streak!": "+{pts}  série x{streak} !",
    "New best!": "Nouveau record !",
    "All pairs found!": "Toutes les paires !",
    "All {pairs} pairs in {moves} moves and {time} (time bonus +{bonus}).": "Les {pairs} paires en {moves} coups et {time} (bonus de temps +{bonus}).",
    "Time's up!": "Temps écoulé !",
    "You found {found} of {total} pairs.": "Tu as trouvé {found} paires sur {total}.",
    "Tap a card, or arrows + Space": "Touche une carte, ou flèches + Espace",
    "Find the pairs": "Trouve les paires",
    "PAIRS": "PAIRES",
    "MOVES": "COUPS",
    "LEFT": "RESTE",
    "TIME": "TEMPS",
    "SCORE": "POINTS",
    "Memorize!  {n}": "Mémorise !  {n}",
    "tap or press Space to start": "touche ou Espace pour commencer",
    "Tap a card, or use arrows + Space": "Touche une carte, ou utilise flèches + Espace",
    "Score {score}   {moves} moves   best streak {streak}": "Score {score}   {moves} coups   meilleure série {streak}",
    "{found}/{total} pairs": "{found}/{total} paires",
  },
  de: {
    "+{pts}  x{streak} streak!": "+{pts}  Serie x{streak}!",
    "New best!": "Neuer Rekord!",
    "All pairs found!": "Alle Paare gefunden!",
    "All {pairs} pairs in {moves} moves and {time} (time bonus +{bonus}).": "Alle {pairs} Paare in {moves} Zügen und {time} (Zeitbonus +{bonus}).",
    "Time's up!": "Zeit abgelaufen!",
    "You found {found} of {total} pairs.": "Du hast {found} von {total} Paaren gefunden.",
    "Tap a card, or arrows + Space": "Karte antippen oder Pfeile + Leertaste",
    "Find the pairs": "Finde die Paare",
    "PAIRS": "PAARE",
    "MOVES": "ZÜGE",
    "LEFT": "REST",
    "TIME": "ZEIT",
    "SCORE": "PUNKTE",
    "Memorize!  {n}": "Einprägen!  {n}",
    "tap or press Space to start": "tippe oder Leertaste zum Starten",
    "Tap a card, or use arrows + Space": "Tippe auf eine Karte oder nutze Pfeile + Leertaste",
    "Score {score}   {moves} moves   best streak {streak}": "Punkte {score}   {moves} Züge   beste Serie {streak}",
    "{found}/{total} pairs": "{found}/{total} Paare",
  },
  pt: {
    "+{pts}  x{streak} streak!": "+{pts}  sequência x{streak}!",
    "New best!": "Novo recorde!",
    "All pairs found!": "Todos os pares!",
    "All {pairs} pairs in {moves} moves and {time} (time bonus +{bonus}).": "Os {pairs} pares em {moves} jogadas e {time} (bônus de tempo +{bonus}).",
    "Time's up!": "Acabou o tempo!",
    "You found {found} of {total} pairs.": "Você achou {found} de {total} pares.",
    "Tap a card, or arrows + Space": "Toque numa carta, ou setas + Espaço",
    "Find the pairs": "Encontre os pares",
    "PAIRS": "PARES",
    "MOVES": "JOGADAS",
    "LEFT": "RESTA",
    "TIME": "TEMPO",
    "SCORE": "PONTOS",
    "Memorize!  {n}": "Olhe bem!  {n}",
    "tap or press Space to start": "toque ou Espaço para começar",
    "Tap a card, or use arrows + Space": "Toque numa carta, ou use setas + Espaço",
    "Score {score}   {moves} moves   best streak {streak}": "Pontos {score}   {moves} jogadas   melhor sequência {streak}",
    "{found}/{total} pairs": "{found}/{total} pares",
  },
};

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function inkOn(c) {
  return lum(c) > 0.6 ? [24, 24, 32] : [255, 255, 255];
}
function fmtTime(s) {
  const t = Math.max(0, Math.ceil(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
}
function fitSize(ctx, str, want, maxW) {
  const w = ctx.measureText(str, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}

// ---------- game logic ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#16213e");
  const primary = parseHex(pal.primary, "#4361ee");
  const accent = parseHex(pal.accent, "#f72585");
  const text = parseHex(pal.text, "#f1f1f1");
  const face = lum(bg) < 0.5 ? mix(text, WHITE, 0.35) : mix(bg, WHITE, 0.7);
  C = {
    bg, primary, accent, text, face,
    faceInk: inkOn(face),
    muted: mix(text, bg, 0.45),
    panel: mix(bg, text, 0.07),
    // card backs must stand out from the background even with a low-contrast palette
    back: Math.abs(lum(primary) - lum(bg)) < 0.12 ? mix(primary, text, 0.2) : primary,
  };

  const g = P.grid || {};
  cols = clampInt(g.columns, 2, 6, 4);
  rows = clampInt(g.rows, 2, 6, 3);
  const cells = cols * rows;
  pairsTotal = Math.floor(cells / 2);

  // Unique, non-empty symbols; fall back to letters when fewer than two are given.
  let pool = [];
  if (Array.isArray(P.symbols)) {
    for (const s of P.symbols) {
      const t = typeof s === "string" ? s.trim().slice(0, 8) : "";
      if (t && pool.indexOf(t) < 0) pool.push(t);
    }
  }
  const artOf = pool.length >= 2 ? defineSymbolArt(ctx) : null;
  if (pool.length < 2) pool = DEFAULT_SYMBOLS.slice();
  ctx.shuffle(pool);
  const chosen = [];
  for (let i = 0; i < pairsTotal; i++) chosen.push(pool[i % pool.length]);
  const deck = ctx.shuffle(chosen.concat(chosen));

  // Layout: centred grid under the HUD. With an odd cell count the centre cell stays empty.
  const gap = cells > 20 ? 6 : 8;
  const areaTop = HUD_H + 6, areaBottom = H - 8, areaL = 12, areaR = W - 12;
  let ch = (areaBottom - areaTop - gap * (rows - 1)) / rows;
  let cw = (areaR - areaL - gap * (cols - 1)) / cols;
  ch = Math.min(ch, 104);
  cw = Math.min(cw, ch * 1.15);
  ch = Math.min(ch, cw * 1.35);
  const gridW = cols * cw + gap * (cols - 1);
  const gridH = rows * ch + gap * (rows - 1);
  const x0 = (W - gridW) / 2;
  const y0 = areaTop + (areaBottom - areaTop - gridH) / 2;
  const skip = cells % 2 === 1 ? Math.floor(cells / 2) : -1;
  geo = { x0, y0, cw, ch, gap, bottom: y0 + gridH };

  cards = [];
  cellCard = [];
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = r * cols + c;
      if (cell === skip) {
        cellCard.push(-1);
        continue;
      }
      cellCard.push(cards.length);
      cards.push({
        sym: deck[k], art: artOf ? artOf.get(deck[k]) || null : null, col: c, row: r,
        x: x0 + c * (cw + gap), y: y0 + r * (ch + gap), w: cw, h: ch,
        state: "down", show: 0, shake: 0, pop: 0,
      });
      k++;
    }
  }
  // Empty centre cell geometry, drawn as a decoration.
  emptyRect = skip >= 0
    ? { x: x0 + (skip % cols) * (cw + gap), y: y0 + Math.floor(skip / cols) * (ch + gap), w: cw, h: ch }
    : null;

  cursor = 0;
  firstIdx = -1;
  secondIdx = -1;
  hideTimer = 0;
  pairsFound = 0;
  moves = 0;
  misses = 0;
  streak = 0;
  bestStreak = 0;
  elapsed = 0;
  timeLimit = clampInt(P.time_limit, 0, 900, 0);
  previewTotal = Math.max(0, Math.min(10, Number(P.preview_seconds) || 0));
  previewLeft = previewTotal;
  particles = [];
  flash = null;
  endTimer = -1;
  endResult = null;
  hoverIdx = -1;
  keyMode = false;
  ctx.score.set(0);
}

// symbolsArt gives one picture per entry of symbols, same order. The pictures are used only when every
// symbol has a valid one (a half-illustrated deck would confuse); returns symbol -> sprite name, or null.
// Cards still pair by symbol, so equal pictures on different symbols never make a false pair.
function defineSymbolArt(ctx) {
  const syms = P.symbols, arts = P.symbolsArt;
  if (!Array.isArray(arts) || arts.length !== syms.length || arts.length > 18) return null;
  const pics = arts.map(readArt);
  if (pics.some((rows) => !rows.length)) return null;
  const out = new Map();
  syms.forEach((s, i) => {
    const t = typeof s === "string" ? s.trim().slice(0, 8) : "";
    if (!t || out.has(t)) return; // as in the pool: the first of equal symbols counts
    ctx.sprite.define(`mm-art${i}`, pics[i], PICO);
    out.set(t, `mm-art${i}`);
  });
  return out;
}

function cardAt(x, y) {
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i];
    if (x >= c.x && x <= c.x + c.w && y >= c.y && y <= c.y + c.h) return i;
  }
  return -1;
}

function hideMismatch() {
  if (firstIdx >= 0 && cards[firstIdx].state === "up") cards[firstIdx].state = "down";
  if (secondIdx >= 0 && cards[secondIdx].state === "up") cards[secondIdx].state = "down";
  firstIdx = -1;
  secondIdx = -1;
  hideTimer = 0;
}

function burst(ctx, card) {
  const cx = card.x + card.w / 2, cy = card.y + card.h / 2;
  for (let i = 0; i < 14; i++) {
    const a = ctx.random() * Math.PI * 2;
    const sp = 60 + ctx.random() * 140;
    particles.push({
      x: cx, y: cy, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 40,
      life: 0.6 + ctx.random() * 0.4, max: 1, r: 2 + ctx.random() * 3,
      color: ctx.random() < 0.5 ? C.accent : C.primary,
    });
  }
}

function tryFlip(ctx, i) {
  const c = cards[i];
  if (!c) return;
  if (hideTimer > 0) {
    const wasOpen = i === firstIdx || i === secondIdx;
    hideMismatch();
    if (wasOpen) return;
  }
  if (c.state !== "down") {
    if (c.state === "up") c.shake = 0.25;
    return;
  }
  c.state = "up";
  ctx.sound.effect("click");
  if (firstIdx < 0) {
    firstIdx = i;
    return;
  }
  const a = cards[firstIdx];
  moves++;
  if (a.sym === c.sym) {
    a.state = "matched";
    c.state = "matched";
    a.pop = 1;
    c.pop = 1;
    streak++;
    bestStreak = Math.max(bestStreak, streak);
    pairsFound++;
    const pts = 100 + 25 * (streak - 1);
    ctx.score.add(pts);
    flash = { text: streak >= 2 ? ctx.t("+{pts}  x{streak} streak!", { pts, streak }) : `+${pts}`, t: 1.1 };
    burst(ctx, a);
    burst(ctx, c);
    ctx.sound.effect("coin");
    if (streak >= 3) ctx.event("combo", { streak });
    firstIdx = -1;
    if (pairsFound === pairsTotal) finish(ctx, true);
  } else {
    streak = 0;
    misses++;
    secondIdx = i;
    hideTimer = 0.9;
    a.shake = 0.35;
    c.shake = 0.35;
    ctx.sound.tone(170, 120, { type: "triangle", volume: 0.15 });
  }
}

function finish(ctx, won) {
  if (endTimer >= 0) return;
  if (won) {
    let bonus = Math.max(0, pairsTotal - misses) * 20;
    if (timeLimit > 0) bonus += Math.ceil(timeLimit - elapsed) * 5;
    else bonus += Math.max(0, Math.round((pairsTotal * 5 - elapsed) * 4));
    ctx.score.add(bonus);
    const key = `memory-match:best:${cols}x${rows}`;
    const best = ctx.store.get(key, null);
    const score = ctx.score.get();
    if (best === null || score > best) ctx.store.set(key, score);
    const record = best !== null && score > best;
    endResult = {
      won: true,
      title: ctx.t(record ? "New best!" : "All pairs found!"),
      message: ctx.t("All {pairs} pairs in {moves} moves and {time} (time bonus +{bonus}).", { pairs: pairsTotal, moves, time: fmtTime(elapsed), bonus }),
    };
    ctx.sound.effect("win");
  } else {
    for (const c of cards) if (c.state !== "matched") c.state = "reveal";
    endResult = {
      won: false,
      title: ctx.t("Time's up!"),
      message: ctx.t("You found {found} of {total} pairs.", { found: pairsFound, total: pairsTotal }),
    };
    ctx.sound.effect("lose");
  }
  endTimer = 1.1;
}

function update(ctx, dt) {
  const inp = ctx.input;
  const ptr = inp.pointer;

  // Animations run in every phase.
  for (const c of cards) {
    const target = c.state === "down" && previewLeft <= 0 ? 0 : 1;
    if (c.show < target) c.show = Math.min(target, c.show + dt * 6);
    else if (c.show > target) c.show = Math.max(target, c.show - dt * 6);
    c.shake = Math.max(0, c.shake - dt);
    c.pop = Math.max(0, c.pop - dt * 2.5);
  }
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 320 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);
  if (flash) {
    flash.t -= dt;
    if (flash.t <= 0) flash = null;
  }
  hoverIdx = cardAt(ptr.x, ptr.y);

  if (endTimer >= 0) {
    endTimer -= dt;
    if (endTimer < 0) {
      endTimer = 0;
      for (const c of cards) c.show = c.state === "down" ? 0 : 1;
      ctx.gameOver({ won: endResult.won, message: endResult.message });
    }
    return;
  }

  if (previewLeft > 0) {
    previewLeft -= dt;
    if (ptr.pressed || inp.pressed("action")) previewLeft = 0;
    return;
  }

  elapsed += dt;
  if (hideTimer > 0) {
    hideTimer -= dt;
    if (hideTimer <= 0) hideMismatch();
  }

  // Keyboard: arrows move the cursor (skipping the empty centre cell), action flips.
  const moveDirs = [["left", -1, 0], ["right", 1, 0], ["up", 0, -1], ["down", 0, 1]];
  for (const [key, dx, dy] of moveDirs) {
    if (!inp.pressed(key)) continue;
    keyMode = true;
    const c = Math.max(0, Math.min(cols - 1, (cursor % cols) + dx));
    const r = Math.max(0, Math.min(rows - 1, Math.floor(cursor / cols) + dy));
    cursor = r * cols + c;
  }
  if (inp.pressed("action")) {
    keyMode = true;
    if (cellCard[cursor] >= 0) tryFlip(ctx, cellCard[cursor]);
  }

  if (ptr.pressed) {
    const i = cardAt(ptr.x, ptr.y);
    if (i >= 0) {
      keyMode = false;
      cursor = cards[i].row * cols + cards[i].col;
      tryFlip(ctx, i);
    }
  }

  if (timeLimit > 0 && elapsed >= timeLimit && endTimer < 0) {
    elapsed = timeLimit;
    hideMismatch();
    finish(ctx, false);
  }
}

// ---------- drawing ----------
function drawCard(ctx, c, i) {
  const s = c.show;
  const sx = Math.abs(Math.cos(s * Math.PI));
  const faceUp = s > 0.5;
  const pop = 1 + 0.08 * Math.sin(c.pop * Math.PI);
  const w = Math.max(2, c.w * sx * pop);
  const h = c.h * pop;
  const shakeX = c.shake > 0 ? Math.sin(c.shake * 60) * 4 * (c.shake / 0.35) : 0;
  const x = c.x + (c.w - w) / 2 + shakeX;
  const y = c.y + (c.h - h) / 2;
  const rad = Math.min(10, w / 2, h / 6);

  // shadow
  ctx.roundRect(x + 2, y + 3, w, h, rad, rgb(BLACK, 0.25));
  if (!faceUp) {
    ctx.roundRect(x, y, w, h, rad, rgb(C.back));
    if (w > 12) {
      ctx.roundRect(x + 4, y + 4, w - 8, h - 8, Math.max(2, rad - 3), rgb(mix(C.back, BLACK, 0.18)));
      const cx = x + w / 2, cy = y + h / 2;
      const d = Math.min(w, h) * 0.22;
      ctx.poly([[cx, cy - d], [cx + d * 0.75, cy], [cx, cy + d], [cx - d * 0.75, cy]], rgb(C.accent));
      ctx.circle(cx, cy, d * 0.25, rgb(mix(C.back, WHITE, 0.5)));
      if (w > 30) {
        const dot = rgb(mix(C.back, WHITE, 0.3));
        ctx.circle(x + 9, y + 9, 2, dot);
        ctx.circle(x + w - 9, y + 9, 2, dot);
        ctx.circle(x + 9, y + h - 9, 2, dot);
        ctx.circle(x + w - 9, y + h - 9, 2, dot);
      }
    }
  } else {
    const matched = c.state === "matched";
    const faceCol = matched ? mix(C.face, C.accent, 0.3) : c.state === "reveal" ? mix(C.face, C.bg, 0.35) : C.face;
    ctx.roundRect(x, y, w, h, rad, rgb(faceCol));
    if (matched) ctx.strokeRect(x + 3, y + 3, w - 6, h - 6, rgb(C.accent), 2);
    if (w > 14) {
      if (c.art) drawPicture(ctx, c, x, y, w, h, rgb(inkOn(faceCol)));
      else {
        const size = fitSize(ctx, c.sym, Math.min(c.h * 0.42, 40), w - 16);
        ctx.text(c.sym, x + w / 2, y + h / 2 + 1, { size, color: rgb(inkOn(faceCol)), align: "center", bold: true });
      }
      if (matched && w > 30) {
        const kx = x + w - 12, ky = y + 11;
        ctx.line(kx - 5, ky, kx - 1, ky + 4, rgb(C.accent), 2);
        ctx.line(kx - 1, ky + 4, kx + 6, ky - 4, rgb(C.accent), 2);
      }
    }
  }
  // pointer hover outline
  if (endTimer < 0 && previewLeft <= 0 && !keyMode && i === hoverIdx && c.state === "down") {
    ctx.strokeRect(c.x - 2, c.y - 2, c.w + 4, c.h + 4, rgb(C.text, 0.6), 2);
  }
}

// A picture card's face: the picture as large as fits, centred, and the symbol small under it when the
// word fits the card's width at a readable size (else the picture alone, a little larger).
function drawPicture(ctx, c, x, y, w, h, ink) {
  const pad = Math.max(3, Math.min(w, h) * 0.08);
  const size = Math.min(13, Math.floor(h * 0.18));
  // measureText measures the regular weight: 10% margin for the bold label
  const label = size >= 9 && ctx.measureText(c.sym, size) * 1.1 <= w - 2 * pad;
  const boxW = w - 2 * pad, boxH = h - 2 * pad - (label ? size + 2 : 0);
  const s = ctx.sprite.size(c.art), k = Math.min(boxW / s.w, boxH / s.h);
  ctx.sprite.draw(c.art, x + (w - s.w * k) / 2, y + pad + (boxH - s.h * k) / 2, k);
  if (label) ctx.text(c.sym, x + w / 2, y + h - pad - size / 2, { size, color: ink, align: "center", bold: true });
}

function drawCursor(ctx) {
  if (endTimer >= 0 || previewLeft > 0) return;
  const x = geo.x0 + (cursor % cols) * (geo.cw + geo.gap), y = geo.y0 + Math.floor(cursor / cols) * (geo.ch + geo.gap);
  if (keyMode) ctx.strokeRect(x - 3, y - 3, geo.cw + 6, geo.ch + 6, rgb(C.accent), 3);
  else ctx.strokeRect(x - 2, y - 2, geo.cw + 4, geo.ch + 4, rgb(C.accent, 0.4), 1);
}

function draw(ctx) {
  ctx.clear(rgb(C.bg));
  // subtle background dots
  for (let y = 70; y < H; y += 40) {
    for (let x = 20; x < W; x += 40) ctx.circle(x, y, 1.5, rgb(C.text, 0.05));
  }

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.primary, 0.6), 2);
  const title = String(P.title || "Memory Match");
  ctx.text(title, 14, 15, { size: fitSize(ctx, title, 18, 250), color: rgb(C.text), bold: true });
  const showHelp = moves === 0 && firstIdx < 0 && endTimer < 0 && previewLeft <= 0 && elapsed < 8;
  const roomBelow = H - geo.bottom >= 30;
  if (showHelp && !roomBelow) {
    ctx.text(ctx.t("Tap a card, or arrows + Space"), 14, 33, { size: 11, color: rgb(C.accent) });
  } else {
    ctx.text(String(P.theme || ctx.t("Find the pairs")), 14, 33, { size: 11, color: rgb(C.muted) });
  }
  const timeStr = timeLimit > 0 ? fmtTime(timeLimit - elapsed) : fmtTime(elapsed);
  const stats = [
    [ctx.t("PAIRS"), `${pairsFound}/${pairsTotal}`],
    [ctx.t("MOVES"), String(moves)],
    [ctx.t(timeLimit > 0 ? "LEFT" : "TIME"), timeStr],
    [ctx.t("SCORE"), String(ctx.score.get())],
  ];
  for (let i = 0; i < stats.length; i++) {
    const x = 330 + i * 78;
    ctx.text(stats[i][0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    const low = i === 2 && timeLimit > 0 && timeLimit - elapsed < 10;
    ctx.text(stats[i][1], x, 30, { size: 16, color: rgb(low ? C.accent : C.text), align: "center", bold: true });
  }
  if (timeLimit > 0) {
    const f = Math.max(0, 1 - elapsed / timeLimit);
    ctx.rect(0, HUD_H - 3, W * f, 3, rgb(f < 0.2 ? C.accent : C.primary));
  }

  if (emptyRect) {
    const e = emptyRect;
    ctx.strokeRect(e.x + 4, e.y + 4, e.w - 8, e.h - 8, rgb(C.text, 0.12), 1);
    ctx.circle(e.x + e.w / 2, e.y + e.h / 2, Math.min(e.w, e.h) * 0.12, rgb(C.accent, 0.3));
  }

  for (let i = 0; i < cards.length; i++) drawCard(ctx, cards[i], i);
  drawCursor(ctx);

  for (const p of particles) ctx.circle(p.x, p.y, p.r * Math.max(0.2, p.life), rgb(p.color, Math.min(1, p.life * 1.5)));

  if (flash) {
    const a = Math.min(1, flash.t * 2);
    const w = ctx.measureText(flash.text, 18) + 28;
    ctx.roundRect(W / 2 - w / 2, H - 40 - (1.1 - flash.t) * 12, w, 28, 14, rgb(C.accent, 0.85 * a));
    ctx.text(flash.text, W / 2, H - 26 - (1.1 - flash.t) * 12, { size: 18, color: rgb(inkOn(C.accent), a), align: "center", bold: true });
  }

  if (previewLeft > 0) {
    const msg = ctx.t("Memorize!  {n}", { n: Math.ceil(previewLeft) });
    ctx.roundRect(W / 2 - 110, H / 2 - 26, 220, 52, 12, rgb(C.bg, 0.93));
    ctx.text(msg, W / 2, H / 2 - 6, { size: 22, color: rgb(C.text), align: "center", bold: true });
    ctx.text(ctx.t("tap or press Space to start"), W / 2, H / 2 + 15, { size: 11, color: rgb(C.muted), align: "center" });
  } else if (showHelp && roomBelow) {
    ctx.text(ctx.t("Tap a card, or use arrows + Space"), W / 2, (geo.bottom + H) / 2, { size: 13, color: rgb(C.muted), align: "center" });
  }

  if (endResult && endTimer <= 0.6) {
    ctx.rect(0, 0, W, H, rgb(C.bg, 0.55));
    ctx.roundRect(W / 2 - 190, H / 2 - 48, 380, 96, 16, rgb(C.panel));
    ctx.strokeRect(W / 2 - 190, H / 2 - 48, 380, 96, rgb(endResult.won ? C.accent : C.primary), 2);
    ctx.text(endResult.title, W / 2, H / 2 - 20, { size: 26, color: rgb(endResult.won ? C.accent : C.text), align: "center", bold: true });
    ctx.text(ctx.t("Score {score}   {moves} moves   best streak {streak}", { score: ctx.score.get(), moves, streak: bestStreak }), W / 2, H / 2 + 12, { size: 14, color: rgb(C.text), align: "center" });
    ctx.text(ctx.t("{found}/{total} pairs", { found: pairsFound, total: pairsTotal }), W / 2, H / 2 + 32, { size: 12, color: rgb(C.muted), align: "center" });
  }
}

aimini.game({ setup, update, draw, strings: STRINGS });
