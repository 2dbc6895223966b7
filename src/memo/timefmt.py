"""How memo writes a moment of a recording: one formatter for people (4:05), one for subtitles (00:04:05.000)."""

from __future__ import annotations


def clock(seconds: float, pad: bool = False) -> str:
    """4:05 (``pad``: 04:05), or 1:02:03 past an hour."""
    total = int(max(seconds, 0.0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}" if pad else f"{minutes}:{secs:02d}"


def timestamp(seconds: float, separator: str = ".", always_hours: bool = True) -> str:
    """00:01:02.345 (VTT), 00:01:02,345 (SRT with separator=',')."""
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    head = f"{hours:02d}:" if always_hours or hours else ""
    return f"{head}{minutes:02d}:{secs:02d}{separator}{millis:03d}"
