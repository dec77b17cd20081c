//! The publisher's advertising and contact lines appended to a material
//! (`【哒哒素材库】——每天更新…`, `添加客服：…`, `【哒哒代笔】…`): one kind of
//! [`crate::boilerplate`], removed from articles and kept on the material's record.

/// Words of a publisher's own advertising.
const AD_WORDS: &[&str] = &[
    "素材",
    "文库",
    "资料库",
    "会员",
    "代笔",
    "润笔",
    "客服",
    "公众号",
    "加入",
    "网盘",
    "下载",
    "QQ群",
    "svip",
    "SVIP",
    "VIP",
];

/// Contact prompts: `客服：`, `微信：`, `联系：`.
const CONTACT: &[&str] = &[
    "客服",
    "微信",
    "QQ",
    "qq",
    "VX",
    "vx",
    "公众号",
    "联系",
    "电话",
    "手机",
    "邮箱",
];

fn contains_any(line: &str, words: &[&str]) -> bool {
    words.iter().any(|w| line.contains(w))
}

/// A contact prompt followed by a colon: `添加客服：cwk`, `有意加入请联系：1 4367`.
fn has_contact_prompt(line: &str) -> bool {
    CONTACT.iter().any(|w| {
        line.match_indices(w).any(|(i, _)| {
            let rest = &line[i + w.len()..];
            rest.starts_with('：') || rest.starts_with(':')
        })
    })
}

/// The longest line of advertising: longer is an article's text.
pub const MAX_PROMO_CHARS: usize = 300;

fn fits(line: &str) -> bool {
    (1..=MAX_PROMO_CHARS).contains(&line.chars().count())
}

/// `【哒哒素材库】——…`: a bracketed brand opening a line of the publisher's advertising. So
/// sure a sign that it is cut wherever it stands.
pub fn is_brand_promo(line: &str) -> bool {
    fits(line)
        && line.starts_with('【')
        && line.find('】').is_some_and(|end| {
            line[..end].chars().count() <= 12 && contains_any(&line[..end], AD_WORDS)
        })
        && contains_any(line, AD_WORDS)
}

/// Whether `line` is the publisher's advertising rather than part of an article: a branded
/// line, an invitation to join or a contact prompt that names what is sold. Read at the edges
/// of a file only (see [`crate::boilerplate`]): an article's own closing paragraph may invite
/// readers to scan a code too.
pub fn is_promo(line: &str) -> bool {
    let invitation =
        (line.contains("欢迎加入") || line.contains("扫码")) && contains_any(line, AD_WORDS);
    let contact = has_contact_prompt(line) && contains_any(line, AD_WORDS);
    // An advertisement is a line; a long paragraph that ends with a contact is an article's.
    let short = (1..=100).contains(&line.chars().count());
    is_brand_promo(line) || (short && (invitation || contact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_trailer_lines_are_promo() {
        assert!(is_promo(
            "【哒哒素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，一键精准搜索、一键快速查找、一键极速下载，有意加入请联系：1 4367，：9 649564"
        ));
        assert!(is_promo(
            "欢迎加入“哒哒素材库svip会员”，9000万字材料，轻松解决您的各类素材需求！添加客服：cwk,请各位小伙伴认准哒哒，哒哒唯一平台（公众号：哒哒君、：cwk），谨防假冒！"
        ));
        assert!(is_promo(
            "【哒哒代笔】——原创高质量保障、高度保密，各类代笔（润笔），好评如潮！PPT设计、各类杂志报刊网站(共产党员网等)代发布业务，持续接单中，需要的小伙伴请代笔客服：cwk"
        ));
    }

    #[test]
    fn prose_is_not_promo() {
        assert!(!is_promo("要加强联系群众，密切党群干群关系。"));
        assert!(!is_promo("【编者按】本文介绍了水利工作的经验。"));
        assert!(!is_promo(
            "畅通与科技工作者的沟通渠道，结对子、拉家常，有效维护科技工作者合法权益和诉求。"
        ));
        assert!(!is_promo(
            "联系电话：请拨打12345热线反映问题，政府将及时回应群众诉求。"
        ));
    }
}
