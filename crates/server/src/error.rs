//! The API's one error type, mapped once to HTTP answers. Messages name what went wrong for the
//! caller and never carry article text.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sucai_services::feed::FeedError;
use sucai_services::search::SearchError;
use sucai_services::writers::WritersError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{0}")]
    BadQuery(String),
    #[error("no article has id {0}")]
    NoArticle(i64),
    #[error("no article has this category, so it has no feed (a feed is /feeds/CATEGORY.atom)")]
    NoFeed,
    #[error("log in first")]
    NeedLogin,
    #[error("this needs an operator's account")]
    NeedAdmin,
    #[error("the API token is not valid")]
    BadToken,
    #[error("the request lacks the session's CSRF token (header X-CSRF-Token)")]
    Csrf,
    #[error(transparent)]
    Account(#[from] sucai_services::accounts::AccountError),
    #[error(transparent)]
    Member(#[from] sucai_services::members::MemberError),
    #[error(transparent)]
    Download(#[from] sucai_services::downloads::DownloadError),
    #[error(transparent)]
    Writers(sucai_services::writers::WritersError),
    #[error("the upload could not be read: {0}")]
    Upload(String),
    #[error(transparent)]
    Import(#[from] sucai_ingest::IngestError),
    #[error(transparent)]
    Store(#[from] sucai_store::StoreError),
    #[error(transparent)]
    Index(#[from] sucai_index::IndexError),
    #[error(transparent)]
    Overlap(#[from] sucai_services::overlap::OverlapError),
    #[error("cannot use the inbox folder {0}: {1}")]
    Inbox(String, std::io::Error),
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(q) => ApiError::BadQuery(q.to_string()),
            e @ SearchError::TooDeep => ApiError::BadQuery(e.to_string()),
            SearchError::Index(e) => ApiError::Index(e),
            SearchError::Store(e) => ApiError::Store(e),
        }
    }
}

impl From<WritersError> for ApiError {
    /// A draft's download fails as an article's does.
    fn from(e: WritersError) -> Self {
        match e {
            WritersError::Download(e) => ApiError::Download(e),
            WritersError::Overlap(e) => ApiError::Overlap(e),
            other => ApiError::Writers(other),
        }
    }
}

impl From<FeedError> for ApiError {
    fn from(e: FeedError) -> Self {
        match e {
            FeedError::Index(e) => ApiError::Index(e),
            FeedError::Store(e) => ApiError::Store(e),
        }
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        use sucai_services::accounts::AccountError as A;
        use sucai_services::downloads::DownloadError as D;
        use sucai_services::members::MemberError as M;
        use sucai_services::overlap::OverlapError as O;
        use sucai_services::writers::WritersError as W;
        match self {
            ApiError::BadQuery(_) | ApiError::Upload(_) => StatusCode::BAD_REQUEST,
            ApiError::NoArticle(_) | ApiError::NoFeed => StatusCode::NOT_FOUND,
            ApiError::NeedLogin | ApiError::BadToken => StatusCode::UNAUTHORIZED,
            ApiError::NeedAdmin | ApiError::Csrf => StatusCode::FORBIDDEN,
            ApiError::Account(A::TooManyAttempts(_)) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Account(A::BadUsername | A::WeakPassword) => StatusCode::BAD_REQUEST,
            ApiError::Account(A::Taken) | ApiError::Member(M::UsedCode) => StatusCode::CONFLICT,
            ApiError::Account(A::WrongPassword) => StatusCode::UNAUTHORIZED,
            ApiError::Account(A::NoUser(_) | A::NoToken(_))
            | ApiError::Member(M::UnknownCode | M::NoUser(_)) => StatusCode::NOT_FOUND,
            ApiError::Member(M::NoTier(..)) | ApiError::Download(D::TooMany(_)) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::Download(D::NeedLogin) => StatusCode::UNAUTHORIZED,
            ApiError::Download(D::NeedMembership | D::NotCovered(..)) => StatusCode::FORBIDDEN,
            ApiError::Download(D::Spent(_)) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Download(D::NoArticle(_)) => StatusCode::NOT_FOUND,
            ApiError::Overlap(O::Index(_) | O::Store(_)) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Overlap(O::TooLong { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Overlap(_) => StatusCode::BAD_REQUEST,
            ApiError::Download(D::Export(_) | D::Store(_)) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Writers(W::NeedLogin) => StatusCode::UNAUTHORIZED,
            ApiError::Writers(W::NeedOperator | W::NotReadable) => StatusCode::FORBIDDEN,
            // Someone else's basket, draft, order or file is "not found": ids reveal nothing.
            ApiError::Writers(W::NotFound | W::NoArticle(_) | W::NoParagraph(_)) => {
                StatusCode::NOT_FOUND
            }
            ApiError::Writers(W::BadSpan | W::Invalid(_) | W::EmptyBasket) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::Writers(W::WrongStatus(_)) => StatusCode::CONFLICT,
            ApiError::Writers(W::TooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Writers(W::Export(_) | W::Store(_) | W::Download(_) | W::Overlap(_)) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            ApiError::Account(A::Random | A::Store(_))
            | ApiError::Member(M::Random | M::Store(_) | M::Account(_))
            | ApiError::Store(_)
            | ApiError::Import(_)
            | ApiError::Index(_)
            | ApiError::Inbox(..) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "the library failed to answer; the operator can see why in the server log".to_string()
        } else {
            self.to_string()
        };
        let mut response = (status, Json(serde_json::json!({ "error": message }))).into_response();
        crate::headers::for_error(&self, response.headers_mut());
        response
    }
}
