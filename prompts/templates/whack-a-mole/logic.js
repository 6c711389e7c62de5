// Whack-a-Mole: creatures pop out of a grid of holes for a moment; whack them before they duck back
// down, but leave the decoys alone. Combos multiply points, the pace ramps up until time runs out.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const ROWS = 14; // every sprite is 14 x 14 characters

// Built-in pixel sprites. Letters are palette keys, "." is transparent.
const SPRITES = {
  mole: {
    pal: { B: "#7a5230", D: "#553719", K: "#111111", W: "#ffffff", P: "#ff8fa3", L: "#c9a27e" },
    rows: ["....DBBBBD....", "..DBBBBBBBBD..", ".DBBBBBBBBBBD.", ".BBWKBBBBWKBB.", ".BBKKBBBBKKBB.", "DBBBBBPPBBBBBD", "BBBBBPPPPBBBBB",
      "BBBLBBPPBBLBBB", "BBLLLLWWLLLLBB", "BBLLLLWWLLLLBB", "PPBLLLLLLLLBPP", "PPBLLLLLLLLBPP", "BBBBLLLLLLBBBB", "BBBBBBBBBBBBBB"],
  },
  gopher: {
    pal: { B: "#b07840", D: "#7a4f26", N: "#3b2314", L: "#e8c9a0", W: "#ffffff", K: "#111111" },
    rows: [".DD........DD.", "DBLD......DLBD", "DBBBBBBBBBBBBD", ".BBBBBBBBBBBB.", ".BWKBBBBBBWKB.", ".BKKBBBBBBKKB.", "BBBBBLNNLBBBBB",
      "BBBBLLNNLLBBBB", "BBBLLLLLLLLBBB", "BBBBLWWWWLBBBB", "BBBBLWWDWWLBBB", "BBLLBLLLLBLLBB", "BBLLLLLLLLLLBB", "BBBBLLLLLLBBBB"],
  },
  zombie: {
    pal: { H: "#3a2e2a", G: "#7fb069", D: "#4f7942", K: "#111111", W: "#e8e8e8", R: "#d7263d", M: "#2b2b2b", S: "#5b6f8a" },
    rows: ["..HHHHHHHHHH..", ".HHHHHHHHHHHH.", ".HGGHGGGGHGGH.", ".GGGGGGGGGDGG.", ".GWKGGGGGWRGG.", ".GKKGGGGGRRGG.", ".GGGGGDGGGGGG.",
      ".GDGGGGGGGGGG.", ".GGMMMMMMMGGG.", ".GGMWMWMWMGGG.", "..GGGGGGGGGD..", "SSSSSGGGGSSSSS", "GSSSSSSSSSSSSG", "GSSS.SSSSS.SSG"],
  },
  alien: {
    pal: { A: "#9be564", D: "#5fa83a", K: "#101010", W: "#ffffff", Y: "#ffd23f", S: "#8d99ae" },
    rows: ["..Y........Y..", "...D......D...", "....D....D....", "...AAAAAAAA...", "..AAAAAAAAAA..", ".AAAAAAAAAAAA.", "AKKKKAAAAKKKKA",
      "AKWKKKAAKKKWKA", "AKKKKKAAKKKKKA", ".AKKKAAAAKKKA.", ".AAAAAAAAAAAA.", "..AAAADDAAAA..", "...AAAAAAAA...", "..SSSSSSSSSS.."],
  },
  ghost: {
    pal: { W: "#f4f4ff", S: "#c8cbe8", K: "#1b1b2f", P: "#ff9ecd" },
    rows: ["....WWWWWW....", "..WWWWWWWWWW..", ".WWWWWWWWWWWS.", ".WWKKWWWWKKWS.", "WWWKKWWWWKKWWS", "WWPWWWWWWWWPWS", "WWWWWKKKKWWWWS",
      "WWWWWKKKKWWWWS", "WWWWWWKKWWWWWS", "WWWWWWWWWWWWWS", "WWWWWWWWWWWWWS", "WWWWWWWWWWWWSS", "WWWSWWWSWWWSWS", "WW.WWW.WWW.WWS"],
  },
  robot: {
    pal: { M: "#b8c0cc", D: "#7d8795", C: "#22d3ee", K: "#222222", R: "#ff5252", Y: "#ffd23f" },
    rows: ["......RR......", "......DD......", "..MMMMMMMMMM..", ".MDMMMMMMMMDM.", ".MKKKKKKKKKKM.", ".MKCCKKKKCCKM.", ".MKCCKKKKCCKM.",
      ".MKKKKKKKKKKM.", ".MMMMMMMMMMMM.", ".MMKMKMKMKMMM.", ".MMMMMMMMMMMM.", "..DDDDDDDDDD..", "DMMMMMMMMMMMMD", "DMMMRMMMMYMMMD"],
  },
  crab: {
    pal: { R: "#e63946", D: "#a4161a", W: "#ffffff", K: "#111111", L: "#f4a261" },
    rows: ["RR..........RR", "RDR........RDR", "RRR..W..W..RRR", ".RR.WK..KW.RR.", "..R..D..D..R..", "..RRRRRRRRRR..", ".RRRRRRRRRRRR.",
      "RRRLRRRRRRLRRR", "RRRRRKRRKRRRRR", "RRRRRRKKRRRRRR", "RRRRRRRRRRRRRR", ".RDRRRRRRRRDR.", "..DDRRRRRRDD..", "...DDDDDDDD..."],
  },
  bunny: {
    pal: { W: "#fafafa", P: "#ffb3c6", K: "#111111", S: "#d6d6e0" },
    rows: ["..WW......WW..", ".WPW......WPW.", ".WPW......WPW.", ".WPW......WPW.", ".WWW......WWW.", "..WWWWWWWWWW..", ".WWWWWWWWWWWW.",
      ".WWKWWWWWWKWW.", ".WWKWWWWWWKWW.", ".PWWWWPPWWWWP.", ".WWWWWKKWWWWW.", "..WWWWWWWWWW..", ".SWWWWWWWWWWS.", ".SSWWWWWWWWSS."],
  },
  bomb: {
    pal: { K: "#262626", G: "#6b6b6b", F: "#c8a165", Y: "#ffd23f", O: "#ff7b00" },
    rows: ["..........Y.Y.", "...........O..", "..........FY.Y", ".........F....", ".....KKKKF....", "...KKKKKKKKK..", "..KKGGKKKKKKK.",
      ".KKGGKKKKKKKKK", ".KKGKKKKKKKKKK", ".KKKKKKKKKKKKK", ".KKKKKKKKKKKKK", "..KKKKKKKKKKK.", "...KKKKKKKKK..", ".....KKKKK...."],
  },
  human: {
    pal: { H: "#5a3825", S: "#f1c27d", K: "#111111", R: "#c1121f", B: "#3a86ff", W: "#ffffff" },
    rows: ["....HHHHHH....", "...HHHHHHHH...", "..HHSSSSSSHH..", "..HSSSSSSSSH..", "..SSKSSSSKSS..", "..SSKSSSSKSS..", "..SSSSSSSSSS..",
      "..SSRSSSSRSS..", "...SSRRRRSS...", "....SSSSSS....", "..BBBBWWBBBB..", ".BBBBBWWBBBBB.", "SBBBBBBBBBBBBS", "SBBBBBBBBBBBBS"],
  },
};

// The sprite library's 16 colours (PICO-8): row characters "0"-"f" of creatureArt, drawn as they are.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

// "auto" looks: the first pattern that matches the name (then the theme, then the title) wins.
const CREATURE_WORDS = [
  ["mole", /\bmoles?\b/],
  ["zombie", /zombie|undead|ghoul|walker|corpse|mummy|mummies|halloween|horror|vampire/],
  ["ghost", /ghost|spirit|phantom|spook|haunt|specter|spectre|poltergeist/],
  ["alien", /alien|martian|ufo|invader|space|galax|cosmic|planet|extraterr|\bstar/],
  ["robot", /robot|droid|\bbots?\b|cyborg|machine|tech|circuit|computer|\bmechs?\b|\bai\b/],
  ["crab", /crab|lobster|ocean|\bsea\b|beach|shore|underwater|reef|coral/],
  ["gopher", /gopher|groundhog|prairie|marmot|hamster|squirrel|beaver|\brats?\b|mouse|mice|meerkat|chipmunk|ferret/],
];
const SETTING = /^(the )?(moon|space|planets?|stars?|garden|yard|lawn|park|farm|field|ocean|sea|beach|forest|jungle|city|town|desert|graveyard|cemetery|halloween|crater|craters|holes?|ground|world|game|arcade)s?$/;
// The decoy that fits each creature when decoy is "auto" (survivors among zombies, a bunny in the garden...).
const DECOY_FOR = { mole: "bunny", gopher: "bunny", zombie: "human", alien: "human", ghost: "bunny", robot: "bomb", crab: "bomb" };
const DECOY_NAMES = { bunny: "bunnies", bomb: "bombs", human: "humans" };

let P, C;
let cols, rows, holes, scale, spr, keyLayout;
let state, stateT, elapsed, timeLeft, spawnT, spawned, lastHole, level, tufts, bands;
let whacked, escaped, empties, decoysHit, combo, bestCombo, best, newBest;
let cursor, keyMode, hammer, particles, floaters, flashT, banner, overAt, ptrSeen, lastTick;

// ---------- small helpers ----------
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function num(v, lo, hi, fb) {
  return Number.isFinite(v) ? clamp(v, lo, hi) : fb;
}
function parseHex(h, fb) {
  const s = typeof h === "string" && /^#[0-9a-fA-F]{6}$/.test(h) ? h : fb;
  const n = parseInt(s.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
function rgb(c, a) {
  const r = Math.round(c[0]), g = Math.round(c[1]), b = Math.round(c[2]);
  return a === undefined ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${a})`;
}
function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
function lum(c) {
  return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
}
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
function inkOn(c) {
  return lum(c) > 0.6 ? [24, 24, 32] : [255, 255, 255];
}
// measureText measures regular weight: bold text runs about 10% wider.
function fitSize(ctx, str, want, maxW, bold) {
  const w = ctx.measureText(str, want) * (bold ? 1.1 : 1);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}
function cleanName(v, fb) {
  const s = typeof v === "string" ? v.replace(/\s+/g, " ").trim().replace(/^(a|an|the)\s+/i, "") : "";
  return s ? s.slice(0, 24) : fb;
}
// Sprite-library art from untrusted clients: 8-16 rows of one width 8-16 over "." and "0"-"f", else [].
function art(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}
function plural(s) {
  if (/s$/i.test(s)) return s;
  if (/[^aeiou]y$/i.test(s)) return s.slice(0, -1) + "ies";
  if (/(sh|ch|x|z)$/i.test(s)) return s + "es";
  return s + "s";
}
function lookFor(table, texts, fb) {
  for (const t of texts) {
    const low = String(t || "").toLowerCase();
    for (const [look, re] of table) if (re.test(low)) return look;
  }
  return fb;
}
// An ellipse as a polygon (the API has circles only); holes never move, so these are built once.
function ellipse(cx, cy, rx, ry, from, to, n) {
  const pts = [];
  for (let i = 0; i <= n; i++) {
    const a = from + ((to - from) * i) / n;
    pts.push([cx + Math.cos(a) * rx, cy + Math.sin(a) * ry]);
  }
  return pts;
}

// ---------- setup ----------
function setup(ctx) {
  // A copy: ctx.params is frozen, and the resolved names and numbers are kept next to the raw values.
  P = Object.assign({}, ctx.params || {});
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#3f7d3a");
  const primary = parseHex(pal.primary, "#8a5a34");
  let accent = parseHex(pal.accent, "#ffd23f");
  let text = parseHex(pal.text, "#fffbea");
  // Keep the game readable whatever the palette: text and mounds must stand out from the ground.
  if (Math.abs(lum(text) - lum(bg)) < 0.35) text = inkOn(bg);
  if (Math.abs(lum(accent) - lum(bg)) < 0.2) accent = lum(bg) < 0.5 ? [255, 210, 63] : [200, 110, 0];
  const mound = Math.abs(lum(primary) - lum(bg)) >= 0.1 ? primary : mix(bg, lum(bg) < 0.5 ? WHITE : BLACK, 0.3);
  C = {
    bg, primary, accent, text,
    stripe: mix(bg, lum(bg) < 0.5 ? WHITE : BLACK, 0.05),
    mound,
    hole: mix(mound, BLACK, 0.78),
    muted: mix(text, bg, 0.45),
    panel: mix(bg, BLACK, 0.45),
    bad: [239, 71, 111],
  };
  C.moundDark = mix(C.mound, BLACK, 0.3);
  C.moundLight = mix(C.mound, WHITE, 0.2);

  // Names and looks: an explicit look wins; "auto" reads the names, then the theme and title.
  const theme = String(P.theme || "garden");
  const rawCreature = cleanName(P.creature, "mole");
  let look = SPRITES[P.creatureLook] && P.creatureLook !== "auto" ? P.creatureLook : "";
  // The default name "mole" says nothing, nor does a place ("moon", "garden") written where a
  // creature belongs: then the theme ("halloween" -> zombie) decides, and names the creature too.
  const vague = rawCreature.toLowerCase() === "mole" || SETTING.test(rawCreature.toLowerCase());
  const named = vague ? "" : rawCreature;
  if (!look) look = lookFor(CREATURE_WORDS, [named, theme, P.title], "mole");
  const creature = vague ? look : rawCreature;
  // The decoy is an enum, not free text: a written name tends to echo the creature ("zombies").
  const dlook = DECOY_NAMES[P.decoy] ? P.decoy : DECOY_FOR[look];
  P.look = look;
  P.dlook = dlook;
  // names made here from the looks (not written by the game's author) are shown in the game's language
  const lookNames = { mole: ctx.t("moles"), gopher: ctx.t("gophers"), zombie: ctx.t("zombies"), alien: ctx.t("aliens"), ghost: ctx.t("ghosts"), robot: ctx.t("robots"), crab: ctx.t("crabs") };
  P.names = vague && lookNames[look] ? lookNames[look] : plural(creature);
  P.decoys = dlook === "human" && look === "zombie" ? ctx.t("survivors") : { bunny: ctx.t("bunnies"), bomb: ctx.t("bombs"), human: ctx.t("humans") }[dlook];
  P.decoyChance = P.decoy === "none" ? 0 : num(P.decoyChance, 0, 0.5, 0.15);
  P.timeLimit = num(P.timeLimit, 15, 180, 45);
  P.upTime = num(P.upTime, 0.5, 3, 1.2);
  P.speedup = num(P.speedup, 0, 2, 0.8);
  P.goal = Math.round(num(P.goal, 0, 200, 25));
  P.creatureArt = art(P.creatureArt);

  // Sprites cropped to their top k rows: a creature rising out of a hole is drawn as its top part,
  // so nothing below the rim needs hiding (there is no clipping in the API).
  for (const name of [look, dlook]) {
    const s = SPRITES[name];
    for (let k = 1; k <= ROWS; k++) ctx.sprite.define(`${name}${k}`, s.rows.slice(0, k), s.pal);
  }
  // creatureArt (the picture of the creature) is cropped the same way; the decoy keeps its look.
  const pic = P.creatureArt;
  for (let k = 1; k <= pic.length; k++) ctx.sprite.define(`creature-art${k}`, pic.slice(0, k), PICO);

  // Grid layout: cells under the HUD, a hole near the bottom of each with room above for the creature.
  cols = Math.round(num(P.cols, 2, 5, 3));
  rows = Math.round(num(P.rows, 2, 4, 3));
  const gridTop = HUD_H + 10, bottom = H - 6;
  const cw = (W - 24) / cols, ch = (bottom - gridTop) / rows;
  scale = clamp(Math.floor(Math.min(cw * 0.5, ch * 0.6) / ROWS), 2, 5);
  spr = ROWS * scale;
  const rx = spr * 0.62, ry = Math.max(5, rx * 0.3);
  holes = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = 12 + c * cw, y = gridTop + r * ch;
      const hx = x + cw / 2;
      const hy = y + (ch - (spr + ry * 1.9)) / 2 + spr;
      holes.push({
        r, c, x, y, w: cw, h: ch, hx, hy, rx, ry,
        mound: ellipse(hx, hy + ry * 0.35, rx * 1.32, ry * 1.75, 0, Math.PI * 2, 22),
        pit: ellipse(hx, hy, rx, ry, 0, Math.PI * 2, 20),
        // front lip: the crescent between the pit's near edge and the mound's near edge
        lip: ellipse(hx, hy, rx, ry, 0, Math.PI, 10).concat(ellipse(hx, hy + ry * 0.35, rx * 1.32, ry * 1.75, Math.PI, 0, 12)),
        kind: null, phase: "idle", rise: 0, t: 0, upFor: 0, age: 0, shake: 0, key: "",
      });
    }
  }
  // Lawn: a lighter band behind every other row of holes, and a few grass tufts.
  bands = [];
  for (let r = 1; r < rows; r += 2) bands.push([gridTop + r * ch - 4, ch]);
  tufts = [];
  for (let i = 0; i < 14; i++) tufts.push([ctx.random() * W, HUD_H + 8 + ctx.random() * (H - HUD_H - 12), 3 + ctx.random() * 3]);
  // Digit keys: numpad layout (7 8 9 on top) for grids up to 3 x 3, reading order up to 9 holes.
  keyLayout = {};
  if (rows <= 3 && cols <= 3) {
    for (let d = 1; d <= 9; d++) {
      const gr = 2 - Math.floor((d - 1) / 3) - (3 - rows), gc = (d - 1) % 3;
      if (gr >= 0 && gc < cols) keyLayout[String(d)] = gr * cols + gc;
    }
  } else if (holes.length <= 9) {
    for (let i = 0; i < holes.length; i++) keyLayout[String(i + 1)] = i;
  }
  for (const k of Object.keys(keyLayout)) holes[keyLayout[k]].key = k;

  state = "intro";
  stateT = 0;
  elapsed = 0;
  timeLeft = P.timeLimit;
  spawnT = 0.4;
  spawned = 0;
  lastHole = -1;
  level = 0;
  whacked = escaped = empties = decoysHit = combo = bestCombo = 0;
  best = ctx.store.get("whack-a-mole:best", 0);
  newBest = false;
  cursor = Math.floor(holes.length / 2);
  keyMode = false;
  hammer = null;
  particles = [];
  floaters = [];
  flashT = 0;
  banner = null;
  overAt = 0;
  ptrSeen = false;
  lastTick = -1;
  ctx.score.set(0);
}

// ---------- game logic ----------
function pace() {
  const p = clamp(elapsed / P.timeLimit, 0, 1);
  return { p, speed: 1 + P.speedup * p, cap: Math.min(holes.length - 1, Math.max(1, Math.round(num(P.maxUp, 1, 4, 3))), 1 + Math.floor(p * 3.2)) };
}

function spawn(ctx) {
  const { speed, cap } = pace();
  let busy = 0;
  for (const h of holes) if (h.phase !== "idle") busy++;
  if (busy >= Math.max(1, cap)) return;
  const free = [];
  for (let i = 0; i < holes.length; i++) if (holes[i].phase === "idle" && i !== lastHole) free.push(i);
  if (!free.length) return;
  const i = ctx.pick(free);
  const h = holes[i];
  // The first few pop-ups are always creatures to whack, so a new player learns the goal first.
  const roll = spawned < 3 ? 1 : ctx.random();
  spawned++;
  h.kind = roll < P.decoyChance ? "decoy" : roll < P.decoyChance + 0.06 ? "bonus" : "target";
  h.phase = "rising";
  h.rise = 0;
  h.age = 0;
  h.upFor = (P.upTime / speed) * (h.kind === "decoy" ? 1.25 : h.kind === "bonus" ? 0.8 : 1) * (0.85 + ctx.random() * 0.3);
  lastHole = i;
  ctx.sound.tone(h.kind === "bonus" ? 880 : 330 + ctx.randInt(0, 4) * 40, 40, { type: "sine", volume: 0.06 });
}

function burst(ctx, x, y, color, n) {
  for (let i = 0; i < n && particles.length < 90; i++) {
    const a = ctx.random() * Math.PI * 2, sp = 70 + ctx.random() * 170;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 80, life: 0.4 + ctx.random() * 0.4, r: 2 + ctx.random() * 3, color });
  }
}
function floatText(text, x, y, color) {
  if (floaters.length > 10) floaters.shift();
  floaters.push({ text, x, y: Math.max(HUD_H + 16, y), t: 0.9, color });
}

function whack(ctx, i) {
  const h = holes[i];
  hammer = { i, t: 0.18 };
  cursor = i;
  if (h.phase === "hit") return; // a second tap on a creature already whacked: no penalty
  const live = (h.phase === "rising" || h.phase === "up" || h.phase === "sinking") && h.rise > 0.2;
  const topY = h.hy - spr * h.rise;
  if (!live) {
    empties++;
    if (combo >= 3) floatText(ctx.t("combo lost"), h.hx, h.hy - 20, C.muted);
    combo = 0;
    burst(ctx, h.hx, h.hy, C.moundDark, 4);
    ctx.sound.tone(110, 60, { type: "triangle", volume: 0.15 });
    return;
  }
  h.phase = "hit";
  h.t = 0;
  if (h.kind === "decoy") {
    decoysHit++;
    combo = 0;
    const loss = Math.min(25, ctx.score.get());
    ctx.score.add(-loss);
    timeLeft = Math.max(0.5, timeLeft - 3);
    flashT = 0.35;
    h.shake = 0.35;
    floatText(ctx.t("Not the {decoys}!  -3s", { decoys: P.decoys }), h.hx, topY, C.bad);
    burst(ctx, h.hx, h.hy - spr / 2, C.bad, 10);
    ctx.sound.effect("hit");
    ctx.sound.tone(140, 220, { type: "sawtooth", volume: 0.12 });
    ctx.event("decoy", { hits: decoysHit });
    return;
  }
  whacked++;
  combo++;
  bestCombo = Math.max(bestCombo, combo);
  const mult = Math.min(5, 1 + Math.floor(combo / 5));
  const quick = h.age < h.upFor * 0.45;
  let pts = (h.kind === "bonus" ? 50 : 10) * mult + (quick ? 5 * mult : 0);
  ctx.score.add(pts);
  if (h.kind === "bonus") {
    timeLeft += 2;
    floatText(`+${pts}  +2s`, h.hx, topY, C.accent);
    ctx.sound.effect("coin");
  } else {
    floatText(quick ? ctx.t("+{n} quick!", { n: pts }) : `+${pts}`, h.hx, topY, quick ? C.accent : C.text);
  }
  // A rising pitch with the combo makes a streak audible.
  ctx.sound.tone(420 * Math.pow(2, Math.min(combo, 24) / 12), 70, { type: "square", volume: 0.12 });
  burst(ctx, h.hx, h.hy - spr / 2, h.kind === "bonus" ? C.accent : C.moundLight, 12);
  if (combo > 0 && combo % 10 === 0) {
    banner = { text: ctx.t("{n} combo!  x{mult}", { n: combo, mult }), t: 1.2 };
    ctx.event("combo", { combo });
  }
  if (P.goal > 0 && whacked === P.goal) {
    banner = { text: ctx.t("Goal reached!"), t: 1.4 };
    ctx.sound.effect("win");
  }
}

function finish(ctx) {
  state = "over";
  overAt = ctx.time;
  const score = ctx.score.get();
  newBest = score > best;
  if (newBest) {
    best = score;
    ctx.store.set("whack-a-mole:best", best);
  }
  const won = P.goal === 0 ? score > 0 : whacked >= P.goal;
  ctx.sound.effect(won ? "win" : "lose");
  ctx.event("finished", { whacked, escaped, bestCombo, decoysHit });
  const v = { n: whacked, names: P.names, goal: P.goal, score };
  const whackedText = P.goal > 0 ? ctx.t("You whacked {n} {names} (goal {goal}).", v) : ctx.t("You whacked {n} {names}.", v);
  ctx.gameOver({ won, message: whackedText + " " + (newBest ? ctx.t("Score {score} - new best!", v) : ctx.t("Score {score}", v)) });
}

function anyPress(inp) {
  return inp.pointer.pressed || inp.pressed("action") || inp.typed.length > 0 ||
    inp.pressed("up") || inp.pressed("down") || inp.pressed("left") || inp.pressed("right");
}

function update(ctx, dt) {
  const inp = ctx.input;
  const ptr = inp.pointer;
  stateT += dt;
  if (ptr.pressed || ptr.down) ptrSeen = true;
  flashT = Math.max(0, flashT - dt);
  if (hammer && (hammer.t -= dt) <= 0) hammer = null;
  if (banner && (banner.t -= dt) <= 0) banner = null;
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 500 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);
  for (const f of floaters) {
    f.t -= dt;
    f.y -= 40 * dt;
  }
  floaters = floaters.filter((f) => f.t > 0);

  if (state === "intro") {
    // A creature peeks out of the cursor hole so the first frames are alive.
    const h = holes[cursor];
    h.kind = "target";
    h.phase = "up";
    h.rise = clamp(Math.sin(stateT * 2.2) * 1.6, 0, 1);
    if (anyPress(inp)) {
      h.phase = "idle";
      h.rise = 0;
      state = "play";
      stateT = 0;
      ctx.sound.effect("click");
      ctx.event("level", { level: 1 });
    }
    return;
  }

  // Holes animate in every state (so creatures sink after time is up).
  for (let i = 0; i < holes.length; i++) {
    const h = holes[i];
    h.shake = Math.max(0, h.shake - dt);
    if (h.phase === "idle") continue;
    h.age += dt;
    if (h.phase === "rising") {
      h.rise += dt / 0.12;
      if (h.rise >= 1) {
        h.rise = 1;
        h.phase = "up";
        h.t = h.upFor;
      }
    } else if (h.phase === "up") {
      h.t -= dt;
      if (h.t <= 0 || state !== "play") h.phase = "sinking";
    } else if (h.phase === "sinking") {
      h.rise -= dt / 0.16;
      if (h.rise <= 0) {
        h.rise = 0;
        h.phase = "idle";
        if (h.kind !== "decoy" && state === "play") {
          escaped++;
          if (combo >= 3) floatText(ctx.t("combo lost"), h.hx, h.hy - 20, C.muted);
          combo = 0;
        }
      }
    } else if (h.phase === "hit") {
      h.t += dt;
      if (h.t > 0.22) h.rise -= dt / 0.18;
      if (h.rise <= 0) {
        h.rise = 0;
        h.phase = "idle";
      }
    }
  }
  if (state === "ending") {
    // A short beat so the creatures duck away before the result screen freezes the picture.
    if (stateT > 0.7) finish(ctx);
    return;
  }
  if (state !== "play") return;

  elapsed += dt;
  timeLeft -= dt;
  const pc = pace();
  const lv = Math.min(2, Math.floor(pc.p * 3));
  if (lv > level) {
    level = lv;
    if (P.speedup > 0) banner = { text: ctx.t("Faster!"), t: 1.1 };
    ctx.event("level", { level: level + 1 });
  }
  const sec = Math.ceil(timeLeft);
  if (sec <= 5 && sec !== lastTick && sec > 0) {
    lastTick = sec;
    ctx.sound.tone(990, 50, { type: "square", volume: 0.08 });
  }
  if (timeLeft <= 0) {
    timeLeft = 0;
    state = "ending";
    stateT = 0;
    hammer = null;
    ctx.sound.tone(523, 300, { type: "triangle", volume: 0.15 });
    return;
  }
  spawnT -= dt;
  if (spawnT <= 0) {
    spawn(ctx);
    spawnT = ((P.upTime * 0.7) / pc.speed) * (0.6 + ctx.random() * 0.8);
  }

  // Keyboard: digits whack a hole directly, arrows move the hammer, Space/Enter whack under it.
  for (const ch of inp.typed) if (keyLayout[ch] !== undefined) {
    keyMode = true;
    whack(ctx, keyLayout[ch]);
  }
  const dirs = [["left", -1, 0], ["right", 1, 0], ["up", 0, -1], ["down", 0, 1]];
  for (const [k, dx, dy] of dirs) {
    if (!inp.pressed(k)) continue;
    keyMode = true;
    const c = clamp((cursor % cols) + dx, 0, cols - 1), r = clamp(Math.floor(cursor / cols) + dy, 0, rows - 1);
    cursor = r * cols + c;
  }
  if (inp.pressed("action")) {
    keyMode = true;
    whack(ctx, cursor);
  }
  if (ptr.pressed) {
    for (let i = 0; i < holes.length; i++) {
      const h = holes[i];
      if (ptr.x >= h.x && ptr.x < h.x + h.w && ptr.y >= h.y && ptr.y < h.y + h.h) {
        keyMode = false;
        whack(ctx, i);
        break;
      }
    }
  }
}

// ---------- drawing ----------
function drawHammer(ctx, x, y, swing) {
  // swing: 0 = raised, 1 = down on the target; the hammer pivots around the handle's end.
  const a = -1.1 + swing * 1.1;
  const ca = Math.cos(a), sa = Math.sin(a);
  const px = x + 46, py = y;
  const at = (u, v) => [px + u * ca - v * sa, py + u * sa + v * ca];
  ctx.poly([at(-4, 3), at(-4, -3), at(-44, -3), at(-44, 3)], "#8d5a2b");
  ctx.poly([at(-38, -14), at(-54, -14), at(-54, 14), at(-38, 14)], "#4a5160");
  ctx.poly([at(-40, -13), at(-44, -13), at(-44, 13), at(-40, 13)], "#9aa3b2");
}

// What shows above a hole's rim at h.rise: the sprite cropped to its top k rows, its top-left corner
// (bottom row on the rim) and scale; null while nothing shows.
function popped(h) {
  const pic = h.kind === "decoy" ? [] : P.creatureArt;
  if (!pic.length) {
    const k = clamp(Math.round(h.rise * ROWS), 0, ROWS);
    const name = h.kind === "decoy" ? P.dlook : P.look;
    return k > 0 ? { name: `${name}${k}`, x: h.hx - spr / 2, y: h.hy + h.ry * 0.4 - k * scale, s: scale } : null;
  }
  // creatureArt: fitted into the built-in look's spr x spr square, rising row by row the same way
  const n = pic.length, s = spr / Math.max(n, pic[0].length);
  const k = clamp(Math.round(h.rise * n), 0, n);
  return k > 0 ? { name: `creature-art${k}`, x: h.hx - (pic[0].length * s) / 2, y: h.hy + h.ry * 0.4 - k * s, s } : null;
}

// The creature in the intro's 42 x 42 box (the 14-row look at scale 3); creatureArt fitted and centred in it.
function drawIcon(ctx, x, y) {
  const pic = P.creatureArt, box = ROWS * 3;
  if (!pic.length) { ctx.sprite.draw(`${P.look}${ROWS}`, x, y, 3); return; }
  const s = box / Math.max(pic.length, pic[0].length);
  ctx.sprite.draw(`creature-art${pic.length}`, x + (box - pic[0].length * s) / 2, y + (box - pic.length * s) / 2, s);
}

function drawHole(ctx, h, i) {
  const sx = h.shake > 0 ? Math.sin(h.shake * 70) * 4 : 0;
  ctx.poly(h.mound, rgb(C.mound));
  ctx.poly(h.pit, rgb(C.hole));
  if (h.phase !== "idle" && h.rise > 0) {
    const pop = popped(h);
    if (pop) {
      const x = pop.x + sx;
      const y = pop.y;
      ctx.sprite.draw(pop.name, x, y, pop.s);
      if (h.kind === "bonus") {
        // golden crown marks the bonus creature
        const cy = y - scale * 2.5;
        ctx.poly([[h.hx - spr * 0.28, cy + scale * 2], [h.hx - spr * 0.28, cy - scale], [h.hx - spr * 0.14, cy + scale * 0.5], [h.hx, cy - scale * 1.8],
          [h.hx + spr * 0.14, cy + scale * 0.5], [h.hx + spr * 0.28, cy - scale], [h.hx + spr * 0.28, cy + scale * 2]], rgb(C.accent));
        ctx.circle(h.hx, cy - scale * 1.8, scale * 0.7, "#fff");
      }
      if (h.phase === "hit" && h.kind !== "decoy") {
        // dizzy stars circling the head
        for (let s = 0; s < 3; s++) {
          const a = h.t * 9 + (s * Math.PI * 2) / 3;
          ctx.circle(h.hx + Math.cos(a) * spr * 0.35, y + 2 + Math.sin(a) * 5, scale * 0.9, rgb(C.accent));
        }
      }
    }
  }
  ctx.poly(h.lip, rgb(C.moundDark));
  if (h.key && (state === "intro" || keyMode)) {
    ctx.text(h.key, h.hx + h.rx * 1.32 + 6, h.hy + h.ry, { size: 11, color: rgb(C.text, 0.55), bold: true });
  }
  if (keyMode && i === cursor && state === "play") {
    ctx.strokeRect(h.x + 4, h.y + 2, h.w - 8, h.h - 4, rgb(C.accent, 0.7), 2);
  }
}

function draw(ctx) {
  const inp = ctx.input;
  // update() no longer runs after gameOver: the final screen listens for "play again" here.
  if (state === "over" && ctx.time - overAt > 0.8 && (inp.pressed("action") || inp.pointer.pressed)) ctx.restart();

  ctx.clear(rgb(C.bg));
  for (const [y, h] of bands) ctx.rect(0, y, W, h, rgb(C.stripe));
  const grass = rgb(mix(C.bg, C.text, 0.14));
  for (const [x, y, s] of tufts) {
    ctx.line(x, y, x - s * 0.6, y - s * 1.4, grass, 1.5);
    ctx.line(x, y, x, y - s * 1.8, grass, 1.5);
    ctx.line(x, y, x + s * 0.6, y - s * 1.4, grass, 1.5);
  }
  for (let i = 0; i < holes.length; i++) drawHole(ctx, holes[i], i);
  if (flashT > 0) ctx.rect(0, 0, W, H, rgb(C.bad, flashT * 0.6));

  for (const p of particles) ctx.circle(p.x, p.y, p.r * Math.max(0.3, p.life * 1.5), rgb(p.color, Math.min(1, p.life * 2)));
  for (const f of floaters) {
    const sz = 15;
    ctx.text(f.text, clamp(f.x, 60, W - 60), f.y, { size: fitSize(ctx, f.text, sz, 150, true), color: rgb(f.color, Math.min(1, f.t * 2)), align: "center", bold: true });
  }
  if (hammer) {
    const h = holes[hammer.i];
    drawHammer(ctx, h.hx, h.hy - spr * 0.55, 1 - hammer.t / 0.18);
  } else if (state === "play" && ptrSeen && !keyMode) {
    drawHammer(ctx, inp.pointer.x, inp.pointer.y - 10, 0);
  }

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel, 0.92));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.accent, 0.6), 2);
  const title = String(P.title || ctx.t("Whack-a-Mole"));
  ctx.text(title, 12, 15, { size: fitSize(ctx, title, 18, 230, true), color: rgb(C.text), bold: true });
  const sub = ctx.t("Whack the {names}", { names: P.names });
  ctx.text(sub, 12, 33, { size: fitSize(ctx, sub, 11, 230), color: rgb(C.muted) });
  const mult = Math.min(5, 1 + Math.floor(combo / 5));
  const stats = [
    [ctx.t("TIME"), String(Math.ceil(timeLeft))],
    [P.goal > 0 ? ctx.t("GOAL") : ctx.t("WHACKED"), P.goal > 0 ? `${whacked}/${P.goal}` : String(whacked)],
    [ctx.t("COMBO"), combo >= 5 ? `${combo} x${mult}` : String(combo)],
    [ctx.t("SCORE"), String(ctx.score.get())],
    [ctx.t("BEST"), String(Math.max(best, ctx.score.get()))],
  ];
  for (let i = 0; i < stats.length; i++) {
    const x = 290 + i * 72;
    ctx.text(stats[i][0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    const hot = (i === 0 && timeLeft <= 5 && state === "play") || (i === 1 && P.goal > 0 && whacked >= P.goal) || (i === 2 && combo >= 5);
    ctx.text(stats[i][1], x, 30, { size: 16, color: rgb(hot ? C.accent : C.text), align: "center", bold: true });
  }
  ctx.rect(0, HUD_H - 3, W * clamp(timeLeft / P.timeLimit, 0, 1), 3, rgb(timeLeft <= 5 ? C.bad : C.accent));

  if (state === "ending") banner = { text: ctx.t("Time's up!"), t: 1 };
  if (banner && (state === "play" || state === "ending")) {
    const a = Math.min(1, banner.t * 3);
    const w = ctx.measureText(banner.text, 22) + 36;
    ctx.roundRect(W / 2 - w / 2, 62, w, 36, 18, rgb(C.accent, 0.9 * a));
    ctx.text(banner.text, W / 2, 80, { size: 22, color: rgb(inkOn(C.accent), a), align: "center", bold: true });
  }
  if (state === "intro") drawIntro(ctx);
  else if (state === "over") drawOver(ctx);
}

function drawPanel(ctx, w, h) {
  ctx.rect(0, HUD_H, W, H - HUD_H, rgb(C.bg, 0.45));
  ctx.roundRect(W / 2 - w / 2 + 3, 200 - h / 2 + 4, w, h, 16, rgb(BLACK, 0.3));
  ctx.roundRect(W / 2 - w / 2, 200 - h / 2, w, h, 16, rgb(C.panel, 0.96));
  ctx.strokeRect(W / 2 - w / 2, 200 - h / 2, w, h, rgb(C.accent, 0.7), 2);
}

function drawIntro(ctx) {
  drawPanel(ctx, 430, 230);
  const title = String(P.title || ctx.t("Whack-a-Mole"));
  ctx.text(title, W / 2, 108, { size: fitSize(ctx, title, 26, 400, true), color: rgb(C.accent), align: "center", bold: true });
  const hasDecoy = P.decoyChance > 0;
  const x0 = hasDecoy ? W / 2 - 200 : W / 2 - 100;
  drawIcon(ctx, x0 + 8, 130);
  const l1 = ctx.t("Whack the {names}!", { names: P.names });
  ctx.text(l1, x0 + 56, 151, { size: fitSize(ctx, l1, 15, hasDecoy ? 135 : 190, true), color: rgb(C.text), bold: true });
  if (hasDecoy) {
    ctx.sprite.draw(`${P.dlook}${ROWS}`, W / 2 + 8, 130, 3);
    const l2 = ctx.t("Don't hit {decoys}", { decoys: P.decoys });
    ctx.text(l2, W / 2 + 56, 151, { size: fitSize(ctx, l2, 15, 135, true), color: rgb(C.bad), bold: true });
  }
  const secs = Math.round(P.timeLimit);
  const goal = P.goal > 0 ? ctx.t("Whack {n} in {s} seconds", { n: P.goal, s: secs }) : ctx.t("Score big in {s} seconds", { s: secs });
  ctx.text(goal, W / 2, 196, { size: 15, color: rgb(C.text), align: "center" });
  const keys = Object.keys(keyLayout).length ? ctx.t("Tap a hole  -  keys 1-9 (numpad)  -  arrows + Space") : ctx.t("Tap a hole  -  arrows + Space");
  ctx.text(keys, W / 2, 222, { size: fitSize(ctx, keys, 12, 400), color: rgb(C.muted), align: "center" });
  ctx.text(ctx.t("combos multiply points  -  crowned ones are worth more"), W / 2, 242, { size: 11, color: rgb(C.muted), align: "center" });
  if (Math.floor(ctx.time * 2.5) % 2 === 0 || stateT < 0.5) {
    ctx.text(ctx.t("Tap or press Space to start"), W / 2, 290, { size: 17, color: rgb(C.accent), align: "center", bold: true });
  }
}

function drawOver(ctx) {
  drawPanel(ctx, 420, 220);
  const won = P.goal === 0 ? ctx.score.get() > 0 : whacked >= P.goal;
  ctx.text(won ? ctx.t("Time's up - well whacked!") : ctx.t("Time's up!"), W / 2, 114, { size: 24, color: rgb(won ? C.accent : C.text), align: "center", bold: true });
  ctx.text(String(ctx.score.get()), W / 2, 156, { size: 40, color: rgb(C.text), align: "center", bold: true });
  ctx.text(newBest ? ctx.t("NEW BEST SCORE!") : ctx.t("best {n}", { n: best }), W / 2, 186, { size: 13, color: rgb(newBest ? C.accent : C.muted), align: "center", bold: newBest });
  const swings = whacked + empties + decoysHit;
  const acc = swings > 0 ? Math.round((100 * whacked) / swings) : 0;
  const lv = { n: whacked, names: P.names, goal: P.goal, combo: bestCombo, acc };
  const line = P.goal > 0 ? ctx.t("{n} {names} of {goal}  -  best combo {combo}  -  accuracy {acc}%", lv) : ctx.t("{n} {names}  -  best combo {combo}  -  accuracy {acc}%", lv);
  ctx.text(line, W / 2, 214, { size: fitSize(ctx, line, 14, 390), color: rgb(C.text), align: "center" });
  if (decoysHit > 0) ctx.text(decoysHit === 1 ? ctx.t("{n} decoy hit", { n: decoysHit }) : ctx.t("{n} decoys hit", { n: decoysHit }), W / 2, 236, { size: 12, color: rgb(C.bad), align: "center" });
  if (ctx.time - overAt > 0.8 && Math.floor(ctx.time * 2.5) % 2 === 0) {
    ctx.text(ctx.t("Tap or press Space to play again"), W / 2, 280, { size: 16, color: rgb(C.accent), align: "center", bold: true });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {names} and {decoys} are plural names, from the parameters (already in the game's language) or
// from the looks above.
const STRINGS = {
  es: {
    "moles": "topos",
    "gophers": "tuzas",
    "zombies": "zombis",
    "aliens": "alienígenas",
    "ghosts": "fantasmas",
    "robots": "robots",
    "crabs": "cangrejos",
    "survivors": "supervivientes",
    "bunnies": "conejitos",
    "bombs": "bombas",
    "humans": "humanos",
    "combo lost": "racha perdida",
    "Not the {decoys}!  -3s": "¡No, {decoys} no!  -3 s",
    "+{n} quick!": "+{n} ¡rápido!",
    "{n} combo!  x{mult}": "¡Racha de {n}!  x{mult}",
    "Goal reached!": "¡Objetivo cumplido!",
    "You whacked {n} {names} (goal {goal}).": "Aplastaste {n} {names} (objetivo: {goal}).",
    "You whacked {n} {names}.": "Aplastaste {n} {names}.",
    "Score {score} - new best!": "Puntos: {score}. ¡Nuevo récord!",
    "Score {score}": "Puntos: {score}",
    "Faster!": "¡Más rápido!",
    "Whack-a-Mole": "Golpea al topo",
    "Whack the {names}": "Aplasta {names}",
    "TIME": "TIEMPO",
    "GOAL": "META",
    "WHACKED": "GOLPES",
    "COMBO": "RACHA",
    "SCORE": "PUNTOS",
    "BEST": "RÉCORD",
    "Time's up!": "¡Se acabó el tiempo!",
    "Whack the {names}!": "¡Aplasta {names}!",
    "Don't hit {decoys}": "No golpees {decoys}",
    "Whack {n} in {s} seconds": "Aplasta {n} en {s} segundos",
    "Score big in {s} seconds": "Haz muchos puntos en {s} segundos",
    "Tap a hole  -  keys 1-9 (numpad)  -  arrows + Space": "Toca un agujero  -  teclas 1-9 (teclado numérico)  -  flechas + Espacio",
    "Tap a hole  -  arrows + Space": "Toca un agujero  -  flechas + Espacio",
    "combos multiply points  -  crowned ones are worth more": "las rachas multiplican los puntos  -  los coronados valen más",
    "Tap or press Space to start": "Toca o pulsa Espacio para empezar",
    "Time's up - well whacked!": "¡Tiempo! ¡Buenos golpes!",
    "NEW BEST SCORE!": "¡NUEVO RÉCORD!",
    "best {n}": "récord {n}",
    "{n} {names} of {goal}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names} de {goal}  -  mejor racha {combo}  -  precisión {acc}%",
    "{n} {names}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names}  -  mejor racha {combo}  -  precisión {acc}%",
    "{n} decoy hit": "{n} señuelo golpeado",
    "{n} decoys hit": "{n} señuelos golpeados",
    "Tap or press Space to play again": "Toca o pulsa Espacio para volver a jugar",
  },
  fr: {
    "moles": "taupes",
    "gophers": "marmottes",
    "zombies": "zombies",
    "aliens": "extraterrestres",
    "ghosts": "fantômes",
    "robots": "robots",
    "crabs": "crabes",
    "survivors": "survivants",
    "bunnies": "lapins",
    "bombs": "bombes",
    "humans": "humains",
    "combo lost": "série perdue",
    "Not the {decoys}!  -3s": "Pas les {decoys} !  -3 s",
    "+{n} quick!": "+{n} rapide !",
    "{n} combo!  x{mult}": "Série de {n} !  x{mult}",
    "Goal reached!": "Objectif atteint !",
    "You whacked {n} {names} (goal {goal}).": "Tu as tapé {n} {names} (objectif : {goal}).",
    "You whacked {n} {names}.": "Tu as tapé {n} {names}.",
    "Score {score} - new best!": "Score : {score} - nouveau record !",
    "Score {score}": "Score : {score}",
    "Faster!": "Plus vite !",
    "Whack-a-Mole": "Tape-taupe",
    "Whack the {names}": "Tape les {names}",
    "TIME": "TEMPS",
    "GOAL": "OBJECTIF",
    "WHACKED": "TAPÉS",
    "COMBO": "SÉRIE",
    "SCORE": "POINTS",
    "BEST": "RECORD",
    "Time's up!": "Temps écoulé !",
    "Whack the {names}!": "Tape les {names} !",
    "Don't hit {decoys}": "Ne tape pas les {decoys}",
    "Whack {n} in {s} seconds": "Tapes-en {n} en {s} secondes",
    "Score big in {s} seconds": "Marque un max de points en {s} secondes",
    "Tap a hole  -  keys 1-9 (numpad)  -  arrows + Space": "Touche un trou  -  touches 1-9 (pavé num.)  -  flèches + Espace",
    "Tap a hole  -  arrows + Space": "Touche un trou  -  flèches + Espace",
    "combos multiply points  -  crowned ones are worth more": "les séries multiplient les points  -  les couronnés valent plus",
    "Tap or press Space to start": "Touche ou Espace pour commencer",
    "Time's up - well whacked!": "Temps écoulé - bien tapé !",
    "NEW BEST SCORE!": "NOUVEAU RECORD !",
    "best {n}": "record {n}",
    "{n} {names} of {goal}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names} sur {goal}  -  meilleure série {combo}  -  précision {acc} %",
    "{n} {names}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names}  -  meilleure série {combo}  -  précision {acc} %",
    "{n} decoy hit": "{n} leurre touché",
    "{n} decoys hit": "{n} leurres touchés",
    "Tap or press Space to play again": "Touche ou appuie sur Espace pour rejouer",
  },
  de: {
    "moles": "Maulwürfe",
    "gophers": "Erdhörnchen",
    "zombies": "Zombies",
    "aliens": "Aliens",
    "ghosts": "Geister",
    "robots": "Roboter",
    "crabs": "Krabben",
    "survivors": "Überlebenden",
    "bunnies": "Häschen",
    "bombs": "Bomben",
    "humans": "Menschen",
    "combo lost": "Serie verloren",
    "Not the {decoys}!  -3s": "Nicht die {decoys}!  -3 s",
    "+{n} quick!": "+{n} schnell!",
    "{n} combo!  x{mult}": "{n}er-Serie!  x{mult}",
    "Goal reached!": "Ziel erreicht!",
    "You whacked {n} {names} (goal {goal}).": "Du hast {n} {names} erwischt (Ziel: {goal}).",
    "You whacked {n} {names}.": "Du hast {n} {names} erwischt.",
    "Score {score} - new best!": "Punkte: {score} – neuer Rekord!",
    "Score {score}": "Punkte: {score}",
    "Faster!": "Schneller!",
    "Whack-a-Mole": "Hau den Maulwurf",
    "Whack the {names}": "Hau auf die {names}",
    "TIME": "ZEIT",
    "GOAL": "ZIEL",
    "WHACKED": "TREFFER",
    "COMBO": "SERIE",
    "SCORE": "PUNKTE",
    "BEST": "REKORD",
    "Time's up!": "Zeit um!",
    "Whack the {names}!": "Hau auf die {names}!",
    "Don't hit {decoys}": "Nicht die {decoys} hauen",
    "Whack {n} in {s} seconds": "Triff {n} in {s} Sekunden",
    "Score big in {s} seconds": "Hol viele Punkte in {s} Sekunden",
    "Tap a hole  -  keys 1-9 (numpad)  -  arrows + Space": "Tippe auf ein Loch  -  Tasten 1-9 (Ziffernblock)  -  Pfeile + Leertaste",
    "Tap a hole  -  arrows + Space": "Tippe auf ein Loch  -  Pfeile + Leertaste",
    "combos multiply points  -  crowned ones are worth more": "Serien vervielfachen die Punkte  -  gekrönte zählen mehr",
    "Tap or press Space to start": "Tippen oder Leertaste zum Starten",
    "Time's up - well whacked!": "Zeit um – gut gehauen!",
    "NEW BEST SCORE!": "NEUER REKORD!",
    "best {n}": "Rekord {n}",
    "{n} {names} of {goal}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names} von {goal}  -  beste Serie {combo}  -  Genauigkeit {acc} %",
    "{n} {names}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names}  -  beste Serie {combo}  -  Genauigkeit {acc} %",
    "{n} decoy hit": "{n} Köder getroffen",
    "{n} decoys hit": "{n} Köder getroffen",
    "Tap or press Space to play again": "Tippen oder Leertaste für neues Spiel",
  },
  pt: {
    "moles": "toupeiras",
    "gophers": "marmotas",
    "zombies": "zumbis",
    "aliens": "alienígenas",
    "ghosts": "fantasmas",
    "robots": "robôs",
    "crabs": "caranguejos",
    "survivors": "sobreviventes",
    "bunnies": "coelhinhos",
    "bombs": "bombas",
    "humans": "humanos",
    "combo lost": "sequência perdida",
    "Not the {decoys}!  -3s": "Não, {decoys} não!  -3 s",
    "+{n} quick!": "+{n} rápido!",
    "{n} combo!  x{mult}": "Sequência de {n}!  x{mult}",
    "Goal reached!": "Meta atingida!",
    "You whacked {n} {names} (goal {goal}).": "Você acertou {n} {names} (meta: {goal}).",
    "You whacked {n} {names}.": "Você acertou {n} {names}.",
    "Score {score} - new best!": "Pontos: {score} - novo recorde!",
    "Score {score}": "Pontos: {score}",
    "Faster!": "Mais rápido!",
    "Whack-a-Mole": "Acerte a toupeira",
    "Whack the {names}": "Acerte {names}",
    "TIME": "TEMPO",
    "GOAL": "META",
    "WHACKED": "ACERTOS",
    "COMBO": "SEQUÊNCIA",
    "SCORE": "PONTOS",
    "BEST": "RECORDE",
    "Time's up!": "Acabou o tempo!",
    "Whack the {names}!": "Acerte {names}!",
    "Don't hit {decoys}": "Não acerte {decoys}",
    "Whack {n} in {s} seconds": "Acerte {n} em {s} segundos",
    "Score big in {s} seconds": "Faça muitos pontos em {s} segundos",
    "Tap a hole  -  keys 1-9 (numpad)  -  arrows + Space": "Toque num buraco  -  teclas 1-9 (teclado numérico)  -  setas + Espaço",
    "Tap a hole  -  arrows + Space": "Toque num buraco  -  setas + Espaço",
    "combos multiply points  -  crowned ones are worth more": "sequências multiplicam os pontos  -  os coroados valem mais",
    "Tap or press Space to start": "Toque ou aperte Espaço para começar",
    "Time's up - well whacked!": "Fim do tempo! Mandou bem!",
    "NEW BEST SCORE!": "NOVO RECORDE!",
    "best {n}": "recorde {n}",
    "{n} {names} of {goal}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names} de {goal}  -  melhor sequência {combo}  -  precisão {acc}%",
    "{n} {names}  -  best combo {combo}  -  accuracy {acc}%": "{n} {names}  -  melhor sequência {combo}  -  precisão {acc}%",
    "{n} decoy hit": "{n} isca atingida",
    "{n} decoys hit": "{n} iscas atingidas",
    "Tap or press Space to play again": "Toque ou aperte Espaço para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
