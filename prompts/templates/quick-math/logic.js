// Quick math: answer arithmetic questions against a countdown. Type the answer (digits, "-",
// Backspace, Enter) or tap one of four on-screen choices. Faster answers and streaks score more.

let P;
let state; // "ready" | "ask" | "feedback" | "done"
let stateTime;
let qIndex; // 0-based index of the current question
let question; // {a, b, op, answer, text, choices}
let entry; // typed answer so far
let timeLeft;
let correct;
let streak;
let bestStreak;
let lastResult; // {ok, timeout, picked}
let particles;
let deco;
let shake;
let best;

const DEFAULTS = {
  title: "Quick Math",
  theme: "chalkboard",
  palette: { background: "#1d2b24", primary: "#2f4a3c", accent: "#ffd166", text: "#f4f1e8" },
  operations: ["add", "subtract"],
  minNumber: 1,
  maxNumber: 12,
  rounds: 10,
  secondsPerQuestion: 8,
  allowNegative: false,
};
const OPS = { add: "+", subtract: "\u2212", multiply: "\u00d7", divide: "\u00f7" };
const BTN = { y: 214, h: 64, w: 132, gap: 12 };

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "{correct}/{rounds} correct - new best!": "{correct}/{rounds} correctas - ¡nuevo récord!",
    "{correct}/{rounds} correct": "{correct}/{rounds} correctas",
    "Question {n}/{total}": "Pregunta {n}/{total}",
    "Get ready!": "¡Prepárate!",
    "{n} questions, {s} s each": "{n} preguntas, {s} s cada una",
    "Time's up! {answer}": "¡Tiempo! {answer}",
    "Answer: {answer}": "Respuesta: {answer}",
    "Type the answer (Enter to submit) or tap a choice": "Escribe la respuesta (Intro para enviar) o toca una opción",
    "{correct} / {rounds} correct": "{correct} / {rounds} correctas",
    "Score {score}   Best {best}": "Puntos {score}   Récord {best}",
    "Longest streak: {n}": "Racha más larga: {n}",
    "Streak x{n}": "Racha x{n}",
  },
  fr: {
    "{correct}/{rounds} correct - new best!": "{correct}/{rounds} justes - nouveau record !",
    "{correct}/{rounds} correct": "{correct}/{rounds} justes",
    "Question {n}/{total}": "Calcul {n}/{total}",
    "Get ready!": "Prépare-toi !",
    "{n} questions, {s} s each": "{n} calculs, {s} s chacun",
    "Time's up! {answer}": "Temps écoulé ! {answer}",
    "Answer: {answer}": "Réponse : {answer}",
    "Type the answer (Enter to submit) or tap a choice": "Tape la réponse (Entrée pour valider) ou touche un choix",
    "{correct} / {rounds} correct": "{correct} / {rounds} justes",
    "Score {score}   Best {best}": "Score {score}   Record {best}",
    "Longest streak: {n}": "Plus longue série : {n}",
    "Streak x{n}": "Série x{n}",
  },
  de: {
    "{correct}/{rounds} correct - new best!": "{correct}/{rounds} richtig - neuer Rekord!",
    "{correct}/{rounds} correct": "{correct}/{rounds} richtig",
    "Question {n}/{total}": "Frage {n}/{total}",
    "Get ready!": "Mach dich bereit!",
    "{n} questions, {s} s each": "{n} Fragen, je {s} s",
    "Time's up! {answer}": "Zeit um! {answer}",
    "Answer: {answer}": "Antwort: {answer}",
    "Type the answer (Enter to submit) or tap a choice": "Tippe die Antwort ein (Enter zum Senden) oder wähle eine Option",
    "{correct} / {rounds} correct": "{correct} / {rounds} richtig",
    "Score {score}   Best {best}": "Punkte {score}   Rekord {best}",
    "Longest streak: {n}": "Längste Serie: {n}",
    "Streak x{n}": "Serie x{n}",
  },
  pt: {
    "{correct}/{rounds} correct - new best!": "{correct}/{rounds} certas - novo recorde!",
    "{correct}/{rounds} correct": "{correct}/{rounds} certas",
    "Question {n}/{total}": "Pergunta {n}/{total}",
    "Get ready!": "Prepare-se!",
    "{n} questions, {s} s each": "{n} perguntas, {s} s cada",
    "Time's up! {answer}": "Tempo esgotado! {answer}",
    "Answer: {answer}": "Resposta: {answer}",
    "Type the answer (Enter to submit) or tap a choice": "Digite a resposta (Enter para enviar) ou toque numa opção",
    "{correct} / {rounds} correct": "{correct} / {rounds} certas",
    "Score {score}   Best {best}": "Pontos {score}   Recorde {best}",
    "Longest streak: {n}": "Maior sequência: {n}",
    "Streak x{n}": "Sequência x{n}",
  },
};

// ---------------------------------------------------------------- helpers

function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function hexToRgb(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(String(hex || ""));
  if (!m) return [255, 255, 255];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
function mix(a, b, t) {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return "rgb(" + x.map((v, i) => Math.round(v + (y[i] - v) * t)).join(",") + ")";
}
function alpha(hex, a) {
  return "rgba(" + hexToRgb(hex).join(",") + "," + a + ")";
}

function decoKind(theme) {
  const t = String(theme).toLowerCase();
  if (/space|star|galax|alien|rocket|cosmic|planet|moon/.test(t)) return "stars";
  if (/ocean|sea|water|fish|underwater|beach|aqua/.test(t)) return "bubbles";
  if (/snow|winter|ice|christmas|frost/.test(t)) return "snow";
  if (/forest|nature|garden|jungle|leaf|autumn|tree/.test(t)) return "leaves";
  return "symbols";
}

function drawDeco(ctx, pal, t) {
  for (const d of deco) {
    if (P.decoKind === "stars") {
      const x = (d.x - t * d.s) % 640;
      ctx.circle(x < 0 ? x + 640 : x, d.y, d.r * 0.8, alpha(pal.text, 0.3 + 0.3 * Math.sin(t * 2 + d.p)));
    } else if (P.decoKind === "bubbles") {
      const y = (d.y - t * d.s) % 380;
      ctx.strokeCircle(d.x + Math.sin(t + d.p) * 6, y < -10 ? y + 380 : y, d.r * 2, alpha(pal.text, 0.2), 1);
    } else if (P.decoKind === "snow") {
      ctx.circle(d.x + Math.sin(t + d.p) * 8, (d.y + t * d.s) % 370, d.r, alpha(pal.text, 0.5));
    } else if (P.decoKind === "leaves") {
      const y = (d.y + t * d.s * 0.7) % 370;
      const x = d.x + Math.sin(t * 0.8 + d.p) * 14;
      ctx.poly([[x, y - d.r * 2], [x + d.r * 1.5, y], [x, y + d.r * 2], [x - d.r * 1.5, y]], alpha(pal.accent, 0.3));
    } else {
      const y = d.y + Math.sin(t * 0.5 + d.p) * 8;
      ctx.text(d.ch, d.x, y, { size: 10 + d.r * 6, color: alpha(pal.text, 0.07), align: "center", bold: true });
    }
  }
}

function choiceRect(i) {
  const total = 4 * BTN.w + 3 * BTN.gap;
  return { x: 320 - total / 2 + i * (BTN.w + BTN.gap), y: BTN.y, w: BTN.w, h: BTN.h };
}
function inside(p, r) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

function setState(s) {
  state = s;
  stateTime = 0;
}

function makeQuestion(ctx) {
  const op = ctx.pick(P.operations);
  const lo = P.minNumber;
  const hi = P.maxNumber;
  let a = ctx.randInt(lo, hi);
  let b = ctx.randInt(lo, hi);
  let answer;
  if (op === "add") answer = a + b;
  else if (op === "subtract") {
    if (!P.allowNegative && b > a) {
      const t = a;
      a = b;
      b = t;
    }
    answer = a - b;
  } else if (op === "multiply") answer = a * b;
  else {
    b = ctx.randInt(Math.max(1, lo), Math.max(1, hi));
    const q = ctx.randInt(lo, hi);
    a = b * q;
    answer = q;
  }
  const text = a + " " + OPS[op] + " " + b;
  // distractors: near misses and typical slips
  const cands = [answer + 1, answer - 1, answer + 2, answer - 2, answer + 10, answer - 10];
  if (op === "multiply") cands.push(answer + a, answer - a, answer + b, answer - b);
  if (op === "add" || op === "subtract") cands.push(answer + 3, answer - 3);
  if (op === "divide") cands.push(answer + 3, Math.max(0, answer - 3), b);
  ctx.shuffle(cands);
  const choices = [answer];
  for (const c of cands) {
    if (choices.length >= 4) break;
    if (choices.indexOf(c) >= 0) continue;
    if (c < 0 && !(P.allowNegative || answer < 0)) continue;
    choices.push(c);
  }
  let k = 4;
  while (choices.length < 4) {
    if (choices.indexOf(answer + k) < 0) choices.push(answer + k);
    k++;
  }
  ctx.shuffle(choices);
  return { a, b, op, answer, text, choices };
}

function nextQuestion(ctx) {
  question = makeQuestion(ctx);
  entry = "";
  timeLeft = P.seconds;
  lastResult = null;
  setState("ask");
}

function burst(ctx, x, y, color, n) {
  for (let i = 0; i < n; i++) {
    const a = ctx.random() * Math.PI * 2;
    const sp = 60 + ctx.random() * 180;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 60, life: 0.4 + ctx.random() * 0.5, color, r: 2 + ctx.random() * 2.5 });
  }
}

function answerWith(ctx, value, picked) {
  const ok = value === question.answer;
  lastResult = { ok, timeout: false, picked, value };
  if (ok) {
    correct++;
    streak++;
    bestStreak = Math.max(bestStreak, streak);
    const bonus = Math.ceil(timeLeft * 2);
    ctx.score.add(10 + bonus + (streak >= 3 ? 5 : 0));
    ctx.sound.effect("coin");
    if (streak === 3 || streak === 5 || streak % 10 === 0) ctx.event("combo", { streak });
    const r = picked >= 0 ? choiceRect(picked) : { x: 270, y: 140, w: 100, h: 40 };
    burst(ctx, r.x + r.w / 2, r.y + r.h / 2, P.palette.accent, 24);
  } else {
    streak = 0;
    shake = 0.35;
    ctx.sound.effect("hit");
  }
  setState("feedback");
}

function finish(ctx) {
  const score = ctx.score.get();
  const prev = ctx.store.get("quick-math.best", 0);
  best = Math.max(prev, score);
  ctx.store.set("quick-math.best", best);
  const won = correct >= Math.ceil(P.rounds * 0.6);
  particles = [];
  setState("done");
  ctx.sound.effect(won ? "win" : "lose");
  ctx.gameOver({ won, message: ctx.t(score > prev && prev > 0 ? "{correct}/{rounds} correct - new best!" : "{correct}/{rounds} correct", { correct, rounds: P.rounds }) });
}

// ---------------------------------------------------------------- game

aimini.game({
  setup(ctx) {
    const p = ctx.params || {};
    const get = (k) => (p[k] === undefined || p[k] === null ? DEFAULTS[k] : p[k]);
    let ops = Array.isArray(p.operations) ? p.operations.filter((o) => OPS[o]) : [];
    if (!ops.length) ops = DEFAULTS.operations.slice();
    let lo = Math.round(Number(get("minNumber")));
    let hi = Math.round(Number(get("maxNumber")));
    if (!Number.isFinite(lo)) lo = DEFAULTS.minNumber;
    if (!Number.isFinite(hi)) hi = DEFAULTS.maxNumber;
    if (hi < lo) {
      const t = lo;
      lo = hi;
      hi = t;
    }
    P = {
      title: String(get("title")),
      theme: String(get("theme")),
      palette: Object.assign({}, DEFAULTS.palette, p.palette || {}),
      operations: ops,
      minNumber: clamp(lo, 0, 1000),
      maxNumber: clamp(hi, 0, 1000),
      rounds: clamp(Math.round(Number(get("rounds")) || 10), 1, 50),
      seconds: clamp(Number(get("secondsPerQuestion")) || 8, 1, 120),
      allowNegative: !!get("allowNegative"),
    };
    P.decoKind = decoKind(P.theme);
    deco = [];
    const sym = ["+", "\u2212", "\u00d7", "\u00f7", "=", "%", "7", "3", "9"];
    for (let i = 0; i < 30; i++) {
      deco.push({ x: ctx.random() * 640, y: ctx.random() * 360, r: 1 + ctx.random() * 2.5, s: 6 + ctx.random() * 16, p: ctx.random() * 6.28, ch: ctx.pick(sym) });
    }
    qIndex = 0;
    correct = 0;
    streak = 0;
    bestStreak = 0;
    particles = [];
    shake = 0;
    entry = "";
    lastResult = null;
    best = ctx.store.get("quick-math.best", 0);
    ctx.score.set(0);
    question = makeQuestion(ctx);
    timeLeft = P.seconds;
    setState("ready");
  },

  update(ctx, dt) {
    stateTime += dt;
    shake = Math.max(0, shake - dt);
    for (const pt of particles) {
      pt.x += pt.vx * dt;
      pt.y += pt.vy * dt;
      pt.vy += 320 * dt;
      pt.life -= dt;
    }
    particles = particles.filter((pt) => pt.life > 0);
    const input = ctx.input;
    const ptr = input.pointer;

    if (state === "ready") {
      if (stateTime > 1.6 || (stateTime > 0.2 && (input.pressed("action") || ptr.pressed))) {
        ctx.sound.effect("click");
        timeLeft = P.seconds;
        setState("ask");
      }
      return;
    }

    if (state === "ask") {
      timeLeft -= dt;
      for (const ch of input.typed) {
        if (ch === "-") {
          if (entry === "") entry = "-";
        } else if (/[0-9]/.test(ch) && entry.replace("-", "").length < 7) {
          entry = entry === "0" ? ch : entry + ch;
          ctx.sound.tone(520 + entry.length * 40, 30, { type: "triangle", volume: 0.08 });
        }
      }
      if (input.pressed("backspace")) entry = entry.slice(0, -1);
      if (input.pressed("escape")) entry = "";
      if (entry !== "" && entry !== "-" && Number(entry) === question.answer) {
        answerWith(ctx, question.answer, -1);
        return;
      }
      if (input.pressed("action") && entry !== "" && entry !== "-") {
        answerWith(ctx, Number(entry), -1);
        return;
      }
      if (ptr.pressed) {
        for (let i = 0; i < 4; i++) {
          if (inside(ptr, choiceRect(i))) {
            answerWith(ctx, question.choices[i], i);
            return;
          }
        }
      }
      if (timeLeft <= 0) {
        timeLeft = 0;
        streak = 0;
        shake = 0.35;
        lastResult = { ok: false, timeout: true, picked: -1 };
        ctx.sound.effect("lose");
        setState("feedback");
      }
      return;
    }

    if (state === "feedback") {
      const wait = lastResult && lastResult.ok ? 0.8 : 1.5;
      if (stateTime > wait || (stateTime > 0.3 && (input.pressed("action") || ptr.pressed))) {
        qIndex++;
        if (qIndex >= P.rounds) finish(ctx);
        else nextQuestion(ctx);
      }
    }
  },

  draw(ctx) {
    const pal = P.palette;
    const t = ctx.time;
    ctx.clear(pal.background);
    drawDeco(ctx, pal, t);
    const sx = shake > 0 ? Math.sin(t * 70) * shake * 18 : 0;

    // header
    ctx.rect(0, 0, 640, 44, alpha(pal.primary, 0.8));
    ctx.text(P.title, 16, 22, { size: 20, bold: true, color: pal.text });
    const qn = Math.min(qIndex + 1, P.rounds);
    ctx.text(ctx.t("Question {n}/{total}", { n: qn, total: P.rounds }), 624, 22, { size: 14, align: "right", color: alpha(pal.text, 0.85) });

    // timer bar
    const frac = state === "ask" || state === "feedback" ? clamp(timeLeft / P.seconds, 0, 1) : 1;
    if (state !== "done") {
      ctx.roundRect(20, 52, 600, 10, 5, alpha(pal.text, 0.12));
      const low = frac < 0.3;
      const barColor = low ? (Math.floor(t * 6) % 2 ? "#ff5d5d" : "#ff8a80") : pal.accent;
      if (frac > 0) ctx.roundRect(20, 52, 600 * frac, 10, 5, barColor);
    }

    // question panel
    let panel = alpha(pal.primary, 0.9);
    if (state === "feedback" && lastResult) panel = lastResult.ok ? mix(pal.primary, "#2ecc71", 0.45) : mix(pal.primary, "#e74c3c", 0.45);
    ctx.roundRect(60 + sx + 4, 78, 520, 116, 18, "rgba(0,0,0,0.25)");
    ctx.roundRect(60 + sx, 74, 520, 116, 18, panel);

    if (state === "ready") {
      const n = Math.max(1, 3 - Math.floor(stateTime / 0.55));
      ctx.text(ctx.t("Get ready!"), 320 + sx, 112, { size: 34, bold: true, align: "center", color: pal.text });
      ctx.text(ctx.t("{n} questions, {s} s each", { n: P.rounds, s: Math.round(P.seconds) }), 320, 156, { size: 16, align: "center", color: alpha(pal.text, 0.8) });
      ctx.circle(320, 250, 34 + Math.sin(stateTime * 10) * 2, pal.accent);
      ctx.text(String(n), 320, 251, { size: 34, bold: true, align: "center", color: pal.background });
    } else if (state !== "done") {
      ctx.text(question.text + " = ?", 320 + sx, 112, { size: 44, bold: true, align: "center", color: pal.text });
      // entry box
      let shown = entry;
      let entryColor = pal.text;
      if (state === "feedback" && lastResult) {
        if (lastResult.ok) {
          shown = String(question.answer);
          entryColor = pal.accent;
        } else {
          shown = ctx.t(lastResult.timeout ? "Time's up! {answer}" : "Answer: {answer}", { answer: question.answer });
          entryColor = "#ffd0d0";
        }
      }
      const cursor = state === "ask" && Math.floor(t * 2.5) % 2 === 0 ? "_" : " ";
      const boxW = Math.max(120, ctx.measureText(shown + " ", 26) + 40);
      ctx.roundRect(320 - boxW / 2 + sx, 144, boxW, 38, 10, alpha(pal.background, 0.55));
      ctx.text(state === "ask" ? shown + cursor : shown, 320 + sx, 163, { size: 26, bold: true, align: "center", color: entryColor });

      // choices
      const ptr = ctx.input.pointer;
      for (let i = 0; i < 4; i++) {
        const r = choiceRect(i);
        const v = question.choices[i];
        let fill = mix(pal.primary, pal.background, 0.1);
        let border = alpha(pal.text, 0.25);
        if (state === "ask" && inside(ptr, r)) {
          fill = mix(pal.primary, pal.accent, 0.25);
          border = pal.accent;
        }
        if (state === "feedback") {
          if (v === question.answer) {
            fill = mix(pal.primary, "#2ecc71", 0.7);
            border = "#2ecc71";
          } else if (lastResult && lastResult.picked === i) {
            fill = mix(pal.primary, "#e74c3c", 0.7);
            border = "#e74c3c";
          } else fill = mix(pal.primary, pal.background, 0.5);
        }
        ctx.roundRect(r.x + 3, r.y + 4, r.w, r.h, 12, "rgba(0,0,0,0.25)");
        ctx.roundRect(r.x, r.y, r.w, r.h, 12, border);
        ctx.roundRect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, 10, fill);
        const s = String(v);
        ctx.text(s, r.x + r.w / 2, r.y + r.h / 2, { size: s.length > 6 ? 20 : 28, bold: true, align: "center", color: pal.text });
      }
      ctx.text(ctx.t("Type the answer (Enter to submit) or tap a choice"), 320, 300, { size: 13, align: "center", color: alpha(pal.text, 0.6) });
    } else {
      ctx.text(ctx.t("{correct} / {rounds} correct", { correct, rounds: P.rounds }), 320, 112, { size: 38, bold: true, align: "center", color: pal.text });
      ctx.text(ctx.t("Score {score}   Best {best}", { score: ctx.score.get(), best }), 320, 160, { size: 18, align: "center", color: alpha(pal.text, 0.85) });
      const w = Math.min(520, P.rounds * 26);
      ctx.roundRect(320 - w / 2, 225, w, 18, 9, alpha(pal.text, 0.12));
      ctx.roundRect(320 - w / 2, 225, (w * correct) / P.rounds, 18, 9, pal.accent);
      ctx.text(ctx.t("Longest streak: {n}", { n: bestStreak }), 320, 270, { size: 16, align: "center", color: alpha(pal.text, 0.8) });
    }

    // streak + correct counter
    if (state !== "done") {
      ctx.text("\u2713 " + correct, 20, 330, { size: 16, bold: true, color: pal.accent });
      if (streak >= 2) ctx.text(ctx.t("Streak x{n}", { n: streak }), 620, 330, { size: 16, bold: true, align: "right", color: pal.accent });
    }

    for (const pt of particles) ctx.circle(pt.x, pt.y, pt.r * Math.max(0, pt.life * 2), pt.color);
  },

  strings: STRINGS,
});
