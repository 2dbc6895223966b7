"""Batches: walking inputs, naming outputs, resuming finished work, and the failure summary.

A file that fails gets one error line and the batch goes on; the summary says what happened and
``BatchSummary.failed`` drives the exit code. A finished file leaves a small stamp (content hash +
settings) in ``<output folder>/.memo/``, so re-running the same command skips it. Progress goes to a
``Reporter`` (the CLI passes ``console.Progress``); the library itself prints nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .audio import AUDIO_EXTENSIONS
from .errors import MemoError, NoSpeechError, one_line
from .fileio import atomic_write_text, clean_stale_temp_files

STAMP_DIR = ".memo"


@dataclass(frozen=True)
class Input:
    """One file to process, and where its outputs go (``stem`` has no extension; ``note`` says why it was
    renamed, when it was)."""

    path: Path
    stem: Path
    note: str = ""


@dataclass(frozen=True)
class FileResult:
    """What processing one input gave: the files written and the audio actually decoded (None: no audio)."""

    outputs: tuple[Path, ...]
    audio_seconds: float | None = None


class Reporter:
    """What a batch tells whoever watches it. Every method may be overridden; the base ignores everything.

    ``advance`` and ``message`` may be called from a worker thread (diarization runs beside transcription).
    """

    def begin(self, total_files: int, total_seconds: float) -> None: ...

    def start_file(self, index: int, path: Path, duration: float) -> None: ...

    def stage(self, name: str) -> None: ...

    def advance(self, seconds_in_file: float) -> None: ...

    def finish_file(self, duration: float) -> None: ...

    def message(self, text: str) -> None: ...

    def close(self) -> None: ...


@dataclass
class BatchSummary:
    done: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    no_speech: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0

    def add(self, other: BatchSummary) -> None:
        """Count ``other``'s files and seconds in this summary too (memo watch runs a batch per recording)."""
        self.done += other.done
        self.skipped += other.skipped
        self.no_speech += other.no_speech
        self.failed += other.failed
        self.audio_seconds += other.audio_seconds
        self.wall_seconds += other.wall_seconds

    def line(self) -> str:
        total = len(self.done) + len(self.skipped) + len(self.no_speech) + len(self.failed)
        text = f"{total} file{'s' if total != 1 else ''}: {len(self.done)} done"
        text += f", {len(self.skipped)} already done" if self.skipped else ""
        text += f", {len(self.no_speech)} without speech" if self.no_speech else ""
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
    """Expand files and folders into Inputs with unique output stems.

    Files named explicitly are kept whatever their extension (decoding decides); folders contribute files with
    ``extensions`` (all levels with ``recursive``). Outputs go beside each input, or under ``output_dir``
    mirroring each folder's layout. Names that would collide are made unique (see ``_unique_stems``).
    """
    inputs: list[Input] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            found = sorted(p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in extensions)
            found = [p for p in found if STAMP_DIR not in p.relative_to(path).parts and not p.name.startswith(".")]
            for file in found:
                folder = output_dir / file.parent.relative_to(path) if output_dir else file.parent
                inputs.append(Input(file, folder / file.stem))
        else:  # missing files stay in the list: processing reports them as one clear error
            inputs.append(Input(path, (output_dir or path.parent) / path.stem))
    unique = list({i.path.resolve(): i for i in inputs}.values())
    return _unique_stems(unique)


def _unique_stems(inputs: list[Input]) -> list[Input]:
    """Give every input its own output names, deterministically:

    1. audio files sharing a name in one folder (talk.mp3, talk.flac) keep their extension: talk.mp3.txt,
       talk.flac.txt (decided from the folder's content, so a file alone on the command line gets the same);
    2. inputs from different folders meeting in one output folder (a/memo.wav, b/memo.wav with -o out) go to
       their folders mirrored under it: out/a/memo.txt, out/b/memo.txt;
    3. anything still colliding gets -2, -3 … in path order.
    """
    result = []
    for item in inputs:
        siblings = _audio_siblings(item.path)
        if siblings:
            others = ", ".join(p.name for p in siblings)
            note = f"{others} has the same name: outputs named {item.path.name}.*"
            item = replace(item, stem=item.stem.with_name(item.path.name), note=note)
        result.append(item)
    for group in _collisions(result):
        common = Path(os.path.commonpath([str(item.path.resolve().parent) for _, item in group]))
        for index, item in group:
            rel = item.path.resolve().parent.relative_to(common)
            stem = item.stem.parent / rel / item.stem.name
            note = f"another {item.path.name} writes to {item.stem.parent}: outputs go to {stem.parent}"
            result[index] = replace(item, stem=stem, note=note)
    for group in _collisions(result):
        memos = sorted({_memo(item) for _, item in group})
        for index, item in group:
            n = memos.index(_memo(item)) + 1
            if n > 1:
                stem = item.stem.with_name(f"{item.stem.name}-{n}")
                result[index] = replace(item, stem=stem, note=f"outputs named {stem.name}.* (name taken in this batch)")
    return result


def _memo(item: Input) -> tuple[str, str]:
    """Inputs of one memo (talk.m4a and its talk.json, for memo outline) share a folder and a stem name."""
    return str(item.path.resolve().parent), item.stem.name


def _audio_siblings(path: Path) -> list[Path]:
    if path.suffix.lower() not in AUDIO_EXTENSIONS or not path.parent.is_dir():
        return []
    return sorted(
        p for p in path.parent.iterdir()
        if p.stem == path.stem and p != path and p.suffix.lower() in AUDIO_EXTENSIONS and p.is_file()
    )  # fmt: skip


def _collisions(items: list[Input]) -> list[list[tuple[int, Input]]]:
    by_stem: dict[Path, list[tuple[int, Input]]] = defaultdict(list)
    for index, item in enumerate(items):
        by_stem[item.stem.resolve()].append((index, item))
    return [group for group in by_stem.values() if len({_memo(item) for _, item in group}) > 1]


def claim_stems(inputs: list[Input], owned: Callable[[Input], bool] = lambda item: True) -> list[Input]:
    """Never overwrite another input's outputs from an earlier run: when a stamp at an input's stem names
    another source file that still exists, the input gets the first free ``STEM-2``, ``STEM-3`` … instead
    (stable: the next run finds its own stamp there). ``owned(item)`` says whether the rule applies."""
    result = []
    for item in inputs:
        if owned(item):
            stem = item.stem
            for n in range(2, 1000):
                owner = _stamp_owner(stem)
                if owner is None or _same_memo(owner, item.path.resolve()) or not owner.exists():
                    break
                stem = item.stem.with_name(f"{item.stem.name}-{n}")
            if stem != item.stem:
                note = f"{item.stem.name}.* there belong to {_stamp_owner(item.stem)}: outputs named {stem.name}.*"
                item = replace(item, stem=stem, note=note)
        result.append(item)
    return result


def _same_memo(a: Path, b: Path) -> bool:
    """talk.m4a and its talk.json (or talk.m4a.json) are one memo; a/memo.wav and b/memo.wav are two."""
    return a.parent == b.parent and (a.stem == b.stem or a.name == b.stem or a.stem == b.name)


def _stamp_owner(stem: Path) -> Path | None:
    for stamp in sorted((stem.parent / STAMP_DIR).glob(f"{_glob_escape(stem.name)}.*.json")):
        if stamp.name.count(".") != stem.name.count(".") + 2:
            continue  # talk.mp3.transcribe.json is not a stamp of talk
        try:
            source = json.loads(stamp.read_text(encoding="utf-8")).get("source")
        except (OSError, ValueError):
            continue
        if source:
            return Path(source).resolve()
    return None


def _glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


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


def mark_done(item: Input, kind: str, key: str, outputs: Iterable[Path]) -> None:
    stamp = {"key": key, "source": str(item.path.resolve()), "outputs": [str(p) for p in outputs], "time": time.time()}
    atomic_write_text(_stamp_path(item.stem, kind), json.dumps(stamp, ensure_ascii=False, indent=1))


def audio_duration(path: Path) -> float:
    """Duration from the container header (cheap), for progress totals; 0.0 when unknown."""
    try:
        import av

        with av.open(str(path), metadata_errors="ignore") as container:
            return float(container.duration or 0) / 1_000_000
    except Exception:  # unreadable files are reported when processed
        return 0.0


def run_batch(
    inputs: list[Input],
    process: Callable[[Input, Reporter], FileResult],
    *,
    kind: str,
    key: Callable[[Input], str] | None = None,
    force: bool = False,
    reporter: Reporter | None = None,
    durations: bool = True,
    debug: bool = False,
    fatal: tuple[type[MemoError], ...] = (),
) -> BatchSummary:
    """Run ``process`` on every input; skip finished ones (unless ``force``), report, never stop on one failure.

    ``key(input)`` returns the resume key (content hash + settings); raising MemoError there fails the file.
    An error of a ``fatal`` type (e.g. the model cannot load) would fail every file alike: it ends the batch.
    """
    reporter = reporter or Reporter()
    summary = BatchSummary()
    for folder in {i.stem.parent for i in inputs}:  # temp files of writes killed in an earlier run
        clean_stale_temp_files(folder)
        clean_stale_temp_files(folder / STAMP_DIR)
    seconds = {i.path: audio_duration(i.path) if durations else 0.0 for i in inputs}
    reporter.begin(len(inputs), sum(seconds.values()))
    started = time.monotonic()
    try:
        for index, item in enumerate(inputs, start=1):
            reporter.start_file(index, item.path, seconds[item.path])
            if item.note:
                reporter.message(f"memo: {item.path}: {item.note}")
            try:
                stamp_key = key(item) if key else None
                if stamp_key and not force and is_done(item, kind, stamp_key):
                    summary.skipped.append(item.path)
                    reporter.message(f"memo: {item.path}: already done with these settings (--force redoes it)")
                    continue
                t0 = time.monotonic()
                result = process(item, reporter)
                if stamp_key:
                    mark_done(item, kind, stamp_key, result.outputs)
                summary.done.append(item.path)
                if result.audio_seconds is not None:  # what was decoded, not what a (truncated) header says
                    seconds[item.path] = result.audio_seconds
                    summary.audio_seconds += result.audio_seconds
                names = ", ".join(p.name for p in result.outputs)
                reporter.message(f"memo: {item.path}: done in {time.monotonic() - t0:.1f} s -> {names}")
            except NoSpeechError as exc:
                summary.no_speech.append(item.path)
                reporter.message(f"memo: {_with_path(item, exc)}")
            except fatal:
                raise
            except MemoError as exc:
                _failed(summary, reporter, item, _with_path(item, exc))
            except OSError as exc:  # disk full, permission denied on the output folder, ...
                _failed(summary, reporter, item, f"{item.path}: {exc.strerror or exc}; check the output folder")
            except Exception as exc:  # a bug must not cost the rest of the batch
                if debug:
                    raise
                message = f"{item.path}: unexpected {type(exc).__name__}: {exc}; rerun with --debug and report it"
                _failed(summary, reporter, item, message)
            finally:
                reporter.finish_file(seconds[item.path])
    finally:
        reporter.close()
        summary.wall_seconds = time.monotonic() - started
    return summary


def _with_path(item: Input, exc: Exception) -> str:
    return str(exc) if str(exc).startswith(str(item.path)) else f"{item.path}: {exc}"


def _failed(summary: BatchSummary, reporter: Reporter, item: Input, message: str) -> None:
    message = one_line(message)
    summary.failed.append((item.path, message))
    reporter.message(f"error: {message}")
