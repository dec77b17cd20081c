//! The routes of `/api/v1` and `/healthz`.

use crate::auth::{Auth, ClientAddr, client};
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sucai_index::Sort;
use sucai_services::reading::ArticleView;
use sucai_services::search::{SearchRequest, SearchResults, search};
use sucai_services::suggest::{Suggestion, suggest};

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/search", get(search_handler))
        .route("/api/v1/suggest", get(suggest_handler))
        .route("/api/v1/articles/{id}", get(article_handler))
        .merge(crate::account::routes())
        .merge(crate::downloads::routes())
        .merge(crate::admin::routes())
        .merge(crate::feeds::routes())
        .merge(crate::check::routes())
        .merge(crate::writers::routes())
        .merge(crate::web::routes())
        .fallback(|| async { crate::web::WebError::NotFound })
        .route("/api/v1/openapi.json", get(openapi))
        .route("/metrics", get(crate::telemetry::render))
        .layer(axum::middleware::from_fn(crate::telemetry::track))
        .with_state(state)
}

#[derive(Deserialize)]
struct SearchParams {
    q: String,
    #[serde(default)]
    offset: usize,
    limit: Option<usize>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    facets: bool,
}

/// The most hits one page may hold.
const MAX_LIMIT: usize = 100;

/// The deepest first hit a page may start at: with [`MAX_LIMIT`], a page never passes the
/// 10000 hits search ranks, so every offset and limit the document admits is answered.
const MAX_OFFSET: usize = 9_900;

/// Refuses a number out of `range` (the OpenAPI document's minimum and maximum) rather than
/// clamping it: a client that asked for 500 hits and got 100 would not know.
pub(crate) fn within<T: PartialOrd + std::fmt::Display>(
    name: &str,
    value: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ApiError> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::Invalid(format!(
            "参数 {name} 应在 {} 到 {} 之间，而不是 {value}。",
            range.start(),
            range.end()
        )))
    }
}

async fn search_handler(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchResults>, ApiError> {
    let sort = match p.sort.as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("date") => Sort::Date,
        Some(other) => {
            return Err(ApiError::Invalid(format!(
                "排序（sort）应为 relevance 或 date，而不是“{other}”。"
            )));
        }
    };
    if p.offset > MAX_OFFSET {
        return Err(ApiError::TooDeep(
            sucai_services::search::SearchError::TooDeep.to_string(),
        ));
    }
    let limit = within("limit", p.limit.unwrap_or(10), 1..=MAX_LIMIT)?;
    let request = SearchRequest {
        query: p.q,
        sort,
        offset: p.offset,
        limit: Some(limit),
        facets: p.facets,
    };
    let client = client(&auth, &addr);
    let hints = Some((state.hints.as_ref(), &client));
    Ok(Json(
        search(
            &state.index,
            state.store.as_ref(),
            &request,
            &auth.caller,
            hints,
        )
        .await?,
    ))
}

#[derive(Deserialize)]
struct SuggestParams {
    q: String,
    limit: Option<usize>,
}

async fn suggest_handler(
    State(state): State<AppState>,
    Query(p): Query<SuggestParams>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let limit = within("limit", p.limit.unwrap_or(10), 1..=MAX_LIMIT)?;
    let titles = state.titles.read().unwrap_or_else(|e| e.into_inner());
    Ok(Json(suggest(&titles, &p.q, limit)))
}

async fn article_handler(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<ArticleView>, ApiError> {
    let article = state
        .store
        .article(id)
        .await?
        .ok_or(ApiError::NoArticle(id))?;
    Ok(Json(ArticleView::new(
        &article,
        auth.caller.reader(&article),
    )))
}

/// The API described for clients and tools (OpenAPI 3.1).
async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

#[cfg(test)]
mod tests {
    /// Every route the server answers is in the OpenAPI document, and nothing else is.
    #[test]
    fn the_openapi_document_lists_every_route() {
        let sources = [
            include_str!("routes.rs"),
            include_str!("account.rs"),
            include_str!("downloads.rs"),
            include_str!("admin.rs"),
            include_str!("feeds.rs"),
            include_str!("writers.rs"),
            include_str!("check.rs"),
        ];
        let mut routes: Vec<&str> = sources
            .iter()
            // `.route(` then a path, on the same line or the next (as rustfmt wraps it).
            .flat_map(|s| s.split(".route(").skip(1))
            .filter_map(|rest| {
                rest.trim_start()
                    .strip_prefix('"')
                    .filter(|r| r.starts_with('/'))
            })
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        routes.sort_unstable();
        let doc: serde_json::Value = serde_json::from_str(include_str!("openapi.json")).unwrap();
        let mut documented: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        documented.sort_unstable();
        assert_eq!(routes, documented);
    }
}
