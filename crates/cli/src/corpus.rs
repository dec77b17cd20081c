//! The shared test corpus (`{"id","title","text"}` per line, gzipped) written out as .txt
//! files, so that benchmarks and tests import real text through the real importer.

use crate::error::CliError;
use flate2::read::GzDecoder;
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;

#[derive(Deserialize)]
struct Document {
    id: String,
    #[serde(default)]
    title: String,
    text: String,
}

pub struct Written {
    pub documents: usize,
    pub chars: usize,
}

fn corpus_error(path: &Path, e: impl std::fmt::Display) -> CliError {
    CliError::Corpus(format!("{}: {e}", path.display()))
}

/// Writes every document of every `*.jsonl.gz` in `from` as `out/<file>/<id>.txt`: the title,
/// a blank line, the text.
pub fn write_txt(from: &Path, out: &Path) -> Result<Written, CliError> {
    let mut inputs: Vec<_> = std::fs::read_dir(from)
        .map_err(|e| corpus_error(from, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    inputs.sort();
    let mut written = Written {
        documents: 0,
        chars: 0,
    };
    for input in inputs {
        let name = input
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .replace(".jsonl.gz", "");
        let dir = out.join(&name);
        std::fs::create_dir_all(&dir).map_err(|e| corpus_error(&dir, e))?;
        let file = std::fs::File::open(&input).map_err(|e| corpus_error(&input, e))?;
        for line in BufReader::new(GzDecoder::new(file)).lines() {
            let line = line.map_err(|e| corpus_error(&input, e))?;
            let doc: Document = serde_json::from_str(&line).map_err(|e| corpus_error(&input, e))?;
            let safe_id: String = doc
                .id
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let text = format!("{}\n\n{}\n", doc.title.trim(), doc.text.trim());
            written.chars += doc.text.chars().count();
            written.documents += 1;
            std::fs::write(dir.join(format!("{safe_id}.txt")), text)
                .map_err(|e| corpus_error(&dir, e))?;
        }
    }
    Ok(written)
}
