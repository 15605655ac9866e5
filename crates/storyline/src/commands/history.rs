//! `storyline revisions` and `storyline diff`: the versions of a document
//! and what changed between them.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use serde_json::json;
use storyline_store::diff::{Changes, Diff, QuoteView, diff};
use storyline_store::{Mode, Store};

use crate::cli::{DiffArgs, ReportFormat, RevisionsArgs};

/// Opens the store and finds the document a reference names.
fn open(db: &std::path::Path, reference: &str) -> Result<(Box<dyn Store>, String)> {
    let store = storyline_store::open(db, Mode::Read)?;
    match store.find(reference)? {
        Some(id) => Ok((store, id)),
        None => bail!(
            "no document {reference:?} in {}: give an id (or its start), a URL or the file it was read from",
            store.location()
        ),
    }
}

/// `storyline revisions`.
pub fn revisions(args: &RevisionsArgs) -> Result<()> {
    let (store, id) = open(&args.db.db, &args.document)?;
    let info = store.document(&id)?;
    let versions = store.revisions(&id)?;
    match args.format {
        ReportFormat::Json => {
            let value = json!({"document": info, "versions": versions});
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        ReportFormat::Pretty => {
            let mut head = info.id.clone();
            if let Some(url) = &info.canonical_url {
                let _ = write!(head, "  {url}");
            }
            if let (Some(original), Some(s)) = (&info.copy_of, info.similarity) {
                let _ = write!(head, "  (near-duplicate of {original}, similarity {s:.2})");
            }
            println!("{head}");
            for v in &versions {
                let mark = if v.current { "*" } else { " " };
                let title = v.title.as_deref().unwrap_or("(no title)");
                println!(
                    "{mark} v{}  {}  {:>6} words  {title}  [{}]",
                    v.version, v.ingested_at, v.words, v.source
                );
            }
        }
    }
    Ok(())
}

/// `storyline diff`.
pub fn diff_command(args: &DiffArgs) -> Result<()> {
    let (store, id) = open(&args.db.db, &args.document)?;
    let current = store.document(&id)?.current;
    let to = args.to.unwrap_or(current);
    let from = args.from.unwrap_or(to.saturating_sub(1));
    if to > current || from == 0 || to == 0 {
        if current == 1 && args.from.is_none() && args.to.is_none() {
            bail!("{id} has one version only: nothing to compare");
        }
        bail!("{id} has versions 1 to {current}: --from {from} --to {to} is out of range");
    }
    let change = diff(
        &id,
        from,
        &store.record(&id, from)?,
        to,
        &store.record(&id, to)?,
    );
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&change)?),
        ReportFormat::Pretty => print!("{}", pretty(&change)),
    }
    Ok(())
}

fn pretty(d: &Diff) -> String {
    let mut out = String::new();
    let kind = if d.from == d.to {
        "same version"
    } else if d.minor {
        "minor edit"
    } else if d.text.hunks.is_empty() && d.reading_unchanged() {
        "no change"
    } else {
        "edited"
    };
    let _ = writeln!(out, "{}: version {} → {} ({kind})", d.doc, d.from, d.to);
    if let Some(t) = &d.title {
        let show = |t: &Option<String>| t.clone().unwrap_or_else(|| "(none)".into());
        let _ = writeln!(out, "title: {} → {}", show(&t.from), show(&t.to));
    }
    let _ = writeln!(
        out,
        "text: {} words removed, {} added (of {})",
        d.text.words_removed, d.text.words_added, d.text.words_before
    );
    for h in &d.text.hunks {
        let removed = if h.removed.is_empty() {
            String::new()
        } else {
            format!("[-{}-]", h.removed)
        };
        let added = if h.added.is_empty() {
            String::new()
        } else {
            format!("{{+{}+}}", h.added)
        };
        let change = [h.before.as_str(), &removed, &added, &h.after]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(out, "  @{}: …{}…", h.from_start, fold(&change));
    }
    quotes(&mut out, &d.quotes);
    strings(&mut out, "entities", &d.entities);
    strings(&mut out, "events", &d.events);
    strings(&mut out, "stances", &d.stances);
    out
}

fn quote_line(q: &QuoteView) -> String {
    let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
    format!("{speaker} ({}): {}", q.kind, fold(&q.content))
}

fn quotes(out: &mut String, q: &Changes<QuoteView>) {
    if q.added.is_empty() && q.removed.is_empty() && q.changed.is_empty() {
        return;
    }
    let _ = writeln!(out, "quotes:");
    for a in &q.added {
        let _ = writeln!(out, "  + {}", quote_line(a));
    }
    for r in &q.removed {
        let _ = writeln!(out, "  - {}", quote_line(r));
    }
    for c in &q.changed {
        let _ = writeln!(out, "  ~ {}", quote_line(&c.from));
        let _ = writeln!(out, "    → {}", quote_line(&c.to));
    }
}

fn strings(out: &mut String, what: &str, c: &Changes<String>) {
    if c.added.is_empty() && c.removed.is_empty() {
        return;
    }
    let _ = writeln!(out, "{what}:");
    for a in &c.added {
        let _ = writeln!(out, "  + {a}");
    }
    for r in &c.removed {
        let _ = writeln!(out, "  - {r}");
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
