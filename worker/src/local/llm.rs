//! SmolLM2-135M-Instruct (GGUF) with schema-guided decoding.
//!
//! Design decisions, all measured on this project's 2-core machine (see `docs/local-models.md`):
//!
//! - **Requantise Q4_1 -> Q8_0 at load.** candle 0.11 runs Q4_1 with scalar code (2 tok/s); Q8_0 has
//!   SIMD kernels (18-35 tok/s). We dequantise each Q4/Q5 tensor once, quantise it to Q8_0, write a
//!   scratch GGUF and load that (~1 s). The file in the models directory stays the pinned,
//!   hash-checked original.
//! - **Tokenizer from the GGUF, pre-tokenizer replaced.** The file says `tokenizer.ggml.pre = smollm`,
//!   which candle does not know; its fallback adds a prefix space and splits role names wrongly.
//!   SmolLM2's own tokenizer is Digits(individual) + ByteLevel(no prefix space).
//! - **The program writes the JSON, the model writes only string values.** A 135M model does not keep a
//!   JSON format on its own. We feed the skeleton (`{"theme":"`), let the model write until it emits a
//!   `"` (or a stop token, or a length cap), then feed the next piece of skeleton. Lists get a fixed
//!   number of items, and an item may not start with the same token as an earlier item, which is what
//!   stops a small model from repeating itself. Item tokens are restricted to the characters the
//!   schema allows (e.g. `^[a-z]+$`), so the output is valid by construction; the caller still
//!   validates.
//! - **Greedy decoding.** Deterministic: the same prompt gives the same game, which tests and evals rely
//!   on, and a 135M model gains nothing from sampling here.
//! - **A shared prefix in the KV cache.** The system prompt and worked examples are processed once at
//!   load; each call clones the weights (the tensors are reference-counted, so this copies a few
//!   pointers) together with that cache, so concurrent calls share the weights, never a cache.

use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};

use candle_core::quantized::gguf_file;
use candle_core::quantized::tokenizer::TokenizerFromGguf;
use candle_core::quantized::{GgmlDType, QTensor};
use candle_core::{Device, Tensor};
use candle_transformers::models::quantized_llama::ModelWeights;
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::pre_tokenizers::digits::Digits;
use tokenizers::pre_tokenizers::sequence::Sequence;
use tokenizers::{PreTokenizerWrapper, Tokenizer};

use super::LocalError;

pub const NAME: &str = "SmolLM2-135M-Instruct-Q8_0";
pub const FILE: &str = "SmolLM2-135M-Instruct.Q4_1.gguf";

/// Longest request text given to the model; the rest of a long prompt adds latency, not meaning.
const MAX_REQUEST_CHARS: usize = 300;

const SYSTEM: &str = "You design small casual games. Fill in the JSON for the game the player asks for. \
Keep the player's theme, use short fun names, and write plain words.";

/// Worked examples, kept in the cached prefix (processed once at load, so their length costs no
/// per-request time). They teach the format, to copy the request into the JSON first (a 135M model
/// follows what it has just read far better than an instruction) and to carry its theme into every
/// value. Two or more, and none about the same game as the other, because with one the model copies
/// its values into unrelated games.
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "Dodger",
        "dodge the falling coconuts on a tropical island",
        r#""theme":"tropical island","bonus_items":"pineapples","falling_things":"coconuts","title":"Coconut Chaos""#,
    ),
    (
        "Word Scramble",
        "unscramble words about farm life",
        r#""theme":"farm","words":["tractor","cow","barn","hay","pig","farmer"],"title":"Barnyard Jumble""#,
    ),
    (
        "Memory Match",
        "a memory game with musical instruments",
        r#""theme":"music","card_words":["Drum","Guitar","Piano","Flute","Violin","Harp"],"title":"Match the Band""#,
    ),
];

fn example_values() -> Vec<String> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.to_lowercase()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (_, _, answer) in EXAMPLES {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&format!("{{{answer}}}")) {
            strings(&v, &mut out);
        }
    }
    out
}

fn json_str(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn user_turn(game: &str, request: &str) -> String {
    format!(
        "<|im_start|>user\nGame: {game}. Request: {request}<|im_end|>\n<|im_start|>assistant\n{{\"request\":{},",
        json_str(request)
    )
}

/// Added to the logits of the request's own tokens while the model writes themes, names and list
/// items. A 135M model otherwise drifts to its examples or to generic words ("coconuts" for a prompt
/// about pianos); with it, "avoid the falling pianos" gives `falling_things: "piano"`. Measured on
/// 12 prompts: 1.5 grounds the values; 3 makes them echo the request ("city city city").
const COPY_BONUS: f32 = 1.5;

/// What characters a model-written value may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chars {
    /// Any printable text on one line (titles, themes, names).
    Text,
    /// `^[a-z]+$`
    Lower,
    /// ASCII letters only (card words).
    Letters,
}

#[derive(Debug, Clone)]
pub enum Slot {
    /// The program knows the value (from rules or the client) and writes it as context.
    Fixed { key: String, value: String },
    /// The model writes one string.
    Text {
        key: String,
        max_chars: usize,
        max_tokens: usize,
        /// Favour the request's words (`COPY_BONUS`): right for themes and names of things; a
        /// title written that way only echoes the request.
        copy: bool,
    },
    /// The model writes `items` strings.
    List {
        key: String,
        items: usize,
        chars: Chars,
        max_chars: usize,
        max_tokens: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Filled {
    Text(String),
    List(Vec<String>),
    Fixed,
}

#[derive(Debug, Clone)]
pub struct FillOutput {
    /// One entry per slot, in order.
    pub values: Vec<Filled>,
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
}

/// Per-token facts, computed once at load so each decoding step is a scan over plain arrays.
struct Vocab {
    /// Decoded text of every token on its own.
    text: Vec<String>,
    /// May appear inside a free-text value (no control characters, backslashes or partial UTF-8).
    text_ok: Vec<bool>,
    lower: Vec<u32>,
    letters: Vec<u32>,
    /// Tokens whose text starts with `"`: they end a value.
    closers: Vec<u32>,
    is_closer: Vec<bool>,
}

pub struct Llm {
    /// Weights with the shared prefix in the KV cache; cloned per call.
    base: ModelWeights,
    prefix_len: usize,
    /// Every text value of the worked examples, lower-cased.
    example_values: Vec<String>,
    tokenizer: Tokenizer,
    device: Device,
    vocab: Vocab,
    stops: Vec<u32>,
}

fn load_err(e: impl std::fmt::Display) -> LocalError {
    LocalError::load(NAME, e.to_string())
}

impl Llm {
    /// Loads `dir/SmolLM2-135M-Instruct.Q4_1.gguf` (any GGUF of that model works).
    pub fn load(dir: &Path, device: &Device) -> Result<Self, LocalError> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Err(LocalError::Missing(path));
        }
        let mut file =
            std::fs::File::open(&path).map_err(|e| load_err(format!("{}: {e}", path.display())))?;
        let content = gguf_file::Content::read(&mut file)
            .map_err(|e| load_err(format!("{}: {e}", path.display())))?;
        let mut tokenizer = Tokenizer::from_gguf(&content).map_err(load_err)?;
        tokenizer.with_pre_tokenizer(Some(PreTokenizerWrapper::Sequence(Sequence::new(vec![
            PreTokenizerWrapper::Digits(Digits::new(true)),
            PreTokenizerWrapper::ByteLevel(ByteLevel::new(false, true, true)),
        ]))));

        let (content, mut reader, scratch) = requantize(content, &mut file)?;
        let model = ModelWeights::from_gguf(content, &mut reader, device).map_err(load_err)?;
        drop(reader);
        drop(scratch);

        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .ok_or_else(|| load_err(format!("the tokenizer has no {t}")))
        };
        let stops = vec![id("<|im_end|>")?, id("<|endoftext|>")?];
        let vocab = Vocab::new(&tokenizer)?;

        let mut llm = Self {
            base: model,
            prefix_len: 0,
            example_values: example_values(),
            tokenizer,
            device: device.clone(),
            vocab,
            stops,
        };
        let mut prefix = format!("<|im_start|>system\n{SYSTEM}<|im_end|>\n");
        for (game, request, answer) in EXAMPLES {
            prefix.push_str(&user_turn(game, request));
            prefix.push_str(answer);
            prefix.push_str("}<|im_end|>\n");
        }
        let ids = llm.encode(&prefix)?;
        let mut base = llm.base.clone();
        forward(&mut base, &ids, 0, &llm.device).map_err(load_err)?;
        llm.base = base;
        llm.prefix_len = ids.len();
        Ok(llm)
    }

    /// Whether `value` repeats a worked example's text (the examples' words are not the user's).
    pub fn copies_example(&self, value: &str) -> bool {
        let v = value.trim().to_lowercase();
        self.example_values.contains(&v)
    }

    fn encode(&self, text: &str) -> Result<Vec<u32>, LocalError> {
        self.tokenizer
            .encode(text, false)
            .map(|e| e.get_ids().to_vec())
            .map_err(|e| LocalError::Run(format!("{NAME} tokenizer: {e}")))
    }

    /// Fills `slots` for `game` (a template's title) and the player's `request`.
    pub fn fill(
        &self,
        game: &str,
        request: &str,
        slots: &[Slot],
    ) -> Result<FillOutput, LocalError> {
        let request: String = request
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(MAX_REQUEST_CHARS)
            .collect();
        // Words of the request, as the model would start a value with them (no leading space) and
        // as they appear mid-text: their logits get `COPY_BONUS`.
        let mut copy: Vec<u32> = self.encode(&request)?;
        for word in request.split_whitespace() {
            copy.extend(self.encode(word)?);
            copy.extend(self.encode(&word.to_lowercase())?);
        }
        copy.sort_unstable();
        copy.dedup();
        let mut run = Run {
            copy,
            llm: self,
            model: self.base.clone(),
            pos: self.prefix_len,
            pending: Vec::new(),
            // The cached prefix was processed once at load: only this call's tokens count.
            prompt_tokens: 0,
            completion_tokens: 0,
        };
        run.push_text(&user_turn(game, &request))?;
        let mut values = Vec::with_capacity(slots.len());
        for (i, slot) in slots.iter().enumerate() {
            // `user_turn` ends with the request field and its comma.
            let comma = if i == 0 { "" } else { "," };
            match slot {
                Slot::Fixed { key, value } => {
                    run.push_text(&format!("{comma}\"{key}\":{}", json_str(value)))?;
                    values.push(Filled::Fixed);
                }
                Slot::Text {
                    key,
                    max_chars,
                    max_tokens,
                    copy,
                } => {
                    run.push_text(&format!("{comma}\"{key}\":\""))?;
                    let bonus = if *copy { COPY_BONUS } else { 0.0 };
                    let (text, _) = run.value(Chars::Text, *max_chars, *max_tokens, &[], bonus)?;
                    run.push_text("\"")?;
                    values.push(Filled::Text(text));
                }
                Slot::List {
                    key,
                    items,
                    chars,
                    max_chars,
                    max_tokens,
                } => {
                    run.push_text(&format!("{comma}\"{key}\":[\""))?;
                    let mut out = Vec::with_capacity(*items);
                    let mut firsts = Vec::with_capacity(*items);
                    for j in 0..*items {
                        if j > 0 {
                            run.push_text("\",\"")?;
                        }
                        let (text, first) =
                            run.value(*chars, *max_chars, *max_tokens, &firsts, COPY_BONUS)?;
                        firsts.extend(first);
                        out.push(text);
                    }
                    run.push_text("\"]")?;
                    values.push(Filled::List(out));
                }
            }
        }
        Ok(FillOutput {
            values,
            prompt_tokens: run.prompt_tokens,
            completion_tokens: run.completion_tokens,
        })
    }
}

/// One call's decoding state: its own copy of the KV cache.
struct Run<'a> {
    llm: &'a Llm,
    /// Tokens of the request (sorted), favoured in values.
    copy: Vec<u32>,
    model: ModelWeights,
    pos: usize,
    /// Tokens chosen or written but not yet run through the model.
    pending: Vec<u32>,
    prompt_tokens: u32,
    completion_tokens: u32,
}

impl Run<'_> {
    fn push_text(&mut self, text: &str) -> Result<(), LocalError> {
        let ids = self.llm.encode(text)?;
        self.prompt_tokens += ids.len() as u32;
        self.pending.extend(ids);
        Ok(())
    }

    fn logits(&mut self) -> Result<Vec<f32>, LocalError> {
        let ids = std::mem::take(&mut self.pending);
        if ids.is_empty() {
            return Err(LocalError::Run(format!("{NAME}: nothing to decode from")));
        }
        let logits = forward(&mut self.model, &ids, self.pos, &self.llm.device)
            .map_err(|e| LocalError::Run(format!("{NAME}: {e}")))?;
        self.pos += ids.len();
        Ok(logits)
    }

    /// Generates one string value; returns it and its first token (for the caller's repeat ban).
    fn value(
        &mut self,
        chars: Chars,
        max_chars: usize,
        max_tokens: usize,
        banned_first: &[u32],
        bonus: f32,
    ) -> Result<(String, Option<u32>), LocalError> {
        let vocab = &self.llm.vocab;
        let mut ids: Vec<u32> = Vec::new();
        let mut first = None;
        let mut len = 0usize;
        for step in 0..max_tokens {
            let mut logits = self.logits()?;
            if bonus != 0.0 {
                for &id in &self.copy {
                    if let Some(l) = logits.get_mut(id as usize) {
                        *l += bonus;
                    }
                }
            }
            let closing_allowed = step > 0;
            let pick = |id: u32| -> bool {
                if step == 0 && banned_first.contains(&id) {
                    return false;
                }
                closing_allowed
                    || !(vocab.is_closer.get(id as usize).copied().unwrap_or(false)
                        || self.llm.stops.contains(&id))
            };
            let choice = match chars {
                Chars::Text => argmax(
                    &logits,
                    (0..logits.len() as u32).filter(|&id| {
                        let ok = vocab.text_ok.get(id as usize).copied().unwrap_or(false)
                            || self.llm.stops.contains(&id);
                        ok && pick(id)
                    }),
                ),
                Chars::Lower => argmax(
                    &logits,
                    vocab
                        .lower
                        .iter()
                        .chain(&vocab.closers)
                        .chain(&self.llm.stops)
                        .copied()
                        .filter(|&id| pick(id)),
                ),
                Chars::Letters => argmax(
                    &logits,
                    vocab
                        .letters
                        .iter()
                        .chain(&vocab.closers)
                        .chain(&self.llm.stops)
                        .copied()
                        .filter(|&id| pick(id)),
                ),
            };
            let Some(id) = choice else { break };
            self.completion_tokens += 1;
            if self.llm.stops.contains(&id) {
                break;
            }
            let text = &vocab.text[id as usize];
            if let Some(q) = text.find('"') {
                // The quote ends the value; what came before it in the same token still belongs to
                // it, and the skeleton (not this token) is what the model will see next.
                let head = &text[..q];
                if !head.is_empty() && len + head.chars().count() <= max_chars {
                    self.push_text(head)?;
                    self.prompt_tokens -= self.pending.len() as u32;
                    ids.extend(self.pending.iter().copied());
                }
                break;
            }
            if step == 0 {
                first = Some(id);
            }
            len += text.chars().count();
            ids.push(id);
            self.pending.push(id);
            if len >= max_chars {
                break;
            }
        }
        let text = self
            .llm
            .tokenizer
            .decode(&ids, true)
            .map_err(|e| LocalError::Run(format!("{NAME} tokenizer: {e}")))?;
        Ok((text, first))
    }
}

fn argmax(logits: &[f32], ids: impl Iterator<Item = u32>) -> Option<u32> {
    let mut best: Option<(u32, f32)> = None;
    for id in ids {
        let Some(&l) = logits.get(id as usize) else {
            continue;
        };
        if best.is_none_or(|(_, b)| l > b) {
            best = Some((id, l));
        }
    }
    best.map(|(id, _)| id)
}

fn forward(
    model: &mut ModelWeights,
    ids: &[u32],
    pos: usize,
    device: &Device,
) -> candle_core::Result<Vec<f32>> {
    let input = Tensor::new(ids, device)?.unsqueeze(0)?;
    let logits = model.forward(&input, pos)?;
    logits
        .squeeze(0)?
        .to_dtype(candle_core::DType::F32)?
        .to_vec1()
}

impl Vocab {
    fn new(tokenizer: &Tokenizer) -> Result<Self, LocalError> {
        let n = tokenizer.get_vocab_size(true) as u32;
        let mut text = Vec::with_capacity(n as usize);
        let mut text_ok = Vec::with_capacity(n as usize);
        let (mut lower, mut letters, mut closers) = (Vec::new(), Vec::new(), Vec::new());
        for id in 0..n {
            // Special tokens (chat roles, <|endoftext|>, <file_sep>...) decode to nothing when
            // skipped, which keeps them out of every value.
            let t = tokenizer
                .decode(&[id], true)
                .map_err(|e| load_err(format!("tokenizer: {e}")))?;
            let plain = !t.is_empty()
                && !t
                    .chars()
                    .any(|c| c.is_control() || c == '\\' || c == '\u{FFFD}');
            text_ok.push(plain);
            if plain && t.starts_with('"') {
                closers.push(id);
            }
            if plain && t.bytes().all(|b| b.is_ascii_lowercase()) {
                lower.push(id);
            }
            if plain && t.bytes().all(|b| b.is_ascii_alphabetic()) {
                letters.push(id);
            }
            text.push(t);
        }
        let mut is_closer = vec![false; n as usize];
        for &id in &closers {
            is_closer[id as usize] = true;
        }
        Ok(Self {
            text,
            text_ok,
            lower,
            letters,
            closers,
            is_closer,
        })
    }
}

/// A scratch file removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The GGUF with its Q4/Q5 tensors turned into Q8_0, ready for `ModelWeights::from_gguf`.
///
/// The converted file goes to a scratch file rather than memory: held in memory next to the
/// tensors being loaded from it, it put the worker's peak RSS over 500 MB; on disk (page cache) it
/// costs a write of ~140 MB per process start.
fn requantize(
    content: gguf_file::Content,
    file: &mut std::fs::File,
) -> Result<(gguf_file::Content, BufReader<std::fs::File>, Scratch), LocalError> {
    let cpu = Device::Cpu;
    let mut names: Vec<&String> = content.tensor_infos.keys().collect();
    names.sort();
    let mut tensors: Vec<(String, QTensor)> = Vec::with_capacity(names.len());
    for name in names {
        let t = content.tensor(file, name, &cpu).map_err(load_err)?;
        let t = match t.dtype() {
            GgmlDType::Q4_0 | GgmlDType::Q4_1 | GgmlDType::Q5_0 | GgmlDType::Q5_1 => {
                let dense = t.dequantize(&cpu).map_err(load_err)?;
                // A tensor whose rows do not split into Q8_0 blocks keeps its original type.
                QTensor::quantize(&dense, GgmlDType::Q8_0).unwrap_or(t)
            }
            _ => t,
        };
        tensors.push((name.clone(), t));
    }
    // `gguf_file::write` aligns tensor data to 32 bytes; an alignment key copied from the source
    // file could claim otherwise.
    let metadata: Vec<(&str, &gguf_file::Value)> = content
        .metadata
        .iter()
        .filter(|(k, _)| k.as_str() != "general.alignment")
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let refs: Vec<(&str, &QTensor)> = tensors.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "aimini-smollm2-q8_0-{}-{nanos}.gguf",
        std::process::id()
    )));
    let io = |e: std::io::Error| load_err(format!("{}: {e}", scratch.0.display()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&scratch.0).map_err(io)?);
    gguf_file::write(&mut out, &metadata, &refs).map_err(load_err)?;
    out.flush().map_err(io)?;
    drop(out);
    drop(refs);
    drop(tensors);
    let mut reader = BufReader::new(std::fs::File::open(&scratch.0).map_err(io)?);
    let content = gguf_file::Content::read(&mut reader).map_err(load_err)?;
    Ok((content, reader, scratch))
}
