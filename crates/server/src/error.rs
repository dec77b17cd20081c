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
    /// A parameter the caller sent cannot be used; the message is Chinese.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Query(#[from] sucai_query::QueryError),
    #[error("{0}")]
    TooDeep(String),
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
            SearchError::Query(q) => ApiError::Query(q),
            e @ SearchError::TooDeep => ApiError::TooDeep(e.to_string()),
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
            ApiError::Invalid(_)
            | ApiError::Query(_)
            | ApiError::TooDeep(_)
            | ApiError::Upload(_) => StatusCode::BAD_REQUEST,
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
            ApiError::Writers(W::BadSpan | W::Invalid(_)) => StatusCode::BAD_REQUEST,
            ApiError::Writers(W::WrongStatus(_) | W::EmptyBasket) => StatusCode::CONFLICT,
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

impl ApiError {
    /// A stable name of the condition, for programs: `not_found`, `need_login`, `spent`…
    pub fn code(&self) -> &'static str {
        use sucai_services::accounts::AccountError as A;
        use sucai_services::downloads::DownloadError as D;
        use sucai_services::members::MemberError as M;
        use sucai_services::overlap::OverlapError as O;
        use sucai_services::writers::WritersError as W;
        if self.status().is_server_error() {
            return "internal";
        }
        match self {
            ApiError::Invalid(_) => "invalid_parameter",
            ApiError::Query(_) => "bad_query",
            ApiError::TooDeep(_) => "too_deep",
            ApiError::NoArticle(_) | ApiError::Download(D::NoArticle(_)) => "no_article",
            ApiError::NoFeed => "no_feed",
            ApiError::NeedLogin
            | ApiError::Download(D::NeedLogin)
            | ApiError::Writers(W::NeedLogin) => "need_login",
            ApiError::NeedAdmin | ApiError::Writers(W::NeedOperator) => "need_operator",
            ApiError::BadToken => "bad_token",
            ApiError::Csrf => "csrf",
            ApiError::Upload(_) => "bad_upload",
            ApiError::Account(A::TooManyAttempts(_)) => "too_many_attempts",
            ApiError::Account(A::BadUsername) => "bad_username",
            ApiError::Account(A::WeakPassword) => "weak_password",
            ApiError::Account(A::Taken) => "username_taken",
            ApiError::Account(A::WrongPassword) => "wrong_password",
            ApiError::Account(A::NoUser(_)) | ApiError::Member(M::NoUser(_)) => "no_user",
            ApiError::Account(A::NoToken(_)) => "no_token",
            ApiError::Member(M::UnknownCode) => "unknown_code",
            ApiError::Member(M::UsedCode) => "used_code",
            ApiError::Member(M::NoTier(..)) => "no_tier",
            ApiError::Download(D::NeedMembership) => "need_membership",
            ApiError::Download(D::NotCovered(..)) => "not_covered",
            ApiError::Download(D::Spent(_)) => "downloads_spent",
            ApiError::Download(D::TooMany(_)) => "too_many_articles",
            ApiError::Overlap(O::TooLong { .. }) => "draft_too_long",
            ApiError::Overlap(_) => "bad_draft",
            ApiError::Writers(W::NotFound | W::NoArticle(_) | W::NoParagraph(_)) => "not_found",
            ApiError::Writers(W::NotReadable) => "members_only",
            ApiError::Writers(W::BadSpan) => "bad_span",
            ApiError::Writers(W::Invalid(_)) => "invalid_parameter",
            ApiError::Writers(W::EmptyBasket) => "empty_basket",
            ApiError::Writers(W::WrongStatus(_)) => "wrong_status",
            ApiError::Writers(W::TooLarge) => "too_large",
            _ => "internal",
        }
    }

    /// What went wrong, in a Chinese sentence for the reader; never article text, never the
    /// inside of a failure (that goes to the server log).
    pub fn message(&self) -> String {
        use sucai_services::accounts::AccountError as A;
        use sucai_services::downloads::DownloadError as D;
        use sucai_services::members::MemberError as M;
        if self.status().is_server_error() {
            return FAILED.into();
        }
        match self {
            ApiError::Invalid(text) | ApiError::TooDeep(text) => text.clone(),
            ApiError::Query(e) => e.chinese(),
            ApiError::NoArticle(id) | ApiError::Download(D::NoArticle(id)) => {
                format!("没有编号为 {id} 的文章。")
            }
            ApiError::NoFeed => "没有这个分类，也就没有它的订阅源（订阅源的地址是 /feeds/分类.atom）。".into(),
            ApiError::NeedLogin => "请先登录。".into(),
            ApiError::NeedAdmin => "只有管理员可以这样做。".into(),
            ApiError::BadToken => "API 令牌无效：它不存在或已被撤销，请重新登录或换一个令牌。".into(),
            ApiError::Csrf => "请求缺少本次登录的 CSRF 令牌（请求头 X-CSRF-Token），或者它不对。".into(),
            ApiError::Upload(_) => "上传的内容没能读完，请重新上传。".into(),
            ApiError::Account(e) => match e {
                A::BadUsername => "用户名为 3 到 32 个字符，只能用英文字母 a–z、数字 0–9、汉字和 _ - . （大写字母和全角字母按小写字母算）；不能含空格、不可见字符或其他文字的字母（如西里尔字母、希腊字母）。".into(),
                A::WeakPassword => "密码至少 8 个字符。".into(),
                A::Taken => "这个用户名已被注册，请换一个。".into(),
                A::WrongPassword => "用户名或密码不对。".into(),
                A::NoUser(_) => "没有这个用户。".into(),
                A::TooManyAttempts(seconds) => format!(
                    "登录失败的次数过多，请 {} 分钟后再试。",
                    (seconds + 59) / 60
                ),
                A::NoToken(_) => "没有这个 API 令牌。".into(),
                A::Random | A::Store(_) => FAILED.into(),
            },
            ApiError::Member(e) => match e {
                M::UnknownCode => "没有这个兑换码，请检查输入是否有误。".into(),
                M::UsedCode => "这个兑换码已经被使用过了。".into(),
                M::NoTier(..) => "没有这个会员等级。".into(),
                M::NoUser(_) => "没有这个用户。".into(),
                M::Random | M::Store(_) | M::Account(_) => FAILED.into(),
            },
            ApiError::Download(e) => match e {
                D::NeedLogin => "请先登录会员账号再下载。".into(),
                D::NeedMembership => "下载是会员服务：兑换会员码成为会员后即可下载。".into(),
                D::NotCovered(_, category) => {
                    format!("您的会员等级不包含“{category}”类文章，升级会员后即可下载。")
                }
                D::Spent(n) => format!("今天的 {n} 次下载已用完，北京时间零点恢复。"),
                D::TooMany(n) => format!("一次最多下载 {n} 篇。"),
                D::NoArticle(_) | D::Export(_) | D::Store(_) => FAILED.into(),
            },
            // The writers' tools speak Chinese already.
            ApiError::Writers(e) => e.to_string(),
            ApiError::Overlap(e) => e.chinese(),
            ApiError::Store(_) | ApiError::Index(_) | ApiError::Import(_) | ApiError::Inbox(..) => {
                FAILED.into()
            }
        }
    }
}

/// What a failure inside the library tells the caller: the why is in the server log.
pub const FAILED: &str = "系统出了点问题，管理员可以在服务器日志里看到原因。请稍后再试。";

/// The one error body of the API: `{"error": "<中文>", "code": "<stable code>"}`.
pub fn error_body(code: &str, message: &str) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "error": message, "code": code }))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = (status, error_body(self.code(), &self.message())).into_response();
        crate::headers::for_error(&self, response.headers_mut());
        response
    }
}

/// Answers under `/api/` are JSON, failures too: what axum answers by itself (a path id that is
/// no number, malformed JSON, a body that is not JSON or too large, a bad query string or
/// multipart body), an unknown path and a method a path does not take get the one error body,
/// with their status and headers (`Allow`).
pub async fn json_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::header::CONTENT_TYPE;
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // axum's rejections are a sentence; a page is longer and says nothing more here.
    let said = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let (code, message) = rejection(status, &String::from_utf8_lossy(&said));
    let mut answer = (status, error_body(code, message)).into_response();
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

/// The code and Chinese sentence for a failure axum answered by itself.
pub(crate) fn rejection(status: StatusCode, said: &str) -> (&'static str, &'static str) {
    match status {
        StatusCode::BAD_REQUEST if said.contains("query string") => (
            "bad_query_string",
            "查询参数有误：请检查参数名和取值（数字应为不太大的非负整数）。",
        ),
        StatusCode::BAD_REQUEST if said.contains("as JSON") => {
            ("bad_json", "请求体不是有效的 JSON。")
        }
        StatusCode::BAD_REQUEST if said.contains("multipart") || said.contains("boundary") => (
            "bad_multipart",
            "上传的内容不是有效的 multipart/form-data。",
        ),
        StatusCode::BAD_REQUEST if said.contains("URL") || said.contains("path") => {
            ("bad_path", "地址中的编号有误：应为不太大的正整数。")
        }
        StatusCode::BAD_REQUEST => ("bad_request", "请求有误。"),
        StatusCode::NOT_FOUND => (
            "not_found",
            "没有这个接口：接口列表见 /api/v1/openapi.json。",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "这个接口不接受这种请求方法（可用的方法见响应头 Allow）。",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "请求体太大。"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "json_required",
            "请求体须为 JSON，并带请求头 Content-Type: application/json。",
        ),
        StatusCode::UNPROCESSABLE_ENTITY => (
            "bad_json_fields",
            "请求体的 JSON 缺少字段，或字段的类型、取值不对。",
        ),
        s if s.is_server_error() => ("internal", FAILED),
        _ => ("bad_request", "请求有误。"),
    }
}
