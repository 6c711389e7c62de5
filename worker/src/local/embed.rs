//! Sentence embeddings with all-MiniLM-L6-v2 (BERT, 6 layers, 384 dimensions).
//!
//! Mean pooling over the attention mask, then L2 normalisation, as sentence-transformers does, so a
//! dot product is the cosine similarity. The weights are read into memory rather than mmapped:
//! candle's mmap loader is `unsafe` and the workspace forbids unsafe code; the file is 91 MB and its
//! pages would be resident after the first forward pass anyway.
//!
//! The shipped tokenizer.json pads every input to 128 tokens; we pad to the longest input of the
//! batch instead and truncate at 256 tokens (what the model was trained on), which keeps a short
//! prompt at a few milliseconds.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

use super::LocalError;

pub const NAME: &str = "all-MiniLM-L6-v2";
const MAX_TOKENS: usize = 256;

pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
}

impl Embedder {
    /// Loads `dir/{model.safetensors,tokenizer.json,config.json}`.
    pub fn load(dir: &Path, device: &Device) -> Result<Self, LocalError> {
        let file = |name: &str| {
            let p = dir.join(name);
            if p.is_file() {
                Ok(p)
            } else {
                Err(LocalError::Missing(p))
            }
        };
        let config_path = file("config.json")?;
        let tokenizer_path = file("tokenizer.json")?;
        let weights_path = file("model.safetensors")?;

        let config: Config = std::fs::read_to_string(&config_path)
            .map_err(|e| LocalError::load(NAME, format!("{}: {e}", config_path.display())))
            .and_then(|text| {
                serde_json::from_str(&text)
                    .map_err(|e| LocalError::load(NAME, format!("{}: {e}", config_path.display())))
            })?;
        let mut tokenizer = Tokenizer::from_file(&tokenizer_path)
            .map_err(|e| LocalError::load(NAME, format!("{}: {e}", tokenizer_path.display())))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            ..PaddingParams::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| LocalError::load(NAME, e.to_string()))?;

        let weights = std::fs::read(&weights_path)
            .map_err(|e| LocalError::load(NAME, format!("{}: {e}", weights_path.display())))?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, device)
            .map_err(|e| LocalError::load(NAME, e.to_string()))?;
        let model =
            BertModel::load(vb, &config).map_err(|e| LocalError::load(NAME, e.to_string()))?;
        Ok(Self {
            model,
            tokenizer,
            device: device.clone(),
        })
    }

    /// One unit-length vector per text.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, LocalError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let run = || -> candle_core::Result<Vec<Vec<f32>>> {
            let encodings = self
                .tokenizer
                .encode_batch(texts.to_vec(), true)
                .map_err(candle_core::Error::wrap)?;
            let ids: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(e.get_ids(), &self.device))
                .collect::<candle_core::Result<_>>()?;
            let mask: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(e.get_attention_mask(), &self.device))
                .collect::<candle_core::Result<_>>()?;
            let ids = Tensor::stack(&ids, 0)?;
            let mask = Tensor::stack(&mask, 0)?;
            let type_ids = ids.zeros_like()?;
            let hidden = self.model.forward(&ids, &type_ids, Some(&mask))?;
            // Mean over real tokens only: padding must not dilute short texts.
            let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
            let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
            let counts = mask.sum(1)?;
            let mean = summed.broadcast_div(&counts)?;
            let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
            mean.broadcast_div(&norm)?.to_vec2::<f32>()
        };
        run().map_err(|e| LocalError::Run(format!("{NAME}: {e}")))
    }
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
