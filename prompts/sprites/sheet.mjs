// Checks the sprite library (prompts/sprites/*.json) and, with --png FILE, draws every sprite on
// one contact sheet (scaled 4x, 12 per row, in file order) so a person can look at them all.
//
//   node prompts/sprites/sheet.mjs --check            # CI: the rules below, exit 1 on a failure
//   node prompts/sprites/sheet.mjs --png /tmp/s.png [file.json ...]
//
// The rules: every sprite has a unique lower-case name (also unique among aliases), 1-8 tags from
// TAGS, 8-16 rows of equal width 8-16 over "." (transparent) and the 16 palette digits, at least
// 2 colours and at least 15% of the pixels painted.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DIR = dirname(fileURLToPath(import.meta.url));
export const PALETTE = JSON.parse(readFileSync(join(DIR, "palette.json"), "utf8")).colours;
export const TAGS = JSON.parse(readFileSync(join(DIR, "palette.json"), "utf8")).tags;

function load(files) {
  const out = [];
  for (const f of files) {
    const doc = JSON.parse(readFileSync(f, "utf8"));
    for (const s of doc.sprites) out.push({ ...s, file: f });
  }
  return out;
}

function check(sprites) {
  const errors = [];
  const seen = new Map();
  for (const s of sprites) {
    const where = `${s.file}: ${s.name}`;
    for (const n of [s.name, ...(s.aliases || [])]) {
      if (typeof n !== "string" || !/^[a-z][a-z -]{1,23}$/.test(n)) errors.push(`${where}: bad name or alias ${JSON.stringify(n)}`);
      if (seen.has(n)) errors.push(`${where}: "${n}" is also ${seen.get(n)}`);
      seen.set(n, s.name);
    }
    if (!Array.isArray(s.tags) || s.tags.length < 1 || s.tags.length > 8) errors.push(`${where}: 1-8 tags`);
    for (const t of s.tags || []) if (!TAGS.includes(t)) errors.push(`${where}: unknown tag ${t}`);
    const rows = s.rows;
    if (!Array.isArray(rows) || rows.length < 8 || rows.length > 16) { errors.push(`${where}: 8-16 rows`); continue; }
    const w = rows[0].length;
    if (w < 8 || w > 16) errors.push(`${where}: width 8-16`);
    const colours = new Set();
    let painted = 0;
    for (const r of rows) {
      if (typeof r !== "string" || r.length !== w || !/^[.0-9a-f]+$/.test(r)) errors.push(`${where}: row ${JSON.stringify(r)}`);
      for (const c of r) if (c !== ".") { colours.add(c); painted++; }
    }
    if (colours.size < 2) errors.push(`${where}: at least 2 colours`);
    if (painted < 0.15 * w * rows.length) errors.push(`${where}: under 15% of pixels painted`);
  }
  return errors;
}

function png(sprites, file) {
  const SCALE = 4, CELL = 18 * SCALE, PER = 12;
  const W = PER * CELL, H = Math.ceil(sprites.length / PER) * CELL;
  const raw = Buffer.alloc((W * 3 + 1) * H, 0);
  for (let y = 0; y < H; y++) {
    raw[y * (W * 3 + 1)] = 0;
    for (let x = 0; x < W; x++) {
      const o = y * (W * 3 + 1) + 1 + x * 3;
      const checker = ((x >> 3) + (y >> 3)) % 2 ? 0x3a : 0x44;
      raw[o] = raw[o + 1] = raw[o + 2] = checker;
    }
  }
  sprites.forEach((s, i) => {
    const ox = (i % PER) * CELL + SCALE, oy = Math.floor(i / PER) * CELL + SCALE;
    s.rows.forEach((r, ry) => [...r].forEach((c, rx) => {
      if (c === ".") return;
      const hex = PALETTE[parseInt(c, 16)];
      const rgb = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      for (let dy = 0; dy < SCALE; dy++) for (let dx = 0; dx < SCALE; dx++) {
        const o = (oy + ry * SCALE + dy) * (W * 3 + 1) + 1 + (ox + rx * SCALE + dx) * 3;
        raw[o] = rgb[0]; raw[o + 1] = rgb[1]; raw[o + 2] = rgb[2];
      }
    }));
  });
  const crc = (buf) => { let c, k, t = []; for (let n = 0; n < 256; n++) { c = n; for (k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; } c = 0xffffffff; for (const b of buf) c = t[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 2;
  writeFileSync(file, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
  sprites.forEach((s, i) => process.stdout.write(`${i}:${s.name}${(i + 1) % 12 ? "  " : "\n"}`));
  process.stdout.write("\n");
}

const args = process.argv.slice(2);
const pngAt = args.indexOf("--png");
const files = args.filter((a, i) => a.endsWith(".json") && i !== pngAt + 1);
const all = files.length ? files : readdirSync(DIR).filter((f) => f.endsWith(".json") && f !== "palette.json").sort().map((f) => join(DIR, f));
const sprites = load(all);
const errors = check(sprites);
for (const e of errors) console.error("FAIL " + e);
if (pngAt >= 0) png(sprites, args[pngAt + 1]);
const byTag = {};
for (const s of sprites) for (const t of s.tags) byTag[t] = (byTag[t] || 0) + 1;
console.log(`${sprites.length} sprites; by tag: ${JSON.stringify(byTag)}`);
if (args.includes("--check") && errors.length) process.exit(1);
