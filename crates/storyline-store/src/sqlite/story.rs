//! The story tables of the SQLite backend.

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use crate::stories::{IngestRun, Membership, Merge, StoryDocument, StoryLedger};

/// Every document's current version, in publication order (undated ones
/// after the dated, each group in storage order).
pub fn documents(conn: &Connection) -> rusqlite::Result<Vec<StoryDocument>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, v.title, d.published, v.site, o.id, d.first_seen, v.ingested_at, d.current
         FROM documents d JOIN versions v ON v.doc = d.n AND v.version = d.current
         LEFT JOIN documents o ON o.n = d.copy_of
         ORDER BY d.published IS NULL, d.published, d.n",
    )?;
    stmt.query_map([], |r| {
        Ok(StoryDocument {
            id: r.get(0)?,
            title: r.get(1)?,
            published: r.get(2)?,
            site: r.get(3)?,
            copy_of: r.get(4)?,
            first_seen: r.get(5)?,
            ingested_at: r.get(6)?,
            version: r.get(7)?,
        })
    })?
    .collect()
}

/// The memberships and merges, in the order they were written.
pub fn ledger(conn: &Connection) -> rusqlite::Result<StoryLedger> {
    let mut stmt = conn.prepare(
        "SELECT d.id, m.story, m.score, m.features FROM story_members m
         JOIN documents d ON d.n = m.doc ORDER BY m.seq",
    )?;
    let members = stmt
        .query_map([], |r| {
            Ok(Membership {
                doc: r.get(0)?,
                story: r.get::<_, i64>(1)? as u64,
                score: r.get(2)?,
                features: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare("SELECT story, into_story, seq FROM story_merges ORDER BY seq, story")?;
    let merges = stmt
        .query_map([], |r| {
            Ok((
                Merge {
                    story: r.get::<_, i64>(0)? as u64,
                    into: r.get::<_, i64>(1)? as u64,
                },
                r.get::<_, i64>(2)? as u64,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(StoryLedger { members, merges })
}

/// Appends memberships (replacing a document's earlier one) and merges in
/// one transaction.
pub fn append(
    conn: &mut Connection,
    members: &[Membership],
    merges: &[Merge],
) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    write(&tx, members, merges)?;
    tx.commit()
}

/// Replaces everything the story layer wrote, in one transaction.
pub fn replace(conn: &mut Connection, ledger: &StoryLedger) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch("DELETE FROM story_members; DELETE FROM story_merges;")?;
    let mut written = 0usize;
    for (merge, before) in &ledger.merges {
        let upto = (*before as usize).min(ledger.members.len());
        if upto > written {
            write(&tx, &ledger.members[written..upto], &[])?;
            written = upto;
        }
        write(&tx, &[], std::slice::from_ref(merge))?;
    }
    write(&tx, &ledger.members[written..], &[])?;
    tx.commit()
}

fn write(tx: &Transaction<'_>, members: &[Membership], merges: &[Merge]) -> rusqlite::Result<()> {
    let mut seq: i64 =
        tx.query_row("SELECT coalesce(max(seq), 0) FROM story_members", [], |r| {
            r.get(0)
        })?;
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO story_members (doc, story, score, seq, features)
         SELECT n, ?2, ?3, ?4, ?5 FROM documents WHERE id = ?1",
    )?;
    for m in members {
        seq += 1;
        insert.execute(params![m.doc, m.story as i64, m.score, seq, m.features])?;
    }
    let mut merge = tx.prepare_cached(
        "INSERT OR REPLACE INTO story_merges (story, into_story, seq) VALUES (?1, ?2, ?3)",
    )?;
    for m in merges {
        merge.execute(params![m.story as i64, m.into as i64, seq])?;
    }
    Ok(())
}

/// Records the start of an ingest run.
pub fn begin_ingest(conn: &Connection, now: &str) -> rusqlite::Result<IngestRun> {
    conn.execute("INSERT INTO ingests (started_at) VALUES (?1)", [now])?;
    Ok(IngestRun {
        id: conn.last_insert_rowid() as u64,
        started_at: now.to_string(),
    })
}

/// Every ingest run, oldest first.
pub fn ingests(conn: &Connection) -> rusqlite::Result<Vec<IngestRun>> {
    let mut stmt = conn.prepare("SELECT id, started_at FROM ingests ORDER BY id")?;
    stmt.query_map([], |r| {
        Ok(IngestRun {
            id: r.get::<_, i64>(0)? as u64,
            started_at: r.get(1)?,
        })
    })?
    .collect()
}
