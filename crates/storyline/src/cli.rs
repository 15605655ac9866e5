//! Command-line definitions: what each command takes, and the help that
//! teaches it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Storyline reads news and writes a structured record of each article: who
/// is involved, who said what, what happened to whom, where and when; and
/// keeps articles, their versions and their records in a searchable store.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  storyline extract examples/harbour-talks.txt --format pretty\n  storyline extract articles/ --format jsonl > records.jsonl\n  curl -s https://… | storyline extract - --url https://… --format json\n  storyline ingest articles/ && storyline search '\"port fees\"' --in quotes\n\nRun 'storyline <COMMAND> --help' for the options of each command."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and print one record per document.
    #[command(
        after_help = "Inputs may be .txt, .html/.htm (also .gz), .json, .jsonl/.ndjson, .rss/.atom/.xml feeds, \
or folders (read recursively in sorted order). '-' reads standard input; with no INPUTS and piped input, \
standard input is read.\n\nEvery offset in a record is a Unicode code point offset into the record's 'text', \
end-exclusive. A failed input is reported on standard error as one line and the others are still read; \
the exit status is 1 if any input failed."
    )]
    Extract(ExtractArgs),
    /// Read articles and keep them, with their records, in a database.
    #[command(
        after_help = "Takes the same inputs as 'extract'. Each document gets an id that stays the same \
across ingests: from its canonical URL when it has one (scheme and host lower-cased; fragment, tracking \
parameters, default port and trailing slash dropped), else from its content. Content already stored is \
'unchanged' and not read again; new content at a stored URL is a new version ('revised', the old one is \
kept); a new document that reprints a stored one (estimated Jaccard similarity of 5-word shingles of the \
body at least 0.5, headline left out) is stored and linked to the first-seen original ('duplicates').\n\n\
Documents are written in batches, each in one transaction: a killed ingest loses only its last batch, \
and running the same command again finishes the job. Searches can run while an ingest writes.\n\n\
Exit status: 0 when every input was stored, 1 when some failed (each reported on one line; the others \
are still stored), 2 when the database cannot be used (nothing is written to it).\n\n\
Examples:\n  storyline ingest examples/\n  storyline ingest feeds/*.xml --db news.db --json"
    )]
    Ingest(IngestArgs),
    /// Search the stored documents, quotes or events (full text, ranked).
    #[command(
        after_help = "Examples:\n  storyline search ceasefire\n  storyline search '\"harbour authority\"' --in quotes\n  \
storyline search 'talk*' --in events --actor Halvorsen --since 2026-01-01\n  storyline search sanctions --format csv --limit 100 > hits.csv\n\n\
Matches are marked «like this». Words with punctuation go in double quotes (\"cease-fire\")."
    )]
    Search(SearchArgs),
    /// List the stored versions of a document.
    Revisions(RevisionsArgs),
    /// Show what changed between two versions of a document: the words, and the reading.
    #[command(
        after_help = "Compares the text word by word and the readings: quotes added, removed or edited \
(with their speakers), entities, events and stances added or removed, the title. An edit of at most 5 \
words and 2% of the text that leaves the title alone is reported as minor.\n\n\
Examples:\n  storyline diff https://example.org/harbour-talks\n  storyline diff 3f9c --from 1 --to 3 --format json"
    )]
    Diff(DiffArgs),
    /// List the stories the stored articles form (newest activity first), or rebuild them.
    #[command(
        after_help = "Each article joins a story when it is ingested: the story it is most probably part of \
(headline and lead, whole text, the entities it names, how close its date is to the story's), or a new one. \
A near-duplicate joins its original's story. Two stories that converge are merged; the old number still \
names the merged story.\n\n'storyline stories rebuild' clusters the whole database again from scratch, in \
publication order: the same database always gives the same stories.\n\nExamples:\n  storyline stories\n  \
storyline stories --actor Ostrovsky --since 2026-03-01 --format md\n  storyline stories rebuild --db news.db"
    )]
    Stories(StoriesArgs),
    /// One story: its documents, actors, timeline and latest changes.
    #[command(
        after_help = "Example:\n  storyline story 1\n  storyline story 1 --format json > story.json"
    )]
    Story(StoryArgs),
    /// The timeline of a story (or of the whole database): dated entries, each with every source.
    #[command(
        after_help = "Every event and every quote becomes an entry dated by when it happened: the event's \
own time, or a date in the quote's sentence; otherwise the article's publication day, marked 'published' \
(shown as '~'). A sentence that dates something to a day where the reading coded no event becomes a \
DATED entry. Reports of the same happening from different articles are one entry listing every source; \
near-duplicate copies of one article count as one independent source.\n\n'--dates K' keeps the K days \
that matter most: each later article that refers back to a day counts 1, each article published on it \
0.25.\n\nExamples:\n  storyline timeline --story 1\n  storyline timeline --dates 10 --format md"
    )]
    Timeline(TimelineArgs),
    /// The actors of a story (or of the whole database): names and variants, titles, affiliation, counts.
    Actors(ActorsArgs),
    /// What is new since a day, a moment or an ingest run: entries, sources, actors, stance changes, contradictions.
    #[command(
        after_help = "'--since' takes a day (2026-03-10), a moment (2026-03-10T14:00:00Z) or an ingest \
run's number (each 'storyline ingest' is one; 'storyline changes --list-ingests' shows them). New is by \
when the database received a document. A stance change is a holder whose position on one issue turned \
(reject → accept); a contradiction is two holders on opposite sides of one issue.\n\nExamples:\n  \
storyline changes --story 1 --since 2026-03-12\n  storyline changes --since 3 --format json"
    )]
    Changes(ChangesArgs),
    /// Score Storyline against a public data set and print one JSON line.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure throughput and peak memory and print one JSON line.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Train a model from a public data set.
    #[command(subcommand)]
    Train(TrainCommand),
}

/// How records are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Indented JSON, one object per document, objects one after another.
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// A readable terminal view.
    Pretty,
}

/// Options of `storyline extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Add a 'tokens' array with each token's lemma, tags and dependency.
    #[arg(long)]
    pub tokens: bool,
}

/// How inputs are read and analysed (shared by `extract` and `ingest`).
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Files, folders, or '-' for standard input.
    #[arg(value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) of the input, overriding its metadata;
    /// relative dates in the text are read against it. Single input only.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Web address of the input, overriding its metadata. Single input only.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Largest input accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_size: u64,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Time allowed for one document, in seconds; a document that takes
    /// longer is reported as failed and the other inputs are still read
    /// (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub max_seconds_per_doc: f64,
}

/// The database file (shared by the commands that use the store).
#[derive(Debug, Clone, clap::Args)]
pub struct DbArg {
    /// The Storyline database (SQLite); created by 'ingest' when missing.
    #[arg(
        long,
        value_name = "PATH",
        env = "STORYLINE_DB",
        default_value = "storyline.db"
    )]
    pub db: PathBuf,
}

/// Options of `storyline ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Print the summary as one JSON object (keys added, unchanged, revised, duplicates, failed, new_stories, ingest).
    #[arg(long)]
    pub json: bool,
    /// Print one line per document on standard error: what was done with it and its id.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Where `storyline search` looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchIn {
    /// Headlines and texts (current versions).
    Documents,
    /// What was said, and who said it.
    Quotes,
    /// The sentences events were read from, their trigger words and types.
    Events,
}

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HitFormat {
    /// A readable list, matches marked «like this».
    Pretty,
    /// One JSON array.
    Json,
    /// One JSON object per hit, one per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Options of `storyline search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for (SQLite FTS5 syntax): words that must all appear,
    /// "a phrase", prefix*, OR, NOT, NEAR(a b).
    #[arg(value_name = "QUERY")]
    pub query: String,
    #[command(flatten)]
    pub db: DbArg,
    /// What to search.
    #[arg(long = "in", value_enum, value_name = "WHAT", default_value_t = SearchIn::Documents)]
    pub scope: SearchIn,
    /// Only where this actor takes part: an entity name or any mention of it,
    /// case-insensitive ("Putin", "Vladimir Putin"). Quotes: the speaker;
    /// events: an actor, target or place.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Published on or after this date (events: happened, when known).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Published on or before this date (events: happened, when known).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Most hits shown, best first.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = HitFormat::Pretty)]
    pub format: HitFormat,
}

/// How revisions and diffs are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For reading.
    Pretty,
    /// One JSON object.
    Json,
}

/// Options of `storyline revisions`.
#[derive(Debug, clap::Args)]
pub struct RevisionsArgs {
    /// The document: its id (or the start of it), its URL, or the file it was read from.
    #[arg(value_name = "DOC_OR_URL")]
    pub document: String,
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Pretty)]
    pub format: ReportFormat,
}

/// Options of `storyline diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The document: its id (or the start of it), its URL, or the file it was read from.
    #[arg(value_name = "DOC_OR_URL")]
    pub document: String,
    #[command(flatten)]
    pub db: DbArg,
    /// The older version (default: the one before --to).
    #[arg(long, value_name = "N")]
    pub from: Option<u32>,
    /// The newer version (default: the current one).
    #[arg(long, value_name = "N")]
    pub to: Option<u32>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Pretty)]
    pub format: ReportFormat,
}

/// How stories, timelines, actors and changes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoryFormat {
    /// For reading in a terminal.
    Pretty,
    /// One JSON document (schema `storyline.story/1` or `storyline.timeline/1`).
    Json,
    /// One JSON object per line (per story, entry, actor or change).
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Markdown, for notes and reports.
    Md,
}

/// Options of `storyline stories`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StoriesArgs {
    /// `rebuild`: cluster the whole database again.
    #[command(subcommand)]
    pub action: Option<StoriesAction>,
    #[command(flatten)]
    pub db: DbArg,
    /// Only stories with a document published on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only stories naming this actor (a name or surname, any spelling's transliteration).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Most stories shown.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoryFormat::Pretty)]
    pub format: StoryFormat,
}

/// Subcommands of `storyline stories`.
#[derive(Debug, Subcommand)]
pub enum StoriesAction {
    /// Cluster every stored document again, from scratch, in publication order.
    Rebuild {
        #[command(flatten)]
        db: DbArg,
    },
}

/// Options of `storyline story`.
#[derive(Debug, clap::Args)]
pub struct StoryArgs {
    /// The story's number (as 'storyline stories' shows it).
    #[arg(value_name = "ID")]
    pub story: u64,
    #[command(flatten)]
    pub db: DbArg,
    /// Entries of the timeline shown (all with --format json).
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub entries: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoryFormat::Pretty)]
    pub format: StoryFormat,
}

/// Options of `storyline timeline`.
#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// Only this story (default: every document in the database).
    #[arg(long, value_name = "ID")]
    pub story: Option<u64>,
    #[command(flatten)]
    pub db: DbArg,
    /// Only entries dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only entries dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Keep only the K most important days.
    #[arg(long, value_name = "K")]
    pub dates: Option<usize>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoryFormat::Pretty)]
    pub format: StoryFormat,
}

/// Options of `storyline actors`.
#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    /// Only this story (default: every document in the database).
    #[arg(long, value_name = "ID")]
    pub story: Option<u64>,
    #[command(flatten)]
    pub db: DbArg,
    /// Most actors shown.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub limit: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoryFormat::Pretty)]
    pub format: StoryFormat,
}

/// Options of `storyline changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// Only this story (default: every document in the database).
    #[arg(long, value_name = "ID")]
    pub story: Option<u64>,
    #[command(flatten)]
    pub db: DbArg,
    /// A day (YYYY-MM-DD), a moment (RFC 3339) or an ingest run's number.
    #[arg(
        long,
        value_name = "DATE|INGEST_ID",
        required_unless_present = "list_ingests"
    )]
    pub since: Option<String>,
    /// List the ingest runs (number and start time) instead.
    #[arg(long)]
    pub list_ingests: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoryFormat::Pretty)]
    pub format: StoryFormat,
}

/// `storyline eval …`
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Tokenisation and sentence splitting against a CoNLL-U treebank (token_f1, sentence_f1).
    Tokens {
        /// A CoNLL-U file, e.g. ../shared/data/ud-en-ewt/dev.conllu.
        #[arg(long, value_name = "FILE")]
        conllu: PathBuf,
    },
    /// Article-body extraction from HTML against the article-extraction benchmark.
    Html {
        /// A folder with ground-truth.json and html/*.html.gz.
        #[arg(long, value_name = "DIR")]
        benchmark: PathBuf,
    },
    /// Tagger, lemmatiser and parser on a CoNLL-U treebank's gold words (upos, xpos, lemma, uas, las).
    Ud {
        /// A CoNLL-U file, e.g. ../shared/data/ud-en-ewt/dev.conllu.
        #[arg(long, value_name = "FILE")]
        conllu: PathBuf,
        #[command(flatten)]
        models: ModelPaths,
    },
    /// Time expressions against TimeML files (extent F1 strict/relaxed, type accuracy, value F1).
    Timex {
        /// A folder of TimeML (.tml) files, e.g. ../shared/data/timebank; each file's DCT is its publication date.
        #[arg(long, value_name = "DIR")]
        timeml: PathBuf,
    },
    /// Quotes and attribution against PolNeAR (content, relation and cue P/R/F1).
    Attribution {
        /// A PolNeAR folder with text/ and attributions/, e.g. ../shared/data/polnear/dev.
        #[arg(long, value_name = "DIR")]
        polnear: PathBuf,
    },
    /// Entities, titles and affiliations against hand-made gold files (shaped like seed/gold.json).
    Actors {
        /// Gold files, or folders of them; each describes the .txt beside it with the same stem (or article.txt).
        #[arg(long, value_name = "FILE.json", required = true, num_args = 1..)]
        gold: Vec<PathBuf>,
    },
    /// Events and stances against hand-made gold files (shaped like seed/gold.json).
    Events {
        /// Gold files, or folders of them; each describes the .txt beside it with the same stem (or article.txt).
        #[arg(long, value_name = "FILE.json", required = true, num_args = 1..)]
        gold: Vec<PathBuf>,
    },
    /// Story clustering on ECB+ (B-cubed and pairwise P/R/F1 against the gold sub-topics and topics).
    #[command(
        after_help = "Every document of the topics is stored in a temporary database in file order and placed \
by the real online assignment (ECB+ documents have no dates). The dev topics are 23-35; the shipped model is \
trained on 1-22.\n\nExample:\n  storyline eval stories --ecbplus ../shared/data/ecbplus --topics 23-35"
    )]
    Stories {
        /// The ECB+ folder, e.g. ../shared/data/ecbplus.
        #[arg(long, value_name = "DIR")]
        ecbplus: PathBuf,
        /// Topics to cluster.
        #[arg(long, value_name = "A-B", default_value = "23-35")]
        topics: String,
    },
    /// Timelines on Timeline17 (Date-F1, concat and alignment-based ROUGE-1/2 F), per topic and mean.
    #[command(
        after_help = "Each topic's articles are stored in a temporary database with their folder's date as \
publication date, and 'timeline --dates K' (K = the gold timeline's number of dates; each date's summary \
keeps as many entries as the gold timeline has sentences per date on average) is scored against every gold \
timeline of the topic.\n\nExample:\n  storyline eval timeline --timeline17 ../shared/data/timeline17"
    )]
    Timeline {
        /// The Timeline17 folder (TOPIC/InputDocs, TOPIC/timelines), or one topic's folder.
        #[arg(long, value_name = "DIR")]
        timeline17: PathBuf,
    },
    /// Stories, actors and timeline entries against the project's story gold files.
    Story {
        /// Gold files, or folders of them (e.g. crates/storyline-story/tests/gold-stories).
        #[arg(long, value_name = "FILE", num_args = 1..)]
        gold: Vec<PathBuf>,
        /// Where the gold files' article paths start (default: ../shared/data).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        data: PathBuf,
    },
    /// Near-duplicate linking on reprints of a folder's articles (new headline, new first
    /// sentence, last paragraph dropped, new URL) among unrelated articles on the same topic.
    #[command(
        after_help = "Every article of --set is stored under its own URL, then its reprint under another; \
a reprint linked to its own original is a true link, any other link is false (precision), and a reprint \
left unlinked is missed (recall). --distractors are stored first: more articles on the same topic that \
must not be linked. Runs on a real database in a temporary folder, without the statistical models \
(linking reads only the text).\n\nExample:\n  storyline eval duplicates --set ../shared/data/polnear/dev/text \
--distractors ../shared/data/polnear/train/text"
    )]
    Duplicates {
        /// A folder of .txt articles to reprint, e.g. ../shared/data/polnear/dev/text.
        #[arg(long, value_name = "DIR")]
        set: PathBuf,
        /// A folder of other .txt articles on the same topic, e.g. ../shared/data/polnear/train/text.
        #[arg(long, value_name = "DIR")]
        distractors: Option<PathBuf>,
    },
    /// Named entities on a CoNLL-2003 file's gold tokens (exact span and type, conlleval).
    Ner {
        /// A CoNLL-2003 file (word POS chunk tag), e.g. ../shared/data/conll2003/dev.txt.
        #[arg(long, value_name = "FILE")]
        conll: PathBuf,
        #[command(flatten)]
        models: ModelPaths,
    },
}

/// Model files to use instead of the ones built into the binary.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ModelPaths {
    /// Tagger model file (default: the shipped models/tagger.bin).
    #[arg(long, value_name = "FILE")]
    pub tagger: Option<PathBuf>,
    /// Parser model file (default: the shipped models/parser.bin).
    #[arg(long, value_name = "FILE")]
    pub parser: Option<PathBuf>,
    /// Entity model file (default: the shipped models/ner.bin).
    #[arg(long, value_name = "FILE")]
    pub ner: Option<PathBuf>,
}

/// `storyline bench …`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Ingest plus text layer (tokens, sentences): MB/s and words/s.
    Text(BenchArgs),
    /// Tagging+parsing, entities, time expressions, attribution (actors and
    /// quotes), all extraction stages (actors, quotes, times, events,
    /// stances) and the whole pipeline: words/s.
    Nlp(BenchArgs),
    /// How time and peak memory grow with the length of one document:
    /// generated news text of each size (and the same without sentence
    /// punctuation), seconds, words/s and peak RSS per size.
    Scale(ScaleArgs),
    /// Storage overhead: documents/s and words/s of 'ingest' against 'extract'
    /// on the same input (one thread and all cores), database size per
    /// document, peak RSS; with --search-from, search latency (p50/p99 of a
    /// fixed query set) on a database of --search-docs documents.
    #[command(
        after_help = "The search database mixes the first half of one article with the second half of \
another, each under its own URL, so that no two are near-duplicates; building 20,000 takes several minutes \
(all cores), so keep it with --search-db to measure again.\n\nExample:\n  storyline bench ingest --input \
../shared/data/polnear/dev/text --search-from ../shared/data/polnear/train/text ../shared/data/polnear/dev/text"
    )]
    Ingest(BenchIngestArgs),
    /// Story assignment as the database grows: every stored document placed again in publication
    /// order on one core, milliseconds per document for each successive 1,000 documents.
    #[command(
        after_help = "Rebuilds the stories of the database (the documents stay). Reading the stored records \
and computing features are timed apart from the assignment itself; the time to replay the stored stories \
(what 'ingest' does when it starts) is reported too.\n\nExample (the 20,000-document search database of \
'bench ingest'):\n  storyline bench stories --db /tmp/storyline-search-20k.db"
    )]
    Stories {
        /// A Storyline database with the documents to place.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        /// Place only the first N documents (publication order).
        #[arg(long, value_name = "N")]
        docs: Option<usize>,
    },
}

/// Options of `storyline bench ingest`.
#[derive(Debug, clap::Args)]
pub struct BenchIngestArgs {
    /// A folder of articles to extract and ingest, e.g. ../shared/data/polnear/dev/text.
    #[arg(long, value_name = "DIR")]
    pub input: PathBuf,
    /// Folders of articles to build the search database from (no search measurement without).
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub search_from: Vec<PathBuf>,
    /// Documents in the search database.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub search_docs: usize,
    /// Keep the search database in this file and reuse it when it is big enough (default: a temporary file).
    #[arg(long, value_name = "PATH")]
    pub search_db: Option<PathBuf>,
    /// Rounds over the query set.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub rounds: usize,
    /// Passes of extract and of ingest over the input, alternating; the best of each is kept.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub repeat: usize,
}

/// Options of `storyline bench scale`.
#[derive(Debug, clap::Args)]
pub struct ScaleArgs {
    /// Document sizes in bytes (suffix k = 1,000, m = 1,000,000), comma-separated.
    #[arg(long, value_name = "SIZES", value_delimiter = ',', default_value = "10k,100k,1m,10m", value_parser = crate::commands::scale::parse_size)]
    pub sizes: Vec<usize>,
}

/// Options shared by the benchmarks.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A folder of .txt files, e.g. ../shared/data/polnear/dev/text.
    #[arg(long, value_name = "DIR")]
    pub input: PathBuf,
    /// Passes over the input per measurement (more gives steadier numbers).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub repeat: usize,
}

/// `storyline train …`
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// POS tagger and lemmatiser from a CoNLL-U treebank.
    Tagger(TrainArgs),
    /// Dependency parser from a CoNLL-U treebank (trained on jackknifed predicted tags).
    Parser {
        #[command(flatten)]
        args: TrainArgs,
        /// Tagger whose predictions the parser is measured on (default: the shipped tagger).
        #[arg(long, value_name = "FILE")]
        tagger: Option<PathBuf>,
        /// Folds of jackknifed tagging for training tags (0 or 1: the tagger's own tags).
        #[arg(long, value_name = "N", default_value_t = 4)]
        jackknife: usize,
    },
    /// Named-entity recogniser from CoNLL-2003 files.
    Ner(TrainArgs),
    /// The story assignment's join-or-new model (models/stories.json) from ECB+ train topics.
    #[command(
        after_help = "Replays the documents of the topics in file order with the gold sub-topics as the \
stories so far, and fits a logistic model on every (document, candidate story) pair the real candidate \
search returns: joins the gold story or not. Refuses the dev topics 23-35, which 'storyline eval stories' \
reports. The model is built into the binary at compile time: rebuild after replacing models/stories.json.\n\n\
Example:\n  storyline train stories --ecbplus ../shared/data/ecbplus --topics 1-22 --out models/stories.json"
    )]
    Stories {
        /// The ECB+ folder (TOPIC/TOPIC_Necb.xml …), e.g. ../shared/data/ecbplus.
        #[arg(long, value_name = "DIR")]
        ecbplus: PathBuf,
        /// Topics to train on.
        #[arg(long, value_name = "A-B", default_value = "1-22")]
        topics: String,
        /// Also train on Timeline17 (one dated stream, a story per topic group), e.g. ../shared/data/timeline17.
        #[arg(long, value_name = "DIR")]
        timeline17: Option<PathBuf>,
        /// Where to write the model, e.g. models/stories.json.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Attribution cue classifier and content ranker (models/cues.bin) from PolNeAR train.
    #[command(
        after_help = "Trains on a PolNeAR train folder with text/ and attributions/ (the first annotator \
file of each text); never the dev split, which 'storyline eval attribution' scores. The texts are read with \
the shipped tagger, parser and NER built into this binary, so retrain after any of them changes. Writes one \
model file (the shipped one is models/cues.bin, built into the binary at compile time, so rebuild after \
replacing it). Takes about 20 s on PolNeAR train (840 texts); the same seed gives the same file.\n\n\
Example:\n  storyline train attribution --train ../shared/data/polnear/train --out models/cues.bin"
    )]
    Attribution(TrainAttributionArgs),
}

/// Options of `storyline train attribution`.
#[derive(Debug, Clone, clap::Args)]
pub struct TrainAttributionArgs {
    /// A PolNeAR train folder with text/ and attributions/, e.g. ../shared/data/polnear/train; never the dev split.
    #[arg(long, value_name = "DIR")]
    pub train: PathBuf,
    /// Where to write the model file, e.g. models/cues.bin.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Seed of the training order; the same seed gives the same model.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
}

/// Options shared by the training commands.
#[derive(Debug, Clone, clap::Args)]
pub struct TrainArgs {
    /// Training data.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data: used for early stopping and reported, never trained on.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// Where to write the model file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Most passes over the training data (the best epoch on dev is kept).
    #[arg(long, value_name = "N")]
    pub epochs: Option<usize>,
    /// Seed of shuffling and exploration; the same seed gives the same model.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Drop features whose largest averaged weight is below this (smaller,
    /// faster model). Default: the value the shipped model was trained with.
    #[arg(long, value_name = "W")]
    pub prune: Option<f32>,
    /// Train on the first N sentences only (quick runs).
    #[arg(long, value_name = "N")]
    pub max_sentences: Option<usize>,
    /// No progress lines on standard error.
    #[arg(long)]
    pub quiet: bool,
}
