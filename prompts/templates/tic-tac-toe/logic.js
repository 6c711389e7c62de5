// Tic-Tac-Toe: a best-of-N series against a computer opponent (random, tactical or perfect).
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const BOARD = { x: 34, y: 30, size: 300 };
const CELL = BOARD.size / 3;
const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];
const LEVELS = { easy: 1, medium: 2, hard: 3 };

let P, C;
let level, bestOf, need, firstRule, ps, as;
let board, turn, phase, phaseT, aiTimer, cursor, keyMode, winLine, winAnim, marks;
let roundNo, roundStarter, playerWins, aiWins, draws, status, statusTone, endTimer, endResult, hoverCell, memo;

// ---------- small helpers ----------
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
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function fitSize(ctx, str, want, maxW) {
  const w = ctx.measureText(str, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}

// ---------- rules ----------
function winnerOf(b) {
  for (const l of LINES) {
    if (b[l[0]] && b[l[0]] === b[l[1]] && b[l[1]] === b[l[2]]) return { sym: b[l[0]], line: l };
  }
  return null;
}
function empties(b) {
  const out = [];
  for (let i = 0; i < 9; i++) if (!b[i]) out.push(i);
  return out;
}
function findWinningMove(b, sym) {
  for (const i of empties(b)) {
    b[i] = sym;
    const w = winnerOf(b);
    b[i] = "";
    if (w) return i;
  }
  return -1;
}
// Minimax value of position b with `toMove` to play, from the AI's point of view (memoised).
function minimax(b, toMove) {
  const key = b.map((x) => x || "-").join("") + toMove;
  if (key in memo) return memo[key];
  const w = winnerOf(b);
  const filled = 9 - empties(b).length;
  let val;
  if (w) val = w.sym === as ? 10 - filled : filled - 10;
  else if (filled === 9) val = 0;
  else {
    const other = toMove === as ? ps : as;
    val = toMove === as ? -Infinity : Infinity;
    for (const i of empties(b)) {
      b[i] = toMove;
      const s = minimax(b, other);
      b[i] = "";
      val = toMove === as ? Math.max(val, s) : Math.min(val, s);
    }
  }
  memo[key] = val;
  return val;
}
function chooseAiMove(ctx) {
  const free = empties(board);
  if (level === "easy") return ctx.pick(free);
  if (level === "medium") {
    const win = findWinningMove(board, as);
    if (win >= 0) return win;
    const block = findWinningMove(board, ps);
    if (block >= 0) return block;
    return ctx.pick(free);
  }
  let bestVal = -Infinity, best = [];
  for (const i of free) {
    board[i] = as;
    const v = minimax(board, ps);
    board[i] = "";
    if (v > bestVal) {
      bestVal = v;
      best = [i];
    } else if (v === bestVal) best.push(i);
  }
  return ctx.pick(best);
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#1a1a2e");
  const primary = parseHex(pal.primary, "#4cc9f0");
  const accent = parseHex(pal.accent, "#f72585");
  const text = parseHex(pal.text, "#f1f1f1");
  C = {
    bg, primary, accent, text,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, text, 0.07),
    grid: mix(bg, text, 0.3),
  };
  level = LEVELS[P.ai_level] ? P.ai_level : "medium";
  bestOf = [1, 3, 5, 7, 9].indexOf(P.best_of) >= 0 ? P.best_of : 3;
  need = Math.floor(bestOf / 2) + 1;
  firstRule = ["player", "ai", "alternate"].indexOf(P.first_turn) >= 0 ? P.first_turn : "alternate";
  ps = P.player_symbol === "O" ? "O" : "X";
  as = ps === "X" ? "O" : "X";
  memo = {};
  roundNo = 0;
  playerWins = 0;
  aiWins = 0;
  draws = 0;
  cursor = 4;
  keyMode = false;
  hoverCell = -1;
  endTimer = -1;
  endResult = null;
  ctx.score.set(0);
  startRound(ctx);
}

function startRound(ctx) {
  roundNo++;
  board = ["", "", "", "", "", "", "", "", ""];
  marks = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  winLine = null;
  winAnim = 0;
  phase = "play";
  phaseT = 0;
  if (firstRule === "player") roundStarter = "player";
  else if (firstRule === "ai") roundStarter = "ai";
  else roundStarter = roundNo % 2 === 1 ? "player" : "ai";
  turn = roundStarter;
  aiTimer = turn === "ai" ? 0.7 : 0;
  status = turn === "player" ? ctx.t("Your move") : ctx.t("AI is thinking{dots}", { dots: "..." });
  statusTone = null; // who won the round, for the status colour
  if (roundNo > 1) ctx.event("level", { round: roundNo });
}

function place(ctx, i, sym) {
  board[i] = sym;
  marks[i] = 0.001;
  ctx.sound.tone(sym === ps ? 520 : 380, 60, { type: "triangle", volume: 0.14 });
  const w = winnerOf(board);
  const mult = LEVELS[level];
  if (w) {
    winLine = w.line;
    if (w.sym === ps) {
      playerWins++;
      ctx.score.add(100 * mult);
      status = ctx.t("You win this round!");
      statusTone = "player";
      ctx.sound.effect("coin");
    } else {
      aiWins++;
      status = ctx.t("The AI wins this round");
      statusTone = "ai";
      ctx.sound.effect("hit");
    }
    endRound(ctx);
  } else if (empties(board).length === 0) {
    draws++;
    ctx.score.add(30 * mult);
    status = ctx.t("It's a draw");
    ctx.sound.tone(300, 150, { type: "sine", volume: 0.14 });
    endRound(ctx);
  } else {
    turn = turn === "player" ? "ai" : "player";
    status = turn === "player" ? ctx.t("Your move") : ctx.t("AI is thinking{dots}", { dots: "..." });
    if (turn === "ai") aiTimer = 0.45 + ctx.random() * 0.35;
  }
}

function levelName(ctx) {
  return level === "easy" ? ctx.t("easy") : level === "hard" ? ctx.t("hard") : level === "medium" ? ctx.t("medium") : level;
}

function endRound(ctx) {
  phase = "roundEnd";
  phaseT = 0;
  const decided = playerWins >= need || aiWins >= need || roundNo >= bestOf;
  if (!decided) return;
  phase = "done";
  const mult = LEVELS[level];
  let won = false, title, message;
  if (playerWins > aiWins) {
    won = true;
    ctx.score.add(200 * mult);
    title = ctx.t("You win the series!");
  } else if (aiWins > playerWins) {
    title = ctx.t("The AI wins the series");
  } else {
    title = ctx.t("Series tied");
  }
  const v = { title, p: playerWins, a: aiWins, n: draws, level: levelName(ctx) };
  message = !draws ? ctx.t("{title} {p}-{a} against the {level} AI.", v)
    : draws > 1 ? ctx.t("{title} {p}-{a} ({n} draws) against the {level} AI.", v)
    : ctx.t("{title} {p}-{a} ({n} draw) against the {level} AI.", v);
  const key = `tic-tac-toe:best:${level}`;
  if (ctx.score.get() > ctx.store.get(key, 0)) ctx.store.set(key, ctx.score.get());
  endResult = { won, title, message };
  endTimer = 1.6;
}

// ---------- update ----------
function cellAt(x, y) {
  if (x < BOARD.x || y < BOARD.y || x >= BOARD.x + BOARD.size || y >= BOARD.y + BOARD.size) return -1;
  return Math.floor((y - BOARD.y) / CELL) * 3 + Math.floor((x - BOARD.x) / CELL);
}

function update(ctx, dt) {
  const inp = ctx.input, ptr = inp.pointer;
  for (let i = 0; i < 9; i++) if (marks[i] > 0 && marks[i] < 1) marks[i] = Math.min(1, marks[i] + dt * 5);
  if (winLine) winAnim = Math.min(1, winAnim + dt * 3);
  hoverCell = cellAt(ptr.x, ptr.y);
  phaseT += dt;

  if (phase === "done") {
    endTimer -= dt;
    if (endTimer <= 0) {
      endTimer = 0;
      for (let i = 0; i < 9; i++) if (marks[i] > 0) marks[i] = 1;
      winAnim = winLine ? 1 : 0;
      ctx.sound.effect(endResult.won ? "win" : "lose");
      ctx.gameOver({ won: endResult.won, message: endResult.message });
    }
    return;
  }

  if (phase === "roundEnd") {
    if (phaseT > 2.2 || (phaseT > 0.4 && (ptr.pressed || inp.pressed("action")))) startRound(ctx);
    return;
  }

  // cursor moves are allowed any time during play
  const dirs = [["left", -1, 0], ["right", 1, 0], ["up", 0, -1], ["down", 0, 1]];
  for (const [k, dx, dy] of dirs) {
    if (inp.pressed(k)) {
      keyMode = true;
      const c = Math.max(0, Math.min(2, (cursor % 3) + dx));
      const r = Math.max(0, Math.min(2, Math.floor(cursor / 3) + dy));
      cursor = r * 3 + c;
    }
  }

  if (turn === "ai") {
    aiTimer -= dt;
    if (aiTimer <= 0) place(ctx, chooseAiMove(ctx), as);
    return;
  }

  let target = -1;
  if (inp.pressed("action")) {
    keyMode = true;
    target = cursor;
  }
  for (const ch of inp.typed || []) {
    if (ch >= "1" && ch <= "9") {
      target = Number(ch) - 1;
      cursor = target;
      keyMode = true;
    }
  }
  if (ptr.pressed && hoverCell >= 0) {
    target = hoverCell;
    cursor = hoverCell;
    keyMode = false;
  }
  if (target >= 0) {
    if (!board[target]) place(ctx, target, ps);
    else {
      status = ctx.t("That square is taken");
      ctx.sound.tone(140, 70, { type: "square", volume: 0.06 });
    }
  }
}

// ---------- draw ----------
function drawMark(ctx, sym, i, t, color, alpha) {
  const cx = BOARD.x + (i % 3) * CELL + CELL / 2;
  const cy = BOARD.y + Math.floor(i / 3) * CELL + CELL / 2;
  const r = CELL * 0.3;
  const col = rgb(color, alpha);
  if (sym === "X") {
    const a = Math.min(1, t * 2), b = Math.max(0, t * 2 - 1);
    ctx.line(cx - r, cy - r, cx - r + 2 * r * a, cy - r + 2 * r * a, col, 11);
    if (b > 0) ctx.line(cx + r, cy - r, cx + r - 2 * r * b, cy - r + 2 * r * b, col, 11);
  } else {
    const e = 1 - Math.pow(1 - t, 3);
    ctx.strokeCircle(cx, cy, Math.max(1, r * e), col, 10);
  }
}

function draw(ctx) {
  ctx.clear(rgb(C.bg));

  // board
  ctx.roundRect(BOARD.x - 10, BOARD.y - 10, BOARD.size + 20, BOARD.size + 20, 16, rgb(C.panel));
  const playable = phase === "play" && turn === "player";
  if (playable && hoverCell >= 0 && !board[hoverCell] && !keyMode) {
    ctx.roundRect(BOARD.x + (hoverCell % 3) * CELL + 6, BOARD.y + Math.floor(hoverCell / 3) * CELL + 6, CELL - 12, CELL - 12, 10, rgb(C.primary, 0.1));
    drawMark(ctx, ps, hoverCell, 1, C.primary, 0.22);
  }
  for (let k = 1; k < 3; k++) {
    ctx.line(BOARD.x + k * CELL, BOARD.y + 8, BOARD.x + k * CELL, BOARD.y + BOARD.size - 8, rgb(C.grid), 4);
    ctx.line(BOARD.x + 8, BOARD.y + k * CELL, BOARD.x + BOARD.size - 8, BOARD.y + k * CELL, rgb(C.grid), 4);
  }
  if (phase === "play" && (keyMode || turn === "ai")) {
    const cx = BOARD.x + (cursor % 3) * CELL, cy = BOARD.y + Math.floor(cursor / 3) * CELL;
    ctx.strokeRect(cx + 6, cy + 6, CELL - 12, CELL - 12, rgb(C.primary, turn === "player" ? 0.9 : 0.3), 3);
    if (turn === "player" && !board[cursor]) drawMark(ctx, ps, cursor, 1, C.primary, 0.25);
  }
  for (let i = 0; i < 9; i++) {
    if (!board[i]) continue;
    const mine = board[i] === ps;
    const inLine = winLine && winLine.indexOf(i) >= 0;
    const dim = winLine && !inLine ? 0.35 : 1;
    drawMark(ctx, board[i], i, marks[i], mine ? C.primary : C.accent, dim);
  }
  if (winLine) {
    const a = winLine[0], b = winLine[2];
    const ax = BOARD.x + (a % 3) * CELL + CELL / 2, ay = BOARD.y + Math.floor(a / 3) * CELL + CELL / 2;
    const bx = BOARD.x + (b % 3) * CELL + CELL / 2, by = BOARD.y + Math.floor(b / 3) * CELL + CELL / 2;
    const ex = ax - (bx - ax) * 0.18, ey = ay - (by - ay) * 0.18;
    const fx = bx + (bx - ax) * 0.18, fy = by + (by - ay) * 0.18;
    ctx.line(ex, ey, ex + (fx - ex) * winAnim, ey + (fy - ey) * winAnim, rgb(C.text, 0.9), 6);
  }

  // side panel
  const px = 372, pw = W - px - 20;
  const title = String(P.title || ctx.t("Tic-Tac-Toe"));
  ctx.text(title, px, 34, { size: fitSize(ctx, title, 22, pw), color: rgb(C.text), bold: true });
  ctx.text(String(P.theme || ctx.t("Three in a row")), px, 56, { size: 12, color: rgb(C.muted) });

  // series score cards
  const cards = [
    [ctx.t("YOU ({mark})", { mark: ps }), playerWins, C.primary],
    [ctx.t("DRAWS"), draws, C.muted],
    [ctx.t("AI ({mark})", { mark: as }), aiWins, C.accent],
  ];
  const cw = (pw - 16) / 3;
  cards.forEach((c, i) => {
    const x = px + i * (cw + 8), y = 76;
    ctx.roundRect(x, y, cw, 58, 10, rgb(C.panel));
    ctx.rect(x + 8, y + 52, cw - 16, 3, rgb(c[2]));
    ctx.text(c[0], x + cw / 2, y + 14, { size: 11, color: rgb(C.muted), align: "center" });
    ctx.text(String(c[1]), x + cw / 2, y + 35, { size: 24, color: rgb(c[2]), align: "center", bold: true });
  });
  // series progress pips
  ctx.text(ctx.t("Best of {n}   Round {r}   AI: {level}", { n: bestOf, r: Math.min(roundNo, bestOf), level: levelName(ctx) }), px, 152, { size: 12, color: rgb(C.muted) });
  for (let k = 0; k < need; k++) {
    ctx.circle(px + 8 + k * 18, 172, 6, rgb(k < playerWins ? C.primary : C.panel));
    ctx.circle(px + pw - 8 - k * 18, 172, 6, rgb(k < aiWins ? C.accent : C.panel));
  }
  ctx.text(ctx.t("first to {n}", { n: need }), px + pw / 2, 172, { size: 10, color: rgb(C.muted), align: "center" });

  // status
  const dots = turn === "ai" && phase === "play" ? ".".repeat(1 + (Math.floor(phaseT * 3) % 3)) : "";
  const st = turn === "ai" && phase === "play" ? ctx.t("AI is thinking{dots}", { dots }) : status;
  const stColor = phase !== "play" ? (statusTone === "player" ? C.primary : statusTone === "ai" ? C.accent : C.text) : C.text;
  ctx.roundRect(px, 194, pw, 44, 10, rgb(C.panel));
  ctx.text(st, px + pw / 2, 216, { size: fitSize(ctx, st, 18, pw - 16), color: rgb(stColor), align: "center", bold: true });
  if (phase === "roundEnd") {
    ctx.text(ctx.t("Tap or press Space for the next round"), px + pw / 2, 254, { size: 11, color: rgb(C.muted), align: "center" });
  }
  // the translations choose their own line break
  const help = ctx.t("Tap a square, or arrows + Space,\nor keys 1-9 (top-left to bottom-right)").split("\n");
  help.forEach((line, k) => ctx.text(line, px, 286 + k * 16, { size: 11, color: rgb(C.muted) }));

  if (endResult && endTimer <= 0.8) {
    ctx.roundRect(px - 4, 274, pw + 8, 62, 12, rgb(mix(C.panel, C.bg, 0.2)));
    ctx.strokeRect(px - 4, 274, pw + 8, 62, rgb(endResult.won ? C.primary : C.accent), 2);
    ctx.text(endResult.title, px + pw / 2, 294, { size: fitSize(ctx, endResult.title, 18, pw - 8), color: rgb(endResult.won ? C.primary : C.text), align: "center", bold: true });
    ctx.text(ctx.t("Score {n}", { n: ctx.score.get() }), px + pw / 2, 318, { size: 13, color: rgb(C.text), align: "center" });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "Your move": "Tu turno",
    "AI is thinking{dots}": "La IA está pensando{dots}",
    "You win this round!": "¡Ganas esta ronda!",
    "The AI wins this round": "La IA gana esta ronda",
    "It's a draw": "Empate",
    "You win the series!": "¡Ganas la serie!",
    "The AI wins the series": "La IA gana la serie",
    "Series tied": "Serie empatada",
    "{title} {p}-{a} against the {level} AI.": "{title} {p}-{a} contra la IA de nivel {level}.",
    "{title} {p}-{a} ({n} draws) against the {level} AI.": "{title} {p}-{a} ({n} empates) contra la IA de nivel {level}.",
    "{title} {p}-{a} ({n} draw) against the {level} AI.": "{title} {p}-{a} ({n} empate) contra la IA de nivel {level}.",
    "easy": "fácil",
    "medium": "medio",
    "hard": "difícil",
    "That square is taken": "Esa casilla está ocupada",
    "Tic-Tac-Toe": "Tres en raya",
    "Three in a row": "Tres en línea",
    "YOU ({mark})": "TÚ ({mark})",
    "DRAWS": "EMPATES",
    "AI ({mark})": "IA ({mark})",
    "Best of {n}   Round {r}   AI: {level}": "Al mejor de {n}   Ronda {r}   IA: {level}",
    "first to {n}": "gana con {n}",
    "Tap or press Space for the next round": "Toca o pulsa Espacio para la siguiente ronda",
    "Tap a square, or arrows + Space,\nor keys 1-9 (top-left to bottom-right)": "Toca una casilla, o flechas + Espacio,\no teclas 1-9 (en orden de lectura)",
    "Score {n}": "Puntos {n}",
  },
  fr: {
    "Your move": "À toi de jouer",
    "AI is thinking{dots}": "L'IA réfléchit{dots}",
    "You win this round!": "Tu gagnes cette manche !",
    "The AI wins this round": "L'IA gagne cette manche",
    "It's a draw": "Match nul",
    "You win the series!": "Tu gagnes la série !",
    "The AI wins the series": "L'IA gagne la série",
    "Series tied": "Série à égalité",
    "{title} {p}-{a} against the {level} AI.": "{title} {p}-{a} contre l'IA niveau {level}.",
    "{title} {p}-{a} ({n} draws) against the {level} AI.": "{title} {p}-{a} ({n} nuls) contre l'IA niveau {level}.",
    "{title} {p}-{a} ({n} draw) against the {level} AI.": "{title} {p}-{a} ({n} nul) contre l'IA niveau {level}.",
    "easy": "facile",
    "medium": "moyen",
    "hard": "difficile",
    "That square is taken": "Cette case est prise",
    "Tic-Tac-Toe": "Morpion",
    "Three in a row": "Aligne trois symboles",
    "YOU ({mark})": "TOI ({mark})",
    "DRAWS": "NULS",
    "AI ({mark})": "IA ({mark})",
    "Best of {n}   Round {r}   AI: {level}": "Série de {n}   Manche {r}   IA : {level}",
    "first to {n}": "premier à {n}",
    "Tap or press Space for the next round": "Touche ou Espace pour la manche suivante",
    "Tap a square, or arrows + Space,\nor keys 1-9 (top-left to bottom-right)": "Touche une case, ou flèches + Espace,\nou touches 1-9 (sens de lecture)",
    "Score {n}": "Score : {n}",
  },
  de: {
    "Your move": "Du bist dran",
    "AI is thinking{dots}": "KI denkt nach{dots}",
    "You win this round!": "Du gewinnst die Runde!",
    "The AI wins this round": "Die KI gewinnt die Runde",
    "It's a draw": "Unentschieden",
    "You win the series!": "Du gewinnst die Serie!",
    "The AI wins the series": "Die KI gewinnt die Serie",
    "Series tied": "Serie unentschieden",
    "{title} {p}-{a} against the {level} AI.": "{title} {p}-{a} gegen die KI (Stufe {level}).",
    "{title} {p}-{a} ({n} draws) against the {level} AI.": "{title} {p}-{a} ({n} Unentschieden) gegen die KI (Stufe {level}).",
    "{title} {p}-{a} ({n} draw) against the {level} AI.": "{title} {p}-{a} ({n} Unentschieden) gegen die KI (Stufe {level}).",
    "easy": "leicht",
    "medium": "mittel",
    "hard": "schwer",
    "That square is taken": "Das Feld ist besetzt",
    "Tic-Tac-Toe": "Tic-Tac-Toe",
    "Three in a row": "Drei in einer Reihe",
    "YOU ({mark})": "DU ({mark})",
    "DRAWS": "REMIS",
    "AI ({mark})": "KI ({mark})",
    "Best of {n}   Round {r}   AI: {level}": "Max. {n} Runden   Runde {r}   KI: {level}",
    "first to {n}": "Ziel: {n} Siege",
    "Tap or press Space for the next round": "Tippen oder Leertaste für die nächste Runde",
    "Tap a square, or arrows + Space,\nor keys 1-9 (top-left to bottom-right)": "Tippe auf ein Feld, nutze Pfeile + Leertaste\noder Tasten 1-9 (in Leserichtung)",
    "Score {n}": "Punkte {n}",
  },
  pt: {
    "Your move": "Sua vez",
    "AI is thinking{dots}": "A IA está pensando{dots}",
    "You win this round!": "Você venceu a rodada!",
    "The AI wins this round": "A IA venceu a rodada",
    "It's a draw": "Deu velha",
    "You win the series!": "Você venceu a série!",
    "The AI wins the series": "A IA venceu a série",
    "Series tied": "Série empatada",
    "{title} {p}-{a} against the {level} AI.": "{title} {p}-{a} contra a IA no nível {level}.",
    "{title} {p}-{a} ({n} draws) against the {level} AI.": "{title} {p}-{a} ({n} empates) contra a IA no nível {level}.",
    "{title} {p}-{a} ({n} draw) against the {level} AI.": "{title} {p}-{a} ({n} empate) contra a IA no nível {level}.",
    "easy": "fácil",
    "medium": "médio",
    "hard": "difícil",
    "That square is taken": "Essa casa está ocupada",
    "Tic-Tac-Toe": "Jogo da velha",
    "Three in a row": "Três em linha",
    "YOU ({mark})": "VOCÊ ({mark})",
    "DRAWS": "EMPATES",
    "AI ({mark})": "IA ({mark})",
    "Best of {n}   Round {r}   AI: {level}": "Melhor de {n}   Rodada {r}   IA: {level}",
    "first to {n}": "vence com {n}",
    "Tap or press Space for the next round": "Toque ou aperte Espaço: próxima rodada",
    "Tap a square, or arrows + Space,\nor keys 1-9 (top-left to bottom-right)": "Toque numa casa, ou setas + Espaço,\nou teclas 1-9 (ordem de leitura)",
    "Score {n}": "Pontos {n}",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
