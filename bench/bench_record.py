"""Recording cost and crash safety, through real virtual microphones (see tests/virtual_mic.py).

1. Throughput: the ALSA file device delivers audio as fast as it is read, so recording N seconds of it shows
   what each recorded second costs (CPU time per audio second). memo's recorder (queue, level,
   auto-updated WAV header, fsync) against a baseline that only writes the blocks to a plain WAV, in one run;
   also memo with a 48 kHz device resampled to 16 kHz.
2. Loss on SIGKILL (PulseAudio, real time; needs pulseaudio + pulseaudio-utils): speech played into the
   microphone, the recorder killed mid-sentence; how much of the speech before the kill is missing from the
   partial file (paplay's start-up adds tens of ms of jitter either way); also the recorder's peak RSS and CPU
   use while recording in real time (the file device runs ahead of the writer, so its RSS means nothing).

    .venv/bin/python bench/bench_record.py                # 120 s throughput, 5 kills
    .venv/bin/python bench/bench_record.py --seconds 600 --kills 0
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from virtual_mic import RATE, PulseMic, align, alsa_file_mic, fixture, pulse_available  # noqa: E402

# Each run is its own process (PortAudio reads the ALSA setup once; clean peak RSS). They print one JSON line.
_MEMO = """
import json, resource, sys, time
from memo.record import record
t = time.process_time()
r = record(sys.argv[1], device="virtmic", max_duration=float(sys.argv[2]), capture_rate=int(sys.argv[3]), recover=False)
print(json.dumps({"cpu": time.process_time() - t, "seconds": r.duration,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
_BASELINE = """
import json, queue, resource, sys, time
import sounddevice as sd, soundfile as sf
t = time.process_time()
rate, wanted, blocks = int(sys.argv[3]), int(float(sys.argv[2]) * int(sys.argv[3])), queue.Queue()
with sf.SoundFile(sys.argv[1], "w", rate, 1, "PCM_16") as f, sd.InputStream(
        device="virtmic", channels=1, samplerate=rate, dtype="int16", blocksize=rate // 20,
        callback=lambda data, *_: blocks.put(data[:, 0].copy())):
    done = 0
    while done < wanted:
        block = blocks.get()[: wanted - done]
        f.write(block)
        done += len(block)
print(json.dumps({"cpu": time.process_time() - t, "seconds": done / rate,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def throughput(seconds: float, work: Path) -> None:
    import av

    speech = fixture(20.0)
    feed16 = np.tile(speech, int(seconds / 20) + 2)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
    frame = av.AudioFrame.from_ndarray(feed16.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = RATE
    feed48 = np.concatenate([f.to_ndarray().reshape(-1) for f in resampler.resample(frame) + resampler.resample(None)])
    runs = [
        ("baseline: blocks -> plain WAV", _BASELINE, feed16, RATE),
        ("memo record (16 kHz device)", _MEMO, feed16, RATE),
        ("memo record (48 kHz device, resampled)", _MEMO, feed48, 48000),
    ]
    results = {}
    for i, (name, code, feed, rate) in enumerate(runs):
        env = alsa_file_mic(work / f"home{i}", feed, rate=rate)
        out = work / f"out{i}.wav"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, str(out), str(seconds), str(rate)], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"{name} failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["wall"] = time.perf_counter() - started
        results[name] = result
    base = results[runs[0][0]]["cpu"] / results[runs[0][0]]["seconds"]
    print(f"throughput over {seconds:.0f} s of audio (ALSA file device, faster than real time):")
    for name, r in results.items():
        per = r["cpu"] / r["seconds"]
        print(f"  {name:<40} {per * 1000:6.2f} ms CPU per audio second ({per / base:4.2f}x baseline)")


def kills(count: int, work: Path) -> None:
    if not pulse_available():
        print("SIGKILL loss: skipped (apt-get install pulseaudio pulseaudio-utils)")
        return
    speech = fixture(6.0)
    losses, usage = [], []
    with PulseMic(work / "pulse") as mic:
        for i in range(count):
            out = work / f"killed{i}.wav"
            proc = subprocess.Popen(
                [sys.executable, "-m", "memo", "record", str(out), "--no-transcribe"],
                env=mic.env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
            )  # fmt: skip
            while not proc.stderr.readline().startswith("recording started"):
                pass
            cpu_start, recording_since = _cpu_seconds(proc.pid), time.monotonic()
            played = time.monotonic()
            player = mic.play(speech)
            time.sleep(1.5 + 0.5 * i)
            usage.append(
                (_peak_rss_mb(proc.pid), (_cpu_seconds(proc.pid) - cpu_start) / (time.monotonic() - recording_since))
            )
            proc.send_signal(signal.SIGKILL)
            killed = time.monotonic()
            proc.wait()
            player.wait()
            import soundfile as sf

            recorded, _ = sf.read(str(out) + ".partial.wav", dtype="int16")
            offset, corr = align(recorded, speech)
            losses.append((killed - played) - (len(recorded) - offset) / RATE)
    ms = np.array(losses) * 1000
    print(f"SIGKILL loss over {count} kills: median {np.median(ms):.0f} ms, max {ms.max():.0f} ms (goal: <= 200 ms)")
    rss, cpu = max(u[0] for u in usage), max(u[1] for u in usage)
    print(f"recorder in real time: peak RSS {rss:.0f} MB, CPU {cpu * 100:.1f}% of one core while recording")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _peak_rss_mb(pid: int) -> float:
    # Read from /proc: getrusage/wait4 would report the forking parent's size (ru_maxrss survives exec).
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120.0, help="audio recorded per throughput run")
    parser.add_argument("--kills", type=int, default=5, help="SIGKILL runs through PulseAudio (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="memo-bench-record-") as tmp:
        throughput(args.seconds, Path(tmp))
        if args.kills:
            kills(args.kills, Path(tmp))


if __name__ == "__main__":
    main()
