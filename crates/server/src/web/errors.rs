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
        use sucai_services::accounts::AccountError as A;
        use sucai_services::downloads::DownloadError as D;
        use sucai_services::members::MemberError as M;
        use sucai_services::writers::WritersError as W;
        let status = match self {
            WebError::Api(e) => e.status(),
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::NeedLogin => StatusCode::UNAUTHORIZED,
            WebError::Invalid(_) => StatusCode::BAD_REQUEST,
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let (title, text): (&str, String) = match self {
            WebError::NotFound | WebError::Api(ApiError::NoArticle(_) | ApiError::NoFeed) => (
                "找不到这个页面",
                "您要找的文章或页面不存在，可能已被删除或地址有误。".into(),
            ),
            WebError::NeedLogin | WebError::Api(ApiError::NeedLogin) => {
                ("请先登录", "这个操作需要先登录账号。".into())
            }
            WebError::Csrf | WebError::Api(ApiError::Csrf) => (
                "页面已过期",
                "表单已过期或来自别的网站。请刷新页面后重新提交。".into(),
            ),
            WebError::Api(ApiError::NeedAdmin) => {
                ("需要管理员权限", "只有管理员可以打开这个页面。".into())
            }
            WebError::Invalid(text) => ("填写有误", text.clone()),
            WebError::Api(ApiError::BadQuery(_)) => {
                ("请求有误", "请求的内容有误，请返回检查后重试。".into())
            }
            WebError::Api(ApiError::Account(e)) => (
                "账号操作未完成",
                match e {
                    A::BadUsername => "用户名为 3 到 32 个字符，只能用英文字母 a–z、数字 0–9、汉字和 _ - . （大写字母和全角字母按小写字母算）；不能含空格、不可见字符或其他文字的字母（如西里尔字母、希腊字母）。".into(),
                    A::WeakPassword => "密码至少 8 个字符。".into(),
                    A::Taken => "这个用户名已被注册，请换一个。".into(),
                    A::WrongPassword => "用户名或密码不对。".into(),
                    A::NoUser(_) => "没有这个用户。".into(),
                    A::TooManyAttempts(seconds) => format!(
                        "从这里登录失败的次数过多，请 {} 分钟后再试。",
                        (seconds + 59) / 60
                    ),
                    A::NoToken(_) => "没有这个 API 令牌。".into(),
                    A::Random | A::Store(_) => "系统暂时无法完成，请稍后再试。".into(),
                },
            ),
            WebError::Api(ApiError::Member(e)) => (
                "兑换未完成",
                match e {
                    M::UnknownCode => "没有这个兑换码，请检查输入是否有误。".into(),
                    M::UsedCode => "这个兑换码已经被使用过了。".into(),
                    M::NoTier(..) => "没有这个会员等级。".into(),
                    M::NoUser(_) => "没有这个用户。".into(),
                    M::Random | M::Store(_) | M::Account(_) => {
                        "系统暂时无法完成，请稍后再试。".into()
                    }
                },
            ),
            WebError::Api(ApiError::Download(e)) => (
                "无法下载",
                match e {
                    D::NeedLogin => "请先登录会员账号再下载。".into(),
                    D::NeedMembership => "下载是会员服务：兑换会员码成为会员后即可下载。".into(),
                    D::NotCovered(_, category) => {
                        format!("您的会员等级不包含“{category}”类文章，升级会员后即可下载。")
                    }
                    D::Spent(n) => format!("今天的 {n} 次下载已用完，北京时间零点恢复。"),
                    D::NoArticle(_) => "这篇文章不存在。".into(),
                    D::TooMany(n) => format!("一次最多下载 {n} 篇。"),
                    D::Export(_) | D::Store(_) => "文件生成失败，请稍后再试。".into(),
                },
            ),
            WebError::Api(ApiError::Writers(e)) => (
                match e {
                    W::NotFound | W::NoArticle(_) | W::NoParagraph(_) => "找不到这个页面",
                    W::NotReadable => "会员内容",
                    W::NeedLogin => "请先登录",
                    W::NeedOperator => "需要管理员权限",
                    W::Export(_) | W::Store(_) => "系统暂时无法回答",
                    _ => "填写有误",
                },
                match e {
                    W::Export(_) | W::Store(_) => {
                        "系统出了点问题，管理员可以在服务器日志里看到原因。请稍后再试。".into()
                    }
                    // The writers' tools speak Chinese already.
                    _ => e.to_string(),
                },
            ),
            WebError::Api(ApiError::Upload(_) | ApiError::Import(_)) => {
                ("上传未完成", "上传的文件没能读完，请重新上传。".into())
            }
            WebError::Api(ApiError::Overlap(e)) => ("查重未完成", e.chinese()),
            WebError::Api(ApiError::BadToken) => {
                ("请重新登录", "登录凭据无效，请重新登录。".into())
            }
            WebError::Api(ApiError::Store(_) | ApiError::Index(_) | ApiError::Inbox(..))
            | WebError::Template(_) => (
                "系统暂时无法回答",
                "系统出了点问题，管理员可以在服务器日志里看到原因。请稍后再试。".into(),
            ),
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
