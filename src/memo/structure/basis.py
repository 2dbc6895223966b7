"""The deterministic basis the llm engine works on: title, cleaned sentences and text, and per section the
sentences it covers and the rule engine's points with their source segments and time ranges.

The one place that knows how to get that from the offline engine: from ``offline.plan_outline`` where it
exists, else rebuilt from today's ``offline_outline`` and its public pieces. Same input, same basis.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..records import TimeRange, Transcript
from . import offline
from .cleanup import Sentence, clean_transcript, lexicon
from .templates import SectionSpec, Template

try:  # the similarity module both engines share (from the outline work); before it lands, points.py's units
    from .similarity import content_len, overlap, support, token_set
except ImportError:  # pragma: no cover - removed once similarity.py is merged
    from .points import content_len, units

    def token_set(text: str) -> set[str]:
        return set(units(text, bool(re.search(r"[\u3400-\u9fff]", text))))

    def overlap(a: set[str], b: set[str]) -> float:
        return len(set(a) & set(b)) / max(1, min(len(set(a)), len(set(b))))

    def support(point: set[str], source: set[str]) -> float:
        return len(set(point) & set(source)) / len(set(point)) if point else 0.0

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
    plan_outline = getattr(offline, "plan_outline", None)
    if plan_outline is not None:
        plan = plan_outline(transcript, template)
        sections = tuple(
            BasisSection(s.spec, s.title, tuple(s.sentence_ids) or tuple(range(s.start, s.end)),
                         tuple(BasisPoint(p.text, p.sentence, tuple(p.segments), tuple(p.sources)) for p in s.points))
            for s in plan.sections
        )
        return Basis(plan.title, plan.cleaned_text, tuple(plan.sentences), sections, zh, plan.timed)
    return _from_outline(transcript, template, zh)


def _from_outline(transcript: Transcript, template: Template, zh: bool) -> Basis:
    """Before plan_outline: the offline outline, its section ranges cut again the way it cuts them."""
    from .announce import ANNOUNCED, find_announcement

    result = offline.offline_outline(transcript, template)
    clean = clean_transcript(transcript)
    sentences = clean.sentences
    spec, announced, start = template, [""] * len(template.sections), 0
    found = find_announcement(transcript.text, template, transcript.language)
    if found is not None:
        spec = found.template
        announced = [s.description.split(ANNOUNCED, 1)[1] if ANNOUNCED in s.description else "" for s in spec.sections]
        start = offline._first_sentence_after(sentences, transcript, found.end)
    cuts = offline.cut_sections(sentences, spec.sections, announced, lexicon(transcript.language), start)
    bounds = [*cuts, len(sentences)]
    sections = []
    for j, (section_spec, section) in enumerate(zip(spec.sections, result.sections, strict=True)):
        a, b = bounds[j], bounds[j + 1]
        points = tuple(_locate(p.text, p.sources, sentences, a, b) for p in section.points)
        sections.append(BasisSection(section_spec, section.title, tuple(range(a, b)), points))
    return Basis(result.title, result.cleaned_text, sentences, tuple(sections), zh, clean.timed)


def _locate(text: str, sources: tuple[TimeRange, ...], sentences: tuple[Sentence, ...], a: int, b: int) -> BasisPoint:
    """Where an offline point was taken from: the sentence of its section holding its words (the offline engine
    trimmed the point from that sentence and added a closing mark), else the one sharing most of its words."""
    needle = re.sub(r"[。！？.!?]$", "", text.strip()).lower()
    for i in range(a, b):
        pos = sentences[i].text.lower().find(needle)
        if needle and pos >= 0:
            return BasisPoint(text, i, sentences[i].segments_of(pos, pos + len(needle)), sources)
    want = token_set(text)
    best = max(range(a, b), key=lambda i: len(want & token_set(sentences[i].text)), default=a)
    return BasisPoint(text, best, sentences[best].segments if best < len(sentences) else (), sources)
