"""Sentence-sized segments from timed words, and Chinese punctuation restored offline.

Whisper returns segments of up to 30 s, and Whisper base writes almost no punctuation in Mandarin, so
splitting at punctuation alone left 30-second subtitle cues and outline links. Here a transcript is cut
at sentence punctuation, then at pauses between words where the text has no punctuation, and finally at
a length cap (the largest pause before it). Chinese gets ，at short pauses and Whisper's own segment
ends, 。at long pauses and the end, and ？when the words ask (吗/呢, 什么/为什么/怎么, 是不是…).
English and other punctuated text keeps its own sentence ends; only the cap can split it further.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .records import Segment, Word

MAX_SEGMENT_SECONDS = 15.0
# Seconds of silence between two words. Mandarin read or spoken at a normal rate pauses 0.1-0.2 s between
# words inside a clause; 0.3 s marks a clause, 0.7 s a sentence.
CLAUSE_PAUSE = 0.3
SENTENCE_PAUSE = 0.7
CHINESE_PUNCTUATION_LANGUAGES = frozenset({"zh", "yue"})
_MIN_WORD = 0.05  # seconds a word keeps when its edges move out of a silence

_SENTENCE_END = (".", "?", "!", "。", "？", "！", "…")
_ANY_PUNCTUATION = re.compile(r"[.,?!;:。，？！、；：…]")
_TRAILING_MARK = re.compile(r"[，、,；;：:]+$")
_TRAILING_PUNCTUATION = re.compile(r"[.,?!;:。，？！、；：…]+$")
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "etc.", "e.g.", "i.e.", "prof.", "jr.", "sr.", "no."}
# A clause asks when it ends in a question particle, or holds a question word or an A-not-A form...
_QUESTION_END = re.compile(r"(吗|呢|嘛|(?<![什怎这那多])么)$")
_QUESTION_WORDS = re.compile(
    r"什么|为什么|为何|怎么|怎样|如何|哪|谁|多少|几点|几个|几次|难道|是不是|有没有|能不能|会不会|要不要|对不对"
    r"|好不好|行不行|可不可以|是否"
)
# ...unless the question word is embedded in a statement ("我不知道为什么", "什么都行", "聊一下为什么我想离职").
_NOT_A_QUESTION = re.compile(
    r"知道|不管|无论|不论|不清楚|不明白|记得|什么都|什么也|怎么也|怎么都|谁都|谁也|哪儿都|哪里都"
    r"|[说聊讲谈]一下|说说|聊聊|讲讲|谈谈|解释"
)


def split_segments(
    chunks: Sequence[Segment],
    language: str,
    join: Callable[[list[str], str], str],
    max_seconds: float = MAX_SEGMENT_SECONDS,
    silences: Sequence[tuple[float, float]] = (),
) -> list[Segment]:
    """Whisper's segments (``chunks``, with words) -> sentence-sized segments of at most ``max_seconds``.

    ``join`` turns word texts into running text for the language (transcribe.join_words); ``silences``
    are (start, end) pauses found by a voice activity detector, which word timestamps often hide.
    """
    timed = [chunk for chunk in chunks if chunk.words]
    words = align_to_silences([w for chunk in timed for w in chunk.words], silences)
    pauses = pauses_after(words)
    chunk_ends, bare, position = set(), set(), 0
    for chunk in timed:
        position += len(chunk.words)
        chunk_ends.add(position - 1)
        if not _ANY_PUNCTUATION.search(chunk.text):
            bare.update(range(position - len(chunk.words), position))
    if language in CHINESE_PUNCTUATION_LANGUAGES:
        words = punctuate_chinese(words, pauses, chunk_ends)
        bare = set()
    sentences, current = [], []
    for i, word in enumerate(words):
        current.append(i)
        if i in chunk_ends or _ends_sentence(word.text) or (i in bare and pauses[i] >= SENTENCE_PAUSE):
            sentences.append(current)
            current = []
    segments = []
    for sentence in sentences:
        for part in _cap(sentence, words, pauses, max_seconds):
            piece = [words[i] for i in part]
            if language in CHINESE_PUNCTUATION_LANGUAGES:
                piece = _close_clause(piece)
            text = join([w.text for w in piece], language)
            segments.append(Segment(piece[0].start, piece[-1].end, text, tuple(piece)))
    # Chunks without words (word_timestamps off) stay as Whisper cut them.
    segments += [_untimed(chunk, language) for chunk in chunks if not chunk.words]
    return sorted(segments, key=lambda s: s.start)


def align_to_silences(words: Sequence[Word], silences: Sequence[tuple[float, float]]) -> list[Word]:
    """Move word edges out of detected silences, so the gaps between words show the pauses.

    Word timestamps (cross-attention alignment) often stretch a word over the pause next to it. A silence
    reaching past the end of a word follows that word; any other silence overlapping a word precedes it:
    the first word after a pause is the one aligned too early, over the silence.
    """
    words = list(words)
    ends = [w.end for w in words]
    for start, end in silences:
        k = bisect.bisect_right(ends, (start + end) / 2)  # the first word ending after the silence's middle
        if k >= len(words):
            continue
        if words[k].start < (start + end) / 2 and end >= words[k].end:
            k += 1  # the silence follows word k
        if k > 0 and start < words[k - 1].end and start - words[k - 1].start >= _MIN_WORD:
            words[k - 1] = replace(words[k - 1], end=round(start, 3))
        if k < len(words) and end > words[k].start and words[k].end - end >= _MIN_WORD:
            words[k] = replace(words[k], start=round(end, 3))
    return words


def pauses_after(words: Sequence[Word]) -> list[float]:
    """Seconds of silence after each word (after the last: infinite)."""
    return [words[i + 1].start - words[i].end for i in range(len(words) - 1)] + [float("inf")] * bool(words)


def find_silences(samples, sample_rate: int = 16000, min_silence: float = 0.2) -> list[tuple[float, float]]:
    """(start, end) of the pauses between stretches of speech, from the Silero VAD that faster-whisper ships."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=int(min_silence * 1000), speech_pad_ms=30, min_speech_duration_ms=100)
    speech = get_speech_timestamps(samples, options, sampling_rate=sample_rate)
    edges = [(a["end"] / sample_rate, b["start"] / sample_rate) for a, b in zip(speech, speech[1:], strict=False)]
    return [(start, end) for start, end in edges if end > start]


def punctuate_chinese(words: Sequence[Word], pauses: Sequence[float], chunk_ends: set[int]) -> list[Word]:
    """Append ，。？ to the words of Chinese text from the pauses after them, Whisper's segment ends and
    the wording; marks Whisper wrote are kept (a ，at a sentence end becomes 。)."""
    out: list[Word] = []
    clause: list[str] = []  # word texts since the last mark, for ？
    for i, word in enumerate(words):
        text = word.text.strip()
        clause.append(text)
        existing = text[-1:] if _ANY_PUNCTUATION.search(text[-1:]) else ""
        pause = pauses[i]
        if pause >= SENTENCE_PAUSE or (i in chunk_ends and pause >= CLAUSE_PAUSE) or existing in ("。", "？", "！"):
            asks = existing == "？" or is_question("".join(clause))
            mark = "？" if asks else (existing if existing == "！" else "。")
        elif existing:
            mark = existing
        elif i in chunk_ends or pause >= CLAUSE_PAUSE:
            mark = "，"
        else:
            mark = ""
        if mark:
            clause = []
            word = replace(word, text=_TRAILING_PUNCTUATION.sub("", word.text.rstrip()) + mark)
        out.append(word)
    return out


def is_question(clause: str) -> bool:
    """Whether a Chinese clause (without its final mark) asks something, judged from its words."""
    clause = _ANY_PUNCTUATION.sub("", clause).strip()
    if _QUESTION_END.search(clause):
        return True
    return bool(_QUESTION_WORDS.search(clause)) and not _NOT_A_QUESTION.search(clause)


def _ends_sentence(text: str) -> bool:
    text = text.strip()
    return text.endswith(_SENTENCE_END) and text.lower() not in _ABBREVIATIONS


def _cap(sentence: list[int], words: Sequence[Word], pauses: Sequence[float], max_seconds: float) -> list[list[int]]:
    """Split a too-long sentence (word indices) at its best break: the longest pause (a comma counts as one)
    that leaves at least a third of the cap on the left, so no piece is a word or two."""
    parts = []
    while sentence and words[sentence[-1]].end - words[sentence[0]].start > max_seconds:
        start = words[sentence[0]].start
        fits = [j for j in range(len(sentence) - 1) if words[sentence[j]].end - start <= max_seconds]
        candidates = [j for j in fits if words[sentence[j]].end - start >= max_seconds / 3] or fits[-1:] or [0]
        best = max(candidates, key=lambda j: (_break_strength(words[sentence[j]], pauses[sentence[j]]), j))
        parts.append(sentence[: best + 1])
        sentence = sentence[best + 1 :]
    return parts + ([sentence] if sentence else [])


def _break_strength(word: Word, pause: float) -> float:
    return pause + (0.5 if _TRAILING_MARK.search(word.text.strip()) else 0.0)


def _close_clause(words: list[Word]) -> list[Word]:
    """A Chinese segment cut at the cap without a mark ends with ，so the running text still reads."""
    last = words[-1]
    if _ANY_PUNCTUATION.search(last.text.strip()[-1:]):
        return words
    return [*words[:-1], replace(last, text=last.text.rstrip() + "，")]


def _untimed(chunk: Segment, language: str) -> Segment:
    text = chunk.text.strip()
    if language in CHINESE_PUNCTUATION_LANGUAGES and text and not _ANY_PUNCTUATION.search(text[-1]):
        text += "？" if is_question(text) else "。"
    return replace(chunk, text=text)
