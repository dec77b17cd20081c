//! The web pages: server-rendered Chinese HTML over the same services as the JSON API, with a
//! little JavaScript that only adds comfort (suggestions while typing, upload progress).
//!
//! Every page is a minijinja template under `templates/`, filled from the services' own views,
//! so a page shows an article only as [`sucai_services::reading::ArticleView`] cut it for the
//! caller. Forms written with a session carry the session's CSRF token in a hidden field.

mod account;
mod admin;
mod check;
mod errors;
mod reader;
mod writers;

pub use errors::WebError;

use crate::AppState;
use crate::auth::Auth;
use crate::caching::{IMMUTABLE, hashed_path};
use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minijinja::Environment;
use serde::Serialize;
use std::sync::LazyLock;
use sucai_services::clock::{beijing_day, beijing_minute};
use sucai_services::entitlement::Caller;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(reader::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(check::routes())
        .merge(writers::routes())
        .route(
            "/static/app.css",
            get(|| asset("text/css", CSS, "public, max-age=3600")),
        )
        .route(
            "/static/app.js",
            get(|| asset("text/javascript", JS, "public, max-age=3600")),
        )
        .route(&CSS_PATH, get(|| asset("text/css", CSS, IMMUTABLE)))
        .route(&JS_PATH, get(|| asset("text/javascript", JS, IMMUTABLE)))
}

/// Where the pages load the static files from: an address that changes with their content.
static CSS_PATH: LazyLock<String> = LazyLock::new(|| hashed_path("app.css", CSS));
static JS_PATH: LazyLock<String> = LazyLock::new(|| hashed_path("app.js", JS));

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");

async fn asset(content_type: &'static str, body: &'static str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, source) in [
        ("base.html", include_str!("../../templates/base.html")),
        ("home.html", include_str!("../../templates/home.html")),
        (
            "searchbox.html",
            include_str!("../../templates/searchbox.html"),
        ),
        ("search.html", include_str!("../../templates/search.html")),
        ("article.html", include_str!("../../templates/article.html")),
        ("login.html", include_str!("../../templates/login.html")),
        ("account.html", include_str!("../../templates/account.html")),
        ("admin.html", include_str!("../../templates/admin.html")),
        ("edit.html", include_str!("../../templates/edit.html")),
        ("report.html", include_str!("../../templates/report.html")),
        ("codes.html", include_str!("../../templates/codes.html")),
        (
            "boilerplate.html",
            include_str!("../../templates/boilerplate.html"),
        ),
        ("error.html", include_str!("../../templates/error.html")),
        ("check.html", include_str!("../../templates/check.html")),
        ("basket.html", include_str!("../../templates/basket.html")),
        ("drafts.html", include_str!("../../templates/drafts.html")),
        ("draft.html", include_str!("../../templates/draft.html")),
        (
            "commissions.html",
            include_str!("../../templates/commissions.html"),
        ),
        (
            "commission.html",
            include_str!("../../templates/commission.html"),
        ),
        (
            "admin_commissions.html",
            include_str!("../../templates/admin_commissions.html"),
        ),
    ] {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env.add_global("css_path", CSS_PATH.as_str());
    env.add_global("js_path", JS_PATH.as_str());
    env.add_filter("date", |unix: i64| beijing_day(unix));
    env.add_filter("datetime", beijing_minute);
    env.add_filter("status", |s: String| {
        sucai_store::CommissionStatus::parse(&s)
            .map_or(s, |s| sucai_services::writers::status_name(s).to_string())
    });
    env
});

/// Who is looking at a page, as the header shows them.
#[derive(Serialize)]
struct Me {
    username: String,
    admin: bool,
    csrf: String,
}

fn me(auth: &Auth) -> Option<Me> {
    match &auth.caller {
        Caller::User { user, .. } => Some(Me {
            username: user.username.clone(),
            admin: auth.caller.is_admin(),
            csrf: auth.csrf.clone().unwrap_or_default(),
        }),
        _ => None,
    }
}

/// Renders `template` with `context` and the header's `me`.
fn render(
    template: &str,
    auth: &Auth,
    context: minijinja::Value,
) -> Result<Html<String>, WebError> {
    let context = minijinja::context! { me => me(auth), ..context };
    let page = TEMPLATES
        .get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|e| WebError::Template(e.to_string()))?;
    Ok(Html(page))
}

/// A form that carries nothing but the session's CSRF token.
#[derive(serde::Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// A form field that must equal the session's CSRF token.
fn check_csrf(auth: &Auth, sent: &str) -> Result<(), WebError> {
    match &auth.csrf {
        Some(expected) if expected == sent => Ok(()),
        Some(_) => Err(WebError::Csrf),
        None => Err(WebError::NeedLogin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        for name in TEMPLATES.templates().map(|(name, _)| name) {
            TEMPLATES.get_template(name).unwrap();
        }
        assert!(TEMPLATES.templates().count() >= 12);
    }
}
