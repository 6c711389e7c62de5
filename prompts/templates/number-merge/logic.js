// Number Merge: aimini template "number-merge" (runtime aimini-runtime/1).
// The 2048 game: every move slides all tiles as far as they go; two equal tiles that meet merge into
// one of double the value, and a new 2 (sometimes a 4) appears. Reach the goal tile to win; the game
// is lost when no move is left. Tiles can also carry names from a theme list ("pebble, rock, boulder").
// Keys: arrows / WASD. Pointer and touch: swipe (or drag with the mouse) anywhere, or tap the arrow pad.

const W = 640;
const H = 360;
const BOARD = { x: 24, y: 20, size: 320 };
const SLIDE_TIME = 0.1;
const POP_TIME = 0.16;
const MAX_PARTICLES = 80;
const SWIPE_MIN = 24;
const DIRS = { left: [0, -1], right: [0, 1], up: [-1, 0], down: [1, 0] };
const CLASSIC = ["#eee4da", "#ede0c8", "#f2b179", "#f59563", "#f67c5f", "#f65e3b", "#edcf72", "#edcc61", "#edc850", "#edc53f", "#edc22e", "#3c3a32"];

let P, C, tileCols, names;
let n, gap, cell, grid, tiles, nextId, score, best, moves, biggest, state, endAt, anim, particles, popups;
let swipe, pad, hint, shakeT, lastT, queued, scoreFlash;

const GENERIC_WORDS = /^(\d+|the|a|an|and|of|for|with|to|classic|original|number|numbers|math|maths|tile|tiles|merge|merging|slide|sliding|puzzle|game|easy|hard|kids|play|style)$/;
const NUMBER_WORDS = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|thirty|sixty|hundred|thousand|number|numbers|num|tile|tiles)$/;

// ---------- helpers ----------
function isNum(v) { return typeof v === "number" && Number.isFinite(v); }
function int(v, def, lo, hi) { return Math.round(Math.min(hi, Math.max(lo, isNum(v) ? v : def))); }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
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
const STRINGS = {
  es: {
    "Classic 2048": "2048 clásico",
    "You made {goal} in {moves} moves! Score {score}.": "¡Conseguiste {goal} en {moves} jugadas! Puntos: {score}.",
    "No moves left. Biggest tile {tile}, score {score}.": "No quedan jugadas. Ficha mayor {tile}, puntos {score}.",
    "Swipe or press arrows to slide": "Desliza o usa las flechas",
    "SCORE": "PUNTOS",
    "BEST": "RÉCORD",
    "GOAL": "META",
    "BEST TILE": "MEJOR FICHA",
    "Moves {n}": "Jugadas {n}",
    "{n}x{n} board": "Tablero {n}x{n}",
    "Equal tiles merge": "Fichas iguales",
    "when they collide.": "se fusionan.",
    "Arrows, WASD": "Flechas, WASD",
    "or swipe": "o desliza",
    "You win!": "¡Ganaste!",
    "No moves left": "Sin jugadas",
    "You made {tile}": "Conseguiste {tile}",
    "Biggest tile: {tile}": "Ficha mayor: {tile}",
    "Score {score}": "Puntos {score}",
    "Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "Classic 2048": "2048 classique",
    "You made {goal} in {moves} moves! Score {score}.": "Tu as atteint {goal} en {moves} coups ! Score : {score}.",
    "No moves left. Biggest tile {tile}, score {score}.": "Plus aucun coup possible. Plus grande tuile {tile}, score {score}.",
    "Swipe or press arrows to slide": "Glisse ou utilise les flèches",
    "SCORE": "POINTS",
    "BEST": "RECORD",
    "GOAL": "OBJECTIF",
    "BEST TILE": "MEILLEURE",
    "Moves {n}": "Coups {n}",
    "{n}x{n} board": "Grille {n}x{n}",
    "Equal tiles merge": "Les tuiles égales",
    "when they collide.": "fusionnent.",
    "Arrows, WASD": "Flèches, ZQSD",
    "or swipe": "ou glisse",
    "You win!": "Gagné !",
    "No moves left": "Plus de coups",
    "You made {tile}": "Tu as atteint {tile}",
    "Biggest tile: {tile}": "Plus grande tuile : {tile}",
    "Score {score}": "Score : {score}",
    "Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "Classic 2048": "Klassisches 2048",
    "You made {goal} in {moves} moves! Score {score}.": "Du hast {goal} in {moves} Zügen erreicht! Punkte: {score}.",
    "No moves left. Biggest tile {tile}, score {score}.": "Keine Züge mehr. Größte Kachel {tile}, Punkte {score}.",
    "Swipe or press arrows to slide": "Wische oder nutze die Pfeile",
    "SCORE": "PUNKTE",
    "BEST": "REKORD",
    "GOAL": "ZIEL",
    "BEST TILE": "BESTE KACHEL",
    "Moves {n}": "Züge {n}",
    "{n}x{n} board": "{n}x{n}-Feld",
    "Equal tiles merge": "Gleiche Kacheln",
    "when they collide.": "verschmelzen.",
    "Arrows, WASD": "Pfeile, WASD",
    "or swipe": "oder wischen",
    "You win!": "Gewonnen!",
    "No moves left": "Keine Züge mehr",
    "You made {tile}": "Du hast {tile} erreicht",
    "Biggest tile: {tile}": "Größte Kachel: {tile}",
    "Score {score}": "Punkte {score}",
    "Space or tap to play again": "Leertaste oder tippen: neue Runde",
  },
  pt: {
    "Classic 2048": "2048 clássico",
    "You made {goal} in {moves} moves! Score {score}.": "Você chegou a {goal} em {moves} jogadas! Pontos: {score}.",
    "No moves left. Biggest tile {tile}, score {score}.": "Sem jogadas. Maior peça {tile}, pontos {score}.",
    "Swipe or press arrows to slide": "Deslize ou use as setas",
    "SCORE": "PONTOS",
    "BEST": "RECORDE",
    "GOAL": "META",
    "BEST TILE": "MAIOR PEÇA",
    "Moves {n}": "Jogadas {n}",
    "{n}x{n} board": "Tabuleiro {n}x{n}",
    "Equal tiles merge": "Peças iguais",
    "when they collide.": "se fundem.",
    "Arrows, WASD": "Setas, WASD",
    "or swipe": "ou deslize",
    "You win!": "Você venceu!",
    "No moves left": "Sem jogadas",
    "You made {tile}": "Você chegou a {tile}",
    "Biggest tile: {tile}": "Maior peça: {tile}",
    "Score {score}": "Pontos {score}",
    "Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function inkOn(c) { return lum(c) > 0.62 ? mix(c, BLACK, 0.72) : WHITE; }
function hsl(h, s, l) {
  const f = (k0) => {
    const k = (k0 + h / 30) % 12;
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
  return w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
}
// Text that fits maxW: shrinks down to `min` px, then cuts with an ellipsis. measureText measures the
// regular face, so bold text gets 12% of slack.
function label(ctx, s, x, y, maxW, o) {
  const want = o.size || 16, room = o.bold ? maxW * 0.88 : maxW, min = o.min || 10;
  let size = Math.min(want, fitSize(ctx, s, want, room));
  if (size < min) {
    size = Math.min(want, min);
    while (s.length > 2 && ctx.measureText(s + "..", size) > room) s = s.slice(0, -1);
    s += "..";
  }
  ctx.text(s, x, y, { size, color: o.color, align: o.align || "left", bold: !!o.bold });
}
function themed(theme) {
  return theme.toLowerCase().split(/[^a-z0-9]+/).some((w) => w && !GENERIC_WORDS.test(w));
}
function inRect(x, y, r) { return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h; }

// Colour of each tile level (1 = the "2" tile). "palette" runs from the primary colour to the accent
// and on towards a bright gold, so a themed palette tints the whole ladder.
function ladder(scheme, levels) {
  const out = [];
  for (let k = 1; k <= levels; k++) {
    const t = (k - 1) / Math.max(1, levels - 1);
    if (scheme === "classic") out.push(toRgb(CLASSIC[Math.min(k - 1, CLASSIC.length - 1)]));
    else if (scheme === "rainbow") out.push(hsl((k * 33) % 360, 0.72, 0.58));
    else if (scheme === "pastel") out.push(hsl((k * 37 + 180) % 360, 0.75, 0.8));
    else if (scheme === "neon") out.push(hsl((300 - k * 29 + 720) % 360, 1, 0.55));
    else if (scheme === "mono") out.push(mix(mix(C.primary, WHITE, 0.65), mix(C.primary, BLACK, 0.5), Math.min(1, (k - 1) / 11)));
    else {
      // light tints of the primary, the primary, on to the accent, then warm golds past the accent's hue
      const A = C.primary, B = C.accent, h = toHsl(B)[0];
      const ha = toHsl(A), hb = toHsl(B);
      let dh = hb[0] - ha[0];
      if (dh > 180) dh -= 360;
      if (dh < -180) dh += 360;
      // halfway round the colour wheel, not through the grey middle of an RGB blend
      const mid = hsl((ha[0] + dh / 2 + 360) % 360, Math.max(ha[1], hb[1], 0.5), Math.min(0.7, (ha[2] + hb[2]) / 2));
      const steps = [mix(A, WHITE, 0.72), mix(A, WHITE, 0.42), A, mid, B, mix(B, BLACK, 0.18)];
      if (k <= 6) out.push(steps[k - 1]);
      else if (k <= 11) out.push(hsl((h + 38 + (k - 7) * 3) % 360, 0.8, 0.56 + (k % 2) * 0.08));
      else out.push(hsl((h + 190 + (k - 12) * 30) % 360, 0.5, 0.32)); // beyond 2048: deep colours
    }
  }
  return out;
}

// ---------- setup ----------
function setup(ctx) {
  const p = ctx.params || {};
  const pal = p.palette || {};
  P = {
    title: str(p.title, "Number Merge", 60),
    theme: str(p.theme, "Classic 2048", 40),
    size: int(p.size, 4, 3, 6),
    winTile: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192].indexOf(p.winTile) >= 0 ? p.winTile : 2048,
    fourChance: num(p.fourChance, 0.1, 0, 0.5),
    tileText: oneOf(p.tileText, ["auto", "numbers", "names", "both"], "auto"),
    colors: oneOf(p.tileColors, ["palette", "classic", "rainbow", "pastel", "neon", "mono"], "palette"),
    startTiles: int(p.startTiles, 2, 1, 4),
  };
  names = Array.isArray(p.tile_names) ? p.tile_names.filter((s) => typeof s === "string" && s.trim()).map((s) => s.trim().slice(0, 16)).slice(0, 16) : [];
  // "auto": names only for a real theme ("animals", "space"), never for a plain "2048" request or
  // when the list itself is made of number words (a small model writes "two, four..." for those).
  if (P.tileText === "auto") {
    // a name that only repeats the theme ("animals" for a 2048 with animals) is an echo, not a level
    const tw = P.theme.toLowerCase().split(/[^a-z]+/);
    names = names.filter((s) => tw.indexOf(s.toLowerCase()) < 0);
    P.tileText = themed(P.theme) && !names.some((s) => NUMBER_WORDS.test(s)) ? "both" : "numbers";
  }
  if (P.tileText !== "numbers" && names.length < 2) P.tileText = "numbers";
  if (!str(p.theme, "", 40)) P.theme = ctx.t(P.theme); // the default theme line, in the player's language
  const bg = toRgb(hex(pal.background, "#faf8ef")), text = toRgb(hex(pal.text, "#776e65"));
  C = { bg, text, primary: toRgb(hex(pal.primary, "#f2b179")), accent: toRgb(hex(pal.accent, "#f65e3b")) };
  C.board = mix(bg, text, lum(bg) > 0.5 ? 0.32 : 0.16);
  C.empty = mix(C.board, bg, 0.4);
  C.panel = mix(bg, text, 0.08);
  C.muted = mix(text, bg, 0.4);
  tileCols = ladder(P.colors, 16);

  n = P.size;
  gap = n <= 4 ? 10 : 8;
  cell = (BOARD.size - gap * (n + 1)) / n;
  grid = new Array(n * n).fill(null);
  tiles = [];
  nextId = 1;
  score = 0;
  best = ctx.store.get(`number-merge:best:${n}`, 0);
  moves = 0;
  biggest = 1;
  state = "play";
  endAt = -1;
  anim = 0;
  particles = [];
  popups = [];
  swipe = null;
  hint = 1;
  shakeT = 0;
  lastT = 0;
  queued = null;
  scoreFlash = 0;
  // Arrow pad (for mouse players; touch players can also swipe anywhere).
  const px = 372 + 254 - 3 * 46 - 2, py = 222;
  pad = [
    { dir: "up", x: px + 46, y: py, w: 44, h: 42 },
    { dir: "left", x: px, y: py + 44, w: 44, h: 42 },
    { dir: "down", x: px + 46, y: py + 44, w: 44, h: 42 },
    { dir: "right", x: px + 92, y: py + 44, w: 44, h: 42 },
  ];
  for (let i = 0; i < P.startTiles; i++) addRandom(ctx, true);
  ctx.score.set(0);
}

function levelValue(k) { return Math.pow(2, k); }
function cellPos(r, c) { return { x: BOARD.x + gap + c * (cell + gap), y: BOARD.y + gap + r * (cell + gap) }; }

function addRandom(ctx, quiet) {
  const free = [];
  for (let i = 0; i < n * n; i++) if (!grid[i]) free.push(i);
  if (!free.length) return;
  const i = free[Math.floor(ctx.random() * free.length)];
  const t = { id: nextId++, k: ctx.random() < P.fourChance ? 2 : 1, r: Math.floor(i / n), c: i % n, fr: 0, fc: 0, born: quiet ? 0 : SLIDE_TIME + POP_TIME, pop: 0, dead: false };
  t.fr = t.r;
  t.fc = t.c;
  grid[i] = t;
  tiles.push(t);
}

// Slide everything toward `dir`. Each tile moves at most once and merges at most once per move.
function move(ctx, dir) {
  const [dr, dc] = DIRS[dir];
  let movedAny = false, gained = 0, merges = 0;
  tiles = tiles.filter((t) => !t.dead);
  for (const t of tiles) { t.fr = t.r; t.fc = t.c; t.born = 0; t.pop = 0; t.merged = false; }
  const order = [];
  for (let a = 0; a < n; a++) order.push(a);
  if (dr > 0 || dc > 0) order.reverse();
  for (const r of dr !== 0 ? order : [0, 1, 2, 3, 4, 5].slice(0, n)) {
    for (const c of dc !== 0 ? order : [0, 1, 2, 3, 4, 5].slice(0, n)) {
      const t = grid[r * n + c];
      if (!t) continue;
      let rr = r, cc = c;
      while (true) {
        const nr = rr + dr, nc = cc + dc;
        if (nr < 0 || nr >= n || nc < 0 || nc >= n) break;
        const o = grid[nr * n + nc];
        if (!o) { rr = nr; cc = nc; continue; }
        if (o.k === t.k && !o.merged && !o.dead) {
          // merge: t slides onto o and disappears; o levels up with a pop
          grid[r * n + c] = null;
          t.r = nr; t.c = nc; t.dead = true;
          o.k++;
          o.merged = true;
          o.pop = POP_TIME + SLIDE_TIME;
          gained += levelValue(o.k);
          merges++;
          biggest = Math.max(biggest, o.k);
          movedAny = true;
          rr = -1;
        }
        break;
      }
      if (rr >= 0 && (rr !== r || cc !== c)) {
        grid[r * n + c] = null;
        grid[rr * n + cc] = t;
        t.r = rr;
        t.c = cc;
        movedAny = true;
      }
    }
  }
  if (!movedAny) {
    shakeT = 0.15;
    ctx.sound.tone(110, 40, { type: "square", volume: 0.05 });
    return;
  }
  moves++;
  hint = Math.min(hint, 0.99);
  anim = SLIDE_TIME;
  score += gained;
  ctx.score.set(score);
  if (gained) {
    scoreFlash = 0.4;
    ctx.sound.tone(330 + Math.min(9, biggest) * 45, 60, { type: "triangle", volume: 0.12 });
  } else ctx.sound.effect("click");
  for (const t of tiles) {
    if (!t.merged) continue;
    const pos = cellPos(t.r, t.c);
    if (popups.length < 12) popups.push({ text: `+${levelValue(t.k)}`, x: pos.x + cell / 2, y: pos.y + cell * 0.2, t: 0.8 });
    if (particles.length > MAX_PARTICLES - 6) continue;
    for (let i = 0; i < 6; i++) {
      const a = ctx.random() * Math.PI * 2, s = 40 + ctx.random() * 90;
      particles.push({ x: pos.x + cell / 2, y: pos.y + cell / 2, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.45, col: tileCols[Math.min(15, t.k - 1)], r: 2 + ctx.random() * 2 });
    }
  }
  addRandom(ctx, false);
  if (best < score) {
    best = score;
    ctx.store.set(`number-merge:best:${n}`, best);
  }
  if (levelValue(biggest) >= P.winTile) return finish(ctx, true);
  if (!canMove()) finish(ctx, false);
}

function canMove() {
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const t = grid[r * n + c];
      if (!t) return true;
      if (c + 1 < n && grid[r * n + c + 1] && grid[r * n + c + 1].k === t.k) return true;
      if (r + 1 < n && grid[(r + 1) * n + c] && grid[(r + 1) * n + c].k === t.k) return true;
    }
  }
  return false;
}

function finish(ctx, won) {
  state = won ? "won" : "over";
  endAt = ctx.time;
  if (won) {
    for (let i = 0; i < 60; i++) {
      particles.push({ x: BOARD.x + ctx.random() * BOARD.size, y: BOARD.y - 10, vx: (ctx.random() - 0.5) * 120, vy: 40 + ctx.random() * 160, life: 1.6, col: tileCols[Math.floor(ctx.random() * 11)], r: 2 + ctx.random() * 2.5 });
    }
  }
  ctx.sound.effect(won ? "win" : "lose");
  const goal = tileName(Math.round(Math.log2(P.winTile)));
  ctx.event(won ? "win" : "stuck", { score, moves, biggest: levelValue(biggest) });
  ctx.gameOver({
    won,
    message: won
      ? ctx.t("You made {goal} in {moves} moves! Score {score}.", { goal, moves, score })
      : ctx.t("No moves left. Biggest tile {tile}, score {score}.", { tile: tileName(biggest), score }),
  });
}

function tileName(k) {
  const v = String(levelValue(k));
  if (P.tileText === "numbers" || k - 1 >= names.length) return v;
  return P.tileText === "names" ? names[k - 1] : `${v} (${names[k - 1]})`;
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  if (state !== "play") return;
  let dir = null;
  for (const d of ["left", "right", "up", "down"]) if (inp.pressed(d)) dir = d;
  if (p.pressed) {
    const b = pad.find((q) => inRect(p.x, p.y, q));
    if (b) dir = b.dir;
    else swipe = { x: p.x, y: p.y, done: false };
  }
  // A swipe counts as soon as it is long enough (no need to lift the finger), or on release.
  if (swipe && !swipe.done && (p.down || p.released)) {
    const dx = p.x - swipe.x, dy = p.y - swipe.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) >= SWIPE_MIN) {
      dir = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? "right" : "left") : dy > 0 ? "down" : "up";
      swipe.done = true;
    }
  }
  if (p.released || !p.down) swipe = null;
  if (dir) queued = dir;
  if (anim > 0) {
    anim -= dt;
    // a new move while tiles still slide finishes the slide at once (keeps fast players snappy)
    if (anim > 0 && !queued) return;
    anim = 0;
  }
  if (queued) {
    const d = queued;
    queued = null;
    move(ctx, d);
  }
}

function stepFx(dt) {
  for (const t of tiles) { t.born = Math.max(0, t.born - dt); t.pop = Math.max(0, t.pop - dt); }
  for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.vy += 200 * dt; q.life -= dt; }
  particles = particles.filter((q) => q.life > 0);
  for (const q of popups) { q.t -= dt; q.y -= 30 * dt; }
  scoreFlash = Math.max(0, scoreFlash - dt);
  popups = popups.filter((q) => q.t > 0);
  shakeT = Math.max(0, shakeT - dt);
  if (moves > 0) hint = Math.max(0, hint - dt * 2);
}

// ---------- draw ----------
function drawTile(ctx, t, x, y, s) {
  const k = t.k, col = tileCols[Math.min(15, k - 1)], ink = inkOn(col);
  const rad = Math.max(4, s * 0.1);
  ctx.roundRect(x, y + 2, s, s, rad, rgb(BLACK, 0.12));
  ctx.roundRect(x, y, s, s, rad, rgb(col));
  if (k >= 7) ctx.strokeRect(x + 2, y + 2, s - 4, s - 4, rgb(WHITE, 0.35), 2);
  const v = String(levelValue(k));
  const nm = P.tileText !== "numbers" && k - 1 < names.length ? names[k - 1] : "";
  const big = Math.min(s * 0.45, 40);
  if (nm && P.tileText === "names") {
    label(ctx, nm, x + s / 2, y + s / 2 + 1, s - 8, { size: Math.min(big * 0.7, 22), min: 7, color: rgb(ink), align: "center", bold: true });
    if (s > 44) ctx.text(v, x + 5, y + 8, { size: Math.max(7, Math.round(s * 0.13)), color: rgb(ink, 0.6) });
  } else if (nm) {
    label(ctx, v, x + s / 2, y + s * 0.42, s - 8, { size: big * 0.85, color: rgb(ink), align: "center", bold: true });
    label(ctx, nm, x + s / 2, y + s * 0.76, s - 8, { size: Math.max(8, Math.min(14, s * 0.2)), min: 7, color: rgb(ink, 0.85), align: "center" });
  } else {
    label(ctx, v, x + s / 2, y + s / 2 + 1, s - 10, { size: big, color: rgb(ink), align: "center", bold: true });
  }
}

function drawArrow(ctx, dir, cx, cy, s, col) {
  const pts = {
    up: [[cx, cy - s], [cx + s, cy + s * 0.6], [cx - s, cy + s * 0.6]],
    down: [[cx, cy + s], [cx + s, cy - s * 0.6], [cx - s, cy - s * 0.6]],
    left: [[cx - s, cy], [cx + s * 0.6, cy - s], [cx + s * 0.6, cy + s]],
    right: [[cx + s, cy], [cx - s * 0.6, cy - s], [cx - s * 0.6, cy + s]],
  }[dir];
  ctx.poly(pts, col);
}

function statBox(ctx, x, y, w, name, value, col) {
  ctx.roundRect(x, y, w, 44, 8, rgb(C.board));
  ctx.text(name, x + w / 2, y + 12, { size: 10, color: rgb(mix(inkOn(C.board), C.board, 0.35)), align: "center", bold: true });
  label(ctx, value, x + w / 2, y + 30, w - 10, { size: 18, color: rgb(col), align: "center", bold: true });
}

function draw(ctx) {
  const dt = Math.max(0, Math.min(0.1, ctx.time - lastT));
  lastT = ctx.time;
  stepFx(dt);
  const t = ctx.time, done = state !== "play";
  if (done && t - endAt > 1 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) {
    ctx.restart();
    return;
  }
  ctx.clear(rgb(C.bg));
  const sx = shakeT > 0 ? Math.sin(t * 80) * 4 * (shakeT / 0.15) : 0;

  // board and empty cells
  ctx.roundRect(BOARD.x + sx, BOARD.y, BOARD.size, BOARD.size, 12, rgb(C.board));
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const q = cellPos(r, c);
      ctx.roundRect(q.x + sx, q.y, cell, cell, Math.max(4, cell * 0.1), rgb(C.empty));
    }
  }
  // tiles: sliding ones interpolate from their old cell; merged-away ones ride along underneath
  const f = anim > 0 ? 1 - anim / SLIDE_TIME : 1;
  const e = 1 - (1 - f) * (1 - f);
  const order = tiles.slice().sort((a, b) => (a.dead === b.dead ? 0 : a.dead ? -1 : 1));
  for (const tl of order) {
    if (tl.dead && f >= 1) continue;
    if (tl.born > POP_TIME) continue; // a new tile appears once the others have slid
    const a = cellPos(tl.fr, tl.fc), b = cellPos(tl.r, tl.c);
    let x = a.x + (b.x - a.x) * e + sx, y = a.y + (b.y - a.y) * e, s = cell;
    if (tl.born > 0) s = cell * (0.3 + 0.7 * (1 - tl.born / POP_TIME));
    if (tl.pop > 0 && tl.pop < POP_TIME) s = cell * (1 + 0.14 * Math.sin((1 - tl.pop / POP_TIME) * Math.PI));
    const shown = tl.merged && tl.pop >= POP_TIME ? { k: tl.k - 1 } : tl;
    drawTile(ctx, shown, x + (cell - s) / 2, y + (cell - s) / 2, s);
  }
  for (const q of particles) ctx.circle(q.x, q.y, q.r, rgb(q.col, Math.min(1, q.life * 2.5)));
  for (const q of popups) {
    if (q.t < 0.7) ctx.text(q.text, q.x + sx, q.y, { size: Math.max(11, Math.min(18, cell * 0.24)), color: rgb(C.text, Math.min(1, q.t * 3)), align: "center", bold: true });
  }

  // first-move hint over the bottom of the board
  if (hint > 0 && state === "play") {
    const y = BOARD.y + BOARD.size - 44;
    ctx.roundRect(BOARD.x + 20, y, BOARD.size - 40, 32, 10, rgb(mix(C.text, BLACK, 0.3), 0.85 * hint));
    label(ctx, ctx.t("Swipe or press arrows to slide"), BOARD.x + BOARD.size / 2, y + 16, BOARD.size - 56, { size: 14, color: rgb(WHITE, hint), align: "center", bold: true });
  }

  // side panel
  const px = 372, pw = W - px - 14;
  label(ctx, P.title, px, 30, pw, { size: 22, color: rgb(C.text), bold: true });
  label(ctx, P.theme, px, 52, pw, { size: 12, color: rgb(C.muted) });
  const bw = (pw - 8) / 2;
  statBox(ctx, px, 68, bw, ctx.t("SCORE"), String(score), scoreFlash > 0 ? mix(inkOn(C.board), C.accent, scoreFlash * 2) : inkOn(C.board));
  statBox(ctx, px + bw + 8, 68, bw, ctx.t("BEST"), String(best), inkOn(C.board));
  // goal: the win tile, and the biggest tile so far
  const gk = Math.round(Math.log2(P.winTile));
  ctx.text(ctx.t("GOAL"), px, 128, { size: 10, color: rgb(C.muted), bold: true });
  drawTile(ctx, { k: gk }, px, 138, 60);
  ctx.text(ctx.t("BEST TILE"), px + 76, 128, { size: 10, color: rgb(C.muted), bold: true });
  drawTile(ctx, { k: biggest }, px + 76, 138, 60);
  const prog = Math.min(1, biggest / gk);
  ctx.rect(px + 150, 150, pw - 150, 8, rgb(C.board));
  ctx.rect(px + 150, 150, (pw - 150) * prog, 8, rgb(C.accent));
  ctx.text(ctx.t("Moves {n}", { n: moves }), px + 150, 176, { size: 13, color: rgb(C.text) });
  label(ctx, ctx.t("{n}x{n} board", { n }), px + 150, 194, pw - 150, { size: 11, color: rgb(C.muted) });
  const help = [ctx.t("Equal tiles merge"), ctx.t("when they collide.")];
  help.forEach((l, i) => ctx.text(l, px, 226 + i * 16, { size: 12, color: rgb(C.muted) }));
  ctx.text(ctx.t("Arrows, WASD"), px, 266, { size: 11, color: rgb(C.muted) });
  ctx.text(ctx.t("or swipe"), px, 282, { size: 11, color: rgb(C.muted) });
  for (const b of pad) {
    const hot = ctx.input.pointer.down && inRect(ctx.input.pointer.x, ctx.input.pointer.y, b);
    ctx.roundRect(b.x, b.y, b.w, b.h, 8, rgb(hot ? C.accent : C.board));
    drawArrow(ctx, b.dir, b.x + b.w / 2, b.y + b.h / 2, 9, rgb(WHITE));
  }

  if (done && t - endAt > 0.6) {
    const won = state === "won";
    ctx.roundRect(BOARD.x, BOARD.y, BOARD.size, BOARD.size, 12, rgb(won ? C.accent : C.bg, 0.9));
    const cx = BOARD.x + BOARD.size / 2;
    label(ctx, ctx.t(won ? "You win!" : "No moves left"), cx, BOARD.y + 120, BOARD.size - 30, { size: 34, color: rgb(won ? inkOn(C.accent) : C.text), align: "center", bold: true });
    const info = won ? ctx.t("You made {tile}", { tile: tileName(gk) }) : ctx.t("Biggest tile: {tile}", { tile: tileName(biggest) });
    label(ctx, info, cx, BOARD.y + 160, BOARD.size - 30, { size: 16, color: rgb(won ? inkOn(C.accent) : C.text), align: "center" });
    label(ctx, ctx.t("Score {score}", { score }), cx, BOARD.y + 186, BOARD.size - 30, { size: 16, color: rgb(won ? inkOn(C.accent) : C.text), align: "center", bold: true });
    if (t - endAt > 1 && Math.floor((t - endAt) * 2) % 2 === 0) {
      ctx.text(ctx.t("Space or tap to play again"), cx, BOARD.y + 236, { size: 14, color: rgb(won ? inkOn(C.accent) : C.text), align: "center", bold: true });
    }
  }
}

aimini.game({ setup, update, draw, strings: STRINGS });
