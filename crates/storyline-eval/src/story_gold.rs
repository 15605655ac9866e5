//! The project's story gold files: a set of real articles (paths into the
//! shared data), the stories they form, each story's main actors and its
//! timeline entries with the articles that report them. Written by hand
//! before the story layer was tuned; see
//! `crates/storyline-story/tests/gold-stories/`.

use std::path::Path;

use serde::Deserialize;

/// One gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct StoryGold {
    /// Its name.
    pub name: String,
    /// The articles, in publication order.
    pub articles: Vec<GoldArticle>,
    /// The stories.
    pub stories: Vec<GoldStory>,
}

/// One article of a gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Path relative to the shared data folder.
    pub path: String,
    /// Publication day.
    pub published: Option<String>,
    /// Outlet.
    pub site: Option<String>,
    /// The gold story's id.
    pub story: String,
}

/// One gold story.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldStory {
    /// Its id (`S1`).
    pub id: String,
    /// A human label.
    #[serde(default)]
    pub label: String,
    /// Its main actors.
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    /// Its timeline.
    #[serde(default)]
    pub entries: Vec<GoldEntry>,
}

/// One gold actor.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    /// The fullest name.
    pub name: String,
    /// `PERSON`, `ORG` or `LOC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Spellings used in the articles.
    #[serde(default)]
    pub variants: Vec<String>,
}

/// One gold timeline entry.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntry {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// Event type or `STATEMENT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Actor names (as in the story's actor list).
    #[serde(default)]
    pub actors: Vec<String>,
    /// Every article reporting it (paths as in `articles`).
    pub sources: Vec<String>,
}

/// Reads a gold file, naming it in errors.
pub fn read(path: &Path) -> Result<StoryGold, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let gold: StoryGold = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a story gold file: {e}", path.display()))?;
    for a in &gold.articles {
        if !gold.stories.iter().any(|s| s.id == a.story) {
            return Err(format!(
                "{}: article {} names unknown story {}",
                path.display(),
                a.path,
                a.story
            ));
        }
    }
    Ok(gold)
}

/// The gold files among `paths` (files, or folders of `.json` files).
pub fn files(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The text of an article, detokenised when it comes from Timeline17.
pub fn article_text(data: &Path, article: &GoldArticle) -> Result<String, String> {
    let path = data.join(&article.path);
    let bytes =
        std::fs::read(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(if article.path.starts_with("timeline17/") {
        crate::timeline17::detokenize(&text)
    } else {
        text
    })
}

/// Whether a system name is one of a gold actor's spellings (folded
/// case; a person also by surname).
pub fn names_match(gold: &GoldActor, system: &[String]) -> bool {
    let fold = |s: &str| s.to_lowercase().replace(" 's", "'s");
    let spellings: Vec<String> = std::iter::once(&gold.name)
        .chain(&gold.variants)
        .map(|s| fold(s))
        .collect();
    system
        .iter()
        .map(|s| fold(s))
        .any(|s| spellings.contains(&s))
}
