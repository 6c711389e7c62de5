// Snake: aimini template "snake" (runtime aimini-runtime/1).
// Grid snake: eat food to grow and speed up, avoid walls (unless they wrap), obstacles and yourself.
// Keyboard: arrows / WASD. Pointer & touch: swipe in a direction, or tap beside the head to turn toward the tap.

const DIRS = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };
const OPPOSITE = { up: "down", down: "up", left: "right", right: "left" };
const HUD_H = 32;

let P, W, H;
let cell, cols, rows, boardX, boardY;
let snake, prevSnake, dir, queue, grow, food, blocks;
let acc, speed, state, eaten, best, newBest;
let particles, popups, shake, flash, deathTimer, swipe, readyTime, foodAge;

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
function plural(n) { const w = P.foodName; return n === 1 || /s$/i.test(w) ? w : w + "s"; }

const FOOD_SPRITES = ["apple", "cherry", "mouse", "gem", "star", "coin", "bug", "egg", "dot", "label"];

function readParams(p) {
  p = p && typeof p === "object" ? p : {};
  const pal = p.palette && typeof p.palette === "object" ? p.palette : {};
  const startSpeed = num(p.startSpeed, 7, 2, 20);
  return {
    title: str(p.title, "Snake", 60),
    theme: str(p.theme, "classic garden", 40),
    bg: col(pal.background, "#10141f"),
    primary: col(pal.primary, "#4ade80"),
    accent: col(pal.accent, "#f43f5e"),
    text: col(pal.text, "#f1f5f9"),
    gridSize: int(p.gridSize, 16, 10, 30),
    startSpeed,
    speedUp: num(p.speedUp, 0.3, 0, 3),
    maxSpeed: Math.max(startSpeed, num(p.maxSpeed, 18, 3, 30)),
    wrapWalls: p.wrapWalls === true,
    obstacles: int(p.obstacles, 0, 0, 40),
    goal: int(p.goal, 0, 0, 500),
    foodName: str(p.foodName, "apple", 20),
    foodSprite: oneOf(p.foodSprite, FOOD_SPRITES, "apple"),
    foodArt: art(p.foodArt),
  };
}

// ---------- colours (hex in, hex out) ----------
function hexRgb(c) {
  const h = "0123456789abcdef", s = c.toLowerCase();
  const v = (i) => h.indexOf(s[i]) * 16 + h.indexOf(s[i + 1]);
  return [v(1), v(3), v(5)];
}
function hex2(n) { const h = "0123456789abcdef"; n = Math.max(0, Math.min(255, Math.round(n))); return h[n >> 4] + h[n & 15]; }
function mix(a, b, t) { const A = hexRgb(a), B = hexRgb(b); return "#" + hex2(A[0] + (B[0] - A[0]) * t) + hex2(A[1] + (B[1] - A[1]) * t) + hex2(A[2] + (B[2] - A[2]) * t); }
function rgba(c, a) { const A = hexRgb(c); return "rgba(" + A[0] + "," + A[1] + "," + A[2] + "," + a + ")"; }

// ---------- food art (8 x 8) ----------
const FOOD_ART = {
  apple: ["....L...", "...L.LL.", ".AAALAA.", "AWAAAAAA", "AWAAAAAA", "AAAAAAAD", ".AAAAAD.", "..ADDD.."],
  cherry: [".....LL.", "....L..L", "...L...L", "..L...L.", ".AAA.AAA", "AWAAAWAA", "AAADAAAD", ".ADD.AD."],
  mouse: ["........", ".DD.....", "DAAD....", ".AAAAA..", "AKAAAAA.", "WAAAAAAA", ".AAAAAA.", "..D.D.DD"],
  gem: ["..WWAA..", ".WAAAAD.", "WAAAAADD", "AAAAAADD", ".AAAADD.", "..AADD..", "...AD...", "........"],
  star: ["...AA...", "...AA...", "AAAWAAAA", ".AAWAAA.", "..AAAA..", ".AAAAAA.", ".AA..AA.", "A......A"],
  coin: ["..AAAA..", ".AWWAAA.", "AWAAAADA", "AWADAADA", "AAADAADA", "AAAAAADA", ".AAAADD.", "..DDDD.."],
  bug: ["K..KK..K", ".K.KK.K.", "..AAAA..", ".AAKAAA.", "KAAKAAAK", ".AAKAAA.", "KAAKAAAK", "..AAAA.."],
  egg: ["...WW...", "..WWWA..", ".WWWWWA.", ".WWWWWA.", "WWWWWWWA", "WWWWWWAA", ".WWWWAA.", "..AAAA.."],
  dot: ["........", "..AAAA..", ".AWAAAA.", ".AWAAAA.", ".AAAAAA.", ".AAAAAD.", "..ADDD..", "........"],
};

// The sprite library's 16 colours (PICO-8): row characters "0"-"f" of foodArt, drawn as they are.
const PICO = {"0":"#000000","1":"#1d2b53","2":"#7e2553","3":"#008751","4":"#ab5236","5":"#5f574f","6":"#c2c3c7","7":"#fff1e8","8":"#ff004d","9":"#ffa300","a":"#ffec27","b":"#00e436","c":"#29adff","d":"#83769c","e":"#ff77a8","f":"#ffccaa"};

function defineSprites(ctx) {
  // foodArt (the picture of the named food) replaces the foodSprite look, "label" included
  if (P.foodArt.length) {
    ctx.sprite.define("snake-food", P.foodArt, PICO);
    return;
  }
  const art = FOOD_ART[P.foodSprite] || FOOD_ART.dot;
  ctx.sprite.define("snake-food", art, {
    A: P.accent,
    D: mix(P.accent, "#000000", 0.35),
    W: mix(P.accent, "#ffffff", 0.6),
    L: mix(P.primary, "#000000", 0.2),
    K: mix(P.bg, "#000000", 0.3),
  });
}

// The food's letter in a disc only for foodSprite "label" with no foodArt (given art wins).
function labelled() { return P.foodSprite === "label" && !P.foodArt.length; }

// The food sprite in the box x box square at (x, y): the 8 x 8 built-in art fills it at an integer
// scale; library art (up to 16 x 16, maybe not square) is scaled to fit and centred.
function drawFood(ctx, x, y, box) {
  const s = ctx.sprite.size("snake-food"), k = box / Math.max(s.w, s.h);
  ctx.sprite.draw("snake-food", x + (box - s.w * k) / 2, y + (box - s.h * k) / 2, k);
}

// ---------- helpers ----------
function key(x, y) { return x + "," + y; }
function occupied(x, y, skipTail) {
  const n = skipTail ? snake.length - 1 : snake.length;
  for (let i = 0; i < n; i++) if (snake[i].x === x && snake[i].y === y) return true;
  return false;
}
function isBlock(x, y) { return blocks[key(x, y)] === true; }

function placeFood(ctx) {
  const free = [];
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (!occupied(x, y, false) && !isBlock(x, y)) free.push({ x, y });
    }
  }
  if (!free.length) return null;
  // Prefer cells not directly adjacent to the head so food never spawns "in the mouth".
  const h = snake[0];
  const far = free.filter((c) => Math.abs(c.x - h.x) + Math.abs(c.y - h.y) > 2);
  return ctx.pick(far.length ? far : free);
}

function placeBlocks(ctx) {
  blocks = {};
  const h = snake[0];
  let tries = 0, placed = 0;
  while (placed < P.obstacles && tries < 2000) {
    tries++;
    const x = ctx.randInt(0, cols - 1), y = ctx.randInt(0, rows - 1);
    if (isBlock(x, y) || occupied(x, y, false)) continue;
    // keep the row in front of the starting head clear, and a margin around it
    if (y === h.y || (Math.abs(x - h.x) <= 3 && Math.abs(y - h.y) <= 3)) continue;
    blocks[key(x, y)] = true;
    placed++;
  }
}

function lastDir() { return queue.length ? queue[queue.length - 1] : dir; }

function turn(d) {
  const last = lastDir();
  if (d === last || d === OPPOSITE[last]) return false;
  if (queue.length < 3) queue.push(d);
  return true;
}

function start(ctx) {
  if (state !== "ready") return;
  state = "play";
  acc = 0;
  ctx.sound.effect("click");
}

function headCenter() {
  const h = snake[0];
  return { x: boardX + (h.x + 0.5) * cell, y: boardY + (h.y + 0.5) * cell };
}

// Tap: steer toward the tapped point, perpendicular to the current heading.
function tapTurn(px, py) {
  const c = headCenter();
  const dx = px - c.x, dy = py - c.y;
  const last = lastDir();
  if (last === "left" || last === "right") {
    if (Math.abs(dy) >= cell * 0.5) turn(dy < 0 ? "up" : "down");
  } else {
    if (Math.abs(dx) >= cell * 0.5) turn(dx < 0 ? "left" : "right");
  }
}

function handleInput(ctx) {
  const inp = ctx.input;
  for (const d of ["up", "down", "left", "right"]) {
    if (inp.pressed(d)) {
      turn(d);
      start(ctx);
    }
  }
  if (inp.pressed("action")) start(ctx);

  const p = inp.pointer;
  if (p.pressed) swipe = { x: p.x, y: p.y, moved: false };
  if (swipe && (p.down || p.released)) {
    const dx = p.x - swipe.x, dy = p.y - swipe.y;
    if (dx * dx + dy * dy >= 26 * 26) {
      turn(Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? "left" : "right") : (dy < 0 ? "up" : "down"));
      swipe.x = p.x;
      swipe.y = p.y;
      swipe.moved = true;
      start(ctx);
    }
  }
  if (p.released && swipe) {
    if (!swipe.moved) {
      tapTurn(p.x, p.y);
      start(ctx);
    }
    swipe = null;
  }
}

function burst(x, y, color, n, spd) {
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + i * 0.37;
    const s = spd * (0.4 + ((i * 7) % 5) / 6);
    particles.push({ x, y, vx: Math.cos(a) * s, vy: Math.sin(a) * s, life: 0.6, max: 0.6, color, r: 2 + (i % 3) });
  }
}

function die(ctx, why) {
  state = "dead";
  deathTimer = 0.9;
  shake = 0.4;
  flash = 0.35;
  ctx.sound.effect("lose");
  const c = headCenter();
  burst(c.x, c.y, P.primary, 18, 160);
  ctx.event("crash", { cause: why, length: snake.length, eaten });
}

function step(ctx) {
  if (queue.length) dir = queue.shift();
  const d = DIRS[dir];
  const h = snake[0];
  let nx = h.x + d[0], ny = h.y + d[1];
  if (P.wrapWalls) {
    nx = (nx + cols) % cols;
    ny = (ny + rows) % rows;
  } else if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) {
    die(ctx, "wall");
    return;
  }
  if (isBlock(nx, ny)) { die(ctx, "obstacle"); return; }
  if (occupied(nx, ny, grow === 0)) { die(ctx, "self"); return; }

  prevSnake = snake.map((s) => ({ x: s.x, y: s.y }));
  snake.unshift({ x: nx, y: ny });
  if (grow > 0) grow--;
  else snake.pop();

  if (food && food.x === nx && food.y === ny) eat(ctx);
}

function eat(ctx) {
  eaten++;
  grow += 1;
  ctx.score.add(1);
  const c = headCenter();
  burst(c.x, c.y, P.accent, 12, 120);
  popups.push({ x: c.x, y: c.y - 8, t: 0.8, text: "+1" });
  speed = Math.min(P.maxSpeed, P.startSpeed + eaten * P.speedUp);
  ctx.sound.tone(520 + Math.min(eaten, 40) * 12, 70, { type: "square", volume: 0.15 });
  ctx.sound.effect("coin");
  if (ctx.score.get() > best) {
    best = ctx.score.get();
    ctx.store.set("snake.best", best);
    newBest = true;
  }
  if (eaten % 5 === 0) ctx.event("combo", { eaten, speed: Math.round(speed * 10) / 10 });
  if (P.goal > 0 && eaten >= P.goal) {
    state = "won";
    ctx.sound.effect("win");
    ctx.gameOver({ won: true, message: ctx.t("You ate {n} {food} and won!", { n: eaten, food: plural(eaten) }) });
    return;
  }
  food = placeFood(ctx);
  foodAge = 0;
  if (!food) {
    state = "won";
    ctx.sound.effect("win");
    ctx.gameOver({ won: true, message: ctx.t("The board is full: perfect game!") });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
// {food} is the food's name from the parameters (already in the game's language), made plural by plural().
const STRINGS = {
  es: {
    "You ate {n} {food} and won!": "¡Comiste {n} {food} y ganaste!",
    "The board is full: perfect game!": "¡Tablero lleno: partida perfecta!",
    "Length {len} - {n} {food} eaten (new best!)": "Longitud {len} - comiste {n} {food} (¡nuevo récord!)",
    "Length {len} - {n} {food} eaten": "Longitud {len} - comiste {n} {food}",
    "Best {n}": "Récord {n}",
    "Eat the {food}, avoid yourself": "Come {food}, evita tu propio cuerpo",
    "Eat the {food}, avoid walls and yourself": "Come {food}, evita los muros y tu cuerpo",
    "Arrows / swipe / tap beside the head to start": "Empieza: flechas / desliza / toca junto a la cabeza",
    "You win!": "¡Has ganado!",
    "Game over": "Fin del juego",
    "Length {len}   {food} {n}   New best!": "Longitud {len}   {food} {n}   ¡Nuevo récord!",
    "Length {len}   {food} {n}": "Longitud {len}   {food} {n}",
  },
  fr: {
    "You ate {n} {food} and won!": "Tu as mangé {n} {food} et gagné !",
    "The board is full: perfect game!": "Plateau rempli : partie parfaite !",
    "Length {len} - {n} {food} eaten (new best!)": "Longueur {len} - tu as mangé {n} {food} (nouveau record !)",
    "Length {len} - {n} {food} eaten": "Longueur {len} - tu as mangé {n} {food}",
    "Best {n}": "Record {n}",
    "Eat the {food}, avoid yourself": "Mange les {food}, évite ton propre corps",
    "Eat the {food}, avoid walls and yourself": "Mange les {food}, évite les murs et ton corps",
    "Arrows / swipe / tap beside the head to start": "Flèches / glisse / touche près de la tête pour jouer",
    "You win!": "Gagné !",
    "Game over": "Partie terminée",
    "Length {len}   {food} {n}   New best!": "Longueur {len}   {food} {n}   Nouveau record !",
    "Length {len}   {food} {n}": "Longueur {len}   {food} {n}",
  },
  de: {
    "You ate {n} {food} and won!": "Du hast {n} {food} gefressen und gewonnen!",
    "The board is full: perfect game!": "Spielfeld voll: perfektes Spiel!",
    "Length {len} - {n} {food} eaten (new best!)": "Länge {len} - {n} {food} gefressen (neuer Rekord!)",
    "Length {len} - {n} {food} eaten": "Länge {len} - {n} {food} gefressen",
    "Best {n}": "Rekord {n}",
    "Eat the {food}, avoid yourself": "Friss {food}, meide deinen Körper",
    "Eat the {food}, avoid walls and yourself": "Friss {food}, meide Wände und deinen Körper",
    "Arrows / swipe / tap beside the head to start": "Start: Pfeile / wischen / neben den Kopf tippen",
    "You win!": "Gewonnen!",
    "Game over": "Spiel vorbei",
    "Length {len}   {food} {n}   New best!": "Länge {len}   {food} {n}   Neuer Rekord!",
    "Length {len}   {food} {n}": "Länge {len}   {food} {n}",
  },
  pt: {
    "You ate {n} {food} and won!": "Você comeu {n} {food} e venceu!",
    "The board is full: perfect game!": "Tabuleiro cheio: jogo perfeito!",
    "Length {len} - {n} {food} eaten (new best!)": "Tamanho {len} - você comeu {n} {food} (novo recorde!)",
    "Length {len} - {n} {food} eaten": "Tamanho {len} - você comeu {n} {food}",
    "Best {n}": "Recorde {n}",
    "Eat the {food}, avoid yourself": "Coma {food} e evite o próprio corpo",
    "Eat the {food}, avoid walls and yourself": "Coma {food}, evite as paredes e o próprio corpo",
    "Arrows / swipe / tap beside the head to start": "Setas / deslize / toque perto da cabeça para jogar",
    "You win!": "Você venceu!",
    "Game over": "Fim de jogo",
    "Length {len}   {food} {n}   New best!": "Tamanho {len}   {food} {n}   Novo recorde!",
    "Length {len}   {food} {n}": "Tamanho {len}   {food} {n}",
  },
};

// ---------- lifecycle ----------
aimini.game({
  setup(ctx) {
    P = readParams(ctx.params);
    W = ctx.width;
    H = ctx.height;
    rows = P.gridSize;
    cell = Math.max(8, Math.floor((H - HUD_H - 8) / rows));
    cols = Math.max(8, Math.floor((W - 16) / cell));
    boardX = Math.floor((W - cols * cell) / 2);
    boardY = HUD_H + Math.floor((H - HUD_H - rows * cell) / 2);

    const sx = Math.max(3, Math.floor(cols / 4)), sy = Math.floor(rows / 2);
    snake = [{ x: sx, y: sy }, { x: sx - 1, y: sy }, { x: sx - 2, y: sy }];
    prevSnake = snake.map((s) => ({ x: s.x, y: s.y }));
    dir = "right";
    queue = [];
    grow = 0;
    blocks = {};
    placeBlocks(ctx);
    food = placeFood(ctx);
    foodAge = 0;
    acc = 0;
    speed = P.startSpeed;
    state = "ready";
    eaten = 0;
    best = ctx.store.get("snake.best", 0);
    newBest = false;
    particles = [];
    popups = [];
    shake = 0;
    flash = 0;
    deathTimer = 0;
    swipe = null;
    readyTime = 0;
    ctx.score.set(0);
    defineSprites(ctx);
  },

  update(ctx, dt) {
    foodAge += dt;
    for (const p of particles) {
      p.x += p.vx * dt;
      p.y += p.vy * dt;
      p.vx *= Math.pow(0.05, dt);
      p.vy *= Math.pow(0.05, dt);
      p.life -= dt;
    }
    particles = particles.filter((p) => p.life > 0);
    for (const p of popups) { p.t -= dt; p.y -= 30 * dt; }
    popups = popups.filter((p) => p.t > 0);
    shake = Math.max(0, shake - dt);
    flash = Math.max(0, flash - dt);

    if (state === "dead") {
      deathTimer -= dt;
      if (deathTimer <= 0) {
        state = "over";
        const v = { len: snake.length, n: eaten, food: plural(eaten) };
        const msg = newBest ? ctx.t("Length {len} - {n} {food} eaten (new best!)", v) : ctx.t("Length {len} - {n} {food} eaten", v);
        ctx.gameOver({ won: false, message: msg });
      }
      return;
    }
    if (state !== "ready" && state !== "play") return;

    handleInput(ctx);
    if (state === "ready") { readyTime += dt; return; }

    acc += dt;
    const stepTime = 1 / speed;
    let guard = 0;
    while (acc >= stepTime && state === "play" && guard < 8) {
      acc -= stepTime;
      step(ctx);
      guard++;
    }
    if (guard >= 8) acc = 0;
  },

  draw(ctx) {
    const t = ctx.time;
    let ox = 0, oy = 0;
    if (shake > 0) {
      ox = Math.sin(t * 90) * 6 * shake;
      oy = Math.cos(t * 77) * 6 * shake;
    }
    const bx = boardX + ox, by = boardY + oy;
    ctx.clear(P.bg);

    // board
    const light = mix(P.bg, P.text, 0.05), lighter = mix(P.bg, P.text, 0.085);
    ctx.rect(bx, by, cols * cell, rows * cell, light);
    for (let y = 0; y < rows; y++) {
      for (let x = (y & 1); x < cols; x += 2) ctx.rect(bx + x * cell, by + y * cell, cell, cell, lighter);
    }
    if (P.wrapWalls) {
      ctx.strokeRect(bx - 2, by - 2, cols * cell + 4, rows * cell + 4, rgba(P.primary, 0.35), 1);
    } else {
      ctx.strokeRect(bx - 3, by - 3, cols * cell + 6, rows * cell + 6, mix(P.primary, P.bg, 0.35), 3);
    }

    // obstacles
    const blockCol = mix(P.text, P.bg, 0.55), blockTop = mix(P.text, P.bg, 0.35);
    for (const k in blocks) {
      const parts = k.split(",");
      const x = bx + (+parts[0]) * cell, y = by + (+parts[1]) * cell;
      ctx.roundRect(x + 1, y + 1, cell - 2, cell - 2, 3, blockCol);
      ctx.rect(x + 3, y + 2, cell - 6, 2, blockTop);
    }

    // food
    if (food) {
      const fx = bx + food.x * cell, fy = by + food.y * cell;
      const pulse = 0.5 + 0.5 * Math.sin(t * 6);
      const pop = Math.min(1, foodAge * 5);
      ctx.circle(fx + cell / 2, fy + cell / 2, (cell * 0.55 + pulse * cell * 0.12) * pop, rgba(P.accent, 0.18));
      if (labelled()) {
        ctx.circle(fx + cell / 2, fy + cell / 2, cell * 0.45 * pop, P.accent);
        ctx.text(P.foodName.length <= 2 ? P.foodName : P.foodName[0].toUpperCase(), fx + cell / 2, fy + cell / 2 + 1, { size: Math.max(8, Math.floor(cell * 0.5)), color: P.bg, align: "center", bold: true });
      } else {
        const sc = Math.max(1, Math.floor(cell / 8));
        const off = Math.floor((cell - 8 * sc) / 2);
        const bob = Math.round(Math.sin(t * 5) * (sc > 1 ? 1 : 0));
        if (pop >= 1) drawFood(ctx, fx + off, fy + off + bob, 8 * sc);
        else ctx.circle(fx + cell / 2, fy + cell / 2, cell * 0.4 * pop, P.accent);
      }
    }

    // snake (interpolated between grid steps)
    const k = state === "play" ? Math.min(1, acc * speed) : state === "ready" ? 0 : 1;
    const pts = [];
    for (let i = 0; i < snake.length; i++) {
      const cur = snake[i];
      const pre = prevSnake[i] || cur;
      let x = cur.x, y = cur.y;
      if (Math.abs(cur.x - pre.x) + Math.abs(cur.y - pre.y) === 1 && state === "play") {
        x = pre.x + (cur.x - pre.x) * k;
        y = pre.y + (cur.y - pre.y) * k;
      }
      pts.push({ x: bx + (x + 0.5) * cell, y: by + (y + 0.5) * cell });
    }
    // "k" interpolates from previous position toward current, so segment i is drawn between prevSnake[i] and snake[i]
    const body = state === "dead" || state === "over" ? mix(P.primary, P.bg, 0.4) : P.primary;
    const bodyDark = mix(body, "#000000", 0.25);
    const half = cell * 0.42;
    for (let i = pts.length - 1; i >= 1; i--) {
      const a = pts[i], b = pts[i - 1];
      const adx = Math.abs(a.x - b.x), ady = Math.abs(a.y - b.y);
      const c = i % 2 ? body : mix(body, P.bg, 0.12);
      if (adx <= cell * 1.05 && ady <= cell * 1.05) {
        const x0 = Math.min(a.x, b.x) - half, y0 = Math.min(a.y, b.y) - half;
        ctx.rect(x0, y0, adx + half * 2, ady + half * 2, c);
      } else {
        ctx.roundRect(a.x - half, a.y - half, half * 2, half * 2, half * 0.5, c);
      }
    }
    const tail = pts[pts.length - 1];
    ctx.circle(tail.x, tail.y, half * 0.9, bodyDark);
    // head
    const hp = pts[0];
    const hd = DIRS[dir];
    ctx.roundRect(hp.x - half - 1, hp.y - half - 1, half * 2 + 2, half * 2 + 2, half * 0.7, mix(body, "#ffffff", 0.1));
    const ex = -hd[1], ey = hd[0]; // perpendicular
    const fwd = cell * 0.14, side = cell * 0.2, er = Math.max(1.5, cell * 0.11);
    for (const s of [-1, 1]) {
      const cx = hp.x + hd[0] * fwd + ex * side * s, cy = hp.y + hd[1] * fwd + ey * side * s;
      ctx.circle(cx, cy, er + 1, "#ffffff");
      ctx.circle(cx + hd[0] * 1, cy + hd[1] * 1, er * 0.55, state === "dead" || state === "over" ? P.accent : "#111111");
    }
    if (state === "play" && Math.floor(t * 3) % 4 === 0) {
      const tx = hp.x + hd[0] * (half + 3), ty = hp.y + hd[1] * (half + 3);
      ctx.line(tx, ty, tx + hd[0] * 5, ty + hd[1] * 5, P.accent, 2);
    }

    // particles & popups
    for (const p of particles) ctx.circle(p.x + ox, p.y + oy, p.r * (p.life / p.max), p.color);
    for (const p of popups) ctx.text(p.text, p.x + ox, p.y + oy, { size: 14, color: rgba(P.text, Math.min(1, p.t * 2)), align: "center", bold: true });

    // HUD
    ctx.rect(0, 0, W, HUD_H - 4, mix(P.bg, "#000000", 0.25));
    ctx.text(P.title, 12, 14, { size: 16, color: P.text, bold: true });
    const scoreTxt = P.goal > 0 ? eaten + " / " + P.goal : String(eaten);
    if (!labelled()) drawFood(ctx, W / 2 - 34, 6, 16);
    else ctx.circle(W / 2 - 26, 14, 7, P.accent);
    ctx.text(scoreTxt, W / 2 - 12, 14, { size: 16, color: P.text, bold: true });
    ctx.text(ctx.t("Best {n}", { n: best }), W - 12, 14, { size: 14, color: mix(P.text, P.bg, 0.35), align: "right" });

    if (state === "ready") {
      const a = 0.75 + 0.25 * Math.sin(readyTime * 4);
      const top = H - 84;
      ctx.roundRect(W / 2 - 200, top, 400, 66, 10, rgba(P.bg, 0.85));
      ctx.text(P.wrapWalls ? ctx.t("Eat the {food}, avoid yourself", { food: plural(2) }) : ctx.t("Eat the {food}, avoid walls and yourself", { food: plural(2) }), W / 2, top + 20, { size: 15, color: P.text, align: "center" });
      ctx.text(ctx.t("Arrows / swipe / tap beside the head to start"), W / 2, top + 46, { size: 14, color: rgba(P.accent, a), align: "center", bold: true });
    }
    if (flash > 0) ctx.rect(0, 0, W, H, rgba(P.accent, flash * 0.6));
    if (state === "over" || state === "won") {
      ctx.rect(0, 0, W, H, rgba(P.bg, 0.55));
      ctx.text(state === "won" ? ctx.t("You win!") : ctx.t("Game over"), W / 2, H / 2 - 12, { size: 34, color: state === "won" ? P.primary : P.accent, align: "center", bold: true });
      const v = { len: snake.length, food: plural(2), n: eaten };
      ctx.text(newBest ? ctx.t("Length {len}   {food} {n}   New best!", v) : ctx.t("Length {len}   {food} {n}", v), W / 2, H / 2 + 24, { size: 16, color: P.text, align: "center" });
    }
  },

  strings: STRINGS,
});
