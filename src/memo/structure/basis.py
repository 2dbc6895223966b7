"""The deterministic basis the llm engine works on: the offline engine's outline, and for each of its sections
the cleaned sentences it covers and the source of each point.

This is the one place that knows how to get that from the offline engine (the adapter to switch when offline.py
exposes its intermediate result directly). Everything here is rules: same input, same basis.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..records import Outline, TimeRange, Transcript
from .announce import ANNOUNCED, find_announcement
from .cleanup import Sentence, clean_transcript, lexicon
from .offline import _first_sentence_after, cut_sections, offline_outline
from .points import units
from .templates import SectionSpec, Template


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
    start: int  # sentences[start:end] are this section's
    end: int
    points: tuple[BasisPoint, ...]


@dataclass(frozen=True)
class Basis:
    outline: Outline  # the offline engine's complete result: what stays wherever a model answer is unusable
    sentences: tuple[Sentence, ...]
    sections: tuple[BasisSection, ...]
    zh: bool
    timed: bool

    def doc_df(self) -> Counter:
        return Counter(u for s in self.sentences for u in set(units(s.text, self.zh)))


def build_basis(transcript: Transcript, template: Template) -> Basis:
    result = offline_outline(transcript, template)
    clean = clean_transcript(transcript)
    lex = lexicon(transcript.language)
    sentences = clean.sentences
    spec, announced, start = template, [""] * len(template.sections), 0
    found = find_announcement(transcript.text, template, transcript.language)
    if found is not None:  # as offline_outline does: the speaker's own parts, cut where he moves on
        spec = found.template
        announced = [s.description.split(ANNOUNCED, 1)[1] if ANNOUNCED in s.description else "" for s in spec.sections]
        start = _first_sentence_after(sentences, transcript, found.end)
    cuts = cut_sections(sentences, spec.sections, announced, lex, start)
    bounds = [*cuts, len(sentences)]
    sections = []
    for j, (section_spec, section) in enumerate(zip(spec.sections, result.sections, strict=True)):
        a, b = bounds[j], bounds[j + 1]
        points = tuple(_locate(p.text, p.sources, sentences, a, b) for p in section.points)
        sections.append(BasisSection(section_spec, section.title, a, b, points))
    zh = lex.language == "zh"
    return Basis(result, sentences, tuple(sections), zh, clean.timed)


def _locate(text: str, sources: tuple[TimeRange, ...], sentences: tuple[Sentence, ...], a: int, b: int) -> BasisPoint:
    """Where an offline point was taken from: the sentence of its section holding its words, and the segments
    of just that span (the offline engine trimmed the point from that sentence and added a closing mark)."""
    needle = re.sub(r"[。！？.!?]$", "", text.strip())
    for i in range(a, b):
        pos = sentences[i].text.lower().find(needle.lower())
        if needle and pos >= 0:
            return BasisPoint(text, i, sentences[i].segments_of(pos, pos + len(needle)), sources)
    # Not found verbatim (should not happen): the sentence sharing most of its words.
    zh = bool(re.search(r"[\u3400-\u9fff]", text))
    want = set(units(text, zh))
    best = max(range(a, b), key=lambda i: len(want & set(units(sentences[i].text, zh))), default=a)
    segments = sentences[best].segments if best < len(sentences) else ()
    return BasisPoint(text, best, segments, sources)
