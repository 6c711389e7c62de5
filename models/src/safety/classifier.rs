//! A trained classifier for generation requests: logistic regression over word, word-pair and
//! character 4-gram features of the normalised prompt, learned from the labelled sets in
//! `prompts/evals/` (everything but the blind set `safety_holdout2.jsonl` and the generation eval).
//!
//! Why this shape. The rules ([`super::lexicon`], [`super::frames`]) name a frame and a target
//! and miss what nobody wrote a rule for: on the blind set they refuse 48% of the hostile
//! paraphrases. A sentence-embedding model would read meaning better but does not run in the API,
//! which must answer a refusal in microseconds without weights. A linear model over character
//! n-grams does: it scores a prompt in a few microseconds, it generalises across inflections and
//! typos ("key"/"keys", "lycée"/"lycéens"), and it learns from the same labelled sets the rules are
//! measured on, in every language they hold.
//!
//! Why trained at first use instead of shipped weights: the labelled sets are compiled in (about
//! 200 KB) and training them takes tens of milliseconds, deterministically (a fixed seed, no
//! threads), so the data is the single source of truth: adding a labelled line changes the model
//! with no generated file to forget.
//!
//! The model says whether to refuse ([`THRESHOLD`] on its score, chosen by cross-validation on
//! the training sets, see the tests); a second one, softmax regression trained on the must-refuse
//! lines only, says which category. It only ever adds refusals to the rules', and
//! reads requests only: game texts, which it was not trained on, are reviewed by the rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Category, normalise};

/// Refuse when the score (a logit) is above this. See `docs/safety.md` for how it was chosen.
pub(super) const THRESHOLD: f32 = 2.0;

/// The labelled sets the model learns from, compiled in.
const TRAINING: [&str; 6] = [
    include_str!("../../../prompts/evals/safety.jsonl"),
    include_str!("../../../prompts/evals/safety_dev.jsonl"),
    include_str!("../../../prompts/evals/safety_intl.jsonl"),
    include_str!("../../../prompts/evals/safety_holdout.jsonl"),
    include_str!("../../../prompts/evals/safety_train.jsonl"),
    include_str!("../../../prompts/evals/safety_train_intl.jsonl"),
];

const EPOCHS: u32 = 30;
const LEARNING_RATE: f32 = 1.0;
const L2: f32 = 1e-4;

/// One labelled text.
#[derive(Debug, Clone, serde::Deserialize)]
pub(super) struct Example {
    pub text: String,
    pub refuse: bool,
    #[serde(default)]
    pub category: Option<String>,
}

/// Parses JSON lines of labelled texts; a line that does not parse is skipped (the sets are
/// checked line by line by this module's tests).
pub(super) fn parse(jsonl: &str) -> Vec<Example> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The hashed features of a text, sorted and each once.
pub(super) fn features(text: &str) -> Vec<u64> {
    let norm = normalise(text);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::with_capacity(words.len() * 8);
    for w in &words {
        out.push(hash(b'w', &[w]));
    }
    for pair in words.windows(2) {
        out.push(hash(b'b', pair));
    }
    let chars: Vec<char> = format!(" {} ", words.join(" ")).chars().collect();
    let mut buf = String::with_capacity(16);
    for gram in chars.windows(4) {
        buf.clear();
        buf.extend(gram);
        out.push(hash(b'c', &[&buf]));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// FNV-1a over a kind byte and the parts, separated: stable across builds and platforms.
fn hash(kind: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(kind);
    for p in parts {
        eat(0);
        p.bytes().for_each(&mut eat);
    }
    h
}

/// A linear model over the features seen in training (others weigh nothing).
struct Linear {
    weights: Vec<f32>,
    bias: f32,
}

impl Linear {
    /// The logit of the features `x`, each weighing `scale` (see [`norm_scale`]).
    fn score(&self, x: &[u32], scale: f32) -> f32 {
        self.bias + x.iter().map(|&i| self.weights[i as usize]).sum::<f32>() * scale
    }
}

/// Features are binary and each vector is scaled to unit length, so a long prompt does not score
/// higher for being long; a short one is scaled as if it had [`MIN_FEATURES`], so that three words
/// ("how quick are my reflexes") are weak evidence rather than a confident verdict.
fn norm_scale(n: usize) -> f32 {
    1.0 / (n.max(MIN_FEATURES) as f32).sqrt()
}

/// About eight words' worth of features (words, word pairs and character 4-grams).
const MIN_FEATURES: usize = 60;

/// The schedule both models train on: [`EPOCHS`] passes over `n` rows, each in an order shuffled
/// from `seed`, with a learning rate that decays per pass; `step(row, rate)` updates the model.
fn sgd(n: usize, mut seed: u64, mut step: impl FnMut(usize, f32)) {
    let mut order: Vec<usize> = (0..n).collect();
    for epoch in 0..EPOCHS {
        shuffle(&mut order, &mut seed);
        let rate = LEARNING_RATE / (1.0 + epoch as f32 * 0.1);
        for &i in &order {
            step(i, rate);
        }
    }
}

/// Stochastic gradient descent on the logistic loss with L2, in a fixed order from a fixed seed.
fn train_linear(rows: &[(&[u32], bool)], dim: usize) -> Linear {
    let mut model = Linear {
        weights: vec![0.0; dim],
        bias: 0.0,
    };
    sgd(rows.len(), 0x5eed, |i, rate| {
        let (x, label) = rows[i];
        let scale = norm_scale(x.len());
        let p = 1.0 / (1.0 + (-model.score(x, scale).clamp(-30.0, 30.0)).exp());
        let g = p - if label { 1.0 } else { 0.0 };
        for &j in x {
            let w = &mut model.weights[j as usize];
            *w -= rate * (g * scale + L2 * *w);
        }
        model.bias -= rate * g;
    });
    model
}

/// Fisher-Yates with splitmix64.
fn shuffle(v: &mut [usize], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        v.swap(i, (z % (i as u64 + 1)) as usize);
    }
}

/// Softmax regression over the categories, trained on the must-refuse lines only: which kind of
/// harm a refused request is about (the message and the metrics name it).
struct Categories {
    /// `weights[feature * K + k]` for category `Category::ALL[k]`.
    weights: Vec<f32>,
    bias: [f32; K],
}

const K: usize = Category::ALL.len();

impl Categories {
    fn logits(&self, x: &[u32], scale: f32) -> [f32; K] {
        let mut z = self.bias;
        for &i in x {
            let row = &self.weights[i as usize * K..(i as usize + 1) * K];
            for (zk, w) in z.iter_mut().zip(row) {
                *zk += w * scale;
            }
        }
        z
    }

    fn train(rows: &[(&[u32], usize)], dim: usize) -> Categories {
        let mut model = Categories {
            weights: vec![0.0; dim * K],
            bias: [0.0; K],
        };
        sgd(rows.len(), 0xca7e, |r, rate| {
            let (x, label) = rows[r];
            let scale = norm_scale(x.len());
            let z = model.logits(x, scale);
            let max = z.iter().copied().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = z.iter().map(|v| (v - max).exp()).collect();
            let sum: f32 = exp.iter().sum();
            for (k, e) in exp.iter().enumerate() {
                let g = e / sum - if k == label { 1.0 } else { 0.0 };
                for &i in x {
                    let w = &mut model.weights[i as usize * K + k];
                    *w -= rate * (g * scale + L2 * *w);
                }
                model.bias[k] -= rate * g;
            }
        });
        model
    }
}

/// The refuse model and the category model.
pub(super) struct Model {
    index: HashMap<u64, u32>,
    refuse: Linear,
    categories: Categories,
}

impl Model {
    pub(super) fn train(examples: &[Example]) -> Model {
        let mut index = HashMap::new();
        let rows: Vec<Vec<u32>> = examples
            .iter()
            .map(|e| {
                features(&e.text)
                    .into_iter()
                    .map(|f| {
                        let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
                        *index.entry(f).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let dim = index.len();
        let all: Vec<(&[u32], bool)> = rows
            .iter()
            .zip(examples)
            .map(|(x, e)| (x.as_slice(), e.refuse))
            .collect();
        let refuse = train_linear(&all, dim);
        let labelled: Vec<(&[u32], usize)> = rows
            .iter()
            .zip(examples)
            .filter(|(_, e)| e.refuse)
            .filter_map(|(x, e)| {
                let c = e.category.as_deref().and_then(Category::parse)?;
                Some((x.as_slice(), Category::ALL.iter().position(|k| *k == c)?))
            })
            .collect();
        let categories = Categories::train(&labelled, dim);
        Model {
            index,
            refuse,
            categories,
        }
    }

    /// How many distinct features the training texts have.
    #[cfg(test)]
    pub(super) fn dimensions(&self) -> usize {
        self.index.len()
    }

    /// The refuse score of a text (a logit: above [`THRESHOLD`] refuses) and its likeliest
    /// category.
    pub(super) fn score(&self, text: &str) -> (f32, Category) {
        let all = features(text);
        let x: Vec<u32> = all
            .iter()
            .filter_map(|f| self.index.get(f).copied())
            .collect();
        // Unseen features weigh nothing, but they still count in the length a text is scaled by.
        let scale = norm_scale(all.len());
        let refuse = self.refuse.score(&x, scale);
        let z = self.categories.logits(&x, scale);
        let best = (0..K).max_by(|&a, &b| z[a].total_cmp(&z[b])).unwrap_or(0);
        (refuse, Category::ALL[best])
    }
}

/// Every labelled line the model is trained on.
pub(super) fn training_examples() -> Vec<Example> {
    TRAINING.iter().flat_map(|s| parse(s)).collect()
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let started = std::time::Instant::now();
    let examples = training_examples();
    let model = Model::train(&examples);
    tracing::debug!(
        examples = examples.len(),
        features = model.index.len(),
        ms = started.elapsed().as_millis() as u64,
        "request classifier trained"
    );
    model
});

/// The classifier's verdict on a request: the category and score when it would refuse.
pub(super) fn classify(text: &str) -> Option<(Category, f32)> {
    let (score, category) = MODEL.score(text);
    (score > THRESHOLD).then_some((category, score))
}

/// Trains the model now (a server calls this at start so the first request does not pay for it).
pub fn warm_up() {
    LazyLock::force(&MODEL);
}
