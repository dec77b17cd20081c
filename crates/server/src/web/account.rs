//! The account pages: register, log in and out, the member's own page with membership,
//! allowance, redeem box and download history.

use super::{WebError, check_csrf, render};
use crate::account::{log_in_as, session_cookie};
use crate::auth::{Auth, ClientAddr, unix_now};
use crate::{AppState, offload};
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Deserialize;
use sucai_services::accounts::{self, SESSION_SECONDS};
use sucai_services::downloads::remaining_today;
use sucai_services::members;
use sucai_store::{Page, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(log_in))
        .route("/register", get(register_page).post(register))
        .route("/logout", post(log_out))
        .route("/account", get(account_page))
        .route("/account/redeem", post(redeem))
}

#[derive(Deserialize, Default)]
struct Next {
    #[serde(default)]
    next: String,
}

/// Where to go after a form: a path of this site only, so a link cannot send a user away.
/// Browsers drop tabs and line breaks from addresses (`/\t/evil.example` is `//evil.example`),
/// and no header may hold them: such a `next` is refused whole.
fn local(next: &str, fallback: &str) -> String {
    let plain = !next.chars().any(|c| c.is_control() || c.is_whitespace());
    if plain && next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        fallback.to_string()
    }
}

async fn login_page(auth: Auth, Query(q): Query<Next>) -> Result<Response, WebError> {
    Ok(render(
        "login.html",
        &auth,
        context! { mode => "login", next => q.next },
    )?
    .into_response())
}

async fn register_page(auth: Auth, Query(q): Query<Next>) -> Result<Response, WebError> {
    Ok(render(
        "login.html",
        &auth,
        context! { mode => "register", next => q.next },
    )?
    .into_response())
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Opens a session and goes on to `next`.
async fn start_session(
    state: &AppState,
    auth: &Auth,
    addr: &ClientAddr,
    headers: &HeaderMap,
    c: &Credentials,
) -> Result<Response, WebError> {
    let session = log_in_as(state, auth, addr, c.username.clone(), c.password.clone()).await?;
    let cookie = session_cookie(headers, &session.token, SESSION_SECONDS);
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Redirect::to(&local(&c.next, "/account")),
    )
        .into_response())
}

/// The form again with what went wrong, keeping the name typed.
fn form_again(auth: &Auth, mode: &str, c: &Credentials, error: WebError) -> Response {
    let (status, _, text) = error.explain();
    let mut response = match render(
        "login.html",
        auth,
        context! { mode, next => c.next, username => c.username, error => text },
    ) {
        Ok(page) => (status, page).into_response(),
        Err(e) => e.into_response(),
    };
    if let WebError::Api(e) = &error {
        crate::headers::set_retry_after(e, response.headers_mut());
    }
    response
}

async fn log_in(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    headers: HeaderMap,
    Form(c): Form<Credentials>,
) -> Response {
    start_session(&state, &auth, &addr, &headers, &c)
        .await
        .unwrap_or_else(|e| form_again(&auth, "login", &c, e))
}

async fn register(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    headers: HeaderMap,
    Form(c): Form<Credentials>,
) -> Response {
    let store = state.store.clone();
    let (username, password) = (c.username.clone(), c.password.clone());
    let registered = offload(&state, async move {
        accounts::register(store.as_ref(), &username, &password, Role::User).await
    })
    .await
    .map_err(WebError::from);
    match registered {
        Ok(_) => start_session(&state, &auth, &addr, &headers, &c)
            .await
            .unwrap_or_else(IntoResponse::into_response),
        Err(e) => form_again(&auth, "register", &c, e),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn log_out(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &form.csrf)?;
    if let Some(token) = &auth.session_token {
        accounts::log_out(state.store.as_ref(), token).await?;
    }
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie(&headers, "", 0))]),
        Redirect::to("/"),
    )
        .into_response())
}

async fn account_page(State(state): State<AppState>, auth: Auth) -> Result<Response, WebError> {
    let Some(summary) = members::summary(&auth.caller) else {
        return Ok(Redirect::to("/login?next=/account").into_response());
    };
    let store = state.store.as_ref();
    let downloads = store
        .downloads(
            Some(summary.id),
            Page {
                offset: 0,
                limit: 100,
            },
        )
        .await?;
    let remaining = remaining_today(store, &auth.caller, unix_now()).await?;
    let mut ids: Vec<i64> = downloads
        .iter()
        .flat_map(|d| d.article_ids.clone())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let titles: std::collections::HashMap<String, String> = store
        .articles_by_id(&ids)
        .await?
        .into_iter()
        .map(|a| (a.id.to_string(), a.title))
        .collect();
    Ok(render(
        "account.html",
        &auth,
        context! {
            summary,
            admin => summary.role == Role::Admin,
            remaining => remaining.filter(|&n| n != u32::MAX),
            downloads,
            titles,
            tiers => store.tiers().await?,
        },
    )?
    .into_response())
}

#[derive(Deserialize)]
struct RedeemForm {
    csrf: String,
    code: String,
    #[serde(default)]
    next: String,
}

async fn redeem(
    State(state): State<AppState>,
    auth: Auth,
    Form(form): Form<RedeemForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &form.csrf)?;
    let user_id = auth.caller.user_id().ok_or(WebError::NeedLogin)?;
    members::redeem(state.store.as_ref(), form.code.trim(), user_id, unix_now()).await?;
    Ok(Redirect::to(&local(&form.next, "/account")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_only_go_on_to_pages_of_this_site() {
        assert_eq!(local("/articles/3", "/account"), "/articles/3");
        for away in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "",
            "/\t/evil.example/",
            "/account\nSet-Cookie: x=1",
            "/ /evil.example",
        ] {
            assert_eq!(local(away, "/account"), "/account");
        }
    }
}
