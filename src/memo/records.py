"""The records that flow between memo's stages.

They are frozen dataclasses that serialise to (and load from) the JSON that
``memo transcribe --format json`` writes, which is what ``memo outline`` reads back.
Times are seconds from the start of the recording.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .language import joiner

JSON_VERSION = 1


@dataclass(frozen=True)
class Word:
    """One recognised word (for Chinese: usually one or two characters)."""

    start: float
    end: float
    text: str
    probability: float = 1.0
    speaker: str | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of speech, usually a sentence or clause, with its words."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        words = tuple(Word(**w) for w in data.get("words", ()))
        return cls(
            start=float(data["start"]),
            end=float(data["end"]),
            text=data["text"],
            words=words,
            speaker=data.get("speaker"),
        )


@dataclass(frozen=True)
class SpeakerTurn:
    """One speaker talking from ``start`` to ``end`` (diarization output, RTTM rows)."""

    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Transcript:
    """Everything memo knows about one recording after transcription (and diarization)."""

    source: str
    language: str
    duration: float
    segments: tuple[Segment, ...]
    model: str = ""
    language_probability: float = 1.0
    settings: dict[str, Any] = field(default_factory=dict)
    speaker_turns: tuple[SpeakerTurn, ...] = ()

    @property
    def text(self) -> str:
        """The plain text, segments joined the way the language writes them."""
        return joiner(self.language).join(s.text.strip() for s in self.segments).strip()

    @property
    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.speaker_turns:
            seen.setdefault(turn.speaker, None)
        for seg in self.segments:
            if seg.speaker:
                seen.setdefault(seg.speaker, None)
        return list(seen)

    def with_segments(self, segments: tuple[Segment, ...], **changes: Any) -> Transcript:
        return replace(self, segments=segments, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        data["speakers"] = self.speakers
        data["version"] = JSON_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        return cls(
            source=data.get("source", ""),
            language=data.get("language", ""),
            duration=float(data.get("duration", 0.0)),
            segments=tuple(Segment.from_dict(s) for s in data.get("segments", ())),
            model=data.get("model", ""),
            language_probability=float(data.get("language_probability", 1.0)),
            settings=dict(data.get("settings", {})),
            speaker_turns=tuple(SpeakerTurn(**t) for t in data.get("speaker_turns", ())),
        )


@dataclass(frozen=True)
class TimeRange:
    """Where in the recording an outline point came from."""

    start: float
    end: float


@dataclass(frozen=True)
class OutlinePoint:
    """One point of the outline, with the time ranges of the speech it came from (empty for text input)."""

    text: str
    sources: tuple[TimeRange, ...] = ()


@dataclass(frozen=True)
class OutlineSection:
    """A heading of the outline (e.g. 原因 / Reasons) and its points."""

    title: str
    points: tuple[OutlinePoint, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Outline:
    """The structured result of ``memo outline``: title, sections and the cleaned transcript."""

    title: str
    sections: tuple[OutlineSection, ...]
    cleaned_text: str
    language: str
    engine: str
    source: str = ""
    # One line for the user when the engine asked for was not the one used (e.g. no LLM endpoint configured).
    notice: str = ""
    # What producing it cost (llm engine: requests, tokens, seconds, per-step counts); not part of the outline.
    stats: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
