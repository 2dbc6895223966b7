"""The built-in ``offline`` outline engine: no model, rules only.

1. cleanup (cleanup.py): fillers out, punctuation back, sentences that know their source segments;
2. structure: the structure the speaker announces (announce.py), else the template's sections;
3. sections: with an announced structure the memo is cut into one contiguous part per section, in order, where
   the spoken transitions are ("第一部分", "第二块", "然后再说的是我个人的一些分析", "最后"…): a small dynamic
   programme picks the cut points that best match each section's cue phrases, title, announced wording and
   ordinal; without one, each sentence goes to the section its content belongs to (assign.py);
4. points (points.py): per section, 3-7 of the speaker's own clauses that say the most (central to the section,
   not meta-talk, questions or asides), in the order spoken, each with the time ranges of the segments it
   came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import takewhile

from ..language import joiner
from ..records import Outline, OutlinePoint, OutlineSection, Segment, TimeRange, Transcript
from .announce import said_announcement
from .assign import assign_sentences, give_left_out, runs
from .cleanup import CleanTranscript, Lexicon, Sentence, clean_text, clean_transcript, lexicon
from .parts import has_cue, is_own_part, item_score
from .points import Candidate, choose_points, point_count, rank
from .returns import RESUME, follow_returns
from .segmented import paced_by_pauses
from .similarity import STOP_EN, content_len, is_duplicate, tokens
from .templates import SectionSpec, Template
from .title import make_title
from .topic_words import PARTICLES_ZH
from .wordings import part_wordings, where_said

Progress = Callable[[str], None]
CANDIDATES = 12  # ranked candidate points kept per section in an OutlinePlan


def _starts_with_transition(text: str, lex: Lexicon, zh: bool) -> bool:
    head = text[:12] if zh else " ".join(text.lower().split()[:4])
    return any(t in head for t in lex.transitions)


# ---------------------------------------------------------------- cutting the memo into sections


_ORDINALS_ZH = "一二三四五六七"
_ORDINALS_EN = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
_NUMBERS_EN = ("one", "two", "three", "four", "five", "six", "seven")


def _words(text: str, zh: bool) -> set[str]:
    """Content words, or for a part named in function words only ("What I'm going to do") all its words."""
    found = set(tokens(text))
    return found if found or zh else set(re.findall(r"[a-z']{2,}", text.lower()))


_COUNTERS_ZH = "块|部分|个部分|方面|件事"


def _ordinal(text: str, zh: bool, anywhere: bool = False) -> tuple[int, str] | None:
    """The number a sentence opens with ("第二块…", "Part two", "The second thing": 1) and its counter word (块,
    thing); ``anywhere``: said anywhere in it."""
    if zh:
        m = re.search(rf"第([{_ORDINALS_ZH}])({_COUNTERS_ZH})", text if anywhere else text[:8])
        return (_ORDINALS_ZH.index(m.group(1)), m.group(2)) if m else None
    head = text.lower() if anywhere else " ".join(text.lower().split()[:6])
    words = "|".join(_ORDINALS_EN + _NUMBERS_EN)
    m = re.search(rf"\b(?:(part) ({words})|the ({words}) (thing|part|point)|(thing) number ({words}))\b", head)
    if not m:
        return None
    counter = m.group(1) or m.group(4) or m.group(5)
    word = m.group(2) or m.group(3) or m.group(6)
    return (_ORDINALS_EN.index(word) if word in _ORDINALS_EN else _NUMBERS_EN.index(word)), counter


def _ordinal_bonus(text: str, index: int, zh: bool, inner: frozenset[str] = frozenset()) -> float:
    """A part opened by its number ("第二块…", "第三部分", "Part two", "The second thing") is that part, unless
    its counter numbers a list inside one part (``inner``)."""
    said = _ordinal(text, zh)
    return 4.0 if said and said[0] == index and said[1] not in inner else 0.0


def _inner_lists(sentences: Sequence[Sentence], start: int, k: int, zh: bool) -> frozenset[str]:
    """Counter words of lists inside one part: the list's first ("第一件事", "the first thing") is said past the
    first part's share of the memo, and its second after it ("好港下一步第一件事…第二件事…" are the plan's steps,
    not parts two and three; "跟第一块有关的" said late only points back at the first part)."""
    reach = start + max(2, (len(sentences) - start) // k)
    said = [_ordinal(s.text, zh, anywhere=True) for s in sentences]
    first: dict[str, int] = {}
    for i in range(start, len(sentences)):
        if said[i] and said[i][0] == 0:
            first.setdefault(said[i][1], i)
    return frozenset(c for c, i in first.items() if i >= reach and (1, c) in said[i + 1 :])


_HEDGES_EN = frozenset(("actually", "really", "just", "even", "honestly", "basically", "probably", "maybe", "kind",
                        "sort", "like", "literally"))


# Pronouns too: "ok weighing it up" and "so what we do" are the signposts of "the weighing up" and "what Terry and
# I are going to do".
# "does it" asks what was announced as "whether it…" ("Right, does it stack up." for "whether it stacks up").
# Scots "noo" (now), "an" (and), "aye": "noo the sums.", "an foo it felt the day." open their parts.
_SIGNPOST_FILLER_EN = frozenset(
    ("so", "ok", "okay", "right", "alright", "and", "now", "then", "um", "uh", "yeah", "well", "anyway", "it", "we",
     "i", "they", "us", "them", "does", "last", "lastly", "finally", "next", "noo", "an", "aye"))
_SIGNPOST_FILLER_ZH = re.compile(r"[好那就嗯呃啊吧呢了然后再来\s，。,.!?！？]")
# "说到滋味 上礼拜那个收枣的老板…": 说到 / 讲到 (as for) turns to the part named after it.
_TOLD_PART_ZH = re.compile(r"^(?:完了|然后|接着|再|那)?(?:[说讲谈]到|说说?|讲讲?|聊聊?|唠唠?)(?:一下)?")
_NOT_NAMING_ZH = PARTICLES_ZH | frozenset("讲聊唠到底")  # words of grammar and telling name no part


def _stem_en(word: str) -> str:
    return re.sub(r"(?:ing|ed|s)$", "", word) if len(word) > 4 else word


_CONTRACTIONS_EN = (("'s", " is"), ("'m", " am"), ("'re", " are"), ("'ll", " will"), ("'ve", " have"), ("'d", " would"))


def _words_en(text: str) -> list[str]:
    low = text.lower().replace("’", "'")
    for short, full in _CONTRACTIONS_EN:
        low = low.replace(short, full)
    return re.findall(r"[a-z]+", low)


def _says_part(text: str, announced: str, zh: bool, name: str = "", others: Sequence[str] = ()) -> bool:
    """A short sentence made only of the words the part was announced with ("So what I'm going to do.", "Ok
    thinking it through.", "How it's been."): the part's own signpost, whatever its words. ``name``: the part's
    name in the list, ``others``: the other parts' wordings."""
    if zh:
        said = _SIGNPOST_FILLER_ZH.sub("", text)
        if 2 <= len(said) <= 8 and set(said) <= set(announced):
            return True
        # A verb of telling opens the sentence on the part's words ("完了说账 前两天…" for "这笔账到底咋算").
        told = _TOLD_PART_ZH.match(text)
        named = "".join(takewhile(lambda c: c in announced and c not in _NOT_NAMING_ZH, text[told.end():])) \
            if told else ""
        return bool(named)
    words = [w for w in _words_en(text) if w not in _SIGNPOST_FILLER_EN]
    named = {_stem_en(w) for w in _words_en(announced)}
    # One word ("Why.", "Christmas.") is a signpost only of a part announced in a word or two, or a word of its name
    # that no other part was announced with ("Okay now practically." for "I will think it through practically, the
    # time, the money"); not one of the phrases said after it ("And Sunday." inside the plan announced as "what I'm
    # going to put to them, something about Sunday").
    least = 1 if len(named) <= 2 else 2
    if len(words) == 1 and len(words[0]) >= 5 and words[0] not in STOP_EN:
        theirs = {_stem_en(w) for other in others for w in _words_en(other)}
        own = {_stem_en(w) for w in _words_en(name)}
        least = 1 if _stem_en(words[0]) in own - theirs else least
    return least <= len(words) <= 6 and {_stem_en(w) for w in words} <= named


def _boundary_score(
    sentences: Sequence[Sentence], i: int, spec: SectionSpec, announced: str, lex: Lexicon, zh: bool,
    index: int = -1, inner: frozenset[str] = frozenset(),
) -> float:
    text = sentences[i].text
    low = text.lower()
    head = low[:30] if zh else " ".join(low.split()[:12])
    # Evidence that some part starts here ...
    generic = 0.0
    if _starts_with_transition(text, lex, zh):
        generic += 2.0
    if sentences[i].paragraph_start:
        generic += 1.5
    if any(m in low for m in lex.meta):
        generic += 1.0
    # ... and that it is this section's part: its heading, its cue phrases, the words it was announced with.
    specific = 0.0
    for title in spec.titles.values():
        if has_cue(title.lower(), low, zh):
            specific += 3.0
    specific += min(sum(1 for c in spec.cues if has_cue(c.lower(), head, zh)), 3) * 1.0
    # A signpost: a short sentence that only names the part ("Right, why." / "先说为啥").
    if content_len(text, zh) <= (8 if zh else 4) and item_score(text, spec, lex.language) > 0:
        specific += 3.0
    if announced:
        # The part's name opens its first sentence ("What I'm going to do."); the same words later on are weaker
        # evidence ("Then I'll talk to Marcus, I'm not going to force…").
        # Adverbs of speech ("what it's actually been like") name nothing: "I actually handled that" opens no part.
        want = _words(announced, zh) - _HEDGES_EN
        opening = _words(head, zh)
        later = _words(" ".join(s.text for s in sentences[i : i + 2]), zh) - opening
        if want:
            specific += (5.0 * len(want & opening) + 2.0 * len(want & later)) / len(want)
    specific += _ordinal_bonus(text, index, zh, inner)
    # A sub-topic transition ("简单讲一下我的判断") is weak evidence for a new section.
    return specific + (generic if specific else generic / 2)


def cut_sections(
    sentences: Sequence[Sentence],
    sections: Sequence[SectionSpec],
    announced: Sequence[str],
    lex: Lexicon,
    start: int = 0,
    balance: float = 3.0,
) -> list[int]:
    """Start index of each section (increasing cut points; the first is ``start``), best-scoring by DP.

    A cut scores by the transition evidence at its sentence (see ``_boundary_score``); each part pays
    ``balance`` x its relative deviation from an even share of the memo's characters (not sentences: a
    transcript with little punctuation has a few very long sentences), so weak evidence does not leave one
    part tiny. An announced structure has strong evidence and pays a third of that.
    """
    import numpy as np

    n, k = len(sentences), len(sections)
    zh = lex.language == "zh"
    if k == 1 or n - start < 2 * k:
        step = max(1, (n - start) // k) if n > start else 0
        return [min(start + j * step, n) for j in range(k)]
    # A part shorter than a third of an even share is a sub-topic's opening ("这一趴问题的核心在于…"), not a part.
    min_len = max(1 if any(announced) else 2, int((n - start) / k / 3))
    inner = _inner_lists(sentences, start, k, zh)
    score = np.array([[_boundary_score(sentences, i, sections[j], announced[j], lex, zh, j, inner) for i in range(n)]
                      for j in range(k)])
    after = start  # parts come in the order announced: a part's signpost comes after the one before it
    for j, said in enumerate(announced):
        # The first short sentence made of the part's announced words opens it; a later one is a recap inside it.
        # After "where was I" it only resumes the part.
        others = [a for m, a in enumerate(announced) if m != j]
        name = sections[j].announced or ""
        first = next((i for i in range(after, n) if said and _says_part(sentences[i].text, said, zh, name, others)
                      and not any(RESUME[zh].search(s.text) for s in sentences[max(start, i - 2) : i])), None)
        if first is not None:
            score[j][first] += 4.0
            after = first + 1
    cum = np.concatenate([[0.0], np.cumsum([max(content_len(s.text, zh), 1) for s in sentences])])
    share = (cum[n] - cum[start]) / k
    weight = balance / 3 if any(announced) else balance

    def penalty(size: np.ndarray) -> np.ndarray:
        return weight * np.abs(size - share) / share

    best = np.full((k, n + 1), -np.inf)
    back = np.full((k, n + 1), -1, dtype=int)
    best[0][start] = 0.0
    positions = np.arange(n + 1)
    for j in range(1, k):
        for i in range(start + j * min_len, n - (k - 1 - j) * min_len + 1):
            prev = positions[start : i - min_len + 1]
            totals = best[j - 1][prev] - penalty(cum[i] - cum[prev])
            arg = int(np.argmax(totals))
            if np.isfinite(totals[arg]):
                best[j][i] = totals[arg] + score[j][min(i, n - 1)]
                back[j][i] = prev[arg]
    finals = best[k - 1][: n - min_len + 1] - penalty(cum[n] - cum[positions[: n - min_len + 1]])
    last = int(np.argmax(finals))
    if not np.isfinite(finals[last]):
        return [start + j * max(1, (n - start) // k) for j in range(k)]
    cuts = [last]
    for j in range(k - 1, 0, -1):
        cuts.append(int(back[j][cuts[-1]]))
    return cuts[::-1]


# ---------------------------------------------------------------- choosing points


def time_ranges(segment_ids: Sequence[int], segments: Sequence[Segment]) -> tuple[TimeRange, ...]:
    """The time ranges of the given segments, adjacent segments merged into one range."""
    ranges: list[TimeRange] = []
    last = None
    for i in sorted(set(segment_ids)):
        seg = segments[i]
        if ranges and last is not None and i == last + 1:
            ranges[-1] = TimeRange(ranges[-1].start, max(ranges[-1].end, seg.end))
        else:
            ranges.append(TimeRange(seg.start, seg.end))
        last = i
    return tuple(ranges)


# ---------------------------------------------------------------- title and the whole


@dataclass(frozen=True)
class PlannedPoint:
    """A point as the rules found it: the speaker's clause, where it was said, how well it scored."""

    text: str
    sentence: int  # index into OutlinePlan.sentences
    segments: tuple[int, ...]  # transcript segment ids the clause came from
    sources: tuple[TimeRange, ...]  # their time ranges (empty for text input)
    score: float


@dataclass(frozen=True)
class PlannedSection:
    """One section: its spec (key, headings, cues, the speaker's announced wording), the sentences it covers,
    the points chosen for it, and its best-ranked candidates (chosen ones included)."""

    spec: SectionSpec
    title: str
    start: int  # sentence range [start, end) in OutlinePlan.sentences: the span of ``sentence_ids``
    end: int
    points: tuple[PlannedPoint, ...]
    candidates: tuple[PlannedPoint, ...]
    # The sentences of the section, in order. Contiguous (= range(start, end)) when the outline follows an
    # announced structure; without one, sections are assigned by content and may interleave.
    sentence_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class OutlinePlan:
    """The deterministic part of an outline, for any engine to build on (see :func:`plan_outline`)."""

    title: str
    language: str
    sentences: tuple[Sentence, ...]
    sections: tuple[PlannedSection, ...]
    cleaned_text: str
    announced: bool  # the sections follow the speaker's announced structure
    timed: bool


def plan_outline(transcript: Transcript, template: Template, progress: Progress | None = None) -> OutlinePlan:
    """Clean ``transcript`` and plan its outline: title candidate, sections in order (the speaker's announced
    structure, else ``template``'s) with their sentence ranges, and per section the chosen points and up to
    ``CANDIDATES`` ranked candidate points, each with its source segment ids and time ranges."""
    if progress:
        progress("cleaning the transcript")
    transcript = paced_by_pauses(transcript)  # word-segmented Mandarin read as speech paced by pauses
    clean: CleanTranscript = clean_transcript(transcript)
    lex = lexicon(transcript.language)
    zh = lex.language == "zh"
    # The parts, sections and title are found on the text as said; the points and the cleaned transcript read
    # with a comma at each pause between clauses (Sentence.commas).
    sentences, shown = clean.sentences, clean.shown()

    spec, announced, start, opening = template, [""] * len(template.sections), 0, None
    lines, found = said_announcement(transcript, template)
    if found is not None:
        spec = found.template
        announced = part_wordings(found, lines, transcript.language)
        start = _first_sentence_after(sentences, transcript, found.end)
        # The topic is named around the list of parts ("聊一下为什么我想离职…先说原因"), never by its items.
        # What follows the first part's name is the list ("最后 说说这两回摸这个家伙 是个啥滋味"), not the topic.
        first_item = where_said(found.items[0], lines, found.start, found.end)
        opening = lines[: first_item if first_item >= 0 else found.end]
        for item in sorted(found.items, key=len, reverse=True):
            opening = opening.replace(item, "")
        opening = clean_text(opening, transcript.language, reading=False)
    if progress:
        progress(f"structuring into {len(spec.sections)} sections")
    k = len(spec.sections)
    if found is None and len(sentences) - start >= 2 * k:
        # No announced structure: each sentence goes to the section its content belongs to (assign.py).
        labels = assign_sentences(sentences, spec.sections, lex, start)
    else:
        cuts = cut_sections(sentences, spec.sections, announced, lex, start)
        bounds = [*cuts, len(sentences)]
        # Sentences before the first part (the announcement itself) belong to no section.
        labels = [max((j for j in range(k) if bounds[j] <= i), default=-1) for i in range(len(sentences))]
        # A template section the announcement did not name (misread, or not said) comes last, with the paragraph
        # that fits it best: the outline keeps every section of the template.
        left = [t for t in template.sections if t.key not in {x.key for x in spec.sections}]
        if found is not None and left and not any(is_own_part(x) for x in spec.sections):
            every = (*spec.sections, *left)
            labels = give_left_out(labels, sentences, every, lex, start)
            kept = [j for j in range(len(every)) if j < k or j in labels]  # a section left out that got nothing goes
            labels = [kept.index(j) if j >= 0 else j for j in labels]
            spec = replace(spec, sections=tuple(every[j] for j in kept))
    labels = follow_returns(sentences, labels, spec.sections, lex)

    doc_df = Counter(u for s in shown for u in set(tokens(s.text)))
    sections, taken, section_starts = [], [], set()
    for j, section_spec in enumerate(spec.sections):
        ids = [i for i, label in enumerate(labels) if label == j]
        starts = set(runs(labels, j))
        section_starts |= starts
        # A run of the section that follows another section's sentences opens a paragraph of its own.
        part = [replace(shown[i], paragraph_start=True) if i in starts else shown[i] for i in ids]

        def planned(c: Candidate, ids: Sequence[int] = ids, part: Sequence[Sentence] = part) -> PlannedPoint:
            segs = part[c.sentence].segments_of(c.start, c.end)
            if c.label >= 0:  # it opens with the sentence before: that is where it was said too
                segs = tuple(sorted({*part[c.label].segments, *segs}))
            ranges = time_ranges(segs, transcript.segments) if clean.timed else ()
            return PlannedPoint(c.text, ids[c.sentence], segs, ranges, c.score)

        ranked, sizes = rank(part, doc_df, len(sentences), section_spec, lex)
        chosen = choose_points(ranked, sizes, lex, point_count(part, zh), taken)
        taken.extend(set(tokens(c.text)) for c in chosen)
        first, last = (ids[0], ids[-1] + 1) if ids else (0, 0)
        sections.append(PlannedSection(
            section_spec, section_spec.title(transcript.language), first, last,
            tuple(planned(c) for c in chosen), tuple(planned(c) for c in _distinct(ranked, CANDIDATES)),
            tuple(ids),
        ))

    # The cleaned transcript keeps its paragraphs and starts a new one where each section begins.
    paragraphs: list[list[str]] = []
    for i, s in enumerate(shown):
        if not paragraphs or s.paragraph_start or i in section_starts:
            paragraphs.append([])
        paragraphs[-1].append(s.text)
    cleaned_text = "\n\n".join(joiner(transcript.language).join(p) for p in paragraphs)
    title = make_title(sentences, transcript.source, lex, opening)
    return OutlinePlan(title, transcript.language, shown, tuple(sections), cleaned_text, found is not None,
                       clean.timed)


def _distinct(ranked: Sequence[Candidate], limit: int) -> list[Candidate]:
    """The best ``limit`` candidates that do not repeat one another (overlapping spans of a clause do)."""
    out: list[Candidate] = []
    for c in ranked:
        if len(out) >= limit:
            break
        if not any(is_duplicate(c.text, o.text) for o in out):
            out.append(c)
    return out


def offline_outline(transcript: Transcript, template: Template, progress: Progress | None = None) -> Outline:
    """Clean ``transcript`` and outline it into ``template``'s sections (or the speaker's announced ones)."""
    plan = plan_outline(transcript, template, progress)
    sections = tuple(
        OutlineSection(s.title, tuple(OutlinePoint(p.text, p.sources) for p in s.points), s.spec.key)
        for s in plan.sections
    )
    return Outline(
        title=plan.title,
        sections=sections,
        cleaned_text=plan.cleaned_text,
        language=transcript.language,
        engine="offline",
        source=transcript.source,
    )


def _first_sentence_after(sentences: Sequence[Sentence], transcript: Transcript, offset: int) -> int:
    """Index of the first sentence that starts after character ``offset`` of ``transcript.text``."""
    sep = 1  # the "\n" between segments
    pos, last_segment = 0, -1
    for i, seg in enumerate(transcript.segments):
        if pos >= offset:
            break
        last_segment = i  # this segment starts inside the announcement
        pos += len(seg.text.strip()) + sep
    for i, s in enumerate(sentences):
        if s.segments and min(s.segments) > last_segment:
            return i
    return 0
