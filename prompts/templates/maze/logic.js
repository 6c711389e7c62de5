// Maze: guide the hero through a generated maze to the goal, level after level.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.
// The maze is a recursive-backtracker "perfect" maze (optionally with extra loops) drawn once per
// level into a sprite, so a frame costs one draw call for all the walls however big the maze is.

const W = 640;
const H = 360;
const HUD_H = 32;
const AREA = { x: 8, y: 36, w: 624, h: 318 };
const MAX_ROWS = 22;
const MAX_COLS = 40;
// dir -> [dx, dy, wall bit]; bits mark OPEN sides of a cell
const DIRS = { up: [0, -1, 1], right: [1, 0, 2], down: [0, 1, 4], left: [-1, 0, 8] };
const DIR_LIST = ["up", "right", "down", "left"];
const OPP = { up: "down", down: "up", left: "right", right: "left" };

// 8x8 pixel art, rows joined by "/". Shared letters: K dark, W white, P pink; X = accent, T = text.
// The enum values of the four picture params are disjoint and plain words ("treasure", "exit"), so a
// prompt that names one picks it for the right role.
const ART = {
  mouse: [".....GG./....GPG./.GGGGGGG/GGGGGGKG/GGGGGGGP/DGGGGGG./.D.D..D./........", { G: "#b4b4c4", D: "#7a7a8c" }],
  cat: ["A......A/AA....AA/AAAAAAAA/AKWAAKWA/AAAAAAAA/AAAPPAAA/.AAAAAA./..A..A..", { A: "#f59f3a" }],
  dog: ["DD....DD/DAAAAAAD/DAKAAKAD/.AAAAAA./.AAKKAA./.AAAAAA./..APPA../...PP...", { A: "#d4a373", D: "#8b5a2b" }],
  explorer: ["..HHHH../.HHHHHH./HHHHHHHH/..SKSK../..SSSS../.AAAAAA./S.AAAA.S/..B..B..", { H: "#a0682d", S: "#f2c29b", A: "#2f9e44", B: "#5c4033" }],
  pirate: ["..HHHH../.HHWHHH./HHHHHHHH/..SKSK../..SSSS../.AWAWAA./S.AAAA.S/..B..B..", { H: "#212529", S: "#f2c29b", A: "#e03131", B: "#5c4033" }],
  robot: ["...R..../...D..../.AAAAAA./.AKAAKA./.AAAAAA./.ADDDDA./DAAAAAAD/.D....D.", { A: "#c9d1da", D: "#7d8590", R: "#ff4d4d" }],
  ghost: ["..AAAA../.AAAAAA./AWKAAWKA/AAAAAAAA/AAAAAAAA/AAAAAAAA/AAAAAAAA/A.AA.AA.", { A: "#e9ecff" }],
  bee: ["..WW.WW./..WW.WW./.YYYYYY./YKKKKKKY/YYYYYYYY/YKKKKKKY/.YYYYYY./...KK...", { Y: "#ffd43b", W: "#d0ebff" }],
  ball: ["..TTTT../.TWTTTT./TWTTTTTT/TTTTTTTT/TTTTTTTQ/TTTTTTQQ/.TTTTQQ./..QQQQ..", {}],
  spider: ["L..AA..L/.L.AA.L./..AAAA../LARAARAL/..AAAA../.L.AA.L./L..AA..L/........", { A: "#9c36b5", L: "#cc5de8", R: "#ff6b6b" }],
  monster: [".W....W./.AAAAAA./AAKAAKAA/AAAAAAAA/AKWKWKWA/AAKKKKAA/.AAAAAA./.AA..AA.", { A: "#51cf66" }],
  minotaur: ["W......W/WW.AA.WW/.AAAAAA./.AKAAKA./.AAAAAA./..APPA../.AAAAAA./.AA..AA.", { A: "#a0682d", W: "#f1f3f5" }],
  bat: ["......../A.A..A.A/AAAAAAAA/AARAARAA/.AAAAAA./..A..A../......../........", { A: "#845ef7", R: "#ffe066" }],
  cheese: ["......../......YY/....YYYY/..YYYOYY/YYOYYYYY/YYYYYOYY/YOYYYYYY/YYYYYYYY", { Y: "#ffd43b", O: "#f59f00" }],
  treasure: ["......../.BBBBBB./BDDDDDDB/BBBGGBBB/BBBGGBBB/BDDDDDDB/BBBBBBBB/........", { B: "#a0682d", D: "#5c3a1a", G: "#ffd43b" }],
  exit: ["..DDDD../.DBBBBD./.DBDDBD./.DBBBBD./.DBBBGD./.DBBBBD./.DBDDBD./.DBBBBD.", { B: "#b5651d", D: "#6b3410", G: "#ffd43b" }],
  home: ["...RR.../..RRRR../.RRRRRR./RRRRRRRR/.WWWWWW./.WBWWDW./.WWWWDW./.WWWWDW.", { R: "#e03131", W: "#f1f3f5", B: "#74c0fc", D: "#8b5a2b" }],
  flag: ["LXXXXX../LXXXXXXX/LXXXXX../L......./L......./L......./L......./LL......", { L: "#ced4da" }],
  star: ["...YY.../...YY.../YYYYYYYY/.YYYYYY./..YYYY../.YYYYYY./.YY..YY./YY....YY", { Y: "#ffd43b" }],
  gem: ["..LLCC../.LCCCCD./LCCCCCDD/CCCCCCDD/.CCCCDD./..CCDD../...CD.../........", { C: "#66d9e8", L: "#c5f6fa", D: "#1098ad" }],
  heart: ["......../.RR..RR./RWRRRRRR/RRRRRRRR/.RRRRRR./..RRRR../...RR.../........", { R: "#ff4d6d" }],
  bone: ["......../WW....WW/WWW..WWW/.WWWWWW./.WWWWWW./WWW..WWW/WW....WW/........", { W: "#f1f3f5" }],
  carrot: ["....G.G./.....GG./....OO../...OOO../..OOO.../.OOO..../.OO...../O.......", { O: "#ff922b", G: "#51cf66" }],
  apple: ["....G.../...G.GG./.RRGRRR./RWRRRRRR/RWRRRRRR/RRRRRRRR/.RRRRRR./..RR.R..", { R: "#fa5252", G: "#40c057" }],
  coin: ["..YYYY../.YLLYYY./YLYYYYDY/YLYDYYDY/YYYDYYDY/YYYYYYDY/.YYYYDD./..DDDD..", { Y: "#fcc419", L: "#fff3bf", D: "#e67700" }],
  key: ["......../.YYY..../Y...Y.../Y...YYYY/Y...Y.Y./.YYY..YY/......../........", { Y: "#fcc419" }],
  dot: ["......../......../...XX.../..XXXX../..XXXX../...XX.../......../........", {}],
};
// The sprite library's 16 colours (PICO-8): the optional *Art pictures are drawn in their own colours.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

let P, C;
let level, rows, cols, U, S, pitch, ox, oy, cells, dist, goal, items, enemies, gotItems, itemTotal;
let player, keyOrder, buffer, runDir, runFresh, follow, ptrStart, ptrT, swiped;
let state, stateT, levelTime, lives, invuln, particles, banner, bannerT, msg, msgT, seen, pathLen, endInfo, best;

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
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
function fitSize(ctx, s, want, maxW) {
  const w = ctx.measureText(s, want);
  return w > maxW && w > 0 ? Math.max(8, Math.floor((want * maxW) / w)) : want;
}
// Text that fits maxW: shrunk down to 10 px, then cut with an ellipsis. measureText measures the
// regular weight, so bold text gets a 10% margin.
function fitText(ctx, s, want, maxW, bold) {
  if (bold) maxW /= 1.1;
  let size = fitSize(ctx, s, want, maxW);
  if (size >= 10) return { s, size };
  size = 10;
  while (s.length > 1 && ctx.measureText(s + "…", size) > maxW) s = s.slice(0, -1);
  return { s: s + "…", size };
}
function plural(name, n) {
  return n === 1 || /s$/i.test(name) ? name : /(x|ch|sh)$/i.test(name) ? name + "es" : name + "s";
}
function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
const BLACK = [0, 0, 0];

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "All {items} found: the {goal} is open!": "¡Lo tienes todo ({items})! Meta abierta: {goal}",
    "Find {n} more {items} first!": "¡Antes encuentra {n} {items} más!",
    "The {player} found the {goal} in all {n} mazes!": "¡Bravo, {player}! Meta alcanzada ({goal}) en los {n} laberintos.",
    "The {player} found the {goal}!": "¡Bravo, {player}! Meta alcanzada: {goal}.",
    "+{bonus}  Level {level} cleared!": "+{bonus}  ¡Nivel {level} superado!",
    "{why} {n} life left": "{why} Te queda {n} vida",
    "{why} {n} lives left": "{why} Te quedan {n} vidas",
    "{text} Score {score}.": "{text} Puntos: {score}.",
    "Caught by the {enemy}!": "¡Te atraparon! ({enemy})",
    "Time's up!": "¡Se acabó el tiempo!",
    "Level {level}/{levels}": "Nivel {level}/{levels}",
    "Help the {player} find the {goal}!": "¡Guía a tu {player} hasta la meta: {goal}!",
    "collect all the {items}": "recoge {items} (sin excepción)",
    "grab the {items}": "recoge {items}",
    "dodge the {enemies}": "esquiva {enemies}",
    "{list} in the dark": "{list} a oscuras",
    "Arrows / WASD, or tap, swipe or hold toward a path": "Flechas / WASD, o toca, desliza o mantén hacia un camino",
    "Press a direction or tap to start": "Pulsa una dirección o toca para empezar",
    "You win!": "¡Ganaste!",
    "Game over": "Fin del juego",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para jugar otra vez",
    "Level {level} of {levels}": "Nivel {level} de {levels}",
    "Go, {name}!": "¡Vamos, {name}!",
  },
  fr: {
    "All {items} found: the {goal} is open!": "Tout est trouvé ({items}) ! Objectif ouvert : {goal}",
    "Find {n} more {items} first!": "Trouve d'abord encore {n} {items} !",
    "The {player} found the {goal} in all {n} mazes!": "Bravo, {player} ! Objectif atteint ({goal}) dans les {n} labyrinthes !",
    "The {player} found the {goal}!": "Bravo, {player} ! Objectif atteint : {goal} !",
    "+{bonus}  Level {level} cleared!": "+{bonus}  Niveau {level} terminé !",
    "{why} {n} life left": "{why} Il te reste {n} vie",
    "{why} {n} lives left": "{why} Il te reste {n} vies",
    "{text} Score {score}.": "{text} Score : {score}.",
    "Caught by the {enemy}!": "Tu t'es fait prendre ! ({enemy})",
    "Time's up!": "Temps écoulé !",
    "Level {level}/{levels}": "Niveau {level}/{levels}",
    "Help the {player} find the {goal}!": "Guide ton héros ({player}) jusqu'à : {goal} !",
    "collect all the {items}": "ramasse les {items} (sans exception)",
    "grab the {items}": "ramasse les {items}",
    "dodge the {enemies}": "évite les {enemies}",
    "{list} in the dark": "{list} dans le noir",
    "Arrows / WASD, or tap, swipe or hold toward a path": "Flèches / ZQSD, ou touche, glisse ou maintiens vers un chemin",
    "Press a direction or tap to start": "Appuie sur une direction ou touche pour commencer",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
    "Level {level} of {levels}": "Niveau {level} sur {levels}",
    "Go, {name}!": "Vas-y, {name} !",
  },
  de: {
    "All {items} found: the {goal} is open!": "Alles gefunden ({items})! Ziel offen: {goal}",
    "Find {n} more {items} first!": "Finde erst noch {n} {items}!",
    "The {player} found the {goal} in all {n} mazes!": "Bravo, {player}! Ziel erreicht ({goal}) in allen {n} Labyrinthen!",
    "The {player} found the {goal}!": "Bravo, {player}! Ziel erreicht: {goal}!",
    "+{bonus}  Level {level} cleared!": "+{bonus}  Stufe {level} geschafft!",
    "{why} {n} life left": "{why} Noch {n} Leben",
    "{why} {n} lives left": "{why} Noch {n} Leben",
    "{text} Score {score}.": "{text} Punkte: {score}.",
    "Caught by the {enemy}!": "Erwischt! ({enemy})",
    "Time's up!": "Zeit abgelaufen!",
    "Level {level}/{levels}": "Stufe {level}/{levels}",
    "Help the {player} find the {goal}!": "Führe deinen Helden ({player}) zum Ziel: {goal}!",
    "collect all the {items}": "sammle alle {items}",
    "grab the {items}": "schnapp dir die {items}",
    "dodge the {enemies}": "weich den {enemies} aus",
    "{list} in the dark": "{list} im Dunkeln",
    "Arrows / WASD, or tap, swipe or hold toward a path": "Pfeile / WASD, oder tippe, wische oder halte Richtung Weg",
    "Press a direction or tap to start": "Drück eine Richtung oder tippe zum Starten",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder Tippen für eine neue Runde",
    "Level {level} of {levels}": "Stufe {level} von {levels}",
    "Go, {name}!": "Los, {name}!",
  },
  pt: {
    "All {items} found: the {goal} is open!": "Você pegou tudo ({items})! Objetivo liberado: {goal}",
    "Find {n} more {items} first!": "Encontre mais {n} {items} primeiro!",
    "The {player} found the {goal} in all {n} mazes!": "Parabéns, {player}! Objetivo alcançado ({goal}) nos {n} labirintos!",
    "The {player} found the {goal}!": "Parabéns, {player}! Objetivo alcançado: {goal}!",
    "+{bonus}  Level {level} cleared!": "+{bonus}  Nível {level} concluído!",
    "{why} {n} life left": "{why} Resta {n} vida",
    "{why} {n} lives left": "{why} Restam {n} vidas",
    "{text} Score {score}.": "{text} Pontos: {score}.",
    "Caught by the {enemy}!": "Te pegaram! ({enemy})",
    "Time's up!": "Acabou o tempo!",
    "Level {level}/{levels}": "Nível {level}/{levels}",
    "Help the {player} find the {goal}!": "Leve seu herói ({player}) até o objetivo: {goal}!",
    "collect all the {items}": "pegue {items} (sem exceção)",
    "grab the {items}": "pegue {items}",
    "dodge the {enemies}": "desvie de {enemies}",
    "{list} in the dark": "{list} no escuro",
    "Arrows / WASD, or tap, swipe or hold toward a path": "Setas / WASD, ou toque, deslize ou segure rumo a um caminho",
    "Press a direction or tap to start": "Aperte uma direção ou toque para começar",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
    "Level {level} of {levels}": "Nível {level} de {levels}",
    "Go, {name}!": "Vai, {name}!",
  },
};

// ---------- parameters and art ----------
function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  return {
    title: str(p.title, "Maze Runner", 60),
    theme: str(p.theme, "Find the way out", 40),
    playerName: str(p.playerName, "mouse", 24),
    playerSprite: oneOf(p.playerSprite, ["mouse", "dog", "explorer", "pirate", "robot", "bee", "ball"], "mouse"),
    goalName: str(p.goalName, "cheese", 24),
    goalSprite: oneOf(p.goalSprite, ["cheese", "treasure", "exit", "home", "flag", "bone", "carrot", "apple"], "cheese"),
    itemName: str(p.itemName, "crumb", 24),
    itemSprite: oneOf(p.itemSprite, ["dot", "coin", "star", "gem", "heart", "key"], "dot"),
    enemyName: str(p.enemyName, "cat", 24),
    enemySprite: oneOf(p.enemySprite, ["cat", "ghost", "spider", "monster", "minotaur", "bat"], "cat"),
    playerArt: readArt(p.playerArt),
    goalArt: readArt(p.goalArt),
    itemArt: readArt(p.itemArt),
    enemyArt: readArt(p.enemyArt),
    mazeSize: Math.round(clampNum(p.mazeSize, 4, 20, 7)),
    growth: Math.round(clampNum(p.growth, 0, 4, 1)),
    levels: Math.round(clampNum(p.levels, 1, 10, 3)),
    items: Math.round(clampNum(p.items, 0, 30, 5)),
    mustCollect: p.mustCollect === true,
    enemies: Math.round(clampNum(p.enemies, 0, 6, 1)),
    enemySpeed: clampNum(p.enemySpeed, 1, 8, 2.5),
    playerSpeed: clampNum(p.playerSpeed, 3, 12, 6),
    lives: Math.round(clampNum(p.lives, 1, 9, 3)),
    timeLimit: Math.round(clampNum(p.timeLimit, 0, 600, 0)),
    fog: p.fog === true,
    vision: Math.round(clampNum(p.vision, 1, 6, 3)),
    loops: Math.round(clampNum(p.loops, 0, 40, 10)),
  };
}

// An *Art parameter: 8-16 rows of the same 8-16 characters over "." and the PICO digits, else [].
// Parameters come from untrusted clients: a bad picture is dropped, never passed to sprite.define.
function readArt(v) {
  if (!Array.isArray(v) || v.length < 8 || v.length > 16) return [];
  const w = typeof v[0] === "string" ? v[0].length : 0;
  const ok = w >= 8 && w <= 16 && v.every((r) => typeof r === "string" && r.length === w && /^[.0-9a-f]+$/.test(r));
  return ok ? v.slice() : [];
}

// The picture of a role: the client's art in its own colours when given, else the built-in look.
function defineArt(ctx, spriteName, artName, art) {
  if (art && art.length) {
    ctx.sprite.define(spriteName, art, PICO);
    return;
  }
  const a = ART[artName] || ART.dot;
  const pal = { K: "#1b1b22", W: "#ffffff", P: "#ff8fab", X: rgb(C.accent), T: rgb(C.text), Q: rgb(mix(C.text, C.bg, 0.35)) };
  for (const k in a[1]) pal[k] = a[1][k];
  ctx.sprite.define(spriteName, a[0].split("/"), pal);
}

// ---------- maze ----------
function idx(x, y) {
  return y * cols + x;
}
function canMove(x, y, d) {
  return (cells[idx(x, y)] & DIRS[d][2]) !== 0;
}
function exitsOf(x, y) {
  return DIR_LIST.filter((d) => canMove(x, y, d));
}

function carve(ctx) {
  cells = new Uint8Array(cols * rows);
  const visited = new Uint8Array(cols * rows);
  const stack = [idx(ctx.randInt(0, cols - 1), ctx.randInt(0, rows - 1))];
  visited[stack[0]] = 1;
  while (stack.length) {
    const c = stack[stack.length - 1], x = c % cols, y = Math.floor(c / cols);
    const opts = [];
    for (const d of DIR_LIST) {
      const nx = x + DIRS[d][0], ny = y + DIRS[d][1];
      if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && !visited[idx(nx, ny)]) opts.push(d);
    }
    if (!opts.length) {
      stack.pop();
      continue;
    }
    const d = ctx.pick(opts), n = idx(x + DIRS[d][0], y + DIRS[d][1]);
    cells[c] |= DIRS[d][2];
    cells[n] |= DIRS[OPP[d]][2];
    visited[n] = 1;
    stack.push(n);
  }
  // Knock out extra walls so there are loops: with enemies a perfect maze is a death trap.
  const extra = Math.round((cols * rows * P.loops) / 100);
  for (let k = 0, tries = 0; k < extra && tries < extra * 20; tries++) {
    const x = ctx.randInt(0, cols - 1), y = ctx.randInt(0, rows - 1), d = ctx.pick(["right", "down"]);
    const nx = x + DIRS[d][0], ny = y + DIRS[d][1];
    if (nx >= cols || ny >= rows || canMove(x, y, d)) continue;
    cells[idx(x, y)] |= DIRS[d][2];
    cells[idx(nx, ny)] |= DIRS[OPP[d]][2];
    k++;
  }
}

// Breadth-first path distances from (sx, sy) into `out`.
function bfs(sx, sy, out) {
  out.fill(-1);
  const q = [idx(sx, sy)];
  out[q[0]] = 0;
  for (let h = 0; h < q.length; h++) {
    const c = q[h], x = c % cols, y = Math.floor(c / cols);
    for (const d of DIR_LIST) {
      if (!(cells[c] & DIRS[d][2])) continue;
      const n = idx(x + DIRS[d][0], y + DIRS[d][1]);
      if (out[n] < 0) {
        out[n] = out[c] + 1;
        q.push(n);
      }
    }
  }
}

// The walls as one sprite: U sprite pixels per cell (1 wall + U-1 floor), drawn at scale S.
function renderMaze(ctx) {
  const sw = cols * U + 1, sh = rows * U + 1;
  const g = [];
  for (let y = 0; y < sh; y++) g.push(new Array(sw).fill("."));
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const c = cells[idx(x, y)];
      for (let k = 0; k <= U; k++) {
        if (!(c & 1)) g[y * U][x * U + k] = "W";
        if (!(c & 8)) g[y * U + k][x * U] = "W";
      }
      g[y * U][x * U] = "W";
    }
  }
  for (let k = 0; k < sw; k++) g[sh - 1][k] = "W";
  for (let k = 0; k < sh; k++) g[k][sw - 1] = "W";
  // a one-pixel shadow under every wall gives the walls some height
  for (let y = sh - 1; y > 0; y--) for (let x = 0; x < sw; x++) if (g[y][x] === "." && g[y - 1][x] === "W") g[y][x] = "S";
  ctx.sprite.define("maze-walls", g.map((r) => r.join("")), { W: rgb(C.primary), S: rgb(mix(C.floor, BLACK, 0.35)) });
}

// Fog of war: one sprite pixel per cell (plus the outer wall), scale = cell pitch.
function updateFog(ctx) {
  if (!P.fog) return;
  const v = P.vision;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const dx = x - player.x, dy = y - player.y;
      if (dx * dx + dy * dy <= v * v + 0.5) seen[idx(x, y)] = 2;
      else if (seen[idx(x, y)] === 2) seen[idx(x, y)] = 1;
    }
  }
  const out = [];
  for (let y = 0; y <= rows; y++) {
    let row = "";
    for (let x = 0; x <= cols; x++) {
      const s = seen[idx(Math.min(x, cols - 1), Math.min(y, rows - 1))];
      row += s === 2 ? "." : s === 1 ? "m" : "#";
    }
    out.push(row);
  }
  const dark = mix(C.bg, BLACK, 0.3);
  ctx.sprite.define("maze-fog", out, { "#": rgb(dark), m: rgb(dark, 0.6) });
}

// ---------- levels ----------
function startLevel(ctx) {
  rows = Math.min(MAX_ROWS, P.mazeSize + (level - 1) * P.growth);
  cols = Math.min(MAX_COLS, Math.round(rows * 1.9));
  U = rows <= 8 ? 6 : rows <= 14 ? 5 : 4;
  S = Math.max(1, Math.min(Math.floor(AREA.w / (cols * U + 1)), Math.floor(AREA.h / (rows * U + 1))));
  pitch = U * S;
  ox = AREA.x + Math.floor((AREA.w - (cols * U + 1) * S) / 2);
  oy = AREA.y + Math.floor((AREA.h - (rows * U + 1) * S) / 2);
  carve(ctx);
  dist = new Int16Array(cols * rows);
  seen = new Uint8Array(cols * rows);

  // start top-left, goal at the farthest cell by path
  bfs(0, 0, dist);
  let far = 0;
  for (let i = 0; i < dist.length; i++) if (dist[i] > dist[far]) far = i;
  goal = { x: far % cols, y: Math.floor(far / cols) };
  pathLen = dist[far];
  const fromStart = Int16Array.from(dist);

  // items: dead ends first (exploring them is the fun), never on the start or the goal
  const free = [];
  for (let i = 1; i < cols * rows; i++) if (i !== far) free.push(i);
  ctx.shuffle(free);
  const deadEnds = free.filter((i) => exitsOf(i % cols, Math.floor(i / cols)).length === 1);
  const pool = deadEnds.concat(free.filter((i) => deadEnds.indexOf(i) < 0));
  itemTotal = Math.min(P.items, Math.floor(cols * rows * 0.4));
  items = pool.slice(0, itemTotal).map((i) => ({ x: i % cols, y: Math.floor(i / cols), got: false, ph: ctx.random() * 6 }));
  gotItems = 0;

  // enemies start far from the player, spread over the maze
  enemies = [];
  const spots = free.filter((i) => fromStart[i] >= Math.max(4, Math.floor(pathLen * 0.4)));
  for (let k = 0; k < P.enemies && spots.length; k++) {
    const i = spots.splice(Math.floor(ctx.random() * spots.length), 1)[0];
    const e = { x: i % cols, y: Math.floor(i / cols), hx: 0, hy: 0, tx: 0, ty: 0, t: 0, dir: "up" };
    e.hx = e.tx = e.x;
    e.hy = e.ty = e.y;
    enemies.push(e);
  }

  player = { x: 0, y: 0, tx: 0, ty: 0, t: 0, face: "right", bump: 0 };
  keyOrder = [];
  buffer = { d: null, t: 0 };
  runDir = null;
  follow = false;
  levelTime = 0;
  invuln = 0;
  bfs(0, 0, dist);
  renderMaze(ctx);
  updateFog(ctx);
  banner = level > 1 ? ctx.t("Level {level} of {levels}", { level, levels: P.levels }) : "";
  bannerT = level > 1 ? 1.6 : 0;
  if (level > 1) ctx.event("level", { level, rows, cols });
}

function setup(ctx) {
  P = readParams(ctx.params);
  const pal = (ctx.params && ctx.params.palette) || {};
  const bg = parseHex(pal.background, "#141b2d");
  const primary = parseHex(pal.primary, "#5b8def");
  const accent = parseHex(pal.accent, "#ffd43b");
  const text = parseHex(pal.text, "#f1f5f9");
  C = { bg, primary, accent, text, muted: mix(text, bg, 0.45), panel: mix(bg, text, 0.07), floor: mix(bg, text, 0.06), bad: [255, 90, 95] };
  defineArt(ctx, "maze-player", P.playerSprite, P.playerArt);
  defineArt(ctx, "maze-goal", P.goalSprite, P.goalArt);
  defineArt(ctx, "maze-item", P.itemSprite, P.itemArt);
  defineArt(ctx, "maze-enemy", P.enemySprite, P.enemyArt);
  defineArt(ctx, "maze-heart", "heart");
  level = 1;
  lives = P.lives;
  particles = [];
  msg = "";
  msgT = 0;
  ptrStart = null;
  ptrT = 0;
  swiped = false;
  endInfo = null;
  best = ctx.store.get("maze:best", 0);
  state = "ready";
  stateT = 0;
  ctx.score.set(0);
  startLevel(ctx);
}

// ---------- movement ----------
function cellPx(x, y) {
  return { x: ox + (x * U + (U + 1) / 2) * S, y: oy + (y * U + (U + 1) / 2) * S };
}
function playerPos() {
  return { x: player.x + (player.tx - player.x) * player.t, y: player.y + (player.ty - player.y) * player.t };
}
function towards(px, py) {
  const p = playerPos(), c = cellPx(p.x, p.y);
  const dx = px - c.x, dy = py - c.y;
  if (Math.max(Math.abs(dx), Math.abs(dy)) < pitch * 0.5) return null;
  const h = dx < 0 ? "left" : "right", v = dy < 0 ? "up" : "down";
  const order = Math.abs(dx) >= Math.abs(dy) ? [h, v] : [v, h];
  const minor = Math.min(Math.abs(dx), Math.abs(dy));
  if (canMove(player.x, player.y, order[0])) return order[0];
  if (minor > pitch * 0.3 && canMove(player.x, player.y, order[1])) return order[1];
  return order[0];
}

function chooseDir(ctx) {
  const inp = ctx.input;
  if (buffer.t > 0 && buffer.d && canMove(player.x, player.y, buffer.d)) {
    const d = buffer.d;
    buffer.d = null;
    return d;
  }
  for (const d of keyOrder) if (inp.down(d) && canMove(player.x, player.y, d)) return d;
  if (follow && inp.pointer.down) {
    const d = towards(inp.pointer.x, inp.pointer.y);
    return d && canMove(player.x, player.y, d) ? d : null;
  }
  if (runDir) {
    // run along the corridor (round bends) and stop at a junction or a dead end
    if (runFresh) {
      runFresh = false;
      if (canMove(player.x, player.y, runDir)) return runDir;
      runDir = null;
      return null;
    }
    const ex = exitsOf(player.x, player.y).filter((d) => d !== OPP[runDir]);
    if (ex.length === 1) {
      runDir = ex[0];
      return runDir;
    }
    runDir = null;
  }
  return null;
}

function movePlayer(ctx, dt) {
  let budget = dt * P.playerSpeed;
  for (let guard = 0; guard < 4 && budget > 0 && state === "play"; guard++) {
    if (player.tx === player.x && player.ty === player.y) {
      const d = chooseDir(ctx);
      if (!d) break;
      player.face = d;
      player.tx = player.x + DIRS[d][0];
      player.ty = player.y + DIRS[d][1];
      player.t = 0;
    }
    const step = Math.min(budget, 1 - player.t);
    player.t += step;
    budget -= step;
    if (player.t >= 1) {
      player.x = player.tx;
      player.y = player.ty;
      player.t = 0;
      arrive(ctx);
    }
  }
}

function burst(x, y, color, n) {
  for (let i = 0; i < n && particles.length < 80; i++) {
    const a = (i / n) * Math.PI * 2, sp = 50 + (i % 4) * 25;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.6, color });
  }
}

function arrive(ctx) {
  bfs(player.x, player.y, dist);
  updateFog(ctx);
  for (const it of items) {
    if (!it.got && it.x === player.x && it.y === player.y) {
      it.got = true;
      gotItems++;
      ctx.score.add(10);
      const c = cellPx(it.x, it.y);
      burst(c.x, c.y, C.accent, 8);
      ctx.sound.effect("coin");
      if (P.mustCollect && gotItems === itemTotal) say(ctx.t("All {items} found: the {goal} is open!", { items: plural(P.itemName, 2), goal: P.goalName }), 2);
    }
  }
  if (player.x === goal.x && player.y === goal.y) {
    if (P.mustCollect && gotItems < itemTotal) {
      const left = itemTotal - gotItems;
      say(ctx.t("Find {n} more {items} first!", { n: left, items: plural(P.itemName, left) }), 1.6);
      ctx.sound.tone(180, 120, { type: "square", volume: 0.08 });
    } else clearLevel(ctx);
  }
}

function say(text, t) {
  msg = text;
  msgT = t;
}

function clearLevel(ctx) {
  const par = pathLen / P.playerSpeed * 2.5 + 5;
  const left = P.timeLimit > 0 ? P.timeLimit - levelTime : par - levelTime;
  const bonus = 100 + 25 * level + Math.max(0, Math.ceil(left)) * 5;
  ctx.score.add(bonus);
  const c = cellPx(goal.x, goal.y);
  burst(c.x, c.y, C.accent, 20);
  burst(c.x, c.y, C.text, 12);
  ctx.sound.effect("win");
  if (level >= P.levels) {
    const names = { player: P.playerName, goal: P.goalName, n: P.levels };
    finish(ctx, true, P.levels > 1 ? ctx.t("The {player} found the {goal} in all {n} mazes!", names) : ctx.t("The {player} found the {goal}!", names));
    return;
  }
  state = "clear";
  stateT = 0;
  say(ctx.t("+{bonus}  Level {level} cleared!", { bonus, level }), 1.6);
}

function hurt(ctx, why) {
  lives--;
  ctx.sound.effect("hit");
  const p = playerPos(), c = cellPx(p.x, p.y);
  burst(c.x, c.y, C.bad, 16);
  if (lives <= 0) {
    finish(ctx, false, why);
    return;
  }
  say(ctx.t(lives === 1 ? "{why} {n} life left" : "{why} {n} lives left", { why, n: lives }), 1.8);
  player = { x: 0, y: 0, tx: 0, ty: 0, t: 0, face: "right", bump: 0 };
  runDir = null;
  follow = false;
  invuln = 2;
  for (const e of enemies) {
    e.x = e.tx = e.hx;
    e.y = e.ty = e.hy;
    e.t = 0;
  }
  bfs(0, 0, dist);
  updateFog(ctx);
}

function finish(ctx, won, text) {
  state = "over";
  stateT = 0;
  const sc = ctx.score.get();
  if (sc > best) {
    best = sc;
    ctx.store.set("maze:best", sc);
  }
  // update() stops after gameOver; draw() times the "play again" prompt from ctx.time
  endInfo = { won, text, at: ctx.time };
  ctx.sound.effect(won ? "win" : "lose");
  ctx.gameOver({ won, message: ctx.t("{text} Score {score}.", { text, score: sc }) });
}

function moveEnemies(ctx, dt) {
  const speed = P.enemySpeed * (1 + 0.08 * (level - 1));
  const chase = 8 + level * 2;
  for (const e of enemies) {
    let budget = dt * speed;
    for (let guard = 0; guard < 4 && budget > 0; guard++) {
      if (e.tx === e.x && e.ty === e.y) {
        const ex = exitsOf(e.x, e.y);
        if (!ex.length) break;
        const here = dist[idx(e.x, e.y)];
        let d;
        if (here >= 0 && here <= chase && ctx.random() < 0.85) {
          d = ex.find((k) => dist[idx(e.x + DIRS[k][0], e.y + DIRS[k][1])] < here) || ctx.pick(ex);
        } else {
          const fwd = ex.filter((k) => k !== OPP[e.dir]);
          d = ctx.pick(fwd.length ? fwd : ex);
        }
        e.dir = d;
        e.tx = e.x + DIRS[d][0];
        e.ty = e.y + DIRS[d][1];
        e.t = 0;
      }
      const step = Math.min(budget, 1 - e.t);
      e.t += step;
      budget -= step;
      if (e.t >= 1) {
        e.x = e.tx;
        e.y = e.ty;
        e.t = 0;
      }
    }
  }
}

// ---------- update ----------
function handleInput(ctx) {
  const inp = ctx.input, ptr = inp.pointer;
  let acted = false;
  for (const d of DIR_LIST) {
    if (inp.pressed(d)) {
      keyOrder = [d].concat(keyOrder.filter((k) => k !== d));
      buffer = { d, t: 0.25 };
      runDir = null;
      follow = false;
      acted = true;
    }
  }
  if (inp.pressed("action")) acted = true;
  if (ptr.pressed) {
    ptrStart = { x: ptr.x, y: ptr.y };
    ptrT = 0;
    swiped = false;
    follow = false;
    const d = towards(ptr.x, ptr.y);
    runDir = d;
    runFresh = true;
    acted = true;
  } else if (ptrStart && ptr.down) {
    const dx = ptr.x - ptrStart.x, dy = ptr.y - ptrStart.y;
    if (!swiped && !follow && dx * dx + dy * dy > 26 * 26) {
      // a quick drag is a swipe: run that way along the corridor
      swiped = true;
      runDir = Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? "left" : "right") : dy < 0 ? "up" : "down";
      runFresh = true;
    } else if (!swiped && ptrT > 0.25) {
      // holding: walk toward the finger
      follow = true;
      runDir = null;
    }
  }
  if (ptr.released) {
    ptrStart = null;
    follow = false;
  }
  return acted;
}

function update(ctx, dt) {
  stateT += dt;
  ptrT += dt;
  buffer.t = Math.max(0, buffer.t - dt);
  msgT = Math.max(0, msgT - dt);
  bannerT = Math.max(0, bannerT - dt);
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);
  const acted = handleInput(ctx);

  if (state === "ready") {
    if (acted) {
      state = "play";
      stateT = 0;
      ctx.sound.effect("click");
    } else return;
  }
  if (state === "clear") {
    if (stateT > 1.6 || (stateT > 0.5 && (ctx.input.pointer.pressed || ctx.input.pressed("action")))) {
      level++;
      state = "play";
      stateT = 0;
      startLevel(ctx);
    }
    return;
  }
  if (state !== "play") return;

  levelTime += dt;
  invuln = Math.max(0, invuln - dt);
  movePlayer(ctx, dt);
  if (state !== "play") return;
  moveEnemies(ctx, dt);
  if (invuln <= 0) {
    const p = playerPos();
    for (const e of enemies) {
      const ex = e.x + (e.tx - e.x) * e.t, ey = e.y + (e.ty - e.y) * e.t;
      // also catch a head-on swap of cells within one long frame
      const swap = e.x === player.tx && e.y === player.ty && e.tx === player.x && e.ty === player.y && (e.t > 0.5 || player.t > 0.5);
      if (swap || Math.abs(ex - p.x) + Math.abs(ey - p.y) < 0.6) {
        hurt(ctx, ctx.t("Caught by the {enemy}!", { enemy: P.enemyName }));
        return;
      }
    }
  }
  if (P.timeLimit > 0 && levelTime >= P.timeLimit) {
    levelTime = 0;
    hurt(ctx, ctx.t("Time's up!"));
  }
}

// ---------- draw ----------
function drawSprite(ctx, name, cx, cy, bob) {
  const k = Math.max(1, Math.floor(((U - 1) * S * 0.85) / 8));
  drawInBox(ctx, name, Math.round(cx - 4 * k), Math.round(cy - 4 * k + bob), 8 * k);
}

// Draws a sprite as large as fits the box x box square at (x, y), centred. A built-in 8x8 look
// lands exactly where `draw(name, x, y, box / 8)` puts it; art of another size is fitted to it.
function drawInBox(ctx, name, x, y, box) {
  const s = ctx.sprite.size(name), k = box / Math.max(s.w, s.h);
  ctx.sprite.draw(name, x + (box - s.w * k) / 2, y + (box - s.h * k) / 2, k);
}

function clock(s) {
  s = Math.max(0, Math.ceil(s));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function drawHud(ctx) {
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.primary, 0.5), 2);
  const tt = fitText(ctx, P.title, 16, 190, true);
  ctx.text(tt.s, 10, 16, { size: tt.size, color: rgb(C.text), bold: true });
  let x = 214;
  ctx.text(ctx.t("Level {level}/{levels}", { level, levels: P.levels }), x, 16, { size: 13, color: rgb(C.text), bold: true });
  x += 84;
  if (itemTotal > 0) {
    drawInBox(ctx, "maze-item", x, 8, 16);
    ctx.text(`${gotItems}/${itemTotal}`, x + 20, 16, { size: 13, color: rgb(C.text) });
    x += 64;
  }
  const tl = P.timeLimit > 0 ? P.timeLimit - levelTime : levelTime;
  const hurry = P.timeLimit > 0 && tl < 10;
  ctx.strokeCircle(x + 7, 16, 6, rgb(hurry ? C.bad : C.muted), 2);
  ctx.line(x + 7, 16, x + 7, 12, rgb(hurry ? C.bad : C.muted), 2);
  ctx.text(clock(tl), x + 18, 16, { size: 13, color: rgb(hurry ? C.bad : C.text), bold: hurry });
  const shown = Math.min(lives, 5);
  for (let i = 0; i < shown; i++) ctx.sprite.draw("maze-heart", 478 + i * 14, 9, 1.75);
  if (lives > 5) ctx.text(`x${lives}`, 478 + shown * 14, 16, { size: 11, color: rgb(C.muted) });
  ctx.text(String(ctx.score.get()), W - 10, 16, { size: 16, color: rgb(C.accent), align: "right", bold: true });
}

function panel(ctx, lines, y) {
  const h = 26 + lines.length * 24;
  ctx.roundRect(W / 2 - 230, y, 460, h, 12, rgb(C.bg, 0.9));
  ctx.strokeRect(W / 2 - 230, y, 460, h, rgb(C.primary, 0.7), 2);
  lines.forEach((l, i) => {
    const f = fitText(ctx, l[0], l[1], 440, i === 0);
    ctx.text(f.s, W / 2, y + 24 + i * 24, { size: f.size, color: rgb(l[2]), align: "center", bold: i === 0 });
  });
}

function draw(ctx) {
  const t = ctx.time;
  ctx.clear(rgb(C.bg));
  ctx.rect(ox, oy, (cols * U + 1) * S, (rows * U + 1) * S, rgb(C.floor));
  ctx.sprite.draw("maze-walls", ox, oy, S);

  // goal: a pulsing glow, dimmed while locked
  const g = cellPx(goal.x, goal.y);
  const locked = P.mustCollect && gotItems < itemTotal;
  ctx.circle(g.x, g.y, pitch * (0.42 + 0.08 * Math.sin(t * 4)), rgb(locked ? C.muted : C.accent, 0.25));
  drawSprite(ctx, "maze-goal", g.x, g.y, 0);
  if (locked) ctx.circle(g.x, g.y, pitch * 0.4, rgb(C.bg, 0.45));

  for (const it of items) {
    if (it.got) continue;
    const c = cellPx(it.x, it.y);
    drawSprite(ctx, "maze-item", c.x, c.y, Math.round(Math.sin(t * 4 + it.ph) * Math.max(1, S / 3)));
  }
  for (const e of enemies) {
    const c = cellPx(e.x + (e.tx - e.x) * e.t, e.y + (e.ty - e.y) * e.t);
    ctx.circle(c.x, c.y, pitch * 0.42, rgb(C.bad, 0.18 + 0.08 * Math.sin(t * 6)));
    drawSprite(ctx, "maze-enemy", c.x, c.y, 0);
  }
  if (P.fog) ctx.sprite.draw("maze-fog", ox, oy, pitch);

  // the player, on top of the fog, blinking while invulnerable
  const pp = playerPos(), pc = cellPx(pp.x, pp.y);
  if (!(invuln > 0 && Math.floor(t * 10) % 2 === 0)) {
    ctx.circle(pc.x, pc.y, pitch * 0.45, rgb(C.text, state === "ready" ? 0.18 + 0.12 * Math.sin(t * 5) : 0.14));
    drawSprite(ctx, "maze-player", pc.x, pc.y, 0);
  }
  for (const p of particles) ctx.circle(p.x, p.y, Math.max(1, 3 * p.life * 1.6), rgb(p.color, Math.min(1, p.life * 2)));

  drawHud(ctx);

  const who = cap(P.playerName);
  if (state === "ready") {
    const lines = [[ctx.t("Help the {player} find the {goal}!", { player: P.playerName, goal: P.goalName }), 20, C.accent]];
    const extra = [];
    if (itemTotal > 0) extra.push(ctx.t(P.mustCollect ? "collect all the {items}" : "grab the {items}", { items: plural(P.itemName, 2) }));
    if (enemies.length) extra.push(ctx.t("dodge the {enemies}", { enemies: plural(P.enemyName, enemies.length) }));
    if (extra.length) {
      const list = cap(extra.join(", "));
      lines.push([P.fog ? ctx.t("{list} in the dark", { list }) : list, 15, C.text]);
    }
    lines.push([ctx.t("Arrows / WASD, or tap, swipe or hold toward a path"), 14, C.muted]);
    lines.push([Math.floor(t * 2) % 2 ? ctx.t("Press a direction or tap to start") : "", 14, C.text]);
    panel(ctx, lines, H - 150);
  } else if (state === "over" && endInfo) {
    ctx.rect(0, 0, W, H, rgb(C.bg, 0.55));
    panel(ctx, [
      [ctx.t(endInfo.won ? "You win!" : "Game over"), 26, endInfo.won ? C.accent : C.bad],
      [endInfo.text, 15, C.text],
      [ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }), 15, C.text],
      [t - endInfo.at > 0.8 ? ctx.t("Press Space or tap to play again") : "", 13, C.muted],
    ], H / 2 - 70);
    if (t - endInfo.at > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
  }
  if (bannerT > 0 && state === "play") {
    const a = Math.min(1, bannerT * 2);
    ctx.roundRect(W / 2 - 110, 50, 220, 34, 10, rgb(C.bg, 0.8 * a));
    ctx.text(banner, W / 2, 67, { size: 18, color: rgb(C.accent, a), align: "center", bold: true });
  }
  if (msgT > 0 && state !== "over") {
    const a = Math.min(1, msgT * 2);
    const f = fitText(ctx, msg, 15, W - 80, true);
    const w = Math.min(W - 40, ctx.measureText(f.s, f.size) * 1.1 + 30);
    ctx.roundRect(W / 2 - w / 2, H - 44, w, 30, 10, rgb(C.bg, 0.85 * a));
    ctx.text(f.s, W / 2, H - 29, { size: f.size, color: rgb(C.text, a), align: "center", bold: true });
  }
  if (who && state === "play" && stateT < 1.2 && level === 1) {
    ctx.text(ctx.t("Go, {name}!", { name: who }), pc.x + pitch * 0.6, pc.y - pitch * 0.5, { size: 12, color: rgb(C.text, 1 - stateT / 1.2), bold: true });
  }
}

aimini.game({ setup, update, draw, strings: STRINGS });
