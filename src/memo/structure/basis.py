"""The deterministic basis the llm engine works on: title, cleaned sentences and text, and per section the
sentences it covers and the rule engine's points with their source segments and time ranges.

The one place that knows how to get that from the offline engine (``offline.plan_outline``): same input,
same basis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records import TimeRange, Transcript
from . import offline
from .cleanup import Sentence, lexicon
from .similarity import content_len, overlap, support, token_set
from .templates import SectionSpec, Template

__all__ = ["Basis", "BasisPoint", "BasisSection", "build_basis", "content_len", "overlap", "support", "token_set"]


@dataclass(frozen=True)
class BasisPoint:
    text: str
    sentence: int  # index into Basis.sentences
    segments: tuple[int, ...]  # transcript segment indices
    sources: tuple[TimeRange, ...]  # the offline engine's time ranges for it


@dataclass(frozen=True)
class BasisSection:
    spec: SectionSpec
    title: str
    sentence_ids: tuple[int, ...]  # this section's sentences, in order (not always contiguous)
    points: tuple[BasisPoint, ...]


@dataclass(frozen=True)
class Basis:
    title: str
    cleaned_text: str
    sentences: tuple[Sentence, ...]
    sections: tuple[BasisSection, ...]
    zh: bool
    timed: bool

    def doc_df(self) -> Counter:
        return Counter(u for s in self.sentences for u in token_set(s.text))


def build_basis(transcript: Transcript, template: Template) -> Basis:
    zh = lexicon(transcript.language).language == "zh"
    plan = offline.plan_outline(transcript, template)
    sections = tuple(
        BasisSection(s.spec, s.title, tuple(s.sentence_ids) or tuple(range(s.start, s.end)),
                     tuple(BasisPoint(p.text, p.sentence, tuple(p.segments), tuple(p.sources)) for p in s.points))
        for s in plan.sections
    )
    return Basis(plan.title, plan.cleaned_text, tuple(plan.sentences), sections, zh, plan.timed)
