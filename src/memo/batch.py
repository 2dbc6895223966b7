"""Batches: walking inputs, resuming finished work, progress, and the failure summary.

A file that fails gets one error line and the batch goes on; the summary says what happened and
``BatchSummary.failed`` drives the exit code. A finished file leaves a small stamp (content hash +
settings) in ``<output folder>/.memo/``, so re-running the same command skips it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .audio import AUDIO_EXTENSIONS
from .errors import MemoError
from .fileio import atomic_write_text

STAMP_DIR = ".memo"


@dataclass(frozen=True)
class Input:
    """One file to process, and where its outputs go (``stem`` has no extension)."""

    path: Path
    stem: Path


@dataclass
class BatchSummary:
    done: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0

    def line(self) -> str:
        total = len(self.done) + len(self.skipped) + len(self.failed)
        text = f"{total} file{'s' if total != 1 else ''}: {len(self.done)} done"
        text += f", {len(self.skipped)} already done" if self.skipped else ""
        text += f", {len(self.failed)} failed" if self.failed else ""
        if self.audio_seconds and self.wall_seconds:
            speed = self.audio_seconds / self.wall_seconds
            text += f" ({self.audio_seconds:.1f} s of audio in {self.wall_seconds:.1f} s, {speed:.1f}x real time)"
        return text


def collect_inputs(
    paths: Iterable[str | Path],
    output_dir: Path | None = None,
    recursive: bool = False,
    extensions: frozenset[str] = AUDIO_EXTENSIONS,
) -> list[Input]:
    """Expand files and folders into Inputs. Files named explicitly are kept whatever their extension
    (decoding decides); folders contribute files with ``extensions`` (all levels with ``recursive``).
    Outputs go beside each input, or under ``output_dir`` mirroring each folder's layout."""
    inputs: list[Input] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            found = sorted(p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in extensions)
            found = [p for p in found if STAMP_DIR not in p.relative_to(path).parts and not p.name.startswith(".")]
            for file in found:
                rel = file.relative_to(path).with_suffix("")
                inputs.append(Input(file, (output_dir / rel) if output_dir else file.with_suffix("")))
        else:  # missing files stay in the list: processing reports them as one clear error
            inputs.append(Input(path, (output_dir / path.stem) if output_dir else path.with_suffix("")))
    return list({i.path.resolve(): i for i in inputs}.values())


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def settings_digest(settings: Any) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _stamp_path(stem: Path, kind: str) -> Path:
    return stem.parent / STAMP_DIR / f"{stem.name}.{kind}.json"


def is_done(item: Input, kind: str, key: str) -> bool:
    """True when ``item`` was finished with the same content and settings and its outputs still exist."""
    try:
        stamp = json.loads(_stamp_path(item.stem, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("key") == key and all(Path(p).exists() for p in stamp.get("outputs", ()))


def mark_done(item: Input, kind: str, key: str, outputs: list[Path]) -> None:
    stamp = {"key": key, "source": str(item.path), "outputs": [str(p) for p in outputs], "time": time.time()}
    atomic_write_text(_stamp_path(item.stem, kind), json.dumps(stamp, ensure_ascii=False, indent=1))


def audio_duration(path: Path) -> float:
    """Duration from the container header (cheap), for progress totals; 0.0 when unknown."""
    try:
        import av

        with av.open(str(path), metadata_errors="ignore") as container:
            return float(container.duration or 0) / 1_000_000
    except Exception:  # unreadable files are reported when processed
        return 0.0


class Progress:
    """Files done, audio seconds processed and ETA: a live bar on a terminal, plain lines otherwise."""

    def __init__(self, total_files: int, total_seconds: float, stream: TextIO | None = None, interval: float = 10.0):
        self.stream = stream or sys.stderr
        self.total_files, self.total_seconds = total_files, total_seconds
        self.finished_seconds = 0.0  # audio of files already finished
        self.file_seconds = 0.0  # audio processed in the current file
        self.index, self.name, self.stage_name = 0, "", ""
        self.started = time.monotonic()
        self.interval, self._last_line = interval, 0.0
        self._live = None
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
        """A new stage of the current file (transcribing, diarizing, outlining)."""
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
        """A line that stays (file done, error), printed above the live bar on a terminal."""
        if self._live:
            self._live.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self._live:
            self._live.stop()
            self._live = None

    def _refresh(self, force: bool = False) -> None:
        label = f"[{self.index}/{self.total_files}] {self.name}: {self.stage_name}"
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


def run_batch(
    inputs: list[Input],
    process: Callable[[Input, Progress], list[Path]],
    *,
    kind: str,
    key: Callable[[Input], str] | None = None,
    force: bool = False,
    stream: TextIO | None = None,
    durations: bool = True,
    debug: bool = False,
) -> BatchSummary:
    """Run ``process`` on every input; skip finished ones (unless ``force``), report, never stop on one failure.

    ``key(input)`` returns the resume key (content hash + settings); raising MemoError there fails the file.
    """
    summary = BatchSummary()
    seconds = {i.path: audio_duration(i.path) if durations else 0.0 for i in inputs}
    progress = Progress(len(inputs), sum(seconds.values()), stream=stream)
    started = time.monotonic()
    try:
        for index, item in enumerate(inputs, start=1):
            progress.start_file(index, item.path, seconds[item.path])
            try:
                stamp_key = key(item) if key else None
                if stamp_key and not force and is_done(item, kind, stamp_key):
                    summary.skipped.append(item.path)
                    progress.message(f"memo: {item.path}: already done with these settings (--force redoes it)")
                    continue
                t0 = time.monotonic()
                outputs = process(item, progress)
                if stamp_key:
                    mark_done(item, kind, stamp_key, outputs)
                summary.done.append(item.path)
                summary.audio_seconds += seconds[item.path]
                names = ", ".join(p.name for p in outputs)
                progress.message(f"memo: {item.path}: done in {time.monotonic() - t0:.1f} s -> {names}")
            except MemoError as exc:
                message = str(exc) if str(exc).startswith(str(item.path)) else f"{item.path}: {exc}"
                summary.failed.append((item.path, message))
                progress.message(f"error: {message}")
            except OSError as exc:  # disk full, permission denied on the output folder, ...
                message = f"{item.path}: {exc.strerror or exc}; check the output folder"
                summary.failed.append((item.path, message))
                progress.message(f"error: {message}")
            except Exception as exc:  # a bug must not cost the rest of the batch
                if debug:
                    raise
                message = f"{item.path}: unexpected {type(exc).__name__}: {exc}; rerun with --debug and report it"
                summary.failed.append((item.path, message))
                progress.message(f"error: {message}")
            finally:
                progress.finish_file(seconds[item.path])
    finally:
        progress.close()
        summary.wall_seconds = time.monotonic() - started
    return summary
