"""One language's cleanup data (``data/cleanup_<lang>.toml``): fillers, rules, recognition fixes, meta-talk,
transitions, statement markers; and the conversions every stage shares (Simplified Chinese, filler counts)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..config import tomllib  # the one Python 3.10 shim
from ..language import base_language, is_chinese, to_simplified  # noqa: F401 (re-exported)


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
    lang = "zh" if is_chinese(language) else "en"
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
    common = set(data.get("common_words", ()))
    if lang == "en":  # the g dropped ("somethin", "mornin") is the same everyday word
        common |= {w[:-1] for w in common if w.endswith("ing") and len(w) > 5}
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
        common_words=frozenset(common),
    )


# ---------------------------------------------------------------- counting fillers


def filler_word_pattern(lex: Lexicon) -> re.Pattern:
    words = "|".join(map(re.escape, lex.fillers))
    if lex.spaced:
        return re.compile(rf"(?<![\w'-])(?:{words})(?![\w'-])", re.IGNORECASE)
    return re.compile(f"(?:{words})")


def count_fillers(text: str, language: str) -> Counter:
    """How often each pure hesitation (嗯, 呃 / um, uh) and each multi-word tic (就是说, 对吧 / you know) occurs."""
    lex = lexicon(language)
    counts: Counter = Counter(m.group(0).lower() for m in filler_word_pattern(lex).finditer(text))
    tics = ("就是说", "对吧") if lex.language == "zh" else ("you know,", "i mean,")
    low = text.lower()
    for tic in tics:
        if n := low.count(tic):
            counts[tic] += n
    return counts
