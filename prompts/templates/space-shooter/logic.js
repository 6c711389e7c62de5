// Space Shooter: aimini template "space-shooter" (runtime aimini-runtime/1).
// A formation of enemies marches side to side and creeps down (space-invaders style) while some of
// them peel off and dive at the player (galaga style); shoot them all to clear the wave. Waves get
// faster and angrier, a boss may come every few waves, shot enemies drop power-ups.
// Keyboard: Left/Right (A/D) move, Up/Down too when vertical movement is on, Space/Enter fires
// (hold for auto-fire). Pointer & touch: the ship follows the pointer; while it is held, the ship
// fires by itself.

const HUD_H = 28;
const FORM_TOP = 44;
const CELL_W = 44;
const ROW_H = 28;
const ESCALE = 3; // enemy sprites are 11 x 8 characters
const EW = 33, EH = 24;
const BOSS_SCALE = 7;
const STEP_DOWN = 8;
const BUNKER_Y = 272;
const CELL = 6; // bunker cell size in pixels
const MAX_PB = 14, MAX_EB = 26, MAX_PARTS = 70;
const INVULN = 2;
const INVADE_Y = 318; // a formation reaching this line has broken through

let P, W, H;
let enemies, boss, pBullets, eBullets, drops, parts, popups, stars, bunkers;
let player, lives, wave, state, stateT, banner, shake, flash, best;
let fx, fy, fdir, total, fireCd, fireAcc, diveAcc, lastPtr, pointerCtl, doubleT, rapidT, shieldT, overT;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.trim().slice(0, max) : def; }
function col(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }

// Each enemy look: two animation frames (11 x 8) and its natural colour (used when enemyColor is "auto").
// X body, A accent, W white (eyes), K dark.
const ENEMY_ART = {
  alien: ["#4ade80", [
    "..X.....X..", "...X...X...", "..XXXXXXX..", ".XXWXXXWXX.", "XXXXXXXXXXX", "X.XXXXXXX.X", "X.X.....X.X", "...XX.XX...",
  ], [
    "..X.....X..", "X..X...X..X", "X.XXXXXXX.X", "XXXWXXXWXXX", "XXXXXXXXXXX", ".XXXXXXXXX.", "..X.....X..", ".X.......X.",
  ]],
  bug: ["#f87171", [
    "..K.....K..", "...K...K...", "...XXXXX...", "K.XWXXXWX.K", ".KXXXAXXXK.", "..XXXAXXX..", "K.XXXAXXX.K", ".K.XXXXX.K.",
  ], [
    ".K.......K.", "..K.....K..", "...XXXXX...", ".KXWXXXWXK.", "K.XXXAXXX.K", "..XXXAXXX..", ".KXXXAXXXK.", "K..XXXXX..K",
  ]],
  zombie: ["#84cc16", [
    "...XXXXX...", "..XXKXXXX..", "..XWKXWKX..", "..XXXXXXX..", "..XKWKWKX..", "...XXXXX...", "XXXAAAAAXXX", "...A...A...",
  ], [
    "...XXXXX...", "..XXXXKXX..", "..XKWXKWX..", "..XXXXXXX..", "..XKWKWKX..", "...XXXXX...", ".XXAAAAAXX.", "X..A...A..X",
  ]],
  robot: ["#94a3b8", [
    ".....A.....", ".....X.....", "..XXXXXXX..", "..XAXXXAX..", "..XXXXXXX..", "..XKKKKKX..", ".X.XXXXX.X.", "...X...X...",
  ], [
    ".....W.....", ".....X.....", "..XXXXXXX..", "..XWXXXWX..", "..XXXXXXX..", "X.XKKKKKX.X", "..XXXXXXX..", "..X.....X..",
  ]],
  ghost: ["#e2e8f0", [
    "...XXXXX...", "..XXXXXXX..", ".XXKKXKKXX.", ".XXKAXKAXX.", ".XXXXXXXXX.", ".XXXXKXXXX.", ".XXXXXXXXX.", ".X.XX.XX.X.",
  ], [
    "...XXXXX...", "..XXXXXXX..", ".XXKKXKKXX.", ".XXAKXAKXX.", ".XXXXXXXXX.", ".XXXKKKXXX.", ".XXXXXXXXX.", "X.XX.X.XX.X",
  ]],
  ufo: ["#a78bfa", [
    "...........", "....WWW....", "...WAAAW...", "..XXXXXXX..", ".XKXXKXXKX.", "XXXXXXXXXXX", ".XX.XXX.XX.", "..A..A..A..",
  ], [
    "...........", "....WWW....", "...WAAAW...", "..XXXXXXX..", ".XXKXXKXXX.", "XXXXXXXXXXX", ".XX.XXX.XX.", ".A..A.A..A.",
  ]],
  cat: ["#fb923c", [
    ".X.......X.", ".XX.....XX.", ".XXXXXXXXX.", ".XWKXXXWKX.", ".XXXXAXXXX.", "..XXKXKXX..", "...XXXXX...", "..X.....X..",
  ], [
    ".X.......X.", ".XX.....XX.", ".XXXXXXXXX.", ".XKKXXXKKX.", ".XXXXAXXXX.", "W.XXKXKXX.W", "...XXXXX...", "...X...X...",
  ]],
  bat: ["#c084fc", [
    "X.........X", "XX.......XX", "XXX.X.X.XXX", "XXXXXXXXXXX", ".XXXWXWXXX.", "..XXXXXXX..", "....XXX....", ".....X.....",
  ], [
    "....X.X....", "....XXX....", "...XXXXX...", ".XXXWXWXXX.", "XXXXXXXXXXX", "XXX.XXX.XXX", "XX...X...XX", "X.........X",
  ]],
};
const ENEMY_STYLES = ["auto", "alien", "bug", "zombie", "robot", "ghost", "ufo", "cat", "bat"];
// Words in the enemy name / theme / title that choose a look when enemyStyle is "auto".
const ENEMY_WORDS = [
  ["bug", /bug|insect|beetle|\bants?\b|flies|\bfly\b|bees?\b|wasp|spider|roach|mosquito|locust/],
  ["zombie", /zombie|undead|walker|mummy|mummies|monster/],
  ["robot", /robot|drone|droid|machine|cyborg|mech|bot\b|bots\b/],
  ["ghost", /ghost|spirit|phantom|spook|halloween|haunt|specter|spectre/],
  ["ufo", /ufo|saucer|spaceship|starship|invasion fleet/],
  ["cat", /\bcats?\b|kitten|kitty|kitties|tiger|lion/],
  ["bat", /\bbats?\b|vampire|bird|crow|raven|dragon|owl/],
  ["alien", /alien|invader|martian|space/],
];
const PLAYER_ART = {
  ship: ["......W......", ".....XWX.....", ".....XXX.....", "....XXAXX....", ".X..XAAAX..X.", ".X.XXXXXXX.X.", "XXXXXXXXXXXXX", "XXX.XXXXX.XXX", "K...K...K...K"],
  rocket: ["......X......", ".....XWX.....", ".....XWX.....", ".....XXX.....", "....XXAXX....", "....XXAXX....", "...XXXXXXX...", "..XX.XXX.XX..", "..X...K...X.."],
  tank: ["......W......", "......X......", "......X......", "....XXXXX....", "...XXAAAXX...", ".XXXXXXXXXXX.", "XXXXXXXXXXXXX", "XKXKXKXKXKXKX", ".KKKKKKKKKKK."],
  cat: ["..X.......X..", "..XX.....XX..", "..XXXXXXXXX..", "..XWKXXXWKX..", "..XXXXAXXXX..", "...XXKXKXX...", "..XXXXXXXXX..", ".XXXXXXXXXXX.", ".XX.XX.XX.XX."],
};
const PLAYER_STYLES = ["auto", "ship", "rocket", "tank", "cat"];
// The sprite library's 16 colours (PICO-8): the optional *Art pictures are drawn in their own colours.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};
const PLAYER_WORDS = [
  ["cat", /\bcats?\b|kitten|kitty/],
  ["tank", /tank|cannon|turret|army|soldier|farmer|gun/],
  ["rocket", /rocket|missile/],
];

// An *Art parameter: 8-16 rows of the same 8-16 characters over "." and the PICO digits, else [].
// Parameters come from untrusted clients: a bad picture is dropped, never passed to sprite.define.
function readArt(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}

function pickByWords(text, table, def) {
  for (const e of table) if (e[1].test(text)) return e[0];
  return def;
}

function readParams(p, ctx) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const out = {
    title: str(p.title, "Space Shooter", 60),
    theme: str(p.theme, "alien invasion", 40),
    bg: col(pal.background, "#070b1a"),
    primary: col(pal.primary, "#38bdf8"),
    accent: col(pal.accent, "#facc15"),
    text: col(pal.text, "#f8fafc"),
    enemyName: str(p.enemyName, "aliens", 24),
    enemyStyle: oneOf(p.enemyStyle, ENEMY_STYLES, "auto"),
    enemyColor: p.enemyColor === "auto" ? "auto" : col(p.enemyColor, "auto"),
    heroName: str(p.heroName, "auto", 24),
    playerStyle: oneOf(p.playerStyle, PLAYER_STYLES, "auto"),
    bossName: str(p.bossName, "auto", 24),
    waves: int(p.waves, 6, 0, 30),
    rows: int(p.rows, 4, 2, 6),
    columns: int(p.columns, 8, 4, 11),
    enemySpeed: num(p.enemySpeed, 30, 10, 120),
    enemyFireRate: num(p.enemyFireRate, 0.8, 0, 3),
    diveRate: num(p.diveRate, 0.25, 0, 1.5),
    waveRamp: num(p.waveRamp, 0.15, 0, 0.5),
    lives: int(p.lives, 3, 1, 5),
    playerSpeed: num(p.playerSpeed, 300, 150, 600),
    fireRate: num(p.fireRate, 4, 2, 10),
    verticalMove: p.verticalMove === true,
    autoFire: p.autoFire === true,
    powerUps: p.powerUps !== false,
    bunkers: p.bunkers !== false,
    bossEvery: int(p.bossEvery, 3, 0, 10),
    sprite: null,
    enemyArt: readArt(p.enemyArt),
    heroArt: readArt(p.heroArt),
  };
  const words = (out.enemyName + " " + out.theme + " " + out.title).toLowerCase();
  if (out.enemyStyle === "auto") out.enemyStyle = pickByWords(words, ENEMY_WORDS, "alien");
  if (out.playerStyle === "auto") out.playerStyle = pickByWords(out.heroName.toLowerCase(), PLAYER_WORDS, "ship");
  // names made here are shown to the player: in the game's language (German keeps its capitals)
  if (out.heroName === "auto") out.heroName = { ship: ctx.t("ship"), rocket: ctx.t("rocket"), tank: ctx.t("tank"), cat: ctx.t("cat") }[out.playerStyle];
  if (out.bossName === "auto") {
    const one = (ctx.lang === "de" ? out.enemyName : out.enemyName.toLowerCase()).replace(/([^s])s$/, "$1");
    out.bossName = out.enemyStyle === "alien" || out.enemyStyle === "ufo" ? ctx.t("mothership")
      : ctx.t("giant {name}", { name: one }).slice(0, 30); // "zombies" -> "giant zombie"
  }
  if (out.enemyColor === "auto") out.enemyColor = ENEMY_ART[out.enemyStyle][0];
  if (Array.isArray(p.playerSprite)) {
    const rows = p.playerSprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rows.length && rows.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rows.map((r) => r.length));
      out.sprite = rows.map((r) => r + ".".repeat(w - r.length));
    }
  }
  // a playerSprite is a client's own drawing, given on purpose: it wins over the library's heroArt.
  // With heroArt, P.sprite stays the playerStyle look: it sizes the hero's box (hitbox) as before.
  if (out.sprite) out.heroArt = [];
  else out.sprite = PLAYER_ART[out.playerStyle];
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

// ---------- helpers ----------
function rnd(ctx, a, b) { return a + (b - a) * ctx.random(); }
function mul() { return Math.min(3, 1 + P.waveRamp * (wave - 1)); }
function isBossWave(n) { return P.bossEvery > 0 && n % P.bossEvery === 0; }
function cap(list, n) { if (list.length > n) list.splice(0, list.length - n); }
function inRect(x, y, rx, ry, rw, rh) { return x >= rx && x <= rx + rw && y >= ry && y <= ry + rh; }

// Draws a sprite as large as fits the w x h box at (x, y), centred (for art in place of a built-in look).
function drawFit(ctx, name, x, y, w, h) {
  const s = ctx.sprite.size(name), k = Math.min(w / s.w, h / s.h);
  ctx.sprite.draw(name, x + (w - s.w * k) / 2, y + (h - s.h * k) / 2, k);
}

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 3) * 0.4;
    const s = spd * (0.3 + ((i * 7) % 10) / 10);
    parts.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.6, max: 0.6, color, r: 1 + (i % 3) });
  }
  cap(parts, MAX_PARTS);
}

// Which enemies exist in each wave: shapes cycle, so later waves look different.
const PATTERNS = [
  () => true,
  (r, c, R, C) => Math.abs(c - (C - 1) / 2) <= (r + 1) * (C / (2 * R)) + 0.5,
  (r, c) => c % 4 !== 3,
  (r, c) => (r + c) % 2 === 0 || r === 0,
  (r, c, R, C) => Math.abs(c - (C - 1) / 2) >= (C / 2) * (r / R) - 0.5,
];

function buildWave(ctx) {
  enemies = [];
  boss = null;
  eBullets = []; // power-ups still falling carry over into the next wave
  fdir = 1;
  fireAcc = 0;
  diveAcc = 0;
  if (isBossWave(wave)) {
    const n = wave / P.bossEvery;
    boss = { x: W / 2, y: -60, hp: 0, maxHp: 0, t: 0, fireT: 1.5, hitT: 0 };
    boss.maxHp = boss.hp = Math.round(24 + 14 * n + 6 * wave);
    banner = { text: ctx.t("Boss: the {boss}!", { boss: P.bossName }), t: 2 };
    return;
  }
  const R = Math.min(6, P.rows + Math.floor((wave - 1) / 3));
  const C = P.columns;
  const pat = PATTERNS[(wave - 1) % PATTERNS.length];
  for (let pass = 0; pass < 2 && enemies.length < 4; pass++) {
    enemies = [];
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
      if (pass === 0 && !pat(r, c, R, C)) continue;
      const type = r === 0 ? 2 : r <= (R > 3 ? 2 : 1) ? 1 : 0; // top row: elite
      const hp = type === 2 && wave >= 2 ? 2 : 1;
      enemies.push({ r, c, type, hp, mode: "form", x: 0, y: 0, t: 0, vx: 0, tx: 0, shot: false, hitT: 0, alive: true });
    }
  }
  total = enemies.length;
  fx = (W - ((C - 1) * CELL_W + EW)) / 2;
  fy = FORM_TOP - 170; // the formation flies in from above
  banner = { text: P.waves ? ctx.t("Wave {n} of {total}", { n: wave, total: P.waves }) : ctx.t("Wave {n}", { n: wave }), t: 1.6 };
}

function buildBunkers() {
  bunkers = [];
  if (!P.bunkers) return;
  const n = 4, bw = 8, bh = 4;
  for (let b = 0; b < n; b++) {
    const x0 = Math.round((W / n) * (b + 0.5) - (bw * CELL) / 2);
    const cells = [];
    for (let r = 0; r < bh; r++) for (let c = 0; c < bw; c++) {
      const notch = r === bh - 1 && c >= 3 && c <= 4;
      const corner = r === 0 && (c === 0 || c === bw - 1);
      cells.push(notch || corner ? 0 : 2);
    }
    bunkers.push({ x: x0, y: BUNKER_Y, w: bw, h: bh, cells });
  }
}

// A point hits a bunker cell: the cell wears down (2 -> 1 -> gone) and the bullet stops.
function hitBunker(x, y) {
  for (const b of bunkers) {
    if (!inRect(x, y, b.x, b.y, b.w * CELL - 0.01, b.h * CELL - 0.01)) continue;
    const i = Math.floor((y - b.y) / CELL) * b.w + Math.floor((x - b.x) / CELL);
    if (b.cells[i] > 0) { b.cells[i]--; return true; }
  }
  return false;
}

function enemyPos(e) {
  if (e.mode !== "form") return e;
  return { x: fx + e.c * CELL_W, y: fy + e.r * ROW_H };
}

function playerRect() {
  return { x: player.x - player.w * 0.36, y: player.y + player.h * 0.2, w: player.w * 0.72, h: player.h * 0.7 };
}

function firePlayer(ctx) {
  const spread = doubleT > 0;
  const shots = spread ? [-1, 0, 1] : [0];
  if (pBullets.length + shots.length > MAX_PB) return;
  for (const s of shots) pBullets.push({ x: player.x + s * 6, y: player.y, vx: s * 110, vy: -560 });
  fireCd = 1 / (P.fireRate * (rapidT > 0 ? 2 : 1));
  ctx.sound.tone(spread ? 980 : 880, 40, { type: "square", volume: 0.07 });
}

function enemyShoot(ctx, x, y, aim) {
  if (eBullets.length >= MAX_EB) return;
  const sp = (150 + 40 * (mul() - 1)) * rnd(ctx, 0.9, 1.1);
  let vx = 0;
  if (aim) vx = Math.max(-1, Math.min(1, (player.x - x) / 200)) * sp * 0.45;
  eBullets.push({ x, y, vx, vy: sp, t: 0 });
}

function killEnemy(ctx, e, pos) {
  e.alive = false;
  const pts = [10, 20, 30][e.type] * (e.mode !== "form" ? 2 : 1);
  addScore(ctx, pts);
  popups.push({ x: pos.x + EW / 2, y: pos.y, t: 0.7, text: "+" + pts });
  burst(pos.x + EW / 2, pos.y + EH / 2, P.enemyColor, 10, 150);
  ctx.sound.tone(200 + e.type * 60, 70, { type: "sawtooth", volume: 0.1 });
  if (P.powerUps && ctx.random() < 0.07) dropPower(ctx, pos.x + EW / 2, pos.y + EH / 2);
}

function dropPower(ctx, x, y) {
  let kind = ctx.pick(["double", "rapid", "shield"]);
  if (lives < 5 && ctx.random() < 0.2) kind = "life";
  drops.push({ x, y, kind, t: 0 });
}

function addScore(ctx, n) {
  ctx.score.add(n);
  if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("space-shooter.best", best); }
}

function hurtPlayer(ctx) {
  if (player.inv > 0 || state !== "play") return;
  if (shieldT > 0) {
    shieldT = 0;
    player.inv = 0.8;
    burst(player.x, player.y + player.h / 2, P.primary, 12, 140);
    ctx.sound.tone(300, 120, { type: "triangle", volume: 0.15 });
    return;
  }
  lives--;
  shake = 0.5;
  flash = 0.3;
  burst(player.x, player.y + player.h / 2, P.primary, 26, 220);
  burst(player.x, player.y + player.h / 2, P.accent, 12, 120);
  ctx.event("hit", { lives, wave });
  state = "dying";
  stateT = 1.3;
  doubleT = rapidT = 0;
  ctx.sound.effect(lives > 0 ? "hit" : "lose");
}

// ---------- input ----------
function movePlayer(ctx, dt, canFire) {
  const inp = ctx.input, p = inp.pointer;
  let dx = 0, dy = 0;
  if (inp.down("left")) dx -= 1;
  if (inp.down("right")) dx += 1;
  if (P.verticalMove) { if (inp.down("up")) dy -= 1; if (inp.down("down")) dy += 1; }
  if (dx || dy) pointerCtl = false;
  if (lastPtr === null) lastPtr = { x: p.x, y: p.y };
  if (p.down || p.pressed || Math.abs(p.x - lastPtr.x) + Math.abs(p.y - lastPtr.y) > 0.5) pointerCtl = true;
  lastPtr.x = p.x; lastPtr.y = p.y;
  const sp = P.playerSpeed;
  if (dx || dy) {
    player.x += dx * sp * dt;
    player.y += dy * sp * dt;
  } else if (pointerCtl) {
    const step = sp * 1.8 * dt;
    player.x += Math.max(-step, Math.min(step, p.x - player.x));
    // a finger covers the ship: keep it a little above the touch point
    if (P.verticalMove && p.down) player.y += Math.max(-step, Math.min(step, p.y - 40 - player.y));
  }
  player.x = Math.max(player.w / 2 + 4, Math.min(W - player.w / 2 - 4, player.x));
  const minY = P.verticalMove ? H * 0.58 : H - player.h - 10;
  player.y = Math.max(minY, Math.min(H - player.h - 10, player.y));
  fireCd -= dt;
  const wants = inp.down("action") || P.autoFire || (p.down && p.y > HUD_H);
  if (canFire && wants && fireCd <= 0) firePlayer(ctx);
}

// ---------- per-frame simulation ----------
function updateFormation(ctx, dt) {
  const m = mul();
  const alive = enemies.filter((e) => e.alive);
  if (fy < FORM_TOP) { fy = Math.min(FORM_TOP, fy + 220 * dt); return; } // flying in
  const speed = P.enemySpeed * m * (1 + 1.4 * (1 - alive.length / Math.max(1, total)));
  let minC = 99, maxC = -1, maxR = -1;
  for (const e of alive) { minC = Math.min(minC, e.c); maxC = Math.max(maxC, e.c); if (e.mode === "form") maxR = Math.max(maxR, e.r); }
  fx += fdir * speed * dt;
  const left = fx + minC * CELL_W, right = fx + maxC * CELL_W + EW;
  if (left < 10 && fdir < 0) { fx += 10 - left; fdir = 1; fy += STEP_DOWN; }
  if (right > W - 10 && fdir > 0) { fx -= right - (W - 10); fdir = -1; fy += STEP_DOWN; }
  // formation enemies erase bunker cells they touch; reaching the ship's line is an invasion
  if (maxR >= 0) {
    const bottom = fy + maxR * ROW_H + EH;
    if (bunkers.length && bottom > BUNKER_Y) {
      for (const e of alive) if (e.mode === "form") { const p = enemyPos(e); for (let k = 0; k < 3; k++) hitBunker(p.x + 4 + k * 12, p.y + EH - 2); }
    }
    if (bottom > INVADE_Y) {
      popups.push({ x: W / 2, y: H / 2, t: 1.2, text: ctx.t("The {enemies} broke through!", { enemies: P.enemyName }), big: true });
      fy = FORM_TOP;
      hurtPlayer(ctx);
      return;
    }
  }
  // shooting: from the lowest enemy of a random column
  fireAcc += dt * P.enemyFireRate * m;
  while (fireAcc >= 1) {
    fireAcc -= 1;
    const shooters = alive.filter((e) => e.mode === "form" && !alive.some((o) => o.mode === "form" && o.c === e.c && o.r > e.r));
    if (shooters.length) { const e = ctx.pick(shooters); const p = enemyPos(e); enemyShoot(ctx, p.x + EW / 2, p.y + EH, ctx.random() < 0.3); }
  }
  // diving
  diveAcc += dt * P.diveRate * m;
  if (diveAcc >= 1) {
    diveAcc -= 1;
    const divers = alive.filter((e) => e.mode !== "form").length;
    const cands = alive.filter((e) => e.mode === "form");
    if (cands.length && divers < 2 + Math.floor(wave / 2)) {
      const e = ctx.pick(cands), p = enemyPos(e);
      e.mode = "dive"; e.x = p.x; e.y = p.y; e.t = 0; e.shot = false;
      e.vx = e.c < (P.columns - 1) / 2 ? -1 : 1;
      ctx.sound.tone(520, 120, { type: "sine", volume: 0.06 });
    }
  }
}

function updateDivers(ctx, dt) {
  const m = mul();
  for (const e of enemies) {
    if (!e.alive || e.mode === "form") continue;
    e.t += dt;
    if (e.mode === "dive") {
      if (e.t < 0.45) { e.x += e.vx * 90 * dt; e.y -= 70 * dt; continue; } // a little loop out
      const tx = player.x - EW / 2;
      e.x += Math.max(-160, Math.min(160, (tx - e.x) * 1.4)) * dt + Math.sin(e.t * 5) * 70 * dt;
      e.y += (120 + 40 * m) * dt;
      if (!e.shot && e.y > 120 && ctx.random() < dt * 2) { e.shot = true; enemyShoot(ctx, e.x + EW / 2, e.y + EH, true); }
      if (e.y > H + 10) { e.mode = "back"; e.y = -EH - 4; }
    } else { // back to its slot
      const s = { x: fx + e.c * CELL_W, y: fy + e.r * ROW_H };
      const dx = s.x - e.x, dy = s.y - e.y, d = Math.sqrt(dx * dx + dy * dy);
      const step = 220 * dt;
      if (d <= step) e.mode = "form";
      else { e.x += (dx / d) * step; e.y += (dy / d) * step; }
    }
  }
  // ramming: any enemy (diving, or a formation the ship flew into) touching the ship
  if (state !== "play" || player.inv > 0) return;
  const pr = playerRect();
  for (const e of enemies) {
    if (!e.alive) continue;
    const p = enemyPos(e);
    if (p.x + 4 < pr.x + pr.w && p.x + EW - 4 > pr.x && p.y + 3 < pr.y + pr.h && p.y + EH - 3 > pr.y) {
      killEnemy(ctx, e, p);
      hurtPlayer(ctx);
      return;
    }
  }
}

function updateBoss(ctx, dt) {
  const b = boss;
  b.t += dt;
  b.hitT = Math.max(0, b.hitT - dt);
  const bw = 11 * BOSS_SCALE;
  if (b.y < 56) { b.y += 80 * dt; return; }
  const m = mul();
  b.x = W / 2 + Math.sin(b.t * 0.7 * Math.min(2, m)) * (W / 2 - bw / 2 - 16);
  b.y = 56 + Math.sin(b.t * 1.3) * 14;
  b.fireT -= dt;
  if (b.fireT <= 0) {
    const enraged = b.hp < b.maxHp / 2;
    const n = enraged ? 5 : 3;
    for (let i = 0; i < n; i++) {
      if (eBullets.length >= MAX_EB) break;
      const a = (i - (n - 1) / 2) * 0.28 + Math.max(-0.5, Math.min(0.5, (player.x - b.x) / 400));
      const sp = 150 + 25 * m;
      eBullets.push({ x: b.x, y: b.y + 50, vx: Math.sin(a) * sp, vy: Math.cos(a) * sp, t: 0 });
    }
    b.fireT = (enraged ? 0.9 : 1.3) / Math.sqrt(m);
    ctx.sound.tone(140, 120, { type: "sawtooth", volume: 0.08 });
  }
}

// Player bullets move in small sub-steps so nothing is skipped at large dt.
function updatePlayerBullets(ctx, dt) {
  const bw = 11 * BOSS_SCALE * 0.8, bh = 8 * BOSS_SCALE * 0.8;
  for (const b of pBullets) {
    const steps = Math.max(1, Math.ceil((Math.abs(b.vy) * dt) / 8));
    for (let s = 0; s < steps && !b.dead; s++) {
      b.x += (b.vx * dt) / steps;
      b.y += (b.vy * dt) / steps;
      if (b.y < HUD_H) { b.dead = true; break; }
      if (bunkers.length && hitBunker(b.x, b.y)) { b.dead = true; break; }
      for (const e of enemies) {
        if (!e.alive) continue;
        const p = enemyPos(e);
        if (!inRect(b.x, b.y, p.x - 2, p.y, EW + 4, EH)) continue;
        b.dead = true;
        e.hp--;
        e.hitT = 0.12;
        if (e.hp <= 0) killEnemy(ctx, e, p);
        else ctx.sound.tone(300, 40, { type: "square", volume: 0.08 });
        break;
      }
      if (!b.dead && boss && boss.hp > 0 && inRect(b.x, b.y, boss.x - bw / 2, boss.y - bh / 2, bw, bh)) {
        b.dead = true;
        boss.hp--;
        boss.hitT = 0.08;
        addScore(ctx, 5);
        parts.push({ x: b.x, y: b.y, vx: 0, vy: -40, life: 0.25, max: 0.25, color: P.accent, r: 3 });
        if (boss.hp <= 0) {
          addScore(ctx, 300 * wave);
          popups.push({ x: boss.x, y: boss.y, t: 1.4, text: "+" + 300 * wave, big: true });
          for (let k = 0; k < 4; k++) burst(boss.x + (k - 1.5) * 18, boss.y + (k % 2) * 16, k % 2 ? P.accent : P.enemyColor, 18, 220);
          shake = 0.6;
          ctx.sound.effect("win");
          if (P.powerUps) dropPower(ctx, boss.x, boss.y);
        }
      }
    }
  }
  pBullets = pBullets.filter((b) => !b.dead);
}

function updateEnemyBullets(ctx, dt) {
  const pr = playerRect();
  for (const b of eBullets) {
    b.t += dt;
    const steps = Math.max(1, Math.ceil((Math.abs(b.vy) * dt) / 6));
    for (let s = 0; s < steps && !b.dead; s++) {
      b.x += (b.vx * dt) / steps;
      b.y += (b.vy * dt) / steps;
      if (b.y > H || b.x < -10 || b.x > W + 10) { b.dead = true; break; }
      if (bunkers.length && hitBunker(b.x, b.y)) { b.dead = true; break; }
      if (state === "play" && inRect(b.x, b.y, pr.x - 2, pr.y - 2, pr.w + 4, pr.h + 4)) {
        if (player.inv > 0 && shieldT <= 0) continue;
        b.dead = true;
        hurtPlayer(ctx);
      }
    }
  }
  eBullets = eBullets.filter((b) => !b.dead);
}

function updateDrops(ctx, dt) {
  const pr = playerRect();
  for (const d of drops) {
    d.t += dt;
    d.y += 85 * dt;
    if (state === "play" && inRect(d.x, d.y, pr.x - 12, pr.y - 14, pr.w + 24, pr.h + 24)) {
      d.dead = true;
      ctx.sound.effect("coin");
      const label = { double: ctx.t("TRIPLE SHOT"), rapid: ctx.t("RAPID FIRE"), shield: ctx.t("SHIELD"), life: ctx.t("+1 LIFE") }[d.kind];
      if (d.kind === "double") doubleT = 10;
      if (d.kind === "rapid") rapidT = 10;
      if (d.kind === "shield") shieldT = 15;
      if (d.kind === "life") lives = Math.min(5, lives + 1);
      popups.push({ x: d.x, y: player.y - 14, t: 1, text: label });
    }
    if (d.y > H + 10) d.dead = true;
  }
  drops = drops.filter((d) => !d.dead);
}

function waveCleared() {
  return boss ? boss.hp <= 0 : enemies.every((e) => !e.alive);
}

// ---------- drawing helpers ----------
const DROP_COLORS = { double: "#38bdf8", rapid: "#f97316", shield: "#a78bfa", life: "#f43f5e" };
const DROP_LETTERS = { double: "3", rapid: "R", shield: "S", life: "+" };

// Cuts a text to fit a width (long titles must not run into the HUD).
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

function overlay(ctx, title, lines, color) {
  ctx.rect(0, 0, W, H, rgba(P.bg, 0.62));
  ctx.roundRect(W / 2 - 210, H / 2 - 74, 420, 148, 14, rgba(mix(P.bg, "#000000", 0.4), 0.92));
  ctx.strokeRect(W / 2 - 210, H / 2 - 74, 420, 148, rgba(P.primary, 0.5), 2);
  ctx.text(fit(ctx, title, 28, 400), W / 2, H / 2 - 44, { size: 28, color, align: "center", bold: true });
  for (let i = 0; i < lines.length; i++) ctx.text(fit(ctx, lines[i], 14, 400), W / 2, H / 2 - 6 + i * 22, { size: 14, color: i === lines.length - 1 ? P.accent : P.text, align: "center", bold: i === lines.length - 1 });
}

// The enemy sprites: each look has two frames; the rows are tinted ("e0" bottom .. "e2" elite), the boss
// darker and "white" flashes a hit. enemyArt keeps its own colours: one picture for every row and the
// boss, and a white silhouette of it for the hit flash.
function defineEnemies(ctx) {
  if (P.enemyArt.length) {
    ctx.sprite.define("ss-art", P.enemyArt, PICO);
    ctx.sprite.define("ss-artwhite", P.enemyArt.map((r) => r.replace(/[^.]/g, "W")), { W: "#ffffff" });
    return;
  }
  const art = ENEMY_ART[P.enemyStyle];
  const base = P.enemyColor;
  const tints = [mix(base, "#ffffff", 0.15), base, mix(base, P.accent, 0.55)]; // bottom rows .. elite
  for (let t = 0; t < 3; t++) for (let f = 0; f < 2; f++) {
    ctx.sprite.define("ss-e" + t + f, art[f + 1], { X: tints[t], A: P.accent, W: "#ffffff", K: mix(tints[t], "#000000", 0.6) });
  }
  for (let f = 0; f < 2; f++) {
    ctx.sprite.define("ss-boss" + f, art[f + 1], { X: mix(base, "#000000", 0.15), A: "#ef4444", W: P.accent, K: mix(base, "#000000", 0.7) });
    ctx.sprite.define("ss-white" + f, art[f + 1], { X: "#ffffff", A: "#ffffff", W: "#ffffff", K: "#ffffff" });
  }
}

// An enemy look ("e0".."e2", "boss", "white") at top-left (x, y), in the 11 x 8 box of the built-in
// looks at `scale`; enemyArt of another shape is fitted into that box.
function drawEnemy(ctx, look, frame, x, y, scale) {
  if (!P.enemyArt.length) ctx.sprite.draw("ss-" + look + frame, x, y, scale);
  else drawFit(ctx, look === "white" ? "ss-artwhite" : "ss-art", x, y, 11 * scale, 8 * scale);
}

// The hero at top-left (x, y): the built-in look at its scale, or heroArt fitted into the same w x h box.
function drawHero(ctx, x, y, w, h, scale) {
  if (!P.heroArt.length) ctx.sprite.draw("ss-player", x, y, scale);
  else drawFit(ctx, "ss-player", x, y, w, h);
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {enemies}, {hero} and {boss} are names from the parameters, already in the game's language.
const STRINGS = {
  es: {
    "ship": "nave",
    "rocket": "cohete",
    "tank": "tanque",
    "cat": "gato",
    "mothership": "nave nodriza",
    "giant {name}": "{name} gigante",
    "Boss: the {boss}!": "¡Jefe final: {boss}!",
    "Wave {n} of {total}": "Oleada {n} de {total}",
    "Wave {n}": "Oleada {n}",
    "The {enemies} broke through!": "¡Invasión de {enemies}!",
    "TRIPLE SHOT": "TRIPLE DISPARO",
    "RAPID FIRE": "FUEGO RÁPIDO",
    "SHIELD": "ESCUDO",
    "+1 LIFE": "+1 VIDA",
    "Wave {n} of {total} - here come the {enemies}!": "Oleada {n} de {total}: ¡llegan {enemies}!",
    "Wave {n} - here come the {enemies}!": "Oleada {n}: ¡llegan {enemies}!",
    "The {enemies} won on wave {n}. Score {score}": "Derrota en la oleada {n} contra {enemies}. Puntos: {score}",
    "Last life!": "¡Última vida!",
    "{n} lives left": "Quedan {n} vidas",
    "All {total} waves of {enemies} defeated! Score {score}": "¡Derrotaste las {total} oleadas de {enemies}! Puntos: {score}",
    "Wave {n} cleared! +{bonus}": "¡Oleada {n} superada! +{bonus}",
    "Wave {n}/{total}": "Oleada {n}/{total}",
    "Best {n}": "Récord {n}",
    "RAPID": "RÁPIDO",
    "The {enemies} are invading! Shoot them all.": "¡Invasión de {enemies}! Dispárales a todos.",
    "Arrows / A D to move (and up/down), Space to fire": "Flechas / A D (y ↑ ↓) para moverte, Espacio dispara",
    "Arrows / A D to move, Space to fire": "Flechas / A D para moverte, Espacio para disparar",
    "Touch: drag the {hero} - it fires by itself": "Táctil: arrastra tu {hero}, el disparo es automático",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Victory!": "¡Victoria!",
    "Game over": "Fin del juego",
    "You stopped the {enemies}!": "¡Frenaste la invasión de {enemies}!",
    "The {enemies} got you on wave {n}": "Caíste en la oleada {n} contra {enemies}",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
  },
  fr: {
    "ship": "vaisseau",
    "rocket": "fusée",
    "tank": "char",
    "cat": "chat",
    "mothership": "vaisseau mère",
    "giant {name}": "méga-{name}",
    "Boss: the {boss}!": "Boss : {boss} !",
    "Wave {n} of {total}": "Vague {n} sur {total}",
    "Wave {n}": "Vague {n}",
    "The {enemies} broke through!": "Les {enemies} ont percé !",
    "TRIPLE SHOT": "TIR TRIPLE",
    "RAPID FIRE": "TIR RAPIDE",
    "SHIELD": "BOUCLIER",
    "+1 LIFE": "+1 VIE",
    "Wave {n} of {total} - here come the {enemies}!": "Vague {n} sur {total} : voici les {enemies} !",
    "Wave {n} - here come the {enemies}!": "Vague {n} : voici les {enemies} !",
    "The {enemies} won on wave {n}. Score {score}": "Les {enemies} ont gagné à la vague {n}. Score : {score}",
    "Last life!": "Dernière vie !",
    "{n} lives left": "Encore {n} vies",
    "All {total} waves of {enemies} defeated! Score {score}": "Les {total} vagues de {enemies} vaincues ! Score : {score}",
    "Wave {n} cleared! +{bonus}": "Vague {n} terminée ! +{bonus}",
    "Wave {n}/{total}": "Vague {n}/{total}",
    "Best {n}": "Record {n}",
    "RAPID": "RAPIDE",
    "The {enemies} are invading! Shoot them all.": "Les {enemies} envahissent ! Abats-les tous.",
    "Arrows / A D to move (and up/down), Space to fire": "Flèches / A D (et ↑ ↓) pour bouger, Espace pour tirer",
    "Arrows / A D to move, Space to fire": "Flèches / A D pour bouger, Espace pour tirer",
    "Touch: drag the {hero} - it fires by itself": "Tactile ({hero}) : fais glisser, tir automatique",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour commencer",
    "Victory!": "Victoire !",
    "Game over": "Partie terminée",
    "You stopped the {enemies}!": "Tu as arrêté les {enemies} !",
    "The {enemies} got you on wave {n}": "Les {enemies} t'ont eu à la vague {n}",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "ship": "Raumschiff",
    "rocket": "Rakete",
    "tank": "Panzer",
    "cat": "Katze",
    "mothership": "Mutterschiff",
    "giant {name}": "Riesen-{name}",
    "Boss: the {boss}!": "Endgegner: {boss}!",
    "Wave {n} of {total}": "Welle {n} von {total}",
    "Wave {n}": "Welle {n}",
    "The {enemies} broke through!": "{enemies} sind durchgebrochen!",
    "TRIPLE SHOT": "DREIFACHSCHUSS",
    "RAPID FIRE": "SCHNELLFEUER",
    "SHIELD": "SCHILD",
    "+1 LIFE": "+1 LEBEN",
    "Wave {n} of {total} - here come the {enemies}!": "Welle {n} von {total} – die {enemies} kommen!",
    "Wave {n} - here come the {enemies}!": "Welle {n} – die {enemies} kommen!",
    "The {enemies} won on wave {n}. Score {score}": "Die {enemies} haben in Welle {n} gewonnen. Punkte: {score}",
    "Last life!": "Letztes Leben!",
    "{n} lives left": "Noch {n} Leben",
    "All {total} waves of {enemies} defeated! Score {score}": "Alle {total} Wellen der {enemies} besiegt! Punkte: {score}",
    "Wave {n} cleared! +{bonus}": "Welle {n} geschafft! +{bonus}",
    "Wave {n}/{total}": "Welle {n}/{total}",
    "Best {n}": "Rekord {n}",
    "RAPID": "SCHNELL",
    "The {enemies} are invading! Shoot them all.": "Die {enemies} greifen an! Schieß sie alle ab.",
    "Arrows / A D to move (and up/down), Space to fire": "Pfeile / A D (und ↑ ↓) bewegen, Leertaste schießt",
    "Arrows / A D to move, Space to fire": "Pfeile / A D bewegen, Leertaste schießt",
    "Touch: drag the {hero} - it fires by itself": "Touch: {hero} ziehen, feuert automatisch",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Victory!": "Sieg!",
    "Game over": "Spiel vorbei",
    "You stopped the {enemies}!": "Du hast die {enemies} aufgehalten!",
    "The {enemies} got you on wave {n}": "Die {enemies} haben dich in Welle {n} erwischt",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "ship": "nave",
    "rocket": "foguete",
    "tank": "tanque",
    "cat": "gato",
    "mothership": "nave-mãe",
    "giant {name}": "{name} gigante",
    "Boss: the {boss}!": "Chefão: {boss}!",
    "Wave {n} of {total}": "Onda {n} de {total}",
    "Wave {n}": "Onda {n}",
    "The {enemies} broke through!": "Invasão de {enemies}!",
    "TRIPLE SHOT": "TIRO TRIPLO",
    "RAPID FIRE": "TIRO RÁPIDO",
    "SHIELD": "ESCUDO",
    "+1 LIFE": "+1 VIDA",
    "Wave {n} of {total} - here come the {enemies}!": "Onda {n} de {total}: lá vêm {enemies}!",
    "Wave {n} - here come the {enemies}!": "Onda {n}: lá vêm {enemies}!",
    "The {enemies} won on wave {n}. Score {score}": "Derrota na onda {n} contra {enemies}. Pontos: {score}",
    "Last life!": "Última vida!",
    "{n} lives left": "Restam {n} vidas",
    "All {total} waves of {enemies} defeated! Score {score}": "Você venceu as {total} ondas de {enemies}! Pontos: {score}",
    "Wave {n} cleared! +{bonus}": "Onda {n} concluída! +{bonus}",
    "Wave {n}/{total}": "Onda {n}/{total}",
    "Best {n}": "Recorde {n}",
    "RAPID": "RÁPIDO",
    "The {enemies} are invading! Shoot them all.": "Invasão de {enemies}! Atire em todos.",
    "Arrows / A D to move (and up/down), Space to fire": "Setas / A D (e ↑ ↓) para mover, Espaço para atirar",
    "Arrows / A D to move, Space to fire": "Setas / A D para mover, Espaço para atirar",
    "Touch: drag the {hero} - it fires by itself": "Toque: arraste ({hero}), o tiro é automático",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Victory!": "Vitória!",
    "Game over": "Fim de jogo",
    "You stopped the {enemies}!": "Você deteve a invasão de {enemies}!",
    "The {enemies} got you on wave {n}": "Você caiu na onda {n} contra {enemies}",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params, ctx);
    W = ctx.width;
    H = ctx.height;
    defineEnemies(ctx);
    if (P.heroArt.length) ctx.sprite.define("ss-player", P.heroArt, PICO);
    else ctx.sprite.define("ss-player", P.sprite, { X: P.primary, A: P.accent, W: P.text, K: mix(P.primary, "#000000", 0.55) });
    const sw = P.sprite[0].length, sh = P.sprite.length;
    const sc = Math.max(1, Math.min(4, Math.floor(Math.min(42 / sw, 30 / sh))));
    player = { x: W / 2, y: H - sh * sc - 10, w: sw * sc, h: sh * sc, scale: sc, inv: 0 };
    stars = [];
    for (let i = 0; i < 26; i++) stars.push({ x: ctx.random() * W, y: ctx.random() * H, d: ctx.random() });
    pBullets = [];
    eBullets = [];
    parts = [];
    popups = [];
    drops = [];
    lives = P.lives;
    wave = 1;
    shake = 0;
    flash = 0;
    fireCd = 0;
    doubleT = rapidT = shieldT = 0;
    lastPtr = null;
    pointerCtl = false;
    overT = 0;
    best = ctx.store.get("space-shooter.best", 0);
    buildBunkers();
    buildWave(ctx);
    fy = FORM_TOP; // the first formation is already in place behind the title card
    if (boss) boss.y = 56;
    banner = null;
    state = "intro";
    stateT = 0;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    for (const s of stars) { s.y += (12 + s.d * 50) * dt; if (s.y > H) { s.y -= H; s.x = ctx.random() * W; } }
    for (const p of parts) { p.x += p.vx * dt; p.y += p.vy * dt; p.vx *= 0.98; p.life -= dt; }
    parts = parts.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 26 * dt; }
    popups = popups.filter((p) => p.t > 0);
    for (const e of enemies) e.hitT = Math.max(0, e.hitT - dt);
    shake = Math.max(0, shake - dt);
    flash = Math.max(0, flash - dt);
    if (banner) { banner.t -= dt; if (banner.t <= 0) banner = null; }
    stateT += dt;
    const inp = ctx.input;

    if (state === "intro") {
      if (inp.pressed("action") || inp.pointer.pressed || inp.pressed("left") || inp.pressed("right") || inp.pressed("up")) {
        state = "play";
        stateT = 0;
        fireCd = 0.25; // the tap that starts the game does not also fire
        const v = { n: 1, total: P.waves, enemies: P.enemyName, boss: P.bossName };
        banner = boss ? { text: ctx.t("Boss: the {boss}!", v), t: 2 } : { text: P.waves ? ctx.t("Wave {n} of {total} - here come the {enemies}!", v) : ctx.t("Wave {n} - here come the {enemies}!", v), t: 1.8 };
        ctx.sound.effect("click");
      }
      return;
    }

    if (state === "play" || state === "dying") {
      player.inv = Math.max(0, player.inv - dt);
      doubleT = Math.max(0, doubleT - dt);
      rapidT = Math.max(0, rapidT - dt);
      shieldT = Math.max(0, shieldT - dt);
      if (state === "play") movePlayer(ctx, dt, true);
      if (boss) updateBoss(ctx, dt);
      else updateFormation(ctx, dt);
      updateDivers(ctx, dt);
      updatePlayerBullets(ctx, dt);
      updateEnemyBullets(ctx, dt);
      updateDrops(ctx, dt);
    }

    if (state === "dying") {
      if (stateT >= 1.3) {
        if (lives <= 0) {
          state = "over";
          overT = ctx.time;
          ctx.gameOver({ won: false, message: ctx.t("The {enemies} won on wave {n}. Score {score}", { enemies: P.enemyName, n: wave, score: ctx.score.get() }) });
          return;
        }
        state = "play";
        player.inv = INVULN;
        player.x = W / 2;
        eBullets = [];
        for (const e of enemies) if (e.alive && e.mode !== "form") { e.mode = "back"; e.y = -EH - 4; }
        banner = { text: lives === 1 ? ctx.t("Last life!") : ctx.t("{n} lives left", { n: lives }), t: 1.2 };
      }
      return;
    }

    if (state === "play" && waveCleared()) {
      const bonus = 50 * wave;
      addScore(ctx, bonus);
      ctx.event("level", { wave, score: ctx.score.get() });
      if (P.waves > 0 && wave >= P.waves) {
        state = "won";
        overT = ctx.time;
        ctx.sound.effect("win");
        ctx.gameOver({ won: true, message: ctx.t("All {total} waves of {enemies} defeated! Score {score}", { total: P.waves, enemies: P.enemyName, score: ctx.score.get() }) });
        return;
      }
      state = "cleared";
      stateT = 0;
      pBullets = [];
      eBullets = [];
      ctx.sound.effect("win");
      banner = { text: ctx.t("Wave {n} cleared! +{bonus}", { n: wave, bonus }), t: 1.5 };
      return;
    }
    if (state === "cleared") {
      movePlayer(ctx, dt, false);
      updateDrops(ctx, dt);
      if (stateT > 1.6) { wave++; buildWave(ctx); state = "play"; stateT = 0; }
    }
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) { ox = Math.sin(t * 83) * 7 * shake; oy = Math.cos(t * 71) * 5 * shake; }
    ctx.clear(P.bg);
    for (const s of stars) { const r = 1 + Math.round(s.d); ctx.rect(s.x, s.y, r, r, rgba(P.text, 0.15 + s.d * 0.45)); }
    ctx.rect(0, H - 6, W, 6, mix(P.bg, P.primary, 0.18));

    // bunkers: each row drawn as runs of equal cells (few draw calls)
    for (const b of bunkers) {
      for (let r = 0; r < b.h; r++) {
        let c = 0;
        while (c < b.w) {
          const v = b.cells[r * b.w + c];
          let e = c + 1;
          while (e < b.w && b.cells[r * b.w + e] === v) e++;
          if (v > 0) ctx.rect(b.x + c * CELL + ox, b.y + r * CELL + oy, (e - c) * CELL, CELL, v === 2 ? mix(P.primary, P.bg, 0.35) : mix(P.primary, P.bg, 0.65));
          c = e;
        }
      }
    }

    // enemies
    const frame = Math.floor(t * 2.5) % 2;
    for (const e of enemies) {
      if (!e.alive) continue;
      const p = enemyPos(e);
      const bob = e.mode === "form" ? Math.round(Math.sin(t * 3 + e.c * 0.6) * 1.5) : 0;
      drawEnemy(ctx, e.hitT > 0 ? "white" : "e" + e.type, frame, Math.round(p.x + ox), Math.round(p.y + bob + oy), ESCALE);
      if (e.hp > 1) ctx.rect(p.x + 8 + ox, p.y - 4 + oy, EW - 16, 2, rgba(P.accent, 0.8));
    }
    if (boss && boss.hp > 0) {
      const bw = 11 * BOSS_SCALE, bh = 8 * BOSS_SCALE;
      ctx.circle(boss.x + ox, boss.y + oy, bw * 0.62, rgba(P.enemyColor, 0.1 + 0.05 * Math.sin(t * 5)));
      drawEnemy(ctx, boss.hitT > 0 ? "white" : "boss", frame, Math.round(boss.x - bw / 2 + ox), Math.round(boss.y - bh / 2 + oy), BOSS_SCALE);
      const hw = 220, k = boss.hp / boss.maxHp;
      ctx.rect(W / 2 - hw / 2, HUD_H + 6, hw, 6, rgba(P.text, 0.2));
      ctx.rect(W / 2 - hw / 2, HUD_H + 6, hw * k, 6, k < 0.5 ? "#ef4444" : P.accent);
      ctx.text(P.bossName, W / 2, HUD_H + 20, { size: 11, color: rgba(P.text, 0.8), align: "center", bold: true });
    }

    // bullets
    for (const b of pBullets) ctx.roundRect(b.x - 1.5 + ox, b.y + oy, 3, 10, 1.5, P.accent);
    const ebc = mix(P.enemyColor, "#ff4d4d", 0.6);
    for (const b of eBullets) { const w = Math.sin(b.t * 20) * 2; ctx.line(b.x + w + ox, b.y - 8 + oy, b.x - w + ox, b.y + oy, ebc, 3); }
    for (const d of drops) {
      const c = DROP_COLORS[d.kind], r = 9 + Math.sin(d.t * 8);
      ctx.circle(d.x + ox, d.y + oy, r + 3, rgba(c, 0.3));
      ctx.circle(d.x + ox, d.y + oy, r, c);
      ctx.text(DROP_LETTERS[d.kind], d.x + ox, d.y + 1 + oy, { size: 12, color: "#ffffff", align: "center", bold: true });
    }

    // player
    if (state !== "dying" && state !== "over") {
      const blink = player.inv > 0 && Math.floor(player.inv * 12) % 2 === 0;
      const x = Math.round(player.x - player.w / 2 + ox), y = Math.round(player.y + oy);
      // the flame belongs to the built-in ship and rocket looks, not to a heroArt picture
      if (P.playerStyle !== "tank" && P.playerStyle !== "cat" && !P.heroArt.length) {
        const fl = 4 + Math.sin(t * 40) * 2;
        ctx.poly([[player.x - 4 + ox, y + player.h], [player.x + 4 + ox, y + player.h], [player.x + ox, y + player.h + fl]], P.accent);
      }
      if (!blink) drawHero(ctx, x, y, player.w, player.h, player.scale);
      if (shieldT > 0 && (shieldT > 2 || Math.floor(t * 8) % 2 === 0)) ctx.strokeCircle(player.x + ox, y + player.h / 2, Math.max(player.w, player.h) * 0.7, rgba(P.primary, 0.7), 2);
    }

    for (const p of parts) ctx.rect(p.x - p.r + ox, p.y - p.r + oy, p.r * 2, p.r * 2, rgba(p.color, (p.life / p.max) * 1.3));
    for (const p of popups) ctx.text(p.text, p.x, p.y, { size: p.big ? 18 : 12, color: rgba(p.big ? P.accent : P.text, p.t * 2), align: "center", bold: true });
    if (flash > 0) ctx.rect(0, 0, W, H, rgba("#ef4444", flash));

    // HUD
    ctx.rect(0, 0, W, HUD_H, mix(P.bg, "#000000", 0.4));
    ctx.rect(0, HUD_H - 1, W, 1, mix(P.bg, P.primary, 0.4));
    ctx.text(fit(ctx, P.title, 15, 190), 10, 14, { size: 15, color: P.text, bold: true });
    ctx.text(P.waves ? ctx.t("Wave {n}/{total}", { n: wave, total: P.waves }) : ctx.t("Wave {n}", { n: wave }), W / 2 - 70, 14, { size: 13, color: mix(P.text, P.bg, 0.25), align: "center" });
    ctx.text(String(ctx.score.get()), W / 2 + 20, 14, { size: 16, color: P.accent, align: "center", bold: true });
    ctx.text(ctx.t("Best {n}", { n: best }), W / 2 + 100, 14, { size: 11, color: mix(P.text, P.bg, 0.45), align: "center" });
    const ls = Math.max(1, Math.floor(14 / P.sprite[0].length));
    // lives as small heroes; heroArt gets a 14 px high box, taller than the flat built-in looks
    for (let i = 0; i < Math.min(lives, 5); i++) {
      const ix = W - 12 - (i + 1) * (P.sprite[0].length * ls + 5);
      if (P.heroArt.length) drawFit(ctx, "ss-player", ix, 7, P.sprite[0].length * ls, 14);
      else ctx.sprite.draw("ss-player", ix, 8, ls);
    }
    let px = 10;
    for (const [on, label, c] of [[doubleT, "3x", DROP_COLORS.double], [rapidT, ctx.t("RAPID"), DROP_COLORS.rapid], [shieldT, ctx.t("SHIELD"), DROP_COLORS.shield]]) {
      if (on <= 0) continue;
      ctx.text(label + " " + Math.ceil(on), px, H - 16, { size: 11, color: c, bold: true });
      px += 70;
    }

    if (banner) {
      const a = Math.min(1, banner.t * 3);
      ctx.roundRect(W / 2 - 200, 150, 400, 40, 10, rgba(P.bg, 0.75 * a));
      ctx.text(banner.text, W / 2, 170, { size: 18, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "intro") {
      overlay(ctx, P.title, [
        ctx.t("The {enemies} are invading! Shoot them all.", { enemies: P.enemyName }),
        P.verticalMove ? ctx.t("Arrows / A D to move (and up/down), Space to fire") : ctx.t("Arrows / A D to move, Space to fire"),
        ctx.t("Touch: drag the {hero} - it fires by itself", { hero: P.heroName }),
        ctx.t("Press Space or tap to start"),
      ], P.text);
    }
    if (state === "over" || state === "won") {
      const since = t - overT;
      const won = state === "won";
      overlay(ctx, won ? ctx.t("Victory!") : ctx.t("Game over"), [
        won ? ctx.t("You stopped the {enemies}!", { enemies: P.enemyName }) : ctx.t("The {enemies} got you on wave {n}", { enemies: P.enemyName, n: wave }),
        ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }),
        since > 0.8 ? ctx.t("Press Space or tap to play again") : "",
      ], won ? P.accent : P.text);
      const inp = ctx.input;
      if (since > 0.8 && (inp.pressed("action") || inp.pointer.pressed)) ctx.restart();
    }
  },

  strings: STRINGS,
});
