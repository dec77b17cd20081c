//! Word's automatic numbering (`word/numbering.xml`): the `一、`, `（一）`, `1.` that Word draws
//! before a paragraph with `w:numPr` and that is not in the paragraph's text.
//!
//! An editor reading the document sees the number, and a heading without it (`总体要求` for
//! `一、总体要求`) is no longer a heading to the outline or the line rules, so the number is
//! written into the text: each level's `w:lvlText` (`%1、`, `（%1）`, `%1.%2`) with every `%n`
//! replaced by that level's counter in its `w:numFmt` (`chineseCounting` → 一, `decimal` → 1,
//! `decimalEnclosedCircle` → ①, `lowerLetter` → a, …). Counters belong to the abstract
//! numbering, so lists that share one go on counting (as Word does); a `w:startOverride`
//! restarts a list where its `w:num` is first used; a deeper level restarts after a higher one.
//! Bullets and `none` add nothing (a bullet is not text).

use crate::docx::attribute;
use std::collections::HashMap;

use quick_xml::events::Event;

/// One level of a list: where it starts, how its number is written, and the text around it.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:suff`: what follows the number (`tab` by default, `space`, `nothing`).
    suffix: String,
}

/// The lists of a document: abstract numberings and the `w:num` instances that use them.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Counters by abstractNumId and level (`None`: not yet used since the last restart).
    counters: HashMap<String, [Option<u32>; 9]>,
    /// numIds whose start overrides were applied.
    started: Vec<String>,
    /// Paragraph styles (`word/styles.xml`) by id: their list, level and parent style.
    styles: HashMap<String, StyleList>,
}

/// The list a paragraph style puts its paragraphs in (a heading style linked to a multilevel
/// list), and the style it is based on.
#[derive(Debug, Clone, Default)]
struct StyleList {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml`; a part that does not parse numbers nothing.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let val = attribute(&e, "val");
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = attribute(&e, "abstractNumId"),
                        "lvl" if abstract_id.is_some() => {
                            let ilvl = attribute(&e, "ilvl").and_then(|v| v.parse().ok());
                            level = ilvl.filter(|&l: &usize| l < 9).map(|l| {
                                (
                                    l,
                                    Level {
                                        start: 1,
                                        suffix: "tab".into(),
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        "start" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), &val) {
                                l.start = v.parse().unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val) {
                                l.format = v;
                            }
                        }
                        "lvlText" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val) {
                                l.text = v;
                            }
                        }
                        "suff" => {
                            if let (Some((_, l)), Some(v)) = (level.as_mut(), val) {
                                l.suffix = v;
                            }
                        }
                        "num" => {
                            num = attribute(&e, "numId")
                                .map(|id| (id, String::new(), HashMap::new()));
                        }
                        "abstractNumId" => {
                            if let (Some((_, a, _)), Some(v)) = (num.as_mut(), val) {
                                *a = v;
                            }
                        }
                        "lvlOverride" => {
                            override_level = attribute(&e, "ilvl").and_then(|v| v.parse().ok());
                        }
                        "startOverride" => {
                            if let (Some((_, _, o)), Some(l), Some(v)) = (
                                num.as_mut(),
                                override_level,
                                val.and_then(|v| v.parse().ok()),
                            ) {
                                o.insert(l, v);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            let levels = numbering.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= ilvl {
                                levels.resize(ilvl + 1, Level::default());
                            }
                            levels[ilvl] = l;
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            numbering.nums.insert(id, (a, o));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
        }
        numbering
    }

    /// Reads the lists of paragraph styles from `word/styles.xml`.
    pub(crate) fn read_styles(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, StyleList)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let val = attribute(&e, "val");
                    match (e.local_name().as_ref(), current.as_mut()) {
                        ("style", _) => {
                            let paragraph = attribute(&e, "type").is_none_or(|t| t == "paragraph");
                            current = attribute(&e, "styleId")
                                .filter(|_| paragraph)
                                .map(|id| (id, StyleList::default()));
                        }
                        ("numId", Some((_, s))) => s.num_id = val,
                        ("ilvl", Some((_, s))) => s.ilvl = val.and_then(|v| v.parse().ok()),
                        ("basedOn", Some((_, s))) => s.based_on = val,
                        _ => {}
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        self.styles.insert(id, s);
                    }
                }
                _ => {}
            }
        }
    }

    /// The number before a paragraph with its own list properties (`num_id`, `ilvl`) and
    /// paragraph style: what the paragraph does not say, its style (or the style that one is
    /// based on) may.
    pub(crate) fn label_for(
        &mut self,
        num_id: Option<&str>,
        ilvl: Option<usize>,
        style: Option<&str>,
    ) -> Option<String> {
        let (mut num_id, mut ilvl) = (num_id.map(str::to_string), ilvl);
        let mut style = style.map(str::to_string);
        for _ in 0..10 {
            if num_id.is_some() && ilvl.is_some() {
                break;
            }
            let Some(s) = style.as_ref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            num_id = num_id.or_else(|| s.num_id.clone());
            ilvl = ilvl.or(s.ilvl);
            style = s.based_on.clone();
        }
        self.label(&num_id?, ilvl.unwrap_or(0))
    }

    /// The number Word shows before the next paragraph of list `num_id` at level `ilvl`, with
    /// what separates it from the text; advances the list's counters. `None` for no list (numId
    /// 0 or unknown), a bullet, or a level without a number.
    fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let level = levels.get(ilvl.min(8))?;
        if matches!(level.format.as_str(), "bullet" | "none") || level.text.is_empty() {
            return None;
        }
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        if !self.started.iter().any(|n| n == num_id) {
            self.started.push(num_id.to_string());
            for (&l, &start) in &overrides {
                if l < 9 {
                    counters[l] = Some(start.saturating_sub(1));
                    counters[l + 1..].iter_mut().for_each(|c| *c = None);
                }
            }
        }
        let ilvl = ilvl.min(8);
        let value = counters[ilvl].map_or(level.start, |c| c + 1);
        counters[ilvl] = Some(value);
        counters[ilvl + 1..].iter_mut().for_each(|c| *c = None);

        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(n)) if (1..=9).contains(&n) => {
                    chars.next();
                    let k = n as usize - 1;
                    let l = levels.get(k).cloned().unwrap_or_default();
                    let v = if k == ilvl {
                        value
                    } else {
                        counters[k].unwrap_or(l.start.max(1))
                    };
                    label.push_str(&format_number(v, &l.format));
                }
                _ => label.push(c),
            }
        }
        // Chinese lists end their number in punctuation (`一、`, `（一）`): nothing more is
        // written; otherwise a space stands for Word's tab or space.
        let closed = label.ends_with(['、', '，', '．', '）', '】', '」', '：']);
        if !closed && level.suffix != "nothing" {
            label.push(' ');
        }
        Some(label)
    }
}

/// `n` in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographLegalTraditional" => chinese(n),
        "ideographDigital" | "japaneseDigitalTenThousand" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap_or(d)
            })
            .collect(),
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n.max(1) - 1) as usize % 10)
            .map_or_else(|| n.to_string(), String::from),
        "ideographZodiac" => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth((n.max(1) - 1) as usize % 12)
            .map_or_else(|| n.to_string(), String::from),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32('⑴' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" | "upperLetter" => {
            let c = char::from(b'a' + ((n.max(1) - 1) % 26) as u8);
            let s = c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].into();
    }
    if n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 {
        s.push_str(D[u as usize]);
    }
    s
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(105), "一百零五");
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }
}
