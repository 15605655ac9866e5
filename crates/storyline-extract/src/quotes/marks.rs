//! Quotation-mark structure: which stretches of a document are quoted.
//!
//! Double marks (curly `“ ”`, low `„`, guillemets, straight `"`) delimit
//! quotations; single marks nested inside them are part of the quoted text.
//! News style reopens a quotation that runs over paragraphs at the start of
//! each paragraph without closing the previous one, so an unclosed quotation
//! continues when the next paragraph opens with a mark and ends at the
//! paragraph break otherwise. Unbalanced marks never stop the scan: a closer
//! without an opener quotes from the start of its paragraph (or the end of
//! the previous quotation there).

use crate::analysis::Analysis;

/// One quoted stretch of text, in token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The opening mark token, when there is one.
    pub open: Option<usize>,
    /// The closing mark token, when there is one.
    pub close: Option<usize>,
    /// First token of the region, the opening mark included.
    pub first: usize,
    /// Last token of the region (inclusive), the closing mark included.
    pub last: usize,
    /// Whether the quotation runs over more than one paragraph.
    pub paragraphs: bool,
}

/// How a mark can act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark between two words or two spaces.
    Either,
}

/// The quoted regions of a document and, for each token, the region
/// holding it.
#[derive(Debug, Clone, Default)]
pub struct Quotations {
    /// Regions in text order, never overlapping.
    pub regions: Vec<Region>,
    /// For each token, the index of its region.
    pub region_of: Vec<Option<u32>>,
}

impl Quotations {
    /// The region holding token `i`.
    pub fn region(&self, i: usize) -> Option<&Region> {
        self.region_of
            .get(i)
            .copied()
            .flatten()
            .map(|r| &self.regions[r as usize])
    }

    /// Whether token `i` is a quotation mark of a region (not quoted text).
    pub fn is_mark(&self, i: usize) -> bool {
        self.region(i)
            .is_some_and(|r| r.open == Some(i) || r.close == Some(i))
    }
}

/// Whether a token is a double quotation mark, and how it can act.
fn double_mark(analysis: &Analysis, i: usize) -> Option<Role> {
    match analysis.token_text(i) {
        "“" | "„" | "«" | "``" => Some(Role::Open),
        "”" | "»" => Some(Role::Close),
        // Some archives write two apostrophes for both marks.
        "\"" | "''" => Some(straight_role(analysis, i)),
        _ => None,
    }
}

/// A straight mark opens when it follows a space (or the start) and
/// precedes a word, and closes when it follows a word.
fn straight_role(analysis: &Analysis, i: usize) -> Role {
    let t = &analysis.tokens[i];
    let before = analysis.text[..t.byte_start].chars().next_back();
    let after = analysis.text[t.byte_end..].chars().next();
    let spacey = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let closey =
        |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-".contains(c));
    match (spacey(before), closey(after)) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// Whether a paragraph break (a newline) lies between tokens `i - 1` and `i`.
fn breaks_before(analysis: &Analysis, i: usize) -> bool {
    i > 0 && {
        let gap = &analysis.text[analysis.tokens[i - 1].byte_end..analysis.tokens[i].byte_start];
        gap.contains('\n')
    }
}

/// Finds the quoted regions of a document in one pass over its tokens.
pub fn find(analysis: &Analysis) -> Quotations {
    let n = analysis.tokens.len();
    let mut regions = Vec::new();
    // The open region's first token and mark, and whether it crossed a break.
    let mut open: Option<(usize, Option<usize>, bool)> = None;
    let mut paragraph_start = 0;
    // Quoted text starts no earlier than the end of the paragraph's last region.
    let mut free_from = 0;
    for i in 0..n {
        let role = double_mark(analysis, i);
        if breaks_before(analysis, i) {
            paragraph_start = i;
            free_from = i;
            if let Some((first, mark, _)) = open {
                if role.is_some_and(|r| r != Role::Close) {
                    // A reopening mark: the quotation runs on.
                    open = Some((first, mark, true));
                    continue;
                }
                regions.push(Region {
                    open: mark,
                    close: None,
                    first,
                    last: i - 1,
                    paragraphs: open.is_some_and(|o| o.2),
                });
                open = None;
            }
        }
        let Some(role) = role else { continue };
        match (open, role) {
            (None, Role::Open | Role::Either) => open = Some((i, Some(i), false)),
            (None, Role::Close) => {
                // A closer with no opener quotes back to where quoting could start.
                let first = free_from.max(paragraph_start);
                regions.push(Region {
                    open: None,
                    close: Some(i),
                    first,
                    last: i,
                    paragraphs: false,
                });
                free_from = i + 1;
            }
            (Some((first, mark, paragraphs)), Role::Close | Role::Either) => {
                regions.push(Region {
                    open: mark,
                    close: Some(i),
                    first,
                    last: i,
                    paragraphs,
                });
                open = None;
                free_from = i + 1;
            }
            (Some((first, mark, paragraphs)), Role::Open) => {
                // An opener inside a quotation: the previous closer is missing.
                if i > first {
                    regions.push(Region {
                        open: mark,
                        close: None,
                        first,
                        last: i - 1,
                        paragraphs,
                    });
                }
                open = Some((i, Some(i), false));
            }
        }
    }
    if let Some((first, mark, paragraphs)) = open
        && n > first
    {
        regions.push(Region {
            open: mark,
            close: None,
            first,
            last: n - 1,
            paragraphs,
        });
    }
    let mut region_of = vec![None; n];
    for (r, region) in regions.iter().enumerate() {
        for slot in &mut region_of[region.first..=region.last] {
            *slot = Some(r as u32);
        }
    }
    Quotations { regions, region_of }
}
