//! Rebuilds `lexicons/cue_weights.tsv` from PolNeAR train:
//! `cargo run --release -p storyline-extract --example train_attribution -- ../shared/data/polnear/train lexicons/cue_weights.tsv`

use std::path::PathBuf;

use storyline_extract::Pipeline;
use storyline_extract::quotes::learn::train_cues;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: train_attribution POLNEAR_TRAIN_DIR OUT.tsv")?,
    );
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: train_attribution POLNEAR_TRAIN_DIR OUT.tsv")?,
    );
    let pipeline = Pipeline::shipped()?;
    let table = train_cues(&dir, &pipeline)?;
    std::fs::write(&out, &table)?;
    eprintln!(
        "wrote {} ({} rows)",
        out.display(),
        table.lines().filter(|l| !l.starts_with('#')).count()
    );
    Ok(())
}
