"""``memo watch FOLDER...``: process recordings as they appear, with everything ``memo process`` does.

The watcher only decides *when* a file is ready; the work is ``pipeline.transcribe_file`` through
``batch.run_batch``, so options, outputs, resume stamps and error lines are exactly those of ``memo process``
(a file done by either is not redone by the other, nor after a restart).

Events come from watchdog (inotify on Linux, FSEvents, ReadDirectoryChangesW); a full rescan every ``rescan``
seconds is the safety net for events a network share or an overflowing queue loses. A file is ready once its
size and modification time have not changed for ``settle`` seconds (a recorder or a slow copy is still
writing it before that). A file that failed is tried again only when it changes.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from pathlib import Path

from .batch import STAMP_DIR, BatchSummary, Input, Reporter, claim_stems, collect_inputs, is_done, run_batch
from .config import setting
from .errors import ConfigError
from .pipeline import Job, transcribe_file
from .record import PARTIAL_SUFFIX

Signature = tuple[int, int]  # size, mtime_ns


def watch_settings() -> tuple[float, float]:
    """(settle, rescan) seconds: MEMO_WATCH_SETTLE / MEMO_WATCH_RESCAN or [watch] in config.toml."""
    try:
        settle = float(setting("watch", "settle", default=2.0))
        rescan = float(setting("watch", "rescan", default=60.0))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"watch settings: {exc}; settle and rescan are seconds") from exc
    return max(settle, 0.1), max(rescan, 1.0)


def watch(
    folders: list[Path],
    job: Job,
    *,
    output_dir: Path | None = None,
    recursive: bool = False,
    settle: float = 2.0,
    rescan: float = 60.0,
    reporter: Reporter | None = None,
    debug: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
) -> BatchSummary:
    """Watch until Ctrl+C (KeyboardInterrupt) or ``should_stop()``; returns what was done in this run."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    reporter = reporter or Reporter()
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(f"{folder}: not a folder; memo watch takes folders (memo process takes files)")
    events: queue.SimpleQueue[str] = queue.SimpleQueue()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if not event.is_directory:
                events.put(event.src_path)
                if getattr(event, "dest_path", ""):
                    events.put(event.dest_path)

    watcher = _Watcher(folders, job, output_dir, recursive, settle, reporter, debug)
    observer = Observer()
    for folder in folders:
        observer.schedule(Handler(), str(folder), recursive=recursive)
    observer.start()
    try:
        already = watcher.start()
        names = ", ".join(str(f) for f in folders)
        reporter.message(f"memo: watching {names} ({already} recording(s) already done); Ctrl+C stops")
        last_scan = time.monotonic()
        while not should_stop():
            try:
                watcher.note(Path(events.get(timeout=min(0.5, settle / 2))))
                while True:  # drain a burst of events at once
                    watcher.note(Path(events.get_nowait()))
            except queue.Empty:
                pass
            if time.monotonic() - last_scan >= rescan:
                watcher.scan()
                last_scan = time.monotonic()
            watcher.process_ready()
    except KeyboardInterrupt:
        if watcher.busy:
            reporter.message(f"memo: interrupted while processing {watcher.busy}; it is redone next time")
    finally:
        observer.stop()
        observer.join(timeout=5)
        reporter.message(f"memo: stopped watching; {watcher.summary.line()}")
    return watcher.summary


class _Watcher:
    """Pending files and their last signature; ready ones go through run_batch, once per content."""

    def __init__(self, folders, job: Job, output_dir, recursive: bool, settle: float, reporter: Reporter, debug):
        self.folders, self.job, self.output_dir, self.recursive = folders, job, output_dir, recursive
        self.force, self.settle, self.reporter, self.debug = job.force, settle, reporter, debug
        self.pending: dict[Path, tuple[Signature, float]] = {}
        self.handled: dict[Path, Signature] = {}  # done, failed or already done: until the file changes
        self.summary = BatchSummary()
        self.busy: Path | None = None

    def inputs(self) -> list[Input]:
        return claim_stems(collect_inputs(self.folders, output_dir=self.output_dir, recursive=self.recursive))

    def start(self) -> int:
        """Note every recording present; those memo already did (resume stamps) are counted, not queued."""
        for item in self.inputs():
            path, signature = item.path.resolve(), _signature(item.path)
            if signature and not self.force and is_done(item, "transcribe", self.job.resume_key(item)):
                self.handled[path] = signature
            else:
                self.note(item.path)
        return len(self.handled)

    def scan(self) -> None:
        for item in self.inputs():
            self.note(item.path)

    def note(self, path: Path) -> None:
        """A file may have changed: (re)start its quiet period unless it is as it was when last handled."""
        from .audio import AUDIO_EXTENSIONS

        name = path.name
        if name.startswith(".") or name.endswith(PARTIAL_SUFFIX) or STAMP_DIR in path.parts:
            return  # memo's temp files and stamps, a recording still growing under memo record
        if path.suffix.lower() not in AUDIO_EXTENSIONS:
            return
        path = path.resolve()
        signature = _signature(path)
        if signature is None or self.handled.get(path) == signature:
            return
        if path not in self.pending or self.pending[path][0] != signature:
            self.pending[path] = (signature, time.monotonic())

    def process_ready(self) -> None:
        now, ready = time.monotonic(), []
        for path, (signature, since) in list(self.pending.items()):
            current = _signature(path)
            if current is None:
                del self.pending[path]  # deleted or moved away before it settled
            elif current != signature:
                self.pending[path] = (current, now)
            elif now - since >= self.settle and current[0] > 0:
                ready.append(path)
        if not ready:
            return
        items = [i for i in self.inputs() if i.path.resolve() in ready]
        todo = []
        for item in items:
            self.handled[item.path.resolve()] = self.pending.pop(item.path.resolve())[0]
            key = self.job.resume_key(item)
            if self.force or not is_done(item, "transcribe", key):
                todo.append(item)
        for item in todo:  # one at a time: a Ctrl+C names the file it interrupted
            self.busy = item.path
            result = run_batch(
                [item],
                lambda i, progress: transcribe_file(i, self.job, progress),
                kind="transcribe",
                key=self.job.resume_key,
                force=self.force,
                reporter=self.reporter,
                debug=self.debug,
            )
            self.busy = None
            self.summary.add(result)
        for path in ready:
            self.pending.pop(path, None)


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
