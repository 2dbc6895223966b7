"""Where an announced part is said in the memo, and in which words: what the offline engine looks for to open a
part's section where the speaker starts it ("so why." / "先说为啥"), once announce.py has found the list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..language import is_chinese
from .items import EN_ENUM, ZH_ENUM, items_of

if TYPE_CHECKING:
    from .announce import Announcement

_CJK = "\u3400-\u9fff"


def said_words(item: str) -> list[str]:
    """An item's words as said: a Chinese character each, or a run of other letters ("i'm")."""
    return re.findall(rf"[{_CJK}]|(?:(?![{_CJK}])\w)(?:(?![{_CJK}])[\w'])*", item)


def said_pattern(words: list[str]) -> str:
    """``words`` with any pause between them: one between English words, none needed between Chinese ones."""
    pattern = re.escape(words[0])
    for before, word in zip(words, words[1:], strict=False):
        apart = before[-1].isascii() and word[0].isascii()
        pattern += (r"\W+" if apart else r"\W*") + re.escape(word)
    return pattern


def where_said(item: str, text: str, start: int = 0, end: int | None = None) -> int:
    """Where ``item`` (as the announcement reads it) begins in ``text[start:end]``, or -1. Pauses may break it ("先算账
    钱的事"), and its end may be said otherwise ("the why I even…" for "the why, why I even…"): its longest beginning
    of two words or more that was said counts."""
    words = said_words(item)
    window = text[start:end]
    for n in range(len(words), min(2, len(words)) - 1, -1):
        said = re.search(said_pattern(words[:n]), window, re.I)
        if said:
            return start + said.start()
    return -1


def part_wordings(found: Announcement, text: str, language: str) -> list[str]:
    """What each announced part was called, all of it: its name and the phrases said with it that name no other
    part ("then the figuring, what it'll cost…", "what it'd cost us, the damage like"), the words its spoken
    signpost may use ("alright, the figuring."). A phrase goes with the part named after it when a marker (then,
    last, 然后) comes before it, else with the part before it. ``text``: the text ``found`` was found in."""
    zh = is_chinese(language)
    said = text[found.start : found.end]
    named = [spec.announced for spec in found.template.sections]
    wordings = [[n] for n in named]
    enum = re.compile(ZH_ENUM if zh else EN_ENUM, 0 if zh else re.I)
    at, kept = 0, -1  # where the last phrase ended, and the index of the last part named
    for phrase in items_of(said, language):
        pos = said.find(phrase, at)
        if pos < 0:
            continue
        # "再把钱的事掰扯清": a part's name with its marker still before it.
        naming = next((j for j in range(kept + 1, len(named)) if phrase == named[j]
                       or named[j] and phrase.endswith(named[j]) and len(phrase) - len(named[j]) <= 2), None)
        if naming is not None:
            kept = naming
        elif kept < 0:
            continue  # before the list: the memo's opening, not a part's name
        elif not (enum.search(said[at:pos]) and kept + 1 < len(named)):
            wordings[kept].append(phrase)
        else:
            wordings[kept + 1].append(phrase)
        at = pos + len(phrase)
    return [("，" if zh else ", ").join(w) for w in wordings]
