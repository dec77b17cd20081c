//! The overlap check (查重) over HTTP, and the materials related to an article.
//!
//! A check is open to every logged-in reader. The report names sources by id and title only,
//! and shows where a draft matches only in text the caller may read (see
//! [`sucai_services::overlap`]). Drafts are compared in memory and never stored or logged.
//! Operators check a commission's files before they deliver.

use crate::auth::{Auth, ClientAddr, client};
use crate::writers::form_with_file;
use crate::{ApiError, AppState, offload};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use sucai_services::entitlement::Caller;
use sucai_services::limits::Client;
use sucai_services::overlap::{self, CheckOptions, OverlapError, OverlapReport, Related};
use sucai_services::writers::commissions;

/// The largest draft file taken: 50,000 characters of .docx stay far below this.
pub(crate) const MAX_DRAFT_BYTES: usize = 8 << 20;
/// Related materials shown beside an article.
pub(crate) const RELATED: usize = 6;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/check", post(check_text))
        .route(
            "/api/v1/check/file",
            post(check_file).layer(DefaultBodyLimit::max(MAX_DRAFT_BYTES)),
        )
        .route("/api/v1/articles/{id}/related", get(related))
        .route(
            "/api/v1/admin/commissions/{id}/files/{file}/check",
            get(check_delivery),
        )
}

#[derive(Deserialize)]
struct CheckText {
    text: String,
    min_run: Option<usize>,
}

async fn check_text(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    crate::body::Body(body): crate::body::Body<CheckText>,
) -> Result<Json<OverlapReport>, ApiError> {
    auth.caller.user_id().ok_or(ApiError::NeedLogin)?;
    let client = client(&auth, &addr);
    Ok(Json(
        check(&state, &auth.caller, &client, body.text, body.min_run).await?,
    ))
}

async fn check_file(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    form: Multipart,
) -> Result<Json<OverlapReport>, ApiError> {
    auth.caller.user_id().ok_or(ApiError::NeedLogin)?;
    let draft = DraftForm::receive(form).await?;
    let client = client(&auth, &addr);
    Ok(Json(
        check(&state, &auth.caller, &client, draft.text, draft.min_run).await?,
    ))
}

/// Checks a draft for `caller` with their shortest run, or the default, off the async workers;
/// members-only matches are named within the client's paid-hint budget.
pub(crate) async fn check(
    state: &AppState,
    caller: &Caller,
    client: &Client,
    text: String,
    min_run: Option<usize>,
) -> Result<OverlapReport, ApiError> {
    let options = min_run.map_or_else(CheckOptions::default, |min_run| CheckOptions { min_run });
    let (shared, caller, client) = (state.clone(), caller.clone(), client.clone());
    Ok(offload(state, async move {
        let hints = Some((shared.hints.as_ref(), &client));
        overlap::check(
            &shared.index,
            shared.store.as_ref(),
            &text,
            options,
            &caller,
            hints,
        )
        .await
    })
    .await?)
}

/// 查重 of a file of a commission (the member's draft or the operator's delivery), for the
/// operators: the file's text and its report.
pub(crate) async fn check_commission_file(
    state: &AppState,
    caller: &Caller,
    order: i64,
    file: i64,
) -> Result<(String, OverlapReport), ApiError> {
    crate::auth::require_admin(caller)?;
    let file = commissions::download(state.store.as_ref(), caller, order, file).await?;
    let text = overlap::draft_from_file(&file.name, &file.bytes)?;
    let report = check(state, caller, &Client::default(), text.clone(), None).await?;
    Ok((text, report))
}

async fn check_delivery(
    State(state): State<AppState>,
    auth: Auth,
    Path((order, file)): Path<(i64, i64)>,
) -> Result<Json<OverlapReport>, ApiError> {
    let (_, report) = check_commission_file(&state, &auth.caller, order, file).await?;
    Ok(Json(report))
}

/// A draft sent as a form: a `file` (.txt, .docx, .md, .html) or a `text` field, and optional
/// `min_run` and `csrf` fields.
pub(crate) struct DraftForm {
    pub text: String,
    pub min_run: Option<usize>,
    pub csrf: String,
}

impl DraftForm {
    pub(crate) async fn receive(form: Multipart) -> Result<DraftForm, ApiError> {
        let (mut fields, file) = form_with_file(form).await?;
        let text = match file {
            Some(file) => overlap::draft_from_file(&file.file_name, &file.bytes)?,
            None => fields.remove("text").unwrap_or_default(),
        };
        let min_run = match fields.get("min_run").map(|v| v.trim()) {
            None | Some("") => None,
            Some(v) => Some(v.parse().map_err(|_| OverlapError::BadRun(v.to_string()))?),
        };
        Ok(DraftForm {
            text,
            min_run,
            csrf: fields.remove("csrf").unwrap_or_default(),
        })
    }
}

/// Titles and categories only, which everyone may see.
async fn related(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Related>>, ApiError> {
    let article = state
        .store
        .article(id)
        .await?
        .ok_or(ApiError::NoArticle(id))?;
    Ok(Json(
        overlap::related(&state.index, state.store.as_ref(), &article, RELATED).await?,
    ))
}
