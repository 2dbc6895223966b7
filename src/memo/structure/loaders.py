"""Reading a transcript back from a file: plain text, memo's JSON, or memo's Markdown.

Text input has no times: segments get ``start = end = 0.0`` and ``settings["timed"] = False``, so outline
points carry no time ranges. Paragraph starts (blank lines or line breaks) are kept in
``settings["paragraphs"]`` as segment indices.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import frontmatter
from ..errors import ConfigError
from ..language import guess_language
from ..records import Segment, Transcript

TEXT_SUFFIXES = (".txt", ".json", ".md", ".markdown")

# A sentence ends at 。！？!? (plus closing quotes), or at . ? ! followed by a space (Latin text).
_SENTENCE = re.compile(r".+?(?:[。！？!?…]+[”’\"')）]*|[.?!]+[\"')]*(?=\s)|$)", re.S)
# memo's Markdown: "**[1:02]** **SPEAKER_1:** text", time as m:ss or h:mm:ss.
_MD_PARAGRAPH = re.compile(
    r"^\*\*\[(?P<time>\d+(?::\d{2}){1,2})\]\*\*\s*(?:\*\*(?P<speaker>[^*]+?):\*\*\s*)?(?P<text>.*)$"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of one line of text, punctuation kept; text without punctuation stays one piece."""
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _parse_clock(value: str) -> float:
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def transcript_from_text(text: str, source: str = "", language: str | None = None) -> Transcript:
    """A text memo as a Transcript: one segment per sentence, paragraphs remembered, no times."""
    segments: list[Segment] = []
    paragraphs: list[int] = []
    for line in text.splitlines():
        pieces = split_sentences(line.strip())
        if pieces:
            paragraphs.append(len(segments))
            segments.extend(Segment(0.0, 0.0, piece) for piece in pieces)
    lang = language or guess_language(text)
    return Transcript(
        source=source, language=lang, duration=0.0, segments=tuple(segments),
        settings={"timed": False, "paragraphs": paragraphs},
    )


def transcript_from_markdown(text: str, source: str = "") -> Transcript:
    """memo's transcript Markdown back to a Transcript; paragraphs with ``**[m:ss]**`` keep their start time."""
    timed: list[tuple[float, str | None, str]] = []
    plain: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or (line.startswith("*") and line.endswith("*") and "**[" not in line):
            continue  # title, details line
        match = _MD_PARAGRAPH.match(line)
        if match:
            timed.append((_parse_clock(match["time"]), match["speaker"], match["text"].strip()))
        else:
            plain.append(line)
    if not timed:
        return transcript_from_text("\n".join(plain), source)
    language = guess_language(" ".join(t for _, _, t in timed))
    segments = []
    for i, (start, speaker, body) in enumerate(timed):
        # A paragraph ends where the next begins; the last one gets a nominal length from its size.
        end = timed[i + 1][0] if i + 1 < len(timed) else start + max(1.0, len(body) / (4 if language == "zh" else 15))
        segments.append(Segment(start, max(end, start), body, speaker=speaker))
    return Transcript(
        source=source, language=language, duration=segments[-1].end, segments=tuple(segments),
        settings={"timed": True, "paragraphs": list(range(len(segments)))},
    )


def load_transcript(path: str | Path) -> Transcript:
    """A transcript from ``.txt``, memo's ``.json`` or memo's ``.md``; ConfigError when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise ConfigError(f"{path}: not a transcript (.txt, .json, .md); audio goes through transcription first")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it as UTF-8 text ({exc})") from exc
    if suffix == ".json":
        try:
            data = json.loads(text)
            transcript = Transcript.from_dict(data)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{path}: not a memo transcript JSON ({exc}); give the .json memo wrote") from exc
        if not transcript.source:
            transcript = transcript.with_segments(transcript.segments, source=str(path))
    elif suffix in (".md", ".markdown"):
        transcript = transcript_from_markdown(frontmatter.split(text)[1], str(path))
    else:
        transcript = transcript_from_text(text, str(path))
    if not transcript.segments:
        raise ConfigError(f"{path}: the transcript is empty; nothing to outline")
    return transcript
