// Pong: aimini template "pong" (runtime aimini-runtime/1).
// Two paddles, one ball: hit it past the other side. The ball speeds up with every hit and the angle
// depends on where it meets the paddle (and how the paddle moves); first to N points wins.
// Against the computer: Up/Down or W/S move the left paddle; pointer & touch: the left paddle follows
// the pointer (drag on touch screens). Two players on one keyboard: W/S left, arrows (or I/K) right;
// on a touch screen each half of the screen steers its own paddle.

const HUD_H = 30;
const TOP = 38, BOTTOM = 352; // court edges the ball bounces off
const PW = 12; // paddle thickness (the hitbox; styles only change the look)
const MARGIN = 26; // paddle distance from the screen edge
const BALL_R = 7;
const MAX_ANGLE = 1.0; // radians from horizontal at the paddle's tip
const MAX_PARTS = 60;

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "You": "Tú",
    "CPU": "CPU",
    "Player 1": "Jugador 1",
    "Player 2": "Jugador 2",
    "Rally {n}!": "¡Peloteo de {n}!",
    "{name} wins {a} to {b}!": "¡{name} gana {a} a {b}!",
    "Point {name}!": "¡Punto para {name}!",
    "Match point!": "¡Punto de partido!",
    "First to {n}": "Primero a {n}",
    "Rally {n}": "Peloteo {n}",
    "{left} vs {right} - first to {n}": "{left} contra {right} - primero a {n}",
    "Beat the computer - first to {n} points": "Vence a la máquina - primero a {n} puntos",
    "Left: W / S    Right: Up / Down (or I / K)": "Izquierda: W / S    Derecha: ↑ / ↓ (o I / K)",
    "Up / Down or W / S to move your paddle": "↑ / ↓ o W / S para mover tu pala",
    "Touch: each half of the screen moves its paddle": "Táctil: cada mitad de la pantalla mueve su pala",
    "Mouse or touch: drag to move the left paddle": "Ratón o táctil: arrastra para mover tu pala",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "{name} wins!": "¡Gana {name}!",
    "You win!": "¡Ganaste!",
    "You lose": "Perdiste",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para jugar otra vez",
  },
  fr: {
    "You": "Toi",
    "CPU": "Ordi",
    "Player 1": "Joueur 1",
    "Player 2": "Joueur 2",
    "Rally {n}!": "Échange de {n} !",
    "{name} wins {a} to {b}!": "{name} gagne {a} à {b} !",
    "Point {name}!": "Point pour {name} !",
    "Match point!": "Balle de match !",
    "First to {n}": "Premier à {n}",
    "Rally {n}": "Échange {n}",
    "{left} vs {right} - first to {n}": "{left} contre {right} - premier à {n}",
    "Beat the computer - first to {n} points": "Bats l'ordinateur - premier à {n} points",
    "Left: W / S    Right: Up / Down (or I / K)": "Gauche : Z / S    Droite : ↑ / ↓ (ou I / K)",
    "Up / Down or W / S to move your paddle": "↑ / ↓ ou Z / S pour bouger ta raquette",
    "Touch: each half of the screen moves its paddle": "Tactile : chaque moitié d'écran bouge sa raquette",
    "Mouse or touch: drag to move the left paddle": "Souris/tactile : glisse pour bouger ta raquette",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour commencer",
    "{name} wins!": "{name} gagne !",
    "You win!": "Gagné !",
    "You lose": "Perdu",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "You": "Du",
    "CPU": "CPU",
    "Player 1": "Spieler 1",
    "Player 2": "Spieler 2",
    "Rally {n}!": "{n}er-Ballwechsel!",
    "{name} wins {a} to {b}!": "{name} gewinnt {a} zu {b}!",
    "Point {name}!": "Punkt für {name}!",
    "Match point!": "Matchball!",
    "First to {n}": "Ziel: {n} Punkte",
    "Rally {n}": "Ballwechsel {n}",
    "{left} vs {right} - first to {n}": "{left} gegen {right} - wer zuerst {n} hat",
    "Beat the computer - first to {n} points": "Schlag den Computer - wer zuerst {n} Punkte hat",
    "Left: W / S    Right: Up / Down (or I / K)": "Links: W / S    Rechts: ↑ / ↓ (oder I / K)",
    "Up / Down or W / S to move your paddle": "↑ / ↓ oder W / S bewegt deinen Schläger",
    "Touch: each half of the screen moves its paddle": "Touch: jede Hälfte steuert ihren Schläger",
    "Mouse or touch: drag to move the left paddle": "Maus oder Touch: ziehen bewegt den linken Schläger",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "{name} wins!": "{name} gewinnt!",
    "You win!": "Gewonnen!",
    "You lose": "Verloren",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für eine neue Runde",
  },
  pt: {
    "You": "Você",
    "CPU": "CPU",
    "Player 1": "Jogador 1",
    "Player 2": "Jogador 2",
    "Rally {n}!": "Sequência de {n}!",
    "{name} wins {a} to {b}!": "{name} vence por {a} a {b}!",
    "Point {name}!": "Ponto para {name}!",
    "Match point!": "Ponto decisivo!",
    "First to {n}": "Quem fizer {n} vence",
    "Rally {n}": "Sequência {n}",
    "{left} vs {right} - first to {n}": "{left} x {right} - quem fizer {n} vence",
    "Beat the computer - first to {n} points": "Vença o computador - quem fizer {n} pontos ganha",
    "Left: W / S    Right: Up / Down (or I / K)": "Esquerda: W / S    Direita: ↑ / ↓ (ou I / K)",
    "Up / Down or W / S to move your paddle": "↑ / ↓ ou W / S para mover sua raquete",
    "Touch: each half of the screen moves its paddle": "Toque: cada metade da tela move sua raquete",
    "Mouse or touch: drag to move the left paddle": "Mouse ou toque: arraste para mover sua raquete",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "{name} wins!": "{name} venceu!",
    "You win!": "Você venceu!",
    "You lose": "Você perdeu",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

let P, W, H;
let left, right, ball, trail, parts, popups, stars;
let state, stateT, serveDir, rally, best, shake, flashSide, flashT, lastPtr, ptrCtl, overAt, winner;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.trim().slice(0, max) : def; }
function col(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }

const COURTS = ["auto", "classic", "tennis", "ping-pong", "hockey", "soccer", "space"];
const BALLS = ["auto", "square", "ball", "tennis", "ping-pong", "puck", "soccer", "orb"];
const PADDLES = ["auto", "bar", "racket", "bat", "mallet", "energy"];
// What "auto" means for each court: [ball, paddle].
const COURT_LOOK = {
  classic: ["square", "bar"], tennis: ["tennis", "racket"], "ping-pong": ["ping-pong", "bat"],
  hockey: ["puck", "mallet"], soccer: ["soccer", "bar"], space: ["orb", "energy"],
};
const COURT_WORDS = [
  ["ping-pong", /ping|table tennis|pong table/],
  ["tennis", /tennis|wimbledon|racket|racquet|badminton|squash/],
  ["hockey", /hockey|puck|\bice\b|rink|air hockey/],
  ["soccer", /soccer|football|futbol|goal/],
  ["space", /space|galaxy|star|planet|alien|cosmic|neon|laser|cyber/],
];

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const out = {
    title: str(p.title, "Pong", 60),
    theme: str(p.theme, "classic arcade", 40),
    bg: col(pal.background, "#0b0f1a"),
    primary: col(pal.primary, "#38bdf8"),
    accent: col(pal.accent, "#f472b6"),
    text: col(pal.text, "#f8fafc"),
    mode: oneOf(p.mode, ["computer", "two-players"], "computer"),
    leftName: str(p.leftName, "You", 16),
    rightName: str(p.rightName, "CPU", 16),
    pointsToWin: int(p.pointsToWin, 7, 1, 21),
    ballSpeed: num(p.ballSpeed, 280, 150, 600),
    speedUp: num(p.speedUp, 0.05, 0, 0.15),
    maxSpeed: num(p.maxSpeed, 760, 300, 1200),
    paddleSize: int(p.paddleSize, 70, 30, 140),
    paddleSpeed: num(p.paddleSpeed, 430, 200, 900),
    aiSpeed: num(p.aiSpeed, 330, 100, 900),
    aiReaction: num(p.aiReaction, 0.16, 0, 0.6),
    aiError: num(p.aiError, 0.35, 0, 1),
    court: oneOf(p.court, COURTS, "auto"),
    ballStyle: oneOf(p.ballStyle, BALLS, "auto"),
    paddleStyle: oneOf(p.paddleStyle, PADDLES, "auto"),
  };
  if (out.court === "auto") {
    const words = (out.theme + " " + out.title).toLowerCase();
    out.court = "classic";
    for (const e of COURT_WORDS) if (e[1].test(words)) { out.court = e[0]; break; }
  }
  if (out.ballStyle === "auto") out.ballStyle = COURT_LOOK[out.court][0];
  if (out.paddleStyle === "auto") out.paddleStyle = COURT_LOOK[out.court][1];
  if (out.leftName.toLowerCase() === out.rightName.toLowerCase()) { out.leftName = "You"; out.rightName = "CPU"; }
  if (out.mode === "two-players" && out.leftName === "You" && out.rightName === "CPU") { out.leftName = "Player 1"; out.rightName = "Player 2"; }
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

// Surface colours of each court (the palette background fills the space around it).
const SURFACE = {
  classic: null, space: null,
  tennis: ["#3f7e4f", "#ffffff"], "ping-pong": ["#1d4e89", "#ffffff"],
  hockey: ["#e8f1f8", "#d03a3a"], soccer: ["#2f7d32", "#ffffff"],
};

// ---------- helpers ----------
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

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 3) * 0.4;
    const s = spd * (0.3 + ((i * 7) % 10) / 10);
    parts.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.5, max: 0.5, color, r: 1 + (i % 3) });
  }
  if (parts.length > MAX_PARTS) parts.splice(0, parts.length - MAX_PARTS);
}

function ballSpeed() { return Math.sqrt(ball.vx * ball.vx + ball.vy * ball.vy); }

function serve(ctx) {
  ball = { x: W / 2, y: (TOP + BOTTOM) / 2, vx: 0, vy: 0, spin: 0 };
  trail = [];
  rally = 0;
  state = "serve";
  stateT = 0;
  const a = (ctx.random() * 2 - 1) * 0.45;
  ball.nvx = Math.cos(a) * P.ballSpeed * serveDir;
  ball.nvy = Math.sin(a) * P.ballSpeed;
  right.err = 0;
  right.react = 0;
}

// Where the ball will cross x = tx, folding the path back at the walls.
function predictY(tx) {
  if ((tx - ball.x) * ball.vx <= 0) return (TOP + BOTTOM) / 2;
  const t = (tx - ball.x) / ball.vx;
  const lo = TOP + BALL_R, hi = BOTTOM - BALL_R, span = hi - lo;
  let y = ball.y + ball.vy * t - lo;
  y = ((y % (2 * span)) + 2 * span) % (2 * span);
  return lo + (y > span ? 2 * span - y : y);
}

function movePaddle(pd, dir, dt, speed) {
  const before = pd.y;
  pd.y += dir * speed * dt;
  pd.y = Math.max(TOP + P.paddleSize / 2, Math.min(BOTTOM - P.paddleSize / 2, pd.y));
  pd.vy = dt > 0 ? (pd.y - before) / dt : 0;
}

function followTo(pd, ty, dt, speed) {
  const d = ty - pd.y, step = speed * dt;
  movePaddle(pd, Math.abs(d) <= step ? d / Math.max(step, 1e-6) : Math.sign(d), dt, speed);
}

function steer(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  const two = P.mode === "two-players";
  if (lastPtr === null) lastPtr = { x: p.x, y: p.y };
  const moved = Math.abs(p.x - lastPtr.x) + Math.abs(p.y - lastPtr.y) > 0.5;
  lastPtr.x = p.x; lastPtr.y = p.y;
  // left paddle: W/S (and the arrows against the computer)
  let dl = 0;
  if (two) { if (inp.down("w")) dl -= 1; if (inp.down("s")) dl += 1; }
  else { if (inp.down("up")) dl -= 1; if (inp.down("down")) dl += 1; }
  // right paddle (two players): arrows, told apart from W/S, or I/K
  let dr = 0;
  if (two) {
    if ((inp.down("up") && !inp.down("w")) || inp.down("i")) dr -= 1;
    if ((inp.down("down") && !inp.down("s")) || inp.down("k")) dr += 1;
  }
  if (dl || dr) ptrCtl = null;
  if (p.down || p.pressed || moved) ptrCtl = two && p.x > W / 2 ? "right" : "left";
  if (dl) movePaddle(left, dl, dt, P.paddleSpeed);
  else if (ptrCtl === "left") followTo(left, p.y, dt, P.paddleSpeed * 2.2);
  else left.vy = 0;
  if (two) {
    if (dr) movePaddle(right, dr, dt, P.paddleSpeed);
    else if (ptrCtl === "right") followTo(right, p.y, dt, P.paddleSpeed * 2.2);
    else right.vy = 0;
  }
}

// The computer: reacts late (aiReaction) to a ball coming its way, aims at the predicted crossing
// plus an error that is drawn anew for every approach (aiError), and moves at most aiSpeed.
function computer(ctx, dt) {
  const pd = right;
  const coming = state === "play" && ball.vx > 0;
  if (coming && !pd.coming) {
    pd.react = P.aiReaction;
    // the error grows with the ball's speed: long fast rallies end in a miss more often
    const k = Math.max(0, Math.min(1, (ballSpeed() - P.ballSpeed) / Math.max(1, P.maxSpeed - P.ballSpeed)));
    pd.err = (ctx.random() * 2 - 1) * P.aiError * 3 * (0.8 + 0.6 * k) * (P.paddleSize / 2 + BALL_R);
  }
  pd.coming = coming;
  let ty = (TOP + BOTTOM) / 2;
  if (coming) {
    pd.react -= dt;
    if (pd.react > 0) { pd.vy = 0; return; }
    ty = predictY(W - MARGIN - PW) + pd.err;
  } else if (state === "play") ty = (TOP + BOTTOM) / 2 + (ball.y - (TOP + BOTTOM) / 2) * 0.3;
  followTo(pd, ty, dt, P.aiSpeed * (coming ? 1 : 0.6));
}

// Score: against the computer 100 per point won and 5 per return; two players: every hit counts.
function addScore(ctx, n) {
  ctx.score.add(n);
  if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("pong.best." + P.mode, best); }
}

function hitPaddle(ctx, pd, side) {
  const rel = Math.max(-1, Math.min(1, (ball.y - pd.y) / (P.paddleSize / 2 + BALL_R)));
  const s = Math.min(P.maxSpeed, ballSpeed() * (1 + P.speedUp));
  // the paddle's own movement adds spin (steers the ball a bit)
  const a = Math.max(-MAX_ANGLE, Math.min(MAX_ANGLE, rel * MAX_ANGLE + Math.max(-0.3, Math.min(0.3, pd.vy / 2000))));
  ball.vx = Math.cos(a) * s * (side === "left" ? 1 : -1);
  ball.vy = Math.sin(a) * s;
  ball.x = side === "left" ? MARGIN + PW + BALL_R : W - MARGIN - PW - BALL_R;
  pd.squash = 0.15;
  rally++;
  if (side === "left" || P.mode === "two-players") addScore(ctx, 5);
  burst(ball.x, ball.y, side === "left" ? P.primary : P.accent, 8, 140);
  ctx.sound.tone(side === "left" ? 520 : 440, 50, { type: "square", volume: 0.14 });
  if (rally > 0 && rally % 10 === 0) { ctx.event("rally", { hits: rally }); popups.push({ x: W / 2, y: 80, t: 1, text: ctx.t("Rally {n}!", { n: rally }) }); }
}

// The ball moves in sub-steps of at most 4 px so it never tunnels through a paddle, even at dt 0.1.
function moveBall(ctx, dt) {
  const steps = Math.max(1, Math.ceil((ballSpeed() * dt) / 4));
  const h = dt / steps;
  for (let i = 0; i < steps; i++) {
    ball.x += ball.vx * h;
    ball.y += ball.vy * h;
    if (ball.y < TOP + BALL_R) { ball.y = TOP + BALL_R; ball.vy = Math.abs(ball.vy); ctx.sound.tone(300, 30, { type: "triangle", volume: 0.08 }); }
    if (ball.y > BOTTOM - BALL_R) { ball.y = BOTTOM - BALL_R; ball.vy = -Math.abs(ball.vy); ctx.sound.tone(300, 30, { type: "triangle", volume: 0.08 }); }
    const reach = P.paddleSize / 2 + BALL_R;
    if (ball.vx < 0 && ball.x - BALL_R <= MARGIN + PW && ball.x > MARGIN - 4 && Math.abs(ball.y - left.y) <= reach) hitPaddle(ctx, left, "left");
    if (ball.vx > 0 && ball.x + BALL_R >= W - MARGIN - PW && ball.x < W - MARGIN + 4 && Math.abs(ball.y - right.y) <= reach) hitPaddle(ctx, right, "right");
    if (ball.x < -BALL_R * 2) return "right";
    if (ball.x > W + BALL_R * 2) return "left";
  }
  return null;
}

function point(ctx, side) {
  const pd = side === "left" ? left : right;
  pd.score++;
  ctx.event("point", { left: left.score, right: right.score });
  flashSide = side === "left" ? 1 : -1;
  flashT = 0.5;
  shake = 0.3;
  burst(side === "left" ? W - 4 : 4, ball.y, side === "left" ? P.primary : P.accent, 18, 220);
  const you = P.mode === "computer";
  if (you && side === "left") addScore(ctx, 100);
  if (pd.score >= P.pointsToWin) {
    winner = side;
    state = "over";
    overAt = ctx.time;
    const won = !you || side === "left";
    ctx.sound.effect(won ? "win" : "lose");
    const name = side === "left" ? P.leftName : P.rightName;
    ctx.gameOver({ won, message: ctx.t("{name} wins {a} to {b}!", { name, a: Math.max(left.score, right.score), b: Math.min(left.score, right.score) }) });
    return;
  }
  ctx.sound.effect(!you || side === "left" ? "coin" : "hit");
  const name = side === "left" ? P.leftName : P.rightName;
  popups.push({ x: W / 2, y: 120, t: 1.1, text: ctx.t("Point {name}!", { name }) });
  serveDir = side === "left" ? 1 : -1; // serve toward the one who lost the point
  serve(ctx);
}

// ---------- drawing ----------
function drawCourt(ctx) {
  const cw = W, ch = BOTTOM - TOP, cx = W / 2, cy = (TOP + BOTTOM) / 2;
  const S = SURFACE[P.court];
  if (P.court === "space") {
    for (const s of stars) ctx.rect(s.x, s.y, s.r, s.r, rgba(P.text, 0.2 + s.r * 0.2));
    ctx.circle(W * 0.78, TOP + 60, 34, mix(P.bg, P.accent, 0.25));
    ctx.circle(W * 0.78 - 9, TOP + 52, 30, mix(P.bg, P.accent, 0.12));
  }
  if (S) {
    ctx.rect(0, TOP - 4, cw, ch + 8, mix(S[0], "#000000", 0.25));
    ctx.rect(0, TOP, cw, ch, S[0]);
  }
  const line = S ? S[1] : rgba(P.text, 0.35);
  switch (P.court) {
    case "tennis":
      ctx.strokeRect(20, TOP + 12, cw - 40, ch - 24, line, 2);
      ctx.line(20, TOP + 40, cw - 20, TOP + 40, line, 2);
      ctx.line(20, BOTTOM - 40, cw - 20, BOTTOM - 40, line, 2);
      ctx.line(cx - 130, TOP + 40, cx - 130, BOTTOM - 40, line, 2);
      ctx.line(cx + 130, TOP + 40, cx + 130, BOTTOM - 40, line, 2);
      ctx.line(cx - 130, cy, cx + 130, cy, line, 2);
      ctx.rect(cx - 2, TOP, 4, ch, "#e5e7eb");
      for (let y = TOP + 4; y < BOTTOM; y += 12) ctx.rect(cx - 1, y, 2, 6, "#6b7280");
      break;
    case "ping-pong":
      ctx.strokeRect(4, TOP + 3, cw - 8, ch - 6, line, 3);
      ctx.line(4, cy, cw - 4, cy, rgba("#ffffff", 0.6), 1);
      ctx.rect(cx - 3, TOP - 6, 6, ch + 12, "#111827");
      ctx.rect(cx - 1, TOP - 6, 2, ch + 12, "#f8fafc");
      break;
    case "hockey":
      ctx.line(cx, TOP, cx, BOTTOM, "#d03a3a", 4);
      ctx.line(cx - 110, TOP, cx - 110, BOTTOM, "#2b59c3", 3);
      ctx.line(cx + 110, TOP, cx + 110, BOTTOM, "#2b59c3", 3);
      ctx.strokeCircle(cx, cy, 42, "#2b59c3", 2);
      ctx.circle(cx, cy, 4, "#2b59c3");
      ctx.rect(0, cy - 50, 8, 100, "#d03a3a");
      ctx.rect(W - 8, cy - 50, 8, 100, "#d03a3a");
      ctx.strokeCircle(0, cy, 60, rgba("#d03a3a", 0.5), 2);
      ctx.strokeCircle(W, cy, 60, rgba("#d03a3a", 0.5), 2);
      break;
    case "soccer":
      for (let i = 0; i < 8; i += 2) ctx.rect(i * (cw / 8), TOP, cw / 8, ch, mix(S[0], "#ffffff", 0.06));
      ctx.strokeRect(6, TOP + 6, cw - 12, ch - 12, line, 2);
      ctx.line(cx, TOP + 6, cx, BOTTOM - 6, line, 2);
      ctx.strokeCircle(cx, cy, 44, line, 2);
      ctx.strokeRect(6, cy - 70, 70, 140, line, 2);
      ctx.strokeRect(cw - 76, cy - 70, 70, 140, line, 2);
      break;
    default: // classic, space: dashed centre line
      for (let y = TOP + 4; y < BOTTOM; y += 20) ctx.rect(cx - 2, y, 4, 11, line);
      ctx.rect(0, TOP - 3, cw, 3, rgba(P.text, 0.5));
      ctx.rect(0, BOTTOM, cw, 3, rgba(P.text, 0.5));
  }
}

function drawPaddle(ctx, pd, side, color, ox, oy) {
  const h = P.paddleSize, sq = pd.squash > 0 ? pd.squash * 20 : 0;
  const x = (side === "left" ? MARGIN : W - MARGIN - PW) + ox + (side === "left" ? -sq / 4 : sq / 4);
  const y = pd.y - h / 2 + oy, cx = x + PW / 2, out = side === "left" ? -1 : 1;
  const dark = mix(color, "#000000", 0.45), light = mix(color, "#ffffff", 0.45);
  switch (P.paddleStyle) {
    case "racket": {
      ctx.line(cx, pd.y + oy, cx + out * 18, pd.y + oy, "#7c4a1e", 5); // handle sticks out behind
      ctx.roundRect(x - 2, y, PW + 4, h, 8, color);
      ctx.roundRect(x + 1, y + 4, PW - 2, h - 8, 5, rgba("#ffffff", 0.25));
      for (let k = 1; k < 4; k++) ctx.line(x + 1, y + (h * k) / 4, x + PW - 1, y + (h * k) / 4, rgba("#ffffff", 0.5), 1);
      ctx.line(cx, y + 4, cx, y + h - 4, rgba("#ffffff", 0.5), 1);
      break;
    }
    case "bat":
      ctx.line(cx, pd.y + oy, cx + out * 16, pd.y + oy, "#a16207", 7);
      ctx.roundRect(x - 1, y, PW + 2, h, 6, "#111827");
      ctx.roundRect(x + 1, y + 2, PW - 2, h - 4, 5, color);
      break;
    case "mallet":
      ctx.roundRect(x - 2, y, PW + 4, h, (PW + 4) / 2, dark);
      ctx.roundRect(x, y + 3, PW, h - 6, PW / 2, color);
      ctx.circle(cx, pd.y + oy, PW * 0.55, light);
      ctx.circle(cx, pd.y + oy, PW * 0.3, dark);
      break;
    case "energy":
      ctx.roundRect(x - 4, y - 4, PW + 8, h + 8, 8, rgba(color, 0.18 + 0.08 * Math.sin(stateT * 8)));
      ctx.roundRect(x, y, PW, h, 5, color);
      ctx.rect(cx - 1.5, y + 4, 3, h - 8, "#ffffff");
      break;
    default:
      ctx.rect(x, y, PW, h, color);
      ctx.rect(x + 2, y + 2, 3, h - 4, light);
  }
}

function drawBall(ctx, x, y) {
  const r = BALL_R;
  switch (P.ballStyle) {
    case "square": ctx.rect(x - r, y - r, r * 2, r * 2, P.text); break;
    case "tennis":
      ctx.circle(x, y, r, "#d9f055");
      ctx.poly([[x - r * 0.75, y - r * 0.6], [x - r * 0.25, y], [x - r * 0.75, y + r * 0.6], [x - r * 0.45, y]], "#ffffff");
      ctx.poly([[x + r * 0.75, y - r * 0.6], [x + r * 0.25, y], [x + r * 0.75, y + r * 0.6], [x + r * 0.45, y]], "#ffffff");
      break;
    case "ping-pong": ctx.circle(x, y, r - 1, "#fb923c"); ctx.circle(x - 2, y - 2, 2, "#fed7aa"); break;
    case "puck": ctx.circle(x, y + 1.5, r + 1, "#000000"); ctx.circle(x, y, r + 1, "#1f2937"); ctx.strokeCircle(x, y, r - 2, "#4b5563", 1); break;
    case "soccer":
      ctx.circle(x, y, r, "#ffffff");
      ctx.circle(x, y, r * 0.38, "#111827");
      for (let k = 0; k < 5; k++) { const a = ball.rot + (k * Math.PI * 2) / 5; ctx.circle(x + Math.cos(a) * r * 0.78, y + Math.sin(a) * r * 0.78, r * 0.22, "#111827"); }
      break;
    case "orb":
      ctx.circle(x, y, r + 5, rgba(P.accent, 0.25));
      ctx.circle(x, y, r, P.accent);
      ctx.circle(x - 2, y - 2, r * 0.4, "#ffffff");
      break;
    default: ctx.circle(x, y, r, P.text); ctx.circle(x - 2, y - 2, 2, "#ffffff");
  }
}

function overlay(ctx, title, lines, color) {
  ctx.rect(0, 0, W, H, rgba(P.bg, 0.55));
  ctx.roundRect(W / 2 - 215, H / 2 - 78, 430, 156, 14, rgba(mix(P.bg, "#000000", 0.4), 0.93));
  ctx.strokeRect(W / 2 - 215, H / 2 - 78, 430, 156, rgba(P.primary, 0.5), 2);
  ctx.text(fit(ctx, title, 28, 400), W / 2, H / 2 - 48, { size: 28, color, align: "center", bold: true });
  for (let i = 0; i < lines.length; i++) {
    const lastLine = i === lines.length - 1;
    ctx.text(fit(ctx, lines[i], 14, 400), W / 2, H / 2 - 10 + i * 22, { size: 14, color: lastLine ? P.accent : P.text, align: "center", bold: lastLine });
  }
}

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    // the default player names in the player's language
    for (const k of ["leftName", "rightName"]) if (["You", "CPU", "Player 1", "Player 2"].indexOf(P[k]) >= 0) P[k] = ctx.t(P[k]);
    W = ctx.width;
    H = ctx.height;
    const mid = (TOP + BOTTOM) / 2;
    left = { y: mid, vy: 0, score: 0, squash: 0 };
    right = { y: mid, vy: 0, score: 0, squash: 0, err: 0, react: 0, coming: false };
    parts = [];
    popups = [];
    stars = [];
    for (let i = 0; i < 30; i++) stars.push({ x: ctx.random() * W, y: TOP + ctx.random() * (BOTTOM - TOP), r: 1 + ctx.randInt(0, 1) });
    shake = 0;
    flashT = 0;
    flashSide = 0;
    lastPtr = null;
    ptrCtl = null;
    winner = null;
    overAt = 0;
    best = ctx.store.get("pong.best." + P.mode, 0);
    serveDir = ctx.random() < 0.5 ? -1 : 1;
    serve(ctx);
    ball.rot = 0;
    state = "intro";
    stateT = 0;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    stateT += dt;
    for (const p of parts) { p.x += p.vx * dt; p.y += p.vy * dt; p.life -= dt; }
    parts = parts.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 20 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    flashT = Math.max(0, flashT - dt);
    left.squash = Math.max(0, left.squash - dt);
    right.squash = Math.max(0, right.squash - dt);
    const inp = ctx.input;

    if (state === "intro") {
      // the paddles can be tried out behind the title card; Space or a tap starts the match
      steer(ctx, dt);
      if (P.mode === "computer") computer(ctx, dt);
      if (inp.pressed("action") || inp.pointer.pressed) {
        state = "serve";
        stateT = 0;
        ctx.sound.effect("click");
      }
      return;
    }
    if (state === "over") return;

    steer(ctx, dt);
    if (P.mode === "computer") computer(ctx, dt);

    if (state === "serve") {
      ball.y = (TOP + BOTTOM) / 2 + Math.sin(stateT * 4) * 6;
      if (stateT >= 1) {
        ball.y = (TOP + BOTTOM) / 2;
        ball.vx = ball.nvx;
        ball.vy = ball.nvy;
        state = "play";
        ctx.sound.effect("jump");
      }
      return;
    }

    ball.rot = (ball.rot || 0) + (ball.vx > 0 ? 1 : -1) * dt * 8;
    trail.push({ x: ball.x, y: ball.y });
    if (trail.length > 7) trail.shift();
    const scorer = moveBall(ctx, dt);
    if (scorer) point(ctx, scorer);
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) { ox = Math.sin(t * 83) * 6 * shake; oy = Math.cos(t * 71) * 4 * shake; }
    ctx.clear(P.bg);
    drawCourt(ctx);
    if (flashT > 0) {
      const x = flashSide > 0 ? W / 2 : 0;
      ctx.rect(x, TOP, W / 2, BOTTOM - TOP, rgba(flashSide > 0 ? P.primary : P.accent, flashT * 0.35));
    }

    drawPaddle(ctx, left, "left", P.primary, ox, oy);
    drawPaddle(ctx, right, "right", P.accent, ox, oy);
    if (state !== "over") {
      const tc = P.ballStyle === "puck" ? "#1f2937" : P.ballStyle === "orb" ? P.accent : P.text;
      for (let i = 0; i < trail.length; i++) {
        const k = (i + 1) / (trail.length + 1);
        ctx.circle(trail[i].x + ox, trail[i].y + oy, BALL_R * k * 0.85, rgba(tc, k * 0.3));
      }
      if (state !== "serve" || Math.floor(stateT * 8) % 2 === 0) drawBall(ctx, ball.x + ox, ball.y + oy);
    }
    for (const p of parts) ctx.rect(p.x - p.r + ox, p.y - p.r + oy, p.r * 2, p.r * 2, rgba(p.color, (p.life / p.max) * 1.4));
    for (const p of popups) ctx.text(p.text, p.x, p.y, { size: 20, color: rgba(P.text, p.t * 2), align: "center", bold: true });

    // HUD: names and scores in the middle
    ctx.rect(0, 0, W, HUD_H, mix(P.bg, "#000000", 0.4));
    ctx.text(fit(ctx, P.title, 13, 125), 10, 15, { size: 13, color: mix(P.text, P.bg, 0.3), bold: true });
    ctx.text(String(left.score), W / 2 - 26, 16, { size: 22, color: P.primary, align: "center", bold: true });
    ctx.text(":", W / 2, 15, { size: 20, color: P.text, align: "center", bold: true });
    ctx.text(String(right.score), W / 2 + 26, 16, { size: 22, color: P.accent, align: "center", bold: true });
    ctx.text(fit(ctx, P.leftName, 13, 100), W / 2 - 48, 15, { size: 13, color: P.text, align: "right" });
    ctx.text(fit(ctx, P.rightName, 13, 100), W / 2 + 48, 15, { size: 13, color: P.text });
    const matchPoint = Math.max(left.score, right.score) === P.pointsToWin - 1 && state !== "over";
    ctx.text(matchPoint ? ctx.t("Match point!") : ctx.t("First to {n}", { n: P.pointsToWin }), W - 10, 15, { size: 12, color: matchPoint ? P.accent : mix(P.text, P.bg, 0.4), align: "right", bold: matchPoint });
    if (rally >= 5 && state === "play") ctx.text(ctx.t("Rally {n}", { n: rally }), W / 2, HUD_H + 16, { size: 12, color: rgba(P.text, 0.6), align: "center" });

    if (state === "intro") {
      const two = P.mode === "two-players";
      overlay(ctx, P.title, [
        two ? ctx.t("{left} vs {right} - first to {n}", { left: P.leftName, right: P.rightName, n: P.pointsToWin }) : ctx.t("Beat the computer - first to {n} points", { n: P.pointsToWin }),
        ctx.t(two ? "Left: W / S    Right: Up / Down (or I / K)" : "Up / Down or W / S to move your paddle"),
        ctx.t(two ? "Touch: each half of the screen moves its paddle" : "Mouse or touch: drag to move the left paddle"),
        ctx.t("Press Space or tap to start"),
      ], P.text);
    }
    if (state === "over") {
      const since = t - overAt;
      const two = P.mode === "two-players";
      const won = two || winner === "left";
      const name = winner === "left" ? P.leftName : P.rightName;
      overlay(ctx, two ? ctx.t("{name} wins!", { name }) : ctx.t(won ? "You win!" : "You lose"), [
        P.leftName + " " + left.score + " : " + right.score + " " + P.rightName,
        ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }),
        since > 0.8 ? ctx.t("Press Space or tap to play again") : "",
      ], won ? P.accent : P.text);
      if (since > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    }
  },

  strings: STRINGS,
});
