"""The outline as Markdown: title, one heading per section, points with the time ranges they came from,
then the cleaned transcript. Every engine returns an Outline; only this module writes Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import frontmatter
from ..language import base_language
from ..records import Outline, TimeRange
from ..timefmt import clock

_LABELS = {
    "zh": {"transcript": "整理后的文字稿", "empty": "（录音中没有谈到）", "source": "来源", "engine": "引擎"},
    "en": {"transcript": "Cleaned transcript", "empty": "(not covered in the memo)", "source": "source",
           "engine": "engine"},
}


# A point as render_markdown writes it: "- text [1:02–1:30] [2:00]"
_POINT = re.compile(r"^- (?P<text>.*?)(?P<ranges>(?:\s*\[\d+(?::\d{2}){1,2}(?:–\d+(?::\d{2}){1,2})?\])*)\s*$")
_RANGE = re.compile(r"\[(\d+(?::\d{2}){1,2})(?:–(\d+(?::\d{2}){1,2}))?\]")


def labels(language: str) -> dict[str, str]:
    return _LABELS.get(base_language(language), _LABELS["en"])


def format_ranges(sources: Iterable[TimeRange]) -> str:
    """``[12:04–12:40] [13:10–13:22]``; empty for text input."""
    parts = []
    for r in sources:
        start, end = clock(r.start), clock(r.end)
        parts.append(f"[{start}]" if start == end else f"[{start}–{end}]")
    return " ".join(parts)


def render_markdown(outline: Outline) -> str:
    """The Markdown file ``memo outline`` writes."""
    words = labels(outline.language)
    title = outline.title.strip() or Path(outline.source).stem or "Outline"
    head = frontmatter.render(title=title, source=outline.source, language=outline.language, tags=("memo", "outline"))
    lines = [head + f"# {title}", ""]
    details = [f"{words['engine']}: {outline.engine}"]
    if outline.source:
        details.insert(0, f"{words['source']}: {Path(outline.source).name}")
    lines += [f"*{' · '.join(details)}*", ""]
    for section in outline.sections:
        lines += [f"## {section.title}", ""]
        if not section.points:
            lines.append(f"- {words['empty']}")
        for point in section.points:
            ranges = format_ranges(point.sources)
            lines.append(f"- {point.text.strip()}" + (f" {ranges}" if ranges else ""))
        lines.append("")
    if outline.cleaned_text.strip():
        lines += [f"## {words['transcript']}", "", outline.cleaned_text.strip(), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- reading it back (search index, HTML page)


@dataclass(frozen=True)
class OutlinePoints:
    """An outline Markdown file read back: sections of (point, [(start, end)]) and the cleaned transcript."""

    title: str
    sections: tuple[tuple[str, tuple[tuple[str, tuple[tuple[float, float], ...]], ...]], ...]
    cleaned: tuple[str, ...]


def parse_outline(body: str) -> OutlinePoints:
    """memo's outline Markdown (front matter already split off) back to its sections, points and times."""
    title, sections, cleaned, in_cleaned = "", [], [], False
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            in_cleaned = line[3:] in {labels(lang)["transcript"] for lang in _LABELS}
            if not in_cleaned:
                sections.append((line[3:].strip(), []))
        elif in_cleaned and line:
            cleaned.append(line)
        elif (match := _POINT.match(line)) and sections:
            ranges = tuple(
                (_seconds(a), _seconds(b or a)) for a, b in _RANGE.findall(match["ranges"])
            )
            sections[-1][1].append((match["text"].strip(), ranges))
    return OutlinePoints(title, tuple((t, tuple(p)) for t, p in sections), tuple(cleaned))


def _seconds(text: str) -> float:
    """"1:02" or "1:02:03" -> seconds."""
    value = 0.0
    for part in text.split(":"):
        value = value * 60 + int(part)
    return value
