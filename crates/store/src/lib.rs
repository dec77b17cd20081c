//! The store: the library's system of record.
//!
//! Materials (imported files) with their original bytes, articles with their metadata and
//! duplicate links, import reports, and a monotonic change sequence that derived indexes
//! follow. SQLite in the data folder is the embedded default; PostgreSQL fills the same [`Store`]
//! trait, with the same queries, for several servers on one database. The store keeps text; it never ranks or
//! searches it. It also keeps what is private to each user (baskets, drafts, commissions): those
//! queries take the owner with every id.

mod error;
mod members;
mod model;
mod postgres;
mod sql;
mod sqlite;
mod writers;

pub use error::StoreError;
pub use members::*;
pub use model::*;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub use writers::*;

use async_trait::async_trait;
use std::collections::HashMap;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What every store implementation offers. Writes are whole: a batch of materials commits
/// entirely or not at all, so a killed import never leaves half a material behind.
#[async_trait]
pub trait Store: Send + Sync {
    /// Commits a batch of materials with their articles, in one transaction. A material whose
    /// bytes are already stored is not stored again: its result is [`Committed::Existing`].
    async fn commit(
        &self,
        batch: &[NewMaterial],
        edge_lines: &[(String, String, u32)],
    ) -> Result<Vec<Committed>>;

    /// Stored materials among these SHA-256 digests of original files.
    async fn materials_by_sha256(&self, digests: &[[u8; 32]]) -> Result<HashMap<[u8; 32], i64>>;

    /// Articles that may duplicate new text: those with one of these exact text hashes, or
    /// sharing a 16-bit band with one of these simhashes.
    async fn duplicate_candidates(
        &self,
        text_hashes: &[[u8; 32]],
        simhashes: &[u64],
    ) -> Result<Vec<DuplicateCandidate>>;

    /// What the library knows of these edge paragraphs, by key; keys never seen are left out.
    async fn edge_lines(&self, keys: &[String]) -> Result<HashMap<String, EdgeLine>>;
    /// Counts files for edge paragraphs: `(key, text, files)`. Forgets paragraphs seen in one
    /// file only and not since `now` − 30 days.
    async fn count_edge_lines(&self, seen: &[(String, String, u32)], now: i64) -> Result<()>;
    /// Edge paragraphs an operator judged, and those seen in at least `min_files` files; most
    /// seen first.
    async fn boilerplate(&self, min_files: u32, limit: i64) -> Result<Vec<EdgeLine>>;
    /// Records an operator's verdict on a paragraph (`None`: back to counting).
    async fn judge_edge_line(
        &self,
        key: &str,
        text: &str,
        verdict: Option<EdgeVerdict>,
    ) -> Result<()>;
    /// Rewrites a material's articles in place from a new reading of its original (same ids,
    /// positions and duplicate links), with its title, trailer and warnings. An article an
    /// operator edited keeps its title, category, tags and year. Nothing changes, and the
    /// answer is `false`, when the reading has another number of articles.
    async fn reprocess_material(&self, material_id: i64, material: &NewMaterial) -> Result<bool>;
    /// Ids of materials after `after`, ascending, at most `limit`.
    async fn material_ids(&self, after: i64, limit: i64) -> Result<Vec<i64>>;
    /// Stored articles sharing at least `min_shared` sampled shingle hashes with one of these
    /// sketches (one per new article): an index lookup, never a scan of the library.
    async fn sketch_matches(
        &self,
        sketches: &[&[u64]],
        min_shared: u32,
    ) -> Result<Vec<SketchMatch>>;

    /// The operator's tag words: `(word, stop)`; `stop` false means "may be a tag".
    async fn tag_words(&self) -> Result<Vec<(String, bool)>>;
    /// Records an operator's word on a tag word (`None`: back to the built-in list).
    async fn set_tag_word(&self, word: &str, stop: Option<bool>) -> Result<()>;

    async fn article(&self, id: i64) -> Result<Option<Article>>;
    /// These articles, in the order of `ids`; ids not stored are left out.
    async fn articles_by_id(&self, ids: &[i64]) -> Result<Vec<Article>>;
    /// The texts of articles by id, in the order asked, missing ids left out; with
    /// `free_part_only`, each body is cut to its free part (see [`free_part`]).
    async fn article_texts(&self, ids: &[i64], free_part_only: bool) -> Result<Vec<ArticleText>>;
    async fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>>;
    /// Every article's id and title, by id: what 快速查找 completes (no body is read).
    async fn titles(&self) -> Result<Vec<(i64, String)>>;
    /// Articles of materials imported at or after `since` (unix seconds), newest first,
    /// duplicates left out: "today's new materials".
    async fn new_articles(&self, since: i64, limit: i64) -> Result<Vec<ArticleSummary>>;
    async fn material(&self, id: i64) -> Result<Option<Material>>;
    /// The bytes of the file as it was imported.
    async fn original(&self, material_id: i64) -> Result<Option<Vec<u8>>>;

    /// Stores an import report; returns its id.
    async fn record_import(&self, report: &ImportRecord) -> Result<i64>;
    async fn import_record(&self, id: i64) -> Result<Option<ImportRecord>>;
    /// The imports started at or after `since`, newest first.
    async fn imports_since(&self, since: i64) -> Result<Vec<ImportSummary>>;

    /// Changes after `seq`, oldest first, at most `limit`.
    async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>>;
    /// Returns when changes may have been committed, at the latest after `timeout`: at once on
    /// PostgreSQL's notice, by waiting out the timeout on SQLite.
    async fn wait_for_changes(&self, timeout: std::time::Duration) -> Result<()>;
    /// Closes the connections, letting writes finish first.
    async fn close(&self);
    async fn stats(&self) -> Result<Stats>;

    /// Applies an operator's edit and records the change (so indexes follow); the edited
    /// article, or `None` when there is no such article.
    async fn edit_article(&self, id: i64, edit: &ArticleEdit) -> Result<Option<Article>>;

    // Members.

    /// Creates an account; `None` when the name is taken, also by a name that differs only in
    /// (ASCII) case. Names come normalised (`sucai_services::accounts::fold_username`).
    async fn create_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
    ) -> Result<Option<i64>>;
    async fn user(&self, id: i64) -> Result<Option<User>>;
    /// The user of a normalised name: the one stored under it, else one stored before names
    /// were normalised whose name has it as lower case.
    async fn user_by_name(&self, username: &str) -> Result<Option<User>>;
    async fn users(&self, page: Page) -> Result<Vec<User>>;
    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()>;
    async fn set_role(&self, user_id: i64, role: Role) -> Result<()>;

    async fn create_session(
        &self,
        token_hash: &[u8; 32],
        user_id: i64,
        csrf: &str,
        expires_at: i64,
    ) -> Result<()>;
    /// The user and CSRF token of a live session.
    async fn session(&self, token_hash: &[u8; 32], now: i64) -> Result<Option<(User, String)>>;
    async fn delete_session(&self, token_hash: &[u8; 32]) -> Result<()>;
    /// Ends every session of a user (after a password change).
    async fn delete_sessions(&self, user_id: i64) -> Result<()>;
    /// Stores a new API token's hash; the token's id.
    async fn create_api_token(
        &self,
        token_hash: &[u8; 32],
        user_id: i64,
        name: &str,
    ) -> Result<i64>;
    async fn api_token_user(&self, token_hash: &[u8; 32]) -> Result<Option<User>>;
    /// The user's API tokens, oldest first.
    async fn api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>>;
    /// Revokes one of the user's tokens; `false` when the user has no token of that id.
    async fn delete_api_token(&self, user_id: i64, token_id: i64) -> Result<bool>;
    /// Revokes every API token of a user (after a password change).
    async fn delete_api_tokens(&self, user_id: i64) -> Result<()>;

    async fn tiers(&self) -> Result<Vec<Tier>>;
    /// The membership in force at `now` with the periods queued after it (or the last one,
    /// expired, when all have run out).
    async fn membership(&self, user_id: i64, now: i64) -> Result<Option<Membership>>;
    /// Members whose membership runs at `now`, by tier.
    async fn members_by_tier(&self, now: i64) -> Result<HashMap<String, i64>>;
    /// Sets a membership outright (an operator's grant): this tier until `expires_at`, and
    /// nothing queued after it.
    async fn grant(&self, user_id: i64, tier: &str, expires_at: i64) -> Result<Membership>;
    /// Stores new unused codes.
    async fn create_codes(&self, codes: &[String], tier: &str, days: u32) -> Result<()>;
    /// Redeems a code at most once, whatever runs at the same time. The code adds its own tier
    /// and days: the same tier as the one in force extends it; a lower tier is queued after it;
    /// a higher tier runs from `now` and the rest of the one in force resumes after it. The
    /// membership as it stands at `now`.
    async fn redeem(&self, code: &str, user_id: i64, now: i64) -> Result<Redeemed>;

    /// Records a download of `article_ids` if the user has enough left on `day` under
    /// `allowance`: one unit for each article not yet downloaded that day (the same article
    /// again, in any format, costs nothing more but is recorded). The count and the record
    /// happen in one step, so parallel downloads never exceed the allowance.
    async fn count_download(
        &self,
        user_id: i64,
        article_ids: &[i64],
        format: &str,
        day: &str,
        allowance: u32,
        now: i64,
    ) -> Result<Counted>;
    /// Units of allowance used on `day`.
    async fn downloads_on(&self, user_id: i64, day: &str) -> Result<u32>;
    /// The ledger, newest first; only one user's when `user_id` is given.
    async fn downloads(&self, user_id: Option<i64>, page: Page) -> Result<Vec<Download>>;

    // Limits.

    /// Adds `delta` to the counter `key` of the window starting at `window` and returns its
    /// new value, in one atomic step (whatever runs at the same time, on any server); the row
    /// lives until `expires_at`.
    async fn add_to_counter(
        &self,
        key: &str,
        window: i64,
        delta: i64,
        expires_at: i64,
    ) -> Result<i64>;
    /// The counter's value (0 when there is none).
    async fn counter(&self, key: &str, window: i64) -> Result<i64>;
    /// Every counter of the window whose key starts with `prefix`.
    async fn counters(&self, prefix: &str, window: i64) -> Result<Vec<(String, i64)>>;
    /// Deletes the counters that expired before `now`; returns how many.
    async fn expire_counters(&self, now: i64) -> Result<u64>;

    // Writers' tools: private rows. Every method takes the owner, and the SQL matches it, so an
    // id of someone else's row reads as missing.

    async fn create_basket(&self, user_id: i64, name: &str) -> Result<Basket>;
    /// The user's baskets, oldest first, with their item counts.
    async fn baskets(&self, user_id: i64) -> Result<Vec<Basket>>;
    /// `false` when the user has no such basket.
    async fn rename_basket(&self, user_id: i64, basket_id: i64, name: &str) -> Result<bool>;
    /// Deletes a basket with its items; `false` when the user has no such basket.
    async fn delete_basket(&self, user_id: i64, basket_id: i64) -> Result<bool>;
    /// The items of one of the user's baskets in order; `None` when the user has no such basket.
    async fn basket_items(&self, user_id: i64, basket_id: i64) -> Result<Option<Vec<BasketItem>>>;
    /// Appends an item; `None` when the user has no such basket.
    async fn add_basket_item(
        &self,
        user_id: i64,
        basket_id: i64,
        item: &NewBasketItem,
    ) -> Result<Option<BasketItem>>;
    /// Moves an item to `position` (0-based, clamped to the basket); the items in their new
    /// order, or `None` when the user has no such item in that basket.
    async fn move_basket_item(
        &self,
        user_id: i64,
        basket_id: i64,
        item_id: i64,
        position: i64,
    ) -> Result<Option<Vec<BasketItem>>>;
    /// Sets (or with `None` removes) the heading before an item; `false` when there is no such item.
    async fn set_item_heading(
        &self,
        user_id: i64,
        basket_id: i64,
        item_id: i64,
        heading: Option<&str>,
        level: u8,
    ) -> Result<bool>;
    async fn remove_basket_item(&self, user_id: i64, basket_id: i64, item_id: i64) -> Result<bool>;

    async fn create_draft(
        &self,
        user_id: i64,
        title: &str,
        body: &str,
        sources: &[DraftSource],
    ) -> Result<Draft>;
    /// The user's drafts, most recently changed first.
    async fn drafts(&self, user_id: i64) -> Result<Vec<Draft>>;
    async fn draft(&self, user_id: i64, draft_id: i64) -> Result<Option<Draft>>;
    /// The draft as saved, or `None` when the user has no such draft.
    async fn update_draft(
        &self,
        user_id: i64,
        draft_id: i64,
        title: &str,
        body: &str,
    ) -> Result<Option<Draft>>;
    async fn delete_draft(&self, user_id: i64, draft_id: i64) -> Result<bool>;

    /// Files an order (status submitted, recorded as its first event) with its attachment.
    async fn create_commission(
        &self,
        user_id: i64,
        order: &NewCommission,
        now: i64,
    ) -> Result<Commission>;
    /// Orders in the scope, newest first, without files and events.
    async fn commissions(&self, scope: Scope) -> Result<Vec<Commission>>;
    /// One order with its files (names only) and events, if it is in the scope.
    async fn commission(&self, scope: Scope, id: i64) -> Result<Option<Commission>>;
    /// Changes an order's status if it still stands at `change.from`, storing the change's file
    /// and an event in the same transaction.
    async fn change_commission(
        &self,
        scope: Scope,
        id: i64,
        change: &StatusChange,
    ) -> Result<Changed>;
    /// A file of an order in the scope, with its bytes.
    async fn commission_file(
        &self,
        scope: Scope,
        commission_id: i64,
        file_id: i64,
    ) -> Result<Option<(CommissionFile, Vec<u8>)>>;
}
