"""Mandarin accuracy of candidate decoding settings on real speech, with English WER as the guard rail.

Every configuration runs on the same audio in one run, next to plain faster-whisper decoding sequentially
with the same weights (the baseline). Sets, scored apart:

- zh dev / zh held-out: the real Mandarin clips of scripts/fetch_speech.py (their ``split``), one file each;
  settings were chosen on dev, held-out is reported, not tuned on.
- zh joined: every clip twice, in two orders, with 0.3-0.8 s gaps (one ~33 s file): long-file behaviour,
  dropped phrases, repeated phrases, and the longest segment.
- zh synthetic: espeak-ng reading pinyin (~30 s): a stress test (loops, long input), not a quality reference.
- en LibriVox: the five clips of Debian's pocketsphinx-testdata (WER).

CER after normalising both sides: Traditional -> Simplified, Chinese numerals -> digits (cn2an), no
punctuation or spaces. RTF = processing seconds per audio second (lower is faster), summed over a set.

    .venv/bin/python bench/bench_mandarin.py            # ~3 min on 2 busy cores
    .venv/bin/python bench/bench_mandarin.py --only "memo default"
"""

from __future__ import annotations

import argparse
import json
import re
import runpy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
_ANTI_REPEAT = {"condition_on_previous_text": False, "repetition_penalty": 1.1, "no_repeat_ngram_size": 3}

CONFIGS = {
    # name: TranscribeOptions overrides, plus "decoding": memo's extra settings for Chinese (LANGUAGE_DECODING).
    "faster-whisper sequential (baseline)": {"plain": True},
    "memo default": {},
    "memo 0.1: batched x8 + anti-repeat": {"batch_size": 8, "decoding": _ANTI_REPEAT},
    "memo 0.1 sequential: + anti-repeat": {"batch_size": 1, "decoding": _ANTI_REPEAT},
    "sequential, no previous text": {"batch_size": 1, "decoding": {"condition_on_previous_text": False}},
    "sequential, previous text": {"batch_size": 1, "decoding": {}},
    "sequential, no previous text, no VAD": {
        "batch_size": 1, "vad": False, "decoding": {"condition_on_previous_text": False}
    },
    "sequential, no previous text, beam 1": {
        "batch_size": 1, "beam_size": 1, "decoding": {"condition_on_previous_text": False}
    },
    "sequential, no previous text, beam 10": {
        "batch_size": 1, "beam_size": 10, "decoding": {"condition_on_previous_text": False}
    },
    "sequential, no previous text, no low-confidence fallback": {
        "batch_size": 1, "decoding": {"condition_on_previous_text": False, "log_prob_threshold": None}
    },
}


def mandarin_sets() -> dict[str, list[tuple[str, str]]]:
    """{set name: [(wav path, reference)]}, fetching the clips if needed."""
    import numpy as np
    import soundfile as sf

    fetch = runpy.run_path(str(ROOT / "scripts" / "fetch_speech.py"))["fetch"]
    manifest = fetch()
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    sets: dict[str, list[tuple[str, str]]] = {"zh dev": [], "zh held-out": []}
    for e in entries:
        sets[f"zh {e['split']}"].append((str(manifest.parent / e["file"]), e["text"]))
    rng, parts, texts = np.random.default_rng(0), [], []
    for order in (entries, entries[::-1]):
        for e in order:
            parts += [sf.read(manifest.parent / e["file"], dtype="float32")[0]]
            parts += [np.zeros(int(16000 * rng.uniform(0.3, 0.8)), np.float32)]
            texts.append(e["text"])
    joined = Path(tempfile.mkdtemp()) / "joined.wav"
    sf.write(joined, np.concatenate(parts), 16000)
    sets["zh joined"] = [(str(joined), "".join(texts))]
    sets["zh synthetic"] = [synthetic(joined.parent / "synthetic.wav")]
    return sets


SYNTHETIC_TEXT = (
    "我今天想聊一下为什么我想离职。首先，工作本身和人的自由是矛盾的。其次，我真的很喜欢编程。"
    "你知道我为什么这么说吗？因为每天开会的时间太长了，真正做事的时间很少。下个月我打算先休息两个星期，然后开始做自己的项目。"
)


def synthetic(path: Path) -> tuple[str, str]:
    """espeak-ng reading tone-numbered pinyin: robotic, a stress test for loops and long files, not a reference."""
    import pypinyin

    pinyin = " ".join(pypinyin.lazy_pinyin(SYNTHETIC_TEXT, style=pypinyin.Style.TONE3, neutral_tone_with_five=True))
    subprocess.run(["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "150", "-w", str(path), pinyin], check=True)
    return str(path), SYNTHETIC_TEXT


def librivox_set() -> list[tuple[str, str]]:
    items = []
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        if match := re.match(r"<s>(.*)</s>\s*\((.+)\)", line.strip()):
            items.append((str(LIBRIVOX / f"{match.group(2)}.wav"), match.group(1).strip()))
    return items


def run_config(config: dict, sets: dict[str, list[tuple[str, str]]]) -> dict:
    """Runs inside the child process: transcribe every file of every set."""
    from memo.audio import decode

    if config.get("plain"):
        from faster_whisper import WhisperModel

        from memo.models import default_model_dir

        model = WhisperModel(str(default_model_dir()), device="cpu", compute_type="int8")

        def run(audio, language):
            segments, _ = model.transcribe(audio.samples, language=language, beam_size=5)
            segments = [(s.start, s.end, s.text) for s in segments]
            return " ".join(s[2] for s in segments), segments
    else:
        import importlib

        import memo

        module = importlib.import_module("memo.transcribe")  # memo.transcribe is also the function

        if "decoding" in config:
            module.LANGUAGE_DECODING.update(zh=config["decoding"])
        options = {k: v for k, v in config.items() if k != "decoding"}
        module.load_model()

        def run(audio, language):
            transcript = memo.transcribe(audio, language=language, **options)
            return transcript.text, [(s.start, s.end, s.text) for s in transcript.segments]

    from memo.audio import Audio

    first = decode(next(iter(sets.values()))[0][0])
    # Warm-up: first-call costs (VAD session, allocations) belong to no setting.
    run(Audio(first.samples[:16000], first.sample_rate, first.source), "zh")
    results = {}
    for name, items in sets.items():
        language = "en" if name.startswith("en") else "zh"
        seconds, duration, outputs = 0.0, 0.0, []
        for path, reference in items:
            audio = decode(path)
            started = time.perf_counter()
            text, segments = run(audio, language)
            seconds += time.perf_counter() - started
            duration += audio.duration
            longest = max((end - start for start, end, _ in segments), default=0.0)
            outputs.append({"reference": reference, "text": text, "segments": len(segments), "longest": longest})
        results[name] = {"seconds": seconds, "duration": duration, "outputs": outputs}
    return results


def normalise_zh(text: str) -> str:
    import cn2an
    import opencc

    text = opencc.OpenCC("t2s").convert(text)
    text = cn2an.transform(text, "cn2an")
    return re.sub(r"[^\w]|_", "", text).lower()


def normalise_en(text: str) -> str:
    text = re.sub(r"\bmr\b\.?", "mister", text.lower().replace("-", " "))
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def score(name: str, outputs: list[dict]) -> float:
    import jiwer

    if name.startswith("en"):
        return jiwer.wer([normalise_en(o["reference"]) for o in outputs], [normalise_en(o["text"]) for o in outputs])
    return jiwer.cer([normalise_zh(o["reference"]) for o in outputs], [normalise_zh(o["text"]) for o in outputs])


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore")  # cn2an warns on every word it cannot read as a number
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", help="run only these configurations (and the baseline)")
    parser.add_argument("--json", type=Path, help="also write every output here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_config(json.loads(args.child[0]), json.loads(Path(args.child[1]).read_text()))))
        return

    sets = {**mandarin_sets(), "en LibriVox": librivox_set()}
    sets_file = Path(tempfile.mkdtemp()) / "sets.json"
    sets_file.write_text(json.dumps(sets, ensure_ascii=False))
    names = [n for n in CONFIGS if not args.only or n in args.only or CONFIGS[n].get("plain")]
    results = {}
    for name in names:
        out = subprocess.run(
            [sys.executable, __file__, "--child", json.dumps(CONFIGS[name]), str(sets_file)],
            capture_output=True, text=True, check=True, env={**__import__("os").environ, "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  measured {name}", file=sys.stderr)

    columns = list(sets)
    print("\n| configuration | " + " | ".join(f"{c} {'WER' if c.startswith('en') else 'CER'}" for c in columns)
          + " | joined: longest segment s | RTF zh | RTF en |")  # fmt: skip
    print("|---" * (len(columns) + 4) + "|")
    for name, result in results.items():
        scores = " | ".join(f"{score(c, result[c]['outputs']):.3f}" for c in columns)
        zh = [result[c] for c in columns if c.startswith("zh")]
        rtf_zh = sum(r["seconds"] for r in zh) / sum(r["duration"] for r in zh)
        en = result["en LibriVox"]
        longest = result["zh joined"]["outputs"][0]["longest"]
        print(f"| {name} | {scores} | {longest:.1f} | {rtf_zh:.3f} | {en['seconds'] / en['duration']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
