// Sliding Puzzle: slide the tiles back into order (numbers or a drawn picture).
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const BOARD = { x: 22, y: 20, size: 320 };

let P, C;
let n, board, gap, moves, elapsed, timeLimit, mode, picture, showNumbers;
let tileSize, tileGap, sub, tileColors, anim, won, endTimer, endResult, hoverIdx, best, flashT, lastDir;

// ---------- small helpers ----------
function clampInt(v, lo, hi, fb) {
  const x = Number.isFinite(v) ? Math.round(v) : fb;
  return Math.max(lo, Math.min(hi, x));
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
  t = Math.max(0, Math.min(1, t));
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
function fmtTime(s) {
  const t = Math.max(0, Math.floor(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
}
function fitSize(ctx, str, want, maxW) {
  const w = ctx.measureText(str, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}

// ---------- the picture: colour of point (u, v) in [0,1]^2 ----------
function pictureColor(u, v) {
  // A two-axis gradient keeps every tile distinguishable; the pattern adds structure on top.
  const base = mix(mix(C.primary, C.accent, u), v < 0.5 ? WHITE : BLACK, Math.abs(v - 0.5) * 0.7);
  switch (picture) {
    case "rings": {
      const d = Math.hypot(u - 0.5, v - 0.5);
      return Math.floor(d * 11) % 2 === 0 ? base : mix(base, WHITE, 0.28);
    }
    case "stripes":
      return Math.floor((u + v) * 7) % 2 === 0 ? base : mix(base, BLACK, 0.25);
    case "waves": {
      const w = Math.sin(u * 14 + Math.sin(v * 9) * 1.8) * Math.cos(v * 6);
      return w > 0.15 ? mix(base, WHITE, 0.3) : w < -0.15 ? mix(base, BLACK, 0.2) : base;
    }
    case "checker": {
      const k = (Math.floor(u * 6) + Math.floor(v * 6)) % 2;
      return k === 0 ? base : mix(base, C.bg, 0.35);
    }
    default: {
      // landscape: sky, sun, two mountain ranges, a lake
      const sunD = Math.hypot(u - 0.72, v - 0.27);
      const far = 0.5 + 0.1 * Math.sin(u * 9 + 1) + 0.05 * Math.sin(u * 23);
      const near = 0.66 + 0.09 * Math.sin(u * 6 + 3) + 0.04 * Math.sin(u * 19 + 2);
      if (v > 0.84) return mix(mix(C.primary, C.bg, 0.3), WHITE, 0.15 + 0.1 * Math.sin(u * 40 + v * 30));
      if (v > near) return mix(C.primary, BLACK, 0.35 + (v - near) * 0.8);
      if (v > far) return mix(mix(C.primary, C.accent, 0.3), BLACK, 0.12);
      if (sunD < 0.13) return mix(C.accent, WHITE, 0.35);
      if (sunD < 0.17) return mix(C.accent, WHITE, 0.6);
      return mix(mix(C.primary, WHITE, 0.55), mix(C.accent, WHITE, 0.5), v * 1.6 + u * 0.2);
    }
  }
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#14213d");
  const primary = parseHex(pal.primary, "#3a86ff");
  const accent = parseHex(pal.accent, "#ffbe0b");
  const text = parseHex(pal.text, "#f5f5f5");
  C = {
    bg, primary, accent, text,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, text, 0.07),
    well: mix(bg, BLACK, 0.3),
  };
  n = clampInt(P.size, 3, 5, 4);
  mode = P.tiles === "picture" ? "picture" : "numbers";
  picture = ["landscape", "rings", "stripes", "waves", "checker"].indexOf(P.picture) >= 0 ? P.picture : "landscape";
  showNumbers = mode === "numbers" || P.show_numbers === true;
  timeLimit = clampInt(P.time_limit, 0, 1800, 0);

  tileGap = 4;
  tileSize = (BOARD.size - tileGap * (n + 1)) / n;
  sub = n === 3 ? 10 : n === 4 ? 8 : 6;
  tileColors = [];
  for (let v = 0; v < n * n; v++) {
    const hr = Math.floor(v / n), hc = v % n;
    const cells = [];
    for (let j = 0; j < sub; j++) {
      for (let i = 0; i < sub; i++) {
        cells.push(rgb(pictureColor((hc + (i + 0.5) / sub) / n, (hr + (j + 0.5) / sub) / n)));
      }
    }
    tileColors.push(cells);
  }

  // Solved board: value v+1 at index v, 0 (the gap) in the last cell. Shuffle by legal moves only,
  // so the puzzle is always solvable.
  board = [];
  for (let i = 0; i < n * n - 1; i++) board.push(i + 1);
  board.push(0);
  gap = n * n - 1;
  const shuffleMoves = clampInt(P.shuffle_moves, 10, 1000, 200);
  let prev = -1;
  for (let k = 0; k < shuffleMoves || isSolved(); k++) {
    const opts = neighbours(gap).filter((i) => i !== prev);
    const pick = opts[Math.floor(ctx.random() * opts.length)];
    prev = gap;
    board[gap] = board[pick];
    board[pick] = 0;
    gap = pick;
    if (k > shuffleMoves + 1000) break;
  }

  anim = {};
  moves = 0;
  elapsed = 0;
  won = false;
  endTimer = -1;
  endResult = null;
  hoverIdx = -1;
  flashT = 0;
  lastDir = null;
  best = ctx.store.get(`sliding-puzzle:best:${n}`, null);
  ctx.score.set(0);
}

function neighbours(i) {
  const r = Math.floor(i / n), c = i % n, out = [];
  if (r > 0) out.push(i - n);
  if (r < n - 1) out.push(i + n);
  if (c > 0) out.push(i - 1);
  if (c < n - 1) out.push(i + 1);
  return out;
}
function isSolved() {
  for (let i = 0; i < n * n - 1; i++) if (board[i] !== i + 1) return false;
  return true;
}
function inPlaceCount() {
  let k = 0;
  for (let i = 0; i < n * n - 1; i++) if (board[i] === i + 1) k++;
  return k;
}
function cellXY(i) {
  const r = Math.floor(i / n), c = i % n;
  return { x: BOARD.x + tileGap + c * (tileSize + tileGap), y: BOARD.y + tileGap + r * (tileSize + tileGap) };
}
function cellAt(px, py) {
  for (let i = 0; i < n * n; i++) {
    const p = cellXY(i);
    if (px >= p.x - tileGap / 2 && px <= p.x + tileSize + tileGap / 2 && py >= p.y - tileGap / 2 && py <= p.y + tileSize + tileGap / 2) return i;
  }
  return -1;
}

// Slide the tile at index i (must be next to the gap) into the gap.
function slide(ctx, i) {
  const v = board[i];
  const from = cellXY(i), to = cellXY(gap);
  anim[v] = { x: from.x - to.x, y: from.y - to.y };
  board[gap] = v;
  board[i] = 0;
  gap = i;
  moves++;
  ctx.sound.tone(300 + (v % n) * 40, 35, { type: "triangle", volume: 0.12 });
}

// Tap: any tile in the gap's row or column slides (with every tile between it and the gap).
function slideTowardGap(ctx, i) {
  if (i < 0 || i === gap) return false;
  const r = Math.floor(i / n), c = i % n, gr = Math.floor(gap / n), gc = gap % n;
  if (r !== gr && c !== gc) return false;
  const step = r === gr ? (c > gc ? 1 : -1) : r > gr ? n : -n;
  while (gap !== i) slide(ctx, gap + step);
  return true;
}

function afterMove(ctx) {
  if (!isSolved()) return;
  won = true;
  const score = Math.max(50, Math.round(1000 * (n - 2) + 500 - moves * 2 - elapsed));
  ctx.score.set(score);
  const record = best !== null && moves < best;
  if (best === null || moves < best) {
    ctx.store.set(`sliding-puzzle:best:${n}`, moves);
    best = moves;
  }
  endResult = {
    won: true,
    title: record ? ctx.t("Solved! New best") : ctx.t("Solved!"),
    message: ctx.t("Solved the {n}x{n} puzzle in {moves} moves and {time}.", { n, moves, time: fmtTime(elapsed) }),
  };
  ctx.sound.effect("win");
  ctx.event("level", { solved: true, moves });
  endTimer = 1.4;
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, ptr = inp.pointer;
  for (const k in anim) {
    const a = anim[k];
    const f = Math.max(0, 1 - dt * 18);
    a.x *= f;
    a.y *= f;
    if (Math.abs(a.x) < 0.5 && Math.abs(a.y) < 0.5) delete anim[k];
  }
  flashT = Math.max(0, flashT - dt);
  hoverIdx = cellAt(ptr.x, ptr.y);

  if (endTimer >= 0) {
    endTimer -= dt;
    if (endTimer < 0) {
      endTimer = 0;
      anim = {};
      ctx.gameOver({ won: endResult.won, message: endResult.message });
    }
    return;
  }

  elapsed += dt;
  if (timeLimit > 0 && elapsed >= timeLimit) {
    elapsed = timeLimit;
    const k = inPlaceCount();
    ctx.score.set(k * 10);
    endResult = { won: false, title: ctx.t("Time's up!"), message: ctx.t("{k} of {total} tiles were in place after {moves} moves.", { k, total: n * n - 1, moves }) };
    ctx.sound.effect("lose");
    endTimer = 0.8;
    return;
  }

  // Arrow keys move the tile next to the gap in the arrow's direction.
  const gr = Math.floor(gap / n), gc = gap % n;
  let target = -1;
  if (inp.pressed("left") && gc < n - 1) target = gap + 1;
  else if (inp.pressed("right") && gc > 0) target = gap - 1;
  else if (inp.pressed("up") && gr < n - 1) target = gap + n;
  else if (inp.pressed("down") && gr > 0) target = gap - n;
  else if (inp.pressed("left") || inp.pressed("right") || inp.pressed("up") || inp.pressed("down")) flashT = 0.25;
  if (target >= 0) {
    slide(ctx, target);
    afterMove(ctx);
    return;
  }

  if (ptr.pressed) {
    const i = cellAt(ptr.x, ptr.y);
    if (i >= 0 && i !== gap) {
      if (slideTowardGap(ctx, i)) afterMove(ctx);
      else {
        flashT = 0.25;
        ctx.sound.tone(140, 60, { type: "square", volume: 0.06 });
      }
    }
  }
}

// ---------- draw ----------
function drawTile(ctx, v, x, y, size, inPlace, hov) {
  const s = size;
  ctx.rect(x + 2, y + 3, s, s, rgb(BLACK, 0.3));
  if (mode === "picture") {
    const cells = tileColors[v - 1];
    for (let j = 0; j < sub; j++) {
      const y0 = Math.floor(y + (j * s) / sub), y1 = Math.floor(y + ((j + 1) * s) / sub);
      for (let i = 0; i < sub; i++) {
        const x0 = Math.floor(x + (i * s) / sub), x1 = Math.floor(x + ((i + 1) * s) / sub);
        // overlap neighbours slightly so scaled rendering shows no seams
        ctx.rect(x0, y0, x1 - x0 + (i < sub - 1 ? 0.75 : 0), y1 - y0 + (j < sub - 1 ? 0.75 : 0), cells[j * sub + i]);
      }
    }
    if (hov) ctx.rect(x, y, s, s, rgb(WHITE, 0.15));
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1, rgb(BLACK, 0.35), 1);
    if (showNumbers) {
      ctx.roundRect(x + 3, y + 3, 22, 18, 5, rgb(BLACK, 0.45));
      ctx.text(String(v), x + 14, y + 12, { size: 12, color: "#fff", align: "center", bold: true });
    }
  } else {
    const f = hov ? mix(C.primary, WHITE, 0.15) : C.primary;
    ctx.roundRect(x, y, s, s, 8, rgb(f));
    ctx.roundRect(x + 3, y + 3, s - 6, s * 0.45, 6, rgb(WHITE, 0.1));
    ctx.text(String(v), x + s / 2, y + s / 2 + 1, { size: Math.round(s * 0.42), color: rgb(inkOn(f)), align: "center", bold: true });
    if (inPlace) {
      ctx.rect(x + 10, y + s - 7, s - 20, 3, rgb(C.accent));
      ctx.circle(x + s - 9, y + 9, 3, rgb(C.accent));
    }
  }
}

function draw(ctx) {
  ctx.clear(rgb(C.bg));

  // board well
  ctx.roundRect(BOARD.x - 4, BOARD.y - 4, BOARD.size + 8, BOARD.size + 8, 12, rgb(C.panel));
  ctx.roundRect(BOARD.x, BOARD.y, BOARD.size, BOARD.size, 10, rgb(C.well));
  const gp = cellXY(gap);
  ctx.roundRect(gp.x, gp.y, tileSize, tileSize, 8, rgb(flashT > 0 ? mix(C.well, C.accent, flashT * 2) : mix(C.well, BLACK, 0.2)));

  for (let i = 0; i < n * n; i++) {
    const v = board[i];
    if (v === 0) continue;
    const p = cellXY(i);
    const a = anim[v] || { x: 0, y: 0 };
    const hov = !won && endTimer < 0 && i === hoverIdx && slideable(i);
    drawTile(ctx, v, p.x + a.x, p.y + a.y, tileSize, board[i] === i + 1, hov);
  }
  if (won) {
    // the missing last tile fades in to complete the picture
    const f = endTimer > 0 ? Math.min(1, (1.4 - endTimer) * 2) : 1;
    const p = cellXY(n * n - 1);
    if (mode === "picture") {
      if (f > 0.05) drawTile(ctx, n * n, p.x, p.y, tileSize, true, false);
      if (f < 1) ctx.rect(p.x, p.y, tileSize, tileSize, rgb(C.well, 1 - f));
    } else {
      const cx = p.x + tileSize / 2, cy = p.y + tileSize / 2, r = tileSize * 0.3 * f;
      ctx.circle(cx, cy, r, rgb(C.accent));
      ctx.line(cx - r * 0.45, cy, cx - r * 0.1, cy + r * 0.38, rgb(inkOn(C.accent)), 3);
      ctx.line(cx - r * 0.1, cy + r * 0.38, cx + r * 0.5, cy - r * 0.35, rgb(inkOn(C.accent)), 3);
    }
    ctx.strokeRect(BOARD.x - 2, BOARD.y - 2, BOARD.size + 4, BOARD.size + 4, rgb(C.accent), 3);
  }

  // side panel
  const px = 366, pw = W - px - 18;
  const title = String(P.title || ctx.t("Sliding Puzzle"));
  ctx.text(title, px, 32, { size: fitSize(ctx, title, 20, pw), color: rgb(C.text), bold: true });
  ctx.text(String(P.theme || ctx.t("{n}x{n} puzzle", { n })), px, 54, { size: 12, color: rgb(C.muted) });
  const tLeft = timeLimit > 0 ? timeLimit - elapsed : elapsed;
  const stats = [
    [ctx.t("MOVES"), String(moves)],
    [timeLimit > 0 ? ctx.t("LEFT") : ctx.t("TIME"), fmtTime(timeLimit > 0 ? Math.ceil(tLeft) : tLeft)],
    [ctx.t("IN PLACE"), `${inPlaceCount()}/${n * n - 1}`],
    [ctx.t("BEST"), best === null ? "-" : String(best)],
  ];
  stats.forEach((s, i) => {
    const x = px + (i % 2) * 128, y = 84 + Math.floor(i / 2) * 46;
    ctx.roundRect(x, y, 118, 40, 8, rgb(C.panel));
    ctx.text(s[0], x + 10, y + 12, { size: 10, color: rgb(C.muted) });
    const low = i === 1 && timeLimit > 0 && tLeft < 15;
    ctx.text(s[1], x + 10, y + 28, { size: 16, color: rgb(low ? C.accent : C.text), bold: true });
  });

  // goal preview
  const gx = px, gy = 186, gs = 96;
  ctx.text(ctx.t("GOAL"), gx, gy - 8, { size: 10, color: rgb(C.muted) });
  ctx.rect(gx - 2, gy - 2, gs + 4, gs + 4, rgb(C.panel));
  const cs = gs / n;
  for (let v = 1; v <= n * n; v++) {
    const r = Math.floor((v - 1) / n), c = (v - 1) % n;
    const x = gx + c * cs, y = gy + r * cs;
    if (mode === "picture") {
      const cells = tileColors[v - 1];
      const step = 2, q = cs / (sub / step);
      for (let j = 0; j < sub; j += step) {
        for (let i = 0; i < sub; i += step) {
          ctx.rect(x + (i / step) * q, y + (j / step) * q, q + 0.75, q + 0.75, cells[j * sub + i]);
        }
      }
    } else if (v < n * n) {
      ctx.rect(x + 1, y + 1, cs - 2, cs - 2, rgb(C.primary));
      ctx.text(String(v), x + cs / 2, y + cs / 2, { size: Math.round(cs * 0.45), color: rgb(inkOn(C.primary)), align: "center" });
    }
  }
  // the translations choose their own line breaks
  const help = ctx.t("Tap a tile in the gap's\nrow or column, or use\nthe arrow keys, to slide\ntiles into the gap.").split("\n");
  help.forEach((line, k) => ctx.text(line, px + gs + 12, gy + 14 + k * 16, { size: 11, color: rgb(C.muted) }));
  if (timeLimit > 0) {
    const f = Math.max(0, 1 - elapsed / timeLimit);
    ctx.rect(px, 300, pw, 6, rgb(C.panel));
    ctx.rect(px, 300, pw * f, 6, rgb(f < 0.2 ? C.accent : C.primary));
  }

  if (endResult && endTimer <= 0.5) {
    ctx.roundRect(px - 6, 292, pw + 12, 56, 12, rgb(C.panel));
    ctx.strokeRect(px - 6, 292, pw + 12, 56, rgb(endResult.won ? C.accent : C.primary), 2);
    ctx.text(endResult.title, px + pw / 2, 310, { size: 18, color: rgb(endResult.won ? C.accent : C.text), align: "center", bold: true });
    ctx.text(ctx.t("Score {n}", { n: ctx.score.get() }), px + pw / 2, 332, { size: 13, color: rgb(C.text), align: "center" });
  }
}

function slideable(i) {
  if (i === gap) return false;
  return Math.floor(i / n) === Math.floor(gap / n) || i % n === gap % n;
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "Solved! New best": "¡Resuelto! Nuevo récord",
    "Solved!": "¡Resuelto!",
    "Solved the {n}x{n} puzzle in {moves} moves and {time}.": "Resolviste el puzle de {n}x{n} en {moves} movimientos y {time}.",
    "Time's up!": "¡Se acabó el tiempo!",
    "{k} of {total} tiles were in place after {moves} moves.": "{k} de {total} fichas estaban en su sitio tras {moves} movimientos.",
    "Sliding Puzzle": "Puzle deslizante",
    "{n}x{n} puzzle": "Puzle de {n}x{n}",
    "MOVES": "MOVIMIENTOS",
    "LEFT": "QUEDA",
    "TIME": "TIEMPO",
    "IN PLACE": "EN SU SITIO",
    "BEST": "RÉCORD",
    "GOAL": "OBJETIVO",
    "Tap a tile in the gap's\nrow or column, or use\nthe arrow keys, to slide\ntiles into the gap.": "Toca una ficha de la fila\no columna del hueco, o usa\nlas flechas, para deslizar\nfichas al hueco.",
    "Score {n}": "Puntos {n}",
  },
  fr: {
    "Solved! New best": "Résolu ! Nouveau record",
    "Solved!": "Résolu !",
    "Solved the {n}x{n} puzzle in {moves} moves and {time}.": "Taquin {n}x{n} résolu en {moves} coups et {time}.",
    "Time's up!": "Temps écoulé !",
    "{k} of {total} tiles were in place after {moves} moves.": "{k} pièces sur {total} bien placées après {moves} coups.",
    "Sliding Puzzle": "Taquin",
    "{n}x{n} puzzle": "Taquin {n}x{n}",
    "MOVES": "COUPS",
    "LEFT": "RESTANT",
    "TIME": "TEMPS",
    "IN PLACE": "BIEN PLACÉES",
    "BEST": "RECORD",
    "GOAL": "MODÈLE",
    "Tap a tile in the gap's\nrow or column, or use\nthe arrow keys, to slide\ntiles into the gap.": "Touche une pièce sur la\nligne ou colonne du trou,\nou utilise les flèches,\npour faire glisser les\npièces dans le trou.",
    "Score {n}": "Score : {n}",
  },
  de: {
    "Solved! New best": "Gelöst! Neuer Rekord",
    "Solved!": "Gelöst!",
    "Solved the {n}x{n} puzzle in {moves} moves and {time}.": "{n}x{n}-Puzzle in {moves} Zügen und {time} gelöst.",
    "Time's up!": "Zeit um!",
    "{k} of {total} tiles were in place after {moves} moves.": "Nach {moves} Zügen lagen {k} von {total} Steinen richtig.",
    "Sliding Puzzle": "Schiebepuzzle",
    "{n}x{n} puzzle": "{n}x{n}-Puzzle",
    "MOVES": "ZÜGE",
    "LEFT": "ÜBRIG",
    "TIME": "ZEIT",
    "IN PLACE": "RICHTIG",
    "BEST": "REKORD",
    "GOAL": "ZIEL",
    "Tap a tile in the gap's\nrow or column, or use\nthe arrow keys, to slide\ntiles into the gap.": "Tippe einen Stein in der\nZeile oder Spalte der\nLücke an oder nutze die\nPfeiltasten, um Steine in\ndie Lücke zu schieben.",
    "Score {n}": "Punkte {n}",
  },
  pt: {
    "Solved! New best": "Resolvido! Novo recorde",
    "Solved!": "Resolvido!",
    "Solved the {n}x{n} puzzle in {moves} moves and {time}.": "Você resolveu o quebra-cabeça {n}x{n} em {moves} movimentos e {time}.",
    "Time's up!": "Acabou o tempo!",
    "{k} of {total} tiles were in place after {moves} moves.": "{k} de {total} peças estavam no lugar após {moves} movimentos.",
    "Sliding Puzzle": "Quebra-cabeça deslizante",
    "{n}x{n} puzzle": "Quebra-cabeça {n}x{n}",
    "MOVES": "MOVIMENTOS",
    "LEFT": "RESTA",
    "TIME": "TEMPO",
    "IN PLACE": "NO LUGAR",
    "BEST": "RECORDE",
    "GOAL": "OBJETIVO",
    "Tap a tile in the gap's\nrow or column, or use\nthe arrow keys, to slide\ntiles into the gap.": "Toque numa peça da linha\nou coluna do espaço, ou\nuse as setas para deslizar\nas peças até o espaço.",
    "Score {n}": "Pontos {n}",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
