"""Outline points from a section's sentences: the speaker's own clauses, trimmed, not whole run-on sentences.

Spoken sentences are long and carry several ideas ("…做出成绩但是这不是我想要的…因为我的自驱力来自于我的
兴趣，而并非是单纯的物质回报"), so a point is a span of consecutive clauses of one sentence:

1. clauses: a sentence is cut at commas, and inside a long clause before a connective (但是 / 因为 / but / so);
2. candidates: every run of consecutive clauses of a readable length, with leading connectives and asides
   trimmed (那 / 然后 / 所以说 / 其实 · so / and / but); spans that start or end mid-phrase are dropped;
3. score: words central to this section and rare elsewhere in the memo, statement markers (本质 / 核心 /
   不是…而是 · because / the point), the section's cue words; meta-talk, questions, hedges and asides lose;
4. choose: the best span of each paragraph first (a paragraph is usually one sub-topic), then the rest by score,
   never overlapping or repeating a chosen point, 3 to 7 per section, in the order spoken.

Each point keeps the character span it came from, so it maps back to exactly the segments it overlaps.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .asides import asides, introduction_weight, recording_talk, talking_it_through
from .cleanup import ZH_OPEN_END, Lexicon, Sentence
from .similarity import DUPLICATE, content_len, overlap, tokens
from .templates import SectionSpec

# A clause is cut before these connectives when both halves stay long enough: each half may be a point.
_SPLIT_ZH = ("但是", "所以说", "所以", "因为", "而且", "毕竟", "如果", "不然的话", "而是", "(?<![不非])但(?![是凡])")
# Discourse markers open a new clause wherever they stand ("科技公司的工作者换句话说，客观来讲，其实…").
_MARKERS_ZH = ("换句话说", "坦白来说", "坦白说", "客观来讲", "客观来说", "具体来说", "也就是说", "也就是", "简单来说",
               "总的来说")
_MARKERS_EN = ("in other words", "to be honest", "i mean", "that is to say", "on the other hand")
_SPLIT_EN = ("because", "but", "so", "and then", "which means", "although", "though")
# A point never ends on these (it was cut mid-phrase).
_OPEN_END_ZH = re.compile(
    rf"(?:{ZH_OPEN_END}|或者说|还是|就是|那些|这些|带来的|的话|时候|之后|大概|怎么|就知道|也就|想的是|(?:是|或者|还是|就|换句话)说|来说|来讲|哪怕|即使|"
    r"(?<![还正不都也现存实])在)$"
)
_OPEN_END_EN = re.compile(
    r"\b(?:the|a|an|and|or|but|so|to|of|in|on|at|for|with|from|by|as|because|that|which|is|are|was|were|my|your|"
    r"our|their|i|we|if|than|like|just|about|into|be|been|really|very)$",
    re.I,
)
# A point never starts on these: the clause depends on what came before.
_OPEN_START_ZH = re.compile(r"^(?:的|地|得|了|着|过|吧|呢|啊|吗|么|们|值|个|和|跟|与|及|或)")
_OPEN_START_EN = re.compile(r"^(?:of|to|than|which|who|whom|whose|that's why|is|are|was|were)\b", re.I)
# A condition without its consequence ("如果能让普通人利用AI完成。") is half a thought.
_CONDITION_ZH = re.compile(r"^(?:如果|要是|假如|假设|哪怕|即使|只要)(?![^，；]{3,}(?:就|才|那么|则|会|都))[^，；]*$")
_CONDITION_EN = re.compile(r"^(?:if|when|unless|even if|as long as)\b(?!.*\b(?:then|will|would)\b)[^,;]*$", re.I)
# A one-character opener is part of a word before these (那些 / 但凡 / 也许 / 就像): then it stays.
_WORD_AFTER_ZH = {"那": "些种个样边时里天儿位次会", "但": "凡是", "也": "许好罢", "就": "像算近"}
# A short statement about "this" / "that" ("这个其实是最底层的一个原因。", "That's the main thing.") points back at
# what came before and says nothing on its own.
_DEICTIC_ZH = re.compile(r"^(?:所以|那|但是?)?(?:这个|那个|这就|这也|这|那|它)(?:其实|就|也|真的|确实)*(?:是|算)")
_DEICTIC_EN = re.compile(r"^(?:so |and |but )?(?:this|that|it)(?:'s| is| was| really is)\b", re.I)
# A third person named earlier in the sentence: without that clause, the point does not say who.
_PRONOUN_ZH = re.compile(r"[她他它](?!们?[自])")
_PRONOUN_EN = re.compile(r"\b(?:she|he|her|him|they|them)\b", re.I)
_QUESTION_ZH = re.compile(r"[？?]|为什么|什么呢|怎么办|吗$|呢$|多少")
_QUESTION_EN = re.compile(r"\?|^(?:why|what|how|who|where|when|do|does|did|is|are|can|could)\b", re.I)


# A sentence that opens with the next item of an enumeration starts a sub-topic of its own ("第二个问题是时间",
# "还有…", "The second thing is my clients", "Another thing:"), as a paragraph does.
_NEXT_ITEM_ZH = re.compile(
    r"^(?:然后|那么?|再)?(?:第[二三四五六七八九十](?![十百千万])|另外|另一个|另一方面|其次|再一个|再就是|还有)"
)
_NEXT_ITEM_EN = re.compile(
    r"^(?:(?:and |so |but )?(?:the (?:second|third|fourth|fifth|next|other|last|final) "
    r"(?:thing|reason|point|problem|issue|part|step|one|worry|question)|another (?:thing|reason|point|problem|issue|"
    r"worry|question)|secondly|thirdly|on top of that|also|finally|lastly))\b",
    re.I,
)


def subtopics(sentences: Sequence[Sentence], zh: bool) -> list[int]:
    """The sub-topic of each sentence: a new one at each paragraph and at each enumerated item."""
    item = _NEXT_ITEM_ZH if zh else _NEXT_ITEM_EN
    out, current = [], -1
    for i, s in enumerate(sentences):
        if i == 0 or s.paragraph_start or item.search(s.text):
            current += 1
        out.append(current)
    return out


@dataclass(frozen=True)
class Candidate:
    """A possible point: trimmed text and the span of its sentence it came from."""

    text: str
    sentence: int  # index into the section's sentences
    start: int  # character span in that sentence's text
    end: int
    paragraph: int
    score: float = 0.0
    context: str = ""  # the whole sentence, for what only shows there (a section opener's meta-talk)
    label: int = -1  # the short sentence before it that names its subject, which it opens with (else -1)


# ---------------------------------------------------------------- clauses and candidates


def clauses(text: str, zh: bool) -> list[tuple[int, int, bool]]:
    """Character spans of the clauses of one sentence (punctuation between them excluded), each with whether
    it opens with a discourse marker (换句话说 / in other words): a point may start there, never run across."""
    sep = r"[，,；;：:。！？!?…]+" if zh else r"[,;:.!?]+(?:\s+|$)|\s+[-–—]+\s+"
    spans, pos = [], 0
    for m in re.finditer(sep, text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    markers = "|".join(map(re.escape, _MARKERS_ZH if zh else _MARKERS_EN))
    marked: list[tuple[int, int]] = []
    for a, b in spans:
        cuts = [a + m.start() for m in re.finditer(markers if zh else rf"\b(?:{markers})\b", text[a:b], re.I)]
        bounds = [a, *(c for c in cuts if c > a), b]
        marked.extend((x, y, x in cuts) for x, y in zip(bounds, bounds[1:], strict=False))
    out: list[tuple[int, int, bool]] = []
    for a, b, barrier in marked:
        pieces = _split_long(text, a, b, zh)
        out.extend((x, y, barrier and k == 0) for k, (x, y) in enumerate(pieces))
    return [c for c in out if text[c[0] : c[1]].strip()]


def _split_long(text: str, a: int, b: int, zh: bool) -> list[tuple[int, int]]:
    """A long clause cut before its connectives, where both sides keep enough words to stand alone."""
    # The part before may be short (its clause began at a misplaced comma); the part after must stand alone.
    least = 4 if zh else 3
    if content_len(text[a:b], zh) < 2 * least:
        return [(a, b)]
    # 那 before a connective goes with it ("…不会编程那如果能让…").
    pattern = "那?(?:" + "|".join(_SPLIT_ZH) + ")" if zh else r"\b(?:" + "|".join(map(re.escape, _SPLIT_EN)) + r")\b"
    open_end = _OPEN_END_ZH if zh else _OPEN_END_EN
    for m in re.finditer(pattern, text[a:b], flags=0 if zh else re.I):
        cut = a + m.start()
        left, right = text[a:cut], text[cut:b]
        rest = content_len(right, zh) - content_len(m.group(0), zh)
        if content_len(left, zh) >= least and rest >= least + 2 and not open_end.search(left.strip()):
            return [(a, cut), *_split_long(text, cut, b, zh)]
    return [(a, b)]


def trim(text: str, lex: Lexicon) -> str:
    """Leading connectives and asides off (那 / 然后 / 所以说 / 其实 · so / and / but); trailing commas off."""
    zh = lex.language == "zh"
    text = text.strip(" ，,、；;：:")
    for _ in range(4):
        before = text
        for opener in lex.point_openers:
            if zh:
                rest = text[len(opener) :]
                # 那些 / 那时 / 其实的: the word goes on; an opener is only cut where the rest stands alone.
                single = len(opener) == 1 and rest[:1] in _WORD_AFTER_ZH.get(opener, "")
                if text.startswith(opener) and content_len(rest, zh) >= 6 and not _OPEN_START_ZH.search(rest):
                    text = text if single else rest.lstrip("，、 ")
            elif re.match(rf"{re.escape(opener)}\b,?\s", text, re.I):
                text = text[len(opener) :].lstrip(", ")
        if text == before:
            break
    if not zh and text:
        text = text[0].upper() + text[1:]
    return text


# How a speaker opens a part ("好，然后说说产品大概长什么样，" / "接下来的计划第一是…" / "So, first, the reasons:").
_LEAD_ZH = re.compile(
    r"^(?:好的?|那么?|然后|最后|接下来|再|先|首先|其次|下面|还有)*的?(?:来)?"
    r"(?P<verb>说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈|谈一下|说|讲|聊)?"
    r"(?P<ord>第[一二三四五六七八九十\d]+(?:部分|块|点|个)(?:是|就是)?)?(?:我的|我自己的|的)?"
)
_LEAD_EN = re.compile(
    r"^(?:(?:so|and|okay|ok|now|well)\b,?\s*)*(?:(?:first|second|third|then|next|finally|lastly|last)\b,?\s*)?"
    r"(?P<verb>let me (?:talk about|start with)|let's talk about|moving on to|on to|as for)?\s*(?:the |my )?",
    re.I,
)


# An item of the speaker's numbered list ("First the apprenticeship, …", "Second, as a backup, I'm…"): in a bullet
# list the number says nothing ("first time I went" keeps its "first").
_ORDINAL_EN = re.compile(r"^(?:and |so |then )?(?:first|second|third|fourth|fifth)(?:ly)?(?:,\s*|\s+(?=(?:the|a|an|i|"
                         r"i'm|i'll|we|we'll|my|our|as)\b))", re.I)


def strip_lead(text: str, spec: SectionSpec | None, lex: Lexicon) -> str:
    """A point without the words that open its part ("最后说说感受吧", "说说我的分析，", "So, the plan:"):
    the transition, a verb of saying, an ordinal, and the section's own name (announced wording, heading, cue)."""
    zh = lex.language == "zh"
    m = (_LEAD_ZH if zh else _LEAD_EN).match(text)
    if not m or not m.group(0).strip():
        return text
    ordinal = None if zh else _ORDINAL_EN.match(text)
    if ordinal and content_len(text[ordinal.end() :], zh) >= 4:
        rest = text[ordinal.end() :]
        return rest[0].upper() + rest[1:]
    rest = text[m.end() :]
    names = spec.names() if spec else ()
    name = max((n for n in names if rest.lower().startswith(n.lower())), key=len, default="")
    if name:
        rest = rest[len(name) :]
        if re.match(r"(?:是|就是|在于)" if zh else r"\s*(?:is|are|was|were)\b", rest, re.I):
            return text  # "The plan is to offer audits": the name is the sentence's subject, not a label
    elif m.group("verb") or (zh and m.group("ord")):
        # "说说X，" / "第三块怎么去验证，": a short first clause after a verb of saying names the part.
        clause = re.match(r"[^，,。.:：]{0,14}[，,。.:：]" if zh else r"[^,.:;]{0,40}[,.:;]", rest)
        if not clause:
            return text
        rest = rest[clause.end() :]
    else:
        return text
    rest = re.sub(r"^(?:吧|呢|啊|的话)?[，,。.:：;；\s]*" if zh else r"^[,.:;\s]*", "", rest)
    return rest if content_len(rest, zh) >= (6 if zh else 4) else text


def candidates(sentences: Sequence[Sentence], lex: Lexicon, spec: SectionSpec | None = None) -> list[Candidate]:
    """Every readable run of consecutive clauses of every sentence, trimmed (unscored)."""
    zh = lex.language == "zh"
    low, high = (10, 60) if zh else (6, 36)
    open_end = _OPEN_END_ZH if zh else _OPEN_END_EN
    open_start = _OPEN_START_ZH if zh else _OPEN_START_EN
    out: list[Candidate] = []
    blocks = subtopics(sentences, zh)
    for index, sentence in enumerate(sentences):
        paragraph = blocks[index]
        spans = clauses(sentence.text, zh)
        for i in range(len(spans)):
            for j in range(i, len(spans)):
                if j > i and spans[j][2]:
                    break
                start, end = spans[i][0], spans[j][1]
                raw = sentence.text[start:end]
                size = content_len(raw, zh)
                if size > high:
                    break
                text = trim(strip_lead(trim(raw, lex), spec, lex), lex)
                if content_len(text, zh) < low or open_end.search(text) or open_start.search(text):
                    continue
                if (_CONDITION_ZH if zh else _CONDITION_EN).search(text):
                    continue
                if zh and sentence.text[:start].rstrip("，、 ").endswith("的"):
                    continue  # "带来的，效率翻倍提升": the span starts inside a noun phrase
                point = _finish(text, sentence.text, end, zh)
                out.append(Candidate(point, index, start, end, paragraph, context=sentence.text))
                label = _label(sentences, index, blocks, lex, spec) if i == 0 else ""
                if label and content_len(label + text, zh) <= high:
                    # "The second thing was the slugs. They ate every lettuce seedling": the short sentence
                    # names what the next one is about; together they are one point.
                    joined = _finish(label + ("：" if zh else ": ") + _lower_first(text), sentence.text, end, zh)
                    out.append(Candidate(joined, index, start, end, paragraph, context=sentence.text, label=index - 1))
    return out


# A short sentence that takes the next part in order ("first the money.", "then the kids."): talk about the memo.
_IN_ORDER_EN = re.compile(r"(?:first(?:ly)?|then|next|now|and then|second(?:ly)?|third(?:ly)?|last(?:ly)?|finally)"
                          r",?\s+(?:the|my|our)\b|(?:the|my|our)\s+\w+\s+first\b", re.I)  # "the money first"


_WHEN_WORDS_EN = frozenset(("every", "time", "times", "always", "never", "sometimes", "often", "morning", "night",
                            "evening", "afternoon", "today", "tonight", "yesterday", "tomorrow", "week", "weekend",
                            "month", "year", "single", "last", "this", "next", "not", "once", "twice", "again", "day",
                            "days", "now", "then", "and", "so", "the", "that", "one", "other"))


def _label(
    sentences: Sequence[Sentence], index: int, blocks: Sequence[int], lex: Lexicon, spec: SectionSpec | None
) -> str:
    """The sentence before ``index`` when it is a short statement naming the sub-topic the next one details
    ("The tomatoes were a disaster." / "The second thing was the slugs."), without its stop; else ""."""
    zh = lex.language == "zh"
    if index == 0 or blocks[index - 1] != blocks[index] and not sentences[index - 1].paragraph_start:
        return ""
    if sentences[index].paragraph_start:
        return ""
    text = trim(strip_lead(trim(sentences[index - 1].text, lex), spec, lex), lex).rstrip("。.!！")
    size = content_len(text, zh)
    # "The thing I keep going back and forth on is my mum.": a longer English label still names its subject
    # at its end, where the next sentence's "she" points.
    names_at_end = not zh and re.search(r"\b(?:is|was|are|were) (?:my|our|the|his|her|their) \w+$", text, re.I)
    if not 2 <= size <= (10 if zh else 12 if names_at_end else 7) or re.search(r"[,，?？:：]", text):
        return ""
    if _about_the_memo(text, lex) or (_QUESTION_ZH if zh else _QUESTION_EN).search(text):
        return ""
    if (_CONDITION_ZH if zh else _CONDITION_EN).search(text) or (_OPEN_END_ZH if zh else _OPEN_END_EN).search(text):
        return ""  # half a sentence cut off by a stray stop ("如果我离职以后我真的。")
    if (_OPEN_START_ZH if zh else _OPEN_START_EN).search(text):
        return ""  # the end of the sentence before ("Which is going to feel ridiculous."), not a subject
    if not zh and _IN_ORDER_EN.match(text):
        return ""  # "first the money.": the speaker going through the parts, no subject of the next sentence
    if not zh and set(re.findall(r"[a-z']+", text.lower())) <= _WHEN_WORDS_EN:
        return ""  # "Every time.", "Not always.", "Last night.": when, no subject the next sentence details
    if _is_part_name(text, spec, lex):
        return ""  # "ok, the pros and cons.": the part begins, its name is no subject of the next sentence
    if zh and not re.search(r"^[^，]{1,8}(?:就是|是)[^，]{1,6}$", text):
        return ""  # a Mandarin label names its subject: "第二个问题是时间"
    return text


def _is_part_name(text: str, spec: SectionSpec | None, lex: Lexicon) -> bool:
    """Whether ``text`` is just the name of its part (announced wording, heading or cue), after the words that
    turn to it ("ok, the pros and cons", "好，说说原因")."""
    if spec is None:
        return False
    m = (_LEAD_ZH if lex.language == "zh" else _LEAD_EN).match(text)
    rest = text[m.end() if m else 0 :].strip(" ,.:;!?，。：；！？").lower()
    return bool(rest) and rest in {n.lower() for n in spec.names()}


def _lower_first(text: str) -> str:
    """A sentence continued after a colon: lower-case first letter, except for "I" and names kept as spoken."""
    if re.match(r"(?:I\b|I'|[A-Z]{2})", text) or not text[:1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _finish(text: str, sentence: str, end: int, zh: bool) -> str:
    """The point as a sentence: its own closing mark when it ends the sentence, else a full stop."""
    mark = sentence[end : end + 1]
    if zh:
        return text + (mark if mark in ("！", "？") else "。")
    return text + (mark if mark in ("!", "?") else ".")


# ---------------------------------------------------------------- scoring and choosing


def _about_the_memo(text: str, lex: Lexicon) -> bool:
    """Whether ``text`` talks about the memo (a meta phrase: "今天想说一下…") or the phone recording it ("It's
    going."), not about its matter."""
    zh = lex.language == "zh"
    return bool(_marker_count(text, lex.meta)) or recording_talk(text, zh) or talking_it_through(text, zh)


def _marker_count(text: str, markers: Sequence[str]) -> int:
    low = text.lower()
    return sum(1 for m in markers if m in low)


def score(
    candidate: Candidate,
    section_df: Counter,
    doc_df: Counter,
    n_doc: int,
    spec: SectionSpec,
    lex: Lexicon,
    paragraph_df: Counter | None = None,
) -> float:
    """How much a candidate says that belongs to this section (see the module docstring)."""
    zh = lex.language == "zh"
    text = candidate.text
    us = tokens(text)
    sentence = candidate.context or text
    if not us:
        return 0.0
    # Central to its paragraph and section (its words recur there) and specific to it (rarer in the rest of the
    # memo): a sub-topic with its own words (money, after a long part about AI) still gets its points.
    local = paragraph_df or Counter()
    # Dampened (log): a motif repeated ten times ("AI最大的价值") must not outweigh what is said once, clearly.
    weights = [
        (math.log1p(max(local[u] - 1, 0) + 0.6 * max(section_df[u] - 1, 0)) + 0.3)
        * math.log(1 + n_doc / max(doc_df[u], 1))
        for u in us
    ]
    value = sum(weights) / len(us) ** 0.6
    # Statement markers and the section's own cue words ("打算" / "最想做" for a plan) multiply: they say what
    # kind of thing the clause is, which repetition alone cannot.
    value *= 1 + 0.15 * min(_marker_count(text, lex.statement_markers), 3)
    value *= 1 + 0.4 * min(_marker_count(text, spec.cues), 2)
    size = content_len(text, zh)
    ideal_low, ideal_high = (14, 40) if zh else (8, 24)
    if size < ideal_low:
        value *= 0.55 + 0.45 * size / ideal_low
    elif size > ideal_high:
        value *= max(0.5, 1 - (size - ideal_high) / (ideal_high * 1.2))
    if _marker_count(text, lex.meta) or _marker_count(sentence, lex.meta) and content_len(sentence, zh) < 30:
        value *= 0.15  # talks about the memo ("我具体讲一下…") more than it says something
    value *= 0.6 ** _marker_count(text, lex.asides)  # hedges, examples, asides
    lead_in = sentence[max(0, candidate.start - (15 if zh else 40)) : candidate.start] if candidate.context else ""
    value *= 0.6 ** _marker_count(lead_in, lex.asides)  # announced as a repeat or an example ("说回刚才那个问题，…")
    if (_QUESTION_ZH if zh else _QUESTION_EN).search(text):
        value *= 0.45  # a question the speaker asks himself; the answer is the point
    first_clause = re.split(r"[，,；;：:]", text, maxsplit=1)[0]
    if candidate.start > 0 and (_PRONOUN_ZH if zh else _PRONOUN_EN).search(first_clause):
        value *= 0.85  # "每次我带她去泳池": who "she" is was said in the clause before, which the point cut off
    if (_DEICTIC_ZH if zh else _DEICTIC_EN).search(text) and size < (18 if zh else 10):
        value *= 0.25  # "这个其实是最底层的一个原因": a pointer back, not a statement of its own
    return value


def point_count(sentences: Sequence[Sentence], zh: bool, low: int = 3, high: int = 7) -> int:
    """How many points a section deserves: one per sub-topic (paragraph, enumerated item) and at least about
    one per 50 characters / 24 words (some 10 seconds of speech), 3 to 7."""
    size = sum(content_len(s.text, zh) for s in sentences)
    blocks = len(set(subtopics(sentences, zh)))
    return max(low, min(high, max(blocks, round(size / (40 if zh else 20)))))


def rank(
    sentences: Sequence[Sentence], doc_df: Counter, n_doc: int, spec: SectionSpec, lex: Lexicon
) -> tuple[list[Candidate], Counter]:
    """A section's scored candidates, best first, and the length of each of its paragraphs."""
    zh = lex.language == "zh"
    section_df = Counter(u for s in sentences for u in set(tokens(s.text)))
    sizes: Counter = Counter()
    paragraph_df: dict[int, Counter] = {}
    blocks = subtopics(sentences, zh)
    for s, paragraph in zip(sentences, blocks, strict=True):
        sizes[paragraph] += content_len(s.text, zh)
        paragraph_df.setdefault(paragraph, Counter()).update(set(tokens(s.text)))
    firsts = {i for i, b in enumerate(blocks) if i == 0 or b != blocks[i - 1]}
    aside = asides(sentences, zh)
    scored = []
    for c in candidates(sentences, lex, spec):
        value = score(c, section_df, doc_df, n_doc, spec, lex, paragraph_df.get(c.paragraph))
        if c.sentence in firsts or c.sentence == len(sentences) - 1:
            value *= 1.2  # a paragraph's first sentence states its topic; a part's last one sums it up
        if c.label >= 0:
            value *= 1.25  # says what "they" / "it" is: stands on its own
        if c.sentence in aside:
            value *= 0.3  # the speaker broke off ("sorry, that's the dog at the door…"): said aside
        value *= introduction_weight(c.text, sentences[c.sentence], zh)  # "This is Carol, Saturday…": the scene
        if value > 0:
            scored.append(replace(c, score=value))
    return sorted(scored, key=lambda c: (-c.score, c.sentence, c.start)), sizes


FILL_FLOOR = 0.25  # of the best candidate's score: below it a candidate does not fill a section's last places


def choose_points(
    ranked: Sequence[Candidate],
    sizes: Counter,
    lex: Lexicon,
    limit: int,
    taken: Sequence[set[str]] = (),
) -> list[Candidate]:
    """The ``limit`` best non-overlapping, non-repeating of a section's candidates (``rank``'s result), in the
    order spoken.

    ``taken`` holds the units of points other sections already chose, so no point repeats across sections.
    """
    quota = _quotas(sizes, limit) if ranked else {}
    chosen: list[Candidate] = []
    chosen_units: list[set[str]] = [*taken]

    def take(c: Candidate) -> bool:
        if _about_the_memo(c.text, lex):
            return False  # talk about the memo ("今天想说一下换车的事。") is never a point, even to fill a section
        us = set(tokens(c.text))
        if any(o.sentence == c.sentence and o.start < c.end and c.start < o.end for o in chosen):
            return False
        if any(overlap(us, other) >= DUPLICATE for other in chosen_units):
            return False
        chosen.append(c)
        chosen_units.append(us)
        return True

    # Each paragraph (usually one sub-topic) gets its share of the points first, by its length; then the best.
    best = ranked[0].score if ranked else 0.0
    floor = 0.4 * best  # a paragraph of meta-talk gets no point of its own
    for c in ranked:
        if c.score >= floor and quota.get(c.paragraph, 0) > 0 and len(chosen) < limit and take(c):
            quota[c.paragraph] -= 1
    for c in ranked:
        if len(chosen) >= limit or c.score < FILL_FLOOR * best:
            break
        take(c)
    return sorted(chosen, key=lambda c: (c.sentence, c.start))


def _quotas(sizes: Counter, limit: int) -> dict[int, int]:
    """Points per paragraph: one each (while there are enough), the rest in proportion to length."""
    if len(sizes) >= limit:
        return dict.fromkeys(sizes, 1)  # more paragraphs than points: the best-scoring paragraphs win
    quota = dict.fromkeys(sizes, 1)
    spare = limit - len(sizes)
    total = sum(sizes.values()) or 1
    shares = {p: spare * n / total for p, n in sizes.items()}
    for p, v in shares.items():
        quota[p] += int(v)
    for p in sorted(shares, key=lambda p: shares[p] - int(shares[p]), reverse=True):
        if sum(quota.values()) >= limit:
            break
        quota[p] += 1
    return quota
