#!/usr/bin/env bash
# HTTP load on loopback with wrk (Debian's package): requests/s and latency percentiles for
# search (JSON), article reads, search result pages and article pages (HTML), against `sucai serve` on a
# library built by `sucai bench`.
#
#   cargo build --release
#   ./target/release/sucai bench --chars 90M          # builds /tmp/sucai-bench-90M-seed42
#   scripts/load-bench.sh /tmp/sucai-bench-90M-seed42/data
#
# SUCAI=path/to/sucai picks another binary (to compare two versions in one run);
# KINDS="queries pages" measures only those kinds;
# SUCAI_SERVE_ARGS adds arguments to `sucai serve` (e.g. "--paid-hints-per-address 100000000":
# every anonymous search then costs a paid hint, as for many readers on many addresses).
set -euo pipefail
data=${1:?usage: load-bench.sh DATA_DIR [SECONDS] [CONNECTIONS]}
seconds=${2:-20}
connections=${3:-32}
here=$(cd "$(dirname "$0")/.." && pwd)
sucai=${SUCAI:-$here/target/release/sucai}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

addr=127.0.0.1:18088
# shellcheck disable=SC2086 # the extra arguments are words
"$sucai" --data "$data" serve --addr "$addr" ${SUCAI_SERVE_ARGS:-} 2>/tmp/sucai-load-serve.log &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://$addr/healthz" >/dev/null && break; sleep 0.2; done

# Queries: 2–8 character phrases taken from the library's own titles, URL-encoded.
lua=$(mktemp --suffix .lua)
python3 - "$addr" "$lua" <<'PY'
import json, sys, urllib.parse, urllib.request
addr, out = sys.argv[1], sys.argv[2]
titles = json.load(urllib.request.urlopen(f"http://{addr}/api/v1/search?q=" + urllib.parse.quote("chars:0..") + "&limit=100"))["hits"]
ids = [h["id"] for h in titles]
phrases = []
for h in titles:
    t = "".join(c for c in h["title"] if c.isalnum())
    for n in (2, 4, 8):
        if len(t) >= n:
            phrases.append(t[:n])
with open(out, "w") as f:
    f.write("queries = {" + ",".join(json.dumps("/api/v1/search?q=" + urllib.parse.quote(p)) for p in phrases) + "}\n")
    f.write("articles = {" + ",".join(json.dumps(f"/api/v1/articles/{i}") for i in ids) + "}\n")
    f.write("pages = {" + ",".join(json.dumps("/search?q=" + urllib.parse.quote(p)) for p in phrases) + "}\n")
    f.write("article_pages = {" + ",".join(json.dumps(f"/articles/{i}") for i in ids) + "}\n")
    f.write("""
local paths = queries
local n = 0
function init(args)
    if args[1] == "articles" then paths = articles elseif args[1] == "pages" then paths = pages
    elseif args[1] == "article_pages" then paths = article_pages end
end
function request() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end
""")
PY

run() { # KIND THREADS CONNECTIONS
    echo "== $1: $seconds s, $3 connections, $2 threads"
    wrk --latency -t"$2" -c"$3" -d"${seconds}s" -s "$lua" "http://$addr" -- "$1" \
        | grep -E "Requests/sec|Latency  |     50%|     90%|     99%|requests in|Non-2xx"
}
# Throughput: the JSON search, article reads (JSON), the web's search results page and article
# page (with its related materials), each after a 5-second warm-up (not reported) that brings
# the index's pages into memory.
for kind in ${KINDS:-queries articles pages article_pages}; do
    wrk -t2 -c"$connections" -d5s -s "$lua" "http://$addr" -- "$kind" >/dev/null
    run "$kind" 2 "$connections"
done
# Server time of a search page: one request at a time, so latency is the time to answer.
run pages 1 1
echo "server RSS: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$server/status)"
