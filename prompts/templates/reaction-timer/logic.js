// Reaction timer: wait for the signal, then press or tap as fast as you can.
// Pressing before the signal is a false start and costs a time penalty. Several rounds; the result
// is the average reaction time in milliseconds (penalties included).

let P; // params with fallbacks
let state; // "intro" | "wait" | "early" | "signal" | "result" | "done"
let round; // 0-based index of the current round
let times; // reaction times (ms) of finished rounds
let penalties; // total penalty ms from false starts
let falseStarts;
let stateTime; // seconds spent in the current state
let delay; // seconds to wait before the signal in this round
let lastMs;
let average;
let best;
let particles;
let deco;
let flash;
let pulse;

const DEFAULTS = {
  title: "Reaction Timer",
  theme: "neon",
  palette: { background: "#10131f", primary: "#3a4a8c", accent: "#36e27a", text: "#f2f4ff" },
  rounds: 5,
  minDelay: 1,
  maxDelay: 3.5,
  falseStartPenalty: 500,
  targetMs: 350,
  signalText: "GO!",
  waitText: "Wait for it...",
};

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
// The big button's label gets a smaller font past 7 and 12 characters: keep those short.
const STRINGS = {
  es: {
    "GO!": "¡YA!",
    "Wait for it...": "Espera...",
    "Lightning!": "¡Un rayo!",
    "Excellent": "Excelente",
    "Great": "Genial",
    "Good": "Bien",
    "Keep trying": "Sigue intentándolo",
    "Average {avg} ms": "Media: {avg} ms",
    "{msg} ({n} false start)": "{msg} ({n} salida en falso)",
    "{msg} ({n} false starts)": "{msg} ({n} salidas en falso)",
    "{msg} - new best!": "{msg} - ¡nuevo récord!",
    "Tap to start": "Toca aquí",
    "then press Space or tap when it lights up": "luego pulsa Espacio o toca cuando se ilumine",
    "Round {n} of {total}": "Ronda {n} de {total}",
    "Too soon!": "¡Aún no!",
    "+{ms} ms penalty": "+{ms} ms de penalización",
    "Wait for the signal": "Espera la señal",
    "Too slow": "Demasiado tarde",
    "average - best {best} ms": "media - récord {best} ms",
    "average": "media",
    "Goal: under {ms} ms on average": "Meta: menos de {ms} ms de media",
    "False starts: {n}": "Salidas en falso: {n}",
  },
  fr: {
    "GO!": "PARTEZ !",
    "Wait for it...": "Attends...",
    "Lightning!": "Éclair !",
    "Excellent": "Excellent !",
    "Great": "Super",
    "Good": "Bien",
    "Keep trying": "Encore un effort",
    "Average {avg} ms": "Moyenne : {avg} ms",
    "{msg} ({n} false start)": "{msg} ({n} faux départ)",
    "{msg} ({n} false starts)": "{msg} ({n} faux départs)",
    "{msg} - new best!": "{msg} - nouveau record !",
    "Tap to start": "Touche ici",
    "then press Space or tap when it lights up": "puis Espace ou touche dès que ça s'allume",
    "Round {n} of {total}": "Manche {n} sur {total}",
    "Too soon!": "Trop tôt !",
    "+{ms} ms penalty": "+{ms} ms de pénalité",
    "Wait for the signal": "Attends le signal",
    "Too slow": "Trop tard",
    "average - best {best} ms": "moyenne - record {best} ms",
    "average": "moyenne",
    "Goal: under {ms} ms on average": "Objectif : moins de {ms} ms en moyenne",
    "False starts: {n}": "Faux départs : {n}",
  },
  de: {
    "GO!": "LOS!",
    "Wait for it...": "Warte...",
    "Lightning!": "Blitzschnell!",
    "Excellent": "Exzellent",
    "Great": "Super",
    "Good": "Gut",
    "Keep trying": "Weiter üben",
    "Average {avg} ms": "Durchschnitt: {avg} ms",
    "{msg} ({n} false start)": "{msg} ({n} Fehlstart)",
    "{msg} ({n} false starts)": "{msg} ({n} Fehlstarts)",
    "{msg} - new best!": "{msg} - neuer Rekord!",
    "Tap to start": "Tippe hier",
    "then press Space or tap when it lights up": "dann Leertaste oder tippen, wenn es aufleuchtet",
    "Round {n} of {total}": "Runde {n} von {total}",
    "Too soon!": "Zu früh!",
    "+{ms} ms penalty": "+{ms} ms Strafe",
    "Wait for the signal": "Warte auf das Signal",
    "Too slow": "Zu langsam",
    "average - best {best} ms": "Schnitt - Rekord {best} ms",
    "average": "Durchschnitt",
    "Goal: under {ms} ms on average": "Ziel: im Schnitt unter {ms} ms",
    "False starts: {n}": "Fehlstarts: {n}",
  },
  pt: {
    "GO!": "JÁ!",
    "Wait for it...": "Espere...",
    "Lightning!": "Um raio!",
    "Excellent": "Excelente",
    "Great": "Ótimo",
    "Good": "Bom",
    "Keep trying": "Continue tentando",
    "Average {avg} ms": "Média: {avg} ms",
    "{msg} ({n} false start)": "{msg} ({n} largada falsa)",
    "{msg} ({n} false starts)": "{msg} ({n} largadas falsas)",
    "{msg} - new best!": "{msg} - novo recorde!",
    "Tap to start": "Toque aqui",
    "then press Space or tap when it lights up": "depois aperte Espaço ou toque quando acender",
    "Round {n} of {total}": "Rodada {n} de {total}",
    "Too soon!": "Ainda não!",
    "+{ms} ms penalty": "+{ms} ms de penalidade",
    "Wait for the signal": "Espere o sinal",
    "Too slow": "Tarde demais",
    "average - best {best} ms": "média - recorde {best} ms",
    "average": "média",
    "Goal: under {ms} ms on average": "Meta: menos de {ms} ms em média",
    "False starts: {n}": "Largadas falsas: {n}",
  },
};

// ---------------------------------------------------------------- helpers

function param(name) {
  const v = P0[name];
  return v === undefined || v === null ? DEFAULTS[name] : v;
}
let P0 = {};

function hexToRgb(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(String(hex || ""));
  if (!m) return [255, 255, 255];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
function mix(a, b, t) {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  const c = x.map((v, i) => Math.round(v + (y[i] - v) * t));
  return "rgb(" + c.join(",") + ")";
}
function alpha(hex, a) {
  const c = hexToRgb(hex);
  return "rgba(" + c.join(",") + "," + a + ")";
}
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

function decoKind(theme) {
  const t = String(theme).toLowerCase();
  if (/space|star|galax|alien|rocket|cosmic|planet|moon/.test(t)) return "stars";
  if (/ocean|sea|water|fish|underwater|beach|aqua/.test(t)) return "bubbles";
  if (/snow|winter|ice|christmas|frost/.test(t)) return "snow";
  if (/forest|nature|garden|jungle|leaf|autumn|tree/.test(t)) return "leaves";
  return "dots";
}

function makeDeco(ctx) {
  const list = [];
  for (let i = 0; i < 36; i++) {
    list.push({ x: ctx.random() * 640, y: ctx.random() * 360, r: 1 + ctx.random() * 2.5, s: 6 + ctx.random() * 18, p: ctx.random() * 6.28 });
  }
  return list;
}

function drawDeco(ctx, pal, t) {
  for (const d of deco) {
    if (P.decoKind === "stars") {
      const x = (d.x - t * d.s) % 640;
      const tw = 0.35 + 0.35 * Math.sin(t * 2 + d.p);
      ctx.circle(x < 0 ? x + 640 : x, d.y, d.r * 0.8, alpha(pal.text, tw));
    } else if (P.decoKind === "bubbles") {
      const y = (d.y - t * d.s) % 380;
      ctx.strokeCircle(d.x + Math.sin(t + d.p) * 6, y < -10 ? y + 380 : y, d.r * 2, alpha(pal.text, 0.25), 1);
    } else if (P.decoKind === "snow") {
      const y = (d.y + t * d.s) % 370;
      ctx.circle(d.x + Math.sin(t + d.p) * 8, y, d.r, alpha(pal.text, 0.6));
    } else if (P.decoKind === "leaves") {
      const y = (d.y + t * d.s * 0.7) % 370;
      const x = d.x + Math.sin(t * 0.8 + d.p) * 14;
      ctx.poly([[x, y - d.r * 2], [x + d.r * 1.5, y], [x, y + d.r * 2], [x - d.r * 1.5, y]], alpha(pal.accent, 0.35));
    } else {
      const y = d.y + Math.sin(t * 0.6 + d.p) * 10;
      ctx.circle(d.x, y, d.r * 1.6, alpha(pal.primary, 0.45));
    }
  }
}

function burst(ctx, x, y, color, n) {
  for (let i = 0; i < n; i++) {
    const a = ctx.random() * Math.PI * 2;
    const sp = 60 + ctx.random() * 200;
    particles.push({ x, y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.5 + ctx.random() * 0.5, max: 1, color, r: 2 + ctx.random() * 3 });
  }
}

function anyPress(ctx) {
  const i = ctx.input;
  return i.pressed("action") || i.pressed("up") || i.pressed("down") || i.pressed("left") || i.pressed("right") || i.pointer.pressed || i.typed.length > 0;
}

function setState(s) {
  state = s;
  stateTime = 0;
}

function newDelay(ctx) {
  delay = P.minDelay + ctx.random() * Math.max(0, P.maxDelay - P.minDelay);
}

function rating(ms) {
  if (ms < 200) return "Lightning!";
  if (ms < 260) return "Excellent";
  if (ms < 330) return "Great";
  if (ms < 450) return "Good";
  return "Keep trying";
}

function finish(ctx) {
  const sum = times.reduce((a, b) => a + b, 0) + penalties;
  average = Math.round(sum / Math.max(1, times.length));
  const prev = ctx.store.get("reaction-timer.best", 0);
  best = prev > 0 ? Math.min(prev, average) : average;
  ctx.store.set("reaction-timer.best", best);
  const won = average <= P.targetMs;
  particles = [];
  setState("done");
  ctx.sound.effect(won ? "win" : "lose");
  ctx.event("finished", { average, falseStarts });
  let msg = ctx.t("Average {avg} ms", { avg: average });
  if (falseStarts > 0) msg = ctx.t(falseStarts > 1 ? "{msg} ({n} false starts)" : "{msg} ({n} false start)", { msg, n: falseStarts });
  if (best === average && prev > 0 && average < prev) msg = ctx.t("{msg} - new best!", { msg });
  ctx.gameOver({ won, message: msg });
}

// ---------------------------------------------------------------- game

aimini.game({
  setup(ctx) {
    P0 = ctx.params || {};
    const pal = Object.assign({}, DEFAULTS.palette, P0.palette || {});
    const minDelay = clamp(Number(param("minDelay")) || 1, 0.3, 10);
    P = {
      title: String(param("title")),
      theme: String(param("theme")),
      palette: pal,
      rounds: clamp(Math.round(Number(param("rounds")) || 5), 1, 20),
      minDelay,
      maxDelay: Math.max(minDelay, clamp(Number(param("maxDelay")) || 3.5, 0.3, 10)),
      penalty: clamp(Math.round(Number(param("falseStartPenalty"))), 0, 5000),
      targetMs: clamp(Math.round(Number(param("targetMs")) || 350), 100, 2000),
      signalText: String(param("signalText")),
      waitText: String(param("waitText")),
    };
    // the default signal and wait texts in the player's language
    if (P.signalText === DEFAULTS.signalText) P.signalText = ctx.t(P.signalText);
    if (P.waitText === DEFAULTS.waitText) P.waitText = ctx.t(P.waitText);
    P.decoKind = decoKind(P.theme);
    round = 0;
    times = [];
    penalties = 0;
    falseStarts = 0;
    lastMs = 0;
    average = 0;
    best = ctx.store.get("reaction-timer.best", 0);
    particles = [];
    flash = 0;
    pulse = 0;
    deco = makeDeco(ctx);
    ctx.score.set(0);
    setState("intro");
    newDelay(ctx);
  },

  update(ctx, dt) {
    stateTime += dt;
    flash = Math.max(0, flash - dt * 2.5);
    pulse += dt;
    for (const p of particles) {
      p.x += p.vx * dt;
      p.y += p.vy * dt;
      p.vy += 300 * dt;
      p.life -= dt;
    }
    particles = particles.filter((p) => p.life > 0);

    const press = anyPress(ctx);
    if (state === "intro") {
      if (press) {
        ctx.sound.effect("click");
        newDelay(ctx);
        setState("wait");
      }
    } else if (state === "wait") {
      if (press) {
        falseStarts++;
        penalties += P.penalty;
        ctx.score.set(Math.max(0, ctx.score.get() - Math.round(P.penalty / 5)));
        ctx.sound.effect("hit");
        ctx.event("falseStart", { round: round + 1, penalty: P.penalty });
        flash = 1;
        setState("early");
      } else if (stateTime >= delay) {
        ctx.sound.tone(880, 140, { type: "square", volume: 0.2 });
        setState("signal");
      }
    } else if (state === "early") {
      if (stateTime > 1.2 || (stateTime > 0.4 && press)) {
        newDelay(ctx);
        setState("wait");
      }
    } else if (state === "signal") {
      const ms = Math.round(stateTime * 1000);
      if (press || ms >= 2000) {
        lastMs = Math.min(ms, 2000);
        times.push(lastMs);
        ctx.score.add(Math.max(0, 1000 - lastMs));
        ctx.event("round", { round: round + 1, ms: lastMs });
        ctx.sound.effect(lastMs <= P.targetMs ? "coin" : "click");
        burst(ctx, 320, 190, P.palette.accent, lastMs <= P.targetMs ? 40 : 16);
        round++;
        setState("result");
      }
    } else if (state === "result") {
      if (stateTime > 1.6 || (stateTime > 0.35 && press)) {
        if (round >= P.rounds) finish(ctx);
        else {
          newDelay(ctx);
          setState("wait");
        }
      }
    }
  },

  draw(ctx) {
    const pal = P.palette;
    const t = ctx.time;
    let bg = pal.background;
    if (state === "signal") bg = mix(pal.background, pal.accent, 0.35);
    ctx.clear(bg);
    if (flash > 0) ctx.rect(0, 0, 640, 360, "rgba(255,60,60," + (flash * 0.35).toFixed(3) + ")");
    drawDeco(ctx, pal, t);

    // header
    ctx.rect(0, 0, 640, 44, alpha(pal.primary, 0.55));
    ctx.text(P.title, 16, 22, { size: 20, bold: true, color: pal.text });
    ctx.text(P.theme.toUpperCase(), 624, 22, { size: 12, color: alpha(pal.text, 0.6), align: "right" });

    // round pips
    const n = P.rounds;
    const pipW = Math.min(28, 400 / n);
    const startX = 320 - (n * pipW) / 2 + pipW / 2;
    for (let i = 0; i < n; i++) {
      const done = i < times.length;
      const cur = i === round && state !== "done" && state !== "intro";
      const x = startX + i * pipW;
      ctx.circle(x, 62, cur ? 7 : 5, done ? pal.accent : alpha(pal.text, cur ? 0.8 : 0.25));
    }

    // the big signal button
    const cx = 320;
    const cy = 190;
    let r = 92;
    let fill = pal.primary;
    let label = "";
    let sub = "";
    if (state === "intro") {
      r = 92 + Math.sin(pulse * 3) * 4;
      label = ctx.t("Tap to start");
      sub = ctx.t("then press Space or tap when it lights up");
    } else if (state === "wait") {
      fill = mix(pal.primary, pal.background, 0.15 + 0.1 * Math.sin(pulse * 4));
      label = P.waitText;
      sub = ctx.t("Round {n} of {total}", { n: round + 1, total: n });
    } else if (state === "early") {
      fill = "#c0392b";
      r = 92 + Math.sin(stateTime * 40) * Math.max(0, 6 - stateTime * 10);
      label = ctx.t("Too soon!");
      sub = P.penalty > 0 ? ctx.t("+{ms} ms penalty", { ms: P.penalty }) : ctx.t("Wait for the signal");
    } else if (state === "signal") {
      fill = pal.accent;
      r = 100 + Math.min(10, stateTime * 80);
      label = P.signalText;
      sub = "";
    } else if (state === "result") {
      fill = mix(pal.primary, pal.accent, 0.35);
      label = lastMs + " ms";
      sub = ctx.t(lastMs >= 2000 ? "Too slow" : rating(lastMs));
    } else if (state === "done") {
      fill = mix(pal.primary, pal.accent, average <= P.targetMs ? 0.5 : 0.1);
      label = average + " ms";
      sub = best > 0 ? ctx.t("average - best {best} ms", { best }) : ctx.t("average");
    }
    ctx.circle(cx + 4, cy + 6, r, "rgba(0,0,0,0.25)");
    ctx.circle(cx, cy, r, fill);
    ctx.strokeCircle(cx, cy, r + 6, alpha(pal.text, state === "signal" ? 0.9 : 0.2), 3);
    const labelColor = state === "signal" ? pal.background : pal.text;
    const size = label.length > 12 ? 20 : label.length > 7 ? 28 : 40;
    ctx.text(label, cx, cy - (sub ? 8 : 0), { size, bold: true, align: "center", color: labelColor });
    if (sub) ctx.text(sub, cx, cy + 26, { size: 13, align: "center", color: alpha(pal.text, 0.85) });

    // history chips
    const chipW = 74;
    const total = times.length;
    const x0 = 320 - (Math.min(total, 7) * (chipW + 6)) / 2;
    const shown = times.slice(-7);
    shown.forEach((ms, i) => {
      const x = x0 + i * (chipW + 6);
      const good = ms <= P.targetMs;
      ctx.roundRect(x, 312, chipW, 30, 8, good ? alpha(pal.accent, 0.3) : alpha(pal.text, 0.12));
      ctx.text(ms + " ms", x + chipW / 2, 327, { size: 14, align: "center", bold: good, color: pal.text });
    });
    if (state === "intro") {
      ctx.text(ctx.t("Goal: under {ms} ms on average", { ms: P.targetMs }), 320, 327, { size: 14, align: "center", color: alpha(pal.text, 0.75) });
    }
    if (falseStarts > 0 && state !== "done") {
      ctx.text(ctx.t("False starts: {n}", { n: falseStarts }), 624, 62, { size: 12, align: "right", color: "#ff8a80" });
    }

    for (const p of particles) ctx.circle(p.x, p.y, p.r * Math.max(0, p.life), p.color);
  },

  strings: STRINGS,
});
