// Rhythm Tap: notes fall down 3-4 lanes toward a hit line; press the lane's key (or tap the lane) as
// each note crosses the line. Every hit plays the note's pitch, so playing well plays the melody over
// a soft drum and bass backing. The chart comes from a song number (same number, same song).
// Template for aimini-runtime/1. Everything customisable comes from ctx.params.

const W = 640;
const H = 360;
const HUD_H = 44;
const TOP_Y = HUD_H + 8;
const HIT_Y = 308;
const DEFAULT_COLORS = ["#22c55e", "#ef4444", "#facc15", "#3b82f6"];
// Rhythms of one 4/4 bar in eighth notes ("1" = a note on that eighth).
const GROOVES = {
  steady: ["10101010", "10101011", "10111010", "11101010"],
  syncopated: ["10010010", "10010110", "10110100", "10011010"],
  gallop: ["10110110", "10111011", "11011010", "10110111"],
  offbeat: ["01010101", "01010111", "01110101", "11010101"],
};
// Scale degrees 0-7 in semitones above middle C, and the bass roots of a four-bar progression.
const SCALES = {
  pentatonic: { steps: [0, 2, 4, 7, 9, 12, 14, 16], bass: [0, 7, 9, 5] },
  major: { steps: [0, 2, 4, 5, 7, 9, 11, 12], bass: [0, 7, 9, 5] },
  minor: { steps: [0, 2, 3, 5, 7, 8, 10, 12], bass: [0, 8, 3, 10] },
  blues: { steps: [0, 3, 5, 6, 7, 10, 12, 15], bass: [0, 5, 0, 7] },
};
const JUDGE = { perfect: 0.05, good: 0.11, late: 0.15 }; // seconds either side of the beat

// Translations of every text the player reads: English text (with its {placeholders}) -> text.
const STRINGS = {
  es: {
    "Song failed at {pct}%. Accuracy {acc}%.": "Canción fallida al {pct}%. Precisión {acc}%.",
    "Grade {grade}: accuracy {acc}%, best combo {combo}, new best!": "Nota {grade}: precisión {acc}%, mejor racha {combo}, ¡nuevo récord!",
    "Grade {grade}: accuracy {acc}%, best combo {combo}": "Nota {grade}: precisión {acc}%, mejor racha {combo}",
    "PERFECT": "PERFECTO",
    "GOOD": "BIEN",
    "MISS": "FALLO",
    "combo lost": "racha perdida",
    "{n} combo": "racha de {n}",
    "Get ready": "Prepárate",
    "SCORE": "PUNTOS",
    "BEST": "RÉCORD",
    "COMBO": "RACHA",
    "max {n}": "máx. {n}",
    "ACCURACY": "PRECISIÓN",
    "perfect {n}": "perfectos {n}",
    "good {n}": "buenos {n}",
    "miss {n}": "fallos {n}",
    "ENERGY": "ENERGÍA",
    "D F J K / arrows": "D F J K / flechas",
    "D  F/J  K / arrows": "D  F/J  K / flechas",
    "or tap the lanes": "o toca los carriles",
    "Hit each note as it crosses the line": "Toca cada nota cuando cruce la línea",
    "keys as shown, arrows, or tap the lanes": "estas teclas, flechas o toca los carriles",
    "{bpm} BPM  -  {s} s  -  perfect, good or miss": "{bpm} BPM  -  {s} s  -  perfecto, bien o fallo",
    "Misses drain your energy: keep it up to finish the song": "Los fallos gastan tu energía: mantenla para acabar la canción",
    "Every hit plays its note: play the melody!": "Cada acierto suena su nota: ¡toca la melodía!",
    "Tap or press Space to start": "Toca o pulsa Espacio para empezar",
    "Song failed": "Canción fallida",
    "Song complete!": "¡Canción completada!",
    "Score": "Puntos",
    "Accuracy": "Precisión",
    "Best combo": "Mejor racha",
    "Perfect / good / miss": "Perfecto/bien/fallo",
    "NEW BEST SCORE!": "¡NUEVO RÉCORD!",
    "best {best}": "récord {best}",
    "Tap or press Space to play again": "Toca o pulsa Espacio para jugar otra vez",
  },
  fr: {
    "Song failed at {pct}%. Accuracy {acc}%.": "Chanson ratée à {pct} %. Précision {acc} %.",
    "Grade {grade}: accuracy {acc}%, best combo {combo}, new best!": "Note {grade} : précision {acc} %, meilleure série {combo}, nouveau record !",
    "Grade {grade}: accuracy {acc}%, best combo {combo}": "Note {grade} : précision {acc} %, meilleure série {combo}",
    "PERFECT": "PARFAIT",
    "GOOD": "BIEN",
    "MISS": "RATÉ",
    "combo lost": "série perdue",
    "{n} combo": "série de {n}",
    "Get ready": "Prépare-toi",
    "SCORE": "POINTS",
    "BEST": "RECORD",
    "COMBO": "SÉRIE",
    "max {n}": "max. {n}",
    "ACCURACY": "PRÉCISION",
    "perfect {n}": "parfaits {n}",
    "good {n}": "bons {n}",
    "miss {n}": "ratés {n}",
    "ENERGY": "ÉNERGIE",
    "D F J K / arrows": "D F J K / flèches",
    "D  F/J  K / arrows": "D  F/J  K / flèches",
    "or tap the lanes": "ou touche les pistes",
    "Hit each note as it crosses the line": "Frappe chaque note quand elle passe la ligne",
    "keys as shown, arrows, or tap the lanes": "ces touches, flèches ou touche les pistes",
    "{bpm} BPM  -  {s} s  -  perfect, good or miss": "{bpm} BPM  -  {s} s  -  parfait, bien ou raté",
    "Misses drain your energy: keep it up to finish the song": "Chaque raté vide ton énergie : garde-la pour finir la chanson",
    "Every hit plays its note: play the melody!": "Chaque note touchée sonne : joue la mélodie !",
    "Tap or press Space to start": "Touche ou Espace pour commencer",
    "Song failed": "Chanson ratée",
    "Song complete!": "Chanson terminée !",
    "Score": "Points",
    "Accuracy": "Précision",
    "Best combo": "Meilleure série",
    "Perfect / good / miss": "Parfait/bien/raté",
    "NEW BEST SCORE!": "NOUVEAU RECORD !",
    "best {best}": "record {best}",
    "Tap or press Space to play again": "Touche ou Espace pour rejouer",
  },
  de: {
    "Song failed at {pct}%. Accuracy {acc}%.": "Song bei {pct} % verpatzt. Genauigkeit {acc} %.",
    "Grade {grade}: accuracy {acc}%, best combo {combo}, new best!": "Note {grade}: Genauigkeit {acc} %, beste Kombo {combo}, neuer Rekord!",
    "Grade {grade}: accuracy {acc}%, best combo {combo}": "Note {grade}: Genauigkeit {acc} %, beste Kombo {combo}",
    "PERFECT": "PERFEKT",
    "GOOD": "GUT",
    "MISS": "DANEBEN",
    "combo lost": "Kombo verloren",
    "{n} combo": "Kombo {n}",
    "Get ready": "Mach dich bereit",
    "SCORE": "PUNKTE",
    "BEST": "REKORD",
    "COMBO": "KOMBO",
    "max {n}": "max. {n}",
    "ACCURACY": "GENAUIGKEIT",
    "perfect {n}": "perfekt {n}",
    "good {n}": "gut {n}",
    "miss {n}": "daneben {n}",
    "ENERGY": "ENERGIE",
    "D F J K / arrows": "D F J K / Pfeile",
    "D  F/J  K / arrows": "D  F/J  K / Pfeile",
    "or tap the lanes": "oder Spuren antippen",
    "Hit each note as it crosses the line": "Triff jede Note, wenn sie die Linie kreuzt",
    "keys as shown, arrows, or tap the lanes": "diese Tasten, Pfeile oder Spuren antippen",
    "{bpm} BPM  -  {s} s  -  perfect, good or miss": "{bpm} BPM  -  {s} s  -  perfekt, gut oder daneben",
    "Misses drain your energy: keep it up to finish the song": "Fehler kosten Energie: halte sie oben, um den Song zu beenden",
    "Every hit plays its note: play the melody!": "Jeder Treffer spielt seine Note: spiel die Melodie!",
    "Tap or press Space to start": "Tippe oder drück Leertaste zum Start",
    "Song failed": "Song verpatzt",
    "Song complete!": "Song geschafft!",
    "Score": "Punkte",
    "Accuracy": "Genauigkeit",
    "Best combo": "Beste Kombo",
    "Perfect / good / miss": "Perfekt/gut/daneben",
    "NEW BEST SCORE!": "NEUER REKORD!",
    "best {best}": "Rekord {best}",
    "Tap or press Space to play again": "Tippen oder Leertaste: neue Runde",
  },
  pt: {
    "Song failed at {pct}%. Accuracy {acc}%.": "Música interrompida em {pct}%. Precisão {acc}%.",
    "Grade {grade}: accuracy {acc}%, best combo {combo}, new best!": "Nota {grade}: precisão {acc}%, melhor sequência {combo}, novo recorde!",
    "Grade {grade}: accuracy {acc}%, best combo {combo}": "Nota {grade}: precisão {acc}%, melhor sequência {combo}",
    "PERFECT": "PERFEITO",
    "GOOD": "BOM",
    "MISS": "ERROU",
    "combo lost": "sequência perdida",
    "{n} combo": "sequência de {n}",
    "Get ready": "Prepare-se",
    "SCORE": "PONTOS",
    "BEST": "RECORDE",
    "COMBO": "SEQUÊNCIA",
    "max {n}": "máx. {n}",
    "ACCURACY": "PRECISÃO",
    "perfect {n}": "perfeitos {n}",
    "good {n}": "bons {n}",
    "miss {n}": "erros {n}",
    "ENERGY": "ENERGIA",
    "D F J K / arrows": "D F J K / setas",
    "D  F/J  K / arrows": "D  F/J  K / setas",
    "or tap the lanes": "ou toque as pistas",
    "Hit each note as it crosses the line": "Acerte cada nota quando ela cruzar a linha",
    "keys as shown, arrows, or tap the lanes": "estas teclas, setas ou toque as pistas",
    "{bpm} BPM  -  {s} s  -  perfect, good or miss": "{bpm} BPM  -  {s} s  -  perfeito, bom ou erro",
    "Misses drain your energy: keep it up to finish the song": "Erros gastam sua energia: mantenha-a para terminar a música",
    "Every hit plays its note: play the melody!": "Cada acerto toca sua nota: toque a melodia!",
    "Tap or press Space to start": "Toque ou aperte Espaço para começar",
    "Song failed": "Música interrompida",
    "Song complete!": "Música completa!",
    "Score": "Pontos",
    "Accuracy": "Precisão",
    "Best combo": "Melhor sequência",
    "Perfect / good / miss": "Perfeito/bom/erro",
    "NEW BEST SCORE!": "NOVO RECORDE!",
    "best {best}": "recorde {best}",
    "Tap or press Space to play again": "Toque ou aperte Espaço para jogar de novo",
  },
};

let P, C, lanes, laneX, laneW, laneCol, keyNames, beatLen, barLen, startBar, songEnd, approach, wave, scale;
let notes, first, songT, state, stateT, overAt, lastBeat, best, newBest;
let score, combo, maxCombo, perfects, goods, misses, health, useHealth, judgeText, judgeT, flash, particles, held;

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
// A small seeded generator for the chart, so a song number always gives the same song
// (ctx.random is seeded per run by the runtime and serves song 0, "a new chart every play").
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function freqOf(semi) {
  return 261.63 * Math.pow(2, semi / 12);
}

// ---------- the chart ----------
// A song is built from two-bar phrases that repeat (so it has motifs to learn), in three stages of
// rising density. The notes walk across the lanes (reflecting at the edges, never three times in the
// same lane) and each lane sings its own part of the scale: further right is higher.
function makePhrase(rng, stage, density, startLane) {
  const groove = GROOVES[P.groove] ? [GROOVES[P.groove]] : Object.keys(GROOVES).map((k) => GROOVES[k]);
  const masks = groove[Math.floor(rng() * groove.length)];
  const out = [];
  let lane = startLane % lanes, same = 0;
  const walk = () => {
    const r = rng();
    let next = lane + (r < 0.3 ? -1 : r < 0.6 ? 1 : r < 0.7 ? -2 : r < 0.8 ? 2 : 0);
    if (next < 0) next = -next;
    if (next > lanes - 1) next = 2 * (lanes - 1) - next;
    same = next === lane ? same + 1 : 0;
    if (same >= 2) {
      next = lane === 0 ? 1 : lane === lanes - 1 ? lanes - 2 : lane + (rng() < 0.5 ? -1 : 1);
      same = 0;
    }
    lane = next;
    // two scale degrees per lane (three lanes spread over the same octave and a bit)
    return { lane, deg: Math.min(7, clamp(Math.round((lane * 7) / (lanes - 1) - rng() * 1.2 + 0.3), 0, 7)) };
  };
  for (let bar = 0; bar < 2; bar++) {
    let mask = masks[Math.floor(rng() * masks.length)];
    // thin out (every other note) early on, and for most of the song on easy
    // (slow songs thin less: their eighth notes are already far apart)
    const slow = beatLen > 0.65;
    const thin = density === "easy" ? stage < (slow ? 1 : 2) : density === "normal" ? stage === 0 && !slow : false;
    if (thin) {
      let k = 0;
      mask = mask.split("").map((c) => (c === "1" && k++ % 2 === 1 ? "0" : c)).join("");
    }
    for (let s = 0; s < 8; s++) {
      if (mask[s] !== "1") continue;
      out.push(Object.assign({ step: bar * 16 + s * 2 }, walk()));
      // hard songs add sixteenth-note pickups late in the song
      if (density === "hard" && stage >= 1 && s < 7 && mask[s + 1] !== "1" && rng() < 0.3) {
        out.push(Object.assign({ step: bar * 16 + s * 2 + 1 }, walk()));
      }
    }
  }
  return out;
}

function buildChart(rng) {
  const nBars = Math.max(4, Math.floor(num(P.songLength, 20, 120, 45) / barLen));
  const nPhrases = Math.ceil(nBars / 2);
  const density = ["easy", "normal", "hard"].indexOf(P.density) >= 0 ? P.density : "normal";
  const pool = [0, 1, 2].map((s) => [makePhrase(rng, s, density, s * 2), makePhrase(rng, s, density, s * 2 + 3)]);
  const form = [0, 0, 1, 0, 1, 1, 0, 1]; // A A B A B B A B within each stage
  notes = [];
  for (let p = 0; p < nPhrases; p++) {
    const stage = Math.min(2, Math.floor((p * 3) / nPhrases));
    const phrase = pool[stage][form[p % form.length]];
    const bar0 = startBar + p * 2;
    for (const e of phrase) {
      if (p * 2 + Math.floor(e.step / 16) >= nBars) continue;
      notes.push({ t: (bar0 * 16 + e.step) * (beatLen / 4), lane: e.lane, freq: freqOf(scale.steps[e.deg]), hit: "", y: 0 });
    }
  }
  // finish on one long-awaited downbeat
  const lastBar = startBar + nBars;
  notes.push({ t: lastBar * barLen, lane: Math.floor(lanes / 2), freq: freqOf(12), hit: "", y: 0, last: true });
  songEnd = lastBar * barLen;
}

// ---------- setup ----------
function setup(ctx) {
  P = ctx.params || {};
  const pal = P.palette || {};
  const bg = parseHex(pal.background, "#120a26");
  let text = parseHex(pal.text, "#f5f3ff");
  if (Math.abs(lum(text) - lum(bg)) < 0.35) text = inkOn(bg);
  let accent = parseHex(pal.accent, "#f472b6");
  if (Math.abs(lum(accent) - lum(bg)) < 0.2) accent = lum(bg) < 0.5 ? [244, 114, 182] : [190, 24, 93];
  let primary = parseHex(pal.primary, "#22d3ee");
  if (Math.abs(lum(primary) - lum(bg)) < 0.2) primary = lum(bg) < 0.5 ? [34, 211, 238] : [8, 120, 150];
  C = {
    bg, text, accent, primary,
    muted: mix(text, bg, 0.45),
    panel: mix(bg, BLACK, 0.4),
    lane: mix(bg, lum(bg) < 0.5 ? WHITE : BLACK, 0.06),
    bad: [239, 71, 111],
  };

  lanes = Math.round(num(P.lanes, 3, 4, 4));
  laneW = lanes === 4 ? 74 : 92;
  laneX = [];
  for (let i = 0; i < lanes; i++) laneX.push(W / 2 - (lanes * laneW) / 2 + i * laneW);
  const cols = Array.isArray(P.laneColors) ? P.laneColors : [];
  laneCol = [];
  for (let i = 0; i < lanes; i++) laneCol.push(parseHex(cols[i], DEFAULT_COLORS[lanes === 3 && i === 2 ? 3 : i]));
  keyNames = lanes === 4 ? ["D", "F", "J", "K"] : ["D", "F/J", "K"];
  wave = ["sine", "triangle", "square", "sawtooth"].indexOf(P.wave) >= 0 ? P.wave : "square";
  scale = SCALES[P.scale] || SCALES.pentatonic;
  useHealth = P.health !== false;

  beatLen = 60 / num(P.bpm, 60, 200, 110);
  barLen = beatLen * 4;
  approach = num(P.noteSpeed, 0.7, 3, 1.6);
  // the first notes enter after a count-in bar, and never faster than they can fall into view
  startBar = Math.max(1, Math.ceil(approach / barLen));
  const song = Math.round(num(P.song, 0, 9999, 1));
  buildChart(song > 0 ? mulberry32(song * 7919 + lanes) : () => ctx.random());

  first = 0;
  songT = -0.6;
  lastBeat = -1;
  score = combo = maxCombo = perfects = goods = misses = 0;
  health = 100;
  judgeText = "";
  judgeT = 0;
  flash = [0, 0, 0, 0];
  held = [false, false, false, false];
  particles = [];
  best = ctx.store.get(`rhythm-tap:best:${song}`, 0);
  newBest = false;
  overAt = 0;
  state = "intro";
  stateT = 0;
  ctx.score.set(0);
}

// ---------- game logic ----------
function mult() {
  return Math.min(4, 1 + Math.floor(combo / 10));
}
function judged() {
  return perfects + goods + misses;
}
function accuracy() {
  const n = judged();
  return n ? (100 * (perfects + goods * 0.6)) / n : 100;
}
function grade(acc) {
  return acc >= 95 ? "S" : acc >= 88 ? "A" : acc >= 78 ? "B" : acc >= 65 ? "C" : "D";
}

function judge(ctx, note, kind) {
  note.hit = kind;
  if (kind === "miss") {
    misses++;
    combo = 0;
    if (useHealth) health = Math.max(0, health - 8);
    judgeText = "MISS";
    ctx.sound.tone(98, 60, { type: "sawtooth", volume: 0.05 });
  } else {
    combo++;
    maxCombo = Math.max(maxCombo, combo);
    const perfect = kind === "perfect";
    if (perfect) perfects++;
    else goods++;
    score += (perfect ? 300 : 100) * mult();
    ctx.score.set(score);
    health = Math.min(100, health + (perfect ? 2 : 1));
    judgeText = perfect ? "PERFECT" : "GOOD";
    ctx.sound.tone(note.freq, Math.round(Math.min(220, beatLen * 500)), { type: wave, volume: perfect ? 0.16 : 0.11 });
    const x = laneX[note.lane] + laneW / 2;
    for (let i = 0; i < (perfect ? 10 : 5) && particles.length < 70; i++) {
      const a = -Math.PI * ctx.random(), sp = 80 + ctx.random() * 160;
      particles.push({ x, y: HIT_Y, vx: Math.cos(a) * sp, vy: Math.sin(a) * sp, life: 0.35 + ctx.random() * 0.3, c: laneCol[note.lane] });
    }
    if (combo > 0 && combo % 25 === 0) ctx.event("combo", { combo });
  }
  judgeT = 0.5;
}

function pressLane(ctx, lane) {
  flash[lane] = 0.12;
  // the earliest open note in this lane close enough to the line
  let target = null;
  for (let i = first; i < notes.length; i++) {
    const nt = notes[i];
    if (nt.t - songT > JUDGE.late) break;
    if (nt.hit || nt.lane !== lane) continue;
    target = nt;
    break;
  }
  if (!target) {
    // a tap with nothing to hit breaks the combo, so mashing does not pay
    if (combo >= 5) judgeText = "combo lost";
    if (combo >= 5) judgeT = 0.4;
    combo = 0;
    ctx.sound.tone(196, 25, { type: "triangle", volume: 0.04 });
    return;
  }
  const d = Math.abs(target.t - songT);
  judge(ctx, target, d <= JUDGE.perfect ? "perfect" : d <= JUDGE.good ? "good" : "miss");
}

function lanePresses(ctx) {
  const inp = ctx.input;
  const out = [];
  const letters = lanes === 4 ? [["d"], ["f"], ["j"], ["k"]] : [["d"], ["f", "j"], ["k"]];
  // A/W/S/D also report arrows: an arrow counts only when its WASD letter is not the key pressed.
  const arrows = lanes === 4 ? [["left", "a"], ["down", "s"], ["up", "w"], ["right", "d"]] : [["left", "a"], ["down", "s"], ["right", "d"]];
  for (let l = 0; l < lanes; l++) {
    let p = letters[l].some((k) => inp.pressed(k)) || inp.pressed(String(l + 1));
    if (!p && inp.pressed(arrows[l][0]) && !inp.pressed(arrows[l][1])) p = true;
    if (lanes === 3 && l === 1 && !p && inp.pressed("up") && !inp.pressed("w")) p = true;
    if (p) out.push(l);
    held[l] = letters[l].some((k) => inp.down(k)) || (inp.down(arrows[l][0]) && !inp.down(arrows[l][1]));
  }
  const ptr = inp.pointer;
  if (ptr.pressed || ptr.down) {
    // the whole screen is the tap area: the nearest lane to the finger
    const l = clamp(Math.floor((ptr.x - laneX[0]) / laneW), 0, lanes - 1);
    if (ptr.pressed) out.push(l);
    held[l] = true;
  }
  return out;
}

function finish(ctx, failed) {
  state = "over";
  overAt = ctx.time;
  const acc = accuracy();
  const won = !failed;
  if (score > best) {
    best = score;
    newBest = true;
    ctx.store.set(`rhythm-tap:best:${Math.round(num(P.song, 0, 9999, 1))}`, best);
  }
  ctx.sound.effect(won ? "win" : "lose");
  ctx.event("finished", { grade: grade(acc), accuracy: Math.round(acc), maxCombo });
  ctx.gameOver({
    won,
    message: failed
      ? ctx.t("Song failed at {pct}%. Accuracy {acc}%.", { pct: Math.round((100 * songT) / songEnd), acc: Math.round(acc) })
      : ctx.t(newBest ? "Grade {grade}: accuracy {acc}%, best combo {combo}, new best!" : "Grade {grade}: accuracy {acc}%, best combo {combo}", { grade: grade(acc), acc: Math.round(acc), combo: maxCombo }),
  });
}

function update(ctx, dt) {
  const inp = ctx.input;
  stateT += dt;
  for (let i = 0; i < lanes; i++) flash[i] = Math.max(0, flash[i] - dt);
  judgeT = Math.max(0, judgeT - dt);
  for (const p of particles) {
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.vy += 400 * dt;
    p.life -= dt;
  }
  particles = particles.filter((p) => p.life > 0);

  if (state === "intro") {
    const go = inp.pointer.pressed || inp.pressed("action") || inp.typed.length > 0 || inp.pressed("left") || inp.pressed("right") || inp.pressed("up") || inp.pressed("down");
    if (go) {
      state = "play";
      stateT = 0;
      ctx.sound.effect("click");
    }
    return;
  }
  if (state !== "play") return;

  songT += dt;
  // the backing: kick on every beat, a hat between, a bass note at each bar
  const beat = Math.floor(songT / (beatLen / 2));
  if (beat !== lastBeat && songT >= 0 && songT < songEnd + beatLen) {
    lastBeat = beat;
    if (P.backing !== false) {
      if (beat % 2 === 0) ctx.sound.tone(64, 90, { type: "sine", volume: 0.3 });
      else ctx.sound.tone(2400, 18, { type: "triangle", volume: 0.03 });
      if (beat % 8 === 0) {
        const bar = beat / 8;
        ctx.sound.tone(freqOf(scale.bass[bar % 4] - 24), Math.round(barLen * 450), { type: "triangle", volume: 0.12 });
      }
    } else if (beat % 2 === 0 && songT < startBar * barLen) {
      ctx.sound.tone(880, 30, { type: "square", volume: 0.05 }); // count-in clicks only
    }
  }

  for (const l of lanePresses(ctx)) pressLane(ctx, l);

  // notes past the window are misses; advance the first open note
  for (let i = first; i < notes.length; i++) {
    const nt = notes[i];
    if (nt.t - songT > -JUDGE.late) break;
    if (!nt.hit) judge(ctx, nt, "miss");
  }
  while (first < notes.length && notes[first].hit && notes[first].t < songT - 0.4) first++;

  if (useHealth && health <= 0) finish(ctx, true);
  else if (songT > songEnd + 0.8) finish(ctx, false);
}

// ---------- drawing ----------
function draw(ctx) {
  const inp = ctx.input;
  // update() no longer runs after gameOver: the results screen listens for "play again" here.
  if (state === "over" && ctx.time - overAt > 0.8 && (inp.pressed("action") || inp.pointer.pressed)) ctx.restart();

  ctx.clear(rgb(C.bg));
  const pulse = songT >= 0 && state === "play" ? Math.max(0, 1 - ((songT % beatLen) / beatLen) * 3) : 0;
  const lx0 = laneX[0], lw = lanes * laneW;
  // side glow pulsing on the beat
  ctx.rect(0, HUD_H, lx0 - 8, H - HUD_H, rgb(C.primary, 0.04 + pulse * 0.06));
  ctx.rect(lx0 + lw + 8, HUD_H, W - lx0 - lw - 8, H - HUD_H, rgb(C.primary, 0.04 + pulse * 0.06));

  // lanes, beat lines, receptors
  ctx.rect(lx0 - 4, TOP_Y - 8, lw + 8, H - TOP_Y + 8, rgb(C.panel));
  for (let l = 0; l < lanes; l++) {
    const x = laneX[l];
    ctx.rect(x + 2, TOP_Y, laneW - 4, H - TOP_Y, rgb(held[l] ? mix(C.lane, laneCol[l], 0.18) : C.lane));
    if (flash[l] > 0) ctx.rect(x + 2, HIT_Y - 120, laneW - 4, 120, rgb(laneCol[l], flash[l] * 1.5));
  }
  const span = HIT_Y - TOP_Y;
  const k0 = Math.ceil(songT / beatLen), k1 = Math.floor((songT + approach) / beatLen);
  for (let k = Math.max(0, k0); k <= k1; k++) {
    const y = HIT_Y - ((k * beatLen - songT) / approach) * span;
    ctx.line(lx0, y, lx0 + lw, y, rgb(C.text, k % 4 === 0 ? 0.18 : 0.06), k % 4 === 0 ? 2 : 1);
  }
  ctx.rect(lx0, HIT_Y - 2, lw, 4, rgb(C.text, 0.35 + pulse * 0.4));
  for (let l = 0; l < lanes; l++) {
    const cx = laneX[l] + laneW / 2;
    const on = held[l] || flash[l] > 0;
    ctx.strokeCircle(cx, HIT_Y, 20, rgb(laneCol[l], on ? 1 : 0.6), on ? 4 : 3);
    if (on) ctx.circle(cx, HIT_Y, 14, rgb(laneCol[l], 0.5));
    ctx.text(keyNames[l], cx, HIT_Y + 36, { size: 13, color: rgb(C.muted), align: "center", bold: true });
  }

  // notes in view
  for (let i = first; i < notes.length; i++) {
    const nt = notes[i];
    const dtn = nt.t - songT;
    if (dtn > approach) break;
    if (nt.hit === "perfect" || nt.hit === "good") continue;
    const y = HIT_Y - (dtn / approach) * span;
    if (y > H + 20) continue;
    const x = laneX[nt.lane] + 6, w = laneW - 12;
    const c = nt.hit === "miss" ? mix(laneCol[nt.lane], C.bg, 0.7) : laneCol[nt.lane];
    ctx.roundRect(x, y - 9, w, 18, 9, rgb(c));
    ctx.roundRect(x + 6, y - 6, w - 12, 5, 3, rgb(mix(c, WHITE, 0.45)));
    if (nt.last) ctx.strokeRect(x - 3, y - 12, w + 6, 24, rgb(C.accent), 2);
  }
  for (const p of particles) ctx.circle(p.x, p.y, 2 + 4 * p.life, rgb(p.c, Math.min(1, p.life * 2.5)));

  // judgement and combo over the lanes
  if (judgeT > 0 && judgeText) {
    const col = judgeText === "PERFECT" ? C.accent : judgeText === "GOOD" ? C.primary : C.bad;
    const s = 22 + judgeT * 10;
    ctx.text(ctx.t(judgeText), W / 2, 200, { size: s, color: rgb(col, Math.min(1, judgeT * 4)), align: "center", bold: true });
  }
  if (combo >= 5) ctx.text(ctx.t("{n} combo", { n: combo }), W / 2, 232, { size: 16, color: rgb(C.text, 0.8), align: "center", bold: true });

  drawHud(ctx);
  if (state === "play" && songT < startBar * barLen) {
    const left = startBar * barLen - songT;
    const n = Math.ceil(left / beatLen);
    const label = n <= 3 ? String(n) : ctx.t("Get ready");
    ctx.text(label, W / 2, 140, { size: n <= 3 ? 48 : 26, color: rgb(C.accent), align: "center", bold: true });
  }
  if (state === "intro") drawIntro(ctx);
  else if (state === "over") drawOver(ctx);
}

function drawHud(ctx) {
  ctx.rect(0, 0, W, HUD_H, rgb(C.panel, 0.95));
  ctx.line(0, HUD_H, W, HUD_H, rgb(C.accent, 0.6), 2);
  const title = String(P.title || "Rhythm Tap");
  ctx.text(title, 12, 15, { size: fitSize(ctx, title, 18, 300, true), color: rgb(C.text), bold: true });
  const theme = String(P.theme || "");
  ctx.text(`${theme}  -  ${Math.round(60 / beatLen)} BPM`, 12, 33, { size: fitSize(ctx, `${theme}  -  000 BPM`, 11, 300), color: rgb(C.muted) });
  const stats = [[ctx.t("SCORE"), String(score)], [ctx.t("BEST"), String(Math.max(best, score))]];
  for (let i = 0; i < stats.length; i++) {
    const x = 470 + i * 90;
    ctx.text(stats[i][0], x, 13, { size: 10, color: rgb(C.muted), align: "center" });
    ctx.text(stats[i][1], x, 30, { size: 16, color: rgb(C.text), align: "center", bold: true });
  }
  // song progress
  ctx.rect(0, HUD_H - 3, W * clamp(songT / songEnd, 0, 1), 3, rgb(C.accent));

  // left panel: combo and multiplier; right panel: accuracy, counts, health
  const lx = laneX[0] / 2, rx = (laneX[lanes - 1] + laneW + W) / 2;
  ctx.text(ctx.t("COMBO"), lx, 80, { size: 11, color: rgb(C.muted), align: "center" });
  ctx.text(String(combo), lx, 108, { size: 30, color: rgb(C.text), align: "center", bold: true });
  const m = mult();
  ctx.roundRect(lx - 30, 132, 60, 26, 13, rgb(m > 1 ? C.accent : C.muted, m > 1 ? 0.9 : 0.25));
  ctx.text(`x${m}`, lx, 145, { size: 16, color: rgb(m > 1 ? inkOn(C.accent) : C.text), align: "center", bold: true });
  ctx.text(ctx.t("max {n}", { n: maxCombo }), lx, 176, { size: 12, color: rgb(C.muted), align: "center" });
  ctx.text(ctx.t("ACCURACY"), rx, 80, { size: 11, color: rgb(C.muted), align: "center" });
  ctx.text(`${Math.round(accuracy())}%`, rx, 106, { size: 26, color: rgb(C.text), align: "center", bold: true });
  ctx.text(ctx.t("perfect {n}", { n: perfects }), rx, 136, { size: 12, color: rgb(C.accent), align: "center" });
  ctx.text(ctx.t("good {n}", { n: goods }), rx, 154, { size: 12, color: rgb(C.primary), align: "center" });
  ctx.text(ctx.t("miss {n}", { n: misses }), rx, 172, { size: 12, color: rgb(C.bad), align: "center" });
  if (useHealth) {
    ctx.text(ctx.t("ENERGY"), rx, 206, { size: 11, color: rgb(C.muted), align: "center" });
    ctx.roundRect(rx - 50, 218, 100, 12, 6, rgb(C.muted, 0.25));
    const f = health / 100;
    ctx.roundRect(rx - 50, 218, Math.max(6, 100 * f), 12, 6, rgb(f < 0.3 ? C.bad : C.primary));
  }
  ctx.text(ctx.t(lanes === 4 ? "D F J K / arrows" : "D  F/J  K / arrows"), rx, 300, { size: 11, color: rgb(C.muted), align: "center" });
  ctx.text(ctx.t("or tap the lanes"), rx, 316, { size: 11, color: rgb(C.muted), align: "center" });
}

function drawCard(ctx, w, h) {
  const x = W / 2 - w / 2, y = 196 - h / 2;
  ctx.rect(0, HUD_H, W, H - HUD_H, rgb(C.bg, 0.5));
  ctx.roundRect(x + 3, y + 4, w, h, 16, rgb(BLACK, 0.3));
  ctx.roundRect(x, y, w, h, 16, rgb(C.panel, 0.97));
  ctx.strokeRect(x, y, w, h, rgb(C.accent, 0.7), 2);
  return y;
}

function drawIntro(ctx) {
  const y = drawCard(ctx, 440, 250);
  const title = String(P.title || "Rhythm Tap");
  ctx.text(title, W / 2, y + 30, { size: fitSize(ctx, title, 26, 400, true), color: rgb(C.accent), align: "center", bold: true });
  ctx.text(ctx.t("Hit each note as it crosses the line"), W / 2, y + 64, { size: 15, color: rgb(C.text), align: "center" });
  for (let l = 0; l < lanes; l++) {
    const cx = W / 2 + (l - (lanes - 1) / 2) * 64;
    ctx.roundRect(cx - 26, y + 84, 52, 34, 8, rgb(laneCol[l]));
    ctx.text(keyNames[l], cx, y + 101, { size: 16, color: rgb(inkOn(laneCol[l])), align: "center", bold: true });
  }
  ctx.text(ctx.t("keys as shown, arrows, or tap the lanes"), W / 2, y + 136, { size: 12, color: rgb(C.muted), align: "center" });
  const info = ctx.t("{bpm} BPM  -  {s} s  -  perfect, good or miss", { bpm: Math.round(60 / beatLen), s: Math.round(songEnd - startBar * barLen) });
  ctx.text(info, W / 2, y + 160, { size: fitSize(ctx, info, 12, 400), color: rgb(C.muted), align: "center" });
  ctx.text(ctx.t(useHealth ? "Misses drain your energy: keep it up to finish the song" : "Every hit plays its note: play the melody!"), W / 2, y + 182, { size: 12, color: rgb(C.text), align: "center" });
  if (Math.floor(ctx.time * 2.5) % 2 === 0 || ctx.time < 0.5) {
    ctx.text(ctx.t("Tap or press Space to start"), W / 2, y + 222, { size: 17, color: rgb(C.accent), align: "center", bold: true });
  }
}

function drawOver(ctx) {
  const acc = accuracy();
  const failed = useHealth && health <= 0;
  const y = drawCard(ctx, 420, 236);
  ctx.text(ctx.t(failed ? "Song failed" : "Song complete!"), W / 2, y + 28, { size: 22, color: rgb(failed ? C.bad : C.accent), align: "center", bold: true });
  ctx.text(grade(acc), W / 2 - 110, y + 96, { size: 64, color: rgb(failed ? C.muted : C.accent), align: "center", bold: true });
  const rows = [[ctx.t("Score"), String(score)], [ctx.t("Accuracy"), `${Math.round(acc)}%`], [ctx.t("Best combo"), String(maxCombo)], [ctx.t("Perfect / good / miss"), `${perfects} / ${goods} / ${misses}`]];
  rows.forEach((r, i) => {
    ctx.text(r[0], W / 2 - 50, y + 62 + i * 22, { size: 13, color: rgb(C.muted) });
    ctx.text(r[1], W / 2 + 190, y + 62 + i * 22, { size: 14, color: rgb(C.text), align: "right", bold: true });
  });
  ctx.text(newBest ? ctx.t("NEW BEST SCORE!") : ctx.t("best {best}", { best }), W / 2, y + 166, { size: 13, color: rgb(newBest ? C.accent : C.muted), align: "center", bold: newBest });
  if (ctx.time - overAt > 0.8 && Math.floor(ctx.time * 2.5) % 2 === 0) {
    ctx.text(ctx.t("Tap or press Space to play again"), W / 2, y + 206, { size: 16, color: rgb(C.accent), align: "center", bold: true });
  }
}

aimini.game({ setup, update, draw, strings: STRINGS });
