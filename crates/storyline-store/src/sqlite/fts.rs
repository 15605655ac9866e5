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
/// name, one word of it ("Putin") or any mention's text.
const ACTOR_ENTITIES: &str = "SELECT doc, eid FROM entity_names WHERE name = ?2";

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

/// The filters of a query as conditions on an index's rowids: `actor` and
/// `dates` are subqueries giving the rowids that pass (each given only
/// when the filter is set, so the planner sees only what is asked). The
/// unary `+` keeps the planner from driving the index by the filter's rowids,
/// which would run the full-text match once per row.
fn filter_clause(query: &SearchQuery, actor: &str, since: &str, until: &str) -> String {
    let mut clause = String::new();
    if query.actor.is_some() {
        clause.push_str(&format!(" AND +rowid IN ({actor})"));
    }
    if query.since.is_some() {
        clause.push_str(&format!(" AND +rowid IN ({since})"));
    }
    if query.until.is_some() {
        clause.push_str(&format!(" AND +rowid IN ({until})"));
    }
    clause
}

fn documents(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let filters = filter_clause(
        query,
        &format!("SELECT doc FROM ({ACTOR_ENTITIES})"),
        "SELECT n FROM documents WHERE published >= ?3",
        "SELECT n FROM documents WHERE published <= ?4",
    );
    // Ranked on the index alone, then joined for the hits kept.
    let sql = format!(
        "WITH ranked AS (
             SELECT rowid AS n, bm25(documents_fts, 3.0, 1.0) AS score FROM documents_fts
             WHERE documents_fts MATCH ?1{filters} ORDER BY score LIMIT ?5)
         SELECT {HIT_COLUMNS}, ranked.score, ranked.n
         FROM ranked
         JOIN documents d ON d.n = ranked.n
         JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents c ON c.n = d.copy_of
         ORDER BY ranked.score"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_of(query), |row| {
            Ok((hit(row, row.get(7)?)?, row.get::<_, i64>(8)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_snippets(
        conn,
        &format!("snippet(documents_fts, -1, '{OPEN}', '{CLOSE}', '…', 24) FROM documents_fts"),
        "documents_fts",
        query,
        rows,
    )
}

fn quotes(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let filters = filter_clause(
        query,
        &format!(
            "SELECT rowid FROM quotes WHERE speaker_name = ?2 COLLATE NOCASE
             UNION SELECT q.rowid FROM ({ACTOR_ENTITIES}) a
                   JOIN quotes q ON q.doc = a.doc AND q.speaker = a.eid"
        ),
        "SELECT q.rowid FROM documents d JOIN quotes q ON q.doc = d.n WHERE d.published >= ?3",
        "SELECT q.rowid FROM documents d JOIN quotes q ON q.doc = d.n WHERE d.published <= ?4",
    );
    let sql = format!(
        "WITH ranked AS (
             SELECT rowid AS r, bm25(quotes_fts, 1.0, 0.5) AS score FROM quotes_fts
             WHERE quotes_fts MATCH ?1{filters} ORDER BY score LIMIT ?5)
         SELECT {HIT_COLUMNS}, ranked.score, ranked.r,
                q.qid, q.speaker_name, q.kind, q.start, q.end
         FROM ranked
         JOIN quotes q ON q.rowid = ranked.r
         JOIN documents d ON d.n = q.doc
         JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents c ON c.n = d.copy_of
         ORDER BY ranked.score"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_of(query), |row| {
            let mut hit = hit(row, row.get(7)?)?;
            hit.quote = Some(QuoteHit {
                id: row.get(9)?,
                speaker: row.get(10)?,
                kind: row.get(11)?,
                start: row.get(12)?,
                end: row.get(13)?,
            });
            Ok((hit, row.get::<_, i64>(8)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_snippets(
        conn,
        &format!("highlight(quotes_fts, 0, '{OPEN}', '{CLOSE}') FROM quotes_fts"),
        "quotes_fts",
        query,
        rows,
    )
}

fn events(conn: &Connection, query: &SearchQuery) -> rusqlite::Result<Vec<Hit>> {
    let when = "substr(coalesce(e.time, d.published), 1, 10)";
    let filters = filter_clause(
        query,
        &format!(
            "SELECT e.rowid FROM ({ACTOR_ENTITIES}) a
             JOIN event_roles r ON r.doc = a.doc AND r.eid = a.eid
             JOIN events e ON e.doc = r.doc AND e.vid = r.vid"
        ),
        &format!("SELECT e.rowid FROM documents d JOIN events e ON e.doc = d.n WHERE {when} >= ?3"),
        &format!("SELECT e.rowid FROM documents d JOIN events e ON e.doc = d.n WHERE {when} <= ?4"),
    );
    let sql = format!(
        "WITH ranked AS (
             SELECT rowid AS r, bm25(events_fts, 1.0, 2.0, 2.0) AS score FROM events_fts
             WHERE events_fts MATCH ?1{filters} ORDER BY score LIMIT ?5)
         SELECT {HIT_COLUMNS}, ranked.score, ranked.r,
                e.vid, e.type, e.trigger, e.time, e.modality, e.start, e.end
         FROM ranked
         JOIN events e ON e.rowid = ranked.r
         JOIN documents d ON d.n = e.doc
         JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents c ON c.n = d.copy_of
         ORDER BY ranked.score"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_of(query), |row| {
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
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
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
fn params_of(query: &SearchQuery) -> (&str, Option<&str>, Option<&str>, Option<&str>, i64) {
    (
        query.text.as_str(),
        query.actor.as_deref(),
        query.since.as_deref(),
        query.until.as_deref(),
        i64::try_from(query.limit).unwrap_or(i64::MAX),
    )
}
