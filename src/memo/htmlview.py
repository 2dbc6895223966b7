"""One self-contained HTML page per memo (``--format html``, ``memo view``): the outline with each point's time,
the transcript with speakers and times, an audio player on the original recording, a speaker timeline.

Clicking a point or a sentence plays from that moment; the sentence being played is highlighted. Everything
(CSS, script) is inline from ``data/view.html``: the page works offline and from a phone's file browser. The
recording is linked by a path relative to the page, so a folder of memos can move as a whole.

``--format html`` is written with the transcript, before the outline exists; ``complete_pages`` (called once a
memo's outputs are all written) writes it again with the outline and the relative audio path.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from . import frontmatter
from .errors import ConfigError, to_stderr
from .fileio import atomic_write_text
from .language import is_chinese
from .records import Transcript
from .structure.render import OutlinePoints, parse_outline
from .writers import Writer, clock

_PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f")
_LABELS = {
    "zh": ("大纲", "文字稿", "整理后的文字稿", "语言", "说话人"),
    "en": ("Outline", "Transcript", "Cleaned transcript", "language", "speakers"),
}


def render_page(
    transcript: Transcript | None,
    outline: OutlinePoints | None = None,
    *,
    page: Path | None = None,
    audio: Path | None = None,
    fields: dict | None = None,
) -> str:
    """The page. ``audio`` is linked relative to ``page`` (absolute when the page's place is unknown)."""
    if transcript is None and outline is None:
        raise ConfigError("nothing to show: give a transcript or an outline")
    fields = fields or {}
    language = (transcript.language if transcript else str(fields.get("language", ""))) or "en"
    words = _LABELS["zh" if is_chinese(language) else "en"]
    title = (outline.title if outline and outline.title else "") or _stem(transcript, fields)
    meta = [str(fields["date"])] if fields.get("date") else []
    duration = transcript.duration if transcript else 0.0
    if duration:
        meta.append(frontmatter.duration_text(duration))
    meta.append(f"{words[3]} {language}")
    speakers = transcript.speakers if transcript else []
    if speakers:
        meta.append(f"{words[4]}: {', '.join(speakers)}")
    colors = {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(speakers)}

    player = ""
    if audio is not None:
        href = _href(audio, page)
        player = f'<audio id="player" controls preload="metadata" src="{html.escape(href)}"></audio>'
        if transcript and speakers and duration:
            player += _timeline(transcript, colors)
    body = []
    if outline and outline.sections:
        body.append(f'<section class="outline"><h2>{words[0]}</h2>')
        for section, points in outline.sections:
            body.append(f"<h3>{html.escape(section)}</h3><ul>")
            for text, ranges in points:
                start = f' data-start="{ranges[0][0]:.2f}"' if ranges else ""
                links = " ".join(
                    f'<a class="time" href="#t={a:.0f}" data-start="{a:.2f}">{clock(a)}</a>' for a, _ in ranges
                )
                body.append(f'<li class="point"{start}>{html.escape(text)} {links}</li>')
            body.append("</ul>")
        body.append("</section>")
    if transcript and transcript.segments:
        body.append(f'<section class="transcript"><h2>{words[1]}</h2>')
        previous = object()
        for seg in transcript.segments:
            who = ""
            if seg.speaker and seg.speaker != previous:
                who = f'<span class="speaker" style="color:{colors[seg.speaker]}">{html.escape(seg.speaker)}</span>'
            previous = seg.speaker
            body.append(
                f'<span class="seg" data-start="{seg.start:.2f}" data-end="{seg.end:.2f}">'
                f'<span class="time">[{clock(seg.start)}]</span> {who}{html.escape(seg.text.strip())}</span>'
            )
        body.append("</section>")
    elif outline and outline.cleaned:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in outline.cleaned)
        body.append(f'<section class="cleaned"><h2>{words[2]}</h2>{paragraphs}</section>')
    template = resources.files("memo").joinpath("data/view.html").read_text(encoding="utf-8")
    for key, value in (
        ("__LANG__", html.escape(language)), ("__TITLE__", html.escape(title)),
        ("__META__", html.escape(" · ".join(meta))), ("__PLAYER__", player), ("__BODY__", "\n".join(body)),
    ):  # fmt: skip
        template = template.replace(key, value)
    return template


class HtmlWriter(Writer):
    """``--format html``: the transcript page (the outline is added once it is written, see complete_pages)."""

    extension = "html"

    def render(self, transcript: Transcript) -> str:
        audio = _audio_of(transcript.source, None)
        return render_page(transcript, audio=audio)


def complete_pages(paths: list[Path], transcript: Transcript | None, notice: Callable[[str], None] = to_stderr) -> None:
    """Rewrite every ``.html`` among a memo's outputs with its outline and the audio path relative to the page."""
    for page in (Path(p) for p in paths if str(p).endswith(".html")):
        try:
            stem = page.with_suffix("")
            outline_md = stem.with_name(f"{stem.name}.outline.md")
            write_page(transcript, outline_md if outline_md in paths or outline_md.exists() else None, page)
        except Exception as exc:  # the transcript page written first is still there
            notice(f"warning: {page}: the outline was not added to the page ({exc})")


def write_page(transcript: Transcript | None, outline_md: Path | None, page: Path) -> Path:
    """Write ``page`` from a transcript and/or an outline file memo wrote."""
    outline, fields = None, {}
    if outline_md is not None:
        fields, body = frontmatter.split(outline_md.read_text(encoding="utf-8"))
        outline = parse_outline(body)
    source = transcript.source if transcript else str(fields.get("source", ""))
    if transcript and transcript.source and "date" not in fields:
        date = frontmatter.recorded_date(transcript.source)
        fields["date"] = date.isoformat() if date else ""
    audio = _audio_of(source, outline_md or page)
    return atomic_write_text(page, render_page(transcript, outline, page=page, audio=audio, fields=fields))


def view_sources(path: Path) -> tuple[Transcript | None, Path | None, Path]:
    """(transcript, outline file, page path) for ``memo view PATH`` when memo's outputs already exist: from a
    ``.json``, a ``.outline.md``, or an audio file whose ``.json``/``.outline.md`` sit beside it."""
    from .structure import load_transcript

    name = path.name
    stem = path.with_name(name[: -len(".outline.md")]) if name.endswith(".outline.md") else path.with_suffix("")
    json_path, outline_md = stem.with_name(f"{stem.name}.json"), stem.with_name(f"{stem.name}.outline.md")
    transcript = load_transcript(json_path) if json_path.exists() else None
    return transcript, outline_md if outline_md.exists() else None, stem.with_name(f"{stem.name}.html")


def _audio_of(source: str, near: Path | None) -> Path | None:
    """The recording: where the transcript says, else a file of that name beside the outline/page."""
    if not source:
        return None
    candidates = [Path(source)]
    if near is not None:
        candidates.insert(0 if not Path(source).is_absolute() else 1, near.parent / Path(source).name)
    from .audio import AUDIO_EXTENSIONS

    for candidate in candidates:
        if candidate.is_file() and candidate.suffix.lower() in AUDIO_EXTENSIONS:
            return candidate.resolve()
    return None


def _href(audio: Path, page: Path | None) -> str:
    if page is None:
        return audio.resolve().as_uri()
    relative = os.path.relpath(audio.resolve(), page.resolve().parent)
    return "/".join(quote(part) for part in Path(relative).parts)


def _timeline(transcript: Transcript, colors: dict[str, str]) -> str:
    turns = transcript.speaker_turns or tuple(
        (s.start, s.end, s.speaker) for s in transcript.segments if s.speaker
    )
    spans = []
    for turn in turns:
        start, end, speaker = (turn.start, turn.end, turn.speaker) if hasattr(turn, "speaker") else turn
        left, width = 100 * start / transcript.duration, 100 * max(end - start, 0) / transcript.duration
        spans.append(
            f'<span style="left:{left:.3f}%;width:{width:.3f}%;background:{colors.get(speaker, "#888")}" '
            f'data-start="{start:.2f}" title="{html.escape(speaker)} {clock(start)}"></span>'
        )
    legend = "".join(f'<b style="background:{c}"></b>{html.escape(name)}' for name, c in colors.items())
    return f'<div class="timeline">{"".join(spans)}</div><div class="legend">{legend}</div>'


def _stem(transcript: Transcript | None, fields: dict) -> str:
    if fields.get("title"):
        return str(fields["title"])
    return Path(transcript.source).stem if transcript and transcript.source else "memo"
