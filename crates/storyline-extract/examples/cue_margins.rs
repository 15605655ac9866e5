//! Prints every cue candidate of a text file with its frame and margin:
//! `cue_margins FILE`.

use storyline_extract::Pipeline;
use storyline_extract::quotes::cue_model::{self, CueModel};
use storyline_extract::quotes::{cues, marks, tree::Tree};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: cue_margins FILE")?;
    let text = std::fs::read_to_string(path)?;
    let analysis = Pipeline::shipped()?.analyse(&text);
    let tree = Tree::build(&analysis);
    let quotes = marks::find(&analysis);
    let entities = cue_model::entity_labels(&analysis);
    let model = CueModel::shipped().ok_or("no cue model")?;
    if std::env::var("TAGS").is_ok() {
        for i in 0..analysis.tokens.len() {
            let t = analysis.tag(i);
            println!(
                "{i}\t{}\t{}\t{}\t{:?}",
                analysis.token_text(i),
                t.upos,
                t.deprel,
                t.head
            );
        }
    }
    for i in 0..analysis.tokens.len() {
        if !cues::is_candidate(&analysis, i) {
            continue;
        }
        let frame = cues::frame(&analysis, &tree, &quotes, i);
        if frame == cues::Frame::Other {
            continue;
        }
        let mut f = Vec::new();
        cue_model::features(&analysis, &tree, &quotes, &entities, i, frame, &mut f);
        let t = analysis.tag(i);
        println!(
            "{i}\t{}\t{}\t{}\t{}\t{:.2}",
            analysis.token_text(i),
            t.upos,
            t.deprel,
            frame.name(),
            model.margin(&f)
        );
    }
    Ok(())
}
