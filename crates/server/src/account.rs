//! `/api/v1/account`: register, log in and out, change the password, see one's membership,
//! redeem a code, make, list and revoke API tokens. `/api/v1/admin/codes`: operators make codes.

use crate::auth::{Auth, ClientAddr, Operator, SESSION_COOKIE, Writer, client, unix_now};
use crate::{ApiError, AppState, offload};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sucai_services::accounts::{self, SESSION_SECONDS};
use sucai_services::entitlement::Caller;
use sucai_services::members::{self, AccountSummary};
use sucai_store::{ApiToken, Membership, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/account", get(me))
        .route("/api/v1/account/register", post(register))
        .route("/api/v1/account/login", post(log_in))
        .route("/api/v1/account/logout", post(log_out))
        .route("/api/v1/account/password", post(change_password))
        .route("/api/v1/account/redeem", post(redeem))
        .route("/api/v1/account/tokens", get(tokens).post(new_token))
        .route("/api/v1/account/tokens/{id}", delete(revoke_token))
        .route("/api/v1/admin/codes", post(make_codes))
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

fn user_of(caller: &Caller) -> Result<&sucai_store::User, ApiError> {
    match caller {
        Caller::User { user, .. } => Ok(user),
        _ => Err(ApiError::NeedLogin),
    }
}

async fn me(auth: Auth) -> Result<Json<AccountSummary>, ApiError> {
    members::summary(&auth.caller)
        .map(Json)
        .ok_or(ApiError::NeedLogin)
}

async fn register(
    State(state): State<AppState>,
    crate::body::Body(c): crate::body::Body<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    let store = state.store.clone();
    let (username, password) = (c.username.clone(), c.password);
    let id = offload(&state, async move {
        accounts::register(store.as_ref(), &username, &password, Role::User).await
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "username": accounts::fold_username(&c.username) })),
    ))
}

/// The session cookie: HttpOnly, SameSite=Lax, and Secure when the request came over TLS
/// (through a proxy that says so).
pub(crate) fn session_cookie(headers: &HeaderMap, token: &str, max_age: i64) -> String {
    let tls = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes() == b"https");
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if tls { "; Secure" } else { "" }
    )
}

async fn log_in(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    headers: HeaderMap,
    crate::body::Body(c): crate::body::Body<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    let session = log_in_as(&state, &auth, &addr, c.username, c.password).await?;
    let cookie = session_cookie(&headers, &session.token, SESSION_SECONDS);
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(json!({ "username": session.user.username, "csrf_token": session.csrf })),
    ))
}

/// Checks a login off the async workers (argon2), within the client's login limits.
pub(crate) async fn log_in_as(
    state: &AppState,
    auth: &Auth,
    addr: &ClientAddr,
    username: String,
    password: String,
) -> Result<accounts::Session, ApiError> {
    let store = state.store.clone();
    let client = client(auth, addr);
    Ok(offload(state, async move {
        accounts::log_in(store.as_ref(), &username, &password, &client, unix_now()).await
    })
    .await?)
}

async fn log_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    Writer(auth): Writer,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = &auth.session_token {
        accounts::log_out(state.store.as_ref(), token).await?;
    }
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie(&headers, "", 0))]),
        StatusCode::NO_CONTENT,
    ))
}

#[derive(Deserialize)]
struct PasswordChange {
    old: String,
    new: String,
}

async fn change_password(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(p): crate::body::Body<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let (store, user) = (state.store.clone(), user_of(&auth.caller)?.clone());
    offload(&state, async move {
        accounts::change_password(store.as_ref(), &user, &p.old, &p.new).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

async fn redeem(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(c): crate::body::Body<Code>,
) -> Result<Json<Membership>, ApiError> {
    let user = user_of(&auth.caller)?;
    Ok(Json(
        members::redeem(state.store.as_ref(), &c.code, user.id, unix_now()).await?,
    ))
}

#[derive(Deserialize)]
struct TokenRequest {
    name: String,
}

async fn new_token(
    State(state): State<AppState>,
    Writer(auth): Writer,
    crate::body::Body(t): crate::body::Body<TokenRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let (token, id) =
        accounts::new_api_token(state.store.as_ref(), user_of(&auth.caller)?, &t.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": token, "id": id })),
    ))
}

async fn tokens(State(state): State<AppState>, auth: Auth) -> Result<Json<Value>, ApiError> {
    let tokens: Vec<ApiToken> =
        accounts::api_tokens(state.store.as_ref(), user_of(&auth.caller)?).await?;
    Ok(Json(json!({ "tokens": tokens })))
}

/// Revokes one of the caller's own tokens: another user's id answers 404, like no token.
async fn revoke_token(
    State(state): State<AppState>,
    Writer(auth): Writer,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    accounts::revoke_api_token(state.store.as_ref(), user_of(&auth.caller)?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct CodeRequest {
    tier: String,
    days: u32,
    count: usize,
}

/// The most codes one request makes.
const MAX_CODES: usize = 10_000;

/// The longest membership one code grants: ten years.
const MAX_DAYS: u32 = 3_650;

async fn make_codes(
    State(state): State<AppState>,
    _: Operator,
    crate::body::Body(r): crate::body::Body<CodeRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let count = crate::routes::within("count", r.count, 1..=MAX_CODES)?;
    let days = crate::routes::within("days", r.days, 1..=MAX_DAYS)?;
    let codes = members::make_codes(state.store.as_ref(), &r.tier, days, count).await?;
    Ok((StatusCode::CREATED, Json(json!({ "codes": codes }))))
}
