//! Evaluation of Storyline on public data sets: readers of the data-set
//! formats and the scorers of every stage.
//!
//! The product crates hold what produces a record and the trainers of its
//! models; the trainers take examples in their own types
//! ([`storyline_nlp::treebank::TreebankSentence`],
//! [`storyline_nlp::ner::NerSentence`],
//! [`storyline_extract::quotes::learn::GoldText`]), which the readers here
//! produce from the files. No library of the product depends on this
//! crate; the `storyline` command does, for `eval` and `train`.
//!
//! Readers: [`conllu`] (UD treebanks), [`conll2003`] (entity tags),
//! [`polnear`] (attributions in brat standoff), [`timeml`] (TIMEX3),
//! [`ecbplus`] (ECB+ articles by topic and sub-topic), [`timeline17`]
//! (Timeline17 articles and gold timelines) and [`gold`] (the hand-made
//! expected readings of articles).
//!
//! Scorers: [`tokens`] (tokenizer and segmenter), [`ud`] (tagger,
//! lemmatiser and parser), [`article_extraction`] (the HTML reader),
//! [`attribution`] (quotes), [`actors`] (entities), [`events`] (events and
//! stances), [`timex`] (time expressions), [`duplicates`]
//! (near-duplicate linking in the store), [`clustering`] (B-cubed and
//! pairwise scores of story clusters) and [`tilse`] (Date-F1 and
//! concat/alignment ROUGE of timelines). Named entities on CoNLL-2003
//! are scored by [`storyline_nlp::ner::evaluate_ner`], which stays with the
//! recogniser because its training chooses epochs by that score.

pub mod actors;
pub mod article_extraction;
pub mod attribution;
pub mod clustering;
pub mod conll2003;
pub mod conllu;
mod detok;
pub mod duplicates;
pub mod ecbplus;
pub mod events;
pub mod gold;
pub mod polnear;
pub mod story_gold;
pub mod tilse;
pub mod timeline17;
pub mod timeml;
pub mod timex;
pub mod tokens;
pub mod ud;
