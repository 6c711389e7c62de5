//! Pay for what is new: which generated packages may skip the smoke test's replay.
//!
//! The generation gate plays every package for 180 frames twice (with and without input) before
//! it is stored. For a template game that replay proves nothing new each time: the code is the
//! template's own, and only the parameters differ. The perf profile put it at 60% of a template
//! game's CPU. So the replay is skipped when, and only when, **all** of these hold:
//!
//! 1. **Fuzz-tested code.** The package's `metadata.template.id` names a loaded template whose
//!    `logic.js` has the SHA-256 recorded for that id in `prompts/templates/verified.json`. That
//!    file is compiled into the worker, and the test `every_template_passes_its_parameter_fuzz`
//!    plays each template with [`fuzz::CASES`] parameter sets drawn from its schema (defaults,
//!    example, both edges, random draws: see [`fuzz`]) and fails unless every one passes the smoke
//!    test and the file's digests are exactly the templates' current ones. So a template edited on
//!    disk without a fuzz run, or a worker started with another templates directory, plays every
//!    game again.
//! 2. **Byte-identical code.** The package's `logic.js` is the template's, byte for byte (a model
//!    that rewrote one character wrote new code).
//! 3. **Schema-valid parameters.** The game's start parameters pass the template's JSON Schema.
//! 4. **Parameters from our own filler.** The request carried no client parameter overrides. The
//!    fuzz samples the schema at random; a person choosing parameters can aim at the corners a
//!    random sample misses (every palette colour the same: a game that "draws nothing"), so their
//!    choice is played like new code. The filler's choices come from the content banks, well inside
//!    the space the fuzz covers.
//!
//! Everything else, including every package a model wrote and every upload (which goes through
//! `ValidateGameJob`, not this path), runs the full gate. A skipped package still had its code
//! checked by the static checks (inside the fuzz) and gets its thumbnail like any other; its
//! `game_data.verified` names the template and digest in place of a `smoke_test` of its own.

pub mod fuzz;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use aimini_models::package::{Metadata, TemplateVerified};
use aimini_models::templates::TemplateSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::engines::Package;

/// The digests the fuzz passed, compiled in (see the module docs).
pub const RECORD: &str = include_str!("../../../prompts/templates/verified.json");

/// `prompts/templates/verified.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// How it was made (so the file says what its digests mean).
    pub fuzz: FuzzRun,
    /// Template id -> SHA-256 of its `logic.js`.
    pub templates: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuzzRun {
    pub seed: u64,
    pub cases_per_template: u32,
    pub runner_seed: u32,
}

impl Record {
    /// What the fuzz of this build records for `templates` (their digests, its seed and cases).
    pub fn of(templates: &TemplateSet) -> Record {
        Record {
            fuzz: FuzzRun {
                seed: fuzz::SEED,
                cases_per_template: fuzz::CASES as u32,
                runner_seed: crate::runner::SEED,
            },
            templates: templates
                .all()
                .iter()
                .map(|t| (t.meta.id.clone(), digest(&t.logic)))
                .collect(),
        }
    }

    /// The compiled-in record (empty if it cannot be read: then nothing skips the replay).
    fn compiled() -> Option<Record> {
        serde_json::from_str(RECORD).ok()
    }
}

pub fn digest(logic: &str) -> String {
    hex::encode(Sha256::digest(logic.as_bytes()))
}

/// The loaded templates whose code the fuzz verified (condition 1 of the module docs).
#[derive(Debug, Clone, Default)]
pub struct VerifiedTemplates {
    /// Template id -> its verified digest.
    verified: BTreeMap<String, String>,
    fuzz_cases: u32,
}

/// Why a package runs the full gate (for the log and the metric label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullGate {
    NotATemplate,
    UnverifiedTemplate,
    CodeDiffers,
    InvalidParameters,
    ClientParameters,
}

impl FullGate {
    pub fn label(self) -> &'static str {
        match self {
            FullGate::NotATemplate => "not_a_template",
            FullGate::UnverifiedTemplate => "unverified_template",
            FullGate::CodeDiffers => "code_differs",
            FullGate::InvalidParameters => "invalid_parameters",
            FullGate::ClientParameters => "client_parameters",
        }
    }
}

impl VerifiedTemplates {
    /// The templates of `set` whose current code matches the compiled-in record; the rest are
    /// returned by name, to be logged.
    pub fn new(set: &TemplateSet) -> (Self, Vec<String>) {
        Self::against(set, Record::compiled())
    }

    fn against(set: &TemplateSet, record: Option<Record>) -> (Self, Vec<String>) {
        let Some(record) = record else {
            let all = set.all().iter().map(|t| t.meta.id.clone()).collect();
            return (Self::default(), all);
        };
        let mut verified = BTreeMap::new();
        let mut unverified = Vec::new();
        for t in set.all() {
            let d = digest(&t.logic);
            if record.templates.get(&t.meta.id) == Some(&d) {
                verified.insert(t.meta.id.clone(), d);
            } else {
                unverified.push(t.meta.id.clone());
            }
        }
        let fuzz_cases = record.fuzz.cases_per_template;
        (
            Self {
                verified,
                fuzz_cases,
            },
            unverified,
        )
    }

    pub fn len(&self) -> usize {
        self.verified.len()
    }

    pub fn is_empty(&self) -> bool {
        self.verified.is_empty()
    }

    /// Whether `pkg` may skip the replay (`Ok`, with what to record) or why not. `set` is the
    /// loaded templates; `client_parameters`: the request carried parameter overrides.
    pub fn covers(
        &self,
        set: &TemplateSet,
        pkg: &Package,
        client_parameters: bool,
    ) -> Result<TemplateVerified, FullGate> {
        let meta = Metadata::from_value(pkg.metadata.clone());
        let id = meta.template_id().ok_or(FullGate::NotATemplate)?;
        let (Some(template), Some(recorded)) = (set.get(id), self.verified.get(id)) else {
            return Err(FullGate::UnverifiedTemplate);
        };
        // The loaded code was checked against the record at start; the package must be it.
        if *pkg.logic != *template.logic {
            return Err(FullGate::CodeDiffers);
        }
        if template.validate(&meta.start_params()).is_err() {
            return Err(FullGate::InvalidParameters);
        }
        if client_parameters {
            return Err(FullGate::ClientParameters);
        }
        Ok(TemplateVerified {
            template: id.to_owned(),
            logic_sha256: recorded.clone(),
            fuzz_cases: self.fuzz_cases,
        })
    }
}
