//! Events and stances: who did what to whom, where and when, with what
//! modality; and where each party stands on the contested issues.
//!
//! Events ([`find_events`]) start from trigger verbs and event nouns in
//! `lexicons/event_triggers.txt` ([`triggers`]); arguments come from the
//! dependency parse ([`arguments`]): subjects, agents and possessors are
//! actors, objects and `with`-phrases targets; a LOC entity attached by
//! `in`/`at` is the place and an attached (else sentence-level) date the
//! time; [`modality`] reads auxiliaries, negation and hedges. Capitals and
//! seats of government acting stand for their country.
//!
//! Stances ([`find_stances`], [`stances`]) come from verbal, nominal,
//! relative-clause and attributed cues in `lexicons/stance_cues.txt`.

pub mod arguments;
pub mod doc;
pub mod lexicon;
pub mod modality;
pub mod stances;
pub mod triggers;

use std::collections::HashMap;

use crate::actors::Actors;
use crate::analysis::Analysis;
use crate::record::{Event, Quote, Stance};
use crate::time::TimeAnnotations;
use arguments::Governor;
use doc::Doc;

/// Event types whose two sides are interchangeable; they share the place
/// and date of a meeting of the same parties reported just before.
const MEETING_FAMILY: &[&str] = &["MEET", "NEGOTIATE", "AGREE", "CONSULT"];

/// Types whose clausal complement is the content of the act, not an event
/// of its own (`demanded that troops withdraw`).
const CONTENT_TYPES: &[&str] = &[
    "DEMAND",
    "APPEAL",
    "REJECT",
    "CRITICIZE",
    "THREATEN",
    "INVESTIGATE",
    "STATEMENT",
];

/// Prepositions that attach a place.
const PLACE_PREPS: &[&str] = &["in", "at", "near", "inside", "outside", "on", "into", "to"];

/// One event while its arguments are read.
struct Draft {
    cand: triggers::Cand,
    actors: Vec<usize>,
    targets: Vec<usize>,
    place: Option<usize>,
    time: Option<String>,
    invite_for: bool,
    /// The invitation's trigger, for the talks it invites to.
    invitation: Option<usize>,
}

/// Finds the document's events. Ids are `V1`, `V2`, … in text order.
/// `published` is the document's date (`YYYY-MM-DD`), when known; an event
/// dated after it is planned.
pub fn find_events(
    analysis: &Analysis,
    actors: &Actors,
    times: &TimeAnnotations,
    quotes: &[Quote],
    published: Option<&str>,
) -> Vec<Event> {
    if analysis.tags.len() != analysis.tokens.len() || analysis.tokens.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(analysis, actors);
    let mut drafts: Vec<Draft> = Vec::new();
    let inside_issue = issue_cover(&doc, &stances::issue_ranges(&doc, quotes));
    for cand in triggers::find(&doc) {
        let t = cand.token;
        if inside_issue[t] && !stances::is_cue(&doc, t) {
            continue;
        }
        if let Some(d) = draft(&doc, cand, &drafts) {
            drafts.push(d);
        }
    }
    attach_places(&doc, &mut drafts);
    attach_times(&doc, times, &mut drafts);
    // Talks an invitation is for take place where the guest is invited.
    let by_token = DraftIndex::new(&drafts);
    for i in 0..drafts.len() {
        if let Some(inv) = drafts[i].invitation
            && let Some(j) = by_token.trigger(inv)
        {
            let (place, time) = (drafts[j].place, drafts[j].time.clone());
            drafts[i].place = drafts[i].place.or(place);
            if drafts[i].time.is_none() {
                drafts[i].time = time;
            }
        }
    }
    // Only a real publication date says what lies in the future: an
    // anchor guessed from the text is usually the first date it mentions.
    let anchor = published.map(|p| p.get(..10).unwrap_or(p).to_string());
    let mut events: Vec<Event> = Vec::new();
    let mut kept_kinds: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let reports = modality::ReportSpans::new(quotes);
    for d in &drafts {
        if d.actors.is_empty() && d.targets.is_empty() {
            continue;
        }
        if d.cand.occasion && (d.actors.is_empty() || (d.place.is_none() && d.time.is_none())) {
            continue;
        }
        // `the meeting`, `this invitation`: a mention of an event already
        // recorded, unless it brings its own place or date.
        let t = d.cand.token;
        let definite = doc.kids(t).iter().any(|&k| {
            doc.deprel(k) == "det"
                && matches!(doc.lower(k), "the" | "this" | "that" | "these" | "those")
        });
        if d.cand.noun
            && definite
            && d.place.is_none()
            && d.time.is_none()
            && kept_kinds.contains(d.cand.kind)
        {
            continue;
        }
        let after = match (&d.time, &anchor) {
            (Some(t), Some(a)) => t.len() >= 10 && a.len() >= 10 && t[..10] > a[..10],
            _ => false,
        };
        let modality = modality::modality(&doc, t, d.cand.verb(), d.invite_for, after, &reports);
        let ids = |v: &[usize]| -> Vec<String> {
            v.iter().map(|&e| actors.entities[e].id.clone()).collect()
        };
        let (first, last) = match d.cand.light {
            Some(l) if l < t && doc.a.sentence_of(l) == doc.a.sentence_of(t) => (l, t),
            _ => (t, t),
        };
        events.push(Event {
            id: String::new(),
            kind: d.cand.kind.to_string(),
            cameo: d.cand.cameo.to_string(),
            trigger: analysis.span_text(first, last),
            actors: ids(&d.actors),
            targets: ids(&d.targets),
            place: d.place.map(|e| actors.entities[e].id.clone()),
            time: d.time.clone(),
            modality: modality.to_string(),
            sentence: analysis.sentence_of(t),
        });
        kept_kinds.insert(d.cand.kind);
    }
    share_meeting_setting(&mut events);
    for (n, e) in events.iter_mut().enumerate() {
        e.id = format!("V{}", n + 1);
    }
    events
}

/// Reads a trigger's actors and targets; `None` when the trigger is not an
/// event of its own.
fn draft(doc: &Doc, cand: triggers::Cand, earlier: &[Draft]) -> Option<Draft> {
    let t = cand.token;
    let mut invite_for = false;
    let mut invitation = None;
    let mut actor_tokens: Vec<usize>;
    let mut target_tokens = Vec::new();
    let mut actors_from_invite: Vec<usize> = Vec::new();
    if cand.noun {
        // Future talks an invitation is for: planned, between the
        // inviter and the invited.
        let mut np = t;
        while doc.case(np) != Some("for")
            && doc.base(np) == "nmod"
            && doc.head(np).is_some_and(|h| doc.upos(h) == "NOUN")
        {
            np = doc.head(np).unwrap_or(np);
        }
        // The invitation governs the noun, so it is in the noun's sentence.
        let sentence_start = doc.a.sentences[doc.a.sentence_of(t)].tokens.start;
        if doc.case(np) == Some("for")
            && let Some(inv) = earlier
                .iter()
                .rev()
                .take_while(|d| d.cand.token >= sentence_start)
                .find(|d| {
                    d.cand.kind == "INVITE" && {
                        let mut cur = t;
                        let mut hit = false;
                        for _ in 0..3 {
                            match doc.head(cur) {
                                Some(h) if h == d.cand.token => {
                                    hit = true;
                                    break;
                                }
                                Some(h) => cur = h,
                                None => break,
                            }
                        }
                        hit
                    }
                })
        {
            invite_for = true;
            invitation = Some((inv.cand.token, inv.place, inv.time.clone()));
            actors_from_invite = inv.actors.iter().chain(&inv.targets).copied().collect();
        }
        match arguments::governor(doc, t) {
            Governor::Content(_) if !invite_for => return None,
            Governor::Light(l) => {
                actor_tokens = arguments::noun_actors(doc, t);
                if actor_tokens.is_empty() {
                    actor_tokens = arguments::subjects_or_linear(doc, l);
                }
                target_tokens.extend(verb_targets(doc, l, &cand, Some(t)));
            }
            Governor::Verb(v) => {
                actor_tokens = arguments::noun_actors(doc, t);
                if actor_tokens.is_empty() {
                    actor_tokens = arguments::subjects(doc, v)
                        .into_iter()
                        .filter(|&s| s != t)
                        .collect();
                }
            }
            _ => actor_tokens = arguments::noun_actors(doc, t),
        }
        target_tokens.extend(noun_targets(doc, t, &cand));
    } else {
        // The content of a demand, accusation or rejection is not an event.
        let mut cur = t;
        for _ in 0..4 {
            let Some(h) = doc.head(cur) else { break };
            if !matches!(doc.base(cur), "xcomp" | "ccomp" | "acl" | "csubj" | "advcl") {
                break;
            }
            if doc.base(cur) != "advcl" && blocks(doc, h) {
                return None;
            }
            if doc.is_verb(h) {
                break;
            }
            cur = h;
        }
        actor_tokens = arguments::subjects_or_linear(doc, t);
        target_tokens = verb_targets(doc, t, &cand, None);
    }
    let mut actors: Vec<usize> = Vec::new();
    for &a in &actor_tokens {
        for e in doc.entities(a, true) {
            if !actors.contains(&e) {
                actors.push(e);
            }
        }
    }
    let mut targets: Vec<usize> = Vec::new();
    for &a in &target_tokens {
        for e in doc.entities(a, true) {
            if !targets.contains(&e) && !actors.contains(&e) {
                targets.push(e);
            }
        }
    }
    if invite_for && actors.is_empty() {
        actors = actors_from_invite;
    }
    Some(Draft {
        cand,
        actors,
        targets,
        place: None,
        time: None,
        invite_for,
        invitation: invitation.map(|i| i.0),
    })
}

/// Whether a clause governed by `h` is its content.
fn blocks(doc: &Doc, h: usize) -> bool {
    let pos = if doc.upos(h) == "NOUN" {
        lexicon::Pos::Noun
    } else {
        lexicon::Pos::Verb
    };
    !lexicon::lexicon().cues(doc.lemma(h), pos).is_empty()
        || triggers::entry(doc, h).is_some_and(|e| CONTENT_TYPES.contains(&e.kind) && !e.occasion)
}

/// Target tokens of clause `v`: objects, `with`/`against`/`on` phrases,
/// recipients; a non-entity object gives the entities of its `of` phrase
/// (`approved the merger of A and B`).
fn verb_targets(doc: &Doc, v: usize, cand: &triggers::Cand, skip: Option<usize>) -> Vec<usize> {
    let pass = arguments::passive(doc, v);
    let mut out = Vec::new();
    for &k in doc.kids(v) {
        if Some(k) == skip || doc.relative(k) {
            continue;
        }
        let d = doc.deprel(k);
        let case = doc.case(k);
        let base = if case.is_some() && doc.base(k) != "nsubj" {
            "obl"
        } else {
            doc.base(k)
        };
        let take = match base {
            "obj" | "iobj" => cand.kind != "VISIT" || doc.place_entity(k).is_none(),
            "nsubj" => d == "nsubj:pass" && pass,
            // The parser gives case-marked nominals various relations.
            "obl" => match case {
                Some("with" | "against" | "upon") => true,
                Some("on") => matches!(
                    cand.kind,
                    "SANCTION" | "ATTACK" | "APPEAL" | "DEMAND" | "CRITICIZE" | "THREATEN"
                ),
                Some("to") => cand.kind == "AID",
                None => doc.place_entity(k).is_none() && doc.upos(k) == "PROPN",
                _ => false,
            },
            _ => false,
        };
        if !take {
            continue;
        }
        if doc.entities(k, true).is_empty()
            && (doc.base(k) == "obj" || (doc.base(k) == "obl" && case.is_none()))
        {
            // `the merger of A and B`
            out.extend(
                doc.kids(k)
                    .iter()
                    .copied()
                    .filter(|&c| doc.base(c) == "nmod" && doc.case(c) == Some("of")),
            );
        }
        out.push(k);
    }
    out
}

/// Target tokens of an event noun from its own phrases.
fn noun_targets(doc: &Doc, n: usize, cand: &triggers::Cand) -> Vec<usize> {
    arguments::noun_pps(doc, n)
        .into_iter()
        .filter(|(_, c)| match c.as_str() {
            "with" | "against" => true,
            "on" => matches!(cand.kind, "SANCTION" | "ATTACK" | "CRITICIZE" | "DEMAND"),
            "of" => matches!(
                cand.kind,
                "ATTACK" | "ARREST" | "INVESTIGATE" | "AGREE" | "CRITICIZE"
            ),
            "to" => cand.kind == "AID",
            "for" => matches!(cand.kind, "DEMAND" | "APPEAL"),
            _ => false,
        })
        // In `demands for Ukrainian forces to withdraw` the target is the
        // clause's subject, not its verb.
        .flat_map(|(k, _)| {
            if arguments::for_to_clause(doc, k) {
                arguments::subjects(doc, k)
            } else {
                vec![k]
            }
        })
        .collect()
}

/// The draft an argument at `token` belongs to, climbing its heads to the
/// nearest trigger or light verb. Speech verbs that need an occasion take
/// only what attaches to them directly.
fn owner(doc: &Doc, token: usize, drafts: &[Draft], index: &DraftIndex) -> Option<usize> {
    let mut cur = token;
    for step in 0..8 {
        let h = doc.head(cur)?;
        if let Some(i) = index.at(h)
            && (!drafts[i].cand.occasion || step == 0)
        {
            return Some(i);
        }
        cur = h;
    }
    None
}

fn attach_places(doc: &Doc, drafts: &mut [Draft]) {
    let index = DraftIndex::new(drafts);
    for (m, e) in doc.mention_heads() {
        if doc.actors.entities[e].kind != "LOC" {
            continue;
        }
        let Some(prep) = doc.case(m) else {
            continue;
        };
        if !PLACE_PREPS.contains(&prep) {
            continue;
        }
        let Some(i) = owner(doc, m, drafts, &index) else {
            continue;
        };
        let d = &mut drafts[i];
        let ok = match prep {
            "to" | "into" => matches!(d.cand.kind, "INVITE" | "VISIT" | "MOBILIZE"),
            "on" => false,
            _ => true,
        };
        if ok && d.place.is_none() && !d.targets.contains(&e) && !d.actors.contains(&e) {
            d.place = Some(e);
        }
    }
    // `visited Manila`: the visited place.
    for d in drafts.iter_mut() {
        if d.cand.kind == "VISIT"
            && d.place.is_none()
            && let Some(v) = d.cand.verb()
        {
            d.place = doc.kids_rel(v, "obj").find_map(|k| doc.place_entity(k));
        }
    }
}

fn attach_times(doc: &Doc, times: &TimeAnnotations, drafts: &mut [Draft]) {
    let toks = &doc.a.tokens;
    let index = DraftIndex::new(drafts);
    let mut loose: Vec<(usize, String)> = Vec::new();
    for t in &times.times {
        if !matches!(t.kind.as_str(), "DATE" | "TIME") {
            continue;
        }
        let Some(value) = t
            .value
            .as_ref()
            .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        else {
            continue;
        };
        let first = toks.partition_point(|k| k.end <= t.start);
        let last = toks.partition_point(|k| k.start < t.end);
        if first >= last {
            continue;
        }
        let head = (first..last)
            .find(|&k| doc.head(k).is_none_or(|h| h < first || h >= last))
            .unwrap_or(first);
        match owner(doc, head, drafts, &index) {
            Some(i) => {
                if drafts[i].time.is_none() {
                    drafts[i].time = Some(value.clone());
                }
            }
            None => loose.push((doc.a.sentence_of(head), value.clone())),
        }
    }
    // A date no trigger governs dates the sentence's events.
    let mut of_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        of_sentence
            .entry(doc.a.sentence_of(d.cand.token))
            .or_default()
            .push(i);
    }
    for (s, value) in loose {
        let Some(members) = of_sentence.get(&s) else {
            continue;
        };
        let undated = |i: &&usize| drafts[**i].time.is_none();
        let regular = members
            .iter()
            .filter(undated)
            .any(|&i| !drafts[i].cand.occasion);
        for &i in members {
            if drafts[i].time.is_none() && drafts[i].cand.occasion != regular {
                drafts[i].time = Some(value.clone());
            }
        }
    }
}

/// The first draft at each token: by trigger or light verb, and by
/// trigger alone.
struct DraftIndex {
    any: HashMap<usize, usize>,
    triggers: HashMap<usize, usize>,
}

impl DraftIndex {
    fn new(drafts: &[Draft]) -> Self {
        let (mut any, mut triggers) = (HashMap::new(), HashMap::new());
        for (i, d) in drafts.iter().enumerate() {
            any.entry(d.cand.token).or_insert(i);
            triggers.entry(d.cand.token).or_insert(i);
            if let Some(l) = d.cand.light {
                any.entry(l).or_insert(i);
            }
        }
        DraftIndex { any, triggers }
    }

    /// The first draft whose trigger or light verb is `token`.
    fn at(&self, token: usize) -> Option<usize> {
        self.any.get(&token).copied()
    }

    /// The first draft triggered at `token` (light verbs aside).
    fn trigger(&self, token: usize) -> Option<usize> {
        self.triggers.get(&token).copied()
    }
}

/// For each token, whether it lies inside an issue phrase whose cue is
/// another token (a difference array over the ranges, so overlapping
/// phrases cost their length once).
fn issue_cover(doc: &Doc, issues: &[(usize, usize, usize)]) -> Vec<bool> {
    let n = doc.len();
    let mut depth = vec![0i64; n + 1];
    let mut own_cue = vec![0i64; n];
    for &(cue, a, b) in issues {
        if a > b || a >= n {
            continue;
        }
        depth[a] += 1;
        depth[(b + 1).min(n)] -= 1;
        if a <= cue && cue <= b && cue < n {
            own_cue[cue] += 1;
        }
    }
    let mut running = 0;
    (0..n)
        .map(|t| {
            running += depth[t];
            running - own_cue[t] > 0
        })
        .collect()
}

/// Talks and agreements between parties who just met share the meeting's
/// place and date when the text gives them none of their own.
fn share_meeting_setting(events: &mut [Event]) {
    for i in 0..events.len() {
        if !MEETING_FAMILY.contains(&events[i].kind.as_str())
            || !matches!(events[i].modality.as_str(), "actual" | "negated")
            || (events[i].place.is_some() && events[i].time.is_some())
        {
            continue;
        }
        let parties: Vec<String> = events[i]
            .actors
            .iter()
            .chain(&events[i].targets)
            .cloned()
            .collect();
        // Events are in text order: only the last two sentences' count.
        let source = (0..i)
            .rev()
            .take_while(|&j| events[i].sentence <= events[j].sentence + 2)
            .find(|&j| {
                let e = &events[j];
                matches!(e.kind.as_str(), "MEET" | "NEGOTIATE")
                    && e.modality == "actual"
                    && (e.place.is_some() || e.time.is_some())
                    && e.actors
                        .iter()
                        .chain(&e.targets)
                        .any(|p| parties.contains(p))
            });
        if let Some(j) = source {
            let (place, time) = (events[j].place.clone(), events[j].time.clone());
            let e = &mut events[i];
            if e.place.is_none() {
                e.place = place;
            }
            if e.time.is_none() {
                e.time = time;
            }
        }
    }
}

/// Finds the positions parties take on issues (see [`stances`]).
pub fn find_stances(analysis: &Analysis, actors: &Actors, quotes: &[Quote]) -> Vec<Stance> {
    if analysis.tags.len() != analysis.tokens.len() || analysis.tokens.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(analysis, actors);
    stances::find(&doc, quotes)
}
