"""memo search on a generated library of 1,000 memos (mixed Mandarin and English): index time and query latency.

    PYTHONPATH=src .venv/bin/python bench/bench_search.py [--memos 1000] [--segments 40]

Memos are memo's own transcript JSON, built from the sentences of the shipped samples (samples/memo_zh.txt,
samples/sense_and_sensibility.txt, tests/data/memo_en.txt) in random order, with times, two speakers and a
recording date in the name. Latency is measured in-process (warm, median and worst over repeats) and as a whole
`memo search` command (Python start-up included), for Chinese and English queries, with and without filters.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The last two are not in the samples: what a query with no match costs.
QUERIES = ["离职", "工作 压力", "迷茫", "自驱力", "职", "小城市", "Dashwood", "amiable", "decide", "budget meeting"]


def sentences() -> tuple[list[str], list[str]]:
    from memo.structure.loaders import split_sentences

    def read(path: Path) -> list[str]:
        return [s for line in path.read_text(encoding="utf-8").splitlines() for s in split_sentences(line.strip())]

    en = read(ROOT / "samples" / "sense_and_sensibility.txt") + read(ROOT / "tests" / "data" / "memo_en.txt")
    return read(ROOT / "samples" / "memo_zh.txt"), en


def generate(folder: Path, memos: int, segments: int, seed: int = 7) -> None:
    from memo.records import Segment, Transcript
    from memo.writers import write_outputs

    zh, en = sentences()
    rng = random.Random(seed)
    for i in range(memos):
        language, pool = ("zh", zh) if rng.random() < 0.6 else ("en", en)
        day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}_{i // 60 % 24:02d}-{i % 60:02d}-00"
        clock, segs = 0.0, []
        for _ in range(segments):
            text = rng.choice(pool)
            length = max(1.0, len(text) / (4 if language == "zh" else 15))
            segs.append(Segment(round(clock, 2), round(clock + length, 2), text, speaker=rng.choice(("Host", "Guest"))))
            clock += length + 0.3
        sub = folder / f"{i // 100:02d}"
        transcript = Transcript(str(sub / f"{day}.wav"), language, clock, tuple(segs))
        write_outputs(transcript, ["json"], sub / day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memos", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="memo-bench-search-"))
    os.environ["MEMO_INDEX"] = str(work / "index" / "memo.sqlite3")
    from memo.library import Library

    t0 = time.perf_counter()
    generate(work / "memos", args.memos, args.segments)
    t1 = time.perf_counter()
    with Library() as library:
        files, rows, _, problems = library.add_folders([work / "memos"])
        assert not problems, problems[:3]
        t2 = time.perf_counter()
        size = Path(os.environ["MEMO_INDEX"]).stat().st_size
        print(f"generated {args.memos} memos in {t1 - t0:.1f} s; indexed {files} files, {rows} rows in {t2 - t1:.1f} s"
              f" ({rows / (t2 - t1):.0f} rows/s); index {size / 1e6:.1f} MB")  # fmt: skip
        print(f"{'query':<16} {'hits':>5} {'median ms':>10} {'worst ms':>9}   filtered (since+speaker) median ms")
        worst_all = 0.0
        for query in QUERIES:
            times, filtered = [], []
            for _ in range(args.repeats):
                start = time.perf_counter()
                hits = library.search(query)
                times.append(time.perf_counter() - start)
                start = time.perf_counter()
                library.search(query, since="2026-06-01", speaker="Guest", folder=work / "memos" / "03")
                filtered.append(time.perf_counter() - start)
            worst_all = max(worst_all, max(times), max(filtered))
            print(f"{query:<16} {len(hits):>5} {statistics.median(times) * 1000:>10.1f} {max(times) * 1000:>9.1f}"
                  f"   {statistics.median(filtered) * 1000:.1f}")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # Baseline in the same run: `memo --version` is Python and memo's start-up alone.
    for command in (["--version"], ["search", "离职"], ["search", "Dashwood"]):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "memo", *command], capture_output=True, env=env)
            runs.append(time.perf_counter() - start)
            assert done.returncode == 0, done.stderr
        print(f"`memo {' '.join(command)}` as a command: median {statistics.median(runs) * 1000:.0f} ms "
              f"(worst {max(runs) * 1000:.0f} ms)")  # fmt: skip
    print(f"worst in-process query: {worst_all * 1000:.1f} ms ({'< 1 s' if worst_all < 1 else 'OVER 1 s'})")


if __name__ == "__main__":
    main()
