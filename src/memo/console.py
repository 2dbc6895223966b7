"""Everything memo shows on a terminal, for the CLI: the batch progress bar, the recording level meter,
the Enter-to-stop listener. The library reports through callbacks (``batch.Reporter``, ``record``'s
``on_level``/``on_start``) and never imports rich; only this module does.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .batch import Reporter
from .timefmt import clock

if TYPE_CHECKING:
    from .record import InputDevice, Level


class Progress(Reporter):
    """Files done, audio seconds processed and ETA: a live bar on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO | None = None, interval: float = 10.0):
        self.stream = stream or sys.stderr
        self.total_files, self.total_seconds = 0, 0.0
        self.finished_seconds = 0.0  # audio of files already finished
        self.file_seconds = 0.0  # audio processed in the current file
        self.index, self.name, self.stage_name = 0, "", ""
        self.started = time.monotonic()
        self.interval, self._last_line = interval, 0.0
        self._live = None
        self._lock = threading.Lock()  # diarization reports from its own thread

    def begin(self, total_files: int, total_seconds: float) -> None:
        self.total_files, self.total_seconds = total_files, total_seconds
        self.started = time.monotonic()
        if self.stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._live = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:.0f}/{task.total:.0f} s audio"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = self._live.add_task("", total=max(total_seconds, 1.0))
            self._live.start()

    @property
    def done_seconds(self) -> float:
        return self.finished_seconds + self.file_seconds

    def eta(self) -> float | None:
        elapsed = time.monotonic() - self.started
        if self.done_seconds <= 0 or elapsed <= 0:
            return None
        return max(0.0, (self.total_seconds - self.done_seconds) * elapsed / self.done_seconds)

    def start_file(self, index: int, path: Path, duration: float) -> None:
        self.index, self.name, self.file_seconds = index, path.name, 0.0
        self.stage_name = "reading"
        self._refresh()

    def stage(self, name: str) -> None:
        self.stage_name = name
        self._refresh(force=True)

    def advance(self, seconds_in_file: float) -> None:
        self.file_seconds = max(self.file_seconds, seconds_in_file)
        self._refresh()

    def finish_file(self, duration: float) -> None:
        self.finished_seconds += duration
        self.file_seconds = 0.0
        self._refresh()

    def message(self, text: str) -> None:
        with self._lock:
            if self._live:
                self._live.console.print(text, markup=False, highlight=False, soft_wrap=True)
            else:
                print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self._live:
            self._live.stop()
            self._live = None

    def _refresh(self, force: bool = False) -> None:
        label = f"[{self.index}/{self.total_files}] {self.name}: {self.stage_name}"
        with self._lock:
            if self._live:
                self._live.update(self._task, description=label, completed=self.done_seconds)
                return
            now = time.monotonic()
            if not force and now - self._last_line < self.interval:
                return
            self._last_line = now
            line = f"memo: {label}"
            if self.total_seconds:
                line += f" ({self.done_seconds:.0f}/{self.total_seconds:.0f} s audio"
                eta = self.eta()
                line += f", ETA {eta:.0f} s)" if eta is not None else ")"
            print(line, file=self.stream, flush=True)


def stop_on_enter(event: threading.Event | None = None, stream=None) -> threading.Event:
    """An event set when a line arrives on stdin (Enter). End of input (stdin from /dev/null) does not stop."""
    event = event or threading.Event()
    stream = stream if stream is not None else sys.stdin
    if stream is None or stream.closed:
        return event

    def wait() -> None:
        with contextlib.suppress(OSError, ValueError):
            if stream.readline():
                event.set()

    threading.Thread(target=wait, name="memo-record-enter", daemon=True).start()
    return event


class LevelMeter:
    """Shows a recording on stderr: a live level bar and elapsed time on a terminal, plain status lines otherwise.

    rich's Live shows only its last frame when stderr is not a terminal, hence the plain lines there.
    Use as ``with LevelMeter() as meter: record(..., on_start=meter.started, on_level=meter.update)``.
    """

    def __init__(self, console=None, every: float = 5.0):
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.every = every
        self._live = None
        self._next = every

    def started(self, path: Path, device: InputDevice) -> None:
        self._say(f"recording started: {path} from '{device.name}'; press Enter or Ctrl+C to stop")
        if self.console.is_terminal:
            from rich.live import Live

            self._live = Live(console=self.console, refresh_per_second=10, transient=True)
            self._live.start()

    def update(self, level: Level) -> None:
        if self._live is not None:
            self._live.update(self._bar(level))
        elif level.elapsed >= self._next:
            self._say(f"recording: {clock(level.elapsed, pad=True)}, level {level.rms_db:.0f} dBFS")
            self._next += self.every

    def _bar(self, level: Level):
        from rich.text import Text

        width = 30
        filled = int(round(width * min(1.0, max(0.0, (level.rms_db + 60) / 60))))
        bar = Text()
        bar.append("● REC ", style="bold red")
        bar.append(f"{clock(level.elapsed, pad=True)}  ")
        bar.append("█" * filled, style="green" if level.peak < 0.99 else "red")
        bar.append("░" * (width - filled), style="dim")
        bar.append(f" {level.rms_db:4.0f} dBFS  Enter or Ctrl+C stops")
        return bar

    def _say(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def __enter__(self) -> LevelMeter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
