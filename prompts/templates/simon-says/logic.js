// Simon Says: coloured pads light up in a sequence, each with its own tone; repeat it. Every round
// adds one more step. Strict mode ends the game at the first mistake, otherwise the sequence replays.
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const CX = 320;
const CY = 204;
const R_OUT = 142;
const R_IN = 52;
const DEFAULT_COLORS = ["#22c55e", "#ef4444", "#facc15", "#3b82f6", "#a855f7", "#f97316"];
// Notes per pad (Hz). "classic" is the original toy's G4 E4 C4 G3, then two more for 5-6 pads.
const SCALES = {
  classic: [392, 329.63, 261.63, 196, 440, 164.81],
  pentatonic: [261.63, 293.66, 329.63, 392, 440, 523.25],
  major: [261.63, 329.63, 392, 523.25, 659.25, 783.99],
  minor: [220, 261.63, 329.63, 440, 523.25, 659.25],
};

let P, C, n, pads, tones, wave, seq, strict, lives, maxLives, rounds, timeout, baseNote, speedUp;
let state, stateT, round, step, showIdx, noteT, lit, litT, errPad, wantPad, idleT, best, newBest;
let particles, deco, msg, overAt, keyHint;

// ---------- small helpers ----------
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function num(v, lo, hi, fb) {
  return Number.isFinite(v) ? clamp(v, lo, hi) : fb;
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
function angDiff(a, b) {
  let d = (a - b) % (Math.PI * 2);
  if (d > Math.PI) d -= Math.PI * 2;
  if (d < -Math.PI) d += Math.PI * 2;
  return Math.abs(d);
}
// A ring sector as a polygon: outer arc one way, inner arc back.
function sector(a0, a1, r0, r1) {
  const pts = [];
  const k = Math.max(6, Math.round(((a1 - a0) * 28) / Math.PI));
  for (let i = 0; i <= k; i++) {
    const a = a0 + ((a1 - a0) * i) / k;
    pts.push([CX + Math.cos(a) * r1, CY + Math.sin(a) * r1]);
  }
  for (let i = k; i >= 0; i--) {
    const a = a0 + ((a1 - a0) * i) / k;
    pts.push([CX + Math.cos(a) * r0, CY + Math.sin(a) * r0]);
  }
  return pts;
}
function decoKind(theme) {
  const t = String(theme).toLowerCase();
  if (/space|star|galax|alien|rocket|cosmic|planet|moon|neon|synth|retro/.test(t)) return "stars";
  if (/ocean|sea|water|fish|underwater|beach|aqua/.test(t)) return "bubbles";
  if (/snow|winter|ice|christmas|frost/.test(t)) return "snow";
  return "notes";
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#141726");
  let text = parseHex(pal.text, "#f4f4fb");
  if (Math.abs(lum(text) - lum(bg)) < 0.35) text = inkOn(bg);
  let accent = parseHex(pal.accent, "#facc15");
  if (Math.abs(lum(accent) - lum(bg)) < 0.2) accent = lum(bg) < 0.5 ? [250, 204, 21] : [180, 100, 0];
  const primary = parseHex(pal.primary, "#2a2f4a");
  C = {
    bg, text, accent, primary,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, BLACK, 0.4),
    // the console body behind the pads must differ from the background
    // (half way to the background, so the coloured pads stand out against it)
    body: Math.abs(lum(primary) - lum(bg)) < 0.12 ? mix(bg, lum(bg) < 0.5 ? WHITE : BLACK, 0.15) : mix(primary, bg, 0.5),
    bad: [239, 71, 111],
  };
  C.bodyDark = mix(C.body, BLACK, 0.35);

  n = Math.round(num(P.pads, 3, 6, 4));
  const cols = Array.isArray(P.padColors) ? P.padColors : [];
  tones = (SCALES[P.scale] || SCALES.classic).slice(0, n);
  wave = ["sine", "triangle", "square", "sawtooth"].indexOf(P.wave) >= 0 ? P.wave : "triangle";
  // Pads clockwise from the top; with four pads they sit up, right, down, left like the arrows.
  pads = [];
  const span = (Math.PI * 2) / n;
  const gap = 0.07;
  for (let i = 0; i < n; i++) {
    const mid = -Math.PI / 2 + i * span;
    const color = parseHex(cols[i], DEFAULT_COLORS[i]);
    pads.push({
      mid, color,
      dim: mix(color, C.bodyDark, 0.55),
      poly: sector(mid - span / 2 + gap, mid + span / 2 - gap, R_IN + 8, R_OUT),
      glow: sector(mid - span / 2 + gap, mid + span / 2 - gap, R_OUT + 2, R_OUT + 10),
      lx: CX + Math.cos(mid) * (R_OUT - 22),
      ly: CY + Math.sin(mid) * (R_OUT - 22),
    });
  }
  // Arrow keys press the pad nearest their direction when one pad is clearly nearest.
  keyHint = {};
  for (const [k, a] of [["up", -Math.PI / 2], ["right", 0], ["down", Math.PI / 2], ["left", Math.PI]]) {
    const order = pads.map((p, i) => [angDiff(p.mid, a), i]).sort((x, y) => x[0] - y[0]);
    if (order.length < 2 || order[1][0] - order[0][0] > 0.2) keyHint[k] = order[0][1];
  }

  rounds = Math.round(num(P.rounds, 3, 50, 10));
  strict = P.strict === true;
  maxLives = strict ? 1 : Math.round(num(P.lives, 1, 5, 3));
  lives = maxLives;
  timeout = num(P.timeout, 0, 10, 5);
  baseNote = num(P.noteTime, 0.25, 1.2, 0.55);
  speedUp = P.speedUp !== false;

  // The whole sequence is drawn up front from the seeded random; no pad three times in a row.
  seq = [];
  for (let i = 0; i < rounds; i++) {
    let p = ctx.randInt(0, n - 1);
    if (i >= 2 && seq[i - 1] === p && seq[i - 2] === p) p = (p + 1 + ctx.randInt(0, n - 2)) % n;
    seq.push(p);
  }

  deco = [];
  const kind = decoKind(P.theme || "");
  for (let i = 0; i < 22; i++) deco.push({ x: ctx.random() * W, y: HUD_H + ctx.random() * (H - HUD_H), r: 1 + ctx.random() * 2.5, s: 5 + ctx.random() * 14, p: ctx.random() * 6.28, kind });

  best = ctx.store.get("simon-says:best", 0);
  newBest = false;
  round = 0;
  step = 0;
  lit = -1;
  litT = 0;
  errPad = -1;
  wantPad = -1;
  idleT = 0;
  particles = [];
  msg = "";
  overAt = 0;
  state = "intro";
  stateT = 0;
  ctx.score.set(0);
}

// ---------- game logic ----------
function noteTime() {
  // Like the original toy, playback gets quicker at rounds 5, 9 and 13.
  if (!speedUp) return baseNote;
  const len = round + 1;
  const f = len >= 13 ? 0.55 : len >= 9 ? 0.7 : len >= 5 ? 0.85 : 1;
  return Math.max(0.2, baseNote * f);
}

function light(ctx, i, secs) {
  lit = i;
  litT = secs;
  ctx.sound.tone(tones[i], Math.round(secs * 1000), { type: wave, volume: 0.22 });
}

function setState(s, text) {
  state = s;
  stateT = 0;
  if (text !== undefined) msg = text;
}

function startShow(ctx) {
  setState("show", ctx.t("Watch..."));
  showIdx = 0;
  noteT = -0.55; // a beat of silence before the first note
  lit = -1;
}

function burst(ctx, x, y, color, k) {
  for (let i = 0; i < k && particles.length < 80; i++) {
    const a = ctx.random() * Math.PI * 2, sp = 60 + ctx.random() * 180;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.5 + ctx.random() * 0.5, r: 2 + ctx.random() * 3, color });
  }
}

function press(ctx, i) {
  if (state !== "input") return;
  idleT = 0;
  if (i === seq[step]) {
    light(ctx, i, 0.25);
    step++;
    ctx.score.add(5 * (round + 1));
    if (step > round) {
      round++;
      ctx.score.add(20 * round);
      if (round > best) {
        best = round;
        newBest = true;
        ctx.store.set("simon-says:best", best);
      }
      burst(ctx, CX, CY, C.accent, 16);
      if (round >= rounds) {
        setState("won", ctx.t("You did it!"));
        ctx.sound.effect("win");
        ctx.event("won", { rounds });
      } else {
        setState("pause", round % 5 === 0 ? ctx.t("{n} in a row - brilliant!", { n: round }) : ctx.t("Correct!"));
        ctx.event("level", { round: round + 1 });
      }
    }
  } else {
    mistake(ctx, i);
  }
}

function mistake(ctx, i) {
  errPad = i;
  wantPad = seq[step];
  lives--;
  lit = -1;
  ctx.sound.tone(92, 500, { type: "sawtooth", volume: 0.2 });
  ctx.sound.effect("hit");
  ctx.event("mistake", { round: round + 1, step: step + 1 });
  setState("error", i < 0 ? ctx.t("Too slow!") : ctx.t("Oops! Wrong pad"));
}

function finish(ctx, won) {
  setState("over");
  overAt = ctx.time;
  const msgText = won ? ctx.t("All {n} rounds repeated!", { n: rounds }) : ctx.t("You repeated {round} of {n} rounds.", { round, n: rounds });
  if (!won) ctx.sound.effect("lose");
  ctx.gameOver({ won, message: msgText + (newBest ? " " + ctx.t("New best!") : "") });
}

function padAt(x, y) {
  const dx = x - CX, dy = y - CY;
  const d = Math.sqrt(dx * dx + dy * dy);
  if (d < R_IN || d > R_OUT + 30) return -1;
  const a = Math.atan2(dy, dx);
  let bestI = -1, bestD = 9;
  for (let i = 0; i < n; i++) {
    const dd = angDiff(a, pads[i].mid);
    if (dd < bestD) {
      bestD = dd;
      bestI = i;
    }
  }
  return bestI;
}

function pressedPads(ctx) {
  const inp = ctx.input;
  const out = [];
  for (const ch of inp.typed) {
    const d = ch.charCodeAt(0) - 49;
    if (d >= 0 && d < n) out.push(d);
  }
  for (const k of ["up", "right", "down", "left"]) if (keyHint[k] !== undefined && inp.pressed(k)) out.push(keyHint[k]);
  if (inp.pointer.pressed) {
    const i = padAt(inp.pointer.x, inp.pointer.y);
    if (i >= 0) out.push(i);
  }
  return out;
}

function update(ctx, dt) {
  const inp = ctx.input;
  stateT += dt;
  if (litT > 0) {
    litT -= dt;
    if (litT <= 0) lit = -1;
  }
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 200 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);

  if (state === "intro") {
    // attract mode: the pads light in turn, silently
    lit = Math.floor(stateT * 3) % n;
    litT = 1;
    if (inp.pointer.pressed || inp.pressed("action") || inp.typed.length || inp.pressed("up") || inp.pressed("down") || inp.pressed("left") || inp.pressed("right")) {
      lit = -1;
      litT = 0;
      ctx.sound.effect("click");
      startShow(ctx);
    }
    return;
  }
  if (state === "show") {
    const nt = noteTime();
    noteT += dt;
    if (noteT >= 0 && lit < 0 && showIdx <= round && noteT < nt * 0.7) light(ctx, seq[showIdx], nt * 0.7);
    if (noteT >= nt) {
      noteT -= nt;
      showIdx++;
      if (showIdx > round) {
        step = 0;
        idleT = 0;
        setState("input", ctx.t("Your turn!"));
      }
    }
    // Pads pressed while Simon is still talking only earn a gentle reminder.
    if (pressedPads(ctx).length) msg = ctx.t("Watch first...");
    return;
  }
  if (state === "input") {
    for (const i of pressedPads(ctx)) {
      press(ctx, i);
      if (state !== "input") break;
    }
    if (state === "input" && timeout > 0) {
      idleT += dt;
      if (idleT >= timeout) mistake(ctx, -1);
    }
    return;
  }
  if (state === "pause" && stateT > 0.9) startShow(ctx);
  else if (state === "error") {
    // show the wrong pad and the right one, then replay or end
    if (stateT > 0.35 && stateT < 0.95 && wantPad >= 0 && lit !== wantPad) {
      lit = wantPad;
      litT = 0.6;
    }
    if (stateT > 1.4) {
      errPad = -1;
      wantPad = -1;
      if (lives <= 0) finish(ctx, false);
      else startShow(ctx);
    }
  } else if (state === "won") {
    lit = Math.floor(stateT * 10) % n;
    litT = 0.2;
    if (Math.floor(stateT * 10) !== Math.floor((stateT - dt) * 10)) ctx.sound.tone(tones[lit] * 2, 80, { type: wave, volume: 0.12 });
    if (stateT > 1.6) {
      lit = -1;
      finish(ctx, true);
    }
  }
}

// ---------- drawing ----------
function drawDeco(ctx, t) {
  for (const d of deco) {
    if (d.kind === "stars") {
      ctx.circle(d.x, d.y, d.r * 0.8, rgb(C.text, 0.2 + 0.25 * Math.sin(t * 2 + d.p)));
    } else if (d.kind === "bubbles") {
      const y = ((d.y - t * d.s - HUD_H) % (H - HUD_H) + (H - HUD_H)) % (H - HUD_H) + HUD_H;
      ctx.strokeCircle(d.x + Math.sin(t + d.p) * 5, y, d.r * 2, rgb(C.text, 0.18), 1);
    } else if (d.kind === "snow") {
      const y = ((d.y + t * d.s - HUD_H) % (H - HUD_H)) + HUD_H;
      ctx.circle(d.x + Math.sin(t + d.p) * 6, y, d.r, rgb(C.text, 0.45));
    } else {
      // drifting music notes: a head and a stem
      const y = ((d.y - t * d.s * 0.6 - HUD_H) % (H - HUD_H) + (H - HUD_H)) % (H - HUD_H) + HUD_H;
      const x = d.x + Math.sin(t * 0.7 + d.p) * 8;
      ctx.circle(x, y, d.r + 1.5, rgb(C.accent, 0.12));
      ctx.line(x + d.r + 1, y, x + d.r + 1, y - 10 - d.r * 2, rgb(C.accent, 0.12), 1.5);
    }
  }
}

function draw(ctx) {
  const inp = ctx.input;
  // update() no longer runs after gameOver: the final screen listens for "play again" here.
  if (state === "over" && ctx.time - overAt > 0.8 && (inp.pressed("action") || inp.pointer.pressed)) ctx.restart();

  ctx.clear(rgb(C.bg));
  drawDeco(ctx, ctx.time);

  // console body
  ctx.circle(CX + 4, CY + 6, R_OUT + 14, rgb(BLACK, 0.3));
  ctx.circle(CX, CY, R_OUT + 14, rgb(C.bodyDark));
  ctx.circle(CX, CY, R_OUT + 6, rgb(C.body));
  for (let i = 0; i < n; i++) {
    const p = pads[i];
    const on = i === lit;
    const wrong = state === "error" && i === errPad && Math.floor(stateT * 8) % 2 === 0;
    const fill = wrong ? C.bad : on ? mix(p.color, WHITE, 0.35) : p.dim;
    if (on) ctx.poly(p.glow, rgb(p.color, 0.8));
    ctx.poly(p.poly, rgb(fill));
    const label = String(i + 1);
    ctx.text(label, p.lx, p.ly, { size: 14, color: rgb(inkOn(fill), on ? 0.9 : 0.45), align: "center", bold: true });
  }

  // hub: round counter (and the answer timer as a shrinking ring)
  ctx.circle(CX, CY, R_IN + 2, rgb(C.bodyDark));
  ctx.circle(CX, CY, R_IN - 4, rgb(C.panel));
  if (state === "input" && timeout > 0) {
    const f = clamp(1 - idleT / timeout, 0, 1);
    ctx.strokeCircle(CX, CY, R_IN - 8, rgb(f < 0.3 ? C.bad : C.accent, 0.25 + 0.55 * f), 3 + f * 3);
  }
  const shown = state === "intro" ? ctx.t("GO") : String(Math.min(round + 1, rounds));
  ctx.text(state === "intro" ? ctx.t("PRESS") : ctx.t("ROUND"), CX, CY - 18, { size: 10, color: rgb(C.muted), align: "center" });
  ctx.text(shown, CX, CY + 6, { size: shown.length > 2 ? 24 : 30, color: rgb(C.text), align: "center", bold: true });
  ctx.text(ctx.t("of {n}", { n: rounds }), CX, CY + 28, { size: 10, color: rgb(C.muted), align: "center" });

  for (const p of particles) ctx.circle(p.x, p.y, p.r * Math.max(0.2, p.life), rgb(p.color, Math.min(1, p.life * 1.5)));

  // HUD
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel, 0.92));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.accent, 0.6), 2);
  const title = String(P.title || ctx.t("Simon Says"));
  ctx.text(title, 12, 15, { size: fitSize(ctx, title, 18, 300, true), color: rgb(C.text), bold: true });
  const theme = String(P.theme || "");
  ctx.text(theme, 12, 33, { size: fitSize(ctx, theme, 11, 300), color: rgb(C.muted) });
  const stats = [[ctx.t("SCORE"), String(ctx.score.get())], [ctx.t("BEST ROUND"), `${best}`]];
  for (let i = 0; i < stats.length; i++) {
    const x = 440 + i * 80;
    ctx.text(stats[i][0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    ctx.text(stats[i][1], x, 30, { size: 16, color: rgb(C.text), align: "center", bold: true });
  }
  // lives (normal mode) or the STRICT badge
  if (strict) {
    ctx.roundRect(574, 12, 56, 20, 10, rgb(C.bad, 0.85));
    ctx.text(ctx.t("STRICT"), 602, 22, { size: 11, color: "#fff", align: "center", bold: true });
  } else {
    for (let i = 0; i < maxLives; i++) ctx.circle(622 - i * 14, 22, 5, i < lives ? rgb(C.bad) : rgb(C.muted, 0.35));
  }

  // side panels: status and progress through the current sequence
  if (state !== "intro") {
    const col = state === "error" ? C.bad : state === "input" ? C.accent : C.text;
    ctx.text(msg, 20, 86, { size: fitSize(ctx, msg, 17, 150, true), color: rgb(col), bold: true });
    if (state === "input" || state === "show") {
      const len = round + 1;
      const done = state === "input" ? step : showIdx;
      const rowN = Math.min(len, 8);
      for (let i = 0; i < len && i < 48; i++) {
        const x = 26 + (i % rowN) * 17, y = 116 + Math.floor(i / rowN) * 17;
        ctx.circle(x, y, 5, i < done ? rgb(state === "input" ? C.accent : C.text) : rgb(C.muted, 0.35));
      }
    }
    const keyText = keyHint.up !== undefined || keyHint.left !== undefined ? ctx.t("Keys 1-{n} or arrows", { n }) : ctx.t("Keys 1-{n}", { n });
    ctx.text(ctx.t("Tap the pads"), 620, 300, { size: 12, color: rgb(C.muted), align: "right" });
    ctx.text(keyText, 620, 318, { size: 12, color: rgb(C.muted), align: "right" });
    ctx.text(strict ? ctx.t("Strict: one mistake ends it") : ctx.t("A mistake replays the sequence"), 620, 336, { size: 11, color: rgb(C.muted), align: "right" });
  }

  if (state === "intro") drawIntro(ctx);
  else if (state === "over") drawOver(ctx);
}

function drawCard(ctx, x, w, h) {
  const y = CY - h / 2;
  ctx.roundRect(x + 3, y + 4, w, h, 14, rgb(BLACK, 0.3));
  ctx.roundRect(x, y, w, h, 14, rgb(C.panel, 0.95));
  ctx.strokeRect(x, y, w, h, rgb(C.accent, 0.6), 2);
  return y;
}

function drawIntro(ctx) {
  // instructions beside the console, so the lighting pads stay in view
  const y = drawCard(ctx, 8, 150, 196);
  ctx.text(ctx.t("HOW TO PLAY"), 83, y + 20, { size: 12, color: rgb(C.accent), align: "center", bold: true });
  // the translations choose their own line breaks ("\n"); the goal lines follow the rules, a gap between
  const rules = ctx.t("Watch the pads\nlight up, then\nrepeat them in\nthe same order.").split("\n");
  const lines = rules.concat(ctx.t("Reach round {n}\nto win.", { n: rounds }).split("\n"));
  lines.forEach((l, i) => ctx.text(l, 83, y + 46 + i * 18 + (i >= rules.length ? 8 : 0), { size: 13, color: rgb(C.text), align: "center" }));
  const y2 = drawCard(ctx, 482, 150, 196);
  ctx.text(ctx.t("CONTROLS"), 557, y2 + 20, { size: 12, color: rgb(C.accent), align: "center", bold: true });
  const rule = strict ? ctx.t("Strict mode:\nno mistakes!").split("\n") : [maxLives > 1 ? ctx.t("{n} mistakes allowed", { n: maxLives }) : ctx.t("{n} mistake allowed", { n: maxLives }), ""];
  const keys = [ctx.t("Tap a pad"), ctx.t("or keys 1-{n}", { n }), keyHint.up !== undefined || keyHint.left !== undefined ? ctx.t("or the arrows") : "", rule[0], rule[1] || ""];
  keys.forEach((l, i) => ctx.text(l, 557, y2 + 46 + i * 18 + (i >= 3 ? 8 : 0), { size: 13, color: rgb(i >= 3 && strict ? C.bad : C.text), align: "center" }));
  if (Math.floor(ctx.time * 2.5) % 2 === 0 || ctx.time < 0.5) {
    ctx.text(ctx.t("Tap or press Space to start"), CX, 350 - 2, { size: 14, color: rgb(C.accent), align: "center", bold: true });
  }
}

function drawOver(ctx) {
  const won = round >= rounds;
  ctx.rect(0, HUD_H, W, H - HUD_H, rgb(C.bg, 0.55));
  const y = drawCard(ctx, CX - 190, 380, 180);
  ctx.text(won ? ctx.t("Simon is impressed!") : ctx.t("Game over"), CX, y + 32, { size: 26, color: rgb(won ? C.accent : C.text), align: "center", bold: true });
  ctx.text(ctx.t("{round} of {n} rounds", { round, n: rounds }), CX, y + 70, { size: 20, color: rgb(C.text), align: "center", bold: true });
  ctx.text(ctx.t("Score {n}", { n: ctx.score.get() }), CX, y + 98, { size: 15, color: rgb(C.text), align: "center" });
  ctx.text(newBest ? ctx.t("NEW BEST!") : ctx.t("Best: {n} rounds", { n: best }), CX, y + 122, { size: 13, color: rgb(newBest ? C.accent : C.muted), align: "center", bold: newBest });
  if (ctx.time - overAt > 0.8 && Math.floor(ctx.time * 2.5) % 2 === 0) {
    ctx.text(ctx.t("Tap or press Space to play again"), CX, y + 156, { size: 15, color: rgb(C.accent), align: "center", bold: true });
  }
}

// ---------- texts (English keys; translations for ctx.t) ----------
const STRINGS = {
  es: {
    "Watch...": "Mira...",
    "You did it!": "¡Lo lograste!",
    "{n} in a row - brilliant!": "¡{n} seguidas, genial!",
    "Correct!": "¡Correcto!",
    "Too slow!": "¡Demasiado tarde!",
    "Oops! Wrong pad": "¡Uy! Botón equivocado",
    "All {n} rounds repeated!": "¡Repetiste las {n} rondas!",
    "You repeated {round} of {n} rounds.": "Repetiste {round} de {n} rondas.",
    "New best!": "¡Nuevo récord!",
    "Your turn!": "¡Tu turno!",
    "Watch first...": "Primero mira...",
    "GO": "YA",
    "PRESS": "PULSA",
    "ROUND": "RONDA",
    "of {n}": "de {n}",
    "Simon Says": "Simón dice",
    "SCORE": "PUNTOS",
    "BEST ROUND": "MEJOR RONDA",
    "STRICT": "ESTRICTO",
    "Keys 1-{n} or arrows": "Teclas 1-{n} o flechas",
    "Keys 1-{n}": "Teclas 1-{n}",
    "Tap the pads": "Toca los botones",
    "Strict: one mistake ends it": "Estricto: un fallo y se acaba",
    "A mistake replays the sequence": "Un fallo repite la secuencia",
    "HOW TO PLAY": "CÓMO JUGAR",
    "Watch the pads\nlight up, then\nrepeat them in\nthe same order.": "Mira cómo se\niluminan los\nbotones y repítelos\nen el mismo orden.",
    "Reach round {n}\nto win.": "Llega a la ronda {n}\npara ganar.",
    "CONTROLS": "CONTROLES",
    "Strict mode:\nno mistakes!": "Modo estricto:\n¡sin fallos!",
    "{n} mistakes allowed": "{n} fallos permitidos",
    "{n} mistake allowed": "{n} fallo permitido",
    "Tap a pad": "Toca un botón",
    "or keys 1-{n}": "o teclas 1-{n}",
    "or the arrows": "o las flechas",
    "Tap or press Space to start": "Toca o pulsa Espacio para empezar",
    "Simon is impressed!": "¡Impresionante!",
    "Game over": "Fin del juego",
    "{round} of {n} rounds": "{round} de {n} rondas",
    "Score {n}": "Puntos {n}",
    "NEW BEST!": "¡NUEVO RÉCORD!",
    "Best: {n} rounds": "Récord: {n} rondas",
    "Tap or press Space to play again": "Toca o pulsa Espacio para volver a jugar",
  },
  fr: {
    "Watch...": "Regarde...",
    "You did it!": "Tu as réussi !",
    "{n} in a row - brilliant!": "{n} d'affilée, génial !",
    "Correct!": "Bien joué !",
    "Too slow!": "Trop tard !",
    "Oops! Wrong pad": "Oups ! Mauvaise couleur",
    "All {n} rounds repeated!": "Les {n} manches répétées !",
    "You repeated {round} of {n} rounds.": "Tu as répété {round} manches sur {n}.",
    "New best!": "Nouveau record !",
    "Your turn!": "À toi !",
    "Watch first...": "Regarde d'abord...",
    "GO": "VAS-Y",
    "PRESS": "APPUIE",
    "ROUND": "MANCHE",
    "of {n}": "sur {n}",
    "Simon Says": "Simon",
    "SCORE": "POINTS",
    "BEST ROUND": "RECORD",
    "STRICT": "STRICT",
    "Keys 1-{n} or arrows": "Touches 1-{n} ou flèches",
    "Keys 1-{n}": "Touches 1-{n}",
    "Tap the pads": "Touche les couleurs",
    "Strict: one mistake ends it": "Strict : une faute, c'est fini",
    "A mistake replays the sequence": "Une erreur rejoue la séquence",
    "HOW TO PLAY": "COMMENT JOUER",
    "Watch the pads\nlight up, then\nrepeat them in\nthe same order.": "Regarde les\ncouleurs s'allumer,\npuis répète-les\ndans le même ordre.",
    "Reach round {n}\nto win.": "Atteins la manche {n}\npour gagner.",
    "CONTROLS": "COMMANDES",
    "Strict mode:\nno mistakes!": "Mode strict :\naucune erreur !",
    "{n} mistakes allowed": "{n} erreurs permises",
    "{n} mistake allowed": "{n} erreur permise",
    "Tap a pad": "Touche une couleur",
    "or keys 1-{n}": "ou touches 1-{n}",
    "or the arrows": "ou les flèches",
    "Tap or press Space to start": "Touche ou appuie sur Espace pour commencer",
    "Simon is impressed!": "Simon est bluffé !",
    "Game over": "Partie terminée",
    "{round} of {n} rounds": "{round} manches sur {n}",
    "Score {n}": "Score : {n}",
    "NEW BEST!": "NOUVEAU RECORD !",
    "Best: {n} rounds": "Record : {n} manches",
    "Tap or press Space to play again": "Touche ou appuie sur Espace pour rejouer",
  },
  de: {
    "Watch...": "Aufpassen...",
    "You did it!": "Geschafft!",
    "{n} in a row - brilliant!": "{n} am Stück – genial!",
    "Correct!": "Richtig!",
    "Too slow!": "Zu langsam!",
    "Oops! Wrong pad": "Hoppla! Falsches Feld",
    "All {n} rounds repeated!": "Alle {n} Runden wiederholt!",
    "You repeated {round} of {n} rounds.": "Du hast {round} von {n} Runden wiederholt.",
    "New best!": "Neuer Rekord!",
    "Your turn!": "Du bist dran!",
    "Watch first...": "Erst zuschauen...",
    "GO": "LOS",
    "PRESS": "DRÜCK",
    "ROUND": "RUNDE",
    "of {n}": "von {n}",
    "Simon Says": "Simon sagt",
    "SCORE": "PUNKTE",
    "BEST ROUND": "BESTE RUNDE",
    "STRICT": "STRIKT",
    "Keys 1-{n} or arrows": "Tasten 1-{n} oder Pfeile",
    "Keys 1-{n}": "Tasten 1-{n}",
    "Tap the pads": "Tippe auf die Felder",
    "Strict: one mistake ends it": "Strikt: ein Fehler, und aus!",
    "A mistake replays the sequence": "Fehler: Folge wird wiederholt",
    "HOW TO PLAY": "SO GEHT'S",
    "Watch the pads\nlight up, then\nrepeat them in\nthe same order.": "Sieh zu, wie die\nFelder leuchten,\nund wiederhole sie\nin gleicher Folge.",
    "Reach round {n}\nto win.": "Erreiche Runde {n},\num zu gewinnen.",
    "CONTROLS": "STEUERUNG",
    "Strict mode:\nno mistakes!": "Strikter Modus:\nkeine Fehler!",
    "{n} mistakes allowed": "{n} Fehler erlaubt",
    "{n} mistake allowed": "{n} Fehler erlaubt",
    "Tap a pad": "Tippe ein Feld an",
    "or keys 1-{n}": "oder Tasten 1-{n}",
    "or the arrows": "oder die Pfeile",
    "Tap or press Space to start": "Tippen oder Leertaste zum Starten",
    "Simon is impressed!": "Simon staunt!",
    "Game over": "Spiel vorbei",
    "{round} of {n} rounds": "{round} von {n} Runden",
    "Score {n}": "Punkte {n}",
    "NEW BEST!": "NEUER REKORD!",
    "Best: {n} rounds": "Rekord: {n} Runden",
    "Tap or press Space to play again": "Tippen oder Leertaste für neues Spiel",
  },
  pt: {
    "Watch...": "Observe...",
    "You did it!": "Você conseguiu!",
    "{n} in a row - brilliant!": "{n} seguidas, incrível!",
    "Correct!": "Correto!",
    "Too slow!": "Tarde demais!",
    "Oops! Wrong pad": "Ops! Botão errado",
    "All {n} rounds repeated!": "Você repetiu as {n} rodadas!",
    "You repeated {round} of {n} rounds.": "Você repetiu {round} de {n} rodadas.",
    "New best!": "Novo recorde!",
    "Your turn!": "Sua vez!",
    "Watch first...": "Observe primeiro...",
    "GO": "JÁ",
    "PRESS": "APERTE",
    "ROUND": "RODADA",
    "of {n}": "de {n}",
    "Simon Says": "Genius",
    "SCORE": "PONTOS",
    "BEST ROUND": "MELHOR RODADA",
    "STRICT": "ESTRITO",
    "Keys 1-{n} or arrows": "Teclas 1-{n} ou setas",
    "Keys 1-{n}": "Teclas 1-{n}",
    "Tap the pads": "Toque nos botões",
    "Strict: one mistake ends it": "Estrito: errou, acabou",
    "A mistake replays the sequence": "Um erro repete a sequência",
    "HOW TO PLAY": "COMO JOGAR",
    "Watch the pads\nlight up, then\nrepeat them in\nthe same order.": "Veja os botões\nacenderem e\nrepita tudo na\nmesma ordem.",
    "Reach round {n}\nto win.": "Chegue à rodada {n}\npara vencer.",
    "CONTROLS": "CONTROLES",
    "Strict mode:\nno mistakes!": "Modo estrito:\nnada de erros!",
    "{n} mistakes allowed": "{n} erros permitidos",
    "{n} mistake allowed": "{n} erro permitido",
    "Tap a pad": "Toque num botão",
    "or keys 1-{n}": "ou teclas 1-{n}",
    "or the arrows": "ou as setas",
    "Tap or press Space to start": "Toque ou aperte Espaço para começar",
    "Simon is impressed!": "Impressionante!",
    "Game over": "Fim de jogo",
    "{round} of {n} rounds": "{round} de {n} rodadas",
    "Score {n}": "Pontos {n}",
    "NEW BEST!": "NOVO RECORDE!",
    "Best: {n} rounds": "Recorde: {n} rodadas",
    "Tap or press Space to play again": "Toque ou aperte Espaço para jogar de novo",
  },
};

aimini.game({ setup, update, draw, strings: STRINGS });
