//! Duplicate links: an article whose folded text is already in the library (exact), or nearly
//! so (simhash), is linked to the original — stored, never dropped.

use std::collections::HashMap;
use sucai_store::{DuplicateCandidate, DuplicateKind, NewMaterial, Original};
use sucai_text::fingerprint::is_near;

/// The fewest characters (searchable, no whitespace) a text needs before an identical one is
/// linked as its exact duplicate.
const MIN_EXACT_CHARS: u32 = 80;

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
            // A text shorter than a real article (a standard opening sentence, a stub) is no
            // evidence that two documents are one.
            let exact = by_hash
                .get(&article.text_hash)
                .filter(|_| article.chars >= MIN_EXACT_CHARS)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Source, prepare_file};
    use sucai_formats::{Format, Limits};

    /// The first speech of the real sample compilation (lines 4–12), about 1,000 characters.
    fn speech() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/compilation-10.txt"
        );
        let text = std::fs::read_to_string(path).expect("the shared sample beside the repository");
        text.lines()
            .skip(3)
            .take(9)
            .collect::<Vec<_>>()
            .join("\n")
            .replace("##paidbegin##", "")
    }

    fn material(text: &str) -> NewMaterial {
        let bytes = text.as_bytes().to_vec();
        let source = Source {
            name: "a.txt".into(),
            name_raw: None,
            format: Format::Text,
            sha256: crate::pipeline::sha256(&bytes),
            bytes,
        };
        prepare_file(source, &Limits::default()).unwrap().material
    }

    #[test]
    fn exact_near_and_distinct_texts() {
        let speech = speech();
        let original = material(&speech);
        // Masks written out and spaces added: the same text after folding.
        let exact = material(&speech.replace("D的二十大", "党的 二十大"));
        // A few characters changed.
        let near = material(
            &speech
                .replace("严格对表对标", "严格对标")
                .replace("各方面", "各个方面")
                .replace("水利大省", "水利强省"),
        );
        let other = material(
            "完全不同的一篇\n\n今天天气很好，我们一起去公园散步，看到了很多花草树木，心情非常愉快。孩子们在草地上奔跑，老人们在树下下棋，到处都是欢声笑语，这样的周末真让人难忘。傍晚回家的路上，夕阳把天空染成了金色，我们约定下周还要再来，带上风筝和野餐垫，在湖边待上一整天。\n",
        );
        let mut batch = vec![original, exact, near, other];
        let whole = link_duplicates(&mut batch, &[]);
        let link = |m: usize| batch[m].articles[0].duplicate_of;
        assert_eq!(link(0), None);
        assert_eq!(
            link(1),
            Some((
                Original::InBatch {
                    material: 0,
                    article: 0
                },
                DuplicateKind::Exact
            ))
        );
        assert_eq!(
            link(2),
            Some((
                Original::InBatch {
                    material: 0,
                    article: 0
                },
                DuplicateKind::Near
            ))
        );
        assert_eq!(link(3), None);
        assert_eq!(
            whole,
            vec![
                None,
                Some(MaterialRef::InBatch(0)),
                Some(MaterialRef::InBatch(0)),
                None
            ]
        );
    }

    #[test]
    fn stubs_of_one_sentence_are_not_linked() {
        let stub = "同志们：今天召开这次会议，主要任务是部署工作。\n";
        let mut batch = vec![
            material(&format!("关于春季工作的通知\n\n{stub}")),
            material(&format!("关于秋季工作的通知\n\n{stub}")),
        ];
        link_duplicates(&mut batch, &[]);
        assert_eq!(batch[1].articles[0].duplicate_of, None);
    }
}
