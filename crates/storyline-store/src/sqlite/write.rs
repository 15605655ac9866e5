//! Storing a batch: identity, revision or copy, then the version and its reading.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use storyline_extract::Record;

use crate::identity::Identity;
use crate::near::Signature;
use crate::{Incoming, Outcome};

/// At most this many documents are read from one LSH bucket: a bucket
/// shared by thousands (boilerplate every page of a site carries) says
/// nothing, and reading it all would make ingest quadratic.
const MAX_BUCKET_READ: i64 = 200;

/// Stores the batch in one immediate transaction (the write lock is taken
/// at once, so the decisions below cannot race another writer).
pub fn put(conn: &mut Connection, batch: &[Incoming<'_>]) -> rusqlite::Result<Vec<Outcome>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .to_string();
    let mut outcomes = Vec::with_capacity(batch.len());
    for item in batch {
        outcomes.push(put_one(&tx, item, &now)?);
    }
    tx.commit()?;
    Ok(outcomes)
}

fn put_one(tx: &Transaction<'_>, item: &Incoming<'_>, now: &str) -> rusqlite::Result<Outcome> {
    let doc = item.document;
    let identity = Identity::of(doc);
    let signature = Signature::of(doc);
    let existing: Option<(i64, u32, Vec<u8>, usize)> = tx
        .query_row(
            "SELECT n, current, signature, shingles FROM documents WHERE id = ?1",
            [&identity.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((n, current, old_signature, old_shingles)) = existing {
        if has_content(tx, n, &identity.content_hash)? {
            return Ok(Outcome::Unchanged);
        }
        let version = current + 1;
        unindex_text(tx, n, current)?;
        insert_version(tx, n, version, &identity, item, now)?;
        if let Some(old) = Signature::from_bytes(&old_signature, old_shingles) {
            remove_bands(tx, n, &old)?;
        }
        add_bands(tx, n, &signature)?;
        tx.execute(
            "UPDATE documents SET current = ?2, signature = ?3, shingles = ?4, published = ?5
             WHERE n = ?1",
            params![
                n,
                version,
                signature.to_bytes(),
                signature.shingles,
                day(doc)
            ],
        )?;
        index_text(tx, n, doc)?;
        clear_reading(tx, n)?;
        insert_reading(tx, n, item.record)?;
        return Ok(Outcome::Revised { version });
    }
    let original = original_of(tx, &identity, &signature)?;
    tx.execute(
        "INSERT INTO documents (id, canonical_url, current, copy_of, similarity, first_seen, signature, shingles, published)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            identity.id,
            identity.canonical_url,
            original.as_ref().map(|o| o.n),
            original.as_ref().map(|o| o.similarity),
            now,
            signature.to_bytes(),
            signature.shingles,
            day(doc)
        ],
    )?;
    let n = tx.last_insert_rowid();
    insert_version(tx, n, 1, &identity, item, now)?;
    index_text(tx, n, doc)?;
    add_bands(tx, n, &signature)?;
    insert_reading(tx, n, item.record)?;
    Ok(match original {
        Some(o) => Outcome::Duplicate {
            of: o.id,
            similarity: o.similarity,
        },
        None => Outcome::Added,
    })
}

/// The publication day, for date filters.
fn day(doc: &storyline_ingest::Document) -> Option<&str> {
    doc.published.as_deref().and_then(|p| p.get(..10))
}

/// Adds the document's current title and text to the full-text index.
fn index_text(
    tx: &Transaction<'_>,
    n: i64,
    doc: &storyline_ingest::Document,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![n, doc.title, doc.text])?;
    Ok(())
}

/// Removes a version's title and text from the full-text index (an
/// external-content index is told the old values to remove them).
fn unindex_text(tx: &Transaction<'_>, n: i64, version: u32) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO documents_fts (documents_fts, rowid, title, text)
         SELECT 'delete', ?1, title, text FROM versions WHERE doc = ?1 AND version = ?2",
    )?
    .execute(params![n, version])?;
    Ok(())
}

fn has_content(tx: &Transaction<'_>, n: i64, hash: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE doc = ?1 AND content_hash = ?2)",
        params![n, hash],
        |r| r.get(0),
    )
}

/// The first-seen original a new document copies, if any.
struct Original {
    n: i64,
    id: String,
    similarity: f64,
}

/// Identical content under another identity first, then the most similar
/// LSH candidate at or above the threshold. A copy of a copy links to the
/// original itself, so every reprint points at the first report.
fn original_of(
    tx: &Transaction<'_>,
    identity: &Identity,
    signature: &Signature,
) -> rusqlite::Result<Option<Original>> {
    let exact: Option<i64> = tx
        .query_row(
            "SELECT doc FROM versions WHERE content_hash = ?1 ORDER BY rowid LIMIT 1",
            [&identity.content_hash],
            |r| r.get(0),
        )
        .optional()?;
    let best = match exact {
        Some(n) => Some((n, 1.0)),
        None if signature.comparable() => most_similar(tx, signature)?,
        None => None,
    };
    let Some((n, similarity)) = best else {
        return Ok(None);
    };
    let (root, id): (i64, String) = tx.query_row(
        "SELECT coalesce(o.n, d.n), coalesce(o.id, d.id)
         FROM documents d LEFT JOIN documents o ON o.n = d.copy_of WHERE d.n = ?1",
        [n],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Some(Original {
        n: root,
        id,
        similarity,
    }))
}

fn most_similar(
    tx: &Transaction<'_>,
    signature: &Signature,
) -> rusqlite::Result<Option<(i64, f64)>> {
    let mut bucket = tx.prepare_cached(
        "SELECT doc FROM lsh WHERE band = ?1 AND bucket = ?2 ORDER BY doc LIMIT ?3",
    )?;
    let mut hits: HashMap<i64, ()> = HashMap::new();
    for (band, key) in signature.bands().into_iter().enumerate() {
        let docs = bucket.query_map(params![band as i64, key, MAX_BUCKET_READ], |r| r.get(0))?;
        for doc in docs {
            hits.insert(doc?, ());
        }
    }
    let mut load = tx.prepare_cached("SELECT signature, shingles FROM documents WHERE n = ?1")?;
    let mut best: Option<(i64, f64)> = None;
    let mut candidates: Vec<i64> = hits.into_keys().collect();
    // Oldest first, so that ties go to the first-seen document.
    candidates.sort_unstable();
    for n in candidates {
        let (bytes, shingles): (Vec<u8>, usize) =
            load.query_row([n], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(other) = Signature::from_bytes(&bytes, shingles) else {
            continue;
        };
        if let Some(similarity) = signature.copy_similarity(&other)
            && best.is_none_or(|(_, s)| similarity > s)
        {
            best = Some((n, similarity));
        }
    }
    Ok(best)
}

fn add_bands(tx: &Transaction<'_>, n: i64, signature: &Signature) -> rusqlite::Result<()> {
    if !signature.comparable() {
        return Ok(());
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO lsh (band, bucket, doc) VALUES (?1, ?2, ?3)")?;
    for (band, key) in signature.bands().into_iter().enumerate() {
        insert.execute(params![band as i64, key, n])?;
    }
    Ok(())
}

fn remove_bands(tx: &Transaction<'_>, n: i64, signature: &Signature) -> rusqlite::Result<()> {
    let mut delete =
        tx.prepare_cached("DELETE FROM lsh WHERE band = ?1 AND bucket = ?2 AND doc = ?3")?;
    for (band, key) in signature.bands().into_iter().enumerate() {
        delete.execute(params![band as i64, key, n])?;
    }
    Ok(())
}

fn insert_version(
    tx: &Transaction<'_>,
    n: i64,
    version: u32,
    identity: &Identity,
    item: &Incoming<'_>,
    now: &str,
) -> rusqlite::Result<()> {
    let doc = item.document;
    let mut stored = item.record.clone();
    // The text is stored once, in its own column.
    stored.text = String::new();
    stored.tokens = None;
    let record = serde_json::to_string(&stored)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.prepare_cached(
        "INSERT INTO versions (doc, version, content_hash, source, url, title, published, site, author, text, words, record, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        n,
        version,
        identity.content_hash,
        doc.id,
        doc.url,
        doc.title,
        doc.published,
        doc.site,
        doc.author,
        doc.text,
        doc.text.split_whitespace().count() as i64,
        record,
        now
    ])?;
    Ok(())
}

/// Removes the reading of the document's previous current version.
fn clear_reading(tx: &Transaction<'_>, n: i64) -> rusqlite::Result<()> {
    for table in [
        "entities",
        "entity_names",
        "mentions",
        "quotes",
        "times",
        "events",
        "event_roles",
        "stances",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?
            .execute([n])?;
    }
    Ok(())
}

/// Writes the reading into the tables that queries use.
fn insert_reading(tx: &Transaction<'_>, n: i64, record: &Record) -> rusqlite::Result<()> {
    insert_entities(tx, n, record)?;
    insert_quotes(tx, n, record)?;
    let mut time = tx.prepare_cached(
        "INSERT INTO times (doc, start, end, text, type, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in &record.times {
        time.execute(params![n, t.start, t.end, t.text, t.kind, t.value])?;
    }
    insert_events(tx, n, record)?;
    let mut stance = tx.prepare_cached(
        "INSERT INTO stances (doc, holder, issue, position, start, end, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for s in &record.stances {
        stance.execute(params![
            n,
            s.holder,
            s.issue,
            s.position,
            s.evidence.start,
            s.evidence.end,
            s.evidence.text
        ])?;
    }
    Ok(())
}

fn insert_entities(tx: &Transaction<'_>, n: i64, record: &Record) -> rusqlite::Result<()> {
    let mut entity = tx.prepare_cached(
        "INSERT OR REPLACE INTO entities (doc, eid, name, type, titles, affiliation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut mention = tx.prepare_cached(
        "INSERT INTO mentions (doc, eid, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut name = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_names (name, doc, eid) VALUES (?1, ?2, ?3)",
    )?;
    for e in &record.entities {
        let titles = serde_json::to_string(&e.titles).unwrap_or_else(|_| "[]".into());
        entity.execute(params![n, e.id, e.name, e.kind, titles, e.affiliation])?;
        // Every name the entity goes by: whole, word by word, as mentioned.
        let words = e.name.split_whitespace();
        let mentioned = e.mentions.iter().map(|m| m.text.as_str());
        for alias in std::iter::once(e.name.as_str())
            .chain(words)
            .chain(mentioned)
        {
            name.execute(params![alias, n, e.id])?;
        }
        for m in &e.mentions {
            mention.execute(params![n, e.id, m.start, m.end, m.text])?;
        }
    }
    Ok(())
}

fn insert_quotes(tx: &Transaction<'_>, n: i64, record: &Record) -> rusqlite::Result<()> {
    let names: HashMap<&str, &str> = record
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let mut quote = tx.prepare_cached(
        "INSERT INTO quotes (doc, qid, speaker, speaker_name, cue, content, start, end, kind, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for q in &record.quotes {
        let speaker_name = q
            .speaker
            .as_deref()
            .and_then(|id| names.get(id).copied())
            .or(q.source.as_ref().map(|s| s.text.as_str()));
        quote.execute(params![
            n,
            q.id,
            q.speaker,
            speaker_name,
            q.cue.as_ref().map(|c| c.text.as_str()),
            q.content.text,
            q.content.start,
            q.content.end,
            q.kind,
            q.sentence
        ])?;
    }
    Ok(())
}

fn insert_events(tx: &Transaction<'_>, n: i64, record: &Record) -> rusqlite::Result<()> {
    let sentences = sentence_texts(record);
    let mut event = tx.prepare_cached(
        "INSERT INTO events (doc, vid, type, cameo, trigger, start, end, place, time, modality, sentence, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut role =
        tx.prepare_cached("INSERT INTO event_roles (doc, vid, role, eid) VALUES (?1, ?2, ?3, ?4)")?;
    for e in &record.events {
        let evidence = sentences
            .get(e.sentence)
            .copied()
            .unwrap_or(&e.trigger.text);
        event.execute(params![
            n,
            e.id,
            e.kind,
            e.cameo,
            e.trigger.text,
            e.trigger.start,
            e.trigger.end,
            e.place,
            e.time,
            e.modality,
            e.sentence,
            evidence
        ])?;
        let roles = e
            .actors
            .iter()
            .map(|a| ("actor", a))
            .chain(e.targets.iter().map(|t| ("target", t)))
            .chain(e.place.iter().map(|p| ("place", p)));
        for (kind, eid) in roles {
            role.execute(params![n, e.id, kind, eid])?;
        }
    }
    Ok(())
}

/// The text of each sentence, from code point spans, in one pass over the text.
fn sentence_texts(record: &Record) -> Vec<&str> {
    let text = record.text.as_str();
    // Byte offsets of characters 1, 2, …, then the end.
    let mut bytes = text
        .char_indices()
        .map(|(b, _)| b)
        .skip(1)
        .chain([text.len()]);
    let mut at_char = 0usize;
    let mut at_byte = 0usize;
    let mut byte_of = |char_offset: usize| -> usize {
        while at_char < char_offset {
            match bytes.next() {
                Some(b) => at_byte = b,
                None => return text.len(),
            }
            at_char += 1;
        }
        at_byte
    };
    // Spans are in order and do not overlap; an out-of-order one reads as empty.
    let mut out = Vec::with_capacity(record.sentences.len());
    let mut last_end = 0;
    for s in &record.sentences {
        if s.start < last_end || s.end < s.start {
            out.push("");
            continue;
        }
        let start = byte_of(s.start);
        let end = byte_of(s.end);
        out.push(&text[start..end]);
        last_end = s.end;
    }
    out
}
