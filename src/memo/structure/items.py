"""The names of the parts in a list a speaker dictates: where the list's items are marked (先说…然后…最后 /
first…then…finally, 第一块…, 一个是…二是…), how the words around an item are cut away ("说说…", "talk about…", "because
…"), and which phrase of a marked part names it (the one that names a section, else the first)."""

from __future__ import annotations

import itertools
import re

from ..language import is_chinese
from .cleanup import PAUSE, clean_fragment, lexicon
from .parts import EXAMPLES_EN, names_a_section, section_named
from .telling_zh import TELL_ZH, XIA_OF_TELLING
from .templates import Template

# "先把这趟看见的喧一哈", "先把数算清楚": 先把 with a verb of telling or settling after its object opens the first part.
# The marker is 先 alone: 把 stays with the part's name (把钱算清楚 names the money as 把钱 does).
# "先把…那两个晚上是怎么回事说一说": what happened, however long its name, told as such.
_FIRST_BA_ZH = (r"先(?=把(?:[^，。！？\s]{1,12}(?:算|喧|说|讲|聊|唠|捋|理|过)一?(?:哈|下|遍|清楚|明白)"
                r"|[^，。！？\n]{1,30}?是(?:怎么|咋)回事(?:说一?说|讲一?讲|聊一?聊|唠一?唠)))")
# "今天先算账 然后讲讲…": the first part is the reckoning itself. Sichuan 摆 tells ("先摆今天开会的情况").
_FIRST_SUMS_ZH = r"先(?=算(?:算|一?下)?(?:账|钱|数)|掰扯|摆(?:今天|昨天|前天|去年|今年|上个?|这[几两]|那[年天次]))"
# Shaanxi, Henan and Tianjin count parts 头一个, 二一个, 三一个 (the second and third mark a part here) and end with
# 末了 (末了儿).
_NTH_ZH = r"(?<![一二三四五六七八九十])[二三四]一个(?![月人])"
# 头一个 opens the count when a verb of telling follows ("头一个 说说俺为啥起这个心思"), or a part asked as why ("头一个
# 俺为啥非要换这个", round 739's QR ordering); "头一个原因", "头一个是一帆" are no part.
_FIRST_NTH_ZH = rf"头一个(?=\s*(?:[先再]?[{TELL_ZH}]|[俺我额咱]?(?:为啥|为什么|为甚|为嘛|图啥)))"
ZH_ENUM = (
    # 接下来 right after a verb of telling or thinking over is what the part is about ("再讲接下来几个礼拜要跑的事",
    # "说说接下来咋办", "最后寻思寻思 接下来咋整").
    r"首先是?|先说说?|先聊聊?|先讲讲?|先唠唠?|先是|其次是?|然后是?|然后|接着是?|"
    r"(?<![说讲聊谈])(?<!寻思|想想|琢磨|合计)(?<!寻思 |想想 |琢磨 |合计 )接下来|"
    r"再往后|再就是|再是|再说说?|再唠唠?|"
    rf"再聊|再讲|以及最后|{_FIRST_BA_ZH}|{_FIRST_SUMS_ZH}|{_FIRST_NTH_ZH}|{_NTH_ZH}|末了儿?|"
    # 完了 after a thing said (今天出的事完了再…, 那点事儿 完了掰扯掰扯这钱, 完了说说…) is "after that"; after a verb
    # (做完了再说) it is "finished".
    r"(?<![做干弄搞说讲聊吃看写忙办听读学唱跑])完了(?=再|就|然后|掰扯|唠|算|说说|讲讲|聊聊)|"
    r"最后是?|还有|第[一二三四五六七八九十\d]+(?:部分|点|个|块)?是?"
)
# Where an enumeration starts and where its last item is (an announcement needs no trigger word when it has both).
# "我自己先说一遍", "自己先港一遍": saying it through, not a first part.
ZH_FIRST = rf"先[说讲聊唠](?!一遍|一下吧)|首先|{_FIRST_BA_ZH}|{_FIRST_SUMS_ZH}|{_FIRST_NTH_ZH}"
# "为啥最后定了做手术": finally decided, no last part; "最后定一下往后咋弄", "最后定下来咋弄", "最后才讲…",
# "最后就讲下…" are one.
ZH_LAST = rf"末了儿?|最后(?!定(?!一下|下来(?:咋|怎么|到底|啥))|决定(?!一下)|还是|[就才](?![{TELL_ZH}])|只|一次|剩)"
# not "in the first place"
_START_WITH_EN = r"\b(?:to )?start (?:with|wi|from)(?= (?:what|wha|why|how|the|fit|whit)\b)"
# "first", "firstly", "first off", NZ "first up": the first part's marker.
_FIRST_EN = r"first(?:ly)?(?: off| up)?"
EN_FIRST = (r"\b(?<!the )(?<!this )(?<!my )(?<!our )(?<!a )(?<!twenty )(?<!thirty )(?<!twenty-)(?<!thirty-)"  # a date
            rf"(?:{_FIRST_EN}\b(?!\s*[.!?])|{_START_WITH_EN})")
# "what happened last Raya", "how last night went": a time inside an item, not the last one's marker.
# "and at the end how the visit went"; "at the end of the month", "at the end, fourteen twenty" are no part.
_THE_END_EN = r"(?:at the (?:very )?|in the )end"
_AT_THE_END_EN = rf"(?:and )?{_THE_END_EN}(?=,? (?:how|what|why|whether|i'll|i will)\b)"
EN_LAST = (r"\b(?:and finally|finally|lastly|and last|(?<!happened )(?<!happen )last(?! (?:night|week|weekend|"
           r"time|year|month|few|couple)\b)|(?:i'll |and )?(?:finish|end) (?:with|on)|hinner end|"
           rf"{_AT_THE_END_EN})\b")
# Verbs that introduce an item ("说说搬过去的感受", "talk about the plan") are not part of its name, nor the 么 said
# after 最后 ("最后么 说说…"; 么子 is "what" in Hunan, 么样 "how": "么子搞", "么样搞"), nor the 下 of 讲下 left
# after the marker 先讲 ("先讲下今天去东莞看店").
_ZH_ITEM_LEAD = re.compile(
    rf"^(?:么(?!子|样)|嘛|呢)?(?:(?:另)?一个是|[一二两三四五]是|来|去)?(?:(?:[才再就]来?|跟着|跟住)(?=[{TELL_ZH}]))?"
    rf"(?:说说|说一[下哈]|说下{XIA_OF_TELLING}|讲讲|讲一[下哈]|讲下{XIA_OF_TELLING}|聊聊|聊一[下哈]|"
    rf"聊下{XIA_OF_TELLING}|谈谈|谈一下|唠唠|摆一[下哈]|摆摆|掰扯掰扯|"
    rf"[{TELL_ZH}]|是(?!个)|的|一[下哈]|下(?=[今昨前这那])|大概)*"
)
# A particle at the end, or the verb of telling after the part's name ("…那两个晚上是怎么回事说一说").
_ZH_ITEM_TAIL = re.compile(rf"(?:吧|呢|啊|那|那么)+$|(?<=..)(?:([{TELL_ZH}])一?\1|[{TELL_ZH}]一[下哈遍])$")
_ZH_TAIL_OF_NAME = re.compile(r"[\u4e00-\u9fff]{0,2}的(?:事|事儿|事情|情况|经过)")
# A piece that says only when ("先港上个礼拜 门面里头发生的那些事", "先说昨天晚上 园子里的情况"): the part is named
# after the pause, and the time goes with it.
_ZH_WHEN_ONLY = re.compile(
    r"(?:[上下这前那](?:个|一)?(?:礼拜|星期|周|月)[一二三四五六日天]?|[昨今前明](?:天|儿|个|朝|冥|晡)|"
    r"那天|那阵子?|那回|当时|去年|前年|今年|上半年|下半年)(?:晚上|晚|早上|上午|下午|夜里|黑了)?"
)
# A part put before the verb of telling with 把 ("那我先把前天黑地出的那个事儿说一说"): its name is what is told; so
# with a verb of going over it ("再把这两天的事从头捋一遍", "把账过一遍").
_ZH_BA_TELL = re.compile(r"^(?:那|那么|好)?(?:我|俺|额)?(?:先|再|然后)?把(.{2,}?)(?:从头)?"
                         rf"(?:([{TELL_ZH}])(?:一|了)?\2|[{TELL_ZH}]一[下哈遍]|[说讲聊谈]清楚|[捋理过顺]一?(?:[遍下哈]|[捋理]))$")
# A marker with a verb of telling (先说, 再讲, 先唠唠) marks a part wherever it is said.
_TELLING_ZH = re.compile(rf"[先再][{TELL_ZH}]")
_EN_ITEM_LEAD = re.compile(
    r"^(?:(?:so|ok|okay|right|and),?\s+)*"
    # "I say what happened", "I go through the money": the plan of the memo said in the present (Singapore, Nigeria)
    # "let me first just tell what happened": the adverb may come without its subject.
    r"(?:(?:which|that) is\s+|"
    # "I gotta tell what went down", "I'ma do the math", Jamaican "mi a go tell yuh what happen", Bajan "lemme start
    # with what happen", "I gine do the money", Hawaiian "I going tell what went down", Geordie "I'm ganna start with
    # what happened" (round 751's probate lost its first part): the same.
    r"(?:(?:i'll|i will|i(?: just)? (?:want to|wanna)|let me|lemme|we'll|i'm (?:going to|gonna|gonnae|ganna|gannae)|"
    r"i(?:'ve)? (?:gotta|got to|have to|need to)|i (?:gine|gwine|gon|going|goin|finna)|i'ma|i'mma|mi a go|mi ago|"
    r"mi gonna|i)\s+)?"
    r"(?:(?:just|first|quickly)\s+)?"
    # Geordie and Scots "gan through", "tell yous", "I'm gonnae start wi", "I'll dae the sums": go, you, going to, do.
    r"(?:talk about|(?:go|gan) (?:over|ower|through)|cover|do|dae|start with|start wi|say|remind myself|think about|"
    r"look at|get into|"
    # Appalachian "I'm going to tell it how it happened": the story, told.
    r"tell it(?= (?:how|what|why|whether|all)\b)|"
    # "and I'll leave the money till last": what is left for later is a part too.
    r"tell (?:you|yous|youse|yuh|yu|ya|myself)(?: about)?|tell|leave|save|keep|"
    # "then I'll cipher out the money" (Appalachian), "work out the sums": what is worked out names the part.
    r"(?:cipher|figure|work)(?: it)? out|cipher|tot up|add up|"
    # "i will weigh it the money and the wahala side": what is weighed names the part; "weigh the matter" is its
    # name.
    r"weigh (?:it|them|everything|things)(?: up)?(?= (?:the|my|our|what|whether|how)\b))\s+)", re.I
)
# "what happened today because my head is still hot": what follows "because" says why the part comes there.
_BECAUSE_EN = r"because|'cause|cause|cos|coz|cuz|since"
_EN_REASON_TAIL = re.compile(rf"\s+(?:{_BECAUSE_EN})\s+(?!of\b).*$", re.I)
EN_ENUM = (
    # After a subject the word is an adverb inside a clause ("why did I finally go", "when we last spoke").
    # "what next", "what's happening next" and "what then" name the plan. "…why i even want to do this then what
    # i'm going to do next": run on, "then" after "this" opens the next part when a question word follows.
    r"(?:(?<=\bthis |\bthat )then(?= (?:what|why|how|whether)\b),?|"
    r"\b(?<!the )(?<!this )(?<!that )(?<!do )(?<!'ll )(?<!go )(?<!comes )(?<!happens )(?<!coming )(?<!happening )"
    r"(?<!what's )(?<!what is )"
    r"(?<!\bwhat )"
    r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
    r"(?<!these )(?<!those )(?<!\bmy )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!their )(?<!past )"  # "these last few weeks"
    # "ask about the money first thing" is a time of day.
    rf"(?:{_FIRST_EN}(?! thing\b)|second(?:ly)?|third(?:ly)?|then|syne|den|"  # Doric syne, Caribbean den: then
    r"next(?! (?:spring|summer|autumn|fall|winter|year|month|week|time|season|day))|"
    # "how last night went", "what happened last week": a time inside an item, not its marker
    # "and last off how it felt": "off" as in "first off".
    r"after that|and finally|finally|lastly|(?<!how )(?<!happened )last(?: off\b)?(?! (?:night|week|weekend|time|year|"
    r"month|few|couple|summer|winter|spring|autumn|fall|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)|"
    rf"(?:and )?i'll (?:finish|end) (?:with|on)|{_AT_THE_END_EN})\b,?)"
)
# Items that talk about the memo rather than name a part of it.
# "我打算这样讲" / "我这么弄" say how the memo will go, before its first part; 那么 opening or closing a piece
# ("那么 就这样") is talk, inside a name it is "so much" ("我干嘛那么想爬"). 来着 asks what one forgot ("介玩意儿怎么
# 弄来着": how the recorder works), no part.
_ZH_META = re.compile(r"有一些|就好|可以|自由|这几(?!天|年|个月|周|个礼拜|个星期|步)|这个事情|几关|几件|几块说|稍微|"
                      r"来着$|^那么|那么$|描述|部分是?$|^我?(?:就|打算|准备|想|先|寻思)?(?:这样|这么)(?:讲|说|聊|弄|整|来|安排)吧?$")
_EN_META = re.compile(
    r"\b(?:outline|structure|agenda|roughly|basically|in order|in the order|go through|"
    r"(?:two|three|four|five|a few) (?:things|parts|points))\b",
    re.I,
)


_EN_PRONOUN = re.compile(r"it\b(?!'s)", re.I)  # not "this": "this morning" names a part

# "I'll structure this as reasons, …": the first item follows the words that name the structure.
# "the plan is I'll tell you about yesterday first": the plan of the memo, not its plan part, so the item follows.
_EN_AS = re.compile(
    r"^.*\b(?:structure|outline|organi[sz]e|split|break)\b(?:\s+(?:this|it|things|them))?\s+(?:as|into)\s+"
    r"|^(?:so\s+)?(?:the|my) (?:plan|idea) (?:is|for this is)\s+(?:(?:i'll|i will|i'm going to|we'll|to)\s+)?"
    # "ok so what i'm gonna do is, first just what happened": how the memo goes, not its plan part.
    r"|^(?:(?:ok|okay|so|right)[\s,]+)*what (?:i|we)(?:'m| am|'re| are) (?:gonna|going to) do (?:here )?is\b[\s,:]*",
    re.I,
)
# "I'm going to do it in order why we want it": the first item follows the words that say how the memo goes (the
# comma between them may have gone with a filler: "in order, like, why…").
_EN_ORDER = re.compile(
    r"^.*\b(?:in (?:this |the |that )?order|like this|as follows)\b[\s,:-]*(?=(?:why|what|how|whether|where|when)\b)",
    re.I,
)
_EN_AND = re.compile(
    r"\.|(?<!pros )(?<!back )(?<!now )\band\b(?=\s+(?:why|what|how|where|when|whether|who|which|the|my|our|a|an)\b"
    r"|(?:\s+[\w'-]+){1,2}\W*$)",
    re.I,
)
# A piece that is only an aside ("honestly", "I guess") is dropped; one that ends mid-phrase goes on in the next.
# "time and money and all that", "the money and the rest of it": more of the same, it names nothing; nor does "the
# money, God help me".
_EN_ASIDE = re.compile(r"(?:honestly|i guess|i think|you know|like|um+|uh+|basically|really|i mean|anyway|all that|"
                       r"all of (?:it|that)|"
                       r"for the record|everything|stuff|so on|stuff like that|(?:all )?the rest(?: of it)?|"
                       r"(?:all )?that kind of thing|whatnot|(?:god|lord|heaven) help (?:me|us)|god knows|for my sins)",
                       re.I)
_EN_OPEN = re.compile(r"\b(?:been|is|was|are|were|be|the|a|an|to|of|that|that's|it's|so|just)$", re.I)


def pieces(window: str, language: str) -> list[str]:
    """The window cut at pauses, punctuation and enumeration words: the raw candidates for items."""
    zh = is_chinese(language)
    # A filler said between words is a pause: a clause break ("why I even wanna do this, like for real why").
    # A line break is a long pause: English cleanup would make it a space ("…and then the way forward\nso what
    # happened." is two pieces).
    lines = [window] if zh else window.split("\n")
    text = "\n".join(clean_fragment(line, language) for line in lines).replace(PAUSE, "，" if zh else ",")
    stops = r"[。，,;；？?！!\n:：]" if zh else r"[,;?!\n:]|\.(?!\d)"
    if zh:
        found: list[str] = []
        # re.split with one group: pieces at even places, what cut them (a stop, a pause, a marker) at odd ones.
        cut = re.split(rf"({stops}|{ZH_ENUM})", text)
        marked = False  # a marker came since the last piece: "第二个 说钱的事" opens a part of its own
        for i in range(0, len(cut), 2):
            p = cut[i].strip(" ，、")
            paused = i > 0 and cut[i - 1] in ("，", ",")  # the piece before ended at a pause, not a stop or a marker
            marked = marked or i > 0 and not re.fullmatch(stops, cut[i - 1])
            if p and found and (_ZH_TAIL_OF_NAME.fullmatch(p) and not marked
                                or paused and _ZH_WHEN_ONLY.fullmatch(found[-1])):
                found[-1] += p  # "…那场焰火秀 出的事": the matter after a pause is the same part's name
            elif p:
                found.append(p)
            marked = marked and not p
        return found
    # Each part, and whether an enumeration word ("then") opened it: that always starts a new item.
    split = re.split(rf"{stops}|({EN_ENUM})", text, flags=re.I)
    marked = [(part, i > 0 and split[i - 1] is not None) for i, part in enumerate(split) if i % 2 == 0]
    # "and" starts an item only before a question word, a determiner or a last word or two ("plan and experience");
    # "why we went and got her in the first place" is one item.
    parts = [(q.strip(" ,."), opened and n == 0) for p, opened in marked for n, q in enumerate(re.split(_EN_AND, p))]
    examples = _examples(parts)
    pieces: list[str] = []
    joined = False  # the piece before ended mid-phrase ("the stuff that's been, honestly, way harder…")
    for k, (part, opened) in enumerate(parts):
        if not part or _EN_ASIDE.fullmatch(part):
            continue
        if _NO_NAME.fullmatch(part):  # "So" before "first …", "and" before "then": no name, and the phrase before ends
            joined = False
            continue
        if pieces and k in examples:
            pieces[-1] = f"{pieces[-1]}, {part}"
        elif joined and pieces and not opened and not _BECAUSE.match(part):  # "…have been, because…" ends the piece
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
        joined = bool(_EN_OPEN.search(pieces[-1]))
    return pieces


# "then what it'd actually take, like the hours and the money and the bodies, then…": examples of the part
# before, not parts ("the money" names a section, which the part may well not be). One alone is a likeness ("the
# sums properly, like the accountant I'm supposed to be"), which names no part either. The marker is parts.py's
# EXAMPLES_EN.
def _examples(parts: list[tuple[str, bool]]) -> set[int]:
    """Which of the pieces (stripped text, opened by a marker) are examples of the piece before: from one that starts
    "like the…" to the next marker, when two or more."""
    found: set[int] = set()
    for k, (part, opened) in enumerate(parts):
        if k and not opened and k not in found and EXAMPLES_EN.match(part):
            run = list(itertools.takewhile(lambda i: not parts[i][1], range(k, len(parts))))
            said = [parts[i][0] for i in run]
            if sum(1 for p in said if p and not _NO_NAME.fullmatch(p) and not _EN_ASIDE.fullmatch(p)) >= 2:
                found.update(run)
    return found


# What opens a piece that says why or when the part comes, not what it is ("the sums first while they're fresh").
_BECAUSE = re.compile(rf"(?:{_BECAUSE_EN}|so|if|as|while|for (?=i\b|we\b|it\b)|因为|所以|如果)\b", re.I)
_NO_NAME = re.compile(r"(?:and|then|so|but|or|ok|okay|right|um|uh|well|yeah|嗯|好|然后|就是)(?:\s*,)?", re.I)


# "and then at the end how it's all sitting with me": when, in the list, not the part's name.
# "and the siller at the hinner end": Doric for "the money last"
_END_LEAD_EN = re.compile(rf"^(?:{_THE_END_EN}|to finish|to wrap up),?\s+|\s+at the hinner end$", re.I)


# What is left around a name once the list's words are cut away: "and di money I leave fi [last]" is "di money I
# leave" (the "and" is the list's; the preposition's object was the order word).
_EN_CUT_ENDS = re.compile(r"^and\s+(?=(?:the|di|de|my|our)\s)|\s+(?:for|fi|till|til|until)$", re.I)


def item_name(part: str, language: str) -> str:
    """One piece as a part's name, without its lead-in words ("说说…", "talk about…"); "" when it is no name:
    talk about the memo, a trigger word, too short or too long."""
    zh = is_chinese(language)
    said = part
    if zh:
        part = _ZH_BA_TELL.sub(r"\1", part)
        part = _ZH_ITEM_TAIL.sub("", _ZH_ITEM_LEAD.sub("", part)).replace("大概", "")
    else:
        part = _EN_ITEM_LEAD.sub("", _EN_ORDER.sub("", _EN_AS.sub("", part))).strip(" ,")
        part = _END_LEAD_EN.sub("", _EN_REASON_TAIL.sub("", part))
        part = _EN_CUT_ENDS.sub("", part)
    if not part or (_ZH_META if zh else _EN_META).search(part):
        return ""
    if not zh and _EN_PRONOUN.match(part):
        return ""  # "I'm going to do it like she said, why…": "it" points at the memo; a part is named
    if trigger_starts(part.lower(), lexicon(language)) or _BECAUSE.match(part) or _NO_NAME.fullmatch(part):
        return ""  # "because that's the bit that frightens me" says why the order, "and" names nothing
    if zh and part == "钱" and re.search(r"[说讲算聊谈港]钱$", said):
        return part  # "然后说钱": money is one character ("利和弊 钱啊 风险啊" says what the part weighs)
    return part if (2 if zh else 3) <= len(part) <= (24 if zh else 100) else ""  # "why" names a part


# A piece that says the list comes next ("and I'm going to do it in this order", "我按这个顺序说").
_ORDER_SAID = re.compile(r"\b(?:in (?:this|the|that) order|like this|as follows)\b|按(?:这个|这么个|这样的)?顺序", re.I)


# "then why it gets me like this" is a part (the reasons), its "like this" how he feels, no list to come.
_QUESTION_ITEM = re.compile(r"^\W*(?:(?:and|then|so|first|next|last|after that)\W+)*(?:why|what|how|whether)\b", re.I)


def items_of(window: str, language: str) -> list[str]:
    """The names of the parts listed in ``window``; what comes before the words saying the list comes next ("I
    want to do a proper think about the dog walking, and I'm going to do it in this order, …") is no part."""
    cut = pieces(window, language)
    said = [i for i, piece in enumerate(cut)
            if _ORDER_SAID.search(piece) and not _EN_ORDER.search(piece) and not _QUESTION_ITEM.match(piece)]
    names = [item_name(p, language) for p in cut]
    if said and sum(1 for name in names[said[-1] + 1 :] if name) >= 2:
        names = names[said[-1] + 1 :]
    return [name for name in names if name]


def marked_items(segment: str, template: Template, language: str) -> list[str]:
    """The items of a list marked item by item ("first the money, the actual numbers, because… then what I'll
    say to him. then why…, and last how it's been"): the first phrase after each marker that opens a clause."""
    zh = is_chinese(language)
    flags = 0 if zh else re.I
    # A Mandarin clause opens after a pause (a space) or a stop; an English one after a stop or "and"/"so" ("an" as
    # Scots, Caribbean and Southern speakers say "and": "…tae dae. an last, foo it felt").
    opens = re.compile(r"(?:^|[,.;:!?\n，。；：！？\s])$" if zh else r"(?:^|[,.;:!?\n]|\band|\ban|\bso|\bok|\bokay)$",
                       flags)
    # Opening a clause, a bare 再 / 接着 marks the next part too ("再掰扯掰扯到底划不划算"). 先说 / 再讲 (a marker
    # with a verb of telling) marks one anywhere: the pause before it may be lost ("有哪些坑再讲接下来…").
    # "mek mi start with what happen…": "start with" marks the first part wherever it is said.
    enum = rf"{ZH_ENUM}|再|接着|随后|完了" if zh else rf"(?P<start>{_START_WITH_EN})|{EN_ENUM}"  # 完了: "and then"
    marks = [m for m in re.finditer(enum, segment, flags)
             if opens.search(segment[: m.start()] if zh else segment[: m.start()].rstrip(" "))
             or zh and _TELLING_ZH.match(m.group(0)) or not zh and m.group("start")]
    items = []
    for i, mark in enumerate(marks):
        name = part_name(segment[mark.end() : marks[i + 1].start() if i + 1 < len(marks) else len(segment)],
                          template, language)
        if name:
            items.append(name)
    return items


def named_only(items: list[str], template: Template, language: str) -> list[str]:
    """More items than sections, and among them names of every section: the first name of each is a part, the
    others say more of one ("这半年吃药 还有上礼拜去面诊的经历": the second names how it went)."""
    first_of: dict[str, str] = {}  # "算算账 想想值不值": two names of one part, the first stands
    for item in items:
        if names_a_section(item, template, language):
            first_of.setdefault(section_named(item, template, language, signals=False).key, item)
    if len(items) > len(template.sections) == len(first_of):
        return [i for i in items if i in first_of.values()]
    return items


def part_name(text: str, template: Template, language: str) -> str:
    """The name of a marked part: its first phrase that names a section ("first the thing that's bugging me,
    which is whether it's worth the money"; "头一个 我一个干中介的 为啥想去接个打印店"), else its first phrase."""
    names = [item for item in (item_name(p, language) for p in pieces(text, language)) if item]
    # A clause that gives a reason for the order ("because if I don't do the numbers…") names nothing.
    named = [n for n in names if not _BECAUSE.match(n) and names_a_section(n, template, language)]
    return (named or names or [""])[0]


def numbered_items(window: str, n: int, template: Template, language: str) -> tuple[list[str], int] | None:
    """Parts numbered 第一块…第N块 (头一段…, 一个是…二是…, the last one perhaps 最后): each part's name is the
    first phrase after its number ("第一块先说接下来怎么弄 因为这个最急" names 怎么弄; the rest says why it comes
    first). The names, and where the list's line ends."""
    numbers = list("一二三四五六"[:n])
    numbered = list(re.finditer(r"(?:第|头)([一二三四五六])(?:块|部分|个部分|点|个方面|件事|段|条|个)", window))
    counted = list(re.finditer(r"(?<![一二三四五六七八九十两几])([一二三四五六])(?:个)?是", window))  # 一个是…二是…
    marks = next((m[:n] for m in (numbered, counted) if [x.group(1) for x in m[:n]] == numbers), None)
    if marks is None and n >= 2 and [x.group(1) for x in numbered[: n - 1]] == numbers[:-1]:
        last = re.compile(ZH_LAST).search(window, numbered[n - 2].end())  # "头一段…第二段…第三段…最后…"
        marks = [*numbered[: n - 1], last] if last else None
    if marks is None:
        return None
    # The last part's name ends with its line ("最后 说说这一冬天 俺心里头的事儿\n为啥呢": 为啥 opens the first part).
    line_end = window.find("\n", marks[n - 1].end())
    ends = [mark.start() for mark in marks[1:n]] + [line_end if line_end >= 0 else len(window)]
    items = []
    for mark, segment_end in zip(marks[:n], ends, strict=True):
        name = part_name(window[mark.end() : segment_end], template, language)
        if not name:
            return None
        items.append(name)
    end = line_end if line_end >= 0 else window.find(items[-1], marks[n - 1].end()) + len(items[-1])
    return items, end


_AMBIGUOUS_ZH = frozenset(("几块", "几点"))


def trigger_starts(low: str, lex) -> list[int]:
    """Where a word naming the structure (大纲, outline, parts) occurs in ``low``; English as a whole word
    ("structured physio" names none)."""
    bound = r"\b" if lex.spaced else ""
    # "in order to save money" is a purpose, not the order of the memo; 几块 / 几点 name parts only after a verb
    # of dividing or saying ("我分几块说", "讲几点"): "二十几块钱" is a price, "几点睡" a time. "I'm not gonna talk
    # about this in front of them" says what the speaker won't do.
    return [m.start() for t in lex.announce_triggers
            for m in re.finditer(rf"{bound}{re.escape(t)}{bound}(?! to\b)", low)
            if (t not in _AMBIGUOUS_ZH or re.search(r"[分说讲聊谈成为这]$", low[: m.start()]))
            and not (lex.spaced and (NEGATED_EN.search(low, 0, m.start()) or _NEXT_PART_EN.search(low, 0, m.start())
                                     or _SOMEONE_ELSE_EN.search(low, 0, m.start())))]


# A verb said after a negation ("not gonna talk about this", "won't go through", "I'm not allowed to talk about cars in
# the kitchen", "cannot even think about"): what the speaker won't or may not do, neither his structure nor his topic.
NEGATED_EN = re.compile(r"(?:\bnot|\bnever|n't|\bcannot)\s+(?:(?:allowed|supposed|meant) to\s+)?"
                        r"(?:(?:gonna|going to|want to|wanna|even)\s+)?$", re.I)
# Someone else who talks about something ("him come up on weekend in a big Fortuner and talk about investor"): a
# clause with a third person in it and no first, no memo of parts (round 731's Maroon colonel read as announced).
_SOMEONE_ELSE_EN = re.compile(r"\b(?:he|him|she|they|dem)\b(?:(?!\b(?:i|i'll|i'm|me|mi|we|let|lemme)\b)[^.!?\n])*$")
# What the speaker says he will do next, before a verb of telling ("then I will talk about yesterday", "so I'll say
# what I've half a mind to do first").
WILL_EN = r"(?:i'll|i will|let me|i'm gonna|i'm going to)"
# A verb that opens the next part of a list ("…shaking me, then I will talk about yesterday"): no word for the
# structure.
_NEXT_PART_EN = re.compile(rf"\b(?:then|after that|next)\s+(?:{WILL_EN}\s+)?$")


def until_repeated(items: list[str]) -> list[str]:
    """The items up to one that names an earlier item again (starts with its words): the
    first part has begun ("…and experience. Reasons first." / "…what I'll do next. Why I did it.")."""
    out: list[str] = []
    for item in items:
        low = item.lower()
        if any(low.startswith(o.lower()) for o in out):
            break
        out.append(item)
    return out
