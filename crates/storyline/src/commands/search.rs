//! `storyline search`: ranked full-text search over the store.

use std::io::Write;

use anyhow::{Context, Result};
use storyline_store::{Hit, Mode, Scope, SearchQuery};

use crate::cli::{HitFormat, SearchArgs, SearchIn};

/// Runs the command; returns whether anything was found.
pub fn run(args: &SearchArgs) -> Result<bool> {
    let store = storyline_store::open(&args.db.db, Mode::Read)?;
    let query = SearchQuery {
        text: args.query.clone(),
        scope: match args.scope {
            SearchIn::Documents => Scope::Documents,
            SearchIn::Quotes => Scope::Quotes,
            SearchIn::Events => Scope::Events,
        },
        actor: args.actor.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        limit: args.limit,
    };
    let hits = store.search(&query)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        HitFormat::Pretty => pretty(&mut out, &hits, store.location())?,
        HitFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        HitFormat::Jsonl => {
            for hit in &hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        HitFormat::Csv => csv(&mut out, &hits)?,
    }
    out.flush().context("writing to standard output")?;
    Ok(true)
}

fn pretty(out: &mut dyn Write, hits: &[Hit], db: &str) -> Result<()> {
    if hits.is_empty() {
        writeln!(out, "no matches in {db}")?;
        return Ok(());
    }
    for (i, hit) in hits.iter().enumerate() {
        let title = hit.title.as_deref().unwrap_or("(no title)");
        let mut about = Vec::new();
        if let Some(site) = &hit.site {
            about.push(site.clone());
        }
        if let Some(date) = &hit.published {
            about.push(date.clone());
        }
        about.push(hit.doc.clone());
        if let Some(original) = &hit.copy_of {
            about.push(format!("copy of {original}"));
        }
        writeln!(out, "{}. {title}  ({})", i + 1, about.join(", "))?;
        if let Some(url) = &hit.url {
            writeln!(out, "   {url}")?;
        }
        if let Some(q) = &hit.quote {
            let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
            writeln!(out, "   {speaker} ({}): {}", q.kind, one_line(&hit.snippet))?;
        } else if let Some(e) = &hit.event {
            let when = e
                .time
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default();
            writeln!(
                out,
                "   {} \"{}\" ({}{when})",
                e.kind, e.trigger, e.modality
            )?;
            writeln!(out, "   {}", one_line(&hit.snippet))?;
        } else {
            writeln!(out, "   {}", one_line(&hit.snippet))?;
        }
    }
    Ok(())
}

fn csv(out: &mut dyn Write, hits: &[Hit]) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "doc",
        "version",
        "title",
        "url",
        "published",
        "site",
        "copy_of",
        "score",
        "snippet",
        "speaker",
        "quote_kind",
        "event_type",
        "trigger",
        "event_time",
        "start",
        "end",
    ])?;
    for hit in hits {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let (speaker, kind, qs, qe) = hit
            .quote
            .as_ref()
            .map(|q| {
                (
                    opt(&q.speaker),
                    q.kind.clone(),
                    q.start.to_string(),
                    q.end.to_string(),
                )
            })
            .unwrap_or_default();
        let (etype, trigger, etime, es, ee) = hit
            .event
            .as_ref()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.trigger.clone(),
                    opt(&e.time),
                    e.start.to_string(),
                    e.end.to_string(),
                )
            })
            .unwrap_or_default();
        w.write_record([
            hit.doc.clone(),
            hit.version.to_string(),
            opt(&hit.title),
            opt(&hit.url),
            opt(&hit.published),
            opt(&hit.site),
            opt(&hit.copy_of),
            format!("{:.4}", hit.score),
            hit.snippet.clone(),
            speaker,
            kind,
            etype,
            trigger,
            etime,
            if qs.is_empty() { es } else { qs },
            if qe.is_empty() { ee } else { qe },
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Line breaks folded, so that each hit stays on its lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
