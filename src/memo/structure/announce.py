"""The structure a speaker dictates at the start ("大纲… 底层的原因，我的分析方法… 最后是离职之后的体验"),
found and mapped onto a template's sections, so the outline follows the speaker's own plan.

Only the opening of the memo is searched: a trigger word (大纲/框架/分为 · outline/structure/agenda) or an
enumeration (首先…然后…最后 · first…then…finally) followed by short items. Each item goes to the template
section whose cue phrases it matches best (one item per section); an item that matches none becomes a
section of its own, titled with the speaker's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..language import guess_language, is_chinese
from ..records import Transcript
from .cleanup import PAUSE, clean_fragment, lexicon
from .parts import item_score, map_items, names_a_section
from .templates import Template

_ZH_ENUM = (
    r"首先是?|先说说?|先聊聊?|先讲讲?|先是|其次是?|然后是?|然后|接着是?|接下来|再就是|再是|再说说?|再聊|再讲|以及最后|"
    r"最后是?|还有|第[一二三四五六七八九十\d]+(?:部分|点|个|块)?是?"
)
# Where an enumeration starts and where its last item is (an announcement needs no trigger word when it has both).
_ZH_FIRST = r"先说(?!一遍|一下吧)|先聊|先讲|首先"  # "我自己先说一遍" is saying it through, not a first part
_ZH_LAST = r"最后"
_EN_FIRST = r"\b(?:first(?:ly)?|to start with)\b"
_EN_LAST = r"\b(?:and finally|finally|lastly|and last|last|(?:i'll |and )?(?:finish|end) (?:with|on))\b"
# Verbs that introduce an item ("说说搬过去的感受", "talk about the plan") are not part of its name.
_ZH_ITEM_LEAD = re.compile(
    r"^(?:(?:另)?一个是|[一二两三四五]是|来|去)?(?:说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈|谈一下|说|讲|聊|谈|是|的|一下|大概)*"
)
_ZH_ITEM_TAIL = re.compile(r"(?:吧|呢|啊|那|那么)+$")
_EN_ITEM_LEAD = re.compile(
    r"^(?:(?:which|that) is\s+|(?:(?:i'll|i will|i want to|let me|we'll)\s+)?(?:talk about|go over|cover|do)\s+)", re.I
)
_EN_ENUM = (
    # After a subject the word is an adverb inside a clause ("why did I finally go", "when we last spoke").
    r"\b(?<!the )(?<!this )(?<!that )(?<!do )(?<!'ll )(?<!go )(?<!comes )(?<!happens )"
    r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
    r"(?<!these )(?<!those )(?<!\bmy )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!their )(?<!past )"  # "these last few weeks"
    r"(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next(?! (?:spring|summer|autumn|fall|winter|year|month|week|"
    r"time|season|day))|after that|and finally|finally|lastly|last|(?:and )?i'll (?:finish|end) (?:with|on))\b,?"
)
# Items that talk about the memo rather than name a part of it.
_ZH_META = re.compile(r"有一些|就好|可以|自由|这几(?!天|年|个月|周)|这个事情|几关|几件|稍微|那么|描述|部分是?$")
_EN_META = re.compile(
    r"\b(?:outline|structure|agenda|roughly|basically|in order|in the order|go through|"
    r"(?:two|three|four|five|a few) (?:things|parts|points))\b",
    re.I,
)


# A count names the number of parts ("我分三块说吧", "有两件事", "three things I want to cover"): the next N items
# are the parts, whatever words introduce them.
_ZH_NUM = "两二三四五六"
_ZH_COUNT = re.compile(
    rf"(?:分|说|讲|聊|谈)(?:成|为)?(?P<a>[{_ZH_NUM}])(?:个|大)?(?:部分|块|点|方面|段|件事)"
    rf"|(?P<b>[{_ZH_NUM}])(?:件事|个方面|个部分|块内容|个问题|个点)"
)
_EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_EN_COUNT = re.compile(
    r"\b(?P<a>two|three|four|five|six)\s+(?:main\s+|big\s+|different\s+|separate\s+)?"
    r"(?:things|parts|points|topics|areas|questions|bits|sections)\b",
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


# "I'll structure this as reasons, …": the first item follows the words that name the structure.
_EN_AS = re.compile(
    r"^.*\b(?:structure|outline|organi[sz]e|split|break)\b(?:\s+(?:this|it|things|them))?\s+(?:as|into)\s+", re.I
)
_EN_AND = re.compile(
    r"\.|(?<!pros )(?<!back )\band\b(?=\s+(?:why|what|how|where|when|whether|who|which|the|my|our|a|an)\b"
    r"|(?:\s+[\w'-]+){1,2}\W*$)",
    re.I,
)
# A piece that is only an aside ("honestly", "I guess") is dropped; one that ends mid-phrase goes on in the next.
_EN_ASIDE = re.compile(r"(?:honestly|i guess|i think|you know|like|um+|uh+|basically|really|i mean|anyway)", re.I)
_EN_OPEN = re.compile(r"\b(?:been|is|was|are|were|be|the|a|an|to|of|that|that's|it's|so|just)$", re.I)


def _pieces(window: str, language: str) -> list[str]:
    """The window cut at pauses, punctuation and enumeration words: the raw candidates for items."""
    zh = is_chinese(language)
    text = clean_fragment(window, language).replace(PAUSE, "，")
    stops = r"[。，,;；？?！!\n:：]" if zh else r"[,;?!\n:]|\.(?!\d)"
    parts = re.split(rf"{stops}|{_ZH_ENUM if zh else _EN_ENUM}", text, flags=0 if zh else re.I)
    if zh:
        return [p for p in (p.strip(" ，、") for p in parts) if p]
    # "and" starts an item only before a question word, a determiner or a last word or two ("plan and experience");
    # "why we went and got her in the first place" is one item.
    parts = [q for p in parts for q in re.split(_EN_AND, p)]
    pieces: list[str] = []
    joined = False  # the piece before ended mid-phrase ("the stuff that's been, honestly, way harder…")
    for part in (p.strip(" ,.") for p in parts):
        if not part or _EN_ASIDE.fullmatch(part):
            continue
        if joined and pieces and not _BECAUSE.match(part):  # "…have been, because…" ends the piece
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
        joined = bool(_EN_OPEN.search(pieces[-1]))
    return pieces


_BECAUSE = re.compile(r"(?:because|since|so|if|as|cause|'cause|因为|所以|如果)\b", re.I)
_NO_NAME = re.compile(r"(?:and|then|so|but|or|ok|okay|right|um|uh|well|yeah|嗯|好|然后|就是)(?:\s*,)?", re.I)


def _item(part: str, language: str) -> str:
    """One piece as a part's name, without its lead-in words ("说说…", "talk about…"); "" when it is no name:
    talk about the memo, a trigger word, too short or too long."""
    zh = is_chinese(language)
    if zh:
        part = _ZH_ITEM_TAIL.sub("", _ZH_ITEM_LEAD.sub("", part)).replace("大概", "")
    else:
        part = _EN_ITEM_LEAD.sub("", _EN_AS.sub("", part)).strip(" ,")
    if not part or (_ZH_META if zh else _EN_META).search(part):
        return ""
    if _trigger_starts(part.lower(), lexicon(language)) or _BECAUSE.match(part) or _NO_NAME.fullmatch(part):
        return ""  # "because that's the bit that frightens me" says why the order, "and" names nothing
    return part if (2 if zh else 3) <= len(part) <= (24 if zh else 80) else ""  # "why" names a part


def _items(window: str, language: str) -> list[str]:
    return [item for item in (_item(p, language) for p in _pieces(window, language)) if item]


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
    last = re.search(_ZH_LAST if zh else _EN_LAST, window, flags)
    if not last:
        return False
    enum = _ZH_ENUM if zh else _EN_ENUM
    return len(re.findall(enum, window[: last.end()], flags)) >= 3


def _counted(opening: str, template: Template, language: str) -> Announcement | None:
    """A structure announced with a count: "我分三块说吧，第一块是A，第二块是B，第三块是C" / "There are three things
    I want to cover. What went wrong, what worked, and what I'd do differently." The items are the first N that
    follow the clause naming the count, read sentence by sentence until there are N."""
    zh = is_chinese(language)
    count = (_ZH_COUNT if zh else _EN_COUNT).search(opening)
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
        numbered = _numbered_items(window, n, template, language)
        if numbered is not None:
            items, end = numbered
            mapped = map_items(items, template, language, counted=True)
            if mapped is not None and len(mapped.sections) == n:
                return Announcement(count.start(), begin + end, tuple(items), mapped)
    stops = [m.end() for m in re.finditer(r"[。.!?？！\n]+", window)] + [len(window)]  # "I guess.\n" is one stop
    # Spoken Mandarin runs its clauses together: its items must be marked ("第一块是…" / "一个是…" / "然后…");
    # English lists them within two sentences.
    marks = rf"{_ZH_ENUM}|[一二两三四五]是|一个是|另一个是"
    for stop in stops[: None if zh else 2]:
        items = _items(window[:stop], language)
        if len(items) < n:
            continue
        marked = _marked_items(window[:stop], template, language)
        if len(marked) >= n:  # "先说A 然后B 到底值不值 再说C": the phrase after each marker, not its elaboration
            items = marked
        named = all(names_a_section(item, template, language) for item in items[:n])
        if zh and len(re.findall(marks, window[:stop])) < n - 1 and not named:
            return None  # unmarked, the items must be section names ("分四个部分 原因 分析 计划 还有经验")
        mapped = map_items(items[:n], template, language, counted=True)
        if mapped is None or len(mapped.sections) < n:
            return None
        return Announcement(count.start(), begin + stop, tuple(items[:n]), mapped)
    return None




def _marked_items(segment: str, template: Template, language: str) -> list[str]:
    """The items of a list marked item by item ("first the money, the actual numbers, because… then what I'll
    say to him. then why…, and last how it's been"): the first phrase after each marker that opens a clause."""
    zh = is_chinese(language)
    flags = 0 if zh else re.I
    # A Mandarin clause opens after a pause (a space) or a stop; an English one after a stop or "and"/"so".
    opens = re.compile(r"(?:^|[,.;:!?\n，。；：！？\s])$" if zh else r"(?:^|[,.;:!?\n]|\band|\bso|\bok|\bokay)$", flags)
    # Opening a clause, a bare 再 / 接着 marks the next part too ("再掰扯掰扯到底划不划算").
    enum = rf"{_ZH_ENUM}|再|接着|随后" if zh else _EN_ENUM
    marks = [m for m in re.finditer(enum, segment, flags)
             if opens.search(segment[: m.start()] if zh else segment[: m.start()].rstrip(" "))]
    items = []
    for i, mark in enumerate(marks):
        name = _part_name(segment[mark.end() : marks[i + 1].start() if i + 1 < len(marks) else len(segment)],
                          template, language)
        if name:
            items.append(name)
    return items


def _named_only(items: list[str], template: Template, language: str) -> list[str]:
    """More items than sections, and among them names of every section: the first name of each is a part, the
    others say more of one ("这半年吃药 还有上礼拜去面诊的经历": the second names how it went)."""
    first_of: dict[str, str] = {}  # "算算账 想想值不值": two names of one part, the first stands
    for item in items:
        if names_a_section(item, template, language):
            owner = max(template.sections, key=lambda spec: item_score(item, spec, language, signals=False)).key
            first_of.setdefault(owner, item)
    if len(items) > len(template.sections) == len(first_of):
        return [i for i in items if i in first_of.values()]
    return items


def _part_name(text: str, template: Template, language: str) -> str:
    """The name of a marked part: its first phrase that names a section ("first the thing that's bugging me,
    which is whether it's worth the money"; "头一个 我一个干中介的 为啥想去接个打印店"), else its first phrase."""
    names = [item for item in (_item(p, language) for p in _pieces(text, language)) if item]
    # A clause that gives a reason for the order ("because if I don't do the numbers…") names nothing.
    named = [n for n in names if not _BECAUSE.match(n)
             and any(item_score(n, spec, language, signals=False) > 0 for spec in template.sections)]
    return (named or names or [""])[0]


def _numbered_items(window: str, n: int, template: Template, language: str) -> tuple[list[str], int] | None:
    """Parts numbered 第一块…第N块 (头一段…, 一个是…二是…, the last one perhaps 最后): each part's name is the
    first phrase after its number ("第一块先说接下来怎么弄 因为这个最急" names 怎么弄; the rest says why it comes
    first). The names, and where the list's line ends."""
    numbers = list("一二三四五六"[:n])
    numbered = list(re.finditer(r"(?:第|头)([一二三四五六])(?:块|部分|个部分|点|个方面|件事|段|条|个)", window))
    counted = list(re.finditer(r"(?<![一二三四五六七八九十两几])([一二三四五六])(?:个)?是", window))  # 一个是…二是…
    marks = next((m[:n] for m in (numbered, counted) if [x.group(1) for x in m[:n]] == numbers), None)
    if marks is None and n >= 2 and [x.group(1) for x in numbered[: n - 1]] == numbers[:-1]:
        last = re.compile(_ZH_LAST).search(window, numbered[n - 2].end())  # "头一段…第二段…第三段…最后…"
        marks = [*numbered[: n - 1], last] if last else None
    if marks is None:
        return None
    items = []
    for i, mark in enumerate(marks[:n]):
        segment = window[mark.end() : marks[i + 1].start() if i + 1 < n else len(window)]
        name = _part_name(segment, template, language)
        if not name:
            return None
        items.append(name)
    line_end = window.find("\n", marks[n - 1].end())
    end = line_end if line_end >= 0 else window.find(items[-1], marks[n - 1].end()) + len(items[-1])
    return items, end


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
        for piece in _pieces(m.group("list"), language):
            item = _item(piece, language)
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


def _trigger_starts(low: str, lex) -> list[int]:
    """Where a word naming the structure (大纲, outline, parts) occurs in ``low``; English as a whole word
    ("structured physio" names none)."""
    if not lex.spaced:
        return [m.start() for t in lex.announce_triggers for m in re.finditer(re.escape(t), low)]
    return [m.start() for t in lex.announce_triggers for m in re.finditer(rf"\b{re.escape(t)}\b", low)]


def find_announcement(text: str, template: Template, language: str) -> Announcement | None:
    """The announced structure in the opening of ``text``, mapped onto ``template``; None when there is none."""
    opening = text[: max(600, min(len(text) // 5, 1500))]
    for find in (_listed, _counted, _marked_list, _named_sentence):
        found = find(opening, template, language)
        if found is not None:
            return found
    return None


def _marked_list(opening: str, template: Template, language: str) -> Announcement | None:
    """A list found by the words around it: a trigger (大纲, outline, structure) or a first item's marker (先说,
    first) with a last one (最后, finally)."""
    lex = lexicon(language)
    zh = lex.language == "zh"
    low = opening.lower()
    enumerated = False  # the list is marked item by item (first…, then…, and last…)
    hits = _trigger_starts(low, lex)
    flags = 0 if zh else re.I
    first = re.search(_ZH_FIRST if zh else _EN_FIRST, opening, flags)
    if first:
        first = _restarted(opening, first, _ZH_FIRST if zh else _EN_FIRST, zh, flags)
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
    elif first:
        # No last item marked ("reasons first, then analysis, then the plan, then experience."): a list only
        # when three of its items name sections of the template; the list starts with its sentence.
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
    last = re.search(_ZH_LAST if zh else _EN_LAST, window, flags)
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
    last_trigger = max(_trigger_starts(segment.lower(), lex), default=-1)
    sentence_end = re.search(r"[。.!?？！\n]", segment[last_trigger:]) if last_trigger >= 0 else None
    items = _items(segment[last_trigger + sentence_end.end() :], language) if sentence_end else []
    if len(items) < 2:  # the items are in the same sentence as the trigger ("The outline: first …, then …")
        items = _items(segment[max(last_trigger, 0) :], language)
    if len(items) < 2:  # the list came first, the word naming it last ("先说…最后说说顾虑，大概就这几块")
        items = _items(segment, language)
    items = _until_repeated(items)
    marked = _marked_items(segment, template, language) if enumerated else []
    if len(marked) >= 3 and len(marked) <= len(items):
        items = marked  # "first the money, the actual numbers, because …": the rest of an item says more of it
    items = _named_only(items, template, language)
    if len(items) > 7:
        return None  # not a list of parts: the window ran into the memo itself
    if len(items) < 2:
        return None
    mapped = map_items(items, template, language)
    if mapped is None:
        return None
    return Announcement(start, start + cut, tuple(items), mapped)


def _named_sentence(opening: str, template: Template, language: str) -> Announcement | None:
    """A sentence of the opening that lists three or more parts naming sections, with no word like "first" or
    "outline" around it ("why I want off nights, then the pros and cons, then what I'm going to do, and then how
    these weeks have been")."""
    begin = 0
    for end in [m.end() for m in re.finditer(r"[。！？!?\n]|\.(?!\d)", opening)] + [len(opening)]:
        found = _named_list(opening[begin:end], template, language, strict=True)
        if found:
            return replace(found, start=begin + found.start, end=begin + found.end)
        begin = end
    return None


def _named_list(window: str, template: Template, language: str, strict: bool = False) -> Announcement | None:
    """The items of ``window``'s first sentence (or line), when three or more of them name template sections."""
    zh = is_chinese(language)
    end = re.search(r"[。！？!?\n]|\.(?!\d)", window)
    sentence = window[: end.end() if end else len(window)]
    items = _items(sentence, language)
    named = [i for i in items if any(item_score(i, spec, language) >= (2 if zh else 1) for spec in template.sections)]
    if not strict and (len(items) < 3 or len(named) < max(3, len(items) - 1)):
        return None
    if strict:  # three parts that name sections by their words, each a different one
        named = [i for i in items if names_a_section(i, template, language)]
        owners = {max(template.sections, key=lambda spec: item_score(i, spec, language)).key for i in named}
        if len(named) < 3 or len(owners) < len(named):
            return None
        # "the pros and cons, the honest ones": the rest of a part says more of it; but one part in other words
        # where a section is missing ("then me going back and forth on it") is that section's.
        others = [i for i in items[: items.index(named[-1])] if i not in named and len(i.split()) >= 3]
        extra = others[0] if len(template.sections) - len(named) == 1 and others else None
        items = [i for i in items if i in named or i == extra]
    mapped = map_items(items, template, language)
    return Announcement(0, len(sentence), tuple(items), mapped) if mapped is not None else None


def _until_unnamed_line(segment: str, template: Template, language: str) -> str:
    """``segment`` up to the line (a pause in the recording) that does not open with a section's name, once
    two items have named one: "…分成几部分 原因 分析 计划 感受" then "我现在的工作是做报表…" is the memo
    beginning, not a fifth part."""
    lines = segment.split("\n")
    named = 0
    for n, line in enumerate(lines):
        items = _items(line, language)
        if named >= 2 and items and not names_a_section(items[0], template, language):
            return "\n".join(lines[:n])
        named += sum(names_a_section(item, template, language) for item in items)
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


def _until_repeated(items: list[str]) -> list[str]:
    """The items up to one that names an earlier item again (starts with its words): the
    first part has begun ("…and experience. Reasons first." / "…what I'll do next. Why I did it.")."""
    out: list[str] = []
    for item in items:
        low = item.lower()
        if any(low.startswith(o.lower()) for o in out):
            break
        out.append(item)
    return out


def announced_sections(transcript_or_text: Transcript | str, template: Template) -> Template | None:
    """The structure the speaker dictates at the start, mapped onto ``template``'s sections, when present.

    Sections come in the speaker's order; template sections he did not announce are left out.
    """
    if isinstance(transcript_or_text, Transcript):
        text, language = transcript_or_text.text, transcript_or_text.language
    else:
        text, language = transcript_or_text, guess_language(transcript_or_text)
    found = find_announcement(text, template, language)
    return found.template if found else None
