"""Splitting a long transcript into pieces that fit one prompt, at the most natural places.

A break between two segments is better the longer the pause (timed input), when it starts a paragraph
(text input keeps its paragraphs in ``settings["paragraphs"]``), and when the previous segment ends a sentence.
A segment is never split; one longer than ``max_chars`` becomes a chunk of its own.
"""

from __future__ import annotations

from ..records import Segment, Transcript

_SENTENCE_END = tuple("。！？!?.…")


def paragraph_starts(transcript: Transcript) -> set[int]:
    """Indices of segments that begin a paragraph (from a text file's blank lines / line breaks)."""
    return {int(i) for i in transcript.settings.get("paragraphs", ()) if isinstance(i, (int, float))}


def _break_score(prev: Segment, seg: Segment, index: int, paragraphs: set[int], timed: bool) -> float:
    score = 0.0
    if index in paragraphs:
        score += 10.0
    if timed:
        score += min(max(seg.start - prev.end, 0.0), 10.0)
    if prev.text.rstrip().endswith(_SENTENCE_END):
        score += 1.0
    return score


def is_timed(transcript: Transcript) -> bool:
    """Whether segment times are real (audio input) rather than placeholders (text input)."""
    if transcript.settings.get("timed") is False:
        return False
    return any(seg.end > 0 for seg in transcript.segments)


def chunk_segments(transcript: Transcript, max_chars: int) -> list[tuple[Segment, ...]]:
    """Consecutive runs of segments, each at most ``max_chars`` characters of text where possible.

    Each chunk ends at the best break (paragraph, long pause, sentence end) in the second half of the
    window that fits, so chunks are neither cut mid-thought nor needlessly small.
    """
    segments = transcript.segments
    if max_chars <= 0:
        raise ValueError("max_chars must be positive")
    paragraphs = paragraph_starts(transcript)
    timed = is_timed(transcript)
    lengths = [len(s.text.strip()) for s in segments]
    chunks: list[tuple[Segment, ...]] = []
    start = 0
    while start < len(segments):
        total, end = 0, start
        while end < len(segments) and (end == start or total + lengths[end] <= max_chars):
            total += lengths[end]
            end += 1
        if end < len(segments) and end - start > 1:
            # Choose the cut among the window's second half: the best-scoring break, the later on ties.
            filled, best, best_score = 0, end, -1.0
            for cut in range(start + 1, end + 1):
                filled += lengths[cut - 1]
                if filled * 2 < total:
                    continue
                score = _break_score(segments[cut - 1], segments[cut], cut, paragraphs, timed)
                if score >= best_score:
                    best, best_score = cut, score
            end = best
        chunks.append(tuple(segments[start:end]))
        start = end
    return chunks
