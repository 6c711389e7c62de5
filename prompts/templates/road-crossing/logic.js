// Road crossing: aimini template "road-crossing" (runtime aimini-runtime/1).
// Frogger-like: hop lane by lane across a busy road and a river (ride the logs, don't fall in) to
// the far side; every crossing scores and levels up with faster lanes.
// Keyboard: arrows / WASD hop one cell. Pointer & touch: tap above, below, left or right of the
// player (or swipe) to hop that way.

const HUD_H = 28;
const HOP = 0.13; // seconds a hop takes
const MAX_PARTICLES = 50;

let P, W, H, rows, cols, cw, ch, gridX, gridTop, SC;
let lanes, pl, bonus, particles, popups, swipe;
let level, lives, timeLeft, bestRow, crossings, state, stateTimer, overAt, readyT, best, newBest, shake, banner, bonusT;

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

// "auto" looks are guessed from the free-text names (the local model writes names, not enums).
function guess(text, table, def) {
  const t = " " + String(text).toLowerCase().replace(/[^a-z0-9]+/g, " ");
  for (const [style, words] of table) if (words.some((w) => t.indexOf(" " + w) >= 0)) return style;
  return def;
}
const PLAYER_WORDS = [["chicken", ["chicken", "chick", "hen", "rooster", "turkey", "bird"]], ["duck", ["duck", "goose", "penguin"]], ["cat", ["cat", "kitt"]],
  ["dog", ["dog", "pup"]], ["bunny", ["bunn", "rabbit", "hare"]], ["robot", ["robot", "bot", "android", "droid", "alien", "astronaut"]], ["frog", ["frog", "toad"]]];
const TRAFFIC_WORDS = [["ufos", ["ufo", "space", "alien", "saucer", "rocket", "asteroid", "galaxy"]], ["trucks", ["truck", "lorr", "bus", "tractor", "van"]], ["cars", ["car", "traffic", "taxi"]]];
const RIVER_WORDS = [["lilypads", ["lily", "lilies", "pad", "leaf", "leaves"]], ["turtles", ["turtle", "tortoise", "croc", "alligator", "hippo"]],
  ["ice", ["ice", "floe", "snow", "winter", "frozen", "arctic", "penguin", "glacier"]], ["rocks", ["rock", "stone", "lava", "volcan", "magma", "fire", "asteroid", "space"]], ["logs", ["log", "wood", "raft", "plank", "branch"]]];
// safe-row colours by setting: grass, detail
const GROUNDS = { grass: ["#4d7c0f", "#65a30d"], snow: ["#e2e8f0", "#cbd5e1"], ash: ["#44403c", "#57534e"], sand: ["#d6a55c", "#c08a45"], space: ["#1e1b4b", "#312e81"] };
const LIQUIDS = { water: ["#0e7490", "#22d3ee"], lava: ["#b91c1c", "#fb923c"], swamp: ["#3f4e1c", "#84cc16"] };

function readParams(p, ctx) {
  p = obj(p);
  // fallback names (missing, or tidied away below) in the game's language
  const d = { name: ctx.t("frog"), traffic: ctx.t("cars"), river: ctx.t("logs"), bonus: ctx.t("flies") };
  const pal = obj(p.palette), pr = obj(p.player), tr = obj(p.traffic), rv = obj(p.river), c = obj(p.collectibles);
  const o = {
    title: str(p.title, "Road Hopper", 60), theme: str(p.theme, "frog crossing", 40),
    bg: col(pal.background, "#14213d"), primary: col(pal.primary, "#4ade80"), accent: col(pal.accent, "#fbbf24"), text: col(pal.text, "#f8fafc"),
    name: str(pr.name, d.name, 24), trafficName: str(tr.name, d.traffic, 24), riverName: str(rv.name, d.river, 24),
    roadLanes: int(tr.lanes, 3, 1, 5), riverLanes: int(rv.lanes, 3, 0, 4),
    speed: num(p.speed, 70, 30, 200), speedUp: num(p.speedUp, 0.1, 0, 0.5), density: num(p.density, 0.5, 0.2, 1),
    timeLimit: int(p.timeLimit, 30, 0, 120), lives: int(p.lives, 3, 1, 9), win: int(p.winCrossings, 0, 0, 50),
    bonusOn: c.enabled !== false, bonusName: str(c.name, d.bonus, 24), bonusPoints: int(c.points, 50, 1, 500), sprite: null,
  };
  cleanNames(o, [["name", d.name, PLAYER_WORDS], ["trafficName", d.traffic, TRAFFIC_WORDS], ["riverName", d.river, RIVER_WORDS], ["bonusName", d.bonus, null]]);
  const context = (o.theme + " " + o.title).toLowerCase();
  o.style = oneOf(pr.style, Object.keys(PLAYERS), "auto");
  if (o.style === "auto") o.style = guess(o.name, PLAYER_WORDS, "frog");
  o.traffic = oneOf(tr.style, ["cars", "trucks", "ufos"], "auto");
  if (o.traffic === "auto") o.traffic = guess(o.trafficName, TRAFFIC_WORDS, guess(context, TRAFFIC_WORDS.slice(0, 1), "cars"));
  o.liquid = oneOf(rv.liquid, Object.keys(LIQUIDS), "auto");
  if (o.liquid === "auto") o.liquid = /lava|volcan|magma|fire|hell/.test(context + " " + o.riverName.toLowerCase()) ? "lava" : /swamp|bog|marsh|jungle/.test(context) ? "swamp" : "water";
  o.platform = oneOf(rv.style, ["logs", "lilypads", "turtles", "ice", "rocks"], "auto");
  if (o.platform === "auto") o.platform = guess(o.riverName, RIVER_WORDS, o.liquid === "lava" ? "rocks" : guess(context, RIVER_WORDS, "logs"));
  o.ground = o.traffic === "ufos" ? "space" : o.liquid === "lava" ? "ash" : o.platform === "ice" || /snow|winter|ice|frozen|arctic/.test(context) ? "snow" : /desert|beach|sand/.test(context) ? "sand" : "grass";
  if (Array.isArray(pr.sprite)) {
    const rs = pr.sprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rs.length && rs.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rs.map((r) => r.length));
      o.sprite = rs.map((r) => r + ".".repeat(w - r.length));
    }
  }
  return o;
}

// ---------- pixel art (X main, A accent, W light, K dark; G glass, L lamp, R rear light) ----------
const PLAYERS = {
  frog: [".KK......KK.", "KWWK....KWWK", "KWKXXXXXXKWK", ".XXXXXXXXXX.", "..XXXXXXXX..", ".XXXAAAAXXX.", "XXXXAAAAXXXX", "KX.XXXXXX.XK", "K..XXXXXX..K", "..KX....XK..", ".KK......KK."],
  chicken: ["....AA......", "...AAA......", "...WWWW.....", "..WWKWWW....", "..WWWWWXX...", "..WWWWWX....", ".WWWWWWW....", "WWWWWWWWW...", "WWWWWWWWW...", ".WWWWWWW....", "...X..X.....", "..XX.XX....."],
  duck: ["...XXXX.....", "..XXXKXX....", "..XXXXXAAA..", "...XXXXAA...", "...XXXX.....", ".XXXXXXXX...", "XXXXXXXXXX..", "XXWWWWWWXX..", ".XXXXXXXX...", "..XXXXXX....", "...A..A.....", "..AA.AA....."],
  cat: [".......X...X", ".......XXXXX", ".......XKXKX", "X......XXAXX", "X.......XXX.", ".X..XXXXXXX.", ".XXXXXXXXXX.", "..XXXXXXXXX.", "..XWWWWWWXX.", "..XXXXXXXXX.", "..X.X...X.X.", "..K.K...K.K."],
  dog: ["......XXXX..", ".....KXXXXX.", ".....KXKXXXX", "X....KXXXXKK", ".X.....XXXX.", ".X..XXXXXXX.", ".XXXXXXXXXX.", "..XXXXXXXXX.", "..XWWWWWWXX.", "..XXXXXXXXX.", "..X.X...X.X.", "..K.K...K.K."],
  bunny: ["......X.X...", "......X.X...", "......XAXA..", ".....XXXXX..", ".....XKXKX..", ".....XXAXX..", "..XXXXXXXX..", ".XXXXXXXXX..", "WXXWWWXXXX..", ".XXWWWXXXX..", "..XXXXXXX...", "..KK...KK..."],
  robot: [".....A......", ".....K......", "..KKKKKKKK..", "..KXXXXXXK..", "..KXAXXAXK..", "..KXXXXXXK..", "..KKKKKKKK..", ".KXXXXXXXXK.", "WKXAXAXAXKW.", ".KXXXXXXXXK.", "...KK..KK...", "..KKK..KKK.."],
};
const CAR = ["....XXXXXX......", "...XGGXGGGX.....", "..XXGGXGGGXX....", "XXXXXXXXXXXXXXXL", "XXXXXXXXXXXXXXXX", "RXXKKXXXXXXKKXXX", "..KWWK....KWWK..", "...KK......KK..."];
const TRUCK = ["WWWWWWWWWWWWWWWWWW..XXXXX...", "WWWWWWWWWWWWWWWWWW.XXGGGX...", "WAAAAAAAAAAAAAAAAW.XXGGGXX..", "WWWWWWWWWWWWWWWWWW.XXXXXXXX.", "WWWWWWWWWWWWWWWWWW.XXXXXXXXL",
  "WWWWWWWWWWWWWWWWWWKXXXXXXXXX", "KKKKKKKKKKKKKKKKKKKKKKKKKKKK", "..KWWK..KWWK........KWWK....", "...KK....KK..........KK....."];
const UFO = [".....GGGG.....", "....GGGGGG....", "..XXXXXXXXXX..", "XXXAXXAXXAXXXX", ".XXXXXXXXXXXX.", "...LL.LL.LL..."];
const TURTLE = ["...XXXX.....", "..XAXXAX....", ".XXXAAXXX.KK", ".XAXXXXAXKKK", ".XXXAAXXX.KK", "..XAXXAX....", ".K.XXXX.K...", "K........K.."];
const CAR_COLORS = ["#ef4444", "#3b82f6", "#a855f7", "#f97316", "#14b8a6", "#eab308"];

// ---------- colours & helpers ----------
function hexRgb(c) { const n = parseInt(c.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255]; }
function hex2(n) { n = Math.max(0, Math.min(255, Math.round(n))); return (n < 16 ? "0" : "") + n.toString(16); }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + Math.max(0, Math.min(1, a)).toFixed(3) + ")"; }
function mirror(r) { return r.map((s) => s.split("").reverse().join("")); }
function fit(ctx, s, size, maxW) { while (s.length > 4 && ctx.measureText(s, size) > maxW) s = s.slice(0, -2).trim() + "\u2026"; return s; }
function rowY(r) { return gridTop + r * ch; }
function colX(c) { return gridX + (c + 0.5) * cw; }
function speedMul() { return Math.min(2.5, 1 + P.speedUp * (level - 1)); }

// ---------- lanes ----------
// Rows from the top: goal bank, river lanes, a median, road lanes, the start bank.
function buildLanes(ctx) {
  lanes = [];
  const kinds = ["goal"];
  for (let i = 0; i < P.riverLanes; i++) kinds.push("river");
  if (P.riverLanes > 0) kinds.push("safe");
  for (let i = 0; i < P.roadLanes; i++) kinds.push("road");
  kinds.push("start");
  kinds.forEach((kind, r) => {
    const lane = { kind, row: r, dir: r % 2 ? 1 : -1, speed: 0, objs: [], loop: W };
    if (kind === "road" || kind === "river") {
      lane.speed = P.speed * (0.7 + ctx.random() * 0.6) * speedMul() * (kind === "river" ? 0.85 : 1);
      // objects on a loop longer than the screen; road gaps stay wide enough to hop through,
      // river gaps short enough that another platform always comes
      let x = 0;
      while (x < W + 6 * cw) {
        let len, gapMin, gapMax;
        if (kind === "road") {
          const truck = P.traffic === "trucks" || (P.traffic === "cars" && ctx.random() < 0.25);
          len = truck ? 2.2 : P.traffic === "ufos" ? 1.3 : 1.2;
          gapMin = 2.2 + (1 - P.density) * 1.5; gapMax = gapMin + 3.5 * (1.2 - P.density);
          lane.objs.push({ x, len: len * cw, truck, c: ctx.randInt(0, CAR_COLORS.length - 1) });
        } else {
          len = P.platform === "lilypads" || P.platform === "turtles" ? ctx.randInt(2, 3) : ctx.randInt(2, 4);
          gapMin = 1.1; gapMax = 1.4 + 1.2 * (1.2 - P.density);
          lane.objs.push({ x, len: len * cw, n: len, c: 0 });
        }
        x += len * cw + (gapMin + ctx.random() * (gapMax - gapMin)) * cw;
      }
      lane.loop = x;
      const shift = ctx.random() * x;
      for (const o of lane.objs) o.x = ((o.x + shift) % x) - 2 * cw;
    }
    lanes.push(lane);
  });
}

function moveLanes(dt) {
  for (const l of lanes) {
    if (!l.speed) continue;
    const d = l.dir * l.speed * dt;
    for (const o of l.objs) {
      o.x += d;
      if (l.dir > 0 && o.x > W + cw) o.x -= l.loop;
      if (l.dir < 0 && o.x + o.len < -cw) o.x += l.loop;
    }
  }
}

// ---------- the player ----------
function resetPlayer() {
  pl.row = rows - 1; pl.c = Math.floor(cols / 2);
  pl.x = colX(pl.c); pl.y = rowY(pl.row) + ch / 2;
  pl.hop = null; pl.queue = null; pl.face = 1;
  bestRow = pl.row;
  timeLeft = P.timeLimit;
}
function tryHop(ctx, dx, dy) {
  if (pl.hop) { pl.queue = [dx, dy]; return; }
  const nr = pl.row + dy;
  if (nr < 0 || nr >= rows) return;
  let nx = pl.x + dx * cw;
  if (lanes[nr].kind !== "river") nx = colX(Math.round((nx - gridX) / cw - 0.5)); // land on the grid
  nx = Math.max(gridX + cw / 2, Math.min(gridX + cols * cw - cw / 2, nx));
  if (dx) pl.face = dx;
  pl.hop = { t: 0, x0: pl.x, y0: pl.y, x1: nx, y1: rowY(nr) + ch / 2, row: nr };
  ctx.sound.effect("jump");
}
function die(ctx, why) {
  if (state !== "play") return;
  lives--;
  shake = 0.35;
  const liquid = why === "drown";
  for (let i = 0; i < 14 && particles.length < MAX_PARTICLES; i++) {
    const a = (i / 14) * Math.PI * 2;
    particles.push({ x: pl.x, y: pl.y, vx: Math.cos(a) * 110, vy: Math.sin(a) * 110 - 40, life: 0.6, max: 0.6, color: liquid ? LIQUIDS[P.liquid][1] : P.primary, r: 2 + (i % 3) });
  }
  ctx.sound.effect(lives > 0 ? "hit" : "lose");
  const msg = why === "drown" ? (P.liquid === "lava" ? ctx.t("Too hot!") : ctx.t("Splash!")) : why === "time" ? ctx.t("Time's up!") : why === "edge" ? ctx.t("Swept away!") : ctx.t("Bonk!");
  banner = { text: msg, t: 1 };
  state = "dying"; stateTimer = 0.9; pl.dead = why;
}
function crossed(ctx) {
  crossings++;
  const tb = P.timeLimit > 0 ? Math.ceil(timeLeft) * 5 : 50;
  ctx.score.add(100 + tb);
  ctx.sound.effect("win");
  for (let i = 0; i < 18 && particles.length < MAX_PARTICLES; i++) {
    const a = (i / 18) * Math.PI * 2;
    particles.push({ x: pl.x, y: pl.y, vx: Math.cos(a) * 150, vy: Math.sin(a) * 150, life: 0.8, max: 0.8, color: i % 2 ? P.accent : P.primary, r: 2.5 });
  }
  popups.push({ text: "+" + (100 + tb), x: pl.x, y: pl.y - 16, t: 1, color: P.accent });
  if (P.win > 0 && crossings >= P.win) { finish(ctx, true); return; }
  level++;
  ctx.event("level", { level, crossings });
  banner = { text: ctx.t("Level {n}!", { n: level }), t: 1.3 };
  buildLanes(ctx);
  resetPlayer();
}
function finish(ctx, won) {
  state = won ? "won" : "over";
  overAt = ctx.time;
  const s = ctx.score.get();
  if (s > best) { best = s; newBest = true; ctx.store.set("road-crossing.best", best); }
  const v = { name: P.name, n: won ? P.win : crossings, score: s };
  ctx.gameOver({ won, message: won ? ctx.t("The {name} made all {n} crossings with {score} points!", v) : crossings === 1 ? ctx.t("The {name} made {n} crossing: {score} points.", v) : ctx.t("The {name} made {n} crossings: {score} points.", v) });
}

function updatePlayer(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  let dx = 0, dy = 0;
  if (inp.pressed("up")) dy = -1; else if (inp.pressed("down")) dy = 1; else if (inp.pressed("left")) dx = -1; else if (inp.pressed("right")) dx = 1;
  // touch: a swipe, or a tap beside the player, hops that way
  if (p.pressed) swipe = { x: p.x, y: p.y, used: false };
  if (swipe && p.down && !swipe.used && Math.hypot(p.x - swipe.x, p.y - swipe.y) > 30) {
    const ax = p.x - swipe.x, ay = p.y - swipe.y;
    if (Math.abs(ax) > Math.abs(ay)) dx = Math.sign(ax); else dy = Math.sign(ay);
    swipe.used = true;
  }
  if (swipe && p.released) {
    if (!swipe.used) {
      const ax = p.x - pl.x, ay = p.y - pl.y;
      if (Math.abs(ax) > cw * 0.4 || Math.abs(ay) > ch * 0.4) { if (Math.abs(ax) / cw > Math.abs(ay) / ch) dx = Math.sign(ax); else dy = Math.sign(ay); }
    }
    swipe = null;
  }
  if (dx || dy) tryHop(ctx, dx, dy);

  if (pl.hop) {
    const h = pl.hop;
    h.t += dt;
    const k = Math.min(1, h.t / HOP);
    pl.x = h.x0 + (h.x1 - h.x0) * k; pl.y = h.y0 + (h.y1 - h.y0) * k;
    if (k >= 1) {
      pl.row = h.row; pl.hop = null;
      if (pl.row < bestRow) { ctx.score.add(10 * (bestRow - pl.row)); bestRow = pl.row; }
      if (lanes[pl.row].kind === "goal") { crossed(ctx); return; }
      if (pl.queue) { const q = pl.queue; pl.queue = null; tryHop(ctx, q[0], q[1]); }
    }
  }
  const lane = lanes[pl.hop ? pl.hop.row : pl.row];
  const onRow = lanes[pl.row];
  if (!pl.hop && onRow.kind === "river") {
    const ride = onRow.objs.find((o) => pl.x > o.x + 4 && pl.x < o.x + o.len - 4);
    if (!ride) { die(ctx, "drown"); return; }
    pl.x += onRow.dir * onRow.speed * dt;
    if (pl.x < gridX - cw * 0.1 || pl.x > gridX + cols * cw + cw * 0.1) { die(ctx, "edge"); return; }
  }
  // vehicles hit the row the player is in (or hopping into, once past half the hop)
  const hitRow = pl.hop && pl.hop.t > HOP / 2 ? lane : onRow;
  if (hitRow.kind === "road") {
    const half = cw * 0.3;
    for (const o of hitRow.objs) if (pl.x + half > o.x + 3 && pl.x - half < o.x + o.len - 3) { die(ctx, "car"); return; }
  }
  if (bonus && !pl.hop && bonus.row === pl.row && Math.abs(bonus.x - pl.x) < cw * 0.6) {
    ctx.score.add(P.bonusPoints);
    ctx.sound.effect("coin");
    popups.push({ text: "+" + P.bonusPoints, x: bonus.x, y: pl.y - 16, t: 1, color: P.accent });
    bonus = null;
  }
}

// ---------- drawing ----------
function drawRows(ctx, t) {
  const G = GROUNDS[P.ground], L = LIQUIDS[P.liquid];
  for (const l of lanes) {
    const y = rowY(l.row);
    if (l.kind === "road") {
      ctx.rect(0, y, W, ch, P.ground === "space" ? "#0f0a1e" : "#374151");
      if (lanes[l.row + 1] && lanes[l.row + 1].kind === "road") for (let x = 0; x < W; x += 80) ctx.rect(x + 10, y + ch - 2, 34, 3, rgba("#f8fafc", 0.55));
    } else if (l.kind === "river") {
      ctx.rect(0, y, W, ch, L[0]);
      const off = (t * l.speed * l.dir * 0.5) % 80;
      for (let x = off - 80; x < W; x += 80) ctx.rect(x + 10, y + ch * 0.3 + (l.row % 2) * ch * 0.3, 26, 2, rgba(L[1], 0.5));
    } else {
      ctx.rect(0, y, W, ch, mix(G[0], P.bg, 0.15));
      for (let c = l.row % 3; c < cols; c += 3) ctx.rect(colX(c) - 2, y + ch * 0.3 + (c % 2) * ch * 0.3, 4, 4, G[1]);
      if (l.kind === "goal") { // the finish: a glowing edge and little flags
        ctx.rect(0, y + ch - 4, W, 4, rgba(P.accent, 0.5 + 0.3 * Math.sin(t * 4)));
        for (let c = 1; c < cols; c += 4) { const fx = colX(c), wv = Math.sin(t * 5 + c) * 2; ctx.rect(fx, y + 4, 2, ch - 8, "#e5e7eb"); ctx.poly([[fx + 2, y + 4], [fx + 14, y + 8 + wv], [fx + 2, y + 12]], P.accent); }
      }
    }
  }
}
function drawObjects(ctx, t) {
  for (const l of lanes) {
    if (!l.speed) continue;
    const y = rowY(l.row);
    for (const o of l.objs) {
      if (o.x > W + 4 || o.x + o.len < -4) continue;
      if (l.kind === "road") {
        const name = P.traffic === "ufos" ? "rc-ufo" : (o.truck ? "rc-truck" : "rc-car" + o.c);
        const art = P.traffic === "ufos" ? UFO : o.truck ? TRUCK : CAR, k = o.len / art[0].length;
        const yy = y + (ch - art.length * k) / 2;
        ctx.roundRect(o.x + 2, yy + art.length * k - 3, o.len - 4, 5, 2, rgba("#000000", 0.25));
        ctx.sprite.draw(name + (l.dir < 0 ? "-l" : "-r"), o.x, yy + (P.traffic === "ufos" ? Math.sin(t * 5 + o.x * 0.05) * 2 : 0), k);
      } else {
        const m = 3;
        switch (P.platform) {
          case "lilypads":
            for (let i = 0; i < o.n; i++) { const cx = o.x + (i + 0.5) * cw, r = Math.min(cw, ch) * 0.44; ctx.circle(cx, y + ch / 2, r, "#15803d"); ctx.poly([[cx, y + ch / 2], [cx + r, y + ch / 2 - r * 0.3], [cx + r, y + ch / 2 + r * 0.3]], LIQUIDS[P.liquid][0]); ctx.circle(cx - r * 0.3, y + ch / 2 - r * 0.3, r * 0.25, "#22c55e"); }
            break;
          case "turtles":
            for (let i = 0; i < o.n; i++) ctx.sprite.draw(l.dir < 0 ? "rc-turtle-l" : "rc-turtle-r", o.x + i * cw + (cw - 12 * SC.t) / 2, y + (ch - 8 * SC.t) / 2, SC.t);
            break;
          case "ice":
            ctx.roundRect(o.x + 2, y + m, o.len - 4, ch - 2 * m, 6, "#e0f2fe"); ctx.rect(o.x + 8, y + m + 4, o.len * 0.4, 3, "#ffffff"); ctx.rect(o.x + 6, y + ch - m - 5, o.len - 12, 3, "#93c5fd");
            break;
          case "rocks":
            for (let i = 0; i < o.n; i++) { const cx = o.x + (i + 0.5) * cw; ctx.roundRect(cx - cw * 0.48, y + m, cw * 0.96, ch - 2 * m, 8, "#57534e"); ctx.roundRect(cx - cw * 0.35, y + m + 3, cw * 0.5, (ch - 2 * m) * 0.35, 5, "#78716c"); }
            break;
          default: // logs
            ctx.roundRect(o.x + 1, y + m, o.len - 2, ch - 2 * m, (ch - 2 * m) / 2, "#8b5a2b");
            ctx.rect(o.x + 10, y + m + 4, o.len - 24, 2, "#a16c3a");
            ctx.circle(o.x + o.len - (ch - 2 * m) / 2, y + ch / 2, (ch - 2 * m) * 0.32, "#d6a56b");
        }
      }
    }
  }
}
function drawPlayer(ctx, t) {
  if (state === "dying" && Math.floor(t * 14) % 2) return;
  if (state === "over") return;
  const lift = pl.hop ? Math.sin((pl.hop.t / HOP) * Math.PI) * ch * 0.25 : 0;
  const w = SC.pw * SC.p, h = SC.ph * SC.p;
  ctx.roundRect(pl.x - w * 0.35, pl.y + h * 0.35, w * 0.7, 5, 2, rgba("#000000", 0.3));
  ctx.sprite.draw(pl.face < 0 ? "rc-player-l" : "rc-player-r", pl.x - w / 2, pl.y - h / 2 - lift, SC.p);
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "frog": "rana",
    "cars": "coches",
    "logs": "troncos",
    "flies": "moscas",
    "Too hot!": "¡Quema!",
    "Splash!": "¡Chof!",
    "Time's up!": "¡Se acabó el tiempo!",
    "Swept away!": "¡Te arrastró la corriente!",
    "Bonk!": "¡Pum!",
    "Level {n}!": "¡Nivel {n}!",
    "The {name} made all {n} crossings with {score} points!": "¡Tu {name} completó los {n} cruces con {score} puntos!",
    "The {name} made {n} crossing: {score} points.": "Tu {name} hizo {n} cruce: {score} puntos.",
    "The {name} made {n} crossings: {score} points.": "Tu {name} hizo {n} cruces: {score} puntos.",
    "Level {n}/{total}": "Nivel {n}/{total}",
    "Level {n}": "Nivel {n}",
    "Best {n}": "Récord {n}",
    "Get the {name} across the road and the river!": "¡Cruza la carretera y el río con tu {name}!",
    "Get the {name} across the road!": "¡Cruza la carretera con tu {name}!",
    "Dodge the {traffic}, ride the {river}, grab {bonus}": "Esquiva {traffic}, súbete a {river}, atrapa {bonus}",
    "Dodge the {traffic}, ride the {river}": "Esquiva {traffic} y súbete a {river}",
    "Dodge the {traffic}, grab {bonus}": "Esquiva {traffic} y atrapa {bonus}",
    "Dodge the {traffic}": "Esquiva {traffic}",
    "Arrows / WASD, or tap / swipe beside the {name} to hop": "Flechas / WASD, o toca / desliza junto a tu {name} para saltar",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "You made it!": "¡Lo lograste!",
    "Game over": "Fin del juego",
    "Score {score}   Crossings {n}": "Puntos {score}   Cruces {n}",
    "New best!": "¡Nuevo récord!",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
  },
  fr: {
    "frog": "grenouille",
    "cars": "voitures",
    "logs": "rondins",
    "flies": "mouches",
    "Too hot!": "Ça brûle !",
    "Splash!": "Plouf !",
    "Time's up!": "Temps écoulé !",
    "Swept away!": "Le courant t'emporte !",
    "Bonk!": "Boum !",
    "Level {n}!": "Niveau {n} !",
    "The {name} made all {n} crossings with {score} points!": "Bravo, {name} : les {n} traversées réussies, {score} points !",
    "The {name} made {n} crossing: {score} points.": "Fini, {name} : {n} traversée, {score} points.",
    "The {name} made {n} crossings: {score} points.": "Fini, {name} : {n} traversées, {score} points.",
    "Level {n}/{total}": "Niveau {n}/{total}",
    "Level {n}": "Niveau {n}",
    "Best {n}": "Record {n}",
    "Get the {name} across the road and the river!": "Allez, {name}, traverse la route et la rivière !",
    "Get the {name} across the road!": "Allez, {name}, traverse la route !",
    "Dodge the {traffic}, ride the {river}, grab {bonus}": "Évite les {traffic}, saute sur les {river}, prends les {bonus}",
    "Dodge the {traffic}, ride the {river}": "Évite les {traffic} et saute sur les {river}",
    "Dodge the {traffic}, grab {bonus}": "Évite les {traffic} et prends les {bonus}",
    "Dodge the {traffic}": "Évite les {traffic}",
    "Arrows / WASD, or tap / swipe beside the {name} to hop": "Saute, {name} : flèches / WASD, ou touche / glisse à côté",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour commencer",
    "You made it!": "Tu as réussi !",
    "Game over": "Partie terminée",
    "Score {score}   Crossings {n}": "Score {score}   Traversées {n}",
    "New best!": "Nouveau record !",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "frog": "Frosch",
    "cars": "Autos",
    "logs": "Baumstämme",
    "flies": "Fliegen",
    "Too hot!": "Zu heiß!",
    "Splash!": "Platsch!",
    "Time's up!": "Zeit um!",
    "Swept away!": "Abgetrieben!",
    "Bonk!": "Bumm!",
    "Level {n}!": "Level {n}!",
    "The {name} made all {n} crossings with {score} points!": "Super, {name}: alle {n} Überquerungen, {score} Punkte!",
    "The {name} made {n} crossing: {score} points.": "Vorbei, {name}: {n} Überquerung, {score} Punkte.",
    "The {name} made {n} crossings: {score} points.": "Vorbei, {name}: {n} Überquerungen, {score} Punkte.",
    "Level {n}/{total}": "Level {n}/{total}",
    "Level {n}": "Level {n}",
    "Best {n}": "Rekord {n}",
    "Get the {name} across the road and the river!": "Los, {name}, über die Straße und den Fluss!",
    "Get the {name} across the road!": "Los, {name}, über die Straße!",
    "Dodge the {traffic}, ride the {river}, grab {bonus}": "Weiche {traffic} aus, spring auf {river}, sammle {bonus}",
    "Dodge the {traffic}, ride the {river}": "Weiche {traffic} aus und spring auf {river}",
    "Dodge the {traffic}, grab {bonus}": "Weiche {traffic} aus und sammle {bonus}",
    "Dodge the {traffic}": "Weiche {traffic} aus",
    "Arrows / WASD, or tap / swipe beside the {name} to hop": "Hüpf, {name}: Pfeile / WASD, oder daneben tippen / wischen",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "You made it!": "Geschafft!",
    "Game over": "Spiel vorbei",
    "Score {score}   Crossings {n}": "Punkte {score}   Überquerungen {n}",
    "New best!": "Neuer Rekord!",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "frog": "sapo",
    "cars": "carros",
    "logs": "troncos",
    "flies": "moscas",
    "Too hot!": "Quente demais!",
    "Splash!": "Tchibum!",
    "Time's up!": "Acabou o tempo!",
    "Swept away!": "A correnteza te levou!",
    "Bonk!": "Pou!",
    "Level {n}!": "Nível {n}!",
    "The {name} made all {n} crossings with {score} points!": "Parabéns, {name}: todas as {n} travessias, {score} pontos!",
    "The {name} made {n} crossing: {score} points.": "Acabou, {name}: {n} travessia, {score} pontos.",
    "The {name} made {n} crossings: {score} points.": "Acabou, {name}: {n} travessias, {score} pontos.",
    "Level {n}/{total}": "Nível {n}/{total}",
    "Level {n}": "Nível {n}",
    "Best {n}": "Recorde {n}",
    "Get the {name} across the road and the river!": "Vamos, {name}, atravesse a estrada e o rio!",
    "Get the {name} across the road!": "Vamos, {name}, atravesse a estrada!",
    "Dodge the {traffic}, ride the {river}, grab {bonus}": "Desvie de {traffic}, pule em {river}, pegue {bonus}",
    "Dodge the {traffic}, ride the {river}": "Desvie de {traffic} e pule em {river}",
    "Dodge the {traffic}, grab {bonus}": "Desvie de {traffic} e pegue {bonus}",
    "Dodge the {traffic}": "Desvie de {traffic}",
    "Arrows / WASD, or tap / swipe beside the {name} to hop": "Pule, {name}: setas / WASD, ou toque / deslize ao lado",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "You made it!": "Você conseguiu!",
    "Game over": "Fim de jogo",
    "Score {score}   Crossings {n}": "Pontos {score}   Travessias {n}",
    "New best!": "Novo recorde!",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params, ctx);
    W = ctx.width; H = ctx.height;
    rows = 2 + P.roadLanes + P.riverLanes + (P.riverLanes > 0 ? 1 : 0);
    ch = Math.min(46, Math.floor((H - HUD_H - 10) / rows));
    cw = Math.min(48, Math.round(ch * 1.12));
    cols = Math.floor(W / cw);
    gridX = (W - cols * cw) / 2;
    gridTop = HUD_H + Math.floor((H - HUD_H - 6 - rows * ch) / 2);
    P.hudTitle = fit(ctx, P.title, 14, 196);
    P.bigSize = ctx.measureText(P.title, 26) > 420 ? 18 : 26;
    P.bigTitle = fit(ctx, P.title, P.bigSize, 420);
    const art = P.sprite || PLAYERS[P.style];
    SC = { pw: art[0].length, ph: art.length, t: (cw * 0.9) / 12 };
    SC.p = (ch * 0.78) / Math.max(SC.ph, SC.pw * 0.9);
    const pal = { X: P.primary, A: P.accent, W: P.text, K: mix(P.primary, "#000000", 0.6) };
    ctx.sprite.define("rc-player-r", art, pal);
    ctx.sprite.define("rc-player-l", mirror(art), pal);
    CAR_COLORS.forEach((c, i) => {
      const cp = { X: c, G: "#bfdbfe", K: "#111827", W: "#e5e7eb", L: "#fef08a", R: "#f87171", A: c };
      ctx.sprite.define("rc-car" + i + "-r", CAR, cp); ctx.sprite.define("rc-car" + i + "-l", mirror(CAR), cp);
    });
    const tp = { X: "#f59e0b", G: "#bfdbfe", K: "#111827", W: "#e5e7eb", L: "#fef08a", A: "#ef4444" };
    ctx.sprite.define("rc-truck-r", TRUCK, tp); ctx.sprite.define("rc-truck-l", mirror(TRUCK), tp);
    const up = { X: "#a3a3a3", G: "#86efac", A: P.accent, L: "#fde047" };
    ctx.sprite.define("rc-ufo-r", UFO, up); ctx.sprite.define("rc-ufo-l", UFO, up);
    const tt = { X: "#16a34a", A: "#14532d", K: "#4d7c0f" };
    ctx.sprite.define("rc-turtle-r", TURTLE, tt); ctx.sprite.define("rc-turtle-l", mirror(TURTLE), tt);
    level = 1; lives = P.lives; crossings = 0;
    pl = { row: 0, c: 0, x: 0, y: 0, hop: null, queue: null, face: 1, dead: null };
    particles = []; popups = []; bonus = null; bonusT = 4; swipe = null; banner = null;
    shake = 0; state = "ready"; readyT = 0; overAt = 0; stateTimer = 0;
    best = ctx.store.get("road-crossing.best", 0); newBest = false;
    ctx.score.set(0);
    buildLanes(ctx);
    resetPlayer();
  },

  update(ctx, dt) {
    for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.vy += 200 * dt; q.life -= dt; }
    particles = particles.filter((q) => q.life > 0);
    for (const q of popups) { q.t -= dt; q.y -= 30 * dt; }
    popups = popups.filter((q) => q.t > 0);
    shake = Math.max(0, shake - dt);
    if (banner) { banner.t -= dt; if (banner.t <= 0) banner = null; }
    if (state !== "over" && state !== "won") moveLanes(dt);

    if (state === "ready") {
      readyT += dt;
      const i = ctx.input;
      if (i.pressed("action") || i.pressed("up") || i.pressed("down") || i.pressed("left") || i.pressed("right") || i.pointer.pressed) {
        state = "play"; swipe = i.pointer.down ? { x: i.pointer.x, y: i.pointer.y, used: true } : null;
        ctx.sound.effect("click");
      }
      return;
    }
    if (state === "dying") {
      stateTimer -= dt;
      if (stateTimer <= 0) {
        if (lives <= 0) { finish(ctx, false); return; }
        state = "play"; pl.dead = null;
        resetPlayer();
      }
      return;
    }
    if (state !== "play") return;
    if (P.timeLimit > 0) { timeLeft -= dt; if (timeLeft <= 0) { timeLeft = 0; die(ctx, "time"); return; } }
    // a bonus item now and then on a safe row or a road lane
    if (P.bonusOn) {
      bonusT -= dt;
      if (bonusT <= 0) {
        if (bonus) { bonus = null; bonusT = 4 + ctx.random() * 4; }
        else {
          const cand = lanes.filter((l) => l.kind === "road" || l.kind === "safe" || l.kind === "goal");
          const l = ctx.pick(cand);
          bonus = { row: l.row, x: colX(ctx.randInt(0, cols - 1)) };
          bonusT = 6;
        }
      }
    }
    updatePlayer(ctx, dt);
  },

  draw(ctx) {
    const t = ctx.time;
    if ((state === "over" || state === "won") && t - overAt > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    ctx.clear(P.bg);
    drawRows(ctx, t);
    drawObjects(ctx, t);
    if (bonus) {
      const y = rowY(bonus.row) + ch / 2 + Math.sin(t * 5) * 2;
      ctx.circle(bonus.x, y, ch * 0.34, rgba(P.accent, 0.25));
      ctx.circle(bonus.x, y, ch * 0.18, P.accent);
      ctx.circle(bonus.x - ch * 0.12, y - ch * 0.12, ch * 0.1, rgba("#ffffff", 0.7 + 0.3 * Math.sin(t * 20)));
      ctx.circle(bonus.x + ch * 0.12, y - ch * 0.12, ch * 0.1, rgba("#ffffff", 0.7 - 0.3 * Math.sin(t * 20)));
    }
    drawPlayer(ctx, t);
    for (const q of particles) ctx.circle(q.x, q.y, q.r, rgba(q.color, (q.life / q.max) * 1.2));
    for (const q of popups) ctx.text(q.text, q.x, q.y, { size: 14, color: rgba(q.color, q.t * 2), align: "center", bold: true });

    // HUD
    ctx.rect(0, 0, W, HUD_H, rgba(mix(P.bg, "#000000", 0.3), 0.92));
    ctx.text(P.hudTitle, 10, 14, { size: 14, color: P.text, bold: true });
    ctx.text(P.win > 0 ? ctx.t("Level {n}/{total}", { n: level, total: P.win }) : ctx.t("Level {n}", { n: level }), 282, 14, { size: 13, color: rgba(P.text, 0.8), align: "center" });
    ctx.text(String(ctx.score.get()), 362, 14, { size: 16, color: P.accent, align: "center", bold: true });
    if (P.lives <= 5) for (let i = 0; i < P.lives; i++) { const x = W - 16 - i * 17, c = i < lives ? "#f43f5e" : rgba(P.text, 0.2); ctx.circle(x - 3, 12, 3.4, c); ctx.circle(x + 3, 12, 3.4, c); ctx.poly([[x - 6.2, 13], [x + 6.2, 13], [x, 19.5]], c); }
    else ctx.text("\u2665 x" + lives, W - 12, 14, { size: 14, color: "#f43f5e", align: "right", bold: true });
    ctx.text(ctx.t("Best {n}", { n: best }), W - 26 - Math.min(P.lives, 5) * 17, 14, { size: 12, color: rgba(P.text, 0.6), align: "right" });
    if (P.timeLimit > 0) {
      const k = timeLeft / P.timeLimit;
      ctx.rect(0, H - 5, W, 5, rgba(P.bg, 0.8));
      ctx.rect(0, H - 5, W * k, 5, k < 0.25 ? "#ef4444" : P.accent);
    }
    if (banner) ctx.text(banner.text, W / 2, rowY(Math.floor(rows / 2)) + ch / 2, { size: 30, color: rgba(P.text, Math.min(1, banner.t * 2)), align: "center", bold: true });

    if (state === "ready") {
      const a = 0.7 + 0.3 * Math.sin(readyT * 4);
      ctx.roundRect(W / 2 - 230, 62, 460, 136, 12, rgba(P.bg, 0.9));
      ctx.text(P.bigTitle, W / 2, 90, { size: P.bigSize, color: P.text, align: "center", bold: true });
      ctx.text(P.riverLanes > 0 ? ctx.t("Get the {name} across the road and the river!", { name: P.name }) : ctx.t("Get the {name} across the road!", { name: P.name }), W / 2, 120, { size: 14, color: P.text, align: "center" });
      const names = { traffic: P.trafficName, river: P.riverName, bonus: P.bonusName };
      const goals = P.riverLanes > 0
        ? (P.bonusOn ? ctx.t("Dodge the {traffic}, ride the {river}, grab {bonus}", names) : ctx.t("Dodge the {traffic}, ride the {river}", names))
        : (P.bonusOn ? ctx.t("Dodge the {traffic}, grab {bonus}", names) : ctx.t("Dodge the {traffic}", names));
      ctx.text(goals, W / 2, 142, { size: 13, color: rgba(P.text, 0.8), align: "center" });
      ctx.text(ctx.t("Arrows / WASD, or tap / swipe beside the {name} to hop", { name: P.name }), W / 2, 162, { size: 13, color: rgba(P.text, 0.8), align: "center" });
      ctx.text(ctx.t("Press Space or tap to start"), W / 2, 184, { size: 16, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.55));
      ctx.roundRect(W / 2 - 180, 100, 360, 150, 14, rgba(P.bg, 0.93));
      ctx.text(state === "won" ? ctx.t("You made it!") : ctx.t("Game over"), W / 2, 128, { size: 30, color: state === "won" ? P.accent : P.text, align: "center", bold: true });
      ctx.text(ctx.t("Score {score}   Crossings {n}", { score: ctx.score.get(), n: crossings }), W / 2, 164, { size: 17, color: P.text, align: "center", bold: true });
      ctx.text(newBest ? ctx.t("New best!") : ctx.t("Best {n}", { n: best }), W / 2, 190, { size: 14, color: newBest ? P.accent : rgba(P.text, 0.7), align: "center", bold: newBest });
      if (t - overAt > 0.8) ctx.text(ctx.t("Press Space or tap to play again"), W / 2, 226, { size: 14, color: P.accent, align: "center", bold: true });
    }
  },

  strings: STRINGS,
});
