// Catcher: aimini template "catcher" (runtime aimini-runtime/1).
// Good things fall from the sky: catch them in the basket for points and combos. Bad things fall too:
// catching one costs a life, and so does letting a good one drop (unless misses are forgiven).
// It gets faster over time; a time limit and/or a target score can end the round.
// Keyboard: Left/Right (A/D). Pointer & touch: the basket follows the pointer (drag on touch screens).

const HUD_H = 30;
const GROUND_H = 22;
const ITEM_R = 11;
const MAX_ITEMS = 24, MAX_PARTS = 55;

let P, W, H;
let px, pvx, pw, mouthY, targetX, lastPtrX, items, parts, popups, clouds;
let lives, elapsed, spawnAcc, combo, bestCombo, caught, state, stateT, shake, flash, wideT, slowT, best, overAt, won, lastGood, nextMilestone;

// ---------- parameters ----------
function isNum(v) { return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity; }
function num(v, def, lo, hi) { return Math.min(hi, Math.max(lo, isNum(v) ? v : def)); }
function int(v, def, lo, hi) { return Math.round(num(v, def, lo, hi)); }
function str(v, def, max) { return typeof v === "string" && v.trim().length ? v.trim().slice(0, max) : def; }
function col(v, def) { return typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v) ? v : def; }
function oneOf(v, list, def) { return list.indexOf(v) >= 0 ? v : def; }
// Sprite-library art from untrusted clients: 8-16 rows of one width 8-16 over "." and "0"-"f", else [].
function art(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}

// Looks, their natural colours ("auto" colour) and the words that pick them when the style is "auto".
const GOOD = {
  apple: ["#ef4444", /apple|fruit|cherr|berr|tomato|peach|plum/],
  egg: ["#fef3c7", /\beggs?\b|easter/],
  star: ["#facc15", /star|snow|spark|light|sun/],
  coin: ["#fbbf24", /coin|gold|money|cash|treasure|dollar|token/],
  gem: ["#22d3ee", /gem|diamond|jewel|crystal|ruby|emerald|sapphire/],
  candy: ["#f472b6", /candy|candies|sweet|sugar|lollipop|bonbon|chocolate/],
  fish: ["#60a5fa", /fish|sushi|salmon|tuna|sardine/],
  cookie: ["#d4a056", /cookie|biscuit|donut|doughnut|cake|pizza|bread|burger|food/],
};
const BAD = {
  bomb: ["#374151", /bomb|dynamite|tnt|explosive|mine\b/],
  rock: ["#9ca3af", /rock|stone|boulder|brick|anvil|meteor/],
  rotten: ["#65a30d", /rotten|spoil|mold|mould|worm|trash|garbage|junk|broccoli/],
  spiky: ["#a855f7", /spik|cactus|thorn|urchin|virus|germ|hedgehog|needle/],
  skull: ["#e5e7eb", /skull|poison|death|toxic|ghost|bone/],
};
const BAD_NAMES = { bomb: "bombs", rock: "rocks", rotten: "rotten fruit", spiky: "spiky balls", skull: "skulls" };
const CATCHERS = { basket: null, bucket: /rain|water|drop|paint|milk|bucket/, bowl: /soup|cereal|noodle|rice|bowl|fish|sushi/, cart: /mine|ore|coal|shop|grocer|cart|gold/ };

function auto(style, table, words, def) {
  if (style !== "auto") return style;
  for (const k in table) if (table[k] && table[k][1] && table[k][1].test(words)) return k;
  return def;
}

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const out = {
    title: str(p.title, "Catcher", 60),
    theme: str(p.theme, "orchard harvest", 40),
    bg: col(pal.background, "#1e3a5f"),
    primary: col(pal.primary, "#d97706"),
    accent: col(pal.accent, "#facc15"),
    text: col(pal.text, "#f8fafc"),
    goodName: str(p.goodName, "apples", 24),
    goodStyle: oneOf(p.goodStyle, ["auto"].concat(Object.keys(GOOD)), "auto"),
    goodColor: p.goodColor === "auto" ? "auto" : col(p.goodColor, "auto"),
    badName: str(p.badName, "bombs", 24),
    badStyle: oneOf(p.badStyle, ["auto"].concat(Object.keys(BAD)), "auto"),
    badColor: p.badColor === "auto" ? "auto" : col(p.badColor, "auto"),
    goodArt: art(p.goodArt),
    badArt: art(p.badArt),
    catcherStyle: oneOf(p.catcherStyle, ["auto"].concat(Object.keys(CATCHERS)), "auto"),
    catcherWidth: int(p.catcherWidth, 76, 40, 140),
    playerSpeed: num(p.playerSpeed, 420, 150, 800),
    lives: int(p.lives, 3, 1, 9),
    missesCost: p.missesCost !== false,
    spawnRate: num(p.spawnRate, 1.1, 0.4, 4),
    fallSpeed: num(p.fallSpeed, 120, 60, 400),
    ramp: num(p.ramp, 0.12, 0, 0.5),
    badChance: num(p.badChance, 0.25, 0, 0.6),
    bonusChance: num(p.bonusChance, 0.06, 0, 0.3),
    powerUps: p.powerUps !== false,
    timeLimit: int(p.timeLimit, 60, 0, 300),
    targetScore: int(p.targetScore, 0, 0, 5000),
    playerSprite: null,
  };
  const lw = (s) => s.toLowerCase();
  // names echoed from the request ("egg-catching game") keep only the thing itself ("egg")
  const noun = (s) => s.replace(/[-_]/g, " ").replace(/\b(catch|catching|catcher|game|games|falling|fall|collect|collecting|the|a|an)\b/gi, " ").replace(/\s+/g, " ").trim();
  out.goodName = noun(out.goodName) || "apples";
  out.badName = noun(out.badName) || "bombs";
  // A small language model sometimes writes the same thing for both names ("apples" and "apples"):
  // then the bad items fall back to their look's own name.
  const same = (a, b) => lw(a).replace(/s$/, "") === lw(b).replace(/s$/, "") || lw(a).indexOf(lw(b).replace(/s$/, "")) >= 0;
  const badClash = same(out.badName, out.goodName);
  out.goodStyle = auto(out.goodStyle, GOOD, lw(out.goodName + " " + out.theme), "star");
  out.badStyle = auto(out.badStyle, BAD, badClash ? "" : lw(out.badName), "bomb");
  if (badClash) out.badName = BAD_NAMES[out.badStyle];
  if (out.catcherStyle === "auto") {
    const words = lw(out.goodName + " " + out.theme + " " + out.title);
    out.catcherStyle = "basket";
    for (const k in CATCHERS) if (CATCHERS[k] && CATCHERS[k].test(words)) { out.catcherStyle = k; break; }
  }
  if (out.goodColor === "auto") out.goodColor = GOOD[out.goodStyle][0];
  if (out.badColor === "auto") out.badColor = BAD[out.badStyle][0];
  if (Array.isArray(p.playerSprite)) {
    const rows = p.playerSprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rows.length && rows.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rows.map((r) => r.length));
      out.playerSprite = rows.map((r) => r + ".".repeat(w - r.length));
    }
  }
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
function rnd(ctx, a, b) { return a + (b - a) * ctx.random(); }
function difficulty() { return Math.min(3, 1 + P.ramp * (elapsed / 10)); }
function mult() { return combo >= 20 ? 4 : combo >= 10 ? 3 : combo >= 5 ? 2 : 1; }
function catcherW() { return Math.min(W * 0.4, pw * (wideT > 0 ? 1.5 : 1)); }
function timeScale() { return slowT > 0 ? 0.55 : 1; }

function burst(x, y, color, n, spd, up) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + (i % 3) * 0.5;
    const s = spd * (0.3 + ((i * 7) % 10) / 10);
    parts.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s - (up || 0), life: 0.6, max: 0.6, color, r: 1.5 + (i % 3) });
  }
  if (parts.length > MAX_PARTS) parts.splice(0, parts.length - MAX_PARTS);
}

// Spawns one item. Good items are kept reachable: the next one is never further from the last good
// one than the catcher can travel while it falls.
function spawn(ctx) {
  if (items.length >= MAX_ITEMS) return;
  const m = difficulty();
  const vy = P.fallSpeed * Math.sqrt(m) * rnd(ctx, 0.85, 1.2);
  let kind = ctx.random() < P.badChance ? "bad" : "good";
  if (kind === "good" && ctx.random() < P.bonusChance) kind = "bonus";
  if (kind === "good" && P.powerUps && ctx.random() < 0.04) kind = ctx.pick(lives < P.lives ? ["life", "wide", "slow"] : ["wide", "slow"]);
  let x = rnd(ctx, 24, W - 24);
  if (kind !== "bad") {
    // time between this item's arrival at the rim and the previous good one's
    const arrive = elapsed + (mouthY - HUD_H + ITEM_R) / vy;
    const gap = Math.abs(arrive - lastGood.t);
    const reach = P.playerSpeed * gap * 0.75 + catcherW() * 0.4;
    x = Math.max(lastGood.x - reach, Math.min(lastGood.x + reach, x));
    if (arrive > lastGood.t) { lastGood.x = x; lastGood.t = arrive; }
  }
  items.push({ kind, x, y: HUD_H - ITEM_R, py: HUD_H - ITEM_R, vy, rot: rnd(ctx, 0, 6.28), spin: rnd(ctx, -2, 2), sway: kind === "bad" ? 0 : rnd(ctx, 0, 6.28) });
}

function lifeLost(ctx, why) {
  lives--;
  combo = 0;
  shake = 0.4;
  flash = 0.25;
  ctx.event("miss", { lives, why });
  if (lives <= 0) {
    ctx.sound.effect("lose");
    state = "dying";
    stateT = 0;
    return;
  }
  ctx.sound.effect("hit");
}

function catchItem(ctx, it) {
  const k = it.kind;
  if (k === "bad") {
    burst(it.x, it.y, P.badColor, 18, 200, 60);
    burst(it.x, it.y, "#f97316", 10, 140, 60);
    popups.push({ x: it.x, y: mouthY - 24, t: 1, text: ctx.t("Ouch!"), color: lum(P.bg) > 0.5 ? "#b91c1c" : "#f87171" });
    lifeLost(ctx, "bad");
    return;
  }
  if (k === "life" || k === "wide" || k === "slow") {
    if (k === "life") lives = Math.min(9, lives + 1);
    if (k === "wide") wideT = 8;
    if (k === "slow") slowT = 6;
    ctx.sound.effect("coin");
    popups.push({ x: it.x, y: mouthY - 24, t: 1, text: k === "life" ? ctx.t("+1 life") : k === "wide" ? ctx.t("Big basket!") : ctx.t("Slow motion!"), color: P.accent });
    burst(it.x, it.y, P.accent, 12, 140, 40);
    return;
  }
  combo++;
  caught++;
  bestCombo = Math.max(bestCombo, combo);
  const pts = (k === "bonus" ? 50 : 10) * mult();
  ctx.score.add(pts);
  if (ctx.score.get() > best) { best = ctx.score.get(); ctx.store.set("catcher.best", best); }
  popups.push({ x: it.x, y: mouthY - 20, t: 0.8, text: "+" + pts, color: k === "bonus" ? P.accent : P.text });
  burst(it.x, mouthY, k === "bonus" ? P.accent : P.goodColor, k === "bonus" ? 14 : 6, 110, 60);
  if (k === "bonus") ctx.sound.effect("coin");
  else ctx.sound.tone(520 + Math.min(combo, 20) * 25, 60, { type: "triangle", volume: 0.14 });
  if (combo === 5 || combo === 10 || combo === 20) {
    popups.push({ x: W / 2, y: 110, t: 1.2, text: ctx.t("Combo x{m}!", { m: mult() }), color: P.accent, big: true });
    ctx.event("combo", { combo });
  }
}

function finish(ctx, didWin, message) {
  state = "over";
  won = didWin;
  overAt = ctx.time;
  ctx.sound.effect(didWin ? "win" : "lose");
  ctx.gameOver({ won: didWin, message });
}

// ---------- drawing ----------
function ellipse(cx, cy, rx, ry, n) {
  const pts = [];
  for (let i = 0; i < n; i++) { const a = (i / n) * Math.PI * 2; pts.push([cx + Math.cos(a) * rx, cy + Math.sin(a) * ry]); }
  return pts;
}
function starPts(x, y, r, rot, n, inner) {
  const pts = [];
  for (let i = 0; i < n * 2; i++) { const a = rot + (i * Math.PI) / n - Math.PI / 2, rr = i % 2 ? r * inner : r; pts.push([x + Math.cos(a) * rr, y + Math.sin(a) * rr]); }
  return pts;
}

// The sprite library's 16 colours (PICO-8): row characters "0"-"f" of goodArt / badArt, drawn as they are.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

// Sprite `name` centred on (x, y), its longer side `box` pixels: the built-in looks span about 2.2 r.
function drawArt(ctx, name, x, y, box) {
  const s = ctx.sprite.size(name), k = box / Math.max(s.w, s.h);
  ctx.sprite.draw(name, x - (s.w * k) / 2, y - (s.h * k) / 2, k);
}

function drawGood(ctx, style, x, y, r, rot, C) {
  // the art of goodName replaces the style's look (the bonus keeps its glow and sparkle, not the tint)
  if (P.goodArt.length) { drawArt(ctx, "catcher-good", x, y, r * 2.2); return; }
  const light = mix(C, "#ffffff", 0.5), dark = mix(C, "#000000", 0.35);
  switch (style) {
    case "apple":
      ctx.circle(x - r * 0.35, y, r * 0.8, C); ctx.circle(x + r * 0.35, y, r * 0.8, C); ctx.circle(x, y + r * 0.15, r * 0.8, C);
      ctx.line(x, y - r * 0.6, x + r * 0.2, y - r * 1.15, "#78350f", 2);
      ctx.poly([[x + r * 0.15, y - r * 0.9], [x + r * 0.8, y - r * 1.2], [x + r * 0.45, y - r * 0.7]], "#22c55e");
      ctx.circle(x - r * 0.4, y - r * 0.25, r * 0.22, rgba("#ffffff", 0.6));
      break;
    case "egg":
      ctx.poly(ellipse(x, y + 0.5, r * 0.78 + 1.2, r + 1.2, 14), dark);
      ctx.poly(ellipse(x, y, r * 0.78, r, 14), C);
      ctx.circle(x - r * 0.3, y - r * 0.35, r * 0.2, rgba("#ffffff", 0.8));
      break;
    case "star":
      ctx.poly(starPts(x, y, r * 1.15, rot, 5, 0.45), C);
      ctx.poly(starPts(x, y, r * 0.55, rot, 5, 0.45), light);
      break;
    case "coin": {
      const w = Math.abs(Math.cos(rot)) * r + 2;
      ctx.roundRect(x - w, y - r, w * 2, r * 2, w, dark);
      ctx.roundRect(x - w + 1.5, y - r + 1.5, w * 2 - 3, r * 2 - 3, w, C);
      ctx.rect(x - Math.min(2, w * 0.3), y - r * 0.5, Math.min(4, w * 0.6), r, light);
      break;
    }
    case "gem":
      ctx.poly([[x - r, y - r * 0.3], [x - r * 0.5, y - r * 0.9], [x + r * 0.5, y - r * 0.9], [x + r, y - r * 0.3], [x, y + r]], C);
      ctx.poly([[x - r * 0.5, y - r * 0.3], [x, y - r * 0.9], [x + r * 0.5, y - r * 0.3], [x, y + r * 0.6]], light);
      break;
    case "candy":
      ctx.poly([[x - r * 0.6, y], [x - r * 1.4, y - r * 0.6], [x - r * 1.4, y + r * 0.6]], light);
      ctx.poly([[x + r * 0.6, y], [x + r * 1.4, y - r * 0.6], [x + r * 1.4, y + r * 0.6]], light);
      ctx.circle(x, y, r * 0.75, C);
      ctx.line(x - r * 0.4, y - r * 0.5, x + r * 0.4, y + r * 0.5, rgba("#ffffff", 0.7), 2);
      break;
    case "fish":
      ctx.poly([[x + r * 0.7, y], [x + r * 1.3, y - r * 0.6], [x + r * 1.3, y + r * 0.6]], dark);
      ctx.poly(ellipse(x - r * 0.1, y, r, r * 0.6, 12), C);
      ctx.circle(x - r * 0.6, y - r * 0.12, r * 0.16, "#111827");
      break;
    default: // cookie
      ctx.circle(x, y, r, C);
      ctx.circle(x - r * 0.35, y - r * 0.3, r * 0.16, "#3f2a14");
      ctx.circle(x + r * 0.35, y - r * 0.1, r * 0.16, "#3f2a14");
      ctx.circle(x - r * 0.05, y + r * 0.45, r * 0.16, "#3f2a14");
  }
}

function drawBad(ctx, x, y, r, rot, t) {
  if (P.badArt.length) { drawArt(ctx, "catcher-bad", x, y, r * 2.2); return; }
  const C = P.badColor, dark = mix(C, "#000000", 0.45), light = mix(C, "#ffffff", 0.4);
  switch (P.badStyle) {
    case "bomb": {
      ctx.circle(x, y, r, C);
      ctx.circle(x - r * 0.35, y - r * 0.35, r * 0.25, rgba("#ffffff", 0.35));
      ctx.rect(x - r * 0.3, y - r * 1.25, r * 0.6, r * 0.4, dark);
      const fl = 0.6 + 0.4 * Math.sin(t * 30);
      ctx.line(x, y - r * 1.2, x + r * 0.45, y - r * 1.55, "#d6d3d1", 2);
      ctx.circle(x + r * 0.45, y - r * 1.55, 2.5 + fl * 2, "#f97316");
      break;
    }
    case "rock":
      ctx.poly(starPts(x, y, r * 1.05, rot, 5, 0.82), dark);
      ctx.poly(starPts(x - 1, y - 1, r * 0.9, rot, 5, 0.85), C);
      ctx.circle(x - r * 0.3, y - r * 0.2, r * 0.2, light);
      break;
    case "rotten":
      ctx.circle(x, y, r * 0.95, C);
      ctx.circle(x + r * 0.3, y + r * 0.2, r * 0.35, dark);
      ctx.circle(x - r * 0.4, y - r * 0.3, r * 0.2, dark);
      ctx.line(x, y - r * 0.8, x - r * 0.2, y - r * 1.25, "#44403c", 2);
      for (let i = 0; i < 2; i++) ctx.circle(x + Math.cos(t * 9 + i * 3) * r * 1.3, y - r * 0.8 + Math.sin(t * 13 + i) * r * 0.5, 1.8, "#111827");
      break;
    case "spiky":
      ctx.poly(starPts(x, y, r * 1.3, rot, 8, 0.6), dark);
      ctx.circle(x, y, r * 0.7, C);
      ctx.circle(x - r * 0.25, y - r * 0.25, r * 0.18, light);
      break;
    default: // skull
      ctx.circle(x, y - r * 0.15, r * 0.9, C);
      ctx.rect(x - r * 0.5, y + r * 0.4, r, r * 0.5, C);
      ctx.circle(x - r * 0.35, y - r * 0.15, r * 0.25, "#111827");
      ctx.circle(x + r * 0.35, y - r * 0.15, r * 0.25, "#111827");
      ctx.rect(x - r * 0.08, y + r * 0.25, r * 0.16, r * 0.2, "#111827");
  }
}

function drawExtra(ctx, kind, x, y, r, t) {
  if (kind === "bonus") {
    ctx.circle(x, y, r * 1.7, rgba(P.accent, 0.18 + 0.1 * Math.sin(t * 10)));
    drawGood(ctx, P.goodStyle, x, y, r * 1.1, t * 2, P.accent);
    ctx.poly(starPts(x + r, y - r, 4, t * 4, 4, 0.4), "#ffffff");
    return;
  }
  const c = kind === "life" ? "#f43f5e" : kind === "wide" ? P.primary : "#38bdf8";
  ctx.circle(x, y, r + 3, rgba(c, 0.3));
  ctx.circle(x, y, r, c);
  ctx.text(kind === "life" ? "+" : kind === "wide" ? "W" : "S", x, y + 1, { size: 13, color: "#ffffff", align: "center", bold: true });
}

function drawCatcher(ctx, x, y, w, ox, oy) {
  const C = P.primary, dark = mix(C, "#000000", 0.4), light = mix(C, "#ffffff", 0.35);
  const l = x - w / 2 + ox, top = y + oy;
  if (P.playerSprite) {
    const sw = P.playerSprite[0].length, sh = P.playerSprite.length;
    const sc = Math.max(1, Math.floor(Math.min(w / sw, 48 / sh)));
    ctx.sprite.draw("catcher-player", Math.round(x - (sw * sc) / 2 + ox), Math.round(top), sc);
    return;
  }
  switch (P.catcherStyle) {
    case "bucket":
      ctx.line(l + 4, top + 2, x + ox, top - 16, "#9ca3af", 2);
      ctx.line(l + w - 4, top + 2, x + ox, top - 16, "#9ca3af", 2);
      ctx.poly([[l, top], [l + w, top], [l + w - 8, top + 28], [l + 8, top + 28]], C);
      ctx.rect(l - 2, top - 2, w + 4, 5, light);
      ctx.rect(l + 6, top + 12, w - 12, 3, dark);
      break;
    case "bowl": {
      const pts = [[l - 2, top]];
      for (let i = 0; i <= 8; i++) { const a = (i / 8) * Math.PI; pts.push([x + ox - Math.cos(a) * (w / 2 + 2), top + Math.sin(a) * 24]); }
      ctx.poly(pts, C);
      ctx.rect(l - 3, top - 2, w + 6, 4, light);
      ctx.rect(x + ox - 10, top + 22, 20, 5, dark);
      break;
    }
    case "cart":
      ctx.rect(l, top, w, 22, C);
      ctx.rect(l - 2, top - 2, w + 4, 4, light);
      ctx.rect(l + 4, top + 8, w - 8, 2, dark);
      ctx.circle(l + 12, top + 24, 6, "#1f2937");
      ctx.circle(l + w - 12, top + 24, 6, "#1f2937");
      break;
    default: // basket
      ctx.poly([[l, top], [l + w, top], [l + w - 7, top + 26], [l + 7, top + 26]], C);
      for (let i = 1; i < 4; i++) ctx.line(l + 2 + i * 1.5, top + i * 6.5, l + w - 2 - i * 1.5, top + i * 6.5, dark, 1.5);
      ctx.rect(l - 3, top - 3, w + 6, 5, light);
  }
}

// Panels behind text: dark under light text, light under dark text.
function lum(c) { const A = hexRgb(c); return (0.299 * A[0] + 0.587 * A[1] + 0.114 * A[2]) / 255; }
function panel() { return mix(P.bg, lum(P.text) > 0.5 ? "#000000" : "#ffffff", 0.5); }

function overlay(ctx, title, lines, color) {
  ctx.rect(0, 0, W, H, rgba(P.bg, 0.55));
  ctx.roundRect(W / 2 - 215, H / 2 - 78, 430, 156, 14, rgba(panel(), 0.95));
  ctx.strokeRect(W / 2 - 215, H / 2 - 78, 430, 156, rgba(P.primary, 0.6), 2);
  ctx.text(fit(ctx, title, 28, 400), W / 2, H / 2 - 48, { size: 28, color, align: "center", bold: true });
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    ctx.text(fit(ctx, lines[i], 14, 400), W / 2, H / 2 - 10 + i * 22, { size: 14, color: last ? P.accent : P.text, align: "center", bold: last });
  }
}

function miniHeart(ctx, x, y, c) {
  ctx.circle(x - 3, y - 1, 3.4, c);
  ctx.circle(x + 3, y - 1, 3.4, c);
  ctx.poly([[x - 6.2, y], [x + 6.2, y], [x, y + 6.5]], c);
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {good} and {bad} are the goodName / badName parameters (plural nouns in the game's language), so
// the translations avoid gendered articles and adjectives around them.
const STRINGS = {
  es: {
    "apples": "manzanas",
    "bombs": "bombas",
    "rocks": "rocas",
    "rotten fruit": "fruta podrida",
    "spiky balls": "bolas de pinchos",
    "skulls": "calaveras",
    "Ouch!": "¡Ay!",
    "+1 life": "+1 vida",
    "Big basket!": "¡Cesta grande!",
    "Slow motion!": "¡Cámara lenta!",
    "Combo x{m}!": "¡Combo x{m}!",
    "Out of lives! {n} {good} caught, score {score}": "¡Sin vidas! Atrapaste {n} {good}, puntos {score}",
    "Missed!": "¡Se cayó!",
    "Faster!": "¡Más rápido!",
    "Target reached: {score} points in {secs}s!": "¡Objetivo logrado: {score} puntos en {secs} s!",
    "Time's up! {score} of {target} points": "¡Se acabó el tiempo! {score} de {target} puntos",
    "Time's up! You caught {n} {good}: {score} points": "¡Se acabó el tiempo! Atrapaste {n} {good}: {score} puntos",
    "Combo {n} x{m}": "Combo {n} x{m}",
    "Combo {n}": "Combo {n}",
    "Score {target} in {secs}s": "Consigue {target} puntos en {secs} s",
    "Score {target}": "Consigue {target} puntos",
    "Catch all you can in {secs}s": "Atrapa lo que puedas en {secs} s",
    "Catch as many as you can": "Atrapa todo lo que puedas",
    "Catch the {good}, avoid the {bad}!": "¡Atrapa {good} y evita {bad}!",
    "{goal} - don't let any drop": "{goal}: ¡que no caiga nada!",
    "Arrows / A D or drag to move": "Flechas / A D o arrastra para moverte",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Well done!": "¡Bien hecho!",
    "Game over": "Fin del juego",
    "Caught {n} {good}   Best combo {combo}": "Atrapaste {n} {good}   Mejor combo {combo}",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
  },
  fr: {
    "apples": "pommes",
    "bombs": "bombes",
    "rocks": "rochers",
    "rotten fruit": "fruits pourris",
    "spiky balls": "boules à piques",
    "skulls": "crânes",
    "Ouch!": "Aïe !",
    "+1 life": "+1 vie",
    "Big basket!": "Grand panier !",
    "Slow motion!": "Ralenti !",
    "Combo x{m}!": "Combo x{m} !",
    "Out of lives! {n} {good} caught, score {score}": "Plus de vies ! Tu as attrapé {n} {good}, score {score}",
    "Missed!": "Raté !",
    "Faster!": "Plus vite !",
    "Target reached: {score} points in {secs}s!": "Objectif atteint : {score} points en {secs} s !",
    "Time's up! {score} of {target} points": "Temps écoulé ! {score} points sur {target}",
    "Time's up! You caught {n} {good}: {score} points": "Temps écoulé ! Tu as attrapé {n} {good} : {score} points",
    "Combo {n} x{m}": "Combo {n} x{m}",
    "Combo {n}": "Combo {n}",
    "Score {target} in {secs}s": "Marque {target} points en {secs} s",
    "Score {target}": "Marque {target} points",
    "Catch all you can in {secs}s": "Attrapes-en un max en {secs} s",
    "Catch as many as you can": "Attrapes-en un maximum",
    "Catch the {good}, avoid the {bad}!": "Attrape les {good}, évite les {bad} !",
    "{goal} - don't let any drop": "{goal}, rien ne doit tomber",
    "Arrows / A D or drag to move": "Flèches / A D ou glisse pour bouger",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour jouer",
    "Well done!": "Bien joué !",
    "Game over": "Partie terminée",
    "Caught {n} {good}   Best combo {combo}": "Tu as attrapé {n} {good}   Meilleur combo {combo}",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "apples": "Äpfel",
    "bombs": "Bomben",
    "rocks": "Felsen",
    "rotten fruit": "faules Obst",
    "spiky balls": "Stachelkugeln",
    "skulls": "Totenköpfe",
    "Ouch!": "Autsch!",
    "+1 life": "+1 Leben",
    "Big basket!": "Großer Korb!",
    "Slow motion!": "Zeitlupe!",
    "Combo x{m}!": "Combo x{m}!",
    "Out of lives! {n} {good} caught, score {score}": "Keine Leben mehr! {n} {good} gefangen, Punkte {score}",
    "Missed!": "Verpasst!",
    "Faster!": "Schneller!",
    "Target reached: {score} points in {secs}s!": "Ziel erreicht: {score} Punkte in {secs} s!",
    "Time's up! {score} of {target} points": "Zeit um! {score} von {target} Punkten",
    "Time's up! You caught {n} {good}: {score} points": "Zeit um! Du hast {n} {good} gefangen: {score} Punkte",
    "Combo {n} x{m}": "Combo {n} x{m}",
    "Combo {n}": "Combo {n}",
    "Score {target} in {secs}s": "Hol {target} Punkte in {secs} s",
    "Score {target}": "Hol {target} Punkte",
    "Catch all you can in {secs}s": "Fang möglichst viele in {secs} s",
    "Catch as many as you can": "Fang so viele wie möglich",
    "Catch the {good}, avoid the {bad}!": "Fang die {good}, meide die {bad}!",
    "{goal} - don't let any drop": "{goal} - lass nichts fallen",
    "Arrows / A D or drag to move": "Pfeile / A D oder ziehen zum Bewegen",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Well done!": "Gut gemacht!",
    "Game over": "Spiel vorbei",
    "Caught {n} {good}   Best combo {combo}": "{n} {good} gefangen   Top-Combo {combo}",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "apples": "maçãs",
    "bombs": "bombas",
    "rocks": "pedras",
    "rotten fruit": "frutas podres",
    "spiky balls": "bolas de espinhos",
    "skulls": "caveiras",
    "Ouch!": "Ai!",
    "+1 life": "+1 vida",
    "Big basket!": "Cesta grande!",
    "Slow motion!": "Câmera lenta!",
    "Combo x{m}!": "Combo x{m}!",
    "Out of lives! {n} {good} caught, score {score}": "Sem vidas! Você pegou {n} {good}, pontos {score}",
    "Missed!": "Caiu!",
    "Faster!": "Mais rápido!",
    "Target reached: {score} points in {secs}s!": "Meta alcançada: {score} pontos em {secs}s!",
    "Time's up! {score} of {target} points": "Acabou o tempo! {score} de {target} pontos",
    "Time's up! You caught {n} {good}: {score} points": "Acabou o tempo! Você pegou {n} {good}: {score} pontos",
    "Combo {n} x{m}": "Combo {n} x{m}",
    "Combo {n}": "Combo {n}",
    "Score {target} in {secs}s": "Faça {target} pontos em {secs}s",
    "Score {target}": "Faça {target} pontos",
    "Catch all you can in {secs}s": "Pegue o máximo em {secs}s",
    "Catch as many as you can": "Pegue o máximo possível",
    "Catch the {good}, avoid the {bad}!": "Pegue {good} e evite {bad}!",
    "{goal} - don't let any drop": "{goal}, sem deixar nada cair",
    "Arrows / A D or drag to move": "Setas / A D ou arraste para mover",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Well done!": "Muito bem!",
    "Game over": "Fim de jogo",
    "Caught {n} {good}   Best combo {combo}": "Pegou {n} {good}   Melhor combo {combo}",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    // the default names (no name given) in the player's language; the styles were chosen from them above
    if (P.goodName === "apples") P.goodName = ctx.t("apples");
    for (const k in BAD_NAMES) if (P.badName === BAD_NAMES[k]) P.badName = ctx.t(BAD_NAMES[k]);
    W = ctx.width;
    H = ctx.height;
    pw = P.catcherWidth;
    mouthY = H - GROUND_H - 34;
    if (P.playerSprite) {
      ctx.sprite.define("catcher-player", P.playerSprite, { X: P.primary, A: P.accent, W: P.text, K: mix(P.primary, "#000000", 0.55) });
      const sh = P.playerSprite.length, sc = Math.max(1, Math.floor(Math.min(pw / P.playerSprite[0].length, 48 / sh)));
      mouthY = H - GROUND_H - sh * sc;
    }
    if (P.goodArt.length) ctx.sprite.define("catcher-good", P.goodArt, PICO);
    if (P.badArt.length) ctx.sprite.define("catcher-bad", P.badArt, PICO);
    px = W / 2;
    pvx = 0;
    targetX = null;
    lastPtrX = null;
    lastGood = { x: W / 2, t: 0 };
    items = [];
    parts = [];
    popups = [];
    clouds = [];
    for (let i = 0; i < 4; i++) clouds.push({ x: ctx.random() * W, y: HUD_H + 20 + ctx.random() * 90, s: 0.6 + ctx.random() * 0.8 });
    lives = P.lives;
    elapsed = 0;
    spawnAcc = 0.6;
    combo = 0;
    bestCombo = 0;
    caught = 0;
    shake = 0;
    flash = 0;
    wideT = 0;
    slowT = 0;
    won = false;
    overAt = 0;
    nextMilestone = 20;
    best = ctx.store.get("catcher.best", 0);
    state = "intro";
    stateT = 0;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    stateT += dt;
    for (const c of clouds) { c.x += 8 * c.s * dt; if (c.x > W + 60) c.x = -60; }
    for (const p of parts) { p.x += p.vx * dt; p.y += p.vy * dt; p.vy += 380 * dt; p.life -= dt; }
    parts = parts.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 30 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    flash = Math.max(0, flash - dt);
    const inp = ctx.input, ptr = inp.pointer;

    if (state === "intro") {
      if (inp.pressed("action") || ptr.pressed || inp.pressed("left") || inp.pressed("right")) {
        state = "play";
        stateT = 0;
        ctx.sound.effect("click");
      }
      return;
    }
    if (state === "dying") {
      if (stateT > 0.9) finish(ctx, false, ctx.t("Out of lives! {n} {good} caught, score {score}", { n: caught, good: P.goodName, score: ctx.score.get() }));
      return;
    }
    if (state !== "play") return;

    elapsed += dt;
    wideT = Math.max(0, wideT - dt);
    slowT = Math.max(0, slowT - dt);

    // movement: keys, else follow the pointer (drag)
    let dir = 0;
    if (inp.down("left")) dir -= 1;
    if (inp.down("right")) dir += 1;
    if (lastPtrX === null) lastPtrX = ptr.x;
    if (dir) targetX = null;
    else if (ptr.down || ptr.pressed || Math.abs(ptr.x - lastPtrX) > 0.5) targetX = ptr.x;
    lastPtrX = ptr.x;
    const before = px;
    if (dir) px += dir * P.playerSpeed * dt;
    else if (targetX !== null) { const step = P.playerSpeed * 1.8 * dt; px += Math.max(-step, Math.min(step, targetX - px)); }
    const cw = catcherW();
    px = Math.max(cw / 2 + 4, Math.min(W - cw / 2 - 4, px));
    pvx = dt > 0 ? (px - before) / dt : 0;

    // spawning
    spawnAcc += dt * P.spawnRate * difficulty() * timeScale();
    let guard = 0;
    while (spawnAcc >= 1 && guard++ < 4) { spawnAcc -= 1; spawn(ctx); }

    // falling; an item is caught when it crosses the basket's rim inside its width (swept, so no
    // item slips through at large dt)
    const ts = timeScale();
    for (const it of items) {
      it.py = it.y;
      it.y += it.vy * ts * dt;
      it.rot += it.spin * dt;
      it.sway += dt * 2.5;
      if (it.py <= mouthY && it.y >= mouthY) {
        const x = it.x + Math.sin(it.sway) * (it.kind === "bad" ? 0 : 6);
        if (Math.abs(x - px) <= cw / 2 + ITEM_R * 0.4) { it.dead = true; catchItem(ctx, it); if (state !== "play") break; continue; }
      }
      if (it.y > H - GROUND_H - ITEM_R * 0.5) {
        it.dead = true;
        if (it.kind === "good") {
          burst(it.x, H - GROUND_H, P.goodColor, 8, 90, 80);
          popups.push({ x: it.x, y: H - GROUND_H - 20, t: 0.8, text: ctx.t("Missed!"), color: lum(P.bg) > 0.5 ? "#b91c1c" : "#fca5a5" });
          if (P.missesCost) lifeLost(ctx, "missed");
          else { combo = 0; ctx.sound.tone(180, 90, { type: "triangle", volume: 0.1 }); }
          if (state !== "play") break;
        } else if (it.kind === "bad") burst(it.x, H - GROUND_H, P.badColor, 6, 80, 60);
      }
    }
    items = items.filter((it) => !it.dead);
    if (state !== "play") return;

    if (elapsed >= nextMilestone) {
      nextMilestone += 20;
      popups.push({ x: W / 2, y: 140, t: 1.2, text: ctx.t("Faster!"), color: P.accent, big: true });
      ctx.event("level", { seconds: Math.floor(elapsed), speed: Math.round(difficulty() * 100) / 100 });
    }
    const score = ctx.score.get();
    if (P.targetScore > 0 && score >= P.targetScore) finish(ctx, true, ctx.t("Target reached: {score} points in {secs}s!", { score, secs: Math.ceil(elapsed) }));
    else if (P.timeLimit > 0 && elapsed >= P.timeLimit) {
      if (P.targetScore > 0) finish(ctx, false, ctx.t("Time's up! {score} of {target} points", { score, target: P.targetScore }));
      else finish(ctx, true, ctx.t("Time's up! You caught {n} {good}: {score} points", { n: caught, good: P.goodName, score }));
    }
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) { ox = Math.sin(t * 83) * 6 * shake; oy = Math.cos(t * 71) * 4 * shake; }
    ctx.clear(P.bg);
    for (let i = 0; i < 8; i++) ctx.rect(0, HUD_H + i * 40, W, 41, mix(P.bg, P.primary, 0.02 * i));
    for (const c of clouds) {
      const cc = lum(P.bg) > 0.45 ? rgba("#ffffff", 0.35) : rgba(P.text, 0.06);
      ctx.circle(c.x, c.y, 16 * c.s, cc);
      ctx.circle(c.x + 18 * c.s, c.y + 4, 12 * c.s, cc);
      ctx.circle(c.x - 18 * c.s, c.y + 5, 11 * c.s, cc);
    }
    // ground
    const gy = H - GROUND_H + oy;
    ctx.rect(0, gy, W, GROUND_H, mix(P.bg, P.primary, 0.55));
    ctx.rect(0, gy, W, 3, mix(P.primary, P.accent, 0.5));

    for (const it of items) {
      const x = it.x + (it.kind === "bad" ? 0 : Math.sin(it.sway) * 6) + ox, y = it.y + oy;
      if (it.kind === "good") drawGood(ctx, P.goodStyle, x, y, ITEM_R, it.rot, P.goodColor);
      else if (it.kind === "bad") drawBad(ctx, x, y, ITEM_R, it.rot, t);
      else drawExtra(ctx, it.kind, x, y, ITEM_R, t);
    }

    // the catcher (leans a little into its movement)
    if (state !== "dying" && state !== "over" || won) {
      const cw = catcherW();
      ctx.rect(px - cw * 0.45 + ox, H - GROUND_H - 2 + oy, cw * 0.9, 3, rgba("#000000", 0.25));
      drawCatcher(ctx, px, mouthY + Math.min(3, Math.abs(pvx) / 200), cw, ox, oy);
      if (wideT > 0 && (wideT > 2 || Math.floor(t * 8) % 2 === 0)) ctx.strokeRect(px - cw / 2 - 4 + ox, mouthY - 5 + oy, cw + 8, 4, rgba(P.accent, 0.7), 1);
    }

    for (const p of parts) ctx.rect(p.x - p.r + ox, p.y - p.r + oy, p.r * 2, p.r * 2, rgba(p.color, (p.life / p.max) * 1.4));
    for (const p of popups) ctx.text(p.text, p.x, p.y, { size: p.big ? 24 : 14, color: rgba(p.color, p.t * 2), align: "center", bold: true });
    if (flash > 0) ctx.rect(0, 0, W, H, rgba("#ef4444", flash));
    if (slowT > 0) ctx.strokeRect(2, HUD_H + 2, W - 4, H - HUD_H - 4, rgba("#38bdf8", 0.35 + 0.2 * Math.sin(t * 6)), 3);

    // HUD
    ctx.rect(0, 0, W, HUD_H, panel());
    ctx.text(fit(ctx, P.title, 15, 170), 10, 15, { size: 15, color: P.text, bold: true });
    ctx.text(String(ctx.score.get()), W / 2 - 40, 15, { size: 17, color: P.accent, align: "center", bold: true });
    if (P.targetScore > 0) ctx.text("/ " + P.targetScore, W / 2 - 40 + ctx.measureText(String(ctx.score.get()), 17) / 2 + 6, 15, { size: 12, color: mix(P.text, P.bg, 0.4) });
    if (P.timeLimit > 0) {
      const left = Math.max(0, Math.ceil(P.timeLimit - elapsed));
      ctx.text(left + "s", W / 2 + 60, 15, { size: 15, color: left <= 10 && state === "play" ? "#f87171" : P.text, align: "center", bold: true });
    }
    if (combo >= 2) ctx.text(mult() > 1 ? ctx.t("Combo {n} x{m}", { n: combo, m: mult() }) : ctx.t("Combo {n}", { n: combo }), W / 2 + 130, 15, { size: 12, color: P.accent, align: "center", bold: mult() > 1 });
    const shown = Math.min(9, Math.max(P.lives, lives));
    for (let i = 0; i < shown; i++) miniHeart(ctx, W - 14 - i * 16, 13, i < lives ? "#f43f5e" : rgba(P.text, 0.2));

    if (state === "intro") {
      const goal = P.targetScore > 0
        ? (P.timeLimit > 0 ? ctx.t("Score {target} in {secs}s", { target: P.targetScore, secs: P.timeLimit }) : ctx.t("Score {target}", { target: P.targetScore }))
        : P.timeLimit > 0 ? ctx.t("Catch all you can in {secs}s", { secs: P.timeLimit }) : ctx.t("Catch as many as you can");
      overlay(ctx, P.title, [
        ctx.t("Catch the {good}, avoid the {bad}!", { good: P.goodName, bad: P.badName }),
        P.missesCost ? ctx.t("{goal} - don't let any drop", { goal }) : goal,
        ctx.t("Arrows / A D or drag to move"),
        ctx.t("Press Space or tap to start"),
      ], P.text);
    }
    if (state === "over") {
      const since = t - overAt;
      overlay(ctx, won ? ctx.t("Well done!") : ctx.t("Game over"), [
        ctx.t("Caught {n} {good}   Best combo {combo}", { n: caught, good: P.goodName, combo: bestCombo }),
        ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }),
        since > 0.8 ? ctx.t("Press Space or tap to play again") : "",
      ], won ? P.accent : P.text);
      if (since > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    }
  },

  strings: STRINGS,
});

