//! The store's contract: the same suites against the embedded SQLite store and against the
//! PostgreSQL server on 127.0.0.1 as `postgres` (each PostgreSQL test in a database of its own, made for it
//! and dropped after; `SUCAI_TEST_POSTGRES` names another server).

use sucai_store::*;
use sucai_text::masks::MaskCounts;

fn article(title: &str, body: &str, text_hash: u8, simhash: Option<u64>) -> NewArticle {
    NewArticle {
        title: title.into(),
        body: body.into(),
        free_chars: Some(0),
        category: "讲话".into(),
        tags: vec!["水利".into()],
        year: Some(2023),
        date: Some("2023-03-05".into()),
        chars: body.chars().count() as u32,
        paragraphs: 1,
        outline: vec![],
        quotes: vec![],
        masks: MaskCounts::default(),
        text_hash: [text_hash; 32],
        simhash,
        sketch: vec![u64::from(text_hash), 1 << 63, 77, 77],
        duplicate_of: None,
    }
}

fn material(sha: u8, articles: Vec<NewArticle>) -> NewMaterial {
    NewMaterial {
        sha256: [sha; 32],
        file_name: format!("file-{sha}.txt"),
        file_name_raw: None,
        format: "txt".into(),
        encoding: "UTF-8".into(),
        original: vec![sha, 0, 255],
        title: format!("material {sha}"),
        declared_articles: None,
        trailer: "【广告】".into(),
        warnings: vec![],
        articles,
    }
}

async fn suite(store: &dyn Store) {
    // A batch commits whole, with in-batch duplicate links resolved to ids.
    let mut second = article("二", "重复的正文", 1, Some(0xff));
    second.duplicate_of = Some((
        Original::InBatch {
            material: 0,
            article: 0,
        },
        DuplicateKind::Contained,
    ));
    let committed = store
        .commit(
            &[
                material(1, vec![article("一", "正文", 1, Some(0xf0))]),
                material(2, vec![second]),
            ],
            &[],
        )
        .await
        .unwrap();
    let (
        Committed::New {
            material_id: m1,
            article_ids: a1,
        },
        Committed::New {
            material_id: m2,
            article_ids: a2,
        },
    ) = (&committed[0], &committed[1])
    else {
        panic!("{committed:?}")
    };
    let dup = store.article(a2[0]).await.unwrap().unwrap();
    assert_eq!(dup.duplicate_of, Some(a1[0]));
    assert_eq!(dup.duplicate_kind, Some(DuplicateKind::Contained));

    // The same bytes again are not stored twice.
    let again = store
        .commit(&[material(1, vec![article("一", "正文", 1, None)])], &[])
        .await
        .unwrap();
    assert_eq!(again, vec![Committed::Existing { material_id: *m1 }]);
    assert_eq!(store.stats().await.unwrap().materials, 2);

    // Originals, materials and articles read back as written.
    assert_eq!(store.original(*m1).await.unwrap(), Some(vec![1, 0, 255]));
    let m = store.material(*m1).await.unwrap().unwrap();
    assert_eq!(
        (m.trailer.as_str(), m.article_ids.clone()),
        ("【广告】", a1.clone())
    );
    let a = store.article(a1[0]).await.unwrap().unwrap();
    assert_eq!(
        (a.title.as_str(), a.body.as_str(), a.free_chars, a.year),
        ("一", "正文", Some(0), Some(2023))
    );
    assert_eq!(a.date.as_deref(), Some("2023-03-05"));
    assert!(store.article(9999).await.unwrap().is_none());
    let by_id = store.articles_by_id(&[a2[0], 9999, a1[0]]).await.unwrap();
    assert_eq!(
        by_id.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![a2[0], a1[0]]
    );
    assert_eq!(
        store
            .articles(Page {
                offset: 1,
                limit: 1
            })
            .await
            .unwrap()[0]
            .id,
        a2[0]
    );
    let everything = store.articles(Page::default()).await.unwrap();
    assert_eq!(
        store.titles().await.unwrap(),
        everything
            .iter()
            .map(|a| (a.id, a.title.clone()))
            .collect::<Vec<_>>()
    );

    // Today's new materials: newest first, without duplicates.
    let new: Vec<i64> = store
        .new_articles(0, 10)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(new, a1.clone());
    assert!(store.new_articles(i64::MAX, 10).await.unwrap().is_empty());

    // Lookups for duplicates: by exact hash and by a shared simhash band.
    let known = store
        .materials_by_sha256(&[[1; 32], [7; 32]])
        .await
        .unwrap();
    assert_eq!(known.len(), 1);
    let by_hash = store.duplicate_candidates(&[[1; 32]], &[]).await.unwrap();
    assert_eq!(by_hash.len(), 2);
    let by_band = store.duplicate_candidates(&[], &[0xf1]).await.unwrap();
    assert!(by_band.iter().any(|c| c.article_id == a1[0]), "{by_band:?}");
    // By sampled shingle hashes: each query's stored articles sharing enough of them (a hash
    // counts once however often a text or a query repeats it; u64 hashes above i64::MAX too).
    let one: &[u64] = &[1, 1 << 63, 5];
    let none: &[u64] = &[9];
    let matches = store.sketch_matches(&[none, one], 2).await.unwrap();
    assert_eq!(
        matches
            .iter()
            .map(|m| (m.query, m.article_id, m.shared))
            .collect::<Vec<_>>(),
        vec![(1, a1[0], 2), (1, a2[0], 2)],
        "{matches:?}"
    );
    assert_eq!(matches[0].material_id, *m1);
    // A sketch too large for one statement is looked up in parts and counted whole.
    let large: Vec<u64> = (1000..4000).chain([1, 1 << 63]).collect();
    let matches = store.sketch_matches(&[one, &large], 2).await.unwrap();
    assert_eq!(
        matches
            .iter()
            .map(|m| (m.query, m.article_id, m.shared))
            .collect::<Vec<_>>(),
        vec![(0, a1[0], 2), (0, a2[0], 2), (1, a1[0], 2), (1, a2[0], 2)],
        "{matches:?}"
    );
    let common: &[u64] = &[77];
    assert_eq!(store.sketch_matches(&[common], 1).await.unwrap().len(), 2);
    assert!(store.sketch_matches(&[common], 2).await.unwrap().is_empty());

    // The change sequence is monotonic and names every new row.
    let changes = store.changes_since(0, 100).await.unwrap();
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(changes.len(), 4, "two materials, two articles");
    let last = changes.last().unwrap().seq;
    assert!(store.changes_since(last, 100).await.unwrap().is_empty());
    assert_eq!(store.stats().await.unwrap().last_seq, last);

    // An operator's edit changes the article and adds a change for the index to follow.
    let edit = ArticleEdit {
        title: Some("改".into()),
        free_chars: Some(Some(99)),
        ..ArticleEdit::default()
    };
    let edited = store.edit_article(a1[0], &edit).await.unwrap().unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.free_chars),
        ("改", Some(2)),
        "free part capped at the body"
    );
    assert_eq!(store.article(a1[0]).await.unwrap().unwrap().title, "改");
    let after = store.changes_since(last, 10).await.unwrap();
    assert_eq!((after.len(), after[0].id), (1, a1[0]));
    assert!(store.edit_article(9999, &edit).await.unwrap().is_none());
    // A new year keeps the date only while it is of that year.
    let year = |y| ArticleEdit {
        year: Some(y),
        ..ArticleEdit::default()
    };
    let same = store.edit_article(a1[0], &year(Some(2023))).await.unwrap();
    assert_eq!(same.unwrap().date.as_deref(), Some("2023-03-05"));
    let other = store.edit_article(a1[0], &year(Some(2020))).await.unwrap();
    assert_eq!(other.unwrap().date.as_deref(), Some("2020"));
    let cleared = store
        .edit_article(a1[0], &year(None))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((cleared.year, cleared.date), (None, None));

    // Edge paragraphs: counts add up across calls, an operator's verdict outweighs them, and
    // rows seen once and long ago are forgotten.
    let seen = |k: &str, n: u32| (k.to_string(), format!("{k}。"), n);
    store
        .count_edge_lines(
            &[seen("甲", 2), seen("乙", 1), seen("甲", 1)],
            1_000_000_000,
        )
        .await
        .unwrap();
    store
        .count_edge_lines(&[seen("甲", 1)], 1_000_000_000)
        .await
        .unwrap();
    let keys = ["甲".to_string(), "乙".to_string(), "丙".to_string()];
    let lines = store.edge_lines(&keys).await.unwrap();
    assert_eq!((lines["甲"].files, lines["乙"].files), (4, 1));
    assert_eq!(lines["甲"].text, "甲。");
    assert!(!lines.contains_key("丙"));
    store
        .judge_edge_line("丙", "丙行", Some(EdgeVerdict::Boilerplate))
        .await
        .unwrap();
    store
        .judge_edge_line("甲", "甲。", Some(EdgeVerdict::Text))
        .await
        .unwrap();
    let listed = store.boilerplate(3, 10).await.unwrap();
    let listed: Vec<(&str, Option<EdgeVerdict>)> =
        listed.iter().map(|l| (l.key.as_str(), l.verdict)).collect();
    assert_eq!(
        listed,
        vec![
            ("甲", Some(EdgeVerdict::Text)),
            ("丙", Some(EdgeVerdict::Boilerplate))
        ]
    );
    store
        .count_edge_lines(&[], 1_000_000_000 + 31 * 86_400)
        .await
        .unwrap();
    assert!(!store.edge_lines(&keys).await.unwrap().contains_key("乙"));

    // A reprocess rewrites a material's articles in place, keeps what an operator edited,
    // and refuses a reading with another number of articles.
    let mut again = material(2, vec![article("新标题", "新的正文", 7, Some(0x0f))]);
    again.trailer = "来源：某网".into();
    let before = store.changes_since(0, 1000).await.unwrap().len();
    assert!(store.reprocess_material(*m2, &again).await.unwrap());
    let a = store.article(a2[0]).await.unwrap().unwrap();
    assert_eq!((a.title.as_str(), a.body.as_str()), ("新标题", "新的正文"));
    assert_eq!(
        store.material(*m2).await.unwrap().unwrap().trailer,
        "来源：某网"
    );
    assert_eq!(
        store.changes_since(0, 1000).await.unwrap().len(),
        before + 1
    );
    assert!(store.reprocess_material(*m1, &again).await.unwrap());
    assert_eq!(
        store.article(a1[0]).await.unwrap().unwrap().title,
        "改",
        "an operator's title stands"
    );
    let two = material(
        2,
        vec![article("一", "一", 8, None), article("二", "二", 9, None)],
    );
    assert!(!store.reprocess_material(*m2, &two).await.unwrap());
    assert_eq!(store.material_ids(0, 10).await.unwrap(), vec![*m1, *m2]);
    assert_eq!(store.material_ids(*m1, 10).await.unwrap(), vec![*m2]);

    // Import reports are kept.
    let record = ImportRecord {
        started_at: 1,
        seconds: 0.5,
        chars: 10,
        files: vec![ImportFile {
            path: "a.txt".into(),
            status: ImportStatus::Rejected,
            material_id: None,
            articles: None,
            duplicate_of: None,
            reason: Some("the file is empty".into()),
        }],
    };
    let id = store.record_import(&record).await.unwrap();
    assert_eq!(store.import_record(id).await.unwrap(), Some(record));
    let since = store.imports_since(1).await.unwrap();
    assert_eq!(
        (since.len(), since[0].id, since[0].files, since[0].rejected),
        (1, id, 1, 1)
    );
    assert!(store.imports_since(2).await.unwrap().is_empty());
}

#[tokio::test]
async fn sqlite_store_keeps_its_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("sucai.db"))
        .await
        .unwrap();
    suite(&store).await;
    store.close().await;
    // Reopening runs the migrations again without harm and finds the same library.
    let reopened = SqliteStore::open(&dir.path().join("sucai.db"))
        .await
        .unwrap();
    assert_eq!(reopened.stats().await.unwrap().materials, 2);
}

async fn members_suite(store: std::sync::Arc<dyn Store>) {
    let now = 1_800_000_000;
    let alice = store
        .create_user("alice", "hash-a", Role::User)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .create_user("alice", "other", Role::User)
            .await
            .unwrap(),
        None,
        "names are unique"
    );
    // Names are looked up in lower case: names stored before they were normalised may have
    // capitals, and nobody registers their lower-case twin.
    let legacy = store
        .create_user("Bob", "hash-b", Role::User)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.create_user("bob", "other", Role::User).await.unwrap(),
        None
    );
    assert_eq!(
        store.user_by_name("bob").await.unwrap().map(|u| u.id),
        Some(legacy)
    );
    let admin = store
        .create_user("root", "hash-r", Role::Admin)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.user_by_name("root").await.unwrap().unwrap().role,
        Role::Admin
    );
    store.set_password(alice, "hash-a2").await.unwrap();
    assert_eq!(
        store.user(alice).await.unwrap().unwrap().password_hash,
        "hash-a2"
    );
    assert_eq!(store.users(Page::default()).await.unwrap().len(), 3);

    // Sessions live until they expire or are deleted.
    store
        .create_session(&[1; 32], alice, "csrf-1", now + 60)
        .await
        .unwrap();
    let (user, csrf) = store.session(&[1; 32], now).await.unwrap().unwrap();
    assert_eq!((user.id, csrf.as_str()), (alice, "csrf-1"));
    assert!(store.session(&[1; 32], now + 61).await.unwrap().is_none());
    store.delete_sessions(alice).await.unwrap();
    assert!(store.session(&[1; 32], now).await.unwrap().is_none());
    store
        .create_api_token(&[2; 32], admin, "script")
        .await
        .unwrap();
    assert_eq!(
        store.api_token_user(&[2; 32]).await.unwrap().unwrap().id,
        admin
    );

    // Tiers: VIP covers some categories, SVIP all.
    let tiers = store.tiers().await.unwrap();
    assert_eq!(
        tiers.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["vip", "svip"]
    );
    assert!(tiers[0].covers("讲话") && !tiers[0].covers("党课") && tiers[1].covers("党课"));

    // A code redeems once, even when 20 requests race for it.
    store
        .create_codes(&["CODE-1".into(), "CODE-2".into()], "vip", 30)
        .await
        .unwrap();
    let racers: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.redeem("CODE-1", alice, now).await.unwrap() })
        })
        .collect();
    let mut won = 0;
    for r in racers {
        match r.await.unwrap() {
            Redeemed::Now(m) => {
                won += 1;
                assert_eq!((m.tier.as_str(), m.expires_at), ("vip", now + 30 * 86_400));
            }
            Redeemed::AlreadyUsed => {}
            Redeemed::Unknown => panic!("the code exists"),
        }
    }
    assert_eq!(won, 1);
    assert_eq!(
        store.redeem("NO-SUCH", alice, now).await.unwrap(),
        Redeemed::Unknown
    );
    // A second code extends from the current expiry.
    let Redeemed::Now(m) = store.redeem("CODE-2", alice, now + 86_400).await.unwrap() else {
        panic!()
    };
    assert_eq!(m.expires_at, now + 60 * 86_400);
    assert_eq!(store.membership(alice, now).await.unwrap(), Some(m));
    store.grant(admin, "svip", now + 10).await.unwrap();
    assert_eq!(
        store.membership(admin, now).await.unwrap().unwrap().tier,
        "svip"
    );
    redeem_rule(store.as_ref(), now).await;
    api_tokens(store.as_ref(), alice, admin).await;

    // Counters: 50 parallel additions each see a count of their own, and expire.
    let adders: Vec<_> = (0..50)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .add_to_counter("login:addr:203.0.113.7", 900, 1, now)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut seen = Vec::new();
    for a in adders {
        seen.push(a.await.unwrap());
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=50).collect::<Vec<i64>>());
    assert_eq!(
        store
            .add_to_counter("login:addr:203.0.113.7", 900, -1, now)
            .await
            .unwrap(),
        49
    );
    assert_eq!(
        store.counter("login:addr:203.0.113.7", 900).await.unwrap(),
        49
    );
    assert_eq!(
        store.counter("login:addr:203.0.113.7", 1800).await.unwrap(),
        0
    );
    assert_eq!(
        store.counters("login:", 900).await.unwrap(),
        [("login:addr:203.0.113.7".to_string(), 49)]
    );
    assert!(store.counters("hints:", 900).await.unwrap().is_empty());
    assert_eq!(store.expire_counters(now).await.unwrap(), 0);
    assert_eq!(store.expire_counters(now + 1).await.unwrap(), 1);
    assert_eq!(
        store.counter("login:addr:203.0.113.7", 900).await.unwrap(),
        0
    );

    // 50 parallel downloads with 10 allowed: exactly 10 are recorded.
    let racers: Vec<_> = (0..50)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .count_download(alice, &[i], "docx", "2027-01-15", 10, now)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut recorded = 0;
    for r in racers {
        if let Counted::Recorded { .. } = r.await.unwrap() {
            recorded += 1;
        }
    }
    assert_eq!(recorded, 10);
    assert_eq!(store.downloads_on(alice, "2027-01-15").await.unwrap(), 10);
    assert_eq!(store.downloads_on(alice, "2027-01-16").await.unwrap(), 0);
    assert_eq!(
        store
            .count_download(alice, &[1], "txt", "2027-01-16", 10, now)
            .await
            .unwrap(),
        Counted::Recorded { remaining: 9 }
    );
    // A zip of three articles uses a unit for each article not yet taken today: two.
    assert_eq!(
        store
            .count_download(alice, &[1, 2, 3], "zip", "2027-01-16", 10, now)
            .await
            .unwrap(),
        Counted::Recorded { remaining: 7 }
    );
    // Eight more do not fit; the same article again, however often, costs nothing.
    let eight: Vec<i64> = (10..18).collect();
    assert_eq!(
        store
            .count_download(alice, &eight, "zip", "2027-01-16", 10, now)
            .await
            .unwrap(),
        Counted::Spent
    );
    assert_eq!(
        store
            .count_download(alice, &[1; 7], "zip", "2027-01-16", 10, now)
            .await
            .unwrap(),
        Counted::Recorded { remaining: 7 }
    );
    assert_eq!(store.downloads_on(alice, "2027-01-16").await.unwrap(), 3);
    assert_eq!(
        store
            .downloads(Some(alice), Page::default())
            .await
            .unwrap()
            .len(),
        13,
        "every download is in the ledger, the free ones too"
    );
    assert!(
        store
            .downloads(Some(admin), Page::default())
            .await
            .unwrap()
            .is_empty()
    );
}

/// A code adds its own tier and its own days: a higher tier runs first and the lower tier's
/// days resume after it, in either order of redeeming; the same tier adds up.
async fn redeem_rule(store: &dyn Store, now: i64) {
    const DAY: i64 = 86_400;
    let (vera, walt) = (
        store
            .create_user("vera", "h", Role::User)
            .await
            .unwrap()
            .unwrap(),
        store
            .create_user("walt", "h", Role::User)
            .await
            .unwrap()
            .unwrap(),
    );
    store
        .create_codes(&["VIP-A".into(), "VIP-B".into(), "VIP-C".into()], "vip", 30)
        .await
        .unwrap();
    store
        .create_codes(&["SVIP-A".into(), "SVIP-B".into()], "svip", 1)
        .await
        .unwrap();
    let redeem = |code: &'static str, user: i64, at: i64| async move {
        match store.redeem(code, user, at).await.unwrap() {
            Redeemed::Now(m) => m,
            other => panic!("{code}: {other:?}"),
        }
    };
    let queued = |tier: &str, starts_at: i64, expires_at: i64| QueuedPeriod {
        tier: tier.into(),
        starts_at,
        expires_at,
    };

    // Higher after lower: 30 VIP days, then a 1-day SVIP code 10 seconds later gives SVIP for a
    // day, then the VIP days left.
    redeem("VIP-A", vera, now).await;
    let m = redeem("SVIP-A", vera, now + 10).await;
    assert_eq!((m.tier.as_str(), m.expires_at), ("svip", now + 10 + DAY));
    assert_eq!(
        m.queued,
        [queued("vip", now + 10 + DAY, now + 30 * DAY + DAY)]
    );
    assert_eq!(store.membership(vera, now + 10).await.unwrap(), Some(m));
    // The hand-over when SVIP ends: VIP is in force, with nothing after it.
    let later = store
        .membership(vera, now + 10 + DAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (later.tier.as_str(), later.expires_at, later.queued.len()),
        ("vip", now + 31 * DAY, 0)
    );
    // After everything: the last period, expired.
    let gone = store
        .membership(vera, now + 40 * DAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (gone.tier.as_str(), gone.expires_at),
        ("vip", now + 31 * DAY)
    );

    // Lower after higher: one SVIP day, then a 30-day VIP code waits for it.
    redeem("SVIP-B", walt, now).await;
    let m = redeem("VIP-B", walt, now + 10).await;
    assert_eq!((m.tier.as_str(), m.expires_at), ("svip", now + DAY));
    assert_eq!(m.queued, [queued("vip", now + DAY, now + 31 * DAY)]);
    let svip = store
        .membership(walt, now + DAY - 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(svip.tier, "svip");
    let vip = store.membership(walt, now + DAY).await.unwrap().unwrap();
    assert_eq!(
        (vip.tier.as_str(), vip.expires_at, vip.queued.len()),
        ("vip", now + 31 * DAY, 0)
    );
    // A code redeemed after the hand-over finds VIP in force and extends it.
    let m = redeem("VIP-C", walt, now + 2 * DAY).await;
    assert_eq!(
        (m.tier.as_str(), m.expires_at, m.queued.len()),
        ("vip", now + 61 * DAY, 0)
    );

    // An operator's grant sets the membership outright: nothing stays queued.
    let m = redeem_pair_then_grant(store, vera, now).await;
    assert_eq!(store.membership(vera, now).await.unwrap(), Some(m));
}

/// Queues VIP days behind SVIP for `user`, then grants VIP until `now + 5`.
async fn redeem_pair_then_grant(store: &dyn Store, user: i64, now: i64) -> Membership {
    store
        .create_codes(&["SVIP-G".into()], "svip", 3)
        .await
        .unwrap();
    store
        .create_codes(&["VIP-G".into()], "vip", 3)
        .await
        .unwrap();
    store.redeem("SVIP-G", user, now).await.unwrap();
    store.redeem("VIP-G", user, now).await.unwrap();
    let granted = store.grant(user, "vip", now + 5).await.unwrap();
    assert!(granted.queued.is_empty());
    granted
}

/// API tokens are listed without their secret and revoked by their owner only.
async fn api_tokens(store: &dyn Store, alice: i64, admin: i64) {
    let backup = store
        .create_api_token(&[3; 32], admin, "backup")
        .await
        .unwrap();
    store
        .create_api_token(&[4; 32], alice, "hers")
        .await
        .unwrap();
    store
        .create_api_token(&[5; 32], alice, "hers too")
        .await
        .unwrap();
    let listed = store.api_tokens(admin).await.unwrap();
    assert_eq!(
        listed.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["script", "backup"]
    );
    assert_eq!(listed[1].id, backup);
    assert_ne!(listed[0].id, backup);
    // Someone else's id is no token of theirs.
    assert!(!store.delete_api_token(alice, backup).await.unwrap());
    assert!(store.api_token_user(&[3; 32]).await.unwrap().is_some());
    assert!(store.delete_api_token(admin, backup).await.unwrap());
    assert!(store.api_token_user(&[3; 32]).await.unwrap().is_none());
    assert!(!store.delete_api_token(admin, backup).await.unwrap());
    assert_eq!(store.api_tokens(admin).await.unwrap().len(), 1);
    // All of a user's tokens at once (a password change), and nobody else's.
    assert_eq!(store.api_tokens(alice).await.unwrap().len(), 2);
    store.delete_api_tokens(alice).await.unwrap();
    assert!(store.api_tokens(alice).await.unwrap().is_empty());
    assert!(store.api_token_user(&[4; 32]).await.unwrap().is_none());
    assert!(store.api_token_user(&[2; 32]).await.unwrap().is_some());
    // A new token never gets a revoked one's id.
    let next = store
        .create_api_token(&[6; 32], admin, "again")
        .await
        .unwrap();
    assert!(next > backup);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_store_keeps_members_exact() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("sucai.db"))
        .await
        .unwrap();
    members_suite(std::sync::Arc::new(store)).await;
}

/// A new, empty database on the test server, dropped when the guard goes.
struct ScratchDatabase {
    admin: sqlx::PgPool,
    name: String,
    url: String,
}

impl ScratchDatabase {
    async fn new(purpose: &str) -> Self {
        let server = std::env::var("SUCAI_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1".into());
        let admin = sqlx::PgPool::connect(&format!("{server}/test"))
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {server}/test: {e} (.ci/run starts it)"));
        let name = format!(
            "sucai_{purpose}_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        ScratchDatabase {
            url: format!("{server}/{name}"),
            admin,
            name,
        }
    }

    async fn drop_now(self) {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&self.admin)
        .await;
    }
}

#[tokio::test]
async fn postgres_store_keeps_its_contract() {
    let db = ScratchDatabase::new("contract").await;
    let store = PgStore::connect(&db.url).await.unwrap();
    suite(&store).await;
    store.close().await;
    let reopened = PgStore::connect(&db.url).await.unwrap();
    assert_eq!(reopened.stats().await.unwrap().materials, 2);
    reopened.close().await;
    db.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_store_keeps_members_exact() {
    let db = ScratchDatabase::new("members").await;
    let store = std::sync::Arc::new(PgStore::connect(&db.url).await.unwrap());
    members_suite(store.clone()).await;
    store.close().await;
    db.drop_now().await;
}

/// A notice wakes a waiting follower long before its timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_announces_changes() {
    let db = ScratchDatabase::new("notify").await;
    let follower = std::sync::Arc::new(PgStore::connect(&db.url).await.unwrap());
    let writer = PgStore::connect(&db.url).await.unwrap();
    // Open the listener, then wait for the next change in the background.
    follower
        .wait_for_changes(std::time::Duration::from_millis(10))
        .await
        .unwrap();
    let waiting = follower.clone();
    let woke = tokio::spawn(async move {
        let started = std::time::Instant::now();
        waiting
            .wait_for_changes(std::time::Duration::from_secs(20))
            .await
            .unwrap();
        started.elapsed()
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    writer
        .commit(&[material(9, vec![article("九", "正文九", 9, None)])], &[])
        .await
        .unwrap();
    let waited = woke.await.unwrap();
    assert!(
        waited < std::time::Duration::from_secs(10),
        "woke after {waited:?}, not on the notice"
    );
    follower.close().await;
    writer.close().await;
    db.drop_now().await;
}

/// Baskets, drafts and commissions: each user's rows are theirs alone, whatever ids others ask
/// for; operators (scope All) see every commission.
async fn writers_suite(store: &dyn Store) {
    let now = 1_800_000_000;
    let alice = store
        .create_user("alice", "h", Role::User)
        .await
        .unwrap()
        .unwrap();
    let bob = store
        .create_user("bob", "h", Role::User)
        .await
        .unwrap()
        .unwrap();
    let item = |n: u32| NewBasketItem {
        article_id: 7,
        article_title: "标题".into(),
        paragraph: Some(n),
        start_char: n * 10,
        end_char: n * 10 + 5,
        text: format!("第{n}段"),
    };

    // Baskets: create, fill in order, reorder, head, remove, rename, delete.
    let basket = store.create_basket(alice, "讲话素材").await.unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        let added = store
            .add_basket_item(alice, basket.id, &item(n))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(added.position, i64::from(n));
        ids.push(added.id);
    }
    assert_eq!(
        store
            .add_basket_item(bob, basket.id, &item(9))
            .await
            .unwrap(),
        None,
        "bob cannot add to alice's basket"
    );
    let baskets = store.baskets(alice).await.unwrap();
    assert_eq!(
        (baskets.len(), baskets[0].items, baskets[0].name.as_str()),
        (1, 3, "讲话素材")
    );
    assert!(store.baskets(bob).await.unwrap().is_empty());
    let order = |items: Vec<BasketItem>| items.iter().map(|i| i.id).collect::<Vec<_>>();
    let moved = store
        .move_basket_item(alice, basket.id, ids[2], 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order(moved), vec![ids[2], ids[0], ids[1]]);
    let items = store.basket_items(alice, basket.id).await.unwrap().unwrap();
    assert_eq!(
        items.iter().map(|i| (i.id, i.position)).collect::<Vec<_>>(),
        vec![(ids[2], 0), (ids[0], 1), (ids[1], 2)]
    );
    assert_eq!(
        (
            items[1].text.as_str(),
            items[1].paragraph,
            items[1].end_char
        ),
        ("第0段", Some(0), 5)
    );
    // Past the end is the end.
    let moved = store
        .move_basket_item(alice, basket.id, ids[2], 99)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order(moved), vec![ids[0], ids[1], ids[2]]);
    assert!(
        store
            .move_basket_item(bob, basket.id, ids[2], 0)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .set_item_heading(alice, basket.id, ids[1], Some("提高站位"), 2)
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_item_heading(bob, basket.id, ids[1], Some("x"), 1)
            .await
            .unwrap()
    );
    let items = store.basket_items(alice, basket.id).await.unwrap().unwrap();
    assert_eq!(
        (items[1].heading.as_deref(), items[1].heading_level),
        (Some("提高站位"), 2)
    );
    assert_eq!(store.basket_items(bob, basket.id).await.unwrap(), None);
    assert!(
        !store
            .remove_basket_item(bob, basket.id, ids[0])
            .await
            .unwrap()
    );
    assert!(
        store
            .remove_basket_item(alice, basket.id, ids[0])
            .await
            .unwrap()
    );
    assert!(!store.rename_basket(bob, basket.id, "抢").await.unwrap());
    assert!(store.rename_basket(alice, basket.id, "改名").await.unwrap());
    assert_eq!(store.baskets(alice).await.unwrap()[0].name, "改名");
    assert!(!store.delete_basket(bob, basket.id).await.unwrap());
    assert!(store.delete_basket(alice, basket.id).await.unwrap());
    assert!(store.baskets(alice).await.unwrap().is_empty());

    // Drafts.
    let sources = vec![DraftSource {
        article_id: 7,
        title: "标题".into(),
    }];
    let draft = store
        .create_draft(alice, "草稿", "一、标题\n正文", &sources)
        .await
        .unwrap();
    assert_eq!(
        store.draft(alice, draft.id).await.unwrap().unwrap().sources,
        sources
    );
    assert_eq!(store.draft(bob, draft.id).await.unwrap(), None);
    assert_eq!(
        store.update_draft(bob, draft.id, "x", "x").await.unwrap(),
        None
    );
    let saved = store
        .update_draft(alice, draft.id, "新草稿", "一、改\n正文")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.body.as_str()),
        ("新草稿", "一、改\n正文")
    );
    assert_eq!(store.drafts(alice).await.unwrap().len(), 1);
    assert!(store.drafts(bob).await.unwrap().is_empty());
    assert!(!store.delete_draft(bob, draft.id).await.unwrap());
    assert!(store.delete_draft(alice, draft.id).await.unwrap());

    // Commissions: filed with an attachment kept byte for byte, moved through their statuses
    // only from where they stand, seen by their owner and operators only.
    let order = NewCommission {
        kind: CommissionKind::Polishing,
        topic: "年终总结".into(),
        length: 3000,
        deadline: "2027-02-01".into(),
        notes: "请润色".into(),
        attachment: Some(Upload {
            file_name: "我的初稿.docx".into(),
            bytes: vec![0, 159, 146, 150, 255],
        }),
    };
    let filed = store.create_commission(alice, &order, now).await.unwrap();
    assert_eq!(filed.status, CommissionStatus::Submitted);
    assert_eq!(filed.events.len(), 1);
    assert_eq!(filed.files.len(), 1);
    assert_eq!(
        (filed.files[0].file_name.as_str(), filed.files[0].byte_len),
        ("我的初稿.docx", 5)
    );
    let file_id = filed.files[0].id;
    assert_eq!(
        store
            .commission_file(Scope::Own(alice), filed.id, file_id)
            .await
            .unwrap()
            .unwrap()
            .1,
        vec![0, 159, 146, 150, 255]
    );
    assert!(
        store
            .commission_file(Scope::Own(bob), filed.id, file_id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .commission(Scope::Own(bob), filed.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.commissions(Scope::Own(bob)).await.unwrap().is_empty());
    assert_eq!(store.commissions(Scope::All).await.unwrap().len(), 1);
    assert_eq!(store.commissions(Scope::Own(alice)).await.unwrap().len(), 1);

    let change = |from, to, file| StatusChange {
        from,
        to,
        by_user: Some(bob),
        at: now + 60,
        file,
    };
    use CommissionStatus::*;
    assert_eq!(
        store
            .change_commission(Scope::Own(bob), filed.id, &change(Submitted, Closed, None))
            .await
            .unwrap(),
        Changed::NotFound,
        "bob cannot close alice's order"
    );
    let Changed::Done(accepted) = store
        .change_commission(Scope::All, filed.id, &change(Submitted, Accepted, None))
        .await
        .unwrap()
    else {
        panic!("accepting")
    };
    assert_eq!(accepted.status, Accepted);
    assert_eq!(
        store
            .change_commission(Scope::All, filed.id, &change(Submitted, Accepted, None))
            .await
            .unwrap(),
        Changed::Conflict(Accepted)
    );
    let delivery = Upload {
        file_name: "成稿.docx".into(),
        bytes: b"PK delivered".to_vec(),
    };
    let Changed::Done(delivered) = store
        .change_commission(
            Scope::All,
            filed.id,
            &change(Accepted, Delivered, Some((FileRole::Delivery, delivery))),
        )
        .await
        .unwrap()
    else {
        panic!("delivering")
    };
    assert_eq!(
        delivered
            .events
            .iter()
            .map(|e| (e.status, e.at))
            .collect::<Vec<_>>(),
        vec![
            (Submitted, now),
            (Accepted, now + 60),
            (Delivered, now + 60)
        ]
    );
    let delivered_file = delivered
        .files
        .iter()
        .find(|f| f.role == FileRole::Delivery)
        .unwrap();
    assert_eq!(
        store
            .commission_file(Scope::Own(alice), filed.id, delivered_file.id)
            .await
            .unwrap()
            .unwrap()
            .1,
        b"PK delivered".to_vec()
    );
    // A file id under another order's id is not found either.
    let other = store
        .create_commission(
            bob,
            &NewCommission {
                kind: CommissionKind::Slides,
                attachment: None,
                ..order.clone()
            },
            now,
        )
        .await
        .unwrap();
    assert!(
        store
            .commission_file(Scope::Own(bob), other.id, delivered_file.id)
            .await
            .unwrap()
            .is_none()
    );
    let Changed::Done(closed) = store
        .change_commission(
            Scope::Own(alice),
            filed.id,
            &change(Delivered, Closed, None),
        )
        .await
        .unwrap()
    else {
        panic!("closing")
    };
    assert_eq!(closed.status, Closed);
    assert_eq!(store.commissions(Scope::All).await.unwrap().len(), 2);
}

#[tokio::test]
async fn sqlite_store_keeps_writers_private() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("sucai.db"))
        .await
        .unwrap();
    writers_suite(&store).await;
    store.close().await;
}

#[tokio::test]
async fn postgres_store_keeps_writers_private() {
    let db = ScratchDatabase::new("writers").await;
    let store = PgStore::connect(&db.url).await.unwrap();
    writers_suite(&store).await;
    store.close().await;
    db.drop_now().await;
}
