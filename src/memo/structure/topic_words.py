"""Which of a memo's words name its topic, learned from many memos rather than counted alone.

When the speaker never says "this is about X", the title is the memo's topic words. The most repeated word is
often not one: a memo about a hot tub says "Martin", "phone" and "bath" more often than "hot tub", one about a
boxing gym says 年卡 and 次卡 more than 拳击. What tells the topic apart is how the word is said: early, all
through the memo, not a person, not a word every memo says (money, 电话). A small logistic model weighs these
few signals (``features``), learned by ``bench/train_topic.py`` from the bench's dev memos: each candidate
word that one of the checklist's title words contains, or that is part of one, is a topic word.

The model is the signals and their pairs' weights (English 15 signals, 120 weights; Mandarin 16, 136) and, per
language, how many training memos said each word (words said in many memos, like "money" or 孩子, seldom name a
topic); no memo's own topic is stored. Weighing each pair of signals as well as each signal: on 739 dev memos, 5-fold
by memo, the keyword title names the topic in 181 of 246 English memos where single signals named 168 (Mandarin 163
of 218 either way). Mandarin's 16th signal is how much the word's rarest-and-most-said character stands out
(``character_weights``; the model also keeps how many memos said each character): a topic is often said in many
words that share one (伞 in 油纸伞, 撑伞, 伞骨). Learned on rounds before 126 and tested on rounds 126-149, it named
the topic in 91 of 120 Mandarin titles against the shipped model's 83; before 150 on 150-159, 43 of 50 against 41
(relearned without it, 41). The shipped models are learned on every dev memo before round 533 (2592 English, 2595
Mandarin): learned before round 484, rounds 484-520 (370 memos neither model saw) name the topic in 309 titles
against the models then shipped (1047 English, 770 Mandarin memos) 298; learned before 440, rounds 440-483 (440) 360
against 355. Earlier relearnings on fewer memos were noise (before 300 on 300-359: 489 against 494). The Mandarin
model is relearned on the 3515 Mandarin dev memos before round 712 with one more kind of candidate, two characters
jieba cuts apart but the speaker says together (``_split_pairs_zh``: 快|书, 乌|骓): learned before round 600 with
and without them, the 520 Mandarin memos of rounds 600-703 name the topic in 456 titles against 452 (5 better, 1
worse; the model then shipped, 451). Relearning alone is still noise (before 678, rounds 678-699: 95 of 110 Mandarin
titles against 94, 96 of 110 English against 95), so the English model stays as it was.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .homophones import is_verb_zh, straddle_share, word_tag
from .lexicon import Lexicon
from .people import (
    ADDRESS_EN,
    DIALECT_I_ZH,
    ELDERS_ZH,
    KIN_ZH,
    MY_ZH,
    chars_before,
    people_en,
    person_zh,
    speaker_zh,
    surname_zh,
)
from .sentences import Sentence
from .telling_zh import TELL_ZH
from .topic_words_en import BEFORE_NAMES_EN, LANGUAGES_EN, placed_en, said_pattern, singular, units_en

_DATA = Path(__file__).with_name("data")

# jieba's tags of words that never name a topic: numerals, time words, measure words, adverbs, pronouns,
# conjunctions, prepositions, particles, adjectives, places relative to something (十二, 下午, 大概, 首先, 明显, 后面,
# 门口, 家里).
NOT_TOPIC_TAGS = frozenset(("m", "mq", "t", "tg", "q", "d", "dg", "r", "rr", "rz", "c", "p", "u", "uj", "ul", "y", "e",
                            "o", "a", "ad", "ag", "z", "zg", "f", "s", "x", "uz", "ud", "ug", "uv"))
# A bigram starting or ending on a particle or pronoun is not a word (的钱, 我爸, 是在; Hunan 哒 is 了); 上海 is.
PARTICLES_ZH = frozenset("的了着过吧呢啊么嘛吗呀们个是在就也还和我你妳他她它这那一不有很要会说把被让给对得地都没俩仨哒")
HAN = re.compile(r"[\u4e00-\u9fff]")  # one Chinese character
FEATURES = ("log_count", "share_of_top", "first_at", "in_first_two", "in_first_five", "spread", "memo_rarity",
            "general_rarity", "person", "proper", "determined", "two_words", "length", "noun", "verb",
            "character_weight")
# The signals of a word itself, every model's; a model may weigh more (Mandarin: ``character_weight``).
WORD_FEATURES = FEATURES[:15]
@dataclass(frozen=True)
class TopicWord:
    """A word (or two-word phrase) the memo says, how often, and its features in ``FEATURES`` order."""

    word: str
    count: int
    features: tuple[float, ...]
    person: bool = False


@dataclass(frozen=True)
class TopicModel:
    language: str
    memos: int  # how many memos the document counts come from
    said_in: dict[str, int]  # word -> how many training memos said it (words said in two or more)
    weights: tuple[float, ...]  # one per feature, then one per pair of features (``paired``)
    intercept: float
    features: tuple[str, ...] = WORD_FEATURES  # the model's features, of ``FEATURES``
    characters_said_in: dict[str, int] | None = None  # Chinese character -> how many training memos said it


# Cantonese says 系 for 是 ("真系", "唔系", "系咪"): in a memo that does, a pair with 系 is "is" and a word
# (系茶 is "is tea", 全系 "all are"), never the topic (round 298's liubao tea was titled 系茶、新茶和真系).
_COPULA_XI = re.compile(r"唔系|真系|就系|系咪|都系|即系|咪系|梗系|[我你佢]系")


def _says_xi_for_is(text: str) -> bool:
    return len(_COPULA_XI.findall(text)) >= 2


# Measure words: "上条船", "这台车", "两头牛" say how many of a thing, and a pair opening on one is no word.
_MEASURES_ZH = "条只台辆艘张件块本间栋头匹根把座位棵"
_COUNTING_ZH = "这那哪每几一两二三四五六七八九十上下"


def _counted_thing(unit: str, text: str) -> bool:
    """A measure word and its noun (条船 in 上条船, 这条船), mostly said after a number or a demonstrative: how
    many of the thing, no word the dictionary knows (块钱 and 头发 are words)."""
    if unit[0] not in _MEASURES_ZH or word_tag(unit):
        return False
    counted = sum(n for c, n in chars_before(unit, text).items() if c in _COUNTING_ZH)
    return 2 * counted >= text.count(unit)


def topic_word_zh(unit: str, text: str) -> bool:
    """Whether a pair of characters the memo says is a word that may name its topic: not a place relative to
    something, not a word of grammar, not mostly the end of one word and the start of the next."""
    if re.fullmatch(r"[a-z0-9]+", unit):
        return True
    if "系" in unit and _says_xi_for_is(text):
        return False
    if _counted_thing(unit, text):
        return False
    if unit.endswith("里"):  # 店里, 厂里, 村里: where something happens, not what the memo is about
        return False
    if re.fullmatch(rf"[{TELL_ZH}喊叫问骂][{KIN_ZH}]", unit):  # "跟我讲 妈 我不想读了": telling, then who is told
        return False
    if set(unit) <= set("上下左右前后里外内中"):  # 右上, 左下, 前后: where, not what
        return False
    tag = word_tag(unit)
    if tag in NOT_TOPIC_TAGS:
        return False
    # 喝咖 (喝|咖啡), 段时 (段|时间), 天下 (第二天|下午) are mostly pairs across two words; 阿杰 is a name; a
    # word the dictionary lacks but the memo says often (牙套, 借呗) may straddle now and then (新的牙套子).
    if tag:
        return straddle_share(text, unit, PLACE_AFTER_ZH) < 0.5
    return straddle_share(text, unit, PLACE_AFTER_ZH) < (0.2 if text.count(unit) >= 5 else 0.01)


def _units_zh(text: str, lex: Lexicon) -> dict[str, str]:
    """Candidate words with their jieba tag: nouns, verbs, names and words jieba lacks, of two to five
    characters, not everyday words of speech."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    out: dict[str, str] = {}
    tokens = [(word, flag) for word, flag in jieba.posseg.cut(text)]
    found = tokens + _compounds_zh(tokens, text) + _split_pairs_zh(tokens) + _split_names_zh(tokens, text, lex)
    for word, flag in found:
        if 2 <= len(word) <= 5 and re.fullmatch(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", word) \
                and flag not in NOT_TOPIC_TAGS and word not in lex.common_words \
                and not (len(word) == 2 and (_particle_pair(word) or not topic_word_zh(word, text))) \
                and not set(word) <= PARTICLES_ZH \
                and not re.fullmatch(r".+[了着].+|(.)不\1.?", word) \
                and not (flag.startswith("nr") and _verb_and_object(word)) \
                and not _verb_and_result(word) and not _regional_this(word) and not _telling_pair(word, flag) \
                and not _modal_and_verb(word) and not _kin_and_modal(word) and not _verb_and_complement(word, text) \
                and not _dialect_i(word) \
                and not ("系" in word and _says_xi_for_is(text)):  # 撞了人, 喝咖啡, 讲清楚: something done
            out.setdefault(word, flag)
    return out


def _telling_pair(word: str, flag: str) -> bool:
    """Two characters the dictionary lacks, one a verb of telling (Hunan's 港 among them): someone telling (伊讲,
    爸港), how (乱讲, 先港) or what about (讲价), never the topic (round 715's village museum was titled
    手港、药箱和本子 from "拉着我的手港": held my hand and said). 鹿港 and 东港, tagged as places, are harbours."""
    return len(word) == 2 and flag != "ns" and bool(set(word) & set(TELL_ZH + "港")) and not word_tag(word)


def _dialect_i(word: str) -> bool:
    """A pair the dictionary lacks with the speaker in it, Shaanxi 额 or northern 俺 for 我 (额心, 额画, 比额, 可额),
    or one led by 额们 / 俺们 (额们村: our village): never the topic (round 745's mutton-blood stall was titled
    羊血、公公和比额). 金额, 额度 and 名额 are the dictionary's."""
    return len(word) == 2 and bool(set(word) & set(DIALECT_I_ZH)) and not word_tag(word) \
        or word[:2] in ("额们", "俺们")


# A single character that heads a noun after the word before it: 臊子|面, 六堡|茶, 洗车|店, 登高|车, 体验|馆.
_HEAD_TAGS_ZH = ("n", "ng", "zg", "nz")
# Kin head no thing (大舅|哥), and before a head they make it someone's (舅舅|店 is the uncle's shop).
_KIN_CHARS_ZH = frozenset(KIN_ZH + ELDERS_ZH)
# Suffixes (老汉|儿, 老倌|子) head no thing either.
_NOT_HEADS_ZH = frozenset("儿子") | PARTICLES_ZH | _KIN_CHARS_ZH | frozenset(MY_ZH)  # 还有|额 (Shaanxi "and me")


def _compounds_zh(tokens: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """Nouns jieba cuts in two, said whole twice or more: a word and the one character that heads it (臊子面, 羊肉粉,
    升学宴, 夫妻车), tagged as nouns. The memo's topic is often such a name, and its first part alone names
    something else (臊子, 羊肉)."""
    found = dict.fromkeys(
        first + head for (first, flag), (head, head_flag) in itertools.pairwise(tokens)
        if len(first) <= 4 and len(head) == 1 and HAN.match(head) and head_flag in _HEAD_TAGS_ZH
        and re.fullmatch(r"[\u4e00-\u9fff]+", first) and flag not in NOT_TOPIC_TAGS
        and head not in _NOT_HEADS_ZH and first[-1] not in _KIN_CHARS_ZH
        and (len(first) > 1 or first not in PARTICLES_ZH and head != "人" and not word_tag(first + head))
    )
    # One character before the head (溯|溪, 洗|肺, 王|船, 走|银) pairs with it by chance more often: said whole
    # three times; 人 after one character is someone (冇人, 找人, 请人), no thing.
    return [(word, "n") for word in found if _said_whole(word, text) >= (2 if len(word) > 2 else 3)]


# Tags of single characters that join no word the dictionary lacks (我|家, 不|会, 三|个, 就|是): those of words that
# name no topic, but for adjectives (快|书), places and characters jieba has no tag for (王|嬢), which may.
_NOT_JOINING_ZH = NOT_TOPIC_TAGS - frozenset(("a", "ad", "ag", "z", "zg", "s", "x"))


def _split_pairs_zh(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two characters jieba cuts apart, said together three times or more (快|书, 乌|骓, 宅|配, 纸|扎): a word its
    dictionary lacks, often the memo's own thing."""
    said = Counter(
        a + b for (a, fa), (b, fb) in itertools.pairwise(tokens)
        if len(a) == 1 and len(b) == 1 and HAN.match(a) and HAN.match(b) and not {a, b} & PARTICLES_ZH
        and fa not in _NOT_JOINING_ZH and fb not in _NOT_JOINING_ZH and b != "人"  # 冇|人, 找|人: someone
    )
    return [(pair, "") for pair, n in said.items() if n >= 3]


# Tags of words in no name: a preposition (跟|秀兰), a time (白天|睡), an adverb; numerals are (多多, 号) unless
# they count (二|虎跑).
_NOT_NAMING_ZH = NOT_TOPIC_TAGS - frozenset(("m", "mq"))
_NUMERALS_ZH = frozenset("一二三四五六七八九十两几半百千万零")
# Someone, not a thing: 老|倌子, 小|闺女, 阿|水伯 (a prefix of address), 后生|仔, 尕|伙子 (a suffix of people); a
# surname before a word is someone too (黄|老板, 周|大爷, 刘|胖子), and kin anywhere make it someone (大舅|哥) or
# someone's (舅舅|店).
_PERSON_PREFIX_ZH = frozenset("老小阿")
_PERSON_SUFFIX_ZH = frozenset("子仔")


def _split_names_zh(tokens: list[tuple[str, str]], text: str, lex: Lexicon) -> list[tuple[str, str]]:
    """Three characters jieba cuts as one and two (拼|多多, 货|拉拉, 公众|号), said whole twice or more and their
    two-character part never apart: a name its dictionary lacks (a shop, an app, a product), often the memo's
    topic. Not someone (黄|老板, 老|倌子), something done (贴|瓷砖, 店长|讲) or a word of speech (讲|起来)."""
    found = {
        a + b: a if len(a) == 2 else b for (a, fa), (b, fb) in itertools.pairwise(tokens)
        if {len(a), len(b)} == {1, 2} and re.fullmatch(r"[\u4e00-\u9fff]{3}", a + b)
        and not set(a + b) & (PARTICLES_ZH | _NUMERALS_ZH) and not word_tag(a + b)
        and fa not in _NOT_NAMING_ZH and fb not in _NOT_NAMING_ZH
        and not (len(a) == 1 and fa.startswith("v") and fb[:1] == "n")  # 贴|瓷砖: doing something to a thing
        and not (len(b) == 1 and fb.startswith("v"))  # 店长|讲: someone doing something
        and a not in lex.common_words and b not in lex.common_words
        and a[0] not in _PERSON_PREFIX_ZH and b[-1] not in _PERSON_SUFFIX_ZH and not surname_zh(a[0])
        and not set(a + b) & _KIN_CHARS_ZH
    }
    return [(word, "") for word, part in found.items()
            if (whole := _said_whole(word, text)) >= 2 and text.count(part) == whole]


# Where a noun is, said right after it (甲骨上, 店里): it neither joins the word nor ends it early.
PLACE_AFTER_ZH = frozenset("上下里中外内边")
# After a compound also 前, 后, 头 (车头, 店前): the head still ends the word (店里, 车上).
_AFTER_HEAD_ZH = PLACE_AFTER_ZH | frozenset("前后头")


def _said_whole(word: str, text: str) -> int:
    """How often ``word`` is said as a word: not where its last character starts the next word (文辉电脑 says no
    文辉电: 电脑 is a word), unless the next character says where (按摩店里, 链轨车上)."""
    return sum(
        1 for m in re.finditer(re.escape(word), text)
        if not (m.end() < len(text) and text[m.end()] not in _AFTER_HEAD_ZH
                and word_tag(text[m.end() - 1 : m.end() + 1]))
    )


# Nouns of everyday speech with a particle's character, said in many memos and naming none (地方 in 77 of 1195).
_EVERYDAY_PAIRS_ZH = frozenset(("地方", "对面", "会儿", "个人", "有数", "对方", "不值"))
# Pronouns and 一 make no noun of a pair the dictionary may list (我会, 一针); 他 does (吉他).
_PRONOUNS_ZH = frozenset("我你她它这那们一")


def _particle_pair(word: str) -> bool:
    """Two characters with a particle or pronoun among them that the dictionary knows as no noun (是在, 就是), or
    with a pronoun or 一 (我会, 一针): no word; 网吧, 成都, 工地, 会员, 对联 (a verbal noun) are nouns, however their
    characters read alone."""
    if not set(word) & PARTICLES_ZH:
        return False
    tag = word_tag(word)
    return bool(set(word) & _PRONOUNS_ZH) or word in _EVERYDAY_PAIRS_ZH \
        or tag not in ("n", "ns", "nz", "nt", "vn")


# What a verb of one character reached (讲清楚, 排到, 过完): jieba joins them into a word it does not know.
_RESULT_ZH = re.compile(r"(.)(?:清楚|明白|到|过|完|掉|住|好|成)")


def _verb_and_result(word: str) -> bool:
    """A verb of one character and its result, a word the dictionary lacks or knows as no noun or adjective (讲清楚,
    排到, 修好, 修成): something done, no topic; 爱好 is a noun."""
    tag = word_tag(word)
    # Having finished is no thing whatever the verb (Hunan 恰完: eaten, 恰 no verb to jieba).
    return bool(_RESULT_ZH.fullmatch(word)) and not tag.startswith(("n", "a")) \
        and (is_verb_zh(word[0]) or word[1:] == "完" and not tag)


# Verbs of wanting, daring and being able: said before another verb (能卖, 想去, 敢接), what someone can or would do.
_MODAL_ZH = "能想要会敢肯该"


def _modal_and_verb(word: str) -> bool:
    """A modal verb and a verb the dictionary does not know together (能卖, 想整, 敢接): what someone can or would
    do, no topic."""
    return len(word) == 2 and word[0] in _MODAL_ZH and not word_tag(word) and is_verb_zh(word[1])


def _kin_and_modal(word: str) -> bool:
    """Kin and a modal verb jieba joined into a word it does not know ("俺娘能不问": 娘|能): who can or would, no
    topic."""
    return len(word) == 2 and (word[0] in _KIN_CHARS_ZH or word[0] in "娘爹") and word[1] in _MODAL_ZH \
        and not word_tag(word)


# Where a verb gets to, or whether it can (选上, 选不上, 卖得出): its complement.
_COMPLEMENTS_ZH = "上下起出到动完成好来去过住掉"


def _verb_and_complement(word: str, text: str) -> bool:
    """A verb and its complement, told apart by the memo's own use (选上 said beside 选不上; 卖得出 after a verb), the
    dictionary lacking them: something done or not, no topic (round 724's Davos English course was titled
    选上、外宾和选不上)."""
    if word_tag(word) or len(word) not in (2, 3) or word[-1] not in _COMPLEMENTS_ZH:
        return False
    if len(word) == 3:
        return word[1] in "不得" and (is_verb_zh(word[0]) or word[0] + word[2] in text)
    return f"{word[0]}不{word[1]}" in text or f"{word[0]}得{word[1]}" in text


# A regional "this": Tianjin 介样, Hunan 咯样, Sichuan 勒个, Shanghainese 搿个.
REGIONAL_THIS_ZH = "介咯勒搿"


def _regional_this(word: str) -> bool:
    """A regional "this" before what it points at (``REGIONAL_THIS_ZH``), or after a verb (Tianjin 干介个: "do
    this", round 297's bursary was titled 孔书记和干介), a word the dictionary lacks: the pointing, no topic."""
    return (word[0] in REGIONAL_THIS_ZH or word[-1] in REGIONAL_THIS_ZH and is_verb_zh(word[0])) \
        and not word_tag(word)


def _verb_and_object(word: str) -> bool:
    """A verb of one character and a noun jieba took together for a name it does not know (喝咖啡, 戴眼镜)."""
    return len(word) == 3 and is_verb_zh(word[0]) and word_tag(word[1:]).startswith("n")


def _count(word: str, text: str, zh: bool) -> int:
    if zh:
        return text.count(word)
    return len(re.findall(said_pattern(word), text, re.I))


@lru_cache(maxsize=1)
def _general_rarity_zh() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies (how rare a word is in general Chinese text) and their median."""
    import jieba.analyse

    path = Path(jieba.analyse.__file__).with_name("idf.txt")
    idf = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]


def character_weights(text: str, said_in: dict[str, int], memos: int) -> dict[str, float]:
    """How much each Chinese character said twice or more stands out in ``text``: how often it is said, by how few
    of ``memos`` training memos said it (tf-idf), as a share of the memo's highest. A topic is said in many words
    that share a character: 伞 in 油纸伞, 撑伞, 伞骨 and 红伞, 蟹 in 帝王蟹 and 活蟹, each too seldom alone to
    stand out as a word."""
    said = Counter(HAN.findall(text))
    weights = {ch: n * math.log((memos + 1) / (said_in.get(ch, 0) + 1)) for ch, n in said.items() if n >= 2}
    top = max(weights.values(), default=0.0)
    return {ch: w / top for ch, w in weights.items()} if top > 0 else {}


def candidates(sentences: Sequence[Sentence], lex: Lexicon, said_in: dict[str, int] | None = None,
               memos: int = 1, characters_said_in: dict[str, int] | None = None) -> list[TopicWord]:
    """The memo's candidate topic words said twice or more, with their features (see ``FEATURES``);
    ``characters_said_in``: see ``TopicModel`` (without it, ``character_weight`` is 0)."""
    zh = lex.language == "zh"
    texts = [s.text for s in sentences]
    text = ("" if zh else " ").join(texts)
    if not texts:
        return []
    units = _units_zh(text, lex) if zh else units_en(sentences, lex)
    counts = {w: _count(w, text, zh) for w in units}
    counts = {w: n for w, n in counts.items() if n >= 2}
    if not counts:
        return []
    top = max(counts.values())
    n_s = len(texts)
    fifths = [("" if zh else " ").join(texts[i * n_s // 5: (i + 1) * n_s // 5]) for i in range(5)]
    general, median = _general_rarity_zh() if zh else ({}, 0.0)
    if zh:
        people = {w for w, tag in units.items() if person_zh(w, text, tag) or speaker_zh(w, text)}
    else:
        named = {w for w, t in units.items() if t == "nr" and not placed_en(w, text)}
        people = (people_en(text, lex.common_words) | named) - LANGUAGES_EN
        # Candidates are said in the singular: "mr fernandes" is the candidate "fernande" (round 763's flugelhorn
        # purchase was titled "Fernandes, trumpet and music shop"). Only a name said after Mr or Mrs: "bearers
        # wanted" is how people_en finds someone too.
        titled = "|".join(BEFORE_NAMES_EN)
        people |= {singular(p) for p in people if re.search(rf"\b(?:{titled})\.?\s+{re.escape(p)}\b", text, re.I)}
    said_in = said_in or {}
    characters = character_weights(text, characters_said_in, memos) if zh and characters_said_in else {}
    out = []
    for word, n in counts.items():
        first = next((i for i, t in enumerate(texts) if _count(word, t, zh)), n_s)
        tag = units[word]
        # "aunty gadija", "mister khan": a title of address before someone's name is someone too, and alone
        # ("Aunty said…") it stands for someone; Mr, Mrs and Ms come only before a name ("mrs hendricks", which
        # the pair holds as "mrs hendrick").
        first_word = word.split(" ")[0]
        person = word in people or not zh and (word in ADDRESS_EN or first_word in ADDRESS_EN and (
            word.rsplit(" ", 1)[-1] in people or first_word in BEFORE_NAMES_EN))
        proper = not person and (tag in ("ns", "nz", "nt") if zh else tag == "nr")
        features = (
            math.log(n), n / top, first / n_s, float(first < 2), float(first < 5),
            sum(bool(_count(word, f, zh)) for f in fifths) / 5,
            math.log((memos + 1) / (said_in.get(word, 0) + 1)) / math.log(memos + 1),
            (general.get(word, median) / 12.0) if zh else 0.0,
            float(person), float(proper), float(tag == "nd"), float(" " in word), len(word) / (4 if zh else 10),
            float(tag.startswith("n") and not person), float(tag.startswith("v")),
            max((characters.get(ch, 0.0) for ch in word), default=0.0),
        )
        out.append(TopicWord(word, n, features, person))
    return out


@lru_cache(maxsize=4)
def load_model(language: str) -> TopicModel | None:
    """The shipped model for ``language``; None when there is none (then words are ranked by count)."""
    path = _DATA / f"topic_{language}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TopicModel(language, data["memos"], data["said_in"], tuple(data["weights"]), data["intercept"],
                      tuple(data["features"]), data.get("characters_said_in"))


def paired(features: Sequence[float]) -> list[float]:
    """The features, then the product of each pair of them (first with second, first with third, …)."""
    out = list(features)
    out += [a * b for i, a in enumerate(features) for b in features[i + 1 :]]
    return out


def model_features(word: TopicWord, model: TopicModel) -> list[float]:
    """The word's features the model was learned on, in its order."""
    return [word.features[FEATURES.index(name)] for name in model.features]


def score(word: TopicWord, model: TopicModel) -> float:
    return model.intercept + sum(w * f for w, f in zip(model.weights, paired(model_features(word, model)),
                                                        strict=True))


def topic_words(sentences: Sequence[Sentence], lex: Lexicon) -> list[tuple[TopicWord, float]]:
    """The memo's candidate topic words, likeliest first, with their scores (log-odds; counts without a
    model)."""
    model = load_model(lex.language)
    if model is None:
        return sorted(((w, float(w.count)) for w in candidates(sentences, lex)), key=lambda x: -x[1])
    found = candidates(sentences, lex, model.said_in, model.memos, model.characters_said_in)
    return sorted(((w, score(w, model)) for w in found), key=lambda x: -x[1])
