//! Reading documents, versions and records back.

use rusqlite::{Connection, OptionalExtension, params};
use storyline_extract::Record;

use crate::canonical::canonical_url;
use crate::identity::{Identity, looks_like_id};
use crate::{Counts, DocumentInfo, Revision, StoreError};

pub fn knows(conn: &Connection, identity: &Identity) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM documents d JOIN versions v ON v.doc = d.n
                        WHERE d.id = ?1 AND v.content_hash = ?2)",
    )?
    .query_row(params![identity.id, identity.content_hash], |r| r.get(0))
}

/// Resolves a reference; the inner error is an ambiguous id prefix.
pub fn find(
    conn: &Connection,
    reference: &str,
) -> rusqlite::Result<Result<Option<String>, StoreError>> {
    let reference = reference.trim();
    if reference.contains("://") {
        let Some(url) = canonical_url(reference) else {
            return Ok(Ok(None));
        };
        let id = conn
            .query_row(
                "SELECT id FROM documents WHERE canonical_url = ?1",
                [url],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(Ok(id));
    }
    if looks_like_id(reference) {
        let prefix = reference.to_ascii_lowercase();
        let mut stmt =
            conn.prepare("SELECT id FROM documents WHERE substr(id, 1, ?2) = ?1 LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map(params![prefix, prefix.len() as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.len() {
            1 => return Ok(Ok(ids.into_iter().next())),
            2.. => {
                return Ok(Err(StoreError::Invalid(format!(
                    "{reference} is the start of several document ids: give more of it"
                ))));
            }
            0 => {}
        }
    }
    let by_source = conn
        .query_row(
            "SELECT d.id FROM versions v JOIN documents d ON d.n = v.doc
             WHERE v.source = ?1 ORDER BY v.rowid DESC LIMIT 1",
            [reference],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Ok(by_source))
}

pub fn document(conn: &Connection, id: &str) -> rusqlite::Result<Option<DocumentInfo>> {
    conn.query_row(
        "SELECT d.id, d.canonical_url, d.current, o.id, d.similarity, d.first_seen
         FROM documents d LEFT JOIN documents o ON o.n = d.copy_of WHERE d.id = ?1",
        [id],
        |r| {
            Ok(DocumentInfo {
                id: r.get(0)?,
                canonical_url: r.get(1)?,
                current: r.get(2)?,
                copy_of: r.get(3)?,
                similarity: r.get(4)?,
                first_seen: r.get(5)?,
            })
        },
    )
    .optional()
}

pub fn revisions(conn: &Connection, id: &str) -> rusqlite::Result<Vec<Revision>> {
    let mut stmt = conn.prepare(
        "SELECT v.version, v.version = d.current, v.content_hash, v.source, v.url, v.title,
                v.published, v.site, v.words, v.ingested_at
         FROM documents d JOIN versions v ON v.doc = d.n WHERE d.id = ?1 ORDER BY v.version",
    )?;
    stmt.query_map([id], |r| {
        Ok(Revision {
            version: r.get(0)?,
            current: r.get(1)?,
            content_hash: r.get(2)?,
            source: r.get(3)?,
            url: r.get(4)?,
            title: r.get(5)?,
            published: r.get(6)?,
            site: r.get(7)?,
            words: r.get(8)?,
            ingested_at: r.get(9)?,
        })
    })?
    .collect()
}

/// The record of a version; the inner error is a stored record that does
/// not parse.
pub fn record(
    conn: &Connection,
    id: &str,
    version: u32,
) -> rusqlite::Result<Option<Result<Record, serde_json::Error>>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT v.record, v.text FROM documents d JOIN versions v ON v.doc = d.n
             WHERE d.id = ?1 AND v.version = ?2",
            params![id, version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(json, text)| {
        serde_json::from_str::<Record>(&json).map(|mut record| {
            record.text = text;
            record
        })
    }))
}

pub fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM versions),
                (SELECT count(*) FROM documents WHERE copy_of IS NOT NULL)",
        [],
        |r| {
            Ok(Counts {
                documents: r.get(0)?,
                versions: r.get(1)?,
                copies: r.get(2)?,
            })
        },
    )
}
