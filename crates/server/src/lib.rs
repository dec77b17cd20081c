//! The HTTP interface: a JSON API under `/api/v1` and the web pages over the services, the
//! daily updates (today's articles, Atom feeds per category, the inbox folder it imports from),
//! the writers' tools (baskets, drafts, commissions), and the index follower that keeps this
//! server's search index in step with the store.
//!
//! Handlers are thin: they extract, call a service, and answer. Who the caller is (the `Auth`
//! extractor: session cookie or bearer token) decides what every article output is cut to.

mod account;
mod admin;
mod auth;
mod body;
mod caching;
mod check;
mod downloads;
mod error;
mod feeds;
mod headers;
pub mod inbox;
mod routes;
mod telemetry;
mod web;
mod writers;

pub use error::ApiError;
pub use sucai_services::site::PublicUrl;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use sucai_index::SearchIndex;
use sucai_services::limits::PaidHints;
use sucai_store::Store;
use tokio::sync::Semaphore;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub index: Arc<SearchIndex>,
    /// Titles for 快速查找, refreshed when the index applies changes.
    pub titles: Arc<RwLock<Vec<(i64, String)>>>,
    /// Who has spent today's answers that reveal members-only text matched.
    pub hints: Arc<PaidHints>,
    /// Proxies whose `X-Forwarded-For` names the client (see `auth::ClientAddr`).
    pub trusted_proxies: Arc<Vec<IpAddr>>,
    /// Slots for CPU-heavy work (see [`offload`]).
    heavy: Arc<Semaphore>,
    /// The site's address for absolute links (feeds): configured, never taken from a request.
    pub public_url: PublicUrl,
}

/// CPU-heavy jobs (argon2, 查重, exports, imports, index commits) running at once: a few, so
/// that they neither stall the async workers nor fill memory (argon2 takes 19 MB a check).
const HEAVY_JOBS: usize = 4;

/// Runs `work` on the blocking pool, one of at most `HEAVY_JOBS`: a slow request never
/// stalls the async workers that answer everyone else.
pub async fn offload<T: Send + 'static>(
    state: &AppState,
    work: impl Future<Output = T> + Send + 'static,
) -> T {
    let _slot = state.heavy.acquire().await;
    let runtime = tokio::runtime::Handle::current();
    match tokio::task::spawn_blocking(move || runtime.block_on(work)).await {
        Ok(out) => out,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

impl AppState {
    pub async fn new(store: Arc<dyn Store>, index: Arc<SearchIndex>) -> Result<Self, ApiError> {
        telemetry::handle();
        let state = AppState {
            store,
            index,
            titles: Arc::default(),
            hints: Arc::default(),
            trusted_proxies: Arc::default(),
            heavy: Arc::new(Semaphore::new(HEAVY_JOBS)),
            public_url: PublicUrl::for_addr("127.0.0.1:8080").expect("a valid address"),
        };
        state.index.sync(state.store.as_ref()).await?;
        state.refresh_titles().await?;
        Ok(state)
    }

    /// The same state with links made from `public_url` (default `http://127.0.0.1:8080`).
    pub fn with_public_url(self, public_url: PublicUrl) -> Self {
        AppState { public_url, ..self }
    }

    /// Brings the index up to date with the store now (after an edit or an upload), off the
    /// async workers; this process's syncs take turns (see `SearchIndex::sync`).
    pub async fn reindex(&self) -> Result<usize, ApiError> {
        let (index, store) = (self.index.clone(), self.store.clone());
        Ok(offload(self, async move { index.sync(store.as_ref()).await }).await?)
    }

    async fn refresh_titles(&self) -> Result<(), ApiError> {
        let titles = self.store.titles().await?;
        *self.titles.write().unwrap_or_else(|e| e.into_inner()) = titles;
        Ok(())
    }

    /// Follows the store's change sequence: new and edited articles become searchable here
    /// within about `every`, or at once when the store announces its changes (PostgreSQL).
    pub async fn follow(self, every: Duration) {
        let mut seen = self.index.applied_seq().unwrap_or(0);
        metrics::gauge!("sucai_index_applied_seq").set(seen as f64);
        self.observe().await;
        let mut swept = std::time::Instant::now();
        let mut observed = std::time::Instant::now();
        loop {
            if let Err(e) = self.store.wait_for_changes(every).await {
                tracing::warn!(error = %e, "cannot listen for changes; polling");
                tokio::time::sleep(every).await;
            }
            if let Err(e) = self.hints.flush(self.store.as_ref()).await {
                tracing::warn!(error = %e, "cannot count paid hints in the store");
            }
            // Memberships run out as time passes, not only as the library changes.
            if observed.elapsed() > Duration::from_secs(60) {
                observed = std::time::Instant::now();
                self.observe().await;
            }
            if swept.elapsed() > Duration::from_secs(600) {
                swept = std::time::Instant::now();
                if let Err(e) = self.store.expire_counters(sucai_services::unix_now()).await {
                    tracing::warn!(error = %e, "cannot sweep expired counters");
                }
            }
            if let Err(e) = self.reindex().await {
                tracing::warn!(error = %e, "index follower");
                continue;
            }
            // The index may have moved through this server or another process.
            let now = self.index.applied_seq().unwrap_or(seen);
            if now != seen {
                tracing::info!(seq = now, "index caught up");
                metrics::gauge!("sucai_index_applied_seq").set(now as f64);
                seen = now;
                if let Err(e) = self.refresh_titles().await {
                    tracing::warn!(error = %e, "cannot refresh titles");
                }
                self.observe().await;
            }
        }
    }

    /// The library's size and members, for `/metrics`.
    async fn observe(&self) {
        let now = sucai_services::unix_now();
        if let Err(e) = telemetry::observe_library(self.store.as_ref(), now).await {
            tracing::warn!(error = %e, "cannot measure the library");
        }
    }
}

pub fn router(state: AppState) -> axum::Router {
    let plain = routes::router(state)
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(axum::middleware::from_fn(caching::conditional));
    // Compression wraps the validators: an ETag names the content, whatever its encoding. Only
    // a client that takes compressed answers goes through it: the layer costs every answer it
    // wraps (a tenth of the search throughput), compressed or not.
    let compressed = plain.clone().layer(
        tower_http::compression::CompressionLayer::new()
            .quality(tower_http::CompressionLevel::Fastest),
    );
    let choose = tower::service_fn(move |request: axum::extract::Request| {
        let takes_compression = request
            .headers()
            .get(axum::http::header::ACCEPT_ENCODING)
            .is_some_and(|v| !v.is_empty());
        let (plain, compressed) = (plain.clone(), compressed.clone());
        async move {
            use tower::ServiceExt;
            if takes_compression {
                compressed.oneshot(request).await
            } else {
                plain.oneshot(request).await
            }
        }
    });
    axum::Router::new()
        .fallback_service(choose)
        .layer(axum::middleware::from_fn(headers::secure))
}

/// Serves until ctrl-c or SIGTERM, then finishes the requests in flight.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    tokio::spawn(state.clone().follow(Duration::from_secs(1)));
    // The peer's address reaches the handlers: limits count per client, not for everyone.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
