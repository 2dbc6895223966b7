"""What a transcript's layout tells the outline engines: where paragraphs start and whether times are real."""

from __future__ import annotations

from ..records import Transcript


def paragraph_starts(transcript: Transcript) -> set[int]:
    """Indices of segments that begin a paragraph (from a text file's blank lines / line breaks)."""
    return {int(i) for i in transcript.settings.get("paragraphs", ()) if isinstance(i, (int, float))}


def is_timed(transcript: Transcript) -> bool:
    """Whether segment times are real (audio input) rather than placeholders (text input)."""
    if transcript.settings.get("timed") is False:
        return False
    return any(seg.end > 0 for seg in transcript.segments)
