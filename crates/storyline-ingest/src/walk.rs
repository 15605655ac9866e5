//! Directory expansion: supported files, recursively, sorted by path.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::one_line;
use crate::{IngestError, format};

/// Lists the supported files under `dir`, depth first with the entries of
/// each directory sorted by name, which is the same as sorting all paths.
/// Hidden entries (`.name`) are skipped; symbolic links to directories are
/// not followed (they could loop). Unreadable directories become errors.
pub fn list_files(dir: &Path) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    visit(dir, &mut out);
    out
}

fn visit(dir: &Path, out: &mut Vec<Result<PathBuf, IngestError>>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Err(unreadable(dir, &e)));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            visit(&path, out);
        } else if format::is_supported_name(&name) && !is_dir_link(&path, kind) {
            out.push(Ok(path));
        }
    }
}

/// True for a symbolic link that points to a directory.
fn is_dir_link(path: &Path, kind: fs::FileType) -> bool {
    kind.is_symlink() && path.is_dir()
}

pub(crate) fn unreadable(path: &Path, e: &std::io::Error) -> IngestError {
    IngestError::Unreadable {
        input: one_line(&path.display().to_string()),
        reason: one_line(&e.to_string()),
    }
}
