// Flappy: aimini template "flappy" (runtime aimini-runtime/1).
// Flap through the gaps between pairs of obstacles (pipes, columns, trees, icicles...) that scroll in
// from the right; every gate passed scores a point and it slowly speeds up.
// Keyboard: Space / Enter / Up / W flaps. Pointer & touch: tap or click anywhere to flap.

const HUD_H = 26;
const GROUND_H = 40;
const PX = 150; // the flyer's fixed x
const RADIUS = 10; // collision radius of the flyer
const OB_W = 56;
const INVULN = 1.6;
const MAX_PARTICLES = 50;

let P, W, H, GROUND_Y;
let py, vy, tilt, flapT, obstacles, nextGap, bonus, particles, popups, scroll;
let state, stateTimer, overAt, readyT, lives, inv, gates, best, newBest, flash, shake;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.trim().slice(0, max) : def; }
function col(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }
function obj(v) { return v && typeof v === "object" ? v : {}; }

// Names written by a small language model can repeat words ("cat cat cat"), name the game itself
// ("car racing game") or reuse one name for everything: repeats are tidied, a name that says "game"
// falls back to the default, and a name given to several things is kept by one of them only.
function tidy(s) {
  const out = [];
  for (const w of s.split(/\s+/)) if (!out.length || out[out.length - 1].toLowerCase() !== w.toLowerCase()) out.push(w);
  return out.join(" ");
}
function cleanNames(o, fields) {
  // fields: [key, default, word table or null], most important first; of several fields holding
  // the same name, the one whose word table knows it keeps it ("mushrooms" stays with the enemies)
  o.title = tidy(o.title);
  const title = o.title.indexOf(" ") > 0 ? o.title.toLowerCase() : ""; // a name that is the whole (multi-word) title
  for (const f of fields) { o[f[0]] = tidy(o[f[0]]); if (/\bgames?\b/i.test(o[f[0]]) || o[f[0]].toLowerCase() === title) o[f[0]] = f[1]; }
  for (const f of fields) {
    const low = o[f[0]].toLowerCase(), same = fields.filter((g) => o[g[0]].toLowerCase() === low);
    if (same.length < 2) continue;
    const keep = same.find((g) => g[2] && guess(low, g[2], null)) || same[0];
    for (const g of same) if (g !== keep) o[g[0]] = g[1];
  }
  if (o.title === o.title.toLowerCase()) o.title = o.title.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

// "auto" looks are guessed from the free-text names (the local model writes names, not enums):
// a style wins when one of its stems starts a word of the text.
function guess(text, table, def) {
  const t = " " + String(text).toLowerCase().replace(/[^a-z0-9]+/g, " ");
  for (const [style, words] of table) if (words.some((w) => t.indexOf(" " + w) >= 0)) return style;
  return def;
}
const FLYER_WORDS = [["bat", ["bat", "vampire"]], ["bee", ["bee", "wasp", "hornet", "fly", "flies", "insect", "bug", "butterfl", "moth"]],
  ["fish", ["fish", "shark", "whale", "dolphin", "submarine", "sub", "octopus", "squid", "jelly", "turtle"]], ["plane", ["plane", "jet", "airplane", "helicopter", "pilot", "drone"]],
  ["rocket", ["rocket", "ship", "spaceship", "ufo", "astronaut", "saucer"]], ["dragon", ["dragon", "wyvern", "dino", "pterodactyl", "griffin"]],
  ["ghost", ["ghost", "spirit", "phantom", "spook"]], ["bird", ["bird", "owl", "duck", "parrot", "chick", "pigeon", "penguin", "eagle", "crow"]]];
const OB_WORDS = [["columns", ["column", "pillar", "tower", "greek", "roman", "temple", "ruin", "marble"]], ["trees", ["tree", "forest", "trunk", "log", "wood", "jungle", "bamboo", "cact"]],
  ["icicles", ["icicle", "ice", "snow", "frozen", "winter", "glacier", "christmas"]], ["rocks", ["rock", "stalact", "stalag", "cave", "stone", "boulder", "crystal", "coral", "reef", "cliff", "asteroid"]],
  ["tech", ["laser", "beam", "robot", "tech", "cyber", "neon", "wall", "pylon", "factory", "space", "building", "skyscraper", "city"]], ["pipes", ["pipe", "tube"]]];
const SCENE_WORDS = [["space", ["space", "galaxy", "star", "planet", "cosmic", "moon", "asteroid", "rocket", "alien", "ufo"]], ["ocean", ["ocean", "sea", "underwater", "fish", "reef", "coral", "submarine", "beach", "shark"]],
  ["snow", ["snow", "ice", "winter", "frozen", "christmas", "arctic", "penguin", "icicle"]], ["cave", ["cave", "underground", "mine", "dungeon", "stalact", "crystal", "bat"]],
  ["desert", ["desert", "sand", "cact", "egypt", "pyramid", "dune"]], ["city", ["city", "town", "street", "building", "skyscraper", "neon", "cyber", "tech", "laser"]],
  ["forest", ["forest", "jungle", "tree", "wood", "bamboo", "nature"]], ["hills", ["hill", "sky", "meadow", "farm", "pipe"]]];
const SCENES = { // ground top, ground body, hills / silhouettes
  hills: ["#a3e635", "#ded895", "#5ab552"], city: ["#94a3b8", "#475569", "#2c3e63"], forest: ["#65a30d", "#6b4423", "#1f5130"],
  snow: ["#f8fafc", "#94a3b8", "#cbd5e1"], cave: ["#78716c", "#44403c", "#292524"], space: ["#a78bfa", "#4c1d95", "#312e81"],
  ocean: ["#fde68a", "#d6b36a", "#0e7490"], desert: ["#fcd34d", "#d97706", "#e9a23b"],
};
const OB_COLORS = { pipes: "#5dbb2f", columns: "#e7e5e4", trees: "#2f7d32", icicles: "#bae6fd", rocks: "#8b7d6b", tech: "#64748b" };

function readParams(p) {
  p = obj(p);
  const pal = obj(p.palette), pr = obj(p.player), ob = obj(p.obstacles), c = obj(p.collectibles);
  const o = {
    title: str(p.title, "Flappy Flight", 60), theme: str(p.theme, "sunny sky", 40),
    bg: col(pal.background, "#4ec0ca"), primary: col(pal.primary, "#facc15"), accent: col(pal.accent, "#f97316"), text: col(pal.text, "#ffffff"),
    name: str(pr.name, "bird", 24), obName: str(ob.name, "pipes", 24),
    gap: num(p.gapSize, 125, 80, 200), spacing: num(p.spacing, 220, 150, 400), speed: num(p.speed, 150, 80, 300),
    speedUp: num(p.speedUp, 0.1, 0, 0.5), gravity: num(p.gravity, 1400, 600, 2400), flap: num(p.flapStrength, 420, 250, 650),
    moving: p.movingGaps === true, lives: int(p.lives, 1, 1, 5), winScore: int(p.winScore, 0, 0, 500),
    bonusOn: c.enabled !== false, bonusName: str(c.name, "coins", 24), bonusPoints: int(c.points, 2, 1, 10), sprite: null,
  };
  cleanNames(o, [["name", "bird", FLYER_WORDS], ["obName", "pipes", OB_WORDS], ["bonusName", "coins", null]]);
  const context = o.theme + " " + o.title;
  o.style = oneOf(pr.style, ["bird", "bat", "bee", "fish", "plane", "rocket", "dragon", "ghost"], "auto");
  if (o.style === "auto") o.style = guess(o.name, FLYER_WORDS, "bird");
  o.obStyle = oneOf(ob.style, Object.keys(OB_COLORS), "auto");
  if (o.obStyle === "auto") o.obStyle = guess(o.obName, OB_WORDS, guess(context, OB_WORDS, "pipes"));
  o.scene = oneOf(p.scenery, Object.keys(SCENES), "auto");
  if (o.scene === "auto") o.scene = guess(context + " " + o.obName + " " + o.name, SCENE_WORDS, { icicles: "snow", rocks: "cave", tech: "city", trees: "forest" }[o.obStyle] || "hills");
  o.bonusStyle = oneOf(c.style, ["coin", "star", "gem", "heart", "fruit"], "auto");
  if (o.bonusStyle === "auto") o.bonusStyle = guess(o.bonusName, [["star", ["star"]], ["gem", ["gem", "jewel", "diamond", "crystal", "ruby"]], ["heart", ["heart", "love"]], ["fruit", ["fruit", "apple", "cherr", "berr", "orange", "seed", "worm", "honey", "flower", "nectar"]]], "coin");
  if (Array.isArray(pr.sprite)) {
    const rows = pr.sprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rows.length && rows.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rows.map((r) => r.length));
      o.sprite = rows.map((r) => r + ".".repeat(w - r.length));
    }
  }
  return o;
}

// ---------- colours & helpers ----------
function hexRgb(c) { const n = parseInt(c.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255]; }
function hex2(n) { n = Math.max(0, Math.min(255, Math.round(n))); return (n < 16 ? "0" : "") + n.toString(16); }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + Math.max(0, Math.min(1, a)).toFixed(3) + ")"; }
function hash(i) { const s = Math.sin(i * 127.1 + 311.7) * 43758.5453; return s - Math.floor(s); }
function speedNow() { return P.speed * Math.min(1.8, 1 + P.speedUp * (gates / 10)); }

// Pixel art turned by a few fixed angles in setup (sprites cannot rotate when drawn).
const TILTS = [-0.45, -0.2, 0, 0.3, 0.65, 1.05];
function rotateRows(rows, a) {
  const h = rows.length, w = rows[0].length, n = Math.ceil(Math.hypot(w, h)) + 1;
  const c = Math.cos(a), s = Math.sin(a), out = [];
  for (let y = 0; y < n; y++) {
    let row = "";
    for (let x = 0; x < n; x++) {
      const dx = x + 0.5 - n / 2, dy = y + 0.5 - n / 2;
      const sx = Math.floor(dx * c + dy * s + w / 2), sy = Math.floor(-dx * s + dy * c + h / 2);
      row += sx >= 0 && sy >= 0 && sx < w && sy < h ? rows[sy][sx] : ".";
    }
    out.push(row);
  }
  return out;
}

// ---------- the flyer, drawn from shapes in its own turned frame ----------
const UC = [];
for (let i = 0; i < 12; i++) UC.push([Math.cos((i / 12) * Math.PI * 2), Math.sin((i / 12) * Math.PI * 2)]);
let TX = 0, TY = 0, TC = 1, TS = 0;
function tp(x, y) { return [TX + x * TC - y * TS, TY + x * TS + y * TC]; }
function tpoly(ctx, pts, c) { ctx.poly(pts.map((p) => tp(p[0], p[1])), c); }
function tell(ctx, x, y, rx, ry, c) { ctx.poly(UC.map((u) => tp(x + u[0] * rx, y + u[1] * ry)), c); }
function tcirc(ctx, x, y, r, c) { const p = tp(x, y); ctx.circle(p[0], p[1], r, c); }

function drawFlyer(ctx, x, y, ang, t) {
  if (P.sprite) {
    let k = 0;
    for (let i = 1; i < TILTS.length; i++) if (Math.abs(TILTS[i] - ang) < Math.abs(TILTS[k] - ang)) k = i;
    const sz = ctx.sprite.size("fl-p" + k), sc = 26 / Math.max(P.sprite.length, P.sprite[0].length);
    ctx.sprite.draw("fl-p" + k, x - (sz.w * sc) / 2, y - (sz.h * sc) / 2, sc);
    return;
  }
  TX = x; TY = y; TC = Math.cos(ang); TS = Math.sin(ang);
  const C = P.primary, D = mix(C, "#000000", 0.3), L = mix(C, "#ffffff", 0.55), A = P.accent, K = "#1f2937";
  const wy = Math.sin(t) * 8; // wing beat
  switch (P.style) {
    case "bat":
      tell(ctx, 0, 1, 8, 8, D);
      tpoly(ctx, [[-4, -6], [-3, -13], [0, -6]], D); tpoly(ctx, [[2, -6], [5, -12], [6, -5]], D);
      tpoly(ctx, [[0, -2], [-8, -9 + wy], [-19, -7 + wy], [-15, -1 + wy * 0.6], [-10, 1 + wy * 0.3], [-6, 2]], mix(C, "#000000", 0.5));
      tcirc(ctx, 4, -1, 2, A);
      break;
    case "bee":
      tcirc(ctx, -3, -10 + wy * 0.4, 6, rgba("#ffffff", 0.7)); tcirc(ctx, 3, -11 + wy * 0.4, 5, rgba("#ffffff", 0.6));
      tpoly(ctx, [[-11, -1], [-17, 0], [-11, 2]], K);
      tell(ctx, 0, 0, 12, 8, C);
      tpoly(ctx, [[-5, -7], [-2, -8], [-2, 8], [-5, 7]], K); tpoly(ctx, [[1, -8], [4, -7.5], [4, 7.5], [1, 8]], K);
      tcirc(ctx, 8, -2, 2.5, K);
      break;
    case "fish":
      tpoly(ctx, [[-9, 0], [-18, -8 + wy * 0.5], [-18, 8 - wy * 0.5]], D);
      tpoly(ctx, [[-3, -7], [3, -12], [5, -7]], D);
      tell(ctx, 0, 0, 12, 8, C); tell(ctx, 1, 3, 8, 4, L);
      tcirc(ctx, 6, -2, 3, "#ffffff"); tcirc(ctx, 7, -2, 1.5, K);
      break;
    case "plane":
      tpoly(ctx, [[-14, -2], [-18, -11], [-10, -2]], A);
      tell(ctx, 0, 0, 15, 5.5, C);
      tell(ctx, 4, -4, 4, 3, "#bae6fd");
      tpoly(ctx, [[-5, 0], [4, 0], [-4, 10]], D);
      tell(ctx, 16, 0, 1.5, 1 + Math.abs(Math.sin(t * 3)) * 9, rgba("#ffffff", 0.8));
      break;
    case "rocket": {
      const fl = 8 + Math.abs(Math.sin(t * 2)) * 8 + (flapT > 0 ? 10 : 0);
      tpoly(ctx, [[-12, -4], [-12 - fl, 0], [-12, 4]], A); tpoly(ctx, [[-12, -2], [-12 - fl * 0.6, 0], [-12, 2]], "#fef08a");
      tpoly(ctx, [[-12, -6], [-16, -12], [-5, -6]], A); tpoly(ctx, [[-12, 6], [-16, 12], [-5, 6]], A);
      tpoly(ctx, [[-12, -6], [6, -6], [16, 0], [6, 6], [-12, 6]], C);
      tcirc(ctx, 3, 0, 3.5, "#ffffff"); tcirc(ctx, 3, 0, 2.2, "#7dd3fc");
      break;
    }
    case "dragon":
      tpoly(ctx, [[-9, 1], [-19, -1], [-24, -7], [-21, 2], [-10, 5]], D);
      tell(ctx, 0, 1, 11, 8, C);
      tell(ctx, 10, -5, 6, 5, C);
      tpoly(ctx, [[8, -9], [5, -15], [11, -9]], A);
      tpoly(ctx, [[-1, -3], [-7, -13 + wy], [-17, -11 + wy], [-12, -4 + wy * 0.5], [-4, 1]], mix(A, "#000000", 0.15));
      tell(ctx, 1, 4, 7, 3.5, L);
      tcirc(ctx, 12, -6, 1.7, K);
      break;
    case "ghost": {
      const g = mix(C, "#ffffff", 0.75), pts = [];
      for (let i = 0; i <= 6; i++) { const a = Math.PI + (i / 6) * Math.PI; pts.push([Math.cos(a) * 11, -1 + Math.sin(a) * 11]); }
      const w = Math.sin(t * 0.7) * 2.5;
      pts.push([11, 9], [7, 12 + w], [3, 9], [-1, 12 - w], [-5, 9], [-9, 12 + w], [-11, 9]);
      tpoly(ctx, pts, g);
      tell(ctx, 2, -3, 2, 3, K); tell(ctx, 7, -3, 2, 3, K); tell(ctx, 5, 4, 2, 1.5, K);
      break;
    }
    default: // bird
      tpoly(ctx, [[-10, -2], [-17, -7], [-16, 3]], D);
      tell(ctx, 0, 0, 12, 10, C);
      tell(ctx, 2, 4, 7, 5, L);
      tpoly(ctx, [[-10, 1], [1, 1], [-4, 1 + wy]], D);
      tcirc(ctx, 5, -4, 4.2, "#ffffff"); tcirc(ctx, 6.5, -4, 2, K);
      tpoly(ctx, [[9, -1], [17, 1.5], [9, 5]], A);
  }
}

// ---------- obstacles ----------
function gapLimits() { return [HUD_H + 24 + P.gap / 2, GROUND_Y - 24 - P.gap / 2]; }
function spawnObstacle(ctx, x) {
  const [lo, hi] = gapLimits();
  // the next gap may only move as far as a flyer can climb or drop in the time between gates
  const dt = P.spacing / speedNow();
  const maxShift = Math.max(30, 0.55 * dt * P.flap * 0.5);
  const prev = obstacles.length ? obstacles[obstacles.length - 1].base : (lo + hi) / 2;
  const base = Math.max(lo, Math.min(hi, prev + (ctx.random() * 2 - 1) * maxShift));
  const moving = P.moving && gates >= 10 && ctx.random() < 0.4;
  const o = { x, base, cy: base, amp: moving ? Math.max(0, Math.min(40, base - lo, hi - base)) : 0, ph: ctx.random() * 6, passed: false, seed: ctx.randInt(0, 999) };
  obstacles.push(o);
  if (P.bonusOn && ctx.random() < 0.35) bonus.push({ x: x + OB_W / 2, dy: (ctx.random() - 0.5) * P.gap * 0.4, o, taken: false, ph: ctx.random() * 6 });
}

function circleHit(cx, cy, r) { const dx = PX - cx, dy = py - cy, rr = r + RADIUS - 3; return dx * dx + dy * dy < rr * rr; }
function hitObstacle(o) {
  const gapTop = o.cy - P.gap / 2 + 2, gapBot = o.cy + P.gap / 2 - 2;
  if (P.obStyle === "trees") { // round canopies on thin trunks: test the shapes as drawn
    const cx = o.x + OB_W / 2, r = OB_W / 2 + 2;
    if (circleHit(cx, gapTop - r, r - 2) || circleHit(cx, gapBot + r, r - 2)) return true;
    return Math.abs(PX - cx) < 8 + RADIUS - 2 && (py < gapTop - r || py > gapBot + r);
  }
  // forgiving hitbox: a few pixels inside the drawn shape
  const x0 = o.x + 4, x1 = o.x + OB_W - 4;
  const nx = Math.max(x0, Math.min(PX, x1));
  if (Math.abs(nx - PX) >= RADIUS) return false;
  for (const [ya, yb] of [[-100, gapTop], [gapBot, H]]) {
    const ny = Math.max(ya, Math.min(py, yb)), dx = PX - nx, dy = py - ny;
    if (dx * dx + dy * dy < RADIUS * RADIUS) return true;
  }
  return false;
}

function drawHalf(ctx, o, y0, y1, up) {
  // one obstacle from y0 to y1; `up` = the gap is above it (the lower half)
  const x = o.x, w = OB_W, C = OB_COLORS[P.obStyle], D = mix(C, "#000000", 0.3), L = mix(C, "#ffffff", 0.35);
  const edge = up ? y0 : y1, dir = up ? 1 : -1, h = y1 - y0;
  if (h <= 0) return;
  switch (P.obStyle) {
    case "columns": {
      ctx.rect(x + 6, y0, w - 12, h, C);
      for (let i = 0; i < 3; i++) ctx.rect(x + 14 + i * 10, y0, 3, h, D);
      const cy = up ? edge : edge - 14;
      ctx.rect(x, cy, w, 14, L); ctx.rect(x + 3, up ? cy + 14 : cy - 4, w - 6, 4, D);
      break;
    }
    case "trees": {
      const cx = x + w / 2, r = w / 2 + 2, cy = edge + dir * r;
      ctx.rect(cx - 8, Math.min(cy, up ? y1 : y0), 16, Math.abs(h - r), "#7c4a24");
      ctx.rect(cx - 8, Math.min(cy, up ? y1 : y0), 5, Math.abs(h - r), "#5b3519");
      ctx.circle(cx, cy, r, C);
      ctx.circle(cx - 10, cy - dir * 4, r * 0.55, L);
      ctx.circle(cx + 9, cy + dir * 8, r * 0.45, D);
      break;
    }
    case "icicles": {
      if (up) {
        ctx.rect(x + 4, y0 + 10, w - 8, h, C);
        ctx.rect(x + 10, y0 + 10, 6, h, L);
        ctx.roundRect(x, y0, w, 16, 8, "#ffffff");
      } else {
        ctx.rect(x, y0, w, h - 22, C);
        ctx.rect(x + 6, y0, 6, h - 22, L);
        for (let i = 0; i < 4; i++) {
          const ix = x + i * 14, len = 14 + ((o.seed + i * 7) % 9);
          ctx.poly([[ix, y1 - 22], [ix + 14, y1 - 22], [ix + 7, y1 - 22 + len]], i % 2 ? L : C);
        }
      }
      break;
    }
    case "rocks": {
      const j = (k) => ((o.seed * (k + 3)) % 7) - 3;
      const far = up ? y1 : y0;
      ctx.poly([[x + 2 + j(1), far], [x + w - 2 + j(2), far], [x + w - 3, edge + dir * 30], [x + w - 10, edge + dir * 8], [x + w / 2 + j(3), edge], [x + 9, edge + dir * 10], [x + 2, edge + dir * 34]], C);
      ctx.poly([[x + w - 14, far], [x + w - 3 + j(2), far], [x + w - 3, edge + dir * 30], [x + w - 10, edge + dir * 8], [x + w - 16, edge + dir * 16]], D);
      ctx.poly([[x + 8, far], [x + 14, far], [x + 12, edge + dir * 24], [x + 8, edge + dir * 30]], L);
      break;
    }
    case "tech": {
      ctx.rect(x + 3, y0, w - 6, h, C);
      ctx.rect(x + 9, y0, 5, h, L);
      const cy = up ? edge : edge - 16;
      ctx.rect(x, cy, w, 16, D);
      for (let i = 0; i < 4; i++) ctx.poly([[x + i * 14, cy + 16], [x + i * 14 + 7, cy + 16], [x + i * 14 + 14, cy], [x + i * 14 + 7, cy]], "#facc15");
      const glow = 0.55 + 0.45 * Math.sin(ctx.time * 8 + o.seed);
      ctx.rect(x, up ? edge - 3 : edge, w, 3, rgba(P.accent, glow));
      ctx.rect(x - 2, up ? edge - 9 : edge, w + 4, 9, rgba(P.accent, glow * 0.25));
      break;
    }
    default: { // pipes
      ctx.rect(x + 4, y0, w - 8, h, C);
      ctx.rect(x + 9, y0, 7, h, L);
      ctx.rect(x + w - 16, y0, 6, h, D);
      const ly = up ? edge : edge - 22;
      ctx.rect(x, ly, w, 22, C);
      ctx.rect(x + 5, ly, 8, 22, L);
      ctx.strokeRect(x, ly, w, 22, mix(C, "#000000", 0.5), 2);
    }
  }
}

function drawBonus(ctx, x, y, t) {
  const A = P.accent, L = mix(A, "#ffffff", 0.5);
  ctx.circle(x, y, 13 + Math.sin(t * 5) * 1.5, rgba(A, 0.18));
  switch (P.bonusStyle) {
    case "star": {
      const pts = [];
      for (let i = 0; i < 10; i++) { const a = (i * Math.PI) / 5 - Math.PI / 2 + Math.sin(t * 2) * 0.2, r = i % 2 ? 4 : 9; pts.push([x + Math.cos(a) * r, y + Math.sin(a) * r]); }
      ctx.poly(pts, A);
      break;
    }
    case "gem":
      ctx.poly([[x, y - 9], [x + 8, y - 2], [x, y + 9], [x - 8, y - 2]], A);
      ctx.poly([[x, y - 9], [x + 4, y - 2], [x, y + 2], [x - 4, y - 2]], L);
      break;
    case "heart":
      ctx.circle(x - 4, y - 2, 4.6, A); ctx.circle(x + 4, y - 2, 4.6, A);
      ctx.poly([[x - 8.4, y], [x + 8.4, y], [x, y + 9]], A);
      break;
    case "fruit":
      ctx.circle(x, y + 1, 8, A); ctx.circle(x - 3, y - 2, 2.5, L);
      ctx.poly([[x, y - 6], [x + 6, y - 12], [x + 2, y - 5]], "#22c55e");
      break;
    default: {
      const w = Math.abs(Math.cos(t * 3)) * 8 + 1.5;
      ctx.roundRect(x - w, y - 9, w * 2, 18, w, A);
      ctx.roundRect(x - w * 0.5, y - 5, w, 10, w * 0.5, L);
    }
  }
}

// ---------- scenery ----------
function drawScenery(ctx, t) {
  const S = SCENES[P.scene], sc = P.scene;
  const dark = sc === "space" || sc === "cave";
  for (let i = 0; i < 6; i++) ctx.rect(0, i * 56, W, 57, dark ? mix(P.bg, "#000000", 0.45 - i * 0.05) : mix(P.bg, "#ffffff", i * 0.05));
  const far = scroll * 0.15, near = scroll * 0.4;
  if (sc === "space") {
    for (let i = 0; i < 34; i++) { const x = ((hash(i) * W * 2 - far * (0.3 + hash(i + 9))) % W + W) % W; ctx.circle(x, HUD_H + hash(i + 3) * (GROUND_Y - HUD_H), 0.8 + hash(i + 5) * 1.4, rgba("#ffffff", 0.3 + 0.5 * hash(i + 7))); }
    ctx.circle(W - 120, 90, 34, mix(P.accent, P.bg, 0.4)); ctx.circle(W - 130, 82, 10, rgba("#ffffff", 0.15));
  } else if (sc === "ocean") {
    for (let i = 0; i < 4; i++) ctx.poly([[60 + i * 170, 0], [110 + i * 170, 0], [20 + i * 170 + 60 * Math.sin(t * 0.3 + i), GROUND_Y], [-20 + i * 170, GROUND_Y]], rgba("#ffffff", 0.05));
    for (let i = 0; i < 12; i++) { const y = GROUND_Y - (((t * (25 + hash(i) * 30) + hash(i + 4) * 400) % 400)); ctx.strokeCircle(((hash(i + 2) * 900 - far) % W + W) % W, y, 2 + hash(i) * 3, rgba("#ffffff", 0.35), 1); }
  } else if (sc !== "cave") {
    ctx.circle(W - 110, 80, 28, rgba(sc === "snow" ? "#ffffff" : "#fff7cc", 0.7));
    for (let i = -1; i < 5; i++) { // clouds
      const x = ((i * 190 - far * 0.6) % 950 + 950) % 950 - 150, y = 60 + hash(i + 20) * 60;
      ctx.circle(x, y, 16, rgba("#ffffff", 0.5)); ctx.circle(x + 18, y - 7, 20, rgba("#ffffff", 0.5)); ctx.circle(x + 38, y, 14, rgba("#ffffff", 0.5));
    }
  }
  // silhouettes: a far and a near row, scrolling at different speeds
  for (let layer = 0; layer < 2; layer++) {
    const off = layer ? near : far, sp = layer ? 70 : 110, c = mix(S[2], P.bg, layer ? 0.25 : 0.5), base = GROUND_Y;
    const i0 = Math.floor(off / sp) - 1;
    for (let i = i0; i < i0 + Math.ceil(W / sp) + 3; i++) {
      const x = i * sp - off, hh = (layer ? 20 : 45) + hash(i * 3 + layer) * (layer ? 30 : 55);
      if (sc === "city" || sc === "space") ctx.rect(x, base - hh, sp - 8, hh, c);
      else if (sc === "forest" || sc === "snow") { ctx.poly([[x - 24, base], [x + sp / 2, base - hh - 20], [x + sp + 24, base]], c); if (sc === "snow" && !layer) { const cw = (22 * (sp / 2 + 24)) / (hh + 20); ctx.poly([[x + sp / 2 - cw, base - hh + 2], [x + sp / 2, base - hh - 20], [x + sp / 2 + cw, base - hh + 2]], "#ffffff"); } }
      else if (sc === "cave") { ctx.poly([[x, HUD_H], [x + sp / 2, HUD_H + hh * 0.6], [x + sp, HUD_H]], c); ctx.poly([[x, base], [x + sp / 2, base - hh * 0.5], [x + sp, base]], c); }
      else if (sc === "ocean") { ctx.poly([[x, base], [x + 6 + Math.sin(t * 2 + i) * 6, base - hh], [x + 14, base]], c); }
      else ctx.circle(x + sp / 2, base + 10, hh * 0.75 + sp * 0.3, c);
    }
  }
}

function drawGround(ctx) {
  const S = SCENES[P.scene];
  ctx.rect(0, GROUND_Y, W, GROUND_H, S[1]);
  ctx.rect(0, GROUND_Y, W, 10, S[0]);
  const off = scroll % 24;
  for (let x = -off - 24; x < W; x += 24) ctx.poly([[x, GROUND_Y + 10], [x + 12, GROUND_Y + 10], [x + 20, GROUND_Y + 18], [x + 8, GROUND_Y + 18]], mix(S[1], "#000000", 0.12));
  ctx.rect(0, GROUND_Y, W, 2, mix(S[0], "#000000", 0.35));
}

// ---------- game flow ----------
function burst(x, y, color, n, spd) {
  for (let i = 0; i < n && particles.length < MAX_PARTICLES; i++) {
    const a = (i / n) * Math.PI * 2 + i * 0.41, s = spd * (0.4 + ((i * 7) % 9) / 12);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.6, max: 0.6, color, r: 1.5 + (i % 3) });
  }
}
function flap(ctx) {
  vy = -P.flap;
  flapT = 0.18;
  ctx.sound.effect("jump");
  if (particles.length < MAX_PARTICLES) particles.push({ x: PX - 10, y: py + 4, vx: -60, vy: 40, life: 0.4, max: 0.4, color: mix(P.primary, "#ffffff", 0.5), r: 2 });
}
function hit(ctx, ground) {
  if (inv > 0) return;
  lives--;
  shake = 0.3; flash = 0.2;
  burst(PX, py, P.primary, 14, 150);
  if (lives <= 0) {
    ctx.sound.effect("lose");
    state = "dying"; stateTimer = 0.9;
    if (!ground) vy = Math.max(vy, 0);
    return;
  }
  ctx.sound.effect("hit");
  inv = INVULN;
  vy = -P.flap * (ground ? 1.1 : 0.5);
  popups.push({ text: lives === 1 ? ctx.t("Last life!") : ctx.t("{n} lives left", { n: lives }), x: PX, y: py - 24, t: 1, color: P.text });
}
function finish(ctx, won) {
  state = won ? "won" : "over";
  overAt = ctx.time;
  const s = ctx.score.get();
  if (s > best) { best = s; newBest = true; ctx.store.set("flappy.best", best); }
  const mv = { n: gates, ob: P.obName, name: P.name, score: s };
  ctx.gameOver({ won, message: won ? ctx.t("You flew through {n} {ob} and reached {score}!", mv) : ctx.t("The {name} passed {n} {ob}: {score} points.", mv) });
}

function fit(ctx, s, size, maxW) {
  while (s.length > 4 && ctx.measureText(s, size) > maxW) s = s.slice(0, -2).trim() + "\u2026";
  return s;
}
function textShadow(ctx, s, x, y, size, color, align) {
  ctx.text(s, x + 2, y + 2, { size, color: rgba("#000000", 0.45), align, bold: true });
  ctx.text(s, x, y, { size, color, align, bold: true });
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {name}, {ob} and {bonus} are the flyer, obstacle and collectible names from the parameters (in the
// game's language); "bird", "pipes" and "coins" are their defaults.
const STRINGS = {
  es: {
    "bird": "pájaro",
    "pipes": "tubos",
    "coins": "monedas",
    "Last life!": "¡Última vida!",
    "{n} lives left": "Quedan {n} vidas",
    "You flew through {n} {ob} and reached {score}!": "¡Pasaste {n} {ob} y llegaste a {score}!",
    "The {name} passed {n} {ob}: {score} points.": "Tu {name} pasó {n} {ob}: {score} puntos.",
    "Faster!": "¡Más rápido!",
    "Best {n}": "Récord {n}",
    "Best {n}  Goal {goal}": "Récord {n}  Meta {goal}",
    "Fly the {name} through the gaps between the {ob}!": "¡Vamos, {name}! Pasa por los huecos entre {ob}",
    "Space / Up / tap to flap": "Espacio / Arriba / toca: aletear",
    "Space / Up / tap to flap  •  grab the {bonus}": "Espacio / Arriba / toca: aletear  •  recoge {bonus}",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "You win!": "¡Has ganado!",
    "Game over": "Fin del juego",
    "Platinum": "Platino",
    "Gold": "Oro",
    "Silver": "Plata",
    "Bronze": "Bronce",
    "Score {n}": "Puntos {n}",
    "New best!": "¡Nuevo récord!",
    "{n} {ob} passed": "Pasaste {n} {ob}",
    "Press Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "bird": "oiseau",
    "pipes": "tuyaux",
    "coins": "pièces",
    "Last life!": "Dernière vie !",
    "{n} lives left": "Encore {n} vies",
    "You flew through {n} {ob} and reached {score}!": "Tu as franchi {n} {ob} et atteint {score} !",
    "The {name} passed {n} {ob}: {score} points.": "Fini, {name} : {n} {ob} franchis, {score} points.",
    "Faster!": "Plus vite !",
    "Best {n}": "Record {n}",
    "Best {n}  Goal {goal}": "Record {n}  Objectif {goal}",
    "Fly the {name} through the gaps between the {ob}!": "Allez, {name} ! Passe entre les {ob} !",
    "Space / Up / tap to flap": "Espace / Haut / touche : voler",
    "Space / Up / tap to flap  •  grab the {bonus}": "Espace / Haut / touche : voler  •  prends les {bonus}",
    "Press Space or tap to start": "Espace ou touche pour commencer",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Platinum": "Platine",
    "Gold": "Or",
    "Silver": "Argent",
    "Bronze": "Bronze",
    "Score {n}": "Score {n}",
    "New best!": "Nouveau record !",
    "{n} {ob} passed": "Tu as franchi {n} {ob}",
    "Press Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "bird": "Vogel",
    "pipes": "Rohre",
    "coins": "Münzen",
    "Last life!": "Letztes Leben!",
    "{n} lives left": "Noch {n} Leben",
    "You flew through {n} {ob} and reached {score}!": "Du hast {n} {ob} durchflogen und {score} erreicht!",
    "The {name} passed {n} {ob}: {score} points.": "Vorbei, {name}: {n} {ob} geschafft, {score} Punkte.",
    "Faster!": "Schneller!",
    "Best {n}": "Rekord {n}",
    "Best {n}  Goal {goal}": "Rekord {n}  Ziel {goal}",
    "Fly the {name} through the gaps between the {ob}!": "Los, {name}! Flieg durch die Lücken der {ob}!",
    "Space / Up / tap to flap": "Leertaste / Hoch / tippen: flattern",
    "Space / Up / tap to flap  •  grab the {bonus}": "Leertaste / Hoch / tippen: flattern  •  sammle {bonus}",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Platinum": "Platin",
    "Gold": "Gold",
    "Silver": "Silber",
    "Bronze": "Bronze",
    "Score {n}": "Punkte {n}",
    "New best!": "Neuer Rekord!",
    "{n} {ob} passed": "{n} {ob} geschafft",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "bird": "pássaro",
    "pipes": "canos",
    "coins": "moedas",
    "Last life!": "Última vida!",
    "{n} lives left": "Restam {n} vidas",
    "You flew through {n} {ob} and reached {score}!": "Você passou por {n} {ob} e chegou a {score}!",
    "The {name} passed {n} {ob}: {score} points.": "Fim, {name}: passou por {n} {ob}, {score} pontos.",
    "Faster!": "Mais rápido!",
    "Best {n}": "Recorde {n}",
    "Best {n}  Goal {goal}": "Recorde {n}  Meta {goal}",
    "Fly the {name} through the gaps between the {ob}!": "Vai, {name}! Voe pelos vãos entre {ob}!",
    "Space / Up / tap to flap": "Espaço / Cima / toque: voar",
    "Space / Up / tap to flap  •  grab the {bonus}": "Espaço / Cima / toque: voar  •  pegue {bonus}",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Platinum": "Platina",
    "Gold": "Ouro",
    "Silver": "Prata",
    "Bronze": "Bronze",
    "Score {n}": "Pontos {n}",
    "New best!": "Novo recorde!",
    "{n} {ob} passed": "Passou por {n} {ob}",
    "Press Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    W = ctx.width; H = ctx.height; GROUND_Y = H - GROUND_H;
    // the default names (no name given) in the player's language; the styles were chosen from them above
    if (P.name === "bird") P.name = ctx.t("bird");
    if (P.obName === "pipes") P.obName = ctx.t("pipes");
    if (P.bonusName === "coins") P.bonusName = ctx.t("coins");
    P.hudTitle = fit(ctx, P.title, 14, 250);
    P.bigSize = ctx.measureText(P.title, 26) > 400 ? 18 : 26;
    P.bigTitle = fit(ctx, P.title, P.bigSize, 400);
    if (P.sprite) {
      const pal = { X: P.primary, A: P.accent, W: P.text, K: mix(P.primary, "#000000", 0.6) };
      TILTS.forEach((a, i) => ctx.sprite.define("fl-p" + i, rotateRows(P.sprite, a), pal));
    }
    py = (HUD_H + GROUND_Y) / 2; vy = 0; tilt = 0; flapT = 0;
    obstacles = []; bonus = []; particles = []; popups = [];
    scroll = 0; gates = 0; lives = P.lives; inv = 0; flash = 0; shake = 0;
    state = "ready"; readyT = 0; overAt = 0; stateTimer = 0;
    best = ctx.store.get("flappy.best", 0); newBest = false;
    nextGap = W + 60;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    const press = ctx.input.pressed("action") || ctx.input.pressed("up") || ctx.input.pointer.pressed;
    for (const p of particles) { p.x += p.vx * dt; p.y += p.vy * dt; p.vy += 300 * dt; p.life -= dt; }
    particles = particles.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 30 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt); flash = Math.max(0, flash - dt); flapT = Math.max(0, flapT - dt);

    if (state === "ready") {
      readyT += dt;
      scroll += P.speed * 0.5 * dt;
      py = (HUD_H + GROUND_Y) / 2 + Math.sin(readyT * 4) * 8;
      if (press) { state = "play"; flap(ctx); }
      return;
    }
    if (state === "dying") {
      vy = Math.min(900, vy + P.gravity * dt);
      py = Math.min(GROUND_Y - RADIUS, py + vy * dt);
      tilt = Math.min(1.4, tilt + dt * 4);
      stateTimer -= dt;
      if (stateTimer <= 0) finish(ctx, false);
      return;
    }
    if (state !== "play") return;

    if (press) flap(ctx);
    inv = Math.max(0, inv - dt);
    vy = Math.min(900, vy + P.gravity * dt);
    py += vy * dt;
    if (py < HUD_H + RADIUS) { py = HUD_H + RADIUS; vy = Math.max(0, vy); }
    const target = Math.max(-0.45, Math.min(1.2, vy / 520));
    tilt += (target - tilt) * Math.min(1, dt * (target > tilt ? 6 : 14));

    const v = speedNow();
    scroll += v * dt;
    nextGap -= v * dt;
    if (nextGap <= W + 20) { spawnObstacle(ctx, nextGap); nextGap += P.spacing; }
    for (const o of obstacles) {
      o.x -= v * dt;
      o.ph += dt;
      if (o.amp) o.cy = o.base + Math.sin(o.ph * 1.4) * o.amp;
      if (!o.passed && o.x + OB_W < PX - RADIUS) {
        o.passed = true; gates++;
        ctx.score.add(1);
        ctx.sound.tone(880, 70, { type: "square", volume: 0.1 });
        if (gates % 10 === 0) {
          ctx.event("level", { gates, speed: Math.round((speedNow() / P.speed) * 100) / 100 });
          if (P.speedUp > 0 && speedNow() < P.speed * 1.8) popups.push({ text: ctx.t("Faster!"), x: W / 2, y: 110, t: 1.2, color: P.accent, big: true });
        }
      }
      if (hitObstacle(o)) hit(ctx, false);
    }
    obstacles = obstacles.filter((o) => o.x > -OB_W - 10);
    for (const b of bonus) {
      b.x -= v * dt; b.ph += dt;
      const by = b.o.cy + b.dy;
      if (!b.taken && Math.abs(b.x - PX) < RADIUS + 9 && Math.abs(by - py) < RADIUS + 9) {
        b.taken = true;
        ctx.score.add(P.bonusPoints);
        ctx.sound.effect("coin");
        burst(b.x, by, P.accent, 8, 90);
        popups.push({ text: "+" + P.bonusPoints, x: b.x, y: by - 12, t: 0.8, color: P.accent });
      }
    }
    bonus = bonus.filter((b) => !b.taken && b.x > -20);
    if (py > GROUND_Y - RADIUS) { py = GROUND_Y - RADIUS; hit(ctx, true); if (state === "dying") vy = 0; }
    if (state === "play" && P.winScore > 0 && ctx.score.get() >= P.winScore) { ctx.sound.effect("win"); finish(ctx, true); }
  },

  draw(ctx) {
    const t = ctx.time;
    if ((state === "over" || state === "won") && t - overAt > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    drawScenery(ctx, t);
    const sx = shake > 0 ? Math.sin(t * 90) * 5 * shake : 0;
    for (const o of obstacles) {
      if (o.x > W || o.x + OB_W < -4) continue;
      o.x += sx;
      drawHalf(ctx, o, -4, o.cy - P.gap / 2, false);
      drawHalf(ctx, o, o.cy + P.gap / 2, GROUND_Y, true);
      o.x -= sx;
    }
    for (const b of bonus) drawBonus(ctx, b.x + sx, b.o.cy + b.dy + Math.sin(b.ph * 3) * 2, b.ph);
    drawGround(ctx);
    const blink = inv > 0 && Math.floor(inv * 12) % 2 === 0;
    if (!blink) drawFlyer(ctx, PX + sx, py, tilt, state === "ready" ? t * 14 : state === "play" ? t * (flapT > 0 ? 30 : 14) : 0);
    for (const p of particles) ctx.circle(p.x, p.y, p.r, rgba(p.color, (p.life / p.max) * 1.2));
    for (const p of popups) ctx.text(p.text, p.x, p.y, { size: p.big ? 22 : 14, color: rgba(p.color, p.t * 2), align: "center", bold: true });
    if (flash > 0) ctx.rect(0, 0, W, H, rgba("#ffffff", flash * 2));

    // HUD
    ctx.rect(0, 0, W, HUD_H, rgba("#000000", 0.35));
    ctx.text(P.hudTitle, 10, 13, { size: 14, color: P.text, bold: true });
    let right = W - 10;
    if (P.lives > 1) {
      for (let i = 0; i < P.lives; i++) { const x = W - 16 - i * 16; ctx.circle(x - 3, 12, 3.3, i < lives ? "#f43f5e" : rgba(P.text, 0.25)); ctx.circle(x + 3, 12, 3.3, i < lives ? "#f43f5e" : rgba(P.text, 0.25)); ctx.poly([[x - 6, 13], [x + 6, 13], [x, 19]], i < lives ? "#f43f5e" : rgba(P.text, 0.25)); }
      right = W - 16 - P.lives * 16;
    }
    ctx.text(P.winScore > 0 ? ctx.t("Best {n}  Goal {goal}", { n: best, goal: P.winScore }) : ctx.t("Best {n}", { n: best }), right, 13, { size: 13, color: rgba(P.text, 0.8), align: "right" });
    if (state !== "ready") textShadow(ctx, String(ctx.score.get()), W / 2, 62, 40, P.text, "center");

    if (state === "ready") {
      const a = 0.7 + 0.3 * Math.sin(readyT * 5);
      ctx.roundRect(W / 2 - 210, 54, 420, 112, 12, rgba("#000000", 0.45));
      textShadow(ctx, P.bigTitle, W / 2, 80, P.bigSize, P.text, "center");
      ctx.text(ctx.t("Fly the {name} through the gaps between the {ob}!", { name: P.name, ob: P.obName }), W / 2, 110, { size: 14, color: P.text, align: "center" });
      ctx.text(P.bonusOn ? ctx.t("Space / Up / tap to flap  \u2022  grab the {bonus}", { bonus: P.bonusName }) : ctx.t("Space / Up / tap to flap"), W / 2, 130, { size: 13, color: rgba(P.text, 0.8), align: "center" });
      ctx.text(ctx.t("Press Space or tap to start"), W / 2, 152, { size: 15, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba("#000000", 0.3));
      ctx.roundRect(W / 2 - 170, 90, 340, 170, 14, rgba(mix(P.bg, "#000000", 0.55), 0.92));
      textShadow(ctx, state === "won" ? ctx.t("You win!") : ctx.t("Game over"), W / 2, 118, 30, state === "won" ? P.accent : P.text, "center");
      const s = ctx.score.get();
      const medal = s >= 40 ? ["#e5e4e2", ctx.t("Platinum")] : s >= 20 ? ["#fbbf24", ctx.t("Gold")] : s >= 10 ? ["#cbd5e1", ctx.t("Silver")] : s >= 5 ? ["#d97706", ctx.t("Bronze")] : null;
      if (medal) {
        ctx.circle(W / 2 - 110, 180, 24, mix(medal[0], "#000000", 0.3)); ctx.circle(W / 2 - 110, 180, 19, medal[0]);
        ctx.text(medal[1], W / 2 - 110, 216, { size: 11, color: P.text, align: "center", bold: true });
      }
      ctx.text(ctx.t("Score {n}", { n: s }), W / 2 + 20, 160, { size: 20, color: P.text, align: "center", bold: true });
      ctx.text(newBest ? ctx.t("New best!") : ctx.t("Best {n}", { n: best }), W / 2 + 20, 188, { size: 15, color: newBest ? P.accent : rgba(P.text, 0.8), align: "center", bold: newBest });
      ctx.text(ctx.t("{n} {ob} passed", { n: gates, ob: P.obName }), W / 2 + 20, 212, { size: 13, color: rgba(P.text, 0.7), align: "center" });
      if (t - overAt > 0.8) ctx.text(ctx.t("Press Space or tap to play again"), W / 2, 242, { size: 14, color: P.accent, align: "center", bold: true });
    }
  },

  strings: STRINGS,
});
