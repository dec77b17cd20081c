//! The API's one error type, mapped once to HTTP answers. Messages name what went wrong for the
//! caller and never carry article text.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sucai_services::search::SearchError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{0}")]
    BadQuery(String),
    #[error("no article has id {0}")]
    NoArticle(i64),
    #[error(transparent)]
    Store(#[from] sucai_store::StoreError),
    #[error(transparent)]
    Index(#[from] sucai_index::IndexError),
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(q) => ApiError::BadQuery(q.to_string()),
            SearchError::Index(e) => ApiError::Index(e),
            SearchError::Store(e) => ApiError::Store(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::NoArticle(_) => StatusCode::NOT_FOUND,
            ApiError::Store(_) | ApiError::Index(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "the library failed to answer; the operator can see why in the server log".to_string()
        } else {
            self.to_string()
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}
