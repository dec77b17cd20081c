//! The SQL both stores run: the embedded SQLite store and the PostgreSQL store share every
//! query, written in the dialect the two understand alike (`$N` parameters, `ON CONFLICT`,
//! `RETURNING`, row values). What differs stays in their own modules: how a connection is
//! opened, how a write transaction locks out other writers, and the migrations.
//!
//! [`sql_store!`] expands the shared code for one store type, its sqlx database and row.

use crate::{Result, StoreError};
use std::time::{SystemTime, UNIX_EPOCH};

/// Bound values in one statement: SQLite allows 32,766 and PostgreSQL 65,535; stay below both.
pub(crate) const MAX_BINDS: usize = 30_000;

/// (query, hash) pairs looked up in one statement by `sketch_matches`.
pub(crate) const SKETCH_CHUNK: usize = 2_000;

/// Rows in one multi-row statement: at most this many…
const MAX_CHUNK_ROWS: usize = 512;

/// …cut from `rows` in a handful of sizes (the largest power of two within [`MAX_BINDS`], then
/// smaller powers of two), so that the statements of every batch share a few shapes: each shape is prepared
/// once per connection and reused, where a statement sized by its data is parsed anew every
/// time.
pub(crate) fn chunks<T>(rows: &[T], binds_per_row: usize) -> impl Iterator<Item = &[T]> {
    let most = (MAX_BINDS / binds_per_row.max(1)).clamp(1, MAX_CHUNK_ROWS);
    let most = 1 << most.ilog2();
    let mut rest = rows;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let n = if rest.len() >= most {
            most
        } else {
            1 << rest.len().ilog2()
        };
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        Some(chunk)
    })
}

/// The (query, hash) pairs of one `sketch_matches` statement are padded to a multiple of this
/// with pairs of no query, for the same reason.
pub(crate) const SKETCH_PAD: usize = 250;

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) fn digest(bytes: &[u8]) -> Result<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("a digest of {} bytes", bytes.len())))
}

/// The [`Store`](crate::Store) implementation for `$Store`, whose `pool` is a pool of `$Db`
/// and whose `write()` opens a transaction that holds the library's write lock.
macro_rules! sql_store {
    ($Store:ty, $Db:ty, $Row:ty) => {
        /// Ids for new rows: the write lock is held, so nobody else takes them.
        async fn next_id(tx: &mut Transaction<'static, $Db>, table: &'static str) -> Result<i64> {
            let sql = match table {
                "materials" => "SELECT COALESCE(MAX(id), 0) + 1 FROM materials",
                "articles" => "SELECT COALESCE(MAX(id), 0) + 1 FROM articles",
                _ => unreachable!("no id sequence for {table}"),
            };
            Ok(sqlx::query_scalar(sql).fetch_one(&mut **tx).await?)
        }

        /// Counts files for edge paragraphs (see `Store::count_edge_lines`) inside `tx`.
        async fn count_edges(
            tx: &mut Transaction<'static, $Db>,
            seen: &[(String, String, u32)],
            now: i64,
        ) -> Result<()> {
            // One statement per distinct key: a VALUES list may not name a key twice in
            // an upsert.
            let mut merged: HashMap<&str, (&str, u32)> = HashMap::new();
            for (key, text, files) in seen {
                merged.entry(key).or_insert((text, 0)).1 += files;
            }
            let rows: Vec<(&str, &str, u32)> =
                merged.into_iter().map(|(k, (t, f))| (k, t, f)).collect();
            for chunk in chunks(&rows, 4) {
                let mut qb = QueryBuilder::<$Db>::new("INSERT INTO edge_lines (key, text, files, seen_at) ");
                qb.push_values(chunk, |mut row, (k, t, f)| {
                    row.push_bind(k.to_string())
                        .push_bind(t.to_string())
                        .push_bind(i64::from(*f))
                        .push_bind(now);
                });
                qb.push(" ON CONFLICT (key) DO UPDATE SET files = edge_lines.files + excluded.files, seen_at = excluded.seen_at");
                qb.build().execute(&mut **tx).await?;
            }
            sqlx::query("DELETE FROM edge_lines WHERE files = 1 AND verdict IS NULL AND seen_at < $1")
                .bind(now - 30 * 86_400)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// Runs one multi-row INSERT per chunk of `rows`, each row binding `cols` values.
        async fn insert_rows<T>(
            tx: &mut Transaction<'static, $Db>,
            head: &'static str,
            cols: usize,
            rows: &[T],
            mut bind: impl FnMut(&mut sqlx::query_builder::Separated<'_, $Db, &'static str>, &T),
        ) -> Result<()> {
            for chunk in chunks(rows, cols) {
                let mut qb = QueryBuilder::<$Db>::new(head);
                qb.push_values(chunk, |mut row, item| bind(&mut row, item));
                qb.build().execute(&mut **tx).await?;
            }
            Ok(())
        }

        /// The columns of an [`ArticleSummary`], from `articles a` (a macro, so queries stay literals).
        macro_rules! summary_columns {
            () => {
                "a.id, a.material_id, a.title, a.category, a.tags, a.year, a.chars,
                 CAST(length(a.body) AS BIGINT) AS body_chars, a.free_chars, a.duplicate_of"
            };
        }

        fn summary_from_row(row: &$Row) -> Result<ArticleSummary> {
            Ok(ArticleSummary {
                id: row.try_get("id")?,
                material_id: row.try_get("material_id")?,
                title: row.try_get("title")?,
                category: row.try_get("category")?,
                tags: serde_json::from_str(row.try_get("tags")?)?,
                year: row.try_get::<Option<i64>, _>("year")?.map(|y| y as i32),
                chars: row.try_get::<i64, _>("chars")? as u32,
                body_chars: row.try_get::<i64, _>("body_chars")? as u32,
                free_chars: row
                    .try_get::<Option<i64>, _>("free_chars")?
                    .map(|n| n as u32),
                duplicate_of: row.try_get("duplicate_of")?,
            })
        }

        fn article_from_row(row: &$Row) -> Result<Article> {
            Ok(Article {
                id: row.try_get("id")?,
                material_id: row.try_get("material_id")?,
                position: row.try_get::<i64, _>("position")? as u32,
                title: row.try_get("title")?,
                body: row.try_get("body")?,
                free_chars: row
                    .try_get::<Option<i64>, _>("free_chars")?
                    .map(|n| n as u32),
                category: row.try_get("category")?,
                tags: serde_json::from_str(row.try_get("tags")?)?,
                year: row.try_get::<Option<i64>, _>("year")?.map(|y| y as i32),
                date: row.try_get("date")?,
                chars: row.try_get::<i64, _>("chars")? as u32,
                paragraphs: row.try_get::<i64, _>("paragraphs")? as u32,
                outline: serde_json::from_str(row.try_get("outline")?)?,
                quotes: serde_json::from_str(row.try_get("quotes")?)?,
                masks: serde_json::from_str(row.try_get("masks")?)?,
                simhash: row.try_get::<Option<i64>, _>("simhash")?.map(|h| h as u64),
                duplicate_of: row.try_get("duplicate_of")?,
                duplicate_kind: parse_kind(row.try_get("duplicate_kind")?),
                created_at: row.try_get("created_at")?,
            })
        }

        #[async_trait]
        impl Store for $Store {
            async fn commit(
                &self,
                batch: &[NewMaterial],
                edge_lines: &[(String, String, u32)],
            ) -> Result<Vec<Committed>> {
                let mut tx = self.write().await?;
                let digests: Vec<[u8; 32]> = batch.iter().map(|m| m.sha256).collect();
                let mut existing = materials_by_sha256(&mut tx, &digests).await?;
                let mut material_id = next_id(&mut tx, "materials").await?;
                let mut article_id = next_id(&mut tx, "articles").await?;
                let at = now();

                // Assign ids first: a duplicate may point at an article earlier in the same batch.
                let mut results = Vec::with_capacity(batch.len());
                let mut new = Vec::new(); // (material index, material id, article ids)
                for (i, m) in batch.iter().enumerate() {
                    if let Some(&id) = existing.get(&m.sha256) {
                        results.push(Committed::Existing { material_id: id });
                        continue;
                    }
                    existing.insert(m.sha256, material_id);
                    let ids: Vec<i64> = (article_id..article_id + m.articles.len() as i64).collect();
                    article_id += m.articles.len() as i64;
                    results.push(Committed::New {
                        material_id,
                        article_ids: ids.clone(),
                    });
                    new.push((i, material_id, ids));
                    material_id += 1;
                }
                let resolve = |original: Original| -> i64 {
                    match original {
                        Original::Stored(id) => id,
                        Original::InBatch { material, article } => match &results[material] {
                            Committed::New { article_ids, .. } => article_ids[article],
                            // The batch's earlier copy was itself already stored: its first article.
                            Committed::Existing { .. } => unreachable!("in-batch originals are new"),
                        },
                    }
                };

                let materials: Vec<(&NewMaterial, i64)> =
                    new.iter().map(|(i, id, _)| (&batch[*i], *id)).collect();
                insert_rows(&mut tx,
                    "INSERT INTO materials (id, sha256, file_name, file_name_raw, format, encoding, byte_len, title, declared_articles, trailer, warnings, imported_at) ",
                    12, &materials, |row, (m, id)| {
                        row.push_bind(*id)
                            .push_bind(m.sha256.to_vec())
                            .push_bind(m.file_name.clone())
                            .push_bind(m.file_name_raw.clone())
                            .push_bind(m.format.clone())
                            .push_bind(m.encoding.clone())
                            .push_bind(m.original.len() as i64)
                            .push_bind(m.title.clone())
                            .push_bind(m.declared_articles.map(i64::from))
                            .push_bind(m.trailer.clone())
                            .push_bind(serde_json::to_string(&m.warnings).unwrap_or_default())
                            .push_bind(at);
                    }).await?;
                insert_rows(
                    &mut tx,
                    "INSERT INTO originals (material_id, bytes) ",
                    2,
                    &materials,
                    |row, (m, id)| {
                        row.push_bind(*id).push_bind(m.original.clone());
                    },
                )
                .await?;

                let mut articles = Vec::new();
                for (i, material_id, ids) in &new {
                    for (position, (a, id)) in batch[*i].articles.iter().zip(ids).enumerate() {
                        let dup = a.duplicate_of.map(|(o, kind)| (resolve(o), kind));
                        articles.push((a, *id, *material_id, position as i64, dup));
                    }
                }
                insert_rows(&mut tx,
                    "INSERT INTO articles (id, material_id, position, title, body, free_chars, category, tags, year, date, chars, paragraphs, outline, quotes, masks, text_hash, simhash, duplicate_of, duplicate_kind, created_at) ",
                    20, &articles, |row, (a, id, material_id, position, dup)| {
                        row.push_bind(*id)
                            .push_bind(*material_id)
                            .push_bind(*position)
                            .push_bind(a.title.clone())
                            .push_bind(a.body.clone())
                            .push_bind(a.free_chars.map(i64::from))
                            .push_bind(a.category.clone())
                            .push_bind(serde_json::to_string(&a.tags).unwrap_or_default())
                            .push_bind(a.year.map(i64::from))
                            .push_bind(a.date.clone())
                            .push_bind(i64::from(a.chars))
                            .push_bind(i64::from(a.paragraphs))
                            .push_bind(serde_json::to_string(&a.outline).unwrap_or_default())
                            .push_bind(serde_json::to_string(&a.quotes).unwrap_or_default())
                            .push_bind(serde_json::to_string(&a.masks).unwrap_or_default())
                            .push_bind(a.text_hash.to_vec())
                            .push_bind(a.simhash.map(|h| h as i64))
                            .push_bind(dup.map(|(id, _)| id))
                            .push_bind(dup.map(|(_, kind)| kind.as_str()))
                            .push_bind(at);
                    }).await?;

                let bands: Vec<(u8, u16, i64)> = articles
                    .iter()
                    .filter_map(|(a, id, ..)| a.simhash.map(|h| (h, *id)))
                    .flat_map(|(h, id)| sucai_text::fingerprint::bands(h).map(|(b, v)| (b, v, id)))
                    .collect();
                insert_rows(
                    &mut tx,
                    "INSERT INTO simhash_bands (band, value, article_id) ",
                    3,
                    &bands,
                    |row, (b, v, id)| {
                        row.push_bind(i64::from(*b))
                            .push_bind(i64::from(*v))
                            .push_bind(*id);
                    },
                )
                .await?;

                // A text's sampled hashes, each once (a repeated passage samples the same hash).
                let mut sketches: Vec<(i64, i64)> = articles
                    .iter()
                    .flat_map(|(a, id, ..)| a.sketch.iter().map(move |&h| (h as i64, *id)))
                    .collect();
                // In key order: the index's pages are then written one after another, not
                // looked for at random (a batch holds some hundred thousand of them).
                sketches.sort_unstable();
                sketches.dedup();
                insert_rows(
                    &mut tx,
                    "INSERT INTO article_sketches (hash, article_id) ",
                    2,
                    &sketches,
                    |row, (h, id)| {
                        row.push_bind(*h).push_bind(*id);
                    },
                )
                .await?;

                let changes: Vec<(&'static str, i64)> = new
                    .iter()
                    .flat_map(|(_, mid, ids)| {
                        std::iter::once(("material", *mid)).chain(ids.iter().map(|id| ("article", *id)))
                    })
                    .collect();
                insert_rows(
                    &mut tx,
                    "INSERT INTO changes (entity, entity_id, op, at) ",
                    4,
                    &changes,
                    |row, (entity, id)| {
                        row.push_bind(*entity)
                            .push_bind(*id)
                            .push_bind("upsert")
                            .push_bind(at);
                    },
                )
                .await?;

                // In the same transaction: a killed import leaves no file counted but not stored.
                count_edges(&mut tx, edge_lines, at).await?;
                tx.commit().await?;
                Ok(results)
            }

            async fn materials_by_sha256(&self, digests: &[[u8; 32]]) -> Result<HashMap<[u8; 32], i64>> {
                let mut conn = self.pool.begin().await?;
                materials_by_sha256(&mut conn, digests).await
            }

            async fn duplicate_candidates(
                &self,
                text_hashes: &[[u8; 32]],
                simhashes: &[u64],
            ) -> Result<Vec<DuplicateCandidate>> {
                let mut found = HashMap::new();
                for chunk in chunks(text_hashes, 1) {
                    let mut qb = QueryBuilder::<$Db>::new(
                        "SELECT id, material_id, text_hash, simhash FROM articles WHERE text_hash IN (",
                    );
                    let mut list = qb.separated(", ");
                    for h in chunk {
                        list.push_bind(h.to_vec());
                    }
                    qb.push(")");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let c = candidate(&row)?;
                        found.insert(c.article_id, c);
                    }
                }
                let bands: Vec<(u8, u16)> = simhashes
                    .iter()
                    .flat_map(|&h| sucai_text::fingerprint::bands(h))
                    .collect();
                for chunk in chunks(&bands, 2) {
                    let mut qb = QueryBuilder::<$Db>::new(
                        "SELECT a.id, a.material_id, a.text_hash, a.simhash FROM simhash_bands b JOIN articles a ON a.id = b.article_id WHERE (b.band, b.value) IN (",
                    );
                    qb.push_values(chunk, |mut row, (b, v)| {
                        row.push_bind(i64::from(*b)).push_bind(i64::from(*v));
                    });
                    qb.push(")");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let c = candidate(&row)?;
                        found.insert(c.article_id, c);
                    }
                }
                let mut out: Vec<_> = found.into_values().collect();
                out.sort_by_key(|c| c.article_id);
                Ok(out)
            }

            async fn edge_lines(&self, keys: &[String]) -> Result<HashMap<String, EdgeLine>> {
                let mut found = HashMap::new();
                for chunk in chunks(keys, 1) {
                    let mut qb = QueryBuilder::<$Db>::new(
                        "SELECT key, text, files, verdict FROM edge_lines WHERE key IN (",
                    );
                    let mut list = qb.separated(", ");
                    for k in chunk {
                        list.push_bind(k.clone());
                    }
                    qb.push(")");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let line = edge_line_from_row(&row)?;
                        found.insert(line.key.clone(), line);
                    }
                }
                Ok(found)
            }

            async fn count_edge_lines(&self, seen: &[(String, String, u32)], now: i64) -> Result<()> {
                let mut tx = self.write().await?;
                count_edges(&mut tx, seen, now).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn boilerplate(&self, min_files: u32, limit: i64) -> Result<Vec<EdgeLine>> {
                sqlx::query(
                    "SELECT key, text, files, verdict FROM edge_lines
                     WHERE verdict IS NOT NULL OR files >= $1 ORDER BY files DESC, key LIMIT $2",
                )
                .bind(i64::from(min_files))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(edge_line_from_row)
                .collect()
            }

            async fn judge_edge_line(&self, key: &str, text: &str, verdict: Option<EdgeVerdict>) -> Result<()> {
                let mut tx = self.write().await?;
                sqlx::query(
                    "INSERT INTO edge_lines (key, text, files, verdict, seen_at) VALUES ($1, $2, 0, $3, $4)
                     ON CONFLICT (key) DO UPDATE SET verdict = excluded.verdict",
                )
                .bind(key)
                .bind(text)
                .bind(verdict.map(EdgeVerdict::as_str))
                .bind(now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn reprocess_material(&self, material_id: i64, material: &NewMaterial) -> Result<bool> {
                let mut tx = self.write().await?;
                let stored = sqlx::query("SELECT id, edited_at FROM articles WHERE material_id = $1 ORDER BY position")
                    .bind(material_id)
                    .fetch_all(&mut *tx)
                    .await?;
                if stored.len() != material.articles.len() {
                    return Ok(false);
                }
                sqlx::query("UPDATE materials SET title = $1, trailer = $2, warnings = $3 WHERE id = $4")
                    .bind(&material.title)
                    .bind(&material.trailer)
                    .bind(serde_json::to_string(&material.warnings)?)
                    .bind(material_id)
                    .execute(&mut *tx)
                    .await?;
                let at = now();
                for (row, a) in stored.iter().zip(&material.articles) {
                    let id: i64 = row.try_get("id")?;
                    let edited = row.try_get::<Option<i64>, _>("edited_at")?.is_some();
                    sqlx::query(
                        "UPDATE articles SET body = $1, chars = $2, paragraphs = $3, outline = $4,
                         quotes = $5, masks = $6, text_hash = $7, simhash = $8 WHERE id = $9",
                    )
                    .bind(&a.body)
                    .bind(i64::from(a.chars))
                    .bind(i64::from(a.paragraphs))
                    .bind(serde_json::to_string(&a.outline)?)
                    .bind(serde_json::to_string(&a.quotes)?)
                    .bind(serde_json::to_string(&a.masks)?)
                    .bind(a.text_hash.to_vec())
                    .bind(a.simhash.map(|h| h as i64))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    // The operator's choices stand; the paid boundary an operator set too.
                    if !edited {
                        sqlx::query("UPDATE articles SET title = $1, category = $2, tags = $3, year = $4, free_chars = $5, date = $6 WHERE id = $7")
                            .bind(&a.title)
                            .bind(&a.category)
                            .bind(serde_json::to_string(&a.tags)?)
                            .bind(a.year.map(i64::from))
                            .bind(a.free_chars.map(i64::from))
                            .bind(&a.date)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    for table in ["DELETE FROM simhash_bands WHERE article_id = $1", "DELETE FROM article_sketches WHERE article_id = $1"] {
                        sqlx::query(table).bind(id).execute(&mut *tx).await?;
                    }
                    let mut sketch: Vec<i64> = a.sketch.iter().map(|&h| h as i64).collect();
                    sketch.sort_unstable();
                    sketch.dedup();
                    insert_rows(&mut tx, "INSERT INTO article_sketches (hash, article_id) ", 2, &sketch, |row, h| {
                        row.push_bind(*h).push_bind(id);
                    })
                    .await?;
                    if let Some(h) = a.simhash {
                        let bands: Vec<(u8, u16)> = sucai_text::fingerprint::bands(h).to_vec();
                        insert_rows(&mut tx, "INSERT INTO simhash_bands (band, value, article_id) ", 3, &bands, |row, (b, v)| {
                            row.push_bind(i64::from(*b)).push_bind(i64::from(*v)).push_bind(id);
                        })
                        .await?;
                    }
                    sqlx::query("INSERT INTO changes (entity, entity_id, op, at) VALUES ('article', $1, 'upsert', $2)")
                        .bind(id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn tag_words(&self) -> Result<Vec<(String, bool)>> {
                let rows: Vec<(String, String)> =
                    sqlx::query_as("SELECT word, verdict FROM tag_words ORDER BY word")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|(w, v)| (w, v == "stop")).collect())
            }

            async fn set_tag_word(&self, word: &str, stop: Option<bool>) -> Result<()> {
                let mut tx = self.write().await?;
                match stop {
                    Some(stop) => {
                        sqlx::query(
                            "INSERT INTO tag_words (word, verdict) VALUES ($1, $2)
                             ON CONFLICT (word) DO UPDATE SET verdict = excluded.verdict",
                        )
                        .bind(word)
                        .bind(if stop { "stop" } else { "keep" })
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM tag_words WHERE word = $1")
                            .bind(word)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn material_ids(&self, after: i64, limit: i64) -> Result<Vec<i64>> {
                Ok(sqlx::query_scalar("SELECT id FROM materials WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn sketch_matches(
                &self,
                sketches: &[&[u64]],
                min_shared: u32,
            ) -> Result<Vec<SketchMatch>> {
                // (query, hash) pairs, each hash once per query, in chunks of whole queries, so
                // that the database counts each query's shared hashes and sends back only the
                // articles sharing enough (a phrase every speech uses shares one hash with
                // thousands). A query larger than a chunk is split alone and counted here.
                let mut pairs: Vec<(Vec<(i64, i64)>, bool)> = Vec::new(); // (pairs, whole)
                for (q, sketch) in sketches.iter().enumerate() {
                    let mut hashes = sketch.to_vec();
                    hashes.sort_unstable();
                    hashes.dedup();
                    let these = hashes.into_iter().map(|h| (q as i64, h as i64));
                    if sketch.len() > SKETCH_CHUNK {
                        let these: Vec<(i64, i64)> = these.collect();
                        pairs.extend(these.chunks(SKETCH_CHUNK).map(|c| (c.to_vec(), false)));
                        continue;
                    }
                    match pairs.last_mut() {
                        Some((last, true)) if last.len() + sketch.len() <= SKETCH_CHUNK => {
                            last.extend(these)
                        }
                        _ => pairs.push((these.collect(), true)),
                    }
                }
                let mut shared: HashMap<(usize, i64), (i64, u32, u32)> = HashMap::new();
                // Small chunks: PostgreSQL then probes the index hash by hash, where a long list
                // of values makes it scan the whole table.
                for (chunk, whole) in pairs.iter_mut().filter(|(c, _)| !c.is_empty()) {
                    chunk.resize(chunk.len().div_ceil(SKETCH_PAD) * SKETCH_PAD, (-1, 0));
                    let mut qb = QueryBuilder::<$Db>::new("WITH q (query, hash) AS (");
                    qb.push_values(chunk.iter(), |mut row, (q, h)| {
                        row.push_bind(*q).push_bind(*h);
                    });
                    // Counted on the sketch index alone, and only the articles sharing enough
                    // are read: an article's row holds its body, which `chars` follows.
                    qb.push(
                        "), m AS (SELECT q.query, s.article_id, COUNT(*) AS shared \
                         FROM q JOIN article_sketches s ON s.hash = q.hash \
                         WHERE q.query >= 0 GROUP BY q.query, s.article_id",
                    );
                    if *whole {
                        qb.push(" HAVING COUNT(*) >= ").push_bind(i64::from(min_shared));
                    }
                    qb.push(
                        ") SELECT m.query, a.id, a.material_id, a.chars, m.shared \
                         FROM m JOIN articles a ON a.id = m.article_id",
                    );
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let query = row.try_get::<i64, _>(0)? as usize;
                        let id: i64 = row.try_get(1)?;
                        let entry = shared.entry((query, id)).or_insert((
                            row.try_get(2)?,
                            row.try_get::<i64, _>(3)? as u32,
                            0,
                        ));
                        entry.2 += row.try_get::<i64, _>(4)? as u32;
                    }
                }
                let mut out: Vec<SketchMatch> = shared
                    .into_iter()
                    .filter(|(_, (_, _, n))| *n >= min_shared)
                    .map(|((query, article_id), (material_id, chars, shared))| SketchMatch {
                        query,
                        article_id,
                        material_id,
                        chars,
                        shared,
                    })
                    .collect();
                out.sort_by_key(|m| (m.query, m.article_id));
                Ok(out)
            }

            async fn article(&self, id: i64) -> Result<Option<Article>> {
                let row = sqlx::query("SELECT * FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(article_from_row).transpose()
            }

            async fn articles_by_id(&self, ids: &[i64]) -> Result<Vec<Article>> {
                let mut found = HashMap::with_capacity(ids.len());
                for chunk in chunks(ids, 1) {
                    let mut qb = QueryBuilder::<$Db>::new("SELECT * FROM articles WHERE id IN (");
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let article = article_from_row(&row)?;
                        found.insert(article.id, article);
                    }
                }
                Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
            }

            async fn article_texts(&self, ids: &[i64], free_part_only: bool) -> Result<Vec<ArticleText>> {
                let mut found = HashMap::with_capacity(ids.len());
                for chunk in chunks(ids, 1) {
                    let mut qb = QueryBuilder::<$Db>::new(
                        "SELECT id, title, category, free_chars, CAST(length(body) AS BIGINT) AS body_chars, CASE WHEN ",
                    );
                    qb.push_bind(free_part_only)
                        .push(" THEN substr(body, 1, CAST(COALESCE(free_chars, ")
                        .push_bind(i64::from(DEFAULT_FREE_CHARS))
                        .push(") AS INTEGER)) ELSE body END AS body FROM articles WHERE id IN (");
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    for row in qb.build().fetch_all(&self.pool).await? {
                        let text = ArticleText {
                            id: row.try_get("id")?,
                            title: row.try_get("title")?,
                            category: row.try_get("category")?,
                            free_chars: row
                                .try_get::<Option<i64>, _>("free_chars")?
                                .map(|n| n as u32),
                            body_chars: row.try_get::<i64, _>("body_chars")? as u32,
                            body: row.try_get("body")?,
                        };
                        found.insert(text.id, text);
                    }
                }
                Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
            }

            async fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    summary_columns!(),
                    " FROM articles a ORDER BY id LIMIT $1 OFFSET $2"
                ))
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(summary_from_row).collect()
            }

            async fn titles(&self) -> Result<Vec<(i64, String)>> {
                Ok(sqlx::query_as("SELECT id, title FROM articles ORDER BY id")
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn new_articles(&self, since: i64, limit: i64) -> Result<Vec<ArticleSummary>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    summary_columns!(),
                    " FROM articles a JOIN materials m ON m.id = a.material_id
                     WHERE m.imported_at >= $1 AND a.duplicate_of IS NULL
                     ORDER BY a.id DESC LIMIT $2"
                ))
                .bind(since)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(summary_from_row).collect()
            }

            async fn imports_since(&self, since: i64) -> Result<Vec<ImportSummary>> {
                let rows = sqlx::query(
                    "SELECT id, started_at, seconds, files, imported, duplicates, rejected, chars
                     FROM imports WHERE started_at >= $1 ORDER BY id DESC",
                )
                .bind(since)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ImportSummary {
                            id: row.try_get("id")?,
                            started_at: row.try_get("started_at")?,
                            seconds: row.try_get("seconds")?,
                            files: row.try_get::<i64, _>("files")? as u64,
                            imported: row.try_get::<i64, _>("imported")? as u64,
                            duplicates: row.try_get::<i64, _>("duplicates")? as u64,
                            rejected: row.try_get::<i64, _>("rejected")? as u64,
                            chars: row.try_get::<i64, _>("chars")? as u64,
                        })
                    })
                    .collect()
            }

            async fn material(&self, id: i64) -> Result<Option<Material>> {
                let Some(row) = sqlx::query("SELECT * FROM materials WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let article_ids =
                    sqlx::query_scalar("SELECT id FROM articles WHERE material_id = $1 ORDER BY position")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                let sha: Vec<u8> = row.try_get("sha256")?;
                Ok(Some(Material {
                    id,
                    sha256: sha.iter().map(|b| format!("{b:02x}")).collect(),
                    file_name: row.try_get("file_name")?,
                    format: row.try_get("format")?,
                    encoding: row.try_get("encoding")?,
                    byte_len: row.try_get("byte_len")?,
                    title: row.try_get("title")?,
                    declared_articles: row
                        .try_get::<Option<i64>, _>("declared_articles")?
                        .map(|n| n as u32),
                    trailer: row.try_get("trailer")?,
                    warnings: serde_json::from_str(row.try_get("warnings")?)?,
                    imported_at: row.try_get("imported_at")?,
                    article_ids,
                }))
            }

            async fn original(&self, material_id: i64) -> Result<Option<Vec<u8>>> {
                Ok(
                    sqlx::query_scalar("SELECT bytes FROM originals WHERE material_id = $1")
                        .bind(material_id)
                        .fetch_optional(&self.pool)
                        .await?,
                )
            }

            async fn record_import(&self, report: &ImportRecord) -> Result<i64> {
                let count = |s: ImportStatus| report.files.iter().filter(|f| f.status == s).count() as i64;
                let mut tx = self.write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO imports (started_at, seconds, files, imported, duplicates, rejected, chars)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(report.started_at)
                .bind(report.seconds)
                .bind(report.files.len() as i64)
                .bind(count(ImportStatus::Imported))
                .bind(count(ImportStatus::Duplicate))
                .bind(count(ImportStatus::Rejected))
                .bind(report.chars as i64)
                .fetch_one(&mut *tx)
                .await?;
                let files: Vec<(usize, &ImportFile)> = report.files.iter().enumerate().collect();
                insert_rows(&mut tx,
                    "INSERT INTO import_files (import_id, position, path, status, material_id, articles, duplicate_of, reason) ",
                    8, &files, |row, (i, f)| {
                        row.push_bind(id)
                            .push_bind(*i as i64)
                            .push_bind(f.path.clone())
                            .push_bind(f.status.as_str())
                            .push_bind(f.material_id)
                            .push_bind(f.articles.map(i64::from))
                            .push_bind(f.duplicate_of)
                            .push_bind(f.reason.clone());
                    }).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn import_record(&self, id: i64) -> Result<Option<ImportRecord>> {
                let Some(head) = sqlx::query("SELECT started_at, seconds, chars FROM imports WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                else {
                    return Ok(None);
                };
                let rows = sqlx::query("SELECT * FROM import_files WHERE import_id = $1 ORDER BY position")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                let files = rows
                    .iter()
                    .map(|row| {
                        let status: String = row.try_get("status")?;
                        Ok(ImportFile {
                            path: row.try_get("path")?,
                            status: parse_status(&status)
                                .ok_or_else(|| StoreError::Corrupt(format!("import status {status:?}")))?,
                            material_id: row.try_get("material_id")?,
                            articles: row.try_get::<Option<i64>, _>("articles")?.map(|n| n as u32),
                            duplicate_of: row.try_get("duplicate_of")?,
                            reason: row.try_get("reason")?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(Some(ImportRecord {
                    started_at: head.try_get("started_at")?,
                    seconds: head.try_get("seconds")?,
                    chars: head.try_get::<i64, _>("chars")? as u64,
                    files,
                }))
            }

            async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>> {
                let rows = sqlx::query(
                    "SELECT seq, entity, entity_id, op FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(seq)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let entity: String = row.try_get("entity")?;
                        let op: String = row.try_get("op")?;
                        Ok(Change {
                            seq: row.try_get("seq")?,
                            entity: match entity.as_str() {
                                "material" => Entity::Material,
                                "article" => Entity::Article,
                                other => {
                                    return Err(StoreError::Corrupt(format!("change entity {other:?}")));
                                }
                            },
                            id: row.try_get("entity_id")?,
                            op: if op == "delete" {
                                Op::Delete
                            } else {
                                Op::Upsert
                            },
                        })
                    })
                    .collect()
            }

            async fn wait_for_changes(&self, timeout: std::time::Duration) -> Result<()> {
                self.wait_for_notice(timeout).await
            }

            async fn close(&self) {
                self.shut().await;
            }

            async fn stats(&self) -> Result<Stats> {
                let row = sqlx::query(
                    "SELECT (SELECT COUNT(*) FROM materials) AS materials,
                            (SELECT COUNT(*) FROM articles) AS articles,
                            (SELECT CAST(COALESCE(SUM(chars), 0) AS BIGINT) FROM articles) AS chars,
                            (SELECT COALESCE(MAX(seq), 0) FROM changes) AS last_seq",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok(Stats {
                    materials: row.try_get("materials")?,
                    articles: row.try_get("articles")?,
                    chars: row.try_get("chars")?,
                    last_seq: row.try_get("last_seq")?,
                })
            }

            async fn edit_article(&self, id: i64, edit: &ArticleEdit) -> Result<Option<Article>> {
                let mut tx = self.write().await?;
                let Some(row) = sqlx::query("SELECT * FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    return Ok(None);
                };
                let mut a = article_from_row(&row)?;
                if let Some(title) = &edit.title {
                    a.title = title.clone();
                }
                if let Some(category) = &edit.category {
                    a.category = category.clone();
                }
                if let Some(tags) = &edit.tags {
                    a.tags = tags.clone();
                }
                if let Some(year) = edit.year {
                    a.year = year;
                    // The date keeps its month and day only while it is of the year set.
                    let same_year = |d: &String| d.get(..4).and_then(|y| y.parse().ok()) == year;
                    if !a.date.as_ref().is_some_and(same_year) {
                        a.date = year.map(|y| y.to_string());
                    }
                }
                if let Some(free) = edit.free_chars {
                    a.free_chars = free.map(|f| f.min(a.body.chars().count() as u32));
                }
                sqlx::query("UPDATE articles SET title = $1, category = $2, tags = $3, year = $4, free_chars = $5, date = $6, edited_at = $7 WHERE id = $8")
                    .bind(&a.title)
                    .bind(&a.category)
                    .bind(serde_json::to_string(&a.tags)?)
                    .bind(a.year.map(i64::from))
                    .bind(a.free_chars.map(i64::from))
                    .bind(&a.date)
                    .bind(now())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO changes (entity, entity_id, op, at) VALUES ('article', $1, 'upsert', $2)",
                )
                .bind(id)
                .bind(now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some(a))
            }

            async fn create_user(
                &self,
                username: &str,
                password_hash: &str,
                role: Role,
            ) -> Result<Option<i64>> {
                // Under the write lock: two names that differ only in case cannot both pass.
                let mut tx = self.write().await?;
                let id = sqlx::query_scalar(
                    "INSERT INTO users (username, password_hash, role, created_at)
                     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1))
                     ON CONFLICT (username) DO NOTHING RETURNING id",
                )
                .bind(username)
                .bind(password_hash)
                .bind(role.as_str())
                .bind(now())
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn user(&self, id: i64) -> Result<Option<User>> {
                let row = sqlx::query("SELECT * FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
                let row = sqlx::query(
                    "SELECT * FROM users WHERE lower(username) = lower($1)
                     ORDER BY CASE WHEN username = $1 THEN 0 ELSE 1 END, id LIMIT 1",
                )
                .bind(username)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn users(&self, page: Page) -> Result<Vec<User>> {
                let rows = sqlx::query("SELECT * FROM users ORDER BY id LIMIT $1 OFFSET $2")
                    .bind(page.limit)
                    .bind(page.offset)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
                sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_role(&self, user_id: i64, role: Role) -> Result<()> {
                sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                    .bind(role.as_str())
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn create_session(
                &self,
                token_hash: &[u8; 32],
                user_id: i64,
                csrf: &str,
                expires_at: i64,
            ) -> Result<()> {
                sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(token_hash.to_vec())
                    .bind(user_id)
                    .bind(csrf)
                    .bind(now())
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn session(&self, token_hash: &[u8; 32], now: i64) -> Result<Option<(User, String)>> {
                let row = sqlx::query(
                    "SELECT u.*, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id
                     WHERE s.token_hash = $1 AND s.expires_at > $2",
                )
                .bind(token_hash.to_vec())
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Ok((user_from_row(&r)?, r.try_get("csrf")?)))
                    .transpose()
            }

            async fn delete_session(&self, token_hash: &[u8; 32]) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash.to_vec())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_sessions(&self, user_id: i64) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn create_api_token(
                &self,
                token_hash: &[u8; 32],
                user_id: i64,
                name: &str,
            ) -> Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)
                     RETURNING id",
                )
                .bind(token_hash.to_vec())
                .bind(user_id)
                .bind(name)
                .bind(now())
                .fetch_one(&self.pool)
                .await?)
            }

            async fn api_token_user(&self, token_hash: &[u8; 32]) -> Result<Option<User>> {
                let row = sqlx::query(
                    "SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
                )
                .bind(token_hash.to_vec())
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>> {
                let rows = sqlx::query(
                    "SELECT id, name, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(ApiToken {
                            id: r.try_get("id")?,
                            name: r.try_get("name")?,
                            created_at: r.try_get("created_at")?,
                        })
                    })
                    .collect()
            }

            async fn delete_api_token(&self, user_id: i64, token_id: i64) -> Result<bool> {
                let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
                    .bind(token_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_api_tokens(&self, user_id: i64) -> Result<()> {
                sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn tiers(&self) -> Result<Vec<Tier>> {
                let rows = sqlx::query("SELECT * FROM tiers ORDER BY rank")
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok(Tier {
                            name: r.try_get("name")?,
                            rank: r.try_get("rank")?,
                            categories: serde_json::from_str(r.try_get("categories")?)?,
                            daily_downloads: r.try_get::<i64, _>("daily_downloads")? as u32,
                        })
                    })
                    .collect()
            }

            async fn membership(&self, user_id: i64, now: i64) -> Result<Option<Membership>> {
                Ok(schedule(&self.pool, user_id).await?.map(|s| s.at(user_id, now)))
            }

            async fn members_by_tier(&self, now: i64) -> Result<HashMap<String, i64>> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT tier, CAST(COUNT(*) AS BIGINT) FROM memberships WHERE expires_at > $1 GROUP BY tier",
                )
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().collect())
            }

            async fn grant(&self, user_id: i64, tier: &str, expires_at: i64) -> Result<Membership> {
                let mut tx = self.write().await?;
                set_schedule(
                    &mut tx,
                    user_id,
                    &Schedule {
                        running: Scheduled {
                            tier: tier.to_string(),
                            rank: 0,
                            time: expires_at,
                        },
                        paused: vec![],
                    },
                )
                .await?;
                tx.commit().await?;
                Ok(Membership {
                    user_id,
                    tier: tier.to_string(),
                    expires_at,
                    queued: vec![],
                })
            }

            async fn create_codes(&self, codes: &[String], tier: &str, days: u32) -> Result<()> {
                let mut tx = self.write().await?;
                let at = now();
                insert_rows(
                    &mut tx,
                    "INSERT INTO redeem_codes (code, tier, days, created_at) ",
                    4,
                    codes,
                    |row, code| {
                        row.push_bind(code.clone())
                            .push_bind(tier.to_string())
                            .push_bind(i64::from(days))
                            .push_bind(at);
                    },
                )
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn redeem(&self, code: &str, user_id: i64, now: i64) -> Result<Redeemed> {
                let mut tx = self.write().await?;
                let Some(row) = sqlx::query(
                    "SELECT c.tier, c.days, c.redeemed_by, t.rank FROM redeem_codes c JOIN tiers t ON t.name = c.tier
                     WHERE c.code = $1",
                )
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?
                else {
                    return Ok(Redeemed::Unknown);
                };
                if row.try_get::<Option<i64>, _>("redeemed_by")?.is_some() {
                    return Ok(Redeemed::AlreadyUsed);
                }
                let (tier, days, rank): (String, i64, i64) = (
                    row.try_get("tier")?,
                    row.try_get("days")?,
                    row.try_get("rank")?,
                );
                let seconds = days * 86_400;
                let plan = match schedule(&mut *tx, user_id).await? {
                    Some(mut s) => {
                        s.add(&tier, rank, seconds, now);
                        s
                    }
                    None => Schedule {
                        running: Scheduled {
                            tier,
                            rank,
                            time: now + seconds,
                        },
                        paused: vec![],
                    },
                };
                sqlx::query("UPDATE redeem_codes SET redeemed_by = $1, redeemed_at = $2 WHERE code = $3")
                    .bind(user_id)
                    .bind(now)
                    .bind(code)
                    .execute(&mut *tx)
                    .await?;
                set_schedule(&mut tx, user_id, &plan).await?;
                tx.commit().await?;
                Ok(Redeemed::Now(plan.at(user_id, now)))
            }

            async fn count_download(
                &self,
                user_id: i64,
                article_ids: &[i64],
                format: &str,
                day: &str,
                allowance: u32,
                now: i64,
            ) -> Result<Counted> {
                let mut tx = self.write().await?;
                let today = sqlx::query("SELECT article_ids, units FROM downloads WHERE user_id = $1 AND day = $2")
                    .bind(user_id)
                    .bind(day)
                    .fetch_all(&mut *tx)
                    .await?;
                let mut used = 0i64;
                let mut taken = std::collections::HashSet::new();
                for row in &today {
                    used += row.try_get::<i64, _>("units")?;
                    let ids: Vec<i64> = serde_json::from_str(&row.try_get::<String, _>("article_ids")?)?;
                    taken.extend(ids);
                }
                // An article costs one unit a day, however often and in whatever form it goes.
                let mut fresh: Vec<i64> = article_ids.iter().copied().filter(|id| !taken.contains(id)).collect();
                fresh.sort_unstable();
                fresh.dedup();
                let units = fresh.len() as i64;
                if used + units > i64::from(allowance) {
                    return Ok(Counted::Spent);
                }
                sqlx::query("INSERT INTO downloads (user_id, article_ids, units, format, day, at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(user_id)
                    .bind(serde_json::to_string(article_ids)?)
                    .bind(units)
                    .bind(format)
                    .bind(day)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Counted::Recorded {
                    remaining: (i64::from(allowance) - used - units) as u32,
                })
            }

            async fn add_to_counter(
                &self,
                key: &str,
                window: i64,
                delta: i64,
                expires_at: i64,
            ) -> Result<i64> {
                // One statement: atomic on both databases, and no library write lock (a login
                // never waits for an import).
                Ok(sqlx::query_scalar(
                    "INSERT INTO counters (key, since, count, expires_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (key, since) DO UPDATE SET count = counters.count + excluded.count
                     RETURNING count",
                )
                .bind(key)
                .bind(window)
                .bind(delta)
                .bind(expires_at)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn counter(&self, key: &str, window: i64) -> Result<i64> {
                Ok(sqlx::query_scalar("SELECT count FROM counters WHERE key = $1 AND since = $2")
                    .bind(key)
                    .bind(window)
                    .fetch_optional(&self.pool)
                    .await?
                    .unwrap_or(0))
            }

            async fn counters(&self, prefix: &str, window: i64) -> Result<Vec<(String, i64)>> {
                // The prefix is ours ("hints:"), never a caller's: no LIKE wildcards to escape.
                Ok(sqlx::query_as("SELECT key, count FROM counters WHERE since = $1 AND key LIKE $2")
                    .bind(window)
                    .bind(format!("{prefix}%"))
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn expire_counters(&self, now: i64) -> Result<u64> {
                Ok(sqlx::query("DELETE FROM counters WHERE expires_at < $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn downloads_on(&self, user_id: i64, day: &str) -> Result<u32> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(SUM(units), 0) AS BIGINT) FROM downloads WHERE user_id = $1 AND day = $2",
                )
                .bind(user_id)
                .bind(day)
                .fetch_one(&self.pool)
                .await?;
                Ok(n as u32)
            }

            async fn downloads(&self, user_id: Option<i64>, page: Page) -> Result<Vec<Download>> {
                let rows = sqlx::query(
                    "SELECT * FROM downloads WHERE $1 IS NULL OR user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
                )
                .bind(user_id)
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(Download {
                            id: r.try_get("id")?,
                            user_id: r.try_get("user_id")?,
                            article_ids: serde_json::from_str(r.try_get("article_ids")?)?,
                            format: r.try_get("format")?,
                            day: r.try_get("day")?,
                            at: r.try_get("at")?,
                        })
                    })
                    .collect()
            }

            async fn create_basket(&self, user_id: i64, name: &str) -> Result<Basket> {
                let at = now();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO baskets (user_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(user_id)
                .bind(name)
                .bind(at)
                .fetch_one(&self.pool)
                .await?;
                Ok(Basket {
                    id,
                    name: name.to_string(),
                    items: 0,
                    created_at: at,
                })
            }

            async fn baskets(&self, user_id: i64) -> Result<Vec<Basket>> {
                let rows = sqlx::query(
                    "SELECT b.id, b.name, b.created_at,
                            (SELECT COUNT(*) FROM basket_items i WHERE i.basket_id = b.id) AS items
                     FROM baskets b WHERE b.user_id = $1 ORDER BY b.id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(Basket {
                            id: r.try_get("id")?,
                            name: r.try_get("name")?,
                            items: r.try_get("items")?,
                            created_at: r.try_get("created_at")?,
                        })
                    })
                    .collect()
            }

            async fn rename_basket(&self, user_id: i64, basket_id: i64, name: &str) -> Result<bool> {
                let done = sqlx::query("UPDATE baskets SET name = $1 WHERE id = $2 AND user_id = $3")
                    .bind(name)
                    .bind(basket_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_basket(&self, user_id: i64, basket_id: i64) -> Result<bool> {
                let mut tx = self.write().await?;
                sqlx::query(
                    "DELETE FROM basket_items WHERE basket_id IN
                     (SELECT id FROM baskets WHERE id = $1 AND user_id = $2)",
                )
                .bind(basket_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                let done = sqlx::query("DELETE FROM baskets WHERE id = $1 AND user_id = $2")
                    .bind(basket_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn basket_items(&self, user_id: i64, basket_id: i64) -> Result<Option<Vec<BasketItem>>> {
                let mut tx = self.pool.begin().await?;
                basket_items(&mut tx, user_id, basket_id).await
            }

            async fn add_basket_item(
                &self,
                user_id: i64,
                basket_id: i64,
                item: &NewBasketItem,
            ) -> Result<Option<BasketItem>> {
                let mut tx = self.write().await?;
                // The owner check and the next position in one statement: no row, no basket.
                let Some(position): Option<i64> = sqlx::query_scalar(
                    "SELECT (SELECT COALESCE(MAX(position), -1) + 1 FROM basket_items WHERE basket_id = b.id)
                     FROM baskets b WHERE b.id = $1 AND b.user_id = $2",
                )
                .bind(basket_id)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?
                else {
                    return Ok(None);
                };
                let at = now();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO basket_items (basket_id, position, article_id, article_title, paragraph, start_char, end_char, text, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(basket_id)
                .bind(position)
                .bind(item.article_id)
                .bind(&item.article_title)
                .bind(item.paragraph.map(i64::from))
                .bind(i64::from(item.start_char))
                .bind(i64::from(item.end_char))
                .bind(&item.text)
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some(BasketItem {
                    id,
                    basket_id,
                    position,
                    article_id: item.article_id,
                    article_title: item.article_title.clone(),
                    paragraph: item.paragraph,
                    start_char: item.start_char,
                    end_char: item.end_char,
                    text: item.text.clone(),
                    heading: None,
                    heading_level: 1,
                    created_at: at,
                }))
            }

            async fn move_basket_item(
                &self,
                user_id: i64,
                basket_id: i64,
                item_id: i64,
                position: i64,
            ) -> Result<Option<Vec<BasketItem>>> {
                let mut tx = self.write().await?;
                let Some(mut items) = basket_items(&mut tx, user_id, basket_id).await? else {
                    return Ok(None);
                };
                let Some(from) = items.iter().position(|i| i.id == item_id) else {
                    return Ok(None);
                };
                let moved = items.remove(from);
                let to = position.clamp(0, items.len() as i64) as usize;
                items.insert(to, moved);
                for (i, item) in items.iter_mut().enumerate() {
                    if item.position != i as i64 {
                        item.position = i as i64;
                        sqlx::query("UPDATE basket_items SET position = $1 WHERE id = $2 AND basket_id = $3")
                            .bind(item.position)
                            .bind(item.id)
                            .bind(basket_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(Some(items))
            }

            async fn set_item_heading(
                &self,
                user_id: i64,
                basket_id: i64,
                item_id: i64,
                heading: Option<&str>,
                level: u8,
            ) -> Result<bool> {
                let done = sqlx::query(
                    "UPDATE basket_items SET heading = $1, heading_level = $2
                     WHERE id = $3 AND basket_id IN (SELECT id FROM baskets WHERE id = $4 AND user_id = $5)",
                )
                .bind(heading)
                .bind(i64::from(level))
                .bind(item_id)
                .bind(basket_id)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn remove_basket_item(&self, user_id: i64, basket_id: i64, item_id: i64) -> Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM basket_items
                     WHERE id = $1 AND basket_id IN (SELECT id FROM baskets WHERE id = $2 AND user_id = $3)",
                )
                .bind(item_id)
                .bind(basket_id)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_draft(
                &self,
                user_id: i64,
                title: &str,
                body: &str,
                sources: &[DraftSource],
            ) -> Result<Draft> {
                let at = now();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO drafts (user_id, title, body, sources, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                )
                .bind(user_id)
                .bind(title)
                .bind(body)
                .bind(serde_json::to_string(sources)?)
                .bind(at)
                .fetch_one(&self.pool)
                .await?;
                Ok(Draft {
                    id,
                    title: title.to_string(),
                    body: body.to_string(),
                    sources: sources.to_vec(),
                    created_at: at,
                    updated_at: at,
                })
            }

            async fn drafts(&self, user_id: i64) -> Result<Vec<Draft>> {
                let rows = sqlx::query("SELECT * FROM drafts WHERE user_id = $1 ORDER BY updated_at DESC, id DESC")
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(draft_from_row).collect()
            }

            async fn draft(&self, user_id: i64, draft_id: i64) -> Result<Option<Draft>> {
                let row = sqlx::query("SELECT * FROM drafts WHERE id = $1 AND user_id = $2")
                    .bind(draft_id)
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(draft_from_row).transpose()
            }

            async fn update_draft(
                &self,
                user_id: i64,
                draft_id: i64,
                title: &str,
                body: &str,
            ) -> Result<Option<Draft>> {
                let row = sqlx::query(
                    "UPDATE drafts SET title = $1, body = $2, updated_at = $3
                     WHERE id = $4 AND user_id = $5 RETURNING *",
                )
                .bind(title)
                .bind(body)
                .bind(now())
                .bind(draft_id)
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(draft_from_row).transpose()
            }

            async fn delete_draft(&self, user_id: i64, draft_id: i64) -> Result<bool> {
                let done = sqlx::query("DELETE FROM drafts WHERE id = $1 AND user_id = $2")
                    .bind(draft_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_commission(
                &self,
                user_id: i64,
                order: &NewCommission,
                now: i64,
            ) -> Result<Commission> {
                let mut tx = self.write().await?;
                let status = CommissionStatus::Submitted;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO commissions (user_id, kind, topic, length, deadline, notes, status, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(user_id)
                .bind(order.kind.as_str())
                .bind(&order.topic)
                .bind(i64::from(order.length))
                .bind(&order.deadline)
                .bind(&order.notes)
                .bind(status.as_str())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                record_event(&mut tx, id, status, Some(user_id), now).await?;
                if let Some(file) = &order.attachment {
                    store_file(&mut tx, id, FileRole::Attachment, file, Some(user_id), now).await?;
                }
                let commission = load_commission(&mut tx, Scope::Own(user_id), id).await?;
                tx.commit().await?;
                commission.ok_or_else(|| StoreError::Corrupt(format!("commission {id} vanished")))
            }

            async fn commissions(&self, scope: Scope) -> Result<Vec<Commission>> {
                let rows = sqlx::query(
                    "SELECT * FROM commissions WHERE $1 IS NULL OR user_id = $1 ORDER BY id DESC",
                )
                .bind(scope.owner())
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(commission_from_row).collect()
            }

            async fn commission(&self, scope: Scope, id: i64) -> Result<Option<Commission>> {
                let mut tx = self.pool.begin().await?;
                load_commission(&mut tx, scope, id).await
            }

            async fn change_commission(&self, scope: Scope, id: i64, change: &StatusChange) -> Result<Changed> {
                let mut tx = self.write().await?;
                // Only if it still stands where the caller saw it, and only within the scope.
                let done = sqlx::query(
                    "UPDATE commissions SET status = $1, updated_at = $2
                     WHERE id = $3 AND ($4 IS NULL OR user_id = $4) AND status = $5",
                )
                .bind(change.to.as_str())
                .bind(change.at)
                .bind(id)
                .bind(scope.owner())
                .bind(change.from.as_str())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(match load_commission(&mut tx, scope, id).await? {
                        Some(c) => Changed::Conflict(c.status),
                        None => Changed::NotFound,
                    });
                }
                record_event(&mut tx, id, change.to, change.by_user, change.at).await?;
                if let Some((role, file)) = &change.file {
                    store_file(&mut tx, id, *role, file, change.by_user, change.at).await?;
                }
                let commission = load_commission(&mut tx, scope, id).await?;
                tx.commit().await?;
                Ok(commission.map_or(Changed::NotFound, Changed::Done))
            }

            async fn commission_file(
                &self,
                scope: Scope,
                commission_id: i64,
                file_id: i64,
            ) -> Result<Option<(CommissionFile, Vec<u8>)>> {
                let row = sqlx::query(
                    "SELECT f.id, f.role, f.file_name, CAST(length(f.bytes) AS BIGINT) AS byte_len, f.created_at, f.bytes
                     FROM commission_files f JOIN commissions c ON c.id = f.commission_id
                     WHERE f.id = $1 AND c.id = $2 AND ($3 IS NULL OR c.user_id = $3)",
                )
                .bind(file_id)
                .bind(commission_id)
                .bind(scope.owner())
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| Ok((file_from_row(&r)?, r.try_get("bytes")?)))
                    .transpose()
            }
        }

        async fn basket_items(
            tx: &mut Transaction<'static, $Db>,
            user_id: i64,
            basket_id: i64,
        ) -> Result<Option<Vec<BasketItem>>> {
            let owned: Option<i64> = sqlx::query_scalar("SELECT id FROM baskets WHERE id = $1 AND user_id = $2")
                .bind(basket_id)
                .bind(user_id)
                .fetch_optional(&mut **tx)
                .await?;
            if owned.is_none() {
                return Ok(None);
            }
            let rows = sqlx::query(
                "SELECT i.* FROM basket_items i JOIN baskets b ON b.id = i.basket_id
                 WHERE b.id = $1 AND b.user_id = $2 ORDER BY i.position, i.id",
            )
            .bind(basket_id)
            .bind(user_id)
            .fetch_all(&mut **tx)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(BasketItem {
                        id: r.try_get("id")?,
                        basket_id: r.try_get("basket_id")?,
                        position: r.try_get("position")?,
                        article_id: r.try_get("article_id")?,
                        article_title: r.try_get("article_title")?,
                        paragraph: r.try_get::<Option<i64>, _>("paragraph")?.map(|p| p as u32),
                        start_char: r.try_get::<i64, _>("start_char")? as u32,
                        end_char: r.try_get::<i64, _>("end_char")? as u32,
                        text: r.try_get("text")?,
                        heading: r.try_get("heading")?,
                        heading_level: r.try_get::<i64, _>("heading_level")?.clamp(1, 2) as u8,
                        created_at: r.try_get("created_at")?,
                    })
                })
                .collect::<Result<Vec<_>>>()
                .map(Some)
        }

        fn draft_from_row(row: &$Row) -> Result<Draft> {
            Ok(Draft {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                body: row.try_get("body")?,
                sources: serde_json::from_str(row.try_get("sources")?)?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            })
        }

        fn commission_from_row(row: &$Row) -> Result<Commission> {
            let kind: String = row.try_get("kind")?;
            let status: String = row.try_get("status")?;
            Ok(Commission {
                id: row.try_get("id")?,
                user_id: row.try_get("user_id")?,
                kind: CommissionKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("commission kind {kind:?}")))?,
                topic: row.try_get("topic")?,
                length: row.try_get::<i64, _>("length")? as u32,
                deadline: row.try_get("deadline")?,
                notes: row.try_get("notes")?,
                status: CommissionStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("commission status {status:?}")))?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
                files: Vec::new(),
                events: Vec::new(),
            })
        }

        fn file_from_row(row: &$Row) -> Result<CommissionFile> {
            let role: String = row.try_get("role")?;
            Ok(CommissionFile {
                id: row.try_get("id")?,
                role: match role.as_str() {
                    "attachment" => FileRole::Attachment,
                    "delivery" => FileRole::Delivery,
                    other => return Err(StoreError::Corrupt(format!("file role {other:?}"))),
                },
                file_name: row.try_get("file_name")?,
                byte_len: row.try_get("byte_len")?,
                created_at: row.try_get("created_at")?,
            })
        }

        /// An order in the scope, with its files (names only) and its events.
        async fn load_commission(
            tx: &mut Transaction<'static, $Db>,
            scope: Scope,
            id: i64,
        ) -> Result<Option<Commission>> {
            let Some(row) = sqlx::query("SELECT * FROM commissions WHERE id = $1 AND ($2 IS NULL OR user_id = $2)")
                .bind(id)
                .bind(scope.owner())
                .fetch_optional(&mut **tx)
                .await?
            else {
                return Ok(None);
            };
            let mut c = commission_from_row(&row)?;
            let files = sqlx::query(
                "SELECT id, role, file_name, CAST(length(bytes) AS BIGINT) AS byte_len, created_at
                 FROM commission_files WHERE commission_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
            c.files = files.iter().map(file_from_row).collect::<Result<_>>()?;
            let events = sqlx::query(
                "SELECT status, by_user, at FROM commission_events WHERE commission_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
            c.events = events
                .iter()
                .map(|r| {
                    let status: String = r.try_get("status")?;
                    Ok(CommissionEvent {
                        status: CommissionStatus::parse(&status)
                            .ok_or_else(|| StoreError::Corrupt(format!("commission status {status:?}")))?,
                        by_user: r.try_get("by_user")?,
                        at: r.try_get("at")?,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(Some(c))
        }

        async fn record_event(
            tx: &mut Transaction<'static, $Db>,
            id: i64,
            status: CommissionStatus,
            by_user: Option<i64>,
            at: i64,
        ) -> Result<()> {
            sqlx::query("INSERT INTO commission_events (commission_id, status, by_user, at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(status.as_str())
                .bind(by_user)
                .bind(at)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        async fn store_file(
            tx: &mut Transaction<'static, $Db>,
            id: i64,
            role: FileRole,
            file: &Upload,
            by_user: Option<i64>,
            at: i64,
        ) -> Result<()> {
            sqlx::query(
                "INSERT INTO commission_files (commission_id, role, file_name, bytes, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(role.as_str())
            .bind(&file.file_name)
            .bind(&file.bytes)
            .bind(by_user)
            .bind(at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        fn candidate(row: &$Row) -> Result<DuplicateCandidate> {
            Ok(DuplicateCandidate {
                article_id: row.try_get(0)?,
                material_id: row.try_get(1)?,
                text_hash: digest(row.try_get::<&[u8], _>(2)?)?,
                simhash: row.try_get::<Option<i64>, _>(3)?.map(|h| h as u64),
            })
        }

        async fn materials_by_sha256(
            tx: &mut Transaction<'static, $Db>,
            digests: &[[u8; 32]],
        ) -> Result<HashMap<[u8; 32], i64>> {
            let mut found = HashMap::new();
            for chunk in chunks(digests, 1) {
                if chunk.is_empty() {
                    continue;
                }
                let mut qb =
                    QueryBuilder::<$Db>::new("SELECT sha256, id FROM materials WHERE sha256 IN (");
                let mut list = qb.separated(", ");
                for d in chunk {
                    list.push_bind(d.to_vec());
                }
                qb.push(")");
                for row in qb.build().fetch_all(&mut **tx).await? {
                    found.insert(digest(row.try_get::<&[u8], _>(0)?)?, row.try_get(1)?);
                }
            }
            Ok(found)
        }

        fn user_from_row(row: &$Row) -> Result<User> {
            Ok(User {
                id: row.try_get("id")?,
                username: row.try_get("username")?,
                password_hash: row.try_get("password_hash")?,
                role: Role::parse(row.try_get("role")?),
                created_at: row.try_get("created_at")?,
            })
        }

        fn edge_line_from_row(row: &$Row) -> Result<EdgeLine> {
            Ok(EdgeLine {
                key: row.try_get("key")?,
                text: row.try_get("text")?,
                files: row.try_get::<i64, _>("files")? as u32,
                verdict: row
                    .try_get::<Option<String>, _>("verdict")?
                    .as_deref()
                    .and_then(EdgeVerdict::parse),
            })
        }

        /// A user's stored membership (see [`Schedule`]), read in one statement.
        async fn schedule<'e, E: sqlx::Executor<'e, Database = $Db>>(
            executor: E,
            user_id: i64,
        ) -> Result<Option<Schedule>> {
            let rows = sqlx::query(
                "SELECT m.tier, m.expires_at, r.rank, p.tier AS paused_tier, p.seconds, t.rank AS paused_rank
                 FROM memberships m JOIN tiers r ON r.name = m.tier
                 LEFT JOIN paused_memberships p ON p.user_id = m.user_id
                 LEFT JOIN tiers t ON t.name = p.tier
                 WHERE m.user_id = $1 ORDER BY t.rank DESC",
            )
            .bind(user_id)
            .fetch_all(executor)
            .await?;
            let Some(first) = rows.first() else {
                return Ok(None);
            };
            let running = Scheduled {
                tier: first.try_get("tier")?,
                rank: first.try_get("rank")?,
                time: first.try_get("expires_at")?,
            };
            let mut paused = Vec::new();
            for row in &rows {
                if let Some(tier) = row.try_get::<Option<String>, _>("paused_tier")? {
                    paused.push(Scheduled {
                        tier,
                        rank: row.try_get::<Option<i64>, _>("paused_rank")?.unwrap_or(0),
                        time: row.try_get::<Option<i64>, _>("seconds")?.unwrap_or(0),
                    });
                }
            }
            Ok(Some(Schedule { running, paused }))
        }

        /// Replaces a user's stored membership, inside the caller's write transaction.
        async fn set_schedule(
            tx: &mut Transaction<'static, $Db>,
            user_id: i64,
            schedule: &Schedule,
        ) -> Result<()> {
            sqlx::query(
                "INSERT INTO memberships (user_id, tier, expires_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id) DO UPDATE SET tier = excluded.tier, expires_at = excluded.expires_at",
            )
            .bind(user_id)
            .bind(&schedule.running.tier)
            .bind(schedule.running.time)
            .execute(&mut **tx)
            .await?;
            sqlx::query("DELETE FROM paused_memberships WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut **tx)
                .await?;
            for p in schedule.paused.iter().filter(|p| p.time > 0) {
                sqlx::query("INSERT INTO paused_memberships (user_id, tier, seconds) VALUES ($1, $2, $3)")
                    .bind(user_id)
                    .bind(&p.tier)
                    .bind(p.time)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }
    };
}

pub(crate) use sql_store;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_come_in_a_few_shapes_and_hold_every_row() {
        let mut shapes = std::collections::HashSet::new();
        for n in [0, 1, 2, 3, 7, 100, 511, 512, 513, 1500, 4097, 30_001] {
            let rows: Vec<usize> = (0..n).collect();
            let cut: Vec<&[usize]> = chunks(&rows, 20).collect();
            assert_eq!(cut.concat(), rows, "{n} rows");
            for c in &cut {
                assert!(c.len().is_power_of_two() && c.len() <= MAX_CHUNK_ROWS);
                assert!(c.len() * 20 <= MAX_BINDS);
                shapes.insert(c.len());
            }
        }
        assert!(shapes.len() <= 10, "{shapes:?}");
        // A row of many values still gets a statement of its own.
        assert_eq!(chunks(&[1, 2], MAX_BINDS * 2).count(), 2);
    }
}
