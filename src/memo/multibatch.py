"""Many short recordings transcribed as one batch.

Whisper's encoder is the cost of a short file: it always encodes a 30 s window, so a 5 s memo pays
for 25 s of padding, and language detection pays for a second window. Here each file's speech is
encoded in a window cut to its own length plus ``CONTEXT_PAD`` seconds of padding (CTranslate2
accepts shorter windows), the windows of several files are encoded in one batch, the language of
every file is read from that same encoder output, and files are decoded and word-aligned together,
a batch per language. One batch row is one file, so words and timestamps never cross files.

Packing several files into one shared 30 s window was measured too and rejected: words at the
boundaries landed in the neighbouring file and Whisper dropped whole utterances (bench/bench_speed.py).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, Audio, decode
from .records import Transcript
from .transcribe import LANGUAGE_DECODING, TranscribeOptions, load_model, transcribe, transcript_from_segments

# Files whose speech is longer than this take the ordinary path (VAD chunks of up to 30 s, batched).
SHORT_SECONDS = 24.0
# Padding after the speech inside the shortened window. With 2 s Whisper base dropped final
# word endings ("directory" -> "director") on the dev files; 5 s gave the 30 s window's text.
CONTEXT_PAD = 5.0
# The same padding for the VAD chunks of a long file (up to 30 s of speech each, mostly 25-30 s): the encoder's
# time grows faster than its window, so 26 s chunks encoded in 28 s windows instead of 30 s took 0.89x the
# encoder time. With 2 s the held-out long sets (Asterisk prompts, pyannote's sample) gave the same words
# as with 5 s; with 1 s one word changed.
CHUNK_PAD = 2.0
# VAD margin kept around the speech, as faster-whisper's speech_pad_ms does.
_MARGIN = 0.2
# Mean token log-probability under which a window decoded greedily is decoded again with beam 5 (when
# beam_size is not set). faster-whisper's own "unsure" mark (log_prob_threshold) is -1.0.
UNSURE_LOGPROB = -0.5
_PREPEND = "\"'“¿([{-"
_APPEND = "\"'.。,，!！?？:：”)]}、"


def transcribe_many(sources: Sequence[Audio], options: TranscribeOptions | None = None) -> list[Transcript | None]:
    """Transcribe decoded recordings together; one Transcript per source, None for a source left to
    ``transcribe()`` (speech longer than SHORT_SECONDS, no speech found)."""
    options = options or TranscribeOptions()
    model = load_model(options.model, options.device, options.compute_type, options.cpu_threads)
    spans = [_speech_span(audio, options.vad) for audio in sources]
    results: list[Transcript | None] = [None] * len(sources)
    todo = sorted((i for i, span in enumerate(spans) if span), key=lambda i: spans[i][1] - spans[i][0])
    size = max(1, options.batch_size or 8)
    for first in range(0, len(todo), size):  # similar lengths share a batch: less padding
        rows = todo[first : first + size]
        batch = _transcribe_rows(model, [sources[i] for i in rows], [spans[i] for i in rows], options)
        for i, transcript in zip(rows, batch, strict=True):
            results[i] = transcript
    return results


def _speech_span(audio: Audio, vad: bool) -> tuple[int, int] | None:
    """Samples from the first to the last speech (VAD), or the whole file; None when not short."""
    start, end = 0, len(audio.samples)
    if vad:
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        speech = get_speech_timestamps(audio.samples, VadOptions())
        if not speech:
            return None  # transcribe() decides what silence gives
        margin = int(_MARGIN * SAMPLE_RATE)
        start, end = max(0, speech[0]["start"] - margin), min(end, speech[-1]["end"] + margin)
    return (start, end) if end - start <= SHORT_SECONDS * SAMPLE_RATE else None


def _window_features(model, pieces: list[np.ndarray], pad: float = CONTEXT_PAD) -> np.ndarray:
    """Log-mel features of each piece in a window as long as the longest piece plus ``pad`` seconds (30 s at
    most). Zero features pad, as in faster-whisper's batched path (padding with silent samples instead
    lost a word on a dev clip)."""
    from faster_whisper.audio import pad_or_trim

    longest = max(len(p) for p in pieces) / SAMPLE_RATE
    frames = min(3000, 2 * math.ceil((longest + pad) * 50))  # 100 feature frames a second, an even number
    return np.stack([pad_or_trim(model.feature_extractor(p)[..., :-1], frames) for p in pieces])


def _transcribe_rows(model, sources: list[Audio], spans: list[tuple[int, int]], options: TranscribeOptions):
    features = _window_features(model, [a.samples[s:e] for a, (s, e) in zip(sources, spans, strict=True)])
    encoded = model.encode(features)
    if options.language:
        languages = [(options.language, 1.0)] * len(sources)
    else:  # from the encoder output we already have: no second encoder pass
        languages = [(r[0][0][2:-2], float(r[0][1])) for r in model.model.detect_language(encoded)]
    results: list[Transcript | None] = [None] * len(sources)
    for i, (language, probability) in enumerate(languages):
        if not batched(language, options):  # decoded on its own, its language already known
            results[i] = transcribe(sources[i], options, detected=(language, probability))
    for language in dict.fromkeys(lang for lang, _ in languages if batched(lang, options)):
        idx = [i for i, (lang, _) in enumerate(languages) if lang == language]
        part = encoded if len(idx) == len(sources) else _rows(model, encoded, features, idx)
        raws = _decode(model, part, features[idx], [spans[i] for i in idx], language, options)
        for i, raw in zip(idx, raws, strict=True):
            results[i] = transcript_from_segments(raw, sources[i], options, language, languages[i][1])
    return results


def transcribe_chunks(
    audio: Audio, options: TranscribeOptions, on_progress: Callable[[float], None] | None = None
) -> Transcript | tuple[str, float] | None:
    """One file in VAD chunks of up to 30 s decoded in batches: faster-whisper's batched path without its
    separate language-detection encode and second VAD pass, the last chunk's window cut to its length.
    None when it does not apply (no VAD, no speech), or (language, probability) for a language decoded
    sequentially: transcribe() takes over."""
    if not options.vad:
        return None
    from faster_whisper.transcribe import restore_speech_timestamps
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    vad = VadOptions(max_speech_duration_s=30, min_silence_duration_ms=160)
    # VAD (one core, onnxruntime) runs while the first file loads the model (0.4-1.4 s). Not the other way
    # round: with the model loaded in another thread than the one using it, OpenMP's default (spinning)
    # wait policy and one other busy process, the 5-minute file took 50-190 s instead of 16 s.
    with ThreadPoolExecutor(1, thread_name_prefix="memo-vad") as pool:
        found = pool.submit(get_speech_timestamps, audio.samples, vad)
        model = load_model(options.model, options.device, options.compute_type, options.cpu_threads)
        speech = found.result()
    if not speech:
        return None
    chunks, meta = collect_chunks(audio.samples, speech, max_duration=30)
    # Chunk times are in the time of the speech joined without its silences until restore_speech_timestamps.
    spans = [
        (round(m["offset"] * SAMPLE_RATE), round(m["offset"] * SAMPLE_RATE) + len(c))
        for m, c in zip(meta, chunks, strict=True)
    ]
    language, probability = options.language, 1.0
    if language and not batched(language, options):
        return None
    size = max(1, options.batch_size or 8)
    # Without a language the first chunk goes alone: its encoder output gives the language (as
    # detect_language would, with no extra encoder pass), and a language decoded sequentially costs one window.
    starts = [0, *range(1 if language is None else 0, len(chunks), size)][1 if language else 0 :]
    raws: list = []
    for first, stop in zip(starts, [*starts[1:], len(chunks)], strict=True):
        rows = range(first, stop)
        features = _window_features(model, [chunks[i] for i in rows], CHUNK_PAD)
        encoded = model.encode(features)
        if language is None:
            language, probability = _vote(model.model.detect_language(encoded))
            if not batched(language, options):
                return language, probability
        for segments in _decode(model, encoded, features, [spans[i] for i in rows], language, options):
            raws.extend(segments)
        # collect_chunks can leave a chunk without speech segments (a first segment longer than a chunk).
        ends = [segment["end"] for i in rows for segment in meta[i]["segments"]]
        if on_progress and ends:
            on_progress(min(max(ends) / SAMPLE_RATE, audio.duration))
    raws = list(restore_speech_timestamps(raws, speech, SAMPLE_RATE))
    return transcript_from_segments(raws, audio, options, language, probability)


def batched(language: str, options: TranscribeOptions) -> bool:
    """Whether audio in ``language`` is decoded here (in batches); otherwise transcribe() decodes it
    sequentially. The one place for a per-language policy (e.g. Mandarin decoded sequentially)."""
    return options.batch_for(language) > 1


def _vote(detections: list) -> tuple[str, float]:
    """One language for rows of the same file: the highest summed probability."""
    totals: dict[str, float] = {}
    for row in detections:
        for token, prob in row:
            totals[token] = totals.get(token, 0.0) + prob
    token = max(totals, key=totals.__getitem__)
    return token[2:-2], totals[token] / len(detections)


def _rows(model, encoded, features: np.ndarray, idx: list[int]):
    """Some rows of an encoder output; re-encoded where it cannot be sliced (on a GPU)."""
    import ctranslate2

    try:
        return ctranslate2.StorageView.from_array(np.ascontiguousarray(np.asarray(encoded)[idx]))
    except (RuntimeError, TypeError, ValueError):
        return model.encode(features[idx])


def _decode(
    model, encoded, features: np.ndarray, spans: list[tuple[int, int]], language: str, options: TranscribeOptions
) -> list[list]:
    """Decoding and word alignment for one language's rows (``features``: their encoder input): faster-whisper
    segments per row."""
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.transcribe import Segment, Word, get_suppressed_tokens

    tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=language)
    previous = tokenizer.encode(options.initial_prompt) if options.initial_prompt else []
    hotwords = options.hotwords or None
    prompt = model.get_prompt(tokenizer, previous_tokens=previous, without_timestamps=True, hotwords=hotwords)
    settings = LANGUAGE_DECODING.get(language, {})
    generate = functools.partial(
        model.model.generate,
        max_length=model.max_length,
        suppress_blank=True,
        suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
        return_scores=True,
        return_no_speech_prob=True,
        repetition_penalty=settings.get("repetition_penalty", 1.0),
        no_repeat_ngram_size=settings.get("no_repeat_ngram_size", 0),
    )
    results = generate(encoded, [list(prompt) for _ in spans], beam_size=options.beam_for(batched=True))
    if options.beam_size is None:  # greedy first: beam search again only for the windows it was unsure of
        unsure = [i for i, r in enumerate(results) if r.scores[0] < UNSURE_LOGPROB]
        if unsure:
            part = encoded if len(unsure) == len(spans) else _rows(model, encoded, features, unsure)
            for i, result in zip(unsure, generate(part, [list(prompt) for _ in unsure], beam_size=5), strict=True):
                results[i] = result
    rows = []
    for (start, end), result in zip(spans, results, strict=True):
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        offset = start / SAMPLE_RATE
        # seek / frames_per_second is the time offset faster-whisper adds to aligned words.
        rows.append([dict(tokens=tokens, start=offset, end=end / SAMPLE_RATE, seek=round(offset * 100))])
    if options.word_timestamps:
        sizes = [math.ceil((e - s) / SAMPLE_RATE) * 100 for s, e in spans]
        model.add_word_timestamps(rows, tokenizer, encoded, sizes, _PREPEND, _APPEND, 0.0)
    raws = []
    for row, result in zip(rows, results, strict=True):
        seg = row[0]
        if not seg["tokens"]:
            raws.append([])
            continue
        words = [Word(**w) for w in seg.get("words", ())] if options.word_timestamps else None
        text = tokenizer.decode(seg["tokens"])
        raws.append(
            [
                Segment(
                    id=1,
                    seek=seg["seek"],
                    start=round(seg["start"], 3),
                    end=round(seg["end"], 3),
                    text=text,
                    tokens=seg["tokens"],
                    avg_logprob=float(result.scores[0]),
                    compression_ratio=0.0,
                    no_speech_prob=float(result.no_speech_prob),
                    words=words,
                    temperature=0.0,
                )
            ]
        )
    return raws


def transcribe_ahead(process: Callable, items: Sequence, job, *, kind: str, group: int = 16) -> Callable:
    """Wrap a batch's per-file function ``process(item, job, reporter)``: on reaching a short audio file
    not transcribed yet, the next ``group`` such files are transcribed together into the transcript
    cache first, and ``process`` then finds each file's transcript there. Stamps, per-file errors,
    outputs and progress stay with ``process`` and ``batch.run_batch``; a file this cannot do
    (unreadable, long, diarized) simply takes the one-file path. Not with ``--force``, which bypasses
    the cache."""

    from .batch import audio_duration, is_done
    from .pipeline import TRANSCRIPT_SUFFIXES, store_transcript, transcript_cache_path

    if job.diarize or job.force or job.transcribe.batch_size in (0, 1):
        return process
    pending = [i for i in items if i.path.suffix.lower() not in TRANSCRIPT_SUFFIXES]
    waiting = {i.path for i in pending}

    def wanted(item) -> bool:
        try:
            if not item.path.is_file() or transcript_cache_path(item.path, job).exists():
                return False
            if is_done(item, kind, job.resume_key(item)):
                return False  # run_batch skips it
        except (OSError, ValueError):
            return False
        return 0 < audio_duration(item.path) <= SHORT_SECONDS  # the header rules out long files before decoding

    def wrapped(item, job_, progress=None):
        if item.path in waiting:
            start = next(n for n, i in enumerate(pending) if i.path == item.path)
            chosen = []
            for candidate in pending[start:]:
                if len(chosen) == group:
                    break
                waiting.discard(candidate.path)
                if wanted(candidate):
                    chosen.append(candidate)
            if len(chosen) > 1:
                if progress:
                    progress.stage(f"transcribing {len(chosen)} short files together")
                transcribe_paths([c.path for c in chosen], job.transcribe,
                                 on_file=lambda path, transcript: store_transcript(path, job, transcript))  # fmt: skip
        return process(item, job_, progress)

    return wrapped


def transcribe_paths(
    paths: Sequence[Path], options: TranscribeOptions, on_file: Callable[[Path, Transcript], None] | None = None
) -> dict[Path, Transcript]:
    """Decode and transcribe files together; files that fail to decode or are not short are left out
    (the one-file path reports or handles them)."""
    from .errors import AudioError

    audios: list[Audio] = []
    for path in paths:
        try:
            audios.append(decode(path))
        except AudioError:
            continue
    done = {}
    for audio, transcript in zip(audios, transcribe_many(audios, options), strict=True):
        if transcript is not None:
            done[Path(audio.source)] = transcript
            if on_file:
                on_file(Path(audio.source), transcript)
    return done
