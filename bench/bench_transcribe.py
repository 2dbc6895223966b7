"""Transcription speed and memory on CPU: memo's settings against plain faster-whisper, in one run.

Each configuration runs in its own process (clean peak RSS), on the same audio, after one warm-up
so model loading is reported separately. Prints real-time factor (processing seconds per audio
second: lower is faster), speed-up against the baseline, peak RSS and WER against the reference.

    .venv/bin/python bench/bench_transcribe.py                 # ~100 s of LibriVox speech, 4 configs
    .venv/bin/python bench/bench_transcribe.py --audio my.m4a  # your own file (WER needs --reference)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")

CONFIGS = {
    # name: how to transcribe; "baseline" is faster-whisper's own defaults on the same weights.
    "faster-whisper defaults": {"plain": True},
    "memo sequential (int8, VAD, words, beam 5)": {"batch_size": 1},
    "memo batched x8 (default)": {"batch_size": 8},
    "memo batched x8, beam 1": {"batch_size": 8, "beam_size": 1},
}


def make_audio(repeats: int) -> tuple[Path, str]:
    """LibriVox clips (Debian pocketsphinx-testdata) concatenated ``repeats`` times, with the reference text."""
    import numpy as np
    import soundfile as sf

    refs, clips = [], []
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        match = re.match(r"<s>(.*)</s>\s*\((.+)\)", line.strip())
        if match:
            refs.append(match.group(1).strip())
            audio, rate = sf.read(LIBRIVOX / f"{match.group(2)}.wav", dtype="float32")
            clips += [audio, np.zeros(rate // 2, np.float32)]
    path = Path(tempfile.mkdtemp()) / "librivox.wav"
    sf.write(path, np.concatenate(clips * repeats), 16000)
    return path, " ".join(refs * repeats)


def run_one(config: dict, audio_path: str) -> dict:
    """Runs inside the child process."""
    from memo.audio import decode
    from memo.models import default_model_dir

    audio = decode(audio_path)
    started = time.perf_counter()
    if config.get("plain"):
        from faster_whisper import WhisperModel

        model = WhisperModel(str(default_model_dir()))  # device/compute type: faster-whisper's defaults
        loaded = time.perf_counter()
        segments, _ = model.transcribe(audio.samples)
        text = " ".join(s.text for s in segments)
    else:
        import memo
        from memo.transcribe import load_model

        load_model()
        loaded = time.perf_counter()
        text = memo.transcribe(audio, **config).text
    done = time.perf_counter()
    return {
        "load_s": loaded - started,
        "seconds": done - loaded,
        "duration": audio.duration,
        "text": text,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def normalise(text: str) -> str:
    text = re.sub(r"\bmr\b\.?", "mister", text.lower().replace("-", " "))
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", type=Path, help="audio file (default: LibriVox clips, repeated)")
    parser.add_argument("--reference", type=Path, help="reference text for WER")
    parser.add_argument("--repeats", type=int, default=4, help="LibriVox repeats (4 = ~110 s)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(json.loads(args.child[0]), args.child[1])))
        return

    if args.audio:
        audio, reference = args.audio, args.reference.read_text() if args.reference else None
    else:
        audio, reference = make_audio(args.repeats)
    import jiwer

    results = {}
    for name, config in CONFIGS.items():
        out = subprocess.run(
            [sys.executable, __file__, "--child", json.dumps(config), str(audio)],
            capture_output=True, text=True, check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["rtf"] = result["seconds"] / result["duration"]
        result["wer"] = jiwer.wer(normalise(reference), normalise(result["text"])) if reference else None
        results[name] = result
        print(f"  measured {name}: {result['seconds']:.1f} s", file=sys.stderr)

    base = results["faster-whisper defaults"]
    print(f"\nAudio: {base['duration']:.1f} s on {subprocess.getoutput('nproc')} CPU cores\n")
    print("| configuration | RTF | speed-up vs baseline | x real time | peak RSS MB | load s | WER |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        wer = f"{r['wer']:.3f}" if r["wer"] is not None else "-"
        print(
            f"| {name} | {r['rtf']:.3f} | {base['rtf'] / r['rtf']:.2f}x | {1 / r['rtf']:.1f} | "
            f"{r['peak_mb']:.0f} | {r['load_s']:.1f} | {wer} |"
        )
    if args.json:
        args.json.write_text(json.dumps({k: {**v, "text": v["text"][:200]} for k, v in results.items()}, indent=1))


if __name__ == "__main__":
    main()
