//! JSON, JSON array and JSON Lines reader.

use serde_json::{Map, Value};

use crate::error::one_line;
use crate::{Document, IngestError, dates};

/// Reads JSON text: one object, an array of objects, or (when `lines` is
/// set, or the content evidently is) JSON Lines. Each record yields a
/// document or an error of its own; `warnings` (from decoding) are copied to
/// every document.
pub fn read_json(
    input: &str,
    text: &str,
    lines: bool,
    warnings: &[String],
) -> Vec<Result<Document, IngestError>> {
    if text.trim().is_empty() {
        return vec![Err(IngestError::Empty {
            input: input.to_owned(),
        })];
    }
    if lines || looks_like_json_lines(text) {
        return read_lines(input, text, warnings);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => vec![record(map, input, input, None, warnings)],
        Ok(Value::Array(items)) => read_array(input, items, warnings),
        Ok(_) => vec![Err(malformed(
            input,
            None,
            "expected an object or an array of objects",
        ))],
        Err(e) => vec![Err(malformed(input, Some(e.line()), &e.to_string()))],
    }
}

fn read_array(
    input: &str,
    items: Vec<Value>,
    warnings: &[String],
) -> Vec<Result<Document, IngestError>> {
    if items.is_empty() {
        return vec![Err(IngestError::Empty {
            input: input.to_owned(),
        })];
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let name = format!("{input}#{}", i + 1);
            match item {
                Value::Object(map) => record(map, &name, &name, None, warnings),
                _ => Err(malformed(&name, None, "array element is not an object")),
            }
        })
        .collect()
}

fn read_lines(input: &str, text: &str, warnings: &[String]) -> Vec<Result<Document, IngestError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let n = i + 1;
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(map)) => {
                    record(map, &format!("{input}#{n}"), input, Some(n), warnings)
                }
                Ok(_) => Err(malformed(input, Some(n), "line is not a JSON object")),
                Err(e) => Err(malformed(input, Some(n), &e.to_string())),
            }
        })
        .collect()
}

/// JSON Lines rather than one JSON value: the first non-blank line is a
/// complete object on its own and more lines follow.
fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    let first = first.strip_prefix('\u{feff}').unwrap_or(first);
    lines.next().is_some() && serde_json::from_str::<Map<String, Value>>(first).is_ok()
}

/// Builds a document from one record. `default_id` is used when the record
/// has no `id`; `err_input`/`line` locate errors.
fn record(
    mut map: Map<String, Value>,
    default_id: &str,
    err_input: &str,
    line: Option<usize>,
    warnings: &[String],
) -> Result<Document, IngestError> {
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(malformed(err_input, line, "field \"text\" is not a string")),
        None => return Err(malformed(err_input, line, "missing field \"text\"")),
    };
    let mut warnings = warnings.to_vec();
    let id = match map.remove("id") {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => default_id.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            input: one_line(&id),
        });
    }
    let mut field = |name: &str| string_field(&mut map, name, &mut warnings);
    let title = field("title");
    let url = field("url");
    let author = field("author");
    let site = field("site").or_else(|| field("sitename"));
    let published = field("published").and_then(|raw| {
        let date = dates::normalise_date(&raw);
        if date.is_none() {
            warnings.push(format!(
                "unparseable date in \"published\" ignored: {}",
                one_line(&raw)
            ));
        }
        date
    });
    Ok(Document {
        id,
        url,
        title,
        published,
        author,
        site,
        text,
        warnings,
    })
}

/// An optional string field; other types are ignored with a warning.
fn string_field(
    map: &mut Map<String, Value>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    match map.remove(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        Value::String(_) | Value::Null => None,
        _ => {
            warnings.push(format!("field \"{name}\" ignored: not a string"));
            None
        }
    }
}

fn malformed(input: &str, line: Option<usize>, reason: &str) -> IngestError {
    IngestError::MalformedJson {
        input: input.to_owned(),
        line,
        reason: one_line(reason),
    }
}
