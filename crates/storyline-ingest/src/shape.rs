//! A linear look at an HTML page's markup before the full parser sees it.
//!
//! The HTML parser under the article extractor follows the HTML standard's
//! tree construction, which checks the stack of open elements for each
//! start tag: 5,000 nested `<div>` take about 6 s and 20,000 about 90 s,
//! growing with the square of the depth. A page nested deeper than any real
//! article is therefore read as plain text by the linear tag stripper.

/// Deepest nesting of elements handed to the article extractor. News pages
/// nest a few dozen levels; the extractor reads 500 levels in well under a
/// second.
pub const MAX_DEPTH: usize = 500;

/// Most elements handed to the article extractor (a long article page has
/// a few thousand).
pub const MAX_ELEMENTS: usize = 400_000;

/// Elements whose end tag may be left out (`<p>` ends at the next `<p>`)
/// or that never have content: they do not deepen the tree as written.
fn opens_no_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "colgroup"
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "html"
            | "head"
            | "body"
    )
}

/// What the markup of a page looks like, counted in one pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of elements that need an end tag.
    pub depth: usize,
    /// Start tags.
    pub elements: usize,
}

impl Shape {
    /// Why the article extractor should not see this page, if it should not.
    pub fn too_complex(&self) -> Option<String> {
        if self.depth > MAX_DEPTH {
            Some(format!(
                "markup nested {} levels deep (more than {MAX_DEPTH})",
                self.depth
            ))
        } else if self.elements > MAX_ELEMENTS {
            Some(format!(
                "{} elements (more than {MAX_ELEMENTS})",
                self.elements
            ))
        } else {
            None
        }
    }
}

/// Counts nesting depth and elements, skipping comments and the content of
/// `script` and `style`. Linear in the length of the page.
pub fn shape(html: &str) -> Shape {
    let bytes = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[1..close];
        let end_tag = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        i += close + 1;
        if name.is_empty() {
            continue;
        }
        if end_tag {
            if !opens_no_level(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        shape.elements += 1;
        if matches!(name.as_str(), "script" | "style") {
            i = find_end_tag(html, i, &name).unwrap_or(bytes.len());
            continue;
        }
        if !opens_no_level(&name) && !tag.ends_with('/') {
            depth += 1;
            shape.depth = shape.depth.max(depth);
        }
    }
    shape
}

/// The byte offset after `</name>` at or after `from`, compared without
/// regard to case and without copying the rest of the page.
pub(crate) fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off;
        let after = &bytes[i + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            let close = memchr(b'>', &bytes[i..])?;
            return Some(i + close + 1);
        }
        i += 1;
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_but_not_optional_end_tags() {
        let page = "<html><body><div><div><p>a<p>b<br><img src=x></div></div></body></html>";
        assert_eq!(shape(page).depth, 2);
        assert_eq!(shape(page).elements, 8);
    }

    #[test]
    fn skips_script_and_comments() {
        let page = "<div><script>if (a<b) { x = '<div><div>'; }</SCRIPT><!-- <div><div> --></div>";
        assert_eq!(shape(page).depth, 1);
    }

    #[test]
    fn deep_nesting_is_too_complex() {
        let page = "<div>".repeat(MAX_DEPTH + 1);
        assert!(shape(&page).too_complex().is_some());
        assert!(shape("<div><p>x</p></div>").too_complex().is_none());
    }
}
