"""Language facts (memo.language) and the text similarity both outline engines use (structure/similarity.py)."""

from __future__ import annotations

import pytest

from memo.errors import ConfigError
from memo.language import (
    CJK_CHAR,
    NO_SPACE_LANGUAGES,
    base_language,
    guess_language,
    joiner,
    no_spaces,
    normalise_language,
)
from memo.records import Segment, Transcript
from memo.structure.similarity import content_len, is_duplicate, overlap, similarity, support, tokens


def test_base_language_and_spacing() -> None:
    assert base_language("zh-CN") == base_language("yue") == base_language("zh_Hant") == "zh"
    assert base_language("en-US") == "en" and base_language("") == ""
    assert {"zh", "ja", "yue", "th"} <= NO_SPACE_LANGUAGES
    # One rule for every module: Japanese and region tags are written without spaces too.
    assert no_spaces("ja") and no_spaces("zh-TW") and not no_spaces("en-GB")
    assert joiner("ja") == "" and joiner("en") == " "
    ja = Transcript("", "ja", 0.0, (Segment(0, 1, "今日は"), Segment(1, 2, "晴れ")))
    assert ja.text == "今日は晴れ"


def test_cjk_range_includes_compatibility_ideographs() -> None:
    assert CJK_CHAR.search("\uf900") and CJK_CHAR.search("\u3400") and CJK_CHAR.search("中")
    assert not CJK_CHAR.search("abc，。")
    assert tokens("\uf900\uf901") == ["\uf900\uf901"]


def test_normalise_and_guess_language() -> None:
    assert normalise_language("Mandarin") == normalise_language("zh-CN") == "zh"
    assert normalise_language("cantonese") == "yue"
    with pytest.raises(ConfigError, match="unknown language"):
        normalise_language("klingon")
    assert guess_language("今天我们聊一下 AI") == "zh"
    assert guess_language("Today we talk about 中文") == "en"


def test_tokens_similarity_and_duplicates() -> None:
    # Chinese: bigrams, function-only pairs (我是) left out; English: words without stop words; mixed: both.
    assert "我是" not in tokens("我是一个程序员") and "程序" in tokens("我是一个程序员")
    assert tokens("The plan is to charge a fixed price") == ["plan", "charge", "fixed", "price"]
    assert {"ai", "自动"} <= set(tokens("用AI做自动化"))
    assert content_len("我想搬到成都。", True) == 6 and content_len("I want to move.", False) == 4
    assert overlap({"a", "b"}, {"a", "b", "c"}) == 1.0 and support({"a", "b"}, {"a"}) == 0.5
    assert is_duplicate("我打算每个月存一万块钱", "每个月存一万块钱")
    assert not is_duplicate("我打算每个月存一万块钱", "周末去学陶艺认识朋友")
    assert similarity("fixed price per audit", "a fixed price for every audit") >= 0.6
