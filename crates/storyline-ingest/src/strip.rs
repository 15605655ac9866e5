//! A small HTML-to-text converter for feed fragments.
//!
//! Feed content is already the article (no navigation or boilerplate), so a
//! boilerplate remover would only risk dropping text; removing tags, decoding
//! entities and keeping paragraph breaks is what is needed.

/// Converts an HTML fragment to plain text: tags removed, `script`/`style`
/// dropped, block elements become line breaks, entities decoded, spaces
/// collapsed. Text without markup passes through (whitespace-normalised).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        rest = match skip_markup(rest, &mut out) {
            Some(after) => after,
            None => {
                // A '<' that opens no tag ("a < b") is text.
                out.push('<');
                &rest[1..]
            }
        };
    }
    out.push_str(&decode_entities(rest));
    tidy(&out)
}

/// If `s` (starting with '<') opens a comment, CDATA section or tag, handles
/// it and returns the input after it.
fn skip_markup<'a>(s: &'a str, out: &mut String) -> Option<&'a str> {
    if let Some(body) = s.strip_prefix("<!--") {
        return Some(body.find("-->").map_or("", |i| &body[i + 3..]));
    }
    if let Some(body) = s.strip_prefix("<![CDATA[") {
        let end = body.find("]]>").unwrap_or(body.len());
        out.push_str(&body[..end]);
        return Some(body.get(end + 3..).unwrap_or(""));
    }
    let second = s[1..].chars().next()?;
    if !(second.is_ascii_alphabetic() || matches!(second, '/' | '!' | '?')) {
        return None;
    }
    let close = s.find('>')?;
    let name: String = s[1..close]
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let after = &s[close + 1..];
    if matches!(name.as_str(), "script" | "style") && !s[1..].starts_with('/') {
        // Their content is code, not text: skip past the closing tag.
        return Some(crate::shape::find_end_tag(after, 0, &name).map_or("", |i| &after[i..]));
    }
    if name == "br" {
        out.push('\n');
    } else if is_block(&name) {
        out.push_str("\n\n");
    }
    Some(after)
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "hr"
            | "dl"
            | "dt"
            | "dd"
    )
}

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`, common names).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi <= 32)
            .and_then(|semi| Some((entity(&rest[1..=semi])?, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character named by a reference body such as `amp` or `#x2019`.
fn entity(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

/// Collapses runs of spaces within lines and of blank lines between paragraphs.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_pending = false;
    for line in s.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities() {
        let html = "<p>Talks &amp; more</p><script>var x = '<p>';</script><p>He said &#8220;no&#x201D;.<br/>Then left</p>";
        assert_eq!(
            html_to_text(html),
            "Talks & more\n\nHe said “no”.\nThen left"
        );
    }

    #[test]
    fn keeps_stray_brackets() {
        assert_eq!(html_to_text("a < b &unknown; c &"), "a < b &unknown; c &");
        assert_eq!(html_to_text("<![CDATA[x]]> <!-- c --> y"), "x y");
    }
}
