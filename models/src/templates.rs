//! Game templates (`prompts/templates/<id>/`): the local engine's playbook. Each has `template.json`
//! (what it is, for retrieval and listing), `schema.json` (its parameters), `example.json` and
//! `logic.js`. Loaded once per process; parameters are validated with a real JSON Schema validator that
//! never fetches remote `$ref`s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::Content;

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read templates in {dir}: {message}")]
    Load { dir: PathBuf, message: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateMeta {
    pub id: String,
    pub title: String,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    /// What the game is and which prompts fit it (used for retrieval).
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub controls: Value,
}

/// A template's texts in another language (`i18n.json`, per language): its name, the first sentence
/// of its description and its controls, as the player reads them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateTexts {
    pub title: String,
    pub description: String,
    pub keys: String,
    pub pointer: String,
}

#[derive(Clone)]
pub struct Template {
    pub meta: TemplateMeta,
    /// Translations of the template's own texts; English is `meta`.
    pub i18n: std::collections::BTreeMap<crate::lang::Lang, TemplateTexts>,
    pub schema: Value,
    pub example: Value,
    pub logic: Arc<str>,
    validator: Arc<jsonschema::Validator>,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("id", &self.meta.id)
            .finish_non_exhaustive()
    }
}

impl Template {
    /// Every problem with `params`, as `path: message` lines.
    pub fn validate(&self, params: &Value) -> Result<(), Vec<String>> {
        let errors: Vec<String> = self
            .validator
            .iter_errors(params)
            .map(|e| {
                let path = e.instance_path().to_string();
                let at = if path.is_empty() {
                    "/".to_owned()
                } else {
                    path
                };
                format!("{at}: {e}")
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// `base` with the client's `overrides` laid over it, nested objects merged key by key (so
    /// `{"palette": {"primary": ...}}` changes one colour, not the whole palette).
    pub fn merge_params(base: &mut Value, overrides: &Value) {
        match (base, overrides) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in b {
                    match a.get_mut(k) {
                        Some(slot) if slot.is_object() && v.is_object() => {
                            Self::merge_params(slot, v)
                        }
                        _ => {
                            a.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            (slot, v) => *slot = v.clone(),
        }
    }

    /// The schema's defaults as a parameter object (every template declares one per property).
    pub fn defaults(&self) -> Value {
        defaults_of(&self.schema)
    }
}

fn defaults_of(schema: &Value) -> Value {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let mut out = Map::new();
        for (k, sub) in props {
            let v = match sub.get("default") {
                Some(d) if !sub.get("properties").is_some_and(Value::is_object) => d.clone(),
                _ => defaults_of(sub),
            };
            if !v.is_null() {
                out.insert(k.clone(), v);
            }
        }
        return Value::Object(out);
    }
    schema.get("default").cloned().unwrap_or(Value::Null)
}

#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    templates: Vec<Template>,
    /// The content banks next to the templates (`<dir>/../content/`), used to fill them.
    content: Arc<Content>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl TemplateSet {
    /// Loads every `<dir>/<id>/template.json`, and the content banks of `<dir>/../content/` (see
    /// [`Content`]); a malformed template or bank is an error, not a silent skip.
    pub fn load(dir: &Path) -> Result<Self, TemplateError> {
        let err = |message: String| TemplateError::Load {
            dir: dir.to_owned(),
            message,
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| err(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("template.json").is_file())
            .collect();
        entries.sort();
        let mut templates = Vec::new();
        for path in entries {
            let meta: TemplateMeta =
                serde_json::from_value(read_json(&path.join("template.json")).map_err(err)?)
                    .map_err(|e| err(format!("{}/template.json: {e}", path.display())))?;
            let schema = read_json(&path.join("schema.json")).map_err(err)?;
            let example = read_json(&path.join("example.json")).map_err(err)?;
            let logic = std::fs::read_to_string(path.join("logic.js"))
                .map_err(|e| err(format!("{}/logic.js: {e}", path.display())))?;
            let validator = jsonschema::validator_for(&schema)
                .map_err(|e| err(format!("{}/schema.json: {e}", path.display())))?;
            let i18n_path = path.join("i18n.json");
            let i18n = if i18n_path.is_file() {
                serde_json::from_value(read_json(&i18n_path).map_err(err)?)
                    .map_err(|e| err(format!("{}/i18n.json: {e}", path.display())))?
            } else {
                Default::default()
            };
            let t = Template {
                meta,
                i18n,
                schema,
                example,
                logic: logic.into(),
                validator: Arc::new(validator),
            };
            if let Err(problems) = t.validate(&t.example) {
                return Err(err(format!(
                    "{}: example.json is invalid: {}",
                    t.meta.id,
                    problems.join("; ")
                )));
            }
            if let Err(problems) = t.validate(&t.defaults()) {
                return Err(err(format!(
                    "{}: schema defaults are invalid: {}",
                    t.meta.id,
                    problems.join("; ")
                )));
            }
            templates.push(t);
        }
        if templates.is_empty() {
            return Err(err("no templates found".into()));
        }
        let content = match dir.parent() {
            Some(prompts) => {
                let mut content = Content::load(&prompts.join("content")).map_err(err)?;
                content.sprites =
                    crate::sprites::SpriteLibrary::load(&prompts.join("sprites")).map_err(err)?;
                content
            }
            None => Content::default(),
        };
        Ok(Self {
            templates,
            content: Arc::new(content),
        })
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn all(&self) -> &[Template] {
        &self.templates
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.meta.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_templates() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates load")
    }

    #[test]
    fn every_shipped_template_loads_with_valid_example_and_defaults() {
        let set = repo_templates();
        assert!(
            set.all().len() >= 8,
            "at least 8 templates, found {}",
            set.all().len()
        );
        for t in set.all() {
            assert!(!t.logic.is_empty(), "{}", t.meta.id);
            assert!(
                t.logic.contains("aimini.game("),
                "{} must declare itself",
                t.meta.id
            );
        }
    }

    #[test]
    fn invalid_parameters_are_rejected_with_their_path() {
        let set = repo_templates();
        let t = &set.all()[0];
        let mut bad = t.defaults();
        bad["title"] = Value::from("");
        bad["unexpected"] = Value::from(1);
        let errors = t.validate(&bad).expect_err("must be rejected");
        assert!(errors.iter().any(|e| e.starts_with("/title")), "{errors:?}");
        assert!(errors.len() >= 2, "{errors:?}");
    }
}
