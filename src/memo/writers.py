"""Output formats: one small Writer subclass per format, chosen by name (as in openai-whisper).

Every writer renders a Transcript to text. ``write_outputs`` and ``write_outline`` are the one write path:
``output_path`` decides every output's name (``STEM.EXT`` beside the stem), files are written atomically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from . import frontmatter
from .errors import ConfigError, MemoError
from .fileio import atomic_write_text
from .language import joiner
from .records import Outline, Segment, Transcript
from .timefmt import clock, timestamp

OUTLINE_EXTENSION = "outline.md"


class Writer:
    """Renders a transcript in one format. Subclasses set ``extension`` and implement ``render``."""

    extension: str = ""

    def render(self, transcript: Transcript) -> str:
        raise NotImplementedError


class TxtWriter(Writer):
    """Plain text: a paragraph per speaker turn, prefixed ``SPEAKER_1:`` when speakers are known."""

    extension = "txt"

    def render(self, transcript: Transcript) -> str:
        blocks = []
        for speaker, segments in _speaker_blocks(transcript.segments):
            text = _join(segments, transcript.language)
            blocks.append(f"{speaker}: {text}" if speaker else text)
        return "\n\n".join(blocks) + "\n" if blocks else ""


class SubtitleWriter(Writer):
    """One cue per segment; subclasses choose the header, numbering, time separator and speaker tag."""

    header = ""
    numbered = False
    separator = "."

    def speaker_tag(self, speaker: str) -> str:
        raise NotImplementedError

    def escape(self, text: str) -> str:
        """Cue text on one line, never holding the ``-->`` that would start a new cue."""
        return " ".join(text.split()).replace("-->", "->")

    def render(self, transcript: Transcript) -> str:
        cues = [self.header] if self.header else []
        for i, seg in enumerate(transcript.segments, start=1):
            span = f"{timestamp(seg.start, self.separator)} --> {timestamp(seg.end, self.separator)}"
            text = self.escape(seg.text)
            text = self.speaker_tag(seg.speaker) + text if seg.speaker else text
            cues.append(f"{i}\n{span}\n{text}\n" if self.numbered else f"{span}\n{text}\n")
        return "\n".join(cues)


class SrtWriter(SubtitleWriter):
    extension = "srt"
    numbered = True
    separator = ","

    def speaker_tag(self, speaker: str) -> str:
        return f"[{speaker}] "


class VttWriter(SubtitleWriter):
    extension = "vtt"
    header = "WEBVTT\n"

    def speaker_tag(self, speaker: str) -> str:
        return f"<v {speaker}>"  # WebVTT's own voice tag: players show the speaker

    def escape(self, text: str) -> str:
        # WebVTT cue text is markup: &, < and > are written as entities (which also covers -->).
        text = " ".join(text.split())
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class JsonWriter(Writer):
    """Everything: segments, words with timestamps, speakers, language, model and the settings used."""

    extension = "json"

    def render(self, transcript: Transcript) -> str:
        return json.dumps(transcript.to_dict(), ensure_ascii=False, indent=2) + "\n"


class MarkdownWriter(Writer):
    """Readable Markdown: a title, a details line, then paragraphs that start with their time ``[m:ss]``.

    A new paragraph starts at a speaker change, after a pause of 2 s or more, or past ~600 characters.
    """

    extension = "md"
    pause = 2.0
    max_chars = 600

    def render(self, transcript: Transcript) -> str:
        title = Path(transcript.source).stem or "Transcript"
        details = f"{clock(transcript.duration)} · language {transcript.language}"
        if transcript.model:
            details += f" · model {transcript.model}"
        if transcript.speakers:
            details += f" · speakers: {', '.join(transcript.speakers)}"
        lines = [f"# {title}", "", f"*{details}*", ""]
        head = frontmatter.render(
            title=title, source=transcript.source, language=transcript.language, duration=transcript.duration,
            speakers=transcript.speakers, tags=("memo", "transcript"),
        )  # fmt: skip
        lines[0] = head + lines[0]
        for paragraph in self._paragraphs(transcript.segments):
            head = f"**[{clock(paragraph[0].start)}]**"
            if paragraph[0].speaker:
                head += f" **{paragraph[0].speaker}:**"
            lines += [f"{head} {_join(paragraph, transcript.language)}", ""]
        return "\n".join(lines)

    def _paragraphs(self, segments: Iterable[Segment]) -> list[list[Segment]]:
        paragraphs: list[list[Segment]] = []
        for seg in segments:
            current = paragraphs[-1] if paragraphs else None
            if (
                current is None
                or seg.speaker != current[-1].speaker
                or seg.start - current[-1].end >= self.pause
                or sum(len(s.text) for s in current) >= self.max_chars
            ):
                paragraphs.append([seg])
            else:
                current.append(seg)
        return paragraphs


class RttmWriter(Writer):
    """NIST RTTM speaker turns, the format diarization tools score (pyannote.metrics, dscore)."""

    extension = "rttm"

    def render(self, transcript: Transcript) -> str:
        if not transcript.speaker_turns:
            raise MemoError(f"{transcript.source}: rttm output needs speaker turns; add --diarize")
        uri = re.sub(r"\s+", "_", Path(transcript.source).stem) or "memo"
        return "".join(
            f"SPEAKER {uri} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {t.speaker} <NA> <NA>\n"
            for t in transcript.speaker_turns
        )


WRITERS: dict[str, type[Writer]] = {
    cls.extension: cls for cls in (TxtWriter, SrtWriter, VttWriter, JsonWriter, MarkdownWriter, RttmWriter)
}


def parse_formats(spec: str | Iterable[str]) -> list[str]:
    """'txt,srt' or ['txt', 'srt'] -> validated, de-duplicated format names ('all' = every format but rttm)."""
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    names = [n.strip().lower().lstrip(".") for n in names if n.strip()]
    if "all" in names:
        names = [n for n in WRITERS if n != "rttm"] + [n for n in names if n == "rttm"]
    unknown = [n for n in names if n not in WRITERS]
    if unknown or not names:
        raise ConfigError(f"unknown output format {', '.join(unknown) or '(none)'}; choose from {', '.join(WRITERS)}")
    return list(dict.fromkeys(names))


def get_writer(name: str) -> Writer:
    return WRITERS[parse_formats([name])[0]]()


def output_path(stem: Path, extension: str) -> Path:
    """The one naming rule for outputs: ``STEM.EXTENSION`` (``talk`` -> ``talk.txt``, ``talk.outline.md``)."""
    return stem.with_name(f"{stem.name}.{extension}")


def write_outputs(transcript: Transcript, formats: Iterable[str], stem: Path) -> list[Path]:
    """Render every format first, then write them, so a rendering error leaves no partial set."""
    writers = [get_writer(name) for name in formats]
    rendered = [(w.extension, w.render(transcript)) for w in writers]
    return [atomic_write_text(output_path(stem, extension), text) for extension, text in rendered]


def write_outline(outline: Outline, stem: Path) -> Path:
    """``STEM.outline.md``: the outline rendered as Markdown."""
    from .structure import render_markdown

    return atomic_write_text(output_path(stem, OUTLINE_EXTENSION), render_markdown(outline))


def _join(segments: Iterable[Segment], language: str) -> str:
    return joiner(language).join(s.text.strip() for s in segments)


def _speaker_blocks(segments: Iterable[Segment]) -> list[tuple[str | None, list[Segment]]]:
    blocks: list[tuple[str | None, list[Segment]]] = []
    for seg in segments:
        if blocks and blocks[-1][0] == seg.speaker:
            blocks[-1][1].append(seg)
        else:
            blocks.append((seg.speaker, [seg]))
    return blocks


# The HTML page has its own module (it needs the outline and a template); registered here like the others.
from .htmlview import HtmlWriter  # noqa: E402  (htmlview imports Writer from this module)

WRITERS[HtmlWriter.extension] = HtmlWriter
