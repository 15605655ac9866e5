//! Full-text search with FTS5: bm25 ranking, then snippets for the hits kept.
//!
//! Ranking and snippets are two steps because SQLite would compute a
//! snippet for every matching row before sorting; the second step asks the
//! index again for the few rows kept (a rowid lookup).

use rusqlite::{Connection, Row, params};

use crate::search::{EventHit, Hit, QuoteHit, Scope, SearchQuery, fts_query};

/// Matches in snippets are marked like this: plain text, rare in news.
const OPEN: &str = "«";
const CLOSE: &str = "»";

/// The (document, entity) pairs the actor filter names: by the whole
/// name, any mention's text, or one word of the name ("Putin").
const ACTOR_ENTITIES: &str = "SELECT doc, eid FROM entities WHERE name = ?2 COLLATE NOCASE
     UNION SELECT doc, eid FROM mentions WHERE text = ?2 COLLATE NOCASE
     UNION SELECT doc, eid FROM entity_words WHERE word = ?2 COLLATE NOCASE";

pub fn search(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let query = &SearchQuery {
        text: fts_query(&query.text),
        ..query.clone()
    };
    match query.scope {
        Scope::Documents => documents(conn, query),
        Scope::Quotes => quotes(conn, query),
        Scope::Events => events(conn, query),
    }
}

/// The columns every hit shares, from `d` (documents), `v` (the current
/// version) and `c` (the original a copy links to).
const HIT_COLUMNS: &str = "d.id, v.version, v.title, v.url, v.published, v.site, c.id AS copy_of";

fn hit(row: &Row<'_>, score: f64) -> rusqlite::Result<Hit> {
    Ok(Hit {
        doc: row.get(0)?,
        version: row.get(1)?,
        title: row.get(2)?,
        url: row.get(3)?,
        published: row.get(4)?,
        site: row.get(5)?,
        copy_of: row.get(6)?,
        score,
        snippet: String::new(),
        quote: None,
        event: None,
    })
}

fn documents(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {HIT_COLUMNS}, bm25(versions_fts, 3.0, 1.0) AS score, versions_fts.rowid
         FROM versions_fts
         JOIN versions v ON v.rowid = versions_fts.rowid
         JOIN documents d ON d.n = v.doc AND d.current = v.version
         LEFT JOIN documents c ON c.n = d.copy_of
         WHERE versions_fts MATCH ?1
           AND (?2 IS NULL OR d.n IN (SELECT doc FROM ({ACTOR_ENTITIES})))
           AND (?3 IS NULL OR substr(v.published, 1, 10) >= ?3)
           AND (?4 IS NULL OR substr(v.published, 1, 10) <= ?4)
         ORDER BY score LIMIT ?5"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(filters(query), |row| {
        Ok((hit(row, row.get(7)?)?, row.get::<_, i64>(8)?))
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    with_snippets(
        conn,
        &format!("snippet(versions_fts, -1, '{OPEN}', '{CLOSE}', '…', 24) FROM versions_fts"),
        "versions_fts",
        query,
        rows,
    )
}

fn quotes(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {HIT_COLUMNS}, bm25(quotes_fts, 1.0, 0.5) AS score, q.rowid,
                q.qid, q.speaker_name, q.kind, q.start, q.end
         FROM quotes_fts
         JOIN quotes q ON q.rowid = quotes_fts.rowid
         JOIN documents d ON d.n = q.doc
         JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents c ON c.n = d.copy_of
         WHERE quotes_fts MATCH ?1
           AND (?2 IS NULL OR q.speaker_name = ?2 COLLATE NOCASE
                OR (q.doc, q.speaker) IN ({ACTOR_ENTITIES}))
           AND (?3 IS NULL OR substr(v.published, 1, 10) >= ?3)
           AND (?4 IS NULL OR substr(v.published, 1, 10) <= ?4)
         ORDER BY score LIMIT ?5"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(filters(query), |row| {
        let mut hit = hit(row, row.get(7)?)?;
        hit.quote = Some(QuoteHit {
            id: row.get(9)?,
            speaker: row.get(10)?,
            kind: row.get(11)?,
            start: row.get(12)?,
            end: row.get(13)?,
        });
        Ok((hit, row.get::<_, i64>(8)?))
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    with_snippets(
        conn,
        &format!("highlight(quotes_fts, 0, '{OPEN}', '{CLOSE}') FROM quotes_fts"),
        "quotes_fts",
        query,
        rows,
    )
}

fn events(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {HIT_COLUMNS}, bm25(events_fts, 1.0, 2.0, 2.0) AS score, e.rowid,
                e.vid, e.type, e.trigger, e.time, e.modality, e.start, e.end
         FROM events_fts
         JOIN events e ON e.rowid = events_fts.rowid
         JOIN documents d ON d.n = e.doc
         JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents c ON c.n = d.copy_of
         WHERE events_fts MATCH ?1
           AND (?2 IS NULL OR EXISTS (
                SELECT 1 FROM event_roles r
                WHERE r.doc = e.doc AND r.vid = e.vid AND (r.doc, r.eid) IN ({ACTOR_ENTITIES})))
           AND (?3 IS NULL OR substr(coalesce(e.time, v.published), 1, 10) >= ?3)
           AND (?4 IS NULL OR substr(coalesce(e.time, v.published), 1, 10) <= ?4)
         ORDER BY score LIMIT ?5"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(filters(query), |row| {
        let mut hit = hit(row, row.get(7)?)?;
        hit.event = Some(EventHit {
            id: row.get(9)?,
            kind: row.get(10)?,
            trigger: row.get(11)?,
            time: row.get(12)?,
            modality: row.get(13)?,
            start: row.get(14)?,
            end: row.get(15)?,
        });
        Ok((hit, row.get::<_, i64>(8)?))
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    with_snippets(
        conn,
        &format!("snippet(events_fts, 0, '{OPEN}', '{CLOSE}', '…', 32) FROM events_fts"),
        "events_fts",
        query,
        rows,
    )
}

/// Fills in each kept hit's snippet: `select` is the snippet expression
/// and its table, asked again for the hit's row of the index.
fn with_snippets(
    conn: &Connection,
    select: &str,
    table: &str,
    query: &SearchQuery,
    rows: Vec<(Hit, i64)>,
) -> rusqlite::Result<Vec<Hit>> {
    let mut snippet = conn.prepare_cached(&format!(
        "SELECT {select} WHERE {table} MATCH ?1 AND rowid = ?2"
    ))?;
    rows.into_iter()
        .map(|(mut hit, rowid)| {
            hit.snippet = snippet.query_row(params![query.text, rowid], |r| r.get(0))?;
            Ok(hit)
        })
        .collect()
}

/// The five parameters every search takes: query, actor, since, until, limit.
fn filters(query: &SearchQuery) -> (&str, Option<&str>, Option<&str>, Option<&str>, i64) {
    (
        query.text.as_str(),
        query.actor.as_deref(),
        query.since.as_deref(),
        query.until.as_deref(),
        i64::try_from(query.limit).unwrap_or(i64::MAX),
    )
}
