"""Speech to text with faster-whisper (CTranslate2): GPU when present, CPU int8 otherwise.

``transcribe()`` decodes the input once (or takes an already decoded ``Audio``), detects the
language once per file, and returns a ``Transcript`` of segments with word timestamps.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import __version__
from .audio import Audio, decode
from .errors import ConfigError, ModelError
from .language import CJK, is_chinese, normalise_language, to_simplified
from .language import NO_SPACE_LANGUAGES as _NO_SPACE_LANGUAGES
from .models import resolve_model
from .records import Segment, Transcript, Word
from .runtime import transcribe_threads
from .sentences import CHINESE_PUNCTUATION_LANGUAGES, MAX_SEGMENT_SECONDS, find_silences, split_segments

# A unit of 1-8 characters repeated 5+ times in a row is a decoding loop, not speech ("喊喊喊喊喊…").
_REPEAT_LOOP = re.compile(r"(.{1,8}?)\1{4,}", re.DOTALL)
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
# Whitespace between two CJK characters, kana or full-width marks: Whisper's word texts carry leading spaces.
_SPACE_IN_CJK = re.compile(rf"(?<=[\u3000-\u30ff{CJK}\uff00-\uffef])\s+(?=[\u3000-\u30ff{CJK}\uff00-\uffef])")
_ASCII_PUNCT_IN_CJK = re.compile(rf"(?<=[{CJK}])\s*([,?!:;])\s*")
# Languages decoded one window at a time by default: on real Mandarin, sequential decoding beat batched
# (CER, bench/bench_mandarin.py) and keeps Whisper's own segment ends, which mark clauses.
SEQUENTIAL_LANGUAGES = frozenset({"zh", "yue"})
# Per-language decoding settings on top of faster-whisper's (chosen in bench/bench_mandarin.py). Each 30 s
# window decoded on its own keeps one bad window from derailing the next; a repetition penalty and
# no_repeat_ngram_size=3 were dropped: they garbled a sentence said twice (joined-clips CER 0.163 -> 0.225).
# Loops are left to faster-whisper's temperature fallback and the _REPEAT_LOOP collapse below.
LANGUAGE_DECODING: dict[str, dict] = {"zh": dict(condition_on_previous_text=False)}
LANGUAGE_DECODING["yue"] = LANGUAGE_DECODING["zh"]


@dataclass(frozen=True)
class TranscribeOptions:
    """How to transcribe. Every field lands in the JSON output's ``settings``."""

    model: str | None = None  # None: the shipped Whisper base
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str | None = None  # None: int8 on CPU, float16 on GPU
    language: str | None = None  # None: detect once per file
    batch_size: int | None = None  # None: sequential for Chinese, 8 otherwise; 0 or 1: sequential
    beam_size: int | None = None  # None: 5 sequentially; batched, greedy with beam 5 where unsure (UNSURE_LOGPROB)
    vad: bool = True
    word_timestamps: bool = True
    initial_prompt: str | None = None
    hotwords: str | None = None  # names and terms to expect, "名字, 术语"; None: [transcribe] vocabulary
    cpu_threads: int = 0  # 0: one per core (runtime.transcribe_threads)

    def __post_init__(self) -> None:
        if self.language is not None:
            object.__setattr__(self, "language", normalise_language(self.language))
        hotwords = configured_vocabulary() if self.hotwords is None else self.hotwords
        object.__setattr__(self, "hotwords", normalise_hotwords(hotwords))

    def batch_for(self, language: str) -> int:
        """The batch size used for audio in ``language`` (1 = sequential)."""
        if self.batch_size is None:
            return 1 if language in SEQUENTIAL_LANGUAGES else 8
        return max(1, self.batch_size)

    def beam_for(self, batched: bool) -> int:
        """The beam size of the first decoding pass (an explicit beam_size is used everywhere)."""
        if self.beam_size is not None:
            return self.beam_size
        return 1 if batched else 5

    def cache_key(self) -> dict:
        """The settings that change the transcript (for resume)."""
        data = asdict(self)
        data.pop("cpu_threads")
        data["model"] = resolve_model(self.model)[1]
        data["device"], data["compute_type"] = resolve_device(self.device, self.compute_type)
        return data


def normalise_hotwords(value: str | list[str] | None) -> str:
    """'名字, 术语' or a list of terms -> '名字, 术语' (one separator, no empties); '' for none."""
    terms = value if isinstance(value, list | tuple) else re.split(r"[,，;；、\n]", value or "")
    return ", ".join(dict.fromkeys(t.strip() for t in map(str, terms) if str(t).strip()))


def configured_vocabulary() -> str | list[str]:
    """``[transcribe] vocabulary = [...]`` and/or ``vocabulary_file`` (one term a line) from the config."""
    from .config import setting

    terms = setting("transcribe", "vocabulary", default=[])
    terms = re.split(r"[,，;；、\n]", terms) if isinstance(terms, str) else list(terms)
    if path := setting("transcribe", "vocabulary_file"):
        try:
            terms += Path(path).expanduser().read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise ConfigError(f"vocabulary_file {path}: cannot read it ({exc}); fix the path in the config") from exc
    return terms


def resolve_device(device: str = "auto", compute_type: str | None = None) -> tuple[str, str]:
    """Pick the device (CUDA when present for 'auto') and its default compute type."""
    if device not in ("auto", "cpu", "cuda"):
        raise ModelError(f"unknown device '{device}'; use auto, cpu or cuda")
    if device == "auto":
        import ctranslate2

        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    return device, compute_type or ("float16" if device == "cuda" else "int8")


@functools.lru_cache(maxsize=2)
def load_model(model: str | None = None, device: str = "auto", compute_type: str | None = None, cpu_threads: int = 0):
    """Load (and keep) a WhisperModel; loading takes seconds, so a batch loads it once."""
    from faster_whisper import WhisperModel

    name, location = resolve_model(model)
    device, compute_type = resolve_device(device, compute_type)
    try:
        # 0 would let CTranslate2 start 4 threads whatever the cores: on 2 cores (loaded) that took
        # 1.4-1.9x the time of one thread per core (bench_speed.py).
        threads = cpu_threads or transcribe_threads()
        return WhisperModel(location, device=device, compute_type=compute_type, cpu_threads=threads)
    except (RuntimeError, ValueError, OSError) as exc:
        local = os.path.isdir(location)
        hint = "check the model folder" if local else "connect once to download it, or pass --model DIR"
        raise ModelError(f"cannot load model '{name}' on {device}/{compute_type} ({exc}); {hint}") from exc


def transcribe(
    source: str | os.PathLike | Audio,
    options: TranscribeOptions | None = None,
    *,
    on_progress: Callable[[float], None] | None = None,
    detected: tuple[str, float] | None = None,
    **overrides,
) -> Transcript:
    """Transcribe one file (or decoded audio) and return its Transcript.

    ``overrides`` are TranscribeOptions fields, so ``transcribe("memo.m4a", language="zh")`` works.
    ``on_progress`` is called with the audio seconds done so far, as segments arrive. ``detected`` is a
    (language, probability) already detected for this audio (multibatch), for decoding it sequentially.
    """
    options = TranscribeOptions(**{**asdict(options or TranscribeOptions()), **overrides})
    audio = source if isinstance(source, Audio) else decode(source)
    model = load_model(options.model, options.device, options.compute_type, options.cpu_threads)

    if detected is None and (options.batch_size is None or options.batch_size > 1):
        from .multibatch import transcribe_chunks  # VAD chunks in batches

        result = transcribe_chunks(audio, options, on_progress)
        if isinstance(result, Transcript):
            return result
        detected = result  # the language it found, when that language is decoded sequentially
    language, probability = options.language, 1.0
    if language is None and detected:
        language, probability = detected
    elif language is None:
        language, probability, _ = model.detect_language(audio.samples, vad_filter=options.vad)
    kwargs = dict(
        language=language,
        beam_size=options.beam_for(batched=False),
        word_timestamps=options.word_timestamps,
        vad_filter=options.vad,
        initial_prompt=options.initial_prompt,
        hotwords=options.hotwords or None,
        **LANGUAGE_DECODING.get(language, {}),
    )
    batch_size = options.batch_for(language)
    import ctranslate2

    # Temperature fallback samples when a window decodes with low confidence, which is often in Mandarin
    # with Whisper base: a fixed seed makes the same file give the same transcript every time.
    ctranslate2.set_random_seed(0)
    if batch_size > 1 and options.vad:  # batched decoding needs VAD's speech chunks
        from faster_whisper import BatchedInferencePipeline

        pipeline = BatchedInferencePipeline(model=model)
        raw_segments, _ = pipeline.transcribe(audio.samples, batch_size=batch_size, **kwargs)
    else:
        raw_segments, _ = model.transcribe(audio.samples, **kwargs)

    return transcript_from_segments(raw_segments, audio, options, language, probability, on_progress)


def transcript_from_segments(
    raw_segments,
    audio: Audio,
    options: TranscribeOptions,
    language: str,
    probability: float = 1.0,
    on_progress: Callable[[float], None] | None = None,
) -> Transcript:
    """A Transcript from faster-whisper segments (also used by multibatch for files decoded together)."""
    postprocess = _chinese_postprocess() if is_chinese(language) else _identity
    chunks: list[Segment] = []
    for raw in raw_segments:
        chunks.append(_to_chunk(raw, postprocess))
        if on_progress:
            on_progress(min(raw.end, audio.duration))
    # Pauses matter where Whisper writes little punctuation; a VAD pass costs ~1% of decoding.
    unpunctuated = language in CHINESE_PUNCTUATION_LANGUAGES | _NO_SPACE_LANGUAGES and options.word_timestamps
    silences = find_silences(audio.samples, audio.sample_rate) if unpunctuated else ()
    segments: list[Segment] = []
    for segment in split_segments(chunks, language, join_words, MAX_SEGMENT_SECONDS, silences):
        segment = replace(segment, text=_REPEAT_LOOP.sub(r"\1", segment.text))
        if segment.text and not _repeats_previous(segment, segments):
            segments.append(segment)

    name, _ = resolve_model(options.model)
    device, compute_type = resolve_device(options.device, options.compute_type)
    settings = {**asdict(options), "model": name, "device": device, "compute_type": compute_type}
    settings["batch_size"] = options.batch_for(language)
    settings["memo_version"] = __version__
    return Transcript(
        source=str(Path(audio.source)),
        language=language,
        duration=round(audio.duration, 3),
        segments=tuple(segments),
        model=name,
        language_probability=round(float(probability), 4),
        settings=settings,
    )


def _identity(text: str) -> str:
    return text


@functools.lru_cache(maxsize=1)
def _chinese_postprocess() -> Callable[[str], str]:
    """Whisper often writes Mandarin in Traditional characters: convert to Simplified, keep punctuation."""

    def convert(text: str) -> str:
        text = to_simplified(text)
        # Whisper mixes ASCII punctuation into Chinese; Chinese text uses full-width marks.
        return _ASCII_PUNCT_IN_CJK.sub(lambda m: _FULL_WIDTH[m.group(1)], text)

    return convert


def _to_chunk(raw, postprocess: Callable[[str], str]) -> Segment:
    """One faster-whisper segment as a Segment with its words (sentences.split_segments cuts it up)."""
    words = tuple(
        Word(_sec(w.start), _sec(w.end), postprocess(w.word), round(float(w.probability), 4)) for w in (raw.words or ())
    )
    return Segment(start=_sec(raw.start), end=_sec(raw.end), text=postprocess(raw.text.strip()), words=words)


def _sec(value: float) -> float:
    return round(float(value), 3)


def _repeats_previous(segment: Segment, previous: list[Segment], limit: int = 2) -> bool:
    """A segment identical to the last ``limit`` ones is a hallucination loop over silence or noise."""
    tail = previous[-limit:]
    return len(tail) == limit and all(s.text == segment.text for s in tail)


def join_words(texts: list[str], language: str) -> str:
    """Join recognised word texts back into running text for ``language``."""
    joined = "".join(texts)
    if language in _NO_SPACE_LANGUAGES:
        return _SPACE_IN_CJK.sub("", joined).strip()  # words carry Whisper's leading spaces
    return " ".join(joined.split())
