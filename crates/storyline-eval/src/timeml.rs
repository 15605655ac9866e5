//! A reader for TimeML, the annotation of TimeBank: the document creation
//! time (DCT), the `<TEXT>` content with its tags stripped, and the gold
//! TIMEX3s with offsets counted while stripping, so they align with the
//! text the time expressions are found in.

/// One gold TIMEX3, with code point offsets into the stripped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// TIMEX3 `type`.
    pub kind: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// A TimeML document reduced to what scoring needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlDoc {
    /// The document creation time's value, if present.
    pub dct: Option<String>,
    /// The `<TEXT>` content without tags, entities decoded.
    pub text: String,
    /// Gold expressions in `text`.
    pub timexes: Vec<GoldTimex>,
}

/// Parses a TimeML document: DCT value, stripped text and gold TIMEX3s.
pub fn parse_timeml(xml: &str) -> Result<TimeMlDoc, String> {
    let dct = match (xml.find("<DCT>"), xml.find("</DCT>")) {
        (Some(a), Some(b)) if a < b => attribute(&xml[a..b], "value").map(str::to_string),
        _ => None,
    };
    let open = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let close = xml[open..].find("</TEXT>").ok_or("<TEXT> is not closed")? + open;
    let (text, timexes) = strip_tags(&xml[open..close])?;
    Ok(TimeMlDoc { dct, text, timexes })
}

/// Removes tags, decodes the XML entities, and records TIMEX3 spans in code
/// points of the result.
fn strip_tags(body: &str) -> Result<(String, Vec<GoldTimex>), String> {
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut timexes = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unclosed tag at character {chars}"))?;
            let tag = &rest[1..end];
            if tag.starts_with("TIMEX3") {
                let kind = attribute(tag, "type").ok_or("TIMEX3 without type")?;
                let value = attribute(tag, "value").unwrap_or("");
                open.push((chars, kind.to_string(), value.to_string()));
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) = open.pop().ok_or("</TIMEX3> without an opening tag")?;
                timexes.push(GoldTimex {
                    start,
                    end: chars,
                    kind,
                    value,
                });
            }
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&'
            && let Some((decoded, len)) = entity(rest)
        {
            text.push(decoded);
            chars += 1;
            rest = &rest[len..];
            continue;
        }
        text.push(c);
        chars += 1;
        rest = &rest[c.len_utf8()..];
    }
    if !open.is_empty() {
        return Err("unclosed TIMEX3".into());
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok((text, timexes))
}

/// The five predefined XML entities.
fn entity(s: &str) -> Option<(char, usize)> {
    [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ]
    .into_iter()
    .find(|(name, _)| s.starts_with(name))
    .map(|(name, c)| (c, name.len()))
}

/// The value of `name="…"` in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = tag[from..].find(name) {
        let at = from + pos;
        let after = &tag[at + name.len()..];
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        if before_ok && let Some(quoted) = after.strip_prefix("=\"") {
            return quoted.find('"').map(|end| &quoted[..end]);
        }
        from = at + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_offsets() {
        let xml = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">x</TIMEX3></DCT><TEXT>On <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> A &amp; B <EVENT eid="e1">met</EVENT>.</TEXT>"#;
        let doc = parse_timeml(xml).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.text, "On Wednesday A & B met.");
        assert_eq!(doc.timexes.len(), 1);
        let t = &doc.timexes[0];
        assert_eq!(&doc.text[t.start..t.end], "Wednesday");
    }

    #[test]
    fn malformed_text_is_an_error() {
        assert!(parse_timeml("<DCT></DCT>").is_err());
        assert!(parse_timeml("<TEXT><TIMEX3 type=\"DATE\">x</TEXT>").is_err());
    }
}
