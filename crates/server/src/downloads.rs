//! `POST /api/v1/downloads`: members download articles as files (one) or a zip (several).

use crate::auth::{Writer, unix_now};
use crate::{ApiError, AppState, offload};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use sucai_services::downloads::{self, File};
use sucai_services::entitlement::Caller;
use sucai_services::export::Format;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/downloads", post(download))
}

#[derive(Deserialize)]
struct DownloadRequest {
    ids: Vec<i64>,
    #[serde(default = "docx")]
    format: String,
    /// `gb18030` for .txt files that old Windows tools read.
    #[serde(default)]
    encoding: Option<String>,
}

fn docx() -> String {
    "docx".into()
}

/// `filename*` of Content-Disposition: UTF-8, percent-encoded (RFC 6266).
fn attachment(name: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    const ENCODED: &percent_encoding::AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_');
    let encoded = utf8_percent_encode(name, ENCODED);
    let ext = name.rsplit_once('.').map_or("bin", |(_, e)| e);
    format!("attachment; filename=\"download.{ext}\"; filename*=UTF-8''{encoded}")
}

async fn download(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(r): crate::body::Body<DownloadRequest>,
) -> Result<Response, ApiError> {
    let format = Format::parse(&r.format).ok_or_else(|| {
        ApiError::Invalid(format!("格式应为 docx、txt 或 md，而不是“{}”。", r.format))
    })?;
    let gb18030 = match r.encoding.as_deref() {
        None | Some("utf-8" | "utf8") => false,
        Some("gb18030" | "gbk") => true,
        Some(other) => {
            return Err(ApiError::Invalid(format!(
                "编码应为 utf-8 或 gb18030，而不是“{other}”。"
            )));
        }
    };
    let file = offloaded(&state, &auth.caller, r.ids, format, gb18030).await?;
    Ok(file_response(file))
}

/// A download, rendered off the async workers (Word files and zips are CPU work).
pub(crate) async fn offloaded(
    state: &AppState,
    caller: &Caller,
    ids: Vec<i64>,
    format: Format,
    gb18030: bool,
) -> Result<File, ApiError> {
    let (store, caller) = (state.store.clone(), caller.clone());
    Ok(offload(state, async move {
        downloads::download(store.as_ref(), &caller, &ids, format, gb18030, unix_now()).await
    })
    .await?)
}

/// A file as an attachment, with the downloads left today.
pub(crate) fn file_response(file: File) -> Response {
    let File {
        name,
        content_type,
        bytes,
        remaining,
    } = file;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&attachment(&name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Some(n) = remaining {
        headers.insert(
            HeaderName::from_static("x-downloads-remaining"),
            HeaderValue::from(n),
        );
    }
    response
}
