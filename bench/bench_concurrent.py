"""`transcribe --diarize`: transcription then diarization, against both at the same time with the cores split
(memo's default: runtime.transcribe_threads(concurrent=True) for CTranslate2, diarize(concurrent=True)), and
both at the same time on every core. One process, alternating runs, models loaded before timing.

    .venv/bin/python bench/bench_concurrent.py FILE.wav [FILE.wav ...]
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from memo.audio import decode
from memo.diarize import diarize
from memo.runtime import cpu_cores, transcribe_threads
from memo.transcribe import transcribe


def one_after_the_other(audio):
    return transcribe(audio), diarize(audio, concurrent=False)


def together(audio, split: bool = True):
    turns = {}
    worker = threading.Thread(target=lambda: turns.setdefault("t", diarize(audio, concurrent=split)))
    worker.start()
    transcript = transcribe(audio, cpu_threads=transcribe_threads(concurrent=True) if split else 0)
    worker.join()
    return transcript, turns["t"]


MODES = {
    "one after the other": one_after_the_other,
    "together, split threads": together,
    "together, every core": lambda audio: together(audio, split=False),
}


def main() -> None:
    files = sys.argv[1:]
    print(f"{cpu_cores()} cores; transcription gets {transcribe_threads(True)} thread(s) when concurrent", flush=True)
    warm = decode(files[0])
    together(warm)  # load both Whisper models (per thread count) and warm torch
    one_after_the_other(warm)
    for path in files:
        audio = decode(path)
        for _ in range(2 if audio.duration < 60 else 1):
            for mode, run in MODES.items():
                started = time.perf_counter()
                transcript, turns = run(audio)
                row = dict(file=Path(path).name, seconds_audio=round(audio.duration, 1), mode=mode)
                row |= dict(seconds=round(time.perf_counter() - started, 1), speakers=len({t.speaker for t in turns}))
                print(json.dumps(row | {"words": len(transcript.text.split())}), flush=True)


if __name__ == "__main__":
    main()
