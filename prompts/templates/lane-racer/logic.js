// Lane racer: aimini template "lane-racer" (runtime aimini-runtime/1).
// Top-down racing on a scrolling road: switch lanes (or steer) to overtake the traffic, grab fuel,
// boosts and coins while the speed keeps climbing; drive as far as you can or reach the finish line.
// Keyboard: Left/Right (A/D) change lane or steer, Up speeds up, Down brakes.
// Pointer & touch: tap left or right of the car to change lane (in free steering: hold to steer).

const HUD_H = 28;
const INVULN = 2;
const MAX_PARTICLES = 60;
const MAX_TRAFFIC = 16;
const TRAFFIC_PACE = 0.45; // traffic drives at this share of the road speed: all at one pace, so gaps never close

let P, W, H, laneW, roadX, roadW, carY, K;
let car, traffic, pickups, decor, particles, popups, finishY;
let speed, elapsed, dist, bonus, lives, inv, boostT, fuel, scroll, spawnAcc, pickAcc, coinAcc;
let state, stateTimer, overAt, readyT, best, newBest, shake, swipe;

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
const VEHICLE_WORDS = [["kart", ["kart", "go kart", "buggy"]], ["bike", ["bike", "motorbike", "motorcycle", "scooter", "moped", "bicycle", "cycl"]],
  ["truck", ["truck", "lorry", "bus", "van", "tractor", "monster"]], ["spaceship", ["space", "rocket", "ufo", "starfighter", "jet", "fighter", "hover"]],
  ["boat", ["boat", "ship", "jet ski", "jetski", "speedboat", "canoe", "kayak", "yacht", "raft", "submarine"]], ["car", ["car", "racer", "taxi", "police", "auto"]]];
const TRAFFIC_WORDS = [["asteroids", ["asteroid", "meteor", "rock", "comet", "space junk", "debris"]], ["boats", ["boat", "ship", "canoe", "yacht", "buoy", "barge"]],
  ["animals", ["cow", "sheep", "animal", "pig", "goat", "cattle", "horse", "chicken", "duck"]], ["trucks", ["truck", "lorr", "bus", "van"]], ["cars", ["car", "traffic", "taxi", "vehicle"]]];
const TRACK_WORDS = [["space", ["space", "galaxy", "star", "planet", "cosmic", "asteroid", "rocket", "ufo", "alien"]], ["water", ["water", "river", "sea", "ocean", "lake", "boat", "jet ski", "canal"]],
  ["neon", ["neon", "synthwave", "retro", "cyber", "tron", "night", "80"]], ["snow", ["snow", "ice", "winter", "frozen", "christmas", "arctic", "mountain"]],
  ["desert", ["desert", "sand", "dune", "cactus", "egypt", "canyon", "rally"]], ["city", ["city", "town", "street", "urban", "downtown", "highway", "taxi", "police"]],
  ["country", ["country", "farm", "road", "forest", "village", "field"]]];
// road, road edge, shoulder, decor colour
const TRACKS = {
  country: ["#4b5563", "#f8fafc", "#4d7c0f", "#166534"], city: ["#3f3f46", "#facc15", "#71717a", "#334155"], desert: ["#57534e", "#fde68a", "#d6a55c", "#15803d"],
  snow: ["#64748b", "#e0f2fe", "#e2e8f0", "#14532d"], space: ["#1e1b4b", "#a78bfa", "#05030f", "#4c1d95"], water: ["#0e7490", "#e0f2fe", "#65a30d", "#166534"], neon: ["#0f0a1e", "#f472b6", "#05010d", "#22d3ee"],
};

function readParams(p) {
  p = obj(p);
  const pal = obj(p.palette), pr = obj(p.player), tr = obj(p.traffic), fu = obj(p.fuel), bo = obj(p.boost), c = obj(p.collectibles);
  const o = {
    title: str(p.title, "Lane Racer", 60), theme: str(p.theme, "country road", 40),
    bg: col(pal.background, "#111827"), primary: col(pal.primary, "#ef4444"), accent: col(pal.accent, "#facc15"), text: col(pal.text, "#f8fafc"),
    name: str(pr.name, "car", 24), trafficName: str(tr.name, "cars", 24), density: num(tr.density, 0.5, 0.1, 1),
    lanes: int(p.lanes, 3, 2, 5), free: p.steering === "free",
    startSpeed: num(p.startSpeed, 240, 150, 450), maxSpeed: num(p.maxSpeed, 560, 300, 900), ramp: num(p.rampSeconds, 60, 10, 240),
    fuelOn: fu.enabled !== false, fuelName: str(fu.name, "fuel", 24), fuelSecs: num(fu.seconds, 30, 10, 120),
    boostOn: bo.enabled !== false, boostName: str(bo.name, "nitro", 24), boostSecs: num(bo.seconds, 2.5, 1, 6),
    coinsOn: c.enabled !== false, coinName: str(c.name, "coins", 24), coinPoints: int(c.points, 20, 1, 100),
    lives: int(p.lives, 3, 1, 5), finish: int(p.finishDistance, 0, 0, 20000), sprite: null,
  };
  cleanNames(o, [["name", "car", VEHICLE_WORDS], ["trafficName", "cars", TRAFFIC_WORDS], ["fuelName", "fuel", null], ["boostName", "nitro", null], ["coinName", "coins", null]]);
  o.maxSpeed = Math.max(o.maxSpeed, o.startSpeed);
  const context = o.theme + " " + o.title;
  o.style = oneOf(pr.style, Object.keys(VEHICLES), "auto");
  if (o.style === "auto") o.style = guess(o.name, VEHICLE_WORDS, "car");
  o.track = oneOf(p.track, Object.keys(TRACKS), "auto");
  if (o.track === "auto") o.track = guess(context, TRACK_WORDS, o.style === "spaceship" ? "space" : o.style === "boat" ? "water" : guess(o.trafficName, TRACK_WORDS, "country"));
  o.traffic = oneOf(tr.style, ["cars", "trucks", "asteroids", "boats", "animals"], "auto");
  if (o.traffic === "auto") o.traffic = guess(o.trafficName, TRAFFIC_WORDS, o.track === "space" ? "asteroids" : o.track === "water" ? "boats" : "cars");
  if (Array.isArray(pr.sprite)) {
    const rows = pr.sprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rows.length && rows.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rows.map((r) => r.length));
      o.sprite = rows.map((r) => r + ".".repeat(w - r.length));
    }
  }
  return o;
}

// ---------- pixel art, seen from above with the front at the top ----------
// X body, A accent, G glass, K dark, R tail light, L head light, W light parts
const VEHICLES = {
  car: ["...KKKKKK...", "..KLXAAXLK..", "KKXXXAAXXXKK", "KKXXXAAXXXKK", "KKXGGGGGGXKK", ".KXGGGGGGXK.", ".KXXXAAXXXK.", ".KXXXAAXXXK.", ".KXXXAAXXXK.",
    ".KXXXAAXXXK.", ".KXGGGGGGXK.", "KKXXXAAXXXKK", "KKXXXAAXXXKK", "KKXXXAAXXXKK", "..KRXAAXRK..", "...KKKKKK..."],
  kart: [".KK......KK.", ".KKXXXXXXKK.", "...XXXXXX...", "...XXAAXX...", "..XXAWWAXX..", "..XXAWWAXX..", "KKXXXAAXXXKK", "KKXXXXXXXXKK", "KKXXXXXXXXKK", "...KKKKKK..."],
  bike: ["..KK..", "..LL..", "..XX..", ".XXXX.", "KXAAXK", ".XAAX.", ".XWWX.", ".XWWX.", ".XXXX.", "..XX..", "..KK..", "..KK..", "..KK..", "..RR.."],
  truck: ["...KKKKKKKK...", "..KLXXXXXXLK..", ".KXXGGGGGGXXK.", ".KXXGGGGGGXXK.", "KKXXXXXXXXXXKK", ".KXXXXXXXXXXK.", "..KKKKKKKKKK..", ".KWWWWWWWWWWK.", ".KWAAAAAAAAWK.",
    "KKWWWWWWWWWWKK", "KKWWWWWWWWWWKK", ".KWWWWWWWWWWK.", ".KWWWWWWWWWWK.", ".KWWWWWWWWWWK.", "KKWWWWWWWWWWKK", "KKWWWWWWWWWWKK", ".KRWWWWWWWWRK.", "..KKKKKKKKKK.."],
  spaceship: ["......AA......", ".....XAAX.....", ".....XGGX.....", "....XXGGXX....", "....XXXXXX....", "...XXXXXXXX...", "..XXXAXXAXXX..", ".XXXXAXXAXXXX.", "XXXXXXXXXXXXXX",
    "XXKXXXXXXXXKXX", "X..KKXXXXKK..X", "....RR..RR...."],
  boat: [".....XX.....", "....XXXX....", "...XXXXXX...", "..XXWWWWXX..", "..XWWWWWWX..", ".XXWWGGWWXX.", ".XXWWGGWWXX.", ".XXWWWWWWXX.", ".XXWWWWWWXX.", ".XXAAAAAAXX.",
    ".XXWWWWWWXX.", ".XXWWWWWWXX.", ".XXXXXXXXXX.", "..KKKKKKKK.."],
};
const COW = ["..K....K..", "..KWWWWK..", "...WPPW...", "...WWWW...", "..WWKKWW..", ".WWWKKWWW.", ".WKKWWWWW.", ".WKKWWWKW.", ".WWWWWKKW.", ".WWKWWWWW.", ".WWWWWWWW.", "..WWWWWW..", "....KK...."];
const CAR_COLORS = ["#3b82f6", "#22c55e", "#a855f7", "#f97316", "#14b8a6", "#e5e7eb", "#eab308", "#ec4899"];

// ---------- colours & helpers ----------
function hexRgb(c) { const n = parseInt(c.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255]; }
function hex2(n) { n = Math.max(0, Math.min(255, Math.round(n))); return (n < 16 ? "0" : "") + n.toString(16); }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + Math.max(0, Math.min(1, a)).toFixed(3) + ")"; }
function laneX(i) { return roadX + laneW * (i + 0.5); }
function baseSpeed() { return P.startSpeed + (P.maxSpeed - P.startSpeed) * Math.min(1, elapsed / P.ramp); }
function meters() { return Math.floor(dist / 8); }
function overlap(a, b, m) { return a.x - a.w / 2 + m < b.x + b.w / 2 && a.x + a.w / 2 - m > b.x - b.w / 2 && a.y + m < b.y + b.h && a.y + a.h - m > b.y; }
function fit(ctx, s, size, maxW) { while (s.length > 4 && ctx.measureText(s, size) > maxW) s = s.slice(0, -2).trim() + "\u2026"; return s; }

function defineSprites(ctx) {
  const art = P.sprite || VEHICLES[P.style];
  const sw = art[0].length, sh = art.length;
  K = Math.min(laneW * 0.42 / sw, 46 / sh); // sprite scale that fits a lane
  ctx.sprite.define("lr-player", art, { X: P.primary, A: P.accent, W: P.sprite ? P.text : "#e5e7eb", K: "#111827", G: "#93c5fd", R: "#ef4444", L: "#fef9c3" });
  car.w = sw * K; car.h = sh * K;
  CAR_COLORS.forEach((c, i) => {
    const pal = { X: c, A: mix(c, "#ffffff", 0.25), K: "#111827", G: "#bfdbfe", R: "#ef4444", L: "#fef9c3", W: mix(c, "#ffffff", 0.6) };
    ctx.sprite.define("lr-car" + i, P.traffic === "boats" ? VEHICLES.boat : VEHICLES.car.map((r) => r.replace(/A/g, "X")), pal);
    ctx.sprite.define("lr-truck" + i, VEHICLES.truck, pal);
  });
  ctx.sprite.define("lr-cow", COW, { W: "#f8fafc", K: "#1f2937", P: "#f9a8d4" });
}

// ---------- spawning ----------
function spawnTraffic(ctx) {
  if (traffic.length >= MAX_TRAFFIC) return;
  // lanes taken near the top of the road count as one row, and a row always leaves a lane open
  const band = 16 * K * 4.5;
  const free = [];
  for (let i = 0; i < P.lanes; i++) if (!traffic.some((t) => t.lane === i && t.y < band)) free.push(i);
  const room = free.length - 1;
  if (room <= 0) return;
  ctx.shuffle(free);
  const want = Math.min(room, ctx.random() < P.density * 0.6 ? 2 : 1);
  for (let k = 0; k < want; k++) {
    const lane = free[k];
    let kind = "car", w = 12 * K, h = 16 * K;
    if (P.traffic === "trucks" || (P.traffic === "cars" && ctx.random() < 0.2)) { kind = "truck"; w = 14 * K * 0.95; h = 18 * K * 0.95; }
    else if (P.traffic === "boats") h = 14 * K;
    else if (P.traffic === "animals") { kind = "cow"; w = 11 * K; h = 14.3 * K; }
    else if (P.traffic === "asteroids") { kind = "rock"; w = h = laneW * (0.45 + ctx.random() * 0.2); }
    traffic.push({ lane, x: laneX(lane), y: -h - 10 - ctx.random() * 20, w, h, kind, c: ctx.randInt(0, CAR_COLORS.length - 1), rot: ctx.random() * 6, spin: ctx.random() - 0.5 });
  }
}
function freeLane(ctx) {
  const ok = [];
  for (let i = 0; i < P.lanes; i++) if (!traffic.some((t) => t.lane === i && t.y < 120)) ok.push(i);
  return ok.length ? ctx.pick(ok) : ctx.randInt(0, P.lanes - 1);
}
function spawnPickup(ctx, kind) {
  const lane = freeLane(ctx);
  if (kind === "coin") { for (let i = 0; i < 4; i++) pickups.push({ kind, x: laneX(lane), y: -30 - i * 34, r: 8, ph: i }); }
  else pickups.push({ kind, x: laneX(lane), y: -40, r: 13, ph: 0 });
}

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n && particles.length < MAX_PARTICLES; i++) {
    const a = (i / n) * Math.PI * 2 + i * 0.41, s = spd * (0.4 + ((i * 7) % 9) / 12);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.6, max: 0.6, color, r: 1.5 + (i % 3) });
  }
}
function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
function popup(text, x, y, color) { if (popups.length < 8) popups.push({ text, x, y, t: 0.9, color }); }

// msg: the English text of the message (a key of STRINGS), with {m} and {score} filled in here
function finish(ctx, won, msg, vars) {
  state = won ? "won" : "over";
  overAt = ctx.time;
  ctx.score.set(meters() + bonus);
  const s = ctx.score.get();
  if (s > best) { best = s; newBest = true; ctx.store.set("lane-racer.best", best); }
  ctx.sound.effect(won ? "win" : "lose");
  ctx.gameOver({ won, message: cap(ctx.t(msg, Object.assign({ m: meters(), score: s }, vars))) });
}

function crash(ctx, t) {
  t.dead = true;
  burst(t.x, t.y + t.h / 2, t.kind === "rock" ? "#a8a29e" : CAR_COLORS[t.c], 12, 160);
  if (boostT > 0) { bonus += 50; ctx.sound.tone(180, 90, { type: "square", volume: 0.15 }); popup(ctx.t("Smash! +50"), t.x, t.y, P.accent); return; }
  if (inv > 0) return;
  lives--;
  shake = 0.4;
  burst(car.x, car.y + car.h / 2, P.primary, 14, 180);
  if (lives <= 0) { finish(ctx, false, "Crashed into the {traffic} after {m} m, {score} points.", { traffic: P.trafficName }); return; }
  ctx.sound.effect("hit");
  inv = INVULN;
  speed *= 0.45;
  popup(lives === 1 ? ctx.t("Last life!") : ctx.t("{n} lives left", { n: lives }), car.x, car.y - 14, P.text);
}

// ---------- drawing ----------
function drawRoad(ctx, t) {
  const T = TRACKS[P.track];
  const shoulder = mix(T[2], P.bg, 0.2);
  ctx.clear(shoulder);
  if (P.track === "space" || P.track === "neon") { // stars / grid on the sides
    for (let i = 0; i < 24; i++) { const y = ((i * 53 + scroll * (0.3 + (i % 3) * 0.2)) % (H + 20)) - 10, x = (i * 97) % roadX, side = i % 2 ? x : roadX + roadW + x; ctx.rect(side, y, 2, 2, rgba(P.track === "neon" ? "#22d3ee" : "#ffffff", 0.5)); }
  }
  for (const d of decor) drawDecor(ctx, d);
  ctx.rect(roadX, 0, roadW, H, T[0]);
  // curbs and lane lines scroll with the road
  const off = scroll % 40;
  for (let y = -40 + off; y < H; y += 40) {
    const c = P.track === "country" || P.track === "desert" || P.track === "snow" ? "#ef4444" : T[1];
    ctx.rect(roadX - 8, y, 8, 20, c); ctx.rect(roadX + roadW, y, 8, 20, c);
    ctx.rect(roadX - 8, y + 20, 8, 20, P.track === "water" ? mix(T[2], "#000000", 0.2) : "#f8fafc"); ctx.rect(roadX + roadW, y + 20, 8, 20, P.track === "water" ? mix(T[2], "#000000", 0.2) : "#f8fafc");
  }
  const dash = scroll % 60;
  for (let i = 1; i < P.lanes; i++) {
    const x = roadX + laneW * i - 2;
    for (let y = -60 + dash; y < H; y += 60) {
      if (P.track === "water") ctx.circle(x + 2, y + 12, 4, i % 2 ? "#f97316" : "#f8fafc");
      else ctx.rect(x, y, 4, 30, rgba(T[1], P.track === "neon" ? 0.9 : 0.7));
    }
  }
  if (P.track === "water") for (let i = 0; i < 6; i++) { const y = ((i * 67 + scroll * 0.6) % (H + 40)) - 20; ctx.rect(roadX + 10 + ((i * 131) % (roadW - 40)), y, 22, 2, rgba("#ffffff", 0.25)); }
  if (finishY !== null && finishY > -30 && finishY < H + 30) {
    for (let i = 0; i < Math.ceil(roadW / 12); i++) for (let j = 0; j < 2; j++) ctx.rect(roadX + i * 12, finishY + j * 12, 12, 12, (i + j) % 2 ? "#111827" : "#f8fafc");
  }
}

function drawDecor(ctx, d) {
  const T = TRACKS[P.track], c = T[3];
  switch (P.track) {
    case "city": ctx.rect(d.x - d.s, d.y - d.s * 1.2, d.s * 2, d.s * 2.4, mix(c, P.bg, d.v * 0.4)); ctx.rect(d.x - d.s + 4, d.y - d.s * 1.2 + 4, d.s * 2 - 8, 4, rgba("#fde68a", 0.5)); break;
    case "desert": if (d.v > 0.5) { ctx.rect(d.x - 4, d.y - d.s, 8, d.s * 2, c); ctx.rect(d.x - 12, d.y - d.s * 0.3, 8, 6, c); ctx.rect(d.x + 4, d.y - d.s * 0.6, 8, 6, c); } else ctx.circle(d.x, d.y, d.s * 0.6, "#a16207"); break;
    case "snow": ctx.poly([[d.x, d.y - d.s * 1.3], [d.x + d.s, d.y + d.s * 0.8], [d.x - d.s, d.y + d.s * 0.8]], c); ctx.poly([[d.x, d.y - d.s * 1.3], [d.x + d.s * 0.4, d.y - d.s * 0.5], [d.x - d.s * 0.4, d.y - d.s * 0.5]], "#f8fafc"); break;
    case "space": ctx.circle(d.x, d.y, d.s * 0.5, rgba(d.v > 0.5 ? "#a78bfa" : "#f472b6", 0.5)); ctx.circle(d.x - d.s * 0.15, d.y - d.s * 0.15, d.s * 0.2, rgba("#ffffff", 0.3)); break;
    case "neon": ctx.strokeRect(d.x - d.s, d.y - d.s, d.s * 2, d.s * 2, rgba(d.v > 0.5 ? "#22d3ee" : "#f472b6", 0.6), 2); break;
    default: ctx.circle(d.x, d.y + 3, d.s, rgba("#000000", 0.2)); ctx.circle(d.x, d.y, d.s, c); ctx.circle(d.x - d.s * 0.3, d.y - d.s * 0.3, d.s * 0.45, mix(c, "#ffffff", 0.15));
  }
}

function drawTraffic(ctx, t) {
  const x = t.x - t.w / 2;
  if (t.kind === "rock") {
    const pts = [];
    for (let i = 0; i < 8; i++) { const a = t.rot + (i / 8) * Math.PI * 2, r = (t.w / 2) * (0.78 + 0.22 * Math.sin(i * 2.7 + t.c)); pts.push([t.x + Math.cos(a) * r, t.y + t.h / 2 + Math.sin(a) * r]); }
    ctx.poly(pts, "#78716c");
    ctx.circle(t.x - t.w * 0.12, t.y + t.h * 0.4, t.w * 0.12, "#57534e");
    return;
  }
  ctx.roundRect(x + 3, t.y + 4, t.w, t.h, 4, rgba("#000000", 0.25));
  const name = t.kind === "truck" ? "lr-truck" + t.c : t.kind === "cow" ? "lr-cow" : "lr-car" + t.c;
  const sc = t.kind === "truck" ? t.w / 14 : t.kind === "cow" ? t.w / 10 : t.w / 12;
  ctx.sprite.draw(name, x, t.y, sc);
}

function drawPickup(ctx, p, t) {
  const x = p.x, y = p.y;
  if (p.kind === "coin") {
    const w = Math.abs(Math.cos(t * 4 + p.ph)) * 7 + 1.5;
    ctx.roundRect(x - w, y - 8, w * 2, 16, w, P.accent);
    ctx.roundRect(x - w * 0.5, y - 5, w, 10, w * 0.5, mix(P.accent, "#ffffff", 0.45));
  } else if (p.kind === "fuel") {
    ctx.circle(x, y, 17, rgba("#22c55e", 0.2 + 0.1 * Math.sin(t * 6)));
    ctx.roundRect(x - 9, y - 11, 18, 22, 3, "#16a34a");
    ctx.rect(x - 3, y - 15, 6, 5, "#15803d");
    ctx.text("F", x, y + 1, { size: 13, color: "#f0fdf4", align: "center", bold: true });
  } else {
    ctx.circle(x, y, 17, rgba(P.accent, 0.25 + 0.1 * Math.sin(t * 8)));
    ctx.poly([[x + 3, y - 13], [x - 8, y + 2], [x - 1, y + 2], [x - 4, y + 13], [x + 8, y - 3], [x + 1, y - 3]], P.accent);
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {name}, {traffic}, {fuel}, {boost} and {coins} are names from the parameters (in the game's language);
// "car", "cars", "fuel" and "coins" are their defaults. cap() capitalises a text that may start with one.
const STRINGS = {
  es: {
    "car": "coche",
    "cars": "coches",
    "fuel": "gasolina",
    "coins": "monedas",
    "Crashed into the {traffic} after {m} m, {score} points.": "Chocaste con {traffic} tras {m} m: {score} puntos.",
    "Out of {fuel} after {m} m, {score} points.": "Sin {fuel} tras {m} m: {score} puntos.",
    "Finished the race in {secs} s: {m} m, {score} points.": "Carrera terminada en {secs} s: {m} m, {score} puntos.",
    "Smash! +50": "¡Pum! +50",
    "Last life!": "¡Última vida!",
    "{n} lives left": "Quedan {n} vidas",
    "Best {n}": "Récord {n}",
    "Overtake the {traffic} and go as far as you can!": "¡Esquiva {traffic} y llega lo más lejos posible!",
    "grab {fuel}": "recoge {fuel}",
    "{boost} to smash through": "{boost} para arrasar",
    "collect {coins}": "junta {coins}",
    "Left/Right or hold left/right of the {name} to steer": "Flechas o mantén a un lado de tu {name} para girar",
    "Left/Right, tap or swipe beside the {name} to change lanes": "Cambia de carril: flechas, o toca/desliza junto a tu {name}",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Finish!": "¡Meta!",
    "Out of {fuel}!": "¡Sin {fuel}!",
    "Crash!": "¡Choque!",
    "{m} m   Score {score}": "{m} m   Puntos {score}",
    "New best!": "¡Nuevo récord!",
    "Press Space or tap to play again": "Espacio o toca para jugar otra vez",
  },
  fr: {
    "car": "voiture",
    "cars": "voitures",
    "fuel": "essence",
    "coins": "pièces",
    "Crashed into the {traffic} after {m} m, {score} points.": "Collision ({traffic}) après {m} m : {score} points.",
    "Out of {fuel} after {m} m, {score} points.": "À sec ({fuel}) après {m} m : {score} points.",
    "Finished the race in {secs} s: {m} m, {score} points.": "Course finie en {secs} s : {m} m, {score} points.",
    "Smash! +50": "Boum ! +50",
    "Last life!": "Dernière vie !",
    "{n} lives left": "Encore {n} vies",
    "Best {n}": "Record {n}",
    "Overtake the {traffic} and go as far as you can!": "Double les {traffic} et va le plus loin possible !",
    "grab {fuel}": "{fuel} à ramasser",
    "{boost} to smash through": "{boost} pour tout casser",
    "collect {coins}": "{coins} à prendre",
    "Left/Right or hold left/right of the {name} to steer": "{name} : flèches, ou maintiens à gauche/droite pour tourner",
    "Left/Right, tap or swipe beside the {name} to change lanes": "{name} : flèches, ou touche/glisse à côté pour changer de voie",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour jouer",
    "Finish!": "Arrivée !",
    "Out of {fuel}!": "{fuel} : à sec !",
    "Crash!": "Accident !",
    "{m} m   Score {score}": "{m} m   Score {score}",
    "New best!": "Nouveau record !",
    "Press Space or tap to play again": "Espace ou touche pour rejouer",
  },
  de: {
    "car": "Auto",
    "cars": "Autos",
    "fuel": "Sprit",
    "coins": "Münzen",
    "Crashed into the {traffic} after {m} m, {score} points.": "Crash mit {traffic} nach {m} m: {score} Punkte.",
    "Out of {fuel} after {m} m, {score} points.": "{fuel} leer nach {m} m: {score} Punkte.",
    "Finished the race in {secs} s: {m} m, {score} points.": "Rennen beendet in {secs} s: {m} m, {score} Punkte.",
    "Smash! +50": "Rumms! +50",
    "Last life!": "Letztes Leben!",
    "{n} lives left": "Noch {n} Leben",
    "Best {n}": "Rekord {n}",
    "Overtake the {traffic} and go as far as you can!": "Überhole die {traffic} und fahr so weit du kannst!",
    "grab {fuel}": "{fuel} sammeln",
    "{boost} to smash through": "{boost} zum Durchbrechen",
    "collect {coins}": "{coins} holen",
    "Left/Right or hold left/right of the {name} to steer": "{name}: Pfeile oder daneben halten zum Lenken",
    "Left/Right, tap or swipe beside the {name} to change lanes": "{name}: Pfeile, daneben tippen/wischen zum Spurwechsel",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Finish!": "Ziel!",
    "Out of {fuel}!": "{fuel} leer!",
    "Crash!": "Unfall!",
    "{m} m   Score {score}": "{m} m   Punkte {score}",
    "New best!": "Neuer Rekord!",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "car": "carro",
    "cars": "carros",
    "fuel": "gasolina",
    "coins": "moedas",
    "Crashed into the {traffic} after {m} m, {score} points.": "Bateu em {traffic} depois de {m} m: {score} pontos.",
    "Out of {fuel} after {m} m, {score} points.": "Sem {fuel} depois de {m} m: {score} pontos.",
    "Finished the race in {secs} s: {m} m, {score} points.": "Corrida concluída em {secs} s: {m} m, {score} pontos.",
    "Smash! +50": "Bum! +50",
    "Last life!": "Última vida!",
    "{n} lives left": "Restam {n} vidas",
    "Best {n}": "Recorde {n}",
    "Overtake the {traffic} and go as far as you can!": "Ultrapasse {traffic} e vá o mais longe possível!",
    "grab {fuel}": "pegue {fuel}",
    "{boost} to smash through": "{boost} para arrasar",
    "collect {coins}": "colete {coins}",
    "Left/Right or hold left/right of the {name} to steer": "{name}: setas ou segure ao lado para virar",
    "Left/Right, tap or swipe beside the {name} to change lanes": "{name}: setas, ou toque/deslize ao lado para mudar de faixa",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Finish!": "Chegada!",
    "Out of {fuel}!": "Sem {fuel}!",
    "Crash!": "Batida!",
    "{m} m   Score {score}": "{m} m   Pontos {score}",
    "New best!": "Novo recorde!",
    "Press Space or tap to play again": "Espaço ou toque para jogar de novo",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    W = ctx.width; H = ctx.height;
    // the default names (no name given) in the player's language; the styles were chosen from them above
    if (P.name === "car") P.name = ctx.t("car");
    if (P.trafficName === "cars") P.trafficName = ctx.t("cars");
    if (P.fuelName === "fuel") P.fuelName = ctx.t("fuel");
    if (P.coinName === "coins") P.coinName = ctx.t("coins");
    P.hudTitle = fit(ctx, P.title, 14, 190);
    P.bigSize = ctx.measureText(P.title, 26) > 430 ? 18 : 26;
    P.bigTitle = fit(ctx, P.title, P.bigSize, 430);
    laneW = Math.min(86, 420 / P.lanes);
    roadW = laneW * P.lanes;
    roadX = (W - roadW) / 2;
    car = { lane: Math.floor(P.lanes / 2), x: 0, y: 0, w: 24, h: 40, vx: 0 };
    defineSprites(ctx);
    car.x = laneX(car.lane);
    carY = H - 34 - car.h;
    car.y = carY;
    traffic = []; pickups = []; particles = []; popups = []; decor = [];
    for (let i = 0; i < 12; i++) {
      const side = i % 2, v = ctx.random();
      decor.push({ x: side ? roadX + roadW + 24 + ctx.random() * Math.max(10, roadX - 50) : 24 + ctx.random() * Math.max(10, roadX - 50), y: ctx.random() * H, s: 10 + ctx.random() * 12, v });
    }
    speed = P.startSpeed * 0.4; elapsed = 0; dist = 0; bonus = 0; lives = P.lives; inv = 0; boostT = 0; fuel = 1;
    scroll = 0; spawnAcc = 0; pickAcc = 0; coinAcc = 0; finishY = null;
    state = "ready"; stateTimer = 0; overAt = 0; readyT = 0; shake = 0; swipe = null;
    best = ctx.store.get("lane-racer.best", 0); newBest = false;
    ctx.score.set(0);
  },

  update(ctx, dt) {
    const inp = ctx.input, p = inp.pointer;
    for (const q of particles) { q.x += q.vx * dt; q.y += q.vy * dt; q.life -= dt; }
    particles = particles.filter((q) => q.life > 0);
    for (const q of popups) { q.t -= dt; q.y -= 30 * dt; }
    popups = popups.filter((q) => q.t > 0);
    shake = Math.max(0, shake - dt);

    if (state === "ready") {
      readyT += dt;
      scroll += 60 * dt;
      for (const d of decor) { d.y += 60 * dt; if (d.y > H + 30) d.y -= H + 60; }
      if (inp.pressed("action") || inp.pressed("up") || inp.pressed("left") || inp.pressed("right") || p.pressed) { state = "play"; ctx.sound.effect("click"); }
      return;
    }
    if (state !== "play") return;
    elapsed += dt;
    inv = Math.max(0, inv - dt);
    boostT = Math.max(0, boostT - dt);

    // steering: lane switches (keys, taps, swipes) or free steering
    let dir = 0;
    if (P.free) {
      dir = (inp.down("right") ? 1 : 0) - (inp.down("left") ? 1 : 0);
      if (dir === 0 && p.down && Math.abs(p.x - car.x) > 8) dir = p.x > car.x ? 1 : -1;
      car.vx += (dir * 420 - car.vx) * Math.min(1, dt * 10);
      car.x = Math.max(roadX + car.w / 2 + 2, Math.min(roadX + roadW - car.w / 2 - 2, car.x + car.vx * dt));
      car.lane = Math.max(0, Math.min(P.lanes - 1, Math.floor((car.x - roadX) / laneW)));
    } else {
      if (inp.pressed("left")) dir = -1;
      if (inp.pressed("right")) dir = 1;
      if (p.pressed) swipe = { x: p.x, y: p.y, used: false };
      if (swipe && p.down && !swipe.used && Math.abs(p.x - swipe.x) > 30) { dir = p.x > swipe.x ? 1 : -1; swipe.used = true; }
      if (swipe && p.released && !swipe.used) { if (Math.abs(p.x - car.x) > 10) dir = p.x > car.x ? 1 : -1; swipe = null; }
      if (!p.down && !p.released) swipe = null;
      if (dir !== 0) {
        const nl = Math.max(0, Math.min(P.lanes - 1, car.lane + dir));
        if (nl !== car.lane) { car.lane = nl; ctx.sound.tone(dir > 0 ? 520 : 460, 40, { type: "triangle", volume: 0.08 }); }
      }
      const tx = laneX(car.lane), step = 900 * dt;
      car.vx = Math.max(-900, Math.min(900, (tx - car.x) / Math.max(dt, 0.001)));
      car.x += Math.max(-step, Math.min(step, tx - car.x));
    }

    // speed: the road gets faster over time; Up pushes, Down brakes, boost flies, no fuel = coasting
    let target = baseSpeed() * (inp.down("up") ? 1.15 : 1) * (inp.down("down") ? 0.55 : 1) * (boostT > 0 ? 1.5 : 1);
    if (P.fuelOn && fuel <= 0) target = 0;
    speed += Math.max(-500 * dt, Math.min((boostT > 0 ? 900 : 260) * dt, target - speed));
    if (P.fuelOn) fuel = Math.max(0, fuel - dt / P.fuelSecs);
    if (P.fuelOn && fuel <= 0 && speed < 25) { finish(ctx, false, "Out of {fuel} after {m} m, {score} points.", { fuel: P.fuelName }); return; }
    dist += speed * dt;
    scroll += speed * dt;
    const rel = Math.max(30, speed - baseSpeed() * TRAFFIC_PACE);
    for (const d of decor) { d.y += speed * dt; if (d.y > H + 30) { d.y -= H + 60; d.v = ctx.random(); } }

    // spawning
    spawnAcc += rel * dt;
    const gap = 16 * K * (3.6 - 2.2 * P.density);
    if (spawnAcc > gap) { spawnAcc = 0; spawnTraffic(ctx); }
    pickAcc += dt;
    if (pickAcc > 2.2) {
      pickAcc = 0;
      const r = ctx.random();
      if (P.fuelOn && (fuel < 0.45 ? r < 0.7 : r < 0.25)) spawnPickup(ctx, "fuel");
      else if (P.boostOn && r < 0.45) spawnPickup(ctx, "boost");
    }
    if (P.coinsOn) { coinAcc += dt; if (coinAcc > 3.2) { coinAcc = 0; spawnPickup(ctx, "coin"); } }
    if (P.finish > 0 && finishY === null && dist / 8 >= P.finish - (carY + 40) / 8) finishY = -30;
    if (finishY !== null) { finishY += speed * dt; if (finishY > carY + car.h * 0.5) { finish(ctx, true, "Finished the race in {secs} s: {m} m, {score} points.", { secs: Math.round(elapsed) }); return; } }

    // movement and collisions
    for (const t of traffic) {
      t.y += rel * dt;
      if (t.kind === "rock") t.rot += t.spin * dt;
      if (!t.dead && overlap(car, t, 5)) { crash(ctx, t); if (state !== "play") return; }
    }
    traffic = traffic.filter((t) => !t.dead && t.y < H + 60);
    for (const q of pickups) {
      q.y += speed * dt;
      if (!q.taken && Math.abs(q.x - car.x) < car.w / 2 + q.r && q.y > car.y - q.r && q.y < car.y + car.h + q.r) {
        q.taken = true;
        if (q.kind === "coin") { bonus += P.coinPoints; ctx.sound.effect("coin"); popup("+" + P.coinPoints, q.x, q.y - 10, P.accent); }
        else if (q.kind === "fuel") { fuel = Math.min(1, fuel + 0.35); ctx.sound.tone(660, 120, { type: "sine", volume: 0.15 }); popup("+" + P.fuelName, q.x, q.y - 12, "#4ade80"); }
        else { boostT = P.boostSecs; ctx.sound.effect("jump"); popup(P.boostName + "!", q.x, q.y - 12, P.accent); }
        burst(q.x, q.y, q.kind === "fuel" ? "#22c55e" : P.accent, 8, 110);
      }
    }
    pickups = pickups.filter((q) => !q.taken && q.y < H + 40);
    if ((boostT > 0 || speed > baseSpeed() * 1.05) && particles.length < MAX_PARTICLES && ctx.frame % 2 === 0) {
      particles.push({ x: car.x + (ctx.random() - 0.5) * car.w * 0.5, y: car.y + car.h, vx: 0, vy: 160, life: 0.3, max: 0.3, color: boostT > 0 ? P.accent : "#9ca3af", r: 3 });
    }
    ctx.score.set(meters() + bonus);
  },

  draw(ctx) {
    const t = ctx.time;
    if ((state === "over" || state === "won") && t - overAt > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    drawRoad(ctx, t);
    for (const q of pickups) drawPickup(ctx, q, t);
    for (const tr of traffic) drawTraffic(ctx, tr);
    const sx = shake > 0 ? Math.sin(t * 80) * 6 * shake : 0;
    if (boostT > 0) for (let i = 0; i < 3; i++) ctx.poly([[car.x - 6 + i * 6 - 3 + sx, car.y + car.h], [car.x - 6 + i * 6 + 3 + sx, car.y + car.h], [car.x - 6 + i * 6 + sx, car.y + car.h + 10 + Math.abs(Math.sin(t * 30 + i)) * 14]], i === 1 ? "#fef08a" : P.accent);
    if (!(inv > 0 && Math.floor(inv * 12) % 2 === 0) && state !== "over") {
      ctx.roundRect(car.x - car.w / 2 + 3 + sx, car.y + 4, car.w, car.h, 5, rgba("#000000", 0.3));
      ctx.sprite.draw("lr-player", car.x - car.w / 2 + sx, car.y, K);
    }
    for (const q of particles) ctx.circle(q.x, q.y, q.r, rgba(q.color, (q.life / q.max) * 1.2));
    for (const q of popups) ctx.text(q.text, q.x, q.y, { size: 14, color: rgba(q.color, q.t * 2), align: "center", bold: true });

    // HUD: title, distance, score, speed, fuel, lives
    ctx.rect(0, 0, W, HUD_H, rgba(P.bg, 0.85));
    ctx.text(P.hudTitle, 10, 14, { size: 14, color: P.text, bold: true });
    ctx.text(meters() + " m" + (P.finish > 0 ? " / " + P.finish : ""), W / 2 - 70, 14, { size: 14, color: P.text, align: "center", bold: true });
    ctx.text(String(ctx.score.get()), W / 2 + 40, 14, { size: 16, color: P.accent, align: "center", bold: true });
    for (let i = 0; i < P.lives; i++) { const x = W - 16 - i * 17, c = i < lives ? "#f43f5e" : rgba(P.text, 0.2); ctx.circle(x - 3, 12, 3.4, c); ctx.circle(x + 3, 12, 3.4, c); ctx.poly([[x - 6.2, 13], [x + 6.2, 13], [x, 19.5]], c); }
    ctx.text(ctx.t("Best {n}", { n: best }), W - 24 - P.lives * 17, 14, { size: 12, color: rgba(P.text, 0.6), align: "right" });
    const kmh = Math.round(speed * 0.45);
    ctx.roundRect(8, H - 40, 92, 32, 8, rgba(P.bg, 0.75));
    ctx.text(kmh + " km/h", 54, H - 24, { size: 14, color: boostT > 0 ? P.accent : P.text, align: "center", bold: true });
    if (P.fuelOn) {
      ctx.roundRect(W - 30, 44, 18, 120, 6, rgba(P.bg, 0.75));
      ctx.rect(W - 26, 48 + 112 * (1 - fuel), 10, 112 * fuel, fuel < 0.25 && Math.floor(t * 4) % 2 ? "#ef4444" : "#22c55e");
      ctx.text("F", W - 21, 176, { size: 12, color: P.text, align: "center", bold: true });
    }
    if (P.finish > 0) {
      ctx.rect(12, 48, 6, 120, rgba(P.text, 0.2));
      const k = Math.min(1, dist / 8 / P.finish);
      ctx.rect(12, 48 + 120 * (1 - k), 6, 120 * k, P.accent);
      ctx.circle(15, 48 + 120 * (1 - k), 5, P.primary);
    }

    if (state === "ready") {
      const a = 0.7 + 0.3 * Math.sin(readyT * 4);
      ctx.roundRect(W / 2 - 230, 56, 460, 150, 12, rgba(P.bg, 0.88));
      ctx.text(P.bigTitle, W / 2, 84, { size: P.bigSize, color: P.text, align: "center", bold: true });
      ctx.text(ctx.t("Overtake the {traffic} and go as far as you can!", { traffic: P.trafficName }), W / 2, 116, { size: 14, color: P.text, align: "center" });
      const extras = [P.fuelOn ? ctx.t("grab {fuel}", { fuel: P.fuelName }) : "", P.boostOn ? ctx.t("{boost} to smash through", { boost: P.boostName }) : "", P.coinsOn ? ctx.t("collect {coins}", { coins: P.coinName }) : ""].filter((x) => x).join(", ");
      if (extras) ctx.text(cap(extras), W / 2, 138, { size: 13, color: rgba(P.text, 0.8), align: "center" });
      ctx.text(cap(P.free ? ctx.t("Left/Right or hold left/right of the {name} to steer", { name: P.name }) : ctx.t("Left/Right, tap or swipe beside the {name} to change lanes", { name: P.name })), W / 2, 160, { size: 13, color: rgba(P.text, 0.8), align: "center" });
      ctx.text(ctx.t("Press Space or tap to start"), W / 2, 186, { size: 16, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.5));
      ctx.roundRect(W / 2 - 180, 96, 360, 150, 14, rgba(P.bg, 0.92));
      ctx.text(state === "won" ? ctx.t("Finish!") : fuel <= 0 && P.fuelOn ? cap(ctx.t("Out of {fuel}!", { fuel: P.fuelName })) : ctx.t("Crash!"), W / 2, 124, { size: 30, color: state === "won" ? P.accent : P.text, align: "center", bold: true });
      ctx.text(ctx.t("{m} m   Score {score}", { m: meters(), score: ctx.score.get() }), W / 2, 162, { size: 17, color: P.text, align: "center", bold: true });
      ctx.text(newBest ? ctx.t("New best!") : ctx.t("Best {n}", { n: best }), W / 2, 188, { size: 14, color: newBest ? P.accent : rgba(P.text, 0.7), align: "center", bold: newBest });
      if (t - overAt > 0.8) ctx.text(ctx.t("Press Space or tap to play again"), W / 2, 222, { size: 14, color: P.accent, align: "center", bold: true });
    }
  },

  strings: STRINGS,
});
