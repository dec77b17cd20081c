//! Commissions (代笔, 润笔, PPT): a member files an order (a 润笔 order may carry the member's
//! draft, kept byte for byte with its name), follows it through submitted → accepted →
//! delivered → closed, and downloads what an operator delivered. Orders, attachments and
//! deliveries are confidential: only their member and operators reach them, and any other
//! caller asking for one gets "not found". Every status change is recorded with its time.

use super::{MAX_FILE, WritersError, owner, required};
use crate::downloads::File;
use crate::entitlement::Caller;
use serde::Deserialize;
use sucai_store::{
    Changed, Commission, CommissionKind, CommissionStatus, FileRole, NewCommission, Scope,
    StatusChange, Store, Upload,
};

/// An order as a member fills it in.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrderForm {
    /// 代笔, 润笔 or PPT.
    pub kind: String,
    pub topic: String,
    /// Characters asked for.
    pub length: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    #[serde(default)]
    pub notes: String,
}

/// Whose orders the caller reaches: operators every order, members their own.
fn scope(caller: &Caller) -> Result<Scope, WritersError> {
    if caller.is_admin() {
        Ok(Scope::All)
    } else {
        Ok(Scope::Own(owner(caller)?))
    }
}

fn operator(caller: &Caller) -> Result<(), WritersError> {
    match caller {
        _ if caller.is_admin() => Ok(()),
        Caller::User { .. } => Err(WritersError::NeedOperator),
        _ => Err(WritersError::NeedLogin),
    }
}

/// Whether `s` is a calendar date written YYYY-MM-DD.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    s.len() == 10 && (2000..=2100).contains(&y) && (1..=days).contains(&d)
}

/// A file's name without folders or characters file systems refuse.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(120)
        .collect();
    if cleaned.trim_matches('.').trim().is_empty() {
        "文件".into()
    } else {
        cleaned
    }
}

fn upload(file: Upload) -> Result<Upload, WritersError> {
    if file.bytes.len() > MAX_FILE {
        return Err(WritersError::TooLarge);
    }
    if file.bytes.is_empty() {
        return Err(WritersError::Invalid("上传的文件是空的。".into()));
    }
    Ok(Upload {
        file_name: file_name(&file.file_name),
        bytes: file.bytes,
    })
}

/// Files an order for the caller.
pub async fn file(
    store: &dyn Store,
    caller: &Caller,
    form: &OrderForm,
    attachment: Option<Upload>,
    now: i64,
) -> Result<Commission, WritersError> {
    let user = owner(caller)?;
    let kind = CommissionKind::parse(&form.kind)
        .ok_or_else(|| WritersError::Invalid("类型只能是代笔、润笔或 PPT。".into()))?;
    let length = form
        .length
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(|| WritersError::Invalid("字数为 1 到 1000000 之间的整数。".into()))?;
    let deadline = form.deadline.trim();
    if !is_date(deadline) {
        return Err(WritersError::Invalid(
            "截止日期的格式为 年-月-日，例如 2027-01-31。".into(),
        ));
    }
    if form.notes.chars().count() > 5_000 {
        return Err(WritersError::Invalid("备注最多 5000 个字。".into()));
    }
    let attachment = attachment.map(upload).transpose()?;
    if attachment.is_some() && kind != CommissionKind::Polishing {
        return Err(WritersError::Invalid(
            "只有润笔订单可以附上初稿文件。".into(),
        ));
    }
    let order = NewCommission {
        kind,
        topic: required(&form.topic, "主题", 200)?,
        length,
        deadline: deadline.to_string(),
        notes: form.notes.trim().to_string(),
        attachment,
    };
    Ok(store.create_commission(user, &order, now).await?)
}

/// The caller's own orders, newest first (an operator's own, too: all orders are [`all`]).
pub async fn mine(store: &dyn Store, caller: &Caller) -> Result<Vec<Commission>, WritersError> {
    Ok(store.commissions(Scope::Own(owner(caller)?)).await?)
}

/// Every order, for operators.
pub async fn all(store: &dyn Store, caller: &Caller) -> Result<Vec<Commission>, WritersError> {
    operator(caller)?;
    Ok(store.commissions(Scope::All).await?)
}

/// One order with its files and history, if the caller may see it.
pub async fn get(store: &dyn Store, caller: &Caller, id: i64) -> Result<Commission, WritersError> {
    store
        .commission(scope(caller)?, id)
        .await?
        .ok_or(WritersError::NotFound)
}

/// Moves an order from where it stands to `to`, if `allowed` lets it go from there.
async fn change(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    allowed: &[CommissionStatus],
    to: CommissionStatus,
    file: Option<(FileRole, Upload)>,
    now: i64,
) -> Result<Commission, WritersError> {
    let scope = scope(caller)?;
    let current = store
        .commission(scope, id)
        .await?
        .ok_or(WritersError::NotFound)?;
    if !allowed.contains(&current.status) {
        return Err(WritersError::WrongStatus(current.status));
    }
    let change = StatusChange {
        from: current.status,
        to,
        by_user: caller.user_id(),
        at: now,
        file,
    };
    match store.change_commission(scope, id, &change).await? {
        Changed::Done(c) => Ok(c),
        Changed::NotFound => Err(WritersError::NotFound),
        // Someone changed it in between: say where it stands now.
        Changed::Conflict(status) => Err(WritersError::WrongStatus(status)),
    }
}

/// The member cancels an order, or closes it once delivered; an operator may close any open order.
pub async fn close(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    now: i64,
) -> Result<Commission, WritersError> {
    use CommissionStatus::*;
    change(
        store,
        caller,
        id,
        &[Submitted, Accepted, Delivered],
        Closed,
        None,
        now,
    )
    .await
}

/// An operator takes the order on.
pub async fn accept(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    now: i64,
) -> Result<Commission, WritersError> {
    operator(caller)?;
    use CommissionStatus::*;
    change(store, caller, id, &[Submitted], Accepted, None, now).await
}

/// An operator delivers a file (again, to correct a delivery) for the member to download.
pub async fn deliver(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    file: Upload,
    now: i64,
) -> Result<Commission, WritersError> {
    operator(caller)?;
    let file = upload(file)?;
    use CommissionStatus::*;
    change(
        store,
        caller,
        id,
        &[Accepted, Delivered],
        Delivered,
        Some((FileRole::Delivery, file)),
        now,
    )
    .await
}

/// A file of an order (the member's attachment or a delivery) as it was uploaded.
pub async fn download(
    store: &dyn Store,
    caller: &Caller,
    id: i64,
    file_id: i64,
) -> Result<File, WritersError> {
    let (file, bytes) = store
        .commission_file(scope(caller)?, id, file_id)
        .await?
        .ok_or(WritersError::NotFound)?;
    Ok(File {
        name: file.file_name,
        content_type: "application/octet-stream",
        bytes,
        remaining: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_names() {
        assert!(is_date("2027-02-28") && is_date("2028-02-29"));
        assert!(!is_date("2027-02-29") && !is_date("2027-2-1") && !is_date("明天"));
        assert_eq!(file_name("C:\\稿子\\初稿.docx"), "初稿.docx");
        assert_eq!(file_name("../.."), "文件");
    }
}
