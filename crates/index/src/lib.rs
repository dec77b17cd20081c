//! The search index: tantivy, derived from the store and rebuildable from it.
//!
//! 精准搜索 is exact: a term matches an article exactly when its folded text stands, character
//! for character, inside one paragraph of the article's folded title or body (see
//! [`tokenize`]). Jieba words only rank. The index follows the store's change sequence and
//! records how far it got in its commit payload, so it catches up after any import. It does
//! not decide who may see what: it returns article ids and scores.

pub mod schema;
pub mod tokenize;

use schema::{Fields, document, register_tokenizers};
use std::ops::Bound;
use std::path::Path;
use sucai_query::{Access, Query, Scope, Term as QueryTerm};
use sucai_store::{ArticleText, Entity, Store, StoreError};
use sucai_text::fold::fold_for_search;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TantivyQuery, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Index, IndexReader, Order, ReloadPolicy, TantivyDocument, Term};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum IndexError {
    #[error("the search index failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("the search index cannot be opened at {path}: {source}")]
    Open {
        path: String,
        source: tantivy::TantivyError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T, E = IndexError> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// An article sharing fingerprints with a text: how many, and their summed rarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FingerprintMatch {
    pub id: i64,
    pub shared: u32,
    pub weight: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
}

/// Counts of the hits per filter value: what a results page offers to narrow by.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    pub categories: Vec<(String, u64)>,
    pub tags: Vec<(String, u64)>,
    /// Year 0 stands for "no year".
    pub years: Vec<(i32, u64)>,
    pub free: u64,
    pub paid: u64,
}

/// Which text of an article a query may match and be ranked by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Everything: operators, members whose tier covers every category, the overlap check.
    All,
    /// A reader of the previews: titles and free parts, and the whole text of articles in
    /// the categories their membership covers (`covered`, empty for anonymous and free users).
    /// Nothing in such an answer (hits, counts, scores, facets) depends on other paid text.
    Previews { covered: Vec<String> },
}

/// The most hits a caller's page may reach (`offset + limit`): deeper pages are refused by the
/// services, and the index never sizes a collector from a caller's number beyond the documents
/// it holds.
pub const MAX_WINDOW: usize = 10_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    pub total: usize,
    pub hits: Vec<Hit>,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Held through a whole [`SearchIndex::sync`]: this process's syncs take turns, so one
    /// that starts while another runs waits and then applies what changed meanwhile.
    writing: tokio::sync::Mutex<()>,
}

/// Changes read from the store per round while catching up.
const SYNC_BATCH: i64 = 5_000;
const WRITER_MEMORY: usize = 256 << 20;

impl SearchIndex {
    /// Opens the index in `dir`, creating it when there is none.
    pub fn open(dir: &Path) -> Result<Self> {
        let open_error = |source| IndexError::Open {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.into()))?;
        let (schema, fields) = schema::schema();
        let directory =
            tantivy::directory::MmapDirectory::open(dir).map_err(|e| open_error(e.into()))?;
        let index = match Index::open_or_create(directory.clone(), schema.clone()) {
            // The index is derived from the store: one written by an older version with other
            // fields is dropped and rebuilt by the next sync.
            Err(tantivy::TantivyError::SchemaError(_)) => {
                tracing::warn!(dir = %dir.display(), "the search index has an older layout; rebuilding it");
                std::fs::remove_dir_all(dir)
                    .and_then(|()| std::fs::create_dir_all(dir))
                    .map_err(|e| open_error(e.into()))?;
                let directory = tantivy::directory::MmapDirectory::open(dir)
                    .map_err(|e| open_error(e.into()))?;
                Index::create(directory, schema, Default::default())
            }
            other => other,
        }
        .map_err(open_error)?;
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writing: tokio::sync::Mutex::new(()),
        })
    }

    /// The last change of the store this index reflects.
    pub fn applied_seq(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Applies the store's changes since the index last looked; returns how many articles it
    /// (re)indexed. When it returns, every change made before it was called is searchable,
    /// unless another process holds the index's writer (an import from the command line, or a
    /// server sharing the data folder): then it returns 0 and that process, or the next sync,
    /// applies them.
    pub async fn sync(&self, store: &dyn Store) -> Result<usize> {
        let _turn = self.writing.lock().await;
        self.apply_changes(store).await
    }

    async fn apply_changes(&self, store: &dyn Store) -> Result<usize> {
        // Another process (an import, another server) may have committed since we looked.
        self.reader.reload()?;
        let mut seq = self.applied_seq()?;
        let mut applied = 0;
        let mut writer: Option<tantivy::IndexWriter> = None;
        loop {
            let changes = store.changes_since(seq, SYNC_BATCH).await?;
            let Some(last) = changes.last() else { break };
            seq = last.seq;
            let mut ids: Vec<i64> = changes
                .iter()
                .filter(|c| c.entity == Entity::Article)
                .map(|c| c.id)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let articles = store.articles_by_id(&ids).await?;
            let w = match &mut writer {
                Some(w) => w,
                None => match self.index.writer_with_num_threads(2, WRITER_MEMORY) {
                    Ok(w) => writer.insert(w),
                    // Another process is bringing the index up to date: search what is there.
                    Err(tantivy::TantivyError::LockFailure(..)) => return Ok(0),
                    Err(e) => return Err(e.into()),
                },
            };
            for id in &ids {
                w.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
            }
            for a in &articles {
                w.add_document(document(&self.fields, a))?;
            }
            applied += articles.len();
        }
        if let Some(mut w) = writer {
            let mut commit = w.prepare_commit()?;
            commit.set_payload(&seq.to_string());
            commit.commit()?;
            w.wait_merging_threads()?;
            self.reader.reload()?;
        }
        Ok(applied)
    }

    /// Drops everything and indexes the store again from its first change.
    pub async fn rebuild(&self, store: &dyn Store) -> Result<usize> {
        let _turn = self.writing.lock().await;
        let mut w: tantivy::IndexWriter = self.index.writer_with_num_threads(2, WRITER_MEMORY)?;
        w.delete_all_documents()?;
        let mut commit = w.prepare_commit()?;
        commit.set_payload("0");
        commit.commit()?;
        drop(w);
        self.apply_changes(store).await
    }

    /// Runs a parsed query over all text; `limit: None` returns every hit.
    pub fn search(
        &self,
        query: &Query,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<Hits> {
        self.search_in(query, &Visibility::All, sort, offset, limit)
    }

    /// Runs a parsed query over the text `visibility` allows; `limit: None` returns every hit.
    pub fn search_in(
        &self,
        query: &Query,
        visibility: &Visibility,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<Hits> {
        let q = self.build(query, visibility);
        let searcher = self.reader.searcher();
        // A page never holds more than the index does, whatever number a caller sent: the
        // collector allocates `offset + limit` slots.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = match limit {
            Some(limit) => limit.min(docs),
            // Returning every hit needs the count first, to size the page.
            None => searcher.search(&q, &Count)?,
        };
        if offset >= docs {
            let total = searcher.search(&q, &Count)?;
            return Ok(Hits {
                total,
                hits: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (total, found): (usize, Vec<(f32, DocAddress)>) = match sort {
            Sort::Relevance => searcher.search(&q, &(Count, top.order_by_score()))?,
            Sort::Date => {
                let (total, found) =
                    searcher.search(&q, &(Count, top.order_by_u64_field("id", Order::Desc)))?;
                (
                    total,
                    found.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
                )
            }
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let ids = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("id")?;
            if let Some(id) = ids.first(addr.doc_id) {
                hits.push(Hit {
                    id: id as i64,
                    score,
                });
            }
        }
        Ok(Hits { total, hits })
    }

    /// The articles that hold any of `fingerprints` (winnowed k-gram fingerprints, see
    /// [`sucai_text::overlap`]), those sharing the rarest and most first; at most `limit`.
    ///
    /// A fingerprint weighs by its rarity (`ln(1 + documents / holders)`): a formula every
    /// speech repeats says little about where a draft came from, a rare passage says much.
    pub fn fingerprint_matches(
        &self,
        fingerprints: &[u64],
        limit: usize,
    ) -> Result<Vec<FingerprintMatch>> {
        let searcher = self.reader.searcher();
        let segments = searcher.segment_readers();
        let inverted = segments
            .iter()
            .map(|s| s.inverted_index(self.fields.fingerprints))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let documents = searcher.num_docs() as f32;
        let mut shared: Vec<Vec<(u32, f32)>> = segments
            .iter()
            .map(|s| vec![(0, 0.0); s.max_doc() as usize])
            .collect();
        for &fingerprint in fingerprints {
            let term = Term::from_field_u64(self.fields.fingerprints, fingerprint);
            let mut holders = Vec::new();
            for (segment, postings_of) in inverted.iter().enumerate() {
                let postings = postings_of
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)?;
                holders.extend(postings.map(|p| (segment, p)));
            }
            let holding: u32 = holders.iter().map(|(_, p)| p.doc_freq()).sum();
            let weight = (1.0 + documents / holding.max(1) as f32).ln();
            for (segment, mut postings) in holders {
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    let entry = &mut shared[segment][doc as usize];
                    entry.0 += 1;
                    entry.1 += weight;
                    doc = postings.advance();
                }
            }
        }
        let mut found = Vec::new();
        for (segment, shared) in segments.iter().zip(shared) {
            let ids = segment.fast_fields().u64("id")?;
            for (doc, (n, weight)) in shared.into_iter().enumerate() {
                let doc = doc as tantivy::DocId;
                let alive = segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
                if let (true, true, Some(id)) = (n > 0, alive, ids.first(doc)) {
                    found.push(FingerprintMatch {
                        id: id as i64,
                        shared: n,
                        weight,
                    });
                }
            }
        }
        found.sort_unstable_by(|a, b| b.weight.total_cmp(&a.weight).then(a.id.cmp(&b.id)));
        found.truncate(limit);
        Ok(found)
    }

    /// The title, category, paid boundary and free part of each of `ids` (those in the index,
    /// in the order asked): the same as `Store::article_texts(ids, true)`, without the store.
    pub fn previews(&self, ids: &[i64]) -> Result<Vec<ArticleText>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let term = Term::from_field_u64(f.id, id as u64);
            let mut address = None;
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                let postings = segment
                    .inverted_index(f.id)?
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)?;
                let Some(mut postings) = postings else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    if segment.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                        address = Some(DocAddress::new(ord as u32, doc));
                    }
                    doc = postings.advance();
                }
            }
            let Some(address) = address else { continue };
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let free_chars = doc.get_first(f.free_chars).and_then(|v| v.as_i64());
            out.push(ArticleText {
                id,
                title: text(f.stored_title),
                category: text(f.category),
                free_chars: free_chars.filter(|&n| n >= 0).map(|n| n as u32),
                body_chars: doc
                    .get_first(f.body_chars)
                    .and_then(|v| v.as_u64())
                    .unwrap_or_default() as u32,
                body: text(f.preview),
            });
        }
        Ok(out)
    }

    /// How the hits of `query` spread over categories, tags, years and access.
    pub fn facets(&self, query: &Query) -> Result<Facets> {
        self.facets_in(query, &Visibility::All)
    }

    /// The same, for the hits over the text `visibility` allows.
    pub fn facets_in(&self, query: &Query, visibility: &Visibility) -> Result<Facets> {
        use tantivy::aggregation::AggregationCollector;
        use tantivy::aggregation::agg_req::Aggregations;
        let request: Aggregations = serde_json::from_value(serde_json::json!({
            "categories": {"terms": {"field": "category", "size": 50}},
            "tags": {"terms": {"field": "tags", "size": 30}},
            "years": {"terms": {"field": "year", "size": 100}},
            "paid": {"terms": {"field": "paid", "size": 2}},
        }))
        .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))?;
        let collector = AggregationCollector::from_aggs(request, Default::default());
        let result = self
            .reader
            .searcher()
            .search(&self.build(query, visibility), &collector)?;
        let json = serde_json::to_value(&result)
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        let buckets = |name: &str| -> Vec<(serde_json::Value, u64)> {
            json[name]["buckets"]
                .as_array()
                .map(|b| {
                    b.iter()
                        .map(|b| (b["key"].clone(), b["doc_count"].as_u64().unwrap_or(0)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let text = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        let number = |v: serde_json::Value| v.as_f64().unwrap_or(0.0) as i64;
        let mut facets = Facets {
            categories: buckets("categories")
                .into_iter()
                .map(|(k, n)| (text(k), n))
                .collect(),
            tags: buckets("tags")
                .into_iter()
                .map(|(k, n)| (text(k), n))
                .collect(),
            years: buckets("years")
                .into_iter()
                .map(|(k, n)| (number(k) as i32, n))
                .collect(),
            ..Facets::default()
        };
        facets
            .years
            .sort_unstable_by_key(|y| std::cmp::Reverse(y.0));
        for (key, n) in buckets("paid") {
            if number(key) == 1 {
                facets.paid = n;
            } else {
                facets.free = n;
            }
        }
        Ok(facets)
    }

    /// The exact-match query of one term over the text `visibility` allows.
    fn exact(&self, term: &QueryTerm, visibility: &Visibility) -> Box<dyn TantivyQuery> {
        let f = &self.fields;
        match term.scope {
            // Titles are public.
            Scope::Title => self.exact_in(term, f.title1, f.title2),
            Scope::Anywhere => {
                self.scoped(visibility, self.exact_in(term, f.text1, f.text2), || {
                    self.exact_in(term, f.free1, f.free2)
                })
            }
        }
    }

    /// `all` as the query over all text; for a reader of the previews, `free` (the query over
    /// titles and free parts) or `all` within the categories their membership covers.
    fn scoped(
        &self,
        visibility: &Visibility,
        all: Box<dyn TantivyQuery>,
        free: impl FnOnce() -> Box<dyn TantivyQuery>,
    ) -> Box<dyn TantivyQuery> {
        match visibility {
            Visibility::All => all,
            Visibility::Previews { covered } if covered.is_empty() => free(),
            Visibility::Previews { covered } => Box::new(BooleanQuery::new(vec![
                (Occur::Should, free()),
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, all),
                        (
                            Occur::Must,
                            Box::new(ConstScoreQuery::new(
                                self.any_of(self.fields.category, covered),
                                0.0,
                            )),
                        ),
                    ])),
                ),
            ])),
        }
    }

    /// Any of `values` in a keyword field.
    fn any_of(&self, field: tantivy::schema::Field, values: &[String]) -> Box<dyn TantivyQuery> {
        Box::new(BooleanQuery::new(
            values
                .iter()
                .map(|v| {
                    let q: Box<dyn TantivyQuery> = Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        ))
    }

    /// The exact-match query of one term in a pair of fields: bigrams at their offsets, or one
    /// character.
    fn exact_in(
        &self,
        term: &QueryTerm,
        one: tantivy::schema::Field,
        two: tantivy::schema::Field,
    ) -> Box<dyn TantivyQuery> {
        let chars: Vec<char> = fold_for_search(&term.text).chars().collect();
        let bigram =
            |i: usize| Term::from_field_text(two, &chars[i..i + 2].iter().collect::<String>());
        match chars.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                Term::from_field_text(one, &chars[0].to_string()),
                IndexRecordOption::WithFreqs,
            )),
            2 => Box::new(TermQuery::new(bigram(0), IndexRecordOption::WithFreqs)),
            n => {
                // Bigrams every other character cover the query; the last one closes it.
                let mut offsets: Vec<usize> = (0..n - 1).step_by(2).collect();
                if offsets.last() != Some(&(n - 2)) {
                    offsets.push(n - 2);
                }
                Box::new(PhraseQuery::new_with_offset(
                    offsets.into_iter().map(|i| (i, bigram(i))).collect(),
                ))
            }
        }
    }

    fn build(&self, query: &Query, visibility: &Visibility) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for group in &query.groups {
            let any: Vec<(Occur, Box<dyn TantivyQuery>)> = group
                .any_of
                .iter()
                .map(|t| (Occur::Should, self.exact(t, visibility)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for t in &query.exclude {
            clauses.push((Occur::MustNot, self.exact(t, visibility)));
        }
        if !query.has_terms() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let filter = |q: Box<dyn TantivyQuery>| -> (Occur, Box<dyn TantivyQuery>) {
            (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
        };
        let filters = &query.filters;
        if !filters.categories.is_empty() {
            clauses.push(filter(self.any_of(f.category, &filters.categories)));
        }
        if !filters.tags.is_empty() {
            clauses.push(filter(self.any_of(f.tags, &filters.tags)));
        }
        if let Some((lo, hi)) = filters.years {
            clauses.push(filter(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.year, i64::from(lo))),
                Bound::Included(Term::from_field_i64(f.year, i64::from(hi))),
            ))));
        }
        if let Some((lo, hi)) = filters.chars {
            clauses.push(filter(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.chars, u64::from(lo))),
                Bound::Included(Term::from_field_u64(f.chars, u64::from(hi))),
            ))));
        }
        if let Some(access) = filters.access {
            let paid = u64::from(access == Access::Paid);
            clauses.push(filter(Box::new(TermQuery::new(
                Term::from_field_u64(f.paid, paid),
                IndexRecordOption::Basic,
            ))));
        }
        // Ranking: BM25 over jieba words, and a boost where a term stands in the title.
        for t in query.positive_terms() {
            let words = tokenize::query_words(&fold_for_search(&t.text));
            let words_in = |field| -> Box<dyn TantivyQuery> {
                Box::new(BooleanQuery::new(
                    words
                        .iter()
                        .map(|w| {
                            let q: Box<dyn TantivyQuery> = Box::new(TermQuery::new(
                                Term::from_field_text(field, w),
                                IndexRecordOption::WithFreqs,
                            ));
                            (Occur::Should, q)
                        })
                        .collect(),
                ))
            };
            if !words.is_empty() {
                clauses.push((
                    Occur::Should,
                    self.scoped(visibility, words_in(f.words), || words_in(f.free_words)),
                ));
            }
            let in_title = QueryTerm {
                scope: Scope::Title,
                ..t.clone()
            };
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(self.exact(&in_title, visibility), 2.0)),
            ));
        }
        BooleanQuery::new(clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_of_an_older_layout_is_replaced_by_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = tantivy::schema::Schema::builder();
        old.add_u64_field("id", tantivy::schema::INDEXED);
        let index = Index::create_in_dir(dir.path(), old.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload("42");
        commit.commit().unwrap();
        drop((writer, index));

        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.applied_seq().unwrap(), 0, "it will be built again");
        assert!(
            reopened
                .fingerprint_matches(&[1, 2, 3], 10)
                .unwrap()
                .is_empty()
        );
    }
}
