"""The structure a speaker dictates at the start ("大纲… 底层的原因，我的分析方法… 最后是离职之后的体验"),
found and mapped onto a template's sections, so the outline follows the speaker's own plan.

Only the opening of the memo is searched: a trigger word (大纲/框架/分为 · outline/structure/agenda), an
enumeration (首先…然后…最后 · first…then…finally), a count (分四块, four things) or one sentence whose parts each
name a section. items.py cuts the list into the names of its parts; parts.py maps each onto the template section
it names (one item per section); with the default template an item that names none becomes a section of its own,
titled with the speaker's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..language import guess_language, is_chinese
from ..records import Transcript
from .cleanup import lexicon
from .items import (
    EN_ENUM,
    EN_FIRST,
    EN_LAST,
    WILL_EN,
    ZH_ENUM,
    ZH_FIRST,
    ZH_LAST,
    item_name,
    items_of,
    marked_items,
    named_only,
    numbered_items,
    pieces,
    trigger_starts,
    until_repeated,
)
from .marker_first import markers_first
from .parts import is_own_part, item_score, map_items, names_a_section, section_named
from .segmented import paced_by_pauses
from .templates import Template
from .wordings import said_pattern, said_words

# A count names the number of parts ("我分三块说吧", "有两件事", "three things I want to cover"): the next N items
# are the parts, whatever words introduce them.
_ZH_NUM = "两二三四五六"
_ZH_COUNT = re.compile(
    rf"(?:分|说|讲|聊|谈)(?:成|为)?(?P<a>[{_ZH_NUM}])(?:个|大)?(?:部分|块|点|方面|段|件事|个事)"
    # "明天我要问三个事", "得办两件事", "找文书问清楚两个事": things to ask, find out or do are the plan's content, not
    # the memo's parts; so are those to ask someone ("问他三个事", "跟他说两件事").
    rf"|(?<![问办买做带查找交干修])(?<![问找跟给和][他她你俺])(?<![跟给和][他她你俺]说)(?<!清楚)(?<!明白)(?P<b>[{_ZH_NUM}])(?:件事|个事|个方面|个部分|块内容|个问题|个点)"
)
_EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_EN_COUNT = re.compile(
    # "twenty four questions" is a number, not a count of parts.
    r"\b(?<!twenty )(?<!thirty )(?<!forty )(?<!fifty )(?<!sixty )(?<!seventy )(?<!eighty )(?<!ninety )"
    # "pay in three parts, first part thirty thousand": instalments, not the memo's parts (round 269's longhouse).
    r"(?<!pay in )(?<!paid in )(?<!paying in )(?<!payable in )(?<!split into )(?<!split in )"
    r"(?<!hundred )(?<!-)(?P<a>two|three|four|five|six)\s+(?:main\s+|big\s+|different\s+|separate\s+)?"
    # "two bits of four by two", "three bits of toast": a quantity of something, not parts (round 365's Sunbeam).
    r"(?:things|parts|points|topics|areas|questions|bits|sections)\b(?!\s+of\b)",
    re.I,
)
_ZH_COUNT_VALUE = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


@dataclass(frozen=True)
class Announcement:
    """Where the announcement is (character offsets in the text searched) and what it maps to."""

    start: int
    end: int
    items: tuple[str, ...]
    template: Template


# The speaker takes back what he started to list ("我分三块说 不对 分四块", "first what I've decided, no wait…
# let me start again. first the money…"): the list is the one after it.
_ZH_RESTART = re.compile(r"不对|说错了|重新说|重来")
_EN_RESTART = re.compile(r"\bno,? wait\b|\blet me start (?:again|over)\b|\bstart again\b|\bscratch that\b", re.I)


def _restarted(opening: str, found: re.Match, pattern: str, zh: bool, flags: int = 0) -> re.Match:
    """``found`` (a count, or the first item's marker), or the same kind of mark said again after a restart
    that follows it closely."""
    span = opening[found.end() : found.end() + (20 if zh else 200)]
    restart = (_ZH_RESTART if zh else _EN_RESTART).search(span)
    if not restart:
        return found
    again = re.compile(pattern, flags).search(opening, found.end() + restart.end())
    return again if again and again.start() - found.end() <= (40 if zh else 300) else found


def _enumerates(window: str, zh: bool) -> bool:
    """Whether ``window`` (starting at "先说" / "first") lists at least three parts, the last one marked."""
    flags = 0 if zh else re.I
    last = re.search(ZH_LAST if zh else EN_LAST, window, flags)
    if not last:
        return False
    enum = ZH_ENUM if zh else EN_ENUM
    return len(re.findall(enum, window[: last.end()], flags)) >= 3


def _things_just_named_en(opening: str, count: re.Match) -> bool:
    """A count said as things just named, after "the" and before a full stop ("Pauline just sat there holding the two
    bits. didn't say a word."): the pieces of a broken figurine, not the parts of the memo to come."""
    return opening[max(0, count.start() - 4) : count.start()].lower() == "the " \
        and bool(re.match(r"\s*[.!?]", opening[count.end() :]))


def _counted(opening: str, template: Template, language: str) -> Announcement | None:
    """A structure announced with a count: "我分三块说吧，第一块是A，第二块是B，第三块是C" / "There are three things
    I want to cover. What went wrong, what worked, and what I'd do differently." The items are the first N that
    follow the clause naming the count, read sentence by sentence until there are N."""
    zh = is_chinese(language)
    counts = (_ZH_COUNT if zh else _EN_COUNT).finditer(opening)
    count = next((m for m in counts if zh or not _things_just_named_en(opening, m)), None)
    if count is None:
        return None
    count = _restarted(opening, count, (_ZH_COUNT if zh else _EN_COUNT).pattern, zh, 0 if zh else re.I)
    word = count.group("a") or count.group("b") if zh else count.group("a").lower()
    n = _ZH_COUNT_VALUE[word] if zh else _EN_NUMBERS[word]
    # The rest of the clause with the count ("…I want to cover:") introduces the items; it is not one.
    clause = r"(?:来|去)?(?:说|讲|聊|谈)?(?:吧|啊|呢)?" if zh else r"[^，。：:,.;!?？！\n]*"
    rest = re.match(clause, opening[count.end() :])
    begin = count.end() + (rest.end() if rest else 0)
    # The stop that closes the counting clause ("…I want to get into.") opens the list; it ends no item.
    begin += len(opening[begin:]) - len(opening[begin:].lstrip(" \t\n.:：;；,，。"))
    window = opening[begin : begin + (300 if zh else 500)]
    if zh:
        numbered = numbered_items(window, n, template, language)
        if numbered is not None:
            items, end = numbered
            mapped = map_items(items, template, language, counted=True)
            if mapped is not None and len(mapped.sections) == n:
                return Announcement(count.start(), begin + end, tuple(items), mapped)
    stops = [m.end() for m in re.finditer(r"[。.!?？！\n]+", window)] + [len(window)]  # "I guess.\n" is one stop
    # "four bits. why this is a thing. then weighing it up, the money and the time. then what I'll do. …": one
    # sentence per part, each naming a section; its elaboration after a comma is no part of its own. The rest of
    # the count's own sentence ("four bits, like Sunita says, plan your answer.") is no part when the parts follow.
    continued = not zh and not re.search(r"[.!?\n]", opening[count.end() : begin])
    for skip in (1, 0) if continued else (0,) if not zh else ():
        bounds = [0, *stops][skip : skip + n + 1]
        if len(bounds) <= n:
            continue
        items = [_sentence_item(window[a:b], template, language) for a, b in zip(bounds, bounds[1:], strict=False)]
        mapped = map_items(items, template, language, counted=True) if all(items) else None
        if mapped is not None and len(mapped.sections) == n:
            return Announcement(count.start(), begin + bounds[-1], tuple(items), mapped)
    # Spoken Mandarin runs its clauses together: its items must be marked ("第一块是…" / "一个是…" / "然后…");
    # English lists them within two sentences.
    marks = rf"{ZH_ENUM}|[一二两三四五]是|一个是|另一个是"
    for stop in stops[: None if zh else 2]:
        items = items_of(window[:stop], language)
        if len(items) < n:
            continue
        marked = marked_items(window[:stop], template, language)
        if len(marked) == n - 1:  # "why I'm even looking at it, then the pros and cons and the money, then …"
            marked = marked_items(("先说 " if zh else "first ") + window[:stop], template, language)
        if len(marked) >= n:  # "先说A 然后B 到底值不值 再说C": the phrase after each marker, not its elaboration
            items = marked
        if len(items) > n:  # "然后回头想想，我当初为啥要辞职": of two phrases of one part, the one that names it
            items = named_only(items, template, language)
        named = all(names_a_section(item, template, language) for item in items[:n])
        if zh and len(re.findall(marks, window[:stop])) < n - 1 and not named:
            return None  # unmarked, the items must be section names ("分四个部分 原因 分析 计划 还有经验")
        mapped = map_items(items[:n], template, language, counted=True)
        if mapped is None or len(mapped.sections) < n:
            return None
        return Announcement(count.start(), begin + stop, tuple(items[:n]), mapped)
    return None


_SENTENCE_LEAD_EN = re.compile(
    r"^(?:(?:and|then|so|first(?:ly)?|second(?:ly)?|third(?:ly)?|next|after that|last(?:ly)?|finally),?\s+)+", re.I)


def _sentence_item(sentence: str, template: Template, language: str) -> str:
    """The part one sentence of an English list names ("then weighing it up properly, the money and the time" ->
    "weighing it up properly"), or "" when it names no section."""
    text = _SENTENCE_LEAD_EN.sub("", sentence.strip().rstrip(".!?\n "))
    head = text.split(",", 1)[0].strip()
    for item in (head, text):
        if item and names_a_section(item, template, language):
            return item
    return ""


# A list of parts after a verb of going through them: "I want to go through why we did it, what I worked out,
# what we'll do, and how the first week went" / "我想讲讲为什么要换，我是怎么想的，接下来怎么办，还有这几天的感受".
_EN_COVER = re.compile(
    r"\b(?:go(?:ing)? (?:through|over)|talk (?:about|through)|cover|get into|walk (?:you )?through|think through)\s+"
    r"(?P<list>[^.!?\n]{15,400})",
    re.I,
)
_EN_QUESTION = re.compile(r"^(?:why|what|how|where|when|whether|who|which)\b", re.I)
_ZH_COVER = re.compile(
    r"(?:说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈|谈一下|理一理|捋一捋)(?P<list>[^。！？\n]{6,120}(?:\n[^。！？\n]{2,40}){0,3})"
)
_COUNT_AFTER = re.compile(
    r"[^\n.!?。！？]*[.!?。！？]?\s*(?:so,? )?[^.!?。！？\n]{0,20}(?:things|parts|块|件事|部分)[.!?。！？]?", re.I
)
_ZH_QUESTION = re.compile(r"为什么|怎么|什么|哪些|如何|多少|原因|问题|感受|体会|计划|打算|想法|分析|收获|经验|教训")


def _listed(opening: str, template: Template, language: str) -> Announcement | None:
    """Three or more parts listed as questions after a verb of going through them (see _EN_COVER), in the
    memo's first sentences: each item a why / what / how clause (为什么 / 怎么 / 感受…)."""
    zh = is_chinese(language)
    head = opening[: 300 if zh else 500]
    cover, question = (_ZH_COVER, _ZH_QUESTION) if zh else (_EN_COVER, _EN_QUESTION)
    # Every verb is a possible start: "想说一下换工作的事，我想讲讲为什么要换…" lists after the second one.
    for m in filter(None, (cover.match(head, i) for i in range(len(head)))):
        listed: list[str] = []
        for piece in pieces(m.group("list"), language):
            item = item_name(piece, language)
            if not item or not question.search(item) or item in listed:
                break  # the list is over; a repeated item is the first part beginning ("为什么要换，其实…")
            listed.append(item)
        if 3 <= len(listed) <= 6:
            mapped = map_items(listed, template, language, counted=True)
            if mapped is not None and len(mapped.sections) == len(listed):
                end = m.start("list") + m.group("list").find(listed[-1]) + len(listed[-1])
                # A count that closes the list ("So, four things.") belongs to the announcement.
                after = _COUNT_AFTER.match(head[end:])
                return Announcement(m.start(), end + (after.end() if after else 0), tuple(listed), mapped)
    return None


def find_announcement(text: str, template: Template, language: str) -> Announcement | None:
    """The announced structure in the opening of ``text``, mapped onto ``template``; None when there is none."""
    opening = text[: max(600, min(len(text) // 5, 1500))]
    opening = markers_first(opening, is_chinese(language))
    for find in (_listed, _counted, _marked_list, _named_sentence):
        found = find(opening, template, language)
        # Found by its words around it, a list none of whose parts names a section is the memo's own words after a
        # trigger ("…the words they use, remove the structure. remove the structure."), not the memo's parts; a
        # count says there are parts ("有两件事 一个是预算超了…").
        if found is not None and not (find is _marked_list and all(is_own_part(s) for s in found.template.sections)):
            break
    else:
        return None
    # "what I'm actually doing first, …, then why, …, and then last how…": a list whose first part comes before its
    # marker. The sentence that names more parts of the template is the announcement; of two naming as many, the one
    # with fewer parts named by nothing ("What happened first, and how it's been": one part, two phrases).
    whole = _named_sentence(opening, template, language) if find is not _named_sentence else None
    return whole if whole is not None and _named_parts(whole) > _named_parts(found) else found


def _mostly_unnamed(found: Announcement) -> bool:
    """More than half of ``found``'s parts name no template section."""
    named, _ = _named_parts(found)
    return 2 * named < len(found.template.sections)


def _named_parts(found: Announcement) -> tuple[int, int]:
    """How many parts of ``found`` name a template section, and (negated) how many name none."""
    named = sum(1 for spec in found.template.sections if not is_own_part(spec))
    return named, named - len(found.template.sections)


def _marked_list(opening: str, template: Template, language: str) -> Announcement | None:
    """A list found by the words around it: a trigger (大纲, outline, structure) or a first item's marker (先说,
    first) with a last one (最后, finally)."""
    lex = lexicon(language)
    zh = lex.language == "zh"
    low = opening.lower()
    enumerated = False  # the list is marked item by item (first…, then…, and last…)
    trigger_only = False  # found by a word naming the structure alone, no first part's marker near it
    hits = trigger_starts(low, lex)
    flags = 0 if zh else re.I
    first = re.search(ZH_FIRST if zh else EN_FIRST, opening, flags)
    if first:
        first = _restarted(opening, first, ZH_FIRST if zh else EN_FIRST, zh, flags)
    reach = 200 if zh else 400
    if hits and first and 0 <= min(hits) - first.start() <= reach:
        start = first.start()  # "先说问题…最后说说顾虑，大概就这几块": the list comes before the word that names it
    elif first and _enumerates(opening[first.start() : first.start() + reach], zh) and not (
        hits and min(hits) < first.start()
    ):
        # "first what happened, then why, then what I'll do, and last how I feel" (a word like 结构 said later in
        # the memo, "主体结构", names no structure)
        start = first.start()
        enumerated = True
    elif hits:
        start = min(hits)
        trigger_only = not (first and 0 <= first.start() - start <= reach)  # "do it in order. first, why…"
    elif first:
        # No last item marked ("reasons first, then analysis, then the plan, then experience."): a list only
        # when three of its items name sections of the template; the list starts with its sentence.
        # "first I'll say what happened … then the money … then why … and then what I'll do": each part marked.
        start = first.start()
        found = _marked_run(opening[start : start + reach], template, language)
        if found is None:
            start = max(opening.rfind(c, 0, first.start()) for c in "\n.:。：！？!?") + 1
            found = _named_list(opening[start : first.start() + reach], template, language)
        return found and replace(found, start=start + found.start, end=start + found.end)
    else:
        return None
    window = opening[start : start + (320 if zh else 500)]
    # The announcement is one paragraph: the next paragraph is the memo itself.
    later = [m.start() for m in re.finditer(r"\n\s*\n", window)]
    window = window[: later[0]] if later and later[0] > 0 else window
    # The announcement ends at a closing phrase ("大概这几件事"), or where the first part begins.
    ends = [m.start() for m in re.finditer("|".join(map(re.escape, lex.announce_close)), window.lower())]
    first_part = r"第一部分|第一个|第一点" if zh else r"\b(?:first part|part one|let's start|so first)\b"
    body = re.search(first_part, window, re.I)
    cut = min([*ends, *([body.start()] if body and body.start() > 0 else []), len(window)])
    if ends and cut == min(ends):
        close = re.compile("|".join(map(re.escape, lex.announce_close)))
        match = close.search(window.lower(), cut)
        cut = match.end() if match else cut
    # No closing phrase before it: the list ends with its last item ("finally …", "最后说说感受吧"), also when what
    # follows looks like a first part ("第一个礼拜…" is the memo).
    last = re.search(ZH_LAST if zh else EN_LAST, window, flags)
    if last and last.end() < cut and not (ends and cut == min(ends) and min(ends) < last.start()):
        cut = min(cut, last.end() + _last_item_length(window[last.end() :], zh))
        if zh and not names_a_section(window[last.end() : cut], template, language) and window[cut - 1] != "\n":
            # "最后冷静下来 把账算一算 几条路比一比": the phrase that names the last part is later on its line.
            line = window[cut : cut + 30].split("\n")[0]
            phrases = list(re.finditer(r"\S+", line))
            named = next((m for m in phrases if names_a_section(m.group(0), template, language)), None)
            cut = cut + named.end() if named else cut
    # Items come after the last sentence that names the structure itself ("这个大框架稍微分一下就好").
    segment = _until_unnamed_line(window[:cut], template, language)
    cut = len(segment)
    last_trigger = max(trigger_starts(segment.lower(), lex), default=-1)
    if first and start == first.start() and not re.search(r"[。.!?？！\n]", segment[:max(last_trigger, 0)]):
        last_trigger = -1  # "first i will talk about what happened…": the word is the first part's, the list begins
    sentence_end = re.search(r"[。.!?？！\n]", segment[last_trigger:]) if last_trigger >= 0 else None
    items = items_of(segment[last_trigger + sentence_end.end() :], language) if sentence_end else []
    if len(items) < 2:  # the items are in the same sentence as the trigger ("The outline: first …, then …")
        items = items_of(segment[max(last_trigger, 0) :], language)
    if len(items) < 2:  # the list came first, the word naming it last ("先说…最后说说顾虑，大概就这几块")
        items = items_of(segment, language)
    items = until_repeated(items)
    marked = marked_items(segment, template, language) if enumerated else []
    if len(marked) >= 3 and len(marked) <= len(items):
        items = marked  # "first the money, the actual numbers, because …": the rest of an item says more of it
    items = named_only(items, template, language)
    if len(items) > 7:
        return None  # not a list of parts: the window ran into the memo itself
    if len(items) < 2:
        return None
    mapped = map_items(items, template, language)
    if mapped is None:
        return None
    found = Announcement(start, start + cut, tuple(items), mapped)
    # Without a first part's marker, a list most of whose parts name no section is the story after a trigger ("I need
    # to get my head straight before I ring the museum back. so Monday morning, no, Tuesday, …").
    return None if trigger_only and _mostly_unnamed(found) else found


def _marked_run(window: str, template: Template, language: str) -> Announcement | None:
    """Parts marked one by one with no last one marked ("first I'll say what happened this morning … then the money
    … then why … and then what I'm actually gonna do"), in one paragraph: three or more, each naming a different
    section."""
    segment = re.split(r"\n\s*\n", window, maxsplit=1)[0]
    items = marked_items(segment, template, language)
    if len(items) < 3 or not all(names_a_section(item, template, language) for item in items):
        return None
    keys = {section_named(item, template, language).key for item in items}
    mapped = map_items(items, template, language) if len(keys) == len(items) else None
    if mapped is None:
        return None
    # The list ends with its last part's name, as said ("and then just, how it's felt": a pause inside it).
    words = said_words(items[-1])
    said = list(re.finditer(said_pattern(words), segment, re.I)) if words else []
    if not said:
        return None
    return Announcement(0, said[-1].end(), tuple(items), mapped)


# A sentence ends at a stop, unless the next one goes on with the list ("…because I am still excited. after that I
# will do the money… then why…", "…step by step. and the last one, how I feel"): one announcement said in several
# sentences.
_CONTINUES = (r"(?!\s*(?:and?\s+)?(?:then|after that|next|second(?:ly)?|third(?:ly)?|lastly|finally|last|"
              r"the (?:last|final))\b)")
_SENTENCE_END = re.compile(rf"[。！？!?]|\n{_CONTINUES}|\.(?!\d){_CONTINUES}", re.I)


def _named_sentence(opening: str, template: Template, language: str) -> Announcement | None:
    """A sentence of the opening that lists three or more parts naming sections, with no word like "first" or
    "outline" around it ("why I want off nights, then the pros and cons, then what I'm going to do, and then how
    these weeks have been")."""
    begin = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(opening)] + [len(opening)]:
        found = _named_list(opening[begin:end], template, language, strict=True)
        if found:
            return replace(found, start=begin + found.start, end=begin + found.end)
        begin = end
    return None


def _named_list(window: str, template: Template, language: str, strict: bool = False) -> Announcement | None:
    """The items of ``window``'s first sentence (or line), when three or more of them name template sections."""
    zh = is_chinese(language)
    end = _SENTENCE_END.search(window)
    sentence = window[: end.end() if end else len(window)]
    items = items_of(sentence, language)
    named = [i for i in items if any(item_score(i, spec, language) >= (2 if zh else 1) for spec in template.sections)]
    if not strict and (len(items) < 3 or len(named) < max(3, len(items) - 1)):
        return None
    if strict:  # three parts that name sections by their words, each a different one
        named = [i for i in items if names_a_section(i, template, language)]
        keys = [section_named(i, template, language).key for i in named]
        # "whether it actually adds up, the money and …": a name right after one of the same part says more of it.
        named = [i for n, i in enumerate(named) if n == 0 or keys[n] != keys[n - 1]]
        owners = set(keys)
        # Unmarked, a list is mostly its parts' names; three names among fifteen clauses of a story ("…你说咋整
        # 四万个袋子全撂地上 … 我瞅着心里不是滋味 这是我想整吊袋的头一个原因") are the story's words.
        marked = re.search(ZH_ENUM if zh else EN_ENUM, sentence, 0 if zh else re.I)
        if len(named) < 3 or len(owners) < len(named) or not marked and 3 * len(named) < len(items):
            return None
        # "the pros and cons, the honest ones": the rest of a part says more of it; but one part in other words
        # where a section is missing ("then me going back and forth on it") is that section's.
        others = [i for i in items[: items.index(named[-1])] if i not in named and len(i.split()) >= 3]
        one_missing = len(template.sections) - len(named) == 1
        extra = others[0] if one_missing and others else None
        if one_missing and not zh:
            extra = _unnamed_part(sentence, template, language) or extra
        items = [i for i in items if i in named or i == extra]
    mapped = map_items(items, template, language)
    return Announcement(0, len(sentence), tuple(items), mapped) if mapped is not None else None


# Where a list's parts are each introduced by "then", "after that" or "last", the items after a part's first say
# more of it: "then the money, what it'll run me and what might come back" is one part. The first part begins
# after "first" ("let me first gist what happened at mocha cola today").
_LEAD_FIRST_EN = re.compile(rf"^\W*{WILL_EN}\s+first\b", re.I)
_PART_MARK_EN = re.compile(r"(?:^|(?<=[,.;]))\s*(?=(?:and\s+)?(?:then|after that|next|lastly|last|finally)\b)", re.I)


def _unnamed_part(sentence: str, template: Template, language: str) -> str | None:
    """The first item of the one part, of a list whose parts are marked, that names no section: the missing
    section's part, even after the last named one ("…then what I'm fixin' to do, and then how it was out there
    this morning") or where an item of it leans towards another section ("then the practical side, what it
    costs")."""
    sentence = _LEAD_FIRST_EN.sub("", sentence, 1)
    parts = [items_of(part, language) for part in _PART_MARK_EN.split(sentence)]
    parts = [items for items in parts if items]
    unnamed = [items for items in parts if not any(names_a_section(i, template, language) for i in items)]
    if len(parts) < 3 or len(unnamed) != 1:
        return None
    return unnamed[0][0]


# A line that opens with an ordinal ("third what needs booking", "第三块…") is the list's next item, named or not.
# A line that goes on with the list: "then the site visit itself, how it was standing there." (round 129's farmland
# plot) names no section, yet "then" and a part's name after it say it is the next part.
_ORDINAL = re.compile(r"\s*(?:(?:and |then |and then )*(?:second|third|fourth|fifth|lastly|last|finally)\b|"
                      r"(?:and )?then (?:the|my|our|what|why|how|whether)\b|"
                      r"第[二三四五六](?:块|部分|点|个)|其次|最后(?:说|讲|聊|是|一块|一个))", re.I)


def _until_unnamed_line(segment: str, template: Template, language: str) -> str:
    """``segment`` up to the line (a pause in the recording) that does not open with a section's name, once
    items have named two sections: "…分成几部分 原因 分析 计划 感受" then "我现在的工作是做报表…" is the memo
    beginning, not a fifth part. One part named twice ("first, why I am even thinking of leaving tomatoes, the
    reasons.") is one."""
    lines = segment.split("\n")
    named: set[str] = set()
    for n, line in enumerate(lines):
        items = items_of(line, language)
        naming = [item for item in items if names_a_section(item, template, language)]
        if len(named) >= 2 and items and items[0] not in naming and not _ORDINAL.match(line):
            return "\n".join(lines[:n])
        # Named by cues, as names_a_section asks: a signal alone ("我现在的工作") names no part here.
        named |= {section_named(item, template, language, signals=False).key for item in naming}
    return segment


def _last_item_length(rest: str, zh: bool) -> int:
    """Characters from the marker of the last item ("最后" / "finally") to the end of its item: the end of the
    sentence, or in Mandarin the first pause after it ("最后说说感受吧 搬过去两个月了": the item is "说说感受吧")."""
    if zh:
        lead = re.match(r"[\s，]*(?:说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈|是|就是|再|来)*\s*", rest)
        begin = lead.end() if lead else 0
        stop = re.compile(r"[。.!?？！\n]|(?<=\S{2})\s")
        found = stop.search(rest, begin)
        return found.end() if found else len(rest)
    found = re.search(r"[.!?\n]", rest)
    return found.end() if found else len(rest)


def spoken_lines(transcript: Transcript) -> str:
    """The transcript's segments one per line: a line break is where the speaker paused, which ends an announced
    item. What ``find_announcement`` searches."""
    return "\n".join(s.text.strip() for s in transcript.segments)


def said_announcement(transcript: Transcript, template: Template) -> tuple[str, Announcement | None]:
    """A transcript paced by its pauses (``paced_by_pauses``) as said, one segment a line (``spoken_lines``), and the
    structure announced in it, if any: what the offline engine plans by and ``announced_sections`` reports."""
    lines = spoken_lines(transcript)
    return lines, find_announcement(lines, template, transcript.language)


def announced_sections(transcript_or_text: Transcript | str, template: Template) -> Template | None:
    """The structure the speaker dictates at the start, mapped onto ``template``'s sections, when present: what the
    offline engine follows for a transcript.

    Sections come in the speaker's order; template sections he did not announce are left out.
    """
    if isinstance(transcript_or_text, Transcript):
        _, found = said_announcement(paced_by_pauses(transcript_or_text), template)
    else:
        found = find_announcement(transcript_or_text, template, guess_language(transcript_or_text))
    return found.template if found else None
