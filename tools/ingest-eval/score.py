#!/usr/bin/env python3
"""Score sucai's importer on a set written by make_set.py.

    python3 tools/ingest-eval/score.py SET_DIR [--sucai PATH] [--data DIR] [--json] [--details FILE]

Imports SET_DIR into a fresh data folder with the real binary (`sucai --data DIR import SET_DIR
--json`), reads every material and article back (`material ID --json`, `show ID --json`),
matches each file to its material by the import report's `path`, and compares with
`SET_DIR/labels.jsonl`. Prints a table; `--json` prints a summary object instead. A missing
file, material or article counts as wrong; nothing in the labels makes it crash.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

NEWSLIKE_BAD = {"研讨发言", "心得体会", "讲话", "党课", "述职报告", "对照检查"}


def norm(s) -> str:
    if not isinstance(s, str):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def norm_title(s) -> str:
    s = norm(s)
    return s.strip("。，、；：:.,-—_ ")


def run_json(cmd, timeout=600):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except Exception as e:  # noqa: BLE001
        return None, str(e)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")[:400]
    try:
        return json.loads(p.stdout.decode("utf-8", "replace")), None
    except json.JSONDecodeError as e:
        return None, f"bad JSON: {e}"


def year_of(date):
    if not date:
        return None
    m = re.match(r"^(\d{4})", str(date))
    return int(m.group(1)) if m else None


def date_right(expected, art):
    """Compare at the label's precision; the article may give `date` or only `year`."""
    got_date = art.get("date") if isinstance(art, dict) else None
    got_year = art.get("year") if isinstance(art, dict) else None
    if expected is None:
        return got_date in (None, "") and got_year in (None, 0)
    if got_date:
        return str(got_date)[: len(expected)] == expected
    # only a year is available: the year must agree (recorded as year-only precision)
    return got_year is not None and int(got_year) == year_of(expected)


class UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[ra] = rb


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--sucai", default=os.environ.get("SUCAI_BIN", "/tmp/sucai-eval-bin"))
    ap.add_argument("--data", type=Path, default=None, help="data folder to use (default: a fresh temporary one)")
    ap.add_argument("--keep-data", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--details", type=Path, default=None, help="write per-file findings as JSON Lines")
    args = ap.parse_args()

    set_dir = args.set_dir.resolve()
    labels = []
    with open(set_dir / "labels.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                labels.append(json.loads(line))
    sucai = args.sucai
    if not Path(sucai).exists() and not shutil.which(sucai):
        sys.exit(f"score: no sucai binary at {sucai}; pass --sucai PATH")

    tmp = None
    if args.data is None:
        tmp = tempfile.mkdtemp(prefix="ingest-eval-")
        data = Path(tmp) / "data"
    else:
        data = args.data
        if data.exists():
            sys.exit(f"score: {data} exists; give a fresh data folder")
    base = [sucai, "--data", str(data)]

    t0 = time.monotonic()
    report, err = run_json(base + ["import", str(set_dir), "--json"], timeout=3600)
    wall = time.monotonic() - t0
    if report is None:
        sys.exit(f"score: import failed: {err}")

    by_path = {}
    for r in report.get("files", []):
        p = r.get("path") or ""
        try:
            rel = str(Path(p).resolve().relative_to(set_dir))
        except ValueError:
            rel = p
        by_path[rel] = r

    materials, articles = {}, {}

    def material(mid):
        if mid is None:
            return None
        if mid not in materials:
            materials[mid], _ = run_json(base + ["material", str(mid), "--json"])
        return materials[mid]

    def article(aid):
        if aid is None:
            return None
        if aid not in articles:
            articles[aid], _ = run_json(base + ["show", str(aid), "--json"])
        return articles[aid]

    uf = UF()
    file_arts = {}  # rel -> list of article dicts (may be empty)
    file_mat = {}
    for lab in labels:
        rel = lab["file"]
        r = by_path.get(rel)
        arts = []
        mid = r.get("material_id") if r else None
        m = material(mid)
        file_mat[rel] = (r, m)
        if m:
            for aid in m.get("article_ids") or []:
                a = article(aid)
                if a:
                    arts.append(a)
        file_arts[rel] = arts
        if mid is not None:
            uf.union(("f", rel), ("m", mid))
            if r and r.get("duplicate_of") is not None:
                uf.union(("m", mid), ("m", r["duplicate_of"]))
        for a in arts:
            if a.get("duplicate_of") is not None:
                d = article(a["duplicate_of"])
                dm = (d or {}).get("material", {}).get("id") if d else None
                if dm is not None:
                    uf.union(("m", mid), ("m", dm))

    def linked(f1, f2):
        return ("f", f1) in uf.p and ("f", f2) in uf.p and uf.find(("f", f1)) == uf.find(("f", f2))

    S = {k: [0, 0] for k in [
        "titles", "dates", "dates_dated", "dates_undated", "compilations", "declared_mismatch_reported",
        "joins", "first_chars", "last_chars", "paragraphs", "exact_links", "near_links", "contained_links",
        "news_category", "category_hint", "articles_found", "files_imported",
    ]}
    boiler_left = 0
    boiler_total = 0
    keep_lost = 0
    keep_total = 0
    stub_false = 0
    stub_pairs = 0
    details = []

    def tick(key, ok):
        S[key][1] += 1
        if ok:
            S[key][0] += 1
        return ok

    expected_groups = {}
    for lab in labels:
        rel = lab["file"]
        r, m = file_mat[rel]
        arts = file_arts[rel]
        d = {"file": rel, "kind": lab.get("kind"), "status": (r or {}).get("status"), "problems": []}
        tick("files_imported", bool(r) and r.get("status") in ("imported", "duplicate"))
        if not r:
            d["problems"].append("not in the import report")
        elif r.get("status") == "rejected":
            d["problems"].append("rejected: " + str(r.get("reason")))
        paras_all = [norm(p) for a in arts for p in (a.get("paragraphs") or [])]
        titles_all = [norm(a.get("title")) for a in arts]
        text_all = "\n".join(paras_all)

        # match each labelled article to an imported one: by its first and last characters
        used = set()
        for i, la in enumerate(lab.get("articles") or []):
            fc, lc = norm(la.get("first_chars")), norm(la.get("last_chars"))
            cand = None
            for j, a in enumerate(arts):
                if j in used:
                    continue
                body = "".join(norm(p) for p in a.get("paragraphs") or [])
                if fc and fc in body:
                    cand = j
                    break
            if cand is None:
                for j, a in enumerate(arts):
                    body = "".join(norm(p) for p in a.get("paragraphs") or [])
                    if j not in used and lc and lc in body:
                        cand = j
                        break
            a = arts[cand] if cand is not None else None
            if cand is not None:
                used.add(cand)
            tick("articles_found", a is not None)
            want = [norm_title(la.get("title"))] + [norm_title(t) for t in la.get("title_alts") or []]
            got = norm_title((a or {}).get("title"))
            if not tick("titles", a is not None and got in want):
                d["problems"].append(f"title: want {la.get('title')!r} got {(a or {}).get('title')!r}")
            if la.get("date_scored"):
                ok = a is not None and date_right(la.get("date"), a)
                tick("dates", ok)
                tick("dates_dated" if la.get("date") else "dates_undated", ok)
                if not ok:
                    d["problems"].append(f"date: want {la.get('date')} got {(a or {}).get('date', (a or {}).get('year'))}")
            paras = [norm(p) for p in (a or {}).get("paragraphs") or []]
            pre = {norm(x) for x in la.get("preamble") or []}
            post = {norm(x) for x in la.get("postamble") or []}
            body = [p for p in paras if p not in pre]
            while body and body[-1] in post:
                body.pop()
            if not tick("first_chars", bool(body) and body[0].startswith(norm(la.get("first_chars")))):
                d["problems"].append(f"start: want {la.get('first_chars')!r} got {(body[0][:12] if body else None)!r}")
            tick("last_chars", bool(body) and body[-1].endswith(norm(la.get("last_chars"))))
            if not tick("paragraphs", len(body) == la.get("paragraphs")):
                d["problems"].append(f"paragraphs: want {la.get('paragraphs')} got {len(body)}")
            cat = (a or {}).get("category")
            if lab.get("category_hint") == "新闻":
                if not tick("news_category", a is not None and cat not in NEWSLIKE_BAD):
                    d["problems"].append(f"news item categorised {cat}")
            if lab.get("category_hint"):
                tick("category_hint", cat == lab["category_hint"] or (lab["category_hint"] == "新闻" and cat in ("新闻", "其他", "报道", "信息")))

        if lab.get("compilation"):
            n = len(arts)
            ok = tick("compilations", n == lab.get("article_count"))
            if not ok:
                d["problems"].append(f"compilation: want {lab.get('article_count')} articles got {n}")
            if lab.get("declared_count") is not None and lab.get("declared_count") != lab.get("article_count"):
                warned = bool((m or {}).get("warnings"))
                tick("declared_mismatch_reported", warned)

        for left, right in lab.get("joins") or []:
            ph = norm(left) + norm(right)
            if not tick("joins", any(ph in p for p in paras_all)):
                if len(d["problems"]) < 30:
                    d["problems"].append(f"not joined: {left}|{right}")
        for b in lab.get("boilerplate") or []:
            nb = norm(b)
            boiler_total += 1
            if not nb:
                continue
            if len(nb) >= 4:
                left = any(nb in p for p in paras_all) or nb in titles_all
            else:
                left = any(p == nb or p.endswith(nb) or p.startswith(nb) for p in paras_all)
            if left:
                boiler_left += 1
                d["problems"].append(f"boilerplate left: {b}")
        for k in lab.get("keep") or []:
            keep_total += 1
            if norm(k) not in text_all and norm(k) not in titles_all:
                keep_lost += 1
                d["problems"].append(f"kept text lost: {k[:30]}")

        dup = lab.get("duplicate_of")
        if dup:
            key = {"exact": "exact_links", "near": "near_links", "contained": "contained_links"}.get(lab.get("duplicate_kind"), "exact_links")
            if not tick(key, linked(rel, dup)):
                d["problems"].append(f"not linked to {dup} ({lab.get('duplicate_kind')})")
            expected_groups.setdefault(dup, set()).add(rel)
        for other in lab.get("not_duplicate_of") or []:
            stub_pairs += 1
            if linked(rel, other):
                stub_false += 1
                d["problems"].append(f"falsely linked to {other}")
        details.append(d)

    # links between files that the labels do not relate
    related = {}
    for lab in labels:
        g = {lab["file"]} | ({lab["duplicate_of"]} if lab.get("duplicate_of") else set())
        for f in g:
            related.setdefault(f, set()).update(g)
    for root, members in expected_groups.items():
        for f in members | {root}:
            related.setdefault(f, set()).update(members | {root})
    groups = {}
    for lab in labels:
        if ("f", lab["file"]) in uf.p:
            groups.setdefault(uf.find(("f", lab["file"])), []).append(lab["file"])
    unexpected = 0
    for g in groups.values():
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                if b not in related.get(a, set()):
                    unexpected += 1

    summ = report.get("summary", {})
    chars = summ.get("chars") or 0
    secs = summ.get("seconds") or wall
    res = {
        "set": str(set_dir),
        "files": len(labels),
        "binary": sucai,
        "pct": {k: (round(100.0 * v[0] / v[1], 1) if v[1] else None) for k, v in S.items()},
        "counts": {k: v for k, v in S.items()},
        "boilerplate_left": boiler_left,
        "boilerplate_lines": boiler_total,
        "kept_lost": keep_lost,
        "kept_phrases": keep_total,
        "stub_false_links": stub_false,
        "stub_pairs": stub_pairs,
        "unexpected_links": unexpected,
        "import_chars": chars,
        "import_seconds": round(secs, 3),
        "import_chars_per_s": round(chars / secs) if secs else None,
        "import_wall_seconds": round(wall, 3),
        "report_summary": summ,
    }
    if args.details:
        with open(args.details, "w", encoding="utf-8") as f:
            for d in details:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    if tmp and not args.keep_data:
        shutil.rmtree(tmp, ignore_errors=True)
    elif tmp:
        res["data"] = str(data)

    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return

    def pc(k):
        n, m = S[k]
        return f"{100.0 * n / m:5.1f} %  ({n}/{m})" if m else "   n/a"

    def nm(k):
        n, m = S[k]
        return f"{n}/{m}"

    rows = [
        ("files imported (not rejected)", nm("files_imported")),
        ("articles found (by their text)", pc("articles_found")),
        ("titles right", pc("titles")),
        ("dates right (scored articles)", pc("dates")),
        ("  of which dated", pc("dates_dated")),
        ("  of which undated (no date wanted)", pc("dates_undated")),
        ("compilation counts exact", nm("compilations")),
        ("wrong declared counts reported", nm("declared_mismatch_reported")),
        ("mid-sentence breaks joined", pc("joins")),
        ("article starts right", pc("first_chars")),
        ("article ends right", pc("last_chars")),
        ("paragraph counts right", pc("paragraphs")),
        ("boilerplate lines left", f"{boiler_left} of {boiler_total}"),
        ("kept phrases lost", f"{keep_lost} of {keep_total}"),
        ("cross-format copies linked", nm("exact_links")),
        ("near-copies linked", nm("near_links")),
        ("contained copies linked", nm("contained_links")),
        ("stub false links", f"{stub_false} of {stub_pairs} pairs"),
        ("other unexpected links", str(unexpected)),
        ("news not filed as 研讨发言/讲话/…", nm("news_category")),
        ("category = hint", pc("category_hint")),
        ("import chars/s", f"{res['import_chars_per_s']}  ({chars} chars, {secs:.2f} s; wall {wall:.2f} s)"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"ingest-eval: {len(labels)} files in {set_dir}")
    print("| metric" + " " * (w - 6) + " | score |")
    print("|" + "-" * (w + 1) + "|-------|")
    for k, v in rows:
        print(f"| {k}{' ' * (w - len(k) - sum(1 for c in k if ord(c) > 0x2e80))} | {v} |")


if __name__ == "__main__":
    main()
