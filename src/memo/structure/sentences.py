"""Pauses, punctuation and sentences: where a cleaned stream of speech becomes sentences that know the
transcript segments they came from (used by cleanup.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..language import CJK as _CJK
from .lexicon import Lexicon

PAUSE = "\x1f"  # a spoken pause (removed filler, space in a Chinese transcript)
SEG = "\x1e"  # a segment boundary; kept through cleanup so sentences map back to segments
CLAUSE = "\x1d"  # a pause between clauses of a transcript without punctuation: a comma for reading only

_WS = "[ \t\n\r\f\v]"  # whitespace without the SEG / PAUSE marks (which \s matches)
ZH_END = "。！？；…"
_ZH_PUNCT = "，。！？；：、…"
# A pause becomes a comma before these (they usually open a clause) once the clause so far is long enough.
_ZH_OPENERS = set("我你他她它咱这那但所因而其如就也还可并即换或另首最然再让总不每大")
# A clause never ends on these: a full stop after them is a recognition artefact, not a sentence end.
ZH_DANGLING = re.compile(
    r"(?:在于|以及|或者|因为|所以|比如|还是|一些|一种|于|和|把|被|给|让|跟|向|从|(?<![不就也都还正可要总算])是)$"
)
# A sentence that ends on these was cut mid-phrase by a stray full stop or question mark ("我觉得这是一个方向，
# 在这样的分析下我其实。解决了…", "处于一种？稍微迷茫的状态"): it runs on into the next sentence.
# Words a clause cannot end on (cut mid-phrase); points.py adds its own to these.
ZH_OPEN_END = (
    r"但是?|而且?|那么?|其实|为了|我觉得|我觉着|也就是|[一几两这那每]个|一种|一些|在于|以及|或者|因为|所以|比如|"
    r"于|和|把|被|给|让|跟|向|从|(?<![不就也都还正可要总算])是"
)
_ZH_OPEN_END = re.compile(rf"(?:{ZH_OPEN_END}|不太能|因为这|好几个)$")
# A sentence that starts with these continues the one before ("…它的一些决策。和我个人的价值判断是不符的").
_ZH_CONTINUES = re.compile(r"^(?:和|跟|与|及|以及|而是|而并非|是(?![不的吗否]))")
_ZH_SPLIT_BEFORE = (
    "所以", "但是", "换句话说", "而且", "因为", "其实", "那么", "也就是", "不然", "毕竟", "如果", "这样的话", "但",
)





# The next item of an enumeration opens a new sentence ("…我一定要学会 嗯 第二个原因是我的腰"): ordinals from 二 on
# (第一 opens the list, often mid-sentence: "我打算 第一 先练憋气"), 另外 / 其次 / 还有(就是) before a pause.
_ZH_NEXT_ITEM = re.compile(
    rf"^(?:然后|那么?|再)?(?:第[二三四五六七八九十](?![十百千万])|第一个[^，。{PAUSE}]{{1,4}}(?:是|就是)|另外|另一个|另一方面|其次|再一个|再就是|还有(?=就是|一个|一点|一方面|个|{PAUSE}))"
)
# A bare ordinal before a pause ("第二 换成早上去") is followed by a comma.
_ZH_BARE_ORDINAL = re.compile(r"(?:^|[。！？；])(?:第[一二三四五六七八九十]|首先|其次|另外)$")


def spaced_zh(text: str) -> bool:
    """Whether a Mandarin transcript marks its clauses with spaces alone (hardly a comma or a stop), as many
    recognisers write it: then each pause between two clauses of some length is where a reader wants a comma."""
    spaces = len(re.findall(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])", text))
    return spaces >= 20 and len(re.findall(f"[{_ZH_PUNCT}]", text)) * 10 <= spaces


def resolve_pauses_zh(text: str, spaced: bool = False) -> str:
    """Pause marks become commas where a clause boundary is likely, and full stops before the next item of an
    enumeration; elsewhere they disappear. A removed hesitation between pauses ("学会 嗯 第二") is a long pause.
    In a ``spaced`` transcript (``spaced_zh``) a pause after a clause of four characters or more, which the rules
    leave out, becomes a ``CLAUSE`` mark: a comma for the reader only (``Sentence.commas``), so the finders of
    parts, sections and titles read the text as before."""
    out: list[str] = []
    pieces = re.split(f"({PAUSE}+)", text)
    for i, piece in enumerate(pieces):
        if not piece.startswith(PAUSE):
            out.append(piece)
            continue
        before = "".join(out)
        after = "".join(pieces[i + 1 :])
        marked_before = before.replace(SEG, "")
        plain_before = marked_before.replace(CLAUSE, "")  # the rules read the text as said
        plain_after = after.replace(SEG, "")
        if not plain_before or not plain_after or plain_before[-1] in _ZH_PUNCT or plain_after[0] in _ZH_PUNCT:
            continue
        clause = re.split(f"[{_ZH_PUNCT}]", plain_before)[-1]
        nxt = re.split(f"[{_ZH_PUNCT}]", plain_after)[0]
        if ZH_DANGLING.search(clause) or len(nxt.replace(PAUSE, "")) < 2:
            continue
        if _ZH_BARE_ORDINAL.search(plain_before[-8:]):
            out.append("，")
            continue
        if len(clause) >= 4 and _ZH_NEXT_ITEM.search(plain_after):
            out.append("。")
            continue
        if len(piece) >= 2 and len(clause) >= 4 and not clause.endswith("的"):
            out.append("，")  # a long pause
            continue
        if clause.endswith("的") and plain_after[0] not in _ZH_OPENERS:
            continue  # "带来的 效率提升": a pause inside a noun phrase, not after a clause
        if (len(clause) >= 5 and plain_after[0] in _ZH_OPENERS) or len(clause) >= 12:
            out.append("，")
        elif spaced and len(re.split(f"[{_ZH_PUNCT}{CLAUSE}]", marked_before)[-1]) >= 4 \
                and len(nxt.replace(PAUSE, "")) >= 4:
            out.append(CLAUSE)
    return "".join(out)




def tidy_zh(text: str) -> str:
    # A full stop after a word that cannot end a clause (在于。 / 本质上是。) is a recognition artefact.
    text = re.sub(f"({ZH_DANGLING.pattern[:-1]})。", r"\1", text)
    text = re.sub(f"([，、])([{SEG}]*)[，、]+", r"\1\2", text)
    text = re.sub(f"[，、]([{SEG}]*)([。！？；])", r"\1\2", text)
    text = re.sub(f"([。！？；])([{SEG}]*)[，、。]+", r"\1\2", text)
    return re.sub(f"^([{SEG}]*)[，、。！？；]+", r"\1", text)


def resolve_pauses_en(text: str) -> str:
    # Not \s: Python counts the SEG mark as whitespace, and it must survive (it maps sentences to segments).
    ws = _WS
    text = re.sub(rf"{ws}*{PAUSE}+{ws}*", " ", text)
    text = re.sub(rf"({SEG}){ws}*[,;]+{ws}*", r"\1", text)  # a segment that began with a removed filler
    text = re.sub(rf"{ws}+([,.;!?])", r"\1", text)
    text = re.sub(rf"([,;])({ws}*[,;])+", r"\1", text)
    text = re.sub(rf",({ws}*[.!?])", r"\1", text)
    text = re.sub(rf"([.!?])({ws}*{SEG}*{ws}*)[,;]+", r"\1\2", text)  # "reasons. Um, the": the stop stays
    text = re.sub(rf"^({SEG}*)[ \t,;]+", r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text)


def split_zh(text: str) -> list[str]:
    """Sentences at 。！？；, with run-on sentences cut at a comma before a connective near their middle."""
    pieces = [p for p in re.split(rf"(?<=[{ZH_END}])", text) if p.replace(SEG, "").strip()]
    result: list[str] = []
    for piece in pieces:
        stack = [piece]
        while stack:
            s = stack.pop(0)
            plain_len = len(s.replace(SEG, ""))
            if plain_len <= 64:
                result.append(s)
                continue
            best, best_dist = None, None
            for m in re.finditer("，", s):
                tail = s[m.end() :].lstrip(SEG)
                left = len(s[: m.start()].replace(SEG, ""))
                if left < 16 or plain_len - left < 16 or not tail.startswith(_ZH_SPLIT_BEFORE):
                    continue
                dist = abs(left - plain_len / 2)
                if best_dist is None or dist < best_dist:
                    best, best_dist = m.start(), dist
            if best is None:
                result.append(s)
            else:
                stack[:0] = [s[:best] + "。", s[best + 1 :]]
    return result


# "Mr. Dashwood" is one sentence: no split after a title's full stop.
_EN_NOT_AFTER = "".join(rf"(?<!\b{t}\.)" for t in ("Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Jr", "Sr", "vs", "etc"))


def split_en(text: str) -> list[str]:
    end = rf"(?<=[.!?]){_EN_NOT_AFTER}"
    pattern = rf"{end}{_WS}*(?={SEG})|{end}{_WS}+(?=[^ \t\n\r\f\v])"
    return [p for p in re.split(pattern, text) if p.replace(SEG, "").strip()]


def finish_sentence(text: str, lex: Lexicon) -> str:
    text = text.replace(SEG, "").strip()
    if lex.language == "zh":
        # A reading comma beside a mark (a filler between them was cut) is one mark too many.
        text = re.sub(f"{CLAUSE}+(?=[{_ZH_PUNCT}])|(?<=[{_ZH_PUNCT}]){CLAUSE}+", "", text).strip("，、 " + CLAUSE)
        if text and text[-1] not in ZH_END + "”」』）)":
            text += "。"
    else:
        text = text.strip(" ,;")
        if text:
            text = text[0].upper() + text[1:]
            if text[-1] not in ".!?\"')":
                text += "."
    return text


# ---------------------------------------------------------------- a whole transcript


@dataclass(frozen=True)
class Sentence:
    """One cleaned sentence and the indices of the transcript segments it came from."""

    text: str
    segments: tuple[int, ...]
    paragraph_start: bool = False
    # Where each of ``segments`` begins in ``text`` (character offsets, the first 0): a clause of the sentence
    # maps back to just the segments it overlaps. Empty when unknown (then the whole sentence's segments count).
    offsets: tuple[int, ...] = ()
    # Where a reader wants a comma that the text as said lacks (a pause between clauses, see resolve_pauses_zh):
    # positions in ``text``, each before the character there. Parts, sections and titles are found on ``text``.
    commas: tuple[int, ...] = ()

    def shown(self) -> Sentence:
        """The sentence for a reader: its ``commas`` in its text, its segment offsets moved with them."""
        if not self.commas:
            return self
        bounds = (0, *self.commas, len(self.text))
        text = "，".join(self.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False))
        offsets = tuple(o + sum(1 for c in self.commas if c <= o) for o in self.offsets)
        return Sentence(text, self.segments, self.paragraph_start, offsets)

    def segments_of(self, start: int, end: int) -> tuple[int, ...]:
        """The segments that characters ``start:end`` of ``text`` came from."""
        if len(self.offsets) != len(self.segments):
            return self.segments
        bounds = [*self.offsets[1:], len(self.text)]
        hit = tuple(s for s, a, b in zip(self.segments, self.offsets, bounds, strict=True) if a < end and b > start)
        return hit or self.segments


def paragraph_ranges(sentences: Sequence[Sentence]) -> list[range]:
    """The indexes of each paragraph's sentences: a paragraph opens at the first sentence and at each
    ``paragraph_start``."""
    starts = [i for i, s in enumerate(sentences) if i == 0 or s.paragraph_start] + [len(sentences)]
    return [range(a, b) for a, b in itertools.pairwise(starts)]


def segment_offsets(raw: str, lead: int, lex: Lexicon) -> tuple[int, ...]:
    """Character offsets in the finished sentence where each segment of ``raw`` begins (see Sentence.offsets)."""
    body = raw.lstrip(SEG)
    plain = body.replace(SEG, "")
    strip = len(plain) - len(plain.lstrip("，、 " if lex.language == "zh" else " ,;"))
    offsets, pos = [0] * max(lead, 1), 0
    for ch in body:
        if ch == SEG:
            offsets.append(max(0, pos - strip))
        else:
            pos += 1
    return tuple(offsets)


def runs_on(previous: str, text: str) -> bool:
    """Whether a stray stop split one sentence in two: the first ends mid-phrase, or the second is a scrap
    ("探索之中。") or starts with a word that continues a clause (和 / 而是)."""
    if not previous or previous[-1] not in "。？":
        return False
    body = previous[:-1]
    if _ZH_OPEN_END.search(body):
        return True
    if previous[-1] != "。":
        return False
    scrap = len(re.findall(f"[{_CJK}]", text)) <= 4 and text[-1] == "。"
    return scrap or bool(_ZH_CONTINUES.search(text))


def marks_as_commas(sentence: Sentence) -> Sentence:
    """``sentence`` with its CLAUSE marks out of its text and in its ``commas``."""
    if CLAUSE not in sentence.text:
        return sentence
    pieces = sentence.text.split(CLAUSE)
    # Two marks together (the words between them were cut) are one comma.
    commas = tuple(sorted({sum(len(p) for p in pieces[: i + 1]) for i in range(len(pieces) - 1)}))
    offsets = tuple(o - sentence.text[:o].count(CLAUSE) for o in sentence.offsets)
    return Sentence("".join(pieces), sentence.segments, sentence.paragraph_start, offsets, commas)


def join_sentences(first: Sentence, second: Sentence) -> Sentence:
    """One sentence from two that a stray stop split; segment offsets follow the text."""
    text = first.text[:-1] + second.text
    shift = len(first.text) - 1
    segments, offsets = list(first.segments), list(first.offsets)
    for seg, off in zip(second.segments, second.offsets or (0,) * len(second.segments), strict=True):
        if segments and seg == segments[-1]:
            continue  # the stop was inside this segment: it already starts in the first part
        segments.append(seg)
        offsets.append(off + shift)
    return Sentence(text, tuple(segments), first.paragraph_start, tuple(offsets) if first.offsets else ())
