// Falling Blocks: aimini template "falling-blocks" (runtime aimini-runtime/1).
// The classic tetromino stacking game: seven pieces dealt from a shuffled "7-bag", rotation with
// simple wall kicks, soft and hard drop, a ghost piece, a next-piece preview, line clears that score
// more when several rows go at once, and levels that make the pieces fall faster.
// Keys: Left/Right move, Up or X rotates, Z rotates back, Down soft-drops, Space hard-drops, P/Esc
// pauses. Pointer and touch: the on-screen buttons, or on the board itself: tap to rotate, drag
// sideways to move, drag down to soft-drop, flick down to hard-drop.

const W = 640;
const H = 360;
const LOCK_DELAY = 0.5; // seconds a landed piece may still slide before it locks
const MAX_LOCK_RESETS = 15; // moves that restart the lock delay (so nobody can stall forever)
const DAS = 0.16; // held-key auto-repeat: first repeat after DAS, then one step every ARR
const ARR = 0.05;
const SOFT_DROP = 0.035; // seconds per row while soft-dropping
const CLEAR_TIME = 0.35; // line-clear animation
const MAX_PARTICLES = 90;
const LINE_POINTS = [0, 100, 300, 500, 800];
// popup for 1-4 lines cleared at once (texts for ctx.t)
const LINE_WORDS = ["", "Single +{pts}", "Double +{pts}", "Triple +{pts}", "Quad! +{pts}"];

// Spawn orientation of each piece inside an n x n box; rotating turns the box (I O T S Z J L).
const SHAPES = [
  { n: 4, cells: [[0, 1], [1, 1], [2, 1], [3, 1]] },
  { n: 2, cells: [[0, 0], [1, 0], [0, 1], [1, 1]] },
  { n: 3, cells: [[1, 0], [0, 1], [1, 1], [2, 1]] },
  { n: 3, cells: [[1, 0], [2, 0], [0, 1], [1, 1]] },
  { n: 3, cells: [[0, 0], [1, 0], [1, 1], [2, 1]] },
  { n: 3, cells: [[0, 0], [0, 1], [1, 1], [2, 1]] },
  { n: 3, cells: [[2, 0], [0, 1], [1, 1], [2, 1]] },
];
// ROT[k][r]: the cells of piece k after r clockwise quarter turns (y grows downwards).
const ROT = SHAPES.map((s) => {
  const out = [s.cells];
  for (let r = 1; r < 4; r++) out.push(out[r - 1].map(([x, y]) => [s.n - 1 - y, x]));
  return out;
});
// Simple wall kicks, tried in order when a turn collides: sideways first, then one row up, so a
// piece turns against a wall or the stack without teleporting far.
const KICKS = [[0, 0], [-1, 0], [1, 0], [0, -1], [-1, -1], [1, -1], [-2, 0], [2, 0]];

const SCHEMES = {
  classic: ["#22d3ee", "#facc15", "#a855f7", "#22c55e", "#ef4444", "#3b82f6", "#f97316"],
  candy: ["#ff8fc7", "#ffe66d", "#c39bff", "#7bf1a8", "#ff6b81", "#6ecbff", "#ffb36b"],
  pastel: ["#a0e7e5", "#fdfd96", "#cdb4db", "#b9fbc0", "#ffadad", "#a0c4ff", "#ffd6a5"],
  neon: ["#00f5ff", "#faff00", "#ff00e6", "#39ff14", "#ff2a55", "#4d7cff", "#ff9500"],
  jewel: ["#0fb9b1", "#f7b731", "#8854d0", "#20bf6b", "#eb3b5a", "#3867d6", "#fa8231"],
  earth: ["#6b9080", "#e9c46a", "#a47148", "#84a98c", "#bc4749", "#457b9d", "#f4a261"],
};
const STYLES = ["bevel", "flat", "candy", "gem", "neon", "pixel"];

let P, C, colors;
let cols, rows, cs, bx, by, bw, bh, lx, lw, rx, rw, buttons;
let board, bag, queue, cur, lowest, state, elapsed, score, lines, level, combo, best, newBest;
let dropAcc, lockT, lockResets, dasDir, dasT, clearing, clearT, trail, particles, popups, shake;
let btnHeld, gest, overAt, lastT;

// ---------- helpers ----------
function isNum(v) { return typeof v === "number" && Number.isFinite(v); }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim() ? v.trim().slice(0, max) : def; }
function hex(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }
function toRgb(h) { const v = parseInt(h.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
function rgb(c, a) {
  const r = Math.round(c[0]), g = Math.round(c[1]), b = Math.round(c[2]);
  return a === undefined ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${Math.max(0, Math.min(1, a)).toFixed(3)})`;
}
function mix(a, b, t) { return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]; }
function lum(c) { return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255; }
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function hsl(h, s, l) {
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}
function toHsl(c) {
  const r = c[0] / 255, g = c[1] / 255, b = c[2] / 255;
  const mx = Math.max(r, g, b), mn = Math.min(r, g, b), l = (mx + mn) / 2, d = mx - mn;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = mx === r ? ((g - b) / d) % 6 : mx === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  return [h < 0 ? h + 360 : h, s, l];
}
function fitSize(ctx, s, want, maxW) {
  const w = ctx.measureText(s, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}
// Text that fits maxW: shrinks down to 10 px, then cuts with an ellipsis. measureText measures the
// regular face, so bold text gets 12% of slack.
function label(ctx, s, x, y, maxW, o) {
  const want = o.size || 16, room = o.bold ? maxW * 0.88 : maxW;
  let size = fitSize(ctx, s, want, room);
  if (size < 10) {
    size = Math.min(want, 10);
    while (s.length > 2 && ctx.measureText(s + "...", size) > room) s = s.slice(0, -1);
    s = s.trimEnd() + "...";
  }
  ctx.text(s, x, y, { size, color: o.color, align: o.align || "left", bold: !!o.bold });
}
function inRect(x, y, r) { return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h; }

// Seven piece colours from the chosen scheme; "palette" walks the colour wheel from the palette's
// primary colour so a themed palette (candy, ocean, neon...) also tints the pieces.
function pieceColors(scheme) {
  if (SCHEMES[scheme]) return SCHEMES[scheme].map(toRgb);
  const [h, s, l] = toHsl(C.primary);
  if (scheme === "mono") {
    return [0, 1, 2, 3, 4, 5, 6].map((i) => hsl(h, Math.max(0.35, s), 0.34 + i * 0.065));
  }
  const ss = Math.max(0.55, Math.min(0.9, s)), ll = Math.max(0.52, Math.min(0.7, l));
  return [0, 1, 2, 3, 4, 5, 6].map((i) => hsl((h + i * (360 / 7)) % 360, ss, ll));
}

// "auto" look: read from the words of the title and theme (which follow the prompt).
function autoStyle(words) {
  const w = words.toLowerCase();
  if (/candy|candies|sweet|sugar|chocolate|dessert|cake|cookie|jelly|bubble/.test(w)) return "candy";
  if (/gem|jewel|crystal|diamond|treasure|ruby|emerald|pirate|gold/.test(w)) return "gem";
  if (/neon|synthwave|cyber|glow|laser|space|galaxy|night/.test(w)) return "neon";
  if (/pixel|8-bit|8 bit|retro|arcade|gameboy|\bnes\b/.test(w)) return "pixel";
  if (/modern|minimal|flat|clean|pastel|calm|zen/.test(w)) return "flat";
  return "bevel";
}

// ---------- block sprites: one per colour and size, drawn once in setup ----------
function blockPixel(style, x, y, s) {
  const e = s - 1;
  const b = Math.max(2, Math.round(s / 7));
  const d = [y, x, e - y, e - x]; // distance to the top, left, bottom, right side
  let side = 0;
  for (let i = 1; i < 4; i++) if (d[i] < d[side]) side = i;
  const edge = d[side];
  switch (style) {
    case "flat":
      if (x === e || y === e || ((x === 0 || x === e - 1) && (y === 0 || y === e - 1))) return ".";
      return y <= 1 ? "L" : y >= e - 2 ? "D" : "B";
    case "candy": {
      const r = s * 0.34, m = s - 1;
      const dx = Math.max(0, r - x - 0.5, x + 0.5 - (m - r)), dy = Math.max(0, r - y - 0.5, y + 0.5 - (m - r));
      if (x >= m || y >= m || dx * dx + dy * dy > r * r) return ".";
      const hx = (x + 0.5 - s * 0.36) / (s * 0.2), hy = (y + 0.5 - s * 0.3) / (s * 0.12);
      if (hx * hx + hy * hy < 1) return "H";
      return y > s * 0.7 ? "D" : "B";
    }
    case "gem": {
      const g = Math.max(3, Math.round(s / 4));
      if (edge === 0) return "S";
      if (edge < g) return side === 0 ? "H" : side === 1 ? "L" : side === 2 ? "S" : "D";
      return x + y < s * 0.85 ? "L" : "B";
    }
    case "neon":
      if (edge === 0 || edge === 1) return "B";
      if (edge === 2) return "L";
      return (x + y) % 4 === 0 ? "D" : "K";
    case "pixel":
      if (edge === 0) return "S";
      if (x >= 2 && x <= 3 && y >= 2 && y <= 3) return "H";
      if (edge === 1 && (side === 2 || side === 3)) return "D";
      return "B";
    default: // bevel
      if (edge === 0 && (side === 2 || side === 3)) return "S";
      if (edge < b) return side === 0 || side === 1 ? "L" : "D";
      if (x === b && y === b) return "H";
      return "B";
  }
}
function defineBlocks(ctx, prefix, s) {
  const rowsOut = [];
  for (let y = 0; y < s; y++) {
    let row = "";
    for (let x = 0; x < s; x++) row += blockPixel(P.blockStyle, x, y, s);
    rowsOut.push(row);
  }
  colors.forEach((c, k) => {
    ctx.sprite.define(prefix + k, rowsOut, {
      B: rgb(c), L: rgb(mix(c, WHITE, 0.35)), H: rgb(mix(c, WHITE, 0.75)),
      D: rgb(mix(c, BLACK, 0.28)), S: rgb(mix(c, BLACK, 0.5)), K: rgb(mix(c, C.well, 0.82)),
    });
  });
}

// ---------- setup ----------
function setup(ctx) {
  const p = ctx.params || {};
  const pal = p.palette || {};
  P = {
    title: str(p.title, "Falling Blocks", 60),
    theme: str(p.theme, "Stack the pieces, clear the lines", 40),
    columns: int(p.columns, 10, 6, 14),
    rows: int(p.rows, 20, 12, 24),
    dropInterval: num(p.dropInterval, 0.8, 0.1, 1.5),
    speedUp: num(p.speedUp, 0.15, 0, 0.3),
    startLevel: int(p.startLevel, 1, 1, 15),
    linesPerLevel: int(p.linesPerLevel, 10, 4, 30),
    targetLines: int(p.targetLines, 0, 0, 300),
    pieceColors: oneOf(p.pieceColors, ["palette", "classic", "candy", "pastel", "neon", "jewel", "earth", "mono"], "palette"),
    blockStyle: oneOf(p.blockStyle, ["auto"].concat(STYLES), "auto"),
    ghost: p.ghost !== false,
    preview: int(p.previewCount, 3, 1, 3),
  };
  if (P.blockStyle === "auto") P.blockStyle = autoStyle(`${P.title} ${P.theme}`);
  if (P.theme === "Stack the pieces, clear the lines") P.theme = ctx.t("Stack the pieces, clear the lines");
  const bg = toRgb(hex(pal.background, "#0f172a"));
  const text = toRgb(hex(pal.text, "#f1f5f9"));
  C = { bg, primary: toRgb(hex(pal.primary, "#38bdf8")), accent: toRgb(hex(pal.accent, "#f472b6")), text };
  // the well is a darker pit on dark themes and a soft tinted tray on light ones
  C.well = lum(bg) > 0.55 ? mix(bg, C.primary, 0.12) : mix(bg, BLACK, 0.4);
  C.panel = mix(bg, text, 0.07);
  C.frame = mix(bg, C.primary, 0.35);
  C.grid = mix(C.well, lum(bg) > 0.55 ? C.primary : text, 0.07);
  C.muted = mix(text, bg, 0.45);
  C.ink = lum(C.accent) > 0.6 ? [20, 20, 28] : WHITE;
  colors = pieceColors(P.pieceColors);

  cols = P.columns;
  rows = P.rows;
  cs = Math.floor(Math.min(340 / rows, 240 / cols));
  bw = cs * cols;
  bh = cs * rows;
  bx = Math.round(W / 2 - bw / 2);
  by = Math.round(H / 2 - bh / 2);
  lx = 14;
  lw = bx - 20 - lx;
  rx = bx + bw + 20;
  rw = W - 14 - rx;
  defineBlocks(ctx, "fb", cs);
  defineBlocks(ctx, "fbp", 14);
  defineBlocks(ctx, "fbs", 10);

  // Touch buttons along the bottom of the side panels (thumb reach on a phone held sideways).
  const bh2 = 52, yb = H - 12 - bh2;
  const lb = Math.min(64, (lw - 8) / 2), rb = Math.min(64, (rw - 16) / 3);
  buttons = [
    { id: "left", x: lx, y: yb, w: lb, h: bh2 },
    { id: "right", x: lx + lb + 8, y: yb, w: lb, h: bh2 },
    { id: "rotate", x: rx + rw - 3 * rb - 16, y: yb, w: rb, h: bh2 },
    { id: "soft", x: rx + rw - 2 * rb - 8, y: yb, w: rb, h: bh2 },
    { id: "drop", x: rx + rw - rb, y: yb, w: rb, h: bh2 },
    { id: "pause", x: rx + rw - 40, y: 6, w: 40, h: 40 },
  ];

  board = new Array(cols * rows).fill(0);
  bag = [];
  queue = [];
  refill(ctx);
  state = "ready";
  elapsed = 0;
  score = 0;
  lines = 0;
  level = P.startLevel;
  combo = 0;
  best = ctx.store.get("falling-blocks:best", 0);
  newBest = false;
  dropAcc = 0;
  dasDir = 0;
  dasT = 0;
  clearing = [];
  clearT = 0;
  trail = null;
  particles = [];
  popups = [];
  shake = 0;
  btnHeld = null;
  gest = null;
  overAt = -1;
  lastT = 0;
  ctx.score.set(0);
  spawn(ctx);
}

function refill(ctx) {
  while (queue.length < 4) {
    if (!bag.length) bag = ctx.shuffle([0, 1, 2, 3, 4, 5, 6]);
    queue.push(bag.pop());
  }
}

function cellsOf(k, r, x, y) { return ROT[k][r].map((c) => [x + c[0], y + c[1]]); }
function fits(k, r, x, y) {
  for (const c of ROT[k][r]) {
    const cx = x + c[0], cy = y + c[1];
    if (cx < 0 || cx >= cols || cy >= rows) return false;
    if (cy >= 0 && board[cy * cols + cx]) return false;
  }
  return true;
}
function fallInterval() {
  return Math.max(0.03, P.dropInterval * Math.pow(1 - P.speedUp, level - 1));
}
function addScore(ctx, n) {
  score += n;
  ctx.score.set(score);
}

function spawn(ctx) {
  const k = queue.shift();
  refill(ctx);
  const minY = Math.min(...SHAPES[k].cells.map((c) => c[1]));
  cur = { k, r: 0, x: Math.floor((cols - SHAPES[k].n) / 2), y: -minY };
  lowest = cur.y;
  lockT = 0;
  lockResets = 0;
  dropAcc = 0;
  if (!fits(cur.k, cur.r, cur.x, cur.y)) endGame(ctx, false);
}

// A successful move or turn of a landed piece restarts its lock delay (a limited number of times).
function moved() {
  if (!fits(cur.k, cur.r, cur.x, cur.y + 1) && lockResets < MAX_LOCK_RESETS) {
    lockT = 0;
    lockResets++;
  }
}
function shift(ctx, dx) {
  if (!fits(cur.k, cur.r, cur.x + dx, cur.y)) return false;
  cur.x += dx;
  moved();
  ctx.sound.tone(200, 18, { type: "square", volume: 0.04 });
  return true;
}
function rotate(ctx, dir) {
  if (cur.k === 1) return; // the O piece looks the same every way round
  const r = (cur.r + dir + 4) % 4;
  for (const [kx, ky] of KICKS) {
    if (fits(cur.k, r, cur.x + kx, cur.y + ky)) {
      cur.r = r;
      cur.x += kx;
      cur.y += ky;
      moved();
      ctx.sound.tone(520, 30, { type: "triangle", volume: 0.08 });
      return;
    }
  }
  ctx.sound.tone(120, 30, { type: "square", volume: 0.04 });
}
function ghostY() {
  let y = cur.y;
  while (fits(cur.k, cur.r, cur.x, y + 1)) y++;
  return y;
}
function hardDrop(ctx) {
  const y = ghostY();
  trail = { cells: cellsOf(cur.k, cur.r, cur.x, cur.y), dy: y - cur.y, k: cur.k, t: 0.18 };
  addScore(ctx, 2 * (y - cur.y));
  cur.y = y;
  shake = 0.12;
  ctx.sound.tone(110, 60, { type: "square", volume: 0.1 });
  lockPiece(ctx);
}

function lockPiece(ctx) {
  let above = false;
  for (const [cx, cy] of cellsOf(cur.k, cur.r, cur.x, cur.y)) {
    if (cy < 0) above = true;
    else board[cy * cols + cx] = cur.k + 1;
  }
  const full = [];
  for (let r = 0; r < rows; r++) {
    let ok = true;
    for (let c = 0; c < cols && ok; c++) if (!board[r * cols + c]) ok = false;
    if (ok) full.push(r);
  }
  if (above) return endGame(ctx, false);
  if (!full.length) {
    combo = 0;
    ctx.sound.effect("click");
    spawn(ctx);
    return;
  }
  const n = Math.min(4, full.length);
  combo++;
  const pts = LINE_POINTS[n] * level + (combo > 1 ? 50 * (combo - 1) * level : 0);
  addScore(ctx, pts);
  clearing = full;
  clearT = CLEAR_TIME;
  state = "clearing";
  popups.push({ text: ctx.t(LINE_WORDS[n], { pts }), x: bx + bw / 2, y: by + full[0] * cs, t: 1.1, big: n >= 4 });
  if (combo > 1) popups.push({ text: ctx.t("Combo x{n}", { n: combo }), x: bx + bw / 2, y: by + full[0] * cs + 22, t: 1.1, big: false });
  ctx.sound.effect(n >= 4 ? "win" : "coin");
  for (const r of full) {
    for (let i = 0; i < 8 && particles.length < MAX_PARTICLES; i++) {
      const c = board[r * cols + Math.floor(ctx.random() * cols)] || 1;
      particles.push({
        x: bx + ctx.random() * bw, y: by + (r + 0.5) * cs, vx: (ctx.random() - 0.5) * 220, vy: -60 - ctx.random() * 160,
        life: 0.8, col: colors[c - 1], r: 1.5 + ctx.random() * 2.5,
      });
    }
  }
}

function finishClear(ctx) {
  const keep = [];
  for (let r = 0; r < rows; r++) if (clearing.indexOf(r) < 0) keep.push(board.slice(r * cols, r * cols + cols));
  board.fill(0);
  const off = rows - keep.length;
  keep.forEach((row, i) => { for (let c = 0; c < cols; c++) board[(i + off) * cols + c] = row[c]; });
  lines += clearing.length;
  clearing = [];
  state = "play";
  const lv = P.startLevel + Math.floor(lines / P.linesPerLevel);
  if (lv > level) {
    level = lv;
    popups.push({ text: ctx.t("Level {n}", { n: level }), x: bx + bw / 2, y: by + bh * 0.4, t: 1.4, big: true });
    ctx.sound.effect("jump");
    ctx.event("level", { level, lines });
  }
  if (P.targetLines > 0 && lines >= P.targetLines) return endGame(ctx, true);
  spawn(ctx);
}

function endGame(ctx, won) {
  state = won ? "won" : "over";
  overAt = ctx.time;
  if (score > best) {
    newBest = best > 0 || score > 0;
    best = score;
    ctx.store.set("falling-blocks:best", best);
  }
  ctx.sound.effect(won ? "win" : "lose");
  const mv = { n: won ? P.targetLines : lines, score, level };
  const msg = won
    ? (P.targetLines === 1 ? ctx.t("{n} line cleared, you win! Score {score}, level {level}.", mv) : ctx.t("{n} lines cleared, you win! Score {score}, level {level}.", mv))
    : (lines === 1 ? ctx.t("The stack reached the top. {n} line, level {level}, score {score}.", mv) : ctx.t("The stack reached the top. {n} lines, level {level}, score {score}.", mv));
  ctx.gameOver({ won, message: msg });
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  if (state === "over" || state === "won") return;
  if (state === "ready") {
    const go = p.pressed || inp.pressed("action") || inp.pressed("left") || inp.pressed("right") || inp.pressed("up") || inp.pressed("down");
    if (go) {
      state = "play";
      btnHeld = null;
      ctx.sound.effect("click");
    }
    return;
  }
  const pauseTap = p.pressed && inRect(p.x, p.y, buttons[5]);
  if (state === "paused") {
    if (inp.pressed("escape") || inp.pressed("p") || inp.pressed("action") || p.pressed) state = "play";
    return;
  }
  if (inp.pressed("escape") || inp.pressed("p") || pauseTap) {
    state = "paused";
    btnHeld = null;
    gest = null;
    return;
  }
  elapsed += dt;
  if (state === "clearing") {
    clearT -= dt;
    if (clearT <= 0) finishClear(ctx);
    return;
  }

  // pointer: buttons (held ones repeat) and gestures on the board
  let tapped = null;
  if (p.pressed) {
    const b = buttons.find((q) => q.id !== "pause" && inRect(p.x, p.y, q));
    if (b) {
      tapped = b.id;
      btnHeld = b.id;
      gest = null;
    } else if (p.x > bx - 24 && p.x < bx + bw + 24 && p.y > by - 10 && p.y < by + bh + 10) {
      gest = { x0: p.x, y0: p.y, ax: p.x, ay: p.y, t: 0, moved: false };
    }
  }
  if (!p.down) btnHeld = null;
  else if (btnHeld && !inRect(p.x, p.y, buttons.find((q) => q.id === btnHeld))) btnHeld = null;

  if (inp.pressed("up") || inp.pressed("x") || tapped === "rotate") rotate(ctx, 1);
  if (inp.pressed("z")) rotate(ctx, -1);

  // sideways: a press moves at once, holding repeats after DAS
  let dir = 0;
  if (inp.down("left") || btnHeld === "left") dir -= 1;
  if (inp.down("right") || btnHeld === "right") dir += 1;
  const tapL = inp.pressed("left") || tapped === "left", tapR = inp.pressed("right") || tapped === "right";
  if (tapL !== tapR) {
    dasDir = tapL ? -1 : 1;
    dasT = 0;
    shift(ctx, dasDir);
  } else if (dir !== 0 && dir === dasDir) {
    dasT += dt;
    let guard = 0;
    while (dasT >= DAS && guard++ < cols) {
      if (!shift(ctx, dir)) { dasT = DAS; break; }
      dasT -= ARR;
    }
  } else if (dir !== 0) {
    dasDir = dir;
    dasT = 0;
    shift(ctx, dir);
  } else dasDir = 0;

  let soft = inp.down("down") || inp.pressed("down") || btnHeld === "soft";
  if (gest && (p.down || p.released)) {
    gest.t += dt;
    let guard = 0;
    while (Math.abs(p.x - gest.ax) >= cs * 0.9 && guard++ < cols) {
      const s = p.x > gest.ax ? 1 : -1;
      shift(ctx, s);
      gest.ax += s * cs * 0.9;
      gest.moved = true;
    }
    while (p.y - gest.ay >= cs && guard++ < rows + cols) {
      if (fits(cur.k, cur.r, cur.x, cur.y + 1)) { cur.y++; addScore(ctx, 1); }
      gest.ay += cs;
      gest.moved = true;
    }
    if (p.released) {
      const dx = p.x - gest.x0, dy = p.y - gest.y0;
      const g = gest;
      gest = null;
      if (dy > 40 && g.t < 0.3 && dy > 2 * Math.abs(dx)) return hardDrop(ctx);
      if (!g.moved && Math.abs(dx) < 14 && Math.abs(dy) < 14) rotate(ctx, 1);
    }
  }
  if (inp.pressed("action") || tapped === "drop") return hardDrop(ctx);

  // gravity (several rows in one frame when the interval is short or dt is long)
  const iv = soft ? Math.min(SOFT_DROP, fallInterval()) : fallInterval();
  dropAcc += dt;
  let guard = 0;
  while (dropAcc >= iv && guard++ < rows + 4) {
    dropAcc -= iv;
    if (!fits(cur.k, cur.r, cur.x, cur.y + 1)) { dropAcc = 0; break; }
    cur.y++;
    if (soft) addScore(ctx, 1);
    if (cur.y > lowest) { lowest = cur.y; lockT = 0; lockResets = 0; }
  }
  if (!fits(cur.k, cur.r, cur.x, cur.y + 1)) {
    lockT += dt;
    if (lockT >= LOCK_DELAY) lockPiece(ctx);
  } else lockT = 0;
}

// Effects advance in draw, which also runs after the game is over.
function stepFx(dt) {
  for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.vy += 420 * dt; q.life -= dt; }
  particles = particles.filter((q) => q.life > 0);
  for (const q of popups) { q.t -= dt; q.y -= 26 * dt; }
  popups = popups.filter((q) => q.t > 0);
  shake = Math.max(0, shake - dt);
  if (trail) { trail.t -= dt; if (trail.t <= 0) trail = null; }
}

// ---------- draw ----------
function drawIcon(ctx, id, b, col) {
  const cx = b.x + b.w / 2, cy = b.y + b.h / 2, s = Math.min(b.w, b.h) * 0.22;
  if (id === "left") ctx.poly([[cx - s, cy], [cx + s * 0.8, cy - s], [cx + s * 0.8, cy + s]], col);
  else if (id === "right") ctx.poly([[cx + s, cy], [cx - s * 0.8, cy - s], [cx - s * 0.8, cy + s]], col);
  else if (id === "soft") ctx.poly([[cx - s, cy - s * 0.6], [cx + s, cy - s * 0.6], [cx, cy + s * 0.9]], col);
  else if (id === "drop") {
    ctx.poly([[cx - s, cy - s], [cx + s, cy - s], [cx, cy + s * 0.5]], col);
    ctx.rect(cx - s, cy + s * 0.7, s * 2, 3, col);
  } else if (id === "rotate") {
    ctx.strokeCircle(cx, cy, s * 0.95, col, 3);
    ctx.rect(cx + 1, cy - s * 1.3, s * 1.2, s * 1.1, rgb(mix(C.panel, C.primary, 0.25)));
    ctx.poly([[cx - 1, cy - s * 1.5], [cx + s * 0.8, cy - s * 0.95], [cx - 1, cy - s * 0.35]], col);
  } else if (id === "pause") {
    if (state === "paused") ctx.poly([[cx - 6, cy - 8], [cx + 8, cy], [cx - 6, cy + 8]], col);
    else { ctx.rect(cx - 7, cy - 8, 5, 16, col); ctx.rect(cx + 2, cy - 8, 5, 16, col); }
  }
}

function drawPiece(ctx, k, prefix, size, cx, cy) {
  const cells = ROT[k][0];
  let x0 = 9, x1 = -9, y0 = 9, y1 = -9;
  for (const [x, y] of cells) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  const ox = Math.round(cx - ((x1 - x0 + 1) * size) / 2), oy = Math.round(cy - ((y1 - y0 + 1) * size) / 2);
  for (const [x, y] of cells) ctx.sprite.draw(prefix + k, ox + (x - x0) * size, oy + (y - y0) * size, 1);
}

function panelBox(ctx, x, y, w, h, name, value, col, size) {
  ctx.roundRect(x, y, w, h, 8, rgb(C.panel));
  ctx.text(name, x + 9, y + 11, { size: 10, color: rgb(C.muted), bold: true });
  label(ctx, value, x + 9, y + h - 14, w - 16, { size, color: rgb(col), bold: true });
}

function overlay(ctx, title, linesOut, foot) {
  const w = 300, h = 70 + linesOut.length * 18 + (foot ? 24 : 0), x = W / 2 - w / 2, y = H / 2 - h / 2;
  ctx.roundRect(x + 3, y + 4, w, h, 14, rgb(BLACK, 0.35));
  ctx.roundRect(x, y, w, h, 14, rgb(C.accent));
  ctx.roundRect(x + 2, y + 2, w - 4, h - 4, 12, rgb(mix(C.bg, C.text, 0.1)));
  label(ctx, title, W / 2, y + 28, w - 30, { size: 24, color: rgb(C.text), align: "center", bold: true });
  linesOut.forEach((l, i) => ctx.text(l, W / 2, y + 56 + i * 18, { size: fitSize(ctx, l, 13, w - 24), color: rgb(i === 0 ? C.accent : C.muted), align: "center" }));
  if (foot) ctx.text(foot, W / 2, y + h - 20, { size: 14, color: rgb(C.text), align: "center", bold: true });
}

function draw(ctx) {
  const dt = Math.max(0, Math.min(0.1, ctx.time - lastT));
  lastT = ctx.time;
  stepFx(dt);
  const t = ctx.time;
  const done = state === "over" || state === "won";
  if (done && t - overAt > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) {
    ctx.restart();
    return;
  }

  ctx.clear(rgb(C.bg));
  for (let i = 0; i < 6; i++) ctx.rect(0, i * 60, W, 60, rgb(C.primary, 0.012 * i));
  const ox = shake > 0 ? Math.round(Math.sin(t * 90) * 2) : 0, oy = shake > 0 ? Math.round(shake * 20) : 0;

  // the well
  ctx.roundRect(bx - 6 + ox, by - 6 + oy, bw + 12, bh + 12, 8, rgb(C.frame));
  ctx.rect(bx + ox, by + oy, bw, bh, rgb(C.well));
  for (let c = 1; c < cols; c++) ctx.line(bx + c * cs + ox, by + oy, bx + c * cs + ox, by + bh + oy, rgb(C.grid), 1);
  for (let r = 1; r < rows; r++) ctx.line(bx + ox, by + r * cs + oy, bx + bw + ox, by + r * cs + oy, rgb(C.grid), 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = board[r * cols + c];
      if (v) ctx.sprite.draw("fb" + (v - 1), bx + c * cs + ox, by + r * cs + oy, 1);
    }
  }
  if (state === "clearing") {
    const f = 1 - clearT / CLEAR_TIME;
    for (const r of clearing) {
      const y = by + r * cs + oy;
      ctx.rect(bx + ox, y, bw, cs, rgb(WHITE, 0.55 * (1 - f) + 0.2));
      const w = bw * f;
      ctx.rect(bx + bw / 2 - w / 2 + ox, y, w, cs, rgb(C.well));
    }
  }
  if (trail) {
    for (const [cx, cy] of trail.cells) {
      if (cy + trail.dy < 0) continue;
      const y0 = Math.max(0, cy);
      ctx.rect(bx + cx * cs + ox + 2, by + y0 * cs + oy, cs - 4, (cy + trail.dy - y0) * cs, rgb(colors[trail.k], 0.25 * (trail.t / 0.18)));
    }
  }
  if (state === "play" || state === "ready" || state === "paused") {
    const col = colors[cur.k];
    if (P.ghost) {
      const gy = ghostY();
      if (gy > cur.y) {
        for (const [cx, cy] of cellsOf(cur.k, cur.r, cur.x, gy)) {
          if (cy < 0) continue;
          ctx.rect(bx + cx * cs + 1 + ox, by + cy * cs + 1 + oy, cs - 2, cs - 2, rgb(col, 0.16));
          ctx.strokeRect(bx + cx * cs + 1.5 + ox, by + cy * cs + 1.5 + oy, cs - 3, cs - 3, rgb(col, 0.55), 1);
        }
      }
    }
    const glow = lockT > 0 ? (lockT / LOCK_DELAY) * 0.45 : 0;
    for (const [cx, cy] of cellsOf(cur.k, cur.r, cur.x, cur.y)) {
      if (cy < 0) continue;
      ctx.sprite.draw("fb" + cur.k, bx + cx * cs + ox, by + cy * cs + oy, 1);
      if (glow > 0.02) ctx.rect(bx + cx * cs + ox, by + cy * cs + oy, cs, cs, rgb(WHITE, glow));
    }
  }
  if (done) {
    // the stack greys out from the bottom up
    const k = Math.min(rows, Math.floor((t - overAt) * rows * 2));
    if (state === "over" && k > 0) ctx.rect(bx, by + (rows - k) * cs, bw, k * cs, rgb(C.bg, 0.6));
  }
  for (const q of particles) ctx.circle(q.x, q.y, q.r, rgb(q.col, Math.min(1, q.life * 1.6)));
  for (const q of popups) {
    ctx.text(q.text, q.x, q.y, { size: fitSize(ctx, q.text, q.big ? 22 : 15, bw + 90), color: rgb(q.big ? C.accent : C.text, Math.min(1, q.t * 2)), align: "center", bold: true });
  }

  // left panel: title and numbers
  label(ctx, P.title, lx, 22, lw, { size: 20, color: rgb(C.text), bold: true });
  label(ctx, P.theme, lx, 42, lw, { size: 12, color: rgb(C.muted) });
  const half = (lw - 8) / 2;
  panelBox(ctx, lx, 56, lw, 50, ctx.t("SCORE"), String(score), C.accent, 22);
  panelBox(ctx, lx, 112, half, 44, ctx.t("LEVEL"), String(level), C.text, 18);
  panelBox(ctx, lx + half + 8, 112, half, 44, ctx.t("LINES"), P.targetLines > 0 ? `${lines}/${P.targetLines}` : String(lines), C.text, 18);
  const prog = P.targetLines > 0 ? Math.min(1, lines / P.targetLines) : (lines % P.linesPerLevel) / P.linesPerLevel;
  ctx.rect(lx, 162, lw, 5, rgb(C.panel));
  ctx.rect(lx, 162, lw * prog, 5, rgb(C.primary));
  panelBox(ctx, lx, 174, lw, 44, ctx.t("BEST"), String(Math.max(best, score)), C.text, 18);
  const help = [ctx.t("Arrows: move, Up: turn"), ctx.t("Down: soft  Space: drop"), ctx.t("Board: tap turn, drag, flick")];
  help.forEach((l, i) => ctx.text(l, lx, 234 + i * 15, { size: fitSize(ctx, l, 11, lw), color: rgb(C.muted) }));

  // right panel: next pieces
  ctx.text(ctx.t("NEXT"), rx, 22, { size: 13, color: rgb(C.muted), bold: true });
  const boxH = P.preview === 1 ? 70 : P.preview === 2 ? 120 : 168;
  ctx.roundRect(rx, 50, rw, boxH, 10, rgb(C.panel));
  drawPiece(ctx, queue[0], "fbp", 14, rx + rw / 2, 85);
  for (let i = 1; i < P.preview; i++) drawPiece(ctx, queue[i], "fbs", 10, rx + rw / 2, 92 + i * 46);
  const rate = (1 / fallInterval()).toFixed(1);
  const spd = ctx.t("Speed {n} rows/s", { n: ctx.lang === "en" ? rate : rate.replace(".", ",") }); // decimal comma in es/fr/de/pt
  ctx.text(spd, rx, 50 + boxH + 16, { size: fitSize(ctx, spd, 11, rw), color: rgb(C.muted) });

  // buttons
  for (const b of buttons) {
    const held = btnHeld === b.id;
    ctx.roundRect(b.x, b.y, b.w, b.h, 10, rgb(held ? mix(C.panel, C.accent, 0.45) : mix(C.panel, C.primary, 0.25)));
    drawIcon(ctx, b.id, b, rgb(held ? C.ink : C.text));
  }

  if (state === "ready") {
    overlay(ctx, P.title, [ctx.t("Fill rows to clear them. Don't reach the top!"), ctx.t("Arrows move and turn, Space drops"), ctx.t("Buttons, or tap / drag / flick the board")], ctx.t("Press Space or tap to start"));
  } else if (state === "paused") {
    overlay(ctx, ctx.t("Paused"), [ctx.t("Take a breath.")], ctx.t("Space or tap to resume"));
  } else if (done && t - overAt > 0.5) {
    const won = state === "won";
    const info = [ctx.t("Score {score}   Lines {lines}   Level {level}", { score, lines, level }), newBest ? ctx.t("New best score!") : ctx.t("Best {n}", { n: best })];
    const blink = Math.floor((t - overAt) * 2) % 2 === 0 || t - overAt < 0.8;
    overlay(ctx, won ? ctx.t("You win!") : ctx.t("Game over"), info, blink ? ctx.t("Space or tap to play again") : " ");
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "Single +{pts}": "Simple +{pts}",
    "Double +{pts}": "Doble +{pts}",
    "Triple +{pts}": "Triple +{pts}",
    "Quad! +{pts}": "¡Cuádruple! +{pts}",
    "Combo x{n}": "Combo x{n}",
    "Level {n}": "Nivel {n}",
    "{n} line cleared, you win! Score {score}, level {level}.": "¡{n} línea completada, ganaste! Puntos {score}, nivel {level}.",
    "{n} lines cleared, you win! Score {score}, level {level}.": "¡{n} líneas completadas, ganaste! Puntos {score}, nivel {level}.",
    "The stack reached the top. {n} line, level {level}, score {score}.": "La pila llegó arriba. {n} línea, nivel {level}, puntos {score}.",
    "The stack reached the top. {n} lines, level {level}, score {score}.": "La pila llegó arriba. {n} líneas, nivel {level}, puntos {score}.",
    "Stack the pieces, clear the lines": "Apila las piezas, borra las líneas",
    "SCORE": "PUNTOS",
    "LEVEL": "NIVEL",
    "LINES": "LÍNEAS",
    "BEST": "RÉCORD",
    "Arrows: move, Up: turn": "Flechas: mover, Arriba: girar",
    "Down: soft  Space: drop": "Abajo: bajar  Espacio: soltar",
    "Board: tap turn, drag, flick": "Tablero: toca, arrastra, desliza",
    "NEXT": "SIGUIENTE",
    "Speed {n} rows/s": "Velocidad {n} filas/s",
    "Fill rows to clear them. Don't reach the top!": "Llena filas para borrarlas. ¡No llegues arriba!",
    "Arrows move and turn, Space drops": "Flechas: mover y girar; Espacio: soltar",
    "Buttons, or tap / drag / flick the board": "Botones, o toca / arrastra / desliza el tablero",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Paused": "Pausa",
    "Take a breath.": "Respira hondo.",
    "Space or tap to resume": "Espacio o toca para seguir",
    "Score {score}   Lines {lines}   Level {level}": "Puntos {score}   Líneas {lines}   Nivel {level}",
    "New best score!": "¡Nuevo récord!",
    "Best {n}": "Récord {n}",
    "You win!": "¡Has ganado!",
    "Game over": "Fin del juego",
    "Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "Single +{pts}": "Simple +{pts}",
    "Double +{pts}": "Double +{pts}",
    "Triple +{pts}": "Triple +{pts}",
    "Quad! +{pts}": "Quadruple ! +{pts}",
    "Combo x{n}": "Combo x{n}",
    "Level {n}": "Niveau {n}",
    "{n} line cleared, you win! Score {score}, level {level}.": "{n} ligne effacée, tu as gagné ! Score {score}, niveau {level}.",
    "{n} lines cleared, you win! Score {score}, level {level}.": "{n} lignes effacées, tu as gagné ! Score {score}, niveau {level}.",
    "The stack reached the top. {n} line, level {level}, score {score}.": "La pile a atteint le haut. {n} ligne, niveau {level}, score {score}.",
    "The stack reached the top. {n} lines, level {level}, score {score}.": "La pile a atteint le haut. {n} lignes, niveau {level}, score {score}.",
    "Stack the pieces, clear the lines": "Empile les pièces, efface les lignes",
    "SCORE": "SCORE",
    "LEVEL": "NIVEAU",
    "LINES": "LIGNES",
    "BEST": "RECORD",
    "Arrows: move, Up: turn": "Flèches : bouger, Haut : tourner",
    "Down: soft  Space: drop": "Bas : descendre  Espace : lâcher",
    "Board: tap turn, drag, flick": "Grille : touche, glisse, lance",
    "NEXT": "SUIVANT",
    "Speed {n} rows/s": "Vitesse {n} lignes/s",
    "Fill rows to clear them. Don't reach the top!": "Complète des lignes. N'atteins pas le haut !",
    "Arrows move and turn, Space drops": "Flèches : bouger, tourner ; Espace : lâcher",
    "Buttons, or tap / drag / flick the board": "Boutons, ou touche / glisse / lance sur la grille",
    "Press Space or tap to start": "Espace ou touche pour jouer",
    "Paused": "Pause",
    "Take a breath.": "Respire un coup.",
    "Space or tap to resume": "Espace ou touche pour reprendre",
    "Score {score}   Lines {lines}   Level {level}": "Score {score}   Lignes {lines}   Niveau {level}",
    "New best score!": "Nouveau record !",
    "Best {n}": "Record {n}",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "Single +{pts}": "Einfach +{pts}",
    "Double +{pts}": "Doppel +{pts}",
    "Triple +{pts}": "Dreifach +{pts}",
    "Quad! +{pts}": "Vierfach! +{pts}",
    "Combo x{n}": "Combo x{n}",
    "Level {n}": "Level {n}",
    "{n} line cleared, you win! Score {score}, level {level}.": "{n} Reihe gelöscht, du gewinnst! Punkte {score}, Level {level}.",
    "{n} lines cleared, you win! Score {score}, level {level}.": "{n} Reihen gelöscht, du gewinnst! Punkte {score}, Level {level}.",
    "The stack reached the top. {n} line, level {level}, score {score}.": "Der Stapel ist oben angekommen. {n} Reihe, Level {level}, Punkte {score}.",
    "The stack reached the top. {n} lines, level {level}, score {score}.": "Der Stapel ist oben angekommen. {n} Reihen, Level {level}, Punkte {score}.",
    "Stack the pieces, clear the lines": "Steine stapeln, Reihen löschen",
    "SCORE": "PUNKTE",
    "LEVEL": "LEVEL",
    "LINES": "REIHEN",
    "BEST": "REKORD",
    "Arrows: move, Up: turn": "Pfeile: bewegen, Hoch: drehen",
    "Down: soft  Space: drop": "Runter: schneller  Leertaste: fallen",
    "Board: tap turn, drag, flick": "Feld: tippen, ziehen, wischen",
    "NEXT": "NÄCHSTE",
    "Speed {n} rows/s": "Tempo {n} Reihen/s",
    "Fill rows to clear them. Don't reach the top!": "Füll Reihen, um sie zu löschen. Nicht bis oben!",
    "Arrows move and turn, Space drops": "Pfeile: bewegen und drehen, Leertaste: fallen",
    "Buttons, or tap / drag / flick the board": "Tasten, oder Feld tippen / ziehen / wischen",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Paused": "Pause",
    "Take a breath.": "Atme kurz durch.",
    "Space or tap to resume": "Leertaste oder tippen: weiter",
    "Score {score}   Lines {lines}   Level {level}": "Punkte {score}   Reihen {lines}   Level {level}",
    "New best score!": "Neuer Rekord!",
    "Best {n}": "Rekord {n}",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Space or tap to play again": "Leertaste oder tippen: neues Spiel",
  },
  pt: {
    "Single +{pts}": "Simples +{pts}",
    "Double +{pts}": "Dupla +{pts}",
    "Triple +{pts}": "Tripla +{pts}",
    "Quad! +{pts}": "Quádrupla! +{pts}",
    "Combo x{n}": "Combo x{n}",
    "Level {n}": "Nível {n}",
    "{n} line cleared, you win! Score {score}, level {level}.": "{n} linha completa, você venceu! Pontos {score}, nível {level}.",
    "{n} lines cleared, you win! Score {score}, level {level}.": "{n} linhas completas, você venceu! Pontos {score}, nível {level}.",
    "The stack reached the top. {n} line, level {level}, score {score}.": "A pilha chegou ao topo. {n} linha, nível {level}, pontos {score}.",
    "The stack reached the top. {n} lines, level {level}, score {score}.": "A pilha chegou ao topo. {n} linhas, nível {level}, pontos {score}.",
    "Stack the pieces, clear the lines": "Empilhe as peças, limpe as linhas",
    "SCORE": "PONTOS",
    "LEVEL": "NÍVEL",
    "LINES": "LINHAS",
    "BEST": "RECORDE",
    "Arrows: move, Up: turn": "Setas: mover, Cima: girar",
    "Down: soft  Space: drop": "Baixo: descer  Espaço: soltar",
    "Board: tap turn, drag, flick": "Tabuleiro: toque, arraste, deslize",
    "NEXT": "PRÓXIMA",
    "Speed {n} rows/s": "Velocidade {n} linhas/s",
    "Fill rows to clear them. Don't reach the top!": "Complete linhas para limpá-las. Não chegue ao topo!",
    "Arrows move and turn, Space drops": "Setas movem e giram, Espaço solta",
    "Buttons, or tap / drag / flick the board": "Botões, ou toque / arraste / deslize o tabuleiro",
    "Press Space or tap to start": "Espaço ou toque para começar",
    "Paused": "Pausado",
    "Take a breath.": "Respire fundo.",
    "Space or tap to resume": "Espaço ou toque para continuar",
    "Score {score}   Lines {lines}   Level {level}": "Pontos {score}   Linhas {lines}   Nível {level}",
    "New best score!": "Novo recorde!",
    "Best {n}": "Recorde {n}",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
