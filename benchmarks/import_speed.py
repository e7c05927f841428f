"""`humaskit import` on a 200,000-row tweet-harvest export, whole process, beside pandas reading and
writing the same file (the floor any importer stands on).

    python benchmarks/import_speed.py [--rows 200000] [--xlsx-rows 200000]

Input (written to a temporary folder, never into the repository): a tweet-harvest 2.7.1 CSV with
ROWS tweets of one agency's conversations: one in ten rows an agency post, the rest replies (one
in five of them the agency's answer), citizens' texts drawn from the real tweets in
../shared/realworld/id-public-opinion-tweets when present (else the corpus comments), one in fifty
with a synthetic phone number or NIK, 0.5% duplicated rows, times in UTC in the legacy X form and
ISO 8601. An export of XLSX_ROWS rows made the same way, as XLSX (read with calamine, openpyxl
only for the sheet list and, when the workbook has formulas, the formula check).

For each: wall-clock seconds, CPU seconds and peak memory of the whole `humaskit import` process
with its progress bar on (stderr), then a check that the written tables pass the kit's loaders,
with the load average before each run. The machine (2 cores) is shared with other work, so
wall-clock time varies with the load; CPU time less so.

Target (issue 14): 200,000 rows in under 20 s. Exits 1 when missed. Writes
benchmarks/results/import_speed.txt.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# the shared real-world data beside the project (a helper's worktree elsewhere sets HUMASKIT_REALWORLD)
REAL = Path(os.environ.get("HUMASKIT_REALWORLD", ROOT.parent / "shared" / "realworld")) / \
    "id-public-opinion-tweets"
TARGET_SECONDS = 20
ACCOUNT = "pemkablembahhijau"
COLUMNS = ["conversation_id_str", "created_at", "favorite_count", "full_text", "id_str", "image_url",
           "in_reply_to_screen_name", "lang", "location", "quote_count", "reply_count", "retweet_count",
           "tweet_url", "user_id_str", "username"]


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def citizen_texts() -> tuple[np.ndarray, str]:
    if REAL.is_dir():
        frames = [pd.read_csv(f, sep="\t", dtype=str) for f in sorted(REAL.glob("*Data.csv"))]
        texts = pd.concat(frames)["Tweet"].dropna().astype(str).to_numpy()
        return texts, f"{len(texts):,} real Indonesian tweets (id-public-opinion-tweets)"
    texts = pd.read_csv(ROOT / "datasets" / "comments.csv")["text"].dropna().astype(str).to_numpy()
    return texts, f"{len(texts):,} corpus comments (real tweets absent)"


def make_export(rows: int) -> tuple[pd.DataFrame, str]:
    rng = np.random.default_rng(14)
    texts, source = citizen_texts()
    posts = pd.read_csv(ROOT / "datasets" / "posts.csv")["text"].dropna().astype(str).to_numpy()
    n_posts = rows // 10
    post_ids = 1_768_000_000_000_000_000 + np.arange(n_posts) * 1000
    start = pd.Timestamp("2024-01-01T00:00:00Z")
    post_times = start + pd.to_timedelta(np.sort(rng.integers(0, 365 * 86400, n_posts)), unit="s")
    n_replies = rows - n_posts
    parent = rng.integers(0, n_posts, n_replies)
    delay = pd.to_timedelta(rng.integers(60, 3 * 86400, n_replies), unit="s")
    agency = rng.random(n_replies) < 0.2
    pii = rng.random(n_replies) < 0.02
    reply_texts = texts[rng.integers(0, len(texts), n_replies)].astype(object)
    for j in np.flatnonzero(pii):
        reply_texts[j] += (f" wa 0812{rng.integers(10_000_000, 99_999_999)}" if j % 2 else
                           f" nik 3201{rng.integers(10**11, 10**12 - 1)}")
    conv = np.concatenate([post_ids, post_ids[parent]]).astype(str)
    frame = pd.DataFrame({
        "conv": conv,
        "time": np.concatenate([post_times, post_times[parent] + delay]),
        "fav": np.concatenate([rng.integers(0, 500, n_posts), np.zeros(n_replies, dtype=int)]).astype(str),
        "text": np.concatenate([posts[rng.integers(0, len(posts), n_posts)],
                                np.array([f"@{ACCOUNT} {t}" for t in reply_texts], dtype=object)]),
        "id": np.concatenate([post_ids, 1_900_000_000_000_000_000 + np.arange(n_replies)]).astype(str),
        "user": np.concatenate([np.full(n_posts, ACCOUNT, dtype=object),
                                np.where(agency, ACCOUNT, np.char.add("warga", rng.integers(
                                    0, 40_000, n_replies).astype(str)).astype(object))]),
        "reply_to": [""] * n_posts + [ACCOUNT] * n_replies,
    })
    legacy = rng.random(len(frame)) < 0.5
    times = pd.to_datetime(frame["time"], utc=True)
    frame["created_at"] = np.where(legacy, times.dt.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                                   times.dt.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    out = pd.DataFrame({
        "conversation_id_str": frame["conv"], "created_at": frame["created_at"],
        "favorite_count": frame["fav"], "full_text": frame["text"], "id_str": frame["id"], "image_url": "",
        "in_reply_to_screen_name": frame["reply_to"], "lang": "in", "location": "", "quote_count": "0",
        "reply_count": "0",
        "retweet_count": "0", "tweet_url": "https://x.com/" + frame["user"] + "/status/" + frame["id"],
        "user_id_str": "1", "username": frame["user"]})[COLUMNS]
    dup = out.sample(n=rows // 200, random_state=14)  # 0.5% of the rows again
    out = pd.concat([out.iloc[:rows - len(dup)], dup]).sample(frac=1.0, random_state=1).reset_index(drop=True)
    return out, source


# The child reports its own peak memory (VmHWM, reset by exec): ru_maxrss would include the
# benchmark's own memory, which the forked child carries until it execs.
CHILD = """
import sys
from humaskit.cli import main
code = main(sys.argv[1:])
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM")]
sys.stderr.write("\\nPEAK_KB " + (peak[0].split()[1] if peak else "0") + "\\n")
sys.exit(code)
"""


def run_import(source: Path, folder: Path) -> tuple[float, float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, "import", str(source), "--account", ACCOUNT,
                                 "--out", str(folder)], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        message = out.read().decode("utf-8", "replace")
        bar = err.read().decode("utf-8", "replace")
    if code != 0:
        raise SystemExit(f"humaskit import failed ({code}): {message}{bar[-2000:]}")
    peak = [line.split()[1] for line in bar.splitlines() if line.startswith("PEAK_KB ")]
    return seconds, usage.ru_utime + usage.ru_stime, int(peak[-1]) / 1024 if peak else float("nan"), message


def reference(source: Path, folder: Path) -> float:
    start = time.perf_counter()
    df = pd.read_csv(source, dtype=str, keep_default_na=False)
    df.to_csv(folder / "copy.csv", index=False)
    return time.perf_counter() - start


def check(folder: Path) -> tuple[int, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from humaskit.data import corpus

    posts = corpus.load_posts(folder / "posts.csv", require_label=False)
    comments = corpus.load_comments(folder / "comments.csv", posts=posts, require_kind=False)
    return len(posts), len(comments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    args = parser.parse_args()
    lines = ["# Import speed (humaskit import, tweet-harvest layout)",
             f"{os.cpu_count()} cores; {load()} at the start; the machine is shared with other "
             "helpers' work, so wall-clock time varies with the load (CPU time less so)", ""]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        export, source = make_export(args.rows)
        lines.append(f"Input: {len(export):,} rows ({export['full_text'].str.len().sum() / 1e6:.1f} M "
                     f"characters of text); citizens' texts from {source}")
        csv_path = tmp_path / "tweets.csv"
        export.to_csv(csv_path, index=False)
        lines += ["", "input                         seconds   CPU s  peak MB   posts  comments  load before",
                  "-" * 96]
        before = load()
        floor = reference(csv_path, tmp_path)
        lines.append(f"{'pandas read_csv + to_csv':<28}{floor:>9.1f}       -        -       -         -  "
                     f"{before}  (reference floor)")
        runs = [("csv", csv_path, len(export))]
        if args.xlsx_rows:
            xlsx_path = tmp_path / "tweets.xlsx"
            make_export(args.xlsx_rows)[0].to_excel(xlsx_path, index=False)  # whole conversations
            runs.append(("xlsx", xlsx_path, args.xlsx_rows))
        del export  # the child processes start small
        for kind, path, n in runs:
            before = load()
            folder = tmp_path / f"out-{kind}"
            seconds, cpu, peak, message = run_import(path, folder)
            posts, comments = check(folder)
            lines.append(f"{f'{n:,} rows {kind.upper()}':<28}{seconds:>9.1f}{cpu:>8.1f}{peak:>9.0f}"
                         f"{posts:>8,}{comments:>10,}  {before}")
            if kind == "csv":
                ok &= seconds < TARGET_SECONDS
                summary = message
        cpu_note = ("CPU seconds are the work of the process itself (user + system); on a machine "
                    "with a free core the wall-clock time is close to them. Wall-clock seconds above "
                    "are what this run took on the shared machine at the load shown.")
        lines += ["", f"Target: {args.rows:,} CSV rows in under {TARGET_SECONDS} s (wall-clock): "
                      f"{'met' if ok else 'MISSED'} in this run.", cpu_note, "",
                  "Summary printed by the CSV import:", summary]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "import_speed.txt").write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
