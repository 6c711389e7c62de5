// Tower Defense: enemies march along a path in waves; build and upgrade towers on the free cells to
// stop them before they reach your base. Win by surviving every wave.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.
// The map (grass, path, decorations) is drawn once into a sprite, so a frame costs one call for it.

const W = 640;
const H = 360;
const HUD_H = 30;
const COLS = 14;
const ROWS = 9;
const CELL = 36;
const MX = 4;
const MY = 32;
const PX = 514; // right panel
const PW = W - PX - 6;
const MAX_ALIVE = 45;
const STYLE_NAMES = {
  medieval: ["Archer", "Cannon", "Frost"],
  space: ["Laser", "Rocket", "Cryo"],
  garden: ["Pea", "Melon", "Snow Pea"],
};
// base stats per tower type: cost, range (cells), shots per second, damage, splash radius, slow
const TOWERS = [
  { cost: 50, range: 2.6, rate: 1.6, dmg: 4, splash: 0, slow: 0, color: [76, 201, 240] },
  { cost: 80, range: 2.2, rate: 0.6, dmg: 9, splash: 1.0, slow: 0, color: [255, 146, 43] },
  { cost: 60, range: 2.2, rate: 1.0, dmg: 3, splash: 0, slow: 0.5, color: [165, 216, 255] },
];
const ENEMY_KINDS = {
  normal: { hp: 1, speed: 1.1, coins: 3, points: 10, lives: 1, scale: 3, tint: "#51cf66" },
  fast: { hp: 0.6, speed: 1.9, coins: 3, points: 12, lives: 1, scale: 3, tint: "#fcc419" },
  tank: { hp: 2.6, speed: 0.7, coins: 6, points: 25, lives: 2, scale: 3, tint: "#845ef7" },
  boss: { hp: 10, speed: 0.55, coins: 30, points: 120, lives: 5, scale: 4, tint: "#ff6b6b" },
};
const ENEMY_ART = {
  slime: "......../......../..AAAA../.AWAAWA./.AKAAKA./AAAAAAAA/AAAAAAAA/.DDDDDD.",
  bug: "K..KK..K/.K.KK.K./..AAAA../.AAKAAA./KAAKAAAK/.AAKAAA./KAAKAAAK/..AAAA..",
  ghost: "..AAAA../.AAAAAA./AWKAAWKA/AAAAAAAA/AAAAAAAA/AAAAAAAA/AAAAAAAA/A.AA.AA.",
  robot: "...K..../.AAAAAA./.AKAAKA./.AAAAAA./DAAAAAAD/.ADDDDA./.AAAAAA./.D....D.",
  balloon: "..AAAA../.AWAAAA./AWAAAAAA/AAAAAAAA/AAAAAAAD/.AAAAAD./..AADD../...KK...",
  zombie: "..AAAA../.AKAAKA./.AAAAAA./.ADDDDA./KKAAAAKK/..KKKK../..K..K../..K..K..",
};
const BASE_ART = {
  castle: ["S.S..S.S/SSSSSSSS/SSSSSSSS/SSDSSDSS/SSSSSSSS/SSSDDSSS/SSSDDSSS/SSSDDSSS", { S: "#adb5bd", D: "#495057" }],
  house: ["...RR.../..RRRR../.RRRRRR./RRRRRRRR/.WWWWWW./.WBWWDW./.WWWWDW./.WWWWDW.", { R: "#e03131", W: "#f1f3f5", B: "#74c0fc", D: "#8b5a2b" }],
  crystal: ["...LC.../..LCCC../.LCCCCD./LCCCCCDD/.CCCCCD./..CCCD../...CD.../..SSSS..", { L: "#e5dbff", C: "#b197fc", D: "#7048e8", S: "#868e96" }],
  tree: ["..GGGG../.GGLGGG./GGGGGLGG/GLGGGGGG/.GGGGGG./...BB.../...BB.../..BBBB..", { G: "#2f9e44", L: "#69db7c", B: "#8b5a2b" }],
};
// The sprite library's 16 colours (PICO-8): the optional *Art pictures are drawn in their own colours.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

let P, C, names, diffMul, path, onPath, towers, enemies, shots, effects, particles;
let wave, waveRunning, queue, spawnT, countdown, coins, lives, kills, sel, buildType, cursor, keyMode;
let hoverCell, msg, msgT, banner, bannerT, state, endInfo, best;

// ---------- small helpers ----------
function clampNum(v, lo, hi, fb) {
  const n = typeof v === "number" && Number.isFinite(v) ? v : fb;
  return Math.max(lo, Math.min(hi, n));
}
function str(v, fb, max) {
  return typeof v === "string" && v.trim() ? v.trim().slice(0, max) : fb;
}
function oneOf(v, list, fb) {
  return list.indexOf(v) >= 0 ? v : fb;
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
function fitText(ctx, s, want, maxW, bold) {
  if (bold) maxW /= 1.1; // measureText measures the regular weight
  const w = ctx.measureText(s, want);
  let size = w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
  if (size >= 9) return { s, size };
  size = 9;
  while (s.length > 1 && ctx.measureText(s + "…", size) > maxW) s = s.slice(0, -1);
  return { s: s + "…", size };
}
function plural(name) {
  return /s$/i.test(name) ? name : /(x|ch|sh)$/i.test(name) ? name + "es" : name + "s";
}
// An *Art parameter: 8-16 rows of the same 8-16 characters over "." and the PICO digits, else [].
// Parameters come from untrusted clients: a bad picture is dropped, never passed to sprite.define.
function readArt(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}
// Draws a sprite as large as fits the box x box square at (x, y), centred. A built-in 8x8 look
// lands exactly where `draw(name, x, y, box / 8)` puts it; art of another size is fitted to it.
function drawInBox(ctx, name, x, y, box) {
  const s = ctx.sprite.size(name), k = box / Math.max(s.w, s.h);
  ctx.sprite.draw(name, x + (box - s.w * k) / 2, y + (box - s.h * k) / 2, k);
}
function inRect(p, r) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}
const BLACK = [0, 0, 0];
const WHITE = [255, 255, 255];

// ---------- map ----------
function genPath(ctx) {
  const p = [];
  if (P.pathStyle === "serpentine") {
    // a fixed back-and-forth road: long, so the towers get more shots
    for (let x = 0; x <= COLS - 2; x++) p.push([x, 1]);
    for (let y = 2; y <= 4; y++) p.push([COLS - 2, y]);
    for (let x = COLS - 3; x >= 1; x--) p.push([x, 4]);
    for (let y = 5; y <= 7; y++) p.push([1, y]);
    for (let x = 2; x <= COLS - 1; x++) p.push([x, 7]);
    return p;
  }
  // winding: left to right, runs of 2-3 cells between vertical turns, never touching itself
  let x = 0, y = ctx.randInt(1, ROWS - 2);
  p.push([x, y]);
  while (x < COLS - 1) {
    const run = Math.min(COLS - 1 - x, ctx.randInt(2, 3));
    for (let k = 0; k < run; k++) p.push([++x, y]);
    if (x >= COLS - 2) continue;
    // turn at least 3 rows up or down: long zigzags give the towers more road to cover
    let ny = y;
    for (let tries = 0; tries < 20 && Math.abs(ny - y) < 3; tries++) ny = ctx.randInt(1, ROWS - 2);
    if (Math.abs(ny - y) < 3) ny = y <= ROWS / 2 ? ROWS - 2 : 1;
    const s = ny > y ? 1 : -1;
    while (y !== ny) p.push([x, (y += s)]);
  }
  return p;
}

// The map as one sprite, 4 sprite pixels per cell: grass with tufts, the path with darker edges.
function renderMap(ctx) {
  const k = 4, g = [];
  for (let y = 0; y < ROWS * k; y++) {
    let row = "";
    for (let x = 0; x < COLS * k; x++) {
      const cx = Math.floor(x / k), cy = Math.floor(y / k), ix = x % k, iy = y % k;
      if (onPath[cy * COLS + cx]) {
        const edge = (ix === 0 && !isPath(cx - 1, cy)) || (ix === k - 1 && !isPath(cx + 1, cy)) || (iy === 0 && !isPath(cx, cy - 1)) || (iy === k - 1 && !isPath(cx, cy + 1));
        row += edge ? "E" : (x * 7 + y * 13) % 17 === 0 ? "e" : "P";
      } else {
        const h = (x * 31 + y * 17 + ((x * y) % 7)) % 23;
        row += h === 0 ? "L" : h === 5 ? "D" : (cx + cy) % 2 ? "G" : "g";
      }
    }
    g.push(row);
  }
  ctx.sprite.define("td-map", g, {
    G: rgb(C.ground), g: rgb(mix(C.ground, BLACK, 0.06)), L: rgb(mix(C.ground, WHITE, 0.18)), D: rgb(mix(C.ground, BLACK, 0.22)),
    P: rgb(C.road), e: rgb(mix(C.road, BLACK, 0.08)), E: rgb(mix(C.road, BLACK, 0.25)),
  });
}
function isPath(x, y) {
  return x >= 0 && y >= 0 && x < COLS && y < ROWS && onPath[y * COLS + x] === 1;
}
function cellCenter(x, y) {
  return { x: MX + x * CELL + CELL / 2, y: MY + y * CELL + CELL / 2 };
}
// Position `d` cells along the path (d may run past the end: that is the base).
function pathPos(d) {
  const i = Math.max(0, Math.min(path.length - 1, Math.floor(d)));
  const j = Math.min(path.length - 1, i + 1), f = Math.max(0, Math.min(1, d - i));
  const a = cellCenter(path[i][0], path[i][1]), b = cellCenter(path[j][0], path[j][1]);
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

// ---------- setup ----------
function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  return {
    title: str(p.title, "Tower Defense", 60),
    theme: str(p.theme, "Protect the castle", 40),
    enemyName: str(p.enemyName, "slime", 24),
    enemySprite: oneOf(p.enemySprite, Object.keys(ENEMY_ART), "slime"),
    baseName: str(p.baseName, "castle", 24),
    baseSprite: oneOf(p.baseSprite, Object.keys(BASE_ART), "castle"),
    enemyArt: readArt(p.enemyArt),
    baseArt: readArt(p.baseArt),
    towerStyle: oneOf(p.towerStyle, Object.keys(STYLE_NAMES), "medieval"),
    waves: Math.round(clampNum(p.waves, 3, 30, 10)),
    difficulty: oneOf(p.difficulty, ["easy", "medium", "hard"], "medium"),
    startCoins: Math.round(clampNum(p.startCoins, 50, 1000, 120)),
    lives: Math.round(clampNum(p.lives, 1, 50, 10)),
    pathStyle: oneOf(p.pathStyle, ["winding", "serpentine"], "winding"),
    upgrades: p.upgrades !== false,
    waveDelay: Math.round(clampNum(p.waveDelay, 0, 60, 12)),
  };
}

function setup(ctx) {
  P = readParams(ctx.params);
  const pal = (ctx.params && ctx.params.palette) || {};
  const bg = parseHex(pal.background, "#17202e");
  const primary = parseHex(pal.primary, "#4dabf7");
  const accent = parseHex(pal.accent, "#ffd43b");
  const text = parseHex(pal.text, "#f1f5f9");
  C = {
    bg, primary, accent, text, muted: mix(text, bg, 0.45), panel: mix(bg, text, 0.07), bad: [255, 99, 110],
    ground: parseHex(ctx.params && ctx.params.groundColor, "#4c8c3f"), road: parseHex(ctx.params && ctx.params.pathColor, "#d9b77e"),
  };
  names = STYLE_NAMES[P.towerStyle].map((s) => ctx.t(s)); // keys: "Archer", "Cannon", "Frost", "Laser", ... (see STRINGS)
  diffMul = { easy: 0.7, medium: 1, hard: 1.3 }[P.difficulty];

  path = genPath(ctx);
  onPath = new Uint8Array(COLS * ROWS);
  for (const [x, y] of path) onPath[y * COLS + x] = 1;
  renderMap(ctx);
  defineEnemies(ctx);
  const b = BASE_ART[P.baseSprite];
  if (P.baseArt.length) ctx.sprite.define("td-base", P.baseArt, PICO);
  else ctx.sprite.define("td-base", b[0].split("/"), b[1]);
  defineTowers(ctx);

  towers = [];
  enemies = [];
  shots = [];
  effects = [];
  particles = [];
  wave = 0;
  waveRunning = false;
  queue = [];
  spawnT = 0;
  countdown = P.waveDelay > 0 ? Math.max(20, P.waveDelay) : -1;
  coins = P.startCoins;
  lives = P.lives;
  kills = 0;
  sel = -1;
  buildType = 0;
  cursor = { x: 2, y: path[0][1] === 1 ? 2 : 1 };
  keyMode = false;
  hoverCell = null;
  msg = "";
  msgT = 0;
  banner = ctx.t("Build towers beside the path");
  bannerT = 4;
  state = "play";
  endInfo = null;
  best = ctx.store.get("tower-defense:best", 0);
  ctx.score.set(0);
}

// One tinted sprite per enemy kind; art in its own colours is one sprite for all the kinds.
function defineEnemies(ctx) {
  if (P.enemyArt.length) {
    ctx.sprite.define("td-art", P.enemyArt, PICO);
    return;
  }
  const art = ENEMY_ART[P.enemySprite];
  for (const kind in ENEMY_KINDS) {
    const tint = parseHex(ENEMY_KINDS[kind].tint, "#51cf66");
    ctx.sprite.define(`td-${kind}`, art.split("/"), { A: rgb(tint), D: rgb(mix(tint, BLACK, 0.35)), W: "#ffffff", K: "#1b1b22" });
  }
}

function defineTowers(ctx) {
  const arts = [
    "..SSSS../.SSTTSS./SSTTTTSS/STTWTTTS/STTTTTTS/SSTTTTSS/.SSTTSS./..SSSS..",
    "SSSSSSSS/STTTTTTS/STDTTDTS/STTTTTTS/STTTTTTS/STDTTDTS/STTTTTTS/SSSSSSSS",
    "...TT.../..TWTT../.TWTTTD./SSTTTDSS/SSSTDSSS/SSSSSSSS/.SSSSSS./........",
  ];
  arts.forEach((a, i) => {
    const t = TOWERS[i].color;
    ctx.sprite.define(`td-tower${i}`, a.split("/"), { S: "#868e96", T: rgb(t), D: rgb(mix(t, BLACK, 0.4)), W: "#ffffff" });
  });
}

// ---------- waves ----------
function startWave(ctx, early) {
  if (waveRunning || wave >= P.waves || state !== "play") return;
  if (early && countdown > 0) {
    const bonus = Math.floor(countdown);
    coins += bonus;
    if (bonus) say(ctx.t("Early call: +{n} coins", { n: bonus }), 1.4);
  }
  wave++;
  waveRunning = true;
  countdown = -1;
  queue = [];
  const n = Math.min(30, 6 + 2 * wave);
  const bossWave = wave === P.waves || wave % 5 === 0;
  for (let i = 0; i < n; i++) {
    let kind = "normal";
    if (wave >= 3 && i % 3 === 2) kind = "fast";
    if (wave >= 5 && i % 5 === 4) kind = "tank";
    queue.push(kind);
  }
  if (bossWave) queue.push("boss");
  spawnT = 0.3;
  banner = bossWave ? ctx.t("Wave {n} of {total}: boss!", { n: wave, total: P.waves }) : ctx.t("Wave {n} of {total}", { n: wave, total: P.waves });
  bannerT = 2;
  ctx.sound.effect("jump");
  ctx.event("level", { wave });
}

function spawn(ctx) {
  const kind = queue.shift();
  const k = ENEMY_KINDS[kind];
  // health grows faster than the income, so later waves need upgrades and a good layout
  const hp = 12 * (1 + 0.35 * (wave - 1) + 0.03 * (wave - 1) * (wave - 1)) * k.hp * diffMul;
  enemies.push({ kind, d: -0.4, hp, max: hp, speed: k.speed * (1 + 0.015 * wave), slowT: 0, x: 0, y: 0, hit: 0, wob: ctx.random() * 6 });
  spawnT = kind === "fast" ? 0.45 : kind === "boss" ? 1.2 : 0.75;
}

function say(text, t) {
  msg = text;
  msgT = t || 1.6;
}

// ---------- towers ----------
function towerAt(x, y) {
  return towers.findIndex((t) => t.x === x && t.y === y);
}
function stats(t) {
  const b = TOWERS[t.type], l = t.level - 1;
  return { range: b.range + 0.3 * l, rate: b.rate * (1 + 0.15 * l), dmg: b.dmg * Math.pow(1.5, l), splash: b.splash, slow: b.slow };
}
function upgradeCost(t) {
  return Math.round(TOWERS[t.type].cost * 0.75 * t.level);
}

function build(ctx, x, y) {
  if (isPath(x, y)) {
    say(ctx.t("You can't build on the path"), 1.2);
    return;
  }
  const i = towerAt(x, y);
  if (i >= 0) {
    sel = i;
    return;
  }
  const cost = TOWERS[buildType].cost;
  if (coins < cost) {
    say(ctx.t("{tower} costs {cost}: you need {n} more coins", { tower: names[buildType], cost, n: cost - coins }), 1.6);
    ctx.sound.tone(160, 90, { type: "square", volume: 0.07 });
    return;
  }
  coins -= cost;
  towers.push({ x, y, type: buildType, level: 1, cool: 0, ang: -Math.PI / 2, spent: cost, flash: 0 });
  sel = -1;
  ctx.sound.effect("click");
  const c = cellCenter(x, y);
  burst(c.x, c.y, TOWERS[buildType].color, 8, 70);
}

function upgrade(ctx, i) {
  const t = towers[i];
  if (!t || !P.upgrades) return;
  if (t.level >= 3) {
    say(ctx.t("This tower is at its top level"), 1.2);
    return;
  }
  const cost = upgradeCost(t);
  if (coins < cost) {
    say(ctx.t("Upgrade costs {cost}: you need {n} more coins", { cost, n: cost - coins }), 1.6);
    return;
  }
  coins -= cost;
  t.spent += cost;
  t.level++;
  ctx.sound.tone(660 + t.level * 110, 120, { type: "triangle", volume: 0.14 });
  const c = cellCenter(t.x, t.y);
  burst(c.x, c.y, C.accent, 12, 90);
}

function sell(ctx, i) {
  const t = towers[i];
  if (!t) return;
  const back = Math.floor(t.spent * 0.6);
  coins += back;
  towers.splice(i, 1);
  sel = -1;
  say(ctx.t("Sold for {n} coins", { n: back }), 1.2);
  ctx.sound.effect("coin");
}

function burst(x, y, color, n, sp) {
  for (let i = 0; i < n && particles.length < 60; i++) {
    const a = (i / n) * Math.PI * 2 + i;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.45, color });
  }
}

function damage(ctx, e, amount) {
  if (e.hp <= 0) return;
  e.hp -= amount;
  e.hit = 0.12;
  if (e.hp <= 0) {
    const k = ENEMY_KINDS[e.kind];
    coins += k.coins;
    kills++;
    ctx.score.add(k.points);
    burst(e.x, e.y, parseHex(k.tint, "#51cf66"), e.kind === "boss" ? 18 : 7, 80);
    ctx.sound.tone(e.kind === "boss" ? 220 : 640, 50, { type: "square", volume: 0.08 });
    if (e.kind === "boss") ctx.sound.effect("coin");
  }
}

function fire(ctx, t) {
  const s = stats(t), c = cellCenter(t.x, t.y), r = s.range * CELL;
  let target = null;
  for (const e of enemies) {
    if (e.hp <= 0 || e.d < 0) continue;
    const dx = e.x - c.x, dy = e.y - c.y;
    // aim at the one furthest along the path: the most dangerous
    if (dx * dx + dy * dy <= r * r && (!target || e.d > target.d)) target = e;
  }
  if (!target) return false;
  t.ang = Math.atan2(target.y - c.y, target.x - c.x);
  t.flash = 0.1;
  if (s.splash > 0) {
    if (shots.length < 60) shots.push({ x: c.x, y: c.y, tx: target.x, ty: target.y, target, speed: 260, dmg: s.dmg, splash: s.splash * CELL });
    ctx.sound.tone(140, 60, { type: "sawtooth", volume: 0.05 });
  } else {
    damage(ctx, target, s.dmg);
    if (s.slow) target.slowT = 1.6;
    if (effects.length < 60) effects.push({ x1: c.x, y1: c.y, x2: target.x, y2: target.y, life: 0.1, color: TOWERS[t.type].color, w: s.slow ? 4 : 2 });
  }
  return true;
}

// ---------- update ----------
function cellAt(p) {
  const x = Math.floor((p.x - MX) / CELL), y = Math.floor((p.y - MY) / CELL);
  return x >= 0 && y >= 0 && x < COLS && y < ROWS ? { x, y } : null;
}
function buttons() {
  const out = [];
  for (let i = 0; i < 3; i++) out.push({ id: `t${i}`, x: PX, y: 70 + i * 48, w: PW, h: 44 });
  out.push({ id: "up", x: PX, y: 250, w: PW / 2 - 3, h: 40 }, { id: "sell", x: PX + PW / 2 + 3, y: 250, w: PW / 2 - 3, h: 40 });
  out.push({ id: "next", x: PX, y: 304, w: PW, h: 48 });
  return out;
}
function press(ctx, id) {
  if (id[0] === "t") {
    buildType = Number(id[1]);
    sel = -1;
    ctx.sound.effect("click");
  } else if (id === "up" && sel >= 0) upgrade(ctx, sel);
  else if (id === "sell" && sel >= 0) sell(ctx, sel);
  else if (id === "next") startWave(ctx, true);
}

function handleInput(ctx) {
  const inp = ctx.input, ptr = inp.pointer;
  hoverCell = cellAt(ptr);
  for (const [k, dx, dy] of [["left", -1, 0], ["right", 1, 0], ["up", 0, -1], ["down", 0, 1]]) {
    if (inp.pressed(k)) {
      cursor.x = Math.max(0, Math.min(COLS - 1, cursor.x + dx));
      cursor.y = Math.max(0, Math.min(ROWS - 1, cursor.y + dy));
      keyMode = true;
      const i = towerAt(cursor.x, cursor.y);
      sel = i;
    }
  }
  for (const ch of inp.typed || []) {
    if (ch >= "1" && ch <= "3") {
      buildType = Number(ch) - 1;
      keyMode = true;
    } else if (ch === "n") startWave(ctx, true);
    else if (ch === "u" && sel >= 0) upgrade(ctx, sel);
  }
  if (inp.pressed("action")) {
    keyMode = true;
    const i = towerAt(cursor.x, cursor.y);
    if (i >= 0) upgrade(ctx, i);
    else build(ctx, cursor.x, cursor.y);
  }
  if (inp.pressed("backspace") && keyMode) {
    const i = towerAt(cursor.x, cursor.y);
    if (i >= 0) sell(ctx, i);
  }
  if (ptr.pressed) {
    for (const b of buttons()) {
      if (inRect(ptr, b)) {
        press(ctx, b.id);
        return;
      }
    }
    if (hoverCell) {
      keyMode = false;
      cursor = { x: hoverCell.x, y: hoverCell.y };
      const i = towerAt(hoverCell.x, hoverCell.y);
      if (i >= 0) sel = sel === i ? -1 : i;
      else if (sel >= 0) sel = -1; // first tap away from a selected tower only closes it
      else build(ctx, hoverCell.x, hoverCell.y);
    }
  }
}

function update(ctx, dt) {
  msgT = Math.max(0, msgT - dt);
  bannerT = Math.max(0, bannerT - dt);
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);
  for (const f of effects) f.life -= dt;
  effects = effects.filter((f) => f.life > 0);
  if (state !== "play") return;
  handleInput(ctx);

  if (!waveRunning && countdown > 0) {
    countdown -= dt;
    if (countdown <= 0) startWave(ctx, false);
  }
  if (waveRunning && queue.length) {
    spawnT -= dt;
    if (spawnT <= 0 && enemies.length < MAX_ALIVE) spawn(ctx);
  }

  for (const e of enemies) {
    const slow = e.slowT > 0 ? 0.5 : 1;
    e.slowT = Math.max(0, e.slowT - dt);
    e.hit = Math.max(0, e.hit - dt);
    e.d += e.speed * slow * dt;
    const p = pathPos(e.d);
    e.x = p.x;
    e.y = p.y;
    if (e.d >= path.length - 0.5 && e.hp > 0) {
      e.hp = 0;
      e.gone = true;
      lives = Math.max(0, lives - ENEMY_KINDS[e.kind].lives);
      ctx.sound.effect("hit");
      say(ctx.t("A {enemy} reached the {base}!", { enemy: P.enemyName, base: P.baseName }), 1.4);
    }
  }
  for (const t of towers) {
    t.cool -= dt;
    t.flash = Math.max(0, t.flash - dt);
    if (t.cool <= 0 && fire(ctx, t)) t.cool += 1 / stats(t).rate;
    if (t.cool < 0) t.cool = 0;
  }
  for (const s of shots) {
    if (s.target.hp > 0) {
      s.tx = s.target.x;
      s.ty = s.target.y;
    }
    const dx = s.tx - s.x, dy = s.ty - s.y, dist = Math.hypot(dx, dy), step = s.speed * dt;
    if (dist <= step) {
      s.done = true;
      for (const e of enemies) if (e.hp > 0 && Math.hypot(e.x - s.tx, e.y - s.ty) <= s.splash) damage(ctx, e, s.dmg);
      effects.push({ ring: true, x1: s.tx, y1: s.ty, r: s.splash, life: 0.25, color: TOWERS[1].color });
    } else {
      s.x += (dx / dist) * step;
      s.y += (dy / dist) * step;
    }
  }
  shots = shots.filter((s) => !s.done);
  enemies = enemies.filter((e) => e.hp > 0);

  if (lives <= 0) {
    finish(ctx, false, ctx.t("The {enemies} reached the {base} on wave {n} of {total}.", { enemies: plural(P.enemyName), base: P.baseName, n: wave, total: P.waves }));
    return;
  }
  if (waveRunning && !queue.length && !enemies.length) {
    waveRunning = false;
    const bonus = 10 + 2 * wave;
    coins += bonus;
    ctx.score.add(50 * wave);
    if (wave >= P.waves) {
      ctx.score.add(lives * 20);
      finish(ctx, true, ctx.t("You held the {base} through all {total} waves!", { base: P.baseName, total: P.waves }));
      return;
    }
    say(ctx.t("Wave {n} cleared: +{bonus} coins", { n: wave, bonus }), 2);
    ctx.sound.effect("coin");
    countdown = P.waveDelay > 0 ? P.waveDelay : -1;
  }
}

function finish(ctx, won, text) {
  state = "over";
  sel = -1;
  const sc = ctx.score.get();
  if (sc > best) {
    best = sc;
    ctx.store.set("tower-defense:best", sc);
  }
  endInfo = { won, text, at: ctx.time };
  ctx.sound.effect(won ? "win" : "lose");
  ctx.gameOver({ won, message: ctx.t("{text} Score {score}.", { text, score: sc }) });
}

// ---------- draw ----------
function drawTower(ctx, t, alpha) {
  const c = cellCenter(t.x, t.y);
  if (alpha === undefined) {
    ctx.sprite.draw(`td-tower${t.type}`, c.x - 12, c.y - 12, 3);
    if (t.type !== 2) {
      const len = t.type === 1 ? 11 : 14;
      ctx.line(c.x, c.y, c.x + Math.cos(t.ang) * len, c.y + Math.sin(t.ang) * len, rgb(t.flash > 0 ? WHITE : [40, 44, 52]), t.type === 1 ? 6 : 4);
    } else if (t.flash > 0) ctx.strokeCircle(c.x, c.y, 14, rgb(TOWERS[2].color, 0.8), 2);
    for (let l = 1; l < t.level; l++) ctx.rect(c.x - 13 + (l - 1) * 7, c.y + 12, 5, 5, rgb(C.accent));
  } else {
    ctx.circle(c.x, c.y, 12, rgb(TOWERS[t.type].color, alpha));
  }
}

function draw(ctx) {
  const t = ctx.time;
  ctx.clear(rgb(C.bg));
  ctx.sprite.draw("td-map", MX, MY, CELL / 4);
  // spawn gate and the base
  const s0 = cellCenter(path[0][0], path[0][1]);
  ctx.roundRect(s0.x - 18, s0.y - 14, 12, 28, 4, rgb(BLACK, 0.45));
  const end = path[path.length - 1], bc = cellCenter(end[0], end[1]);
  drawInBox(ctx, "td-base", bc.x - 16, bc.y - 18, 32);

  // placement preview
  const pc = keyMode ? cursor : hoverCell;
  if (pc && state === "play") {
    const cx = MX + pc.x * CELL, cy = MY + pc.y * CELL;
    const free = !isPath(pc.x, pc.y) && towerAt(pc.x, pc.y) < 0;
    ctx.strokeRect(cx + 1, cy + 1, CELL - 2, CELL - 2, rgb(free ? WHITE : C.bad, 0.7), 2);
    if (free && sel < 0) {
      const c = cellCenter(pc.x, pc.y);
      ctx.circle(c.x, c.y, TOWERS[buildType].range * CELL, rgb(WHITE, 0.1));
      drawTower(ctx, { x: pc.x, y: pc.y, type: buildType }, coins >= TOWERS[buildType].cost ? 0.6 : 0.25);
    }
  }
  if (sel >= 0 && towers[sel]) {
    const c = cellCenter(towers[sel].x, towers[sel].y);
    ctx.circle(c.x, c.y, stats(towers[sel]).range * CELL, rgb(C.accent, 0.14));
    ctx.strokeCircle(c.x, c.y, stats(towers[sel]).range * CELL, rgb(C.accent, 0.6), 1.5);
  }
  for (const tw of towers) drawTower(ctx, tw);

  for (const e of enemies) {
    if (e.d < -0.3) continue;
    const k = ENEMY_KINDS[e.kind], half = 4 * k.scale, bob = Math.round(Math.sin(t * 8 + e.wob) * 1.5);
    drawEnemy(ctx, e, half, bob);
    if (e.slowT > 0) ctx.strokeCircle(e.x, e.y, half + 2, rgb(TOWERS[2].color, 0.7), 2);
    if (e.hit > 0) ctx.circle(e.x, e.y, half * 0.8, rgb(WHITE, 0.35));
    if (e.hp < e.max) {
      ctx.rect(e.x - half, e.y - half - 6, half * 2, 3, rgb(BLACK, 0.5));
      ctx.rect(e.x - half, e.y - half - 6, half * 2 * Math.max(0, e.hp / e.max), 3, rgb(e.hp / e.max > 0.4 ? [81, 207, 102] : C.bad));
    }
  }
  for (const s of shots) ctx.circle(s.x, s.y, 4, rgb([50, 50, 58]));
  for (const f of effects) {
    if (f.ring) ctx.strokeCircle(f.x1, f.y1, f.r * (1 - f.life * 2), rgb(f.color, f.life * 3), 3);
    else ctx.line(f.x1, f.y1, f.x2, f.y2, rgb(f.color, 0.9), f.w);
  }
  for (const p of particles) ctx.circle(p.x, p.y, 2.5, rgb(p.color, Math.min(1, p.life * 2.5)));

  drawHud(ctx);
  drawPanel(ctx, t);

  if (bannerT > 0 && state === "play") {
    const a = Math.min(1, bannerT * 2);
    const f = fitText(ctx, banner, 20, 400, true);
    ctx.roundRect(MX + 252 - 160, MY + 8, 320, 36, 10, rgb(C.bg, 0.8 * a));
    ctx.text(f.s, MX + 252, MY + 26, { size: f.size, color: rgb(C.accent, a), align: "center", bold: true });
  }
  if (msgT > 0 && state === "play") {
    const f = fitText(ctx, msg, 14, 470, true);
    const w = Math.min(490, ctx.measureText(f.s, f.size) * 1.1 + 24);
    ctx.roundRect(MX + 252 - w / 2, MY + 290, w, 26, 8, rgb(C.bg, 0.85 * Math.min(1, msgT * 3)));
    ctx.text(f.s, MX + 252, MY + 303, { size: f.size, color: rgb(C.text, Math.min(1, msgT * 3)), align: "center", bold: true });
  }
  if (state === "over" && endInfo) {
    ctx.rect(0, 0, W, H, rgb(C.bg, 0.55));
    ctx.roundRect(W / 2 - 230, H / 2 - 72, 460, 144, 14, rgb(C.bg, 0.92));
    ctx.strokeRect(W / 2 - 230, H / 2 - 72, 460, 144, rgb(endInfo.won ? C.accent : C.bad), 2);
    ctx.text(endInfo.won ? ctx.t("Victory!") : ctx.t("Game over"), W / 2, H / 2 - 44, { size: 28, color: rgb(endInfo.won ? C.accent : C.bad), align: "center", bold: true });
    const f = fitText(ctx, endInfo.text, 15, 430);
    ctx.text(f.s, W / 2, H / 2 - 10, { size: f.size, color: rgb(C.text), align: "center" });
    ctx.text(ctx.t("Score {score}   Best {best}   {n} {enemies} stopped", { score: ctx.score.get(), best, n: kills, enemies: plural(P.enemyName) }).slice(0, 80), W / 2, H / 2 + 16, { size: 14, color: rgb(C.text), align: "center" });
    if (t - endInfo.at > 0.8) {
      ctx.text(ctx.t("Press Space or tap to play again"), W / 2, H / 2 + 46, { size: 13, color: rgb(C.muted), align: "center" });
      // update() stops after gameOver, so the restart is read here
      if (ctx.input.pressed("action") || ctx.input.pointer.pressed) ctx.restart();
    }
  }
}

// An enemy, top-left at (e.x - half, e.y - half + bob): its kind's tinted sprite, or enemyArt.
function drawEnemy(ctx, e, half, bob) {
  const k = ENEMY_KINDS[e.kind];
  if (!P.enemyArt.length) {
    ctx.sprite.draw(`td-${e.kind}`, e.x - half, e.y - half + bob, k.scale);
    return;
  }
  // the art keeps its own colours, so a ring in the kind's tint tells normal, fast, armoured and boss apart
  const tint = parseHex(k.tint, "#51cf66");
  ctx.circle(e.x, e.y, half, rgb(tint, 0.3));
  ctx.strokeCircle(e.x, e.y, half, rgb(tint), 2);
  drawInBox(ctx, "td-art", e.x - half, e.y - half + bob, half * 2);
}

function drawHud(ctx) {
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel));
  const tt = fitText(ctx, P.title, 16, 220, true);
  ctx.text(tt.s, 10, 15, { size: tt.size, color: rgb(C.text), bold: true });
  ctx.text(ctx.t("Wave {n}/{total}", { n: Math.max(1, wave), total: P.waves }), 250, 15, { size: 14, color: rgb(C.text), bold: true });
  ctx.circle(352, 15, 7, rgb(C.accent));
  ctx.text(String(coins), 364, 15, { size: 14, color: rgb(C.accent), bold: true });
  drawInBox(ctx, "td-base", 420, 7, 16);
  ctx.text(String(lives), 442, 15, { size: 14, color: rgb(lives <= 3 ? C.bad : C.text), bold: true });
  ctx.text(ctx.t("Score {n}", { n: ctx.score.get() }), W - 10, 15, { size: 14, color: rgb(C.text), align: "right" });
}

function drawPanel(ctx, t) {
  const th = fitText(ctx, P.theme, 11, PW);
  ctx.text(th.s, PX, 44, { size: th.size, color: rgb(C.muted) });
  ctx.text(ctx.t("Build (1-3):"), PX, 60, { size: 11, color: rgb(C.muted) });
  for (const b of buttons()) {
    if (b.id[0] === "t") {
      const i = Number(b.id[1]), cost = TOWERS[i].cost, on = buildType === i && sel < 0;
      ctx.roundRect(b.x, b.y, b.w, b.h, 8, rgb(on ? mix(C.panel, C.primary, 0.35) : C.panel));
      if (on) ctx.strokeRect(b.x, b.y, b.w, b.h, rgb(C.primary), 2);
      ctx.sprite.draw(`td-tower${i}`, b.x + 6, b.y + 10, 3);
      const nm = fitText(ctx, names[i], 13, b.w - 40, true);
      ctx.text(nm.s, b.x + 36, b.y + 15, { size: nm.size, color: rgb(C.text), bold: true });
      ctx.text(`${cost}`, b.x + 36, b.y + 32, { size: 12, color: rgb(coins >= cost ? C.accent : C.bad) });
    }
  }
  // selected tower: upgrade and sell
  const tw = sel >= 0 ? towers[sel] : null;
  if (tw) {
    const lv = fitText(ctx, ctx.t("{tower} level {n}", { tower: names[tw.type], n: tw.level }), 12, PW, true);
    ctx.text(lv.s, PX, 236, { size: lv.size, color: rgb(C.text), bold: true });
    const upB = buttons()[3], sellB = buttons()[4];
    const canUp = P.upgrades && tw.level < 3;
    ctx.roundRect(upB.x, upB.y, upB.w, upB.h, 8, rgb(canUp && coins >= upgradeCost(tw) ? mix(C.panel, C.accent, 0.45) : C.panel));
    const up = fitText(ctx, canUp ? ctx.t("UP") : P.upgrades ? ctx.t("MAX") : "-", 12, upB.w - 4, true);
    ctx.text(up.s, upB.x + upB.w / 2, upB.y + 13, { size: up.size, color: rgb(C.text), align: "center", bold: true });
    ctx.text(canUp ? String(upgradeCost(tw)) : "", upB.x + upB.w / 2, upB.y + 29, { size: 11, color: rgb(C.text), align: "center" });
    ctx.roundRect(sellB.x, sellB.y, sellB.w, sellB.h, 8, rgb(mix(C.panel, C.bad, 0.3)));
    const sl = fitText(ctx, ctx.t("SELL"), 12, sellB.w - 4, true);
    ctx.text(sl.s, sellB.x + sellB.w / 2, sellB.y + 13, { size: sl.size, color: rgb(C.text), align: "center", bold: true });
    ctx.text(String(Math.floor(tw.spent * 0.6)), sellB.x + sellB.w / 2, sellB.y + 29, { size: 11, color: rgb(C.text), align: "center" });
  } else {
    // two lines each; the translations choose their own line break
    const tapHelp = ctx.t("Tap a free cell to build,\ntap a tower to upgrade.").split("\n");
    const keyHelp = ctx.t("Keys: arrows + Space,\nN = next wave").split("\n");
    tapHelp.forEach((line, k) => ctx.text(line, PX, 236 + k * 16, { size: 10, color: rgb(C.muted) }));
    keyHelp.forEach((line, k) => ctx.text(line, PX, 272 + k * 16, { size: 10, color: rgb(C.muted) }));
  }
  // next wave button
  const nb = buttons()[5];
  const can = !waveRunning && wave < P.waves && state === "play";
  const glow = can ? 0.35 + 0.15 * Math.sin(t * 5) : 0;
  ctx.roundRect(nb.x, nb.y, nb.w, nb.h, 10, rgb(can ? mix(C.panel, C.primary, glow + 0.2) : C.panel));
  const nl = fitText(ctx, can ? (wave === 0 ? ctx.t("START") : ctx.t("NEXT WAVE")) : waveRunning ? ctx.t("WAVE {n}", { n: wave }) : ctx.t("DONE"), 14, nb.w - 8, true);
  ctx.text(nl.s, nb.x + nb.w / 2, nb.y + 17, { size: nl.size, color: rgb(C.text), align: "center", bold: true });
  const sub = can ? (countdown > 0 ? ctx.t("in {n}s (N)", { n: Math.ceil(countdown) }) : ctx.t("tap or N")) : waveRunning ? ctx.t("{n} left", { n: queue.length + enemies.length }) : "";
  ctx.text(sub, nb.x + nb.w / 2, nb.y + 35, { size: 11, color: rgb(C.muted), align: "center" });
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {enemy}/{enemies} and {base} are names from the parameters, already in the game's language.
const STRINGS = {
  es: {
    "Archer": "Arquero",
    "Cannon": "Cañón",
    "Frost": "Escarcha",
    "Laser": "Láser",
    "Rocket": "Cohete",
    "Cryo": "Crio",
    "Pea": "Guisante",
    "Melon": "Melón",
    "Snow Pea": "Guisante helado",
    "Build towers beside the path": "Coloca torres junto al camino",
    "Early call: +{n} coins": "Oleada adelantada: +{n} monedas",
    "Wave {n} of {total}: boss!": "Oleada {n} de {total}: ¡jefe!",
    "Wave {n} of {total}": "Oleada {n} de {total}",
    "You can't build on the path": "No puedes construir en el camino",
    "{tower} costs {cost}: you need {n} more coins": "{tower} cuesta {cost}: te faltan {n} monedas",
    "This tower is at its top level": "Esta torre ya está al máximo",
    "Upgrade costs {cost}: you need {n} more coins": "Mejorar cuesta {cost}: te faltan {n} monedas",
    "Sold for {n} coins": "Vendida por {n} monedas",
    "A {enemy} reached the {base}!": "¡Un {enemy} llegó a tu {base}!",
    "The {enemies} reached the {base} on wave {n} of {total}.": "Tu {base} cayó ante {enemies} en la oleada {n} de {total}.",
    "You held the {base} through all {total} waves!": "¡Defendiste tu {base} durante las {total} oleadas!",
    "Wave {n} cleared: +{bonus} coins": "Oleada {n} superada: +{bonus} monedas",
    "{text} Score {score}.": "{text} Puntos: {score}.",
    "Victory!": "¡Victoria!",
    "Game over": "Fin del juego",
    "Score {score}   Best {best}   {n} {enemies} stopped": "Puntos {score}   Récord {best}   Frenaste {n} {enemies}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
    "Wave {n}/{total}": "Oleada {n}/{total}",
    "Score {n}": "Puntos {n}",
    "Build (1-3):": "Construir (1-3):",
    "{tower} level {n}": "{tower} nv. {n}",
    "UP": "SUBIR",
    "MAX": "MÁX",
    "SELL": "VENDER",
    "Tap a free cell to build,\ntap a tower to upgrade.": "Casilla libre: construir\nTorre: mejorar",
    "Keys: arrows + Space,\nN = next wave": "Flechas + Espacio,\nN = siguiente oleada",
    "START": "EMPEZAR",
    "NEXT WAVE": "NUEVA OLEADA",
    "WAVE {n}": "OLEADA {n}",
    "DONE": "FIN",
    "in {n}s (N)": "en {n} s (N)",
    "tap or N": "toca o N",
    "{n} left": "quedan {n}",
  },
  fr: {
    "Archer": "Archer",
    "Cannon": "Canon",
    "Frost": "Givre",
    "Laser": "Laser",
    "Rocket": "Roquette",
    "Cryo": "Cryo",
    "Pea": "Pois",
    "Melon": "Melon",
    "Snow Pea": "Pois givré",
    "Build towers beside the path": "Place des tours près du chemin",
    "Early call: +{n} coins": "Vague anticipée : +{n} pièces",
    "Wave {n} of {total}: boss!": "Vague {n} sur {total} : boss !",
    "Wave {n} of {total}": "Vague {n} sur {total}",
    "You can't build on the path": "Impossible de construire sur le chemin",
    "{tower} costs {cost}: you need {n} more coins": "{tower} coûte {cost} : il te manque {n} pièces",
    "This tower is at its top level": "Cette tour est au niveau maximum",
    "Upgrade costs {cost}: you need {n} more coins": "Amélioration à {cost} : il te manque {n} pièces",
    "Sold for {n} coins": "Vendue pour {n} pièces",
    "A {enemy} reached the {base}!": "Un {enemy} a atteint ta base ({base}) !",
    "The {enemies} reached the {base} on wave {n} of {total}.": "Les {enemies} ont atteint ta base ({base}) à la vague {n} sur {total}.",
    "You held the {base} through all {total} waves!": "Ta base ({base}) a tenu pendant les {total} vagues !",
    "Wave {n} cleared: +{bonus} coins": "Vague {n} terminée : +{bonus} pièces",
    "{text} Score {score}.": "{text} Score : {score}.",
    "Victory!": "Victoire !",
    "Game over": "Partie terminée",
    "Score {score}   Best {best}   {n} {enemies} stopped": "Score {score}   Record {best}   {n} {enemies} stoppés",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
    "Wave {n}/{total}": "Vague {n}/{total}",
    "Score {n}": "Score : {n}",
    "Build (1-3):": "Construire (1-3) :",
    "{tower} level {n}": "{tower} niv. {n}",
    "UP": "NIV. +",
    "MAX": "MAX",
    "SELL": "VENDRE",
    "Tap a free cell to build,\ntap a tower to upgrade.": "Case libre : construire\nTour : améliorer",
    "Keys: arrows + Space,\nN = next wave": "Flèches + Espace,\nN = vague suivante",
    "START": "LANCER",
    "NEXT WAVE": "VAGUE SUIVANTE",
    "WAVE {n}": "VAGUE {n}",
    "DONE": "FINI",
    "in {n}s (N)": "dans {n} s (N)",
    "tap or N": "touche ou N",
    "{n} left": "encore {n}",
  },
  de: {
    "Archer": "Bogenschütze",
    "Cannon": "Kanone",
    "Frost": "Eis",
    "Laser": "Laser",
    "Rocket": "Rakete",
    "Cryo": "Kryo",
    "Pea": "Erbse",
    "Melon": "Melone",
    "Snow Pea": "Eiserbse",
    "Build towers beside the path": "Baue Türme neben den Weg",
    "Early call: +{n} coins": "Frühstart: +{n} Münzen",
    "Wave {n} of {total}: boss!": "Welle {n} von {total}: Endgegner!",
    "Wave {n} of {total}": "Welle {n} von {total}",
    "You can't build on the path": "Auf dem Weg kannst du nicht bauen",
    "{tower} costs {cost}: you need {n} more coins": "{tower} kostet {cost}: dir fehlen {n} Münzen",
    "This tower is at its top level": "Dieser Turm ist voll ausgebaut",
    "Upgrade costs {cost}: you need {n} more coins": "Ausbau kostet {cost}: dir fehlen {n} Münzen",
    "Sold for {n} coins": "Für {n} Münzen verkauft",
    "A {enemy} reached the {base}!": "Ein {enemy} ist durch: {base} getroffen!",
    "The {enemies} reached the {base} on wave {n} of {total}.": "{base} gefallen: Die {enemies} kamen in Welle {n} von {total} durch.",
    "You held the {base} through all {total} waves!": "{base} gehalten – alle {total} Wellen überstanden!",
    "Wave {n} cleared: +{bonus} coins": "Welle {n} geschafft: +{bonus} Münzen",
    "{text} Score {score}.": "{text} Punkte: {score}.",
    "Victory!": "Sieg!",
    "Game over": "Spiel vorbei",
    "Score {score}   Best {best}   {n} {enemies} stopped": "Punkte {score}   Rekord {best}   {n} {enemies} gestoppt",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
    "Wave {n}/{total}": "Welle {n}/{total}",
    "Score {n}": "Punkte {n}",
    "Build (1-3):": "Bauen (1-3):",
    "{tower} level {n}": "{tower} Stufe {n}",
    "UP": "AUSBAU",
    "MAX": "MAX",
    "SELL": "VERKAUF",
    "Tap a free cell to build,\ntap a tower to upgrade.": "Freies Feld: bauen\nTurm: ausbauen",
    "Keys: arrows + Space,\nN = next wave": "Pfeile + Leertaste,\nN = nächste Welle",
    "START": "LOS",
    "NEXT WAVE": "NÄCHSTE WELLE",
    "WAVE {n}": "WELLE {n}",
    "DONE": "FERTIG",
    "in {n}s (N)": "noch {n} s (N)",
    "tap or N": "tippen oder N",
    "{n} left": "noch {n}",
  },
  pt: {
    "Archer": "Arqueiro",
    "Cannon": "Canhão",
    "Frost": "Gelo",
    "Laser": "Laser",
    "Rocket": "Foguete",
    "Cryo": "Crio",
    "Pea": "Ervilha",
    "Melon": "Melão",
    "Snow Pea": "Ervilha gelada",
    "Build towers beside the path": "Ponha torres junto ao caminho",
    "Early call: +{n} coins": "Onda antecipada: +{n} moedas",
    "Wave {n} of {total}: boss!": "Onda {n} de {total}: chefão!",
    "Wave {n} of {total}": "Onda {n} de {total}",
    "You can't build on the path": "Você não pode construir no caminho",
    "{tower} costs {cost}: you need {n} more coins": "{tower} custa {cost}: faltam {n} moedas",
    "This tower is at its top level": "Esta torre já está no nível máximo",
    "Upgrade costs {cost}: you need {n} more coins": "Melhoria custa {cost}: faltam {n} moedas",
    "Sold for {n} coins": "Vendida por {n} moedas",
    "A {enemy} reached the {base}!": "Um {enemy} chegou à sua base ({base})!",
    "The {enemies} reached the {base} on wave {n} of {total}.": "Sua base ({base}) caiu diante de {enemies} na onda {n} de {total}.",
    "You held the {base} through all {total} waves!": "Você defendeu sua base ({base}) em todas as {total} ondas!",
    "Wave {n} cleared: +{bonus} coins": "Onda {n} concluída: +{bonus} moedas",
    "{text} Score {score}.": "{text} Pontos: {score}.",
    "Victory!": "Vitória!",
    "Game over": "Fim de jogo",
    "Score {score}   Best {best}   {n} {enemies} stopped": "Pontos {score}   Recorde {best}   Você deteve {n} {enemies}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
    "Wave {n}/{total}": "Onda {n}/{total}",
    "Score {n}": "Pontos {n}",
    "Build (1-3):": "Construir (1-3):",
    "{tower} level {n}": "{tower} nv. {n}",
    "UP": "SUBIR",
    "MAX": "MÁX",
    "SELL": "VENDER",
    "Tap a free cell to build,\ntap a tower to upgrade.": "Casa livre: construir\nTorre: melhorar",
    "Keys: arrows + Space,\nN = next wave": "Setas + Espaço,\nN = próxima onda",
    "START": "INICIAR",
    "NEXT WAVE": "PRÓXIMA ONDA",
    "WAVE {n}": "ONDA {n}",
    "DONE": "FIM",
    "in {n}s (N)": "em {n} s (N)",
    "tap or N": "toque ou N",
    "{n} left": "restam {n}",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
