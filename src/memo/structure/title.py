"""The outline's title: the topic the speaker names at the start, checked against what the memo is about.

1. keywords: the memo's most repeated content words (Chinese character bigrams, English words), common words of
   speech left out (``common_words`` in ``data/cleanup_<lang>.toml``);
2. the speaker's own naming of the topic in the first sentences ("聊一下为什么我决定从上海搬到成都",
   "想录一下学游泳这件事", "think out loud about the piano thing"), kept only when it holds a keyword, so an
   opening fragment ("结构吧先说原因") is never the title;
3. else the top keywords ("血糖、奶茶、糖尿病" / "Piano, practice, grandmother"); else the file name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .cleanup import Lexicon, Sentence
from .homophones import word_tag
from .similarity import STOP_EN, content_len, tokens
from .title_en import HEAD_EN, META_EN, TAIL_EN, pointed_topic_en, said_alone, said_often
from .topic_words import (
    DETERMINERS_EN,
    NOT_NAMES,
    NOT_TOPIC_TAGS,
    PARTICLES_ZH,
    is_verb_zh,
    person_zh,
    singular,
    topic_word_zh,
    topic_words,
)

_NAMING_VERBS_ZH = ("聊一下|聊聊|说一下|说说|讲一下|讲讲|谈一下|谈谈|关于|理一理|想一想|琢磨|讲下|说下|聊下|港下|"
                    "[讲说聊]两句")
_NAMING_ZH = re.compile(rf"(?:{_NAMING_VERBS_ZH})[，、\s]*([^，。！？；]{{2,24}})")
# What comes after 录一下 / 记一下 is what the speaker does next ("录一下 回头自己再听", "录一下 脑子乱 理一理"), not
# the topic; "录一下学游泳这件事" names it with a marker (_TOPIC_ZH). Both verbs go from a title all the same.
_NAMING_VERB_ZH = re.compile(rf"^.*?(?:{_NAMING_VERBS_ZH}|录一下|记一下)")
# The topic named with a marker that says so ("换车的事", "学游泳这件事"): the words before it are the topic.
# Regional markers too: 这桩事体 (Shanghainese), 这码事, 这档子事 (northern), 介个事 (Tianjin), 咯只事 (Hunan),
# 呢件事 (Cantonese).
_MATTER_ZH = (r"这件事情?|这个事情?|这桩事体?|搿(?:个|桩)事体?|这码事|这档子?事|(?<![中媒简])介(?:个|档子?)事|"
              r"咯(?:只|个)事|呢(?:件|个)事")
_TOPIC_ZH = re.compile(rf"([^，。！？；\n]{{2,16}}?)(?:，?(?:{_MATTER_ZH})|的事情?|的事儿|(?<![中媒简])介事)")
# What ends a clause before "这个事" ("脑子里全是这个事", "我想的是这个事"): the marker points back, names nothing.
_CLAUSE_END_ZH = re.compile(r"(?:[是有在想说就都也还为对跟给]|钟头|分钟|小时|会儿|句话|秒钟?)$")
_NAMING_EN = re.compile(
    # "…what this is about. the hearing aids." names it after a stop; "is about eight quid" is a price.
    r"(?:talk about|memo about|thoughts on|notes on|is about[.:]?(?!\s+(?:to|\d|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|forty|fifty|a hundred|half)\b)|out loud about|talk through|think about|"
    r"think back over|go over|idea out of my head,?|decide (?:about|on)|make my mind up about|"
    r"(?:i'm|i am|we're|we are|just got) back from|(?<!sorry )about(?=\s+(?:the|my|our|this|that)\s))"
    r"\s+([^.?!,;]{3,60}?)"
    r"(?=\s+(?:while|because|before|since|so|now|and i|and we)\b|[.?!,;]|$)",
    re.I,
)
_CHANGE_EN = re.compile(
    r"\b(?:switch(?:ing)? (?:to|from|into)|leav(?:e|ing)|mov(?:e|ing) to|quit(?:ting)?|sell(?:ing)?|buy(?:ing)?|"
    r"adopt(?:ing)?|learn(?:ing)? to|train(?:ing)? for|becom(?:e|ing)|look(?:ing)? after|tak(?:e|ing) on|"
    # "the cider press Gary's selling is sixty eight hundred": a price, not what is sold.
    r"giv(?:e|ing) up)\s+(?!(?:is|was|are|were|it|them|for|at|in|on|to)\b)(?:a |an |the |my |our )?[\w'-]+"
    r"(?: [\w'-]+)?",
    re.I,
)
# English keywords are nouns: words seen after a determiner ("the allotment", "my piano", "a receipt"), not
# words of grammar that follow "that" as a conjunction ("on that since…"), never a noun of the memo.
_FUNCTION_EN = frozenset(("since", "instead", "until", "though", "although", "unless", "whether", "while", "during",
                          "before", "after", "without", "within", "across", "among", "against", "towards", "toward",
                          "upon", "because", "once", "ever", "even", "still", "again", "away", "through"))
_TAIL_ZH = re.compile(
    rf"(?:{_MATTER_ZH}|的事情?|的想法|(?:完整地|好好|仔细)?(?:过一遍|理一理|捋一捋)|吧|了|呢)+$"
)
# "讲一下先今日的事": 先 says when it is told, before the two characters of what.
_HEAD_ZH = re.compile(r"^(?:的|一个|一下|这个|那个|关于|就是|[先再](?=[\u4e00-\u9fff]{2}$))+")
# A decision said as a question ("要不要把老房子卖了", "该不该辞职") names what the memo weighs.
_DECISION_ZH = re.compile(
    r"((要不要|该不该|是不是该|是否要?)([^，。！？；\s]{2,14}?))(?:呢|吧)?(?=[，。！？；\s]|这件事|这个事|的事|$)"
)
# A thing just named ("这个晚托班 下学期…"), up to when ("下学期"); "这个月", "这个时候" name a time.
_NAMED_BEFORE_ZH = re.compile(r"(?:[这那](?:个|条|间|家|台|部|辆|栋|套))(?!月|礼拜|星期|时候|事|人)"
                              r"([^\s，。！？、是的了在]{2,6}?)"
                              # "他那间锁店问我要不要顶下来": up to who asks.
                              r"(?=[\s，。！？、]|[下上这本今明去](?:学期|礼拜|星期|周|个?月|年|天)|[问叫让]我|$)")
# A verb with where it goes ("顶下来", "接过来", "撑下去") is still a bare verb: it says nothing of what.
_DIRECTION_ZH = re.compile(r"(?<=.)(?:下来|下去|起来|过来|过去|出来|出去|回来|回去|上来|进来)$")


def _bare_verb_zh(phrase: str) -> bool:
    """Whether ``phrase`` is a verb alone (扩大, 接), perhaps with where it goes (顶下来): it names no object."""
    return is_verb_zh(_DIRECTION_ZH.sub("", phrase))


# When and what for, before the topic itself: "把这几个月（做）…", "最近…", "想把学车…".
_WHEN_ZH = re.compile(
    r"^(?:.*?(?:就|只有)[我俺]一个人?)?"  # "屋里就我一个回桂阳种烟咯个事": the scene, then the topic
    r"(?:我?(?:想|要|得)?(?:把|将))?(?:这几个月|这几天|这段时间|这一年|这半年|最近|今天|这些天|明年|今年|下个月|下半年)?(?:来)?"
)
_POINTED_AT_ZH = re.compile(r".*(?:这个|那个|这件|那件|这(?![样么里儿些边次会])|那(?![样么里儿些边次会]))")
_DEMONSTRATIVE_ZH = re.compile(r"(?<=[做搞开学买换])(?:这个|那个|这件|一个)")
# Words about the memo or one of its parts ("再掂量掂量 到底划不划算" is the analysis), never its topic.
# A question put as "A不A" (靠不靠谱, 划不划算) weighs the topic and does not name it; 要不要 asks what to do.
# A part's name is no topic: "why do it" in any region's words (为甚非得弄这个) is one, though "为什么我想离职"
# names what the memo is about.
_META_ZH = re.compile(r"部分|分[几两三四五六]块|算算?账|算笔账|结构|大纲|框架|录一段|顺序|值不值|怎么办|怎么弄|咋办|"
                      r"感受|滋味|原因|分析|计划|结论|"
                      r"^(?:为什么|为啥子?|为甚|为嘛|为么子|为哪样|点解)(?:非得|非要|一定要|要|想|得)?[弄整搞干做](?:这个)?$|"
                      r"咋弄|咋整|往下咋|"
                      r"好处|坏处|利弊|优缺点|^(?:要|想|得)?(?:讲|说|聊|谈|唠)+$|"
                      r"([\u4e00-\u9fff])不\1(?<!要不要)(?<!该不该)(?<!是不是)")
# A day said as the matter ("我把今儿这事说一下", "夜儿个的事"): when it happened; what happened is named later.
_DAY_ZH = re.compile(r"^(?:今|昨|前|明|后|夜|大前|大后)(?:天|儿|日|晚|早|朝|黑|个|门|夜|晌)+$")
# A clause that judges or narrates, not a topic: it opens with a hedge or the speaker's own doing.
_STATEMENT_ZH = re.compile(
    r"^(?:其实|我觉得|感觉|可能|我在|我们在|不然|要不然|因为|所以|但是|然后|刚|刚才|现在|今天|昨天|最后|接着|再|我?寻思|我?琢磨|"
    r"等下|等一下|等会儿?|待会儿?|一会儿?|回头|明天|"  # "讲一下 等下回去还要煮饭": what comes later, not the topic
    r"省得|免得|好让|以免|"  # "说两句 省得回家让淑珍听见又念叨": why he talks here, not what about
    r"脑子|脑壳|心里|心头)"  # "说两句，脑子里乱": how he is, not what about
    r"|不全是|不是|是不是|不对|说错|碰上|碰到|遇上|遇到"  # "今门儿碰上的事儿": what happened, not the topic
    r"|(?:就|来|再|先|要|想)(?:讲|说|聊|谈|唠)+$"  # "我就上来讲 这个事…", "俺先说说": where he tells it, not what
)


def ranked_keywords(sentences: Sequence[Sentence], lex: Lexicon) -> list[tuple[str, int]]:
    """The memo's repeated content words with their weighted counts, most frequent first. Chinese: no numeral,
    time word, adverb or pronoun (jieba's dictionary tags them), and no pair of characters across two words."""
    zh = lex.language == "zh"
    counts: Counter = Counter()
    nouns: set[str] = set()
    for i, s in enumerate(sentences):
        weight = 2 if i < 2 else 1  # the opening names the topic
        for unit in tokens(s.text):
            if zh and len(unit) == 2 and not (set(unit) & PARTICLES_ZH) and unit not in lex.common_words:
                counts[unit] += weight
            elif not zh and len(unit) >= 4 and unit not in STOP_EN | _FUNCTION_EN \
                    and not {unit, singular(unit)} & lex.common_words:
                counts[singular(unit)] += weight
        if not zh:
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", s.text)
            low = [w.lower() for w in words]
            nouns.update(singular(b) for a, b in zip(low, low[1:], strict=False)
                         if a in DETERMINERS_EN and b.split("'")[0] not in STOP_EN)  # "that he's" is no noun
            nouns.update(w.lower() for w in words[1:] if w[0].isupper() and w not in NOT_NAMES  # Lisbon, Priya
                         and w.lower().split("'")[0] not in STOP_EN)  # "He's" starts a clause
            nouns.update(w for w in low if len(w) >= 7 and w.endswith("ing"))  # an activity: running, teaching
    ranked = [(w, n) for w, n in counts.most_common() if n >= 2 and (zh or w in nouns)]
    if zh:
        text = "".join(s.text for s in sentences)
        ranked = [(w, n) for w, n in ranked if topic_word_zh(w, text)]
    return ranked


def _names_topic(title: str, words: Sequence[str]) -> bool:
    """A named topic holds one of the memo's main words and is a phrase, not a statement ("我在讲我们公司的事",
    "其实这个事情不全是老王的问题" are what the speaker said about it)."""
    return any(w in title for w in words[:8]) and not _STATEMENT_ZH.search(title)


# A topic pointed at with a demonstrative and named as a matter ("这个押金的事", "那个拆迁的事", "这个钓鱼的账",
# "我妈被骗这个事"), pointed at before the question about it ("这个晚托班下学期到底还办不办"), or just come back from.
_POINTED_ZH = (
    re.compile(r"(?:这个|那个)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)的(?:事情?|事儿|账|问题)"),
    re.compile(rf"(?:^|[，。！？；\s把])([\u4e00-\u9fffA-Za-z0-9]{{2,6}}?)(?:{_MATTER_ZH}|这事儿?)"),
    # "拿这个当理由 下礼拜五…": 这个 is the thing taken, not a word before one.
    re.compile(r"(?:这个|那个)(?!当|作为)([\u4e00-\u9fffA-Za-z0-9]{2,4}?)"
               r"(?=下(?:学期|个月|半年|礼拜)|明年|今年|到底|还(?!是)[要能]?[\u4e00-\u9fff]不)"),
    # A trip just over ("我刚从桃岛回来"); not an errand (刚从鼓楼医院回来, 刚从单位回来), nor where the speaker
    # works (刚从地里回来, 刚从店里回来), nor a visit or a meal (刚从老孙头家回来, 刚从刘医生那儿回来,
    # 刚从师傅家喝汤回来, 刚从水上公园练完回来: on the bench half of such titles were right, none of these).
    re.compile(r"刚从((?:(?![完喝吃])[\u4e00-\u9fff]){2,6}?)(?<!医院)(?<!单位)(?<!公司)(?<!学校)(?<!医生)(?<!超市)"
               r"(?<!银行)(?<![里上下边家儿])回来"),
)
# What the speaker has kept at for a while, said in the first two sentences: "我这个每天扔一样东西搞了二十三天了",
# "那个做饭的班上了三回了" (later in the memo, "这个看运气万一…上了" is no topic).
_KEPT_AT_ZH = re.compile(r"(?:这个|那个)([\u4e00-\u9fff]{2,10}?)(?:已经)?(?:搞|弄|做|坚持|练|学|上|跑|打|开|干|养)了"
                         r"(?=[一二三四五六七八九十两几半\d])")
# A decision put as A-not-A with its object ("下学期住不住校", "买不买车"): the choice (住校) is the topic; a
# judgment put so (值不值, 靠不靠谱, 划不划算) weighs it and names nothing.
_CHOICE_ZH = re.compile(r"([\u4e00-\u9fff])不\1([\u4e00-\u9fff]{1,3}?)(?=了|吧|呢|[，。！？；\s]|$)")
_JUDGED_ZH = frozenset("值靠划好行对合是有要该能会够")


# Where the speaker comes back from every day (刚从店里下班回来, 刚从地里干活回来): no topic.
_DAILY_ZH = re.compile(r"里|下班|上班|放学|干活|买菜")


def _pointed_topic_zh(opening: str, text: str, lex: Lexicon) -> str:
    """The topic the speaker points at in the opening (see ``_POINTED_ZH``), when it is a content word the memo
    says again: "这个事" or "那个东西" name nothing."""
    first = "。".join(re.split(r"[。！？\n]+", opening, maxsplit=2)[:2])  # the first two sentences
    for pattern, said in (*((p, opening) for p in _POINTED_ZH), (_KEPT_AT_ZH, first)):
        for m in pattern.finditer(said):
            topic = _WHEN_ZH.sub("", _HEAD_ZH.sub("", _NAMING_VERB_ZH.sub("", m.group(1).rsplit("把", 1)[-1])))
            topic = re.sub(r"(?<!成)就$", "", topic)  # "学萨克斯 就这个事": that is the matter
            units = [u for u in tokens(topic) if len(u) >= 2 and u not in lex.common_words]
            if not units or _META_ZH.search(topic) or _STATEMENT_ZH.search(topic) or re.search(r"[在了着]", topic) \
                    or _DAILY_ZH.search(topic) or _DAY_ZH.match(topic) or person_zh(topic, text, addressed=False) \
                    or len(topic) > 2 and person_zh(topic[-2:], text, addressed=False):
                # "刚从店里下班回来" is the day's end; "说说浩浩这个事" names who, not what; "还是这个数 小宇今年九岁"
                # (the pause lost) runs a number into a child's name ("跟老周复婚" ends on what is done).
                continue
            if any(text.count(u) >= 2 for u in units) or text.count(topic) >= 2:
                return topic
    return ""


# Two topic words are close when the second's log-odds is this near the first's: both go into the title.
CLOSE = 1.0
# A Chinese title's second and third words come when this close to the first: jieba's words are short (洗碗 / 洗碗机,
# 塑形 / 塑形镜), and three of them name the topic more often than one (dev memos: 197 -> 214 of 280).
CLOSE_ZH = 2.0
# A longer word that holds a likelier one takes its place when this close: the whole name says the topic better
# ("Septic tank", "Wedding ring", 洗碗机, 信用卡 for "Tank", "Ring", 洗碗, 信用). Dev, 1119 memos: titles naming the
# topic 911 -> 919 against 1.0.
CLOSE_WHOLE = 2.0


def _topic_words(sentences: Sequence[Sentence], lex: Lexicon) -> list[str]:
    """The memo's likeliest topic words (topic_words.py), each once: a word inside a likelier one goes ("tub"
    after "hot tub"), and a longer word that holds likelier ones takes their place when nearly as likely
    ("份子" -> "随份子", "release" and "equity" -> "equity release"). Chinese: the second word only when close to
    the first."""
    ranked = topic_words(sentences, lex)
    people = {w.word for w, _ in ranked if w.person}
    chosen: list[tuple[str, float]] = []
    for found, score in ranked:
        word = found.word
        # A person is who the memo is about, not what: never first, one at most ("Christmas, Owen and turkey"),
        # and none of the two words of a Chinese title ("踢球", not "踢球和丽娜").
        if found.person and (not chosen or lex.language == "zh" or any(w in people for w, _ in chosen)):
            continue
        inside = [i for i, (w, _) in enumerate(chosen) if w.lower() in word.lower()]
        if any(word.lower() in w.lower() for w, _ in chosen) and not inside:
            continue
        if inside:
            if score < min(chosen[i][1] for i in inside) - CLOSE_WHOLE:
                continue
            best = max(chosen[i][1] for i in inside)
            chosen = [c for i, c in enumerate(chosen) if i not in inside]
            chosen.insert(inside[0], (word, best))
        elif len(chosen) < 3:
            chosen.append((word, score))
        if len(chosen) >= 3 and score < chosen[-1][1] - CLOSE:
            break
    if lex.language == "zh" and chosen:
        chosen = [c for c in chosen if c[1] >= chosen[0][1] - CLOSE_ZH]
    return [w for w, _ in chosen]


_PRONOUN_HEAD_EN = re.compile(r"(?:it|this|that|these|those|them|him|her|me|you|us)\b", re.I)
# "this decision", "that house": a demonstrative before a noun, not a pronoun ("this properly", "this again").
_NOUN_AFTER_EN = re.compile(r"(?:this|that|these|those)\s+(?!(?:properly|again|through|out|over|now|then|today|"
                            r"tonight|is|was|bit|for|with|and|or|before|because|instead)\b)[a-z]{3,}(?<!ly)\b", re.I)
_PRONOUN_HEAD_ZH = re.compile(r"这些|那些|这样|那样|[它他她我你]")


# The same thing said again more exactly right after, with its determiner ("the granny flap, the granny flat").
_RESTATED_EN = re.compile(r",\s*(?:the|my|our)\s+([\w'-]+(?:\s+[\w'-]+){0,3}?)(?=\s*[,.;!?]|\s+(?:then|and|because|"
                          r"so|while)\b)", re.I)
# Abbreviations everyone says and no memo is about.
_EVERYDAY_ACRONYMS = frozenset(("NHS", "GP", "UK", "US", "USA", "EU", "TV", "OK", "HR", "IT", "PC", "AM", "PM", "ID",
                                "DIY", "VIP", "CEO", "PPT", "APP", "BBC", "ATM", "SUV", "CV", "A", "I"))


def _acronym(text: str) -> str:
    """An abbreviation the memo says three times or more (HRT, PCP, BSL, AA, N2, ICL): what it is about, however
    few other words it shares with it; "" when none."""
    said = Counter(m.group(1) for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,4})(?![A-Za-z0-9])", text))
    found = [(n, w) for w, n in said.items() if n >= 3 and w not in _EVERYDAY_ACRONYMS]
    return max(found)[1] if found else ""


def _said_together(words: list[str], text: str) -> list[str]:
    """Two of the title's words that the speaker says as one phrase ("Party, street" -> "Street party", "Wedding,
    silver" -> "Silver wedding") become that phrase, in the order said; an abbreviation leads on its own ("HRT,
    risk and doctor")."""
    out = list(words)
    for a in words:
        for b in words:
            if a in out and b in out and a != b and " " not in a + b and not (a.isupper() or b.isupper()) \
                    and re.search(rf"\b{re.escape(a)}\s+{re.escape(b)}\b", text, re.I):
                out[out.index(a)] = f"{a} {b}".lower() if not a[:1].isupper() else f"{a} {b}"
                out.remove(b)
    return out


def make_title(sentences: Sequence[Sentence], source: str, lex: Lexicon, opening: str | None = None) -> str:
    """The topic as the speaker names it, else the memo's keywords, else the file name (see the docstring).

    ``opening``: the cleaned text before an announced structure (its "说说原因" names a part, not the topic);
    None: the first sentences.
    """
    zh = lex.language == "zh"
    text = ("" if zh else " ").join(s.text for s in sentences)
    named = _named_title(sentences, lex, opening, text)
    if zh and named and not _grounded_zh(named, sentences, lex, text):
        named = ""
    return named or _keyword_title(_topic_words(sentences, lex), text, zh, lex.common_words) \
        or (Path(source).stem if source else "") or ("备忘录" if zh else "Memo")


def _grounded_zh(title: str, sentences: Sequence[Sentence], lex: Lexicon, text: str) -> bool:
    """A Mandarin title the speaker named holds one of the memo's main words or a word said three times, or is said
    again ("牙的事情": 牙): "要不要到阿拉店里来", "声儿沙沙的说实话" are what someone said once, and the memo's words
    (藤椅, 木耳) say what it is about."""
    words = [w for w, _ in ranked_keywords(sentences, lex)[:20]]
    said = [u for u in tokens(title) if len(u) >= 2 and u not in lex.common_words and text.count(u) >= 2]
    return any(w in title for w in words) or bool(said) or text.count(title.removesuffix("的事情")) >= 2


def _named_title(sentences: Sequence[Sentence], lex: Lexicon, opening: str | None, text: str) -> str:
    """The topic as the speaker names it in the opening; "" when the opening names none."""
    zh = lex.language == "zh"
    ranked = ranked_keywords(sentences, lex)  # computed once: it tags and tests every word of the memo
    words = [w for w, _ in ranked[:20]]
    before_parts = opening is not None  # the speaker named the topic, then listed the parts
    if opening is None:
        opening = " ".join(s.text for s in _opening_sentences(sentences, zh))
    if zh:
        pointed = _pointed_topic_zh(opening, text, lex)
        decision = _DECISION_ZH.search(opening)
        # "她说大哥这缸你要不要 不要我给你整走": someone else's question, not the speaker's decision.
        if decision and not _META_ZH.search(decision.group(1)) and "你" not in decision.group(1):
            # "要不要接十五平方月租一万二": the numbers say how much, not what; the verb before them is the decision.
            asker, asked = decision.group(2), re.sub(r"[一二三四五六七八九十两百千万\d].*$", "", decision.group(3))
            what = asked if asked and _bare_verb_zh(asked) else decision.group(3)
            decided = asker + what
            # "这个脱敏针到底还要不要接着打下去": what the decision is about comes before it.
            about = re.search(r"这个([^\s，。！？、]{2,6}?)(?:到底)?还?$", opening[: decision.start()])
            about_text = about.group(1) if about else pointed if pointed not in decided else ""
            if not about_text and _bare_verb_zh(what):
                # "这个晚托班 下学期到底还办不办 要不要扩大": a bare verb decides about the thing just named, else
                # about the memo's topic ("我一直在想要不要申诉" in a memo on a bad review).
                near = _NAMED_BEFORE_ZH.findall(opening[max(0, decision.start() - 30) : decision.start()])
                topic = _topic_words(sentences, lex)[:1]
                about_text = near[-1] if near else _said_whole(topic[0], text) if topic else ""
            # "这个押金的事理一理，到底要不要告他": the topic, then the decision about it.
            joiner_ = "，" if about_text and not about else ""
            return about_text + joiner_ + decided  # "纠结要不要把老房子卖了"
        if pointed:
            return pointed
        for m in _CHOICE_ZH.finditer(opening):
            choice = m.group(1) + m.group(2)
            if m.group(1) not in _JUDGED_ZH and text.count(choice) >= 2:
                return choice  # "下学期住不住校" -> 住校
        # The first matter named with a marker that is a phrase: "这几天脑子里全是这个事 电动车撞了人的事" points
        # at the matter with 这个事 after a clause (…全是), then names it.
        for named in _TOPIC_ZH.finditer(opening):
            if _CLAUSE_END_ZH.search(named.group(1)):
                continue
            # Bare 介事儿 is Tianjin's 这事儿: it names the matter only after 把 ("把上成都打全国赛介事儿捋捋"), not
            # after a clause ("这会儿刚起介事儿我琢磨半个月了").
            if named.group(0)[len(named.group(1)) :].lstrip("，").startswith("介事") and "把" not in named.group(1):
                continue
            # What is put before the marker with 把 is the topic ("糖糖睡了我坐在阳台上想把学车这个事情" -> 学车).
            topic = named.group(1).rsplit("把", 1)[-1]
            # What a demonstrative points at is the topic, not the clause before it ("我一个人这买房的事" -> 买房).
            pointed_at = _POINTED_AT_ZH.search(topic)
            topic = topic[pointed_at.end() :] if pointed_at and len(topic) - pointed_at.end() >= 2 else topic
            title = _HEAD_ZH.sub("", _NAMING_VERB_ZH.sub("", topic))
            title = _DEMONSTRATIVE_ZH.sub("", _WHEN_ZH.sub("", title))  # "把这几个月做这个网店" -> "做网店"
            if _DAY_ZH.match(title):
                continue
            if re.search(r"[在了着]", title):
                break  # "档口收了我坐在三轮上今天这个事": what he is doing as he speaks
            content = [u for u in tokens(title) if len(u) == 2 and u not in lex.common_words]
            # Named with a marker ("…的事情") before the list of parts, it needs none of the memo's main words.
            # ... or said again and again ("这个地暖的事", then 地暖 all through, though jieba does not know it).
            said = text.count(title) >= 3
            topical = (_names_topic(title, words) or said or before_parts) and not _STATEMENT_ZH.search(title)
            # One word that is no topic ("家里就我一个 清静 这个事…": 清静 says how the house is).
            lone = len(title) == 2 and word_tag(title) in NOT_TOPIC_TAGS or person_zh(title, text, addressed=False)
            if 2 <= len(title) <= 12 and content and not _META_ZH.search(title) and topical and not lone:
                return title  # "今天想说一下换车的事": the speaker says what the memo is about
            # One character said again and again ("这个腰的事情", then 腰 all through): that is the topic.
            if len(title) == 1 and title not in PARTICLES_ZH and text.count(title) >= 5:
                return f"{title}的事情"
            break  # the first matter named is the one: a later "…的事" is part of the story
    # Where the speaker has just come back from says less of the topic than what he names to talk about or decide.
    namings = sorted((_NAMING_ZH if zh else _NAMING_EN).finditer(opening), key=lambda m: "back from" in m.group(0))
    about = ""  # the topic said only as "about the …"
    for m in namings:
        title = m.group(1).strip(" ：:，,")
        restated = None if zh else _RESTATED_EN.match(opening, m.end(1))
        if restated and restated.group(1).split()[0].lower() in title.lower().split():
            title = restated.group(1)  # "go on about the granny flap, the granny flat": as the speaker corrects it
        if zh and re.match(rf"{_MATTER_ZH}|有(?:些|点|个|件)?事", title):
            continue  # "讲下这件事 …", "说两句 有些事儿得先捋明白": the matter was named before, or is named later
        if zh and re.match(r"[讲说聊谈]?(?:出来|清楚|一遍)", title):
            continue  # "讲讲 讲出来脑子清爽一点": why he says it, not what about
        said_words = title.split()
        if not zh and len(said_words) > 1 and said_words[0].lower() == "me" and said_words[1].lower() not in STOP_EN:
            title = title[3:]  # "think about me nan's house": my, as Liverpool or Yorkshire says it
        if not zh and _PRONOUN_HEAD_EN.match(title.split(" ", 1)[0]) and not _NOUN_AFTER_EN.match(title):
            continue  # "think about this properly": the pronoun points at what is not said here
        head, tail = (_HEAD_ZH, _TAIL_ZH) if zh else (HEAD_EN, TAIL_EN)
        title = tail.sub("", head.sub("", title))
        if (_META_ZH if zh else META_EN).search(title) or (zh and _STATEMENT_ZH.search(title)):
            continue
        if not zh and not {w.lower() for w in title.split()} - lex.common_words - STOP_EN:
            continue  # "decide about the big one, the Christmas craft fair": "big" says which, not what
        # "旁边的大姐在打电话", "终于把智齿给拔了": what happens, not the topic (the raw words: 了 may end them).
        if zh and re.search(r"[在了着]", m.group(1)):
            continue
        if (_PRONOUN_HEAD_ZH if zh else _PRONOUN_HEAD_EN).match(title):
            continue  # "talk about it into this…", "录一下这些话跟他说": what it points at is not said here
        if zh and person_zh(title, text, addressed=False):
            continue  # "说说浩浩这个事": who the matter is about; the memo's words say what it is
        low = title.lower()
        # What the speaker has to decide is the topic when he says its noun again ("decide about the other eye").
        phrase = low.split()
        decided = not zh and "decide" in m.group(0).lower() and said_often(phrase[-1], text)
        # Just "about the …" (no verb of naming before it): a short noun phrase, one word only when long enough to
        # be specific ("about the polytunnel", not "about the club"), and only when nothing else names the topic
        # ("heard about the restructure" beside "a train driver job").
        bare = m.group(0).lower().startswith("about")
        if bare and (len(phrase) > 3 or phrase[-1] in STOP_EN or len(phrase) == 1 and len(phrase[0]) < 6):
            continue
        # Where the speaker is back from ("just got back from the service") is the topic only when the memo
        # goes on about it: one of its main words, not one of twenty.
        back_from = "back from" in m.group(0).lower()
        main = words[:5] if back_from else words
        if back_from and re.search(r"'s\s+(?:place|house|flat|home|farm)\b", low):
            continue  # "just got back from Deb's place out on the Nanango road": a visit, as 刚从老孙头家回来
        if bare and any(w in low for w in main):
            about = about or title[:1].upper() + title[1:]
        elif any(w in low for w in main) or decided:
            return title if zh else title[:1].upper() + title[1:]
    if not zh:
        # After a list of parts, "So the call." opens the first part: only the opening can say the topic alone.
        alone = [s for s in sentences[:6] if not before_parts or s.text in opening]
        named = said_alone(alone, words, lex, text) or pointed_topic_en(opening, lex, text)
        if named:
            return named
        # "…since I want to switch to software": a change the speaker makes, with one of the memo's words.
        for m in _CHANGE_EN.finditer(opening):
            title = m.group(0).strip()
            while title.count(" ") > 1 and title.rsplit(" ", 1)[1].lower() in STOP_EN:
                title = title.rsplit(" ", 1)[0]  # "Moving to Berlin in" -> "Moving to Berlin"
            if any(w in title.lower() for w in words[:8]) and not META_EN.search(title):
                return title[:1].upper() + title[1:]
    return about


def _opening_sentences(sentences: Sequence[Sentence], zh: bool, count: int = 4) -> list[Sentence]:
    """The first ``count`` sentences that say something, and the short ones among them ("Okay.", "Right then."
    do not count: after "Okay. This is Darlene. Thursday evening… It's this pipeline business" the topic is in
    the fifth sentence)."""
    out: list[Sentence] = []
    said = 0
    for s in sentences:
        if said >= count:
            break
        out.append(s)
        said += content_len(s.text, zh) > (4 if zh else 2)
    return out


def _said_as(phrase: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(phrase)}\b", text, re.I))


def _listed(words: list[str], comma: str, last_joiner: str) -> str:
    *head, last = words
    return f"{comma.join(head)}{last_joiner}{last}" if head else last


# Characters that follow a noun without being part of it: particles (的, 了), where (床上, 院坝里), with whom (跟),
# what like (啥样).
_NOT_WORD_END_ZH = PARTICLES_ZH | frozenset("上下里中外内边跟与及啥咋样")


# Where a noun is ("甲骨上"): said after the word, it neither joins it nor says the word stands alone.
_PLACE_AFTER_ZH = frozenset("上下里中外内边")
# Characters before a noun that are not part of it: who does what with it (想买房, 在部队, 把鸭子), how many (根桩子).
_NOT_WORD_START_ZH = PARTICLES_ZH | frozenset("想要能去来到从被给让叫跟与及只根条张块头台间家位几每该次点紧老小大讲问喊"
                                                 "一二三四五六七八九十百千万两")


def _said_whole(word: str, text: str) -> str:
    """A Chinese word with the characters that nearly always go with it in the memo: jieba cuts a word it lacks
    (洗碗|机, 大小|周, 汉诺|威, 护|边员), and the speaker says the whole of it."""
    while len(word) < 6:
        after = Counter(text[m.end()] for m in re.finditer(re.escape(word), text) if m.end() < len(text))
        said = sum(n for c, n in after.items() if c not in _PLACE_AFTER_ZH)
        char, n = after.most_common(1)[0] if after else ("", 0)
        joins = re.fullmatch(r"[\u4e00-\u9fff]", char) and char not in _NOT_WORD_END_ZH
        if said < 2 or n < 0.8 * said or not joins:
            break
        word += char
    while len(word) < 6:
        before = Counter(text[m.start() - 1] for m in re.finditer(re.escape(word), text) if m.start() > 0)
        said = sum(before.values())
        char, n = before.most_common(1)[0] if before else ("", 0)
        if said < 2 or n < 0.8 * said or not re.fullmatch(r"[\u4e00-\u9fff]", char) or char in _NOT_WORD_START_ZH:
            break
        word = char + word
    return word


# How many, which of them: "two nil", "every loco" say how much of the thing, not its name.
_QUANTITIES_EN = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "every",
                            "each", "any", "some", "no", "all", "both", "few", "many", "more", "most", "last", "next",
                            "first"))


def _said_whole_en(word: str, text: str, plain: frozenset[str] = frozenset()) -> str:
    """An English word with the word that nearly always comes before it ("li hing", "small chops"): the name the
    speaker says, which the topic model saw as two. Whose it is ("Funmi's chops") does not count, nor a word of
    ``plain`` (words of speech: "di badge" is "the badge")."""
    before = Counter(m.group(1).lower() for m in re.finditer(rf"\b([a-z][a-z'-]*)\s+{re.escape(word)}\b", text, re.I))
    whose = sum(n for w, n in before.items() if w.endswith("'s"))
    said = len(re.findall(rf"\b{re.escape(word)}\b", text, re.I)) - whose
    lead, n = next(((w, n) for w, n in before.most_common() if not w.endswith("'s")), ("", 0))
    if n < 2 or n < 0.8 * said or lead in STOP_EN or lead in DETERMINERS_EN or lead in _QUANTITIES_EN \
            or lead in plain:
        return word
    return f"{lead} {word}"


def _keyword_title(picked: list[str], text: str, zh: bool, plain: frozenset[str] = frozenset()) -> str:
    """The memo's topic words as a title ("血糖、奶茶和糖尿病", "Tomatoes, slugs and allotment"); "" when none."""
    acronym = _acronym(text)
    if acronym:  # "HRT, risk and doctor", "AA和账户"
        picked = [acronym] + [w for w in picked if acronym.lower() not in w.lower()]
    if picked:
        if zh:
            whole = dict.fromkeys(_said_whole(w, text) for w in picked[:3])  # "大世界" said whole is "冰雪大世界"
            return _listed(list(whole), "、", "和")  # "血糖、奶茶和糖尿病"
        top = picked[:3]
        said = Counter(re.findall(r"[a-z][a-z'-]*", text.lower()))
        # Words keep the form said most ("glasses") and names their capital ("Berlin, German and client").
        top = [max((u for u in said if singular(u) == w), key=lambda u: (said[u], u == w), default=w) for w in top]
        # A pair too: "the under elevens", not "under eleven".
        top = [max((w, w + "s", w + "es"), key=lambda u: (_said_as(u, text), u == w)) if " " in w else w for w in top]
        top = list(dict.fromkeys(w if " " in w else _said_whole_en(w, text, plain) for w in top))
        top = [w if w.isupper() else w.capitalize() if re.search(rf"(?<![.!?]) {w.capitalize()}\b", text) else w
               for w in top]
        top = _said_together(top, text)
        title = _listed(top, ", ", " and ")  # "Tomatoes, slugs and allotment"
        return title[:1].upper() + title[1:]
    return ""
