"""What a request given up on costs the next one: asked plainly, the local server finishes it first.

    .venv/bin/python bench/bench_abandoned.py                                   # SmolLM2-135M, started here
    .venv/bin/python bench/bench_abandoned.py --base-url http://127.0.0.1:8080/v1 --give-up 5

A long answer is asked for and given up on after --give-up seconds (a memo's time budget running out), then a
short request is timed. Streamed (how memo asks a local server), closing the connection stops the long answer;
asked plainly (memo before), llama-cpp-python's server computes it to its end while the short one waits. The
short request alone, on the idle server, is the baseline, measured in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

STORY = "Write a very long story about a beekeeper, at least two thousand words, in plain prose."


def main(argv: list[str] | None = None) -> int:
    from memo.structure.endpoint import Endpoint, LLMSettings, TimedOut, json_object

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url")
    parser.add_argument("--give-up", type=float, default=2.0, help="seconds before the long answer is given up on")
    parser.add_argument("--long-tokens", type=int, default=1500)
    args = parser.parse_args(argv)

    server = None
    if args.base_url is None:
        from llm_server import LlamaServer, smollm2_path

        server = LlamaServer(smollm2_path(), n_ctx=4096)
        args.base_url = server.base_url
    url = args.base_url.rstrip("/")

    def short() -> float:
        endpoint = Endpoint(LLMSettings(url, "not-needed", "", 600))
        started = time.perf_counter()
        endpoint.ask("Answer in JSON.", 'Reply with {"ok": true}.', json_object(ok={"type": "boolean"}), "ok", 20,
                     retry=False)
        return time.perf_counter() - started

    def given_up(streams: bool) -> float:
        endpoint = Endpoint(LLMSettings(url, "not-needed", "", args.give_up))
        learnt = endpoint.quirks.mode  # the short request's structured-output mode, found by the warm-up
        endpoint.quirks.mode, endpoint.quirks.streams = "text", streams  # no grammar: a long answer
        with contextlib.suppress(TimedOut):  # given up on, as a memo's time budget runs out
            endpoint.ask("You are a storyteller.", STORY, {"type": "object"}, "story", args.long_tokens, retry=False)
        endpoint.quirks.mode, endpoint.quirks.streams = learnt, True
        return short()

    try:
        short()  # warm: the model's first prompt
        alone = short()
        streamed = given_up(streams=True)
        plain = given_up(streams=False)
        short()  # the server is free again
    finally:
        if server is not None:
            server.stop()
    print(f"| short request | seconds | x alone |\n|---|---|---|\n| alone (baseline) | {alone:.2f} | 1.0 |")
    for name, seconds in (("after one given up on, streamed (memo)", streamed),
                          ("after one given up on, asked plainly (memo before)", plain)):
        print(f"| {name} | {seconds:.2f} | {seconds / alone:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
