//! The learned cue classifier: whether a word in a given syntactic frame
//! introduces an attribution. An averaged logistic regression over the word, its
//! frame and its surroundings in the parse (subject, complement, voice,
//! modality, quotation context), trained on PolNeAR train by
//! [`super::learn`] and shipped as `models/cues.bin`.

use std::sync::OnceLock;

use storyline_nlp::codec::{ByteReader, ByteWriter, decode_file, encode_file};
use storyline_nlp::features::{Feature, FeatureHasher};
use storyline_nlp::perceptron::Model;

use super::cues::{self, Frame};
use super::marks::Quotations;
use super::tree::{Tree, rel_is};
use crate::analysis::Analysis;

/// The model file's kind tag.
pub const KIND: &str = "cues";

/// Class index of "is a cue" (class 0 is "is not").
pub const CUE: usize = 1;

/// A trained cue classifier with its content ranker.
#[derive(Debug)]
pub struct CueModel {
    model: Model,
    ranker: Model,
}

impl CueModel {
    /// Wraps trained weights: the two-class cue classifier and the
    /// one-score content ranker.
    pub fn new(model: Model, ranker: Model) -> CueModel {
        CueModel { model, ranker }
    }

    /// The ranker's score of each content candidate (features of each).
    pub fn rank_scores(&self, candidates: &[Vec<Feature>]) -> Vec<f32> {
        candidates
            .iter()
            .map(|features| {
                let mut score = [0.0f32];
                self.ranker.score_into(features, &mut score);
                score[0]
            })
            .collect()
    }

    /// The margin by which `features` favour "cue" (positive: a cue).
    pub fn margin(&self, features: &[Feature]) -> f32 {
        let mut scores = [0.0f32; 2];
        self.model.score_into(features, &mut scores);
        scores[CUE] - scores[1 - CUE]
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::new();
        self.model.write(&mut w);
        self.ranker.write(&mut w);
        encode_file(KIND, &w.into_bytes())
    }

    /// Reads a model file written by [`CueModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<CueModel, storyline_nlp::ModelError> {
        let payload = decode_file(KIND, bytes)?;
        let mut reader = ByteReader::new(&payload);
        let model = Model::read(&mut reader)?;
        let ranker = Model::read(&mut reader)?;
        if model.n_classes() != 2 || ranker.n_classes() != 1 {
            return Err(storyline_nlp::ModelError::Corrupt(
                "a cue model has a two-class classifier and a one-score ranker".into(),
            ));
        }
        Ok(CueModel { model, ranker })
    }

    /// The shipped classifier, decoded once; `None` when `models/cues.bin`
    /// was missing at build time or is unreadable (then no word is a cue).
    pub fn shipped() -> Option<&'static CueModel> {
        static MODEL: OnceLock<Option<CueModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| crate::models::CUES.and_then(|b| CueModel::from_bytes(b).ok()))
            .as_ref()
    }
}

/// Feature templates (the first argument of every hash).
#[repr(u32)]
enum T {
    Bias = 1,
    Lemma,
    LemmaFrame,
    Word,
    PosFrame,
    Xpos,
    Deprel,
    HeadLemma,
    Case,
    LemmaCase,
    Context,
    LemmaContext,
    Subject,
    LemmaSubject,
    Passive,
    Negated,
    Modal,
    Complement,
    LemmaComplement,
    ComplementPos,
    Quoted,
    Hand,
    Length,
    Headline,
    Left,
    Right,
    SubjectEntity,
    LemmaEntity,
    LemmaPassive,
    LemmaDeprel,
    ComplementStart,
    SentenceQuoted,
    Nested,
    NestedLemma,
    Possessor,
    LemmaStart,
    HeadRel,
    ComplementEntity,
    LemmaComplementPos,
}

fn h(t: T) -> FeatureHasher {
    FeatureHasher::new(t as u32)
}

/// The features of candidate cue `i` in frame `frame`, appended to `out`.
pub fn features(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    entity_of: &[Option<&str>],
    i: usize,
    frame: Frame,
    out: &mut Vec<Feature>,
) {
    let tag = analysis.tag(i);
    let lemma = tag.lemma.to_lowercase();
    let f = frame.name();
    out.push(h(T::Bias).str(f).finish());
    out.push(h(T::Lemma).str(&lemma).finish());
    out.push(h(T::LemmaFrame).str(&lemma).str(f).finish());
    out.push(
        h(T::Word)
            .str(&analysis.token_text(i).to_lowercase())
            .str(f)
            .finish(),
    );
    out.push(h(T::PosFrame).str(&tag.upos).str(f).finish());
    out.push(h(T::Xpos).str(&tag.xpos).finish());
    out.push(h(T::Deprel).str(&tag.deprel).str(f).finish());
    let head_lemma = tag.head.map_or("<root>".to_string(), |h| {
        analysis.tag(h).lemma.to_lowercase()
    });
    out.push(h(T::HeadLemma).str(&head_lemma).str(&tag.deprel).finish());
    if let Some(case) = cues::oblique(analysis, tree, i).and_then(|o| case_word(analysis, tree, o))
    {
        out.push(h(T::Case).str(&case).str(f).finish());
        out.push(h(T::LemmaCase).str(&lemma).str(&case).str(f).finish());
    }
    let context = cues::context(analysis, tree, quotes, i).unwrap_or("-");
    out.push(h(T::Context).str(context).str(f).finish());
    out.push(h(T::LemmaContext).str(&lemma).str(context).finish());
    let subject = subject_kind(analysis, tree, entity_of, i);
    out.push(h(T::Subject).str(subject.0).str(f).finish());
    out.push(h(T::LemmaSubject).str(&lemma).str(subject.0).finish());
    out.push(h(T::SubjectEntity).str(subject.1).str(f).finish());
    out.push(h(T::LemmaEntity).str(&lemma).str(subject.1).finish());
    out.push(h(T::LemmaDeprel).str(&lemma).str(&tag.deprel).finish());
    let sentence = &analysis.sentences[analysis.sentence_of(i)];
    let sentence_quoted = sentence.tokens.clone().any(|t| quotes.is_mark(t));
    out.push(
        h(T::SentenceQuoted)
            .int(u64::from(sentence_quoted))
            .str(f)
            .finish(),
    );
    let passive = tree.children(i).any(|c| {
        let r = analysis.tag(c).deprel.as_str();
        r == "aux:pass" || r == "nsubj:pass"
    });
    out.push(h(T::Passive).int(u64::from(passive)).str(f).finish());
    out.push(
        h(T::LemmaPassive)
            .int(u64::from(passive))
            .str(&lemma)
            .finish(),
    );
    let negated = tree.children(i).any(|c| {
        analysis.tag(c).deprel == "advmod"
            && matches!(
                analysis.token_text(c).to_lowercase().as_str(),
                "not" | "n't" | "never"
            )
    });
    out.push(h(T::Negated).int(u64::from(negated)).finish());
    if let Some(aux) = tree
        .children(i)
        .find(|&c| analysis.tag(c).deprel == "aux" && analysis.tag(c).xpos == "MD")
    {
        out.push(
            h(T::Modal)
                .str(&analysis.tag(aux).lemma.to_lowercase())
                .finish(),
        );
    }
    if let Some(c) = complement(analysis, tree, i, frame) {
        let ct = analysis.tag(c);
        let clemma = ct.lemma.to_lowercase();
        out.push(h(T::Complement).str(&clemma).str(f).finish());
        out.push(h(T::LemmaComplement).str(&lemma).str(&clemma).finish());
        out.push(h(T::ComplementPos).str(&ct.upos).str(&ct.deprel).finish());
        let entity = entity_of.get(c).copied().flatten().unwrap_or("-");
        out.push(h(T::ComplementEntity).str(entity).str(f).finish());
        out.push(h(T::ComplementEntity).str(entity).str(&lemma).finish());
        out.push(
            h(T::LemmaComplementPos)
                .str(&ct.upos)
                .str(&lemma)
                .str(f)
                .finish(),
        );
        let (first, last) = tree.extent(c, &|_| false);
        let quoted = (first..=last).any(|t| quotes.region(t).is_some());
        out.push(h(T::Quoted).int(u64::from(quoted)).str(f).finish());
        let start = analysis.token_text(first).to_lowercase();
        out.push(h(T::ComplementStart).str(&start).str(f).finish());
        out.push(h(T::LemmaStart).str(&start).str(&lemma).finish());
        let length = (last + 1 - first).min(64).ilog2();
        out.push(h(T::Length).int(u64::from(length)).str(f).finish());
    }
    out.push(
        h(T::Hand)
            .int(u64::from(cues::is_hand_listed(&lemma)))
            .str(f)
            .finish(),
    );
    out.push(
        h(T::Headline)
            .int(u64::from(analysis.sentence_of(i) == 0))
            .finish(),
    );
    let nested = reporting_ancestor(analysis, i);
    out.push(
        h(T::Nested)
            .int(u64::from(nested.is_some()))
            .str(f)
            .finish(),
    );
    if let Some(a) = nested {
        out.push(
            h(T::NestedLemma)
                .str(&analysis.tag(a).lemma.to_lowercase())
                .finish(),
        );
    }
    if tag.upos == "NOUN" {
        let possessor = tree
            .children(i)
            .find(|&c| analysis.tag(c).deprel == "nmod:poss")
            .map_or("-", |c| {
                entity_of
                    .get(c)
                    .copied()
                    .flatten()
                    .unwrap_or(analysis.tag(c).upos.as_str())
            });
        out.push(h(T::Possessor).str(possessor).str(&lemma).finish());
    }
    let head_rel = tag
        .head
        .map_or("<root>", |h| analysis.tag(h).deprel.as_str());
    out.push(h(T::HeadRel).str(head_rel).str(&tag.deprel).str(f).finish());
    let word =
        |t: Option<usize>| t.map_or("<s>".to_string(), |t| analysis.token_text(t).to_lowercase());
    let left = (i > sentence.tokens.start).then(|| i - 1);
    let right = (i + 1 < sentence.tokens.end).then_some(i + 1);
    out.push(h(T::Left).str(&word(left)).str(&lemma).finish());
    out.push(h(T::Right).str(&word(right)).str(&lemma).finish());
}

/// The nearest ancestor of `i` (within a few steps) that is a hand-listed
/// speech verb: a report nested in another (`said he believes …`).
fn reporting_ancestor(analysis: &Analysis, i: usize) -> Option<usize> {
    let mut at = analysis.tag(i).head;
    for _ in 0..4 {
        let a = at?;
        if analysis.tag(a).upos == "VERB"
            && cues::is_hand_listed(&analysis.tag(a).lemma.to_lowercase())
        {
            return Some(a);
        }
        at = analysis.tag(a).head;
    }
    None
}

/// The preposition (or multiword case marker) introducing oblique `o`.
fn case_word(analysis: &Analysis, tree: &Tree, o: usize) -> Option<String> {
    tree.children(o)
        .find(|&c| analysis.tag(c).deprel == "case" && c < o)
        .map(|c| analysis.token_text(c).to_lowercase())
}

/// What the frame's content hangs on: the clause, object, oblique or the
/// head a parenthetical interrupts.
fn complement(analysis: &Analysis, tree: &Tree, i: usize, frame: Frame) -> Option<usize> {
    let child = |want: &[&str]| {
        tree.children(i)
            .find(|&c| want.iter().any(|w| rel_is(&analysis.tag(c).deprel, w)))
    };
    match frame {
        Frame::Clause => {
            child(&["ccomp", "acl"]).or_else(|| cues::misparsed_clause(analysis, tree, i))
        }
        Frame::Open => child(&["xcomp", "acl"]),
        Frame::Object => child(&["obj"]),
        Frame::Oblique => cues::oblique(analysis, tree, i),
        Frame::Passive => child(&["nsubj:pass"]),
        Frame::Quote => {
            child(&["ccomp", "parataxis", "obj", "xcomp", "dep", "advcl"]).or(analysis.tag(i).head)
        }
        Frame::Parenthetical | Frame::Case => analysis.tag(i).head,
        Frame::Other => None,
    }
}

/// The kind of the subject of `i` (`none`, `I`, `pron`, `name`, `noun`)
/// and its entity label when it is (part of) a named mention.
fn subject_kind(
    analysis: &Analysis,
    tree: &Tree,
    entity_of: &[Option<&str>],
    i: usize,
) -> (&'static str, &'static str) {
    let Some(s) = tree
        .children(i)
        .find(|&c| rel_is(&analysis.tag(c).deprel, "nsubj"))
    else {
        return ("none", "-");
    };
    let entity = match entity_of.get(s).copied().flatten() {
        Some("PER") => "PER",
        Some("ORG") => "ORG",
        Some("LOC") => "LOC",
        Some(_) => "MISC",
        None => "-",
    };
    let kind = match analysis.tag(s).upos.as_str() {
        "PRON" => match analysis.token_text(s).to_lowercase().as_str() {
            "i" | "we" | "you" => "I",
            _ => "pron",
        },
        "PROPN" => "name",
        _ => "noun",
    };
    (kind, entity)
}

/// The entity label of every token inside a named mention.
pub fn entity_labels(analysis: &Analysis) -> Vec<Option<&str>> {
    let mut labels = vec![None; analysis.tokens.len()];
    for m in &analysis.mentions {
        for slot in labels.iter_mut().take(m.end).skip(m.start) {
            *slot = Some(m.label.as_str());
        }
    }
    labels
}
