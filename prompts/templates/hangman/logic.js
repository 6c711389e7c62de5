// Hangman (kid-friendly by default): guess the hidden word letter by letter before the picture is
// complete. Every miss pops a balloon, melts the snowman, drops a petal or (classic) draws the gallows.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 40;
const PIC = { x: 14, y: 48, w: 222, h: 202 };
const KEY = { w: 44, h: 44, gap: 4, x0: 10, y0: 260 };
const DEFAULT_WORDS = ["giraffe", "penguin", "dolphin", "elephant", "kangaroo", "octopus", "zebra", "squirrel", "turtle", "flamingo"];
const BALLOON_COLORS = [[255, 107, 107], [81, 207, 102], [252, 196, 25], [132, 94, 247], [255, 146, 43], [34, 184, 207], [240, 101, 149], [148, 216, 45], [77, 171, 247], [255, 212, 59]];

let P, C;
let entries, order, totalRounds, round, maxWrong, style, reveal;
let cur, guessed, wrongList, wrong, found, phase, phaseT, solved, streak, results, msg, msgT, shakeT;
let particles, popped, keys, hover, endAt, best, started;

// ---------- small helpers ----------
function clampInt(v, lo, hi, fb) {
  const n = Number.isFinite(v) ? Math.round(v) : fb;
  return Math.max(lo, Math.min(hi, n));
}
function str(v, fb, max) {
  return typeof v === "string" && v.trim() ? v.trim().slice(0, max) : fb;
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
  t = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
function lum(c) {
  return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
}
function inkOn(c) {
  return lum(c) > 0.6 ? [24, 24, 32] : [255, 255, 255];
}
// Text that fits maxW: shrunk down to 10 px, then cut with an ellipsis. measureText measures the
// regular weight, so bold text gets a 10% margin.
function fitText(ctx, s, want, maxW, bold) {
  if (bold) maxW /= 1.1;
  const w = ctx.measureText(s, want);
  let size = w > maxW && w > 0 ? Math.floor((want * maxW) / w) : want;
  if (size >= 10) return { s, size };
  size = 10;
  while (s.length > 1 && ctx.measureText(s + "…", size) > maxW) s = s.slice(0, -1);
  return { s: s + "…", size };
}
function inRect(p, r) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#1b2a41");
  const primary = parseHex(pal.primary, "#4dabf7");
  const accent = parseHex(pal.accent, "#ffd43b");
  const text = parseHex(pal.text, "#f8f9fa");
  C = { bg, primary, accent, text, muted: mix(text, bg, 0.45), panel: mix(bg, text, 0.07), slot: mix(bg, text, 0.14), bad: [255, 99, 110], good: [81, 207, 102] };

  const rawWords = Array.isArray(P.words) ? P.words : [];
  const rawHints = Array.isArray(P.hints) ? P.hints : [];
  entries = [];
  const seen = new Set();
  rawWords.forEach((w, i) => {
    if (typeof w !== "string") return;
    const word = w.toLowerCase().replace(/[^a-z]/g, "");
    if (word.length < 2 || word.length > 12 || seen.has(word)) return;
    seen.add(word);
    entries.push({ word, hint: typeof rawHints[i] === "string" ? rawHints[i].trim().slice(0, 80) : "" });
  });
  if (entries.length === 0) entries = DEFAULT_WORDS.map((word) => ({ word, hint: "" }));
  order = ctx.shuffle(entries.slice());
  totalRounds = Math.min(clampInt(P.rounds, 1, 20, 5), order.length);
  maxWrong = clampInt(P.maxWrong, 3, 10, 6);
  style = ["balloon", "snowman", "flower", "gallows"].indexOf(P.style) >= 0 ? P.style : "balloon";
  reveal = clampInt(P.revealLetters, 0, 3, 0);

  // on-screen keyboard: a-m on the first row, n-z on the second (alphabetical is easiest for kids)
  keys = [];
  for (let i = 0; i < 26; i++) {
    const r = Math.floor(i / 13), c = i % 13;
    keys.push({ ch: String.fromCharCode(97 + i), x: KEY.x0 + c * (KEY.w + KEY.gap), y: KEY.y0 + r * (KEY.h + KEY.gap), w: KEY.w, h: KEY.h });
  }
  round = 0;
  solved = 0;
  streak = 0;
  results = [];
  particles = [];
  hover = -1;
  endAt = -1;
  started = false;
  best = ctx.store.get("hangman:best", 0);
  ctx.score.set(0);
  startRound(ctx);
}

function startRound(ctx) {
  cur = order[round];
  guessed = new Set();
  wrongList = [];
  wrong = 0;
  popped = [];
  phase = "play";
  phaseT = 0;
  msg = "";
  msgT = 0;
  shakeT = 0;
  // optional free letters (never the whole word): kinder rounds for young players
  const distinct = Array.from(new Set(cur.word.split("")));
  ctx.shuffle(distinct);
  for (let i = 0; i < Math.min(reveal, distinct.length - 1); i++) guessed.add(distinct[i]);
  found = cur.word.split("").map((ch) => (guessed.has(ch) ? 1 : 0));
}

// ---------- guessing ----------
function say(text, t) {
  msg = text;
  msgT = t || 1.6;
}

function guess(ctx, ch) {
  if (phase !== "play") return;
  started = true;
  if (guessed.has(ch)) {
    say(ctx.t("You already tried {l}", { l: ch.toUpperCase() }), 1.2);
    shakeT = 0.25;
    ctx.sound.tone(200, 60, { type: "square", volume: 0.06 });
    return;
  }
  guessed.add(ch);
  let hits = 0;
  for (let i = 0; i < cur.word.length; i++) {
    if (cur.word[i] === ch) {
      found[i] = 1;
      hits++;
    }
  }
  if (hits) {
    ctx.score.add(5 * hits);
    const L = ch.toUpperCase();
    // English "an" before the letters whose names start with a vowel sound (an A, an F), "a" elsewhere
    say(hits > 1 ? ctx.t("{n} {l}s!", { n: hits, l: L }) : /^[AEFHILMNORSX]$/.test(L) ? ctx.t("Yes, there is an {l}", { l: L }) : ctx.t("Yes, there is a {l}", { l: L }), 1.2);
    ctx.sound.tone(520 + hits * 60, 80, { type: "triangle", volume: 0.14 });
    if (found.every((f) => f > 0)) win(ctx);
  } else {
    wrong++;
    wrongList.push(ch);
    shakeT = 0.3;
    streak = 0;
    popped.push({ i: wrong - 1, t: 0 });
    missEffect();
    ctx.sound.effect("hit");
    const left = maxWrong - wrong;
    say(left > 0 ? ctx.t("No {l} in this word", { l: ch.toUpperCase() }) : ctx.t("Out of guesses!"), 1.4);
    if (wrong >= maxWrong) lose(ctx);
  }
}

function win(ctx) {
  phase = "won";
  phaseT = 0;
  solved++;
  streak++;
  const pts = 20 + 10 * new Set(cur.word).size + 15 * (maxWrong - wrong) + (streak > 1 ? 10 * Math.min(5, streak - 1) : 0);
  ctx.score.add(pts);
  results.push({ word: cur.word, ok: true });
  say(wrong === 0 ? ctx.t("Perfect!  +{pts}", { pts }) : ctx.t("You got it!  +{pts}", { pts }), 2.4);
  ctx.sound.effect("coin");
  if (streak >= 3) ctx.event("combo", { streak });
  for (let k = 0; k < 30; k++) {
    const a = ctx.random() * Math.PI * 2, sp = 60 + ctx.random() * 140;
    particles.push({ x: 440, y: 120, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 80, life: 0.8 + ctx.random() * 0.6, r: 2 + ctx.random() * 3, c: BALLOON_COLORS[k % BALLOON_COLORS.length] });
  }
}

function lose(ctx) {
  phase = "lost";
  phaseT = 0;
  streak = 0;
  results.push({ word: cur.word, ok: false });
  ctx.sound.effect("lose");
}

// A little burst where the last "life" went (a balloon pop, a drop of melt, a petal).
function missEffect() {
  const n = style === "gallows" ? 0 : 10;
  const c = style === "balloon" ? BALLOON_COLORS[(wrong - 1) % BALLOON_COLORS.length] : style === "snowman" ? [160, 210, 255] : C.accent;
  const at = style === "balloon" ? balloonPos(wrong - 1, 0) : { x: PIC.x + PIC.w / 2, y: PIC.y + 70 };
  for (let k = 0; k < n && particles.length < 90; k++) {
    const a = (k / n) * Math.PI * 2;
    particles.push({ x: at.x, y: at.y, vx: Math.cos(a) * 110, vy: Math.sin(a) * 110, life: 0.45, r: 2.5, c });
  }
}

function nextRound(ctx) {
  round++;
  if (round >= totalRounds) {
    phase = "end";
    endAt = ctx.time;
    const won = solved * 2 >= totalRounds;
    if (ctx.score.get() > best) {
      best = ctx.score.get();
      ctx.store.set("hangman:best", best);
    }
    ctx.sound.effect(won ? "win" : "lose");
    const mv = { n: solved, total: totalRounds, score: ctx.score.get() };
    ctx.gameOver({ won, message: totalRounds === 1 ? ctx.t("You guessed {n} of {total} word. Score {score}.", mv) : ctx.t("You guessed {n} of {total} words. Score {score}.", mv) });
    return;
  }
  ctx.event("level", { round: round + 1 });
  startRound(ctx);
}

// ---------- update ----------
function update(ctx, dt) {
  const inp = ctx.input, ptr = inp.pointer;
  phaseT += dt;
  msgT = Math.max(0, msgT - dt);
  shakeT = Math.max(0, shakeT - dt);
  for (const p of popped) p.t += dt;
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 260 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);
  hover = -1;
  for (let i = 0; i < 26; i++) if (inRect(ptr, keys[i])) hover = i;

  if (phase === "won" || phase === "lost") {
    const wait = phase === "won" ? 2.6 : 3.2;
    if (phaseT > wait || (phaseT > 0.6 && (ptr.pressed || inp.pressed("action")))) nextRound(ctx);
    return;
  }
  if (phase !== "play") return;
  for (const ch of inp.typed || []) if (ch >= "a" && ch <= "z") guess(ctx, ch);
  if (ptr.pressed && hover >= 0) guess(ctx, keys[hover].ch);
}

// ---------- pictures ----------
function balloonPos(i, t) {
  // an arc of balloons over the basket: two rows when there are many
  const n = maxWrong, cx = PIC.x + PIC.w / 2;
  const rowA = n > 6 ? Math.ceil(n / 2) : n;
  const inA = i < rowA, k = inA ? i : i - rowA, m = inA ? rowA : n - rowA;
  const spread = Math.min(150, 34 * (m - 1));
  const x = cx - spread / 2 + (m > 1 ? (spread * k) / (m - 1) : 0);
  const y = PIC.y + (inA ? 40 : 66) + Math.abs(k - (m - 1) / 2) * 6;
  return { x: x + Math.sin(t * 1.7 + i) * 2, y: y + Math.sin(t * 2.3 + i * 1.3) * 3 };
}

function drawBalloons(ctx, t) {
  const left = maxWrong - wrong;
  let lift = (wrong / maxWrong) * 70; // the basket sinks as balloons pop
  if (phase === "won") lift -= Math.min(1, phaseT / 2) * 60 * phaseT;
  const ground = PIC.y + PIC.h - 14;
  ctx.rect(PIC.x + 6, ground, PIC.w - 12, 4, rgb(C.good, 0.5));
  const bx = PIC.x + PIC.w / 2, by = Math.min(ground - 30, PIC.y + 118 + lift);
  for (let i = 0; i < maxWrong; i++) {
    if (i < wrong) continue;
    const p = balloonPos(i, t);
    const py = p.y + lift;
    if (py < PIC.y - 10) continue;
    ctx.line(bx, by, p.x, py + 15, rgb(C.text, 0.5), 1);
    const col = BALLOON_COLORS[i % BALLOON_COLORS.length];
    ctx.circle(p.x, py, 14, rgb(col));
    ctx.circle(p.x - 5, py - 5, 4, rgb(WHITE, 0.55));
    ctx.poly([[p.x - 3, py + 16], [p.x + 3, py + 16], [p.x, py + 12]], rgb(mix(col, BLACK, 0.2)));
  }
  // basket with a passenger
  if (by > PIC.y - 40) {
    ctx.circle(bx, by + 2, 9, rgb([255, 214, 170]));
    ctx.circle(bx - 3, by, 1.5, rgb(BLACK));
    ctx.circle(bx + 3, by, 1.5, rgb(BLACK));
    if (left > 0 || phase === "won") ctx.line(bx - 3, by + 5, bx + 3, by + 5, rgb(BLACK), 1.5);
    else ctx.circle(bx, by + 6, 2, rgb(BLACK));
    ctx.roundRect(bx - 18, by + 8, 36, 22, 4, rgb([176, 112, 58]));
    ctx.line(bx - 16, by + 16, bx + 16, by + 16, rgb([120, 72, 34]), 2);
    ctx.line(bx - 16, by + 23, bx + 16, by + 23, rgb([120, 72, 34]), 2);
  }
}

function drawSnowman(ctx, t) {
  const melt = wrong / maxWrong, cx = PIC.x + PIC.w / 2 - 20, ground = PIC.y + PIC.h - 16;
  // the sun grows with every miss
  const sr = 12 + melt * 20;
  ctx.circle(PIC.x + PIC.w - 34, PIC.y + 34, sr + 6 + Math.sin(t * 3) * 2, rgb([255, 212, 59], 0.25));
  ctx.circle(PIC.x + PIC.w - 34, PIC.y + 34, sr, rgb([255, 212, 59]));
  ctx.roundRect(cx - 30 - melt * 40, ground - 4, 60 + melt * 80, 10, 5, rgb([165, 216, 255], 0.55 + melt * 0.3));
  const k = phase === "won" ? 1 : 1 - melt * 0.75;
  const r1 = 34 * k, r2 = 25 * k, r3 = 18 * k;
  const y1 = ground - r1 + 2, y2 = y1 - r1 - r2 + 8 * k, y3 = y2 - r2 - r3 + 6 * k;
  const snow = [244, 248, 255];
  ctx.circle(cx, y1, r1, rgb(snow));
  ctx.circle(cx, y2, r2, rgb(snow));
  ctx.circle(cx, y3, r3, rgb(snow));
  if (wrong < maxWrong) {
    ctx.line(cx - r2, y2, cx - r2 - 22 * k, y2 - 14 * k, rgb([120, 72, 34]), 3);
    ctx.line(cx + r2, y2, cx + r2 + 22 * k, y2 - 14 * k, rgb([120, 72, 34]), 3);
    for (let b = 0; b < 2; b++) ctx.circle(cx, y2 - 6 * k + b * 12 * k, 2.5, rgb([40, 40, 48]));
    ctx.circle(cx - 6 * k, y3 - 4 * k, 2.5, rgb([40, 40, 48]));
    ctx.circle(cx + 6 * k, y3 - 4 * k, 2.5, rgb([40, 40, 48]));
    ctx.poly([[cx, y3 - 1], [cx, y3 + 5], [cx + 14 * k, y3 + 2]], rgb([255, 146, 43]));
    ctx.rect(cx - 14 * k, y3 - r3 - 4, 28 * k, 5, rgb([40, 40, 48]));
    ctx.rect(cx - 9 * k, y3 - r3 - 20 * k, 18 * k, 17 * k, rgb([40, 40, 48]));
    ctx.rect(cx - 9 * k, y3 - r3 - 8 * k, 18 * k, 3, rgb(C.bad));
  } else {
    // all melted: the hat and the carrot left in the puddle
    ctx.rect(cx - 30, ground - 8, 22, 5, rgb([40, 40, 48]));
    ctx.rect(cx - 25, ground - 20, 12, 12, rgb([40, 40, 48]));
    ctx.poly([[cx + 10, ground - 6], [cx + 10, ground], [cx + 28, ground - 3]], rgb([255, 146, 43]));
  }
  for (let d = 0; d < wrong && phase === "play"; d++) {
    const dy = ((t * 40 + d * 23) % 40);
    ctx.circle(cx - 20 + d * 9, y1 + 4 + dy, 2, rgb([165, 216, 255], 1 - dy / 40));
  }
}

function drawFlower(ctx, t) {
  const cx = PIC.x + PIC.w / 2, ground = PIC.y + PIC.h - 14;
  const sway = Math.sin(t * 1.5) * 3, droop = wrong >= maxWrong ? 18 : 0;
  const hx = cx + sway + droop, hy = PIC.y + 70 + droop * 0.6;
  ctx.line(cx, ground - 34, hx, hy, rgb([64, 192, 87]), 5);
  ctx.poly([[cx, ground - 60], [cx - 26, ground - 76], [cx - 6, ground - 52]], rgb([64, 192, 87]));
  ctx.poly([[cx + 12, ground - 40], [cx + 4, ground - 52], [cx + 30, ground - 62]], rgb([64, 192, 87]));
  ctx.poly([[cx - 30, ground - 36], [cx + 30, ground - 36], [cx + 22, ground], [cx - 22, ground]], rgb([196, 102, 60]));
  ctx.rect(cx - 33, ground - 40, 66, 8, rgb([222, 124, 78]));
  const n = maxWrong, big = phase === "won" ? 1 + Math.min(0.3, phaseT * 0.3) : 1;
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 - Math.PI / 2;
    const fall = popped.find((p) => p.i === i);
    let px = hx + Math.cos(a) * 24 * big, py = hy + Math.sin(a) * 24 * big, r = 12 * big;
    if (fall) {
      // a fallen petal drifts down beside the pot and stays there
      const f = Math.min(1, fall.t / 1.2), side = i % 2 ? 1 : -1;
      const tx = cx + side * (46 + Math.floor(i / 2) * 13), ty = ground - 5;
      px += (tx - px) * f + Math.sin(fall.t * 6 + i) * 8 * (1 - f);
      py += (ty - py) * f * f;
      r = 12 - 5 * f;
    }
    ctx.circle(px, py, r, rgb(fall ? mix(C.accent, C.bg, 0.4) : C.accent));
  }
  ctx.circle(hx, hy, 13 * big, rgb([255, 146, 43]));
  ctx.circle(hx - 4, hy - 2, 2, rgb(BLACK));
  ctx.circle(hx + 4, hy - 2, 2, rgb(BLACK));
  if (wrong < maxWrong) ctx.line(hx - 4, hy + 5, hx + 4, hy + 5, rgb(BLACK), 1.5);
}

function drawClassic(ctx) {
  // 10 stages; the first 10 - maxWrong are there from the start
  const shown = 10 - maxWrong + wrong, x0 = PIC.x + 40, base = PIC.y + PIC.h - 18;
  const col = rgb(C.text), lw = 4, hx = x0 + 110, top = PIC.y + 22;
  const parts = [
    () => ctx.line(x0 - 20, base, x0 + 150, base, col, lw),
    () => ctx.line(x0, base, x0, top, col, lw),
    () => ctx.line(x0, top, hx, top, col, lw),
    () => ctx.line(hx, top, hx, top + 24, col, 3),
    () => ctx.strokeCircle(hx, top + 40, 16, col, 3),
    () => ctx.line(hx, top + 56, hx, top + 106, col, 3),
    () => ctx.line(hx, top + 68, hx - 24, top + 90, col, 3),
    () => ctx.line(hx, top + 68, hx + 24, top + 90, col, 3),
    () => ctx.line(hx, top + 106, hx - 20, top + 140, col, 3),
    () => ctx.line(hx, top + 106, hx + 20, top + 140, col, 3),
  ];
  for (let i = 0; i < Math.min(10, shown); i++) parts[i]();
  if (wrong >= maxWrong) {
    ctx.line(hx - 8, top + 34, hx - 3, top + 39, rgb(C.bad), 2);
    ctx.line(hx - 3, top + 34, hx - 8, top + 39, rgb(C.bad), 2);
    ctx.line(hx + 3, top + 34, hx + 8, top + 39, rgb(C.bad), 2);
    ctx.line(hx + 8, top + 34, hx + 3, top + 39, rgb(C.bad), 2);
  }
}

// ---------- draw ----------
function draw(ctx) {
  const t = ctx.time;
  ctx.clear(rgb(C.bg));

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.primary, 0.6), 2);
  const tt = fitText(ctx, String(P.title || "Hangman"), 18, 300, true);
  ctx.text(tt.s, 14, 15, { size: tt.size, color: rgb(C.text), bold: true });
  const th = fitText(ctx, String(P.theme || ctx.t("Guess the word")), 11, 300);
  ctx.text(th.s, 14, 32, { size: th.size, color: rgb(C.muted) });
  const stats = [[ctx.t("WORD"), `${Math.min(round + 1, totalRounds)}/${totalRounds}`], [ctx.t("SOLVED"), String(solved)], [ctx.t("SCORE"), String(ctx.score.get())]];
  stats.forEach((s, i) => {
    const x = 420 + i * 76;
    ctx.text(s[0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    ctx.text(s[1], x, 30, { size: 16, color: rgb(C.text), align: "center", bold: true });
  });

  if (phase === "end") {
    drawSummary(ctx);
    return;
  }

  // picture
  ctx.roundRect(PIC.x, PIC.y, PIC.w, PIC.h, 14, rgb(C.panel));
  if (style === "balloon") drawBalloons(ctx, t);
  else if (style === "snowman") drawSnowman(ctx, t);
  else if (style === "flower") drawFlower(ctx, t);
  else drawClassic(ctx);
  for (let i = 0; i < maxWrong; i++) {
    const x = PIC.x + PIC.w / 2 - ((maxWrong - 1) * 13) / 2 + i * 13;
    ctx.circle(x, PIC.y + PIC.h - 6, 4, rgb(i < maxWrong - wrong ? C.accent : C.slot));
  }

  // hint line
  const n = cur.word.length, rx = 250, rw = 380;
  const prompt = cur.hint ? ctx.t("Hint: {hint}", { hint: cur.hint }) : ctx.t("A {n}-letter word", { n });
  const pf = fitText(ctx, prompt, 16, rw, !!cur.hint);
  ctx.text(pf.s, rx + rw / 2, 66, { size: pf.size, color: rgb(cur.hint ? C.primary : C.muted), align: "center", bold: !!cur.hint });

  // word slots
  const gap = n > 9 ? 4 : 6;
  const sw = Math.min(42, Math.floor((rw - (n - 1) * gap) / n));
  const x0 = rx + (rw - (n * sw + (n - 1) * gap)) / 2;
  const shake = shakeT > 0 ? Math.sin(shakeT * 60) * 5 : 0;
  for (let i = 0; i < n; i++) {
    const x = x0 + i * (sw + gap) + shake, y = 92;
    const ch = cur.word[i];
    if (found[i]) {
      const fill = phase === "won" ? C.good : mix(C.text, C.bg, 0.08);
      const pop = phase === "won" ? Math.max(0, Math.sin((phaseT * 6 - i * 0.4))) * 6 : 0;
      ctx.roundRect(x, y - pop, sw, 50, 8, rgb(fill));
      ctx.text(ch.toUpperCase(), x + sw / 2, y + 25 - pop, { size: Math.min(30, sw * 0.8), color: rgb(inkOn(fill)), align: "center", bold: true });
    } else if (phase === "lost") {
      ctx.roundRect(x, y, sw, 50, 8, rgb(mix(C.slot, C.bad, 0.35)));
      ctx.text(ch.toUpperCase(), x + sw / 2, y + 25, { size: Math.min(30, sw * 0.8), color: rgb(C.text), align: "center", bold: true });
    } else {
      ctx.roundRect(x, y, sw, 50, 8, rgb(C.slot));
      ctx.rect(x + 6, y + 40, sw - 12, 3, rgb(C.muted));
    }
  }

  // status and misses
  let line = msgT > 0 ? msg : "";
  let col = C.text;
  if (phase === "lost") {
    line = ctx.t("Out of guesses! The word was {word}", { word: cur.word.toUpperCase() });
    col = C.bad;
  } else if (phase === "won") col = C.good;
  else if (!started) {
    line = ctx.t("Type a letter, or tap one below");
    col = C.muted;
  }
  if (line) {
    const lf = fitText(ctx, line, 16, rw, phase !== "play");
    ctx.text(lf.s, rx + rw / 2, 168, { size: lf.size, color: rgb(col, phase === "play" && msgT > 0 ? Math.min(1, msgT * 3) : 1), align: "center", bold: phase !== "play" });
  }
  const misses = wrongList.map((c) => c.toUpperCase()).join(" ");
  ctx.text(misses ? ctx.t("Misses: {list}", { list: misses }) : ctx.t("Misses: none yet"), rx + rw / 2, 200, { size: 14, color: rgb(wrongList.length ? C.bad : C.muted), align: "center" });
  if (phase === "won" || phase === "lost") {
    ctx.text(phaseT > 0.6 ? ctx.t("Tap or press Space for the next word") : "", rx + rw / 2, 230, { size: 12, color: rgb(C.muted), align: "center" });
  } else {
    const left = maxWrong - wrong;
    ctx.text(left === 1 ? ctx.t("{n} miss left", { n: left }) : ctx.t("{n} misses left", { n: left }), rx + rw / 2, 230, { size: 12, color: rgb(left <= 2 ? C.bad : C.muted), align: "center" });
  }

  // keyboard
  for (let i = 0; i < 26; i++) {
    const k = keys[i];
    const used = guessed.has(k.ch), hit = used && cur.word.indexOf(k.ch) >= 0;
    let fill = used ? (hit ? mix(C.good, C.bg, 0.35) : mix(C.bad, C.bg, 0.6)) : mix(C.bg, C.text, 0.16);
    if (!used && hover === i && phase === "play") fill = mix(C.primary, WHITE, 0.1);
    ctx.roundRect(k.x, k.y, k.w, k.h, 8, rgb(fill));
    ctx.text(k.ch.toUpperCase(), k.x + k.w / 2, k.y + k.h / 2, { size: 20, color: rgb(used ? mix(C.text, fill, 0.4) : inkOn(fill)), align: "center", bold: true });
  }
  for (const p of particles) ctx.circle(p.x, p.y, p.r, rgb(p.c, Math.min(1, p.life * 2)));
}

function drawSummary(ctx) {
  const won = solved * 2 >= totalRounds;
  ctx.text(won ? ctx.t("Well done!") : ctx.t("Game over"), W / 2, 74, { size: 28, color: rgb(won ? C.good : C.accent), align: "center", bold: true });
  ctx.text(ctx.t("{n} of {total} words   Score {score}   Best {best}", { n: solved, total: totalRounds, score: ctx.score.get(), best }), W / 2, 104, { size: 16, color: rgb(C.text), align: "center" });
  const perCol = 8, ncols = Math.ceil(results.length / perCol);
  const colW = Math.min(170, (W - 40) / Math.max(1, ncols));
  const x0 = W / 2 - (ncols * colW) / 2;
  results.forEach((r, i) => {
    const x = x0 + Math.floor(i / perCol) * colW + 14, y = 134 + (i % perCol) * 22;
    ctx.circle(x, y, 5, rgb(r.ok ? C.good : C.bad));
    ctx.text(r.word.toUpperCase(), x + 12, y, { size: 14, color: rgb(r.ok ? C.text : C.muted), bold: r.ok });
  });
  const since = ctx.time - endAt;
  if (since > 0.8) {
    ctx.text(ctx.t("Press Space or tap to play again"), W / 2, 330, { size: 14, color: rgb(C.accent, 0.6 + 0.4 * Math.sin(ctx.time * 4)), align: "center", bold: true });
    // update() stops after gameOver, so the restart is read here
    if (ctx.input.pressed("action") || ctx.input.pointer.pressed) ctx.restart();
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "You already tried {l}": "Ya probaste la {l}",
    "{n} {l}s!": "¡Hay {n} {l}!",
    "Yes, there is an {l}": "Sí, hay una {l}",
    "Yes, there is a {l}": "Sí, hay una {l}",
    "No {l} in this word": "No hay {l} en esta palabra",
    "Out of guesses!": "¡Sin intentos!",
    "Perfect!  +{pts}": "¡Perfecto!  +{pts}",
    "You got it!  +{pts}": "¡Acertaste!  +{pts}",
    "You guessed {n} of {total} word. Score {score}.": "Palabras adivinadas: {n} de {total}. Puntos {score}.",
    "You guessed {n} of {total} words. Score {score}.": "Palabras adivinadas: {n} de {total}. Puntos {score}.",
    "Guess the word": "Adivina la palabra",
    "WORD": "PALABRA",
    "SOLVED": "RESUELTAS",
    "SCORE": "PUNTOS",
    "Hint: {hint}": "Pista: {hint}",
    "A {n}-letter word": "Una palabra de {n} letras",
    "Out of guesses! The word was {word}": "¡Sin intentos! La palabra era {word}",
    "Type a letter, or tap one below": "Escribe una letra o toca una abajo",
    "Misses: {list}": "Fallos: {list}",
    "Misses: none yet": "Fallos: ninguno aún",
    "Tap or press Space for the next word": "Toca o pulsa Espacio para la siguiente palabra",
    "{n} miss left": "Queda {n} fallo",
    "{n} misses left": "Quedan {n} fallos",
    "Well done!": "¡Bien hecho!",
    "Game over": "Fin del juego",
    "{n} of {total} words   Score {score}   Best {best}": "{n} de {total} palabras   Puntos {score}   Récord {best}",
    "Press Space or tap to play again": "Pulsa Espacio o toca para volver a jugar",
  },
  fr: {
    "You already tried {l}": "Tu as déjà essayé {l}",
    "{n} {l}s!": "Il y a {n} {l} !",
    "Yes, there is an {l}": "Oui, il y a un {l}",
    "Yes, there is a {l}": "Oui, il y a un {l}",
    "No {l} in this word": "Pas de {l} dans ce mot",
    "Out of guesses!": "Plus d'essais !",
    "Perfect!  +{pts}": "Parfait !  +{pts}",
    "You got it!  +{pts}": "Trouvé !  +{pts}",
    "You guessed {n} of {total} word. Score {score}.": "Mots trouvés : {n} sur {total}. Score {score}.",
    "You guessed {n} of {total} words. Score {score}.": "Mots trouvés : {n} sur {total}. Score {score}.",
    "Guess the word": "Devine le mot",
    "WORD": "MOT",
    "SOLVED": "TROUVÉS",
    "SCORE": "SCORE",
    "Hint: {hint}": "Indice : {hint}",
    "A {n}-letter word": "Un mot de {n} lettres",
    "Out of guesses! The word was {word}": "Plus d'essais ! Le mot était {word}",
    "Type a letter, or tap one below": "Tape une lettre ou touche-en une en bas",
    "Misses: {list}": "Erreurs : {list}",
    "Misses: none yet": "Erreurs : aucune",
    "Tap or press Space for the next word": "Touche ou Espace pour le mot suivant",
    "{n} miss left": "{n} erreur restante",
    "{n} misses left": "{n} erreurs restantes",
    "Well done!": "Bien joué !",
    "Game over": "Partie terminée",
    "{n} of {total} words   Score {score}   Best {best}": "Mots : {n}/{total}   Score {score}   Record {best}",
    "Press Space or tap to play again": "Appuie sur Espace ou touche pour rejouer",
  },
  de: {
    "You already tried {l}": "{l} hast du schon probiert",
    "{n} {l}s!": "Gleich {n} {l}!",
    "Yes, there is an {l}": "Ja, es gibt ein {l}",
    "Yes, there is a {l}": "Ja, es gibt ein {l}",
    "No {l} in this word": "Kein {l} in diesem Wort",
    "Out of guesses!": "Keine Versuche mehr!",
    "Perfect!  +{pts}": "Perfekt!  +{pts}",
    "You got it!  +{pts}": "Richtig!  +{pts}",
    "You guessed {n} of {total} word. Score {score}.": "Du hast {n} von {total} Wort erraten. Punkte {score}.",
    "You guessed {n} of {total} words. Score {score}.": "Du hast {n} von {total} Wörtern erraten. Punkte {score}.",
    "Guess the word": "Errate das Wort",
    "WORD": "WORT",
    "SOLVED": "GELÖST",
    "SCORE": "PUNKTE",
    "Hint: {hint}": "Tipp: {hint}",
    "A {n}-letter word": "Ein Wort mit {n} Buchstaben",
    "Out of guesses! The word was {word}": "Keine Versuche mehr! Das Wort war {word}",
    "Type a letter, or tap one below": "Tippe einen Buchstaben oder wähle unten",
    "Misses: {list}": "Fehler: {list}",
    "Misses: none yet": "Fehler: noch keine",
    "Tap or press Space for the next word": "Tippen oder Leertaste für das nächste Wort",
    "{n} miss left": "Noch {n} Fehler frei",
    "{n} misses left": "Noch {n} Fehler frei",
    "Well done!": "Gut gemacht!",
    "Game over": "Spiel vorbei",
    "{n} of {total} words   Score {score}   Best {best}": "{n} von {total} Wörtern   Punkte {score}   Rekord {best}",
    "Press Space or tap to play again": "Leertaste oder tippen für neues Spiel",
  },
  pt: {
    "You already tried {l}": "Você já tentou {l}",
    "{n} {l}s!": "Tem {n} {l}!",
    "Yes, there is an {l}": "Sim, tem um {l}",
    "Yes, there is a {l}": "Sim, tem um {l}",
    "No {l} in this word": "Não tem {l} nesta palavra",
    "Out of guesses!": "Acabaram as tentativas!",
    "Perfect!  +{pts}": "Perfeito!  +{pts}",
    "You got it!  +{pts}": "Acertou!  +{pts}",
    "You guessed {n} of {total} word. Score {score}.": "Palavras acertadas: {n} de {total}. Pontos {score}.",
    "You guessed {n} of {total} words. Score {score}.": "Palavras acertadas: {n} de {total}. Pontos {score}.",
    "Guess the word": "Adivinhe a palavra",
    "WORD": "PALAVRA",
    "SOLVED": "ACERTOS",
    "SCORE": "PONTOS",
    "Hint: {hint}": "Dica: {hint}",
    "A {n}-letter word": "Uma palavra de {n} letras",
    "Out of guesses! The word was {word}": "Acabaram as tentativas! A palavra era {word}",
    "Type a letter, or tap one below": "Digite uma letra ou toque em uma abaixo",
    "Misses: {list}": "Erros: {list}",
    "Misses: none yet": "Erros: nenhum ainda",
    "Tap or press Space for the next word": "Toque ou aperte Espaço para a próxima palavra",
    "{n} miss left": "Resta {n} erro",
    "{n} misses left": "Restam {n} erros",
    "Well done!": "Muito bem!",
    "Game over": "Fim de jogo",
    "{n} of {total} words   Score {score}   Best {best}": "{n} de {total} palavras   Pontos {score}   Recorde {best}",
    "Press Space or tap to play again": "Aperte Espaço ou toque para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
