//! Tests of the query language: each form the language accepts, each error, and random input.

use super::*;

fn t(text: &str) -> Term {
    Term {
        text: text.to_owned(),
        scope: Scope::Anywhere,
        quoted: false,
    }
}

fn q(text: &str) -> Term {
    Term {
        quoted: true,
        ..t(text)
    }
}

fn title(term: Term) -> Term {
    Term {
        scope: Scope::Title,
        ..term
    }
}

fn g(terms: &[Term]) -> Group {
    Group {
        any_of: terms.to_vec(),
    }
}

/// Groups of one plain term each.
fn plain(texts: &[&str]) -> Vec<Group> {
    texts.iter().map(|s| g(&[t(s)])).collect()
}

fn query(groups: Vec<Group>, exclude: Vec<Term>, filters: Filters) -> Query {
    Query {
        groups,
        exclude,
        filters,
    }
}

fn ok(input: &str) -> Query {
    match parse(input) {
        Ok(query) => query,
        Err(e) => panic!("{input:?} failed: {e}"),
    }
}

fn err(input: &str) -> QueryError {
    match parse(input) {
        Ok(query) => panic!("{input:?} parsed as {query:?}"),
        Err(e) => e,
    }
}

// ---- terms ----

#[test]
fn single_chinese_term() {
    assert_eq!(
        ok("水利"),
        query(plain(&["水利"]), vec![], Filters::default())
    );
}

#[test]
fn terms_separated_by_spaces_tabs_and_full_width_space() {
    let want = query(
        plain(&["水利", "高质量发展", "改革"]),
        vec![],
        Filters::default(),
    );
    assert_eq!(ok("水利 高质量发展 改革"), want);
    assert_eq!(ok("  水利\t高质量发展\u{3000}改革 \u{3000}"), want);
    assert_eq!(ok("水利\n高质量发展\r\n改革"), want);
}

#[test]
fn quoted_phrase_keeps_spaces() {
    assert_eq!(
        ok("\"第一条 为了\""),
        query(vec![g(&[q("第一条 为了")])], vec![], Filters::default())
    );
    assert_eq!(
        ok("\"第一条\u{3000}为了\" 规定"),
        query(
            vec![g(&[q("第一条\u{3000}为了")]), g(&[t("规定")])],
            vec![],
            Filters::default()
        )
    );
}

#[test]
fn quoted_text_is_exact_not_trimmed() {
    assert_eq!(ok("\" 水利 \"").groups, vec![g(&[q(" 水利 ")])]);
}

#[test]
fn chinese_quotes_are_text() {
    assert_eq!(ok("“两个维护”").groups, plain(&["“两个维护”"]));
    assert_eq!(ok("“两个 维护”").groups, plain(&["“两个", "维护”"]));
}

#[test]
fn quote_inside_a_word_starts_a_phrase() {
    assert_eq!(ok("ab\"c d\"").groups, vec![g(&[t("ab")]), g(&[q("c d")])]);
    assert_eq!(ok("\"a\"\"b\"").groups, vec![g(&[q("a")]), g(&[q("b")])]);
}

#[test]
fn operators_only_at_chunk_start() {
    // After a closing quote, `-b` and `title:b` are literal text.
    assert_eq!(ok("\"a\"-b").groups, vec![g(&[q("a")]), g(&[t("-b")])]);
    assert_eq!(
        ok("\"a\"title:b").groups,
        vec![g(&[q("a")]), g(&[t("title:b")])]
    );
    assert_eq!(
        ok("\"a\"OR b").groups,
        vec![g(&[q("a")]), g(&[t("OR")]), g(&[t("b")])]
    );
}

#[test]
fn empty_phrases_are_dropped() {
    assert_eq!(ok("\"\" 水利 \" \"").groups, plain(&["水利"]));
    assert_eq!(ok("\"\u{3000}\" 水利").groups, plain(&["水利"]));
}

#[test]
fn hyphen_inside_words_is_text() {
    assert_eq!(ok("COVID-19").groups, plain(&["COVID-19"]));
    assert_eq!(ok("2020-2023 规划").groups, plain(&["2020-2023", "规划"]));
    assert_eq!(ok("水利-").groups, plain(&["水利-"]));
}

#[test]
fn lone_hyphen_is_text() {
    assert_eq!(ok("水利 - 发展").groups, plain(&["水利", "-", "发展"]));
    assert_eq!(ok("-").groups, plain(&["-"]));
    assert_eq!(ok("水利 -").groups, plain(&["水利", "-"]));
    assert_eq!(ok("-\u{3000}水利").groups, plain(&["-", "水利"]));
}

#[test]
fn exclusion() {
    assert_eq!(
        ok("水利 -督查"),
        query(plain(&["水利"]), vec![t("督查")], Filters::default())
    );
    assert_eq!(
        ok("水利 -\"x y\""),
        query(plain(&["水利"]), vec![q("x y")], Filters::default())
    );
    assert_eq!(ok("水利 --x").exclude, vec![t("-x")]);
    assert_eq!(ok("水利 -OR").exclude, vec![t("OR")]);
    assert_eq!(ok("水利 -\"\"").exclude, vec![]);
}

#[test]
fn unknown_field_is_plain_text() {
    assert_eq!(ok("http://x").groups, plain(&["http://x"]));
    assert_eq!(ok("原文:abc").groups, plain(&["原文:abc"]));
    assert_eq!(ok("note：abc").groups, plain(&["note：abc"]));
    assert_eq!(ok("titles:x").groups, plain(&["titles:x"]));
    assert_eq!(ok(":x").groups, plain(&[":x"]));
    assert_eq!(ok("title").groups, plain(&["title"]));
}

// ---- OR ----

#[test]
fn or_makes_a_group() {
    assert_eq!(
        ok("水利 OR 水务 发展"),
        query(
            vec![g(&[t("水利"), t("水务")]), g(&[t("发展")])],
            vec![],
            Filters::default()
        )
    );
}

#[test]
fn or_chain() {
    assert_eq!(
        ok("a OR b OR c d").groups,
        vec![g(&[t("a"), t("b"), t("c")]), g(&[t("d")])]
    );
    assert_eq!(
        ok("d a OR b\u{3000}OR\u{3000}c").groups,
        vec![g(&[t("d")]), g(&[t("a"), t("b"), t("c")])]
    );
}

#[test]
fn lowercase_and_quoted_or_are_terms() {
    assert_eq!(ok("a or b").groups, plain(&["a", "or", "b"]));
    assert_eq!(ok("a Or b").groups, plain(&["a", "Or", "b"]));
    assert_eq!(
        ok("a \"OR\" b").groups,
        vec![g(&[t("a")]), g(&[q("OR")]), g(&[t("b")])]
    );
    assert_eq!(ok("ORDER").groups, plain(&["ORDER"]));
}

#[test]
fn title_in_or_group() {
    assert_eq!(
        ok("title:\"a b\" OR 水利").groups,
        vec![g(&[title(q("a b")), t("水利")])]
    );
}

#[test]
fn or_with_empty_alternative() {
    assert_eq!(ok("a OR \"\"").groups, plain(&["a"]));
    assert_eq!(ok("a OR \"\" b").groups, plain(&["a", "b"]));
}

// ---- title ----

#[test]
fn title_terms() {
    assert_eq!(ok("title:水利").groups, vec![g(&[title(t("水利"))])]);
    assert_eq!(ok("title：水利").groups, vec![g(&[title(t("水利"))])]);
    assert_eq!(ok("TITLE:水利").groups, vec![g(&[title(t("水利"))])]);
    assert_eq!(ok("title:\"a b\"").groups, vec![g(&[title(q("a b"))])]);
    assert_eq!(ok("title:OR").groups, vec![g(&[title(t("OR"))])]);
    assert_eq!(
        ok("title:http://x").groups,
        vec![g(&[title(t("http://x"))])]
    );
}

#[test]
fn negated_title() {
    assert_eq!(
        ok("水利 -title:通知"),
        query(plain(&["水利"]), vec![title(t("通知"))], Filters::default())
    );
    assert_eq!(ok("水利 -title：\"a b\"").exclude, vec![title(q("a b"))]);
}

// ---- filters ----

#[test]
fn category_and_tag_filters() {
    let f = ok("category:讲话 tag:水利").filters;
    assert_eq!(f.categories, vec!["讲话".to_owned()]);
    assert_eq!(f.tags, vec!["水利".to_owned()]);
}

#[test]
fn repeated_category_and_tag_are_any_of() {
    let f = ok("category:讲话 category：\"研讨发言\" tag:a tag:b tag:a").filters;
    assert_eq!(f.categories, vec!["讲话".to_owned(), "研讨发言".to_owned()]);
    assert_eq!(f.tags, vec!["a".to_owned(), "b".to_owned()]);
}

#[test]
fn only_filters_is_a_listing() {
    let query = ok("category:讲话 year:2023");
    assert!(!query.has_terms());
    assert!(query.groups.is_empty());
    assert_eq!(
        query.filters,
        Filters {
            categories: vec!["讲话".into()],
            years: Some((2023, 2023)),
            ..Filters::default()
        }
    );
}

#[test]
fn exclusions_with_filters_are_fine() {
    let query = ok("-督查 year:2023");
    assert!(!query.has_terms());
    assert_eq!(query.exclude, vec![t("督查")]);
}

#[test]
fn year_filters() {
    assert_eq!(ok("year:2023").filters.years, Some((2023, 2023)));
    assert_eq!(ok("year:2020..2023").filters.years, Some((2020, 2023)));
    assert_eq!(ok("year:2023..2023").filters.years, Some((2023, 2023)));
    assert_eq!(ok("year：２０２３").filters.years, Some((2023, 2023)));
    assert_eq!(ok("year:\"2020..2023\"").filters.years, Some((2020, 2023)));
    assert_eq!(ok("year:2023 year:2023").filters.years, Some((2023, 2023)));
}

#[test]
fn access_filters() {
    assert_eq!(ok("access:free").filters.access, Some(Access::Free));
    assert_eq!(ok("access:paid").filters.access, Some(Access::Paid));
    assert_eq!(ok("access：FREE").filters.access, Some(Access::Free));
    assert_eq!(ok("access:免费").filters.access, Some(Access::Free));
    assert_eq!(ok("access:付费").filters.access, Some(Access::Paid));
}

#[test]
fn chars_filters() {
    assert_eq!(ok("chars:1000..5000").filters.chars, Some((1000, 5000)));
    assert_eq!(ok("chars:2000..").filters.chars, Some((2000, u32::MAX)));
    assert_eq!(ok("chars:..800").filters.chars, Some((0, 800)));
    assert_eq!(
        ok("chars：１０００．．５０００").filters.chars,
        Some((1000, 5000))
    );
}

#[test]
fn everything_together() {
    assert_eq!(
        ok(
            "水利 OR 水务 发展 -\"试点 工作\" title:规划 category:讲话 tag:水利 year:2020..2023 access:free chars:..800"
        ),
        query(
            vec![
                g(&[t("水利"), t("水务")]),
                g(&[t("发展")]),
                g(&[title(t("规划"))]),
            ],
            vec![q("试点 工作")],
            Filters {
                categories: vec!["讲话".into()],
                tags: vec!["水利".into()],
                years: Some((2020, 2023)),
                access: Some(Access::Free),
                chars: Some((0, 800)),
            }
        )
    );
}

#[test]
fn positive_terms_in_order() {
    let query = ok("a OR title:b c -d");
    let texts: Vec<&str> = query.positive_terms().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["a", "b", "c"]);
    assert!(query.has_terms());
}

#[test]
fn serializes() {
    fn assert_serialize<T: Serialize>() {}
    assert_serialize::<Query>();
}

// ---- errors ----

#[test]
fn empty() {
    assert_eq!(err(""), QueryError::Empty);
    assert_eq!(err("   \t\u{3000} "), QueryError::Empty);
    assert_eq!(err("\"\""), QueryError::Empty);
    assert_eq!(err("\" \" \"\u{3000}\""), QueryError::Empty);
}

#[test]
fn unclosed_quote() {
    assert_eq!(
        err("水利 \"第一条 为了"),
        QueryError::UnclosedQuote {
            fragment: "\"第一条 为了".into()
        }
    );
    assert_eq!(
        err("-title:\"abc"),
        QueryError::UnclosedQuote {
            fragment: "-title:\"abc".into()
        }
    );
    assert!(matches!(err("a\"b"), QueryError::UnclosedQuote { .. }));
    assert!(matches!(err("\"a\" \""), QueryError::UnclosedQuote { .. }));
}

#[test]
fn misplaced_or() {
    assert_eq!(err("OR 水利"), QueryError::OrAtStart);
    assert_eq!(err("OR"), QueryError::OrAtStart);
    assert_eq!(err("水利 OR"), QueryError::OrAtEnd);
    assert_eq!(err("a OR OR b"), QueryError::OrTwice);
    assert_eq!(
        err("a OR year:2020"),
        QueryError::OrNextToFilter {
            filter: "year:2020".into()
        }
    );
    assert_eq!(
        err("category:讲话 OR category:报告"),
        QueryError::OrNextToFilter {
            filter: "category:讲话".into()
        }
    );
}

#[test]
fn negated_filter() {
    assert_eq!(
        err("水利 -year:2020"),
        QueryError::NegatedFilter {
            filter: "-year:2020".into()
        }
    );
    assert_eq!(
        err("水利 -category：讲话"),
        QueryError::NegatedFilter {
            filter: "-category：讲话".into()
        }
    );
    assert!(matches!(
        err("水利 -tag:"),
        QueryError::NegatedFilter { .. }
    ));
}

#[test]
fn bad_year() {
    for input in [
        "year:abc",
        "year:20233",
        "year:223",
        "year:2020..",
        "year:..2020",
        "year:2020..2021..2022",
        "year:+202",
        "year:2020-2023",
    ] {
        assert!(
            matches!(err(input), QueryError::BadYear { .. }),
            "{input}: {:?}",
            parse(input)
        );
    }
    assert_eq!(
        err("year:2023..2020"),
        QueryError::ReversedRange {
            filter: "year:2023..2020".into()
        }
    );
}

#[test]
fn bad_chars() {
    for input in [
        "chars:abc",
        "chars:1000",
        "chars:..",
        "chars:+5..9",
        "chars:-5..9",
        "chars:1..99999999999",
        "chars:1...5",
    ] {
        assert!(
            matches!(err(input), QueryError::BadChars { .. }),
            "{input}: {:?}",
            parse(input)
        );
    }
    assert_eq!(
        err("chars:5000..1000"),
        QueryError::ReversedRange {
            filter: "chars:5000..1000".into()
        }
    );
}

#[test]
fn bad_access() {
    assert_eq!(
        err("access:gold"),
        QueryError::BadAccess {
            filter: "access:gold".into()
        }
    );
}

#[test]
fn empty_filter_value() {
    assert_eq!(
        err("category:"),
        QueryError::EmptyValue { field: "category" }
    );
    assert_eq!(
        err("水利 tag：\u{3000}x"),
        QueryError::EmptyValue { field: "tag" }
    );
    assert_eq!(
        err("category:\"\""),
        QueryError::EmptyValue { field: "category" }
    );
    assert_eq!(err("year:\" \""), QueryError::EmptyValue { field: "year" });
    assert_eq!(err("title:"), QueryError::EmptyValue { field: "title" });
    assert_eq!(
        err("水利 -title:"),
        QueryError::EmptyValue { field: "title" }
    );
}

#[test]
fn repeated_single_value_filter() {
    assert_eq!(
        err("year:2020 year:2021"),
        QueryError::RepeatedFilter { field: "year" }
    );
    assert_eq!(
        err("access:free access:paid"),
        QueryError::RepeatedFilter { field: "access" }
    );
    assert_eq!(
        err("chars:1..2 chars:..2"),
        QueryError::RepeatedFilter { field: "chars" }
    );
}

#[test]
fn negated_alternative() {
    assert_eq!(
        err("-a OR -b"),
        QueryError::NegatedInOr { term: "-a".into() }
    );
    assert_eq!(
        err("a OR -b"),
        QueryError::NegatedInOr { term: "-b".into() }
    );
    assert_eq!(
        err("水利 -title:x OR y"),
        QueryError::NegatedInOr {
            term: "-title:x".into()
        }
    );
}

#[test]
fn only_exclusions() {
    assert_eq!(err("-水利"), QueryError::OnlyExclusions);
    assert_eq!(err("-a -\"b c\""), QueryError::OnlyExclusions);
}

#[test]
fn too_many_terms() {
    let ok_input = vec!["水"; MAX_TERMS].join(" ");
    assert_eq!(ok(&ok_input).groups.len(), MAX_TERMS);
    let input = vec!["水"; MAX_TERMS + 1].join(" ");
    assert_eq!(err(&input), QueryError::TooManyTerms);
    // Excluded terms count too; empty phrases and filters don't.
    let input = format!("{} -利", vec!["水"; MAX_TERMS].join(" "));
    assert_eq!(err(&input), QueryError::TooManyTerms);
    let input = format!("{} \"\" year:2020", vec!["水"; MAX_TERMS].join(" "));
    assert!(parse(&input).is_ok());
}

#[test]
fn term_too_long() {
    let longest = "水".repeat(MAX_TERM_CHARS);
    assert_eq!(ok(&longest).groups, plain(&[&longest]));
    let long = "水".repeat(MAX_TERM_CHARS + 1);
    assert_eq!(
        err(&long),
        QueryError::TermTooLong {
            start: format!("{}…", "水".repeat(7))
        }
    );
    assert!(matches!(
        err(&format!("\"{long}\"")),
        QueryError::TermTooLong { .. }
    ));
    assert!(matches!(
        err(&format!("tag:{long}")),
        QueryError::TermTooLong { .. }
    ));
}

#[test]
fn messages() {
    assert_eq!(
        err("-year:2020").to_string(),
        "'-year:2020': filters can't be negated; remove the '-'"
    );
    assert_eq!(
        err("category:").to_string(),
        "'category:' has nothing after it: write a value right after the colon, as in category:讲话"
    );
    assert_eq!(
        err("-a").to_string(),
        "the query only says what to leave out: say what to look for, not only what to leave out"
    );
    assert_eq!(
        err("year:2020 year:2021").to_string(),
        "'year:' is given twice with different values: give it once, as in year:2023 or year:2020..2023"
    );
}

#[test]
fn messages_echo_at_most_7_characters() {
    let long = "长".repeat(100);
    for input in [
        format!("\"{long}"),
        format!("-year:{long}"),
        format!("year:{long}"),
        format!("chars:{long}"),
        format!("access:{long}"),
        format!("{long} OR tag:{long}"),
        format!("-{long} OR a"),
        "水".repeat(300),
    ] {
        let message = err(&input).to_string();
        let echoed = message.chars().filter(|&c| c == '长' || c == '水').count();
        assert!(echoed <= 7, "{message}");
    }
}

// ---- robustness ----

/// Windows of `len` characters of `s`.
fn windows(s: &str, len: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(len).map(|w| w.iter().collect()).collect()
}

#[test]
fn never_panics_on_random_input() {
    const ALPHABET: &[&str] = &[
        "\"", "-", ":", "：", "OR", "title", "year", "..", "水", "利", " ", "\u{3000}", "“", "”",
        "2020", "chars", "category", "tag", "access", "free", "5",
    ];
    let mut state: u64 = 0x5eed_1234_abcd_0001;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let (mut oks, mut errs) = (0, 0);
    for _ in 0..5000 {
        let len = next() % 60;
        let input: String = (0..len)
            .map(|_| ALPHABET[next() % ALPHABET.len()])
            .collect();
        match parse(&input) {
            Ok(query) => {
                oks += 1;
                assert!(
                    query.has_terms() || query.filters != Filters::default(),
                    "{input:?}"
                );
                assert!(query.groups.len() + query.exclude.len() <= MAX_TERMS);
                for group in &query.groups {
                    assert!(!group.any_of.is_empty(), "{input:?}");
                }
                for term in query.positive_terms().chain(&query.exclude) {
                    assert!(!term.text.trim().is_empty(), "{input:?}");
                    assert!(term.quoted || !term.text.contains(char::is_whitespace));
                    assert!(!term.text.contains('"'), "{input:?}");
                }
            }
            Err(e) => {
                errs += 1;
                let message = e.to_string();
                assert!(!message.is_empty());
                // Never 8 non-ASCII characters of the input in a row, nor 41 characters.
                for len in ECHO_CHARS + 1..=ECHO_ASCII_CHARS + 1 {
                    for window in windows(&input, len) {
                        let non_ascii = window.chars().filter(|c| !c.is_ascii()).count();
                        if non_ascii > ECHO_CHARS || len > ECHO_ASCII_CHARS {
                            assert!(!message.contains(&window), "{input:?} → {message}");
                        }
                    }
                }
            }
        }
    }
    // Both outcomes are exercised, not only the first error a random string hits.
    assert!(oks > 500 && errs > 500, "{oks} parsed, {errs} rejected");
}
