// Platformer: aimini template "platformer" (runtime aimini-runtime/1).
// Side-view jump and run: run right through generated levels, jump over hazards and pits, stomp or
// avoid patrolling enemies, grab the collectibles and touch the goal to clear the level.
// Keyboard: Left/Right (A/D) run, Space/Up/W jump (hold for higher), Down drops through thin platforms.
// Pointer & touch: hold left or right of the hero to run; tap above the hero (or swipe up) to jump.

const T = 24; // tile size: level layout is in tiles
const HUD_H = 28;
const MAX_PARTICLES = 60;
const COYOTE = 0.1; // seconds after leaving a ledge in which a jump still counts
const BUFFER = 0.13; // seconds a jump press is remembered before landing
const INVULN = 1.5;

let P, W, H, V0, SPR;
let level, levelW, solids, plats, hazards, enemies, items, spawns, goal;
let pl, camX, lives, state, stateTimer, overAt, best, newBest, collected, totalItems;
let particles, popups, shake, touch, titleTime;

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

// "auto" styles are guessed from the free-text names (the local model writes names, not enums):
// a style wins when one of its word stems starts a word of the text ("cacti" -> "cact").
function guess(text, table, def) {
  const t = " " + String(text).toLowerCase().replace(/[^a-z0-9]+/g, " ");
  for (const [style, words] of table) if (words.some((w) => t.indexOf(" " + w) >= 0)) return style;
  return def;
}
const PLAYER_WORDS = [["cat", ["cat", "kitt", "kitten"]], ["dog", ["dog", "pup"]], ["fox", ["fox"]], ["frog", ["frog", "toad"]],
  ["bunny", ["bunn", "rabbit", "hare"]], ["robot", ["robot", "bot", "android", "droid", "cyborg"]], ["knight", ["knight", "warrior", "soldier", "princ", "king", "queen"]],
  ["ninja", ["ninja", "samurai", "thief"]], ["dino", ["dino", "rex", "raptor", "lizard", "dragon"]], ["bird", ["bird", "chick", "duck", "penguin", "owl"]]];
const ITEM_WORDS = [["star", ["star"]], ["gem", ["gem", "jewel", "diamond", "crystal", "ruby", "emerald"]], ["acorn", ["acorn", "nut"]],
  ["apple", ["apple", "fruit", "cherr", "berr", "orange", "banana"]], ["bone", ["bone"]], ["fish", ["fish", "sardine"]], ["carrot", ["carrot", "veg"]],
  ["mushroom", ["mushroom", "shroom"]], ["cookie", ["cookie", "candy", "candies", "sweet", "donut", "cake", "treat"]], ["coin", ["coin", "gold", "money", "cash"]]];
const HAZARD_WORDS = [["cactus", ["cact", "desert"]], ["fire", ["fire", "flame", "lava", "torch", "ember"]], ["thorns", ["thorn", "bramble", "brier", "rose", "bush", "vine"]],
  ["saw", ["saw", "blade", "gear", "robot", "space", "factory"]], ["crystal", ["crystal", "gem", "cave"]], ["ice", ["ice", "icicle", "snow", "frost", "winter", "frozen"]], ["spikes", ["spike", "nail", "needle"]]];
const ENEMY_WORDS = [["mushroom", ["mushroom", "goomba", "shroom", "fung"]], ["ghost", ["ghost", "spirit", "phantom", "spook", "hallow"]],
  ["robot", ["robot", "drone", "bot", "droid", "machine", "space"]], ["crab", ["crab", "lobster", "ocean", "beach", "sea"]], ["snail", ["snail", "slug"]],
  ["bat", ["bat", "vampire"]], ["beetle", ["beetle", "bug", "ant", "spider", "insect", "roach", "scorpion"]], ["slime", ["slime", "blob", "goo", "jelly"]]];
const GROUND_WORDS = [["sand", ["desert", "sand", "cact", "beach", "egypt", "pyramid"]], ["snow", ["snow", "ice", "winter", "frozen", "christmas", "arctic", "penguin"]],
  ["metal", ["space", "robot", "factory", "tech", "cyber", "station", "neon"]], ["stone", ["cave", "castle", "dungeon", "mine", "temple", "stone", "rock"]],
  ["candy", ["candy", "sweet", "cake", "chocolate", "cookie", "dessert"]], ["grass", ["grass", "forest", "jungle", "garden", "hill", "meadow"]]];
const GROUNDS = {
  grass: ["#4ade80", "#8b5a2b", "#6b4220"], sand: ["#fcd34d", "#d97706", "#b45309"], snow: ["#f1f5f9", "#64748b", "#475569"],
  stone: ["#a8a29e", "#57534e", "#44403c"], candy: ["#f9a8d4", "#92400e", "#78350f"], metal: ["#cbd5e1", "#475569", "#334155"],
};

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "hero": "héroe",
    "coins": "monedas",
    "spikes": "pinchos",
    "slimes": "limos",
    "Last life!": "¡Última vida!",
    "{n} lives left": "Quedan {n} vidas",
    "Ouch! {n} life left": "¡Ay! Queda {n} vida",
    "Ouch! {n} lives left": "¡Ay! Quedan {n} vidas",
    "Level clear! +{bonus}": "¡Nivel superado! +{bonus}",
    "Level {level}/{levels}": "Nivel {level}/{levels}",
    "You cleared all {levels} levels with {n} {items} and {score} points!": "¡Superaste los {levels} niveles con {n} {items} y {score} puntos!",
    "Level {level}": "Nivel {level}",
    "The {player} reached level {level} with {n} {items}: {score} points.": "¡Bien jugado, {player}! Nivel {level}, {n} {items}: {score} puntos.",
    "Grab the {items}, jump over the {hazards},": "¡Recoge {items}, salta {hazards},",
    "stomp the {enemies} and {reach}": "aplasta {enemies} y {reach}",
    "dodge the {enemies} and {reach}": "esquiva {enemies} y {reach}",
    "and {reach}": "y {reach}",
    "reach the flag!": "llega a la bandera!",
    "reach the door!": "llega a la puerta!",
    "reach the portal!": "llega al portal!",
    "reach the trophy!": "llega al trofeo!",
    "Arrows / WASD run, Space or Up jump (hold = higher)": "Flechas/WASD: correr, Espacio o ↑: saltar (mantén: más alto)",
    "Touch: hold beside the {player} to run, tap above it to jump": "Táctil: mantén junto a {player} = correr, toca encima = saltar",
    "Press Space or tap to start": "Pulsa Espacio o toca para empezar",
    "Run right! →": "¡Corre a la derecha! →",
    "You win!": "¡Ganaste!",
    "Game over": "Fin del juego",
    "Score {score}   {items} {n}   Level {level}/{levels}": "Puntos {score}   {items} {n}   Nivel {level}/{levels}",
    "New best score!": "¡Nuevo récord!",
    "Best {best}": "Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para jugar otra vez",
  },
  fr: {
    "hero": "héros",
    "coins": "pièces",
    "spikes": "pics",
    "slimes": "gluants",
    "Last life!": "Dernière vie !",
    "{n} lives left": "Plus que {n} vies",
    "Ouch! {n} life left": "Aïe ! Plus que {n} vie",
    "Ouch! {n} lives left": "Aïe ! Plus que {n} vies",
    "Level clear! +{bonus}": "Niveau terminé ! +{bonus}",
    "Level {level}/{levels}": "Niveau {level}/{levels}",
    "You cleared all {levels} levels with {n} {items} and {score} points!": "Tu as fini les {levels} niveaux avec {n} {items} et {score} points !",
    "Level {level}": "Niveau {level}",
    "The {player} reached level {level} with {n} {items}: {score} points.": "Bien joué, {player} ! Niveau {level}, {n} {items} : {score} points.",
    "Grab the {items}, jump over the {hazards},": "Ramasse les {items}, saute par-dessus les {hazards},",
    "stomp the {enemies} and {reach}": "écrase les {enemies} et {reach}",
    "dodge the {enemies} and {reach}": "évite les {enemies} et {reach}",
    "and {reach}": "et {reach}",
    "reach the flag!": "atteins le drapeau !",
    "reach the door!": "atteins la porte !",
    "reach the portal!": "atteins le portail !",
    "reach the trophy!": "atteins le trophée !",
    "Arrows / WASD run, Space or Up jump (hold = higher)": "Flèches/ZQSD : courir, Espace ou ↑ : sauter (long = plus haut)",
    "Touch: hold beside the {player} to run, tap above it to jump": "Tactile : appui près de {player} = courir, au-dessus = sauter",
    "Press Space or tap to start": "Appuie sur Espace ou touche pour commencer",
    "Run right! →": "Cours vers la droite ! →",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Score {score}   {items} {n}   Level {level}/{levels}": "Score {score}   {items} {n}   Niveau {level}/{levels}",
    "New best score!": "Nouveau record !",
    "Best {best}": "Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "hero": "Held",
    "coins": "Münzen",
    "spikes": "Stacheln",
    "slimes": "Schleime",
    "Last life!": "Letztes Leben!",
    "{n} lives left": "Noch {n} Leben",
    "Ouch! {n} life left": "Autsch! Noch {n} Leben",
    "Ouch! {n} lives left": "Autsch! Noch {n} Leben",
    "Level clear! +{bonus}": "Stufe geschafft! +{bonus}",
    "Level {level}/{levels}": "Stufe {level}/{levels}",
    "You cleared all {levels} levels with {n} {items} and {score} points!": "Alle {levels} Stufen geschafft, mit {n} {items} und {score} Punkten!",
    "Level {level}": "Stufe {level}",
    "The {player} reached level {level} with {n} {items}: {score} points.": "Gut gemacht, {player}! Stufe {level}, {n} {items}: {score} Punkte.",
    "Grab the {items}, jump over the {hazards},": "Schnapp dir die {items}, spring über die {hazards},",
    "stomp the {enemies} and {reach}": "spring auf die {enemies} und {reach}",
    "dodge the {enemies} and {reach}": "weich den {enemies} aus und {reach}",
    "and {reach}": "und {reach}",
    "reach the flag!": "erreiche die Fahne!",
    "reach the door!": "erreiche die Tür!",
    "reach the portal!": "erreiche das Portal!",
    "reach the trophy!": "erreiche den Pokal!",
    "Arrows / WASD run, Space or Up jump (hold = higher)": "Pfeile/WASD: laufen, Leertaste/↑: springen (halten = höher)",
    "Touch: hold beside the {player} to run, tap above it to jump": "Touch: neben {player} halten = laufen, darüber tippen = springen",
    "Press Space or tap to start": "Leertaste oder tippen zum Starten",
    "Run right! →": "Lauf nach rechts! →",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Score {score}   {items} {n}   Level {level}/{levels}": "Punkte {score}   {items} {n}   Stufe {level}/{levels}",
    "New best score!": "Neuer Rekord!",
    "Best {best}": "Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für eine neue Runde",
  },
  pt: {
    "hero": "herói",
    "coins": "moedas",
    "spikes": "espinhos",
    "slimes": "gosmas",
    "Last life!": "Última vida!",
    "{n} lives left": "Restam {n} vidas",
    "Ouch! {n} life left": "Ai! Resta {n} vida",
    "Ouch! {n} lives left": "Ai! Restam {n} vidas",
    "Level clear! +{bonus}": "Nível concluído! +{bonus}",
    "Level {level}/{levels}": "Nível {level}/{levels}",
    "You cleared all {levels} levels with {n} {items} and {score} points!": "Você completou os {levels} níveis com {n} {items} e {score} pontos!",
    "Level {level}": "Nível {level}",
    "The {player} reached level {level} with {n} {items}: {score} points.": "Boa, {player}! Nível {level}, {n} {items}: {score} pontos.",
    "Grab the {items}, jump over the {hazards},": "Pegue {items}, pule {hazards},",
    "stomp the {enemies} and {reach}": "esmague {enemies} e {reach}",
    "dodge the {enemies} and {reach}": "desvie de {enemies} e {reach}",
    "and {reach}": "e {reach}",
    "reach the flag!": "alcance a bandeira!",
    "reach the door!": "alcance a porta!",
    "reach the portal!": "alcance o portal!",
    "reach the trophy!": "alcance o troféu!",
    "Arrows / WASD run, Space or Up jump (hold = higher)": "Setas/WASD: correr, Espaço ou ↑: pular (segure = mais alto)",
    "Touch: hold beside the {player} to run, tap above it to jump": "Toque: segure ao lado de {player} = correr, toque acima = pular",
    "Press Space or tap to start": "Aperte Espaço ou toque para começar",
    "Run right! →": "Corra para a direita! →",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Score {score}   {items} {n}   Level {level}/{levels}": "Pontos {score}   {items} {n}   Nível {level}/{levels}",
    "New best score!": "Novo recorde!",
    "Best {best}": "Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};
// The "reach the ..." end of the title screen's second line, per goal style.
const REACH = { flag: "reach the flag!", door: "reach the door!", portal: "reach the portal!", trophy: "reach the trophy!" };

function readParams(p) {
  p = obj(p);
  const pal = obj(p.palette), pr = obj(p.player), c = obj(p.collectibles), hz = obj(p.hazards), en = obj(p.enemies);
  const o = {
    title: str(p.title, "Jump Quest", 60), theme: str(p.theme, "grassy hills", 40),
    bg: col(pal.background, "#24457f"), primary: col(pal.primary, "#f97316"), accent: col(pal.accent, "#fde047"), text: col(pal.text, "#f8fafc"),
    playerName: str(pr.name, "hero", 24), itemName: str(c.name, "coins", 24), hazardName: str(hz.name, "spikes", 24), enemyName: str(en.name, "slimes", 24),
    itemPoints: int(c.points, 10, 1, 100), density: num(hz.density, 0.5, 0, 1),
    enemyCount: int(en.perLevel, 3, 0, 10), enemySpeed: num(en.speed, 55, 20, 160), stompable: en.stompable !== false,
    goalStyle: oneOf(p.goalStyle, ["flag", "door", "portal", "trophy"], "flag"),
    levels: int(p.levels, 3, 1, 8), levelLength: int(p.levelLength, 4, 2, 10), lives: int(p.lives, 3, 1, 9),
    runSpeed: num(p.runSpeed, 210, 140, 340), jumpHeight: num(p.jumpHeight, 105, 60, 170), gravity: num(p.gravity, 1500, 900, 2400),
    doubleJump: p.doubleJump === true, sprite: null,
  };
  cleanNames(o, [["playerName", "hero", PLAYER_WORDS], ["enemyName", "slimes", ENEMY_WORDS], ["hazardName", "spikes", HAZARD_WORDS], ["itemName", "coins", ITEM_WORDS]]);
  const ctxText = o.theme + " " + o.title;
  o.playerStyle = oneOf(pr.style, Object.keys(PLAYERS), "auto");
  if (o.playerStyle === "auto") o.playerStyle = guess(o.playerName, PLAYER_WORDS, "hero");
  o.itemStyle = oneOf(c.style, Object.keys(ITEMS), "auto");
  if (o.itemStyle === "auto") o.itemStyle = guess(o.itemName, ITEM_WORDS, "coin");
  o.hazardStyle = oneOf(hz.style, ["cactus", "spikes", "fire", "thorns", "saw", "crystal", "ice"], "auto");
  if (o.hazardStyle === "auto") o.hazardStyle = guess(o.hazardName, HAZARD_WORDS, guess(ctxText, HAZARD_WORDS, "spikes"));
  o.enemyStyle = oneOf(en.style, Object.keys(ENEMIES), "auto");
  if (o.enemyStyle === "auto") o.enemyStyle = guess(o.enemyName, ENEMY_WORDS, guess(ctxText, ENEMY_WORDS, "slime"));
  o.ground = oneOf(p.groundStyle, Object.keys(GROUNDS), "auto");
  if (o.ground === "auto") o.ground = guess(ctxText + " " + o.hazardName, GROUND_WORDS, { cactus: "sand", ice: "snow", saw: "metal", crystal: "stone" }[o.hazardStyle] || "grass");
  o.pits = oneOf(hz.pits, ["none", "void", "water", "lava"], "auto");
  if (o.pits === "auto") o.pits = o.hazardStyle === "fire" ? "lava" : /ocean|sea|beach|island|pirate|ice|winter|snow/.test(ctxText.toLowerCase()) ? "water" : "void";
  if (Array.isArray(pr.sprite)) {
    const rows = pr.sprite.filter((r) => typeof r === "string" && /^[.XAWK]{1,16}$/.test(r)).slice(0, 16);
    if (rows.length && rows.some((r) => /[XAWK]/.test(r))) {
      const w = Math.max.apply(null, rows.map((r) => r.length));
      o.sprite = rows.map((r) => r + ".".repeat(w - r.length));
    }
  }
  return o;
}

// ---------- pixel art (facing right; X main, A accent, W light, K dark) ----------
const QUAD = [".X..XXXXXXX.", ".XXXXXXXXXX.", "..XXXXXXXXX.", "..XWWWWWWXX.", "..XXXXXXXXX.", "..X.X...X.X.", "..K.K...K.K."];
const PLAYERS = {
  hero: ["...AAAAAA...", "..AAAAAAAAA.", "..KKWWWKW...", "..KWWWWKWWW.", "..KWWWWWWW..", "...WWWWWW...", "..XXXXXXXX..", ".WXXXXXXXXW.", ".WXXAXXAXXW.", "...XXXXXX...", "...XX..XX...", "..KKK..KKK.."],
  cat: [".......X...X", ".......XXXXX", ".......XKXKX", "X......XXAXX", "X.......XXX."].concat(QUAD),
  dog: ["......XXXX..", ".....KXXXXX.", ".....KXKXXXX", "X....KXXXXKK", ".X.....XXXX."].concat(QUAD),
  fox: [".......X..X.", ".......XXXX.", ".......XKXXX", "W......XWWWK", "WX......WW.."].concat(QUAD),
  frog: ["...WW...WW..", "..WKKW.WKKW.", "..XWWXXXWWX.", ".XXXXXXXXXXX", ".XXKXXXXXKXX", ".XXXKKKKKXX.", "..XXXXXXXX..", ".XWWWWWWWWX.", ".XWWWWWWWWX.", "..XXXXXXXX..", ".XX......XX.", "XXX......XXX"],
  bunny: ["......X.X...", "......X.X...", "......XAXA..", ".....XXXXX..", ".....XKXKX..", ".....XXAXX..", "..XXXXXXXX..", ".XXXXXXXXX..", "WXXWWWXXXX..", ".XXWWWXXXX..", "..XXXXXXX...", "..KK...KK..."],
  robot: [".....A......", ".....K......", "..KKKKKKKK..", "..KXXXXXXK..", "..KXAXXAXK..", "..KXXXXXXK..", "..KKKKKKKK..", ".KXXXXXXXXK.", "WKXAXAXAXKW.", ".KXXXXXXXXK.", "...KK..KK...", "..KKK..KKK.."],
  knight: ["...WWWWW....", "..WWWWWWW.A.", "..WKKKKKW.A.", "..WWWWWWW.A.", "...WWWWW..A.", "..XXXXXXX.W.", ".XXXAXXXXWW.", "WXXAAAXXX.W.", ".XXXAXXXX...", "..XXXXXXX...", "..XX...XX...", ".KKK...KKK.."],
  ninja: ["...KKKKKK...", "..KKKKKKKK..", "..KWWKWWKKAA", "..KKKKKKKK.A", "...KKKKKK...", "..XXXXXXXX..", ".KXXXXXXXXK.", ".KXAAAAAAXK.", "..XXXXXXXX..", "..XXX..XXX..", "..KK....KK..", ".KKK....KKK."],
  dino: [".......XXXX.", "......XXWKXX", "......XXXXXX", "......XXXAAA", "X.....XXX...", "XX...XXXXX..", ".XXXXXXXXXX.", "..XXXXXXXX..", "..XWWWWXX...", "..XXXXXXX...", "..XX..XX....", "..KK..KK...."],
  bird: ["............", "....XXXX....", "...XXXXXX...", "..XXXXWKXAA.", "..XXXXXXXAA.", "XXXXXXXXXX..", ".XXXWWWXXX..", "..XWWWWWXX..", "...XWWWXX...", "....XXXX....", "....A..A....", "...AA.AA...."],
};
const ITEMS = {
  coin: ["..KKKK..", ".KXXXXK.", "KXWXXXXK", "KXWXKXXK", "KXWXKXXK", "KXXXXXXK", ".KXXXXK.", "..KKKK.."],
  star: ["...XX...", "...XX...", "XXXXXXXX", ".XXWXXX.", "..XXXX..", ".XXXXXX.", ".XX..XX.", "X......X"],
  gem: ["..XXXX..", ".XWWXXX.", "XWWXXXXX", "XXXXXXXK", ".XXXXXK.", "..XXXK..", "...XK...", "........"],
  acorn: ["...K....", "..KKKK..", ".KAKAKK.", "KKKKKKKK", ".XXXXXX.", ".XWXXXX.", "..XXXX..", "...XX..."],
  apple: ["....K...", "...KA...", ".XXKXXX.", "XWXXXXXX", "XWXXXXXX", "XXXXXXXX", ".XXXXXX.", "..XX.X.."],
  bone: ["........", "WW....WW", "WWWWWWWW", ".WWWWWW.", "WWWWWWWW", "WW....WW", "........", "........"],
  fish: ["........", "...XXX..", "X.XXXXX.", "XXXXXKXX", "XXXXXXXX", "X.XXXXX.", "...XXX..", "........"],
  carrot: ["....A.A.", ".....AA.", "....XXA.", "...XXXX.", "..XXXX..", ".XXXX...", "XXX.....", "X......."],
  mushroom: ["..XXXX..", ".XWXXWX.", "XXXXXXXX", "XWXXXXWX", "..WWWW..", "..WKWK..", "..WWWW..", "........"],
  cookie: ["..XXXX..", ".XXKXXX.", "XXXXXXKX", "XKXXXXXX", "XXXXKXXX", "XXKXXXXX", ".XXXXKX.", "..XXXX.."],
};
const ITEM_COLORS = { acorn: ["#c68642", "#7c4a1e"], apple: ["#ef4444", "#3f1d0b", "#22c55e"], bone: ["#f1f5f9", "#94a3b8"], fish: ["#38bdf8", "#0f172a"],
  carrot: ["#fb923c", "#7c2d12", "#22c55e"], mushroom: ["#ef4444", "#1f2937", "#fde68a"], cookie: ["#d4a373", "#5b3a1e"] };
const ENEMIES = {
  slime: ["............", "....XXXX....", "..XXWXXXXX..", ".XXWXXXXXXX.", ".XXKWXXKWXX.", ".XXKKXXKKXX.", "XXXXXXXXXXXX", "XXXXKKKKXXXX", "XXXXXXXXXXXX", ".XXXXXXXXXX."],
  mushroom: ["....XXXX....", "..XXWXXXWX..", ".XWWXXXXXWX.", "XXXXXXWWXXXX", "XXXXXXXXXXXX", "..AAAAAAAA..", "..AKWAAKWA..", "..AAAAAAAA..", "...AAAAAA...", "..KK....KK.."],
  beetle: ["............", "....KKKK....", "..KXXXXXXK..", ".KXXWXXXXXK.", ".KXXXXKXXXKK", "KXXXXXKXXXWK", "KKKKKKKKKKKK", ".K.K..K.K...", "K.K..K.K....", "............"],
  ghost: ["....XXXX....", "..XXXXXXXX..", ".XXXXXXXXXX.", ".XXKKXXKKXX.", ".XXKKXXKKXX.", "XXXXXXXXXXXX", "XXXXXAAXXXXX", "XXXXXXXXXXXX", "XXXXXXXXXXXX", "X.XX.XX.XX.X"],
  robot: ["....KAK.....", "..KKKKKKK...", "..KXXXXXK...", "..KWKXWKK...", "..KXXXXXK...", ".KKKKKKKKK..", ".KXXAXAXXK..", ".KXXXXXXXK..", "..KK...KK...", ".KKK...KKK.."],
  crab: ["..W......W..", ".WK......KW.", "XX........XX", "XX.XXXXXX.XX", ".XXXXXXXXXX.", "..XXWXXWXX..", "..XXXXXXXX..", ".X.X....X.X.", "X..X....X..X", "............"],
  snail: ["..W.W.......", "..K.K.......", "..X.X.AAAA..", "..XXXAKKKAA.", "..XXAKAAKKA.", "..XXAKKAKAA.", "..XXXAAAAA..", "XXXXXXXXXXX.", ".XXXXXXXXXXX", "............"],
  bat: ["............", "X...KXXK...X", "XX.KXXXXK.XX", "XXXXWKKWXXXX", "XXXXXXXXXXXX", ".XX.XAAX.XX.", "X....XX....X", "............", "............", "............"],
};
const ENEMY_COLORS = { slime: ["#84cc16", "#1a2e05", "#f0fdf4"], mushroom: ["#dc2626", "#1c1917", "#fef2f2", "#fcd9a8"], beetle: ["#7c3aed", "#1e1b4b", "#e9d5ff"],
  ghost: ["#e2e8f0", "#1e293b", "#ffffff", "#f472b6"], robot: ["#94a3b8", "#1e293b", "#f8fafc", "#f43f5e"], crab: ["#f97316", "#431407", "#ffffff"],
  snail: ["#a3e635", "#3f2a14", "#f8fafc", "#c2410c"], bat: ["#6d28d9", "#0f0a1e", "#fde047", "#f43f5e"] };
const HAZ_ART = {
  cactus: [".....XX.....", "....XXXX....", "....XWXX....", ".X..XXXX....", ".XX.XXXX..X.", ".XX.XXXX.XX.", ".XXXXXXX.XX.", "..XXXWXXXXX.", "....XXXXXX..", "....XXXX....", "....XXWX....", "....XXXX....", "...KKKKKK..."],
  thorns: ["..K.....K...", "..XK...KX...", ".XXX.K.XXX..", "KXAXKXKXAXK.", ".XXXXXXXXX..", "KXXKXAXXKXXK", ".XAXXXXXAXX.", "KXXXKXXXXXXK", ".XXXXXXXXXX.", "XXXXXXXXXXXX"],
  fire: [".....A......", "....AA...A..", "...AXA..AA..", "..AXXA.AXA..", "..AXXXAXXA..", ".AXXWXXXXXA.", ".AXWWWXWXXA.", "AXXWWWWWXXXA", "AXWWWWWWWXXA", ".AXWWWWWWXA."],
};
const HAZ_COLORS = { cactus: ["#16a34a", "#713f12", "#bbf7d0"], thorns: ["#166534", "#052e16", "#000000", "#e11d48"], fire: ["#f97316", "#000000", "#fef08a", "#dc2626"] };

function mirror(rows) { return rows.map((r) => r.split("").reverse().join("")); }
function legs(rows) { // second walk frame: the two bottom rows nudged apart
  const n = rows.length;
  if (n < 6) return rows.slice(); // tiny art: no leg frame
  return rows.map((r, i) => (i >= n - 2 ? (i === n - 1 ? r.slice(1) + "." : "." + r.slice(0, -1)) : r));
}
function defineBoth(ctx, name, rows, pal) {
  ctx.sprite.define(name + "-r", rows, pal);
  ctx.sprite.define(name + "-l", mirror(rows), pal);
}

// ---------- colours ----------
function hexRgb(c) { const n = parseInt(c.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255]; }
function hex2(n) { n = Math.max(0, Math.min(255, Math.round(n))); return (n < 16 ? "0" : "") + n.toString(16); }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + Math.max(0, Math.min(1, a)).toFixed(3) + ")"; }
function hash(i) { const s = Math.sin(i * 127.1 + 311.7) * 43758.5453; return s - Math.floor(s); }

// ---------- level generation ----------
// Layout is guaranteed jumpable: gap widths and rises are derived from the jump the params give.
function groundY(h) { return H - h * T; }
function addSolid(x, w, h) {
  const y = groundY(h), last = solids[solids.length - 1];
  if (last && last.y === y && Math.abs(last.x + last.w - x) < 0.5) last.w += w; // merge flat runs
  else solids.push({ x, y, w, h: H + 80 - y });
}
function addItems(ctx, x0, x1, y, arc) {
  const n = Math.max(1, Math.min(6, Math.floor((x1 - x0) / 26)));
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0.5 : i / (n - 1);
    items.push({ x: x0 + (x1 - x0) * t, y: y - (arc ? Math.sin(t * Math.PI) * arc : 0), taken: false, ph: ctx.random() * 6 });
  }
}

function buildLevel(ctx, L) {
  solids = []; plats = []; hazards = []; enemies = []; items = []; spawns = [];
  const lenPx = Math.round((P.levelLength + 0.5 * (L - 1)) * W);
  const air = (2 * V0) / P.gravity;
  const reach = P.runSpeed * air; // horizontal distance of a full jump on flat ground
  const maxGap = Math.max(1, Math.min(5, Math.floor((reach * 0.55) / T)));
  const maxRise = Math.max(1, Math.min(3, Math.floor((P.jumpHeight * 0.62) / T)));
  const dens = Math.min(1.2, P.density * (0.8 + 0.2 * L));
  const hazH = Math.min(26, Math.round(P.jumpHeight * 0.45));
  const runs = [];
  let x = 0, gh = 2;
  addSolid(0, 12 * T, gh);
  spawns.push({ x: 3 * T, y: groundY(gh) });
  x = 12 * T;
  let guard = 0;
  while (x < lenPx && guard++ < 200) {
    const r = ctx.random();
    if (P.pits !== "none" && r < 0.3 * dens + 0.05 * (P.density > 0)) {
      // a pit: items arc over it; the far side may be a tile higher or lower
      const g = ctx.randInt(1, maxGap);
      const dh = ctx.pick([-1, 0, 0, 1]);
      const nh = Math.max(2, Math.min(5, gh + (g >= maxGap && dh > 0 ? 0 : dh)));
      addItems(ctx, x - T * 0.5, x + g * T + T * 0.5, groundY(Math.max(gh, nh)) - 34, Math.min(48, P.jumpHeight * 0.5));
      x += g * T; gh = nh;
      const len = ctx.randInt(4, 7);
      addSolid(x, len * T, gh); spawns.push({ x: x + T, y: groundY(gh) });
      runs.push({ x0: x, x1: x + len * T, y: groundY(gh) });
      x += len * T;
    } else if (P.pits !== "none" && P.density > 0 && r < 0.42 * dens + 0.08) {
      // floating one-way platforms across a wide pit
      const k = ctx.randInt(2, 3), gapT = () => ctx.randInt(1, Math.max(1, Math.min(3, maxGap - 1))) * T;
      let px = x + gapT(), lastY = groundY(gh);
      for (let i = 0; i < k; i++) {
        // each platform at most maxRise above the previous footing, never below ground level
        const py = Math.max(HUD_H + 80, Math.min(groundY(2), lastY - ctx.randInt(-1, maxRise) * T));
        const pw = ctx.randInt(3, 5) * T;
        plats.push({ x: px, y: py, w: pw });
        addItems(ctx, px + 10, px + pw - 10, py - 18, 0);
        lastY = py;
        px += pw + gapT();
      }
      x = px; gh = Math.max(2, Math.min(5, Math.round((H - lastY) / T) - ctx.randInt(0, 1)));
      const len = ctx.randInt(5, 8);
      addSolid(x, len * T, gh); spawns.push({ x: x + T, y: groundY(gh) });
      runs.push({ x0: x, x1: x + len * T, y: groundY(gh) });
      x += len * T;
    } else if (r < 0.62) {
      // a step up or down
      const dh = ctx.random() < 0.5 ? -ctx.randInt(1, maxRise) : ctx.randInt(1, maxRise);
      gh = Math.max(2, Math.min(5, gh + dh));
      const len = ctx.randInt(4, 8);
      addSolid(x, len * T, gh);
      runs.push({ x0: x, x1: x + len * T, y: groundY(gh) });
      x += len * T;
    } else {
      // a flat run, maybe with a hazard to hop over and a bonus platform above
      const len = ctx.randInt(7, 11);
      addSolid(x, len * T, gh);
      const gy = groundY(gh);
      if (P.density > 0 && ctx.random() < dens) {
        const hx = x + ctx.randInt(3, len - 4) * T + 2;
        const wide = ctx.random() < 0.25 * dens && reach > 120 && P.hazardStyle !== "saw" ? 2 : 1;
        hazards.push({ x: hx, y: gy - hazH, w: wide * T - 4, h: hazH, ph: ctx.random() * 6 });
        addItems(ctx, hx - T, hx + wide * T + T - 4, gy - hazH - 26, Math.min(40, P.jumpHeight * 0.35));
        runs.push({ x0: x, x1: hx - T, y: gy }, { x0: hx + wide * T + T, x1: x + len * T, y: gy });
      } else {
        runs.push({ x0: x, x1: x + len * T, y: gy });
        if (ctx.random() < 0.5) {
          const py = gy - maxRise * T - 8, pw = ctx.randInt(3, 4) * T, px = x + ctx.randInt(1, len - 5) * T;
          if (py > HUD_H + 70) { plats.push({ x: px, y: py, w: pw }); addItems(ctx, px + 10, px + pw - 10, py - 18, 0); }
        } else addItems(ctx, x + 2 * T, x + (len - 2) * T, gy - 22, 0);
      }
      spawns.push({ x: x + T, y: gy });
      x += len * T;
    }
  }
  // the finish: flat ground, the goal, and a wall at the end of the world
  const endLen = 14;
  addSolid(x, endLen * T, gh);
  spawns.push({ x: x + T, y: groundY(gh) });
  goal = { x: x + 9 * T, y: groundY(gh), w: 30, h: 64 };
  levelW = x + endLen * T;
  // enemies patrol the longest free runs (never the start area)
  const want = P.enemyCount > 0 ? Math.min(14, P.enemyCount + L - 1) : 0;
  const free = runs.filter((r) => r.x1 - r.x0 >= 4 * T && r.x0 > 14 * T && r.x1 < goal.x - T);
  ctx.shuffle(free);
  const speed = P.enemySpeed * (1 + 0.1 * (L - 1));
  for (let i = 0; i < want && free.length; i++) {
    const r = free[i % free.length];
    if (i >= free.length && r.x1 - r.x0 < 8 * T) continue;
    const e = { x0: r.x0 + 2, x1: r.x1 - 2, w: 22, h: 18, x: 0, y: r.y - 18, dir: ctx.random() < 0.5 ? -1 : 1, alive: true, dead: 0, ph: ctx.random() * 6, v: speed * (0.85 + ctx.random() * 0.3) };
    e.x = e.x0 + (e.x1 - e.x0 - e.w) * ctx.random();
    enemies.push(e);
  }
  totalItems = items.length;
}

// ---------- player ----------
function resetPlayer(sp) {
  pl.x = sp.x; pl.y = sp.y - pl.h; pl.vx = 0; pl.vy = 0; pl.ground = true; pl.coyote = 0; pl.buffer = 0; pl.air = 0; pl.drop = 0;
}
function startLevel(ctx, L) {
  level = L;
  buildLevel(ctx, L);
  resetPlayer(spawns[0]);
  pl.face = 1;
  camX = 0;
  ctx.event("level", { level: L, items: totalItems, enemies: enemies.length });
}
function overlap(a, b) { return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y; }
function burst(x, y, color, n, spd, up) {
  for (let i = 0; i < n && particles.length < MAX_PARTICLES; i++) {
    const a = (i / n) * Math.PI * 2 + i * 0.37, s = spd * (0.4 + ((i * 7) % 9) / 12);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s - (up || 0), life: 0.6, max: 0.6, color, r: 1.5 + (i % 3) });
  }
}
function popup(text, x, y, color) { if (popups.length < 8) popups.push({ text, x, y, t: 0.9, color }); }

function hurt(ctx, fromX) {
  if (pl.inv > 0 || state !== "play") return;
  lives--;
  shake = 0.35;
  burst(pl.x + pl.w / 2, pl.y + pl.h / 2, P.primary, 14, 160, 60);
  if (lives <= 0) { die(ctx); return; }
  ctx.sound.effect("hit");
  pl.inv = INVULN;
  pl.vx = (pl.x + pl.w / 2 < fromX ? -1 : 1) * 200;
  pl.vy = -V0 * 0.55;
  popup(lives === 1 ? ctx.t("Last life!") : ctx.t("{n} lives left", { n: lives }), pl.x + pl.w / 2, pl.y - 10, P.text);
}
function die(ctx) {
  lives = 0;
  state = "dying"; stateTimer = 1.1;
  ctx.sound.effect("lose");
  pl.vy = -V0 * 0.7; pl.vx = 0;
}
function fellInPit(ctx) {
  lives--;
  shake = 0.3;
  if (lives <= 0) { die(ctx); return; }
  ctx.sound.effect("hit");
  let sp = spawns[0];
  for (const s of spawns) if (s.x < pl.x - 8) sp = s;
  resetPlayer(sp);
  pl.inv = INVULN;
  popup(ctx.t(lives === 1 ? "Ouch! {n} life left" : "Ouch! {n} lives left", { n: lives }), pl.x + pl.w / 2, pl.y - 12, P.text);
}

// One physics substep: x then y, each resolved against the solid ground; thin platforms only hold
// a player coming down onto them from above.
function physicsStep(ctx, h, dir, jumpHeld) {
  const target = dir * P.runSpeed;
  const acc = (pl.ground ? 1900 : 1250) * (dir !== 0 && Math.sign(pl.vx) === -dir ? 1.7 : 1);
  if (dir !== 0) pl.vx += Math.max(-acc * h, Math.min(acc * h, target - pl.vx));
  else pl.vx -= Math.max(-(pl.ground ? 2200 : 500) * h, Math.min((pl.ground ? 2200 : 500) * h, pl.vx));
  let g = P.gravity;
  if (pl.vy < 0 && !jumpHeld) g *= 2.6; // released early: a shorter hop
  pl.vy = Math.min(900, pl.vy + g * h);
  pl.x += pl.vx * h;
  if (pl.x < 0) { pl.x = 0; pl.vx = 0; }
  if (pl.x + pl.w > levelW) { pl.x = levelW - pl.w; pl.vx = 0; }
  for (const s of solids) {
    if (s.x > pl.x + 60 || s.x + s.w < pl.x - 60 || !overlap(pl, s)) continue;
    // ledge assist: clipping a corner by a few pixels lifts the player onto it instead of a wall
    if (pl.y + pl.h - s.y <= 7 && pl.vy >= -50) { pl.y = s.y - pl.h; pl.vy = 0; continue; }
    if (pl.x + pl.w / 2 < s.x + s.w / 2) pl.x = s.x - pl.w; else pl.x = s.x + s.w;
    pl.vx = 0;
  }
  const prevBottom = pl.y + pl.h;
  pl.y += pl.vy * h;
  pl.ground = false;
  for (const s of solids) {
    if (s.x > pl.x + 60 || s.x + s.w < pl.x - 60 || !overlap(pl, s)) continue;
    if (pl.vy >= 0) { pl.y = s.y - pl.h; pl.ground = true; } else pl.y = s.y + s.h;
    pl.vy = 0;
  }
  if (pl.vy >= 0 && pl.drop <= 0) {
    for (const p of plats) {
      if (pl.x + pl.w <= p.x || pl.x >= p.x + p.w) continue;
      if (prevBottom <= p.y + 0.01 && pl.y + pl.h >= p.y) { pl.y = p.y - pl.h; pl.vy = 0; pl.ground = true; }
    }
  }
  // enemies: a stomp from above defeats them, any other touch hurts
  for (const e of enemies) {
    if (!e.alive || Math.abs(e.x - pl.x) > 60 || !overlap(pl, { x: e.x + 2, y: e.y + 3, w: e.w - 4, h: e.h - 3 })) continue;
    if (P.stompable && pl.vy > 0 && prevBottom <= e.y + 9) {
      e.alive = false; e.dead = 0.5;
      pl.vy = -V0 * 0.62; pl.y = e.y - pl.h;
      ctx.score.add(50);
      ctx.sound.tone(260, 90, { type: "square", volume: 0.15 });
      burst(e.x + e.w / 2, e.y + e.h / 2, (ENEMY_COLORS[P.enemyStyle] || ["#fff"])[0], 10, 120, 40);
      popup("+50", e.x + e.w / 2, e.y - 8, P.accent);
    } else hurt(ctx, e.x + e.w / 2);
  }
  for (const z of hazards) {
    if (Math.abs(z.x - pl.x) < 80 && overlap(pl, { x: z.x + 4, y: z.y + 5, w: z.w - 8, h: z.h - 5 })) hurt(ctx, z.x + z.w / 2);
  }
}

function updatePlay(ctx, dt) {
  const inp = ctx.input, p = inp.pointer;
  // pointer: hold beside the hero to run; tap above it or swipe up to jump
  let dir = (inp.down("right") ? 1 : 0) - (inp.down("left") ? 1 : 0);
  let jumpPress = inp.pressed("up") || inp.pressed("action");
  let jumpHeld = inp.down("up") || inp.down("action");
  const sx = pl.x + pl.w / 2 - camX;
  if (p.pressed) {
    touch.active = true; touch.sy = p.y; touch.jump = false;
    if (p.y < pl.y - 6) { touch.jump = true; jumpPress = true; touch.hold = 0.2; }
  }
  // a quick tap still gives a decent jump: a pointer jump counts as held for at least 0.2 s
  touch.hold = Math.max(0, touch.hold - dt);
  if (touch.hold > 0) jumpHeld = true;
  if (touch.active) {
    if (!p.down) touch.active = false;
    else {
      if (!touch.jump && touch.sy - p.y > 28) { touch.jump = true; jumpPress = true; touch.hold = 0.2; }
      if (touch.jump) jumpHeld = true;
      if (dir === 0 && Math.abs(p.x - sx) > 18) dir = p.x > sx ? 1 : -1;
    }
  }
  if (inp.pressed("down") && pl.ground) pl.drop = 0.25;
  pl.drop = Math.max(0, pl.drop - dt);
  if (dir !== 0) pl.face = dir;

  // jump with coyote time, buffering and an optional double jump
  if (jumpPress) pl.buffer = BUFFER; else pl.buffer = Math.max(0, pl.buffer - dt);
  pl.coyote = pl.ground ? COYOTE : Math.max(0, pl.coyote - dt);
  if (pl.buffer > 0 && pl.coyote > 0) {
    pl.vy = -V0; pl.ground = false; pl.coyote = 0; pl.buffer = 0; pl.air = P.doubleJump ? 1 : 0;
    ctx.sound.effect("jump");
    burst(pl.x + pl.w / 2, pl.y + pl.h, mix(P.bg, P.text, 0.5), 5, 60, 0);
  } else if (jumpPress && pl.air > 0 && !pl.ground) {
    pl.vy = -V0 * 0.85; pl.air = 0; pl.buffer = 0;
    ctx.sound.tone(720, 70, { type: "triangle", volume: 0.15 });
    burst(pl.x + pl.w / 2, pl.y + pl.h, P.text, 8, 90, 0);
  }
  const wasGround = pl.ground, vyBefore = pl.vy;
  const steps = Math.max(1, Math.ceil(dt / 0.0085));
  for (let i = 0; i < steps && state === "play"; i++) physicsStep(ctx, dt / steps, dir, jumpHeld);
  if (state !== "play") return;
  if (!wasGround && pl.ground && vyBefore > 300) burst(pl.x + pl.w / 2, pl.y + pl.h, mix(P.bg, P.text, 0.5), 6, 70, 10);
  pl.inv = Math.max(0, pl.inv - dt);
  pl.anim += Math.abs(pl.vx) * dt;
  if (pl.y > H + 40) { fellInPit(ctx); return; }

  for (const it of items) {
    if (it.taken || Math.abs(it.x - pl.x) > 40) continue;
    if (overlap(pl, { x: it.x - 9, y: it.y - 9, w: 18, h: 18 })) {
      it.taken = true; collected++;
      ctx.score.add(P.itemPoints);
      ctx.sound.effect("coin");
      burst(it.x, it.y, ITEM_COLORS[P.itemStyle] ? ITEM_COLORS[P.itemStyle][0] : P.accent, 6, 90, 20);
      popup("+" + P.itemPoints, it.x, it.y - 10, P.accent);
    }
  }
  if (overlap(pl, { x: goal.x, y: goal.y - goal.h, w: goal.w, h: goal.h })) {
    state = "clear"; stateTimer = 1.8;
    const bonus = 100 * level;
    ctx.score.add(bonus);
    ctx.sound.effect("win");
    popup(ctx.t("Level clear! +{bonus}", { bonus }), goal.x + goal.w / 2, goal.y - goal.h - 14, P.accent);
    for (let i = 0; i < 3; i++) burst(goal.x + 15 + (i - 1) * 30, goal.y - goal.h, [P.accent, P.primary, P.text][i], 12, 170, 80);
  }
}

function saveBest(ctx) {
  if (ctx.score.get() > best) { best = ctx.score.get(); newBest = true; ctx.store.set("platformer.best", best); }
}

// ---------- drawing ----------
function drawBackground(ctx) {
  const gr = GROUNDS[P.ground];
  for (let i = 0; i < 6; i++) ctx.rect(0, i * 60, W, 61, mix(P.bg, P.text, i * 0.035));
  ctx.circle(W - 110, 86, 26, rgba(mix(P.accent, P.text, 0.5), 0.55));
  ctx.circle(W - 110, 86, 36, rgba(P.accent, 0.08));
  const layers = [[0.15, 230, 0, rgba(P.text, 0.1)], [0.3, 150, 1, mix(P.bg, gr[0], 0.16)], [0.55, 120, 2, mix(P.bg, gr[0], 0.28)]];
  for (const [f, sp, kind, c] of layers) {
    const off = camX * f, i0 = Math.floor((off - 120) / sp), i1 = Math.floor((off + W + 120) / sp);
    for (let i = i0; i <= i1; i++) {
      const x = i * sp - off + hash(i + kind * 50) * 40;
      if (kind === 0) { const y = 60 + hash(i * 3) * 70; ctx.circle(x, y, 14, c); ctx.circle(x + 16, y - 6, 18, c); ctx.circle(x + 34, y, 13, c); }
      else ctx.circle(x, H - (kind === 1 ? 60 : 20), 60 + hash(i + kind * 9) * 60, c);
    }
  }
  if (P.pits === "void") ctx.rect(0, H - 26, W, 26, rgba("#000000", 0.3));
  else if (P.pits === "water" || P.pits === "lava") {
    const c = P.pits === "lava" ? "#f97316" : "#38bdf8";
    ctx.rect(0, H - 18, W, 18, mix(c, "#000000", 0.25));
    ctx.rect(0, H - 18, W, 3, c);
  }
}

function drawTerrain(ctx) {
  const gr = GROUNDS[P.ground];
  for (const s of solids) {
    const x = s.x - camX;
    if (x > W || x + s.w < 0) continue;
    ctx.rect(x, s.y, s.w, H - s.y, gr[1]);
    const c0 = Math.max(0, Math.floor(-x / T)), c1 = Math.min(Math.ceil(s.w / T), Math.ceil((W - x) / T));
    for (let c = c0; c < c1; c++) { // a speck of texture per tile column
      const hx = hash(Math.round(s.x / T) + c);
      ctx.rect(x + c * T + 4 + hx * 12, s.y + 16 + hash(c + s.y) * (H - s.y - 24), 4, 3, gr[2]);
    }
    ctx.rect(x, s.y, s.w, 7, gr[0]);
    ctx.rect(x, s.y + 7, s.w, 3, mix(gr[0], gr[1], 0.6));
    ctx.rect(x, s.y, 2, H - s.y, gr[2]);
    ctx.rect(x + s.w - 2, s.y, 2, H - s.y, gr[2]);
  }
  for (const p of plats) {
    const x = p.x - camX;
    if (x > W || x + p.w < 0) continue;
    ctx.roundRect(x, p.y, p.w, 12, 4, gr[1]);
    ctx.roundRect(x, p.y, p.w, 6, 3, gr[0]);
  }
}

function drawHazard(ctx, z, t) {
  const x = z.x - camX, s = P.hazardStyle, k = z.h / 13;
  if (s === "cactus" || s === "thorns" || s === "fire") {
    const name = s === "fire" ? (Math.floor(t * 8 + z.ph) % 2 ? "pf-haz" : "pf-haz2") : "pf-haz";
    for (let i = 0; i * T < z.w; i++) ctx.sprite.draw(name, x + i * T + (T - 4 - 12 * k) / 2, z.y + z.h - (s === "cactus" ? 13 : 10) * k, k);
  } else if (s === "saw") {
    const cx = x + z.w / 2, cy = z.y + z.h * 0.55, r = z.h * 0.55, pts = [];
    for (let i = 0; i < 16; i++) { const a = t * 9 + (i * Math.PI) / 8, rr = i % 2 ? r * 0.75 : r; pts.push([cx + Math.cos(a) * rr, cy + Math.sin(a) * rr]); }
    ctx.rect(cx - 2, cy, 4, z.y + z.h - cy, "#475569");
    ctx.poly(pts, "#cbd5e1");
    ctx.circle(cx, cy, r * 0.3, "#475569");
  } else {
    const c = s === "ice" ? "#bae6fd" : s === "crystal" ? "#c084fc" : "#cbd5e1";
    const n = Math.max(2, Math.round(z.w / 10)), wd = z.w / n;
    for (let i = 0; i < n; i++) {
      const hh = s === "crystal" ? z.h * (0.7 + 0.3 * ((i + 1) % 2)) : z.h;
      ctx.poly([[x + i * wd, z.y + z.h], [x + i * wd + wd / 2, z.y + z.h - hh], [x + (i + 1) * wd, z.y + z.h]], c);
      ctx.poly([[x + i * wd + wd / 2, z.y + z.h - hh], [x + (i + 1) * wd, z.y + z.h], [x + i * wd + wd / 2, z.y + z.h]], mix(c, "#000000", 0.25));
    }
  }
}

function drawGoal(ctx, t) {
  const x = goal.x - camX, y = goal.y, s = P.goalStyle;
  if (x < -60 || x > W + 60) return;
  if (s === "flag") {
    ctx.rect(x + 2, y - 70, 4, 70, mix(P.text, "#64748b", 0.4));
    ctx.circle(x + 4, y - 72, 4, P.accent);
    const wv = Math.sin(t * 5) * 3;
    ctx.poly([[x + 6, y - 66], [x + 36, y - 57 + wv], [x + 6, y - 46]], P.accent);
  } else if (s === "door") {
    ctx.roundRect(x - 2, y - 58, 34, 58, 14, mix(P.accent, "#000000", 0.55));
    ctx.roundRect(x + 3, y - 53, 24, 53, 11, mix(P.accent, "#000000", 0.2));
    ctx.circle(x + 22, y - 24, 2.5, P.text);
  } else if (s === "portal") {
    for (let i = 0; i < 3; i++) ctx.strokeCircle(x + 15, y - 32, 14 + i * 6 + Math.sin(t * 4 + i) * 2, rgba(P.accent, 0.9 - i * 0.25), 3);
    ctx.circle(x + 15, y - 32, 10, rgba(P.text, 0.5 + 0.3 * Math.sin(t * 6)));
  } else {
    ctx.rect(x + 8, y - 10, 16, 10, mix(P.accent, "#000000", 0.4));
    ctx.rect(x + 13, y - 22, 6, 12, P.accent);
    ctx.roundRect(x + 3, y - 46, 26, 24, 10, P.accent);
    ctx.circle(x + 10, y - 38, 3, rgba("#ffffff", 0.7));
  }
}

function drawPlayer(ctx, t) {
  if (state === "over" && lives <= 0) return;
  if (pl.inv > 0 && Math.floor(pl.inv * 14) % 2 === 0) return;
  const moving = Math.abs(pl.vx) > 20 && pl.ground;
  const frame = moving && Math.floor(pl.anim / 14) % 2 ? "b" : "a";
  const name = "pf-player-" + frame + (pl.face < 0 ? "-l" : "-r");
  const dw = SPR.w * SPR.k, dh = SPR.h * SPR.k;
  const x = Math.round(pl.x + pl.w / 2 - dw / 2 - camX), y = Math.round(pl.y + pl.h - dh + (moving && frame === "b" ? -1 : 0));
  if (pl.ground) ctx.roundRect(x + dw * 0.15, pl.y + pl.h - 2, dw * 0.7, 4, 2, rgba("#000000", 0.25));
  ctx.sprite.draw(name, x, y, SPR.k);
}

function miniHeart(ctx, x, y, c) {
  ctx.circle(x - 3, y - 1, 3.4, c);
  ctx.circle(x + 3, y - 1, 3.4, c);
  ctx.poly([[x - 6.2, y], [x + 6.2, y], [x, y + 6.5]], c);
}

function drawHud(ctx) {
  ctx.rect(0, 0, W, HUD_H, rgba(mix(P.bg, "#000000", 0.45), 0.85));
  ctx.text(P.hudTitle, 10, 14, { size: 15, color: P.text, bold: true });
  ctx.sprite.draw("pf-item", 252, 6, 2);
  ctx.text(collected + "/" + totalItems, 272, 14, { size: 13, color: P.text });
  ctx.text(String(ctx.score.get()), 360, 14, { size: 16, color: P.accent, bold: true, align: "center" });
  ctx.text(ctx.t("Level {level}/{levels}", { level, levels: P.levels }), 440, 14, { size: 13, color: mix(P.text, P.bg, 0.25), align: "center" });
  if (P.lives <= 5) for (let i = 0; i < P.lives; i++) miniHeart(ctx, W - 16 - i * 17, 13, i < lives ? "#f43f5e" : rgba(P.text, 0.2));
  else { miniHeart(ctx, W - 46, 13, "#f43f5e"); ctx.text("x" + Math.max(0, lives), W - 34, 14, { size: 14, color: P.text, bold: true }); }
}

function panel(ctx, lines, y0) {
  const h = 22 + lines.length * 24;
  ctx.roundRect(W / 2 - 240, y0, 480, h, 12, rgba(mix(P.bg, "#000000", 0.5), 0.88));
  lines.forEach((l, i) => ctx.text(l[0], W / 2, y0 + 24 + i * 24, { size: l[1], color: l[2], align: "center", bold: l[3] }));
}

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    // default names in the player's language (the styles were already guessed from the English words)
    for (const [k, d] of [["playerName", "hero"], ["itemName", "coins"], ["hazardName", "spikes"], ["enemyName", "slimes"]]) if (P[k] === d) P[k] = ctx.t(d);
    W = ctx.width; H = ctx.height;
    V0 = Math.sqrt(2 * P.gravity * P.jumpHeight);
    P.hudTitle = P.title;
    while (P.hudTitle.length > 4 && ctx.measureText(P.hudTitle, 15) > 226) P.hudTitle = P.hudTitle.slice(0, -2).trim() + "\u2026";
    const dark = mix(P.primary, "#000000", 0.6);
    const art = P.sprite || PLAYERS[P.playerStyle] || PLAYERS.hero;
    const sw = art[0].length, sh = art.length;
    SPR = { w: sw, h: sh, k: 28 / Math.max(sh, sw) }; // any art is drawn about 28 px tall
    const pal = { X: P.primary, A: P.accent, W: P.text, K: dark };
    defineBoth(ctx, "pf-player-a", art, pal);
    defineBoth(ctx, "pf-player-b", legs(art), pal);
    const ec = ENEMY_COLORS[P.enemyStyle];
    const epal = { X: ec[0], K: ec[1], W: ec[2], A: ec[3] || ec[2] };
    defineBoth(ctx, "pf-enemy-a", ENEMIES[P.enemyStyle], epal);
    defineBoth(ctx, "pf-enemy-b", legs(ENEMIES[P.enemyStyle]), epal);
    const ic = ITEM_COLORS[P.itemStyle] || [P.accent, mix(P.accent, "#000000", 0.45)];
    ctx.sprite.define("pf-item", ITEMS[P.itemStyle], { X: ic[0], K: ic[1], A: ic[2] || ic[1], W: mix(ic[0], "#ffffff", 0.6) });
    const hc = HAZ_COLORS[P.hazardStyle];
    if (hc) {
      const hpal = { X: hc[0], K: hc[1], A: hc[2], W: hc[3] || hc[2] };
      ctx.sprite.define("pf-haz", HAZ_ART[P.hazardStyle], hpal);
      ctx.sprite.define("pf-haz2", mirror(HAZ_ART[P.hazardStyle]), hpal);
    }
    pl = { x: 0, y: 0, w: Math.round(Math.max(12, Math.min(18, sw * SPR.k * 0.62))), h: Math.round(Math.max(16, Math.min(26, sh * SPR.k * 0.92))), vx: 0, vy: 0, face: 1, ground: true, coyote: 0, buffer: 0, air: 0, drop: 0, inv: 0, anim: 0 };
    lives = P.lives;
    collected = 0;
    particles = []; popups = [];
    shake = 0; titleTime = 0; overAt = 0;
    touch = { active: false, sy: 0, jump: false, hold: 0 };
    best = ctx.store.get("platformer.best", 0);
    newBest = false;
    ctx.score.set(0);
    state = "title";
    startLevel(ctx, 1);
  },

  update(ctx, dt) {
    for (const p of particles) { p.x += p.vx * dt; p.y += p.vy * dt; p.vy += 500 * dt; p.life -= dt; }
    particles = particles.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 30 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    for (const e of enemies) {
      if (!e.alive) { e.dead = Math.max(0, e.dead - dt); continue; }
      if (state === "title" || state === "play") {
        e.x += e.dir * e.v * dt;
        if (e.x < e.x0) { e.x = e.x0; e.dir = 1; }
        if (e.x + e.w > e.x1) { e.x = e.x1 - e.w; e.dir = -1; }
      }
      e.ph += dt;
    }

    if (state === "title") {
      titleTime += dt;
      const p = ctx.input.pointer;
      if (ctx.input.pressed("action") || ctx.input.pressed("up") || ctx.input.pressed("right") || p.pressed) {
        state = "play";
        touch.active = p.down; touch.jump = true; // the starting tap is not also a jump
        ctx.sound.effect("click");
      }
    } else if (state === "play") {
      updatePlay(ctx, dt);
    } else if (state === "clear") {
      stateTimer -= dt;
      if (Math.floor(stateTimer * 5) !== Math.floor((stateTimer + dt) * 5)) burst(goal.x + 15, goal.y - 70, ctx.pick([P.accent, P.primary, P.text]), 8, 140, 60);
      if (stateTimer <= 0) {
        saveBest(ctx);
        if (level >= P.levels) {
          state = "won"; overAt = ctx.time;
          ctx.gameOver({ won: true, message: ctx.t("You cleared all {levels} levels with {n} {items} and {score} points!", { levels: P.levels, n: collected, items: P.itemName, score: ctx.score.get() }) });
        } else {
          startLevel(ctx, level + 1);
          state = "play";
          popup(ctx.t("Level {level}", { level }), W / 2 + camX, 110, P.accent);
        }
      }
    } else if (state === "dying") {
      stateTimer -= dt;
      pl.vy += P.gravity * dt; pl.y += pl.vy * dt;
      if (stateTimer <= 0) {
        state = "over"; overAt = ctx.time;
        saveBest(ctx);
        ctx.gameOver({ won: false, message: ctx.t("The {player} reached level {level} with {n} {items}: {score} points.", { player: P.playerName, level, n: collected, items: P.itemName, score: ctx.score.get() }) });
      }
    }
    // the camera leads a little in the running direction
    const target = Math.max(0, Math.min(levelW - W, pl.x - W * 0.38 + pl.face * 30));
    camX += (target - camX) * Math.min(1, dt * 6);
    camX = Math.max(0, Math.min(levelW - W, camX));
  },

  draw(ctx) {
    const t = ctx.time;
    if ((state === "over" || state === "won") && t - overAt > 0.8 && (ctx.input.pressed("action") || ctx.input.pointer.pressed)) ctx.restart();
    const saved = camX;
    if (shake > 0) camX += Math.sin(t * 83) * 6 * shake;
    drawBackground(ctx);
    drawTerrain(ctx);
    for (const z of hazards) if (z.x - camX > -T * 2 && z.x - camX < W) drawHazard(ctx, z, t);
    for (const it of items) {
      const x = it.x - camX;
      if (it.taken || x < -20 || x > W + 20) continue;
      ctx.sprite.draw("pf-item", Math.round(x - 8), Math.round(it.y - 8 + Math.sin(t * 3 + it.ph) * 2), 2);
    }
    drawGoal(ctx, t);
    for (const e of enemies) {
      const x = e.x - camX;
      if (x < -30 || x > W + 10) continue;
      const fly = P.enemyStyle === "ghost" || P.enemyStyle === "bat";
      if (e.alive) ctx.sprite.draw("pf-enemy-" + (Math.floor(e.ph * 6) % 2 ? "b" : "a") + (e.dir < 0 ? "-l" : "-r"), Math.round(x - 1), Math.round(e.y - 2 + (fly ? Math.sin(e.ph * 4) * 3 - 2 : 0)), 2);
      else if (e.dead > 0) ctx.roundRect(x, e.y + e.h - 6, e.w, 6, 3, rgba(ENEMY_COLORS[P.enemyStyle][0], e.dead * 2));
    }
    drawPlayer(ctx, t);
    for (const p of particles) ctx.circle(p.x - camX, p.y, p.r, rgba(p.color, p.life / p.max * 1.3));
    for (const p of popups) ctx.text(p.text, p.x - camX, p.y, { size: 14, color: rgba(p.color, p.t * 2), align: "center", bold: true });
    camX = saved;
    drawHud(ctx);

    if (state === "title") {
      const a = 0.7 + 0.3 * Math.sin(titleTime * 4);
      const lines = [[P.title, 26, P.text, true], [ctx.t("Grab the {items}, jump over the {hazards},", { items: P.itemName, hazards: P.hazardName }), 14, P.text, false]];
      const reach = ctx.t(REACH[P.goalStyle]);
      lines.push([P.enemyCount > 0 ? ctx.t(P.stompable ? "stomp the {enemies} and {reach}" : "dodge the {enemies} and {reach}", { enemies: P.enemyName, reach }) : ctx.t("and {reach}", { reach }), 14, P.text, false]);
      lines.push([ctx.t("Arrows / WASD run, Space or Up jump (hold = higher)"), 13, mix(P.text, P.bg, 0.3), false]);
      lines.push([ctx.t("Touch: hold beside the {player} to run, tap above it to jump", { player: P.playerName }), 13, mix(P.text, P.bg, 0.3), false]);
      lines.push([ctx.t("Press Space or tap to start"), 16, rgba(P.accent, a), true]);
      panel(ctx, lines, 70);
    } else if (state === "play" && level === 1 && pl.x < 9 * T) {
      ctx.text(ctx.t("Run right! \u2192"), W / 2, 80, { size: 16, color: rgba(P.text, 0.7), align: "center", bold: true });
    }
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.55));
      const lines = [[ctx.t(state === "won" ? "You win!" : "Game over"), 32, state === "won" ? P.accent : P.text, true],
        [ctx.t("Score {score}   {items} {n}   Level {level}/{levels}", { score: ctx.score.get(), items: P.itemName, n: collected, level, levels: P.levels }), 15, P.text, false],
        [newBest ? ctx.t("New best score!") : ctx.t("Best {best}", { best }), 14, newBest ? P.accent : mix(P.text, P.bg, 0.3), newBest]];
      if (t - overAt > 0.8) lines.push([ctx.t("Press Space or tap to play again"), 15, P.accent, true]);
      panel(ctx, lines, 100);
    }
  },

  strings: STRINGS,
});
