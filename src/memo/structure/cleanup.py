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
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..language import CJK as _CJK
from ..language import joiner
from ..records import Transcript
from .homophones import apply_fixes, memo_fixes
from .layout import is_timed, paragraph_starts
from .lexicon import Lexicon, Rule, count_fillers, filler_word_pattern, lexicon, to_simplified  # noqa: F401 (re-exported)
from .sentences import (  # noqa: F401 (Sentence, PAUSE, SEG, ZH_OPEN_END are re-exported)
    CLAUSE,
    PAUSE,
    SEG,
    ZH_DANGLING,
    ZH_END,
    ZH_OPEN_END,
    Sentence,
    finish_sentence,
    join_sentences,
    marks_as_commas,
    resolve_pauses_en,
    resolve_pauses_zh,
    runs_on,
    segment_offsets,
    spaced_zh,
    split_en,
    split_zh,
    tidy_zh,
)
from .similarity import STOP_EN

# ---------------------------------------------------------------- one fragment


@dataclass(frozen=True)
class DocContext:
    """What cleanup may know about the whole memo: which homophone topic words are frequent, the recognition
    errors of its own topic words (homophones.py), and the English names said doubled ("chin chin")."""

    topics: frozenset[str] = frozenset()
    fixes: tuple[tuple[str, str], ...] = ()
    doubled: frozenset[str] = frozenset()


_DOUBLED_EN = re.compile(r"\b([a-z][a-z'-]*)[ -]\1\b(?![ -]\1\b)", re.I)


def _doubled_en(text: str, common: frozenset[str]) -> frozenset[str]:
    """Words the memo says twice over at least twice and never once ("chin chin", "tuk tuk"): a name, not a
    stutter, which would have the word alone too."""
    twice = Counter(m.group(1).lower() for m in _DOUBLED_EN.finditer(text))
    said = Counter(w.lower() for w in re.findall(r"\b[a-z][a-z'-]*\b", text, re.I))
    return frozenset(w for w, n in twice.items() if n >= 2 and said[w] == 2 * n and w not in common)


def doc_context(text: str, language: str) -> DocContext:
    lex = lexicon(language)
    if lex.language != "zh":
        return DocContext(doubled=_doubled_en(text, lex.common_words))
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
    """Stutters: 举个举个 -> 举个, 我，我能 -> 我能; reduplicated verbs (研究研究) and "the more…, the more…"
    (一个人想越想越乱: 想，越想越乱) stay."""

    def repl(m: re.Match) -> str:
        return m.group(0) if m.group(1) in lex.reduplicable or m.group(1).endswith("越") else m.group(1)

    text = re.sub(rf"([{_CJK}]{{2,4}})(?:[{PAUSE}{CLAUSE}，、]?\1)+", repl, text)
    return re.sub(rf"([我你他她它])[{PAUSE}{CLAUSE}，、]\1", r"\1", text)


def _dedupe_en(text: str, lex: Lexicon, doubled: frozenset[str] = frozenset()) -> str:
    def repl(m: re.Match) -> str:
        word = m.group(1).lower()
        return m.group(0) if word in lex.reduplicable or word in doubled else m.group(1)

    return re.sub(r"\b(\w+(?:'\w+)?)(?:,?\s+\1\b)+", repl, text, flags=re.IGNORECASE)


# "the soda falls, farls I mean", "mine, Narromine I mean": a word, then what the speaker corrects it to; "in lint
# said, Linstead I mean": the words heard for one; "the payroll board, the parole board I mean": said again whole.
_REPAIR_EN = re.compile(r"\b((?:[a-z'-]+ ){0,3}[\w'-]+), (?:(?:the|my|our|this|that|a|an) )?([\w'-]+(?: [\w'-]+)?),? "
                        r"I mean\b", re.IGNORECASE)


def _sounds_alike(said: str, meant: str) -> bool:
    """Whether ``meant`` corrects a mishearing of ``said``: spelt much alike (clowns / crowns), or the whole of
    what was heard in part (mine / Narromine); not another word ("Pat, Mike I mean" changes who, and stays)."""
    a, b = said.lower(), meant.lower()
    if a == b or len(a) < 2:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.5 or len(a) >= 3 and (b.endswith(a) or b.startswith(a))


def _repair_en(text: str) -> str:
    return _REPAIR_EN.sub(_repaired, text)


# Words a speaker names a matter with ("this juju thing"): said after the words misheard, not part of them.
MATTER_WORDS_EN = ("thing", "business", "situation", "matter", "issue", "palaver", "wahala")
_FRAMES_EN = frozenset(("this", "that", "the", "my", "our"))
_FRAME_BEFORE_EN = re.compile(rf"\b(?:{'|'.join(sorted(_FRAMES_EN))})\s+$", re.I)


def _repaired(m: re.Match) -> str:
    """The words before a correction with the misheard ones replaced: the last word alone, or the last few when
    together they sound much more like it ("lint said" is Linstead; in "in eaten, Iten I mean" the "in" stays).
    Said as a matter ("this cheap tenancy matter, chieftaincy I mean"), all the words between the determiner and
    the matter word were heard for it: this chieftaincy matter."""
    words, meant = m.group(1).split(" "), m.group(2)
    low = [w.lower() for w in words]
    framed = next((i for i in range(len(words) - 2, -1, -1) if low[i] in _FRAMES_EN), None)
    if framed is None and _FRAME_BEFORE_EN.search(m.string[: m.start()]):
        framed = -1  # "this you phone him thing": the determiner just before the words the match holds
    if low[-1] in MATTER_WORDS_EN and framed is not None and meant.lower() not in MATTER_WORDS_EN:
        return " ".join([*words[: framed + 1], meant, words[-1]])
    if meant.split(" ")[0].lower() in STOP_EN:  # "in flora anna, in Floriana I mean": the "in" was heard right
        meant = meant.split(" ", 1)[-1]
    alike = [SequenceMatcher(None, "".join(words[-k:]).lower(), meant.replace(" ", "").lower()).ratio()
             for k in range(1, len(words) + 1)]
    # Two words meant ("a heiress hawk, Harris hawk I mean") were heard as two or more.
    least = 1 + (" " in meant and len(words) > 1)
    heard = max((k for k in range(2, len(words) + 1) if words[-k].lower() not in STOP_EN
                 and (alike[k - 1] >= 0.7 and alike[k - 1] >= alike[0] + 0.1 or k == least)),
                key=lambda k: alike[k - 1], default=1)
    if heard == 1 and not _sounds_alike(words[-1], meant):
        return m.group(0)
    return " ".join([*words[:-heard], meant])


# "这个鸡粉超市 不对 积分超市", "礼拜六 不对 礼拜天": what was said, corrected to what is meant.
_REPAIR_ZH = re.compile(r"[\s，,]*不对[\s，,]*(?:是|应该是)?")


def _repair_zh(text: str) -> str:
    """``text`` with each word the speaker corrects with 不对 replaced by the correction: as long as it and alike in
    at least half its characters, place by place (鸡粉超市 / 积分超市); else as said (石塘 / 食堂: no telling)."""
    out, at = [], 0
    for m in _REPAIR_ZH.finditer(text):
        before, after = text[at : m.start()], text[m.end() :]
        best = 0
        for n in range(2, 7):
            said, meant = before[-n:], after[:n]
            if len(said) < n or len(meant) < n or not re.fullmatch(r"[\u4e00-\u9fff]+", said + meant):
                break
            alike = sum(a == b for a, b in zip(said, meant, strict=True))
            if n / 2 <= alike < n:
                best = n
        out.append(before[:-best] if best else text[at : m.end()])
        at = m.end()
    return "".join(out) + text[at:]


def clean_fragment(text: str, language: str, context: DocContext | None = None) -> str:
    """Clean one piece of speech; pause marks (``PAUSE``) are left for :func:`resolve_pauses`."""
    lex = lexicon(language)
    context = context or DocContext()
    if lex.language == "zh":
        text = _repair_zh(_normalise_zh(text))
        text = _apply(lex.corrections, text)
        text = _stray_latin_zh(text)
    else:
        text = _repair_en(re.sub(r"\s+", " ", text))
        text = _apply(lex.corrections, text)
    text = _apply(lex.filler_rules, text)
    text = filler_word_pattern(lex).sub(PAUSE, text)
    for h in lex.homophones:
        if h.topic in context.topics:
            text = h.pattern.sub(h.topic, text)
    text = apply_fixes(text, dict(context.fixes))
    return _dedupe_zh(text, lex) if lex.language == "zh" else _dedupe_en(text, lex, context.doubled)


# ---------------------------------------------------------------- pauses, punctuation, sentences




@dataclass(frozen=True)
class CleanTranscript:
    language: str
    sentences: tuple[Sentence, ...]
    timed: bool

    def shown(self) -> tuple[Sentence, ...]:
        """The sentences for a reader, with their commas (Sentence.shown)."""
        return tuple(s.shown() for s in self.sentences)

    def text(self, reading: bool = True) -> str:
        """Paragraphs of sentences, ``shown`` (else as said)."""
        groups: list[list[str]] = []
        for s in self.shown() if reading else self.sentences:
            if not groups or s.paragraph_start:
                groups.append([])
            groups[-1].append(s.text)
        return "\n\n".join(joiner(self.language).join(g) for g in groups)


def clean_text(text: str, language: str, reading: bool = True) -> str:
    """Clean a piece of text (no segment bookkeeping): fillers out, punctuation restored; ``reading``: with the
    commas for a reader (CleanTranscript.text)."""
    from .loaders import transcript_from_text

    return clean_transcript(transcript_from_text(text, language=language)).text(reading)


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
            ends = ZH_END if zh else ".!?"
            if i in new_paragraph or (timed and gap >= pause_sentence):
                if prev and prev[-1] not in ends and not (zh and ZH_DANGLING.search(prev)):
                    parts.append("。" if zh else ".")
            else:
                parts.append(PAUSE if zh else " ")
        parts.append(SEG + cleaned)
    joined = "".join(parts)
    if zh:
        joined = tidy_zh(_dedupe_zh(resolve_pauses_zh(joined, spaced_zh(transcript.text)), lex))
        raw_sentences = split_zh(joined)
    else:
        joined = resolve_pauses_en(joined)
        raw_sentences = split_en(joined)

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
        text = finish_sentence(raw, lex)
        if not text or not re.search(rf"[{_CJK}A-Za-z0-9]", text):
            continue
        sentence = Sentence(text, tuple(covered), pending_paragraph or not sentences, segment_offsets(raw, lead, lex))
        if zh and sentences and not sentence.paragraph_start and runs_on(sentences[-1].text, text):
            sentences[-1] = join_sentences(sentences[-1], sentence)
        else:
            sentences.append(sentence)
        pending_paragraph = False
    return CleanTranscript(lex.language, tuple(marks_as_commas(s) for s in sentences), timed)
