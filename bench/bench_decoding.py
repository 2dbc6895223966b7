"""Decoding candidates for memo's batched path on English it was not tuned on, against plain faster-whisper
(sequential, beam 5), all with one loaded model in one process (same weights, same threads).

Sets: a 5-minute slice of bench_speed's 30-minute file (Asterisk prompts, another voice), pyannote's real
two-person sample, and the held-out short files (other Asterisk prompts, pocketsphinx cards) in --heldout.
No references there: each candidate's word error rate is against plain beam 5 and against memo beam 5
(digits and "login" normalised, so only recognition differences count). "redo" is how many windows the
greedy-first default decoded again with beam 5.

    .venv/bin/python bench/bench_decoding.py --data /tmp/memo-bench-speed --heldout DIR
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import sys
import time
from pathlib import Path

import jiwer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_speed import normalise  # noqa: E402

from memo import multibatch  # noqa: E402
from memo.audio import Audio, decode  # noqa: E402
from memo.transcribe import TranscribeOptions, load_model, transcribe  # noqa: E402

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
CONFIGS = "plain,beam=5,beam=1,auto=-0.5,auto=-0.3,beam=2"


def norm(text: str) -> str:
    words = normalise(text).replace("login", "log in").split()
    return " ".join(DIGITS[int(w)] if w.isdigit() and len(w) == 1 else w for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="bench_speed.py's --data (thirty.wav)")
    parser.add_argument("--heldout", type=Path, help="a folder of short held-out WAV files")
    parser.add_argument("--configs", default=CONFIGS, help="plain, beam=N, auto=THRESHOLD (memo's default)")
    args = parser.parse_args()
    model = load_model(None, "auto", None, 0)
    inner, calls = model.model, []

    class Counting:  # the real decoder, counting each call's beam and scores
        def __getattr__(self, name):
            return getattr(inner, name)

        def generate(self, *a, **k):
            results = inner.generate(*a, **k)
            calls.append((k.get("beam_size"), [r.scores[0] for r in results]))
            return results

    model.model = Counting()
    thirty = decode(args.data / "thirty.wav")
    sample = Path(importlib.util.find_spec("pyannote.audio").submodule_search_locations[0]) / "sample" / "sample.wav"
    sets = {
        "asterisk 5 min": [Audio(thirty.samples[300 * 16000 : 600 * 16000].copy(), 16000, "a.wav")],
        "pyannote sample": [decode(sample)],
    }
    if args.heldout:
        sets["held-out short"] = [decode(p) for p in sorted(glob.glob(str(args.heldout / "*.wav")))]
    for name, audios in sets.items():
        texts = {}
        for cfg in args.configs.split(","):
            calls.clear()
            started = time.perf_counter()
            if cfg == "plain":
                out = [" ".join(s.text for s in model.transcribe(a.samples, beam_size=5)[0]) for a in audios]
            else:
                kind, _, value = cfg.partition("=")
                options = TranscribeOptions(beam_size=None if kind == "auto" else int(value))
                if kind == "auto":
                    multibatch.UNSURE_LOGPROB = float(value)
                if len(audios) > 1:
                    out = [t.text for t in multibatch.transcribe_many(audios, options)]
                else:
                    out = [transcribe(audios[0], options).text]
            seconds = time.perf_counter() - started
            texts[cfg] = norm(" ".join(out))
            redo = sum(len(s) for b, s in calls if b == 5) if cfg.startswith("auto") else 0
            greedy = sum(len(s) for b, s in calls if b == 1)
            row = dict(set=name, config=cfg, seconds=round(seconds, 1), words=len(texts[cfg].split()))
            for base in ("plain", "beam=5"):
                if base in texts:
                    row[f"wer vs {base}"] = round(jiwer.wer(texts[base], texts[cfg]), 4)
            print(json.dumps({**row, "redo": f"{redo}/{greedy}"}), flush=True)


if __name__ == "__main__":
    main()
