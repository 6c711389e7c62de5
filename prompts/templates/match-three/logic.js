// Match Three: aimini template "match-three" (runtime aimini-runtime/1).
// Swap two neighbouring pieces to line up three or more of a kind; matches vanish, the pieces above
// fall, new ones drop in and chain reactions (cascades) score more. Reach the target score within the
// moves or the time. Pieces are gems, candies, fruit or plain shapes (each kind has its own colour
// AND shape). Pointer/touch: tap a piece then a neighbour, or drag a piece toward a neighbour.
// Keys: arrows move the cursor, Space picks the piece up, then an arrow swaps it that way.

const W = 640;
const H = 360;
const SWAP_TIME = 0.16;
const CLEAR_TIME = 0.26;
const GRAVITY = 2600; // px/s^2 for falling pieces
const MAX_PARTICLES = 70;
const HINT_AFTER = 6;
const CHEERS = ["", "", "Nice! x{n}", "Great! x{n}", "Amazing! x{n}", "Incredible! x{n}"]; // banner for a chain of n (texts for ctx.t)
const KIND_COLORS = {
  gem: ["#e5484d", "#f76b15", "#ffc53d", "#30a46c", "#0090ff", "#8e4ec6", "#f2f2f2"],
  candy: ["#ff4d8d", "#ff9f1c", "#ffe14d", "#5ee06b", "#4cc9f0", "#b983ff", "#ff7a5c"],
  fruit: ["#e23b3b", "#ff8c1a", "#f7d038", "#8bc34a", "#3f6fd8", "#8e44ad", "#ff4f6d"],
  shape: ["#ef4444", "#f97316", "#facc15", "#22c55e", "#3b82f6", "#a855f7", "#ec4899"],
};

let P, C, cols, rows, cell, bx, by, bw, bh, px, pw, kinds;
let grid, state, stateT, sel, cursor, keyMode, drag, swapA, swapB, swapBack, clearing, combo;
let score, movesLeft, timeLeft, level, target, best, idleT, hint, particles, popups, banner, endAt, lastT;

// ---------- helpers ----------
function isNum(v) { return typeof v === "number" && Number.isFinite(v); }
function int(v, def, lo, hi) { return Math.round(Math.min(hi, Math.max(lo, isNum(v) ? v : def))); }
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
function fitSize(ctx, s, want, maxW) {
  const w = ctx.measureText(s, want);
  return w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
}
// Text that fits maxW: shrinks down to 10 px, then cuts with an ellipsis (bold gets 12% slack,
// as measureText measures the regular face).
function label(ctx, s, x, y, maxW, o) {
  const want = o.size || 16, room = o.bold ? maxW * 0.88 : maxW;
  let size = Math.min(want, fitSize(ctx, s, want, room));
  if (size < 10) {
    size = Math.min(want, 10);
    while (s.length > 2 && ctx.measureText(s + "..", size) > room) s = s.slice(0, -1);
    s += "..";
  }
  ctx.text(s, x, y, { size, color: o.color, align: o.align || "left", bold: !!o.bold });
}
function fmtTime(s) {
  const t = Math.max(0, Math.ceil(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
}

// "auto" look: read from the words of the title, theme and piece name (which follow the prompt).
function autoStyle(words) {
  const w = words.toLowerCase();
  if (/candy|candies|sweet|sugar|chocolate|lollipop|dessert|cake|cookie|jelly|bonbon|crush/.test(w)) return "candy";
  if (/fruit|apple|berry|berries|orange|lemon|pear|grape|banana|cherry|orchard|farm|juice|melon/.test(w)) return "fruit";
  if (/shape|toddler|kids|baby|preschool|circle|square|triangle/.test(w)) return "shape";
  return "gem";
}

// ---------- piece sprites (pixel art computed once per kind in setup) ----------
// Shapes in [-1,1]^2, y down; each kind has its own silhouette so colour is never the only cue.
function inShape(k, u, v) {
  switch (k) {
    case 0: return u * u + v * v <= 0.72;
    case 1: return Math.pow(Math.abs(u), 4) + Math.pow(Math.abs(v), 4) <= 0.3;
    case 2: return Math.abs(u) * 0.95 + Math.abs(v) <= 0.95;
    case 3: return v <= 0.68 && v >= -0.9 && Math.abs(u) <= ((v + 0.9) / 1.58) * 0.98;
    case 4: return Math.max(Math.abs(u) * 0.866 + Math.abs(v) * 0.5, Math.abs(v)) <= 0.8;
    case 5: {
      const a = Math.atan2(v, u) + Math.PI / 2, r = Math.hypot(u, v);
      const m = Math.abs(((a / (Math.PI * 2 / 5)) % 1 + 1) % 1 - 0.5) * 2; // 1 at the tips, 0 between
      return r <= 0.42 + 0.5 * Math.pow(m, 1.6);
    }
    default: {
      const x = u * 1.25, y = -v * 1.25 + 0.28;
      return Math.pow(x * x + y * y - 1, 3) - x * x * y * y * y <= 0;
    }
  }
}
function fruitPixel(k, u, v) {
  const circle = (cx, cy, r) => (u - cx) * (u - cx) + (v - cy) * (v - cy) <= r * r;
  switch (k) {
    case 0: // apple
      if (Math.abs(u - 0.05) < 0.07 && v > -0.98 && v < -0.55) return "K";
      if (circle(0.32, -0.72, 0.2) && v < -0.6) return "G";
      return circle(-0.3, 0.1, 0.62) || circle(0.3, 0.1, 0.62) ? "B" : ".";
    case 1: // orange
      if (circle(0, -0.8, 0.13)) return "G";
      return circle(0, 0.05, 0.84) ? ((Math.round(u * 7) + Math.round(v * 7)) % 3 === 0 ? "D" : "B") : ".";
    case 2: // lemon
      return (u / 0.95) * (u / 0.95) + (v / 0.68) * (v / 0.68) <= 1 - Math.abs(u) * 0.15 ? "B" : ".";
    case 3: // pear
      if (Math.abs(u) < 0.06 && v > -1 && v < -0.6) return "K";
      return circle(0, 0.3, 0.62) || circle(0, -0.25, 0.38) ? "B" : ".";
    case 4: // blueberry
      if (circle(0, -0.45, 0.2) && !circle(0, -0.62, 0.1)) return "D";
      return circle(0, 0.05, 0.8) ? "B" : ".";
    case 5: // grapes
      if (Math.abs(u - 0.1) < 0.06 && v < -0.6 && v > -0.98) return "K";
      for (const [cx, cy] of [[-0.4, -0.3], [0.05, -0.35], [0.5, -0.3], [-0.2, 0.15], [0.28, 0.15], [0.04, 0.6]]) if (circle(cx, cy, 0.3)) return "B";
      return ".";
    default: // strawberry
      if (v < -0.5 && Math.abs(u) < 0.55 && (v < -0.75 || Math.abs(u) < 0.3 || (Math.round(u * 5) % 2 === 0))) return v > -0.95 ? "G" : ".";
      if (v >= -0.6 && v <= 0.92 && Math.abs(u) <= 0.88 - Math.max(0, v) * 0.9) return (Math.round(u * 6) + Math.round(v * 6)) % 3 === 0 && Math.abs(u) < 0.7 ? "H" : "B";
      return ".";
  }
}
// One piece as sprite rows: the silhouette mask first (so outline tests are lookups), then shading.
function pieceRows(style, k, s) {
  const mask = [];
  const uv = (i) => ((i + 0.5) / s) * 2 - 1;
  for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) {
    mask.push(style === "fruit" ? fruitPixel(k, uv(x), uv(y)) : inShape(k, uv(x), uv(y)) ? "B" : ".");
  }
  const inside = (x, y) => x >= 0 && y >= 0 && x < s && y < s && mask[y * s + x] !== ".";
  const out = [];
  for (let y = 0; y < s; y++) {
    let row = "";
    for (let x = 0; x < s; x++) {
      const m = mask[y * s + x], u = uv(x), v = uv(y);
      if (m === ".") { row += "."; continue; }
      const edge = !inside(x - 1, y) || !inside(x + 1, y) || !inside(x, y - 1) || !inside(x, y + 1);
      if (style === "fruit") {
        if (m !== "B") row += m;
        else if (edge) row += "O";
        else if ((u + 0.3) * (u + 0.3) + (v + 0.3) * (v + 0.3) < 0.04) row += "H";
        else row += u + v > 0.7 ? "D" : "B";
        continue;
      }
      if (edge) row += "O";
      else if (style === "shape") {
        const rim = !inside(Math.round(x + (s / 2 - x) * 0.17), Math.round(y + (s / 2 - y) * 0.17)) || !inShape(k, u * 1.2, v * 1.2);
        row += rim ? "D" : (u + 0.35) * (u + 0.35) + (v + 0.4) * (v + 0.4) < 0.03 ? "H" : "B";
      } else if (style === "candy") {
        if ((u + 0.32) * (u + 0.32) / 0.06 + (v + 0.42) * (v + 0.42) / 0.015 < 1) row += "H";
        else if (v > 0.45 && u + v > 0.6) row += "D";
        else row += ((((u - v) * 3.2) % 1) + 1) % 1 < 0.38 ? "L" : "B";
      } else {
        // gem: an inner table facet, lit upper-left and shaded lower-right, with a sparkle
        if ((u + 0.38) * (u + 0.38) + (v + 0.42) * (v + 0.42) < 0.012) row += "H";
        else if (inShape(k, u / 0.56, v / 0.56)) row += u + v < -0.1 ? "H" : "L";
        else row += u + v < 0 ? "B" : "D";
      }
    }
    out.push(row);
  }
  return out;
}
// Rows are cached across restarts (computing them is the slow part of setup); define is cheap.
const rowCache = {};
function defineSprites(ctx, prefix, s) {
  const colors = KIND_COLORS[P.style];
  for (let k = 0; k < kinds; k++) {
    const key = `${P.style}:${k}:${s}`;
    if (!rowCache[key]) rowCache[key] = pieceRows(P.style, k, s);
    const c = toRgb(colors[k]);
    ctx.sprite.define(prefix + k, rowCache[key], {
      B: rgb(c), L: rgb(mix(c, WHITE, 0.3)), H: rgb(mix(c, WHITE, 0.78)), D: rgb(mix(c, BLACK, 0.25)),
      O: rgb(mix(c, BLACK, 0.55)), K: "#6b4226", G: "#3fae4a",
    });
  }
  return s;
}

// ---------- setup ----------
let spr;
function setup(ctx) {
  const p = ctx.params || {};
  const pal = p.palette || {};
  P = {
    title: str(p.title, "Match Three", 60),
    theme: str(p.theme, "Line up three of a kind", 40),
    item: str(p.itemName, "", 20),
    style: oneOf(p.pieceStyle, ["auto", "gem", "candy", "fruit", "shape"], "auto"),
    cols: int(p.columns, 8, 5, 9),
    rows: int(p.rows, 8, 5, 9),
    kinds: int(p.kinds, 6, 4, 7),
    mode: oneOf(p.mode, ["moves", "time", "endless"], "moves"),
    moves: int(p.moves, 25, 5, 100),
    seconds: int(p.seconds, 90, 20, 600),
    target: int(p.targetScore, 2500, 100, 100000),
  };
  if (P.style === "auto") P.style = autoStyle(`${P.title} ${P.theme} ${P.item}`);
  if (!P.item) P.item = ctx.t({ gem: "gems", candy: "candies", fruit: "fruits", shape: "shapes" }[P.style]);
  if (P.theme === "Line up three of a kind") P.theme = ctx.t("Line up three of a kind");
  const bg = toRgb(hex(pal.background, "#1d1433")), text = toRgb(hex(pal.text, "#f5f3ff"));
  C = { bg, text, primary: toRgb(hex(pal.primary, "#7c5cff")), accent: toRgb(hex(pal.accent, "#ffd166")) };
  C.tray = mix(bg, C.primary, 0.22);
  C.cellA = mix(bg, C.primary, 0.32);
  C.cellB = mix(bg, C.primary, 0.26);
  C.panel = mix(bg, text, 0.08);
  C.muted = mix(text, bg, 0.42);
  cols = P.cols;
  rows = P.rows;
  kinds = P.kinds;
  cell = Math.floor(Math.min(330 / rows, 340 / cols));
  bw = cell * cols;
  bh = cell * rows;
  bx = 16 + Math.floor((340 - bw) / 2);
  by = Math.floor((H - bh) / 2);
  px = 380;
  pw = W - px - 16;
  spr = defineSprites(ctx, "m3-", Math.max(12, Math.min(48, cell - 6)));
  defineSprites(ctx, "m3s-", 22);

  grid = new Array(cols * rows).fill(null);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let k, guard = 0;
      do k = ctx.randInt(0, kinds - 1);
      while (guard++ < 20 && ((c >= 2 && at(r, c - 1).k === k && at(r, c - 2).k === k) || (r >= 2 && at(r - 1, c).k === k && at(r - 2, c).k === k)));
      // the opening board drops in column by column
      grid[r * cols + c] = { k, off: bh + 20 + c * 14 + (rows - r) * 4, vel: 0 };
    }
  }
  if (!findMove()) shuffle(ctx, false);
  state = "ready";
  stateT = 0;
  sel = -1;
  cursor = Math.floor(rows / 2) * cols + Math.floor(cols / 2);
  keyMode = false;
  drag = null;
  swapA = swapB = -1;
  swapBack = false;
  clearing = [];
  combo = 0;
  score = 0;
  movesLeft = P.moves;
  timeLeft = P.seconds;
  level = 1;
  target = P.target;
  best = ctx.store.get("match-three:best", 0);
  idleT = 0;
  hint = null;
  particles = [];
  popups = [];
  banner = null;
  endAt = -1;
  lastT = 0;
  ctx.score.set(0);
}

function at(r, c) { return grid[r * cols + c]; }
function kindAt(i) { return grid[i] ? grid[i].k : -1; }
function adjacent(a, b) {
  const ar = Math.floor(a / cols), ac = a % cols, br = Math.floor(b / cols), bc = b % cols;
  return Math.abs(ar - br) + Math.abs(ac - bc) === 1;
}
function cellAt(x, y) {
  if (x < bx || y < by || x >= bx + bw || y >= by + bh) return -1;
  return Math.floor((y - by) / cell) * cols + Math.floor((x - bx) / cell);
}

// Every run of 3+ equal pieces, as lists of cell indices.
function findRuns() {
  const runs = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; ) {
      const k = kindAt(r * cols + c);
      let e = c + 1;
      while (e < cols && k >= 0 && kindAt(r * cols + e) === k) e++;
      if (k >= 0 && e - c >= 3) { const run = []; for (let i = c; i < e; i++) run.push(r * cols + i); runs.push(run); }
      c = e;
    }
  }
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; ) {
      const k = kindAt(r * cols + c);
      let e = r + 1;
      while (e < rows && k >= 0 && kindAt(e * cols + c) === k) e++;
      if (k >= 0 && e - r >= 3) { const run = []; for (let i = r; i < e; i++) run.push(i * cols + c); runs.push(run); }
      r = e;
    }
  }
  return runs;
}
function swapCells(a, b) { const t = grid[a]; grid[a] = grid[b]; grid[b] = t; }
// A swap that would make a match, or null.
function findMove() {
  for (let i = 0; i < cols * rows; i++) {
    for (const j of [i + 1, i + cols]) {
      if (j >= cols * rows || (j === i + 1 && j % cols === 0)) continue;
      swapCells(i, j);
      const ok = findRuns().length > 0;
      swapCells(i, j);
      if (ok) return [i, j];
    }
  }
  return null;
}
function shuffle(ctx, announce) {
  for (let tries = 0; tries < 60; tries++) {
    const ks = grid.map((g) => g.k);
    ctx.shuffle(ks);
    ks.forEach((k, i) => { grid[i].k = k; });
    if (!findRuns().length && findMove()) break;
    if (tries > 40) grid.forEach((g) => { g.k = ctx.randInt(0, kinds - 1); });
  }
  if (announce) {
    banner = { text: ctx.t("No moves left - shuffling!"), t: 1.4 };
    grid.forEach((g, i) => { g.off = bh + (i % cols) * 10; g.vel = 0; });
    ctx.sound.effect("jump");
  }
}

function trySwap(ctx, a, b) {
  if (a < 0 || b < 0 || !adjacent(a, b) || state !== "idle") return;
  swapA = a;
  swapB = b;
  swapBack = false;
  swapCells(a, b);
  state = "swap";
  stateT = SWAP_TIME;
  sel = -1;
  hint = null;
  idleT = 0;
  ctx.sound.tone(420, 40, { type: "triangle", volume: 0.08 });
}

function startClear(ctx) {
  const runs = findRuns();
  if (!runs.length) return false;
  combo++;
  const seen = {};
  clearing = [];
  let gained = 0;
  for (const run of runs) {
    const bonus = run.length >= 5 ? 80 : run.length === 4 ? 30 : 0;
    const pts = (run.length * 10 + bonus) * combo;
    gained += pts;
    const mid = run[Math.floor(run.length / 2)];
    if (popups.length < 10) popups.push({ text: `+${pts}`, x: bx + (mid % cols + 0.5) * cell, y: by + (Math.floor(mid / cols) + 0.5) * cell, t: 0.9 });
    for (const i of run) if (!seen[i]) { seen[i] = true; clearing.push(i); }
  }
  score += gained;
  ctx.score.set(score);
  for (const i of clearing) {
    const k = grid[i].k, cx = bx + (i % cols + 0.5) * cell, cy = by + (Math.floor(i / cols) + 0.5) * cell;
    for (let n = 0; n < 3 && particles.length < MAX_PARTICLES; n++) {
      const a = ctx.random() * Math.PI * 2, s = 60 + ctx.random() * 140;
      particles.push({ x: cx, y: cy, vx: Math.cos(a) * s, vy: Math.sin(a) * s - 60, life: 0.6, col: toRgb(KIND_COLORS[P.style][k]), r: 2 + ctx.random() * 2.5 });
    }
  }
  if (combo >= 2) banner = { text: ctx.t(CHEERS[Math.min(5, combo)], { n: combo }), t: 1 };
  ctx.sound.tone(500 + combo * 90, 90, { type: "sine", volume: 0.14 });
  if (runs.some((r) => r.length >= 5)) ctx.sound.effect("coin");
  state = "clear";
  stateT = CLEAR_TIME;
  return true;
}

// Pieces fall into the holes; new ones drop in from above the board.
function collapse(ctx) {
  for (const i of clearing) grid[i] = null;
  clearing = [];
  for (let c = 0; c < cols; c++) {
    let dest = rows - 1;
    for (let r = rows - 1; r >= 0; r--) {
      const g = grid[r * cols + c];
      if (!g) continue;
      if (dest !== r) {
        grid[dest * cols + c] = g;
        grid[r * cols + c] = null;
        g.off += (dest - r) * cell;
      }
      dest--;
    }
    const empty = dest + 1;
    for (let r = dest; r >= 0; r--) grid[r * cols + c] = { k: ctx.randInt(0, kinds - 1), off: empty * cell + 8, vel: 0 };
  }
  state = "fall";
}

function settled() { return grid.every((g) => g.off <= 0); }

function afterSettle(ctx) {
  if (startClear(ctx)) return;
  combo = 0;
  state = "idle";
  hint = null;
  idleT = 0;
  if (score >= target) {
    if (P.mode === "endless") {
      while (score >= target) {
        level++;
        target += P.target;
      }
      banner = { text: ctx.t("Level {n}!", { n: level }), t: 1.4 };
      ctx.sound.effect("win");
      ctx.event("level", { level, score });
    } else return finish(ctx, true);
  }
  if ((P.mode === "moves" && movesLeft <= 0) || (P.mode === "time" && timeLeft <= 0)) return finish(ctx, false);
  if (!findMove()) shuffle(ctx, true);
}

function finish(ctx, won) {
  state = won ? "won" : "over";
  endAt = ctx.time;
  if (score > best) {
    best = score;
    ctx.store.set("match-three:best", best);
  }
  ctx.sound.effect(won ? "win" : "lose");
  const mv = { target, score, n: P.mode === "moves" ? movesLeft : Math.ceil(timeLeft) };
  const wonKey = P.mode !== "moves" ? "Target {target} reached with {n} s to spare! Score {score}." : movesLeft === 1 ? "Target {target} reached with {n} move to spare! Score {score}." : "Target {target} reached with {n} moves to spare! Score {score}.";
  ctx.gameOver({
    won,
    message: won ? ctx.t(wonKey, mv) : score >= target * 0.75 ? ctx.t("{score} of {target} points - so close! Try again!", mv) : ctx.t("{score} of {target} points. Try again!", mv),
  });
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  for (const g of grid) {
    if (g.off > 0) {
      g.vel += GRAVITY * dt;
      g.off = Math.max(0, g.off - g.vel * dt);
      if (g.off === 0) g.vel = 0;
    }
  }
  if (state === "over" || state === "won") return;
  if (state === "ready") {
    if (p.pressed || inp.pressed("action") || inp.pressed("left") || inp.pressed("right") || inp.pressed("up") || inp.pressed("down")) {
      state = "idle";
      ctx.sound.effect("click");
    }
    return;
  }
  if (P.mode === "time" && timeLeft > 0) {
    timeLeft = Math.max(0, timeLeft - dt);
    if (timeLeft === 0 && state === "idle") return afterSettle(ctx);
  }

  if (state === "swap") {
    stateT -= dt;
    if (stateT > 0) return;
    if (swapBack) { state = "idle"; return; }
    if (startClear(ctx)) {
      if (P.mode === "moves") movesLeft--;
      return;
    }
    // no match: swap back
    swapCells(swapA, swapB);
    swapBack = true;
    stateT = SWAP_TIME;
    ctx.sound.tone(160, 80, { type: "square", volume: 0.06 });
    return;
  }
  if (state === "clear") {
    stateT -= dt;
    if (stateT <= 0) collapse(ctx);
    return;
  }
  if (state === "fall") {
    if (settled()) afterSettle(ctx);
    return;
  }
  if (!settled()) return; // e.g. the opening drop-in
  if (P.mode === "time" && timeLeft <= 0) return afterSettle(ctx);

  // idle: input
  idleT += dt;
  if (idleT > HINT_AFTER && !hint) hint = findMove();
  const dirs = { left: -1, right: 1, up: -cols, down: cols };
  for (const d in dirs) {
    if (!inp.pressed(d)) continue;
    keyMode = true;
    const r = Math.floor(cursor / cols), c = cursor % cols;
    const ok = (d === "left" && c > 0) || (d === "right" && c < cols - 1) || (d === "up" && r > 0) || (d === "down" && r < rows - 1);
    if (!ok) continue;
    if (sel === cursor) trySwap(ctx, cursor, cursor + dirs[d]);
    else { cursor += dirs[d]; sel = -1; }
    return;
  }
  if (inp.pressed("action")) {
    keyMode = true;
    sel = sel === cursor ? -1 : cursor;
    ctx.sound.effect("click");
  }
  if (p.pressed) {
    keyMode = false;
    const i = cellAt(p.x, p.y);
    if (i < 0) sel = -1;
    else if (sel >= 0 && adjacent(sel, i)) return trySwap(ctx, sel, i);
    else {
      sel = i === sel ? -1 : i;
      cursor = i;
      drag = { i, x: p.x, y: p.y };
      ctx.sound.tone(660, 25, { type: "triangle", volume: 0.06 });
    }
  }
  if (drag && (p.down || p.released)) {
    const dx = p.x - drag.x, dy = p.y - drag.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) > cell * 0.45) {
      const i = drag.i, r = Math.floor(i / cols), c = i % cols;
      let j = -1;
      if (Math.abs(dx) > Math.abs(dy)) j = dx > 0 ? (c < cols - 1 ? i + 1 : -1) : c > 0 ? i - 1 : -1;
      else j = dy > 0 ? (r < rows - 1 ? i + cols : -1) : r > 0 ? i - cols : -1;
      drag = null;
      if (j >= 0) trySwap(ctx, i, j);
    }
  }
  if (!p.down) drag = null;
}

function stepFx(dt) {
  for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.vy += 500 * dt; q.life -= dt; }
  particles = particles.filter((q) => q.life > 0);
  for (const q of popups) { q.t -= dt; q.y -= 34 * dt; }
  popups = popups.filter((q) => q.t > 0);
  if (banner) { banner.t -= dt; if (banner.t <= 0) banner = null; }
}

// ---------- draw ----------
function overlayBox(ctx, title, lines, foot) {
  const w = 330, h = 74 + lines.length * 18 + 26, x = bx + bw / 2 - w / 2, y = H / 2 - h / 2;
  ctx.roundRect(x + 3, y + 4, w, h, 14, rgb(BLACK, 0.35));
  ctx.roundRect(x, y, w, h, 14, rgb(C.accent));
  ctx.roundRect(x + 2, y + 2, w - 4, h - 4, 12, rgb(mix(C.bg, C.text, 0.1)));
  label(ctx, title, x + w / 2, y + 28, w - 30, { size: 24, color: rgb(C.text), align: "center", bold: true });
  lines.forEach((l, i) => label(ctx, l, x + w / 2, y + 58 + i * 18, w - 24, { size: 13, color: rgb(i === 0 ? C.accent : C.muted), align: "center" }));
  if (foot) ctx.text(foot, x + w / 2, y + h - 20, { size: 14, color: rgb(C.text), align: "center", bold: true });
}

function draw(ctx) {
  const dt = Math.max(0, Math.min(0.1, ctx.time - lastT));
  lastT = ctx.time;
  stepFx(dt);
  const t = ctx.time, done = state === "over" || state === "won";
  if (done && t - endAt > 1 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) {
    ctx.restart();
    return;
  }
  ctx.clear(rgb(C.bg));
  for (let i = 0; i < 7; i++) ctx.circle(40 + i * 110, 340 - (i % 3) * 120, 30 + (i % 4) * 12, rgb(C.primary, 0.05));

  // tray with a checkerboard
  ctx.roundRect(bx - 8, by - 8, bw + 16, bh + 16, 14, rgb(C.tray));
  ctx.rect(bx, by, bw, bh, rgb(C.cellB));
  for (let r = 0; r < rows; r++) for (let c = (r % 2); c < cols; c += 2) ctx.rect(bx + c * cell, by + r * cell, cell, cell, rgb(C.cellA));
  const pad = Math.floor((cell - spr) / 2);
  if (sel >= 0) ctx.roundRect(bx + (sel % cols) * cell + 1, by + Math.floor(sel / cols) * cell + 1, cell - 2, cell - 2, 8, rgb(C.accent, 0.35 + 0.15 * Math.sin(t * 8)));
  if (hint && state === "idle") {
    const a = 0.25 + 0.25 * Math.sin(t * 6);
    for (const i of hint) ctx.strokeRect(bx + (i % cols) * cell + 3, by + Math.floor(i / cols) * cell + 3, cell - 6, cell - 6, rgb(WHITE, a), 2);
  }
  const swapF = state === "swap" ? Math.max(0, stateT / SWAP_TIME) : 0;
  for (let i = 0; i < cols * rows; i++) {
    const g = grid[i];
    if (!g) continue;
    let x = bx + (i % cols) * cell + pad, y = by + Math.floor(i / cols) * cell + pad - g.off;
    if (swapF > 0 && (i === swapA || i === swapB)) {
      // pieces already swapped in the grid: slide each from the other's cell
      const o = i === swapA ? swapB : swapA;
      x += ((o % cols) - (i % cols)) * cell * swapF;
      y += (Math.floor(o / cols) - Math.floor(i / cols)) * cell * swapF;
    }
    if (y < by - spr) continue;
    if (state === "clear" && clearing.indexOf(i) >= 0) {
      const f = 1 - stateT / CLEAR_TIME;
      if (f < 0.55) ctx.sprite.draw("m3-" + g.k, Math.round(x), Math.round(y), 1);
      ctx.circle(x + spr / 2, y + spr / 2, spr * (0.25 + f * 0.5), rgb(WHITE, 0.75 * (1 - f)));
      continue;
    }
    ctx.sprite.draw("m3-" + g.k, Math.round(x), Math.round(y), 1);
  }
  // cover pieces still dropping in above the tray
  ctx.rect(bx - 8, 0, bw + 16, by - 8, rgb(C.bg));
  if (keyMode && state !== "ready" && !done) {
    const cx = bx + (cursor % cols) * cell, cy = by + Math.floor(cursor / cols) * cell;
    ctx.strokeRect(cx + 1, cy + 1, cell - 2, cell - 2, rgb(sel === cursor ? C.accent : C.text), 3);
  }
  for (const q of particles) ctx.circle(q.x, q.y, q.r, rgb(q.col, Math.min(1, q.life * 2)));
  for (const q of popups) ctx.text(q.text, q.x, q.y, { size: 15, color: rgb(C.text, Math.min(1, q.t * 2.5)), align: "center", bold: true });
  if (banner) {
    const a = Math.min(1, banner.t * 3);
    ctx.roundRect(bx + bw / 2 - 120, by + bh / 2 - 22, 240, 44, 12, rgb(BLACK, 0.45 * a));
    label(ctx, banner.text, bx + bw / 2, by + bh / 2, 224, { size: 22, color: rgb(C.accent, a), align: "center", bold: true });
  }

  // side panel
  label(ctx, P.title, px, 30, pw, { size: 22, color: rgb(C.text), bold: true });
  label(ctx, P.theme, px, 52, pw, { size: 12, color: rgb(C.muted) });
  ctx.roundRect(px, 70, pw, 70, 10, rgb(C.panel));
  ctx.text(ctx.t("SCORE"), px + 12, 84, { size: 10, color: rgb(C.muted), bold: true });
  label(ctx, String(score), px + 12, 108, pw / 2, { size: 24, color: rgb(C.accent), bold: true });
  label(ctx, P.mode === "endless" ? ctx.t("Level {n}  goal {target}", { n: level, target }) : ctx.t("Target {target}", { target }), px + pw - 12, 84, pw / 2, { size: 11, color: rgb(C.muted), align: "right" });
  const f = Math.min(1, score / target);
  ctx.roundRect(px + 12, 122, pw - 24, 8, 4, rgb(mix(C.panel, BLACK, 0.3)));
  if (f > 0.02) ctx.roundRect(px + 12, 122, (pw - 24) * f, 8, 4, rgb(f >= 1 ? C.accent : C.primary));
  const half = (pw - 8) / 2;
  const lim = P.mode === "moves" ? [ctx.t("MOVES"), String(movesLeft)] : P.mode === "time" ? [ctx.t("TIME"), fmtTime(timeLeft)] : [ctx.t("MODE"), ctx.t("Relax")];
  const low = (P.mode === "moves" && movesLeft <= 3) || (P.mode === "time" && timeLeft <= 10);
  ctx.roundRect(px, 148, half, 50, 10, rgb(C.panel));
  ctx.text(lim[0], px + 12, 162, { size: 10, color: rgb(C.muted), bold: true });
  ctx.text(lim[1], px + 12, 184, { size: 20, color: rgb(low ? C.accent : C.text), bold: true });
  ctx.roundRect(px + half + 8, 148, half, 50, 10, rgb(C.panel));
  ctx.text(ctx.t("BEST"), px + half + 20, 162, { size: 10, color: rgb(C.muted), bold: true });
  label(ctx, String(Math.max(best, score)), px + half + 20, 184, half - 20, { size: 20, color: rgb(C.text), bold: true });
  // the pieces in play
  const gap = Math.min(34, (pw - 4) / kinds);
  for (let k = 0; k < kinds; k++) ctx.sprite.draw("m3s-" + k, Math.round(px + k * gap), 212, 1);
  const help = [ctx.t("Swap neighbours to line up 3+ {item}.", { item: P.item }), ctx.t("Tap one, then the next - or drag it."), ctx.t("Keys: arrows move, Space picks up.")];
  help.forEach((l, i) => label(ctx, l, px, 262 + i * 17, pw, { size: 12, color: rgb(C.muted) }));
  label(ctx, ctx.t("Chains score double, triple..."), px, 318, pw, { size: 12, color: rgb(C.muted) });

  if (state === "ready") {
    const goal = P.mode === "moves" ? ctx.t("Score {target} in {n} moves", { target: P.target, n: P.moves }) : P.mode === "time" ? ctx.t("Score {target} in {time}", { target: P.target, time: fmtTime(P.seconds) }) : ctx.t("No limits - just relax");
    overlayBox(ctx, P.title, [goal, ctx.t("Line up 3 or more {item} to clear them", { item: P.item }), ctx.t("Tap one then a neighbour, or drag")], ctx.t("Press Space or tap to start"));
  } else if (done && t - endAt > 0.5) {
    const won = state === "won";
    const blink = t - endAt < 1 || Math.floor((t - endAt) * 2) % 2 === 0;
    overlayBox(ctx, won ? ctx.t("Target reached!") : P.mode === "time" ? ctx.t("Time's up!") : ctx.t("Out of moves!"), [ctx.t("Score {score}  (target {target})", { score, target }), score >= best && score > 0 ? ctx.t("New best score!") : ctx.t("Best {n}", { n: best })], blink ? ctx.t("Space or tap to play again") : " ");
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {item} is the itemName parameter (a plural noun in the game's language) or the default for the style.
const STRINGS = {
  es: {
    "Nice! x{n}": "¡Bien! x{n}",
    "Great! x{n}": "¡Genial! x{n}",
    "Amazing! x{n}": "¡Increíble! x{n}",
    "Incredible! x{n}": "¡Espectacular! x{n}",
    "No moves left - shuffling!": "Sin jugadas: ¡mezclando!",
    "Level {n}!": "¡Nivel {n}!",
    "Target {target} reached with {n} move to spare! Score {score}.": "¡Objetivo {target} logrado con {n} movimiento de sobra! Puntos {score}.",
    "Target {target} reached with {n} moves to spare! Score {score}.": "¡Objetivo {target} logrado con {n} movimientos de sobra! Puntos {score}.",
    "Target {target} reached with {n} s to spare! Score {score}.": "¡Objetivo {target} logrado con {n} s de sobra! Puntos {score}.",
    "{score} of {target} points - so close! Try again!": "{score} de {target} puntos: ¡casi! ¡Inténtalo de nuevo!",
    "{score} of {target} points. Try again!": "{score} de {target} puntos. ¡Inténtalo de nuevo!",
    "gems": "gemas",
    "candies": "caramelos",
    "fruits": "frutas",
    "shapes": "figuras",
    "Line up three of a kind": "Alinea tres iguales",
    "SCORE": "PUNTOS",
    "Level {n}  goal {target}": "Nivel {n}  meta {target}",
    "Target {target}": "Meta {target}",
    "MOVES": "JUGADAS",
    "TIME": "TIEMPO",
    "MODE": "MODO",
    "Relax": "Libre",
    "BEST": "RÉCORD",
    "Swap neighbours to line up 3+ {item}.": "Cambia piezas vecinas: alinea 3+ {item}.",
    "Tap one, then the next - or drag it.": "Toca una pieza y luego otra, o arrástrala.",
    "Keys: arrows move, Space picks up.": "Teclado: flechas mueven, Espacio elige.",
    "Chains score double, triple...": "Las cadenas puntúan doble, triple...",
    "Score {target} in {n} moves": "Consigue {target} puntos en {n} jugadas",
    "Score {target} in {time}": "Consigue {target} puntos en {time}",
    "No limits - just relax": "Sin límites: solo relájate",
    "Line up 3 or more {item} to clear them": "Alinea 3 o más {item} y desaparecen",
    "Tap one then a neighbour, or drag": "Toca una y luego su vecina, o arrastra",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Target reached!": "¡Objetivo logrado!",
    "Time's up!": "¡Se acabó el tiempo!",
    "Out of moves!": "¡Sin jugadas!",
    "Score {score}  (target {target})": "Puntos {score}  (meta {target})",
    "New best score!": "¡Nuevo récord!",
    "Best {n}": "Récord {n}",
    "Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "Nice! x{n}": "Bien ! x{n}",
    "Great! x{n}": "Super ! x{n}",
    "Amazing! x{n}": "Génial ! x{n}",
    "Incredible! x{n}": "Incroyable ! x{n}",
    "No moves left - shuffling!": "Plus de coups : on mélange !",
    "Level {n}!": "Niveau {n} !",
    "Target {target} reached with {n} move to spare! Score {score}.": "Objectif {target} atteint avec {n} coup d'avance ! Score {score}.",
    "Target {target} reached with {n} moves to spare! Score {score}.": "Objectif {target} atteint avec {n} coups d'avance ! Score {score}.",
    "Target {target} reached with {n} s to spare! Score {score}.": "Objectif {target} atteint avec {n} s d'avance ! Score {score}.",
    "{score} of {target} points - so close! Try again!": "{score} points sur {target} : presque ! Réessaie !",
    "{score} of {target} points. Try again!": "{score} points sur {target}. Réessaie !",
    "gems": "gemmes",
    "candies": "bonbons",
    "fruits": "fruits",
    "shapes": "formes",
    "Line up three of a kind": "Aligne trois pièces identiques",
    "SCORE": "SCORE",
    "Level {n}  goal {target}": "Niveau {n}  objectif {target}",
    "Target {target}": "Objectif {target}",
    "MOVES": "COUPS",
    "TIME": "TEMPS",
    "MODE": "MODE",
    "Relax": "Libre",
    "BEST": "RECORD",
    "Swap neighbours to line up 3+ {item}.": "Échange des voisins pour aligner 3+ {item}.",
    "Tap one, then the next - or drag it.": "Touche une pièce puis la voisine ou glisse.",
    "Keys: arrows move, Space picks up.": "Clavier : flèches bougent, Espace prend.",
    "Chains score double, triple...": "Les chaînes comptent double, triple...",
    "Score {target} in {n} moves": "Marque {target} points en {n} coups",
    "Score {target} in {time}": "Marque {target} points en {time}",
    "No limits - just relax": "Sans limites, détends-toi",
    "Line up 3 or more {item} to clear them": "Aligne 3 {item} ou plus pour les effacer",
    "Tap one then a neighbour, or drag": "Touche une pièce puis sa voisine, ou glisse",
    "Press Space or tap to start": "Espace ou touche pour commencer",
    "Target reached!": "Objectif atteint !",
    "Time's up!": "Temps écoulé !",
    "Out of moves!": "Plus de coups !",
    "Score {score}  (target {target})": "Score {score}  (objectif {target})",
    "New best score!": "Nouveau record !",
    "Best {n}": "Record {n}",
    "Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "Nice! x{n}": "Schön! x{n}",
    "Great! x{n}": "Super! x{n}",
    "Amazing! x{n}": "Klasse! x{n}",
    "Incredible! x{n}": "Unglaublich! x{n}",
    "No moves left - shuffling!": "Keine Züge mehr - neu mischen!",
    "Level {n}!": "Level {n}!",
    "Target {target} reached with {n} move to spare! Score {score}.": "Ziel {target} erreicht, {n} Zug übrig! Punkte {score}.",
    "Target {target} reached with {n} moves to spare! Score {score}.": "Ziel {target} erreicht, {n} Züge übrig! Punkte {score}.",
    "Target {target} reached with {n} s to spare! Score {score}.": "Ziel {target} erreicht, {n} s übrig! Punkte {score}.",
    "{score} of {target} points - so close! Try again!": "{score} von {target} Punkten - knapp! Versuch's nochmal!",
    "{score} of {target} points. Try again!": "{score} von {target} Punkten. Versuch's nochmal!",
    "gems": "Edelsteine",
    "candies": "Bonbons",
    "fruits": "Früchte",
    "shapes": "Formen",
    "Line up three of a kind": "Drei Gleiche in eine Reihe",
    "SCORE": "PUNKTE",
    "Level {n}  goal {target}": "Level {n}  Ziel {target}",
    "Target {target}": "Ziel {target}",
    "MOVES": "ZÜGE",
    "TIME": "ZEIT",
    "MODE": "MODUS",
    "Relax": "Frei",
    "BEST": "REKORD",
    "Swap neighbours to line up 3+ {item}.": "Tausche Nachbarn, um 3+ {item} zu reihen.",
    "Tap one, then the next - or drag it.": "Tippe eins, dann das nächste - oder ziehe.",
    "Keys: arrows move, Space picks up.": "Tasten: Pfeile bewegen, Leertaste wählt.",
    "Chains score double, triple...": "Ketten zählen doppelt, dreifach ...",
    "Score {target} in {n} moves": "Hol {target} Punkte in {n} Zügen",
    "Score {target} in {time}": "Hol {target} Punkte in {time}",
    "No limits - just relax": "Keine Limits - einfach entspannen",
    "Line up 3 or more {item} to clear them": "Reihe 3 oder mehr {item} auf, um sie zu löschen",
    "Tap one then a neighbour, or drag": "Tippe eins, dann ein Nachbarfeld, oder ziehe",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Target reached!": "Ziel erreicht!",
    "Time's up!": "Zeit um!",
    "Out of moves!": "Keine Züge mehr!",
    "Score {score}  (target {target})": "Punkte {score}  (Ziel {target})",
    "New best score!": "Neuer Rekord!",
    "Best {n}": "Rekord {n}",
    "Space or tap to play again": "Leertaste oder tippen: neues Spiel",
  },
  pt: {
    "Nice! x{n}": "Boa! x{n}",
    "Great! x{n}": "Ótimo! x{n}",
    "Amazing! x{n}": "Incrível! x{n}",
    "Incredible! x{n}": "Sensacional! x{n}",
    "No moves left - shuffling!": "Sem jogadas: embaralhando!",
    "Level {n}!": "Nível {n}!",
    "Target {target} reached with {n} move to spare! Score {score}.": "Meta {target} alcançada com {n} jogada de sobra! Pontos {score}.",
    "Target {target} reached with {n} moves to spare! Score {score}.": "Meta {target} alcançada com {n} jogadas de sobra! Pontos {score}.",
    "Target {target} reached with {n} s to spare! Score {score}.": "Meta {target} alcançada com {n} s de sobra! Pontos {score}.",
    "{score} of {target} points - so close! Try again!": "{score} de {target} pontos - quase! Tente de novo!",
    "{score} of {target} points. Try again!": "{score} de {target} pontos. Tente de novo!",
    "gems": "gemas",
    "candies": "doces",
    "fruits": "frutas",
    "shapes": "formas",
    "Line up three of a kind": "Alinhe três iguais",
    "SCORE": "PONTOS",
    "Level {n}  goal {target}": "Nível {n}  meta {target}",
    "Target {target}": "Meta {target}",
    "MOVES": "JOGADAS",
    "TIME": "TEMPO",
    "MODE": "MODO",
    "Relax": "Livre",
    "BEST": "RECORDE",
    "Swap neighbours to line up 3+ {item}.": "Troque vizinhos para alinhar 3+ {item}.",
    "Tap one, then the next - or drag it.": "Toque numa peça e na vizinha, ou arraste.",
    "Keys: arrows move, Space picks up.": "Teclado: setas movem, Espaço seleciona.",
    "Chains score double, triple...": "Combos valem o dobro, o triplo...",
    "Score {target} in {n} moves": "Faça {target} pontos em {n} jogadas",
    "Score {target} in {time}": "Faça {target} pontos em {time}",
    "No limits - just relax": "Sem limites - só relaxe",
    "Line up 3 or more {item} to clear them": "Alinhe 3 ou mais {item} para limpar",
    "Tap one then a neighbour, or drag": "Toque numa peça e depois na vizinha, ou arraste",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Target reached!": "Meta alcançada!",
    "Time's up!": "Acabou o tempo!",
    "Out of moves!": "Sem jogadas!",
    "Score {score}  (target {target})": "Pontos {score}  (meta {target})",
    "New best score!": "Novo recorde!",
    "Best {n}": "Recorde {n}",
    "Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
