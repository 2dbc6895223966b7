"""Who a memo names: the people it is about or hears from, whose names are no topic and no title.

Mandarin: a name jieba tags or lacks, a nickname (小雅, 老王, 阿杰), a title of address (王师傅, 德胜叔), someone
who speaks or keeps the speaker company (红霞讲, 跟桂芝), the speaker introducing himself (我叫建军). English: a
capitalised word with 's or before said/told/asked, or after told/asked/with; without capitals, a bare word said
so ("tammy said", "me and gary"). Kin (奶奶, 大伯, mum) are who a memo may well be about, so never a name here.
"""

from __future__ import annotations

import re
from collections import Counter

from .homophones import in_dictionary, is_verb_zh, word_tag
from .similarity import STOP_EN

# First characters of kin words (爸爸, 姐姐, 弟媳): who a memo may well be about, never a name.
KIN_ZH = "爸妈爷奶姥哥姐弟妹"
# A nickname (小雅, 老王, 阿杰, 乐乐, 辉哥, 芳姐); 爷爷, 妈妈, 大哥, 表姐 are kin, who a memo may well be about.
ELDERS_ZH = "叔舅婶伯公婆姑姨"
# I (北方 俺, Shaanxi 额, Taiwanese 偶) and, before a noun, my (俺公公, 咱家, 额爸).
DIALECT_I_ZH = "俺额"  # 我 as northern and Shaanxi speakers say it
_I_ZH = "我" + DIALECT_I_ZH + "偶"
MY_ZH = "俺咱额"
_NAME_ZH = re.compile(rf"^(?:[小老阿][\u4e00-\u9fff]|([^{KIN_ZH}{ELDERS_ZH}宝])\1"
                      rf"|[^{KIN_ZH}{ELDERS_ZH}大二三表堂][哥姐嫂])$")
# jieba's dictionary calls some words names (康复, 矫正): a word it tags as a name in the memo is one when the
# dictionary does not know it (丽娜, 秀云) or it starts with a common surname.
_SURNAMES_ZH = frozenset("王李张刘陈杨赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘蒋蔡余杜叶程苏魏"
                         "吕丁沈任姚卢姜崔钟谭陆汪范廖石金贾夏韦付邱秦")
# Surnames less common, or that start many a word the dictionary calls a name (顾客, 汤圆, 蓝天): names of three
# characters only (冉光富, 顾国良).
_MORE_SURNAMES_ZH = frozenset("江顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚庞樊殷施陶洪翟颜倪严牛温季俞章鲁葛伍申尤毕聂焦"
                              "向柳邢岳齐梅莫庄辛管祝左涂谷祁耿詹凌费纪靳盛童甄项裴卫屈鲍覃霍翁甘包柏宁柯阮闵柴冉饶戚"
                              "滕邬苟褚娄奚穆党郎冀姬屠郜晏栾郁蒙喻窦迟敖冷卓艾蓝巩仲虞卞冼佟匡宗巫鞠桑荆岑薛胥蔺权")
# Common surnames that start too many words to mark a name by themselves (黄瓜, 高铁, 方便, 白天): after 老 or
# 小 they are someone (老高, 小黄).
_NICKNAMED_ZH = "黄高于方白熊孔毛邹史郝傅"

# Days and months are capitalised and no one's name.
NOT_NAMES = frozenset(
    ("I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
     "April", "May", "June", "July", "August", "September", "October", "November", "December")
)
_PERSON_EN = re.compile(r"\b([A-Z][a-z]+)(?:'s\b|'ll\b|\s+(?:said|says|told|asks|asked|thinks|thought|knew|laughed|"
                        r"reckons|wants|and I|and me|rang|"
                        r"texted|called|came|goes|went|did|does|doesn't|didn't|won't|can't|would)\b)"
                        r"|\b(?:told|asked|rang|texted|with|me and|this is|my name is|name's)\s+([A-Z][a-z]+)\b")
# Someone spoken to ("she said Darlene you need to…", "he said Trace I can't…": the word after in any case) or
# the speaker saying who is talking ("aye it's going. Graeme here, Sunday night", "Tahnee, it's Sunday arvo",
# "okay it's Bec, Sunday arvo", "right. Dekka. Tuesday night").
WEEKDAY_EN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"  # "Sunday", "Tuesday": a day of the week
_ADDRESSED_EN = re.compile(r"\b(?:said|says|goes|went)\s+([A-Z][a-z]+),?\s+(?i:you|you're|you've|i|i'm|we|it's|that's|"
                           r"there's|don't|do|is|are)\b|(?:^|[.!?]\s+|\bit's\s+|\bthis is\s+)([A-Z][a-z]+)"
                           rf"(?:\s+here\b|[,.]\s+(?:it's\s+)?{WEEKDAY_EN}\b)", re.M)
# The speaker's surname as he says who is talking ("Gordon Reid, Monday the twenty sixth", "this is Rudy Baca,",
# "Gerry Docherty here").
_SURNAME_EN = re.compile(r"\b(?:this is|my name is)\s+[A-Z][a-z]+\s+([A-Z][a-z]+)(?=[,.]|\s+here\b)"
                         rf"|(?:^|[.!?]\s+)[A-Z][a-z]+\s+([A-Z][a-z]+)(?=\s+here\b|,\s+(?:it's\s+)?{WEEKDAY_EN}\b)",
                         re.M)
# "a shiny Airstream", "the old Crawford's tin": an article, then perhaps a plain adjective, before a capital.
_ARTICLE_BEFORE_EN = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:(?:old|new|big|little|wee|shiny|brand new|second-hand|"
                                r"black|white|red|blue|green|silver)\s+)?$")
# The speaker saying who talks, with or without capitals: "this is clyde, clyde sizemore, it's wednesday", "it's
# dale, dale shoop, tuesday night", "this is Funmi, Funmilayo Adebanjo, Sunday". The first part is the name; a
# second part is one too when it has two words (a single word there is as often the place: "this is yaw darko,
# dansoman, friday").
_INTRODUCED_EN = re.compile(r"(?:^|[.!?]\s+)(?:this is|it's)\s+([a-z]+(?:\s+[a-z]+)?)(?:,\s+([a-z]+\s+[a-z]+))?"
                            rf"(?:,\s+[a-z]+)?,\s+(?:it's\s+)?{WEEKDAY_EN}\b", re.M | re.I)
# Titles of address before a name ("mister khan", "aunty gadija").
# Afrikaans oom and tannie (uncle, aunt) and ouma, oupa; "cousin ndegwa" as "uncle dave". Malay pak, encik, puan
# and makcik (Mr, Mrs, auntie), Filipino kuya, manong, manang, tito and tita (elder brother and sister, uncle, aunt),
# Nigerian oga (boss): "pak ismail", "manang lourdes", "oga emeka".
ADDRESS_EN = ("mister", "mr", "mrs", "ms", "pastor", "auntie", "aunty", "uncle", "cousin", "oom", "tannie", "ouma",
              "oupa", "pak", "encik", "puan", "makcik", "kuya", "manong", "manang", "tito", "tita", "oga")
# ... and after one: Malayalam chettan, chechi (elder brother, sister): "Ravi chettan", "kurian chettan".
ADDRESS_AFTER_EN = ("chettan", "chechi", "chetta")
# A name before such a title ("Ravi chettan").
_NAME_BEFORE_ADDRESS_EN = re.compile(rf"\b([A-Za-z]{{3,}})\s+(?:{'|'.join(ADDRESS_AFTER_EN)})\b")
# Recognition without casing ("tammy said", "jess's mum", "me and gary"): a bare word (no determiner before it:
# "the bank said" is no one) with 's, that says, tells, knows or asks, or is told, asked or rung, or after a title
# of address (``ADDRESS_EN``).
# The word before may open a sentence ("And dwayne wants…"); Jamaican "seh" is "said". Before a determiner or an
# adverb 's is "is" ("she'll tell you peat's the worst").
_PERSON_LOWER_EN = re.compile(r"(?:\b([A-Za-z']+)[.,;:!?]?\s+|^)([a-z]{3,})(?:'s\b(?!\s+(?:the|a|an|not|no|just|always|"
                              r"never|too|so|all|very|only|still|really|been|got|gone|done|over|fine|worse|worst|"
                              r"better|best)\b)|\s+(?:said|says|told|asked|"
                              r"reckons|texted|rang|phoned|knew|thinks|thought|wants|wanted|laughed|seh)\b)"
                              r"|\b(?:told|asked|rang|texted|phoned|me and|" + "|".join(ADDRESS_EN) + r")"
                              r"\s+([a-z]{3,})\b", re.M)
_NOBODY_EN = frozenset(("everyone", "everybody", "somebody", "someone", "anyone", "anybody", "nobody", "people",
                        "they", "who", "which", "that", "what", "all", "both", "back", "round", "around", "again"))
_ADDRESS_ZH = ("师傅", "教练", "老师", "医生", "大夫", "阿姨", "叔叔", "经理", "老板", "律师", "主任", "大姐", "大哥",
               "先生", "娘娘", "嬢嬢", "孃孃")  # 娘娘 / 嬢嬢: an aunt, an older woman (Sichuan, Chongqing: 王娘娘)
# Posts said after a surname are someone (孔书记, 王校长, 刘厂长; 许总 and 王董, the boss and the chairman addressed
# so); alone they are the post, which a memo may be about (竞聘校长, 第一书记).
_ALL_SURNAMES_ZH = _SURNAMES_ZH | _MORE_SURNAMES_ZH | frozenset(_NICKNAMED_ZH)
_POSTS_ZH = ("书记", "校长", "厂长", "院长", "局长", "村长", "队长", "站长", "所长", "科长", "处长", "部长", "镇长",
             "县长", "社长", "馆长", "船长", "组长", "班长", "总", "董")



DETERMINERS_EN = frozenset(("a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "that",
                            "these", "those", "some"))
# A word said after a determiner, perhaps after one word more ("my old dog's"): a thing, no one's name.
_DETERMINED_EN = re.compile(rf"\b(?:{'|'.join(sorted(DETERMINERS_EN))})\s+(?:[a-z]+\s+)?([a-z]{{3,}})\b")


def verb_twice_zh(word: str, text: str) -> bool:
    """A verb said twice for "a little" (唠唠, 算算, 试试): no nickname (乐乐, 航航), though it doubles a character,
    unless the memo says it as someone's name (安安的妈, 给安安, 抱着安安)."""
    if len(word) != 2 or word[0] != word[1] or not is_verb_zh(word[0]):
        return False
    return not re.search(rf"{word}[的在说]|(?:给|跟|和|带|抱着|陪|把){word}", text)  # 把涵涵的事: no verb


# How a person comes up in Mandarin speech: what they say (红霞讲, 二军说, 韩冬电话里说), who the speaker is with,
# asks or sends something (跟桂芝, 让韩冬, 发给韩冬). "给" and "叫" alone give to things and name them (全给飞盘了,
# 这个叫飞盘精神).
# A name said with its pronoun ("邓军他自己也是头一回当老板") is someone's too.
_PERSON_SAID_ZH = "(?:跟|和|让|发给|问|陪|等){w}|{w}(?:说|讲|问|喊|骂|告诉|电话里|打电话|发微信|[他她](?!们))"


def _nickname_zh(word: str, text: str) -> bool:
    """A nickname (小雅, 老王, 阿杰, 乐乐): not a verb said twice (看看), nor a word of the dictionary that only looks
    like one (小区, 老家, 小学, 老人), unless it is 老 or 小 before a surname (老张, 小叶) or kin (阿爸, 小姑)."""
    if not _NAME_ZH.match(word) or verb_twice_zh(word, text):
        return False
    tag = word_tag(word)
    return not tag or tag.startswith("nr") or word[1] in _SURNAMES_ZH or word[1] in _NICKNAMED_ZH + KIN_ZH + ELDERS_ZH


# An elder's title said right after a name (火炎伯, 德胜叔, 秀英姐): the name is someone's. Not 姑娘, 哥们, 姐妹, 婶子.
_TITLE_AFTER_ZH = "(?:[叔舅婶伯姑姨嫂]|[哥姐](?![们妹夫]))(?![娘子妈])"


def _titled_name_zh(word: str, text: str) -> bool:
    """A word said with an elder's title after it twice or more, and half the times it is said or more."""
    if len(word) != 2 or word[0] in KIN_ZH + ELDERS_ZH:
        return False
    titled = len(re.findall(re.escape(word) + _TITLE_AFTER_ZH, text))
    return titled >= 2 and 2 * titled >= text.count(word)


def _addressed_as_someone(word: str) -> bool:
    """A title of address said alone (师傅) or after a surname or a name (王师傅, 德胜大哥): someone; after anything
    else it is a post (班主任, 村主任, 数学老师), which a memo may well be about."""
    before = word[: -2]
    return not before or before[0] in _SURNAMES_ZH | _MORE_SURNAMES_ZH or len(before) >= 2 \
        and word_tag(before)[:2] in ("", "nr")


def _says_zh(word: str, text: str, tag: str) -> bool:
    """A name the dictionary lacks, or calls a name or place, said twice or more as someone who speaks or whom the
    speaker is with (see ``_PERSON_SAID_ZH``): a person, not a topic."""
    if len(word) != 2 or word[0] in KIN_ZH or word_tag(word) and tag[:2] not in ("nr", "ns"):
        return False
    return _said_as_someone(word, text) >= 2


def _said_as_someone(word: str, text: str) -> int:
    """How often ``word`` is said as someone who speaks or keeps the speaker company (``_PERSON_SAID_ZH``)."""
    return len(re.findall(_PERSON_SAID_ZH.format(w=re.escape(word)), text))


# A Latin word in title case in Mandarin speech is an English name (Linda, Kevin; now and then an app, Excel): in
# 29 of 29 dev memos that said one twice, no topic. Things are written in capitals (RTK, VR) or lower case.
_ENGLISH_NAME = re.compile(r"[A-Z][a-z]+")


def surname_zh(char: str) -> bool:
    """Whether a Chinese character is a surname (王, 冉, and 黄 though it starts 黄瓜)."""
    return char in _ALL_SURNAMES_ZH


def person_zh(word: str, text: str, tag: str = "", addressed: bool = True) -> bool:
    """Whether a Mandarin word names someone: a name jieba tags so, of two characters the dictionary lacks (丽娜;
    its 康复 and 矫正 are names too) or starting with a surname (李强, 冉光富; 萨克斯 is an instrument); a
    nickname; a title of address (王师傅, 德胜叔); an English name (Linda); or someone who speaks or keeps the
    speaker company (see ``_says_zh``). Kin (奶奶, 大伯) are who a memo may well be about. ``tag``: jieba's tag
    for the word here; ``addressed``: whether a title of address counts (a memo may be about becoming 村主任)."""
    if not word:
        return False
    if len(word) == 3 and word.endswith("儿") and _nickname_zh(word[:2], text):
        return True  # 老蔫儿, 小六儿: a nickname with the northern 儿
    known = word_tag(word) if len(word) == 2 else ""
    # A word the dictionary lacks is a name, unless said as a thing and not after a surname (濑粉, 阿妈濑粉).
    unknown = len(word) == 2 and not known and (word[0] in _SURNAMES_ZH or not _thing_zh(word, text))
    # The dictionary also calls things names that start with a surname (胡椒, 叶子, 杨梅): said as a thing, no one.
    # A longer word the dictionary holds that starts with a surname is a thing, whatever it is tagged (郁金香, 桑塔纳
    # and 马尼拉 are 'nr' there), unless the memo says it as someone (see ``_PERSON_SAID_ZH``).
    surnamed = len(word) > 2 and not (in_dictionary(word) and not _said_as_someone(word, text))
    named = word[0] in _SURNAMES_ZH and (surnamed or known.startswith("nr") and not _thing_zh(word, text)) \
        or unknown \
        or len(word) == 3 and (word[0] in _MORE_SURNAMES_ZH and surnamed or _NAME_ZH.match(word[:2]))
    # A surname before a title of address is someone (何经理) even where a post may be meant (村主任).
    titled = word.endswith(_ADDRESS_ZH) and _addressed_as_someone(word) and (addressed or word[:-2] in _SURNAMES_ZH) \
        or addressed and len(word) >= 3 and word.endswith(tuple(ELDERS_ZH)) \
        or word[0] in _ALL_SURNAMES_ZH and word[1:] in _POSTS_ZH
    # A surname and 家 is a household ("刚把李家的事过完": the Lis' funeral), as 王家 and 周家 are.
    household = len(word) == 2 and word[1] == "家" and word[0] in _ALL_SURNAMES_ZH
    # jieba's dictionary tags a few given names as two-character idioms (欣怡, 琪琪, 玲玲): a name as 'nr' is.
    name_tag = tag.startswith("nr") or tag == "i" and len(word) == 2
    return name_tag and named or household or _nickname_zh(word, text) or titled \
        or _says_zh(word, text, tag) \
        or _titled_name_zh(word, text) or _surnamed_zh(word, text) or bool(_ENGLISH_NAME.fullmatch(word)) \
        or _people_zh(word, text) or _cut_before_doubled_zh(word, text, tag, addressed)


def _cut_before_doubled_zh(word: str, text: str, tag: str, addressed: bool) -> bool:
    """Two characters jieba cut from a title said doubled (杨嬢|嬢 for 杨嬢嬢, 王奶|奶): someone when the memo
    nearly always says the whole, and the whole is someone."""
    whole = word + word[-1]
    return len(word) == 2 and 4 * text.count(whole) >= 3 * text.count(word) > 0 \
        and person_zh(whole, text, tag, addressed)


# Said after 的 or a measure word ("街上的濑粉", "一碗濑粉"): a thing, though jieba tags a word it lacks as a name.
_THING_BEFORE_ZH = "的碗份斤杯盘袋包箱瓶罐块张台辆"


def _thing_zh(word: str, text: str) -> bool:
    """A word the dictionary lacks said as a thing (after 的 or a measure word) twice or more, and more often than
    as someone: who speaks or keeps the speaker company, or whose place it is ("去志刚那里")."""
    things = sum(n for char, n in chars_before(word, text).items() if char in _THING_BEFORE_ZH)
    someone = _said_as_someone(word, text) + len(re.findall(re.escape(word) + "(?:那里|那儿|那边|家)", text))
    return things >= 2 and things > someone


def _people_zh(word: str, text: str) -> bool:
    """People named as a group, with the plural 们 ("弟兄们都睡了", "工友们"): said so at least half the times the
    word is said, they are who the memo is about (the crew), not what."""
    stem = word.removesuffix("们")
    plural = text.count(stem + "们")
    return len(stem) >= 2 and plural > 0 and 2 * plural >= text.count(stem)


def chars_before(word: str, text: str) -> Counter:
    """How often each character is said right before ``word`` in ``text``."""
    return Counter(text[m.start() - 1] for m in re.finditer(re.escape(word), text) if m.start() > 0)


def _surnamed_zh(word: str, text: str) -> bool:
    """A word said after one surname nearly every time (黄胖子, 刘大个): a nickname, whatever the word alone means
    (胖子), unless the dictionary knows the whole (王府, 马路 are no one)."""
    if len(word) != 2:
        return False
    before = chars_before(word, text)
    char, n = before.most_common(1)[0] if before else ("", 0)
    return n >= 2 and n >= 0.8 * text.count(word) and char in _SURNAMES_ZH | _MORE_SURNAMES_ZH \
        and not word_tag(char + word)


def introduces_zh(phrase: str) -> bool:
    """The speaker saying who he is: I and a name ("我杨建兵 这个事我想了小半个月了")."""
    named = re.fullmatch(rf"[{_I_ZH}]([\u4e00-\u9fff]{{2,3}})", phrase)
    return bool(named) and named.group(1)[0] in _SURNAMES_ZH | _MORE_SURNAMES_ZH \
        and word_tag(named.group(1))[:2] in ("", "nr")


def speaker_zh(word: str, text: str) -> bool:
    """The speaker saying who talks as the memo starts ("俺是红梅 乔红梅", "我叫建军", "我赵淑华"): a name the
    dictionary lacks or calls one, not what the speaker is (我是老师)."""
    tag = word_tag(word)
    # "我赵淑华 今儿五月二十二号": I, then the surname, when jieba cuts the given name off it.
    introduced = re.search(rf"[{_I_ZH}](?:是|叫|[{_SURNAME_CLASS_ZH}]){re.escape(word)}", text[:_OPENING_ZH])
    return (not tag or tag.startswith("nr")) and bool(introduced)


_OPENING_ZH = 100  # characters
_SURNAME_CLASS_ZH = "".join(sorted(_SURNAMES_ZH))  # the common surnames, as a character class's members


def people_en(text: str, plain: frozenset[str] = frozenset()) -> set[str]:
    """Who an English memo names: a capitalised word with 's, before said/told/asked/rang…, or after told/asked/
    with ("Sarah's putting Maisie to bed", "Priya said", "I rang Dave"), lower-cased; a place is seldom said so.
    Without capitals, a bare word with 's, before said/told/knew… or after told/asked/rang ("tammy said", "jess's
    mum", "me and gary"), none of ``plain`` (words of speech) or of grammar."""
    # A word said in lower case after an article is a thing, whatever verb follows it ("the capoeira classes" and
    # "Capoeira came from the slaves"); a name keeps its capital there ("the Manny money", "a Col Brennan whip").
    articled = set(re.findall(r"\b(?:[Tt]he|[Aa]n?)\s+([a-z]{3,})\b", text))
    # "a shiny Airstream went by": a capitalised word after an article is a thing that comes and goes.
    named = {(m.group(1) or m.group(2)).lower() for pattern in (_PERSON_EN, _ADDRESSED_EN)
             for m in pattern.finditer(text) if (m.group(1) or m.group(2)) not in NOT_NAMES
             and not (m.group(1) and _ARTICLE_BEFORE_EN.search(text[max(0, m.start(1) - 30):m.start(1)]))}
    named -= articled
    named |= {(m.group(1) or m.group(2)).lower() for m in _SURNAME_EN.finditer(text[:600])
              if (m.group(1) or m.group(2)) not in NOT_NAMES}
    named |= {m.group(1).lower() for m in _NAME_BEFORE_ADDRESS_EN.finditer(text)}
    named |= {word for m in _INTRODUCED_EN.finditer(text[:600]) for part in m.groups() if part
              for word in part.lower().split() if word not in STOP_EN | plain and word not in ADDRESS_EN}
    determined = {m.group(1) for m in _DETERMINED_EN.finditer(text.lower())}
    for m in _PERSON_LOWER_EN.finditer(text):
        word = m.group(2) or m.group(3)
        if (m.group(1) or "").lower() not in DETERMINERS_EN and word not in STOP_EN | _NOBODY_EN | plain | determined:
            named.add(word)
    return named
