"""Learn the section leaning model (src/memo/structure/leaning.py) from the bench's dev memos.

    python bench/train_leaning.py            # write src/memo/structure/data/leaning_<zh|en>.json
    python bench/train_leaning.py --cv 5     # k-fold by memo: placement with and without the model, on memos
                                             # the fold's model never saw
    python bench/train_leaning.py --before 460 --languages zh   # only the Mandarin model, from rounds before 460

Each sentence of a dev memo (as the offline engine cuts it) that holds one key point's first anchor is labelled
with that point's section. Held-out memos (``heldout = true``) are never read. Only features said in
``--min-memos`` memos or more are kept, so no memo's topic words carry a section. Needs scikit-learn (in the
``diarize`` extra); the engine itself needs only the JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_outline as E  # noqa: E402

from memo.structure import leaning as L  # noqa: E402
from memo.structure import load_transcript  # noqa: E402
from memo.structure.cleanup import clean_transcript  # noqa: E402

MEMOS = Path(__file__).resolve().parent / "outline_memos"
DATA = Path(L.__file__).with_name("data")
SECTIONS = ("reasons", "analysis", "plan", "experience")


def labelled_memos(folder: Path, before: int = 0) -> list[dict]:
    """Dev memos with their labelled sentences: (features, section index); ``before``: only memos of blind rounds
    before it (and those of no round), to test a model on later rounds it never saw."""
    memos = []
    for path, _source, checklist in E.dev_checklists(folder, before):
        transcript = load_transcript(path.with_suffix(".txt"))
        language = checklist["language"]
        rows = []
        # The sentences as the engine cuts them (plan_outline starts from these), without planning the outline.
        for sentence in clean_transcript(transcript).sentences:
            low = sentence.text.lower()
            gold = {p["section"] for p in checklist["points"] if any(a.lower() in low for a in p["anchors"][0])}
            if len(gold) == 1 and (section := gold.pop()) in SECTIONS:
                rows.append((L.features(sentence.text, language), SECTIONS.index(section)))
        memos.append(dict(name=path.stem, checklist=checklist, transcript=transcript, language=language,
                          rows=rows, announced=checklist["announced"]))
    return memos


def fit(memos: list[dict], language: str, min_memos: int, c: float) -> L.LeaningModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [m for m in memos if m["language"] == language]
    said_in = Counter(f for m in train for f in set().union(*(feats for feats, _ in m["rows"])))
    vocabulary = {f for f, n in said_in.items() if n >= min_memos}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in feats if f in vocabulary} for m in train for feats, _ in m["rows"]])
    y = [label for m in train for _, label in m["rows"]]
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(f): tuple(round(float(w), 3) for w in model.coef_[:, i]) for i, f in enumerate(names)}
    return L.LeaningModel(language, SECTIONS, tuple(round(float(b), 3) for b in model.intercept_), weights)


def placed(memos: list[dict], models: dict[str, L.LeaningModel | None]) -> dict[bool, list[int]]:
    """Key points found and placed, by announced / not, with these models in the engine."""
    original = L.load_model
    totals = {True: [0, 0], False: [0, 0]}
    try:
        L.load_model = lambda language: models[language]  # what leaning_matrix calls: the fold's model
        for m in memos:
            result, _, _ = E.run_engine("offline", m["transcript"], None)
            score = E.score_outline(m["name"], m["checklist"], result)
            totals[m["announced"]][0] += score.covered
            totals[m["announced"]][1] += score.placed
    finally:
        L.load_model = original
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation by memo instead of writing")
    parser.add_argument("--min-memos", type=int, default=5)
    parser.add_argument("--weights", default="1.5", help="leaning weights to compare in --cv (comma-separated)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--before", type=int, default=0, help="learn only from blind rounds before this one")
    parser.add_argument("--languages", nargs="+", default=["zh", "en"], help="the models to write")
    args = parser.parse_args()
    memos = labelled_memos(MEMOS, args.before)
    print(f"{len(memos)} dev memos, {sum(len(m['rows']) for m in memos)} labelled sentences", file=sys.stderr)
    if not args.cv:
        for language in args.languages:
            model = fit(memos, language, args.min_memos, args.c)
            out = DATA / f"leaning_{language}.json"
            out.write_text(json.dumps(dict(language=language, sections=model.sections, intercept=model.intercept,
                                           weights=dict(sorted(model.weights.items()))), ensure_ascii=False,
                                      separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"{out}: {len(model.weights)} features")
        return
    random.seed(0)
    order = list(range(len(memos)))
    random.shuffle(order)
    folds = [[memos[i] for i in order[k :: args.cv]] for k in range(args.cv)]
    import memo.structure.assign as assign

    weights = [float(w) for w in args.weights.split(",")]
    totals = {w: {True: [0, 0], False: [0, 0]} for w in [0.0, *weights]}
    for k, test in enumerate(folds):
        train = [m for j, fold in enumerate(folds) if j != k for m in fold]
        models = {lang: fit(train, lang, args.min_memos, args.c) for lang in ("zh", "en")}
        for w, total in totals.items():
            assign.LEANING = w
            for key, (covered, right) in placed(test, models).items():
                total[key][0] += covered
                total[key][1] += right
    for w, total in totals.items():
        label = f"leaning weight {w}" if w else "cue evidence only"
        print(f"{label:26} not announced: {total[False][1]}/{total[False][0]} placed of found; "
              f"announced: {total[True][1]}/{total[True][0]}", flush=True)


if __name__ == "__main__":
    main()
