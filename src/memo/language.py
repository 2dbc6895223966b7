"""Language facts, in one place: codes and aliases, scripts written without spaces, the CJK character ranges,
the base language word lists are kept for, and guessing the language of plain text.

Every module that asks "is this Chinese?", "does this language put spaces between words?" or "is this a Chinese
character?" imports the answer from here, so the copies cannot disagree.
"""

from __future__ import annotations

import re
from functools import cache

from .errors import ConfigError

# Languages written without spaces between words (Whisper codes).
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "yue", "th", "lo", "my", "km", "bo"})
# CJK ideographs: Extension A + Unified (U+3400–U+9FFF) and the Compatibility Ideographs (U+F900–U+FAFF).
# A character-class body, for building patterns: f"[{CJK}]".
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
# Names people type for a language -> Whisper code.
LANGUAGE_ALIASES = {"cmn": "zh", "mandarin": "zh", "chinese": "zh", "cantonese": "yue", "english": "en"}
# Languages memo keeps Chinese word lists, headings and cleanup for.
_CHINESE = ("zh", "yue", "cmn", "wuu")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def base_language(language: str) -> str:
    """``zh-CN``/``yue``/``zh_Hant`` -> ``zh``, ``en-US`` -> ``en``: headings and word lists exist per base language."""
    lang = (language or "").lower().replace("_", "-").split("-")[0]
    return "zh" if lang in _CHINESE else lang


def is_chinese(language: str) -> bool:
    """Whether ``language`` gets the Chinese cleanup, word lists and headings."""
    return base_language(language) == "zh"


def no_spaces(language: str) -> bool:
    """Whether ``language`` is written without spaces between words (zh, ja, yue, th …; region tags allowed)."""
    lang = (language or "").lower().replace("_", "-").split("-")[0]
    return lang in NO_SPACE_LANGUAGES or base_language(language) == "zh"


def joiner(language: str) -> str:
    """What goes between two pieces of text in ``language``: nothing, or a space."""
    return "" if no_spaces(language) else " "


def normalise_language(language: str) -> str:
    """'zh', 'zh-CN', 'zh_TW' or 'Mandarin' -> 'zh'; ConfigError for what Whisper does not know."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    code = language.strip().lower().replace("_", "-")
    code = LANGUAGE_ALIASES.get(code, code)
    if code not in _LANGUAGE_CODES:
        code = code.split("-")[0]  # a region or script tag: zh-cn, en-us, zh-hant
    if code not in _LANGUAGE_CODES:
        raise ConfigError(f"unknown language '{language}'; use a Whisper language code such as zh, en, ja")
    return code


def guess_language(text: str) -> str:
    """'zh' when Chinese characters outnumber Latin words, else 'en' (text input carries no language tag)."""
    cjk = len(CJK_CHAR.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    return "zh" if cjk and cjk >= latin else "en"


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Chinese in Simplified characters (Whisper often writes Mandarin in Traditional ones)."""
    return _t2s().convert(text)
