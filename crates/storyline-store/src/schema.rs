//! The database schema and its versioned migrations.
//!
//! `PRAGMA application_id` marks a file as Storyline's; `PRAGMA user_version`
//! is the schema version. Migration `n` takes a database from version `n` to
//! `n + 1`; a binary never opens a database newer than it knows.

/// Written to `PRAGMA application_id`: "STLN".
pub const APPLICATION_ID: i32 = 0x5354_4c4e;

/// The migrations, oldest first; the schema version is their count.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Version 1: documents, their versions, the reading of the current version
/// in queryable tables, the near-duplicate index and full-text indexes.
const V1: &str = r#"
-- One row per document identity (canonical URL, else content).
CREATE TABLE documents (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    canonical_url TEXT UNIQUE,
    current       INTEGER NOT NULL,          -- the newest version's number
    copy_of       INTEGER REFERENCES documents(n),  -- the first-seen original
    similarity    REAL,                      -- estimated Jaccard with it
    first_seen    TEXT NOT NULL,             -- RFC 3339, UTC
    signature     BLOB NOT NULL,             -- MinHash of the current body
    shingles      INTEGER NOT NULL
);
CREATE INDEX documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;

-- Every version ever stored; versions are never deleted.
CREATE TABLE versions (
    rowid        INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL REFERENCES documents(n),
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    source       TEXT NOT NULL,              -- the input it was read from
    url          TEXT,
    title        TEXT,
    published    TEXT,
    site         TEXT,
    author       TEXT,
    text         TEXT NOT NULL,
    words        INTEGER NOT NULL,
    record       TEXT NOT NULL,              -- the record as JSON, without its text
    ingested_at  TEXT NOT NULL,
    UNIQUE (doc, version)
);
CREATE INDEX versions_hash ON versions(content_hash);
CREATE INDEX versions_source ON versions(source);
CREATE INDEX versions_published ON versions(substr(published, 1, 10));

-- The reading of each document's current version.
CREATE TABLE entities (
    doc         INTEGER NOT NULL REFERENCES documents(n),
    eid         TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    titles      TEXT NOT NULL,               -- JSON array
    affiliation TEXT,
    PRIMARY KEY (doc, eid)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

-- Each word of each entity's name, so that "Putin" finds "Vladimir Putin".
CREATE TABLE entity_words (
    word TEXT NOT NULL,
    doc  INTEGER NOT NULL REFERENCES documents(n),
    eid  TEXT NOT NULL
);
CREATE INDEX entity_words_word ON entity_words(word COLLATE NOCASE);
CREATE INDEX entity_words_doc ON entity_words(doc);

CREATE TABLE mentions (
    doc   INTEGER NOT NULL REFERENCES documents(n),
    eid   TEXT NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE);

CREATE TABLE quotes (
    rowid        INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL REFERENCES documents(n),
    qid          TEXT NOT NULL,
    speaker      TEXT,                       -- entity id
    speaker_name TEXT,                       -- the entity's name, else the source text
    cue          TEXT,
    content      TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    sentence     INTEGER NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);

CREATE TABLE times (
    doc   INTEGER NOT NULL REFERENCES documents(n),
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    type  TEXT NOT NULL,
    value TEXT
);
CREATE INDEX times_doc ON times(doc);

CREATE TABLE events (
    rowid    INTEGER PRIMARY KEY,
    doc      INTEGER NOT NULL REFERENCES documents(n),
    vid      TEXT NOT NULL,
    type     TEXT NOT NULL,
    cameo    TEXT NOT NULL,
    trigger  TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    place    TEXT,                           -- entity id
    time     TEXT,
    modality TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    evidence TEXT NOT NULL                   -- the sentence it was read from
);
CREATE INDEX events_doc ON events(doc);

CREATE TABLE event_roles (
    doc  INTEGER NOT NULL REFERENCES documents(n),
    vid  TEXT NOT NULL,
    role TEXT NOT NULL,                      -- actor, target or place
    eid  TEXT NOT NULL
);
CREATE INDEX event_roles_doc ON event_roles(doc, eid);

CREATE TABLE stances (
    doc      INTEGER NOT NULL REFERENCES documents(n),
    holder   TEXT,                           -- entity id
    issue    TEXT NOT NULL,
    position TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX stances_doc ON stances(doc);

-- Near-duplicate index: one row per (band, bucket) of each document's signature.
CREATE TABLE lsh (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc    INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, doc)
) WITHOUT ROWID;

-- Full text. Versions are indexed as they are stored (searches keep the
-- current ones); quotes and events follow their tables through triggers.
CREATE VIRTUAL TABLE versions_fts USING fts5(
    title, text, content = 'versions', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER versions_fts_insert AFTER INSERT ON versions BEGIN
    INSERT INTO versions_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, speaker_name, content = 'quotes', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, speaker_name)
    VALUES (new.rowid, new.content, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name)
    VALUES ('delete', old.rowid, old.content, old.speaker_name);
END;

CREATE VIRTUAL TABLE events_fts USING fts5(
    evidence, trigger, type, content = 'events', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, evidence, trigger, type)
    VALUES (new.rowid, new.evidence, new.trigger, new.type);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, evidence, trigger, type)
    VALUES ('delete', old.rowid, old.evidence, old.trigger, old.type);
END;
"#;

/// Version 2: the documents index holds each document's current version
/// only, keyed by document, so that ranking needs no join; the current
/// publication date on the document; covering indexes for the actor filter.
const V2: &str = r#"
ALTER TABLE documents ADD COLUMN published TEXT;   -- the current version's date (YYYY-MM-DD)
UPDATE documents SET published = (
    SELECT substr(v.published, 1, 10) FROM versions v
    WHERE v.doc = documents.n AND v.version = documents.current);
CREATE INDEX documents_published ON documents(published) WHERE published IS NOT NULL;

DROP INDEX mentions_text;
CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE, doc, eid);
DROP INDEX entity_words_word;
CREATE INDEX entity_words_word ON entity_words(word COLLATE NOCASE, doc, eid);
DROP INDEX quotes_doc;
CREATE INDEX quotes_doc ON quotes(doc, speaker);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);
DROP INDEX events_doc;
CREATE INDEX events_doc ON events(doc, vid);

DROP TRIGGER versions_fts_insert;
DROP TABLE versions_fts;
CREATE VIEW current_text AS
    SELECT d.n AS n, v.title AS title, v.text AS text
    FROM documents d JOIN versions v ON v.doc = d.n AND v.version = d.current;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'current_text', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
"#;

/// Version 3: one table of every name an entity goes by in a document (its
/// name, each word of it, each mention's text), so that the actor filter
/// is one index range instead of a union of three.
const V3: &str = r#"
CREATE TABLE entity_names (
    name TEXT NOT NULL COLLATE NOCASE,
    doc  INTEGER NOT NULL REFERENCES documents(n),
    eid  TEXT NOT NULL,
    PRIMARY KEY (name, doc, eid)
) WITHOUT ROWID;
INSERT OR IGNORE INTO entity_names SELECT name, doc, eid FROM entities;
INSERT OR IGNORE INTO entity_names SELECT word, doc, eid FROM entity_words;
INSERT OR IGNORE INTO entity_names SELECT text, doc, eid FROM mentions;
CREATE INDEX entity_names_doc ON entity_names(doc);
DROP TABLE entity_words;
DROP INDEX mentions_text;
"#;

/// Version 4: stories. Each document's story, with the features its
/// assignment used (so the story index can be rebuilt without re-reading
/// text), merges between stories, and one row per ingest run (so "what
/// changed since ingest N" can be asked).
const V4: &str = r#"
CREATE TABLE story_members (
    doc      INTEGER PRIMARY KEY REFERENCES documents(n),
    story    INTEGER NOT NULL,
    score    REAL NOT NULL,
    seq      INTEGER NOT NULL,              -- assignment order
    features BLOB NOT NULL
);
CREATE INDEX story_members_story ON story_members(story);
CREATE INDEX story_members_seq ON story_members(seq);
CREATE TABLE story_merges (
    story INTEGER PRIMARY KEY,              -- merged away
    into_story INTEGER NOT NULL,
    seq   INTEGER NOT NULL                  -- after which assignment
);
CREATE TABLE ingests (
    id         INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL                -- RFC 3339, UTC
);
"#;
