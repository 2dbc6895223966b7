"""Sentence-sized segments from timed words, and Chinese punctuation restored offline.

Whisper returns segments of up to 30 s, and Whisper base writes almost no punctuation in Mandarin, so
splitting at punctuation alone left 30-second subtitle cues and outline links. Here a transcript is cut
at sentence punctuation, then at pauses between words where the text has no punctuation, and finally at
a length cap (the largest pause before it). Chinese gets ，at short pauses and Whisper's own segment
ends, 。at long pauses and the end, and ？when the words ask (吗/呢, 什么/为什么/怎么, 是不是…).
English and other punctuated text keeps its own sentence ends; only the cap can split it further.
"""

from __future__ import annotations

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
# ...unless the question word is embedded in a statement ("我不知道为什么", "什么都行", "无论怎么").
_NOT_A_QUESTION = re.compile(
    r"知道|不管|无论|不论|不清楚|不明白|记得|什么都|什么也|怎么也|怎么都|谁都|谁也|哪儿都|哪里都"
)


def split_segments(
    chunks: Sequence[Segment], language: str, join: Callable[[list[str], str], str], max_seconds: float = 15.0
) -> list[Segment]:
    """Whisper's segments (``chunks``, with words) -> sentence-sized segments of at most ``max_seconds``.

    ``join`` turns word texts into running text for the language (transcribe.join_words).
    """
    sentences: list[list[Word]] = []
    timed = [chunk for chunk in chunks if chunk.words]
    if language in CHINESE_PUNCTUATION_LANGUAGES:
        timed = punctuate_chinese(timed)
    for chunk in timed:
        sentences += _split_chunk(list(chunk.words), unpunctuated=not _ANY_PUNCTUATION.search(chunk.text))
    capped = [part for words in sentences for part in _cap(words, max_seconds)]
    if language in CHINESE_PUNCTUATION_LANGUAGES:
        capped = [_close_clause(words) for words in capped]
    segments = [Segment(w[0].start, w[-1].end, join([x.text for x in w], language), tuple(w)) for w in capped]
    # Chunks without words (word_timestamps off) stay as Whisper cut them.
    segments += [_untimed(chunk, language) for chunk in chunks if not chunk.words]
    return sorted(segments, key=lambda s: s.start)


def punctuate_chinese(chunks: Sequence[Segment]) -> list[Segment]:
    """Append ，。？ to the words of unpunctuated Chinese from the pauses between words and the wording."""
    words = [w for chunk in chunks for w in chunk.words]
    chunk_ends = {id(chunk.words[-1]) for chunk in chunks}
    marks: list[str] = []
    clause: list[str] = []  # word texts since the last mark, for ？
    for i, word in enumerate(words):
        gap = words[i + 1].start - word.end if i + 1 < len(words) else float("inf")
        text = word.text.strip()
        clause.append(text)
        existing = text[-1:] if _ANY_PUNCTUATION.search(text[-1:]) else ""
        ends_chunk = id(word) in chunk_ends
        if gap >= SENTENCE_PAUSE or (ends_chunk and gap >= CLAUSE_PAUSE) or existing in ("。", "？", "！"):
            asks = existing == "？" or is_question("".join(clause))
            mark = "？" if asks else (existing if existing == "！" else "。")
        elif existing:
            mark = existing
        elif ends_chunk or gap >= CLAUSE_PAUSE:
            mark = "，"
        else:
            mark = ""
        marks.append(mark)
        if mark:
            clause = []
    out, k = [], 0
    for chunk in chunks:
        new_words = []
        for word in chunk.words:
            mark, text = marks[k], word.text
            k += 1
            if mark:
                text = _TRAILING_PUNCTUATION.sub("", text.rstrip()) + mark
            new_words.append(replace(word, text=text))
        out.append(replace(chunk, words=tuple(new_words), text="".join(w.text for w in new_words)))
    return out


def is_question(clause: str) -> bool:
    """Whether a Chinese clause (without its final mark) asks something, judged from its words."""
    clause = _ANY_PUNCTUATION.sub("", clause).strip()
    if _QUESTION_END.search(clause):
        return True
    return bool(_QUESTION_WORDS.search(clause)) and not _NOT_A_QUESTION.search(clause)


def _split_chunk(words: list[Word], unpunctuated: bool) -> list[list[Word]]:
    """Cut after sentence punctuation; in text without any punctuation, also at long pauses."""
    sentences, current = [], []
    for i, word in enumerate(words):
        current.append(word)
        gap = words[i + 1].start - word.end if i + 1 < len(words) else 0.0
        if i + 1 == len(words) or _ends_sentence(word.text) or (unpunctuated and gap >= SENTENCE_PAUSE):
            sentences.append(current)
            current = []
    return sentences


def _ends_sentence(text: str) -> bool:
    text = text.strip()
    return text.endswith(_SENTENCE_END) and text.lower() not in _ABBREVIATIONS


def _cap(words: list[Word], max_seconds: float) -> list[list[Word]]:
    """Split a too-long sentence at its best break: the longest pause (a comma counts as one) that leaves
    at least a third of the cap on the left, so no piece is a word or two."""
    parts = []
    while words and words[-1].end - words[0].start > max_seconds:
        start = words[0].start
        candidates = [i for i in range(len(words) - 1) if max_seconds / 3 <= words[i].end - start <= max_seconds]
        if not candidates:  # one very long word: cut after the first word that fits, or the first word
            candidates = [max([0] + [i for i in range(len(words) - 1) if words[i].end - start <= max_seconds])]
        best = max(candidates, key=lambda i: (_break_strength(words, i), i))
        parts.append(words[: best + 1])
        words = words[best + 1 :]
    return parts + ([words] if words else [])


def _break_strength(words: list[Word], i: int) -> float:
    gap = words[i + 1].start - words[i].end
    return gap + (0.5 if _TRAILING_MARK.search(words[i].text.strip()) else 0.0)


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
