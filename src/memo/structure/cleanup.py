"""Rule-based cleanup of a spoken transcript: fillers and stutters out, safe recognition fixes, punctuation
and sentences back, Simplified Chinese. The speaker's own wording stays; nothing is summarised.

The word lists and rules are project data (``data/cleanup_<lang>.toml``); they are context-aware: 然后 / 就是 /
那个 / like / you know are removed only where they are fillers. Hesitations often mark a pause, so a removed
filler leaves a pause mark that becomes a comma where a clause boundary is likely.

Every sentence remembers which transcript segments it came from, so outline points can link back to the
recording.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..language import CJK as _CJK
from ..language import base_language
from ..records import Transcript
from .chunking import is_timed, paragraph_starts
from .homophones import apply_fixes, memo_fixes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAUSE = "\x1f"  # a spoken pause (removed filler, space in a Chinese transcript)
SEG = "\x1e"  # a segment boundary; kept through cleanup so sentences map back to segments

_WS = "[ \t\n\r\f\v]"  # whitespace without the SEG / PAUSE marks (which \s matches)
_ZH_END = "。！？；…"
_ZH_PUNCT = "，。！？；：、…"
# A pause becomes a comma before these (they usually open a clause) once the clause so far is long enough.
_ZH_OPENERS = set("我你他她它咱这那但所因而其如就也还可并即换或另首最然再让总不每大")
# A clause never ends on these: a full stop after them is a recognition artefact, not a sentence end.
_ZH_DANGLING = re.compile(
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


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    replace: str


@dataclass(frozen=True)
class Homophone:
    topic: str
    min_count: int
    pattern: re.Pattern


@dataclass(frozen=True)
class Lexicon:
    """One language's cleanup data (see data/cleanup_zh.toml for what each list means)."""

    language: str
    fillers: tuple[str, ...]
    filler_rules: tuple[Rule, ...]
    corrections: tuple[Rule, ...]
    homophones: tuple[Homophone, ...]
    meta: tuple[str, ...]
    reduplicable: frozenset[str]
    point_openers: tuple[str, ...]
    announce_triggers: tuple[str, ...]
    announce_close: tuple[str, ...]
    transitions: tuple[str, ...]
    statement_markers: tuple[str, ...] = ()
    asides: tuple[str, ...] = ()
    common_words: frozenset[str] = frozenset()

    @property
    def spaced(self) -> bool:
        """Whether words are separated by spaces (English) or not (Chinese)."""
        return self.language != "zh"


@cache
def lexicon(language: str) -> Lexicon:
    """The cleanup data for ``language`` (Chinese for zh/yue, English otherwise)."""
    lang = "zh" if base_language(language) == "zh" else "en"
    data = tomllib.loads(
        resources.files("memo.structure").joinpath("data", f"cleanup_{lang}.toml").read_text(encoding="utf-8")
    )
    flags = 0 if lang == "zh" else re.IGNORECASE

    def rules(key: str) -> tuple[Rule, ...]:
        return tuple(Rule(re.compile(r["pattern"], flags), r["replace"]) for r in data.get(key, ()))

    homophones = []
    for h in data.get("homophones", ()):
        guard = "".join(f"(?<!{re.escape(w)})" for w in h.get("not_after", ()))
        wrong = "|".join(map(re.escape, h["wrong"]))
        pattern = re.compile(f"{guard}(?:{wrong}){h['before']}")
        homophones.append(Homophone(h["topic"], int(h.get("min_count", 3)), pattern))
    # Longest first, so 嗯嗯 goes as one.
    fillers = sorted(data["fillers"], key=len, reverse=True)
    return Lexicon(
        language=lang,
        fillers=tuple(fillers),
        filler_rules=rules("filler_rules"),
        corrections=rules("corrections"),
        homophones=tuple(homophones),
        meta=tuple(data.get("meta", ())),
        reduplicable=frozenset(data.get("reduplicable", ())),
        point_openers=tuple(sorted(data.get("point_openers", ()), key=len, reverse=True)),
        announce_triggers=tuple(data.get("announce_triggers", ())),
        announce_close=tuple(data.get("announce_close", ())),
        transitions=tuple(data.get("transitions", ())),
        statement_markers=tuple(data.get("statement_markers", ())),
        asides=tuple(data.get("asides", ())),
        common_words=frozenset(data.get("common_words", ())),
    )


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


# ---------------------------------------------------------------- counting fillers


def _filler_word_pattern(lex: Lexicon) -> re.Pattern:
    words = "|".join(map(re.escape, lex.fillers))
    if lex.spaced:
        return re.compile(rf"(?<![\w'-])(?:{words})(?![\w'-])", re.IGNORECASE)
    return re.compile(f"(?:{words})")


def count_fillers(text: str, language: str) -> Counter:
    """How often each pure hesitation (嗯, 呃 / um, uh) and each multi-word tic (就是说, 对吧 / you know) occurs."""
    lex = lexicon(language)
    counts: Counter = Counter(m.group(0).lower() for m in _filler_word_pattern(lex).finditer(text))
    tics = ("就是说", "对吧") if lex.language == "zh" else ("you know,", "i mean,")
    low = text.lower()
    for tic in tics:
        if n := low.count(tic):
            counts[tic] += n
    return counts


# ---------------------------------------------------------------- one fragment


@dataclass(frozen=True)
class DocContext:
    """What cleanup may know about the whole memo: which homophone topic words are frequent, and the
    recognition errors of its own topic words (homophones.py)."""

    topics: frozenset[str] = frozenset()
    fixes: tuple[tuple[str, str], ...] = ()


def doc_context(text: str, language: str) -> DocContext:
    lex = lexicon(language)
    if lex.language != "zh":
        return DocContext()
    text = to_simplified(text)
    fixes = tuple(memo_fixes(text, lex.common_words).items())
    return DocContext(frozenset(h.topic for h in lex.homophones if text.count(h.topic) >= h.min_count), fixes)


def _apply(rules: tuple[Rule, ...], text: str) -> str:
    for rule in rules:
        text = rule.pattern.sub(rule.replace, text)
    return text


def _normalise_zh(text: str) -> str:
    text = to_simplified(text)
    text = text.replace("...", "…").replace("。。", "。")
    # Half-width punctuation next to Chinese becomes full-width.
    for half, full in ((",", "，"), ("?", "？"), ("!", "！"), (";", "；"), (":", "：")):
        text = re.sub(rf"(?<=[{_CJK}])\s*{re.escape(half)}|{re.escape(half)}\s*(?=[{_CJK}])", full, text)
    # A space between Chinese characters is a pause; between Latin words it is a space.
    return re.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", PAUSE, text)


def _stray_latin_zh(text: str) -> str:
    """Lone one- or two-letter lower-case Latin fragments inside Chinese are recognition noise ("sn")."""
    keep = {"ok", "it", "pc", "ui", "ux", "hr", "pm", "tv", "vr", "ar", "ip", "id", "ai", "ml", "qa", "go", "js"}
    pattern = rf"(?<=[{_CJK}{PAUSE}，。])([a-z]{{1,2}})(?=[{_CJK}{PAUSE}，。]|$)"
    return re.sub(pattern, lambda m: m.group(1) if m.group(1) in keep else PAUSE, text)


def _dedupe_zh(text: str, lex: Lexicon) -> str:
    """Stutters: 举个举个 -> 举个, 我，我能 -> 我能; reduplicated verbs (研究研究) stay."""

    def repl(m: re.Match) -> str:
        return m.group(0) if m.group(1) in lex.reduplicable else m.group(1)

    text = re.sub(rf"([{_CJK}]{{2,4}})(?:[{PAUSE}，、]?\1)+", repl, text)
    return re.sub(rf"([我你他她它])[{PAUSE}，、]\1", r"\1", text)


def _dedupe_en(text: str, lex: Lexicon) -> str:
    def repl(m: re.Match) -> str:
        return m.group(0) if m.group(1).lower() in lex.reduplicable else m.group(1)

    return re.sub(r"\b(\w+(?:'\w+)?)(?:,?\s+\1\b)+", repl, text, flags=re.IGNORECASE)


def clean_fragment(text: str, language: str, context: DocContext | None = None) -> str:
    """Clean one piece of speech; pause marks (``PAUSE``) are left for :func:`resolve_pauses`."""
    lex = lexicon(language)
    context = context or DocContext()
    if lex.language == "zh":
        text = _normalise_zh(text)
        text = _apply(lex.corrections, text)
        text = _stray_latin_zh(text)
    else:
        text = re.sub(r"\s+", " ", text)
        text = _apply(lex.corrections, text)
    text = _apply(lex.filler_rules, text)
    text = _filler_word_pattern(lex).sub(PAUSE, text)
    for h in lex.homophones:
        if h.topic in context.topics:
            text = h.pattern.sub(h.topic, text)
    text = apply_fixes(text, dict(context.fixes))
    return _dedupe_zh(text, lex) if lex.language == "zh" else _dedupe_en(text, lex)


# ---------------------------------------------------------------- pauses, punctuation, sentences


def _resolve_pauses_zh(text: str) -> str:
    out: list[str] = []
    pieces = re.split(f"({PAUSE}+)", text)
    for i, piece in enumerate(pieces):
        if not piece.startswith(PAUSE):
            out.append(piece)
            continue
        before = "".join(out)
        after = "".join(pieces[i + 1 :])
        plain_before = before.replace(SEG, "")
        plain_after = after.replace(SEG, "")
        if not plain_before or not plain_after or plain_before[-1] in _ZH_PUNCT or plain_after[0] in _ZH_PUNCT:
            continue
        clause = re.split(f"[{_ZH_PUNCT}]", plain_before)[-1]
        nxt = re.split(f"[{_ZH_PUNCT}]", plain_after)[0]
        if _ZH_DANGLING.search(clause) or len(nxt) < 2:
            continue
        if clause.endswith("的") and plain_after[0] not in _ZH_OPENERS:
            continue  # "带来的 效率提升": a pause inside a noun phrase, not after a clause
        if (len(clause) >= 5 and plain_after[0] in _ZH_OPENERS) or len(clause) >= 12:
            out.append("，")
    return "".join(out)


def _tidy_zh(text: str) -> str:
    # A full stop after a word that cannot end a clause (在于。 / 本质上是。) is a recognition artefact.
    text = re.sub(f"({_ZH_DANGLING.pattern[:-1]})。", r"\1", text)
    text = re.sub(f"([，、])([{SEG}]*)[，、]+", r"\1\2", text)
    text = re.sub(f"[，、]([{SEG}]*)([。！？；])", r"\1\2", text)
    text = re.sub(f"([。！？；])([{SEG}]*)[，、。]+", r"\1\2", text)
    return re.sub(f"^([{SEG}]*)[，、。！？；]+", r"\1", text)


def _resolve_pauses_en(text: str) -> str:
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


def _split_zh(text: str) -> list[str]:
    """Sentences at 。！？；, with run-on sentences cut at a comma before a connective near their middle."""
    pieces = [p for p in re.split(rf"(?<=[{_ZH_END}])", text) if p.replace(SEG, "").strip()]
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


def _split_en(text: str) -> list[str]:
    end = rf"(?<=[.!?]){_EN_NOT_AFTER}"
    pattern = rf"{end}{_WS}*(?={SEG})|{end}{_WS}+(?=[^ \t\n\r\f\v])"
    return [p for p in re.split(pattern, text) if p.replace(SEG, "").strip()]


def _finish_sentence(text: str, lex: Lexicon) -> str:
    text = text.replace(SEG, "").strip()
    if lex.language == "zh":
        text = text.strip("，、 ")
        if text and text[-1] not in _ZH_END + "”」』）)":
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

    def segments_of(self, start: int, end: int) -> tuple[int, ...]:
        """The segments that characters ``start:end`` of ``text`` came from."""
        if len(self.offsets) != len(self.segments):
            return self.segments
        bounds = [*self.offsets[1:], len(self.text)]
        hit = tuple(s for s, a, b in zip(self.segments, self.offsets, bounds, strict=True) if a < end and b > start)
        return hit or self.segments


@dataclass(frozen=True)
class CleanTranscript:
    language: str
    sentences: tuple[Sentence, ...]
    timed: bool

    def paragraphs(self) -> list[list[Sentence]]:
        groups: list[list[Sentence]] = []
        for s in self.sentences:
            if not groups or s.paragraph_start:
                groups.append([])
            groups[-1].append(s)
        return groups

    def text(self) -> str:
        sep = "" if self.language == "zh" else " "
        return "\n\n".join(sep.join(s.text for s in p) for p in self.paragraphs())


def clean_text(text: str, language: str) -> str:
    """Clean a piece of text (no segment bookkeeping): fillers out, punctuation restored."""
    from .loaders import transcript_from_text

    return clean_transcript(transcript_from_text(text, language=language)).text()


def clean_transcript(
    transcript: Transcript, pause_sentence: float = 1.2, pause_paragraph: float = 3.0
) -> CleanTranscript:
    """Clean every segment, then re-cut the whole into sentences that know their source segments.

    For timed input, a pause of ``pause_sentence`` seconds between segments ends a sentence that has no
    punctuation, and one of ``pause_paragraph`` seconds starts a paragraph.
    """
    lex = lexicon(transcript.language)
    zh = lex.language == "zh"
    context = doc_context(transcript.text, transcript.language)
    timed = is_timed(transcript)
    para_starts = paragraph_starts(transcript)
    segments = transcript.segments

    parts: list[str] = []
    new_paragraph: set[int] = set()
    for i, seg in enumerate(segments):
        cleaned = clean_fragment(seg.text.strip(), transcript.language, context)
        gap = seg.start - segments[i - 1].end if i and timed else 0.0
        if i and (i in para_starts or (timed and gap >= pause_paragraph)):
            new_paragraph.add(i)
        if parts:
            prev = parts[-1].replace(SEG, "").replace(PAUSE, "").rstrip()
            ends = _ZH_END if zh else ".!?"
            if i in new_paragraph or (timed and gap >= pause_sentence):
                if prev and prev[-1] not in ends and not (zh and _ZH_DANGLING.search(prev)):
                    parts.append("。" if zh else ".")
            else:
                parts.append(PAUSE if zh else " ")
        parts.append(SEG + cleaned)
    joined = "".join(parts)
    if zh:
        joined = _tidy_zh(_dedupe_zh(_resolve_pauses_zh(joined), lex))
        raw_sentences = _split_zh(joined)
    else:
        joined = _resolve_pauses_en(joined)
        raw_sentences = _split_en(joined)

    sentences: list[Sentence] = []
    seg_index = -1
    pending_paragraph = False
    for raw in raw_sentences:
        lead = len(raw) - len(raw.lstrip(SEG))  # segments that begin right at the sentence start
        first = seg_index if not lead else seg_index + 1
        count = raw.count(SEG)
        covered = range(max(first, 0), seg_index + count + 1)
        if any(j in new_paragraph for j in range(seg_index + 1, seg_index + lead + 1)):
            pending_paragraph = True
        seg_index += count
        text = _finish_sentence(raw, lex)
        if not text or not re.search(rf"[{_CJK}A-Za-z0-9]", text):
            continue
        sentence = Sentence(text, tuple(covered), pending_paragraph or not sentences, _offsets(raw, lead, lex))
        if zh and sentences and not sentence.paragraph_start and _runs_on(sentences[-1].text, text):
            sentences[-1] = _join(sentences[-1], sentence)
        else:
            sentences.append(sentence)
        pending_paragraph = False
    return CleanTranscript(lex.language, tuple(sentences), timed)


def _offsets(raw: str, lead: int, lex: Lexicon) -> tuple[int, ...]:
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


def _runs_on(previous: str, text: str) -> bool:
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


def _join(first: Sentence, second: Sentence) -> Sentence:
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
