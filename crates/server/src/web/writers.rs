//! The writers' pages: the basket (素材篮) with its items to reorder, head and compose; drafts
//! to edit and download; commissions to file and follow; and the operators' order desk. Plain
//! HTML forms with the session's CSRF token, so everything works without JavaScript. The rules
//! and owner checks are the services' ([`sucai_services::writers`]).

use super::{CsrfForm, WebError, check_csrf, render};
use crate::AppState;
use crate::auth::{Auth, require_admin, unix_now};
use crate::downloads::file_response;
use crate::writers::{DraftDownload, draft_file, form_with_file, order_form};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Deserialize;
use sucai_services::entitlement::Caller;
use sucai_services::writers::basket::{self, Selection};
use sucai_services::writers::{MAX_FILE, commissions, compose};

pub fn routes() -> Router<AppState> {
    let upload_limit = DefaultBodyLimit::max(MAX_FILE + (1 << 20));
    Router::new()
        .route("/basket", get(basket_page))
        .route("/basket/new", post(new_basket))
        .route("/basket/add", post(add_to_basket))
        .route("/basket/{id}/rename", post(rename_basket))
        .route("/basket/{id}/delete", post(delete_basket))
        .route("/basket/{id}/compose", post(compose_draft))
        .route("/basket/{id}/items/{item}/move", post(move_item))
        .route("/basket/{id}/items/{item}/heading", post(head_item))
        .route("/basket/{id}/items/{item}/remove", post(remove_item))
        .route(
            "/drafts",
            get(drafts_page)
                .post(draft_from_check)
                .layer(DefaultBodyLimit::max(crate::check::MAX_DRAFT_BYTES)),
        )
        .route("/drafts/{id}", get(draft_page).post(save_draft))
        .route("/drafts/{id}/delete", post(delete_draft))
        .route("/drafts/{id}/download", get(download_draft))
        .route(
            "/commissions",
            get(commissions_page)
                .post(file_commission)
                .layer(upload_limit),
        )
        .route("/commissions/{id}", get(commission_page))
        .route("/commissions/{id}/close", post(close_commission))
        .route("/commissions/{id}/files/{file}", get(commission_file))
        .route("/admin/commissions", get(orders_page))
        .route("/admin/commissions/{id}", get(order_page))
        .route("/admin/commissions/{id}/accept", post(accept_order))
        .route(
            "/admin/commissions/{id}/deliver",
            post(deliver_order).layer(upload_limit),
        )
}

/// Anonymous visitors are sent to log in first, and come back here.
fn login_first(auth: &Auth, here: &str) -> Option<Response> {
    matches!(auth.caller, Caller::Anonymous)
        .then(|| Redirect::to(&format!("/login?next={here}")).into_response())
}

fn back_to(path: String) -> Response {
    Redirect::to(&path).into_response()
}

#[derive(Deserialize)]
struct Chosen {
    b: Option<i64>,
}

async fn basket_page(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<Chosen>,
) -> Result<Response, WebError> {
    if let Some(away) = login_first(&auth, "/basket") {
        return Ok(away);
    }
    let store = state.store.as_ref();
    let baskets = basket::baskets(store, &auth.caller).await?;
    // The basket asked for (someone else's reads as missing), or the first.
    let open = match q.b.or_else(|| baskets.first().map(|b| b.id)) {
        Some(id) => Some(basket::open(store, &auth.caller, id).await?),
        None => None,
    };
    let (current, items) = open.map_or((None, Vec::new()), |(b, i)| (Some(b), i));
    Ok(render("basket.html", &auth, context! { baskets, current, items })?.into_response())
}

#[derive(Deserialize)]
struct NameForm {
    csrf: String,
    name: String,
}

async fn new_basket(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<NameForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let b = basket::create(state.store.as_ref(), &auth.caller, &f.name).await?;
    Ok(back_to(format!("/basket?b={}", b.id)))
}

/// The article page's buttons: the whole article or one paragraph, into a chosen basket or
/// the first one.
#[derive(Deserialize)]
struct AddForm {
    csrf: String,
    article_id: i64,
    #[serde(default)]
    paragraph: String,
    #[serde(default)]
    basket: String,
}

async fn add_to_basket(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<AddForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let selection = match f.paragraph.parse::<u32>() {
        Ok(p) => Selection::Paragraph(p),
        Err(_) => Selection::Whole,
    };
    let store = state.store.as_ref();
    let item = match f.basket.parse::<i64>() {
        Ok(b) => basket::add(store, &auth.caller, b, f.article_id, selection).await?,
        Err(_) => basket::add_to_default(store, &auth.caller, f.article_id, selection).await?,
    };
    let anchor = match selection {
        Selection::Paragraph(p) => format!("#p-{p}"),
        _ => String::new(),
    };
    Ok(back_to(format!(
        "/articles/{}?added={}{anchor}",
        f.article_id, item.basket_id
    )))
}

async fn rename_basket(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<NameForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    basket::rename(state.store.as_ref(), &auth.caller, id, &f.name).await?;
    Ok(back_to(format!("/basket?b={id}")))
}

async fn delete_basket(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    basket::delete(state.store.as_ref(), &auth.caller, id).await?;
    Ok(back_to("/basket".into()))
}

#[derive(Deserialize)]
struct MoveForm {
    csrf: String,
    /// `up` or `down`.
    to: String,
}

async fn move_item(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, item)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let store = state.store.as_ref();
    let items = basket::items(store, &auth.caller, id).await?;
    let at = items
        .iter()
        .position(|i| i.id == item)
        .ok_or(WebError::NotFound)? as i64;
    let to = if f.to == "up" { at - 1 } else { at + 1 };
    basket::move_item(store, &auth.caller, id, item, to.max(0)).await?;
    Ok(back_to(format!("/basket?b={id}#item-{item}")))
}

#[derive(Deserialize)]
struct HeadingForm {
    csrf: String,
    #[serde(default)]
    heading: String,
    #[serde(default)]
    level: String,
}

async fn head_item(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, item)): Path<(i64, i64)>,
    Form(f): Form<HeadingForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let level = if f.level == "2" { 2 } else { 1 };
    basket::set_heading(
        state.store.as_ref(),
        &auth.caller,
        id,
        item,
        &f.heading,
        level,
    )
    .await?;
    Ok(back_to(format!("/basket?b={id}#item-{item}")))
}

async fn remove_item(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, item)): Path<(i64, i64)>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    basket::remove(state.store.as_ref(), &auth.caller, id, item).await?;
    Ok(back_to(format!("/basket?b={id}")))
}

#[derive(Deserialize)]
struct ComposeForm {
    csrf: String,
    #[serde(default)]
    title: String,
}

async fn compose_draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<ComposeForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let draft = compose::compose(state.store.as_ref(), &auth.caller, id, Some(&f.title)).await?;
    Ok(back_to(format!("/drafts/{}", draft.id)))
}

/// The 查重 page's "save as a draft": what was checked (typed or uploaded) becomes a draft,
/// titled by its first line. A check alone stores nothing.
async fn draft_from_check(
    State(state): State<AppState>,
    auth: Auth,
    form: Multipart,
) -> Result<Response, WebError> {
    let sent = super::check::receive_draft(&auth, form).await?;
    let first_line = sent.text.lines().map(str::trim).find(|l| !l.is_empty());
    let title: String = first_line.unwrap_or("查重稿件").chars().take(40).collect();
    let draft = compose::create(state.store.as_ref(), &auth.caller, &title, &sent.text).await?;
    Ok(back_to(format!("/drafts/{}", draft.id)))
}

async fn drafts_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    if let Some(away) = login_first(&auth, "/drafts") {
        return Ok(away);
    }
    let drafts = compose::drafts(state.store.as_ref(), &auth.caller).await?;
    Ok(render("drafts.html", &auth, context! { drafts })?.into_response())
}

/// `?saved=1` after the form saved the draft.
#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn draft_page(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<Response, WebError> {
    if let Some(away) = login_first(&auth, &format!("/drafts/{id}")) {
        return Ok(away);
    }
    let draft = compose::draft(state.store.as_ref(), &auth.caller, id).await?;
    let saved = q.saved.is_some();
    Ok(render("draft.html", &auth, context! { draft, saved })?.into_response())
}

#[derive(Deserialize)]
struct DraftForm {
    csrf: String,
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    renumber: String,
}

async fn save_draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<DraftForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    let renumber = !f.renumber.is_empty();
    compose::save(
        state.store.as_ref(),
        &auth.caller,
        id,
        &f.title,
        &f.body,
        renumber,
    )
    .await?;
    Ok(back_to(format!("/drafts/{id}?saved=1")))
}

async fn delete_draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    compose::delete(state.store.as_ref(), &auth.caller, id).await?;
    Ok(back_to("/drafts".into()))
}

/// A GET: a draft holding members-only text counts its articles once a day, so a repeated
/// download changes nothing more.
async fn download_draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<DraftDownload>,
) -> Result<Response, WebError> {
    Ok(file_response(
        draft_file(&state, &auth.caller, id, &q).await?,
    ))
}

async fn commissions_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    if let Some(away) = login_first(&auth, "/commissions") {
        return Ok(away);
    }
    let orders = commissions::mine(state.store.as_ref(), &auth.caller).await?;
    Ok(render("commissions.html", &auth, context! { orders })?.into_response())
}

async fn file_commission(
    State(state): State<AppState>,
    auth: Auth,
    form: Multipart,
) -> Result<Response, WebError> {
    let (fields, file) = form_with_file(form).await?;
    check_csrf(&auth, fields.get("csrf").map_or("", String::as_str))?;
    let order = commissions::file(
        state.store.as_ref(),
        &auth.caller,
        &order_form(&fields),
        file,
        unix_now(),
    )
    .await?;
    Ok(back_to(format!("/commissions/{}", order.id)))
}

/// One order: its member's page, or the operators' desk with accept and deliver.
async fn show_order(
    state: &AppState,
    auth: &Auth,
    id: i64,
    desk: bool,
) -> Result<Html<String>, WebError> {
    let order = commissions::get(state.store.as_ref(), &auth.caller, id).await?;
    let member = if desk {
        state.store.user(order.user_id).await?.map(|u| u.username)
    } else {
        None
    };
    render("commission.html", auth, context! { order, desk, member })
}

async fn commission_page(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    if let Some(away) = login_first(&auth, &format!("/commissions/{id}")) {
        return Ok(away);
    }
    Ok(show_order(&state, &auth, id, false).await?.into_response())
}

async fn close_commission(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    commissions::close(state.store.as_ref(), &auth.caller, id, unix_now()).await?;
    Ok(back_to(format!("/commissions/{id}")))
}

async fn commission_file(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let file = commissions::download(state.store.as_ref(), &auth.caller, id, file).await?;
    Ok(file_response(file))
}

/// Operators only: anonymous visitors log in first, members are told this is not for them.
fn operators_only(auth: &Auth, here: &str) -> Result<Option<Response>, WebError> {
    if let Some(away) = login_first(auth, here) {
        return Ok(Some(away));
    }
    require_admin(&auth.caller)?;
    Ok(None)
}

async fn orders_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    if let Some(away) = operators_only(&auth, "/admin/commissions")? {
        return Ok(away);
    }
    let orders = commissions::all(state.store.as_ref(), &auth.caller).await?;
    Ok(render("admin_commissions.html", &auth, context! { orders })?.into_response())
}

async fn order_page(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    if let Some(away) = operators_only(&auth, &format!("/admin/commissions/{id}"))? {
        return Ok(away);
    }
    Ok(show_order(&state, &auth, id, true).await?.into_response())
}

async fn accept_order(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &f.csrf)?;
    commissions::accept(state.store.as_ref(), &auth.caller, id, unix_now()).await?;
    Ok(back_to(format!("/admin/commissions/{id}")))
}

/// The operator's delivery.
// The order page's 查重 buttons check a file before and after it is delivered (`web/check.rs`).
async fn deliver_order(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Response, WebError> {
    let (fields, file) = form_with_file(form).await?;
    check_csrf(&auth, fields.get("csrf").map_or("", String::as_str))?;
    let file = file.ok_or_else(|| WebError::Invalid("请选择要交付的文件。".into()))?;
    commissions::deliver(state.store.as_ref(), &auth.caller, id, file, unix_now()).await?;
    Ok(back_to(format!("/admin/commissions/{id}")))
}
