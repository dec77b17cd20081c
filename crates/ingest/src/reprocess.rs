//! Reprocessing: every stored material read again from its original under today's rules
//! (boilerplate learned since it was imported, an operator's verdicts) and its articles
//! rewritten in place — same ids, same links. A material whose new reading has another number
//! of articles is left as it is and named in the report.

use crate::IngestError;
use crate::boilerplate::Boilerplate;
use crate::import::ImportOptions;
use crate::metadata::TagWords;
use crate::pipeline::{Read, Rules, Source, prepare, read, sha256};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use sucai_formats::Format;
use sucai_store::{Material, Store};

/// What a reprocess did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReprocessReport {
    /// Materials read again.
    pub materials: usize,
    /// Of them, materials whose articles or trailer changed.
    pub changed: usize,
    /// Materials left as they were: `(material id, why)`.
    pub skipped: Vec<(i64, String)>,
}

const PAGE: i64 = 128;

/// Reads every material of `store` again and rewrites what changed. `progress` hears how many
/// materials are done.
pub async fn reprocess(
    store: Arc<dyn Store>,
    options: &ImportOptions,
    progress: impl Fn(usize),
) -> Result<ReprocessReport, IngestError> {
    let mut report = ReprocessReport::default();
    let tag_words = TagWords::new(store.tag_words().await?);
    let mut after = 0;
    loop {
        let ids = store.material_ids(after, PAGE).await?;
        let Some(&last) = ids.last() else { break };
        after = last;
        let mut sources = Vec::new();
        for &id in &ids {
            let (Some(material), Some(bytes)) =
                (store.material(id).await?, store.original(id).await?)
            else {
                continue;
            };
            let format = Format::from_path(Path::new(&format!("x.{}", material.format)));
            let Some(format) = format else {
                report
                    .skipped
                    .push((id, format!("unknown format {}", material.format)));
                continue;
            };
            let source = Source {
                name: material.file_name.clone(),
                name_raw: None,
                format,
                sha256: sha256(&bytes),
                bytes,
            };
            sources.push((material, source));
        }
        let limits = options.limits;
        // Each stored material with its new reading.
        let read: Vec<(Material, Result<Read, String>)> = sources
            .into_par_iter()
            .map(|(stored, source)| (stored, read(source, &limits)))
            .collect();
        let keys: Vec<String> = read
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .flat_map(|r| r.edges().lines.into_iter().map(|(k, _)| k))
            .collect();
        // The library counted these files when they came in: its counts alone decide.
        let rules = Rules {
            boilerplate: Boilerplate::from_counts(&store.edge_lines(&keys).await?, &HashMap::new()),
            tag_words: tag_words.clone(),
        };
        let prepared: Vec<_> = read
            .into_par_iter()
            .map(|(stored, r)| (stored, r.and_then(|r| prepare(r, &rules))))
            .collect();
        for (stored, prepared) in prepared {
            let id = stored.id;
            report.materials += 1;
            let new = match prepared {
                Ok(p) => p.material,
                Err(why) => {
                    report.skipped.push((id, why));
                    continue;
                }
            };
            let old = store.articles_by_id(&stored.article_ids).await?;
            let same = (stored.title.as_str(), stored.trailer.as_str())
                == (new.title.as_str(), new.trailer.as_str())
                && old.len() == new.articles.len()
                && old
                    .iter()
                    .zip(&new.articles)
                    .all(|(o, n)| o.body == n.body && o.title == n.title && o.tags == n.tags);
            if same {
                continue;
            }
            if store.reprocess_material(id, &new).await? {
                report.changed += 1;
            } else {
                report.skipped.push((
                    id,
                    format!(
                        "read again it makes {} articles, not {}: left as it is",
                        new.articles.len(),
                        old.len()
                    ),
                ));
            }
        }
        progress(ids.len());
    }
    Ok(report)
}
