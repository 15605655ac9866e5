//! The BILOU tag set and its transition constraints.
//!
//! BILOU (Begin, Inside, Last, Unit, Outside) rather than the IOB2 of the
//! data: Ratinov & Roth (2009) found it learns better, because the ends of
//! names (`Inc.`, `Ltd`, surnames) get labels of their own.

/// Entity types in tag order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Number of BILOU tags: `O` plus B/I/L/U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();
/// The `O` tag.
pub const O: usize = 0;

/// Position of a token in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// First token of a multi-token entity.
    B = 0,
    /// Inner token of an entity of three or more tokens.
    I = 1,
    /// Last token of a multi-token entity.
    L = 2,
    /// A one-token entity.
    U = 3,
}

/// The tag id for entity type `ty` (index into [`TYPES`]) at position `pos`.
pub fn tag(ty: usize, pos: Pos) -> usize {
    1 + ty * 4 + pos as usize
}

/// Type index and position of a tag, `None` for `O`.
pub fn split(tag: usize) -> Option<(usize, Pos)> {
    if tag == O {
        return None;
    }
    let pos = match (tag - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some(((tag - 1) / 4, pos))
}

/// Printable name of a tag (`O`, `B-PER`, `U-LOC`, …).
pub fn tag_name(tag: usize) -> String {
    match split(tag) {
        None => "O".to_string(),
        Some((ty, pos)) => format!("{pos:?}-{}", TYPES[ty]),
    }
}

/// Whether `next` may follow `prev` (`None` = start of the sentence).
pub fn allowed(prev: Option<usize>, next: usize) -> bool {
    let open = prev
        .and_then(split)
        .filter(|(_, p)| matches!(p, Pos::B | Pos::I));
    match (open, split(next)) {
        // Inside an entity: only its continuation or its end may follow.
        (Some((ty, _)), Some((ty2, p))) => ty == ty2 && matches!(p, Pos::I | Pos::L),
        (Some(_), None) => false,
        // Outside: only O or a new entity may follow.
        (None, None) => true,
        (None, Some((_, p))) => matches!(p, Pos::B | Pos::U),
    }
}

/// Whether a sentence may end with `tag` (no entity left open).
pub fn allowed_end(tag: usize) -> bool {
    !matches!(split(tag), Some((_, Pos::B | Pos::I)))
}

/// An entity chunk: `(start, end, type index)`, end-exclusive.
pub type Chunk = (usize, usize, usize);

/// Entity chunks of a BILOU sequence. Ill-formed sequences (which the
/// constrained decoder never produces) are read leniently, as conlleval would.
pub fn bilou_chunks(tags: &[usize]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    out.push((s, i, ty));
                }
            }
            Some((ty, pos)) => {
                let continues = matches!(pos, Pos::I | Pos::L) && open.is_some_and(|o| o.1 == ty);
                if !continues {
                    if let Some((s, oty)) = open.take() {
                        out.push((s, i, oty));
                    }
                    open = Some((i, ty));
                }
                if matches!(pos, Pos::L | Pos::U) {
                    let (s, ty) = open.take().expect("opened above");
                    out.push((s, i + 1, ty));
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Entity chunks of IOB2 (or IOB1) tags with conlleval's rules: a chunk
/// starts at `B-X`, or at `I-X` after a tag of another type or `O`.
pub fn iob_chunks(tags: &[String]) -> Result<Vec<Chunk>, String> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        if t == "O" {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
            continue;
        }
        let (prefix, name) = t.split_once('-').ok_or_else(|| format!("bad tag {t:?}"))?;
        let ty = TYPES
            .iter()
            .position(|&x| x == name)
            .ok_or_else(|| format!("unknown entity type in tag {t:?}"))?;
        let continues = prefix == "I" && open.is_some_and(|o| o.1 == ty);
        if !continues {
            if !matches!(prefix, "B" | "I") {
                return Err(format!("bad tag {t:?}"));
            }
            if let Some((s, oty)) = open.take() {
                out.push((s, i, oty));
            }
            open = Some((i, ty));
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    Ok(out)
}

/// The BILOU tag sequence of `n` tokens holding `chunks`.
pub fn chunks_to_bilou(n: usize, chunks: &[Chunk]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for &(s, e, ty) in chunks {
        if e - s == 1 {
            tags[s] = tag(ty, Pos::U);
        } else {
            tags[s] = tag(ty, Pos::B);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(ty, Pos::I);
            }
            tags[e - 1] = tag(ty, Pos::L);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let iob: Vec<String> = [
            "B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG", "I-ORG",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let chunks = iob_chunks(&iob).unwrap();
        assert_eq!(chunks, [(0, 2, 0), (3, 4, 2), (4, 5, 2), (5, 8, 1)]);
        assert_eq!(bilou_chunks(&chunks_to_bilou(8, &chunks)), chunks);
    }
}
