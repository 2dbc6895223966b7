"""Speech to text with faster-whisper (CTranslate2): GPU when present, CPU int8 otherwise.

``transcribe()`` decodes the input once (or takes an already decoded ``Audio``), detects the
language once per file, and returns a ``Transcript`` of segments with word timestamps.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .audio import Audio, decode
from .errors import ConfigError, ModelError
from .models import resolve_model
from .records import Segment, Transcript, Word
from .runtime import transcribe_threads

# Languages written without spaces between words.
_NO_SPACE_LANGUAGES = {"zh", "ja", "yue", "th", "lo", "my", "km", "bo"}
# A unit of 1-8 characters repeated 5+ times in a row is a decoding loop, not speech ("喊喊喊喊喊…").
_REPEAT_LOOP = re.compile(r"(.{1,8}?)\1{4,}", re.DOTALL)
# Batched decoding returns up to 30 s per segment; subtitles and speaker turns want sentences.
_SENTENCE_END = (".", "?", "!", "。", "？", "！", "…")
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
_ASCII_PUNCT_IN_CJK = re.compile(r"(?<=[\u3400-\u9fff])\s*([,?!:;])\s*")
# Per-language decoding settings on top of faster-whisper's: Mandarin falls into repetition loops
# with Whisper's defaults (research/asr.md).
LANGUAGE_DECODING: dict[str, dict] = {
    "zh": dict(condition_on_previous_text=False, repetition_penalty=1.1, no_repeat_ngram_size=3),
    "yue": dict(condition_on_previous_text=False, repetition_penalty=1.1, no_repeat_ngram_size=3),
}
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "etc.", "e.g.", "i.e.", "prof.", "jr.", "sr.", "no."}


@dataclass(frozen=True)
class TranscribeOptions:
    """How to transcribe. Every field lands in the JSON output's ``settings``."""

    model: str | None = None  # None: the shipped Whisper base
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str | None = None  # None: int8 on CPU, float16 on GPU
    language: str | None = None  # None: detect once per file
    batch_size: int = 8  # 0 or 1: sequential decoding
    beam_size: int = 5
    vad: bool = True
    word_timestamps: bool = True
    initial_prompt: str | None = None
    cpu_threads: int = 0  # 0: one per core (runtime.transcribe_threads)

    def __post_init__(self) -> None:
        if self.language is not None:
            object.__setattr__(self, "language", normalise_language(self.language))

    def cache_key(self) -> dict:
        """The settings that change the transcript (for resume)."""
        data = asdict(self)
        data.pop("cpu_threads")
        data["model"] = resolve_model(self.model)[1]
        data["device"], data["compute_type"] = resolve_device(self.device, self.compute_type)
        return data


_LANGUAGE_ALIASES = {"cmn": "zh", "mandarin": "zh", "chinese": "zh", "cantonese": "yue", "english": "en"}


def normalise_language(language: str) -> str:
    """'zh', 'zh-CN', 'zh_TW' or 'Mandarin' -> 'zh'; ConfigError for what Whisper does not know."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    code = language.strip().lower().replace("_", "-")
    code = _LANGUAGE_ALIASES.get(code, code)
    if code not in _LANGUAGE_CODES:
        code = code.split("-")[0]  # a region or script tag: zh-cn, en-us, zh-hant
    if code not in _LANGUAGE_CODES:
        raise ConfigError(f"unknown language '{language}'; use a Whisper language code such as zh, en, ja")
    return code


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
    **overrides,
) -> Transcript:
    """Transcribe one file (or decoded audio) and return its Transcript.

    ``overrides`` are TranscribeOptions fields, so ``transcribe("memo.m4a", language="zh")`` works.
    ``on_progress`` is called with the audio seconds done so far, as segments arrive.
    """
    options = TranscribeOptions(**{**asdict(options or TranscribeOptions()), **overrides})
    audio = source if isinstance(source, Audio) else decode(source)
    model = load_model(options.model, options.device, options.compute_type, options.cpu_threads)

    if options.batch_size > 1:  # VAD chunks in batches; language read from their encoder output
        from .multibatch import transcribe_chunks

        if (transcript := transcribe_chunks(audio, options, on_progress)) is not None:
            return transcript
    language, probability = options.language, 1.0
    if language is None:
        language, probability, _ = model.detect_language(audio.samples, vad_filter=options.vad)
    kwargs = dict(
        language=language,
        beam_size=options.beam_size,
        word_timestamps=options.word_timestamps,
        vad_filter=options.vad,
        initial_prompt=options.initial_prompt,
        **LANGUAGE_DECODING.get(language, {}),
    )

    if options.batch_size > 1:
        from faster_whisper import BatchedInferencePipeline

        pipeline = BatchedInferencePipeline(model=model)
        raw_segments, _ = pipeline.transcribe(audio.samples, batch_size=options.batch_size, **kwargs)
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
    postprocess = _chinese_postprocess() if language in ("zh", "yue") else _identity
    segments: list[Segment] = []
    for raw in raw_segments:
        for segment in _to_segments(raw, postprocess, language):
            if segment.text and not _repeats_previous(segment, segments):
                segments.append(segment)
        if on_progress:
            on_progress(min(raw.end, audio.duration))

    name, _ = resolve_model(options.model)
    device, compute_type = resolve_device(options.device, options.compute_type)
    settings = {**asdict(options), "model": name, "device": device, "compute_type": compute_type}
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
    import opencc

    converter = opencc.OpenCC("t2s")

    def convert(text: str) -> str:
        text = converter.convert(text)
        # Whisper mixes ASCII punctuation into Chinese; Chinese text uses full-width marks.
        return _ASCII_PUNCT_IN_CJK.sub(lambda m: _FULL_WIDTH[m.group(1)], text)

    return convert


def _to_segments(raw, postprocess: Callable[[str], str], language: str) -> list[Segment]:
    """Convert one faster-whisper segment, split into sentences when word timestamps allow."""
    words = [
        Word(_sec(w.start), _sec(w.end), postprocess(w.word), round(float(w.probability), 4)) for w in (raw.words or ())
    ]
    if not words:
        text = _REPEAT_LOOP.sub(r"\1", postprocess(raw.text.strip()))
        return [Segment(start=_sec(raw.start), end=_sec(raw.end), text=text)]
    segments, sentence = [], []
    for i, word in enumerate(words):
        sentence.append(word)
        if i == len(words) - 1 or _ends_sentence(word.text):
            text = _REPEAT_LOOP.sub(r"\1", join_words([w.text for w in sentence], language))
            segments.append(Segment(sentence[0].start, sentence[-1].end, text, tuple(sentence)))
            sentence = []
    return segments


def _ends_sentence(text: str) -> bool:
    text = text.strip()
    return text.endswith(_SENTENCE_END) and text.lower() not in _ABBREVIATIONS


def _sec(value: float) -> float:
    return round(float(value), 3)


def _repeats_previous(segment: Segment, previous: list[Segment], limit: int = 2) -> bool:
    """A segment identical to the last ``limit`` ones is a hallucination loop over silence or noise."""
    tail = previous[-limit:]
    return len(tail) == limit and all(s.text == segment.text for s in tail)


def join_words(texts: list[str], language: str) -> str:
    """Join recognised word texts back into running text for ``language``."""
    joined = "".join(texts)
    return joined.strip() if language in _NO_SPACE_LANGUAGES else " ".join(joined.split())
