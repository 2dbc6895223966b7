"""Which section a sentence's words lean to, learned from many memos rather than listed by hand.

The cue lists in ``templates/default.toml`` say what a speaker says when he turns to a part ("打算", "the
reason is"). Most sentences name no part: "我那天晚上疼得在床上打滚" is how it went, "五千八能报百分之七十"
weighs the options, "I'll ring them on Monday" is the plan. A small logistic model over the sentence's words
and word pairs (jieba's words for Mandarin) says how much each of the default sections is more likely than the
others, and the hidden-Markov pass in ``assign.py`` adds it to the cue evidence.

The weights (``data/leaning_<language>.json``) are learned by ``bench/train_leaning.py`` from the bench's dev
memos: each sentence that holds a key point is labelled with the point's section. Only words said in five memos
or more are kept, so a memo's topic words (猕猴桃, hot tub) carry no section: the model learns how people talk
about reasons, sums, plans and feelings, not what these memos were about. It only knows the default sections;
other templates' sections get nothing from it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")
_PUNCTUATION = re.compile(r"[\s，。！？、；：,.!?;:\"'“”‘’…—-]+")


@dataclass(frozen=True)
class LeaningModel:
    """A multinomial logistic model: per-feature weights for each section, and each section's intercept."""

    language: str
    sections: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]


def features(text: str, language: str) -> set[str]:
    """The sentence's words and pairs of adjacent words, lower-cased (Mandarin: jieba's words)."""
    low = text.lower()
    if language == "zh":
        import jieba

        jieba.setLogLevel(60)
        words = [w for w in jieba.lcut(low) if not _PUNCTUATION.fullmatch(w)]
    else:
        words = re.findall(r"[a-z']+", low)
    return set(words) | {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}


@lru_cache(maxsize=4)
def load_model(language: str) -> LeaningModel | None:
    """The shipped model for ``language``; None when there is none (then sections rest on cue evidence alone)."""
    path = _DATA / f"leaning_{language}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return LeaningModel(
        language=data["language"],
        sections=tuple(data["sections"]),
        intercept=tuple(data["intercept"]),
        weights={f: tuple(w) for f, w in data["weights"].items()},
    )


def leaning(text: str, model: LeaningModel) -> dict[str, float]:
    """Each section's log-probability for ``text`` plus log(number of sections): 0 is no leaning, positive leans
    to it, negative away from it."""
    scores = list(model.intercept)
    for f in features(text, model.language):
        for j, w in enumerate(model.weights.get(f, ())):
            scores[j] += w
    top = max(scores)
    log_total = top + math.log(sum(math.exp(s - top) for s in scores))
    return {key: s - log_total + math.log(len(scores)) for key, s in zip(model.sections, scores, strict=True)}


def leaning_matrix(texts: Sequence[str], keys: Sequence[str], language: str):
    """Each text's leaning (rows) to each section ``keys`` (columns); 0 where the shipped model does not know the
    section, and everywhere when there is no model for ``language``."""
    import numpy as np

    out = np.zeros((len(texts), len(keys)))
    model = load_model(language)
    if model is None or not set(keys) & set(model.sections):
        return out
    for i, text in enumerate(texts):
        leans = leaning(text, model)
        out[i] = [leans.get(key, 0.0) for key in keys]
    return out
