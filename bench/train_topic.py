"""Learn the topic-word model (src/memo/structure/topic_words.py) from the bench's dev memos.

    python bench/train_topic.py            # write src/memo/structure/data/topic_<zh|en>.json
    python bench/train_topic.py --cv 5     # k-fold by memo: how often the first word (or one of the first
                                           # two / three) names the topic, against ranking by count, on memos
                                           # the fold's model never saw

A candidate word is a topic word when one of the checklist's title words contains it or it contains one
("tub" / "hot tub", 拳击 / 打拳击 do not: only substrings count). Held-out memos (``heldout = true``) are never
read. Needs scikit-learn (in the ``diarize`` extra); the engine itself needs only the JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from memo.structure import load_transcript
from memo.structure import topic_words as T
from memo.structure.cleanup import clean_transcript, lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_outline as E  # noqa: E402

MEMOS = E.MEMOS
DATA = Path(T.__file__).with_name("data")


def is_topic(word: str, title_words: list[str]) -> bool:
    low = word.lower()
    return any(t.lower() in low or (len(low) >= 2 and low in t.lower()) for t in title_words)


def dev_memos(folder: Path, before: int = 0) -> list[dict]:
    """Dev memos: language, cleaned sentences, title words; ``before``: only memos of blind rounds before it (and
    those of no round), to test a model on later rounds it never saw."""
    memos = []
    for path, _, checklist in E.dev_checklists(folder, before):
        transcript = load_transcript(path.with_suffix(".txt"))
        memos.append({"name": path.stem, "language": checklist["language"], "title": checklist["title"],
                      "sentences": clean_transcript(transcript).sentences})
    return memos


def said_in(memos: list[dict]) -> dict[str, int]:
    """How many of ``memos`` say each candidate word (kept when two or more do)."""
    counts: Counter = Counter()
    for memo in memos:
        counts.update({w.word for w in T.candidates(memo["sentences"], lexicon(memo["language"]))})
    return {w: n for w, n in sorted(counts.items()) if n >= 2}


def characters_said_in(memos: list[dict]) -> dict[str, int]:
    """How many of ``memos`` say each Chinese character."""
    counts: Counter = Counter()
    for memo in memos:
        counts.update(set(T.HAN.findall("".join(s.text for s in memo["sentences"]))))
    return dict(sorted(counts.items()))


def fit(memos: list[dict], c: float) -> T.TopicModel:
    from sklearn.linear_model import LogisticRegression

    language = memos[0]["language"]
    df = said_in(memos)
    # Character weights say nothing of English; its model keeps the features it had.
    features = T.FEATURES if language == "zh" else T.WORD_FEATURES
    characters = characters_said_in(memos) if language == "zh" else None
    shell = T.TopicModel(language, len(memos), df, (), 0.0, features, characters)
    x, y = [], []
    for memo in memos:
        for w in T.candidates(memo["sentences"], lexicon(language), df, len(memos), characters):
            x.append(T.paired(T.model_features(w, shell)))
            y.append(is_topic(w.word, memo["title"]))
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)
    return T.TopicModel(language, len(memos), df, tuple(float(v) for v in model.coef_[0]),
                        float(model.intercept_[0]), features, characters)


def hits(memo: dict, model: T.TopicModel | None) -> tuple[bool, bool, bool]:
    """Whether the first word, one of the first two, one of the first three names the topic."""
    lex = lexicon(memo["language"])
    if model is None:
        ranked = [w.word for w in sorted(T.candidates(memo["sentences"], lex), key=lambda w: -w.count)]
    else:
        found = T.candidates(memo["sentences"], lex, model.said_in, model.memos, model.characters_said_in)
        ranked = [w.word for w in sorted(found, key=lambda w: -T.score(w, model))]
    named = [is_topic(w, memo["title"]) for w in ranked[:3]]
    return any(named[:1]), any(named[:2]), any(named[:3])


def cross_validate(memos: list[dict], folds: int, c: float) -> None:
    for language in ("zh", "en"):
        mine = [m for m in memos if m["language"] == language]
        random.Random(7).shuffle(mine)
        base, learned = Counter(), Counter()
        for k in range(folds):
            test = mine[k::folds]
            model = fit([m for i, m in enumerate(mine) if i % folds != k], c)
            for memo in test:
                for i, hit in enumerate(hits(memo, None)):
                    base[i] += hit
                for i, hit in enumerate(hits(memo, model)):
                    learned[i] += hit
        n = len(mine)
        print(f"{language}: {n} memos; first / first two / first three name the topic: by count "
              f"{base[0]}/{base[1]}/{base[2]}, learned {learned[0]}/{learned[1]}/{learned[2]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation by memo instead of writing models")
    # 0.1: the best of 1, 0.3, 0.1, 0.03, 0.01 in 5-fold CV of keyword titles (739 dev memos)
    ap.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    ap.add_argument("--memos", type=Path, default=MEMOS)
    ap.add_argument("--before", type=int, default=0, help="learn only from blind rounds before this one")
    ap.add_argument("--languages", nargs="+", default=["zh", "en"])
    args = ap.parse_args()
    memos = dev_memos(args.memos, args.before)
    if args.cv:
        cross_validate(memos, args.cv, args.c)
        return
    for language in args.languages:
        model = fit([m for m in memos if m["language"] == language], args.c)
        data = {"memos": model.memos, "features": list(model.features),
                "weights": [round(w, 4) for w in model.weights],  # see T.paired
                "intercept": round(model.intercept, 4), "said_in": model.said_in}
        if model.characters_said_in:
            data["characters_said_in"] = model.characters_said_in
        path = DATA / f"topic_{language}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{path}: {model.memos} memos, {len(model.said_in)} words, weights "
              + ", ".join(f"{f} {w:+.2f}"  # the single signals' weights; their pairs' follow
                          for f, w in zip(model.features, model.weights[: len(model.features)], strict=True)))


if __name__ == "__main__":
    sys.exit(main())
