"""The ``llm`` outline engine: the offline engine's outline, improved by a model in small, checked steps.

One prompt for a whole memo fails with small models (they repeat, invent, drop negations, and reading 12k
characters takes minutes on a CPU), so the rules do the structure and the model only does what changes the
result, each answer checked against the memo before it is used:

1. plan (``offline.plan_outline``): cleanup, sections, cutting, the rules' points with their source segments;
2. rewrite: per section, its points -> one clean sentence each (a JSON array of exactly that many), plus a
   short list of recognition errors (wrong -> right), applied only where the wrong text is present;
3. title: only for a memo the rules could not title (the file name stood in), from its opening and first points;
4. more points: per section, 2-4 further points from that section's text not yet used (no earlier points in
   the prompt: nothing to copy), as much text as the time budget allows;
5. checks: every sentence must be supported by its source (shared words), keep its negations (不/没/not), have
   a sensible length and no meta-talk; a refused answer keeps the rule result, so no section is ever emptied
   and the outline is never worse than the offline engine's.

Requests, tokens and what was used or refused go to ``Outline.stats``.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from string import Template as _PromptTemplate
from typing import Any

from ..config import setting
from ..language import CJK, joiner
from ..records import Outline, OutlinePoint, OutlineSection, TimeRange, Transcript
from .cleanup import lexicon, to_simplified
from .endpoint import (
    Endpoint,
    LLMSettings,
    LLMStats,
    TimedOut,
    TooLong,
    UnusableAnswer,
    json_array,
    json_object,
    resolve_llm_settings,
)
from .offline import OutlinePlan, PlannedSection, plan_outline, time_ranges
from .points import rank
from .similarity import FUNCTION_ZH, content_len, is_duplicate, support, token_set
from .templates import Template, base_language

__all__ = ["LLMSettings", "LLMStats", "llm_outline", "resolve_llm_settings"]  # the bench's entry points

Progress = Callable[[str], None]

DEFAULT_BUDGET = 170.0  # seconds for the optional steps on a slow (local CPU) model; a fast one never hits it
MAX_POINTS = 7
SUPPORT = 0.5  # share of a sentence's words that must come from its source
REWRITE_RECALL = 0.6  # share of a point's words its rewrite keeps: fillers go, the point's content stays
# ... and the share of a rewrite's words its sentence said: a rewrite cleans, it adds no more than a word in four
# ("I wanted tae. I felt sick the whole walk" is no "I wanted to go home but felt sick during the entire walk").
REWRITE_SUPPORT = 0.75

_LANGUAGES = {"zh": "Simplified Chinese", "en": "English", "ja": "Japanese", "de": "German", "fr": "French",
              "es": "Spanish", "ko": "Korean", "ru": "Russian"}
# One worked example per script for the rewrite prompt: a small model copies its input without one.
_EXAMPLES = {
    "zh": '1. 那其实我觉得呃这个方案的成本是太高了吧就是\n2. 我们下周去看那个新的办工室然后再决定\n'
          '-> {"points": ["我觉得这个方案的成本太高了。", "我们下周去看新的办公室，然后再决定。"], '
          '"fixes": [{"wrong": "办工室", "right": "办公室"}]}',
    "en": "1. so um I think the the cost of this plan is just way too high you know\n"
          "2. next week we'll look at the new office and then decide\n"
          '-> {"points": ["I think the cost of this plan is too high.", '
          '"Next week we will look at the new office and then decide."], "fixes": []}',
}
_NEGATION = {
    "zh": re.compile(r"不(?![过但仅断同少久错如然管])|没|未(?!来)|并非|非(?![常洲])|别(?![人的])|无(?![论数])"),
    "en": re.compile(r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot)\b|n't", re.I),
}
# What a model writes about the memo instead of what the speaker says.
_META = re.compile(
    r"说话人|发言人|讲话者|作者|这段(?:话|内容|文字|录音)|本段|备忘录|录音中|录(?:一段|一下)|先说说|最后说说|"
    r"speaker|this memo|the memo|transcript|the author|in this (?:part|section)|here goes|out loud|"
    r"talk (?:it|this) (?:through|over)",
    re.I,
)
_INNER_STOP = {"zh": re.compile(r"[。！？].+"), "en": re.compile(r"[.!?]\s+[A-Z]")}  # a second sentence


def _prompt(name: str, **values: Any) -> str:
    text = resources.files("memo.structure").joinpath("prompts", f"{name}.md").read_text(encoding="utf-8")
    return _PromptTemplate(text).substitute(values)


@dataclass
class _Point:
    text: str
    sentence: int
    segments: tuple[int, ...]
    origin: str  # "rules", "rewrite" or "model"
    sources: tuple[TimeRange, ...] = ()  # the rules' time ranges (a new point's come from its segments)


@dataclass
class _Section:
    basis: PlannedSection
    points: list[_Point] = field(default_factory=list)

    @property
    def sentence_ids(self) -> tuple[int, ...]:
        """The section's sentences in order (contiguous when the speaker announced the structure)."""
        return tuple(self.basis.sentence_ids) or tuple(range(self.basis.start, self.basis.end))


class _Run:
    """One memo through one endpoint."""

    def __init__(self, transcript: Transcript, template: Template, endpoint: Endpoint, progress: Progress | None,
                 budget: float) -> None:
        self.transcript = transcript
        self.endpoint = endpoint
        self.stats = endpoint.stats
        self.progress = progress
        self.language = base_language(transcript.language or "en")
        self.language_name = _LANGUAGES.get(self.language, "the language of the transcript")
        self.basis: OutlinePlan = plan_outline(transcript, template)
        self.zh = lexicon(transcript.language).language == "zh"
        self.doc_df = Counter(u for s in self.basis.sentences for u in token_set(s.text))
        self.negation = _NEGATION["zh" if self.zh else "en"]
        self.sections = [_Section(s, [_Point(p.text, p.sentence, p.segments, "rules", p.sources) for p in s.points])
                         for s in self.basis.sections]
        self.fixes: dict[str, str] = {}
        self.deadline = time.perf_counter() + budget
        self.answered = 0  # steps the model answered
        self.stopped = ""  # why the model was asked no more (it stopped answering in time)

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def simplified(self, text: str) -> str:
        return to_simplified(text) if self.zh else text

    def run(self) -> Outline:
        for n, section in enumerate(self.sections, 1):
            if section.points:
                self.say(f"rewriting the points of section {n}/{len(self.sections)}")
                self.step("rewrite", lambda s=section: self.rewrite(s), cost=self.cost(section_points(section), 1.3))
        title = self.basis.title
        # The rules' title is the topic as the speaker names it; a small model's was worse on memos it had not
        # seen, so the model titles only a memo the rules could not (the file name stood in).
        if title in (Path(self.transcript.source).stem, "", "Memo", "备忘录"):
            self.say("title")
            title = self.step("title", self.title, cost=0) or title
        for n, section in enumerate(self.sections, 1):
            self.say(f"more points for section {n}/{len(self.sections)}")
            remaining = len(self.sections) - n + 1
            self.step("points", lambda s=section, share=remaining: self.more_points(s, share), cost=0)
        return self.outline(title)

    # -- budget and failures

    def cost(self, chars: int, factor: float) -> float:
        """Seconds a request reading about ``chars`` characters (and writing ``factor`` times that) will take,
        at the speed seen so far; 0 before the first request."""
        rate = self.rate()
        per_token = 1.5 if self.zh else 4.0
        weighted = 250 + chars / per_token + 3 * factor * chars / per_token
        return 0.0 if rate is None else weighted / rate

    def rate(self) -> float | None:
        """Weighted tokens per second seen so far (a written token counts as 3 read ones); None before a request."""
        seconds = sum(self.stats.request_seconds)
        tokens = self.stats.prompt_tokens + 3 * self.stats.completion_tokens
        return tokens / seconds if tokens and seconds > 0 else None

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def step(self, name: str, work: Callable[[], Any], cost: float) -> Any:
        """``work()`` unless the time budget cannot pay ``cost``; an unusable answer keeps the rules' result."""
        if cost > self.left() or self.stopped:
            self.stats.count("skipped", name)
            return None
        # Once the model has answered, a request slower than its estimate (a loaded machine) stops at the budget's
        # end: what was answered stays, and the memo is done in the time promised.
        self.endpoint.until = self.deadline if self.answered and self.deadline < float("inf") else None
        try:
            done = work()
        except (UnusableAnswer, TooLong):
            self.stats.count("refused", name)
            return None
        except TimedOut as exc:
            if not self.answered:
                raise  # never answered: the endpoint is too slow for this memo, say so
            # It answered before: keep what it did, and the rules' result for the rest, rather than lose the memo.
            self.stopped = str(exc)
            self.stats.count("skipped", name)
            return None
        self.answered += 1
        return done

    # -- step 1: rewrite a section's points

    def rewrite(self, section: _Section) -> None:
        points = section.points
        numbered = "\n".join(f"{i}. {p.text}" for i, p in enumerate(points, 1))
        fix = json_object(wrong={"type": "string"}, right={"type": "string"})
        schema = json_object(points=json_array({"type": "string"}, len(points), len(points)),
                             fixes=json_array(fix, 0, 5))
        system = _prompt("llm_rewrite", language=self.language_name, example=_EXAMPLES["zh" if self.zh else "en"])
        user = f"({section.basis.title})\n{numbered}"
        data = self.endpoint.ask(system, user, schema, "memo_rewrite", int(section_points(section) * 1.3) + 80,
                                 retry=False)
        for pair in data["fixes"]:
            self.add_fix(pair["wrong"].strip(), self.simplified(pair["right"].strip()))
        for point, text in zip(points, data["points"], strict=True):
            text = self.finish(text)
            source = point.text
            context = self.basis.sentences[point.sentence].text
            if self.acceptable(text, source, context, recall=REWRITE_RECALL):
                point.text, point.origin = text, "rewrite"
                self.stats.count("used", "rewrite")
            else:
                self.stats.count("refused", "rewrite")

    def add_fix(self, wrong: str, right: str) -> None:
        """A recognition fix is a same-length swap of a few characters (zh) or a word or two (en), never one
        that adds or removes a negation, and only for text the memo really contains."""
        if not wrong or not right or wrong == right or wrong not in self.basis.cleaned_text:
            return
        if self.zh:
            ok = len(wrong) == len(right) and 2 <= len(wrong) <= 6 and re.fullmatch(f"[{CJK}]+", right)
        else:
            ok = len(wrong.split()) <= 3 and len(right.split()) <= 3
        if ok and bool(self.negation.search(wrong)) == bool(self.negation.search(right)):
            self.fixes[wrong] = right

    # -- step 2: a title

    def title(self) -> str | None:
        opening = "".join(s.text for s in self.basis.sentences[:4])[:300]
        firsts = [s.points[0].text for s in self.sections if s.points]
        user = f"{opening}\n\n" + "\n".join(f"- {t}" for t in firsts) + f"\n\nSuggested title: {self.basis.title}"
        system = _prompt("llm_title", language=self.language_name)
        data = self.endpoint.ask(system, user, json_object(title={"type": "string"}), "memo_title", 40, retry=False)
        title = self.simplified(data["title"].strip().strip("\"'“”《》「」#*").rstrip("。.!！"))
        size = content_len(title, self.zh)
        memo = token_set(self.basis.cleaned_text)
        words = token_set(title)
        if not (2 <= size <= (20 if self.zh else 10)) or _META.search(title) or not words or \
                support(words, memo) < 0.5:
            self.stats.count("refused", "title")
            return None
        self.stats.count("used", "title")
        return title

    # -- step 3: more points from the section's unused text

    def more_points(self, section: _Section, sections_left: int) -> None:
        room = MAX_POINTS - len(section.points)
        if room <= 0:
            return
        chars = self.excerpt_chars(sections_left)
        excerpt = self.excerpt(section, chars)
        if len(excerpt) < 2 or content_len("".join(self.basis.sentences[i].text for i in excerpt), self.zh) < 20:
            if chars < 400:  # the budget left no room to read; else the section has no unused text
                self.stats.count("skipped", "points")
            return
        want = min(room, 4)
        count = f"{min(2, want)} to {want}"
        schema = json_object(points=json_array({"type": "string"}, min(2, want), want))
        system = _prompt("llm_points", language=self.language_name, count=count)
        user = f"({section.basis.title}: {section.basis.spec.description})\n\n" + \
            joiner(self.language).join(self.basis.sentences[i].text for i in excerpt)
        data = self.endpoint.ask(system, user, schema, "memo_points", want * 45 + 20, retry=False)
        for text in data["points"]:
            text = self.finish(text)
            found = self.support(text, excerpt)
            if found is None or self.duplicate(text):
                self.stats.count("refused", "points")
                continue
            index, source = found
            segments = tuple(sorted({g for i in index for g in self.basis.sentences[i].segments}))
            section.points.append(_Point(text, index[0], segments, "model"))
            self.stats.count("used", "points")
            if len(section.points) >= MAX_POINTS:
                break
        section.points.sort(key=lambda p: (p.sentence, p.origin == "model"))

    def excerpt_chars(self, sections_left: int) -> int:
        """How much text the next more-points request may read: its share of the time budget left."""
        rate = self.rate()
        if rate is None:
            return 3000
        seconds = self.left() / max(1, sections_left)
        tokens = seconds * rate - 3 * 120 - 250  # the answer and the instructions
        per_token = 1.5 if self.zh else 4.0
        return int(max(0, min(6000, tokens * per_token)))

    def excerpt(self, section: _Section, chars: int) -> list[int]:
        """The section's best sentences no point was taken from, up to ``chars`` characters, in spoken order."""
        basis = section.basis
        used = {p.sentence for p in section.points}
        part = [i for i in section.sentence_ids if i not in used]
        if not part:
            return []
        sentences = [self.basis.sentences[i] for i in part]
        lex = lexicon(self.transcript.language)
        ranked, _ = rank(sentences, self.doc_df, len(self.basis.sentences), basis.spec, lex)
        chosen: list[int] = []
        total = 0
        for candidate in ranked:
            index = part[candidate.sentence]
            size = len(self.basis.sentences[index].text)
            if index in chosen or total + size > chars:
                continue
            chosen.append(index)
            total += size
        return sorted(chosen)

    # -- checks

    def finish(self, text: str) -> str:
        text = self.simplified(" ".join(str(text).split())).strip("-•* ")
        if text and text[-1] not in "。！？.!?":
            text += "。" if self.zh else "."
        return text if self.zh else text[:1].upper() + text[1:]

    def acceptable(self, text: str, source: str, context: str, recall: float = 0.0) -> bool:
        """A sentence is usable when it says what ``source`` says: its words from ``context`` (a rewrite, asked for
        ``recall`` of the source's words, keeps what the point was about and adds little), the negations of what it
        covers kept, a sensible length, no talk about the memo, not a question made up."""
        size, original = content_len(text, self.zh), content_len(source, self.zh)
        if size < (6 if self.zh else 4) or size > 1.5 * original + (10 if self.zh else 6):
            return False
        if recall and (support(token_set(source), token_set(text)) < recall or not self.specifics_kept(text, source)
                       or not self.clauses_kept(text, source)):
            return False
        if self.meta(text) > self.meta(source) or _INNER_STOP["zh" if self.zh else "en"].search(text):
            return False  # talk about the memo the source did not have, or more than one sentence
        if text.rstrip()[-1:] in "？?" and source.rstrip()[-1:] not in "？?":
            return False
        words = token_set(text)
        if not words or support(words, token_set(context + " " + source)) < (REWRITE_SUPPORT if recall else SUPPORT):
            return False
        return self.negations_kept(text, words, source)

    def specifics_kept(self, text: str, source: str) -> bool:
        """A rewrite keeps what makes its point this point: the source's numbers, and the words it shares with
        at most one other sentence of the memo (names, things: "SQL", "probate", "陶艺班"), in the speaker's form
        (see ``reworded``). Dropping one of those loses the point even when most of its words are there."""
        numbers = re.findall(r"\d+", source)
        if any(n not in text for n in numbers):
            return False
        own = token_set(text)
        rare = {u for u in token_set(source) if self.doc_df[u] <= 2 and not (self.zh and set(u) & FUNCTION_ZH)}
        return (not rare or len(rare & own) >= 0.8 * len(rare)) and not reworded(own, token_set(source))

    def clauses_kept(self, text: str, source: str) -> bool:
        """A rewrite keeps every clause of the source that says something: half its words at least ("…一点都不知道，
        心里真不是滋味" must not lose how the speaker felt, though most of the point's words are still there)."""
        own = token_set(text)
        for clause in re.split(r"[，,；;:：]", source):
            words = token_set(clause)
            if len(words) >= 2 and support(words, own) < 0.5:
                return False
        return True

    def meta(self, text: str) -> int:
        """How much ``text`` talks about the memo rather than its topic (the rules' meta phrases, a model's)."""
        low = text.lower()
        return len(_META.findall(text)) + sum(phrase in low for phrase in lexicon(self.transcript.language).meta)

    def negations_kept(self, text: str, words: set[str], source: str) -> bool:
        """Every negation of the clauses ``text`` takes from ``source`` is in ``text``, and no new one: "不是因为
        做不成东西" never becomes "因为做不成东西" (one of two dropped), nor "不想上班" "想上班"."""
        count = len(self.negation.findall(text))
        clauses = [c for c in re.split(r"[，,；;。.！!？?]", source) if c.strip()]
        covered = 0
        for clause in clauses:
            own = token_set(clause)
            if own and len(own & words) >= 0.5 * len(own):
                covered += len(self.negation.findall(clause))
        return covered <= count <= len(self.negation.findall(source))

    def support(self, text: str, candidates: Sequence[int]) -> tuple[tuple[int, ...], str] | None:
        """The one or two adjacent sentences among ``candidates`` a new point comes from, if it passes the checks."""
        words = token_set(text)
        if not words:
            return None
        best: tuple[float, tuple[int, ...]] = (0.0, ())
        for i in candidates:
            for span in ((i,), (i, i + 1)):
                if span[-1] not in candidates and len(span) > 1:
                    continue
                have = set().union(*(token_set(self.basis.sentences[j].text) for j in span))
                share = support(words, have) - 0.05 * (len(span) - 1)
                if share > best[0]:
                    best = (share, span)
        if not best[1]:
            return None
        source = joiner(self.language).join(self.basis.sentences[j].text for j in best[1])
        if self.meta(text):
            return None  # a new point is what the speaker says about the topic, never about the memo
        return (best[1], source) if self.acceptable(text, source, source) else None

    def duplicate(self, text: str) -> bool:
        return any(is_duplicate(text, point.text) for section in self.sections for point in section.points)

    # -- the result

    def outline(self, title: str) -> Outline:
        cleaned = self.basis.cleaned_text
        for wrong, right in self.fixes.items():
            cleaned = cleaned.replace(wrong, right)
        sections = []
        for section in self.sections:
            points = []
            for p in section.points:
                text = p.text
                if p.origin == "rules":
                    for wrong, right in self.fixes.items():
                        text = text.replace(wrong, right)
                sources = p.sources or (time_ranges(p.segments, self.transcript.segments) if self.basis.timed else ())
                points.append(OutlinePoint(text, sources))
            sections.append(OutlineSection(section.basis.title, tuple(points), section.basis.spec.key))
        self.stats.count("used", "fixes", len(self.fixes))
        notice = ""
        if self.stopped:
            skipped = sum(self.stats.skipped.values())
            notice = (f"{self.stopped.split(';')[0]} after {self.answered} answer(s): {skipped} step(s) not asked; "
                      "the offline engine's points stand there")
        elif self.stats.skipped:
            skipped = sum(self.stats.skipped.values())
            notice = (f"the LLM was slow: {skipped} step(s) skipped to stay within the time budget "
                      "(MEMO_LLM_BUDGET seconds, 0 = none); the offline engine's points stand there")
        covered = sum(1 for s in sections if s.points)
        return Outline(
            title=title,
            sections=tuple(sections),
            cleaned_text=cleaned,
            language=self.transcript.language,
            engine=f"llm:{self.endpoint.model}",
            source=self.transcript.source,
            notice=notice,
            stats={**asdict(self.stats), "sections_with_points": covered, "sections": len(sections)},
        )


def reworded(own: set[str], said: set[str]) -> bool:
    """Whether a rewrite's words ``own`` put another form in place of a word the speaker said (``said``): "burnt" ->
    "burned", Scots "the morn" (tomorrow) -> "the morning". The speaker's word is what the point is found by, and
    the form may change what it means. Latin words of four letters or more; a Chinese word's first character is no
    stem."""
    dropped = {w for w in said - own if len(w) >= 4 and w.isascii()}
    added = {w for w in own - said if len(w) >= 4 and w.isascii()}
    return any(a[:3] == d[:3] for a in added for d in dropped)


def section_points(section: _Section) -> int:
    return sum(len(p.text) for p in section.points)


def budget_seconds() -> float:
    """Time budget for the optional steps (MEMO_LLM_BUDGET / [llm] budget; 0 = no limit)."""
    try:
        value = float(setting("llm", "budget", None, DEFAULT_BUDGET))
    except (TypeError, ValueError):
        value = DEFAULT_BUDGET
    return value if value > 0 else float("inf")


def llm_outline(
    transcript: Transcript,
    template: Template,
    settings: LLMSettings,
    progress: Progress | None = None,
    *,
    stats: LLMStats | None = None,
    budget: float | None = None,
) -> Outline:
    """The offline engine's outline of ``transcript``, improved by the model at ``settings`` (see module doc).

    EngineError (one line) when the endpoint fails; answers that are merely unusable keep the rules' result.
    """
    stats = stats if stats is not None else LLMStats()
    started = time.perf_counter()
    endpoint = Endpoint(settings, stats)
    _ = endpoint.model  # an endpoint that is down or lists no model fails here, before any work
    try:
        result = _Run(transcript, template, endpoint, progress, budget_seconds() if budget is None else budget).run()
    finally:
        stats.seconds += time.perf_counter() - started
    return replace(result, stats={**result.stats, "seconds": stats.seconds})
