//! `storyline stories`, `story`, `timeline`, `actors`, `changes`: the story
//! layer read from the store.

use std::io::Write;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde_json::json;
use storyline_store::{Mode, Store};
use storyline_story::actors::Actor;
use storyline_story::changes::{self, Changes};
use storyline_story::timeline::{self, Entry};
use storyline_story::views::{self, Loaded};
use storyline_story::{Model, index};

use crate::cli::{
    ActorsArgs, ChangesArgs, DbArg, StoriesAction, StoriesArgs, StoryArgs, StoryFormat,
    TimelineArgs,
};

/// The schema name of `story --format json`.
pub const STORY_SCHEMA: &str = "storyline.story/1";
/// The schema name of `timeline --format json`.
pub const TIMELINE_SCHEMA: &str = "storyline.timeline/1";

fn open(db: &DbArg) -> Result<Box<dyn Store>> {
    Ok(storyline_store::open(&db.db, Mode::Read)?)
}

fn output() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

fn empty_message(store: &dyn Store) -> String {
    format!(
        "no stories in {} yet: 'storyline ingest ARTICLES --db {}' adds articles",
        store.location(),
        store.location()
    )
}

/// What a command prints for a database without stories: the message for
/// people, a well-formed empty document for programs (with the message on
/// standard error).
fn nothing(
    out: &mut dyn Write,
    format: StoryFormat,
    store: &dyn Store,
    schema: &str,
) -> Result<()> {
    match format {
        StoryFormat::Pretty | StoryFormat::Md => writeln!(out, "{}", empty_message(store))?,
        StoryFormat::Json => {
            eprintln!("storyline: {}", empty_message(store));
            json_out(out, &json!({"schema": schema, "empty": true}))?;
        }
        StoryFormat::Jsonl | StoryFormat::Csv => eprintln!("storyline: {}", empty_message(store)),
    }
    Ok(())
}

/// `storyline stories [rebuild]`.
pub fn stories(args: &StoriesArgs) -> Result<()> {
    if let Some(StoriesAction::Rebuild { db }) = &args.action {
        let mut store = storyline_store::open(&db.db, Mode::Write)?;
        let done = index::rebuild(store.as_mut(), Model::shipped())?;
        println!(
            "{}: {} documents in {} stories ({} merges)",
            store.location(),
            done.documents,
            done.stories,
            done.merges
        );
        return Ok(());
    }
    let store = open(&args.db)?;
    let mut list = views::list(store.as_ref())?;
    if let Some(since) = &args.since {
        check_day(since, "--since")?;
        list.retain(|s| s.last.as_deref().is_some_and(|l| l >= since.as_str()));
    }
    if let Some(actor) = &args.actor {
        list.retain(|s| s.names_actor(actor));
    }
    list.truncate(args.limit);
    let mut out = output();
    if list.is_empty() && args.format == StoryFormat::Pretty {
        writeln!(out, "{}", empty_message(store.as_ref()))?;
        return Ok(out.flush()?);
    }
    match args.format {
        StoryFormat::Pretty => {
            for s in &list {
                writeln!(
                    out,
                    "{:>4}  {}  {} docs, {} outlets  {}",
                    s.id,
                    span(&s.first, &s.last),
                    s.documents,
                    s.outlets.len(),
                    s.label
                )?;
                if !s.top_actors.is_empty() {
                    writeln!(out, "      {}", s.top_actors.join(", "))?;
                }
            }
        }
        StoryFormat::Json => json_out(
            &mut out,
            &json!({"schema": "storyline.stories/1", "stories": list}),
        )?,
        StoryFormat::Jsonl => jsonl(&mut out, &list)?,
        StoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "id",
                "label",
                "first",
                "last",
                "documents",
                "outlets",
                "top_actors",
            ])?;
            for s in &list {
                w.write_record([
                    s.id.to_string(),
                    s.label.clone(),
                    s.first.clone().unwrap_or_default(),
                    s.last.clone().unwrap_or_default(),
                    s.documents.to_string(),
                    s.outlets.join("; "),
                    s.top_actors.join("; "),
                ])?;
            }
            w.flush()?;
        }
        StoryFormat::Md => {
            writeln!(
                out,
                "| story | dates | documents | outlets | label | top actors |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|")?;
            for s in &list {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    s.id,
                    span(&s.first, &s.last),
                    s.documents,
                    md(&s.outlets.join(", ")),
                    md(&s.label),
                    md(&s.top_actors.join(", "))
                )?;
            }
        }
    }
    Ok(out.flush()?)
}

fn span(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".into(),
    }
}

fn check_day(day: &str, flag: &str) -> Result<()> {
    if day.parse::<jiff::civil::Date>().is_err() {
        bail!("{flag} {day:?}: not a day (give YYYY-MM-DD, e.g. 2026-03-10)");
    }
    Ok(())
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn json_out(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn jsonl<T: Serialize>(out: &mut dyn Write, items: &[T]) -> Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Loads a story (or everything), with a clear message for an empty store.
fn load(store: &dyn Store, story: Option<u64>) -> Result<Option<Loaded>> {
    if store.story_ledger()?.members.is_empty() {
        return Ok(None);
    }
    let story = match story {
        Some(s) => Some(views::resolve_story(store, s)?),
        None => None,
    };
    Ok(Some(views::load(store, story)?))
}

/// `storyline story ID`.
pub fn story(args: &StoryArgs) -> Result<()> {
    let store = open(&args.db)?;
    let mut out = output();
    let Some(loaded) = load(store.as_ref(), Some(args.story))? else {
        nothing(&mut out, args.format, store.as_ref(), STORY_SCHEMA)?;
        return Ok(out.flush()?);
    };
    let id = loaded.story.unwrap_or(args.story);
    let summary = views::list(store.as_ref())?
        .into_iter()
        .find(|s| s.id == id)
        .context("the story vanished while it was read")?;
    let since = latest_ingest_start(store.as_ref(), &loaded)?;
    let latest = changes::since(&since, &loaded.docs, &loaded.actors, &loaded.timeline);
    match args.format {
        StoryFormat::Json | StoryFormat::Jsonl => {
            let value = json!({
                "schema": STORY_SCHEMA,
                "id": id,
                "asked": args.story,
                "label": summary.label,
                "first": summary.first,
                "last": summary.last,
                "outlets": summary.outlets,
                "merged": summary.merged,
                "documents": loaded.docs.iter().map(|(d, _)| d).collect::<Vec<_>>(),
                "actors": loaded.actors.list,
                "timeline": loaded.timeline,
                "changes": latest,
            });
            if args.format == StoryFormat::Json {
                json_out(&mut out, &value)?;
            } else {
                serde_json::to_writer(&mut out, &value)?;
                writeln!(out)?;
            }
        }
        StoryFormat::Csv => {
            timeline_csv(&mut out, &loaded.timeline)?;
        }
        StoryFormat::Pretty | StoryFormat::Md => {
            let md = args.format == StoryFormat::Md;
            if md {
                writeln!(out, "# Story {id}: {}\n", summary.label)?;
            } else {
                writeln!(out, "Story {id}: {}", summary.label)?;
            }
            if id != args.story {
                writeln!(out, "(story {} was merged into story {id})", args.story)?;
            }
            writeln!(
                out,
                "{}  ·  {} documents  ·  {}",
                span(&summary.first, &summary.last),
                summary.documents,
                summary.outlets.join(", ")
            )?;
            writeln!(out)?;
            heading(&mut out, md, "Documents")?;
            for (d, _) in &loaded.docs {
                writeln!(
                    out,
                    "{}{}  {}  {}  {}{}",
                    if md { "- " } else { "  " },
                    d.published.as_deref().unwrap_or("undated   "),
                    d.site.as_deref().unwrap_or("-"),
                    d.title.as_deref().unwrap_or("(no title)"),
                    d.id,
                    d.copy_of
                        .as_ref()
                        .map(|o| format!(" (copy of {o})"))
                        .unwrap_or_default()
                )?;
            }
            writeln!(out)?;
            heading(&mut out, md, "Actors")?;
            actors_text(
                &mut out,
                &loaded.actors.list[..loaded.actors.list.len().min(10)],
                md,
            )?;
            writeln!(out)?;
            heading(&mut out, md, "Timeline")?;
            let shown = important(&loaded.timeline, args.entries);
            entries_text(&mut out, &shown, md)?;
            writeln!(out)?;
            heading(&mut out, md, &format!("Latest changes (since {since})"))?;
            changes_text(&mut out, &latest, md)?;
        }
    }
    Ok(out.flush()?)
}

/// The entries with the most independent sources (at most `n`), in date order.
fn important(entries: &[Entry], n: usize) -> Vec<Entry> {
    let mut ranked: Vec<&Entry> = entries.iter().collect();
    ranked.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then((a.dated_by != "text").cmp(&(b.dated_by != "text")))
    });
    ranked.truncate(n);
    let mut kept: Vec<Entry> = ranked.into_iter().cloned().collect();
    kept.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
    kept
}

/// The start of the latest ingest run that brought one of the documents.
fn latest_ingest_start(store: &dyn Store, loaded: &Loaded) -> Result<String> {
    let newest = loaded
        .docs
        .iter()
        .map(|(d, _)| d.ingested_at.as_str())
        .max()
        .unwrap_or("");
    let runs = store.ingests()?;
    Ok(runs
        .iter()
        .rev()
        .find(|r| r.started_at.as_str() <= newest)
        .map(|r| r.started_at.clone())
        .unwrap_or_else(|| newest.to_string()))
}

fn heading(out: &mut dyn Write, md: bool, title: &str) -> Result<()> {
    if md {
        writeln!(out, "## {title}\n")?;
    } else {
        writeln!(out, "{title}")?;
    }
    Ok(())
}

fn entry_line(e: &Entry) -> String {
    let date = e.date.as_deref().unwrap_or("undated");
    let mark = if e.dated_by == "text" { " " } else { "~" };
    let who = if e.actors.is_empty() {
        String::new()
    } else {
        format!(" {}", e.actors.join(", "))
    };
    let whom = if e.targets.is_empty() {
        String::new()
    } else {
        format!(" → {}", e.targets.join(", "))
    };
    let place = e
        .place
        .as_ref()
        .map(|p| format!(" @ {p}"))
        .unwrap_or_default();
    format!(
        "{date}{mark} {}{who}{whom}{place}  [{} source{}: {}]",
        e.kind,
        e.independent_sources,
        if e.independent_sources == 1 { "" } else { "s" },
        if e.outlets.is_empty() {
            "-".to_string()
        } else {
            e.outlets.join(", ")
        }
    )
}

fn entries_text(out: &mut dyn Write, entries: &[Entry], md: bool) -> Result<()> {
    if entries.is_empty() {
        writeln!(out, "  (no entries)")?;
    }
    for e in entries {
        if md {
            writeln!(
                out,
                "- **{}**  \n  {}",
                md_escape(&entry_line(e)),
                md_escape(&e.summary)
            )?;
        } else {
            writeln!(out, "  {}", entry_line(e))?;
            writeln!(out, "      {}", e.summary)?;
        }
    }
    Ok(())
}

fn md_escape(s: &str) -> String {
    s.replace('*', "\\*").replace('_', "\\_")
}

fn actors_text(out: &mut dyn Write, actors: &[Actor], md: bool) -> Result<()> {
    if actors.is_empty() {
        writeln!(out, "  (no actors)")?;
    }
    for a in actors {
        let titles: Vec<String> = a
            .titles
            .iter()
            .map(|t| match (&t.first, &t.last) {
                (Some(f), Some(l)) if f != l => format!("{} ({f} – {l})", t.title),
                (Some(f), _) => format!("{} ({f})", t.title),
                _ => t.title.clone(),
            })
            .collect();
        let variants: Vec<&String> = a.variants.iter().filter(|v| **v != a.name).collect();
        let line = format!(
            "{} {}  {}{}  {} mentions, {} quotes, {} documents{}{}",
            a.id,
            a.name,
            a.kind,
            a.affiliation
                .as_ref()
                .map(|x| format!(", {x}"))
                .unwrap_or_default(),
            a.mentions,
            a.quotes,
            a.documents.len(),
            if titles.is_empty() {
                String::new()
            } else {
                format!("; {}", titles.join(", "))
            },
            if variants.is_empty() {
                String::new()
            } else {
                format!(
                    "; also {}",
                    variants
                        .iter()
                        .map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        writeln!(out, "{}{line}", if md { "- " } else { "  " })?;
    }
    Ok(())
}

fn changes_text(out: &mut dyn Write, c: &Changes, md: bool) -> Result<()> {
    let bullet = if md { "- " } else { "  " };
    let nothing = c.new_entries.is_empty()
        && c.new_sources.is_empty()
        && c.new_actors.is_empty()
        && c.stance_changes.is_empty()
        && c.contradictions.is_empty();
    if nothing {
        writeln!(out, "{bullet}nothing new")?;
        return Ok(());
    }
    for s in &c.stance_changes {
        writeln!(
            out,
            "{bullet}stance change: {} on \"{}\": {} → {}",
            s.to.holder, s.to.issue, s.from.position, s.to.position
        )?;
        writeln!(
            out,
            "      before ({}): {}",
            s.from.published.as_deref().unwrap_or("undated"),
            s.from.evidence
        )?;
        writeln!(
            out,
            "      now ({}): {}",
            s.to.published.as_deref().unwrap_or("undated"),
            s.to.evidence
        )?;
    }
    for x in &c.contradictions {
        writeln!(
            out,
            "{bullet}contradiction on \"{}\": {} {}s, {} {}s",
            x.one.issue, x.one.holder, x.one.position, x.other.holder, x.other.position
        )?;
        writeln!(out, "      {}: {}", x.one.holder, x.one.evidence)?;
        writeln!(out, "      {}: {}", x.other.holder, x.other.evidence)?;
    }
    for e in &c.new_entries {
        writeln!(out, "{bullet}new: {}", entry_line(e))?;
    }
    for n in &c.new_sources {
        writeln!(
            out,
            "{bullet}{} new source(s): {}",
            n.new.len(),
            entry_line(&n.entry)
        )?;
    }
    for a in &c.new_actors {
        writeln!(out, "{bullet}new actor: {} ({})", a.name, a.kind)?;
    }
    Ok(())
}

fn timeline_csv(out: &mut dyn Write, entries: &[Entry]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "date",
        "dated_by",
        "type",
        "actors",
        "targets",
        "place",
        "independent_sources",
        "outlets",
        "summary",
        "documents",
    ])?;
    for e in entries {
        let docs: Vec<&str> = e.sources.iter().map(|s| s.doc.as_str()).collect();
        w.write_record([
            e.date.clone().unwrap_or_default(),
            e.dated_by.clone(),
            e.kind.clone(),
            e.actors.join("; "),
            e.targets.join("; "),
            e.place.clone().unwrap_or_default(),
            e.independent_sources.to_string(),
            e.outlets.join("; "),
            e.summary.clone(),
            docs.join("; "),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The timeline entries `args` asks for.
pub fn timeline_entries(loaded: &Loaded, args: &TimelineArgs) -> Vec<Entry> {
    let mut entries: Vec<Entry> = loaded
        .timeline
        .iter()
        .filter(|e| {
            let d = e.date.as_deref().unwrap_or("");
            args.since
                .as_deref()
                .is_none_or(|s| !d.is_empty() && d >= s)
                && args
                    .until
                    .as_deref()
                    .is_none_or(|u| !d.is_empty() && &d[..d.len().min(u.len())] <= u)
        })
        .cloned()
        .collect();
    if let Some(k) = args.dates {
        let keep = timeline::top_dates(&entries, k);
        entries.retain(|e| e.date.as_ref().is_some_and(|d| keep.contains(d)));
    }
    entries
}

/// `storyline timeline`.
pub fn timeline(args: &TimelineArgs) -> Result<()> {
    for (flag, day) in [("--since", &args.since), ("--until", &args.until)] {
        if let Some(day) = day {
            check_day(day, flag)?;
        }
    }
    let store = open(&args.db)?;
    let mut out = output();
    let Some(loaded) = load(store.as_ref(), args.story)? else {
        nothing(&mut out, args.format, store.as_ref(), TIMELINE_SCHEMA)?;
        return Ok(out.flush()?);
    };
    let entries = timeline_entries(&loaded, args);
    match args.format {
        StoryFormat::Json => json_out(
            &mut out,
            &json!({"schema": TIMELINE_SCHEMA, "story": loaded.story, "dates": args.dates, "entries": entries}),
        )?,
        StoryFormat::Jsonl => jsonl(&mut out, &entries)?,
        StoryFormat::Csv => timeline_csv(&mut out, &entries)?,
        StoryFormat::Pretty => entries_text(&mut out, &entries, false)?,
        StoryFormat::Md => {
            writeln!(out, "# Timeline\n")?;
            entries_text(&mut out, &entries, true)?;
        }
    }
    Ok(out.flush()?)
}

/// `storyline actors`.
pub fn actors(args: &ActorsArgs) -> Result<()> {
    let store = open(&args.db)?;
    let mut out = output();
    let Some(loaded) = load(store.as_ref(), args.story)? else {
        nothing(&mut out, args.format, store.as_ref(), "storyline.actors/1")?;
        return Ok(out.flush()?);
    };
    let list = &loaded.actors.list[..loaded.actors.list.len().min(args.limit)];
    match args.format {
        StoryFormat::Json => json_out(
            &mut out,
            &json!({"schema": "storyline.actors/1", "story": loaded.story, "actors": list}),
        )?,
        StoryFormat::Jsonl => jsonl(&mut out, list)?,
        StoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "id",
                "name",
                "type",
                "affiliation",
                "titles",
                "variants",
                "mentions",
                "quotes",
                "documents",
            ])?;
            for a in list {
                w.write_record([
                    a.id.clone(),
                    a.name.clone(),
                    a.kind.clone(),
                    a.affiliation.clone().unwrap_or_default(),
                    a.titles
                        .iter()
                        .map(|t| t.title.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                    a.variants.join("; "),
                    a.mentions.to_string(),
                    a.quotes.to_string(),
                    a.documents.len().to_string(),
                ])?;
            }
            w.flush()?;
        }
        StoryFormat::Pretty => actors_text(&mut out, list, false)?,
        StoryFormat::Md => {
            writeln!(out, "# Actors\n")?;
            actors_text(&mut out, list, true)?;
        }
    }
    Ok(out.flush()?)
}

/// The moment `--since` names: an ingest run's start, a moment, or a day.
fn moment(store: &dyn Store, since: &str) -> Result<String> {
    if let Ok(run) = since.parse::<u64>() {
        let runs = store.ingests()?;
        return match runs.iter().find(|r| r.id == run) {
            Some(r) => Ok(r.started_at.clone()),
            None => bail!(
                "--since {since}: no ingest run {since} in {} (it has {}; 'storyline changes --list-ingests' lists them)",
                store.location(),
                runs.len()
            ),
        };
    }
    if since.parse::<jiff::civil::Date>().is_ok() {
        return Ok(since.to_string());
    }
    match since.parse::<jiff::Timestamp>() {
        Ok(t) => Ok(t.to_string()),
        Err(_) => bail!(
            "--since {since:?}: not a day (2026-03-10), a moment (2026-03-10T14:00:00Z) or an ingest run's number"
        ),
    }
}

/// `storyline changes`.
pub fn changes(args: &ChangesArgs) -> Result<()> {
    let store = open(&args.db)?;
    let mut out = output();
    if args.list_ingests {
        for run in store.ingests()? {
            writeln!(out, "{:>4}  {}", run.id, run.started_at)?;
        }
        return Ok(out.flush()?);
    }
    let since = moment(store.as_ref(), args.since.as_deref().unwrap_or_default())?;
    let Some(loaded) = load(store.as_ref(), args.story)? else {
        nothing(&mut out, args.format, store.as_ref(), "storyline.changes/1")?;
        return Ok(out.flush()?);
    };
    let c = changes::since(&since, &loaded.docs, &loaded.actors, &loaded.timeline);
    match args.format {
        StoryFormat::Json => json_out(
            &mut out,
            &json!({"schema": "storyline.changes/1", "story": loaded.story, "changes": c}),
        )?,
        StoryFormat::Jsonl => {
            let mut lines: Vec<serde_json::Value> = Vec::new();
            lines.extend(
                c.stance_changes
                    .iter()
                    .map(|x| json!({"change": "stance", "from": x.from, "to": x.to})),
            );
            lines.extend(
                c.contradictions
                    .iter()
                    .map(|x| json!({"change": "contradiction", "one": x.one, "other": x.other})),
            );
            lines.extend(
                c.new_entries
                    .iter()
                    .map(|x| json!({"change": "new_entry", "entry": x})),
            );
            lines.extend(
                c.new_sources
                    .iter()
                    .map(|x| json!({"change": "new_sources", "entry": x.entry, "new": x.new})),
            );
            lines.extend(
                c.new_actors
                    .iter()
                    .map(|x| json!({"change": "new_actor", "actor": x})),
            );
            jsonl(&mut out, &lines)?;
        }
        StoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["change", "date", "who", "what", "evidence"])?;
            for x in &c.stance_changes {
                w.write_record([
                    "stance",
                    x.to.published.as_deref().unwrap_or(""),
                    &x.to.holder,
                    &format!("{} → {} on {}", x.from.position, x.to.position, x.to.issue),
                    &x.to.evidence,
                ])?;
            }
            for x in &c.contradictions {
                w.write_record([
                    "contradiction",
                    x.other.published.as_deref().unwrap_or(""),
                    &format!("{}; {}", x.one.holder, x.other.holder),
                    &format!(
                        "{} vs {} on {}",
                        x.one.position, x.other.position, x.one.issue
                    ),
                    &format!("{} | {}", x.one.evidence, x.other.evidence),
                ])?;
            }
            for e in &c.new_entries {
                w.write_record([
                    "new_entry",
                    e.date.as_deref().unwrap_or(""),
                    &e.actors.join("; "),
                    &e.kind,
                    &e.summary,
                ])?;
            }
            for n in &c.new_sources {
                w.write_record([
                    "new_sources",
                    n.entry.date.as_deref().unwrap_or(""),
                    &n.entry.actors.join("; "),
                    &n.entry.kind,
                    &n.entry.summary,
                ])?;
            }
            for a in &c.new_actors {
                w.write_record([
                    "new_actor",
                    a.first_seen.as_deref().unwrap_or(""),
                    &a.name,
                    &a.kind,
                    "",
                ])?;
            }
            w.flush()?;
        }
        StoryFormat::Pretty | StoryFormat::Md => {
            let md = args.format == StoryFormat::Md;
            heading(&mut out, md, &format!("Changes since {since}"))?;
            changes_text(&mut out, &c, md)?;
        }
    }
    Ok(out.flush()?)
}
