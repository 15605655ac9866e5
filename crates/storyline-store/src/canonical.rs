//! Canonical URLs: one spelling for every address of the same page, so that a
//! page shared with tracking parameters, a fragment or a trailing slash is
//! recognised as the page already stored.

use url::Url;

/// Query parameters that only say how a reader arrived, never which page it is.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ocid", "cmpid", "ncid", "mkt_tok", "spm", "ref_src",
];

/// The canonical form of a web address, or `None` when `raw` is not an
/// absolute http(s) URL.
///
/// Scheme and host are lower-cased (the `url` crate does this when parsing),
/// default ports, fragments, `utm_*` and other tracking parameters, empty
/// queries and a trailing slash on the path are dropped. The remaining query
/// parameters keep their order: some sites route on it.
pub fn canonical_url(raw: &str) -> Option<String> {
    let mut url = Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    url.set_fragment(None);
    // Parsing already drops a port that is the scheme's default.
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| !is_tracking(key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let path = url.path().to_owned();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    let mut text = String::from(url);
    // A bare host serialises as `https://host/`; the slash is not part of the page.
    if url_is_root(&text) {
        text.pop();
    }
    Some(text)
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || TRACKING.contains(&key.as_str())
}

fn url_is_root(text: &str) -> bool {
    text.ends_with('/') && text.matches('/').count() == 3
}

#[cfg(test)]
mod tests {
    use super::canonical_url;

    fn canon(raw: &str) -> String {
        canonical_url(raw).unwrap_or_else(|| panic!("{raw} should be a URL"))
    }

    #[test]
    fn scheme_and_host_are_lower_cased_but_not_the_path() {
        assert_eq!(
            canon("HTTPS://News.Example.COM/World/Talks"),
            "https://news.example.com/World/Talks"
        );
    }

    #[test]
    fn tracking_fragments_ports_and_trailing_slashes_go() {
        assert_eq!(
            canon("https://example.com:443/a/b/?utm_source=x&id=7&fbclid=1&UTM_Medium=y#top"),
            "https://example.com/a/b?id=7"
        );
        assert_eq!(canon("http://example.com:80/"), "http://example.com");
        assert_eq!(
            canon("http://example.com:8080/x"),
            "http://example.com:8080/x"
        );
        assert_eq!(
            canon("https://example.com/x?gclid=abc"),
            "https://example.com/x"
        );
    }

    #[test]
    fn not_web_addresses() {
        assert_eq!(canonical_url("ftp://example.com/x"), None);
        assert_eq!(canonical_url("example.com/x"), None);
        assert_eq!(canonical_url(""), None);
        assert_eq!(canonical_url("mailto:someone@example.com"), None);
    }

    #[test]
    fn canonical_form_is_a_fixed_point() {
        for raw in [
            "https://Example.com/a/?b=1&utm_x=2#f",
            "http://example.com",
            "https://example.com/a%20b/?q=%C3%A9",
        ] {
            let once = canon(raw);
            assert_eq!(canon(&once), once);
        }
    }
}
