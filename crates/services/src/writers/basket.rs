//! The basket (素材篮): named collections of whole articles, paragraphs and sentences, each
//! remembering where it came from. The client names only the source (article id and a
//! paragraph index or a span of characters); the text is cut here from the stored article,
//! and only within what [`Reader::visible`](crate::entitlement::Reader::visible) lets this
//! caller read, so a free user collects from free previews only.
//!
//! A passage stays in the basket after a membership lapses, but its text is shown, composed and
//! exported only while the caller may still read it: every read of a basket checks again.

use super::{WritersError, owner, required};
use crate::entitlement::Caller;
use serde::Deserialize;
use sucai_store::{Basket, BasketItem, NewBasketItem, Store};

/// The longest basket name, in characters.
const MAX_NAME: usize = 50;
/// The longest heading a writer puts before an item.
const MAX_HEADING: usize = 100;

/// What part of an article to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// The whole article (only for callers who may read all of it).
    Whole,
    /// One paragraph, by its index among the article's non-empty paragraphs (the paragraphs
    /// of [`ArticleView`](crate::reading::ArticleView)).
    Paragraph(u32),
    /// Characters `start..end` of the body (paragraphs joined by `\n`): a sentence or phrase.
    Span { start: u32, end: u32 },
}

/// The non-empty paragraphs of a body, with the span of each in characters.
pub fn paragraph_spans(body: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    for p in body.split('\n') {
        let n = p.chars().count();
        if n > 0 {
            spans.push((at, at + n));
        }
        at += n + 1;
    }
    spans
}

pub async fn baskets(store: &dyn Store, caller: &Caller) -> Result<Vec<Basket>, WritersError> {
    Ok(store.baskets(owner(caller)?).await?)
}

pub async fn create(
    store: &dyn Store,
    caller: &Caller,
    name: &str,
) -> Result<Basket, WritersError> {
    let user = owner(caller)?;
    let name = required(name, "素材篮名称", MAX_NAME)?;
    Ok(store.create_basket(user, &name).await?)
}

pub async fn rename(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    name: &str,
) -> Result<(), WritersError> {
    let user = owner(caller)?;
    let name = required(name, "素材篮名称", MAX_NAME)?;
    found(store.rename_basket(user, basket_id, &name).await?)
}

pub async fn delete(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
) -> Result<(), WritersError> {
    found(store.delete_basket(owner(caller)?, basket_id).await?)
}

/// The items of one of the caller's baskets, in order. An item the caller may no longer read
/// (a lapsed membership, a lower tier) keeps its place and source, but its text is withheld
/// ([`LOCKED`]) until they may read it again.
pub async fn items(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
) -> Result<Vec<BasketItem>, WritersError> {
    let mut items = store
        .basket_items(owner(caller)?, basket_id)
        .await?
        .ok_or(WritersError::NotFound)?;
    let readable = still_readable(store, caller, &items).await?;
    for (item, readable) in items.iter_mut().zip(readable) {
        if !readable {
            item.text = LOCKED.into();
        }
    }
    Ok(items)
}

/// What a basket shows in place of a passage its owner may no longer read.
pub const LOCKED: &str = "（会员内容：会员有效后可查看和使用这段摘录。）";

/// Whether the caller may still read each item, by what they may read of its article now.
pub async fn still_readable(
    store: &dyn Store,
    caller: &Caller,
    items: &[BasketItem],
) -> Result<Vec<bool>, WritersError> {
    let mut ids: Vec<i64> = items.iter().map(|i| i.article_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let visible: std::collections::HashMap<i64, usize> = store
        .articles_by_id(&ids)
        .await?
        .iter()
        .map(|a| (a.id, caller.reader(a).visible_chars(a)))
        .collect();
    Ok(items
        .iter()
        .map(|i| {
            visible
                .get(&i.article_id)
                .is_some_and(|&v| i.end_char as usize <= v)
        })
        .collect())
}

/// One of the caller's baskets with its items in order.
pub async fn open(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
) -> Result<(Basket, Vec<BasketItem>), WritersError> {
    let items = items(store, caller, basket_id).await?;
    let basket = baskets(store, caller)
        .await?
        .into_iter()
        .find(|b| b.id == basket_id)
        .ok_or(WritersError::NotFound)?;
    Ok((basket, items))
}

/// Cuts `selection` out of the stored article, refusing what the caller may not read.
pub async fn take(
    store: &dyn Store,
    caller: &Caller,
    article_id: i64,
    selection: Selection,
) -> Result<NewBasketItem, WritersError> {
    let article = store
        .article(article_id)
        .await?
        .ok_or(WritersError::NoArticle(article_id))?;
    let body: Vec<char> = article.body.chars().collect();
    let visible = caller
        .reader(&article)
        .visible(article.free_chars, body.len());
    let (paragraph, start, end) = match selection {
        Selection::Whole => (None, 0, body.len()),
        Selection::Paragraph(i) => {
            let (start, end) = *paragraph_spans(&article.body)
                .get(i as usize)
                .ok_or(WritersError::NoParagraph(i))?;
            (Some(i), start, end)
        }
        Selection::Span { start, end } => {
            let (start, end) = (start as usize, end as usize);
            if start >= end || end > body.len() {
                return Err(WritersError::BadSpan);
            }
            (None, start, end)
        }
    };
    if end > visible {
        return Err(WritersError::NotReadable);
    }
    let text: String = body[start..end].iter().collect();
    if text.trim().is_empty() {
        return Err(WritersError::BadSpan);
    }
    Ok(NewBasketItem {
        article_id,
        article_title: article.title,
        paragraph,
        start_char: start as u32,
        end_char: end as u32,
        text: text.trim().to_string(),
    })
}

/// Adds a passage of an article to one of the caller's baskets.
pub async fn add(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    article_id: i64,
    selection: Selection,
) -> Result<BasketItem, WritersError> {
    let user = owner(caller)?;
    let item = take(store, caller, article_id, selection).await?;
    store
        .add_basket_item(user, basket_id, &item)
        .await?
        .ok_or(WritersError::NotFound)
}

/// Adds to the caller's first basket, making one when they have none: the article page's
/// one-click button.
pub async fn add_to_default(
    store: &dyn Store,
    caller: &Caller,
    article_id: i64,
    selection: Selection,
) -> Result<BasketItem, WritersError> {
    let user = owner(caller)?;
    let item = take(store, caller, article_id, selection).await?;
    let basket = match store.baskets(user).await?.into_iter().next() {
        Some(b) => b,
        None => store.create_basket(user, "我的素材篮").await?,
    };
    store
        .add_basket_item(user, basket.id, &item)
        .await?
        .ok_or(WritersError::NotFound)
}

pub async fn move_item(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    item_id: i64,
    position: i64,
) -> Result<Vec<BasketItem>, WritersError> {
    store
        .move_basket_item(owner(caller)?, basket_id, item_id, position)
        .await?
        .ok_or(WritersError::NotFound)
}

/// Puts a heading (level 1: 一、, level 2: （一）) before an item in composed drafts; an empty
/// heading removes it. Numbers the writer typed are dropped: composing numbers headings.
pub async fn set_heading(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    item_id: i64,
    heading: &str,
    level: u8,
) -> Result<(), WritersError> {
    let user = owner(caller)?;
    let heading = super::compose::strip_number(heading.trim());
    let heading = if heading.is_empty() {
        None
    } else {
        Some(required(heading, "标题", MAX_HEADING)?)
    };
    found(
        store
            .set_item_heading(
                user,
                basket_id,
                item_id,
                heading.as_deref(),
                level.clamp(1, 2),
            )
            .await?,
    )
}

pub async fn remove(
    store: &dyn Store,
    caller: &Caller,
    basket_id: i64,
    item_id: i64,
) -> Result<(), WritersError> {
    found(
        store
            .remove_basket_item(owner(caller)?, basket_id, item_id)
            .await?,
    )
}

fn found(done: bool) -> Result<(), WritersError> {
    if done {
        Ok(())
    } else {
        Err(WritersError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_empty_lines() {
        assert_eq!(paragraph_spans("一段。\n\n二段话。"), vec![(0, 3), (5, 9)]);
    }
}
