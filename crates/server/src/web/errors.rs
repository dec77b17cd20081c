//! What a page shows when something goes wrong: the status and a plain Chinese sentence, never
//! a stack trace or article text. The API's errors are mapped here once for the pages.

use crate::ApiError;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug)]
pub enum WebError {
    Api(ApiError),
    NotFound,
    NeedLogin,
    Csrf,
    /// What a form was filled with cannot be used; the message is Chinese.
    Invalid(String),
    Template(String),
}

impl<E: Into<ApiError>> From<E> for WebError {
    fn from(e: E) -> Self {
        WebError::Api(e.into())
    }
}

impl WebError {
    /// The status, a heading and a sentence for the reader.
    pub(super) fn explain(&self) -> (StatusCode, &'static str, String) {
        use sucai_services::writers::WritersError as W;
        let status = match self {
            WebError::Api(e) => e.status(),
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::NeedLogin => StatusCode::UNAUTHORIZED,
            WebError::Invalid(_) => StatusCode::BAD_REQUEST,
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let title = match self {
            WebError::NotFound | WebError::Api(ApiError::NoArticle(_) | ApiError::NoFeed) => {
                "找不到这个页面"
            }
            WebError::NeedLogin | WebError::Api(ApiError::NeedLogin) => "请先登录",
            WebError::Csrf | WebError::Api(ApiError::Csrf) => "页面已过期",
            WebError::Api(ApiError::NeedAdmin) => "需要管理员权限",
            WebError::Invalid(_) => "填写有误",
            WebError::Api(ApiError::Invalid(_) | ApiError::Query(_) | ApiError::TooDeep(_)) => {
                "请求有误"
            }
            WebError::Api(ApiError::Account(_)) => "账号操作未完成",
            WebError::Api(ApiError::Member(_)) => "兑换未完成",
            WebError::Api(ApiError::Download(_)) => "无法下载",
            WebError::Api(ApiError::Writers(e)) => match e {
                W::NotFound | W::NoArticle(_) | W::NoParagraph(_) => "找不到这个页面",
                W::NotReadable => "会员内容",
                W::NeedLogin => "请先登录",
                W::NeedOperator => "需要管理员权限",
                _ => "填写有误",
            },
            WebError::Api(ApiError::Upload(_)) => "上传未完成",
            WebError::Api(ApiError::Overlap(_)) => "查重未完成",
            WebError::Api(ApiError::BadToken) => "请重新登录",
            WebError::Api(_) | WebError::Template(_) => "系统暂时无法回答",
        };
        let title = if status.is_server_error() {
            "系统暂时无法回答"
        } else {
            title
        };
        let text = match self {
            WebError::NotFound | WebError::Api(ApiError::NoArticle(_) | ApiError::NoFeed) => {
                "您要找的文章或页面不存在，可能已被删除或地址有误。".into()
            }
            WebError::NeedLogin => "这个操作需要先登录账号。".into(),
            WebError::Csrf | WebError::Api(ApiError::Csrf) => {
                "表单已过期或来自别的网站。请刷新页面后重新提交。".into()
            }
            WebError::Invalid(text) => text.clone(),
            WebError::Api(e) => e.message(),
            WebError::Template(_) => crate::error::FAILED.into(),
        };
        (status, title, text)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, text) = self.explain();
        match &self {
            WebError::Template(e) => tracing::error!(error = %e, "a page failed to render"),
            WebError::Api(e) if status.is_server_error() => {
                tracing::error!(error = %e, "a page failed")
            }
            _ => {}
        }
        let page = super::TEMPLATES
            .get_template("error.html")
            .and_then(|t| t.render(minijinja::context! { status => status.as_u16(), title, text }))
            // The error page itself failing leaves a plain sentence.
            .unwrap_or_else(|_| format!("{title}：{text}"));
        let mut response = (status, Html(page)).into_response();
        if let WebError::Api(e) = &self {
            crate::headers::set_retry_after(e, response.headers_mut());
        }
        response
    }
}
