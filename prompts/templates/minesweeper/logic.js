// Minesweeper: aimini template "minesweeper" (runtime aimini-runtime/1).
// Uncover every safe cell without hitting a hidden mine; a number tells how many of the eight
// neighbours hide one. The first dig is always safe (mines are laid after it, away from it), empty
// areas open by themselves, flags mark suspected mines, and tapping a number whose flags are all
// placed opens the rest of its neighbours ("chording"). Pointer/touch: tap to dig, long-press to
// flag, or switch the Dig/Flag toggle. Keys: arrows move, Space digs, F flags.

const W = 640;
const H = 360;
const LONG_PRESS = 0.4;
const MAX_PARTICLES = 70;
const NUM_DARK = ["", "#1d4ed8", "#15803d", "#dc2626", "#6d28d9", "#b45309", "#0f766e", "#111827", "#6b7280"];
const NUM_LIGHT = ["", "#60a5fa", "#4ade80", "#f87171", "#c084fc", "#fb923c", "#2dd4bf", "#f472b6", "#e5e7eb"];

let P, C, cols, rows, total, mineCount, cell, bx, by, bw, bh, px, pw, numCols, digBtn, flagBtn;
let mine, isOpen, flag, adj, revealAt, laid, state, elapsed, flagMode, cursor, keyMode, press, boomAt;
let openCount, score, best, particles, shake, endAt, lastT;

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

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
// The Dig/Flag button labels have about 5 letters of room.
const STRINGS = {
  es: {
    "Clear the field, flag the mines": "Despeja el campo, marca las minas",
    "mines": "minas",
    "bombs": "bombas",
    "bugs": "bichos",
    "ghosts": "fantasmas",
    "flowers": "flores",
    "Boom! You hit one of the {mines} after clearing {n} of {total} safe cells.": "¡Bum! Te topaste con {mines} tras despejar {n} de {total} casillas seguras.",
    "All {mines} found in {time}! New best time.": "¡Lo encontraste todo ({mines}) en {time}! Nuevo mejor tiempo.",
    "All {mines} found in {time}!": "¡Lo encontraste todo ({mines}) en {time}!",
    "LEFT": "QUEDAN",
    "TIME": "TIEMPO",
    "Best time: -": "Mejor tiempo: -",
    "Best time: {time}": "Mejor tiempo: {time}",
    "Dig": "Abre",
    "Flag": "Marca",
    "Tap: dig   Long-press: flag": "Toca: abre   Mantén: marca",
    "Tap a number to open the rest": "Toca un número: abre vecinas",
    "Keys: arrows, Space dig, F flag": "Flechas, Espacio, F marca",
    "Find every safe cell - avoid the {mines}!": "¡Encuentra cada casilla segura y evita {mines}!",
    "Numbers count the {mines} next to a cell.": "Cada número cuenta {mines} en las casillas vecinas.",
    "Long-press or Flag mode to mark them.": "Mantén pulsado o usa Marca para señalar.",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Field cleared!": "¡Campo despejado!",
    "Boom!": "¡Bum!",
    "Time {time}   Score {score}": "Tiempo {time}   Puntos {score}",
    "Cleared {n} of {total} safe cells": "Despejaste {n} de {total} casillas seguras",
    "Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "Clear the field, flag the mines": "Dégage le terrain, marque les mines",
    "mines": "mines",
    "bombs": "bombes",
    "bugs": "insectes",
    "ghosts": "fantômes",
    "flowers": "fleurs",
    "Boom! You hit one of the {mines} after clearing {n} of {total} safe cells.": "Boum ! Tu as touché les {mines} après avoir dégagé {n} cases sûres sur {total}.",
    "All {mines} found in {time}! New best time.": "Tu as trouvé les {mines} en {time} ! Nouveau record de temps.",
    "All {mines} found in {time}!": "Tu as trouvé les {mines} en {time} !",
    "LEFT": "RESTE",
    "TIME": "TEMPS",
    "Best time: -": "Meilleur temps : -",
    "Best time: {time}": "Meilleur temps : {time}",
    "Dig": "Ouvre",
    "Flag": "Pose",
    "Tap: dig   Long-press: flag": "Touche : ouvre  Long : pose",
    "Tap a number to open the rest": "Chiffre touché ouvre autour",
    "Keys: arrows, Space dig, F flag": "Flèches, Espace, F pose",
    "Find every safe cell - avoid the {mines}!": "Trouve toutes les cases sûres, évite les {mines} !",
    "Numbers count the {mines} next to a cell.": "Les chiffres comptent les {mines} autour d'une case.",
    "Long-press or Flag mode to mark them.": "Appui long ou bouton Pose pour les marquer.",
    "Press Space or tap to start": "Espace ou touche pour commencer",
    "Field cleared!": "Terrain déminé !",
    "Boom!": "Boum !",
    "Time {time}   Score {score}": "Temps {time}   Score {score}",
    "Cleared {n} of {total} safe cells": "{n} cases sûres dégagées sur {total}",
    "Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "Clear the field, flag the mines": "Räum das Feld, markier die Minen",
    "mines": "Minen",
    "bombs": "Bomben",
    "bugs": "Käfer",
    "ghosts": "Geister",
    "flowers": "Blumen",
    "Boom! You hit one of the {mines} after clearing {n} of {total} safe cells.": "Bumm! Du bist auf {mines} gestoßen, nach {n} von {total} sicheren Feldern.",
    "All {mines} found in {time}! New best time.": "Alle {mines} in {time} gefunden! Neue Bestzeit.",
    "All {mines} found in {time}!": "Alle {mines} in {time} gefunden!",
    "LEFT": "ÜBRIG",
    "TIME": "ZEIT",
    "Best time: -": "Bestzeit: -",
    "Best time: {time}": "Bestzeit: {time}",
    "Dig": "Öffne",
    "Flag": "Fahne",
    "Tap: dig   Long-press: flag": "Tippen: öffnen   Lang: Fahne",
    "Tap a number to open the rest": "Zahl antippen: Rest öffnen",
    "Keys: arrows, Space dig, F flag": "Pfeile, Leertaste, F = Fahne",
    "Find every safe cell - avoid the {mines}!": "Finde alle sicheren Felder – meide die {mines}!",
    "Numbers count the {mines} next to a cell.": "Zahlen zeigen die {mines} rund um ein Feld.",
    "Long-press or Flag mode to mark them.": "Lang drücken oder „Fahne“ zum Markieren.",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Field cleared!": "Feld geräumt!",
    "Boom!": "Bumm!",
    "Time {time}   Score {score}": "Zeit {time}   Punkte {score}",
    "Cleared {n} of {total} safe cells": "{n} von {total} sicheren Feldern geöffnet",
    "Space or tap to play again": "Leertaste oder tippen: neue Runde",
  },
  pt: {
    "Clear the field, flag the mines": "Limpe o campo, marque as minas",
    "mines": "minas",
    "bombs": "bombas",
    "bugs": "insetos",
    "ghosts": "fantasmas",
    "flowers": "flores",
    "Boom! You hit one of the {mines} after clearing {n} of {total} safe cells.": "Bum! Você esbarrou em {mines} depois de abrir {n} de {total} casas seguras.",
    "All {mines} found in {time}! New best time.": "Você achou tudo ({mines}) em {time}! Novo recorde de tempo.",
    "All {mines} found in {time}!": "Você achou tudo ({mines}) em {time}!",
    "LEFT": "RESTAM",
    "TIME": "TEMPO",
    "Best time: -": "Melhor tempo: -",
    "Best time: {time}": "Melhor tempo: {time}",
    "Dig": "Abre",
    "Flag": "Marca",
    "Tap: dig   Long-press: flag": "Toque: abre   Segure: marca",
    "Tap a number to open the rest": "Número tocado abre o resto",
    "Keys: arrows, Space dig, F flag": "Setas, Espaço abre, F marca",
    "Find every safe cell - avoid the {mines}!": "Ache todas as casas seguras e evite {mines}!",
    "Numbers count the {mines} next to a cell.": "Cada número conta {mines} nas casas vizinhas.",
    "Long-press or Flag mode to mark them.": "Segure ou use o modo Marca para sinalizar.",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Field cleared!": "Campo limpo!",
    "Boom!": "Bum!",
    "Time {time}   Score {score}": "Tempo {time}   Pontos {score}",
    "Cleared {n} of {total} safe cells": "Você abriu {n} de {total} casas seguras",
    "Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function fitSize(ctx, s, want, maxW) {
  const w = ctx.measureText(s, want);
  return w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
}
// Text that fits maxW: shrinks down to 10 px, then cuts with an ellipsis (bold gets 12% slack, as
// measureText measures the regular face).
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
function inRect(x, y, r) { return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h; }
function fmtTime(s) {
  const t = Math.max(0, Math.floor(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
}

// "auto" picture: read from the words of the title, theme and mine name (which follow the prompt).
function autoStyle(words) {
  const w = words.toLowerCase();
  if (/ghost|spook|haunt|halloween|phantom|spirit|\bboo\b|zombie|pumpkin/.test(w)) return "ghost";
  if (/bug|insect|beetle|ladybug|\bants?\b|spider|garden pest|\bbees?\b/.test(w)) return "bug";
  if (/flower|garden|petal|daisy|rose|tulip|bloom|spring|meadow/.test(w)) return "flower";
  if (/bomb|dynamite|explosive|tnt|cartoon/.test(w)) return "bomb";
  return "mine";
}

// ---------- sprites, computed from shapes at the cell size ----------
// The hidden thing, in [-1,1]^2 (y down): "B" body, "L" shine, "A" accent, "K" dark, "W" white, "." none.
function mineShape(style, u, v) {
  const r = Math.hypot(u, v), a = Math.atan2(v, u);
  switch (style) {
    case "bomb":
      if (u > 0.1 && u < 0.62 && Math.abs(v + u * 0.9 + 0.2) < 0.09 && v < -0.3) return "K";
      if (Math.hypot(u - 0.62, v + 0.82) < 0.17) return "A";
      if (Math.hypot(u - 0.38, v + 0.5) < 0.16) return "K";
      if (Math.hypot(u + 0.08, v - 0.15) < 0.66) return Math.hypot(u + 0.3, v + 0.1) < 0.16 ? "L" : "B";
      return ".";
    case "bug":
      if (Math.hypot(u, v + 0.55) < 0.27) return Math.abs(u) > 0.08 && Math.abs(u) < 0.2 && v < -0.55 ? "W" : "K";
      if ((u / 0.55) * (u / 0.55) + ((v - 0.18) / 0.66) * ((v - 0.18) / 0.66) < 1) return Math.abs(u) < 0.04 ? "K" : Math.hypot(Math.abs(u) - 0.25, v - 0.1) < 0.11 || Math.hypot(Math.abs(u) - 0.22, v - 0.5) < 0.1 ? "K" : "B";
      for (const y0 of [-0.1, 0.2, 0.5]) if (Math.abs(v - y0 - (Math.abs(u) - 0.5) * 0.5) < 0.06 && Math.abs(u) > 0.45 && Math.abs(u) < 0.85) return "K";
      return ".";
    case "ghost": {
      const body = (v < 0 && Math.hypot(u, v) < 0.68) || (v >= 0 && v < 0.62 + 0.12 * Math.sin(u * 11) && Math.abs(u) < 0.68);
      if (!body) return ".";
      if (Math.hypot(Math.abs(u) - 0.24, v + 0.12) < 0.13) return "K";
      return Math.hypot(u + 0.3, v + 0.4) < 0.12 ? "L" : "W";
    }
    case "flower":
      if (r < 0.26) return Math.hypot(u + 0.08, v + 0.08) < 0.08 ? "L" : "A";
      if (r < 0.85 && Math.cos(a * 5) > 0.35 - r * 0.5) return "B";
      return ".";
    default: // mine: a spiked ball
      if (r < 0.55) return Math.hypot(u + 0.2, v + 0.2) < 0.15 ? "W" : "K";
      if (r < 0.9 && (Math.abs(Math.sin(a * 4)) < 0.2 || Math.abs(u) < 0.07 || Math.abs(v) < 0.07)) return "K";
      return ".";
  }
}
function rowsOf(s, fn) {
  const out = [];
  for (let y = 0; y < s; y++) {
    let row = "";
    for (let x = 0; x < s; x++) row += fn(x, y);
    out.push(row);
  }
  return out;
}
// Covered tile: a raised square (light top-left edge, dark bottom-right edge).
function tilePixel(x, y, s) {
  const b = Math.max(2, Math.round(s / 9)), e = s - 1;
  if (x === e || y === e) return "D";
  if (x < b || y < b) return x + y < e ? "L" : "D";
  if (x > e - b || y > e - b) return "D";
  return "T";
}
function flagPixel(x, y, s) {
  const u = ((x + 0.5) / s) * 2 - 1, v = ((y + 0.5) / s) * 2 - 1;
  if (v > 0.42 && v < 0.6 && Math.abs(u) < 0.42) return "K";
  if (u > -0.12 && u < 0.02 && v > -0.6 && v <= 0.45) return "K";
  if (u <= 0.02 && u > -0.62 && v > -0.62 && v < 0.08 && Math.abs(v + 0.27) < (u + 0.62) * 0.62) return "A";
  return null;
}
function defineSprites(ctx) {
  const s = cell, m = Math.max(8, Math.round(s * 0.7)), o = Math.floor((s - m) / 2);
  const pal = {
    T: rgb(C.tile), L: rgb(mix(C.tile, WHITE, 0.35)), D: rgb(mix(C.tile, BLACK, 0.3)),
    K: rgb(C.ink), A: rgb(C.accent), B: rgb(C.mineCol), W: rgb(mix(C.mineCol, WHITE, 0.8)),
  };
  ctx.sprite.define("ms-tile", rowsOf(s, (x, y) => tilePixel(x, y, s)), pal);
  ctx.sprite.define("ms-flag", rowsOf(s, (x, y) => flagPixel(x, y, s) || tilePixel(x, y, s)), pal);
  const thing = (x, y) => {
    const u = ((x - o + 0.5) / m) * 2 - 1, v = ((y - o + 0.5) / m) * 2 - 1;
    if (u < -1 || u > 1 || v < -1 || v > 1) return ".";
    const c = mineShape(P.mineStyle, u, v);
    return c === "L" ? "W" : c;
  };
  ctx.sprite.define("ms-mine", rowsOf(s, thing), pal);
  ctx.sprite.define("ms-icon", rowsOf(16, (x, y) => {
    const c = mineShape(P.mineStyle, ((x + 0.5) / 16) * 2 - 1, ((y + 0.5) / 16) * 2 - 1);
    return c === "L" ? "W" : c;
  }), pal);
  ctx.sprite.define("ms-ticon", rowsOf(22, (x, y) => tilePixel(x, y, 22)), pal);
  ctx.sprite.define("ms-ficon", rowsOf(22, (x, y) => flagPixel(x, y, 22) || "."), pal);
}

// ---------- setup ----------
function setup(ctx) {
  const p = ctx.params || {};
  const pal = p.palette || {};
  P = {
    title: str(p.title, "Minesweeper", 60),
    theme: str(p.theme, "Clear the field, flag the mines", 40),
    mineName: str(p.mineName, "", 20),
    mineStyle: oneOf(p.mineStyle, ["auto", "mine", "bomb", "bug", "ghost", "flower"], "auto"),
  };
  if (P.mineStyle === "auto") P.mineStyle = autoStyle(`${P.title} ${P.theme} ${P.mineName}`);
  if (!P.mineName) P.mineName = ctx.t({ mine: "mines", bomb: "bombs", bug: "bugs", ghost: "ghosts", flower: "flowers" }[P.mineStyle]);
  if (!str(p.theme, "", 40)) P.theme = ctx.t(P.theme); // the default theme line, in the player's language
  cols = int(p.columns, 9, 5, 18);
  rows = int(p.rows, 9, 5, 12);
  total = cols * rows;
  // The first dig and its eight neighbours never hold a mine, so at most cells - 10 mines fit.
  mineCount = int(p.mines, 10, 1, total - 10);
  const bg = toRgb(hex(pal.background, "#1e293b")), text = toRgb(hex(pal.text, "#f1f5f9"));
  C = { bg, text, primary: toRgb(hex(pal.primary, "#64748b")), accent: toRgb(hex(pal.accent, "#f43f5e")) };
  C.tile = C.primary;
  C.open = lum(bg) > 0.5 ? mix(bg, BLACK, 0.08) : mix(bg, text, 0.1);
  C.grid = mix(C.open, lum(C.open) > 0.5 ? BLACK : WHITE, 0.12);
  C.panel = mix(bg, text, 0.08);
  C.muted = mix(text, bg, 0.42);
  C.ink = lum(C.open) > 0.5 ? [30, 30, 40] : [20, 20, 28];
  C.mineCol = P.mineStyle === "flower" ? mix(C.accent, WHITE, 0.3) : P.mineStyle === "bug" ? [220, 60, 60] : P.mineStyle === "ghost" ? [235, 235, 245] : [40, 40, 48];
  if (P.mineStyle === "mine" || P.mineStyle === "bomb") C.ink = [25, 25, 32];
  numCols = (lum(C.open) > 0.5 ? NUM_DARK : NUM_LIGHT).map((h) => h);

  cell = Math.floor(Math.min(330 / rows, 430 / cols, 40));
  bw = cell * cols;
  bh = cell * rows;
  bx = 16 + Math.floor((430 - bw) / 2);
  by = Math.floor((H - bh) / 2);
  px = 470;
  pw = W - px - 14;
  defineSprites(ctx);
  digBtn = { x: px, y: 184, w: (pw - 6) / 2, h: 46 };
  flagBtn = { x: px + (pw + 6) / 2, y: 184, w: (pw - 6) / 2, h: 46 };

  mine = new Array(total).fill(false);
  isOpen = new Array(total).fill(false);
  flag = new Array(total).fill(false);
  adj = new Array(total).fill(0);
  revealAt = new Array(total).fill(0);
  laid = false;
  state = "ready";
  elapsed = 0;
  flagMode = false;
  cursor = Math.floor(rows / 2) * cols + Math.floor(cols / 2);
  keyMode = false;
  press = null;
  boomAt = -1;
  openCount = 0;
  score = 0;
  best = ctx.store.get(`minesweeper:best:${cols}x${rows}:${mineCount}`, null);
  particles = [];
  shake = 0;
  endAt = -1;
  lastT = 0;
  ctx.score.set(0);
}

function neighbours(i) {
  const r = Math.floor(i / cols), c = i % cols, out = [];
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      if ((dr || dc) && r + dr >= 0 && r + dr < rows && c + dc >= 0 && c + dc < cols) out.push((r + dr) * cols + c + dc);
    }
  }
  return out;
}
function cellAt(x, y) {
  if (x < bx || y < by || x >= bx + bw || y >= by + bh) return -1;
  return Math.floor((y - by) / cell) * cols + Math.floor((x - bx) / cell);
}

// Mines go down on the first dig, never on that cell or its neighbours.
function layMines(ctx, first) {
  const banned = {};
  banned[first] = true;
  for (const j of neighbours(first)) banned[j] = true;
  const spots = [];
  for (let i = 0; i < total; i++) if (!banned[i]) spots.push(i);
  ctx.shuffle(spots);
  for (let k = 0; k < mineCount && k < spots.length; k++) mine[spots[k]] = true;
  for (let i = 0; i < total; i++) adj[i] = neighbours(i).filter((j) => mine[j]).length;
  laid = true;
}

// Opens a cell; empty (0) cells open their neighbours breadth-first, which also times the ripple.
function dig(ctx, i) {
  if (isOpen[i] || flag[i]) return;
  if (!laid) layMines(ctx, i);
  if (mine[i]) return explode(ctx, i);
  const queue = [i];
  const depth = {};
  depth[i] = 0;
  isOpen[i] = true;
  let n = 0;
  while (queue.length) {
    const j = queue.shift();
    revealAt[j] = ctx.time + Math.min(0.6, depth[j] * 0.025);
    n++;
    if (adj[j] !== 0) continue;
    for (const k of neighbours(j)) {
      if (isOpen[k] || flag[k] || mine[k]) continue;
      isOpen[k] = true;
      depth[k] = depth[j] + 1;
      queue.push(k);
    }
  }
  openCount += n;
  score += n * 10;
  ctx.score.set(score);
  if (n > 8) ctx.sound.effect("coin");
  else ctx.sound.tone(520 + Math.min(8, adj[i]) * 40, 40, { type: "triangle", volume: 0.1 });
  if (openCount >= total - mineCount) win(ctx);
}

// Tapping an open number whose flags are all placed digs its other neighbours.
function chord(ctx, i) {
  const ns = neighbours(i);
  if (ns.filter((j) => flag[j]).length !== adj[i]) {
    ctx.sound.tone(180, 40, { type: "square", volume: 0.05 });
    return;
  }
  for (const j of ns) if (state === "play" && !isOpen[j] && !flag[j]) dig(ctx, j);
}

function toggleFlag(ctx, i) {
  if (isOpen[i]) return;
  flag[i] = !flag[i];
  ctx.sound.tone(flag[i] ? 760 : 380, 45, { type: "square", volume: 0.07 });
}

function explode(ctx, i) {
  state = "lost";
  boomAt = i;
  isOpen[i] = true;
  revealAt[i] = ctx.time;
  shake = 0.4;
  endAt = ctx.time;
  const cx = bx + (i % cols + 0.5) * cell, cy = by + (Math.floor(i / cols) + 0.5) * cell;
  for (let k = 0; k < 40 && particles.length < MAX_PARTICLES; k++) {
    const a = ctx.random() * Math.PI * 2, s = 60 + ctx.random() * 220;
    particles.push({ x: cx, y: cy, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.9, col: k % 3 ? C.accent : [255, 210, 80], r: 2 + ctx.random() * 3 });
  }
  ctx.sound.effect("hit");
  ctx.sound.effect("lose");
  ctx.gameOver({ won: false, message: ctx.t("Boom! You hit one of the {mines} after clearing {n} of {total} safe cells.", { mines: P.mineName, n: openCount, total: total - mineCount }) });
}

function win(ctx) {
  state = "won";
  endAt = ctx.time;
  for (let i = 0; i < total; i++) if (mine[i]) flag[i] = true;
  const secs = Math.floor(elapsed);
  score += mineCount * 25 + Math.max(0, 300 - secs);
  ctx.score.set(score);
  const record = best === null || secs < best;
  if (record) {
    best = secs;
    ctx.store.set(`minesweeper:best:${cols}x${rows}:${mineCount}`, secs);
  }
  for (let k = 0; k < 50; k++) {
    particles.push({ x: bx + ctx.random() * bw, y: by - 6, vx: (ctx.random() - 0.5) * 100, vy: 30 + ctx.random() * 150, life: 1.6, col: k % 2 ? C.accent : C.primary, r: 2 + ctx.random() * 2 });
  }
  ctx.sound.effect("win");
  ctx.gameOver({ won: true, message: ctx.t(record ? "All {mines} found in {time}! New best time." : "All {mines} found in {time}!", { mines: P.mineName, time: fmtTime(secs) }) });
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  if (state === "lost" || state === "won") return;
  if (state === "ready") {
    if (p.pressed || inp.pressed("action") || inp.pressed("left") || inp.pressed("right") || inp.pressed("up") || inp.pressed("down")) {
      state = "play";
      if (!p.pressed) keyMode = true;
      ctx.sound.effect("click");
    }
    return;
  }
  if (laid) elapsed += dt;

  // keyboard: cursor, Space digs (or chords a number), F flags
  const dirs = { left: [0, -1], right: [0, 1], up: [-1, 0], down: [1, 0] };
  for (const d in dirs) {
    if (!inp.pressed(d)) continue;
    keyMode = true;
    const r = Math.min(rows - 1, Math.max(0, Math.floor(cursor / cols) + dirs[d][0]));
    const c = Math.min(cols - 1, Math.max(0, (cursor % cols) + dirs[d][1]));
    cursor = r * cols + c;
  }
  if (inp.pressed("f")) { keyMode = true; toggleFlag(ctx, cursor); }
  if (inp.pressed("action")) {
    keyMode = true;
    if (isOpen[cursor]) chord(ctx, cursor);
    else if (flagMode) toggleFlag(ctx, cursor);
    else dig(ctx, cursor);
    if (state !== "play") return;
  }

  // pointer: tap digs (or flags in flag mode), a long press flags, tapping a number chords
  if (p.pressed) {
    if (inRect(p.x, p.y, digBtn)) { flagMode = false; ctx.sound.effect("click"); }
    else if (inRect(p.x, p.y, flagBtn)) { flagMode = true; ctx.sound.effect("click"); }
    else {
      const i = cellAt(p.x, p.y);
      if (i >= 0) {
        keyMode = false;
        cursor = i;
        press = { i, x: p.x, y: p.y, t: 0, done: false };
      }
    }
  }
  if (press) {
    if (Math.hypot(p.x - press.x, p.y - press.y) > cell * 0.6) press = null;
    else if (p.down && !press.done) {
      press.t += dt;
      if (press.t >= LONG_PRESS) {
        press.done = true;
        if (!isOpen[press.i]) toggleFlag(ctx, press.i);
      }
    }
  }
  if (press && (p.released || !p.down)) {
    const i = press.i;
    const wasLong = press.done;
    press = null;
    if (!wasLong) {
      if (isOpen[i]) chord(ctx, i);
      else if (flagMode) toggleFlag(ctx, i);
      else dig(ctx, i);
    }
  }
}

function stepFx(dt) {
  for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.vy += 300 * dt; q.life -= dt; }
  particles = particles.filter((q) => q.life > 0);
  shake = Math.max(0, shake - dt);
}

// ---------- draw ----------
function draw(ctx) {
  const dt = Math.max(0, Math.min(0.1, ctx.time - lastT));
  lastT = ctx.time;
  stepFx(dt);
  const t = ctx.time, done = state === "lost" || state === "won";
  if (done && t - endAt > 1.2 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) {
    ctx.restart();
    return;
  }
  ctx.clear(rgb(C.bg));
  const ox = shake > 0 ? Math.round(Math.sin(t * 70) * 6 * shake) : 0, oy = shake > 0 ? Math.round(Math.cos(t * 55) * 4 * shake) : 0;
  const x0 = bx + ox, y0 = by + oy;

  // field: the open colour underneath, covered tiles on top
  ctx.roundRect(x0 - 6, y0 - 6, bw + 12, bh + 12, 10, rgb(mix(C.bg, C.primary, 0.3)));
  ctx.rect(x0, y0, bw, bh, rgb(C.open));
  for (let c = 1; c < cols; c++) ctx.line(x0 + c * cell, y0, x0 + c * cell, y0 + bh, rgb(C.grid), 1);
  for (let r = 1; r < rows; r++) ctx.line(x0, y0 + r * cell, x0 + bw, y0 + r * cell, rgb(C.grid), 1);
  const numSize = Math.max(10, Math.round(cell * 0.62));
  const showMines = state === "lost";
  for (let i = 0; i < total; i++) {
    const x = x0 + (i % cols) * cell, y = y0 + Math.floor(i / cols) * cell;
    const shown = isOpen[i] && t >= revealAt[i];
    if (!shown) {
      if (showMines && mine[i] && !flag[i]) {
        ctx.circle(x + cell / 2, y + cell / 2, cell * 0.42, rgb(C.text, 0.18));
        ctx.sprite.draw("ms-mine", x, y, 1);
        continue;
      }
      ctx.sprite.draw(flag[i] ? "ms-flag" : "ms-tile", x, y, 1);
      if (showMines && flag[i] && !mine[i]) {
        ctx.line(x + 4, y + 4, x + cell - 4, y + cell - 4, rgb(C.accent), 2);
        ctx.line(x + cell - 4, y + 4, x + 4, y + cell - 4, rgb(C.accent), 2);
      }
      continue;
    }
    if (i === boomAt) {
      ctx.rect(x, y, cell, cell, rgb(C.accent));
      ctx.sprite.draw("ms-mine", x, y, 1);
      continue;
    }
    const age = t - revealAt[i];
    if (age < 0.18) ctx.rect(x, y, cell, cell, rgb(WHITE, 0.35 * (1 - age / 0.18)));
    if (adj[i] > 0) ctx.text(String(adj[i]), x + cell / 2, y + cell / 2 + 1, { size: numSize, color: numCols[adj[i]], align: "center", bold: true });
  }
  // hover / cursor / pressing
  const ptr = ctx.input.pointer;
  if (state === "play") {
    const hov = keyMode ? cursor : cellAt(ptr.x, ptr.y);
    if (hov >= 0) {
      const x = x0 + (hov % cols) * cell, y = y0 + Math.floor(hov / cols) * cell;
      ctx.strokeRect(x + 1, y + 1, cell - 2, cell - 2, rgb(keyMode ? C.accent : C.text, keyMode ? 1 : 0.5), 2);
    }
    if (press && !press.done && press.t > 0.1) {
      const x = x0 + (press.i % cols) * cell + cell / 2, y = y0 + Math.floor(press.i / cols) * cell + cell / 2;
      ctx.strokeCircle(x, y, cell * 0.5 * Math.min(1, press.t / LONG_PRESS), rgb(C.accent), 3);
    }
  }
  for (const q of particles) ctx.circle(q.x, q.y, q.r, rgb(q.col, Math.min(1, q.life * 2)));

  // side panel
  label(ctx, P.title, px, 28, pw, { size: 20, color: rgb(C.text), bold: true });
  label(ctx, P.theme, px, 49, pw, { size: 12, color: rgb(C.muted) });
  const half = (pw - 6) / 2;
  const flags = flag.filter(Boolean).length;
  ctx.roundRect(px, 64, half, 52, 10, rgb(C.panel));
  ctx.sprite.draw("ms-icon", px + 8, 72, 1);
  ctx.text(ctx.t("LEFT"), px + 28, 80, { size: 10, color: rgb(C.muted), bold: true });
  label(ctx, String(mineCount - flags), px + 10, 101, half - 16, { size: 20, color: rgb(mineCount - flags < 0 ? C.accent : C.text), bold: true });
  ctx.roundRect(px + half + 6, 64, half, 52, 10, rgb(C.panel));
  ctx.text(ctx.t("TIME"), px + half + 16, 80, { size: 10, color: rgb(C.muted), bold: true });
  ctx.text(fmtTime(elapsed), px + half + 16, 101, { size: 20, color: rgb(C.text), bold: true });
  label(ctx, `${cols}x${rows}, ${mineCount} ${P.mineName}`, px, 132, pw, { size: 12, color: rgb(C.muted) });
  label(ctx, best === null ? ctx.t("Best time: -") : ctx.t("Best time: {time}", { time: fmtTime(best) }), px, 150, pw, { size: 12, color: rgb(C.muted) });

  // Dig / Flag toggle (touch screens have no right click)
  for (const [b, on, name] of [[digBtn, !flagMode, "Dig"], [flagBtn, flagMode, "Flag"]]) {
    if (on) ctx.roundRect(b.x - 2, b.y - 2, b.w + 4, b.h + 4, 12, rgb(C.text, 0.6));
    ctx.roundRect(b.x, b.y, b.w, b.h, 10, rgb(on ? C.accent : C.panel));
    const ink = on ? (lum(C.accent) > 0.6 ? [20, 20, 28] : WHITE) : C.text;
    ctx.sprite.draw(name === "Flag" ? "ms-ficon" : "ms-ticon", Math.round(b.x + 7), Math.round(b.y + b.h / 2 - 11), 1);
    label(ctx, ctx.t(name), b.x + b.w / 2 + 13, b.y + b.h / 2, b.w - 40, { size: 15, color: rgb(ink), align: "center", bold: true });
  }
  const help = [ctx.t("Tap: dig   Long-press: flag"), ctx.t("Tap a number to open the rest"), ctx.t("Keys: arrows, Space dig, F flag")];
  help.forEach((l, k) => label(ctx, l, px, 252 + k * 17, pw, { size: 11, color: rgb(C.muted) }));

  if (state === "ready" || (done && t - endAt > 0.6)) {
    // the end card sits low so the uncovered field stays readable above it
    const w = Math.min(bw + 40, 380), h = state === "ready" ? 150 : 110, x = bx + bw / 2 - w / 2;
    const y = state === "ready" ? H / 2 - h / 2 : Math.min(H - h - 8, by + bh - h + 20);
    ctx.roundRect(x + 3, y + 4, w, h, 14, rgb(BLACK, 0.35));
    ctx.roundRect(x, y, w, h, 14, rgb(C.accent));
    ctx.roundRect(x + 2, y + 2, w - 4, h - 4, 12, rgb(mix(C.bg, C.text, 0.1)));
    if (state === "ready") {
      label(ctx, P.title, x + w / 2, y + 26, w - 24, { size: 22, color: rgb(C.text), align: "center", bold: true });
      const lines = [
        ctx.t("Find every safe cell - avoid the {mines}!", { mines: P.mineName }),
        ctx.t("Numbers count the {mines} next to a cell.", { mines: P.mineName }),
        ctx.t("Long-press or Flag mode to mark them."),
      ];
      lines.forEach((l, k) => label(ctx, l, x + w / 2, y + 54 + k * 18, w - 20, { size: 13, color: rgb(k === 0 ? C.accent : C.muted), align: "center" }));
      ctx.text(ctx.t("Press Space or tap to start"), x + w / 2, y + h - 22, { size: 14, color: rgb(C.text), align: "center", bold: true });
    } else {
      const won = state === "won";
      label(ctx, ctx.t(won ? "Field cleared!" : "Boom!"), x + w / 2, y + 28, w - 24, { size: 24, color: rgb(won ? C.accent : C.text), align: "center", bold: true });
      label(ctx, won ? ctx.t("Time {time}   Score {score}", { time: fmtTime(elapsed), score }) : ctx.t("Cleared {n} of {total} safe cells", { n: openCount, total: total - mineCount }), x + w / 2, y + 58, w - 20, { size: 14, color: rgb(C.text), align: "center" });
      if (t - endAt > 1.2 && Math.floor((t - endAt) * 2) % 2 === 0) ctx.text(ctx.t("Space or tap to play again"), x + w / 2, y + h - 24, { size: 14, color: rgb(C.text), align: "center", bold: true });
    }
  }
}

aimini.game({ setup, update, draw, strings: STRINGS });
