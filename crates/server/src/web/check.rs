//! The 查重 page: paste or upload a draft, see the overall rate, the source articles and every
//! paragraph with its matched runs marked. The draft is shown back only to the writer who sent
//! it, in this one answer; it is not stored.

use super::{CsrfForm, WebError, check_csrf, render};
use crate::AppState;
use crate::auth::{Auth, ClientAddr, client};
use crate::check::{DraftForm, MAX_DRAFT_BYTES, check, check_commission_file};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Serialize;
use sucai_services::overlap::{OverlapError, OverlapReport, Piece, Source};
use sucai_text::overlap::DEFAULT_RUN;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/check",
            get(page)
                .post(submit)
                .layer(DefaultBodyLimit::max(MAX_DRAFT_BYTES)),
        )
        .route(
            "/admin/commissions/{id}/files/{file}/check",
            post(commission_file),
        )
}

/// The operator's 查重 of a commission's file, on the same page as any draft's.
async fn commission_file(
    State(state): State<AppState>,
    auth: Auth,
    Path((order, file)): Path<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &form.csrf)?;
    let (text, report) = check_commission_file(&state, &auth.caller, order, file).await?;
    Ok(render(
        "check.html",
        &auth,
        context! { text, min_run => report.min_run, report => Shown::new(&report, &text), order },
    )?
    .into_response())
}

/// A draft sent by a page's form (this one, or its 保存为草稿): nobody's file is read before
/// we know who sent it, and the form must carry the session's CSRF token.
pub(super) async fn receive_draft(auth: &Auth, form: Multipart) -> Result<DraftForm, WebError> {
    if auth.csrf.is_none() {
        return Err(WebError::NeedLogin);
    }
    let draft = DraftForm::receive(form).await?;
    check_csrf(auth, &draft.csrf)?;
    Ok(draft)
}

async fn page(auth: Auth) -> Result<Response, WebError> {
    if auth.caller.user_id().is_none() {
        return Ok(Redirect::to("/login?next=/check").into_response());
    }
    Ok(render("check.html", &auth, context! { min_run => DEFAULT_RUN })?.into_response())
}

async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    form: Multipart,
) -> Result<Response, WebError> {
    let draft = receive_draft(&auth, form).await?;
    let min_run = draft.min_run.unwrap_or(DEFAULT_RUN);
    let client = client(&auth, &addr);
    let shown = match check(
        &state,
        &auth.caller,
        &client,
        draft.text.clone(),
        draft.min_run,
    )
    .await
    {
        Ok(report) => context! {
            report => Shown::new(&report, &draft.text),
        },
        Err(crate::ApiError::Overlap(e))
            if !matches!(e, OverlapError::Index(_) | OverlapError::Store(_)) =>
        {
            context! {
                error => e.chinese(),
            }
        }
        Err(e) => return Err(e.into()),
    };
    Ok(render(
        "check.html",
        &auth,
        context! { text => draft.text, min_run, ..shown },
    )?
    .into_response())
}

/// The report as the page shows it: percentages, and each paragraph cut into plain and
/// matched pieces.
#[derive(Serialize)]
struct Shown<'a> {
    rate: String,
    report: &'a OverlapReport,
    sources: Vec<(String, &'a Source)>,
    paragraphs: Vec<(String, Vec<Piece<'a>>)>,
}

fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

impl<'a> Shown<'a> {
    fn new(report: &'a OverlapReport, draft: &str) -> Self {
        Shown {
            rate: percent(report.rate),
            report,
            sources: report
                .sources
                .iter()
                .map(|s| (percent(s.rate), s))
                .collect(),
            paragraphs: report
                .marked(draft)
                .into_iter()
                .map(|(p, pieces)| (percent(p.rate), pieces))
                .collect(),
        }
    }
}
