//! The daily updates over HTTP: `/api/v1/today` (today's new articles, Beijing day) and
//! `/feeds/{category}` (an Atom feed per category, free preview only).

use crate::auth::unix_now;
use crate::caching::last_modified;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use sucai_services::clock::beijing_midnight;
use sucai_services::feed;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/today", get(today))
        .route("/feeds/{category}", get(category_feed))
}

#[derive(Deserialize)]
struct TodayParams {
    limit: Option<i64>,
}

/// One of today's articles: metadata, never text.
#[derive(Serialize)]
struct NewArticle {
    id: i64,
    title: String,
    category: String,
    tags: Vec<String>,
    year: Option<i32>,
    chars: u32,
}

/// The most articles `/api/v1/today` lists.
const MAX_TODAY: i64 = 5_000;

async fn today(
    State(state): State<AppState>,
    Query(p): Query<TodayParams>,
) -> Result<Json<Vec<NewArticle>>, ApiError> {
    let limit = crate::routes::within("limit", p.limit.unwrap_or(1_000), 1..=MAX_TODAY)?;
    let articles = state
        .store
        .new_articles(beijing_midnight(unix_now()), limit)
        .await?;
    Ok(Json(
        articles
            .into_iter()
            .map(|a| NewArticle {
                id: a.id,
                title: a.title,
                category: a.category,
                tags: a.tags,
                year: a.year,
                chars: a.chars,
            })
            .collect(),
    ))
}

/// `/feeds/讲话.atom` (or `/feeds/讲话`): the category's newest articles as Atom.
async fn category_feed(
    State(state): State<AppState>,
    Path(category): Path<String>,
) -> Result<Response, ApiError> {
    let category = category.strip_suffix(".atom").unwrap_or(&category);
    let feed = feed::category_feed(
        &state.index,
        state.store.as_ref(),
        category,
        // Ids and links under the configured address: a Host header sent by anyone must not
        // change them (the feed is cached publicly).
        state.public_url.as_str(),
    )
    .await?
    .ok_or(ApiError::NoFeed)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
            (header::LAST_MODIFIED, last_modified(feed.updated)),
        ],
        feed.xml,
    )
        .into_response())
}
