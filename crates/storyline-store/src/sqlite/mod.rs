//! The embedded backend: one SQLite file in WAL mode.
//!
//! A file is inspected before anything is written to it: a file that is not
//! Storyline's, is corrupt, is read-only or was written by a newer binary is
//! refused untouched.

mod fts;
mod read;
mod story;
mod write;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use crate::{
    Counts, DocumentInfo, Identity, Incoming, IngestRun, Membership, Merge, Outcome, Revision,
    Store, StoreError, StoryDocument, StoryLedger,
    search::{Hit, SearchQuery},
};

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create the database if needed and write to it.
    Write,
    /// Only read; the database must exist.
    Read,
}

/// A cap on a written database's pages, read from the environment: the
/// full-disk path can be tested without filling a disk.
pub const PAGE_LIMIT_VAR: &str = "STORYLINE_DB_MAX_PAGES";

/// How long a writer waits for another writer's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// A Storyline database in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl SqliteStore {
    /// Opens (in [`Mode::Write`], creates) the database at `path`.
    pub fn open(path: &Path, mode: Mode) -> Result<Self, StoreError> {
        let name = path.display().to_string();
        let unusable = |reason: String| StoreError::Unusable {
            path: name.clone(),
            reason,
        };
        let state = inspect_file(path).map_err(&unusable)?;
        if mode == Mode::Read && state == FileState::Missing {
            return Err(unusable(
                "no database here: 'storyline ingest' creates it (or give --db PATH)".into(),
            ));
        }
        if mode == Mode::Read && state == FileState::Empty {
            return Err(unusable(
                "an empty file, not a database yet: 'storyline ingest' fills it".into(),
            ));
        }
        if mode == Mode::Write && state != FileState::Missing && !writable(path) {
            return Err(unusable(
                "the file is read-only: Storyline needs to write to it (or give another --db)"
                    .into(),
            ));
        }
        let read_only = mode == Mode::Read && !writable(path);
        let flags = match (state, read_only) {
            (_, true) => OpenFlags::SQLITE_OPEN_READ_ONLY,
            (FileState::Missing, _) => {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            _ => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| unusable(format!("cannot open: {}", plain(&e))))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| unusable(plain(&e)))?;
        let version = check_schema(&conn).map_err(&unusable)?;
        let store = SqliteStore {
            conn,
            path: name.clone(),
        };
        // Searches read large posting lists: mapping the file and a bigger
        // page cache spare a system call per page.
        store.pragma("PRAGMA mmap_size = 1073741824")?;
        store.pragma("PRAGMA cache_size = -65536")?;
        if mode == Mode::Read {
            if version < SCHEMA_VERSION {
                return Err(unusable(format!(
                    "schema version {version} is older than this binary's ({SCHEMA_VERSION}): run 'storyline ingest' on it once to upgrade it"
                )));
            }
            store.pragma("PRAGMA query_only = ON")?;
        } else {
            store.prepare_for_writing(version)?;
            if let Some(pages) = std::env::var(PAGE_LIMIT_VAR)
                .ok()
                .and_then(|v| v.parse().ok())
            {
                store.limit_pages(pages)?;
            }
        }
        Ok(store)
    }

    /// The database file's name, as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Caps the database at `pages` pages (of 4 KiB by default); writes
    /// beyond fail as a full disk would. For testing that path.
    pub fn limit_pages(&self, pages: u64) -> Result<(), StoreError> {
        self.pragma(&format!("PRAGMA max_page_count = {pages}"))
    }

    /// SQLite's own consistency check: `ok`, or the problems found.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("PRAGMA integrity_check")
                .map_err(|e| self.db_error(&e))?;
            stmt.query_map([], |row| row.get(0))
                .and_then(Iterator::collect)
                .map_err(|e| self.db_error(&e))?
        };
        Ok(rows.join("; "))
    }

    fn prepare_for_writing(&self, version: i32) -> Result<(), StoreError> {
        if self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::Unusable {
                path: self.path.clone(),
                reason: "cannot write to it (read-only)".into(),
            });
        }
        // WAL: readers never block the writer and a killed writer loses only
        // its uncommitted transaction. NORMAL sync is durable against a
        // killed process (the OS holds the writes); only power loss can
        // undo the last commits, never corrupt the file.
        self.pragma("PRAGMA journal_mode = WAL")?;
        self.pragma("PRAGMA synchronous = NORMAL")?;
        self.pragma("PRAGMA foreign_keys = ON")?;
        // Checkpoints (the only moments the file is synced) every 16 MB of
        // log rather than 4 MB: an ingest writes about 50 KB per document.
        self.pragma("PRAGMA wal_autocheckpoint = 4000")?;
        self.migrate(version)
    }

    fn migrate(&self, from: i32) -> Result<(), StoreError> {
        if from >= SCHEMA_VERSION {
            return Ok(());
        }
        let run = || -> rusqlite::Result<()> {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            for sql in &MIGRATIONS[from as usize..] {
                self.conn.execute_batch(sql)?;
            }
            self.conn.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; COMMIT"
            ))
        };
        run().map_err(|e| {
            let _ = self.conn.execute_batch("ROLLBACK");
            self.db_error(&e)
        })
    }

    fn pragma(&self, sql: &str) -> Result<(), StoreError> {
        // journal_mode answers with a row; the others with none.
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.db_error(&e))?;
        let mut rows = stmt.query([]).map_err(|e| self.db_error(&e))?;
        while rows.next().map_err(|e| self.db_error(&e))?.is_some() {}
        Ok(())
    }

    /// A database error, with a full disk told apart.
    fn db_error(&self, error: &rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::Full {
                path: self.path.clone(),
            },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Unusable {
                path: self.path.clone(),
                reason: format!("the database is corrupt: {}", plain(error)),
            },
            Some(ErrorCode::ReadOnly) => StoreError::Unusable {
                path: self.path.clone(),
                reason: "cannot write to it (read-only)".into(),
            },
            _ => StoreError::Database {
                path: self.path.clone(),
                message: plain(error),
            },
        }
    }
}

impl Store for SqliteStore {
    fn location(&self) -> &str {
        &self.path
    }

    fn knows(&self, identity: &Identity) -> Result<bool, StoreError> {
        read::knows(&self.conn, identity).map_err(|e| self.db_error(&e))
    }

    fn put(&mut self, batch: &[Incoming<'_>]) -> Result<Vec<Outcome>, StoreError> {
        let result = write::put(&mut self.conn, batch);
        result.map_err(|e| self.db_error(&e))
    }

    fn find(&self, reference: &str) -> Result<Option<String>, StoreError> {
        read::find(&self.conn, reference).map_err(|e| self.db_error(&e))?
    }

    fn document(&self, id: &str) -> Result<DocumentInfo, StoreError> {
        read::document(&self.conn, id)
            .map_err(|e| self.db_error(&e))?
            .ok_or_else(|| StoreError::Invalid(format!("no document {id} in {}", self.path)))
    }

    fn revisions(&self, id: &str) -> Result<Vec<Revision>, StoreError> {
        read::revisions(&self.conn, id).map_err(|e| self.db_error(&e))
    }

    fn record(&self, id: &str, version: u32) -> Result<storyline_extract::Record, StoreError> {
        match read::record(&self.conn, id, version).map_err(|e| self.db_error(&e))? {
            Some(Ok(record)) => Ok(record),
            Some(Err(e)) => Err(StoreError::Database {
                path: self.path.clone(),
                message: format!("the stored record of {id} version {version} is unreadable: {e}"),
            }),
            None => Err(StoreError::Invalid(format!(
                "{id} has no version {version} in {}",
                self.path
            ))),
        }
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>, StoreError> {
        query.validate()?;
        fts::search(&self.conn, query).map_err(|e| {
            let message = plain(&e);
            crate::search::query_error(&query.text, &message).unwrap_or_else(|| self.db_error(&e))
        })
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        read::counts(&self.conn).map_err(|e| self.db_error(&e))
    }

    fn story_documents(&self) -> Result<Vec<StoryDocument>, StoreError> {
        story::documents(&self.conn).map_err(|e| self.db_error(&e))
    }

    fn story_ledger(&self) -> Result<StoryLedger, StoreError> {
        story::ledger(&self.conn).map_err(|e| self.db_error(&e))
    }

    fn add_to_stories(
        &mut self,
        members: &[Membership],
        merges: &[Merge],
    ) -> Result<(), StoreError> {
        let result = story::append(&mut self.conn, members, merges);
        result.map_err(|e| self.db_error(&e))
    }

    fn replace_stories(&mut self, ledger: &StoryLedger) -> Result<(), StoreError> {
        let result = story::replace(&mut self.conn, ledger);
        result.map_err(|e| self.db_error(&e))
    }

    fn begin_ingest(&mut self) -> Result<IngestRun, StoreError> {
        let now = jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now())
            .to_string();
        story::begin_ingest(&self.conn, &now).map_err(|e| self.db_error(&e))
    }

    fn ingests(&self) -> Result<Vec<IngestRun>, StoreError> {
        story::ingests(&self.conn).map_err(|e| self.db_error(&e))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    Missing,
    Empty,
    Sqlite,
}

/// What is at `path`, judged from its first bytes without opening it as a
/// database (SQLite would happily start writing a journal next to a text file).
fn inspect_file(path: &Path) -> Result<FileState, String> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(parent) = parent
                && !parent.is_dir()
            {
                return Err(format!("folder {} does not exist", parent.display()));
            }
            return Ok(FileState::Missing);
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    if meta.is_dir() {
        return Err("is a folder, not a database file".into());
    }
    if meta.len() == 0 {
        return Ok(FileState::Empty);
    }
    let mut header = [0u8; 16];
    let mut file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let read = file
        .read(&mut header)
        .map_err(|e| format!("cannot read: {e}"))?;
    if read < header.len() || &header != b"SQLite format 3\0" {
        return Err("not a Storyline database (not an SQLite file at all)".into());
    }
    Ok(FileState::Sqlite)
}

/// Whether the file may be written, by its permission bits. Checked
/// ourselves because SQLite, run as root, would write to a file marked
/// read-only, and such a mark is the owner saying "leave it alone".
fn writable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Checks that the database is Storyline's and not newer than this binary;
/// returns its schema version (0 for a new, empty database).
fn check_schema(conn: &Connection) -> Result<i32, String> {
    let corrupt =
        |e: rusqlite::Error| format!("the database is corrupt or unreadable: {}", plain(&e));
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(corrupt)?;
    if app != APPLICATION_ID {
        if app == 0 && version == 0 && tables == 0 {
            return Ok(0);
        }
        return Err("not a Storyline database (an SQLite database of something else)".into());
    }
    if version > SCHEMA_VERSION {
        return Err(format!(
            "written by a newer Storyline (schema version {version}; this binary knows up to {SCHEMA_VERSION}): use a newer storyline"
        ));
    }
    Ok(version)
}

/// SQLite's message without rusqlite's wrapping.
fn plain(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(e, Some(message)) => {
            if e.code == ErrorCode::DiskFull {
                "database or disk is full".into()
            } else {
                message.clone()
            }
        }
        other => other.to_string(),
    }
}
