//! Attribution: who said (wrote, thought, wanted) what. Finds direct
//! quotations, reported speech and partial quotations, each with its
//! source, cue and content, and ties the source to an entity.
//!
//! Cue candidates and their frames are found on the dependency tree
//! ([`cues`]) and kept when the learned classifier ([`cue_model`]) says so;
//! the content comes from the cue's complement or the
//! quotation it governs ([`content`]); the quotation-mark structure
//! ([`marks`]) widens content to whole quotations and gives quotations no
//! cue governs to the speaker quoted just before.

pub mod content;
pub mod cue_model;
pub mod cues;
pub mod learn;
pub mod marks;
pub mod overlap;
pub mod spans;
pub mod speaker;
pub mod tree;

use std::collections::HashMap;

use crate::actors::Actors;
use crate::analysis::Analysis;
use crate::record::Quote;
use cue_model::CueModel;
use cues::Frame;
use marks::Quotations;
use speaker::Source;
use tree::Tree;

/// The least classifier margin (log-odds) for a candidate to be taken as a
/// cue: a chance of about one in three. Below even odds because a missed
/// attribution costs recall while a wrong one often costs nothing more
/// than a spurious match; chosen by two-fold cross-validation on PolNeAR
/// train (`train_attribution --folds 2`).
pub const MIN_MARGIN: f32 = -0.75;

/// How much further below [`MIN_MARGIN`] a candidate may fall when its
/// frame is one of reported speech (a quotation, a complement clause, a
/// parenthetical): there a cue the classifier doubts still more often
/// carries an attribution than in the object, oblique and case frames.
/// Chosen by cross-validation on PolNeAR train (2 and 5 folds).
pub const SPEECH_FRAME_SLACK: f32 = 0.5;

/// Quotations with fewer tokens than this are taken for scare quotes or
/// titles unless a cue governs them.
const MIN_ORPHAN_TOKENS: usize = 4;

/// The most tokens between a quotation and its resumption (`, he said.`)
/// for both to be one content; a quotation opening the sentence after a
/// cue's resumes it whatever the gap. Chosen by cross-validation on
/// PolNeAR train (content F1, 2 folds: 0.6799 at 4, 0.6810 at 6, 0.6805
/// at 10; 5 folds: 0.6889 at 6, 0.6883 at 10).
pub(crate) const MAX_RESUME_GAP: usize = 6;

/// One attribution before it becomes a record.
#[derive(Debug, Clone, Copy)]
struct Found {
    cue: Option<usize>,
    source: Option<Source>,
    content: (usize, usize),
    score: f64,
}

/// Finds the document's attributions. Ids are `Q1`, `Q2`, … in text order
/// of content; `sentence` is the sentence of the cue (else of the content).
pub fn find_quotes(analysis: &Analysis, actors: &Actors) -> Vec<Quote> {
    find_quotes_with(analysis, actors, CueModel::shipped())
}

/// [`find_quotes`] with a given cue classifier (`None`: quotations only).
pub fn find_quotes_with(
    analysis: &Analysis,
    actors: &Actors,
    model: Option<&CueModel>,
) -> Vec<Quote> {
    find_quotes_at(analysis, actors, model, MIN_MARGIN)
}

/// [`find_quotes_with`] taking candidates whose classifier margin exceeds
/// `min_margin` (for choosing [`MIN_MARGIN`] by cross-validation).
pub fn find_quotes_at(
    analysis: &Analysis,
    actors: &Actors,
    model: Option<&CueModel>,
    min_margin: f32,
) -> Vec<Quote> {
    if analysis.tokens.is_empty() {
        return Vec::new();
    }
    let quotes = marks::find(analysis);
    let tree = Tree::build(analysis);
    let mut found = match model {
        Some(model) if analysis.tags.len() == analysis.tokens.len() => {
            cued(analysis, &tree, &quotes, model, min_margin)
        }
        _ => Vec::new(),
    };
    found = dedupe(analysis, &tree, &quotes, found);
    headline(analysis, &mut found);
    add_orphans(analysis, &quotes, &mut found);
    found.sort_by_key(|f| (f.content, f.cue));
    found
        .iter()
        .enumerate()
        .map(|(n, f)| record(analysis, &tree, actors, &quotes, n, f))
        .collect()
}

/// Attributions introduced by a cue word.
fn cued(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    model: &CueModel,
    min_margin: f32,
) -> Vec<Found> {
    let mut accepted: Vec<(usize, Frame, f64)> = Vec::new();
    let entities = cue_model::entity_labels(analysis);
    let mut features = Vec::new();
    for i in 0..analysis.tokens.len() {
        if !cues::is_candidate(analysis, i) {
            continue;
        }
        let frame = cues::frame(analysis, tree, quotes, i);
        if frame == Frame::Other {
            continue;
        }
        features.clear();
        cue_model::features(analysis, tree, quotes, &entities, i, frame, &mut features);
        let margin = model.margin(&features);
        let slack = if matches!(frame, Frame::Quote | Frame::Clause | Frame::Parenthetical) {
            SPEECH_FRAME_SLACK
        } else {
            0.0
        };
        if margin > min_margin - slack {
            accepted.push((i, frame, f64::from(margin)));
        }
    }
    let mut found = Vec::with_capacity(accepted.len());
    let mut ranked = Vec::new();
    for (k, &(cue, frame, score)) in accepted.iter().enumerate() {
        let source = speaker::source(analysis, tree, quotes, cue, frame);
        let phrase = phrase(analysis, tree, cue, source);
        let sentence = analysis.sentence_of(cue);
        let next_cue = accepted
            .get(k + 1)
            .map(|n| n.0)
            .filter(|&n| analysis.sentence_of(n) == sentence);
        let rule = content::of(analysis, tree, quotes, cue, frame, phrase, next_cue);
        let candidates = spans::candidates(analysis, tree, quotes, cue, phrase, rule, next_cue);
        ranked.clear();
        for c in &candidates {
            let mut f = Vec::new();
            spans::features(analysis, tree, quotes, cue, frame, c, &mut f);
            ranked.push(f);
        }
        let Some(best) = choose_content(analysis, &candidates, &model.rank_scores(&ranked)) else {
            continue;
        };
        found.push(Found {
            cue: Some(cue),
            source,
            content: candidates[best].span,
            score,
        });
    }
    found
}

/// The index of the candidate most likely to match the true content, given
/// the ranker's `scores`: they become probabilities (softmax), and the
/// chosen candidate is the one with the highest chance that the truth is
/// within the evaluation's Jaccard 0.5 of it (minimum Bayes risk over the
/// candidates, which favours a reading most others roughly agree with).
pub fn choose_content(
    analysis: &Analysis,
    candidates: &[spans::Candidate],
    scores: &[f32],
) -> Option<usize> {
    let top = scores.iter().copied().fold(f32::MIN, f32::max);
    let p: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
    let z: f32 = p.iter().sum();
    let chars: Vec<Vec<(usize, usize)>> = candidates.iter().map(|c| c.chars(analysis)).collect();
    let gain = |c: usize| -> f32 {
        (0..candidates.len())
            .filter(|&o| overlap::jaccard(&chars[c], &chars[o]) >= 0.5)
            .map(|o| p[o])
            .sum::<f32>()
            / z
    };
    (0..candidates.len())
        .map(|c| (c, gain(c)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

/// Keeps one attribution per content (the likeliest cue): a content
/// mostly shared with a likelier attribution's (character Jaccard ≥ 0.5,
/// the evaluation's own criterion) is the same report read off two cue
/// words (`spoke` and `about`, `said` and its misparsed clause).
fn dedupe(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    mut found: Vec<Found>,
) -> Vec<Found> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.content.cmp(&b.content)));
    let mut kept: Vec<(Found, Vec<(usize, usize)>)> = Vec::with_capacity(found.len());
    // Contents that share characters share a sentence: each kept content
    // is listed under the sentences it spans, and a new one is compared
    // only with those.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for f in found {
        let c = char_ranges(analysis, &said(analysis, tree, quotes, &f));
        let sentences = analysis.sentence_of(f.content.0)..=analysis.sentence_of(f.content.1);
        let clash = sentences.clone().any(|s| {
            by_sentence
                .get(&s)
                .is_some_and(|ks| ks.iter().any(|&k| overlap::jaccard(&kept[k].1, &c) >= 0.5))
        });
        if !clash {
            for s in sentences {
                by_sentence.entry(s).or_default().push(kept.len());
            }
            kept.push((f, c));
        }
    }
    kept.into_iter().map(|(f, _)| f).collect()
}

/// Whether token `t` opens the sentence after the one holding `cue`
/// (give or take the quotation mark before it).
pub(crate) fn opens_next_sentence(analysis: &Analysis, cue: usize, t: usize) -> bool {
    let next = analysis.sentence_of(cue) + 1;
    analysis.sentence_of(t) == next && t <= analysis.sentences[next].tokens.start + 1
}

/// Jaccard similarity of the characters of two inclusive token ranges
/// (the evaluation's measure).
fn char_jaccard(analysis: &Analysis, a: (usize, usize), b: (usize, usize)) -> f64 {
    let chars = |(f, l): (usize, usize)| (analysis.tokens[f].start, analysis.tokens[l].end);
    let (a, b) = (chars(a), chars(b));
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = (a.1 - a.0) + (b.1 - b.0) - inter;
    if union == 0 {
        return 0.0;
    }
    inter as f64 / union as f64
}

/// Gives each quotation no attribution covers a source: a quotation
/// resumed after its cue in the same paragraph (`“…,” he said. “…”`) joins
/// that attribution's content; one with a speaker clause of its own, after
/// it (`“…,” he said`, a signature line) or introducing it (`X told
/// reporters, “…”`, `X continued:`), takes that clause's source; others
/// take the source of the attribution just before them in the same or the
/// previous paragraph, else none.
fn add_orphans(analysis: &Analysis, quotes: &Quotations, found: &mut Vec<Found>) {
    let tree = Tree::build(analysis);
    let mut covered = vec![false; quotes.regions.len()];
    for f in found.iter() {
        for t in [f.content.0, f.content.1] {
            if let Some(r) = quotes.region_of[t] {
                covered[r as usize] = true;
            }
        }
    }
    let mut before = Before::new(found);
    for (r, region) in quotes.regions.iter().enumerate() {
        if covered[r] {
            continue;
        }
        // An orphan that found its own source speaks for what follows it
        // as a cued quote does (`“…,” said X. “…”`).
        let previous = before.latest(found, region.first);
        let breaks =
            previous.map(|p| paragraphs_between(analysis, found[p].content.1, region.first));
        if let (Some(p), Some(0)) = (previous, breaks) {
            let resumed = quotes.region(found[p].content.1).is_some()
                && (region.first - found[p].content.1 <= MAX_RESUME_GAP
                    || found[p].cue.is_some_and(|c| {
                        found[p].content.1 < c && opens_next_sentence(analysis, c, region.first)
                    }));
            if resumed {
                found[p].content.1 = region.last;
                before.offer(found, p);
                continue;
            }
        }
        if inner_tokens(region) < MIN_ORPHAN_TOKENS {
            continue;
        }
        // A quotation run into a sentence after a word (`vowed to “work
        // hard for the day”`) is a partial quotation or a scare quote,
        // not speech of its own.
        let embedded = region.first > 0
            && analysis.sentence_of(region.first - 1) == analysis.sentence_of(region.first)
            && analysis.tag(region.first - 1).upos != "PUNCT"
            && paragraphs_between(analysis, region.first - 1, region.first) == 0;
        if embedded {
            continue;
        }
        // A colon introduces what follows it; a quotation after a comma
        // is more often the object of a speaker clause after it.
        let colon = region.first > 0 && analysis.token_text(region.first - 1) == ":";
        let source = if colon {
            introducer(analysis, &tree, quotes, region)
                .or_else(|| follower(analysis, &tree, quotes, region))
        } else {
            follower(analysis, &tree, quotes, region)
                .or_else(|| introducer(analysis, &tree, quotes, region))
        }
        .or_else(|| {
            previous
                .filter(|_| breaks.is_some_and(|b| b <= 1))
                .and_then(|p| found[p].source)
        });
        found.push(Found {
            cue: None,
            source,
            content: (region.first, region.last),
            score: 0.0,
        });
        if found[found.len() - 1].source.is_some() {
            before.offer(found, found.len() - 1);
        }
    }
}

/// The attribution whose content ends last before a point moving forward
/// through the text (a cued one preferred on ties): the attributions found
/// before the orphan pass in order of their ends, plus each orphan given a
/// source, so that finding it costs nothing per quotation.
struct Before {
    /// Attributions found before the orphan pass, by the end of their content.
    pending: Vec<usize>,
    next: usize,
    best: Option<usize>,
}

impl Before {
    fn new(found: &[Found]) -> Self {
        let mut pending: Vec<usize> = (0..found.len()).collect();
        pending.sort_by_key(|&p| found[p].content.1);
        Before {
            pending,
            next: 0,
            best: None,
        }
    }

    /// Considers attribution `p` (its content ends before every point
    /// asked about from now on).
    fn offer(&mut self, found: &[Found], p: usize) {
        let key = |p: usize| (found[p].content.1, found[p].cue.is_some(), p);
        if self.best.is_none_or(|b| key(p) > key(b)) {
            self.best = Some(p);
        }
    }

    /// The latest attribution ending before token `first`.
    fn latest(&mut self, found: &[Found], first: usize) -> Option<usize> {
        while let Some(&p) = self.pending.get(self.next) {
            if found[p].content.1 >= first {
                break;
            }
            self.offer(found, p);
            self.next += 1;
        }
        self.best
    }
}

/// The source of the clause a quotation follows after a comma or colon
/// (`Dick Dever, who …, told POLITICO, “…”`, `Stated Stone: “…”`): that
/// clause introduces it, though no cue was taken to govern it.
fn introducer(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    region: &marks::Region,
) -> Option<Source> {
    let mark = region.first.checked_sub(1)?;
    let text = analysis.token_text(mark);
    let same_sentence = analysis.sentence_of(mark) == analysis.sentence_of(region.first);
    // A colon may end the paragraph before a block quotation (`Cruz
    // continued:` ¶ `“…”`).
    let breaks = paragraphs_between(analysis, mark, region.first);
    if !((text == ":" && breaks <= 1) || (text == "," && same_sentence && breaks == 0))
        || quotes.region(mark).is_some()
    {
        return None;
    }
    // The verb the words before the mark hang on.
    let mut verb = mark.checked_sub(1)?;
    for _ in 0..8 {
        if quotes.region(verb).is_some() {
            return None;
        }
        if analysis.tag(verb).upos == "VERB" {
            break;
        }
        verb = analysis.tag(verb).head?;
    }
    if analysis.tag(verb).upos != "VERB" || verb > mark {
        return None;
    }
    speaker::source(analysis, tree, quotes, verb, Frame::Quote)
}

/// The most tokens from a quotation to the verb of a speaker clause after
/// it (`“…,” Trump's senior communications adviser Jason Miller said`).
const MAX_FOLLOWER_GAP: usize = 24;

/// The source of a speaker clause right after a quotation in its sentence
/// (`“…,” he said of the 2016 field.`, `“…” Sanders asked.`, `“…,” agrees
/// Michelle Stevens`): only a noun phrase may stand between the quotation
/// and the clause's verb.
fn follower(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    region: &marks::Region,
) -> Option<Source> {
    let n = analysis.tokens.len();
    // A quotation closed by a full stop has usually ended its sentence
    // and what follows is a new one, unless that is a bare speaker clause
    // (`“….” Viguerie notes.`; `“…?” Sanders asked` is one sentence).
    let inner_last = region.close.map_or(region.last, |c| c.saturating_sub(1));
    let full_stop = analysis.token_text(inner_last) == ".";
    let mut i = region.last + 1;
    if i < n && analysis.token_text(i) == "," {
        i += 1;
    }
    if let Some(source) = signature(analysis, quotes, region, i) {
        return Some(source);
    }
    let sentence = analysis.sentence_of(region.last);
    let limit = (region.last + 1 + MAX_FOLLOWER_GAP).min(n);
    while i < limit {
        if quotes.region(i).is_some()
            || paragraphs_between(analysis, region.last, i) > 0
            || (analysis.sentence_of(i) != sentence && analysis.sentence_of(i) != sentence + 1)
        {
            return None;
        }
        let tag = analysis.tag(i);
        match tag.upos.as_str() {
            "VERB" => {
                if full_stop && !clause_ends(analysis, i) {
                    return None;
                }
                return speaker::source(analysis, tree, quotes, i, Frame::Quote);
            }
            "PROPN" | "NOUN" | "PRON" | "DET" | "ADJ" | "NUM" | "AUX" | "ADV" | "PART" | "ADP"
            | "CCONJ" | "SYM" => {}
            "PUNCT" if matches!(analysis.token_text(i), "," | "-" | "(" | ")") => {}
            _ => return None,
        }
        i += 1;
    }
    None
}

/// A signature line after a quotation: a paragraph of its own opening
/// with a dash and a name (`“…”` ¶ `- Hillary Clinton.`, `-President
/// Obama, tweeting after Clinton's speech.`).
fn signature(
    analysis: &Analysis,
    quotes: &Quotations,
    region: &marks::Region,
    dash: usize,
) -> Option<Source> {
    let n = analysis.tokens.len();
    if dash + 1 >= n
        || paragraphs_between(analysis, region.last, dash) != 1
        || !matches!(analysis.token_text(dash), "-" | "–" | "—")
        || paragraphs_between(analysis, dash, dash + 1) > 0
    {
        return None;
    }
    let first = dash + 1;
    let mut last = first;
    while last < n
        && quotes.region(last).is_none()
        && analysis.tag(last).upos == "PROPN"
        && (last == first || paragraphs_between(analysis, last - 1, last) == 0)
    {
        last += 1;
    }
    let last = last.checked_sub(1).filter(|&l| l >= first)?;
    Some(Source {
        head: last,
        first,
        last,
    })
}

/// Whether the sentence of verb `verb` ends right after it, past
/// particles and adverbs (`Viguerie notes.`, `he added later.`).
fn clause_ends(analysis: &Analysis, verb: usize) -> bool {
    let end = analysis.sentences[analysis.sentence_of(verb)].tokens.end;
    (verb + 1..end).all(|k| {
        matches!(analysis.tag(k).upos.as_str(), "PUNCT" | "ADV" | "ADP")
            && analysis.token_text(k) != ","
    })
}

/// Words that open a headline or a labelled line without naming who
/// speaks (`Editor’s note:`, `Email:`, an interviewer's `Q:`).
const NOT_HEADLINE_SOURCE: [&str; 21] = [
    "latest",
    "breaking",
    "exclusive",
    "revealed",
    "wow",
    "look",
    "boom",
    "busted",
    "byline",
    "watch",
    "video",
    "update",
    "notice",
    "bombshell",
    "note",
    "email",
    "e-mail",
    "q",
    "correction",
    "photo",
    "related",
];

/// A line `Name: what they said`: a headline (`Trump: ‘I’m the Worst
/// Thing…’`, `Poll: Sanders leads`) or a transcript turn (`TAPPER: Do you
/// think …`). The colon is the cue, the short name before it the source,
/// the rest of the line the content; it replaces readings of that content
/// off cue words inside it.
fn headline(analysis: &Analysis, found: &mut Vec<Found>) {
    let n = analysis.tokens.len();
    let mut labelled: Vec<(usize, usize, Found)> = Vec::new();
    let mut start = 0;
    while start < n {
        let line_end = line_end(analysis, start);
        if let Some(f) = labelled_line(analysis, start, line_end) {
            labelled.push((start, line_end, f));
        }
        start = line_end + 1;
    }
    if labelled.is_empty() {
        return;
    }
    // Lines are in text order and disjoint: the ones a reading overlaps
    // are found by binary search.
    found.retain(|g| {
        let from = labelled.partition_point(|l| l.1 < g.content.0);
        labelled[from..]
            .iter()
            .take_while(|l| l.0 <= g.content.1)
            .all(|l| char_jaccard(analysis, g.content, l.2.content) < 0.5)
    });
    found.extend(labelled.into_iter().map(|l| l.2));
}

/// The last token of the line holding token `start`.
fn line_end(analysis: &Analysis, start: usize) -> usize {
    let n = analysis.tokens.len();
    (start..n)
        .find(|&i| {
            i + 1 < n
                && analysis.text[analysis.tokens[i].byte_end..analysis.tokens[i + 1].byte_start]
                    .contains('\n')
        })
        .unwrap_or(n - 1)
}

/// The attribution of line `start..=line_end` when it opens with a short
/// name and a colon.
fn labelled_line(analysis: &Analysis, start: usize, line_end: usize) -> Option<Found> {
    // A transcript turn may open with the quotation mark of a quoted
    // exchange (`"RAMOS: …`).
    let start = if analysis.tag(start).upos == "PUNCT" {
        start + 1
    } else {
        start
    };
    let colon = (start..=line_end.min(start + 5)).find(|&i| analysis.token_text(i) == ":")?;
    if colon == start || colon + 1 > line_end {
        return None;
    }
    let named = (start..colon).any(|i| {
        matches!(analysis.tag(i).upos.as_str(), "PROPN" | "NOUN")
            && analysis.token_text(i).starts_with(char::is_uppercase)
    });
    let excluded = (start..colon).any(|i| {
        let w = analysis.token_text(i).to_lowercase();
        NOT_HEADLINE_SOURCE.contains(&w.as_str())
            || matches!(analysis.tag(i).upos.as_str(), "VERB" | "ADP" | "AUX")
    });
    if !named || excluded {
        return None;
    }
    let mut last = line_end;
    while last > colon + 1 && analysis.tag(last).upos == "PUNCT" && analysis.token_text(last) == "."
    {
        last -= 1;
    }
    Some(Found {
        cue: Some(colon),
        source: Some(Source {
            head: colon - 1,
            first: start,
            last: colon - 1,
        }),
        content: (colon + 1, last),
        score: 1.0,
    })
}

/// The tokens of a quotation without its marks.
fn inner_tokens(region: &marks::Region) -> usize {
    region.last + 1
        - region.first
        - usize::from(region.open.is_some())
        - usize::from(region.close.is_some())
}

/// How many paragraph breaks (runs of white space holding a newline) lie
/// between tokens `a` and `b`.
fn paragraphs_between(analysis: &Analysis, a: usize, b: usize) -> usize {
    analysis.paragraphs_between(a, b)
}

/// `direct` when every word of the content is quoted, `mixed` when some
/// are, else `indirect`.
fn kind(analysis: &Analysis, quotes: &Quotations, pieces: &[(usize, usize)]) -> &'static str {
    let (mut inside, mut outside) = (0, 0);
    for i in pieces.iter().flat_map(|&(first, last)| first..=last) {
        if analysis.token_text(i).chars().any(char::is_alphanumeric) {
            if quotes.region(i).is_some() {
                inside += 1;
            } else {
                outside += 1;
            }
        }
    }
    match (inside, outside) {
        (0, _) => "indirect",
        (_, 0) => "direct",
        _ => "mixed",
    }
}

fn record(
    analysis: &Analysis,
    tree: &Tree,
    actors: &Actors,
    quotes: &Quotations,
    n: usize,
    f: &Found,
) -> Quote {
    let speaker = f
        .source
        .and_then(|s| speaker::speaker(analysis, tree, actors, s.head))
        .and_then(|e| actors.entities.get(e))
        .map(|e| e.id.clone());
    let source = f.source.map(|s| analysis.span_text(s.first, s.last));
    let cue = f.cue.map(|c| {
        let (a, b) = cue_span(analysis, tree, c);
        analysis.span_text(a, b)
    });
    let said = said(analysis, tree, quotes, f);
    Quote {
        id: format!("Q{}", n + 1),
        speaker,
        source,
        cue,
        content: analysis.span_text(f.content.0, f.content.1),
        parts: if said.len() > 1 {
            said.iter()
                .map(|&(a, b)| analysis.span_text(a, b))
                .collect()
        } else {
            Vec::new()
        },
        kind: kind(analysis, quotes, &said).to_string(),
        sentence: analysis.sentence_of(f.cue.unwrap_or(f.content.0)),
    }
}

/// The token ranges of what attribution `f` says was said: its content's
/// [`pieces`] when the cue phrase interrupts it, else its content.
fn said(analysis: &Analysis, tree: &Tree, quotes: &Quotations, f: &Found) -> Vec<(usize, usize)> {
    let pieces = f.cue.map_or_else(Vec::new, |cue| {
        pieces(
            analysis,
            quotes,
            phrase(analysis, tree, cue, f.source),
            f.content,
        )
    });
    if pieces.is_empty() {
        vec![f.content]
    } else {
        pieces
    }
}

/// The character ranges (start, end exclusive) of inclusive token ranges.
pub(crate) fn char_ranges(analysis: &Analysis, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    ranges
        .iter()
        .map(|&(a, b)| (analysis.tokens[a].start, analysis.tokens[b].end))
        .collect()
}

/// What was said in two pieces when the cue phrase interrupts the
/// content: before it, and after it (`“A,” said X, a long description
/// with a “Title.” “B.”` gives the two quotations; `A, he said, B` the
/// clause without `, he said,`). Empty when the content is one piece.
pub(crate) fn pieces(
    analysis: &Analysis,
    quotes: &Quotations,
    (pf, pl): (usize, usize),
    (first, last): (usize, usize),
) -> Vec<(usize, usize)> {
    if !(first < pf && pl < last) || quotes.region(pf).is_some() {
        return Vec::new();
    }
    let set_off = |t: usize| {
        matches!(analysis.token_text(t), "," | "—" | "–" | "-" | "--") && !quotes.is_mark(t)
    };
    let mut before_end = pf - 1;
    while before_end > first && set_off(before_end) {
        before_end -= 1;
    }
    // A quotation after the phrase resumes what was said unless it is run
    // into the speaker's description (`the TV show “Shark Tank.”`).
    let resumed = quotes
        .regions
        .iter()
        .find(|r| r.first > pl && r.first <= last && analysis.tag(r.first - 1).upos == "PUNCT");
    let after_start = match resumed {
        Some(r) if quotes.region(before_end).is_some() => r.first,
        _ => {
            let mut k = pl + 1;
            while k < last && set_off(k) {
                k += 1;
            }
            k
        }
    };
    let says = |(a, b): (usize, usize)| {
        (a..=b).any(|t| analysis.token_text(t).chars().any(char::is_alphanumeric))
    };
    if before_end < first
        || after_start > last
        || !says((first, before_end))
        || !says((after_start, last))
    {
        return Vec::new();
    }
    vec![(first, before_end), (after_start, last)]
}

/// The cue word with its source: what a parenthetical cuts out of the
/// clause it reports.
pub(crate) fn phrase(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    source: Option<Source>,
) -> (usize, usize) {
    let (cue_first, cue_last) = cue_span(analysis, tree, cue);
    source.map_or((cue_first, cue_last), |s| {
        (s.first.min(cue_first), s.last.max(cue_last))
    })
}

/// The cue word with its particles and fixed parts (`pointed out`,
/// `according to`), when they are next to it.
pub(crate) fn cue_span(analysis: &Analysis, tree: &Tree, cue: usize) -> (usize, usize) {
    let (mut first, mut last) = (cue, cue);
    for c in tree.children(cue) {
        let rel = analysis.tag(c).deprel.as_str();
        if (rel == "fixed" || rel == "compound:prt") && (c + 1 == first || c == last + 1) {
            first = first.min(c);
            last = last.max(c);
        }
    }
    (first, last)
}
