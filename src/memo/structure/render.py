"""The outline as Markdown: title, one heading per section, points with the time ranges they came from,
then the cleaned transcript. Every engine returns an Outline; only this module writes Markdown."""

from __future__ import annotations

from collections.abc import Iterable
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
