//! The writers' tools over JSON: `/api/v1/baskets` (素材篮), `/api/v1/drafts` (compose and
//! download drafts), `/api/v1/commissions` (a member's 代笔/润笔/PPT orders) and
//! `/api/v1/admin/commissions` (operators). The rules, the owner checks included, are in
//! [`sucai_services::writers`]; these handlers only read the request and answer.

use crate::auth::{Auth, Writer, unix_now};
use crate::downloads::file_response;
use crate::{ApiError, AppState, offload};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use sucai_services::downloads::File;
use sucai_services::entitlement::Caller;
use sucai_services::export::Format;
use sucai_services::writers::basket::{self, Selection};
use sucai_services::writers::commissions::{self, OrderForm};
use sucai_services::writers::{MAX_FILE, compose};
use sucai_store::{Basket, BasketItem, Commission, Draft, Upload};

pub fn routes() -> Router<AppState> {
    // Room for the form's fields around the largest file.
    let upload_limit = DefaultBodyLimit::max(MAX_FILE + (1 << 20));
    // The longest draft, each character written as JSON's longest escape (12 bytes for one
    // outside the BMP), fits: a draft the document admits is never refused for its bytes.
    let draft_limit =
        DefaultBodyLimit::max(sucai_services::writers::compose::MAX_BODY * 12 + (64 << 10));
    Router::new()
        .route("/api/v1/baskets", get(baskets).post(create_basket))
        .route(
            "/api/v1/baskets/{id}",
            get(open_basket).patch(rename_basket).delete(delete_basket),
        )
        .route("/api/v1/baskets/{id}/items", post(add_item))
        .route(
            "/api/v1/baskets/{id}/items/{item}",
            axum::routing::patch(change_item).delete(remove_item),
        )
        .route("/api/v1/baskets/{id}/compose", post(compose_draft))
        .route(
            "/api/v1/drafts",
            get(drafts).post(create_draft).layer(draft_limit),
        )
        .route(
            "/api/v1/drafts/{id}",
            get(draft)
                .put(save_draft)
                .delete(delete_draft)
                .layer(draft_limit),
        )
        .route("/api/v1/drafts/{id}/download", get(download_draft))
        .route(
            "/api/v1/commissions",
            get(my_commissions)
                .post(file_commission)
                .layer(upload_limit),
        )
        .route("/api/v1/commissions/{id}", get(commission))
        .route("/api/v1/commissions/{id}/close", post(close_commission))
        .route(
            "/api/v1/commissions/{id}/files/{file}",
            get(commission_file),
        )
        .route("/api/v1/admin/commissions", get(all_commissions))
        .route(
            "/api/v1/admin/commissions/{id}/accept",
            post(accept_commission),
        )
        .route(
            "/api/v1/admin/commissions/{id}/deliver",
            post(deliver_commission).layer(upload_limit),
        )
}

async fn baskets(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<Basket>>, ApiError> {
    Ok(Json(
        basket::baskets(state.store.as_ref(), &auth.caller).await?,
    ))
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

async fn create_basket(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(b): crate::body::Body<Named>,
) -> Result<(StatusCode, Json<Basket>), ApiError> {
    let basket = basket::create(state.store.as_ref(), &auth.caller, &b.name).await?;
    Ok((StatusCode::CREATED, Json(basket)))
}

async fn open_basket(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let (basket, items) = basket::open(state.store.as_ref(), &auth.caller, id).await?;
    Ok(Json(json!({ "basket": basket, "items": items })))
}

async fn rename_basket(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
    crate::body::Body(b): crate::body::Body<Named>,
) -> Result<StatusCode, ApiError> {
    basket::rename(state.store.as_ref(), &auth.caller, id, &b.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_basket(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    basket::delete(state.store.as_ref(), &auth.caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What to take from an article: a paragraph, a span of characters, or (neither) the whole.
/// Text sent by the client is ignored: the server cuts it from the stored article.
#[derive(Deserialize)]
struct ItemRequest {
    article_id: i64,
    paragraph: Option<u32>,
    start: Option<u32>,
    end: Option<u32>,
}

impl ItemRequest {
    fn selection(&self) -> Result<Selection, ApiError> {
        match (self.paragraph, self.start, self.end) {
            (None, None, None) => Ok(Selection::Whole),
            (Some(p), None, None) => Ok(Selection::Paragraph(p)),
            (None, Some(start), Some(end)) => Ok(Selection::Span { start, end }),
            _ => Err(ApiError::Invalid(
                "请给出一个段落（paragraph），或起止位置（start 和 end），或都不给（整篇文章）。"
                    .into(),
            )),
        }
    }
}

async fn add_item(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
    crate::body::Body(r): crate::body::Body<ItemRequest>,
) -> Result<(StatusCode, Json<BasketItem>), ApiError> {
    // Who asks comes before what is asked: an anonymous caller learns 401, not a field's rule.
    auth.caller.user_id().ok_or(ApiError::NeedLogin)?;
    let item = basket::add(
        state.store.as_ref(),
        &auth.caller,
        id,
        r.article_id,
        r.selection()?,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// A new place for an item, a heading before it (`""` removes it), or both.
#[derive(Deserialize)]
struct ItemChange {
    position: Option<i64>,
    heading: Option<String>,
    #[serde(default = "level_one")]
    level: u8,
}

fn level_one() -> u8 {
    1
}

async fn change_item(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path((id, item)): Path<(i64, i64)>,
    crate::body::Body(c): crate::body::Body<ItemChange>,
) -> Result<Json<Vec<BasketItem>>, ApiError> {
    let store = state.store.as_ref();
    if let Some(heading) = &c.heading {
        basket::set_heading(store, &auth.caller, id, item, heading, c.level).await?;
    }
    if let Some(position) = c.position {
        basket::move_item(store, &auth.caller, id, item, position).await?;
    }
    Ok(Json(basket::items(store, &auth.caller, id).await?))
}

async fn remove_item(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    basket::remove(state.store.as_ref(), &auth.caller, id, item).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
struct ComposeRequest {
    title: Option<String>,
}

async fn compose_draft(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
    body: Option<Json<ComposeRequest>>,
) -> Result<(StatusCode, Json<Draft>), ApiError> {
    let r = body.map(|Json(r)| r).unwrap_or_default();
    let draft =
        compose::compose(state.store.as_ref(), &auth.caller, id, r.title.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

async fn drafts(State(state): State<AppState>, auth: Auth) -> Result<Json<Vec<Draft>>, ApiError> {
    Ok(Json(
        compose::drafts(state.store.as_ref(), &auth.caller).await?,
    ))
}

#[derive(Deserialize)]
struct DraftEdit {
    title: String,
    #[serde(default)]
    body: String,
    /// Number the heading lines afresh (一、二、…, （一）（二）…).
    #[serde(default)]
    renumber: bool,
}

async fn create_draft(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(d): crate::body::Body<DraftEdit>,
) -> Result<(StatusCode, Json<Draft>), ApiError> {
    let draft = compose::create(state.store.as_ref(), &auth.caller, &d.title, &d.body).await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

async fn draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<Draft>, ApiError> {
    Ok(Json(
        compose::draft(state.store.as_ref(), &auth.caller, id).await?,
    ))
}

async fn save_draft(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
    crate::body::Body(d): crate::body::Body<DraftEdit>,
) -> Result<Json<Draft>, ApiError> {
    let draft = compose::save(
        state.store.as_ref(),
        &auth.caller,
        id,
        &d.title,
        &d.body,
        d.renumber,
    )
    .await?;
    Ok(Json(draft))
}

async fn delete_draft(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    compose::delete(state.store.as_ref(), &auth.caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?format=docx|txt|md&sources=1`
#[derive(Deserialize)]
pub(crate) struct DraftDownload {
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub sources: Option<String>,
}

impl DraftDownload {
    pub(crate) fn format(&self) -> Result<Format, ApiError> {
        let asked = self.format.as_deref().unwrap_or("docx");
        Format::parse(asked).ok_or_else(|| {
            ApiError::Invalid(format!("格式应为 docx、txt 或 md，而不是“{asked}”。"))
        })
    }
    /// Whether to list the sources: a yes or a no (a form's checkbox sends `on`); another
    /// word is refused, not read as no.
    pub(crate) fn with_sources(&self) -> Result<bool, ApiError> {
        match self.sources.as_deref() {
            None | Some("0" | "false" | "off" | "no") => Ok(false),
            Some("1" | "true" | "on" | "yes") => Ok(true),
            Some(other) => Err(ApiError::Invalid(format!(
                "参数 sources 应为 1 或 0，而不是“{other}”。"
            ))),
        }
    }
}

async fn download_draft(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<DraftDownload>,
) -> Result<Response, ApiError> {
    Ok(file_response(
        draft_file(&state, &auth.caller, id, &q).await?,
    ))
}

/// A draft as a file, made off the async workers (the overlap lookup and the export are CPU
/// work); a draft holding members-only text counts as a download of those articles.
pub(crate) async fn draft_file(
    state: &AppState,
    caller: &Caller,
    id: i64,
    q: &DraftDownload,
) -> Result<File, ApiError> {
    let (format, with_sources) = (q.format()?, q.with_sources()?);
    let (shared, caller) = (state.clone(), caller.clone());
    Ok(offload(state, async move {
        compose::download(
            &shared.index,
            shared.store.as_ref(),
            &caller,
            id,
            format,
            with_sources,
            unix_now(),
        )
        .await
    })
    .await?)
}

async fn my_commissions(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<Commission>>, ApiError> {
    Ok(Json(
        commissions::mine(state.store.as_ref(), &auth.caller).await?,
    ))
}

/// A multipart form's text fields and its one file (the field called `file`), in memory.
pub(crate) async fn form_with_file(
    mut form: Multipart,
) -> Result<(HashMap<String, String>, Option<Upload>), ApiError> {
    let failed = |e: &dyn std::fmt::Display| ApiError::Upload(e.to_string());
    let mut fields = HashMap::new();
    let mut file = None;
    while let Some(field) = form.next_field().await.map_err(|e| failed(&e))? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|e| failed(&e))?;
                // A browser sends an empty part when no file was chosen.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    file = Some(Upload {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => {
                fields.insert(name, field.text().await.map_err(|e| failed(&e))?);
            }
        }
    }
    Ok((fields, file))
}

/// The order form from a multipart form's fields.
pub(crate) fn order_form(fields: &HashMap<String, String>) -> OrderForm {
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    OrderForm {
        kind: field("kind"),
        topic: field("topic"),
        length: field("length"),
        deadline: field("deadline"),
        notes: field("notes"),
    }
}

async fn file_commission(
    State(state): State<AppState>,
    Writer(auth): Writer,
    form: Multipart,
) -> Result<(StatusCode, Json<Commission>), ApiError> {
    // An anonymous caller's upload is not read at all.
    auth.caller.user_id().ok_or(ApiError::NeedLogin)?;
    let (fields, file) = form_with_file(form).await?;
    let order = commissions::file(
        state.store.as_ref(),
        &auth.caller,
        &order_form(&fields),
        file,
        unix_now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(order)))
}

async fn commission(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<Commission>, ApiError> {
    Ok(Json(
        commissions::get(state.store.as_ref(), &auth.caller, id).await?,
    ))
}

async fn close_commission(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
) -> Result<Json<Commission>, ApiError> {
    let order = commissions::close(state.store.as_ref(), &auth.caller, id, unix_now()).await?;
    Ok(Json(order))
}

async fn commission_file(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let file = commissions::download(state.store.as_ref(), &auth.caller, id, file).await?;
    Ok(file_response(file).into_response())
}

async fn all_commissions(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<Commission>>, ApiError> {
    Ok(Json(
        commissions::all(state.store.as_ref(), &auth.caller).await?,
    ))
}

async fn accept_commission(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
) -> Result<Json<Commission>, ApiError> {
    let order = commissions::accept(state.store.as_ref(), &auth.caller, id, unix_now()).await?;
    Ok(Json(order))
}

/// An operator uploads the finished piece (multipart, field `file`).
// Operators check the file with 查重 first (`check.rs`: .../files/{file}/check).
async fn deliver_commission(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Json<Commission>, ApiError> {
    // Only an operator's upload is read.
    crate::auth::require_admin(&auth.caller)?;
    let (_, file) = form_with_file(form).await?;
    let file = file.ok_or_else(|| ApiError::Invalid("上传的内容里没有文件。".into()))?;
    let order =
        commissions::deliver(state.store.as_ref(), &auth.caller, id, file, unix_now()).await?;
    Ok(Json(order))
}
