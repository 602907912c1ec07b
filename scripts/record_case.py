#!/usr/bin/env python3
"""Record (or check) the real Docker Compose's output for conformance cases.

    scripts/record_case.py CASE_DIR...          write expected.* from the oracle
    scripts/record_case.py --check CASE_DIR...  re-run and report drift (exit 1 on any)
    scripts/record_case.py --index              print the index table of fixtures/conformance

A case folder holds `cmd` (one shell-quoted line of docker-compose arguments), `shell.env`
(the complete environment, KEY=VALUE lines; `#` and blank lines ignored), optionally `cwd`
(a sub-folder to run from), `NOTES` (one line) and the inputs. The oracle runs in a scratch
copy with the same folder name (the default project name), under exactly that environment.
Outputs: expected.json (stdout, when the command has --format json) or expected.txt,
expected.err (logrus lines de-duplicated and sorted first, then other lines in order),
expected.rc; the scratch path is replaced by <CASEDIR> everywhere.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORACLE = Path.home() / ".cache/compose-oracle/venv/lib/python3.11/site-packages/compose/docker-compose"


def oracle():
    path = Path(os.environ.get("COMPOSELINT_ORACLE", DEFAULT_ORACLE))
    if not path.exists():
        sys.exit(f"oracle not found at {path}: run ../shared/semantics/install-oracle.sh")
    return path


def run(case: Path, dc: Path):
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / case.name
        shutil.copytree(case, work, symlinks=True,
                        ignore=shutil.ignore_patterns("expected.*"))
        env = {}
        shell = case / "shell.env"
        if shell.exists():
            for line in shell.read_text().splitlines():
                if not line or line.startswith("#") or "=" not in line:
                    continue
                k, v = line.split("=", 1)
                env[k] = v
        rundir = work
        if (case / "cwd").exists():
            rundir = work / (case / "cwd").read_text().splitlines()[0].strip()
        if (work / "setup.sh").exists():
            subprocess.run(["bash", "./setup.sh"], cwd=work, check=False)
        args = shlex.split((case / "cmd").read_text().splitlines()[0])
        p = subprocess.run([str(dc), *args], cwd=rundir, env=env, capture_output=True)
        norm = lambda b: b.decode("utf-8", "replace").replace(str(work), "<CASEDIR>")
        out = norm(p.stdout)
        err_lines = [re.sub(r'^time="[^"]*" ', "", l) for l in norm(p.stderr).splitlines()]
        logrus = sorted(set(l for l in err_lines if l.startswith("level=")))
        others = [l for l in err_lines if not l.startswith("level=")]
        err = "".join(l + "\n" for l in logrus + others)
        ext = "json" if ("--format json" in " ".join(args) or "--format=json" in args) else "txt"
        return out, err, p.returncode, ext


def record(case: Path, dc: Path, check: bool) -> bool:
    out, err, rc, ext = run(case, dc)
    expected = {f"expected.{ext}": out, "expected.err": err, "expected.rc": f"{rc}\n"}
    if check:
        ok = True
        for name, text in expected.items():
            path = case / name
            have = path.read_text() if path.exists() else ""
            if have != text and not (name != "expected.rc" and not text and not path.exists()):
                ok = False
        print(f"{case.name:50} {'ok' if ok else 'DRIFT'}")
        return ok
    for old in case.glob("expected.*"):
        old.unlink()
    for name, text in expected.items():
        if text:
            (case / name).write_text(text)
    print(f"{case.name:50} rc={rc}")
    return True


def index():
    print("| case | cmd | rc | what it shows |")
    print("| --- | --- | --- | --- |")
    for case in sorted((ROOT / "fixtures/conformance").iterdir()):
        if not (case / "cmd").exists():
            continue
        cmd = (case / "cmd").read_text().splitlines()[0]
        rc = (case / "expected.rc").read_text().strip() if (case / "expected.rc").exists() else "?"
        notes = (case / "NOTES").read_text().strip().removeprefix("# ") if (case / "NOTES").exists() else ""
        notes = notes.replace("|", "\\|")
        print(f"| `{case.name}` | `{cmd}` | {rc} | {notes} |")


def main():
    args = sys.argv[1:]
    if args == ["--index"]:
        index()
        return
    check = bool(args) and args[0] == "--check"
    if check:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    dc = oracle()
    ok = all([record(Path(a).resolve(), dc, check) for a in args])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
