"""The built-in ``offline`` outline engine: no model, rules only.

1. cleanup (cleanup.py): fillers out, punctuation back, sentences that know their source segments;
2. structure: the structure the speaker announces (announce.py), else the template's sections;
3. sections: the memo is cut into one contiguous part per section, in order, where the spoken transitions
   are ("第一部分", "然后再说的是我个人的一些分析", "最后"…): a small dynamic programme picks the cut points
   that best match each section's cue phrases, title and announced wording;
4. points: per section, the most informative sentences (central to the section's vocabulary, not meta-talk,
   not fillers), in the order spoken, each with the time ranges of the segments it came from.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ..records import Outline, OutlinePoint, OutlineSection, Segment, TimeRange, Transcript
from .announce import ANNOUNCED, find_announcement
from .cleanup import CleanTranscript, Lexicon, Sentence, clean_transcript, lexicon
from .templates import SectionSpec, Template

_FUNCTION_ZH = set(
    "的了是我你他她它们在就也都还和而这那个一不有么吧呢啊说得着过很会要把被让给对到去来上下里中为以之与及或"
)
_STOP_EN = frozenset((
    "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
    "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "you",
    "he", "she", "we", "they", "me", "my", "your", "our", "their", "him", "her", "them", "not", "no", "do", "does",
    "did", "have", "has", "had", "will", "would", "can", "could", "should", "just", "really", "very", "then",
    "there", "here", "what", "when", "where", "which", "who", "how", "if", "about", "into", "out", "up", "down",
    "over", "more", "most", "some", "any", "all", "also", "than", "too", "only", "like", "get", "got", "going", "go",
    "think", "know", "mean",
))
# Phrases that mark a sentence as carrying the point of an argument.
_KEY_ZH = (
    "核心", "本质", "关键", "最重要", "原因", "在于", "问题", "我觉得",
    "最大的", "价值", "意义", "所以", "因为", "不是", "而是",
)
_KEY_EN = ("because", "the point", "key", "main", "most important", "reason", "problem", "i think", "i realised",
           "i realized", "value", "so i", "plan", "decided")


def _units(text: str, zh: bool) -> list[str]:
    """Content units for similarity: Chinese character bigrams without function-only pairs, or English words."""
    if zh:
        chars = re.sub(r"[^\u3400-\u9fffA-Za-z0-9]", " ", text)
        out = []
        for chunk in chars.split():
            for i in range(len(chunk) - 1):
                pair = chunk[i : i + 2]
                if not (pair[0] in _FUNCTION_ZH and pair[1] in _FUNCTION_ZH):
                    out.append(pair)
        return out
    return [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in _STOP_EN]


def _content_len(text: str, zh: bool) -> int:
    return len(re.sub(r"[^\u3400-\u9fffA-Za-z0-9]", "", text)) if zh else len(text.split())


def _starts_with_transition(text: str, lex: Lexicon, zh: bool) -> bool:
    head = text[:12] if zh else " ".join(text.lower().split()[:4])
    return any(t in head for t in lex.transitions)


def _is_meta(text: str, lex: Lexicon, zh: bool) -> bool:
    low = text.lower()
    return any(m in low for m in lex.meta) and _content_len(text, zh) < (30 if zh else 14)


# ---------------------------------------------------------------- cutting the memo into sections


def _boundary_score(
    sentences: Sequence[Sentence], i: int, spec: SectionSpec, announced: str, lex: Lexicon, zh: bool
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
        if title.lower() in low:
            specific += 3.0
    specific += min(sum(1 for c in spec.cues if c.lower() in head), 3) * 1.0
    if announced:
        want = set(_units(announced, zh))
        have = set(_units(" ".join(s.text for s in sentences[i : i + 2]), zh))
        if want:
            specific += 5.0 * len(want & have) / len(want)
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
    ``balance`` x its relative deviation from an even share, so weak evidence does not leave one part tiny.
    """
    import numpy as np

    n, k = len(sentences), len(sections)
    zh = lex.language == "zh"
    if k == 1 or n - start < 2 * k:
        step = max(1, (n - start) // k) if n > start else 0
        return [min(start + j * step, n) for j in range(k)]
    min_len = 2
    share = (n - start) / k
    score = np.array([[_boundary_score(sentences, i, sections[j], announced[j], lex, zh) for i in range(n)]
                      for j in range(k)])

    def penalty(length: np.ndarray) -> np.ndarray:
        return balance * np.abs(length - share) / share

    best = np.full((k, n + 1), -np.inf)
    back = np.full((k, n + 1), -1, dtype=int)
    best[0][start] = 0.0
    positions = np.arange(n + 1)
    for j in range(1, k):
        for i in range(start + j * min_len, n - (k - 1 - j) * min_len + 1):
            prev = positions[start : i - min_len + 1]
            totals = best[j - 1][prev] - penalty(i - prev)
            arg = int(np.argmax(totals))
            if np.isfinite(totals[arg]):
                best[j][i] = totals[arg] + score[j][min(i, n - 1)]
                back[j][i] = prev[arg]
    finals = best[k - 1][: n - min_len + 1] - penalty(n - positions[: n - min_len + 1])
    last = int(np.argmax(finals))
    if not np.isfinite(finals[last]):
        return [start + j * max(1, (n - start) // k) for j in range(k)]
    cuts = [last]
    for j in range(k - 1, 0, -1):
        cuts.append(int(back[j][cuts[-1]]))
    return cuts[::-1]


# ---------------------------------------------------------------- choosing points


def _strip_opener(text: str, lex: Lexicon, zh: bool) -> str:
    for _ in range(3):
        before = text
        for opener in lex.point_openers:
            # One-character openers (那) only when set off by a comma: 那些 / 那毕竟 keep theirs.
            if zh and len(opener) == 1 and not text.startswith(opener + "，"):
                continue
            rest = text[len(opener) :]
            if zh and text.startswith(opener) and len(rest) > 6 and rest[0] not in "的了地得":
                text = text[len(opener) :].lstrip("，、 ")
            elif not zh and re.match(rf"{re.escape(opener)}\b[, ]", text, re.I):
                text = text[len(opener) :].lstrip(", ")
                text = text[:1].upper() + text[1:]
        if text == before:
            break
    return text


def _similar(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def choose_points(
    sentences: Sequence[Sentence], doc_df: Counter, n_doc: int, spec: SectionSpec, lex: Lexicon, limit: int
) -> list[Sentence]:
    """The ``limit`` most informative sentences of a section, in spoken order."""
    zh = lex.language == "zh"
    units = [set(_units(s.text, zh)) for s in sentences]
    section_df = Counter(u for us in units for u in us)
    keys = _KEY_ZH if zh else _KEY_EN
    scored = []
    for idx, (sentence, us) in enumerate(zip(sentences, units, strict=True)):
        size = _content_len(sentence.text, zh)
        if size < (8 if zh else 5) or _is_meta(sentence.text, lex, zh) or not us:
            continue
        # Central to this section (its words recur here) and specific to it (rarer in the rest of the memo).
        weight = sum((section_df[u] - 1) * math.log(1 + n_doc / doc_df[u]) for u in us)
        score = weight / (len(us) ** 0.7)
        score += 0.6 * sum(1 for key in keys if key in sentence.text.lower())
        score += 0.8 * sum(1 for c in spec.cues if c.lower() in sentence.text.lower())
        if any(m in sentence.text.lower() for m in lex.meta):
            score *= 0.3  # talks about the memo ("我具体讲一下…") more than it says something
        ideal = (18, 70) if zh else (8, 35)
        if size < ideal[0]:
            score *= 0.6
        elif size > ideal[1]:
            score *= 0.8
        scored.append((score, idx))
    # Every paragraph (a sub-topic, usually) gets its best sentence first; the rest go by score.
    paragraph_of, current = [], -1
    for sentence in sentences:
        current += 1 if (sentence.paragraph_start or current < 0) else 0
        paragraph_of.append(current)
    ranked = sorted(scored, reverse=True)
    firsts, seen = [], set()
    for score, idx in ranked:
        if paragraph_of[idx] not in seen and score > 0:
            seen.add(paragraph_of[idx])
            firsts.append((score, idx))
    limit = max(limit, min(len(firsts), limit + 3))
    chosen: list[int] = []
    for _, idx in [*firsts, *ranked]:
        if len(chosen) >= limit:
            break
        if idx not in chosen and all(_similar(units[idx], units[j]) < 0.6 for j in chosen):
            chosen.append(idx)
    return [sentences[i] for i in sorted(chosen)]


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


def make_title(sentences: Sequence[Sentence], source: str, lex: Lexicon) -> str:
    """The topic the speaker names at the start ("聊一下为什么我想离职" -> 为什么我想离职), else the file name."""
    zh = lex.language == "zh"
    opening = " ".join(s.text for s in sentences[:3])
    if zh:
        m = re.search(r"(?:聊一下|聊聊|说一下|说说|讲一下|讲讲|谈一下|谈谈|关于)([^，。！？]{2,24})", opening)
    else:
        m = re.search(r"(?:talk about|memo about|thoughts on|notes on|is about)\s+([^.?!,]{3,80})", opening, re.I)
    if m:
        title = m.group(1).strip(" ：:，,")
        return title if zh else title[:1].upper() + title[1:]
    stem = Path(source).stem if source else ""
    return stem or ("备忘录" if zh else "Memo")


def _section_limit(count: int) -> int:
    return max(3, min(12, round(count / 2.5)))


def offline_outline(
    transcript: Transcript, template: Template, progress: Callable[[str], None] | None = None
) -> Outline:
    """Clean ``transcript`` and outline it into ``template``'s sections (or the speaker's announced ones)."""
    if progress:
        progress("cleaning the transcript")
    clean: CleanTranscript = clean_transcript(transcript)
    lex = lexicon(transcript.language)
    zh = lex.language == "zh"
    sentences = clean.sentences

    spec, announced, start = template, [""] * len(template.sections), 0
    found = find_announcement(transcript.text, template, transcript.language)
    if found is not None:
        spec = found.template
        announced = [s.description.split(ANNOUNCED, 1)[1] if ANNOUNCED in s.description else "" for s in spec.sections]
        start = _first_sentence_after(sentences, transcript, found.end)
    if progress:
        progress(f"structuring into {len(spec.sections)} sections")
    cuts = cut_sections(sentences, spec.sections, announced, lex, start)
    bounds = [*cuts, len(sentences)]

    doc_units = [set(_units(s.text, zh)) for s in sentences]
    doc_df = Counter(u for us in doc_units for u in us)
    timed = clean.timed
    sections = []
    for j, section_spec in enumerate(spec.sections):
        part = sentences[bounds[j] : bounds[j + 1]]
        chosen = choose_points(part, doc_df, len(sentences), section_spec, lex, _section_limit(len(part)))
        points = tuple(
            OutlinePoint(
                _strip_opener(s.text, lex, zh),
                time_ranges(s.segments, transcript.segments) if timed else (),
            )
            for s in chosen
        )
        sections.append(OutlineSection(section_spec.title(transcript.language), points, section_spec.key))

    # The cleaned transcript keeps its paragraphs and starts a new one where each section begins.
    section_starts = set(cuts)
    paragraphs: list[list[str]] = []
    for i, s in enumerate(sentences):
        if not paragraphs or s.paragraph_start or i in section_starts:
            paragraphs.append([])
        paragraphs[-1].append(s.text)
    sep = "" if zh else " "
    cleaned_text = "\n\n".join(sep.join(p) for p in paragraphs)
    return Outline(
        title=make_title(sentences, transcript.source, lex),
        sections=tuple(sections),
        cleaned_text=cleaned_text,
        language=transcript.language,
        engine="offline",
        source=transcript.source,
    )


def _first_sentence_after(sentences: Sequence[Sentence], transcript: Transcript, offset: int) -> int:
    """Index of the first sentence that starts after character ``offset`` of ``transcript.text``."""
    sep = 0 if transcript.language in ("zh", "ja", "yue") else 1
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
