//! Embeds the shipped model files (models/*.bin) into the library, so one
//! binary carries its models and works offline from any directory. A model
//! missing at build time becomes a clear error at run time, not a build failure.

use std::path::PathBuf;

const MODELS: [(&str, &str); 4] = [
    ("TAGGER", "tagger.bin"),
    ("PARSER", "parser.bin"),
    ("NER", "ner.bin"),
    ("CUES", "cues.bin"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("../../models");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut code = String::new();
    for (name, file) in MODELS {
        let path = dir.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let value = match path.canonicalize() {
            Ok(abs) => format!("Some(include_bytes!({:?}))", abs.display().to_string()),
            Err(_) => "None".to_string(),
        };
        code.push_str(&format!("/// The shipped `{file}`, if it existed at build time.\npub static {name}: Option<&[u8]> = {value};\n"));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("shipped.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
