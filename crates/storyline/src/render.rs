//! The `pretty` terminal view of a record: headline first, then one short
//! line per fact, so a reader can scan an article's structure at a glance.

use std::fmt::Write;

use storyline_extract::Record;
use storyline_extract::record::{Entity, Event, Quote, Stance, Time};

/// Renders one record as readable text, ending with a blank line.
pub fn pretty(record: &Record) -> String {
    let mut out = String::new();
    let title = record.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(out, "━━ {title}");
    let _ = writeln!(
        out,
        "   {} · published {} · {} sentences · {} characters",
        record.id,
        record.published.as_deref().unwrap_or("unknown"),
        record.sentences.len(),
        record.text.chars().count()
    );
    if let Some(url) = &record.url {
        let _ = writeln!(out, "   {url}");
    }
    section(&mut out, "Entities", &record.entities, entity_line);
    section(&mut out, "Quotes", &record.quotes, |q| {
        quote_line(q, record)
    });
    section(&mut out, "Times", &record.times, time_line);
    section(&mut out, "Events", &record.events, |e| {
        event_line(e, record)
    });
    section(&mut out, "Stances", &record.stances, |s| {
        stance_line(s, record)
    });
    if !record.warnings.is_empty() {
        section(&mut out, "Warnings", &record.warnings, |w| w.clone());
    }
    out.push('\n');
    out
}

fn section<T>(out: &mut String, name: &str, items: &[T], line: impl Fn(&T) -> String) {
    let _ = writeln!(out, "\n{name} ({})", items.len());
    if items.is_empty() {
        let _ = writeln!(out, "  none found");
    }
    for item in items {
        let _ = writeln!(out, "  {}", line(item));
    }
}

fn entity_line(e: &Entity) -> String {
    let mut line = format!("{:<4} {:<7} {}", e.id, e.kind, e.name);
    if !e.titles.is_empty() {
        let _ = write!(line, " — {}", e.titles.join("; "));
    }
    if let Some(aff) = &e.affiliation {
        let _ = write!(line, " [{aff}]");
    }
    let _ = write!(line, " ({} mentions)", e.mentions.len());
    line
}

/// The name of entity `id`, or the id itself if the record lacks it.
fn entity_name<'a>(record: &'a Record, id: &'a str) -> &'a str {
    record
        .entities
        .iter()
        .find(|e| e.id == id)
        .map_or(id, |e| e.name.as_str())
}

fn quote_line(q: &Quote, record: &Record) -> String {
    let who = match (&q.speaker, &q.source) {
        (Some(id), _) => entity_name(record, id).to_string(),
        (None, Some(source)) => source.text.clone(),
        (None, None) => "(unattributed)".to_string(),
    };
    // What was said, without the attribution that interrupts it.
    let said = if q.parts.is_empty() {
        q.content.text.clone()
    } else {
        q.parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    format!("{who} [{}]: {said}", q.kind)
}

fn time_line(t: &Time) -> String {
    format!(
        "{:<12} {:<8} {}",
        t.value.as_deref().unwrap_or("?"),
        t.kind,
        t.text
    )
}

fn event_line(e: &Event, record: &Record) -> String {
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| entity_name(record, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut line = format!(
        "{:<10}  {}  {}",
        e.time.as_deref().unwrap_or("—"),
        e.kind,
        names(&e.actors)
    );
    if !e.targets.is_empty() {
        let _ = write!(line, " → {}", names(&e.targets));
    }
    if let Some(place) = &e.place {
        let _ = write!(line, "  @ {}", entity_name(record, place));
    }
    let _ = write!(line, "  [{}]", e.modality);
    line
}

fn stance_line(s: &Stance, record: &Record) -> String {
    let holder = s
        .holder
        .as_deref()
        .map_or("(unknown)", |id| entity_name(record, id));
    format!("{holder} {}s: {}", s.position, s.issue)
}
