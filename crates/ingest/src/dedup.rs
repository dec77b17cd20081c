//! Duplicate links: an article whose folded text is already in the library (exact), or nearly
//! so (simhash), is linked to the original — stored, never dropped.

use std::collections::HashMap;
use sucai_store::{DuplicateCandidate, DuplicateKind, NewMaterial, Original};
use sucai_text::fingerprint::is_near;

/// An article seen so far: where it is, its material, its simhash.
#[derive(Clone, Copy)]
struct Seen {
    at: Original,
    material: MaterialRef,
    simhash: Option<u64>,
}

/// The material an original article belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialRef {
    Stored(i64),
    InBatch(usize),
}

/// Links every article of `batch` that duplicates a stored candidate or an earlier article of
/// the batch. Returns, per material, the material its articles all duplicate, if they do.
pub fn link_duplicates(
    batch: &mut [NewMaterial],
    candidates: &[DuplicateCandidate],
) -> Vec<Option<MaterialRef>> {
    let mut by_hash: HashMap<[u8; 32], Seen> = HashMap::new();
    let mut with_simhash: Vec<Seen> = Vec::new();
    for c in candidates {
        let seen = Seen {
            at: Original::Stored(c.article_id),
            material: MaterialRef::Stored(c.material_id),
            simhash: c.simhash,
        };
        by_hash.entry(c.text_hash).or_insert(seen);
        if c.simhash.is_some() {
            with_simhash.push(seen);
        }
    }

    let mut whole_duplicates = Vec::with_capacity(batch.len());
    for (m, material) in batch.iter_mut().enumerate() {
        let mut originals = Vec::new();
        for (a, article) in material.articles.iter_mut().enumerate() {
            let exact = by_hash
                .get(&article.text_hash)
                .map(|s| (*s, DuplicateKind::Exact));
            let near = || {
                let h = article.simhash?;
                with_simhash
                    .iter()
                    .find(|s| s.simhash.is_some_and(|o| is_near(h, o)))
                    .map(|s| (*s, DuplicateKind::Near))
            };
            match exact.or_else(near) {
                Some((seen, kind)) => {
                    article.duplicate_of = Some((seen.at, kind));
                    originals.push(Some(seen.material));
                }
                None => {
                    let seen = Seen {
                        at: Original::InBatch {
                            material: m,
                            article: a,
                        },
                        material: MaterialRef::InBatch(m),
                        simhash: article.simhash,
                    };
                    by_hash.insert(article.text_hash, seen);
                    if article.simhash.is_some() {
                        with_simhash.push(seen);
                    }
                    originals.push(None);
                }
            }
        }
        let first = originals.first().copied().flatten();
        let all_duplicate = !originals.is_empty() && originals.iter().all(Option::is_some);
        whole_duplicates.push(if all_duplicate { first } else { None });
    }
    whole_duplicates
}
