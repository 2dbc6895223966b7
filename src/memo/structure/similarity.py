"""When two pieces of text say the same thing: one tokeniser, one stop list, one overlap measure for both
outline engines (each keeps its own threshold).

- :func:`tokens`: content units of a text in any language: character bigrams of CJK runs (pairs of two
  function characters such as 的了 / 我是 left out) and lower-cased Latin words without stop words; mixed text
  ("用AI做自动化") gets both.
- :func:`overlap`: shared units over the smaller set (1.0 when one text's units are inside the other's);
  :func:`support`: shared units over the first set (how much of a point its source backs).
- :func:`similarity` / :func:`is_duplicate`: the same on two strings.
- :func:`content_len`: the unit every length limit is in: characters (Chinese) or words (spaced scripts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..language import CJK

_CJK_RUN = re.compile(f"[{CJK}]+")
_LATIN_WORD = re.compile(r"[a-z][a-z'-]+|[0-9]+")
_CONTENT = re.compile(f"[{CJK}A-Za-z0-9]")
# Characters that carry grammar rather than content: a bigram of two of them says nothing about the topic.
FUNCTION_ZH = frozenset(
    "的了是我你他她它们在就也都还和而这那个一不有么吧呢啊说得着过很会要把被让给对到去来上下里中为以之与及或"
)
STOP_EN = frozenset((
    "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
    "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "you",
    "he", "she", "we", "they", "me", "my", "your", "our", "ours", "their", "them", "him", "her", "hers", "his",
    "not", "no", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "just",
    "really", "very", "then", "there", "here", "what", "when", "where", "which", "who", "how", "why", "if",
    "about", "into", "out", "up", "down", "over", "more", "most", "much", "such", "own", "some", "any", "all",
    "also", "than", "too", "only", "like", "get", "got", "going", "go", "think", "know", "mean", "i'm", "it's",
    "that's", "don't", "thing", "things", "lot", "kind", "sort", "way", "um", "uh",
))
DUPLICATE = 0.6  # the offline engine's threshold: points sharing this much are the same point


def tokens(text: str) -> list[str]:
    """Content units of ``text``, in order, repeats kept (see the module docstring)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            if run not in FUNCTION_ZH:
                out.append(run)
            continue
        out.extend(
            run[i : i + 2] for i in range(len(run) - 1) if not (run[i] in FUNCTION_ZH and run[i + 1] in FUNCTION_ZH)
        )
    latin = _CJK_RUN.sub(" ", text).lower()
    out.extend(w for w in _LATIN_WORD.findall(latin) if w not in STOP_EN)
    return out


def token_set(text: str) -> set[str]:
    return set(tokens(text))


def content_len(text: str, chinese: bool) -> int:
    """Characters (``chinese``: a script without spaces) or words: the unit every length limit is in."""
    return len(_CONTENT.findall(text)) if chinese else len(text.split())


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Shared units over the smaller set: 1.0 when one is contained in the other."""
    a, b = set(a), set(b)
    return len(a & b) / max(1, min(len(a), len(b)))


def support(point: Iterable[str], source: Iterable[str]) -> float:
    """Share of ``point``'s units that ``source`` has too (0.0 for an empty point)."""
    point = set(point)
    return len(point & set(source)) / len(point) if point else 0.0


def similarity(a: str, b: str) -> float:
    """:func:`overlap` of the two texts' units."""
    return overlap(token_set(a), token_set(b))


def is_duplicate(a: str, b: str, threshold: float = DUPLICATE) -> bool:
    """Whether ``a`` and ``b`` say the same thing (one's units mostly inside the other's)."""
    return similarity(a, b) >= threshold
