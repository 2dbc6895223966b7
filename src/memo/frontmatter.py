"""YAML front matter for memo's Markdown (``NAME.md``, ``NAME.outline.md``), so the files drop into Obsidian or
Logseq vaults as they are: title, date recorded, duration, language, speakers, source file, tags.

Values are written as JSON scalars and flow lists, which are valid YAML, so no YAML library is needed to write
them and any title (quotes, colons, Chinese) stays one safe line. ``split`` takes the block off again for readers.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .timefmt import clock

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$")


def recorded_date(source: str | Path) -> dt.date | None:
    """When a memo was recorded: a date in the file name (memo record's ``2026-11-21_09-30-00.wav``, phones'
    ``20261121_093000.m4a``), else the container's creation time, else the file's modification time."""
    path = Path(source)
    if match := _DATE_IN_NAME.search(path.name):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    try:
        stat = path.stat()
    except OSError:
        return None
    return _file_date(str(path.resolve()), stat.st_mtime_ns) if path.is_file() else None


@functools.lru_cache(maxsize=256)
def _file_date(path: str, mtime_ns: int) -> dt.date:
    """The container's creation time, else the modification time; once per file version (the .md writer, the
    outline, the page and the index all ask)."""
    try:
        import av

        with av.open(path, metadata_errors="ignore") as container:
            created = container.metadata.get("creation_time", "")
        if created:
            return dt.date.fromisoformat(created[:10])
    except Exception:  # not audio (a .txt memo), or no readable tag: the file time will do
        pass
    return dt.date.fromtimestamp(mtime_ns / 1e9)


def duration_text(seconds: float) -> str:
    """``4:05`` or ``1:02:03``: what note apps show as a plain text property."""
    return clock(round(max(seconds, 0.0)))


def render(
    *,
    title: str,
    source: str = "",
    language: str = "",
    duration: float | None = None,
    speakers: Iterable[str] = (),
    tags: Iterable[str] = ("memo",),
    date: dt.date | None = None,
) -> str:
    """The ``---`` block (ending with a blank line) for one memo file."""
    if date is None and source:
        date = recorded_date(source)
    if duration is None and source:  # the outline knows no duration: the recording's header does
        from .batch import audio_duration

        duration = audio_duration(Path(source))
    fields: list[tuple[str, str]] = [("title", json.dumps(title, ensure_ascii=False))]
    if date:
        fields.append(("date", date.isoformat()))
    if duration:
        fields.append(("duration", json.dumps(duration_text(duration))))
    if language:
        fields.append(("language", json.dumps(language)))
    if speakers := list(speakers):
        fields.append(("speakers", json.dumps(speakers, ensure_ascii=False)))
    if source:
        fields.append(("source", json.dumps(Path(source).name, ensure_ascii=False)))
    fields.append(("tags", json.dumps(list(tags), ensure_ascii=False)))
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n\n"


def split(text: str) -> tuple[dict[str, object], str]:
    """(fields, body) of a Markdown file; ({}, text) when it has no front matter.

    Reads back what ``render`` writes (JSON scalars and lists); any other value is kept as its raw text.
    """
    match = _BLOCK.match(text)
    if not match:
        return {}, text
    fields: dict[str, object] = {}
    for line in (match.group(1) or "").splitlines():
        if item := _LINE.match(line.strip()):
            key, raw = item.groups()
            try:
                fields[key] = json.loads(raw)
            except ValueError:
                fields[key] = raw.strip()
    return fields, text[match.end() :].lstrip("\r\n")
