//! `/api/v1/admin`: operators import files (multipart upload, the same importer and report as
//! the command line), correct an article's metadata and paid boundary, and see users and the
//! download ledger.

use crate::auth::Operator;
use crate::{ApiError, AppState, offload};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use sucai_ingest::{ImportOptions, import_paths};
use sucai_store::{ArticleEdit, Download, Page, User};

/// The largest upload one request may carry.
pub(crate) const MAX_UPLOAD: usize = 256 << 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/admin/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/api/v1/admin/articles/{id}", patch(edit))
        .route("/api/v1/admin/users", get(users))
        .route("/api/v1/admin/downloads", get(downloads))
}

/// Keeps the last part of an uploaded file's name and nothing a file system would refuse.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    if cleaned.trim_matches('.').is_empty() {
        "upload".into()
    } else {
        cleaned
    }
}

/// The files of a multipart upload, each written to a folder of its own, and the form's
/// other fields.
pub(crate) struct Upload {
    dir: tempfile::TempDir,
    paths: Vec<std::path::PathBuf>,
    pub fields: HashMap<String, String>,
}

pub(crate) async fn receive(mut form: Multipart) -> Result<Upload, ApiError> {
    let failed = |e: &dyn std::fmt::Display| ApiError::Upload(e.to_string());
    let dir = tempfile::tempdir().map_err(|e| failed(&e))?;
    let mut paths = Vec::new();
    let mut fields = HashMap::new();
    while let Some(field) = form.next_field().await.map_err(|e| failed(&e))? {
        let Some(file_name) = field.file_name().map(safe_name) else {
            let name = field.name().unwrap_or_default().to_string();
            fields.insert(name, field.text().await.map_err(|e| failed(&e))?);
            continue;
        };
        let bytes = field.bytes().await.map_err(|e| failed(&e))?;
        // A browser sends an empty part when no file was chosen.
        if file_name == "upload" && bytes.is_empty() {
            continue;
        }
        // Each file in a folder of its own: two uploads of the same name stay apart.
        let folder = dir.path().join(paths.len().to_string());
        std::fs::create_dir(&folder).map_err(|e| failed(&e))?;
        std::fs::write(folder.join(&file_name), &bytes).map_err(|e| failed(&e))?;
        paths.push(folder.join(file_name));
    }
    Ok(Upload { dir, paths, fields })
}

/// Imports an upload with the command line's importer and brings the index up to date; the
/// report names each file as it was uploaded.
pub(crate) async fn import_upload(state: &AppState, upload: Upload) -> Result<Value, ApiError> {
    if upload.paths.is_empty() {
        return Err(ApiError::Invalid("上传的内容里没有文件。".into()));
    }
    // Parsing, splitting and indexing are CPU work: off the async workers.
    let (shared, paths) = (state.clone(), upload.paths.clone());
    let report = offload(state, async move {
        let store: Arc<dyn sucai_store::Store> = shared.store.clone();
        let report = import_paths(store, &paths, ImportOptions::default(), |_| {}).await?;
        shared.index.sync(shared.store.as_ref()).await?;
        Ok::<_, ApiError>(report)
    })
    .await?;
    let prefix = upload.dir.path().display().to_string();
    let files: Vec<Value> = report
        .record
        .files
        .iter()
        .map(|f| {
            let mut line = json!(f);
            let shown = f
                .path
                .strip_prefix(&prefix)
                .unwrap_or(&f.path)
                .trim_start_matches('/');
            line["path"] = json!(shown.split_once('/').map_or(shown, |(_, name)| name));
            line
        })
        .collect();
    Ok(
        json!({ "import_id": report.id, "files": files, "chars": report.record.chars, "seconds": report.record.seconds }),
    )
}

async fn import(
    State(state): State<AppState>,
    _: Operator,
    form: Multipart,
) -> Result<Json<Value>, ApiError> {
    let upload = receive(form).await?;
    Ok(Json(import_upload(&state, upload).await?))
}

async fn edit(
    State(state): State<AppState>,
    _: Operator,
    Path(id): Path<i64>,
    crate::body::Body(edit): crate::body::Body<ArticleEdit>,
) -> Result<Json<Value>, ApiError> {
    let article = state
        .store
        .edit_article(id, &edit)
        .await?
        .ok_or(ApiError::NoArticle(id))?;
    state.reindex().await?;
    Ok(Json(json!(article)))
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    offset: i64,
    limit: Option<i64>,
    user: Option<i64>,
}

impl Paging {
    fn page(&self) -> Result<Page, ApiError> {
        Ok(Page {
            offset: crate::routes::within("offset", self.offset, 0..=i64::MAX)?,
            limit: crate::routes::within("limit", self.limit.unwrap_or(100), 1..=1000)?,
        })
    }
}

async fn users(
    State(state): State<AppState>,
    _: Operator,
    Query(p): Query<Paging>,
) -> Result<Json<Vec<User>>, ApiError> {
    Ok(Json(state.store.users(p.page()?).await?))
}

async fn downloads(
    State(state): State<AppState>,
    _: Operator,
    Query(p): Query<Paging>,
) -> Result<Json<Vec<Download>>, ApiError> {
    Ok(Json(state.store.downloads(p.user, p.page()?).await?))
}
