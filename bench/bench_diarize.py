"""Speaker diarization on CPU: memo's pipeline at several segmentation steps against senko's own diarizer.

Every configuration runs in its own process (clean peak RSS) on the same files, after one warm-up run so
model loading is reported separately. Prints, per file: DER (pyannote.metrics, collar 0.25 s), speakers
found, real-time factor (processing seconds per audio second: lower is faster) and peak RSS. Then the whole
``transcribe --diarize`` path against transcription alone on the same audio, measured in the same run.

    .venv/bin/python bench/bench_diarize.py                     # pyannote sample + synthetic 2 and 3 voices
    .venv/bin/python bench/bench_diarize.py --audio a.wav:a.rttm  # add your own recordings (RTTM reference)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import diarize_audio as da  # noqa: E402

STEPS = ("0.1", "0.2", "0.5", "auto")  # auto: memo's default, chosen from the duration


def make_files(folder: Path) -> list[tuple[str, Path, Path]]:
    wav, rttm = da.speakers_in_sample()
    files = [("pyannote sample (real, 2 spk)", wav, rttm)]
    for name, voices, kw in (
        ("synthetic 2 voices", ["en-us", "en+Alicia"], {"turns": 16}),
        ("synthetic 3 voices", ["en+max", "en+Annie", "en-gb-scotland+m5"], {"turns": 20, "seed": 1}),
    ):
        path = folder / f"{name.replace(' ', '_')}.wav"
        da.write_rttm(path.with_suffix(".rttm"), da.conversation(path, voices, **kw))
        files.append((name, path, path.with_suffix(".rttm")))
    return files


def worker(system: str, step: float | None, paths: list[str]) -> None:
    """Run one system on every file (after a warm-up) and print one JSON line per file."""
    from memo.audio import decode

    audios = [decode(p) for p in paths]
    if system == "senko":
        import senko

        diarizer = senko.Diarizer(device="cpu", warmup=True, quiet=True)

        def run(audio):
            out = diarizer.diarize_samples(audio.samples, 16000)
            return [(s["start"], s["end"], s["speaker"]) for s in out["merged_segments"]]
    else:
        from memo.diarize import diarize

        def run(audio):
            return [(t.start, t.end, t.speaker) for t in diarize(audio, segmentation_step=step)]

    t = time.perf_counter()
    run(audios[0])
    warmup = time.perf_counter() - t
    for path, audio in zip(paths, audios, strict=True):
        t = time.perf_counter()
        turns = run(audio)
        seconds = time.perf_counter() - t
        print(json.dumps({"path": path, "seconds": seconds, "duration": audio.duration, "turns": turns,
                          "warmup": warmup}))
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def whole_path_worker(path: str, step: float | None) -> None:
    """transcribe alone, then transcribe + diarize run concurrently (as `memo transcribe --diarize` does)."""
    from concurrent.futures import ThreadPoolExecutor

    from memo.audio import decode
    from memo.diarize import assign_speakers, diarize
    from memo.transcribe import transcribe

    audio = decode(path)
    transcribe(audio)  # warm-up: model loading is not what is compared
    diarize(audio, segmentation_step=step)
    t = time.perf_counter()
    transcribe(audio)
    alone = time.perf_counter() - t
    t = time.perf_counter()
    with ThreadPoolExecutor(1) as pool:
        turns = pool.submit(diarize, audio, segmentation_step=step)
        assign_speakers(transcribe(audio), turns.result())
    both = time.perf_counter() - t
    print(json.dumps({"alone": alone, "both": both, "duration": audio.duration}))


def _step(text: str) -> float | None:
    return None if text == "auto" else float(text)


def _child(args: list[str]) -> list[dict]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", action="append", default=[], help="WAV:RTTM pair to add (repeatable)")
    parser.add_argument("--steps", default=",".join(map(str, STEPS)), help="segmentation steps to compare")
    parser.add_argument("--no-senko", action="store_true", help="skip senko's diarizer")
    parser.add_argument("--no-whole-path", action="store_true", help="skip transcribe vs transcribe --diarize")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        for pair in args.audio:
            wav, rttm = pair.split(":")
            files.append((Path(wav).name, Path(wav), Path(rttm)))
        paths = [str(p) for _, p, _ in files]
        systems = [(f"memo step {s}", "memo", s) for s in args.steps.split(",")]
        if not args.no_senko:
            systems.append(("senko 0.2.2 Diarizer (CPU)", "senko", "auto"))
        print(f"{'system':<28} {'file':<30} {'DER':>6} {'spk':>7} {'RTF':>6} {'peak RSS':>9}")
        for label, system, step in systems:
            try:
                rows = _child(["--worker", system, step, *paths])
            except RuntimeError as exc:
                print(f"{label:<28} could not run: {str(exc).splitlines()[-1]}")
                continue
            rss = rows[-1]["peak_rss_mb"]
            for (name, _, rttm), row in zip(files, rows[:-1], strict=True):
                ref = da.read_rttm(rttm)
                found, expected = len({t[2] for t in row["turns"]}), len({r[2] for r in ref})
                print(f"{label:<28} {name:<30} {100 * da.der(ref, row['turns']):5.1f}% {found:>3}/{expected:<3} "
                      f"{row['seconds'] / row['duration']:6.3f} {rss:7.0f} MB")
        if not args.no_whole_path:
            row = _child(["--whole-path", paths[0], "auto"])[0]
            print(f"\ntranscribe alone: RTF {row['alone'] / row['duration']:.3f}; transcribe --diarize (concurrent): "
                  f"RTF {row['both'] / row['duration']:.3f} ({row['both'] / row['alone']:.2f}x) on {files[0][0]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], _step(sys.argv[3]), sys.argv[4:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--whole-path":
        whole_path_worker(sys.argv[2], _step(sys.argv[3]))
    else:
        main()
