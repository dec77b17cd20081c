//! Prometheus metrics at `/metrics`: requests by route and status, their latency (a
//! histogram, so servers add up), the build, and the library as the index follower last saw
//! it: the applied change sequence, materials, articles, characters and members by tier.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// The process's one recorder (metrics are process-wide).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        // Buckets from a quarter of a millisecond (a cached search) to ten seconds (an export).
        let builder = builder
            .set_buckets(&[
                0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                5.0, 10.0,
            ])
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (a test harness); ours still renders.
        let _ = metrics::set_global_recorder(recorder);
        describe();
        metrics::gauge!("sucai_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
        handle
    })
}

/// The HELP text of every family.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "sucai_http_requests_total",
        "HTTP requests answered, by method, route and status."
    );
    describe_histogram!(
        "sucai_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "Time to answer an HTTP request, by route."
    );
    describe_gauge!(
        "sucai_build_info",
        "The running build: its version in a label; always 1."
    );
    describe_gauge!(
        "sucai_index_applied_seq",
        "The store's change sequence the search index has applied."
    );
    describe_gauge!("sucai_library_materials", "Imported files in the library.");
    describe_gauge!("sucai_library_articles", "Articles in the library.");
    describe_gauge!(
        "sucai_library_characters",
        "Characters of article text in the library."
    );
    describe_gauge!(
        "sucai_members",
        "Members whose membership runs now, by tier."
    );
}

/// Records what the library holds now.
pub async fn observe_library(store: &dyn sucai_store::Store, now: i64) -> sucai_store::Result<()> {
    let stats = store.stats().await?;
    metrics::gauge!("sucai_library_materials").set(stats.materials as f64);
    metrics::gauge!("sucai_library_articles").set(stats.articles as f64);
    metrics::gauge!("sucai_library_characters").set(stats.chars as f64);
    let tiers = store.tiers().await?;
    let members = store.members_by_tier(now).await?;
    for tier in tiers {
        let n = members.get(&tier.name).copied().unwrap_or(0);
        metrics::gauge!("sucai_members", "tier" => tier.name).set(n as f64);
    }
    Ok(())
}

/// Counts and times every request by its route (not its raw path: ids would explode the
/// label set).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("sucai_http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("sucai_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

pub async fn render() -> String {
    handle().render()
}
