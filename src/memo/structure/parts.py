"""What a speaker's announced parts are: each item of the list mapped onto the template section it names.

An item names a section by its heading or cue phrases ("is it worth…" / 值不值 for the analysis, "what do I do
now" / 怎么弄 for the plan), signals lean; one item per section, best match first. With the default template the
speaker's own parts stand as sections in his words; a template the user chose only takes his order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..language import base_language, is_chinese
from .templates import DEFAULT_TEMPLATE, SectionSpec, Template


def has_cue(cue: str, low: str, zh: bool) -> bool:
    """Whether ``low`` says ``cue``; an English cue of several words also with one word inside it ("how it's
    actually gone" says "how it's gone")."""
    if zh:
        # A cue is said where one of jieba's words begins: "合计合计划算不划算" reckons whether it pays (合计, 划算)
        # and says no 计划 (plan); "掂量掂量" says 掂量.
        return cue in low and any(low.startswith(cue, i) for i in _word_starts(low))
    if " " not in cue:
        # "plan" is not in "implant", nor "planning" ("how this whole planning thing has felt")
        return re.search(r"\b" + re.escape(cue) + r"(?:s|es)?\b", low) is not None
    return re.search(r"\b" + r"\s+(?:[\w']+\s+)?".join(map(re.escape, cue.split())) + r"\b", low) is not None


@lru_cache(maxsize=4096)
def _word_starts(low: str) -> frozenset[int]:
    """Where jieba's words of ``low`` begin."""
    import jieba

    jieba.setLogLevel(60)
    starts, at = set(), 0
    for word in jieba.lcut(low):
        starts.add(at)
        at += len(word)
    return frozenset(starts)


_OWN = "part"  # the key prefix of a part in the speaker's own words, which names no template section


def is_own_part(spec: SectionSpec) -> bool:
    """Whether ``spec`` is a part the speaker named in his own words (see map_items), not a template section."""
    return spec.key.startswith(_OWN)


def item_score(item: str, spec: SectionSpec, language: str, signals: bool = True) -> float:
    """How well ``item`` names ``spec``: its heading (3), its form (2), its cues (by length), half as much for
    its signals."""
    low = item.lower()
    score = 2.0 if spec.named_by_form(low, item=True) else 0.0
    for cue in spec.cues:
        if has_cue(cue.lower(), low, is_chinese(language)):
            score += len(cue) if is_chinese(language) else 1 + len(cue) / 10
    for title in spec.titles.values():
        if has_cue(title.lower(), low, is_chinese(language)):
            score += 3
    # Signals only lean ("what we'll do over the next few weeks" is a plan without saying "plan").
    zh = is_chinese(language)
    for signal in (set(spec.signals) - set(spec.cues)) if signals else ():
        if signal.lower() in low and (zh or re.search(rf"\b{re.escape(signal.lower())}\b", low)):
            score += (len(signal) if zh else 1 + len(signal) / 10) / 2
    return score


def section_named(item: str, template: Template, language: str, signals: bool = True) -> SectionSpec:
    """The section ``item`` names best (see item_score)."""
    return max(template.sections, key=lambda spec: item_score(item, spec, language, signals=signals))


def names_a_section(item: str, template: Template, language: str) -> bool:
    """Whether ``item`` names a section by its heading or cue words (not by signals: "我现在的工作" is no part)."""
    return any(item_score(item, spec, language, signals=False) > 0 for spec in template.sections)


def map_items(items: list[str], template: Template, language: str, counted: bool = False) -> Template | None:
    """Items onto sections, one each, best cue match first.

    With the default template the speaker's structure wins: an item no section matches becomes a section.
    Parts he counted ("two things: …") are his structure whatever their words.
    A template the user chose wins over the speaker: the announcement only orders its sections, and is
    ignored unless it names all of them.
    """
    scores = [[_scored_with_examples(item, spec, language) for spec in template.sections] for item in items]
    assigned = _assigned(scores)
    used = set(assigned.values())
    own_parts = template.name == DEFAULT_TEMPLATE
    # As many parts as sections, all but one named: the one left ("first the money, then what I'll say to him,
    # then why…, and last how it's been") is the section left (the analysis), under his words.
    if len(items) == len(template.sections) == len(assigned) + 1 and len(items) >= 3:
        assigned[next(i for i in range(len(items)) if i not in assigned)] = next(
            j for j in range(len(template.sections)) if j not in used)
    # Three or more parts in his own words are his structure even when they name no section of the default,
    # when they read as names of parts: "he said for a man my age, I'm forty four, with a tear like this" is the
    # memo itself, run on after a "first".
    clauses = sum(_is_clause(item, language) for i, item in enumerate(items) if i not in assigned)
    if len(assigned) < min(2, len(items)) and not (own_parts and (len(items) >= 3 or counted) and clauses <= 1):
        return None
    if not own_parts and len(used) < len(template.sections):
        return None
    lang = base_language(language)
    sections = []
    for i, item in enumerate(items):
        if i not in assigned and (not own_parts or len(item) < (3 if lang == "zh" else 8)):
            continue  # too short to be a part of its own ("热身"): a stray word, not a heading
        if i not in assigned and _restates(item, assigned.get(i - 1), template, language):
            continue  # the part before said again ("the hisaab, gas versus electric"; "what I'll do, step by step")
        heading = item if lang == "zh" else item[:1].upper() + item[1:]
        if i in assigned:
            spec = template.sections[assigned[i]]
            # The template's heading where the speaker's words name it; else his words ("我看到的问题").
            named = not own_parts or _names(item, spec, language)
            sections.append(replace(spec, announced=item, titles=spec.titles if named else {lang: heading}))
        else:
            own = SectionSpec(key=f"{_OWN}{i + 1}", titles={lang: heading}, description=f"The speaker's part: {item}",
                              announced=item)
            sections.append(own)
    return Template(name=f"{template.name} (announced)", sections=tuple(sections), description=template.description)


# What opens examples of a part ("what it'd take, like the hours, the money"): items.py joins them to the part, and
# _scored_with_examples splits them off again at the same marker.
EXAMPLES_EN = re.compile(r"(?:like|such as|for example|for instance)\s+(?=(?:the|a|an|my|our|all|di|de|how)\b)", re.I)


def _scored_with_examples(item: str, spec: SectionSpec, language: str) -> float:
    """``item_score``, and half the best score of the examples the speaker gives of it ("what it'd actually take,
    like the hours, the money, the bodies": the money says the part is the sums, though "what it'd take" may be
    a plan)."""
    cut = re.search(r",\s+" + EXAMPLES_EN.pattern, item, re.I)
    head, examples = (item[: cut.start()], item[cut.end():]) if cut else (item, "")
    said = [item_score(e, spec, language) for e in examples.split(", ") if e] if examples else []
    return item_score(head if examples else item, spec, language) + max(said, default=0.0) / 2


def _assigned(scores: list[list[float]]) -> dict[int, int]:
    """Items onto sections, one each: the best match first (on a tie the earlier item); but where two items want
    one section and one of them names another too, the assignment that names most (by total score)."""
    pairs = sorted(  # best first; on a tie the earlier item
        ((score, i, j) for i, row in enumerate(scores) for j, score in enumerate(row) if score > 0),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    greedy: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in greedy and j not in greedy.values():
            greedy[i] = j
    # The best total over every one-to-one assignment, by items in order and the set of sections taken.
    best: dict[frozenset[int], tuple[float, dict[int, int]]] = {frozenset(): (0.0, {})}
    for i, row in enumerate(scores):
        for taken, (total, chosen) in list(best.items()):
            for j, score in enumerate(row):
                if score > 0 and j not in taken:
                    key = taken | {j}
                    if key not in best or best[key][0] < total + score:
                        best[key] = (total + score, {**chosen, i: j})
    total, chosen = max(best.values(), key=lambda b: b[0])
    greedy_total = sum(scores[i][j] for i, j in greedy.items())
    return chosen if total > greedy_total + 1e-9 else greedy


def _restates(item: str, before: int | None, template: Template, language: str) -> bool:
    """Whether ``item`` names, by its own words (not by signals: "I'll tell ye how Friday went" is no plan), the
    section the item before it took, and none better."""
    if before is None:
        return False
    named = [item_score(item, spec, language, signals=False) for spec in template.sections]
    return named[before] > 0 and named[before] == max(named)


_EN_CLAUSE = re.compile(r"^(?:i|i'm|i'd|i've|i'll|he|she|we|they|it|it's|you|there's)\b", re.I)


def _is_clause(item: str, language: str) -> bool:
    """An item that says something rather than names a part: it opens on a subject ("I'm forty four", "he
    said…"), is long (12 words, 16 characters), or in Mandarin counts money or things ("清洁费八百") or trails off
    ("还有一个什么")."""
    if is_chinese(language):
        return len(item) > 16 or bool(re.search(r"[\d一二三四五六七八九十两百千万]{2,}|什么$", item))
    item = re.sub(r"^(?:and|but|so|then)\s+", "", item, flags=re.I)  # "and I said never again" says something
    return bool(_EN_CLAUSE.match(item)) or len(item.split()) > 12


def _names(item: str, spec: SectionSpec, language: str) -> bool:
    """Whether the speaker's words name this section (its heading, or two of its cues), so its heading may
    replace them; else his words are the heading ("我看到的问题", "What happened")."""
    low = item.lower()
    zh = is_chinese(language)
    if any(has_cue(title.lower(), low, zh) for title in spec.titles.values()):
        return True
    hits = [cue for cue in spec.cues if has_cue(cue.lower(), low, zh)]
    # Two cues, or one that is most of the item ("一些感受"); one generic word in a longer item ("我看到的问题")
    # names something else.
    return len(hits) >= 2 or any(len(cue) >= 0.4 * len(item.replace(" ", "")) for cue in hits)
