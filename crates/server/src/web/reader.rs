//! The reader's pages: home, search results and the article page with its downloads.

use super::{WebError, check_csrf, render};
use crate::AppState;
use crate::auth::{Auth, ClientAddr, client, unix_now};
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::{Deserialize, Serialize};
use sucai_index::Sort;
use sucai_services::clock::beijing_midnight;
use sucai_services::downloads::remaining_today;
use sucai_services::entitlement::Reader;
use sucai_services::export::Format;
use sucai_services::overlap;
use sucai_services::reading::ArticleView;
use sucai_services::search::{MatchedIn, SearchError, SearchHit, SearchRequest, search};
use sucai_services::writers::basket;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search_page))
        .route("/articles/{id}", get(article_page))
        .route("/articles/{id}/download", post(download))
}

/// Hits per results page.
const PER_PAGE: usize = 10;

async fn home(State(state): State<AppState>, auth: Auth) -> Result<Html<String>, WebError> {
    let today = state
        .store
        .new_articles(beijing_midnight(unix_now()), 50)
        .await?;
    let all = sucai_query::parse("chars:0..").map_err(crate::ApiError::Query)?;
    let facets = state.index.facets(&all)?;
    render(
        "home.html",
        &auth,
        context! { today, categories => facets.categories, tags => facets.tags },
    )
}

/// The search form: the box and the filters a results page links to.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    access: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: usize,
}

impl SearchForm {
    /// The query in the search language: the box's text and the chosen filters.
    fn query(&self) -> String {
        let mut query = self.q.trim().to_string();
        for (field, value) in [
            ("category", &self.category),
            ("tag", &self.tag),
            ("year", &self.year),
            ("access", &self.access),
        ] {
            if !value.is_empty() {
                let value = value.replace('"', "");
                query.push_str(&format!(" {field}:\"{value}\""));
            }
        }
        query
    }

    /// The address of this search with one parameter changed (`""` removes it); changing
    /// anything but the page goes back to the first page.
    fn with(&self, name: &str, value: &str) -> String {
        let mut form = self.clone();
        match name {
            "category" => form.category = value.into(),
            "tag" => form.tag = value.into(),
            "year" => form.year = value.into(),
            "access" => form.access = value.into(),
            "sort" => form.sort = value.into(),
            _ => {}
        }
        form.page = if name == "page" {
            value.parse().unwrap_or(1)
        } else {
            1
        };
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", form.q.as_str()),
            ("category", &form.category),
            ("tag", &form.tag),
            ("year", &form.year),
            ("access", &form.access),
            ("sort", &form.sort),
        ] {
            if !v.is_empty() {
                url.append_pair(k, v);
            }
        }
        if form.page > 1 {
            url.append_pair("page", &form.page.to_string());
        }
        format!("/search?{}", url.finish())
    }
}

/// A piece of a snippet, highlighted or not.
#[derive(Serialize)]
struct Segment {
    text: String,
    mark: bool,
}

/// Cuts a snippet into plain and highlighted pieces; overlapping highlights merge.
fn segments(text: &str, highlights: &[(usize, usize)]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for &(a, b) in highlights {
        for m in &mut marked[a.min(chars.len())..b.min(chars.len())] {
            *m = true;
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, mark) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                mark,
            }),
        }
    }
    out
}

#[derive(Serialize)]
struct HitView {
    id: i64,
    title: String,
    segments: Vec<Segment>,
    paid_only: bool,
}

impl From<SearchHit> for HitView {
    fn from(hit: SearchHit) -> Self {
        HitView {
            id: hit.id,
            segments: hit
                .snippet
                .as_deref()
                .map(|s| segments(s, &hit.highlights))
                .unwrap_or_default(),
            paid_only: hit.matched_in == MatchedIn::Paid && hit.snippet.is_none(),
            title: hit.title,
        }
    }
}

/// A filter value to narrow by, with its count and where the link goes.
#[derive(Serialize)]
struct Choice {
    label: String,
    count: u64,
    href: String,
    chosen: bool,
}

async fn search_page(
    State(state): State<AppState>,
    auth: Auth,
    addr: ClientAddr,
    Query(form): Query<SearchForm>,
) -> Result<Response, WebError> {
    let query = form.query();
    if query.is_empty() {
        return Ok(render("search.html", &auth, context! { form, empty => true })?.into_response());
    }
    let page = form.page.max(1);
    let request = SearchRequest {
        query,
        sort: if form.sort == "date" {
            Sort::Date
        } else {
            Sort::Relevance
        },
        offset: (page - 1).saturating_mul(PER_PAGE),
        limit: Some(PER_PAGE),
        facets: true,
    };
    let client = client(&auth, &addr);
    let hints = Some((state.hints.as_ref(), &client));
    let searched = search(
        &state.index,
        state.store.as_ref(),
        &request,
        &auth.caller,
        hints,
    )
    .await;
    let results = match searched {
        Ok(results) => results,
        // A query the language cannot read, or a page too deep: the search page again, saying
        // why in Chinese.
        Err(e @ (SearchError::Query(_) | SearchError::TooDeep)) => {
            let error = match e {
                SearchError::Query(e) => e.chinese(),
                other => other.to_string(),
            };
            let page = render("search.html", &auth, context! { form, error })?;
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
        Err(e) => return Err(crate::ApiError::from(e).into()),
    };
    let facets = results.facets.unwrap_or_default();
    let choices = |name: &str, current: &str, values: Vec<(String, String, u64)>| {
        values
            .into_iter()
            .map(|(value, label, count)| Choice {
                href: form.with(name, if current == value { "" } else { &value }),
                chosen: current == value,
                label,
                count,
            })
            .collect::<Vec<_>>()
    };
    let same = |v: Vec<(String, u64)>| v.into_iter().map(|(k, n)| (k.clone(), k, n)).collect();
    let filters = [
        (
            "类别",
            choices("category", &form.category, same(facets.categories)),
        ),
        ("标签", choices("tag", &form.tag, same(facets.tags))),
        (
            "年份",
            choices(
                "year",
                &form.year,
                facets
                    .years
                    .into_iter()
                    .filter(|(y, _)| *y > 0)
                    .map(|(y, n)| (y.to_string(), format!("{y}年"), n))
                    .collect(),
            ),
        ),
        (
            "阅读权限",
            choices(
                "access",
                &form.access,
                vec![
                    ("free".into(), "免费".into(), facets.free),
                    ("paid".into(), "含付费内容".into(), facets.paid),
                ],
            ),
        ),
    ];
    let pages = results.total.div_ceil(PER_PAGE);
    Ok(render(
        "search.html",
        &auth,
        context! {
            form,
            total => results.total,
            notice => results.notice,
            hits => results.hits.into_iter().map(HitView::from).collect::<Vec<_>>(),
            filters => filters.iter().filter(|(_, c)| !c.is_empty()).map(|(name, c)| context! { name, choices => c }).collect::<Vec<_>>(),
            page,
            pages,
            prev => (page > 1).then(|| form.with("page", &(page - 1).to_string())),
            next => (page < pages).then(|| form.with("page", &(page + 1).to_string())),
            by_relevance => form.with("sort", ""),
            by_date => form.with("sort", "date"),
        },
    )?
    .into_response())
}

/// `?added=BASKET`: the basket a paragraph was just put in.
#[derive(Deserialize)]
struct Added {
    added: Option<i64>,
}

async fn article_page(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(added): Query<Added>,
) -> Result<Html<String>, WebError> {
    let store = state.store.as_ref();
    let article = store.article(id).await?.ok_or(WebError::NotFound)?;
    let reader = auth.caller.reader(&article);
    let view = ArticleView::new(&article, reader);
    // Paragraphs the caller may put in a basket: those wholly within what they may read.
    let visible = reader.visible_chars(&article);
    let addable = basket::paragraph_spans(&article.body)
        .iter()
        .take_while(|(_, end)| *end <= visible)
        .count();
    let baskets = match auth.caller.user_id() {
        Some(user) => store.baskets(user).await?,
        None => Vec::new(),
    };
    // New items go to the basket last used here, else the first (made on first use).
    let target = added
        .added
        .filter(|b| baskets.iter().any(|x| x.id == *b))
        .or_else(|| baskets.first().map(|b| b.id));
    let remaining = remaining_today(store, &auth.caller, unix_now()).await?;
    // Related materials are an aside: the article is shown without them if they fail.
    let related = overlap::related(&state.index, store, &article, crate::check::RELATED)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, id, "no related materials");
            Vec::new()
        });
    let membership = auth.caller.active_membership().map(|(m, t)| {
        context! { tier => m.tier.clone(), covers => t.covers(&article.category) }
    });
    render(
        "article.html",
        &auth,
        context! {
            a => view,
            can_download => reader == Reader::Everything && remaining.is_some(),
            remaining => remaining.filter(|&n| n != u32::MAX),
            membership,
            tiers => store.tiers().await?,
            related => related,
            addable,
            baskets,
            target,
            added => added.added.is_some() && target.is_some(),
        },
    )
}

#[derive(Deserialize)]
struct DownloadForm {
    csrf: String,
    format: String,
    #[serde(default)]
    encoding: String,
}

async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(form): Form<DownloadForm>,
) -> Result<Response, WebError> {
    check_csrf(&auth, &form.csrf)?;
    let format = Format::parse(&form.format).ok_or(WebError::NotFound)?;
    let file = crate::downloads::offloaded(
        &state,
        &auth.caller,
        vec![id],
        format,
        form.encoding == "gb18030",
    )
    .await?;
    Ok(crate::downloads::file_response(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_into_marked_segments() {
        let s = segments("党的二十大报告", &[(0, 5), (3, 6)]);
        let parts: Vec<(&str, bool)> = s.iter().map(|s| (s.text.as_str(), s.mark)).collect();
        assert_eq!(parts, vec![("党的二十大报", true), ("告", false)]);
    }

    #[test]
    fn filter_links_keep_the_query_and_reset_the_page() {
        let form = SearchForm {
            q: "水利 发展".into(),
            page: 3,
            ..SearchForm::default()
        };
        assert_eq!(
            form.with("category", "讲话"),
            "/search?q=%E6%B0%B4%E5%88%A9+%E5%8F%91%E5%B1%95&category=%E8%AE%B2%E8%AF%9D"
        );
        assert_eq!(form.with("page", "4").rsplit('&').next(), Some("page=4"));
        let filtered = SearchForm {
            category: "讲\"话".into(),
            year: "2023".into(),
            ..form
        };
        assert_eq!(
            filtered.query(),
            "水利 发展 category:\"讲话\" year:\"2023\""
        );
    }
}
