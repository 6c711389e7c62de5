// Bubble Pop: aimini template "bubble-pop" (runtime aimini-runtime/1).
// A bubble shooter (puzzle bobble style): aim the launcher, shoot coloured bubbles that stick to the
// hex-packed cluster under the ceiling; 3 or more of one colour pop, and bubbles no longer hanging from
// the ceiling fall off for a bonus. The ceiling comes down every few shots without a pop; clear the
// board to finish the level, and do not let the bubbles reach the line at the bottom.
// Keyboard: Left/Right aim, Space/Enter/Up shoot, Down swaps with the next bubble. Pointer & touch:
// point (or drag) to aim, click / release to shoot; tap the next bubble to swap.

const HUD_H = 30;
const R = 14, D = 28; // bubble radius / diameter (bubble sprites are 14 x 14 at scale 2)
const ROW_H = D * 0.866;
const SHOOT_Y = 326;
const DANGER_Y = 300;
const MAX_ROWS = 16;
const MAX_FALL = 60, MAX_PARTS = 50;
const DEFAULT_COLORS = ["#ef4444", "#3b82f6", "#22c55e", "#eab308", "#a855f7", "#f97316"];

let P, W, H, C, left, right;
let grid, ceilY, level, shots, cur, next, flying, falling, parts, pops, aim, lastPtr, armed;
let state, stateT, banner, shake, best, overAt, won, popped;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.trim().slice(0, max) : def; }
function isCol(v) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v); }
function col(v, def) { return isCol(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const out = {
    title: str(p.title, "Bubble Pop", 60),
    theme: str(p.theme, "soap bubbles", 40),
    bg: col(pal.background, "#14213d"),
    primary: col(pal.primary, "#60a5fa"),
    accent: col(pal.accent, "#fbbf24"),
    text: col(pal.text, "#f8fafc"),
    bubbleName: str(p.bubbleName, "bubbles", 24),
    colors: int(p.colors, 5, 3, 6),
    bubbleColors: Array.isArray(p.bubbleColors) ? p.bubbleColors.filter(isCol).slice(0, 6) : [],
    bubbleStyle: oneOf(p.bubbleStyle, ["glossy", "flat", "gem", "face"], "glossy"),
    columns: int(p.columns, 12, 8, 16),
    startRows: int(p.startRows, 5, 2, 8),
    dropEvery: int(p.dropEvery, 8, 0, 20),
    levels: int(p.levels, 3, 1, 10),
    shotSpeed: num(p.shotSpeed, 700, 300, 1200),
    aimGuide: p.aimGuide !== false,
  };
  // a small language model tends to echo the request ("bubble pop", "bubble shooter"): keep the noun
  const noun = out.bubbleName.replace(/\b(pop|popper|popping|shooter|shooting|shoot|game|puzzle|bobble|match|the|a)\b/gi, " ").replace(/\s+/g, " ").trim();
  out.bubbleName = !noun ? "bubbles" : /^bubble$/i.test(noun) ? "bubbles" : noun;
  // fill up with the built-in colours (skipping ones already given) so there are always enough
  for (const c of DEFAULT_COLORS) if (out.bubbleColors.length < out.colors && out.bubbleColors.indexOf(c) < 0) out.bubbleColors.push(c);
  out.bubbleColors = out.bubbleColors.slice(0, out.colors);
  return out;
}

// ---------- colours ----------
function hexRgb(c) {
  const h = "0123456789abcdef", s = c.toLowerCase();
  const v = (i) => h.indexOf(s[i]) * 16 + h.indexOf(s[i + 1]);
  return [v(1), v(3), v(5)];
}
function hex2(n) { const h = "0123456789abcdef"; n = Math.max(0, Math.min(255, Math.round(n))); return h[n >> 4] + h[n & 15]; }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + Math.max(0, Math.min(1, a)).toFixed(3) + ")"; }

const fitCache = new Map();
function fit(ctx, text, size, maxW) {
  const key = size + "|" + maxW + "|" + text;
  if (fitCache.has(key)) return fitCache.get(key);
  if (fitCache.size > 200) fitCache.clear();
  let out = text;
  if (ctx.measureText(text, size) > maxW) {
    let n = text.length;
    while (n > 1 && ctx.measureText(text.slice(0, n) + "...", size) > maxW) n--;
    out = text.slice(0, n) + "...";
  }
  fitCache.set(key, out);
  return out;
}

// ---------- bubble sprites ----------
// One 14 x 14 pixel-art bubble per colour, so the whole board costs one draw call per bubble.
// K outline, D shade, X base, L light, W shine, E eye.
function bubbleArt(style) {
  const rows = [];
  for (let y = 0; y < 14; y++) {
    let row = "";
    for (let x = 0; x < 14; x++) {
      const dx = x - 6.5, dy = y - 6.5, d = Math.sqrt(dx * dx + dy * dy);
      let ch = ".";
      if (d <= 7) {
        ch = d > 6 ? "K" : "X";
        if (ch === "X") {
          if (style === "glossy") ch = dx + dy > 5 ? "D" : d < 3 && dx + dy < -1 ? "L" : "X";
          if (style === "gem") ch = Math.abs(dx) + Math.abs(dy) < 4 ? "L" : dy > 1.5 ? "D" : dx < -1.5 ? "L" : "X";
          if (style === "face") ch = dx + dy > 6 ? "D" : "X";
        }
      }
      row += ch;
    }
    rows.push(row.split(""));
  }
  if (style === "glossy" || style === "face") { rows[3][4] = "W"; rows[3][5] = "W"; rows[4][3] = "W"; }
  if (style === "gem") { rows[3][5] = "W"; rows[4][4] = "W"; }
  if (style === "face") {
    for (const [y, x] of [[5, 4], [6, 4], [5, 9], [6, 9]]) rows[y][x] = "E";
    for (const x of [5, 6, 7, 8]) rows[x === 5 || x === 8 ? 9 : 10][x] = "E";
  }
  return rows.map((r) => r.join(""));
}

// ---------- grid ----------
function rowLen(r) { return r % 2 ? C - 1 : C; }
function cellX(r, c) { return left + R + c * D + (r % 2 ? R : 0); }
function cellY(r) { return ceilY + R + r * ROW_H; }
function at(r, c) { return r >= 0 && r < MAX_ROWS && c >= 0 && c < rowLen(r) ? grid[r][c] : -1; }
function neighbours(r, c) {
  const o = r % 2 ? 1 : 0;
  return [[r, c - 1], [r, c + 1], [r - 1, c - 1 + o], [r - 1, c + o], [r + 1, c - 1 + o], [r + 1, c + o]];
}
function count() { let n = 0; for (const row of grid) for (const v of row) if (v >= 0) n++; return n; }

function buildLevel(ctx) {
  grid = [];
  for (let r = 0; r < MAX_ROWS; r++) { grid.push([]); for (let c = 0; c < rowLen(r); c++) grid[r].push(-1); }
  const rows = Math.min(8, P.startRows + level - 1);
  const n = P.colors;
  for (let r = 0; r < rows; r++) for (let c = 0; c < rowLen(r); c++) {
    // copy a neighbour's colour now and then, so the board has groups to aim for
    let v = ctx.randInt(0, n - 1);
    if (c > 0 && ctx.random() < 0.4) v = grid[r][c - 1];
    else if (r > 0 && ctx.random() < 0.35) v = at(r - 1, c) >= 0 ? at(r - 1, c) : v;
    grid[r][c] = v;
  }
  ceilY = HUD_H + 4;
  shots = 0;
  flying = null;
  cur = newBubble(ctx);
  next = newBubble(ctx);
}

// A colour still on the board (never one that cannot be matched any more).
function newBubble(ctx) {
  const present = [];
  for (const row of grid) for (const v of row) if (v >= 0 && present.indexOf(v) < 0) present.push(v);
  return present.length ? ctx.pick(present) : ctx.randInt(0, P.colors - 1);
}

function collides(x, y) {
  if (y - R <= ceilY) return true;
  const rr = Math.round((y - ceilY - R) / ROW_H);
  for (let r = Math.max(0, rr - 1); r <= Math.min(MAX_ROWS - 1, rr + 1); r++) {
    const cy = cellY(r);
    for (let c = 0; c < rowLen(r); c++) {
      if (grid[r][c] < 0) continue;
      const dx = cellX(r, c) - x, dy = cy - y;
      if (dx * dx + dy * dy < (D * 0.82) * (D * 0.82)) return true;
    }
  }
  return false;
}

// The nearest free cell that touches the ceiling or another bubble.
function snapCell(x, y) {
  const rr = Math.round((y - ceilY - R) / ROW_H);
  let bestCell = null, bestD = 1e9;
  for (let r = Math.max(0, rr - 2); r <= Math.min(MAX_ROWS - 1, rr + 2); r++) {
    for (let c = 0; c < rowLen(r); c++) {
      if (grid[r][c] >= 0) continue;
      const attached = r === 0 || neighbours(r, c).some(([a, b]) => at(a, b) >= 0);
      if (!attached) continue;
      const dx = cellX(r, c) - x, dy = cellY(r) - y, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; bestCell = [r, c]; }
    }
  }
  return bestCell;
}

function flood(r0, c0, sameColour) {
  const want = grid[r0][c0], seen = {}, out = [], stack = [[r0, c0]];
  while (stack.length) {
    const [r, c] = stack.pop();
    const k = r * 32 + c;
    if (seen[k]) continue;
    const v = at(r, c);
    if (v < 0 || (sameColour && v !== want)) continue;
    seen[k] = true;
    out.push([r, c]);
    for (const nb of neighbours(r, c)) stack.push(nb);
  }
  return out;
}

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 3) * 0.5, s = spd * (0.4 + ((i * 7) % 10) / 12);
    parts.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.45, max: 0.45, color, r: 1.5 + (i % 2) });
  }
  if (parts.length > MAX_PARTS) parts.splice(0, parts.length - MAX_PARTS);
}

function addScore(ctx, n) {
  ctx.score.add(n);
  if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("bubble-pop.best", best); }
}

function lowestBottom() {
  for (let r = MAX_ROWS - 1; r >= 0; r--) if (grid[r].some((v) => v >= 0)) return cellY(r) + R;
  return 0;
}

function land(ctx, x, y, color) {
  const cell = snapCell(x, y);
  if (!cell) return;
  const [r, c] = cell;
  grid[r][c] = color;
  const group = flood(r, c, true);
  if (group.length >= 3) {
    for (const [a, b] of group) {
      pops.push({ x: cellX(a, b), y: cellY(a), t: 0.3, color: P.bubbleColors[grid[a][b]] });
      burst(cellX(a, b), cellY(a), P.bubbleColors[grid[a][b]], 4, 120);
      grid[a][b] = -1;
    }
    if (pops.length > 40) pops.splice(0, pops.length - 40);
    // whatever no longer hangs from the ceiling falls
    const held = {};
    for (let c2 = 0; c2 < rowLen(0); c2++) if (grid[0][c2] >= 0) for (const [a, b] of flood(0, c2, false)) held[a * 32 + b] = true;
    let dropped = 0;
    for (let a = 0; a < MAX_ROWS; a++) for (let b = 0; b < rowLen(a); b++) {
      if (grid[a][b] < 0 || held[a * 32 + b]) continue;
      if (falling.length < MAX_FALL) falling.push({ x: cellX(a, b), y: cellY(a), vx: (b % 3 - 1) * 30, vy: -60 - (a % 3) * 30, color: grid[a][b] });
      grid[a][b] = -1;
      dropped++;
    }
    const pts = group.length * 10 + dropped * 20 * (dropped >= 5 ? 2 : 1);
    addScore(ctx, pts);
    popped += group.length + dropped;
    ctx.sound.tone(600 + Math.min(group.length, 10) * 40, 80, { type: "sine", volume: 0.16 });
    if (dropped) ctx.sound.effect("coin");
    banner = { text: dropped === 1 ? ctx.t("+{pts}  (1 dropped!)", { pts }) : dropped ? ctx.t("+{pts}  ({n} dropped!)", { pts, n: dropped }) : "+" + pts, t: 0.9, small: true };
    if (group.length + dropped >= 8) ctx.event("combo", { popped: group.length, dropped });
  } else {
    ctx.sound.tone(240, 50, { type: "triangle", volume: 0.12 });
    shots++;
    if (P.dropEvery > 0 && shots >= P.dropEvery) {
      shots = 0;
      ceilY += ROW_H;
      shake = 0.35;
      ctx.sound.tone(110, 200, { type: "sawtooth", volume: 0.12 });
    }
  }
  // the colour in hand may be gone from the board now
  if (count() > 0) { const ok = []; for (const row of grid) for (const v of row) ok[v] = true; if (!ok[cur]) cur = newBubble(ctx); }
  if (count() === 0) { levelCleared(ctx); return; }
  if (lowestBottom() > DANGER_Y) {
    state = "over";
    won = false;
    overAt = ctx.time;
    shake = 0.5;
    ctx.sound.effect("lose");
    ctx.gameOver({ won: false, message: ctx.t("The {name} reached the bottom on level {n}. Score {score}", { name: P.bubbleName, n: level, score: ctx.score.get() }) });
  }
}

function levelCleared(ctx) {
  const bonus = 200 + 100 * level;
  addScore(ctx, bonus);
  ctx.event("level", { level, score: ctx.score.get() });
  if (level >= P.levels) {
    state = "over";
    won = true;
    overAt = ctx.time;
    ctx.sound.effect("win");
    ctx.gameOver({ won: true, message: ctx.t("All {n} boards cleared! Score {score}", { n: P.levels, score: ctx.score.get() }) });
    return;
  }
  ctx.sound.effect("win");
  state = "cleared";
  stateT = 0;
  banner = { text: ctx.t("Board clear! +{bonus}", { bonus }), t: 1.6 };
}

function shoot(ctx) {
  if (flying || state !== "play") return;
  flying = { x: W / 2, y: SHOOT_Y, vx: Math.sin(aim) * P.shotSpeed, vy: -Math.cos(aim) * P.shotSpeed, color: cur };
  cur = next;
  next = newBubble(ctx);
  ctx.sound.effect("jump");
}

// Moves the shot in steps of at most 6 px, bouncing off the side walls.
function moveShot(ctx, dt) {
  const f = flying;
  const steps = Math.max(1, Math.ceil((P.shotSpeed * dt) / 6));
  for (let i = 0; i < steps; i++) {
    f.x += (f.vx * dt) / steps;
    f.y += (f.vy * dt) / steps;
    if (f.x < left + R) { f.x = left + R; f.vx = Math.abs(f.vx); ctx.sound.tone(400, 20, { type: "triangle", volume: 0.06 }); }
    if (f.x > right - R) { f.x = right - R; f.vx = -Math.abs(f.vx); ctx.sound.tone(400, 20, { type: "triangle", volume: 0.06 }); }
    if (collides(f.x, f.y)) { flying = null; land(ctx, f.x, f.y, f.color); return; }
  }
}

// ---------- input ----------
function steer(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  if (inp.down("left")) aim -= 1.6 * dt;
  if (inp.down("right")) aim += 1.6 * dt;
  if (lastPtr === null) lastPtr = { x: p.x, y: p.y };
  const moved = Math.abs(p.x - lastPtr.x) + Math.abs(p.y - lastPtr.y) > 0.5;
  lastPtr.x = p.x; lastPtr.y = p.y;
  const onNext = Math.abs(p.x - (W / 2 - 60)) < 22 && Math.abs(p.y - (SHOOT_Y + 8)) < 22;
  if ((moved || p.down) && p.y < SHOOT_Y - 6 && !onNext) aim = Math.atan2(p.x - W / 2, SHOOT_Y - p.y);
  aim = Math.max(-1.35, Math.min(1.35, aim));
  if (p.pressed) armed = true; // a press that started before this round (the start tap) does not shoot
  if (inp.pressed("down") || (p.pressed && onNext)) {
    const t = cur; cur = next; next = t; armed = false;
    ctx.sound.effect("click");
  }
  if (inp.pressed("action") || inp.pressed("up") || (p.released && armed && p.y < SHOOT_Y - 6)) shoot(ctx);
  if (p.released) armed = false;
}

// ---------- drawing ----------
function drawGuide(ctx) {
  let x = W / 2, y = SHOOT_Y, vx = Math.sin(aim), vy = -Math.cos(aim);
  const c = rgba(P.text, 0.5);
  for (let i = 1; i <= 90; i++) {
    x += vx * 6; y += vy * 6;
    if (x < left + R) { x = 2 * (left + R) - x; vx = -vx; }
    if (x > right - R) { x = 2 * (right - R) - x; vx = -vx; }
    if (collides(x, y)) { ctx.strokeCircle(x, y, R - 1, rgba(P.text, 0.35), 1.5); return; }
    if (i % 3 === 0) ctx.circle(x, y, i < 45 ? 2 : 1.5, c);
  }
}

function bubble(ctx, v, x, y) { ctx.sprite.draw("bp" + v, Math.round(x - R), Math.round(y - R), 2); }

function overlay(ctx, title, lines, color) {
  ctx.rect(0, 0, W, H, rgba(P.bg, 0.6));
  ctx.roundRect(W / 2 - 215, H / 2 - 78, 430, 156, 14, rgba(mix(P.bg, "#000000", 0.45), 0.94));
  ctx.strokeRect(W / 2 - 215, H / 2 - 78, 430, 156, rgba(P.primary, 0.6), 2);
  ctx.text(fit(ctx, title, 28, 400), W / 2, H / 2 - 48, { size: 28, color, align: "center", bold: true });
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    ctx.text(fit(ctx, lines[i], 14, 400), W / 2, H / 2 - 10 + i * 22, { size: 14, color: last ? P.accent : P.text, align: "center", bold: last });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {name} is the bubbleName parameter (a plural noun in the game's language), so the translations
// avoid gendered articles and adjectives around it.
const STRINGS = {
  es: {
    "bubbles": "burbujas",
    "+{pts}  (1 dropped!)": "+{pts}  (¡cayó 1!)",
    "+{pts}  ({n} dropped!)": "+{pts}  (¡cayeron {n}!)",
    "The {name} reached the bottom on level {n}. Score {score}": "Nivel {n}: ¡hay {name} en el fondo! Puntos {score}",
    "All {n} boards cleared! Score {score}": "¡Los {n} tableros limpios! Puntos {score}",
    "Board clear! +{bonus}": "¡Tablero limpio! +{bonus}",
    "Level {n}": "Nivel {n}",
    "next": "siguiente",
    "Level": "Nivel",
    "Ceiling drops in": "El techo baja en",
    "{n} shot": "{n} tiro",
    "{n} shots": "{n} tiros",
    "Popped": "Estallidos",
    "Best": "Récord",
    "Down: swap": "Abajo: cambiar",
    "Pop the {name}: match 3 or more of one colour": "Revienta {name}: junta 3 o más del mismo color",
    "Aim: mouse or Left/Right. Shoot: click or Space": "Apunta: ratón o flechas. Dispara: clic o Espacio",
    "The ceiling drops every {n} shots without a pop": "El techo baja cada {n} tiros sin reventar nada",
    "Clear the board to win": "Limpia el tablero para ganar",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "All clear!": "¡Todo limpio!",
    "Game over": "Fin del juego",
    "You popped every last one of the {name}!": "¡Ya no quedan {name}!",
    "The {name} reached the line": "¡Hay {name} en la línea!",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
  },
  fr: {
    "bubbles": "bulles",
    "+{pts}  (1 dropped!)": "+{pts}  (chute de 1 !)",
    "+{pts}  ({n} dropped!)": "+{pts}  (chute de {n} !)",
    "The {name} reached the bottom on level {n}. Score {score}": "Les {name} ont atteint le bas au niveau {n}. Score {score}",
    "All {n} boards cleared! Score {score}": "Les {n} plateaux vidés ! Score {score}",
    "Board clear! +{bonus}": "Plateau vidé ! +{bonus}",
    "Level {n}": "Niveau {n}",
    "next": "suivant",
    "Level": "Niveau",
    "Ceiling drops in": "Plafond baisse dans",
    "{n} shot": "{n} tir",
    "{n} shots": "{n} tirs",
    "Popped": "Éclatés",
    "Best": "Record",
    "Down: swap": "Bas : échanger",
    "Pop the {name}: match 3 or more of one colour": "Éclate les {name} : 3 ou plus de même couleur",
    "Aim: mouse or Left/Right. Shoot: click or Space": "Vise : souris ou flèches. Tire : clic ou Espace",
    "The ceiling drops every {n} shots without a pop": "Le plafond descend tous les {n} tirs ratés",
    "Clear the board to win": "Vide le plateau pour gagner",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour jouer",
    "All clear!": "Plateau vidé !",
    "Game over": "Partie terminée",
    "You popped every last one of the {name}!": "Il ne reste plus de {name} !",
    "The {name} reached the line": "Les {name} ont atteint la ligne",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "bubbles": "Blasen",
    "+{pts}  (1 dropped!)": "+{pts}  (1 abgefallen!)",
    "+{pts}  ({n} dropped!)": "+{pts}  ({n} abgefallen!)",
    "The {name} reached the bottom on level {n}. Score {score}": "Die {name} haben in Level {n} den Boden erreicht. Punkte {score}",
    "All {n} boards cleared! Score {score}": "Alle {n} Felder geräumt! Punkte {score}",
    "Board clear! +{bonus}": "Feld geräumt! +{bonus}",
    "Level {n}": "Level {n}",
    "next": "nächste",
    "Level": "Level",
    "Ceiling drops in": "Decke sinkt in",
    "{n} shot": "{n} Schuss",
    "{n} shots": "{n} Schüssen",
    "Popped": "Geplatzt",
    "Best": "Rekord",
    "Down: swap": "Runter: tauschen",
    "Pop the {name}: match 3 or more of one colour": "Lass die {name} platzen: 3+ gleicher Farbe",
    "Aim: mouse or Left/Right. Shoot: click or Space": "Zielen: Maus oder Pfeile. Schuss: Klick/Leertaste",
    "The ceiling drops every {n} shots without a pop": "Die Decke sinkt alle {n} Schüsse ohne Treffer",
    "Clear the board to win": "Räum das Feld ab, um zu gewinnen",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "All clear!": "Alles weg!",
    "Game over": "Spiel vorbei",
    "You popped every last one of the {name}!": "Du hast alle {name} platzen lassen!",
    "The {name} reached the line": "Die {name} haben die Linie erreicht",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "bubbles": "bolhas",
    "+{pts}  (1 dropped!)": "+{pts}  (1 caiu!)",
    "+{pts}  ({n} dropped!)": "+{pts}  ({n} caíram!)",
    "The {name} reached the bottom on level {n}. Score {score}": "Nível {n}: há {name} no fundo! Pontos {score}",
    "All {n} boards cleared! Score {score}": "Todos os {n} tabuleiros limpos! Pontos {score}",
    "Board clear! +{bonus}": "Tabuleiro limpo! +{bonus}",
    "Level {n}": "Nível {n}",
    "next": "a seguir",
    "Level": "Nível",
    "Ceiling drops in": "O teto desce em",
    "{n} shot": "{n} tiro",
    "{n} shots": "{n} tiros",
    "Popped": "Estouros",
    "Best": "Recorde",
    "Down: swap": "Baixo: trocar",
    "Pop the {name}: match 3 or more of one colour": "Estoure {name}: junte 3 ou mais da mesma cor",
    "Aim: mouse or Left/Right. Shoot: click or Space": "Mire: mouse ou setas. Atire: clique ou Espaço",
    "The ceiling drops every {n} shots without a pop": "O teto desce a cada {n} tiros sem estourar",
    "Clear the board to win": "Limpe o tabuleiro para vencer",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "All clear!": "Tudo limpo!",
    "Game over": "Fim de jogo",
    "You popped every last one of the {name}!": "Não restam mais {name}!",
    "The {name} reached the line": "Há {name} na linha!",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    if (P.bubbleName === "bubbles") P.bubbleName = ctx.t("bubbles"); // the default name in the player's language
    W = ctx.width;
    H = ctx.height;
    C = P.columns;
    left = Math.round((W - C * D) / 2);
    right = left + C * D;
    const art = bubbleArt(P.bubbleStyle);
    P.bubbleColors.forEach((c, i) => {
      ctx.sprite.define("bp" + i, art, {
        K: mix(c, "#000000", 0.55), D: mix(c, "#000000", 0.25), X: c, L: mix(c, "#ffffff", 0.35), W: "#ffffff", E: "#1f2937",
      });
    });
    level = 1;
    falling = [];
    parts = [];
    pops = [];
    aim = 0;
    lastPtr = null;
    armed = false;
    shake = 0;
    popped = 0;
    won = false;
    overAt = 0;
    banner = null;
    best = ctx.store.get("bubble-pop.best", 0);
    buildLevel(ctx);
    state = "intro";
    stateT = 0;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    stateT += dt;
    for (const f of falling) { f.x += f.vx * dt; f.y += f.vy * dt; f.vy += 900 * dt; }
    falling = falling.filter((f) => f.y < H + R);
    for (const p of parts) { p.x += p.vx * dt; p.y += p.vy * dt; p.life -= dt; }
    parts = parts.filter((p) => p.life > 0);
    for (const p of pops) p.t -= dt;
    pops = pops.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    if (banner) { banner.t -= dt; if (banner.t <= 0) banner = null; }
    const inp = ctx.input;

    if (state === "intro") {
      steer(ctx, dt);
      if (inp.pressed("action") || inp.pointer.pressed || inp.pressed("up")) {
        state = "play";
        stateT = 0;
        armed = false;
        ctx.sound.effect("click");
      }
      return;
    }
    if (state === "cleared") {
      if (stateT > 1.6) { level++; buildLevel(ctx); state = "play"; banner = { text: ctx.t("Level {n}", { n: level }), t: 1.2 }; }
      return;
    }
    if (state !== "play") return;
    steer(ctx, dt);
    if (flying) moveShot(ctx, dt);
  },

  draw(ctx) {
    const t = ctx.time;
    const ox = shake > 0 ? Math.sin(t * 80) * 5 * shake : 0;
    ctx.clear(mix(P.bg, "#000000", 0.3));
    // the playfield and its frame
    ctx.rect(left + ox, HUD_H, right - left, H - HUD_H, P.bg);
    ctx.rect(left - 4 + ox, HUD_H, 4, H - HUD_H, mix(P.bg, P.primary, 0.45));
    ctx.rect(right + ox, HUD_H, 4, H - HUD_H, mix(P.bg, P.primary, 0.45));
    // the ceiling (a block that grows as it comes down)
    ctx.rect(left + ox, HUD_H, right - left, ceilY - HUD_H, mix(P.bg, P.primary, 0.3));
    ctx.rect(left + ox, ceilY - 3, right - left, 3, mix(P.bg, P.primary, 0.7));
    for (let y = HUD_H + 8; y < ceilY - 6; y += 12) ctx.rect(left + ox, y, right - left, 1, rgba(P.text, 0.08));
    // danger line
    const low = lowestBottom();
    const warn = low > DANGER_Y - ROW_H * 1.5;
    ctx.rect(left + ox, DANGER_Y, right - left, 2, warn && Math.floor(t * 6) % 2 === 0 ? "#ef4444" : rgba(P.text, 0.18));

    for (let r = 0; r < MAX_ROWS; r++) {
      const y = cellY(r);
      for (let c = 0; c < rowLen(r); c++) if (grid[r][c] >= 0) bubble(ctx, grid[r][c], cellX(r, c) + ox, y);
    }
    for (const p of pops) ctx.strokeCircle(p.x + ox, p.y, R + (0.3 - p.t) * 40, rgba(p.color, p.t * 3), 2);
    for (const f of falling) bubble(ctx, f.color, f.x + ox, f.y);
    for (const p of parts) ctx.rect(p.x - p.r + ox, p.y - p.r, p.r * 2, p.r * 2, rgba(p.color, (p.life / p.max) * 1.4));

    // launcher
    if (P.aimGuide && (state === "play" || state === "intro") && !flying) drawGuide(ctx);
    const ax = W / 2 + Math.sin(aim) * 30, ay = SHOOT_Y - Math.cos(aim) * 30;
    ctx.line(W / 2, SHOOT_Y, ax, ay, P.accent, 6);
    ctx.circle(W / 2, SHOOT_Y + 12, 20, mix(P.bg, P.primary, 0.5));
    ctx.circle(W / 2, SHOOT_Y + 12, 14, mix(P.bg, P.primary, 0.3));
    if (state !== "over" || won) bubble(ctx, cur, W / 2, SHOOT_Y);
    if (flying) bubble(ctx, flying.color, flying.x + ox, flying.y);
    bubble(ctx, next, W / 2 - 60, SHOOT_Y + 8);
    ctx.text(ctx.t("next"), W / 2 - 60, SHOOT_Y + 30, { size: 10, color: rgba(P.text, 0.6), align: "center" });

    // side panels
    const sx = left / 2;
    ctx.text(ctx.t("Level"), sx, 90, { size: 12, color: rgba(P.text, 0.6), align: "center" });
    ctx.text(level + " / " + P.levels, sx, 110, { size: 18, color: P.text, align: "center", bold: true });
    if (P.dropEvery > 0) {
      const leftShots = P.dropEvery - shots;
      ctx.text(ctx.t("Ceiling drops in"), sx, 160, { size: 11, color: rgba(P.text, 0.6), align: "center" });
      ctx.text(leftShots === 1 ? ctx.t("{n} shot", { n: leftShots }) : ctx.t("{n} shots", { n: leftShots }), sx, 180, { size: 16, color: leftShots <= 2 ? "#f87171" : P.text, align: "center", bold: true });
      for (let i = 0; i < P.dropEvery && i < 20; i++) ctx.rect(sx - 40 + (i % 10) * 8, 196 + Math.floor(i / 10) * 8, 6, 6, i < leftShots ? P.accent : rgba(P.text, 0.15));
    }
    const rx = right + (W - right) / 2;
    ctx.text(ctx.t("Popped"), rx, 90, { size: 12, color: rgba(P.text, 0.6), align: "center" });
    ctx.text(String(popped), rx, 110, { size: 18, color: P.text, align: "center", bold: true });
    ctx.text(ctx.t("Best"), rx, 160, { size: 12, color: rgba(P.text, 0.6), align: "center" });
    ctx.text(String(best), rx, 180, { size: 16, color: P.accent, align: "center", bold: true });

    // HUD
    ctx.rect(0, 0, W, HUD_H, mix(P.bg, "#000000", 0.5));
    ctx.text(fit(ctx, P.title, 15, 240), 10, 15, { size: 15, color: P.text, bold: true });
    ctx.text(String(ctx.score.get()), W / 2 + 60, 15, { size: 17, color: P.accent, align: "center", bold: true });
    ctx.text(ctx.t("Down: swap"), W - 10, 15, { size: 11, color: rgba(P.text, 0.45), align: "right" });

    if (banner) {
      const a = Math.min(1, banner.t * 3);
      ctx.text(banner.text, W / 2, banner.small ? DANGER_Y - 24 : H / 2, { size: banner.small ? 15 : 24, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "intro") {
      overlay(ctx, P.title, [
        ctx.t("Pop the {name}: match 3 or more of one colour", { name: P.bubbleName }),
        ctx.t("Aim: mouse or Left/Right. Shoot: click or Space"),
        P.dropEvery > 0 ? ctx.t("The ceiling drops every {n} shots without a pop", { n: P.dropEvery }) : ctx.t("Clear the board to win"),
        ctx.t("Press Space or tap to start"),
      ], P.text);
    }
    if (state === "over") {
      const since = t - overAt;
      overlay(ctx, won ? ctx.t("All clear!") : ctx.t("Game over"), [
        won ? ctx.t("You popped every last one of the {name}!", { name: P.bubbleName }) : ctx.t("The {name} reached the line", { name: P.bubbleName }),
        ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }),
        since > 0.8 ? ctx.t("Press Space or tap to play again") : "",
      ], won ? P.accent : P.text);
      if (since > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    }
  },

  strings: STRINGS,
});
