"""Sections by content when the speaker announces no structure.

Without an announcement a speaker rarely keeps to the template's order: he starts with how it went, says why,
says what he will do, then comes back to why. Each sentence goes to the section its content belongs to, by a
small hidden-Markov pass over the sentences (states = sections, any order allowed):

- evidence: the section's cue phrases and signals in the sentence ("打算" / "I'm going to" for a plan, "这几天" /
  "so far" for how it went; English words in any inflection), counted twice in the sentence's opening, where a
  speaker names what comes next (an opening on a part's name, "What we'd actually do.", counts as two), its
  hints ("其实", "当时") half, less the memo's mean for the section (words
  this speaker says everywhere tell little), plus half the paragraph's mean (a speaker keeps to one thing for a
  paragraph);
- signposts: a short sentence opening a paragraph that names a section ("Why I even did this.") turns the memo
  to it, so the paragraph before leans away from that section;
- prior: position, weakly (the template's order is the usual one, not a rule);
- continuity: changing section costs, less where a paragraph starts (a pause, a new line of the transcript).

A section the pass leaves empty gets the paragraph that fits it best, so no section is empty while the memo
has content for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .cleanup import Lexicon, Sentence
from .leaning import leaning_matrix
from .sentences import paragraph_ranges
from .similarity import content_len
from .templates import SectionSpec

PRIOR = 1.5  # weight of the position prior (squared distance from the section's expected place, 0..1): weak
SWITCH = 2.5  # cost of changing section inside a paragraph
SWITCH_AT_PARAGRAPH = 0.8  # cost of changing section where a paragraph starts
FORM = 2.0  # a sentence that opens on a part's name, as two cue phrases in its opening
LEANING = 1.5  # weight of the learned leaning (leaning.py: log-probability over chance) added to the cue evidence
PARAGRAPH = 0.5  # weight of the paragraph's mean evidence added to each of its sentences


def _inflected(word: str) -> str:
    """A pattern for an English word and its inflections: plan/plans/planned/planning, feel/feeling,
    decide/deciding."""
    w = re.escape(word)
    if len(word) < 3 or not word.isalpha():
        return w
    stem = re.escape(word[:-1]) if word.endswith("e") else w
    return rf"(?:{w}(?:s|es|d)?|{stem}{re.escape(word[-1])}?(?:ed|ing))"


@lru_cache(maxsize=64)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    # Whole words only ("plan" is not in "planet") and any inflection of each ("thinking it through" says
    # "think it through").
    return tuple(
        re.compile(r"(?<![\w'])" + r"\s+".join(_inflected(w) for w in p.split()) + r"(?![\w'])") for p in phrases
    )


def _count(phrases: tuple[str, ...], text: str, zh: bool) -> int:
    if zh:
        return sum(1 for p in phrases if p in text)
    return sum(1 for pattern in _phrase_patterns(phrases) if pattern.search(text))


@lru_cache(maxsize=64)
def _vocabulary(cues: tuple[str, ...], signals: tuple[str, ...], titles: tuple[str, ...],
                hints: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A section's phrases and hints, lower-cased, once per section rather than once per sentence. A hint that is
    also a cue ("because" opens a reasons part, yet spoken English says it everywhere) counts as a hint here: the
    cue list is for finding where an announced part starts."""
    low_hints = tuple(sorted({p.lower() for p in hints}))
    phrases = tuple(sorted({p.lower() for p in (*cues, *signals, *titles) if p} - set(low_hints)))
    return phrases, low_hints


def evidence(text: str, spec: SectionSpec, zh: bool) -> float:
    """How clearly ``text`` says something of this section: its phrases, twice as strong in the opening;
    its hints (everyday words that lean to it) count half."""
    low = text.lower()
    head = low[:12] if zh else " ".join(low.split()[:6])
    phrases, hints = _vocabulary(spec.cues, spec.signals, tuple(spec.titles.values()), spec.hints)
    hits = _count(phrases, low, zh) + _count(phrases, head, zh)
    # A sentence that opens on a part's name ("What we'd actually do.", "The money though,") says what comes next.
    hits += FORM * spec.named_by_form(head)
    return min(hits + 0.5 * _count(hints, low, zh), 4.0)


def _evidence(sentences: Sequence[Sentence], sections: Sequence[SectionSpec], zh: bool, learned: bool = True):
    """Each sentence's evidence for each section (rows: sentences): its cue evidence, plus the learned leaning of
    its words (leaning.py) when ``learned``. Callers measure it against the memo's mean per section: a speaker who
    says 现在 / "so far" in every other sentence has not put every other sentence under how it went."""
    import numpy as np

    cues = np.array([[evidence(s.text, spec, zh) for spec in sections] for s in sentences])
    if not learned:
        return cues
    return cues + LEANING * leaning_matrix([s.text for s in sentences], [x.key for x in sections], "zh" if zh else "en")


def _paragraph_mean(emit, sentences: Sequence[Sentence]):
    """Each sentence's paragraph's mean evidence: a speaker keeps to one thing for a paragraph, so a sentence
    that names nothing takes the leaning of the sentences around it."""
    import numpy as np

    out = np.zeros_like(emit)
    for p in paragraph_ranges(sentences):
        out[p.start : p.stop] = emit[p.start : p.stop].mean(axis=0)
    return out


BEFORE_SIGNPOST = 1.0  # what the paragraph before a signpost loses for the signposted section
AFTER_SIGNPOST = 1.0  # what each sentence of the signposted paragraph gains for it
SIGNPOST_SIZE = {True: 12, False: 8}  # at most this many characters (Mandarin) / words (English)


def _signposts(emit, raw, sentences: Sequence[Sentence], zh: bool) -> None:
    """A short sentence that opens a paragraph and names a section ("Why I even did this." / "那为什么要卸")
    says the memo turns to that section: the paragraph it opens is about it, the paragraph before it is about
    something else."""
    n = len(sentences)
    starts = [i for i, s in enumerate(sentences) if s.paragraph_start or i == 0] + [n, n]
    for k in range(1, len(starts) - 2):
        before, i, after = starts[k - 1], starts[k], starts[k + 1]
        j = int(raw[i].argmax())
        if raw[i][j] >= 2 and content_len(sentences[i].text, zh) <= SIGNPOST_SIZE[zh]:
            emit[before:i, j] -= BEFORE_SIGNPOST
            # A signpost said alone, then a pause ("The money.\n…"): the next paragraph is the part.
            end = starts[k + 2] if after == i + 1 else after
            emit[i + 1 : end, j] += AFTER_SIGNPOST


LIST_SWITCH = 5.0  # cost of changing section between the items of a numbered list ("第一个…第二个…", "First… Second…")
_ORDINAL_ZH = re.compile(r"^(?:那|还有|然后|再)?第([一二三四五六七八九])(?:个|条|件|点|步|是|，)|^([一二三四五])是")
_ORDINAL_EN = re.compile(r"^(?:and |then |so |ok |okay )?(?:the )?(first|second|third|fourth|fifth)(?:ly)?\b", re.I)
# Every ordinal either pattern matches: "第七条" (a contract's article seven) opens a sentence too.
_ORDINAL_WORDS = {w: n for n, ws in enumerate(("一 first", "二 second", "三 third", "四 fourth", "五 fifth",
                                              "六", "七", "八", "九"), 1)
                  for w in ws.split()}


def _list_items(sentences: Sequence[Sentence], zh: bool) -> set[int]:
    """The sentences that open the second, third… item of a numbered list whose item before opened one of the
    few sentences before: the items of one list are one part of the memo."""
    pattern = _ORDINAL_ZH if zh else _ORDINAL_EN
    seen: dict[int, int] = {}  # item number -> the sentence it opened
    items = set()
    for i, s in enumerate(sentences):
        m = pattern.match(s.text.strip())
        if not m:
            continue
        number = _ORDINAL_WORDS[next(g for g in m.groups() if g).lower()]
        if number > 1 and i - seen.get(number - 1, -99) <= 6:
            items.add(i)
        seen[number] = i
    return items


def assign_sentences(
    sentences: Sequence[Sentence], sections: Sequence[SectionSpec], lex: Lexicon, start: int = 0
) -> list[int]:
    """The section index of every sentence from ``start`` on (-1 before it: the memo's opening words)."""
    import numpy as np

    zh = lex.language == "zh"
    n, k = len(sentences), len(sections)
    labels = [-1] * start + [0] * (n - start)
    if n <= start or k == 1:
        return labels
    sizes = np.array([max(content_len(s.text, zh), 1) for s in sentences[start:]], dtype=float)
    middle = (np.cumsum(sizes) - sizes / 2) / sizes.sum()  # each sentence's place in the memo, 0..1
    centers = (np.arange(k) + 0.5) / k
    raw = _evidence(sentences[start:], sections, zh)
    emit = raw - raw.mean(axis=0)
    emit += PARAGRAPH * _paragraph_mean(emit, sentences[start:])
    _signposts(emit, raw, sentences[start:], zh)
    emit -= PRIOR * (middle[:, None] - centers[None, :]) ** 2
    m = len(sizes)
    best = np.zeros((m, k))
    back = np.zeros((m, k), dtype=int)
    best[0] = emit[0] - PRIOR * centers  # a memo starts in its first sections
    listed = _list_items(sentences[start:], zh)
    for i in range(1, m):
        cost = SWITCH_AT_PARAGRAPH if sentences[start + i].paragraph_start else SWITCH
        cost = LIST_SWITCH if i in listed else cost
        trans = best[i - 1][:, None] - cost * (1 - np.eye(k))  # [from, to]
        back[i] = np.argmax(trans, axis=0)
        best[i] = trans[back[i], np.arange(k)] + emit[i]
    path = [int(np.argmax(best[-1]))]
    for i in range(m - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    path.reverse()
    _fill_empty(path, emit, sentences[start:], zh)
    labels[start:] = path
    return labels


def give_left_out(labels: Sequence[int], sentences: Sequence[Sentence], sections: Sequence[SectionSpec],
                  lex: Lexicon, start: int = 0) -> list[int]:
    """``labels`` (from ``start`` on, over ``sections``) with each section that has no sentence given the paragraph
    that fits it best (see _fill_empty), when one leans to it more than to its own: a section an announcement left
    out."""
    zh = lex.language == "zh"
    # Cue evidence only: a section is added where the speaker says something of it, not where words lean to it.
    raw = _evidence(sentences[start:], sections, zh, learned=False)
    if not len(raw):
        return list(labels)
    emit = raw - raw.mean(axis=0)
    path = list(labels[start:])
    # Only where the memo says something of it: a speaker who announced three parts ("分为三块") keeps three.
    _fill_empty(path, emit, sentences[start:], zh, least=0.0)
    return [*labels[:start], *path]


def _fill_empty(path: list[int], emit, sentences: Sequence[Sentence], zh: bool, least: float | None = None) -> None:
    """Give each section with no sentence, or only a signpost ("Why I'm even doing this.", no point to make of
    it), the paragraph that fits it best, taken from a section that keeps others (in place)."""
    k = emit.shape[1]
    size = [content_len(s.text, zh) for s in sentences]
    said = {j for j in range(k)
            if sum(n for n, label in zip(size, path, strict=True) if label == j) > SIGNPOST_SIZE[zh]}
    paragraphs = paragraph_ranges(sentences)
    if len(paragraphs) < k:  # too few paragraphs: sentences are the units
        paragraphs = [range(i, i + 1) for i in range(len(sentences))]
    for j in range(k):
        if j in said:
            continue
        options = []
        for para in paragraphs:
            if sum(size[i] for i in para) <= SIGNPOST_SIZE[zh]:
                continue  # a signpost alone makes no point
            owners = {path[i] for i in para}
            # The paragraph's own section must keep other sentences, or it would be emptied in turn.
            if all(sum(1 for x in path if x == o) > sum(1 for i in para if path[i] == o) for o in owners):
                # What the section gains over what the paragraph's own section loses: the paragraph that fits the
                # empty section best is often the one that fits its own section better still.
                options.append((float(sum(emit[i][j] - emit[i][path[i]] for i in para)) / len(para) ** 0.5, para))
        if not options:
            continue
        score, para = max(options, key=lambda o: o[0])
        if least is not None and (score <= least or sum(emit[i][j] for i in para) <= least):
            continue  # the paragraph must lean to the section, not only away from its own
        for i in para:
            path[i] = j


def runs(labels: Sequence[int], j: int) -> list[int]:
    """Indices of the sentences labelled ``j`` that start a run (the sentence before has another label)."""
    return [i for i, label in enumerate(labels) if label == j and (i == 0 or labels[i - 1] != j)]
