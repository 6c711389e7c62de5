// Quiz: multiple-choice questions from params. Tap an answer, press 1-4, or move the highlight with
// the arrow keys and confirm with Space/Enter. Optional countdown per question with a speed bonus.

let P;
let order; // question indices in play order
let qIndex;
let cur; // prepared current question: {text, lines, size, choices: [{text, lines, size, correct}], layout}
let state; // "ask" | "reveal" | "done"
let stateTime;
let timeLeft;
let selected; // highlighted choice (keyboard)
let picked; // chosen choice index, -1 on timeout
let correctCount;
let streak;
let particles;
let deco;
let shake;
let best;
let results; // true/false per answered question

const DEFAULTS = {
  title: "Quiz",
  theme: "trivia",
  palette: { background: "#1b1633", primary: "#3b2f6e", accent: "#ff9f1c", text: "#f7f5ff" },
  questions: [
    { question: "Which planet is known as the Red Planet?", choices: ["Venus", "Mars", "Jupiter", "Mercury"], answer: 1 },
    { question: "How many legs does a spider have?", choices: ["6", "8", "10"], answer: 1 },
    { question: "Water boils at 100 degrees Celsius at sea level.", choices: ["True", "False"], answer: 0 },
  ],
  secondsPerQuestion: 20,
  shuffleQuestions: false,
  shuffleChoices: false,
  pointsPerCorrect: 100,
  passPercent: 60,
};
// Translations of every text the player reads: English text (with its {placeholders}) -> text.
// The default questions (used only when the game has none) are translated too.
const STRINGS = {
  es: {
    "Which planet is known as the Red Planet?": "¿Qué planeta se conoce como el planeta rojo?",
    "How many legs does a spider have?": "¿Cuántas patas tiene una araña?",
    "Water boils at 100 degrees Celsius at sea level.": "El agua hierve a 100 grados Celsius a nivel del mar.",
    "Venus": "Venus",
    "Mars": "Marte",
    "Jupiter": "Júpiter",
    "Mercury": "Mercurio",
    "True": "Verdadero",
    "False": "Falso",
    "{correct}/{total} correct ({pct}%)": "{correct}/{total} correctas ({pct}%)",
    "Question {n}/{total}": "Pregunta {n}/{total}",
    "Well done!": "¡Bien hecho!",
    "Nice try!": "¡Buen intento!",
    "{pct}% correct  -  score {score}  -  best {best}": "{pct}% aciertos  -  puntos {score}  -  récord {best}",
    "Time's up!": "¡Se acabó el tiempo!",
    "Correct!": "¡Correcto!",
    "Not quite": "Casi, pero no",
    "Streak x{n}": "Racha x{n}",
  },
  fr: {
    "Which planet is known as the Red Planet?": "Quelle planète surnomme-t-on la planète rouge ?",
    "How many legs does a spider have?": "Combien de pattes a une araignée ?",
    "Water boils at 100 degrees Celsius at sea level.": "L'eau bout à 100 degrés Celsius au niveau de la mer.",
    "Venus": "Vénus",
    "Mars": "Mars",
    "Jupiter": "Jupiter",
    "Mercury": "Mercure",
    "True": "Vrai",
    "False": "Faux",
    "{correct}/{total} correct ({pct}%)": "{correct}/{total} bonnes réponses ({pct} %)",
    "Question {n}/{total}": "Question {n} sur {total}",
    "Well done!": "Bien joué !",
    "Nice try!": "Bien essayé !",
    "{pct}% correct  -  score {score}  -  best {best}": "{pct} % justes  -  score {score}  -  record {best}",
    "Time's up!": "Temps écoulé !",
    "Correct!": "Bonne réponse !",
    "Not quite": "Pas tout à fait",
    "Streak x{n}": "Série x{n}",
  },
  de: {
    "Which planet is known as the Red Planet?": "Welcher Planet wird der Rote Planet genannt?",
    "How many legs does a spider have?": "Wie viele Beine hat eine Spinne?",
    "Water boils at 100 degrees Celsius at sea level.": "Wasser kocht auf Meereshöhe bei 100 Grad Celsius.",
    "Venus": "Venus",
    "Mars": "Mars",
    "Jupiter": "Jupiter",
    "Mercury": "Merkur",
    "True": "Wahr",
    "False": "Falsch",
    "{correct}/{total} correct ({pct}%)": "{correct}/{total} richtig ({pct} %)",
    "Question {n}/{total}": "Frage {n}/{total}",
    "Well done!": "Gut gemacht!",
    "Nice try!": "Guter Versuch!",
    "{pct}% correct  -  score {score}  -  best {best}": "{pct} % richtig  -  Punkte {score}  -  Rekord {best}",
    "Time's up!": "Zeit abgelaufen!",
    "Correct!": "Richtig!",
    "Not quite": "Nicht ganz",
    "Streak x{n}": "Serie x{n}",
  },
  pt: {
    "Which planet is known as the Red Planet?": "Qual planeta é conhecido como o Planeta Vermelho?",
    "How many legs does a spider have?": "Quantas patas tem uma aranha?",
    "Water boils at 100 degrees Celsius at sea level.": "A água ferve a 100 graus Celsius ao nível do mar.",
    "Venus": "Vênus",
    "Mars": "Marte",
    "Jupiter": "Júpiter",
    "Mercury": "Mercúrio",
    "True": "Verdadeiro",
    "False": "Falso",
    "{correct}/{total} correct ({pct}%)": "{correct}/{total} certas ({pct}%)",
    "Question {n}/{total}": "Pergunta {n}/{total}",
    "Well done!": "Mandou bem!",
    "Nice try!": "Boa tentativa!",
    "{pct}% correct  -  score {score}  -  best {best}": "{pct}% certas  -  pontos {score}  -  recorde {best}",
    "Time's up!": "Acabou o tempo!",
    "Correct!": "Correto!",
    "Not quite": "Não foi dessa vez",
    "Streak x{n}": "Sequência x{n}",
  },
};
const GOOD = "#2ecc71";
const BAD = "#e74c3c";

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
  return "marks";
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
      ctx.text("?", d.x, y, { size: 12 + d.r * 7, color: alpha(pal.text, 0.06), align: "center", bold: true });
    }
  }
}

// Word wrap with a hard break for words wider than the line.
function wrap(ctx, text, maxW, size) {
  const words = String(text).split(/\s+/).filter((w) => w.length);
  const lines = [];
  let line = "";
  for (let w of words) {
    while (ctx.measureText(w, size) > maxW && w.length > 1) {
      let k = w.length - 1;
      while (k > 1 && ctx.measureText(w.slice(0, k), size) > maxW) k--;
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(w.slice(0, k));
      w = w.slice(k);
    }
    const test = line ? line + " " + w : w;
    if (line && ctx.measureText(test, size) > maxW) {
      lines.push(line);
      line = w;
    } else line = test;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

// Largest size in sizes whose wrapped text fits in maxLines.
function fit(ctx, text, maxW, sizes, maxLines) {
  for (const s of sizes) {
    const lines = wrap(ctx, text, maxW, s);
    if (lines.length <= maxLines) return { lines, size: s };
  }
  const s = sizes[sizes.length - 1];
  const lines = wrap(ctx, text, maxW, s).slice(0, maxLines);
  const last = lines.length - 1;
  lines[last] = lines[last].replace(/.{0,2}$/, "") + "\u2026";
  return { lines, size: s };
}

function setState(s) {
  state = s;
  stateTime = 0;
}

function prepare(ctx) {
  const q = P.questions[order[qIndex]];
  const n = q.choices.length;
  const perm = [];
  for (let i = 0; i < n; i++) perm.push(i);
  if (P.shuffleChoices) ctx.shuffle(perm);
  // measureText is for regular weight; the question is drawn bold (about 10% wider).
  const qt = fit(ctx, q.question, 500, [24, 21, 18, 16], 4);
  const panelH = qt.lines.length * qt.size * 1.25 + 26;
  const top = Math.max(150, 68 + panelH + 12);
  const rows = n <= 2 ? 1 : 2;
  const gap = 10;
  const h = Math.min(rows === 1 ? 110 : 80, (346 - top - gap * (rows - 1)) / rows);
  const w = 295;
  const choices = perm.map((orig, i) => {
    const row = rows === 1 ? 0 : Math.floor(i / 2);
    const inRow = rows === 1 ? n : i < 2 ? 2 : n - 2;
    const col = i % 2;
    const rowW = inRow * w + (inRow - 1) * gap;
    const x = 320 - rowW / 2 + col * (w + gap);
    const y = top + row * (h + gap);
    const ct = fit(ctx, q.choices[orig], w - 70, [18, 16, 14], h >= 60 ? 2 : 1);
    return { text: q.choices[orig], lines: ct.lines, size: ct.size, correct: orig === q.answer, rect: { x, y, w, h } };
  });
  cur = { text: q.question, lines: qt.lines, size: qt.size, panelH, top, choices };
}

function nextQuestion(ctx) {
  prepare(ctx);
  timeLeft = P.seconds;
  selected = -1;
  picked = -1;
  setState("ask");
}

function inside(p, r) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

function burst(ctx, x, y, color, n) {
  for (let i = 0; i < n; i++) {
    const a = ctx.random() * Math.PI * 2;
    const sp = 60 + ctx.random() * 180;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp - 60, life: 0.4 + ctx.random() * 0.5, color, r: 2 + ctx.random() * 2.5 });
  }
}

function choose(ctx, i) {
  picked = i;
  const c = i >= 0 ? cur.choices[i] : null;
  const ok = !!(c && c.correct);
  results.push(ok);
  if (ok) {
    correctCount++;
    streak++;
    const bonus = P.seconds > 0 ? Math.round(P.points * 0.5 * clamp(timeLeft / P.seconds, 0, 1)) : 0;
    ctx.score.add(P.points + bonus);
    ctx.sound.effect("coin");
    burst(ctx, c.rect.x + c.rect.w / 2, c.rect.y + c.rect.h / 2, P.palette.accent, 26);
    if (streak === 3 || streak === 5 || streak === 10) ctx.event("combo", { streak });
  } else {
    streak = 0;
    shake = 0.35;
    ctx.sound.effect(i < 0 ? "lose" : "hit");
  }
  ctx.event("answer", { question: qIndex + 1, correct: ok });
  setState("reveal");
}

function finish(ctx) {
  const total = order.length;
  const pct = Math.round((correctCount / total) * 100);
  const score = ctx.score.get();
  const prev = ctx.store.get("quiz.best", 0);
  best = Math.max(prev, score);
  ctx.store.set("quiz.best", best);
  const won = pct >= P.passPercent;
  particles = [];
  setState("done");
  ctx.sound.effect(won ? "win" : "lose");
  ctx.gameOver({ won, message: ctx.t("{correct}/{total} correct ({pct}%)", { correct: correctCount, total, pct }) });
}

// ---------------------------------------------------------------- game

aimini.game({
  setup(ctx) {
    const p = ctx.params || {};
    const get = (k) => (p[k] === undefined || p[k] === null ? DEFAULTS[k] : p[k]);
    // Copy and sanitise the questions (params are read-only).
    let qs = Array.isArray(p.questions) ? p.questions : [];
    qs = qs
      .filter((q) => q && typeof q.question === "string" && Array.isArray(q.choices) && q.choices.length >= 2)
      .slice(0, 30)
      .map((q) => {
        const choices = q.choices.slice(0, 4).map((c) => String(c));
        return { question: q.question, choices, answer: clamp(Math.round(Number(q.answer)) || 0, 0, choices.length - 1) };
      });
    if (!qs.length) qs = DEFAULTS.questions.map((q) => ({ question: ctx.t(q.question), choices: q.choices.map((c) => ctx.t(c)), answer: q.answer }));
    P = {
      title: String(get("title")),
      theme: String(get("theme")),
      palette: Object.assign({}, DEFAULTS.palette, p.palette || {}),
      questions: qs,
      seconds: clamp(Number(get("secondsPerQuestion")) || 0, 0, 300),
      shuffleQuestions: !!get("shuffleQuestions"),
      shuffleChoices: !!get("shuffleChoices"),
      points: clamp(Math.round(Number(get("pointsPerCorrect")) || 100), 1, 100000),
      passPercent: clamp(Number(get("passPercent")), 0, 100),
    };
    if (!Number.isFinite(P.passPercent)) P.passPercent = 60;
    P.decoKind = decoKind(P.theme);
    deco = [];
    for (let i = 0; i < 28; i++) {
      deco.push({ x: ctx.random() * 640, y: ctx.random() * 360, r: 1 + ctx.random() * 2.5, s: 6 + ctx.random() * 16, p: ctx.random() * 6.28 });
    }
    order = P.questions.map((_, i) => i);
    if (P.shuffleQuestions) ctx.shuffle(order);
    qIndex = 0;
    correctCount = 0;
    streak = 0;
    particles = [];
    shake = 0;
    results = [];
    best = ctx.store.get("quiz.best", 0);
    ctx.score.set(0);
    nextQuestion(ctx);
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
    const n = cur.choices.length;

    if (state === "ask") {
      if (P.seconds > 0) {
        timeLeft -= dt;
        if (timeLeft <= 0) {
          timeLeft = 0;
          choose(ctx, -1);
          return;
        }
      }
      for (let i = 0; i < n; i++) {
        if (input.pressed(String(i + 1))) {
          choose(ctx, i);
          return;
        }
      }
      if (ptr.pressed) {
        for (let i = 0; i < n; i++) {
          if (inside(ptr, cur.choices[i].rect)) {
            choose(ctx, i);
            return;
          }
        }
      }
      let move = 0;
      if (input.pressed("right") || input.pressed("down")) move = 1;
      if (input.pressed("left") || input.pressed("up")) move = -1;
      if (move !== 0) {
        if (selected < 0) selected = move > 0 ? 0 : n - 1;
        else if (input.pressed("down") && n > 2) selected = Math.min(n - 1, selected + 2);
        else if (input.pressed("up") && n > 2) selected = Math.max(0, selected - 2);
        else selected = (selected + move + n) % n;
        ctx.sound.effect("click");
      }
      if (input.pressed("action") && selected >= 0) {
        choose(ctx, selected);
        return;
      }
      return;
    }

    if (state === "reveal") {
      const wait = picked >= 0 && cur.choices[picked].correct ? 1.2 : 2.2;
      const skip = stateTime > 0.35 && (input.pressed("action") || ptr.pressed || input.pressed("right"));
      if (stateTime > wait || skip) {
        qIndex++;
        if (qIndex >= order.length) finish(ctx);
        else nextQuestion(ctx);
      }
    }
  },

  draw(ctx) {
    const pal = P.palette;
    const t = ctx.time;
    ctx.clear(pal.background);
    drawDeco(ctx, pal, t);
    const sx = shake > 0 ? Math.sin(t * 70) * shake * 16 : 0;

    // header
    ctx.rect(0, 0, 640, 44, alpha(pal.primary, 0.85));
    ctx.text(P.title, 16, 22, { size: 20, bold: true, color: pal.text });
    const total = order.length;
    ctx.text(ctx.t("Question {n}/{total}", { n: Math.min(qIndex + 1, total), total }), 624, 22, { size: 14, align: "right", color: alpha(pal.text, 0.85) });

    // progress dots (right/wrong so far) or timer bar
    if (state !== "done" && P.seconds > 0) {
      const frac = clamp(timeLeft / P.seconds, 0, 1);
      ctx.roundRect(20, 52, 600, 8, 4, alpha(pal.text, 0.12));
      const low = frac < 0.25 && state === "ask";
      if (frac > 0) ctx.roundRect(20, 52, 600 * frac, 8, 4, low ? (Math.floor(t * 6) % 2 ? "#ff5d5d" : "#ff8a80") : pal.accent);
    } else if (state !== "done") {
      const w = Math.min(600, total * 20);
      for (let i = 0; i < total; i++) {
        const x = 320 - w / 2 + (i + 0.5) * (w / total);
        const c = i < results.length ? (results[i] ? GOOD : BAD) : alpha(pal.text, i === qIndex ? 0.7 : 0.2);
        ctx.circle(x, 56, 4, c);
      }
    }

    if (state === "done") {
      const pct = Math.round((correctCount / total) * 100);
      const won = pct >= P.passPercent;
      ctx.roundRect(90, 80, 460, 210, 20, alpha(pal.primary, 0.92));
      ctx.text(ctx.t(won ? "Well done!" : "Nice try!"), 320, 118, { size: 22, bold: true, align: "center", color: pal.accent });
      ctx.text(correctCount + " / " + total, 320, 168, { size: 52, bold: true, align: "center", color: pal.text });
      ctx.text(ctx.t("{pct}% correct  -  score {score}  -  best {best}", { pct, score: ctx.score.get(), best }), 320, 214, { size: 16, align: "center", color: alpha(pal.text, 0.85) });
      const w = Math.min(400, total * 24);
      for (let i = 0; i < total; i++) {
        const x = 320 - w / 2 + (i + 0.5) * (w / total);
        ctx.circle(x, 254, Math.min(8, w / total / 2 - 1), results[i] ? GOOD : BAD);
      }
      return;
    }

    // question panel
    const ph = cur.panelH;
    ctx.roundRect(30 + sx + 4, 72, 580, ph, 16, "rgba(0,0,0,0.25)");
    ctx.roundRect(30 + sx, 68, 580, ph, 16, alpha(pal.primary, 0.95));
    const lh = cur.size * 1.25;
    const y0 = 68 + ph / 2 - ((cur.lines.length - 1) * lh) / 2;
    cur.lines.forEach((ln, i) => ctx.text(ln, 320 + sx, y0 + i * lh, { size: cur.size, bold: true, align: "center", color: pal.text }));

    // choices
    const ptr = ctx.input.pointer;
    cur.choices.forEach((c, i) => {
      const r = c.rect;
      let fill = mix(pal.primary, pal.background, 0.25);
      let border = alpha(pal.text, 0.22);
      let badge = pal.accent;
      if (state === "ask") {
        const hover = inside(ptr, r);
        if (hover || selected === i) {
          fill = mix(pal.primary, pal.accent, 0.22);
          border = pal.accent;
        }
      } else if (state === "reveal") {
        if (c.correct) {
          fill = mix(pal.primary, GOOD, 0.7);
          border = GOOD;
          badge = GOOD;
        } else if (picked === i) {
          fill = mix(pal.primary, BAD, 0.7);
          border = BAD;
          badge = BAD;
        } else {
          fill = mix(pal.primary, pal.background, 0.6);
        }
      }
      const bump = state === "reveal" && c.correct ? Math.max(0, 1 - stateTime * 3) * 4 : 0;
      ctx.roundRect(r.x + 3, r.y + 4, r.w, r.h, 12, "rgba(0,0,0,0.25)");
      ctx.roundRect(r.x - bump, r.y - bump, r.w + bump * 2, r.h + bump * 2, 12, border);
      ctx.roundRect(r.x + 2, r.y + 2, r.w - 4, r.h - 4, 10, fill);
      ctx.circle(r.x + 28, r.y + r.h / 2, 15, badge);
      let mark = String(i + 1);
      if (state === "reveal" && c.correct) mark = "\u2713";
      else if (state === "reveal" && picked === i) mark = "\u2717";
      ctx.text(mark, r.x + 28, r.y + r.h / 2 + 1, { size: 16, bold: true, align: "center", color: pal.background });
      const clh = c.size * 1.2;
      const cy0 = r.y + r.h / 2 - ((c.lines.length - 1) * clh) / 2;
      c.lines.forEach((ln, k) => ctx.text(ln, r.x + 54, cy0 + k * clh, { size: c.size, color: pal.text }));
    });

    if (state === "reveal") {
      const msg = ctx.t(picked < 0 ? "Time's up!" : cur.choices[picked].correct ? "Correct!" : "Not quite");
      const good = picked >= 0 && cur.choices[picked].correct;
      const wdt = ctx.measureText(msg, 18) + 36;
      const yb = (68 + ph + cur.top) / 2;
      ctx.roundRect(320 - wdt / 2, yb - 14, wdt, 28, 14, good ? GOOD : BAD);
      ctx.text(msg, 320, yb, { size: 18, bold: true, align: "center", color: "#ffffff" });
    } else if (streak >= 2) {
      ctx.text(ctx.t("Streak x{n}", { n: streak }), 600, 68 + ph + 2, { size: 12, bold: true, align: "right", color: pal.accent });
    }

    for (const pt of particles) ctx.circle(pt.x, pt.y, pt.r * Math.max(0, pt.life * 2), pt.color);
  },

  strings: STRINGS,
});
