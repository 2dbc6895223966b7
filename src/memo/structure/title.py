"""The outline's title: the topic the speaker names at the start, checked against what the memo is about.

1. keywords: the memo's most repeated content words (Chinese character bigrams, English words), common words of
   speech left out (``common_words`` in ``data/cleanup_<lang>.toml``);
2. the speaker's own naming of the topic in the first sentences ("聊一下为什么我决定从上海搬到成都",
   "想录一下学游泳这件事", "think out loud about the piano thing"), kept only when it holds a keyword, so an
   opening fragment ("结构吧先说原因") is never the title;
   (title_zh.py holds the Mandarin ways of naming it, title_en.py the English ones);
3. else the top keywords ("血糖、奶茶、糖尿病" / "Piano, practice, grandmother"); else the file name.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .cleanup import Lexicon, Sentence
from .homophones import likelier_form
from .items import NEGATED_EN, WILL_EN
from .people import DETERMINERS_EN, NOT_NAMES, person_zh, verb_twice_zh
from .similarity import STOP_EN, content_len, tokens
from .telling_zh import standard_telling
from .title_en import (
    HEAD_EN,
    META_EN,
    TAIL_EN,
    matter_named_en,
    pointed_topic_en,
    restated_en,
    said_alone,
    said_as,
    said_instead_en,
    said_often,
)
from .title_zh import (
    ASIDE_ZH,
    DECIDED_ZH,
    HEAD_ZH,
    MATTER_ZH,
    META_ZH,
    NAMING_ZH,
    PRONOUN_HEAD_ZH,
    PURPOSE_ZH,
    STATEMENT_ZH,
    TAIL_ZH,
    content_units,
    opening_title_zh,
    said_whole,
)
from .topic_words import PARTICLES_ZH, TopicWord, topic_word_zh, topic_words
from .topic_words_en import singular

_NAMING_EN = re.compile(
    # "…what this is about. the hearing aids." names it after a stop; "is about eight quid" is a price.
    r"(?:talk about|memo about|thoughts on|notes on|is about[.:]?(?!\s+(?:to|\d|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|forty|fifty|a hundred|half)\b)|out loud about|talk through|think about|"
    r"think back over|go over|idea out of my head,?|decide (?:about|on)|make my mind up about|"
    r"(?:i'm|i am|we're|we are|just got) back from|(?<!sorry )\ba?bout(?=\s+(?:the|my|our|this|that)\s))"
    r"\s+([^.?!,;]{3,60}?)"
    r"(?=\s+(?:while|because|before|since|so|now|and i|and we)\b|[.?!,;]|$)",
    re.I,
)
# "he gave us a wee talk about …": a talk someone gave, not the speaker naming the topic.
_TALK_GIVEN_EN = re.compile(r"\b(?:gave|give|gives|giving|did|does|doing|done)\s+(?:\w+\s+)?an?\s+(?:\w+\s+)?$", re.I)
# An ordinal before a naming makes it one of the parts the speaker lists.
_PART_ORDINAL_EN = re.compile(
    r"\b(?:first(?:ly)?|then|next|finally|last(?:ly)?|second(?:ly)?|third(?:ly)?),?\s+"
    rf"(?:(?:{WILL_EN}|i want to|i wanna|gonna|we'll)\s+)?$",
    re.I,
)
_CHANGE_EN = re.compile(
    # After a determiner the word is a noun: "my leave almost finish" is her leave from work, not what she leaves.
    r"\b(?<!\bmy )(?<!\bthe )(?<!\bour )(?<!\bher )(?<!\bhis )(?<!\byour )(?<!\ba )(?<!\bon )"
    r"(?:switch(?:ing)? (?:to|from|into)|leav(?:e|ing)|mov(?:e|ing) to|quit(?:ting)?|sell(?:ing)?|buy(?:ing)?|"
    r"adopt(?:ing)?|learn(?:ing)? to|train(?:ing)? for|becom(?:e|ing)|look(?:ing)? after|tak(?:e|ing) on|"
    r"tak(?:e|ing|in'?) (?:over|ower)|"  # "takin ower the shop": Doric for taking it over
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


# Two topic words are close when the second's log-odds is this near the first's: both go into the title.
CLOSE = 1.0
# A Chinese keyword title's second and third words come when this close to the first, or when the model finds them
# likelier topic words than not (log-odds ``LIKELY_ZH`` or more): jieba's words are short (洗碗 / 洗碗机,
# 塑形 / 塑形镜), three of them name the topic more often than one (dev memos: 197 -> 214 of 280), and a lone first
# word is often a name or a place the model took for the topic ("巍山" for a shop's 破酥粑粑). Dev, 2885 Mandarin
# memos: titles naming the topic 2446 -> 2487 against close words only, none lost. A named title is checked against
# the close ones only.
CLOSE_ZH = 2.0
LIKELY_ZH = 0.0
# A longer word that holds a likelier one takes its place when this close: the whole name says the topic better
# ("Septic tank", "Wedding ring", 洗碗机, 信用卡 for "Tank", "Ring", 洗碗, 信用). Dev, 1119 memos: titles naming the
# topic 911 -> 919 against 1.0.
CLOSE_WHOLE = 2.0
# An English topic word this likely that the speaker's named title lacks says the topic better than the phrase
# ("What the committee asked me" in a memo on the masjid's adhaan, "Condo i go round and round until she also sian"
# in one on otters). English dev 2057: titles +10 -1 (3.0: +15 -7); Mandarin dev: as many lost as gained, not there.
SURE_EN = 4.0
# A Mandarin topic word this likely that the speaker's named title lacks leads it ("双簧管：哏儿不哏儿"): replacing
# the named title lost as many as it gained (dev 2467: +23 -15 at 3.0); leading it names 21 more of 2675 dev titles,
# and, with the model learned before round 484, 5 more of rounds 484-545's 310, one right title led by a wrong word
# (2.5: 7 more, one; 2.0: 7 more, six).
SURE_ZH = 3.0


def _topic_words(ranked: Sequence[tuple[TopicWord, float]], lex: Lexicon, close_only: bool = False) -> list[str]:
    """The memo's likeliest topic words (``ranked``: topic_words.py's), no one's name, each once: a word inside a
    likelier one goes ("tub" after "hot tub"), and a longer word that holds likelier ones takes their place when nearly
    as likely ("份子" -> "随份子", "release" and "equity" -> "equity release"). Chinese: the second and third words
    only when close to the first (``CLOSE_ZH``) or likely (``LIKELY_ZH``); ``close_only``: only when close."""
    chosen: list[tuple[str, float]] = []
    for found, score in ranked:
        word = found.word
        # A person is who the memo is about, not what: "踢球", not "踢球和丽娜"; "Cruise, lump and state pension",
        # not "Cruise, lump and Val" (English dev: of 50 titles that named someone, 3 needed the name).
        if found.person:
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
        least = chosen[0][1] - CLOSE_ZH
        chosen = [c for c in chosen if c[1] >= (least if close_only else min(least, LIKELY_ZH))]
    return [w for w, _ in chosen]


_PRONOUN_HEAD_EN = re.compile(r"(?:it|this|that|these|those|them|him|her|me|you|us)\b", re.I)
# "this decision", "that house": a demonstrative before a noun, not a pronoun ("this properly", "this again").
# "this thing", "this matter" point at what is named elsewhere ("think about this thing properly" was titled "Thing").
_NOUN_AFTER_EN = re.compile(r"(?:this|that|these|those)\s+(?!(?:properly|again|through|out|over|now|then|today|"
                            r"tonight|is|was|bit|for|with|and|or|before|because|instead|thing|stuff|matter|business|"
                            r"situation|issue|palaver|wahala)\b)[a-z]{3,}(?<!ly)\b", re.I)


# Abbreviations everyone says and no memo is about.
_EVERYDAY_ACRONYMS = frozenset(("NHS", "GP", "UK", "US", "USA", "EU", "TV", "OK", "HR", "IT", "PC", "AM", "PM", "ID",
                                "DIY", "VIP", "CEO", "PPT", "APP", "BBC", "ATM", "SUV", "CV", "A", "I"))


# An abbreviation after an amount is its currency or unit ("a hundred and twenty thousand TT", "fifty US").
_AMOUNT_BEFORE_EN = re.compile(r"\b(?:\d+|hundred|thousand|million|billion|grand|one|two|three|four|five|six|seven|"
                               r"eight|nine|ten|eleven|twelve|(?:twen|thir|for|fif|six|seven|eigh|nine)ty)\s+$", re.I)


def _acronym(text: str) -> str:
    """An abbreviation the memo says three times or more (HRT, PCP, BSL, AA, N2, ICL): what it is about, however
    few other words it shares with it; "" when none."""
    said = Counter(m.group(1) for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,4})(?![A-Za-z0-9])", text)
                   if not _AMOUNT_BEFORE_EN.search(text, 0, m.start()))
    found = [(n, w) for w, n in said.items() if n >= 3 and w not in _EVERYDAY_ACRONYMS]
    return max(found)[1] if found else ""


def _said_together(words: list[str], text: str) -> list[str]:
    """Two of the title's words that the speaker says as one phrase ("Party, street" -> "Street party", "Wedding,
    silver" -> "Silver wedding") become that phrase, in the order said; an abbreviation leads on its own ("HRT,
    risk and doctor")."""
    out = list(words)
    for a in words:
        for b in words:
            if a in out and b in out and a != b and " " not in a + b and not (a.isupper() or b.isupper()):
                if re.search(rf"\b{re.escape(a)}\s+{re.escape(b)}\b", text, re.I):
                    out[out.index(a)] = f"{a} {b}".lower() if not a[:1].isupper() else f"{a} {b}"
                elif len(re.findall(rf"\b{re.escape(a)}\s+of\s+{re.escape(b)}\b", text, re.I)) >= 2:
                    out[out.index(a)] = f"{a} of {b}"  # "crown of thorns", said so twice or more: one name
                else:
                    continue
                out.remove(b)
    return out


def make_title(sentences: Sequence[Sentence], source: str, lex: Lexicon, opening: str | None = None) -> str:
    """The topic as the speaker names it, else the memo's keywords, else the file name (see the docstring).

    ``opening``: the cleaned text before an announced structure (its "说说原因" names a part, not the topic);
    None: the first sentences.
    """
    zh = lex.language == "zh"
    if zh:  # "咯样先港港何解": Hunan's 港 tells as 讲 does, and "先港" is no topic word
        sentences = [replace(s, text=standard_telling(s.text)) for s in sentences]
        opening = standard_telling(opening) if opening is not None else None
    text = ("" if zh else " ").join(s.text for s in sentences)
    ranked = functools.cache(lambda: topic_words(sentences, lex))  # a model's pass over the memo: once, when asked
    # The memo's main words, computed once: ranking them tags and tests every word of the memo.
    words = [w for w, _ in ranked_keywords(sentences, lex)[:20]]
    named = _named_title(sentences, lex, opening, text, words, ranked)
    if zh and named and not _grounded_zh(named, lex, text, words):
        named = ""
    if zh and named:
        named = likelier_form(named, text)
    if not zh and named and _surer_word_en(named, ranked()):
        named = ""
    if not zh and named:
        named = matter_named_en(named)
    if zh and named:
        named = _with_likeliest_zh(named, ranked(), lex)
    return named or _keyword_title(_topic_words(ranked(), lex), text, zh, lex.common_words) \
        or (Path(source).stem if source else "") or ("备忘录" if zh else "Memo")


def _with_likeliest_zh(title: str, ranked: Sequence[tuple[TopicWord, float]], lex: Lexicon) -> str:
    """A Mandarin title the speaker named, led by the memo's likeliest topic word when that scores ``SURE_ZH`` or more
    and the title lacks it: "双簧管：哏儿不哏儿", "看护：我妈" say what the memo is about, as "哏儿不哏儿" alone
    does not."""
    best = max((score for found, score in ranked if not found.person), default=0.0)
    word = next(iter(_topic_words(ranked, lex)), "")
    if best < SURE_ZH or not word or word in title or title in word:
        return title
    return f"{word}：{title}"


def _surer_word_en(title: str, ranked: Sequence[tuple[TopicWord, float]]) -> bool:
    """Whether the memo's likeliest topic word (no one's name) scores ``SURE_EN`` or more and the title lacks it."""
    word, score = next(((found.word.lower(), score) for found, score in ranked if not found.person), ("", 0.0))
    low = title.lower()
    return score >= SURE_EN and word not in low and low not in word


def _grounded_zh(title: str, lex: Lexicon, text: str, words: Sequence[str]) -> bool:
    """A Mandarin title the speaker named holds one of the memo's main words or a word said three times, or is said
    again ("牙的事情": 牙): "要不要到阿拉店里来", "声儿沙沙的说实话" are what someone said once, and the memo's words
    (藤椅, 木耳) say what it is about. One that says something of the speaker or his talk (``ASIDE_ZH``: 说实话,
    让我觉得) never is. ``words``: the memo's main words (``ranked_keywords``)."""
    if ASIDE_ZH.search(title):
        return False
    if any(w in title for w in words):
        return True
    if DECIDED_ZH.match(title):
        # "要不要自己也弄一条", "要不要拿去做水质检测": a step of the plan, unless it holds a main word (or names
        # what it decides about first: "押金，要不要告他").
        return False
    said = [u for u in content_units(title, lex) if text.count(u) >= 2]
    return bool(said) or text.count(title.removesuffix("的事情")) >= 2


def _named_title(sentences: Sequence[Sentence], lex: Lexicon, opening: str | None, text: str,
                 words: Sequence[str], topic_ranked: Callable[[], Sequence[tuple[TopicWord, float]]]) -> str:
    """The topic as the speaker names it in the opening; "" when the opening names none. ``words``: the memo's main
    words (``ranked_keywords``); ``topic_ranked``: its topic words with their scores, computed when first asked."""
    zh = lex.language == "zh"
    before_parts = opening is not None  # the speaker named the topic, then listed the parts
    if opening is None:
        opening = " ".join(s.text for s in _opening_sentences(sentences, zh))
    if zh:
        likeliest = functools.cache(lambda: _topic_words(topic_ranked(), lex, close_only=True))
        named = opening_title_zh(opening, text, lex, words, before_parts, likeliest)
        if named:
            return named
    # Where the speaker has just come back from says less of the topic than what he names to talk about or decide.
    namings = sorted((NAMING_ZH if zh else _NAMING_EN).finditer(opening), key=lambda m: "back from" in m.group(0))
    about = ""  # the topic said only as "about the …"
    for m in namings:
        title = m.group(1).strip(" ：:，,")
        if not zh and re.search(r"\bused to\s+$", opening[: m.start()], re.I):
            continue  # "talk it through like how I used to talk through mi lesson plan": how, not what about
        if not zh and NEGATED_EN.search(opening[: m.start()]):
            continue  # "I'm not allowed to talk about cars in the kitchen no more" (round 740's autograss car)
        if not zh and m.group(0).lower().startswith("talk") and _TALK_GIVEN_EN.search(opening[: m.start()]):
            continue  # "gave us a wee talk about not standing under the big bit": someone's talk, not the topic
        if not zh and re.match(r"not\b", title, re.I):
            continue  # "think about not going": what he would not do; the memo's words say what about
        if not zh and _PART_ORDINAL_EN.search(opening[: m.start()]):
            continue  # "first let me talk about the interview itself, … then the money": a part, not the topic
        title = (not zh and restated_en(title, opening, m.end(1), text)) or title  # "the granny flap, the granny flat"
        title = (not zh and said_instead_en(opening, m.end(1))) or title  # "the sabbath call, sorry, the sabbatical"
        if zh and re.match(rf"{MATTER_ZH}|有(?:些|点|个|件)?事", title):
            continue  # "讲下这件事 …", "说两句 有些事儿得先捋明白": the matter was named before, or is named later
        if zh and re.match(r"[讲说聊谈]?(?:出来|清楚|清爽|一遍)", title):
            continue  # "讲讲 讲出来脑子清爽一点", "讲讲清爽" (Shanghainese 讲清楚): why he says it, not what about
        said_words = title.split()
        if not zh and len(said_words) > 1 and said_words[0].lower() == "me" and said_words[1].lower() not in STOP_EN:
            title = title[3:]  # "think about me nan's house": my, as Liverpool or Yorkshire says it
        if not zh and _PRONOUN_HEAD_EN.match(title.split(" ", 1)[0]) and not _NOUN_AFTER_EN.match(title):
            continue  # "think about this properly": the pronoun points at what is not said here
        if zh:
            title = PURPOSE_ZH.split(title, 1)[0]  # "理一理 不然脑壳里面一锅粥": what for, after what
        if zh and re.search(r"越.{0,3}越", title):
            continue  # "理一理，一个人想越想越乱": how the speaker's head is (the more…, the more…), not what about
        head, tail = (HEAD_ZH, TAIL_ZH) if zh else (HEAD_EN, TAIL_EN)
        title = tail.sub("", head.sub("", title))
        if (META_ZH if zh else META_EN).search(title) or (zh and STATEMENT_ZH.search(title)):
            continue
        if zh and re.fullmatch(r"[讲说聊谈](?:好|明白|清楚)", title):
            continue  # "理一理 先讲好 我不是一时脑壳发热": making himself clear, not what about
        if not zh and not {w.lower() for w in title.split()} - lex.common_words - STOP_EN:
            continue  # "decide about the big one, the Christmas craft fair": "big" says which, not what
        # "旁边的大姐在打电话", "终于把智齿给拔了": what happens, not the topic (the raw words: 了 may end them).
        if zh and re.search(r"[在了着]", m.group(1)):
            continue
        if (PRONOUN_HEAD_ZH if zh else _PRONOUN_HEAD_EN).match(title):
            continue  # "talk about it into this…", "录一下这些话跟他说": what it points at is not said here
        if zh and title[-1:] in "呐啊呀哇" and re.match(r"[，,\s]*(?:你|您)", opening[m.end(1):]):
            continue  # "说两句 桂兰呐 你记住了": someone called by name, not what the memo is about
        if zh and person_zh(title, text, addressed=False):
            continue  # "说说浩浩这个事": who the matter is about; the memo's words say what it is
        if zh and verb_twice_zh(title, text):
            continue  # "随便说说 捋捋": how he talks it over (捋一捋), not what about
        low = title.lower()
        # What the speaker has to decide is the topic when he says its noun again ("decide about the other eye").
        phrase = low.split()
        decided = not zh and "decide" in m.group(0).lower() and said_often(phrase[-1], text)
        # Just "about the …" (no verb of naming before it): a short noun phrase, one word only when long enough to
        # be specific ("about the polytunnel", not "about the club"), and only when nothing else names the topic
        # ("heard about the restructure" beside "a train driver job").
        bare = re.match(r"a?bout\b", m.group(0), re.I) is not None
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


def _listed(words: list[str], comma: str, last_joiner: str) -> str:
    *head, last = words
    return f"{comma.join(head)}{last_joiner}{last}" if head else last


# How many, which of them: "two nil", "every loco" say how much of the thing, not its name.
_QUANTITIES_EN = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "every",
                            "each", "any", "some", "no", "all", "both", "few", "many", "more", "most", "last", "next",
                            "first"))


def _said_whole_en(word: str, text: str, plain: frozenset[str] = frozenset()) -> str:
    """An English word with the word that nearly always comes before it ("li hing", "small chops", "chin chin"): the
    name the speaker says, which the topic model saw as two. Whose it is ("Funmi's chops") does not count, nor a word of
    ``plain`` (words of speech: "di badge" is "the badge")."""
    after = rf"\b([a-z][a-z'-]*)\s+(?={re.escape(word)}\b)"  # a lookahead: "chin chin" is before its second chin
    before = Counter(m.group(1).lower() for m in re.finditer(after, text, re.I))
    whose = sum(n for w, n in before.items() if w.endswith("'s"))
    said = len(re.findall(rf"\b{re.escape(word)}\b", text, re.I)) - whose
    lead, n = next(((w, n) for w, n in before.most_common() if not w.endswith("'s")), ("", 0))
    if lead == word.lower():
        said -= n  # "chin chin", "tuk tuk": a name said twice over is said once
    if n < 2 or n < 0.8 * said or lead in STOP_EN or lead in DETERMINERS_EN or lead in _QUANTITIES_EN \
            or lead in plain:
        return word
    return f"{lead} {word}"


def _said_capitalised(word: str, text: str) -> str:
    """``word`` as the speaker says it inside a sentence: every word capitalised (a name: "San Marcos"), the first
    only ("Sallah fights"), or as it is."""
    for form in (" ".join(part.capitalize() for part in word.split()), word.capitalize()):
        if re.search(rf"(?<![.!?]) {re.escape(form)}\b", text):
            return form
    return word


def _keyword_title(picked: list[str], text: str, zh: bool, plain: frozenset[str] = frozenset()) -> str:
    """The memo's topic words as a title ("血糖、奶茶和糖尿病", "Tomatoes, slugs and allotment"); "" when none."""
    acronym = _acronym(text)
    if acronym:  # "HRT, risk and doctor", "AA和账户"
        picked = [acronym] + [w for w in picked if acronym.lower() not in w.lower()]
    if picked:
        if zh:
            whole = dict.fromkeys(said_whole(w, text) for w in picked[:3])  # "大世界" said whole is "冰雪大世界"
            return _listed(list(whole), "、", "和")  # "血糖、奶茶和糖尿病"
        top = picked[:3]
        said = Counter(re.findall(r"[a-z][a-z'-]*", text.lower()))
        # Words keep the form said most ("glasses") and names their capital ("Berlin, German and client").
        top = [max((u for u in said if singular(u) == w), key=lambda u: (said[u], u == w), default=w) for w in top]
        # A pair too: "the under elevens", not "under eleven".
        top = [max((w, w + "s", w + "es"), key=lambda u: (said_as(u, text), u == w)) if " " in w else w for w in top]
        top = list(dict.fromkeys(w if " " in w else _said_whole_en(w, text, plain) for w in top))
        # A name of two words too ("San Marcos, Luling and paddle"; "Sallah fights").
        top = [w if w.isupper() else _said_capitalised(w, text) for w in top]
        top = _said_together(top, text)
        title = _listed(top, ", ", " and ")  # "Tomatoes, slugs and allotment"
        return title[:1].upper() + title[1:]
    return ""
