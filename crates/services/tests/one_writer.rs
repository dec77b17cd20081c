//! One process writes the index one sync at a time: a sync that starts while another runs waits
//! for it, then applies what changed meanwhile, so an edit is searchable as soon as its own
//! sync returns (it used to return at once, having applied nothing, when the writer was busy).

use std::path::Path;
use std::sync::Arc;
use sucai_index::SearchIndex;
use sucai_store::{ArticleEdit, SqliteStore, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_made_during_another_sync_is_indexed_by_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(
        SqliteStore::open(&dir.path().join("sucai.db"))
            .await
            .unwrap(),
    );
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/compilation-10.txt");
    sucai_ingest::import_paths(store.clone(), &[sample], Default::default(), |_| {})
        .await
        .unwrap();
    let index = SearchIndex::open(&dir.path().join("index")).unwrap();
    let ids: Vec<i64> = store
        .titles()
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();

    for round in 0..30 {
        // Something else (the follower, an upload) is syncing while an operator edits.
        let other = index.sync(store.as_ref());
        let edit = async {
            let edit = ArticleEdit {
                title: Some(format!("第{round}次修改的标题")),
                ..Default::default()
            };
            let id = ids[round % ids.len()];
            store.edit_article(id, &edit).await.unwrap().unwrap();
            index.sync(store.as_ref()).await.unwrap();
            // What the edit's own sync left unapplied.
            store
                .changes_since(index.applied_seq().unwrap(), 10)
                .await
                .unwrap()
                .len()
        };
        let (other, behind) = tokio::join!(other, edit);
        other.unwrap();
        assert_eq!(behind, 0, "round {round}: the edit is not in the index yet");
    }
}
