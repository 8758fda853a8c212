//! Located errors: a rejected scenario (or plan, or target file) names the
//! file, line, column, dotted key, value and what is allowed
//! ([`ScenarioError`]); the functions here find a key's line and column in
//! TOML text (and, best effort, in JSON) and turn deserialiser messages
//! into words.

use super::read::Format;

/// A rejected scenario: where, what, and what is allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// File name, or `<input>`.
    pub origin: String,
    /// 1-based line, where it could be found.
    pub line: Option<usize>,
    /// 1-based column, where it could be found.
    pub column: Option<usize>,
    /// Dotted key path, e.g. `params.shock_rate_per_year` or `instruments[0].ask_share`.
    pub key: String,
    /// The offending value as written (empty if missing).
    pub value: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": ")?;
        if !self.key.is_empty() {
            write!(f, "`{}`", self.key)?;
            if !self.value.is_empty() {
                write!(f, " = {}", self.value)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// Replaces Rust type names in deserialiser messages with words.
pub(super) fn plain_types(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number from 0")
        .replace("expected u64", "expected a whole number from 0")
        .replace("expected i32", "expected a whole number")
        .replace("expected f64", "expected a number")
}

/// 1-based (line, column) of a byte offset.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The error at `path` in a scenario file's `text`, with its line and
/// column where they can be found (none for a scenario built in code).
pub(super) fn error_in(text: &str, format: Format, origin: &str, path: &[PathPart], value: String, message: String) -> ScenarioError {
    let at = if text.is_empty() { None } else { locate(text, format, path) };
    ScenarioError { origin: origin.to_string(), line: at.map(|p| p.0), column: at.map(|p| p.1), key: path_string(path), value, message }
}

/// One step of a key path.
#[derive(Clone, Debug)]
pub(super) enum PathPart {
    /// A key named in code.
    Key(&'static str),
    /// A key read from the input (a parameter's or a setting's name).
    Owned(String),
    /// An index into an array of tables.
    Index(usize),
}

impl PathPart {
    fn key(&self) -> Option<&str> {
        match self {
            PathPart::Key(k) => Some(k),
            PathPart::Owned(k) => Some(k),
            PathPart::Index(_) => None,
        }
    }
}

fn path_string(path: &[PathPart]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            PathPart::Index(i) => s.push_str(&format!("[{i}]")),
            other => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(other.key().unwrap_or(""));
            }
        }
    }
    s
}

/// An error at dotted key `key` of TOML `text` read from `origin`, located
/// to its line and column where the key can be found (for plan and target
/// files, which share the scenario file's error form).
pub(crate) fn error_at(text: &str, origin: &str, key: &str, value: String, message: String) -> ScenarioError {
    let at = locate_dotted(text, key);
    ScenarioError { origin: origin.into(), line: at.map(|p| p.0), column: at.map(|p| p.1), key: key.into(), value, message }
}

/// Deserialises another TOML input (a plan, a target file); a syntax or
/// structure error names the file, line and column.
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<T, ScenarioError> {
    toml::from_str::<T>(text).map_err(|e| {
        let at = e.span().map(|s| line_col(text, s.start));
        ScenarioError {
            origin: origin.into(),
            line: at.map(|p| p.0),
            column: at.map(|p| p.1),
            key: String::new(),
            value: String::new(),
            message: plain_types(e.message().trim()),
        }
    })
}

/// Line and column of a dotted key path such as `factors[1].min` in TOML
/// text, where it can be found (used for errors in other TOML inputs).
pub(super) fn locate_dotted(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut path = Vec::new();
    for part in key.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            path.push(PathPart::Owned(name.to_string()));
        }
        if let Some(i) = index {
            path.push(PathPart::Index(i));
        }
    }
    locate(text, Format::Toml, &path)
}

/// Finds the line and column of a key path in the source text.
fn locate(text: &str, format: Format, path: &[PathPart]) -> Option<(usize, usize)> {
    match format {
        Format::Toml => {
            let doc = toml_edit::Document::parse(text).ok()?;
            let mut item: &toml_edit::Item = doc.as_item();
            let mut span: Option<std::ops::Range<usize>> = None;
            for (n, part) in path.iter().enumerate() {
                if let PathPart::Index(i) = part {
                    let toml_edit::Item::ArrayOfTables(a) = item else { break };
                    let t = a.get(*i)?;
                    return locate_in_table(t, &path[n + 1..], text, t.span().or(span));
                }
                let (k, v) = item.as_table_like()?.get_key_value(part.key()?)?;
                span = k.span().or_else(|| v.span()).or(span);
                item = v;
            }
            span.map(|s| line_col(text, s.start))
        }
        Format::Json => {
            // Best effort: the first occurrence of the last key as a JSON string.
            let key = path.iter().rev().find_map(|p| p.key())?;
            let at = text.find(&format!("\"{key}\""))?;
            Some(line_col(text, at))
        }
    }
}

fn locate_in_table(
    t: &toml_edit::Table,
    rest: &[PathPart],
    text: &str,
    fallback: Option<std::ops::Range<usize>>,
) -> Option<(usize, usize)> {
    let key = rest.first().and_then(|p| p.key());
    let span = key.and_then(|k| t.get_key_value(k)).and_then(|(k, v)| k.span().or_else(|| v.span())).or(fallback);
    span.map(|s| line_col(text, s.start))
}
