"""The whole path for one file: decode once -> transcribe (+ diarize) -> write outputs -> outline.

``batch.run_batch`` drives these per-file functions; the CLI only builds a ``Job`` (``check_job`` validates
it once, before any file) and prints. Transcripts are cached by content hash, settings and memo's version,
so ``memo outline memo.m4a`` after ``memo transcribe memo.m4a`` does not transcribe again.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .audio import Audio, check_file, decode
from .batch import FileResult, Input, Reporter, file_digest, settings_digest
from .config import cache_dir
from .diarize.options import DiarizeOptions  # owned by diarize/; `memo.pipeline.DiarizeOptions` still works
from .errors import ConfigError, NoSpeechError, to_stderr
from .fileio import atomic_write_text, clean_stale_temp_files
from .hooks import outputs_written
from .records import Transcript
from .runtime import transcribe_threads
from .structure.options import OutlineOptions  # owned by structure/; `memo.pipeline.OutlineOptions` still works
from .transcribe import TranscribeOptions, transcribe
from .writers import OUTLINE_EXTENSION, write_outline, write_outputs

TRANSCRIPT_SUFFIXES = frozenset({".txt", ".json", ".md"})
# Share of a file's processing time per stage with --diarize (bench: transcribe RTF ~0.09, diarize ~0.15),
# so progress and ETA move at an honest pace through both; diarization's embeddings are most of its time.
_DIARIZE_SHARE, _SEGMENTATION_SHARE = 0.6, 0.2
# Whisper's words on noise ("you.", "1,2,1") come with probabilities of 0.03-0.4 and average under 0.25;
# a segment of real speech averages well above this, even when a few of its words are unsure.
_MIN_WORD_PROBABILITY = 0.5
_notices_shown: set[str] = set()


@dataclass(frozen=True)
class Job:
    """What to do with every input of a batch. ``force`` also bypasses the transcript cache."""

    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    formats: tuple[str, ...] = ("txt", "json")
    diarize: DiarizeOptions | None = None
    speaker_names: str | None = None
    outline: OutlineOptions | None = None
    force: bool = False

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
            "memo": __version__,
        }
        return f"{_digest(item.path)}-{settings_digest(settings)}"


def check_job(job: Job) -> None:
    """Every option checked once, before any file is touched: raises MemoError (the CLI exits 2)."""
    options = job.transcribe
    if options.beam_size is not None and options.beam_size < 1:
        raise ConfigError(f"--beam-size must be 1 or more (got {options.beam_size})")
    if options.batch_size is not None and options.batch_size < 0:
        raise ConfigError(f"--batch-size must be 0 or more (got {options.batch_size}); 1 decodes sequentially")
    options.cache_key()  # resolves the model (a folder without model.bin fails here) and the device
    device, compute_type = _device(options)
    import ctranslate2

    if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        raise ConfigError("--device cuda: no CUDA GPU is available here; use --device cpu or auto")
    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type not in supported:
        choices = ", ".join(sorted(supported))
        raise ConfigError(f"--compute-type {compute_type} is not supported on {device}; use one of {choices}")
    if job.diarize:
        job.diarize.check()
    if job.speaker_names is not None:
        _check_speaker_names(job.speaker_names)
    if job.outline:
        _check_outline(job.outline)


def _device(options: TranscribeOptions) -> tuple[str, str]:
    from .transcribe import resolve_device

    return resolve_device(options.device, options.compute_type)


def _check_speaker_names(spec: str) -> None:
    from .diarize import parse_speaker_names

    path = Path(spec).expanduser()
    looks_like_file = "/" in spec or "\\" in spec or path.suffix.lower() in (".toml", ".json", ".txt", ".yaml", ".yml")
    if looks_like_file and not path.is_file():
        raise ConfigError(f"--speaker-names {spec}: file not found; check the path, or give names as 'Host,Guest'")
    parse_speaker_names(spec)


def _check_outline(options: OutlineOptions) -> None:
    from .structure.options import choose_endpoint

    options.check()
    if options.engine == "llm":
        choose_endpoint(options)  # --engine llm without an endpoint fails now, not once per file


def transcript_for(path: Path, job: Job, reporter: Reporter | None = None) -> Transcript:
    """The transcript of an audio file: from the cache when this content was done with these settings
    (unless ``job.force``)."""
    reporter = reporter or Reporter()
    check_file(path)
    cached = transcript_cache_path(path, job)
    if cached.exists() and not job.force:
        try:
            # Same content may have another name now: the transcript belongs to this path.
            return replace(Transcript.from_dict(json.loads(cached.read_text(encoding="utf-8"))), source=str(path))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is redone
    audio = decode(path)
    if audio.truncated:
        reporter.message(
            f"warning: {path}: only {audio.duration:.1f} s of the {audio.header_duration:.1f} s its header announces "
            "could be decoded (a cut-off or damaged file); transcribing what is there"
        )
    transcript = _transcribe_and_diarize(audio, job, reporter)
    clean_stale_temp_files(cached.parent)
    store_transcript(path, job, transcript)
    return transcript


def store_transcript(path: Path, job: Job, transcript: Transcript) -> None:
    """Put ``transcript`` in the cache for this content and these settings (multibatch fills it ahead too)."""
    atomic_write_text(transcript_cache_path(path, job), json.dumps(transcript.to_dict(), ensure_ascii=False))


def transcript_cache_path(path: Path, job: Job) -> Path:
    """Where the transcript of this content with these settings is cached (multibatch fills it ahead)."""
    key = settings_digest([job.transcribe.cache_key(), asdict(job.diarize) if job.diarize else None, __version__])
    return cache_dir() / "transcripts" / f"{_digest(path)[:24]}-{key}.json"


def _transcribe_and_diarize(audio: Audio, job: Job, reporter: Reporter) -> Transcript:
    if not job.diarize:
        reporter.stage("transcribing")
        return transcribe(audio, job.transcribe, on_progress=reporter.advance)
    from .diarize import assign_speakers, diarize

    progress = _TwoStageProgress(reporter, audio.duration)
    run = functools.partial(diarize, audio, job.diarize, progress=progress.diarized, notice=reporter.message)
    if not job.diarize.concurrent:
        reporter.stage("transcribing")
        transcript = transcribe(audio, job.transcribe, on_progress=progress.transcribed)
        reporter.stage("diarizing")
        return assign_speakers(transcript, run())
    reporter.stage("transcribing + diarizing")
    worker = _Background(run)  # a daemon thread: Ctrl+C exits at once instead of waiting for it
    # The stages split the cores (runtime.py): CTranslate2 takes those diarization leaves.
    threads = job.transcribe.cpu_threads or transcribe_threads(concurrent=True)
    transcript = transcribe(audio, replace(job.transcribe, cpu_threads=threads), on_progress=progress.transcribed)
    reporter.stage("diarizing")
    return assign_speakers(transcript, worker.result())


class _TwoStageProgress:
    """Transcription and diarization progress folded into one position in the file's audio seconds."""

    def __init__(self, reporter: Reporter, duration: float):
        self.reporter, self.duration = reporter, duration
        self.transcribed_part = self.diarized_part = 0.0
        self._lock = threading.Lock()

    def transcribed(self, seconds: float) -> None:
        self.transcribed_part = min(1.0, seconds / self.duration) if self.duration else 1.0
        self._push()

    def diarized(self, stage: str, completed: int, total: int) -> None:
        done = min(1.0, completed / total) if total else 1.0
        if stage == "segmentation":
            self.diarized_part = max(self.diarized_part, _SEGMENTATION_SHARE * done)
        elif stage == "embeddings":
            self.diarized_part = max(self.diarized_part, _SEGMENTATION_SHARE + (1 - _SEGMENTATION_SHARE) * done)
        self._push()

    def _push(self) -> None:
        with self._lock:
            part = (1 - _DIARIZE_SHARE) * self.transcribed_part + _DIARIZE_SHARE * self.diarized_part
            self.reporter.advance(self.duration * part)


class _Background:
    """Runs ``function`` in a daemon thread; ``result()`` waits and returns (or raises) what it did."""

    def __init__(self, function):
        self._value, self._error = None, None
        self._thread = threading.Thread(target=self._run, args=(function,), name="memo-diarize", daemon=True)
        self._thread.start()

    def _run(self, function) -> None:
        try:
            self._value = function()
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def transcribe_file(item: Input, job: Job, reporter: Reporter | None = None) -> FileResult:
    """`memo transcribe` for one input: transcript files, and the outline with ``job.outline``."""
    transcript = _spoken(_named(transcript_for(item.path, job, reporter), job), item)
    outputs = write_outputs(transcript, job.formats, item.stem)
    if job.outline:
        outputs.append(_write_outline(transcript, item, job, reporter))
    outputs_written(outputs, transcript, reporter.message if reporter else to_stderr)
    return FileResult(tuple(outputs), transcript.duration)


def outline_file(item: Input, job: Job, reporter: Reporter | None = None) -> FileResult:
    """`memo outline` for one input: a transcript file is read; audio is transcribed first (and saved)."""
    from .structure import load_transcript

    if item.path.suffix.lower() in TRANSCRIPT_SUFFIXES:
        transcript = load_transcript(item.path)
        outline_path = _write_outline(transcript, item, job, reporter)
        outputs_written([outline_path], transcript, reporter.message if reporter else to_stderr)
        return FileResult((outline_path,))
    # Audio: as `memo transcribe --outline` (the transcript is on disk before the outline engine runs).
    return transcribe_file(item, replace(job, outline=job.outline or OutlineOptions()), reporter)


def has_speech(transcript: Transcript) -> bool:
    """True when some segment was heard with some confidence: silence gives no words, noise gives a few words
    ("you.", "1,2,1") at low probabilities, or punctuation alone."""
    for segment in transcript.segments:
        words = [w for w in segment.words or () if any(ch.isalnum() for ch in w.text)]
        if not segment.words and any(ch.isalnum() for ch in segment.text):
            return True
        if words and sum(w.probability for w in words) / len(words) >= _MIN_WORD_PROBABILITY:
            return True
    return False


def _spoken(transcript: Transcript, item: Input) -> Transcript:
    if not has_speech(transcript):
        raise NoSpeechError(
            f"{item.path}: no speech found in {transcript.duration:.1f} s of audio (silence or noise); nothing written"
        )
    return transcript


def outline_inputs(items: list[Input]) -> list[Input]:
    """One input per output stem for `memo outline`: a folder holding talk.m4a, talk.json, talk.md and
    talk.outline.md gives one outline, from the richest source (memo's JSON has timings and speakers)."""
    rank = {".json": 0, ".md": 2, ".txt": 3}  # audio ranks 1: timed, but needs transcribing
    best: dict[Path, Input] = {}
    for item in items:
        if item.path.name.endswith("." + OUTLINE_EXTENSION):
            continue  # our own output
        current = best.get(item.stem)
        if current is None or rank.get(item.path.suffix.lower(), 1) < rank.get(current.path.suffix.lower(), 1):
            best[item.stem] = item
    return list(best.values())


def _write_outline(transcript: Transcript, item: Input, job: Job, reporter: Reporter | None) -> Path:
    from .structure import outline

    reporter = reporter or Reporter()
    reporter.stage("outlining")
    options = job.outline or OutlineOptions()
    result = outline(transcript, options, progress=lambda text: reporter.stage(f"outlining: {text}"))
    if result.notice and result.notice not in _notices_shown:  # once per run, not once per file
        _notices_shown.add(result.notice)
        reporter.message(f"memo: {result.notice}")
    return write_outline(result, item.stem)


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
