//! Duplicate links: an article whose folded text is already in the library (exact), nearly so
//! (near: each text holds at least 90 % of the other in shared runs of 8 characters or more),
//! or that stands inside a
//! longer text or holds a shorter one (contained: at least 90 % of the shorter inside the
//! longer) is linked to the original — stored, never dropped. Stubs (one sentence, a standard
//! opening) are never linked: a text needs [`MIN_EXACT_CHARS`] characters for an exact link and
//! [`MIN_LINK_CHARS`] fingerprint characters for the others.
//!
//! Candidates come cheaply: stored articles by exact hash, simhash band and shared sketch
//! hashes (index lookups, see `Store::sketch_matches`), earlier articles of the batch through an
//! in-memory index of their sketches and simhashes; only candidates sharing much of a sketch, or
//! with a near simhash, are compared character by character, and only that comparison links.

use std::collections::HashMap;
use sucai_store::{DuplicateCandidate, DuplicateKind, NewMaterial, Original, SketchMatch};
use sucai_text::fingerprint::{MIN_LINK_CHARS, SKETCH_RATE, Shingles, is_near};

/// The fewest characters (searchable, no whitespace) a text needs before an identical one is
/// linked as its exact duplicate.
const MIN_EXACT_CHARS: u32 = 80;

/// The share of a text that must stand in shared runs for a link: "90 % the same".
const LINKED_SHARE: f64 = 0.9;

/// Sketch hashes two texts must share before they are compared character by character: at
/// least this many…
pub const MIN_SHARED_SAMPLES: u32 = 2;
/// …and at least this share of the smaller sketch (a sketch is a sample, so the bar is well
/// below [`LINKED_SHARE`]; the comparison decides).
const CANDIDATE_SHARE: f64 = 0.5;

/// Whether two texts with sketches of `a` and `b` hashes sharing `shared` are worth comparing.
fn worth_comparing(shared: u32, a: usize, b: usize) -> bool {
    shared >= MIN_SHARED_SAMPLES && f64::from(shared) >= CANDIDATE_SHARE * a.min(b) as f64
}

/// Whether a stored article of `chars` characters sharing `shared` sketch hashes with a new
/// text whose sketch holds `sketch` hashes is worth fetching and comparing. The stored sketch's
/// size is estimated from its characters (punctuation included, so a little high: stricter).
pub fn stored_worth_comparing(shared: u32, sketch: usize, chars: u32) -> bool {
    worth_comparing(shared, sketch, (u64::from(chars) / SKETCH_RATE) as usize)
}

/// The stored candidates whose simhash is near one of `simhashes`: their texts are compared too.
pub fn near_simhash(candidates: &[DuplicateCandidate], simhashes: &[u64]) -> Vec<i64> {
    candidates
        .iter()
        .filter(|c| {
            c.simhash
                .is_some_and(|h| simhashes.iter().any(|&o| is_near(h, o)))
        })
        .map(|c| c.article_id)
        .collect()
}

/// A stored article's text, for comparing with new ones.
pub struct StoredText {
    pub article_id: i64,
    pub material_id: i64,
    pub body: String,
}

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

/// The link a new text `a` deserves to `b` by how much of each stands in the other, if any, with
/// the share that decided it and whether `a` holds more than `b` (`b` stands inside it).
fn containment_kind(a: &Shingles, b: &Shingles) -> Option<(DuplicateKind, f64, bool)> {
    if a.chars().min(b.chars()) < MIN_LINK_CHARS {
        return None;
    }
    let (a_in_b, b_in_a) = (a.covered_by(b), b.covered_by(a));
    let (shorter, longer) = if a.chars() <= b.chars() {
        (a_in_b, b_in_a)
    } else {
        (b_in_a, a_in_b)
    };
    if shorter < LINKED_SHARE {
        None
    } else if longer >= LINKED_SHARE {
        Some((DuplicateKind::Near, shorter.min(longer), false))
    } else {
        Some((DuplicateKind::Contained, shorter, a.chars() > b.chars()))
    }
}

/// Links every article of `batch` that duplicates a stored candidate or an earlier article of
/// the batch. `matches` are the stored articles sharing sketch hashes with the batch's articles
/// (`query` counts articles through the batch in order); `stored` holds their texts and those of
/// the `candidates` whose simhash is near a new article's (see [`near_simhash`]). Returns, per
/// material, the material its articles all duplicate, if they do.
pub fn link_duplicates(
    batch: &mut [NewMaterial],
    candidates: &[DuplicateCandidate],
    matches: &[SketchMatch],
    stored: &[StoredText],
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
    let stored: HashMap<i64, (&StoredText, Shingles)> = stored
        .iter()
        .map(|t| (t.article_id, (t, Shingles::new(&t.body))))
        .collect();
    let mut stored_for: HashMap<usize, Vec<i64>> = HashMap::new();
    for m in matches {
        stored_for.entry(m.query).or_default().push(m.article_id);
    }
    // The batch's originals so far: by sketch hash, and their shingles once compared.
    let mut by_sample: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut shingles: HashMap<(usize, usize), Shingles> = HashMap::new();

    let mut query = 0;
    let mut whole_duplicates = Vec::with_capacity(batch.len());
    for m in 0..batch.len() {
        let mut originals = Vec::new();
        for a in 0..batch[m].articles.len() {
            let article = &batch[m].articles[a];
            // A text shorter than a real article (a standard opening sentence, a stub) is no
            // evidence that two documents are one.
            let exact = by_hash
                .get(&article.text_hash)
                .filter(|_| article.chars >= MIN_EXACT_CHARS)
                .map(|s| (*s, DuplicateKind::Exact, false));
            // Near copies and texts inside one another, among the candidates that share much
            // of the article's sketch or whose simhash is near its own: compared character by
            // character, so that a link always means "90 % the same".
            let similar = || {
                if article.sketch.is_empty() {
                    return None;
                }
                let mut shared: HashMap<(usize, usize), u32> = HashMap::new();
                for h in &article.sketch {
                    for &o in by_sample.get(h).into_iter().flatten() {
                        *shared.entry(o).or_default() += 1;
                    }
                }
                let mut candidates: Vec<Original> = shared
                    .into_iter()
                    .filter(|&((om, oa), n)| {
                        worth_comparing(
                            n,
                            article.sketch.len(),
                            batch[om].articles[oa].sketch.len(),
                        )
                    })
                    .map(|((material, article), _)| Original::InBatch { material, article })
                    .collect();
                let from_store = stored_for.get(&query).into_iter().flatten();
                candidates.extend(from_store.map(|id| Original::Stored(*id)));
                if let Some(h) = article.simhash {
                    candidates.extend(
                        with_simhash
                            .iter()
                            .filter(|s| s.simhash.is_some_and(|o| is_near(h, o)))
                            .map(|s| s.at),
                    );
                }
                candidates.sort_by_key(|o| match *o {
                    Original::Stored(id) => (0, id, 0),
                    Original::InBatch { material, article } => (1, material as i64, article),
                });
                candidates.dedup();
                if candidates.is_empty() {
                    return None;
                }
                let mine = Shingles::new(&article.body);
                let mut best: Option<(Seen, DuplicateKind, f64, bool)> = None;
                for at in candidates {
                    let (material, theirs) = match at {
                        Original::Stored(id) => match stored.get(&id) {
                            Some((t, theirs)) => (MaterialRef::Stored(t.material_id), theirs),
                            None => continue,
                        },
                        Original::InBatch {
                            material: om,
                            article: oa,
                        } => (
                            MaterialRef::InBatch(om),
                            &*shingles
                                .entry((om, oa))
                                .or_insert_with(|| Shingles::new(&batch[om].articles[oa].body)),
                        ),
                    };
                    if let Some((kind, share, holds_more)) = containment_kind(&mine, theirs)
                        && best.as_ref().is_none_or(|b| share > b.2)
                    {
                        let seen = Seen {
                            at,
                            material,
                            simhash: None,
                        };
                        best = Some((seen, kind, share, holds_more));
                    }
                }
                best.map(|(seen, kind, _, holds_more)| (seen, kind, holds_more))
            };
            let link = exact.or_else(similar);
            let article = &mut batch[m].articles[a];
            match link {
                Some((seen, kind, holds_more)) => {
                    article.duplicate_of = Some((seen.at, kind));
                    // A text that holds more than its original is linked, but is no copy: its
                    // file is no duplicate for it.
                    originals.push((!holds_more).then_some(seen.material));
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
                    for &h in &article.sketch {
                        by_sample.entry(h).or_default().push((m, a));
                    }
                    originals.push(None);
                }
            }
            query += 1;
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
        let whole = link_duplicates(&mut batch, &[], &[], &[]);
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
        link_duplicates(&mut batch, &[], &[], &[]);
        assert_eq!(batch[1].articles[0].duplicate_of, None);
    }

    /// Drops the sentence that ends first after `from` characters.
    fn drop_sentence(text: &str, from: usize) -> String {
        let start = text.char_indices().nth(from).unwrap().0;
        let a = start + text[start..].find('。').unwrap() + '。'.len_utf8();
        let b = a + text[a..].find('。').unwrap() + '。'.len_utf8();
        format!("{}{}", &text[..a], &text[b..])
    }

    const OTHER: &str = "今天天气很好，我们一起去公园散步，看到了很多花草树木，心情非常愉快。孩子们在草地上奔跑，老人们在树下下棋，到处都是欢声笑语，这样的周末真让人难忘。傍晚回家的路上，夕阳把天空染成了金色，我们约定下周还要再来，带上风筝和野餐垫，在湖边待上一整天。";

    #[test]
    fn near_copies_and_texts_inside_longer_ones() {
        let speech = speech();
        let body = material(&speech).articles[0].body.clone();
        // A sentence dropped: each still holds over 90 % of the other.
        let near = material(&drop_sentence(&speech, 300));
        // The speech inside a longer text (a compilation's article holding more than it).
        let longer = material(&format!("汇编之一\n\n{body}\n{OTHER}\n{OTHER}\n{OTHER}\n"));
        // Half the speech and as much of something else: related, not a copy.
        let half: String = body.chars().take(body.chars().count() * 6 / 10).collect();
        let related = material(&format!("另一篇\n\n{half}\n{OTHER}\n{OTHER}\n{OTHER}\n"));
        let mut batch = vec![material(&speech), near, longer, related];
        let whole = link_duplicates(&mut batch, &[], &[], &[]);
        let first = Original::InBatch {
            material: 0,
            article: 0,
        };
        let link = |m: usize| batch[m].articles[0].duplicate_of;
        assert_eq!(link(1), Some((first, DuplicateKind::Near)));
        assert_eq!(link(2), Some((first, DuplicateKind::Contained)));
        assert_eq!(link(3), None);
        // The longer text holds more than its original: linked, its file no duplicate.
        assert_eq!(whole[2], None);
        // The other way round, the text standing inside is a duplicate of the longer one's file.
        let mut reverse = vec![
            material(&format!("汇编之一\n\n{body}\n{OTHER}\n{OTHER}\n{OTHER}\n")),
            material(&speech),
        ];
        let whole = link_duplicates(&mut reverse, &[], &[], &[]);
        assert_eq!(
            reverse[1].articles[0].duplicate_of,
            Some((first, DuplicateKind::Contained))
        );
        assert_eq!(whole[1], Some(MaterialRef::InBatch(0)));
    }

    #[test]
    fn stored_texts_found_by_their_sketch_are_compared() {
        let speech = speech();
        let body = material(&speech).articles[0].body.clone();
        let mut batch = vec![material(&drop_sentence(&speech, 500))];
        let stored = StoredText {
            article_id: 42,
            material_id: 7,
            body,
        };
        let matches = [SketchMatch {
            query: 0,
            article_id: 42,
            material_id: 7,
            chars: 1000,
            shared: 40,
        }];
        // Not asked about: not compared (its text alone is no candidate).
        let mut alone = batch.clone();
        link_duplicates(&mut alone, &[], &[], std::slice::from_ref(&stored));
        assert_eq!(alone[0].articles[0].duplicate_of, None);
        let whole = link_duplicates(&mut batch, &[], &matches, &[stored]);
        assert_eq!(
            batch[0].articles[0].duplicate_of,
            Some((Original::Stored(42), DuplicateKind::Near))
        );
        assert_eq!(whole, vec![Some(MaterialRef::Stored(7))]);
    }

    #[test]
    fn a_sketch_share_decides_what_is_worth_comparing() {
        assert!(worth_comparing(30, 60, 64));
        assert!(!worth_comparing(10, 60, 64), "a few shared phrases");
        assert!(
            worth_comparing(20, 200, 22),
            "a short text inside a long one"
        );
        assert!(!worth_comparing(1, 2, 2), "too few to tell");
        assert!(stored_worth_comparing(20, 200, 22 * 16));
        assert!(!stored_worth_comparing(20, 200, 1000 * 16));
    }

    #[test]
    fn a_near_simhash_links_only_what_the_texts_confirm() {
        let speech = speech();
        let body = material(&speech).articles[0].body.clone();
        let batch = vec![material(&drop_sentence(&speech, 400))];
        let h = batch[0].articles[0].simhash.unwrap();
        let candidate = DuplicateCandidate {
            article_id: 42,
            material_id: 7,
            text_hash: [0; 32],
            simhash: Some(h),
        };
        assert_eq!(
            near_simhash(std::slice::from_ref(&candidate), &[h ^ 1]),
            vec![42]
        );
        assert!(near_simhash(std::slice::from_ref(&candidate), &[!h]).is_empty());
        let text = |body: String| StoredText {
            article_id: 42,
            material_id: 7,
            body,
        };
        let mut same = batch.clone();
        link_duplicates(
            &mut same,
            std::slice::from_ref(&candidate),
            &[],
            &[text(body)],
        );
        assert_eq!(
            same[0].articles[0].duplicate_of,
            Some((Original::Stored(42), DuplicateKind::Near))
        );
        // The same simhash over another text (a collision) is no link.
        let mut other = batch.clone();
        link_duplicates(&mut other, &[candidate], &[], &[text(OTHER.repeat(4))]);
        assert_eq!(other[0].articles[0].duplicate_of, None);
    }
}
