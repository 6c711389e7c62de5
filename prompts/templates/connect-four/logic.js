// Connect Four: drop discs into a grid, get N in a row (across, down or diagonal) before the other
// side. Against a computer (random, greedy or a small minimax) or two players on one device.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const PANEL_X = 396;
const MULT = { easy: 1, medium: 2, hard: 3 };
const NODE_CAP = 2500; // per root move (one root move is searched per frame): bounds a frame's work

let P, C, cols, rows, K, level, vsAi, bestOf, need, firstRule, names;
let cell, bx, by, grid, heights, windows, order, depth;
let turn, phase, phaseT, cursor, hoverX, keyMode, falling, winCells, winAnim, lastMove;
let roundNo, roundStarter, wins, draws, status, endInfo, aiJob, aiTimer, aiTarget, nodes, particles, roundWinner;

// ---------- small helpers ----------
function clampInt(v, lo, hi, fb) {
  const n = typeof v === "number" && Number.isFinite(v) ? Math.round(v) : fb;
  return Math.max(lo, Math.min(hi, n));
}
function str(v, fb, max) {
  return typeof v === "string" && v.trim() ? v.trim().slice(0, max) : fb;
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
// Text that fits maxW: shrunk down to 9 px, then cut with an ellipsis (bold gets a 10% margin).
function fitText(ctx, s, want, maxW, bold) {
  if (bold) maxW /= 1.1;
  const w = ctx.measureText(s, want);
  let size = w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
  if (size >= 9) return { s, size };
  size = 9;
  while (s.length > 1 && ctx.measureText(s + "…", size) > maxW) s = s.slice(0, -1);
  return { s: s + "…", size };
}
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

// ---------- board ----------
function at(c, r) {
  return grid[c * rows + r];
}
function dropDisc(c, who) {
  const r = heights[c]++;
  grid[c * rows + r] = who;
  return r;
}
function undo(c) {
  grid[c * rows + --heights[c]] = 0;
}
function full() {
  for (let c = 0; c < cols; c++) if (heights[c] < rows) return false;
  return true;
}
// The run of `who` discs through (c, r) in each direction; returns its cells if it is >= K long.
function lineAt(c, r, who) {
  for (const [dc, dr] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
    const cells = [[c, r]];
    for (const s of [1, -1]) {
      let x = c + dc * s, y = r + dr * s;
      while (x >= 0 && y >= 0 && x < cols && y < rows && at(x, y) === who) {
        cells.push([x, y]);
        x += dc * s;
        y += dr * s;
      }
    }
    if (cells.length >= K) return cells;
  }
  return null;
}
function findWin(who) {
  for (let c = 0; c < cols; c++) {
    if (heights[c] >= rows) continue;
    const r = dropDisc(c, who);
    const won = lineAt(c, r, who);
    undo(c);
    if (won) return c;
  }
  return -1;
}

// All K-long windows, precomputed as flat index lists for the evaluation.
function buildWindows() {
  windows = [];
  for (const [dc, dr] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) {
        const ec = c + dc * (K - 1), er = r + dr * (K - 1);
        if (ec < 0 || ec >= cols || er < 0 || er >= rows) continue;
        const w = [];
        for (let k = 0; k < K; k++) w.push((c + dc * k) * rows + r + dr * k);
        windows.push(w);
      }
    }
  }
}
// Heuristic value of the position for `who`: open windows with many own discs, centre control.
function evaluate(who) {
  const opp = 3 - who;
  let score = 0;
  for (const w of windows) {
    let mine = 0, theirs = 0;
    for (let k = 0; k < w.length; k++) {
      const v = grid[w[k]];
      if (v === who) mine++;
      else if (v === opp) theirs++;
    }
    if (mine && theirs) continue;
    if (mine === K - 1) score += 50;
    else if (mine === K - 2) score += 6;
    else if (mine) score += 1;
    if (theirs === K - 1) score -= 60;
    else if (theirs === K - 2) score -= 6;
  }
  const mid = (cols - 1) / 2;
  for (let c = 0; c < cols; c++) {
    const wgt = 3 - Math.min(3, Math.abs(c - mid));
    for (let r = 0; r < heights[c]; r++) score += at(c, r) === who ? wgt : -wgt;
  }
  return score;
}
function negamax(d, alpha, beta, who) {
  nodes++;
  if (d === 0 || nodes > NODE_CAP) return evaluate(who);
  let any = false;
  for (const c of order) {
    if (heights[c] >= rows) continue;
    any = true;
    const r = dropDisc(c, who);
    const v = lineAt(c, r, who) ? 100000 + d : -negamax(d - 1, -beta, -alpha, 3 - who);
    undo(c);
    if (v > alpha) alpha = v;
    if (alpha >= beta) break;
  }
  return any ? alpha : 0;
}

// ---------- the computer ----------
function valid() {
  return order.filter((c) => heights[c] < rows);
}
// Moves that do not hand the other side a win in the cell just above.
function safeMoves(who) {
  return valid().filter((c) => {
    dropDisc(c, who);
    let bad = false;
    if (heights[c] < rows) {
      const r2 = dropDisc(c, 3 - who);
      bad = !!lineAt(c, r2, 3 - who);
      undo(c);
    }
    undo(c);
    return !bad;
  });
}
function startAi(ctx) {
  aiJob = null;
  aiTarget = -1;
  aiTimer = 0.45 + ctx.random() * 0.35;
  const me = 2, you = 1;
  const win = findWin(me);
  if (win >= 0 && (level !== "easy" || ctx.random() < 0.6)) {
    aiTarget = win;
    return;
  }
  const block = findWin(you);
  if (block >= 0 && (level !== "easy" || ctx.random() < 0.35)) {
    aiTarget = block;
    return;
  }
  const moves = valid();
  if (level === "easy") {
    // random, but leaning toward the middle like a child would
    const mid = (cols - 1) / 2;
    const pool = [];
    for (const c of moves) for (let k = 0; k < 4 - Math.min(3, Math.round(Math.abs(c - mid))); k++) pool.push(c);
    aiTarget = ctx.pick(pool);
    return;
  }
  const safe = safeMoves(me);
  const cand = safe.length ? safe : moves;
  if (level === "medium" || cand.length === 1) {
    let best = -Infinity;
    for (const c of cand) {
      dropDisc(c, me);
      const v = evaluate(me) + ctx.random() * 8;
      undo(c);
      if (v > best) {
        best = v;
        aiTarget = c;
      }
    }
    return;
  }
  // hard: alpha-beta minimax, one root move per frame so no frame gets heavy
  aiJob = { moves: cand, i: 0, best: -Infinity, move: cand[0] };
}
function stepAi() {
  if (!aiJob) return;
  const c = aiJob.moves[aiJob.i++];
  nodes = 0;
  const r = dropDisc(c, 2);
  const v = lineAt(c, r, 2) ? 1e6 : -negamax(depth - 1, -Infinity, -aiJob.best, 1);
  undo(c);
  if (v > aiJob.best) {
    aiJob.best = v;
    aiJob.move = c;
  }
  if (aiJob.i >= aiJob.moves.length) {
    aiTarget = aiJob.move;
    aiJob = null;
  }
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#13213c");
  const primary = parseHex(pal.primary, "#2f6fdb");
  const accent = parseHex(pal.accent, "#ffd43b");
  const text = parseHex(pal.text, "#f1f5f9");
  const other = parseHex(P.opponentColor, "#ef476f");
  C = { bg, primary, accent, text, other, muted: mix(text, bg, 0.45), panel: mix(bg, text, 0.07), hole: mix(bg, BLACK, 0.25) };
  cols = clampInt(P.cols, 5, 9, 7);
  rows = clampInt(P.rows, 4, 8, 6);
  K = Math.min(clampInt(P.connect, 3, 5, 4), Math.max(cols, rows));
  level = MULT[P.difficulty] ? P.difficulty : "medium";
  vsAi = P.mode !== "two player";
  bestOf = [1, 3, 5, 7].indexOf(P.bestOf) >= 0 ? P.bestOf : 3;
  need = Math.floor(bestOf / 2) + 1;
  firstRule = ["player", "opponent", "alternate"].indexOf(P.firstTurn) >= 0 ? P.firstTurn : "alternate";
  let n1 = str(P.playerName, "You", 16), n2 = str(P.opponentName, "Computer", 16);
  if (!vsAi && n1 === "You" && n2 === "Computer") {
    n1 = ctx.t("Player 1");
    n2 = ctx.t("Player 2");
  }
  if (n1 === "You") n1 = ctx.t("You");
  if (n2 === "Computer") n2 = ctx.t("Computer");
  names = [null, n1, n2];
  // search depth so that cols^depth stays near 20k positions (5 on the classic 7x6 board)
  depth = Math.max(3, Math.min(6, Math.floor(Math.log(20000) / Math.log(cols))));
  cell = Math.min(60, Math.floor(292 / rows), Math.floor(352 / cols));
  bx = Math.floor((PANEL_X - 16 - cols * cell) / 2) + 4;
  by = 60 + Math.floor((292 - rows * cell) / 2);
  const mid = (cols - 1) / 2;
  order = [];
  for (let c = 0; c < cols; c++) order.push(c);
  order.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid) || a - b);
  buildWindows();
  grid = new Int8Array(cols * rows);
  heights = new Int8Array(cols);
  roundNo = 0;
  wins = [0, 0, 0];
  draws = 0;
  cursor = Math.floor(cols / 2);
  hoverX = colX(cursor);
  keyMode = false;
  endInfo = null;
  particles = [];
  ctx.score.set(0);
  startRound(ctx);
}

function startRound(ctx) {
  roundNo++;
  grid.fill(0);
  heights.fill(0);
  winCells = null;
  winAnim = 0;
  roundWinner = 0;
  falling = null;
  lastMove = null;
  phase = "play";
  phaseT = 0;
  if (firstRule === "player") roundStarter = 1;
  else if (firstRule === "opponent") roundStarter = 2;
  else roundStarter = roundNo % 2 === 1 ? 1 : 2;
  setTurn(ctx, roundStarter);
  if (roundNo > 1) ctx.event("level", { round: roundNo });
}

function setTurn(ctx, who) {
  turn = who;
  if (vsAi && who === 2) {
    status = ctx.t("{name} is thinking", { name: names[2] });
    startAi(ctx);
  } else status = vsAi ? ctx.t("Your turn") : ctx.t("{name}'s turn", { name: names[who] });
}

function colX(c) {
  return bx + c * cell + cell / 2;
}
function rowY(r) {
  return by + (rows - 1 - r) * cell + cell / 2;
}

// ---------- moves ----------
function play(ctx, c) {
  if (phase !== "play" || falling) return;
  if (heights[c] >= rows) {
    status = ctx.t("That column is full");
    ctx.sound.tone(150, 70, { type: "square", volume: 0.06 });
    return;
  }
  const r = dropDisc(c, turn);
  // the disc is in the grid at once (rules), and drawn falling until it lands
  falling = { c, r, who: turn, y: by - cell / 2, vy: 0 };
  lastMove = [c, r];
  cursor = c;
  ctx.sound.tone(turn === 1 ? 520 : 400, 50, { type: "triangle", volume: 0.12 });
}

function landed(ctx) {
  const { c, r, who } = falling;
  falling = null;
  ctx.sound.tone(180 + r * 25, 60, { type: "sine", volume: 0.16 });
  const line = lineAt(c, r, who);
  const mult = vsAi ? MULT[level] : 1;
  if (line) {
    winCells = line;
    roundWinner = who;
    wins[who]++;
    if (!vsAi || who === 1) {
      ctx.score.add(100 * mult);
      ctx.sound.effect("coin");
    } else ctx.sound.effect("hit");
    status = vsAi ? (who === 1 ? ctx.t("You win this round!") : ctx.t("{name} wins this round", { name: names[2] })) : ctx.t("{name} wins this round!", { name: names[who] });
    for (const [x, y] of line) {
      for (let k = 0; k < 5 && particles.length < 90; k++) {
        const a = ctx.random() * Math.PI * 2, sp = 40 + ctx.random() * 110;
        particles.push({ x: colX(x), y: rowY(y), vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 50, life: 0.7 + ctx.random() * 0.4, c: who === 1 ? C.accent : C.other });
      }
    }
    endRound(ctx);
  } else if (full()) {
    draws++;
    ctx.score.add(30 * mult);
    status = ctx.t("The board is full: a draw");
    endRound(ctx);
  } else setTurn(ctx, 3 - who);
}

function endRound(ctx) {
  phase = "roundEnd";
  phaseT = 0;
  if (!(wins[1] >= need || wins[2] >= need || roundNo >= bestOf)) return;
  phase = "done";
  const mult = vsAi ? MULT[level] : 1;
  let won, title;
  if (wins[1] > wins[2]) {
    won = true;
    title = vsAi ? ctx.t("You win the match!") : ctx.t("{name} wins the match!", { name: names[1] });
    if (vsAi) ctx.score.add(200 * mult);
  } else if (wins[2] > wins[1]) {
    won = !vsAi;
    title = vsAi ? ctx.t("{name} wins the match", { name: names[2] }) : ctx.t("{name} wins the match!", { name: names[2] });
  } else {
    won = false;
    title = ctx.t("The match is a tie");
  }
  const mv = { title, w1: wins[1], w2: wins[2], level: ctx.t(level) };
  if (draws) mv.draws = draws > 1 ? ctx.t("({n} draws)", { n: draws }) : ctx.t("({n} draw)", { n: draws });
  let message;
  if (vsAi) message = draws ? ctx.t("{title} {w1}-{w2} {draws} against the {level} computer.", mv) : ctx.t("{title} {w1}-{w2} against the {level} computer.", mv);
  else message = draws ? `${title} ${wins[1]}-${wins[2]} ${mv.draws}.` : `${title} ${wins[1]}-${wins[2]}.`;
  const key = `connect-four:best:${vsAi ? level : "2p"}`;
  const best = Math.max(ctx.store.get(key, 0), ctx.score.get());
  ctx.store.set(key, best);
  endInfo = { won, title, message, best, at: -1 };
}

// ---------- update ----------
function colAt(x, y) {
  if (x < bx || x >= bx + cols * cell || y < by - cell || y >= by + rows * cell) return -1;
  return Math.floor((x - bx) / cell);
}

function update(ctx, dt) {
  const inp = ctx.input, ptr = inp.pointer;
  phaseT += dt;
  if (winCells) winAnim = Math.min(1, winAnim + dt * 2.5);
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 300 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);

  if (falling) {
    falling.vy += 2600 * dt;
    falling.y += falling.vy * dt;
    if (falling.y >= rowY(falling.r)) {
      falling.y = rowY(falling.r);
      landed(ctx);
    }
  }
  const humanTurn = phase === "play" && !falling && !(vsAi && turn === 2);
  const target = humanTurn || !vsAi ? colX(cursor) : colX(aiTarget >= 0 ? aiTarget : cursor);
  hoverX += (target - hoverX) * Math.min(1, dt * 14);

  if (phase === "done") {
    if (endInfo.at < 0 && phaseT > 1.4) {
      endInfo.at = ctx.time;
      ctx.sound.effect(endInfo.won ? "win" : "lose");
      ctx.gameOver({ won: endInfo.won, message: endInfo.message });
    }
    return;
  }
  if (phase === "roundEnd") {
    if (phaseT > 3.5 || (phaseT > 0.6 && (ptr.pressed || inp.pressed("action")))) startRound(ctx);
    return;
  }

  // the cursor follows the pointer over the board, or the arrow keys
  const pc = colAt(ptr.x, ptr.y);
  if (pc >= 0 && (ptr.pressed || ptr.down || !keyMode)) cursor = pc;
  if (inp.pressed("left")) {
    cursor = Math.max(0, cursor - 1);
    keyMode = true;
  }
  if (inp.pressed("right")) {
    cursor = Math.min(cols - 1, cursor + 1);
    keyMode = true;
  }
  if (ptr.pressed && pc < 0) keyMode = true;

  if (vsAi && turn === 2 && !falling) {
    aiTimer -= dt;
    stepAi();
    // drop once the search is done, the pause is over and the hovering disc reached the column
    if (!aiJob && aiTarget >= 0 && aiTimer <= 0 && Math.abs(hoverX - colX(aiTarget)) < 3) play(ctx, aiTarget);
    return;
  }
  if (!humanTurn) return;
  let pick = -1;
  if (inp.pressed("action") || inp.pressed("down")) pick = cursor;
  for (const ch of inp.typed || []) {
    const n = Number(ch);
    if (ch >= "1" && ch <= "9" && n <= cols) pick = n - 1;
  }
  if (ptr.pressed && pc >= 0) {
    pick = pc;
    keyMode = false;
  }
  if (pick >= 0) {
    hoverX = colX(pick);
    play(ctx, pick);
  }
}

// ---------- draw ----------
function disc(ctx, x, y, r, who, alpha) {
  const base = who === 1 ? C.accent : C.other;
  ctx.circle(x, y, r, rgb(base, alpha));
  ctx.circle(x, y, r * 0.68, rgb(mix(base, BLACK, 0.12), alpha));
  ctx.circle(x - r * 0.3, y - r * 0.3, r * 0.18, rgb(WHITE, 0.35 * (alpha === undefined ? 1 : alpha)));
}

function draw(ctx) {
  const t = ctx.time;
  ctx.clear(rgb(C.bg));
  const R = cell * 0.4;

  // hovering disc above the board
  if (phase === "play" && !falling) {
    const who = turn;
    const pulse = vsAi && who === 2 ? 0.75 : 0.85 + 0.15 * Math.sin(t * 5);
    disc(ctx, hoverX, by - cell * 0.55, R, who, pulse);
    if (!(vsAi && who === 2) && keyMode) ctx.text(String(cursor + 1), hoverX, by - cell * 0.55, { size: Math.max(10, R * 0.8), color: rgb(BLACK, 0.55), align: "center", bold: true });
  }
  if (falling) disc(ctx, colX(falling.c), falling.y, R, falling.who);

  // board with holes; discs show through the holes
  ctx.roundRect(bx - 8, by - 6, cols * cell + 16, rows * cell + 14, 12, rgb(C.primary));
  ctx.rect(bx - 14, by + rows * cell + 4, cols * cell + 28, 8, rgb(mix(C.primary, BLACK, 0.35)));
  const humanTurn = phase === "play" && !falling && !(vsAi && turn === 2);
  if (humanTurn) ctx.rect(bx + cursor * cell + 3, by - 2, cell - 6, rows * cell + 4, rgb(WHITE, 0.07));
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const v = at(c, r), x = colX(c), y = rowY(r);
      const inFall = falling && falling.c === c && falling.r === r;
      if (!v || inFall) {
        ctx.circle(x, y, R, rgb(C.hole));
        continue;
      }
      const inLine = winCells && winCells.some((p) => p[0] === c && p[1] === r);
      disc(ctx, x, y, R, v, winCells && !inLine ? 0.45 : 1);
      if (inLine) ctx.strokeCircle(x, y, R + 2 + Math.sin(t * 8) * 1.5, rgb(WHITE, 0.85), 3);
    }
  }
  if (lastMove && !falling && !winCells) ctx.circle(colX(lastMove[0]), rowY(lastMove[1]), R * 0.16, rgb(WHITE, 0.7));
  if (winCells) {
    let a = winCells[0], b = winCells[0];
    for (const p of winCells) {
      if (p[0] * 100 + p[1] < a[0] * 100 + a[1]) a = p;
      if (p[0] * 100 + p[1] > b[0] * 100 + b[1]) b = p;
    }
    const ax = colX(a[0]), ay = rowY(a[1]), ex = colX(b[0]), ey = rowY(b[1]);
    ctx.line(ax, ay, ax + (ex - ax) * winAnim, ay + (ey - ay) * winAnim, rgb(WHITE, 0.9), 5);
  }
  for (const p of particles) ctx.circle(p.x, p.y, 3 * Math.min(1, p.life * 1.5), rgb(p.c, Math.min(1, p.life * 2)));
  drawPanel(ctx, t);
}

function drawPanel(ctx, t) {
  const px = PANEL_X, pw = W - px - 16;
  const title = fitText(ctx, String(P.title || "Connect Four"), 22, pw, true);
  ctx.text(title.s, px, 30, { size: title.size, color: rgb(C.text), bold: true });
  const th = fitText(ctx, String(P.theme || ctx.t("{k} in a row", { k: K })), 12, pw);
  ctx.text(th.s, px, 52, { size: th.size, color: rgb(C.muted) });

  const cards = [[names[1], wins[1], C.accent, 1], [ctx.t("DRAWS"), draws, C.muted, 0], [names[2], wins[2], C.other, 2]];
  const cw = (pw - 16) / 3;
  cards.forEach((cd, i) => {
    const x = px + i * (cw + 8), y = 70;
    ctx.roundRect(x, y, cw, 60, 10, rgb(C.panel));
    if (cd[3] && phase === "play" && turn === cd[3]) ctx.strokeRect(x, y, cw, 60, rgb(cd[2], 0.8), 2);
    const nm = fitText(ctx, cd[0].toUpperCase(), 11, cw - 8);
    ctx.text(nm.s, x + cw / 2, y + 14, { size: nm.size, color: rgb(C.muted), align: "center" });
    ctx.text(String(cd[1]), x + cw / 2, y + 37, { size: 24, color: rgb(cd[2]), align: "center", bold: true });
    if (cd[3]) ctx.circle(x + cw / 2, y + 53, 4, rgb(cd[2]));
  });
  const iv = { n: bestOf, r: Math.min(roundNo, bestOf), level: ctx.t(level) };
  const info = vsAi ? ctx.t("Best of {n}   Round {r}   AI: {level}", iv) : ctx.t("Best of {n}   Round {r}   2 players", iv);
  const inf = fitText(ctx, info, 12, pw);
  ctx.text(inf.s, px, 148, { size: inf.size, color: rgb(C.muted) });
  for (let k = 0; k < need; k++) {
    ctx.circle(px + 8 + k * 16, 168, 5, rgb(k < wins[1] ? C.accent : C.panel));
    ctx.circle(px + pw - 8 - k * 16, 168, 5, rgb(k < wins[2] ? C.other : C.panel));
  }
  ctx.text(ctx.t("first to {n}", { n: need }), px + pw / 2, 168, { size: 10, color: rgb(C.muted), align: "center" });

  const thinking = phase === "play" && vsAi && turn === 2;
  const st = thinking ? status + ".".repeat(1 + (Math.floor(t * 3) % 3)) : status;
  const colorOf = [C.text, C.accent, C.other];
  const stColor = phase === "play" ? colorOf[turn] : colorOf[roundWinner];
  ctx.roundRect(px, 186, pw, 44, 10, rgb(C.panel));
  const sf = fitText(ctx, st, 17, pw - 16, true);
  ctx.text(sf.s, px + pw / 2, 208, { size: sf.size, color: rgb(stColor), align: "center", bold: true });
  if (phase === "roundEnd") ctx.text(phaseT > 0.6 ? ctx.t("Tap or press Space for the next round") : "", px + pw / 2, 246, { size: 11, color: rgb(C.muted), align: "center" });
  else {
    ctx.text(ctx.t("Get {k} in a row: across, up or diagonal.", { k: K }), px, 246, { size: 11, color: rgb(C.muted) });
    ctx.text(ctx.t("Tap a column, or arrows + Space, or 1-{cols}", { cols }), px, 264, { size: 11, color: rgb(C.muted) });
  }

  if (endInfo && phase === "done" && phaseT > 1.4) {
    ctx.roundRect(px - 4, 282, pw + 8, 66, 12, rgb(mix(C.panel, C.bg, 0.2)));
    ctx.strokeRect(px - 4, 282, pw + 8, 66, rgb(endInfo.won ? C.accent : C.other), 2);
    const tf = fitText(ctx, endInfo.title, 17, pw - 8, true);
    ctx.text(tf.s, px + pw / 2, 298, { size: tf.size, color: rgb(endInfo.won ? C.accent : C.text), align: "center", bold: true });
    ctx.text(ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best: endInfo.best }), px + pw / 2, 318, { size: 12, color: rgb(C.text), align: "center" });
    if (endInfo.at >= 0 && ctx.time - endInfo.at > 0.8) {
      ctx.text(ctx.t("Press Space or tap to play again"), px + pw / 2, 336, { size: 11, color: rgb(C.muted), align: "center" });
      // update() stops after gameOver, so the restart is read here
      if (ctx.input.pressed("action") || ctx.input.pointer.pressed) ctx.restart();
    }
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// Player names come from the parameters; "You", "Computer", "Player 1" and "Player 2" are the
// defaults when they are not given.
const STRINGS = {
  es: {
    "You": "Tú",
    "Computer": "Máquina",
    "Player 1": "Jugador 1",
    "Player 2": "Jugador 2",
    "easy": "fácil",
    "medium": "normal",
    "hard": "difícil",
    "{name} is thinking": "{name} está pensando",
    "Your turn": "Tu turno",
    "{name}'s turn": "Turno de {name}",
    "That column is full": "Esa columna está llena",
    "You win this round!": "¡Ganas esta ronda!",
    "{name} wins this round": "{name} gana esta ronda",
    "{name} wins this round!": "¡{name} gana esta ronda!",
    "The board is full: a draw": "Tablero lleno: empate",
    "You win the match!": "¡Ganas la partida!",
    "{name} wins the match!": "¡{name} gana la partida!",
    "{name} wins the match": "{name} gana la partida",
    "The match is a tie": "La partida acaba en empate",
    "({n} draw)": "({n} empate)",
    "({n} draws)": "({n} empates)",
    "{title} {w1}-{w2} {draws} against the {level} computer.": "{title} {w1}-{w2} {draws} contra la máquina ({level}).",
    "{title} {w1}-{w2} against the {level} computer.": "{title} {w1}-{w2} contra la máquina ({level}).",
    "{k} in a row": "{k} en línea",
    "DRAWS": "EMPATES",
    "Best of {n}   Round {r}   AI: {level}": "Al mejor de {n}   Ronda {r}   IA: {level}",
    "Best of {n}   Round {r}   2 players": "Al mejor de {n}   Ronda {r}   2 jugadores",
    "first to {n}": "primero a {n}",
    "Tap or press Space for the next round": "Toca o pulsa Espacio: siguiente ronda",
    "Get {k} in a row: across, up or diagonal.": "Alinea {k} en fila, columna o diagonal.",
    "Tap a column, or arrows + Space, or 1-{cols}": "Columna: toca, flechas + Espacio o 1-{cols}",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "You": "Toi",
    "Computer": "Ordinateur",
    "Player 1": "Joueur 1",
    "Player 2": "Joueur 2",
    "easy": "facile",
    "medium": "moyen",
    "hard": "difficile",
    "{name} is thinking": "{name} réfléchit",
    "Your turn": "À toi de jouer",
    "{name}'s turn": "Au tour de {name}",
    "That column is full": "Cette colonne est pleine",
    "You win this round!": "Tu gagnes cette manche !",
    "{name} wins this round": "{name} gagne cette manche",
    "{name} wins this round!": "{name} gagne cette manche !",
    "The board is full: a draw": "Grille pleine : match nul",
    "You win the match!": "Tu gagnes la partie !",
    "{name} wins the match!": "{name} gagne la partie !",
    "{name} wins the match": "{name} gagne la partie",
    "The match is a tie": "Match nul",
    "({n} draw)": "({n} nul)",
    "({n} draws)": "({n} nuls)",
    "{title} {w1}-{w2} {draws} against the {level} computer.": "{title} {w1}-{w2} {draws} contre l'ordinateur ({level}).",
    "{title} {w1}-{w2} against the {level} computer.": "{title} {w1}-{w2} contre l'ordinateur ({level}).",
    "{k} in a row": "{k} alignés",
    "DRAWS": "NULS",
    "Best of {n}   Round {r}   AI: {level}": "En {n} manches   Manche {r}   IA : {level}",
    "Best of {n}   Round {r}   2 players": "En {n} manches   Manche {r}   2 joueurs",
    "first to {n}": "premier à {n}",
    "Tap or press Space for the next round": "Touche ou Espace : manche suivante",
    "Get {k} in a row: across, up or diagonal.": "Aligne {k} : ligne, colonne ou diagonale.",
    "Tap a column, or arrows + Space, or 1-{cols}": "Colonne : touche, flèches + Espace, 1-{cols}",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "You": "Du",
    "Computer": "Computer",
    "Player 1": "Spieler 1",
    "Player 2": "Spieler 2",
    "easy": "leicht",
    "medium": "mittel",
    "hard": "schwer",
    "{name} is thinking": "{name} überlegt",
    "Your turn": "Du bist dran",
    "{name}'s turn": "{name} ist dran",
    "That column is full": "Diese Spalte ist voll",
    "You win this round!": "Du gewinnst die Runde!",
    "{name} wins this round": "{name} gewinnt die Runde",
    "{name} wins this round!": "{name} gewinnt die Runde!",
    "The board is full: a draw": "Brett voll: unentschieden",
    "You win the match!": "Du gewinnst das Match!",
    "{name} wins the match!": "{name} gewinnt das Match!",
    "{name} wins the match": "{name} gewinnt das Match",
    "The match is a tie": "Das Match endet unentschieden",
    "({n} draw)": "({n} Remis)",
    "({n} draws)": "({n} Remis)",
    "{title} {w1}-{w2} {draws} against the {level} computer.": "{title} {w1}-{w2} {draws} gegen den Computer ({level}).",
    "{title} {w1}-{w2} against the {level} computer.": "{title} {w1}-{w2} gegen den Computer ({level}).",
    "{k} in a row": "{k} in einer Reihe",
    "DRAWS": "REMIS",
    "Best of {n}   Round {r}   AI: {level}": "Best of {n}   Runde {r}   KI: {level}",
    "Best of {n}   Round {r}   2 players": "Best of {n}   Runde {r}   2 Spieler",
    "first to {n}": "Ziel: {n} Siege",
    "Tap or press Space for the next round": "Tippen oder Leertaste: nächste Runde",
    "Get {k} in a row: across, up or diagonal.": "{k} in einer Reihe: quer, hoch oder schräg.",
    "Tap a column, or arrows + Space, or 1-{cols}": "Spalte tippen, Pfeile + Leertaste, 1-{cols}",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste/Tippen: neues Spiel",
  },
  pt: {
    "You": "Você",
    "Computer": "Computador",
    "Player 1": "Jogador 1",
    "Player 2": "Jogador 2",
    "easy": "fácil",
    "medium": "médio",
    "hard": "difícil",
    "{name} is thinking": "{name} está pensando",
    "Your turn": "Sua vez",
    "{name}'s turn": "Vez de {name}",
    "That column is full": "Essa coluna está cheia",
    "You win this round!": "Você venceu a rodada!",
    "{name} wins this round": "{name} venceu a rodada",
    "{name} wins this round!": "{name} venceu a rodada!",
    "The board is full: a draw": "Tabuleiro cheio: empate",
    "You win the match!": "Você venceu a partida!",
    "{name} wins the match!": "{name} venceu a partida!",
    "{name} wins the match": "{name} venceu a partida",
    "The match is a tie": "A partida terminou empatada",
    "({n} draw)": "({n} empate)",
    "({n} draws)": "({n} empates)",
    "{title} {w1}-{w2} {draws} against the {level} computer.": "{title} {w1}-{w2} {draws} contra o computador ({level}).",
    "{title} {w1}-{w2} against the {level} computer.": "{title} {w1}-{w2} contra o computador ({level}).",
    "{k} in a row": "{k} em linha",
    "DRAWS": "EMPATES",
    "Best of {n}   Round {r}   AI: {level}": "Melhor de {n}   Rodada {r}   IA: {level}",
    "Best of {n}   Round {r}   2 players": "Melhor de {n}   Rodada {r}   2 jogadores",
    "first to {n}": "primeiro a {n}",
    "Tap or press Space for the next round": "Toque ou aperte Espaço: próxima rodada",
    "Get {k} in a row: across, up or diagonal.": "Alinhe {k} em linha, coluna ou diagonal.",
    "Tap a column, or arrows + Space, or 1-{cols}": "Coluna: toque, setas + Espaço ou 1-{cols}",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
