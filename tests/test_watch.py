"""memo watch as a real process: recordings copied in (one slowly, in pieces) are processed once each, a corrupt
file costs one error line, Ctrl+C (SIGINT) stops it cleanly, and a restart redoes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import soundfile as sf
from conftest import default_sigint

ROOT = Path(__file__).resolve().parent.parent


class Watcher:
    def __init__(self, folder: Path, log: Path, env: dict):
        self.log = log
        with open(log, "w") as stderr:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "memo", "watch", str(folder), "--engine", "offline"],
                stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, **env}, preexec_fn=default_sigint,
            )  # fmt: skip

    def text(self) -> str:
        return self.log.read_text()

    def wait_for(self, condition, timeout: float = 240.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if condition(text):
                return text
            assert self.proc.poll() is None, f"watcher exited:\n{text}"
            time.sleep(0.2)
        raise AssertionError(f"timed out; watcher said:\n{self.text()}")

    def interrupt(self) -> str:
        self.proc.send_signal(signal.SIGINT)
        assert self.proc.wait(timeout=30) == 0, self.text()
        return self.text()


def test_watch_processes_new_recordings_once_survives_bad_files_and_restarts(tmp_path, english_sample):
    audio, rate = sf.read(english_sample, dtype="int16")
    clips = {"a": audio[: 7 * rate], "b": audio[7 * rate : 14 * rate]}
    staged = tmp_path / "staged"
    staged.mkdir()
    for name, samples in clips.items():
        sf.write(staged / f"{name}.wav", samples, rate)
    folder = tmp_path / "memos"
    folder.mkdir()
    env = {"PYTHONPATH": str(ROOT / "src"), "MEMO_WATCH_SETTLE": "1.5", "MEMO_WATCH_RESCAN": "3",
           "MEMO_INDEX": str(tmp_path / "index.sqlite3")}  # fmt: skip

    watcher = Watcher(folder, tmp_path / "watch1.log", env)
    watcher.wait_for(lambda t: "memo: watching" in t, timeout=60)
    (folder / "a.wav").write_bytes((staged / "a.wav").read_bytes())
    data = (staged / "b.wav").read_bytes()  # b arrives slowly, in pieces 0.6 s apart (< the 1.5 s settle time)
    with open(folder / "b.wav", "wb") as handle:
        for i in range(0, len(data), len(data) // 6 + 1):
            handle.write(data[i : i + len(data) // 6 + 1])
            handle.flush()
            time.sleep(0.6)
    (folder / "broken.m4a").write_bytes(os.urandom(20_000))
    text = watcher.wait_for(lambda t: t.count("done in") >= 2 and "broken.m4a" in t)
    time.sleep(5)  # a rescan and more events pass: nothing is processed twice
    text = watcher.interrupt()

    assert text.count("a.wav: done in") == 1 and text.count("b.wav: done in") == 1, text
    errors = [line for line in text.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.m4a" in errors[0], text
    assert "Traceback" not in text and "stopped watching" in text.splitlines()[-1]
    for name in ("a", "b"):  # memo process's outputs, from the whole file (b was not taken half-written)
        assert {p.name for p in folder.glob(f"{name}.*")} == {f"{name}.{e}" for e in ("wav", "txt", "md", "json",
                                                                                      "outline.md")}  # fmt: skip
        duration = json.loads((folder / f"{name}.json").read_text())["duration"]
        assert abs(duration - 7.0) < 0.1, (name, duration)
    assert "Dashwood" in (folder / "a.txt").read_text()

    again = Watcher(folder, tmp_path / "watch2.log", env)
    again.wait_for(lambda t: "(2 recording(s) already done)" in t, timeout=60)
    time.sleep(4)
    text = again.interrupt()
    assert "done in" not in text and text.count("error:") <= 1, text
