#!/usr/bin/env python3
"""What an import moved to the materials' trailers (boilerplate cut from the articles).

    python3 tools/ingest-eval/trailers.py DATA [--top 40]

Reads DATA/sucai.db (an embedded library) and prints how many materials have a trailer, how
many characters moved there, the lines most often moved, and the distinct lines moved once.
Standard library only.
"""

import argparse
import collections
import sqlite3
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    db = sqlite3.connect(args.data / "sucai.db")
    materials = db.execute("SELECT COUNT(*) FROM materials").fetchone()[0]
    rows = db.execute("SELECT trailer FROM materials WHERE trailer != ''").fetchall()
    lines = collections.Counter(l for (t,) in rows for l in t.split("\n") if l.strip())
    print(f"materials: {materials}; with a trailer: {len(rows)}")
    print(f"characters moved: {sum(len(t) for (t,) in rows)}; lines: {sum(lines.values())} ({len(lines)} distinct)")
    print(f"\nmost often moved (times, line):")
    for line, n in lines.most_common(args.top):
        print(f"{n:6}  {line[:100]}")
    once = [l for l, n in lines.items() if n == 1]
    print(f"\nmoved once: {len(once)} lines; the first {min(args.top, len(once))}:")
    for line in once[: args.top]:
        print(f"        {line[:100]}")


if __name__ == "__main__":
    main()
