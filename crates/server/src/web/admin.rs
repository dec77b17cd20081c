//! The operators' pages: upload files and read the import report, the day's imports, redeem
//! codes, users and downloads, and the form that corrects an article's metadata and paid
//! boundary.

use super::{WebError, check_csrf, render};
use crate::AppState;
use crate::admin::{MAX_UPLOAD, import_upload, receive};
use crate::auth::{Auth, require_admin, unix_now};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Deserialize;
use sucai_ingest::boilerplate;
use sucai_services::clock::beijing_midnight;
use sucai_services::entitlement::Caller;
use sucai_services::members;
use sucai_store::{ArticleEdit, EdgeVerdict, Page};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin_page))
        .route(
            "/admin/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/admin/codes", post(make_codes))
        .route("/admin/boilerplate", get(boilerplate_page).post(judge_line))
        .route("/admin/articles", get(find_article))
        .route("/admin/articles/{id}", get(edit_page).post(edit))
}

/// The answer for anyone but an operator: log in first, or this page is for operators.
fn not_operator(auth: &Auth, here: &str) -> Option<Response> {
    match require_admin(&auth.caller) {
        Ok(()) => None,
        Err(_) if matches!(auth.caller, Caller::Anonymous) => {
            Some(Redirect::to(&format!("/login?next={here}")).into_response())
        }
        Err(e) => Some(WebError::from(e).into_response()),
    }
}

const LISTED: Page = Page {
    offset: 0,
    limit: 100,
};

async fn admin_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, "/admin") {
        return Ok(away);
    }
    let store = state.store.as_ref();
    Ok(render(
        "admin.html",
        &auth,
        context! {
            imports => store.imports_since(beijing_midnight(unix_now())).await?,
            tiers => store.tiers().await?,
            users => store.users(LISTED).await?,
            downloads => store.downloads(None, LISTED).await?,
            stats => store.stats().await?,
        },
    )?
    .into_response())
}

async fn import(
    State(state): State<AppState>,
    auth: Auth,
    form: Multipart,
) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, "/admin") {
        return Ok(away);
    }
    let upload = receive(form).await?;
    check_csrf(&auth, upload.fields.get("csrf").map_or("", String::as_str))?;
    let report = import_upload(&state, upload).await?;
    let files = report["files"].as_array().cloned().unwrap_or_default();
    let count = |status: &str| files.iter().filter(|f| f["status"] == status).count();
    let mut articles = Vec::new();
    for id in files.iter().filter_map(|f| f["material_id"].as_i64()) {
        if let Some(material) = state.store.material(id).await? {
            let found = state.store.articles_by_id(&material.article_ids).await?;
            articles.extend(
                found
                    .into_iter()
                    .map(|a| context! { id => a.id, title => a.title }),
            );
        }
    }
    Ok(render(
        "report.html",
        &auth,
        context! {
            imported => count("imported"),
            duplicates => count("duplicate"),
            rejected => count("rejected"),
            articles,
            report,
        },
    )?
    .into_response())
}

/// The most rules the page lists.
const LISTED_RULES: i64 = 500;

async fn boilerplate_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, "/admin/boilerplate") {
        return Ok(away);
    }
    show_rules(&state, &auth, None).await
}

async fn show_rules(
    state: &AppState,
    auth: &Auth,
    saved: Option<String>,
) -> Result<Response, WebError> {
    let rules = boilerplate::rules(state.store.as_ref(), LISTED_RULES).await?;
    Ok(render(
        "boilerplate.html",
        auth,
        context! { rules, saved, min_files => boilerplate::MIN_FILES },
    )?
    .into_response())
}

#[derive(Deserialize)]
struct JudgeForm {
    csrf: String,
    line: String,
    verdict: String,
}

async fn judge_line(
    State(state): State<AppState>,
    auth: Auth,
    Form(form): Form<JudgeForm>,
) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, "/admin/boilerplate") {
        return Ok(away);
    }
    check_csrf(&auth, &form.csrf)?;
    let verdict = EdgeVerdict::parse(&form.verdict)
        .ok_or_else(|| WebError::Invalid(format!("不认识的操作“{}”。", form.verdict)))?;
    let line = form.line.trim();
    if line.chars().count() > 200 {
        return Err(WebError::Invalid("一行版式文字最多 200 字。".into()));
    }
    if !boilerplate::judge(state.store.as_ref(), line, Some(verdict)).await? {
        return Err(WebError::Invalid(
            "这一行只有空格和标点，无法作为版式文字。".into(),
        ));
    }
    let saved = match verdict {
        EdgeVerdict::Boilerplate => format!("已保存：今后导入时剪去“{line}”。"),
        EdgeVerdict::Text => format!("已保存：今后“{line}”保留为正文。"),
    };
    show_rules(&state, &auth, Some(saved)).await
}

#[derive(Deserialize)]
struct CodesForm {
    csrf: String,
    tier: String,
    days: u32,
    count: usize,
}

/// The most codes one form makes.
const MAX_CODES: usize = 1000;

async fn make_codes(
    State(state): State<AppState>,
    auth: Auth,
    Form(form): Form<CodesForm>,
) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, "/admin") {
        return Ok(away);
    }
    check_csrf(&auth, &form.csrf)?;
    let count = form.count.clamp(1, MAX_CODES);
    let codes = members::make_codes(state.store.as_ref(), &form.tier, form.days, count).await?;
    Ok(render(
        "codes.html",
        &auth,
        context! { codes, tier => form.tier, days => form.days },
    )?
    .into_response())
}

#[derive(Deserialize)]
struct Find {
    id: i64,
}

async fn find_article(Query(find): Query<Find>) -> Redirect {
    Redirect::to(&format!("/admin/articles/{}", find.id))
}

async fn edit_page(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, &format!("/admin/articles/{id}")) {
        return Ok(away);
    }
    let article = state.store.article(id).await?.ok_or(WebError::NotFound)?;
    let body_chars = sucai_text::fold::char_count(&article.body);
    let free = sucai_store::free_part(article.free_chars, body_chars as u32);
    // The text on both sides of the boundary, so the operator sees where it falls.
    let chars: Vec<char> = article.body.chars().collect();
    let around = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect()
    };
    let free = free as usize;
    Ok(render(
        "edit.html",
        &auth,
        context! {
            a => article.clone(),
            tags => article.tags.join("，"),
            body_chars,
            free,
            before => around(free.saturating_sub(60), free),
            after => around(free, free + 60),
        },
    )?
    .into_response())
}

#[derive(Deserialize)]
struct EditForm {
    csrf: String,
    title: String,
    category: String,
    tags: String,
    year: String,
    free_chars: String,
}

impl EditForm {
    /// The change the form asks for; blank year or free part mean "none" and "the default".
    fn edit(&self) -> Result<ArticleEdit, WebError> {
        let number = |s: &str, what: &str| -> Result<Option<u32>, WebError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse()
                .map(Some)
                .map_err(|_| WebError::Invalid(format!("{what}应为数字，而不是“{s}”。")))
        };
        Ok(ArticleEdit {
            title: Some(self.title.trim().to_string()).filter(|t| !t.is_empty()),
            category: Some(self.category.trim().to_string()).filter(|c| !c.is_empty()),
            tags: Some(
                self.tags
                    .split([',', '，', '、', ' '])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            year: Some(number(&self.year, "年份")?.map(|y| y as i32)),
            free_chars: Some(number(&self.free_chars, "免费字数")?),
        })
    }
}

async fn edit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(form): Form<EditForm>,
) -> Result<Response, WebError> {
    if let Some(away) = not_operator(&auth, &format!("/admin/articles/{id}")) {
        return Ok(away);
    }
    check_csrf(&auth, &form.csrf)?;
    state
        .store
        .edit_article(id, &form.edit()?)
        .await?
        .ok_or(WebError::NotFound)?;
    state.reindex().await?;
    Ok(Redirect::to(&format!("/articles/{id}")).into_response())
}
