//! Properties of the parsers the store wrote: URLs, search queries,
//! signatures. Hostile input gets an answer or a clear error, never a panic
//! or an SQL error.

use std::sync::OnceLock;

use proptest::prelude::*;
use storyline_extract::{Pipeline, PipelineOptions};
use storyline_ingest::Document;
use storyline_store::near::Signature;
use storyline_store::search::fts_query;
use storyline_store::{Incoming, Mode, SearchQuery, SqliteStore, Store, StoreError, canonical_url};

/// One small store shared by the cases (built once).
fn store() -> &'static (tempfile::TempDir, std::sync::Mutex<SqliteStore>) {
    static S: OnceLock<(tempfile::TempDir, std::sync::Mutex<SqliteStore>)> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("p.db"), Mode::Write).unwrap();
        let doc = Document {
            id: "a.txt".into(),
            text: "Envoys met the president in the capital. \"We made progress,\" he said.".into(),
            ..Document::default()
        };
        let record = Pipeline::text_only().run(&doc, PipelineOptions::default());
        store
            .put(&[Incoming {
                document: &doc,
                record: &record,
            }])
            .unwrap();
        (dir, std::sync::Mutex::new(store))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn canonical_urls_are_fixed_points(raw in "\\PC{0,80}", path in "[a-zA-Z0-9/._~%-]{0,30}", q in "[a-z_=&0-9]{0,20}") {
        for candidate in [raw.clone(), format!("HTTPS://Example.COM:443/{path}?{q}#frag")] {
            if let Some(url) = canonical_url(&candidate) {
                prop_assert_eq!(canonical_url(&url), Some(url.clone()));
                prop_assert!(url.starts_with("http"));
                prop_assert!(!url.contains('#'));
            }
        }
    }

    #[test]
    fn any_query_is_answered_or_refused_clearly(query in "\\PC{0,40}", punct in "[-\"*:^()+.,'a-z ]{0,20}") {
        let (_, store) = store();
        let store = store.lock().unwrap();
        for text in [query.clone(), punct.clone()] {
            match store.search(&SearchQuery::new(&text)) {
                Ok(_) | Err(StoreError::Query { .. }) => {}
                Err(other) => prop_assert!(false, "{text:?}: {other}"),
            }
        }
    }

    #[test]
    fn quoting_keeps_every_character(query in "\\PC{0,60}") {
        let quoted = fts_query(&query);
        prop_assert_eq!(quoted.replace('"', ""), query.replace('"', ""));
    }

    #[test]
    fn signatures_of_any_text_compare_with_themselves(text in "\\PC{0,300}") {
        let a = Signature::of_text(&text);
        prop_assert_eq!(a.similarity(&a), 1.0);
        prop_assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a));
    }
}
