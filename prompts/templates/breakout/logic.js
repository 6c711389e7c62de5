// Breakout: aimini template "breakout" (runtime aimini-runtime/1).
// Bounce the ball off the paddle to smash every brick; clear all levels to win.
// Keyboard: Left/Right move the paddle, Space/Enter launches. Pointer & touch: the paddle follows the
// pointer, a tap / click launches.

const HUD_H = 30;
const MARGIN = 16;
const GAP = 4;
const BRICK_H = 16;
const BRICK_TOP = 52;
const PADDLE_Y = 330;
const PADDLE_H = 10;
const BALL_R = 6;
const KEY_SPEED = 520;
const POINTER_SPEED = 2400;
const MAX_BOUNCE = 1.05; // radians (~60 degrees) away from vertical
const MIN_BOUNCE = 0.14; // radians (~8 degrees)

let P, W, H;
let level, lives, bricks, paddle, ball, trail, drops, particles, popups;
let state, stateTimer, banner, shake, lastPointerX, pointerControl, best, speedMul, wideTimer, slowTimer, combo;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.slice(0, max) : def; }
function isCol(v) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v); }
function col(v, def) { return isCol(v) ? v : def; }

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const out = {
    title: str(p.title, "Breakout", 60),
    theme: str(p.theme, "neon bricks", 40),
    bg: col(pal.background, "#0f172a"),
    primary: col(pal.primary, "#38bdf8"),
    accent: col(pal.accent, "#facc15"),
    text: col(pal.text, "#f8fafc"),
    rows: int(p.rows, 5, 1, 8),
    columns: int(p.columns, 10, 4, 14),
    lives: int(p.lives, 3, 1, 5),
    ballSpeed: num(p.ballSpeed, 300, 150, 600),
    paddleWidth: int(p.paddleWidth, 96, 40, 200),
    levels: int(p.levels, 3, 1, 10),
    levelSpeedUp: num(p.levelSpeedUp, 0.1, 0, 0.5),
    toughRows: int(p.toughRows, 1, 0, 8),
    powerUps: p.powerUps !== false,
    brickColors: [],
  };
  if (Array.isArray(p.brickColors)) out.brickColors = p.brickColors.filter(isCol).slice(0, 8);
  if (!out.brickColors.length) out.brickColors = ["#f43f5e", "#fb923c", "#facc15", "#4ade80", "#38bdf8", "#818cf8", "#c084fc", "#f472b6"];
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
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + a + ")"; }

// ---------- levels ----------
// Patterns cycle with the level number; each returns whether the brick at (r, c) exists.
const PATTERNS = [
  (r, c, R, C) => true,
  (r, c, R, C) => (r + c) % 2 === 0 || r === 0,
  (r, c, R, C) => Math.abs(c - (C - 1) / 2) <= (r + 1) * (C / (2 * R)) + 0.5,
  (r, c, R, C) => c % 3 !== 1 || r % 2 === 0,
  (r, c, R, C) => Math.abs(c - (C - 1) / 2) / (C / 2) + Math.abs(r - (R - 1) / 2) / (R / 2 + 0.5) <= 1.05,
  (r, c, R, C) => r % 2 === 0 || c === 0 || c === C - 1,
];

function buildLevel(ctx) {
  bricks = [];
  const R = P.rows, C = P.columns;
  const bw = (W - MARGIN * 2 - GAP * (C - 1)) / C;
  const pat = PATTERNS[(level - 1) % PATTERNS.length];
  const tough = level >= 2 ? P.toughRows : 0; // level 1 is always single-hit
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (!pat(r, c, R, C)) continue;
      const hp = r < tough ? 2 : 1;
      bricks.push({
        x: MARGIN + c * (bw + GAP), y: BRICK_TOP + r * (BRICK_H + GAP), w: bw, h: BRICK_H,
        r, hp, maxHp: hp, color: P.brickColors[r % P.brickColors.length], hitT: 0,
      });
    }
  }
  if (bricks.length < 3) { // a pattern too sparse for tiny grids: fall back to a full wall
    bricks = [];
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
      bricks.push({ x: MARGIN + c * (bw + GAP), y: BRICK_TOP + r * (BRICK_H + GAP), w: bw, h: BRICK_H, r, hp: 1, maxHp: 1, color: P.brickColors[r % P.brickColors.length], hitT: 0 });
    }
  }
  speedMul = 1;
  drops = [];
  wideTimer = 0;
  slowTimer = 0;
}

function levelSpeed() {
  return P.ballSpeed * (1 + P.levelSpeedUp * (level - 1)) * speedMul * (slowTimer > 0 ? 0.7 : 1);
}

function paddleW() { return Math.min(W * 0.6, P.paddleWidth * (wideTimer > 0 ? 1.5 : 1)); }

function stickBall() {
  ball = { x: paddle.x, y: PADDLE_Y - BALL_R - 1, vx: 0, vy: 0, stuck: true, offset: 0 };
  trail = [];
  combo = 0;
}

function launch(ctx) {
  if (!ball.stuck) return;
  const ang = (ctx.random() - 0.5) * 0.6 + paddle.vx * 0.0006;
  let a = Math.max(-0.7, Math.min(0.7, ang));
  if (Math.abs(a) < MIN_BOUNCE) a = a < 0 ? -MIN_BOUNCE : MIN_BOUNCE;
  const s = levelSpeed();
  ball.vx = Math.sin(a) * s;
  ball.vy = -Math.cos(a) * s;
  ball.stuck = false;
  ctx.sound.effect("jump");
}

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 3) * 0.5;
    const s = spd * (0.35 + ((i * 5) % 7) / 8);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s - 40, life: 0.55, max: 0.55, color, r: 1.5 + (i % 3) });
  }
}

// ---------- collisions ----------
function hitBrick(ctx, b) {
  b.hp--;
  b.hitT = 0.15;
  if (b.hp > 0) {
    ctx.sound.tone(220, 60, { type: "square", volume: 0.15 });
    return;
  }
  combo++;
  const pts = (10 + (P.rows - 1 - b.r) * 5) * (b.maxHp > 1 ? 2 : 1) * (1 + Math.floor((combo - 1) / 4));
  ctx.score.add(pts);
  if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("breakout.best", best); }
  popups.push({ x: b.x + b.w / 2, y: b.y + b.h / 2, t: 0.7, text: "+" + pts });
  burst(b.x + b.w / 2, b.y + b.h / 2, b.color, 10, 140);
  ctx.sound.tone(330 + (P.rows - b.r) * 60 + Math.min(combo, 10) * 20, 70, { type: "square", volume: 0.14 });
  speedMul = Math.min(1.35, speedMul * 1.012);
  if (combo > 0 && combo % 6 === 0) ctx.event("combo", { combo });
  if (P.powerUps && ctx.random() < 0.12) {
    let kind = ctx.random() < 0.5 ? "wide" : "slow";
    if (lives < 5 && ctx.random() < 0.15) kind = "life";
    drops.push({ x: b.x + b.w / 2, y: b.y + b.h / 2, kind, vy: 110 });
  }
}

function collideBricks(ctx) {
  for (const b of bricks) {
    if (b.hp <= 0) continue;
    const nx = Math.max(b.x, Math.min(ball.x, b.x + b.w));
    const ny = Math.max(b.y, Math.min(ball.y, b.y + b.h));
    const dx = ball.x - nx, dy = ball.y - ny;
    if (dx * dx + dy * dy > BALL_R * BALL_R) continue;
    // penetration depth on each axis decides which side was hit
    const penX = Math.min(ball.x + BALL_R - b.x, b.x + b.w - (ball.x - BALL_R));
    const penY = Math.min(ball.y + BALL_R - b.y, b.y + b.h - (ball.y - BALL_R));
    if (penX < penY) {
      ball.vx = ball.x < b.x + b.w / 2 ? -Math.abs(ball.vx) : Math.abs(ball.vx);
      ball.x += ball.vx > 0 ? penX : -penX;
    } else {
      ball.vy = ball.y < b.y + b.h / 2 ? -Math.abs(ball.vy) : Math.abs(ball.vy);
      ball.y += ball.vy > 0 ? penY : -penY;
    }
    hitBrick(ctx, b);
    return true;
  }
  return false;
}

function setBallSpeed() {
  const s = levelSpeed();
  const cur = Math.sqrt(ball.vx * ball.vx + ball.vy * ball.vy) || 1;
  ball.vx *= s / cur;
  ball.vy *= s / cur;
  // never let the ball travel (almost) horizontally
  if (Math.abs(ball.vx) < s * 0.1) {
    ball.vx = (ball.vx < 0 ? -1 : 1) * s * 0.1;
    ball.vy = (ball.vy < 0 ? -1 : 1) * Math.sqrt(s * s - ball.vx * ball.vx);
  }
  if (Math.abs(ball.vy) < s * 0.25) {
    ball.vy = (ball.vy < 0 ? -1 : 1) * s * 0.25;
    ball.vx = (ball.vx < 0 ? -1 : 1) * Math.sqrt(s * s - ball.vy * ball.vy);
  }
}

function moveBall(ctx, dt) {
  const dist = Math.sqrt(ball.vx * ball.vx + ball.vy * ball.vy) * dt;
  const steps = Math.max(1, Math.ceil(dist / 3));
  const h = dt / steps;
  for (let i = 0; i < steps; i++) {
    ball.x += ball.vx * h;
    ball.y += ball.vy * h;
    if (ball.x < BALL_R) { ball.x = BALL_R; ball.vx = Math.abs(ball.vx); ctx.sound.tone(180, 30, { type: "triangle", volume: 0.08 }); }
    if (ball.x > W - BALL_R) { ball.x = W - BALL_R; ball.vx = -Math.abs(ball.vx); ctx.sound.tone(180, 30, { type: "triangle", volume: 0.08 }); }
    if (ball.y < HUD_H + BALL_R) { ball.y = HUD_H + BALL_R; ball.vy = Math.abs(ball.vy); ctx.sound.tone(180, 30, { type: "triangle", volume: 0.08 }); }
    // paddle
    const pw = paddleW();
    if (ball.vy > 0 && ball.y + BALL_R >= PADDLE_Y && ball.y - BALL_R <= PADDLE_Y + PADDLE_H &&
        ball.x >= paddle.x - pw / 2 - BALL_R && ball.x <= paddle.x + pw / 2 + BALL_R) {
      const rel = Math.max(-1, Math.min(1, (ball.x - paddle.x) / (pw / 2 + BALL_R)));
      // never bounce straight up: a vertical ball would loop forever between paddle and wall
      let a = rel * MAX_BOUNCE;
      if (Math.abs(a) < MIN_BOUNCE) a = (a < 0 || (a === 0 && ctx.random() < 0.5) ? -1 : 1) * MIN_BOUNCE;
      const s = levelSpeed();
      ball.vx = Math.sin(a) * s;
      ball.vy = -Math.cos(a) * s;
      ball.y = PADDLE_Y - BALL_R;
      paddle.squash = 0.15;
      combo = 0;
      ctx.sound.tone(440 + Math.abs(rel) * 120, 50, { type: "sine", volume: 0.16 });
    }
    if (collideBricks(ctx)) setBallSpeed();
    if (ball.y - BALL_R > H) return false;
  }
  return true;
}

// ---------- input ----------
function movePaddle(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  const pw = paddleW();
  let dir = 0;
  if (inp.down("left")) dir -= 1;
  if (inp.down("right")) dir += 1;
  if (dir !== 0) pointerControl = false;
  if (lastPointerX === null) lastPointerX = p.x;
  if (p.down || p.pressed || Math.abs(p.x - lastPointerX) > 0.5) pointerControl = true;
  lastPointerX = p.x;
  const before = paddle.x;
  if (dir !== 0) {
    paddle.x += dir * KEY_SPEED * dt;
  } else if (pointerControl) {
    const d = p.x - paddle.x;
    const maxStep = POINTER_SPEED * dt;
    paddle.x += Math.max(-maxStep, Math.min(maxStep, d));
  }
  paddle.x = Math.max(pw / 2 + 2, Math.min(W - pw / 2 - 2, paddle.x));
  paddle.vx = dt > 0 ? (paddle.x - before) / dt : 0;
  if (ball.stuck) {
    ball.x = paddle.x;
    ball.y = PADDLE_Y - BALL_R - 1;
  }
  if (inp.pressed("action") || inp.pressed("up") || (p.pressed && p.y > HUD_H)) launch(ctx);
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "Level {n}": "Nivel {n}",
    "Level {n}/{total}": "Nivel {n}/{total}",
    "Out of balls on level {n} of {total}": "Sin bolas en el nivel {n} de {total}",
    "WIDE": "ANCHA",
    "SLOW": "LENTA",
    "+1 LIFE": "+1 VIDA",
    "Last ball!": "¡Última bola!",
    "{n} balls left": "Quedan {n} bolas",
    "All {n} level cleared!": "¡{n} nivel superado!",
    "All {n} levels cleared!": "¡Los {n} niveles superados!",
    "Level {n} clear! +{bonus}": "¡Nivel {n} superado! +{bonus}",
    "Best {n}": "Récord {n}",
    "Space or tap to launch": "Espacio o toca para lanzar",
    "You win!": "¡Has ganado!",
    "Game over": "Fin del juego",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
  },
  fr: {
    "Level {n}": "Niveau {n}",
    "Level {n}/{total}": "Niveau {n}/{total}",
    "Out of balls on level {n} of {total}": "Plus de balles au niveau {n} sur {total}",
    "WIDE": "LARGE",
    "SLOW": "LENT",
    "+1 LIFE": "+1 VIE",
    "Last ball!": "Dernière balle !",
    "{n} balls left": "Encore {n} balles",
    "All {n} level cleared!": "{n} niveau terminé !",
    "All {n} levels cleared!": "Les {n} niveaux terminés !",
    "Level {n} clear! +{bonus}": "Niveau {n} terminé ! +{bonus}",
    "Best {n}": "Record {n}",
    "Space or tap to launch": "Espace ou touche pour lancer",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
  },
  de: {
    "Level {n}": "Level {n}",
    "Level {n}/{total}": "Level {n}/{total}",
    "Out of balls on level {n} of {total}": "Keine Bälle mehr in Level {n} von {total}",
    "WIDE": "BREIT",
    "SLOW": "LANGSAM",
    "+1 LIFE": "+1 LEBEN",
    "Last ball!": "Letzter Ball!",
    "{n} balls left": "Noch {n} Bälle",
    "All {n} level cleared!": "{n} Level geschafft!",
    "All {n} levels cleared!": "Alle {n} Level geschafft!",
    "Level {n} clear! +{bonus}": "Level {n} geschafft! +{bonus}",
    "Best {n}": "Rekord {n}",
    "Space or tap to launch": "Leertaste oder tippen zum Starten",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
  },
  pt: {
    "Level {n}": "Nível {n}",
    "Level {n}/{total}": "Nível {n}/{total}",
    "Out of balls on level {n} of {total}": "Sem bolas no nível {n} de {total}",
    "WIDE": "LARGA",
    "SLOW": "LENTA",
    "+1 LIFE": "+1 VIDA",
    "Last ball!": "Última bola!",
    "{n} balls left": "Restam {n} bolas",
    "All {n} level cleared!": "{n} nível concluído!",
    "All {n} levels cleared!": "Todos os {n} níveis concluídos!",
    "Level {n} clear! +{bonus}": "Nível {n} concluído! +{bonus}",
    "Best {n}": "Recorde {n}",
    "Space or tap to launch": "Espaço ou toque para lançar",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    W = ctx.width;
    H = ctx.height;
    level = 1;
    lives = P.lives;
    particles = [];
    popups = [];
    shake = 0;
    lastPointerX = null;
    pointerControl = false;
    best = ctx.store.get("breakout.best", 0);
    paddle = { x: W / 2, vx: 0, squash: 0 };
    wideTimer = 0;
    slowTimer = 0;
    buildLevel(ctx);
    stickBall();
    state = "play";
    stateTimer = 0;
    banner = { text: ctx.t("Level {n}", { n: 1 }), t: 1.6 };
    ctx.score.set(0);
  },

  update(ctx, dt) {
    for (const p of particles) {
      p.x += p.vx * dt; p.y += p.vy * dt; p.vy += 300 * dt; p.life -= dt;
    }
    particles = particles.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 28 * dt; }
    popups = popups.filter((p) => p.t > 0);
    for (const b of bricks) b.hitT = Math.max(0, b.hitT - dt);
    shake = Math.max(0, shake - dt);
    paddle.squash = Math.max(0, paddle.squash - dt);
    if (banner) { banner.t -= dt; if (banner.t <= 0) banner = null; }

    if (state === "cleared") {
      stateTimer -= dt;
      if (stateTimer <= 0) {
        level++;
        buildLevel(ctx);
        stickBall();
        banner = { text: ctx.t("Level {n}", { n: level }), t: 1.6 };
        state = "play";
      }
      return;
    }
    if (state === "lost") {
      stateTimer -= dt;
      if (stateTimer <= 0) {
        state = "over";
        ctx.gameOver({ won: false, message: ctx.t("Out of balls on level {n} of {total}", { n: level, total: P.levels }) });
      }
      return;
    }
    if (state !== "play") return;

    wideTimer = Math.max(0, wideTimer - dt);
    const wasSlow = slowTimer > 0;
    slowTimer = Math.max(0, slowTimer - dt);
    if (wasSlow && slowTimer === 0 && !ball.stuck) setBallSpeed();

    movePaddle(ctx, dt);

    // power-ups
    const pw = paddleW();
    for (const d of drops) {
      d.y += d.vy * dt;
      if (d.y >= PADDLE_Y - 6 && d.y <= PADDLE_Y + PADDLE_H + 6 && Math.abs(d.x - paddle.x) <= pw / 2 + 10) {
        d.taken = true;
        ctx.sound.effect("coin");
        if (d.kind === "wide") wideTimer = 12;
        if (d.kind === "slow") { slowTimer = 8; if (!ball.stuck) setBallSpeed(); }
        if (d.kind === "life") lives = Math.min(5, lives + 1);
        popups.push({ x: d.x, y: PADDLE_Y - 16, t: 0.9, text: d.kind === "wide" ? ctx.t("WIDE") : d.kind === "slow" ? ctx.t("SLOW") : ctx.t("+1 LIFE") });
      }
    }
    drops = drops.filter((d) => !d.taken && d.y < H + 10);

    if (!ball.stuck) {
      trail.push({ x: ball.x, y: ball.y });
      if (trail.length > 8) trail.shift();
      if (!moveBall(ctx, dt)) {
        lives--;
        shake = 0.35;
        ctx.sound.effect(lives > 0 ? "hit" : "lose");
        burst(ball.x, H - 4, P.accent, 14, 160);
        if (lives <= 0) {
          state = "lost";
          stateTimer = 0.8;
        } else {
          wideTimer = 0;
          slowTimer = 0;
          drops = [];
          stickBall();
          banner = { text: lives === 1 ? ctx.t("Last ball!") : ctx.t("{n} balls left", { n: lives }), t: 1.2 };
        }
        return;
      }
    }

    if (bricks.every((b) => b.hp <= 0)) {
      ctx.event("level", { level, score: ctx.score.get() });
      const bonus = 100 * level + lives * 50;
      ctx.score.add(bonus);
      if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("breakout.best", best); }
      if (level >= P.levels) {
        state = "won";
        ctx.sound.effect("win");
        ctx.gameOver({ won: true, message: P.levels === 1 ? ctx.t("All {n} level cleared!", { n: P.levels }) : ctx.t("All {n} levels cleared!", { n: P.levels }) });
      } else {
        state = "cleared";
        stateTimer = 1.4;
        ctx.sound.effect("win");
        banner = { text: ctx.t("Level {n} clear! +{bonus}", { n: level, bonus }), t: 1.4 };
        ball.vx = 0; ball.vy = 0; ball.stuck = true; trail = [];
      }
    }
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) { ox = Math.sin(t * 83) * 7 * shake; oy = Math.cos(t * 71) * 5 * shake; }
    ctx.clear(P.bg);
    // backdrop: soft vertical bands
    const band = mix(P.bg, P.primary, 0.05);
    for (let i = 0; i < 8; i++) ctx.rect(i * 80 + 40 + ox, HUD_H, 1, H - HUD_H, band);
    ctx.rect(0 + ox, PADDLE_Y + 22 + oy, W, 1, mix(P.bg, P.accent, 0.18));

    // bricks
    for (const b of bricks) {
      if (b.hp <= 0) continue;
      const c = b.hitT > 0 ? "#ffffff" : b.hp < b.maxHp ? mix(b.color, P.bg, 0.4) : b.color;
      ctx.roundRect(b.x + ox, b.y + oy, b.w, b.h, 3, c);
      ctx.rect(b.x + 3 + ox, b.y + 2 + oy, b.w - 6, 3, rgba("#ffffff", 0.35));
      ctx.rect(b.x + 2 + ox, b.y + b.h - 3 + oy, b.w - 4, 2, rgba("#000000", 0.25));
      if (b.maxHp > 1) {
        ctx.strokeRect(b.x + 1 + ox, b.y + 1 + oy, b.w - 2, b.h - 2, b.hp > 1 ? mix(b.color, "#ffffff", 0.6) : mix(b.color, "#000000", 0.3), 2);
        if (b.hp < b.maxHp) ctx.line(b.x + b.w * 0.3 + ox, b.y + 2 + oy, b.x + b.w * 0.55 + ox, b.y + b.h - 2 + oy, rgba("#000000", 0.5), 1.5);
      }
    }

    // power-up capsules
    for (const d of drops) {
      const c = d.kind === "wide" ? P.primary : d.kind === "slow" ? P.accent : "#f43f5e";
      ctx.roundRect(d.x - 14 + ox, d.y - 7 + oy, 28, 14, 7, c);
      ctx.text(d.kind === "wide" ? "W" : d.kind === "slow" ? "S" : "+", d.x + ox, d.y + oy + 1, { size: 11, color: P.bg, align: "center", bold: true });
    }

    // paddle
    const pw = paddleW();
    const sq = paddle.squash > 0 ? paddle.squash * 16 : 0;
    const px = paddle.x - pw / 2 - sq / 2 + ox, py = PADDLE_Y + sq * 0.15 + oy;
    ctx.roundRect(px, py, pw + sq, PADDLE_H, 5, P.primary);
    ctx.rect(px + 6, py + 2, pw + sq - 12, 2, rgba("#ffffff", 0.4));
    ctx.roundRect(px, py, 10, PADDLE_H, 4, P.accent);
    ctx.roundRect(px + pw + sq - 10, py, 10, PADDLE_H, 4, P.accent);
    if (wideTimer > 0 && (wideTimer > 2 || Math.floor(t * 8) % 2 === 0)) ctx.strokeRect(px - 2, py - 2, pw + sq + 4, PADDLE_H + 4, rgba(P.primary, 0.5), 1);

    // ball + trail
    for (let i = 0; i < trail.length; i++) {
      const k = (i + 1) / (trail.length + 1);
      ctx.circle(trail[i].x + ox, trail[i].y + oy, BALL_R * k * 0.8, rgba(P.accent, k * 0.35));
    }
    if (state !== "lost" && state !== "over") {
      ctx.circle(ball.x + ox, ball.y + oy, BALL_R + 2, rgba(P.accent, 0.25));
      ctx.circle(ball.x + ox, ball.y + oy, BALL_R, P.text);
      ctx.circle(ball.x - 2 + ox, ball.y - 2 + oy, 2, "#ffffff");
    }

    for (const p of particles) ctx.rect(p.x - p.r + ox, p.y - p.r + oy, p.r * 2, p.r * 2, rgba(p.color, Math.min(1, p.life / p.max * 1.5)));
    for (const p of popups) ctx.text(p.text, p.x + ox, p.y + oy, { size: 13, color: rgba(P.text, Math.min(1, p.t * 2)), align: "center", bold: true });

    // HUD
    ctx.rect(0, 0, W, HUD_H, mix(P.bg, "#000000", 0.3));
    ctx.rect(0, HUD_H - 1, W, 1, mix(P.bg, P.primary, 0.4));
    ctx.text(P.title, 12, 15, { size: 16, color: P.text, bold: true });
    ctx.text(ctx.t("Level {n}/{total}", { n: level, total: P.levels }), W / 2 - 40, 15, { size: 14, color: mix(P.text, P.bg, 0.25), align: "center" });
    ctx.text(String(ctx.score.get()), W / 2 + 50, 15, { size: 16, color: P.accent, align: "center", bold: true });
    for (let i = 0; i < lives; i++) ctx.circle(W - 16 - i * 16, 15, 5, P.text);
    ctx.text(ctx.t("Best {n}", { n: best }), W - 24 - Math.max(lives, 1) * 16, 15, { size: 12, color: mix(P.text, P.bg, 0.45), align: "right" });

    if (state === "play" && ball.stuck && !banner) {
      const a = 0.6 + 0.4 * Math.sin(t * 5);
      ctx.text(ctx.t("Space or tap to launch"), W / 2, 290, { size: 15, color: rgba(P.text, a), align: "center", bold: true });
    }
    if (banner) {
      const a = Math.min(1, banner.t * 3);
      ctx.roundRect(W / 2 - 150, 246, 300, 40, 10, rgba(P.bg, 0.8 * a));
      ctx.text(banner.text, W / 2, 266, { size: 20, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.6));
      ctx.text(state === "won" ? ctx.t("You win!") : ctx.t("Game over"), W / 2, H / 2 - 10, { size: 34, color: state === "won" ? P.accent : P.text, align: "center", bold: true });
      ctx.text(ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }), W / 2, H / 2 + 26, { size: 16, color: P.text, align: "center" });
    }
  },

  strings: STRINGS,
});
