"""Cost of the llm outline engine next to the offline engine: time, requests, tokens, bullets.

    .venv/bin/python bench/bench_outline.py                                     # samples/memo_zh.txt
    .venv/bin/python bench/bench_outline.py --base-url http://127.0.0.1:8081/v1 memo.txt other.txt
    MEMO_LLM_BUDGET=0 .venv/bin/python bench/bench_outline.py ...               # no time budget: every step

Without --base-url it starts llama.cpp's server with SmolLM2-135M (the test model: the numbers then measure
cost and plumbing, not quality). Both engines run on the same memos in the same run, so the ratio holds on a
busy machine where the seconds do not. Quality (key points against checklists) is bench/eval_outline.py's job.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    from memo.structure import OutlineOptions, load_transcript, outline
    from memo.structure.endpoint import LLMSettings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("memos", nargs="*", type=Path, default=[ROOT / "samples" / "memo_zh.txt"])
    parser.add_argument("--base-url")
    parser.add_argument("--model", default="")
    args = parser.parse_args(argv)

    server = None
    if args.base_url is None:
        from llm_server import LlamaServer, smollm2_path

        server = LlamaServer(smollm2_path(), n_ctx=4096)
        args.base_url = server.base_url
    settings = LLMSettings(args.base_url.rstrip("/"), "not-needed", args.model)
    print("| memo | chars | engine | seconds | requests | prompt tok | completion tok | bullets | used / refused |")
    print("|---|---|---|---|---|---|---|---|---|")
    try:
        for path in args.memos:
            transcript = load_transcript(path)
            for engine in ("offline", "llm"):
                started = time.perf_counter()
                result = outline(transcript, OutlineOptions(engine=engine), llm=settings if engine == "llm" else None)
                seconds = time.perf_counter() - started
                stats = result.stats
                bullets = sum(len(s.points) for s in result.sections)
                used = ", ".join(f"{k} {v}" for k, v in stats.get("used", {}).items())
                refused = ", ".join(f"{k} {v}" for k, v in stats.get("refused", {}).items())
                skipped = ", ".join(f"{k} {v}" for k, v in stats.get("skipped", {}).items())
                print(f"| {path.name} | {len(transcript.text)} | {result.engine} | {seconds:.1f} | "
                      f"{stats.get('requests', 0)} | {stats.get('prompt_tokens', 0)} | "
                      f"{stats.get('completion_tokens', 0)} | {bullets} | {used} / {refused or '-'}"
                      f"{' (skipped: ' + skipped + ')' if skipped else ''} |", flush=True)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
