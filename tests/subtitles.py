"""SRT/WebVTT readers for the tests: parse memo's subtitles back into segments to check them."""

from __future__ import annotations

import html
import re

from memo.records import Segment

_SRT_TIME = r"(\d+):(\d{2}):(\d{2})[,.](\d{3})"
_CUE = re.compile(rf"{_SRT_TIME}\s*-->\s*{_SRT_TIME}[^\n]*\n(.*?)(?:\n\s*\n|\Z)", re.DOTALL)


def _parse_cues(text: str, speaker_pattern: re.Pattern, unescape=lambda s: s) -> list[Segment]:
    segments = []
    for match in _CUE.finditer(text.replace("\r\n", "\n")):
        h1, m1, s1, ms1, h2, m2, s2, ms2, body = match.groups()
        start = int(h1) * 3600 + int(m1) * 60 + int(s1) + int(ms1) / 1000
        end = int(h2) * 3600 + int(m2) * 60 + int(s2) + int(ms2) / 1000
        body = body.strip()
        speaker = None
        if tagged := speaker_pattern.match(body):
            speaker, body = tagged.group(1), body[tagged.end() :]
        segments.append(Segment(round(start, 3), round(end, 3), unescape(body.strip()), speaker=speaker))
    return segments


def read_srt(text: str) -> list[Segment]:
    """SRT back into segments; ``[NAME]`` prefixes become speakers."""
    return _parse_cues(text, re.compile(r"\[([^\]]+)\]\s*"))


def read_vtt(text: str) -> list[Segment]:
    """WebVTT back into segments; ``<v NAME>`` voice tags become speakers, entities are decoded."""
    return _parse_cues(text, re.compile(r"<v(?:\.[^ >]*)?\s+([^>]+)>"), html.unescape)
