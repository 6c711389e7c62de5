// Dodger: aimini template "dodger" (runtime aimini-runtime/1).
// Things fall from the sky; slide left and right to avoid them and grab the collectibles.
// It gets faster over time. Keyboard: Left/Right (or A/D). Pointer & touch: the player follows the pointer
// (hold and drag on touch screens).

const GROUND_H = 14;
const MAX_MUL = 4;
const INVULN = 1.6;

let P, W, H;
let px, py, pw, ph, scale, targetX, lastPointerX, facing, moving;
let obstacles, pickups, particles, popups, specks;
let lives, elapsed, bonus, spawnAcc, pickAcc, state, stateTimer, invuln, shake, flash, best, nextMilestone, dodged;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.slice(0, max) : def; }
function col(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }
// Sprite-library art from untrusted clients: 8-16 rows of one width 8-16 over "." and "0"-"f", else [].
function art(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}

const STYLES = ["rock", "raindrop", "asteroid", "meteor", "snowflake", "block", "bomb", "leaf"];
const PICK_STYLES = ["star", "coin", "gem", "heart"];
const DEFAULT_SPRITE = [
  "....XX....",
  "...XXXX...",
  "...XWWX...",
  "..XXXXXX..",
  ".XXAXXAXX.",
  "XXXXXXXXXX",
  "XX.AA.AAXX",
  "K...KK...K",
];

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const c = p.collectibles && typeof p.collectibles === "object" ? p.collectibles : {};
  let sprite = DEFAULT_SPRITE;
  if (Array.isArray(p.playerSprite)) {
    const rowsOk = p.playerSprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rowsOk.length && rowsOk.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rowsOk.map((r) => r.length));
      sprite = rowsOk.map((r) => r + ".".repeat(w - r.length)); // pad ragged rows
    }
  }
  return {
    title: str(p.title, "Dodger", 60),
    theme: str(p.theme, "falling rocks", 40),
    bg: col(pal.background, "#1a1b2e"),
    primary: col(pal.primary, "#60a5fa"),
    accent: col(pal.accent, "#fbbf24"),
    text: col(pal.text, "#f8fafc"),
    obstacleStyle: oneOf(p.obstacleStyle, STYLES, "rock"),
    obstacleName: str(p.obstacleName, "rocks", 24),
    obstacleColor: col(p.obstacleColor, "#a8a29e"),
    obstacleArt: art(p.obstacleArt),
    obstacleRate: num(p.obstacleRate, 1.4, 0.3, 6),
    obstacleSpeed: num(p.obstacleSpeed, 150, 60, 400),
    ramp: num(p.ramp, 0.1, 0, 0.5),
    lives: int(p.lives, 3, 1, 5),
    playerSpeed: num(p.playerSpeed, 340, 150, 700),
    playerSprite: sprite,
    winSeconds: int(p.winSeconds, 0, 0, 600),
    pickEnabled: c.enabled !== false,
    pickName: str(c.name, "stars", 24),
    pickStyle: oneOf(c.style, PICK_STYLES, "star"),
    pickPoints: int(c.points, 25, 1, 100),
    pickRate: num(c.rate, 0.35, 0.05, 2),
  };
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

// ---------- helpers ----------
function difficulty() { return Math.min(MAX_MUL, 1 + P.ramp * (elapsed / 10)); }
function rnd(ctx, a, b) { return a + (b - a) * ctx.random(); }
function rotPts(shape, x, y, r, rot) {
  const c = Math.cos(rot), s = Math.sin(rot);
  return shape.map((p) => [x + (p[0] * c - p[1] * s) * r, y + (p[0] * s + p[1] * c) * r]);
}

function spawnObstacle(ctx) {
  const style = P.obstacleStyle;
  const m = difficulty();
  let r = rnd(ctx, 10, 24);
  let vy = P.obstacleSpeed * Math.sqrt(m) * rnd(ctx, 0.8, 1.25);
  let vx = 0;
  if (style === "raindrop") { r = rnd(ctx, 6, 11); vy *= 1.35; }
  if (style === "snowflake" || style === "leaf") vy *= 0.8;
  if (style === "meteor" || style === "asteroid") vx = rnd(ctx, -0.3, 0.3) * vy;
  const x = rnd(ctx, r, W - r);
  const shape = [];
  const n = 9;
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    const k = style === "asteroid" || style === "rock" ? rnd(ctx, 0.72, 1.08) : 1;
    shape.push([Math.cos(a) * k, Math.sin(a) * k]);
  }
  obstacles.push({
    x, y: -r - 4, r, vx, vy, rot: rnd(ctx, 0, 6.28), spin: rnd(ctx, -2.5, 2.5), shape,
    phase: rnd(ctx, 0, 6.28), craters: [[rnd(ctx, -0.4, 0.3), rnd(ctx, -0.4, 0.2), 0.25], [rnd(ctx, 0, 0.4), rnd(ctx, 0.1, 0.4), 0.18]],
    passed: false,
  });
}

function spawnPickup(ctx) {
  const r = 10;
  pickups.push({ x: rnd(ctx, 20, W - 20), y: -r, r, vy: P.obstacleSpeed * 0.7 * rnd(ctx, 0.9, 1.1), phase: rnd(ctx, 0, 6.28) });
}

function burst(x, y, color, n, spd, up) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 4) * 0.3;
    const s = spd * (0.35 + ((i * 7) % 9) / 10);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s - (up || 0), g: 400, life: 0.7, max: 0.7, color, r: 1.5 + (i % 3) });
  }
}

function hitsPlayer(x, y, r) {
  // forgiving hitbox: the sprite's rectangle shrunk a little on every side
  const hx = px - pw * 0.36, hy = py + ph * 0.15, hw = pw * 0.72, hh = ph * 0.8;
  const nx = Math.max(hx, Math.min(x, hx + hw));
  const ny = Math.max(hy, Math.min(y, hy + hh));
  const dx = x - nx, dy = y - ny;
  return dx * dx + dy * dy < r * r * 0.8;
}

function movePlayer(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  let dir = 0;
  if (inp.down("left")) dir -= 1;
  if (inp.down("right")) dir += 1;
  if (lastPointerX === null) lastPointerX = p.x;
  if (dir !== 0) targetX = null;
  else if (p.down || p.pressed || Math.abs(p.x - lastPointerX) > 0.5) targetX = p.x;
  lastPointerX = p.x;
  const before = px;
  if (dir !== 0) {
    px += dir * P.playerSpeed * dt;
  } else if (targetX !== null) {
    const d = targetX - px;
    const step = P.playerSpeed * 1.6 * dt;
    px += Math.max(-step, Math.min(step, d));
  }
  px = Math.max(pw / 2 + 2, Math.min(W - pw / 2 - 2, px));
  const dx = px - before;
  moving = Math.abs(dx) > 0.2;
  if (moving) facing = dx < 0 ? -1 : 1;
}

// ---------- drawing of obstacles and pickups ----------
const SQUARE = [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]];
const LEAF = [[0, -1.1], [0.45, -0.5], [0.5, 0.2], [0, 1], [-0.5, 0.2], [-0.45, -0.5]];

// The sprite library's 16 colours (PICO-8): row characters "0"-"f" of obstacleArt, drawn as they are.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

// Sprite `name` centred on (x, y), its longer side `box` pixels.
function drawArt(ctx, name, x, y, box) {
  const s = ctx.sprite.size(name), k = box / Math.max(s.w, s.h);
  ctx.sprite.draw(name, x - (s.w * k) / 2, y - (s.h * k) / 2, k);
}

function drawObstacle(ctx, o, ox, oy) {
  const x = o.x + ox, y = o.y + oy, r = o.r, C = P.obstacleColor;
  // The art of obstacleName replaces the style's look in the obstacle's hit circle (2r across). The
  // style still sets the motion; the art is drawn upright (the spin only turned the built-in shapes).
  if (P.obstacleArt.length) { drawArt(ctx, "dodger-obstacle", x, y, r * 2); return; }
  const dark = mix(C, "#000000", 0.35), light = mix(C, "#ffffff", 0.35);
  switch (P.obstacleStyle) {
    case "raindrop":
      ctx.poly([[x, y - r * 2.2], [x + r * 0.85, y - r * 0.2], [x - r * 0.85, y - r * 0.2]], C);
      ctx.circle(x, y, r, C);
      ctx.circle(x - r * 0.35, y - r * 0.2, r * 0.3, rgba("#ffffff", 0.55));
      break;
    case "meteor": {
      const len = 3.2, tx = -o.vx / o.vy, n = 5;
      for (let i = n; i >= 1; i--) {
        const k = i / n;
        ctx.circle(x + tx * r * len * k, y - r * len * k, r * (1 - k * 0.7), rgba(P.accent, 0.12 + (1 - k) * 0.35));
      }
      ctx.poly(rotPts(o.shape, x, y, r, o.rot), C);
      ctx.circle(x + r * 0.2, y + r * 0.25, r * 0.45, dark);
      ctx.strokeCircle(x, y, r, mix(P.accent, C, 0.4), 2);
      break;
    }
    case "snowflake": {
      ctx.circle(x, y, r * 0.55, rgba(C, 0.35));
      for (let i = 0; i < 3; i++) {
        const a = o.rot + (i * Math.PI) / 3, cx = Math.cos(a) * r, cy = Math.sin(a) * r;
        ctx.line(x - cx, y - cy, x + cx, y + cy, C, 2.5);
        ctx.circle(x + cx, y + cy, 2, light);
        ctx.circle(x - cx, y - cy, 2, light);
      }
      ctx.circle(x, y, r * 0.22, light);
      break;
    }
    case "block":
      ctx.poly(rotPts(SQUARE, x, y + 2, r, o.rot), dark);
      ctx.poly(rotPts(SQUARE, x, y, r, o.rot), C);
      ctx.poly(rotPts(SQUARE, x, y, r * 0.5, o.rot), light);
      break;
    case "bomb": {
      ctx.circle(x, y, r, mix(C, "#000000", 0.6));
      ctx.circle(x - r * 0.35, y - r * 0.35, r * 0.28, rgba("#ffffff", 0.35));
      ctx.rect(x - r * 0.25, y - r * 1.2, r * 0.5, r * 0.35, dark);
      const fx = x + r * 0.35, fy = y - r * 1.45;
      ctx.line(x, y - r * 1.1, fx, fy, light, 2);
      const fl = 0.6 + 0.4 * Math.sin(o.phase * 7);
      ctx.circle(fx, fy, 3 + fl * 2, rgba(P.accent, 0.9));
      ctx.circle(fx, fy, 1.5, "#ffffff");
      break;
    }
    case "leaf":
      ctx.poly(rotPts(LEAF, x, y, r, o.rot), C);
      {
        const a = rotPts([[0, -1], [0, 0.95]], x, y, r, o.rot);
        ctx.line(a[0][0], a[0][1], a[1][0], a[1][1], dark, 1.5);
      }
      break;
    case "asteroid":
      ctx.poly(rotPts(o.shape, x, y + 2, r, o.rot), dark);
      ctx.poly(rotPts(o.shape, x, y, r, o.rot), C);
      for (const c of o.craters) {
        const cr = rotPts([[c[0], c[1]]], x, y, r, o.rot)[0];
        ctx.circle(cr[0], cr[1], r * c[2], dark);
      }
      break;
    default: // rock
      ctx.poly(rotPts(o.shape, x, y + 3, r, o.rot), dark);
      ctx.poly(rotPts(o.shape, x, y, r, o.rot), C);
      ctx.poly(rotPts(o.shape, x - r * 0.2, y - r * 0.25, r * 0.45, o.rot), light);
  }
}

function starPts(x, y, r, rot) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = rot + (i * Math.PI) / 5 - Math.PI / 2, rr = i % 2 ? r * 0.45 : r;
    pts.push([x + Math.cos(a) * rr, y + Math.sin(a) * rr]);
  }
  return pts;
}

function drawPickup(ctx, k, x, y, r, t) {
  const A = P.accent;
  ctx.circle(x, y, r * 1.5, rgba(A, 0.08 + 0.05 * Math.sin(t * 6)));
  ctx.strokeCircle(x, y, r * (1.5 + 0.15 * Math.sin(t * 6)), rgba(A, 0.35), 1);
  switch (P.pickStyle) {
    case "coin": {
      const w = Math.abs(Math.cos(t * 3)) * r + 2;
      ctx.roundRect(x - w, y - r, w * 2, r * 2, w, A);
      ctx.roundRect(x - w * 0.55, y - r * 0.6, w * 1.1, r * 1.2, w * 0.5, mix(A, "#ffffff", 0.35));
      break;
    }
    case "gem":
      ctx.poly([[x, y - r * 1.1], [x + r, y - r * 0.2], [x, y + r * 1.1], [x - r, y - r * 0.2]], A);
      ctx.poly([[x, y - r * 1.1], [x + r * 0.45, y - r * 0.2], [x, y + r * 0.2], [x - r * 0.45, y - r * 0.2]], mix(A, "#ffffff", 0.45));
      break;
    case "heart":
      ctx.circle(x - r * 0.45, y - r * 0.2, r * 0.55, A);
      ctx.circle(x + r * 0.45, y - r * 0.2, r * 0.55, A);
      ctx.poly([[x - r, y], [x + r, y], [x, y + r * 1.05]], A);
      ctx.circle(x - r * 0.55, y - r * 0.35, r * 0.18, rgba("#ffffff", 0.7));
      break;
    default:
      ctx.poly(starPts(x, y, r * 1.15, Math.sin(t * 2 + k) * 0.3), A);
      ctx.poly(starPts(x, y, r * 0.55, Math.sin(t * 2 + k) * 0.3), mix(A, "#ffffff", 0.45));
  }
}

function miniHeart(ctx, x, y, c) {
  ctx.circle(x - 3, y - 1, 3.4, c);
  ctx.circle(x + 3, y - 1, 3.4, c);
  ctx.poly([[x - 6.2, y], [x + 6.2, y], [x, y + 6.5]], c);
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {name} and {pick} are the obstacle and collectible names (plural nouns in the game's language), so
// the translations avoid gendered articles and adjectives around them.
const STRINGS = {
  es: {
    "rocks": "rocas",
    "stars": "estrellas",
    "You dodged {name} for {secs}s and scored {score}": "Esquivaste {name} durante {secs} s y sumaste {score} puntos",
    "Last life!": "¡Última vida!",
    "{n} lives left": "Quedan {n} vidas",
    "{n}s - faster!": "{n} s: ¡más rápido!",
    "You survived {secs}s of {name}!": "¡Sobreviviste a {secs} s de {name}!",
    "Best {n}": "Récord {n}",
    "Dodge the {name}!": "¡Esquiva {name}!",
    "Catch the {pick} - Arrows or drag to move": "Atrapa {pick} - Flechas o arrastra para moverte",
    "Arrows or drag to move": "Flechas o arrastra para moverte",
    "You made it!": "¡Lo lograste!",
    "Game over": "Fin del juego",
    "Score {score}   Time {secs}s   Best {best}": "Puntos {score}   Tiempo {secs} s   Récord {best}",
  },
  fr: {
    "rocks": "rochers",
    "stars": "étoiles",
    "You dodged {name} for {secs}s and scored {score}": "Tu as esquivé les {name} pendant {secs} s et marqué {score} points",
    "Last life!": "Dernière vie !",
    "{n} lives left": "Encore {n} vies",
    "{n}s - faster!": "{n} s : plus vite !",
    "You survived {secs}s of {name}!": "Tu as survécu {secs} s aux {name} !",
    "Best {n}": "Record {n}",
    "Dodge the {name}!": "Évite les {name} !",
    "Catch the {pick} - Arrows or drag to move": "Attrape les {pick} - Flèches ou glisse pour bouger",
    "Arrows or drag to move": "Flèches ou glisse pour bouger",
    "You made it!": "Tu as réussi !",
    "Game over": "Partie terminée",
    "Score {score}   Time {secs}s   Best {best}": "Score {score}   Temps {secs} s   Record {best}",
  },
  de: {
    "rocks": "Felsen",
    "stars": "Sterne",
    "You dodged {name} for {secs}s and scored {score}": "{secs} s {name} ausgewichen, {score} Punkte geholt",
    "Last life!": "Letztes Leben!",
    "{n} lives left": "Noch {n} Leben",
    "{n}s - faster!": "{n} s - schneller!",
    "You survived {secs}s of {name}!": "Du hast {secs} s {name} überstanden!",
    "Best {n}": "Rekord {n}",
    "Dodge the {name}!": "Vorsicht: {name}!",
    "Catch the {pick} - Arrows or drag to move": "Sammle {pick} - Pfeile oder ziehen zum Bewegen",
    "Arrows or drag to move": "Pfeile oder ziehen zum Bewegen",
    "You made it!": "Geschafft!",
    "Game over": "Spiel vorbei",
    "Score {score}   Time {secs}s   Best {best}": "Punkte {score}   Zeit {secs} s   Rekord {best}",
  },
  pt: {
    "rocks": "pedras",
    "stars": "estrelas",
    "You dodged {name} for {secs}s and scored {score}": "Você desviou de {name} por {secs}s e fez {score} pontos",
    "Last life!": "Última vida!",
    "{n} lives left": "Restam {n} vidas",
    "{n}s - faster!": "{n}s - mais rápido!",
    "You survived {secs}s of {name}!": "Você sobreviveu a {secs}s de {name}!",
    "Best {n}": "Recorde {n}",
    "Dodge the {name}!": "Desvie de {name}!",
    "Catch the {pick} - Arrows or drag to move": "Pegue {pick} - Setas ou arraste para mover",
    "Arrows or drag to move": "Setas ou arraste para mover",
    "You made it!": "Você conseguiu!",
    "Game over": "Fim de jogo",
    "Score {score}   Time {secs}s   Best {best}": "Pontos {score}   Tempo {secs}s   Recorde {best}",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    // the default names (no name given) in the player's language
    if (P.obstacleName === "rocks") P.obstacleName = ctx.t("rocks");
    if (P.pickName === "stars") P.pickName = ctx.t("stars");
    W = ctx.width;
    H = ctx.height;
    const sw = P.playerSprite[0].length, sh = P.playerSprite.length;
    scale = Math.max(1, Math.min(5, Math.floor(Math.min(44 / sw, 44 / sh))));
    pw = sw * scale;
    ph = sh * scale;
    px = W / 2;
    py = H - GROUND_H - ph;
    targetX = null;
    lastPointerX = null;
    facing = 1;
    moving = false;
    obstacles = [];
    pickups = [];
    particles = [];
    popups = [];
    specks = [];
    for (let i = 0; i < 45; i++) {
      const depth = ctx.random();
      specks.push({ x: ctx.random() * W, y: ctx.random() * H, d: depth });
    }
    lives = P.lives;
    elapsed = 0;
    bonus = 0;
    spawnAcc = 0.2;
    pickAcc = 0;
    state = "play";
    stateTimer = 0;
    invuln = 0;
    shake = 0;
    flash = 0;
    dodged = 0;
    nextMilestone = 15;
    best = ctx.store.get("dodger.best", 0);
    ctx.score.set(0);
    ctx.sprite.define("dodger-player", P.playerSprite, {
      X: P.primary,
      A: P.accent,
      W: P.text,
      K: mix(P.primary, "#000000", 0.55),
    });
    if (P.obstacleArt.length) ctx.sprite.define("dodger-obstacle", P.obstacleArt, PICO);
  },

  update(ctx, dt) {
    // ambience runs in every state
    const m = state === "play" ? difficulty() : 1;
    for (const s of specks) {
      s.y += (20 + s.d * 60) * m * dt;
      if (s.y > H) { s.y -= H; s.x = ctx.random() * W; }
    }
    for (const p of particles) { p.x += p.vx * dt; p.y += p.vy * dt; p.vy += p.g * dt; p.life -= dt; }
    particles = particles.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 34 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    flash = Math.max(0, flash - dt);

    if (state === "dying") {
      for (const o of obstacles) { o.y += o.vy * 0.25 * dt; o.rot += o.spin * dt * 0.25; }
      stateTimer -= dt;
      if (stateTimer <= 0) {
        state = "over";
        const secs = Math.floor(elapsed);
        ctx.gameOver({ won: false, message: ctx.t("You dodged {name} for {secs}s and scored {score}", { name: P.obstacleName, secs, score: ctx.score.get() }) });
      }
      return;
    }
    if (state !== "play") return;

    elapsed += dt;
    invuln = Math.max(0, invuln - dt);
    movePlayer(ctx, dt);
    if (moving && ctx.frame % 3 === 0) {
      particles.push({ x: px - facing * pw * 0.3, y: H - GROUND_H - 1, vx: -facing * 40, vy: -30, g: 200, life: 0.3, max: 0.3, color: mix(P.bg, P.text, 0.35), r: 1.5 });
    }

    // spawning (a short grace period at the start)
    if (elapsed > 0.8) {
      spawnAcc += dt * P.obstacleRate * difficulty();
      let guard = 0;
      while (spawnAcc >= 1 && guard++ < 6) { spawnAcc -= 1; spawnObstacle(ctx); }
      if (P.pickEnabled) {
        pickAcc += dt * P.pickRate;
        if (pickAcc >= 1) { pickAcc -= 1; spawnPickup(ctx); }
      }
    }

    // obstacles
    for (const o of obstacles) {
      o.phase += dt;
      if (P.obstacleStyle === "leaf" || P.obstacleStyle === "snowflake") o.x += Math.sin(o.phase * 2.2) * 40 * dt;
      o.x += o.vx * dt;
      o.y += o.vy * dt;
      o.rot += o.spin * dt;
      if (o.x < o.r) { o.x = o.r; o.vx = Math.abs(o.vx); }
      if (o.x > W - o.r) { o.x = W - o.r; o.vx = -Math.abs(o.vx); }
      if (!o.dead && invuln <= 0 && hitsPlayer(o.x, o.y, o.r)) {
        o.dead = true;
        lives--;
        invuln = INVULN;
        shake = 0.45;
        flash = 0.25;
        burst(o.x, o.y, P.obstacleColor, 14, 170, 60);
        burst(px, py + ph / 2, P.primary, 10, 120, 80);
        ctx.event("hit", { lives, time: Math.floor(elapsed) });
        if (lives <= 0) {
          ctx.sound.effect("lose");
          state = "dying";
          stateTimer = 1.0;
          burst(px, py + ph / 2, P.primary, 24, 220, 120);
          if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("dodger.best", best); }
          return;
        }
        ctx.sound.effect("hit");
        popups.push({ x: px, y: py - 10, t: 0.9, text: lives === 1 ? ctx.t("Last life!") : ctx.t("{n} lives left", { n: lives }), color: P.text });
      }
      if (!o.dead && o.y - o.r > H - GROUND_H) {
        o.dead = true;
        dodged++;
        burst(o.x, H - GROUND_H, P.obstacleColor, 4, 70, 60);
      }
    }
    obstacles = obstacles.filter((o) => !o.dead);

    // collectibles
    for (const k of pickups) {
      k.phase += dt;
      k.y += k.vy * dt;
      const x = k.x + Math.sin(k.phase * 2) * 12;
      if (!k.dead && hitsPlayer(x, k.y, k.r * 1.5)) {
        k.dead = true;
        bonus += P.pickPoints;
        ctx.sound.effect("coin");
        burst(x, k.y, P.accent, 10, 130, 40);
        popups.push({ x, y: k.y - 8, t: 0.8, text: "+" + P.pickPoints, color: P.accent });
      }
      if (k.y - k.r > H) k.dead = true;
    }
    pickups = pickups.filter((k) => !k.dead);

    ctx.score.set(Math.floor(elapsed * 10) + bonus);
    if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("dodger.best", best); }

    if (elapsed >= nextMilestone) {
      ctx.event("level", { seconds: nextMilestone, speed: Math.round(difficulty() * 100) / 100 });
      popups.push({ x: W / 2, y: H / 2 - 40, t: 1.2, text: ctx.t("{n}s - faster!", { n: nextMilestone }), color: P.accent, big: true });
      ctx.sound.tone(660, 90, { type: "triangle", volume: 0.15 });
      nextMilestone += 15;
    }
    if (P.winSeconds > 0 && elapsed >= P.winSeconds) {
      state = "won";
      ctx.sound.effect("win");
      ctx.gameOver({ won: true, message: ctx.t("You survived {secs}s of {name}!", { secs: P.winSeconds, name: P.obstacleName }) });
    }
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) { ox = Math.sin(t * 87) * 8 * shake; oy = Math.cos(t * 73) * 6 * shake; }
    ctx.clear(P.bg);
    for (let i = 0; i < 16; i++) ctx.rect(0, H * 0.45 + i * H * 0.034, W, H * 0.034 + 1, rgba(P.primary, 0.005 * (i + 1)));
    for (const s of specks) {
      const r = 0.8 + s.d * 1.4;
      if (P.obstacleStyle === "raindrop") ctx.line(s.x, s.y, s.x, s.y + 4 + s.d * 8, rgba(P.text, 0.08 + s.d * 0.18), 1);
      else ctx.circle(s.x, s.y, r, rgba(P.text, 0.08 + s.d * 0.25));
    }
    // ground
    ctx.rect(0, H - GROUND_H + oy, W, GROUND_H, mix(P.bg, P.primary, 0.22));
    ctx.rect(0, H - GROUND_H + oy, W, 2, mix(P.bg, P.primary, 0.5));

    for (const k of pickups) drawPickup(ctx, k.phase, k.x + Math.sin(k.phase * 2) * 12 + ox, k.y + oy, k.r, t);
    for (const o of obstacles) drawObstacle(ctx, o, ox, oy);

    // player (blinks while invulnerable)
    if (state !== "dying" && state !== "over") {
      const blink = invuln > 0 && Math.floor(invuln * 12) % 2 === 0;
      const bob = moving ? Math.round(Math.abs(Math.sin(t * 16)) * 2) : 0;
      ctx.rect(px - pw * 0.4 + ox, H - GROUND_H - 2 + oy, pw * 0.8, 3, rgba("#000000", 0.25));
      if (!blink) ctx.sprite.draw("dodger-player", Math.round(px - pw / 2 + ox), Math.round(py - bob + oy), scale);
    }

    for (const p of particles) ctx.circle(p.x + ox, p.y + oy, p.r, rgba(p.color, Math.min(1, (p.life / p.max) * 1.4)));
    for (const p of popups) ctx.text(p.text, p.x, p.y, { size: p.big ? 22 : 14, color: rgba(p.color, Math.min(1, p.t * 2)), align: "center", bold: true });

    // HUD
    ctx.rect(0, 0, W, 28, mix(P.bg, "#000000", 0.35));
    ctx.rect(0, 28, W, 1, mix(P.bg, P.primary, 0.3));
    ctx.text(P.title, 12, 14, { size: 16, color: P.text, bold: true });
    const secs = Math.floor(elapsed);
    const timeTxt = P.winSeconds > 0 ? secs + " / " + P.winSeconds + "s" : secs + "s";
    ctx.text(timeTxt, W / 2 - 60, 14, { size: 14, color: mix(P.text, P.bg, 0.25), align: "center" });
    ctx.text(String(ctx.score.get()), W / 2 + 30, 14, { size: 16, color: P.accent, align: "center", bold: true });
    for (let i = 0; i < P.lives; i++) miniHeart(ctx, W - 18 - i * 18, 13, i < lives ? "#f43f5e" : rgba(P.text, 0.2));
    ctx.text(ctx.t("Best {n}", { n: best }), W - 26 - P.lives * 18, 14, { size: 12, color: mix(P.text, P.bg, 0.45), align: "right" });

    if (state === "play" && elapsed < 2.5) {
      const a = Math.min(1, (2.5 - elapsed) * 2);
      ctx.text(ctx.t("Dodge the {name}!", { name: P.obstacleName }), W / 2, H / 2 - 30, { size: 26, color: rgba(P.text, a), align: "center", bold: true });
      ctx.text(P.pickEnabled ? ctx.t("Catch the {pick} - Arrows or drag to move", { pick: P.pickName }) : ctx.t("Arrows or drag to move"), W / 2, H / 2 + 2, { size: 14, color: rgba(P.accent, a), align: "center" });
    }
    if (flash > 0) ctx.rect(0, 0, W, H, rgba("#f43f5e", flash * 0.8));
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.6));
      ctx.text(state === "won" ? ctx.t("You made it!") : ctx.t("Game over"), W / 2, H / 2 - 12, { size: 34, color: state === "won" ? P.accent : P.text, align: "center", bold: true });
      ctx.text(ctx.t("Score {score}   Time {secs}s   Best {best}", { score: ctx.score.get(), secs, best }), W / 2, H / 2 + 24, { size: 16, color: P.text, align: "center" });
    }
  },

  strings: STRINGS,
});
