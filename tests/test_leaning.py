"""The learned section leaning (structure/leaning.py): the shipped models, on sentences no memo of the bench says,
and what it changes in an outline without an announced structure."""

from __future__ import annotations

import pytest

from memo.records import Segment, Transcript
from memo.structure import outline
from memo.structure.leaning import features, leaning, load_model

# Sentences that name no part: no cue word of the default template, so only the learned words can place them.
SENTENCES = {
    "en": {
        "plan": "I'm going to ring them on Monday and book the first appointment.",
        "analysis": "It would cost about three thousand pounds, which works out more than the bus over two years.",
        "experience": "Honestly I felt so proud walking out of there, I nearly cried in the car.",
    },
    "zh": {
        "plan": "下礼拜一我就去给他们打电话，先把第一次的时间约下来。",
        "analysis": "算下来一共要三万多，比坐地铁两年的钱还多。",
        "experience": "那天走出来的时候我心里特别踏实，差点在车上哭了。",
    },
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_shipped_model_leans_each_kind_of_sentence_to_its_section(language: str) -> None:
    model = load_model(language)
    assert model is not None and set(model.sections) == {"reasons", "analysis", "plan", "experience"}
    for section, text in SENTENCES[language].items():
        leans = leaning(text, model)
        assert max(leans, key=leans.get) == section, (text, leans)
        assert leans[section] > 0  # more likely than chance


def test_features_are_words_and_word_pairs_without_punctuation() -> None:
    assert {"going", "to", "going_to", "ring"} <= features("Going to ring, then.", "en")
    zh = features("我打算，下个月去。", "zh")
    assert "打算" in zh and not any("，" in f or "。" in f for f in zh)


def test_a_memo_without_an_announced_structure_is_sectioned_by_what_its_sentences_say() -> None:
    # No part is announced and few sentences say a cue word: the plan, the sums and how it felt still come apart.
    text = (
        "So I've been doing the early shift at the bakery for six weeks now. "
        "The first morning I was so nervous my hands were shaking and I dropped a whole tray of rolls. "
        "By the third week I loved it, the quiet, the smell, walking home when everyone else is going to work. "
        "It pays two pounds an hour more than the day shift, which is about three hundred a month. "
        "But I lose the afternoons with the kids, and childcare after school would cost more than I gain. "
        "I'm going to talk to Sam on Friday about doing three early shifts and two days. "
        "And I'll ask my sister if she can do the school run on Tuesdays and Thursdays. "
        "Then I'll write the new hours on the calendar in the kitchen so nobody forgets. "
        "Last week Jamie drew me a picture of a loaf with a smiley face and it's on the fridge now."
    )
    result = outline(Transcript("", "en", 0.0, (Segment(0, 0, text),), settings={"timed": False}), engine="offline")
    by_key = {s.key: " ".join(p.text for p in s.points) for s in result.sections}
    assert "Friday" in by_key.get("plan", ""), by_key
    assert "three hundred" in by_key.get("analysis", "") or "childcare" in by_key.get("analysis", ""), by_key
    assert "nervous" in by_key.get("experience", ""), by_key
