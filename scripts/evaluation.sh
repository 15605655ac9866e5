#!/usr/bin/env bash
# Regenerates docs/EVALUATION.md: runs every eval and bench command of the
# release binary and records what each printed, verbatim, with the commit.
# Usage: scripts/evaluation.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
cargo build --release -q -p storyline
bin=target/release/storyline
out=docs/EVALUATION.md
commit=$(git rev-parse --short HEAD)
dirty=""
if git status --porcelain --untracked-files=no | grep -q .; then dirty=" (with uncommitted changes)"; fi

section() { printf '\n## %s\n' "$1"; }

run() {
  local title=$1; shift
  printf '\n### %s\n\n```console\n$ storyline %s\n' "$title" "$*"
  "$bin" "$@" 2>/dev/null | tail -n 1
  printf '```\n'
}

{
  cat <<HEADER
# Evaluation

Every number on this page was printed by the command above it, run by
\`scripts/evaluation.sh\` on commit \`$commit\`$dirty, $(date -u +%Y-%m-%d), on a
$(nproc)-core machine. Scores are fractions in 0–1; throughput is per second of
wall time, on one thread (\`single_thread\`) and on all cores (\`all_cores\`).
Re-run the script to refresh the page; numbers are never edited by hand.
HEADER
  section "Text layer and ingest"
  run "Tokens and sentence boundaries, UD English EWT dev" eval tokens --conllu "$data/ud-en-ewt/dev.conllu"
  run "Article-body extraction benchmark (181 pages)" eval html --benchmark "$data/article-extraction"
  run "Throughput of ingest + text layer, PolNeAR dev texts" bench text --input "$data/polnear/dev/text"
  section "Tagger, lemmatiser, parser and entities"
  run "UD English EWT dev, gold words, predicted tags" eval ud --conllu "$data/ud-en-ewt/dev.conllu"
  run "CoNLL-2003 dev (testa), exact span and type" eval ner --conll "$data/conll2003/dev.txt"
  section "Attribution, actors, events and stances"
  run "Quotes and attribution, PolNeAR dev (84 texts)" eval attribution --polnear "$data/polnear/dev"
  run "Actors on the seed article" eval actors --gold "$data/seed/gold.json"
  run "Actors on the project's own gold articles" eval actors --gold crates/storyline-extract/tests/gold
  run "Events and stances on the seed article" eval events --gold "$data/seed/gold.json"
  run "Events and stances on the project's own gold articles" eval events --gold crates/storyline-extract/tests/gold-events
  section "Time expressions"
  run "TimeBank 1.2 (TempEval-3 cleaned), DCT as publication date" eval timex --timeml "$data/timebank"
  section "Throughput"
  run "Throughput of the models and the whole pipeline, PolNeAR dev texts" bench nlp --input "$data/polnear/dev/text"
  printf '\nPeak memory of one `storyline extract` on the seed article (GNU time): '
  /usr/bin/time -f '%M kB' "$bin" extract "$data/seed/article.txt" 2>&1 >/dev/null | tail -n 1
  section "Cost on long and hostile input"
  run "Growth with document length, generated news text and the same without punctuation, one document per size" bench scale
  hostile=$(mktemp -d)
  python3 - "$hostile" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/nested.html", "w") as f:
    f.write("<html><head><title>Deep</title></head><body>" + "<div>" * 200000
            + "<p>The minister said talks would continue.</p>" + "</div>" * 200000 + "</body></html>")
words = "the minister said talks would continue next week in the capital while envoys met officials "
with open(f"{d}/line.txt", "w") as f:
    f.write((words * (5000000 // len(words) + 1))[:5000000])
PY
  printf '\n### HTML with 200,000 nested `<div>`, and one 5 MB line without punctuation (GNU time: seconds, peak kB; the warning each record carries)\n\n```console\n'
  for f in nested.html line.txt; do
    printf '$ storyline extract %s\n' "$f"
    /usr/bin/time -f '%e s %M kB' "$bin" extract "$hostile/$f" --format jsonl 2>&1 >"$hostile/$f.json" | tail -n 1
    python3 -c 'import json,sys; print([w for w in json.load(open(sys.argv[1]))["warnings"]][0])' "$hostile/$f.json"
  done
  printf '```\n'
  rm -rf "$hostile"
  section "Story store"
  run "Near-duplicate linking: reprints of PolNeAR dev among PolNeAR train (same topic)" eval duplicates --set "$data/polnear/dev/text" --distractors "$data/polnear/train/text"
  # The 20,000-document search database takes a while to build: it is kept
  # (SEARCH_DB, default /tmp/storyline-search-20k.db) and reused.
  run "Ingest against extract on PolNeAR dev; search latency on 20,000 documents built from PolNeAR train and dev" bench ingest --input "$data/polnear/dev/text" --search-from "$data/polnear/train/text" "$data/polnear/dev/text" --search-db "${SEARCH_DB:-/tmp/storyline-search-20k.db}"
  section "Stories"
  run "Story clustering on ECB+ dev topics 23-35 (online, file order, no dates; the model is trained on topics 1-22)" eval stories --ecbplus "$data/ecbplus" --topics 23-35
  run "Timelines on the Timeline17 topics (timeline --dates K against each gold timeline)" eval timeline --timeline17 "$data/timeline17"
  run "Stories, actors and timeline entries against the project's story gold files" eval story --gold crates/storyline-story/tests/gold-stories --data "$data"
  # Places the 20,000 documents of the search database again (its stories are rebuilt).
  run "Story assignment cost on the 20,000-document search database, per successive 1,000 documents (one core)" bench stories --db "${SEARCH_DB:-/tmp/storyline-search-20k.db}"
} > "$out"
echo "wrote $out"
