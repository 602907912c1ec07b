#!/usr/bin/env python3
"""Run `composelint config` and the real Docker Compose side by side on every compose file of
../shared/corpus (each file alone, `-f FILE config --format json` from its own directory, in an
empty environment, as corpus/README.md describes) and classify the outcomes:

  both-fail       both refuse the file (messages compared separately)
  same            both load it, with the same environment for every service
  env-differs     both load it, some service environment differs
  we-fail         Compose loads it, composelint refuses it
  oracle-fails    Compose refuses it, composelint loads it

Usage: scripts/corpus_compare.py [--oracle PATH] [--jobs N] [--out results.tsv]
Needs a release build (cargo build --release) and the oracle
(../shared/semantics/install-oracle.sh prints its path).
"""

import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORACLE = Path.home() / ".cache/compose-oracle/venv/lib/python3.11/site-packages/compose/docker-compose"


def run(cmd, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, env={}, capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return 124, "", "timeout"
    except OSError as e:
        return 125, "", str(e)


def last_error(stderr):
    """The error message, whole (multi-line messages joined): ours after `composelint:
    error:` up to the `-->` location line, Compose's as its non-warning lines."""
    lines = stderr.splitlines()
    for i, l in enumerate(lines):
        if l.startswith("composelint: error: "):
            msg = [l.removeprefix("composelint: error: ")]
            for more in lines[i + 1:]:
                if more.startswith("  --> "):
                    break
                msg.append(more)
            return " ".join(m for m in msg if m.strip())
    return " ".join(l for l in lines if l.strip() and "level=warning" not in l)


def environments(stdout):
    try:
        doc = json.loads(stdout)
    except ValueError:
        return None
    return {name: svc.get("environment") for name, svc in (doc.get("services") or {}).items()}


def compare(path, oracle, ours):
    cwd = path.parent
    name = path.name
    o_rc, o_out, o_err = run([str(oracle), "-f", name, "config", "--format", "json"], cwd)
    c_rc, c_out, c_err = run([str(ours), "-f", name, "config", "--format", "json"], cwd)
    if o_rc != 0 and c_rc != 0:
        o_msg, c_msg = last_error(o_err), last_error(c_err)
        kind = "both-fail"
        detail = "same message" if o_msg.strip() == c_msg.strip() else f"oracle: {o_msg} | ours: {c_msg}"
    elif o_rc == 0 and c_rc == 0:
        same = environments(o_out) == environments(c_out)
        kind = "same" if same else "env-differs"
        detail = "" if same else "environments differ"
        if same and o_out == c_out:
            detail = "byte-identical"
    elif o_rc == 0:
        kind, detail = "we-fail", last_error(c_err)
    else:
        kind, detail = "oracle-fails", last_error(o_err)
    return kind, detail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.environ.get("COMPOSELINT_ORACLE", str(DEFAULT_ORACLE)))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default="corpus-compare.tsv")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    ours = ROOT / "target/release/composelint"
    oracle = Path(args.oracle)
    if not oracle.exists() or not ours.exists():
        sys.exit(f"missing {oracle if not oracle.exists() else ours}")
    files = []
    with open(corpus / "MANIFEST.tsv") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("kind") == "compose":
                files.append(corpus / "files" / row["repo"].replace("/", "__") / row["path"])
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(compare, p, oracle, ours): p for p in files}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut]] = fut.result()
    counts = Counter(kind for kind, _ in results.values())
    with open(args.out, "w") as out:
        out.write("path\tkind\tdetail\n")
        for p in sorted(results):
            kind, detail = results[p]
            out.write(f"{p.relative_to(corpus / 'files')}\t{kind}\t{detail}\n")
    same_msg = sum(1 for k, d in results.values() if k == "both-fail" and d == "same message")
    identical = sum(1 for k, d in results.values() if d == "byte-identical")
    print(f"{len(files)} compose files")
    for kind in ["same", "both-fail", "env-differs", "we-fail", "oracle-fails"]:
        print(f"  {kind:13} {counts.get(kind, 0)}")
    print(f"  (both-fail with the same message: {same_msg}; byte-identical documents: {identical})")
    print(f"details: {args.out}")


if __name__ == "__main__":
    main()
