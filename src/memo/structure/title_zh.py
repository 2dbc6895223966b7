"""The topic as a Mandarin speaker names it in the opening: with a verb of naming (聊一下…), as a matter (换车的事,
这桩事体, 介个事), pointed at (这个晚托班), as a decision (要不要…) or a choice (住不住校). title.py asks these first,
then the memo's keywords; ``said_whole`` gives a keyword the characters the speaker always says with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .cleanup import Lexicon
from .homophones import is_verb_zh, word_tag
from .people import KIN_ZH, MY_ZH, chars_before, introduces_zh, person_zh
from .similarity import tokens
from .telling_zh import TELL_ZH, XIA_OF_TELLING
from .topic_words import NOT_TOPIC_TAGS, PARTICLES_ZH, PLACE_AFTER_ZH, REGIONAL_THIS_ZH

# 一哈 is southwest Mandarin's 一下 (说一哈, 理一哈); 说下 before 一步 is "tell the next step", a part.
# 讲下 is 讲一下 unless a time follows ("讲下个礼拜整哪样" tells next week's plan): items.py reads it so too.
# "讲一讲 讲完心里会比较清楚": a doubled verb after 一 is "讲一讲" and the next clause, which names nothing.
_NAMING_VERBS_ZH = ("聊一下|(?<!一)聊聊|说一下|(?<!一)说说|讲一下|(?<!一)讲讲|谈一下|(?<!一)谈谈|关于|理一理|"
                    "想一想|琢磨|"
                    rf"[讲说聊港](?:下|一哈){XIA_OF_TELLING}|理一哈|[讲说聊]两句|"
                    # "我想讲下个礼拜去县里比赛的事": 讲, then when (下个礼拜)
                    r"[讲说聊港](?=下个?(?:礼拜|星期|周|月))")
# "对着手机说 说完了再听" is cleaned to 说说完了: telling, then having told (完, 清楚), which names nothing; "说说吧
# 说出来心里能好受点" ends on a particle (not 吧台, 呢子): telling, and the next clause says why (round 735's rigged
# scales was titled 吧说出来心里能好受点). Telling denied ("我啥子都没说 下楼 跑到天桥底下", cleaned to 没说下楼…)
# names nothing either (round 738's bimo apprentice was titled 楼跑到天桥底下).
NAMING_ZH = re.compile(rf"(?<![没不别莫甭])(?:{_NAMING_VERBS_ZH})[，、\s]*(?!完|清楚|[吧呢啊呀啦](?![台子绒啦]))"
                       r"([^，。！？；]{2,24})")
# What comes after 录一下 / 记一下 is what the speaker does next ("录一下 回头自己再听", "录一下 脑子乱 理一理"), not
# the topic; "录一下学游泳这件事" names it with a marker (_TOPIC_ZH). Both verbs go from a title all the same.
_NAMING_VERB_ZH = re.compile(rf"^.*?(?:{_NAMING_VERBS_ZH}|录一下|记一下|录下来)")
# The topic named with a marker that says so ("换车的事", "学游泳这件事"): the words before it are the topic.
# Regional markers too: 这桩事体 (Shanghainese), 这码事, 这档子事 (northern), 介个事 (Tianjin), 咯只事 (Hunan),
# 呢件事 (Cantonese); 那个事 as well as 这个事 (平遥那个事).
MATTER_ZH = (r"这件事情?|这个事情?|那(?:件|个)事情?|这桩事体?|搿(?:个|桩)事体?|这码事|这档子?事|"
             r"(?<![中媒简])介(?:个|档子?)事|咯(?:只|个)事|呢(?:件|个)事")
# 是 between two words says what something is or when it was; 还是, 就是, 要是, 不是 … join or weigh.
_COPULA_ZH = re.compile(r"(?<![还就要可但于不凡老总真倒硬光也都])是(?!不是)")
_TOPIC_ZH = re.compile(rf"([^，。！？；\n]{{2,16}}?)(?:，?(?:{MATTER_ZH})|的事情?|的事儿|(?<![中媒简])介事)")
# What ends a clause before "这个事" ("脑子里全是这个事", "我想的是这个事"): the marker points back, names nothing.
# ... or a sentence's closing particle ("我小声点讲个么，这个事体我想了半个多月了").
_CLAUSE_END_ZH = re.compile(r"(?:[是有在想说就都也还为对跟给么吧呢啊呀嘛]|钟头|分钟|小时|会儿|句话|秒钟?)$")
# Speaking of it ("讲到咯个事，还是要讲萱萱", "一提起这个事就骂我"): the matter was named before, or is named later.
_SPEAKING_OF_ZH = re.compile(r"[讲说提谈聊港][到起]$")
TAIL_ZH = re.compile(
    rf"(?:{MATTER_ZH}|的事情?|的想法|(?:完整地|好好|仔细)?(?:过一遍|理一理|捋一捋)|吧|了|呢)+$"
)
# "讲一下先今日的事": 先 says when it is told, before the two characters of what.
# A regional "this" (Tianjin 介壶, Hunan 咯只, Sichuan 勒个, Shanghainese 搿个) points like 这个; 介绍, 勒索 are words.
# "先说夜儿个那个事儿", "讲一下啦 我先讲这趟过去": (我) 先说 says when it is told, a particle before it ends a clause.
HEAD_ZH = re.compile(rf"^(?:的|一个|一下|这个|那个|关于|就是|[先再](?=[\u4e00-\u9fff]{{2}}$)|"
                     rf"[啦呀啊哈嘛呢吧]?[我俺]?[先再][{TELL_ZH}]|"
                     rf"(?!介[绍意入质于]|咯[血吱]|勒[索令紧])[{REGIONAL_THIS_ZH}][个只件样]?(?=[\u4e00-\u9fff]))+")
# A decision said as a question ("要不要把老房子卖了", "该不该辞职") names what the memo weighs.
DECIDED_ZH = re.compile(r"要不要|该不该|是不是该|是否要?")
_DECISION_ZH = re.compile(
    rf"(({DECIDED_ZH.pattern})([^，。！？；\s]{{2,14}}?))(?:呢|吧)?(?=[，。！？；\s]|这件事|这个事|的事|$)"
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
# ... with its measure word when a word of two or more follows ("表弟那套房子的事" -> 房子, not 套房子).
_POINTED_AT_ZH = re.compile(r".*(?:这个|那个|这件|那件|"
                            r"[这那](?![样么里儿些边次会])(?:[套间辆台栋块条只张本座艘架棵匹部](?=\S{2}))?)")
_DEMONSTRATIVE_ZH = re.compile(r"(?<=[做搞开学买换])(?:这个|那个|这件|一个)")
# Words about the memo or one of its parts ("再掂量掂量 到底划不划算" is the analysis), never its topic.
# A question put as "A不A" (靠不靠谱, 划不划算) weighs the topic and does not name it; 要不要 asks what to do.
# A part's name is no topic: "why do it" in any region's words (为甚非得弄这个, 为哪样我要想这个事) is one, though
# "为什么我想离职" names what the memo is about.
META_ZH = re.compile(r"部分|分[几两三四五六]块|算算?账|算笔账|结构|大纲|框架|录一段|顺序|值不值|怎么办|怎么弄|咋办|"
                      r"感受|滋味|原因|分析|计划|结论|"
                      r"^那?(?:为什么|为啥子?|为甚|为嘛|为么子|为哪样|点解)[我俺]?(?:非得|非要|一定要|要|想|得)?[弄整搞干做想](?:这个)?$|"
                      # "录下来也给倩倩听听", "看要不要放给他听": what the recording is for
                      r"录下来|听听$|放给.{0,3}听|"
                      r"咋弄|咋整|往下咋|"
                      # "捋一捋 我先说说昨儿个到底怎么回事儿": the order of the parts (the bench's meta check)
                      r"(?:先|再|然后|最后|接下来|下面)(?:说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈|摆一下|摆摆)|"
                      r"好处|坏处|利弊|优缺点|^(?:要|想|得)?(?:讲|说|聊|谈|唠)+$|"
                      r"([\u4e00-\u9fff])不\1(?<!要不要)(?<!该不该)(?<!是不是)")
# What the speaker says of himself or of his talk, not of a topic ("声儿沙沙的说实话", "说真的膝盖", "让我觉得",
# "脑瓜子嗡嗡的得捋捋", "我都不知道怎么回", "我要去镇上林业站一趟"): a title named in the opening that says it
# gives way to the memo's words.
ASIDE_ZH = re.compile(r"说实话|说真的|说到底|说白了|讲真|老实(?:讲|说)|[让叫]我觉得|不知道|捋捋|理清|一趟$|"
                      # "说两句 捋一捋 老爷子上个月二十号走的": how he talks it over, then the next clause
                      r"^(?:捋一捋|理一理|想一想)|"
                      r"^还有|^我要去|"
                      # "不讲我脑壳里乱得很": how his head is; "回去红梅又问": someone will ask again, why he talks
                      r"脑(?:壳|子|袋|瓜子?)里?头?(?:乱|一团|嗡)|[又还也](?:问|说|讲|骂|念叨?|催)")
# A day said as the matter ("我把今儿这事说一下", "夜儿个的事", "那天晚上的事", "先说上礼拜六那个事", "我先讲去年
# 那件事"): when it happened; what happened is named later. "这回这个事儿是我这辈子最大的事": this time, no topic.
_DAY_ZH = re.compile(r"^(?:(?:今|昨|前|明|后|夜|大前|大后|那|这|当)?(?:天|儿|日|晚|早|朝|黑|个|门|夜|晌)+"
                     r"(?:晚上|早上|上午|下午|中午|夜里|黑夜)?|(?:上|下|这|本)?个?(?:礼拜|星期|周)[一二三四五六日天]?"
                     r"|[这那上下头][回次趟]|(?:大?前|去|今|明|后)年(?:底|初)?|(?:上|下|这)个?月(?:底|初)?)$")
# The matter of a day ("趁我还记得今天的事情", "昨儿晚上的事"): what happened then, told later; no topic.
_DAY_END_ZH = re.compile(r"(?:(?:今|昨|前|明|那|当)(?:天|儿个?|日)|今早|昨晚)(?:晚上|早上|上午|下午|中午|夜里)?$")


def _when_only_zh(phrase: str) -> bool:
    """A day or a time alone ("今天", "上个礼拜"), or what ends on a day ("趁我还记得今天"): when, never what."""
    return bool(_DAY_ZH.match(phrase) or _DAY_END_ZH.search(phrase))


# Why the speaker talks it through ("省得回家让淑珍听见又念叨", "理一理 不然脑壳里面一锅粥"): no topic, and said
# after the topic it ends it.
PURPOSE_ZH = re.compile(r"要?不然|弗然|省得|免得|好让|以免")  # 弗然: Wu for 不然
# A clause that judges or narrates, not a topic: it opens with a hedge, the speaker's own doing or who he is
# ("我是俊宏 今天的事").
STATEMENT_ZH = re.compile(
    r"^(?:其实|我觉得|感觉|可能|我在|我们在|[我俺额]是|因为|所以|但是|然后|刚|刚才|现在|今天|昨天|最后|接着|再|我?寻思|我?琢磨|"
    r"今儿|今晚|今个|昨儿|昨晚|夜儿|夜里|[又也还](?![是有])|"  # "说两句 今儿又加班到十点半": what happened, when
    # "讲一下 等下回去还要煮饭", "说两句 明儿一早还得去办事": what comes later, not the topic
    r"等下|等一下|等会儿?|待会儿?|一会儿?|回头|明天|明儿|明个|明早|后天|"
    r"要不(?![要得])|"  # "先说两句 要不脑瓜子里太乱": 要不 is "or else" (northeast), why he talks
    rf"{PURPOSE_ZH.pattern}|反正|"  # "说说 反正也没人听": why he talks here
    r"脑子|脑壳|心里|心头)"  # "说两句，脑子里乱": how he is, not what about
    r"|不全是|不是|是不是|不对|说错|碰上|碰到|遇上|遇到"  # "今门儿碰上的事儿": what happened, not the topic
    r"|(?:就|来|再|先|要|想)(?:讲|说|聊|谈|唠)+$"  # "我就上来讲 这个事…", "俺先说说": where he tells it, not what
    r"|[回次](?:讲|说|提)$"  # "头一回说这事儿是上个月": when it was first said, not what
    # "我坐厨房里 介个事儿", "我一个人搁厨房 寻思寻思这个事儿" (northeastern 搁: at): where he is as he speaks
    r"|^[我俺额](?:坐|躺|蹲|窝|站)在?[^，。]{1,6}[里上边头]$|^[我俺额](?:一个人)?搁[^，。]{1,6}$"
    r"|^[我俺额][^，。]{0,8}(?:寻思|琢磨|合计)$"
    r"|今年[一二三四五六七八九十两几]+岁?了?$"  # "先讲一下阿公今年八十一": how old someone is
)


def _names_topic(title: str, words: Sequence[str]) -> bool:
    """A named topic holds one of the memo's main words and is a phrase, not a statement ("我在讲我们公司的事",
    "其实这个事情不全是老王的问题" are what the speaker said about it)."""
    return any(w in title for w in words[:8]) and not STATEMENT_ZH.search(title)


# A topic pointed at with a demonstrative and named as a matter ("这个押金的事", "那个拆迁的事", "这个钓鱼的账",
# "我妈被骗这个事"), pointed at before the question about it ("这个晚托班下学期到底还办不办"), or just come back from.
_POINTED_ZH = (
    re.compile(r"(?:这个|那个)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)的(?:事情?|事儿|账|问题)"),
    re.compile(rf"(?:^|[，。！？；\s把])([\u4e00-\u9fffA-Za-z0-9]{{2,6}}?)(?:{MATTER_ZH}|这事儿?)"),
    # "拿这个当理由 下礼拜五…": 这个 is the thing taken, not a word before one; "这个合同到今年十二月就到期了":
    # until when, said of it.
    re.compile(r"(?:这个|那个)(?!当|作为)([\u4e00-\u9fffA-Za-z0-9]{2,4}?)(?<![到在从等])"
               r"(?=下(?:学期|个月|半年|礼拜)|明年|今年|到底|还(?!是)[要能]?[\u4e00-\u9fff]不)"),
)
# A trip just over ("我刚从桃岛回来"); not an errand (刚从鼓楼医院回来, 刚从单位回来), nor where the speaker works
# (刚从地里回来, 刚从店里回来, 刚从酒店回来: a cook's hotel kitchen), nor a visit or a meal (刚从老孙头家回来,
# 刚从刘医生那儿回来, 刚从师傅家喝汤回来, 刚从水上公园练完回来: on the bench half of such titles were right, none of
# these), nor a run or a walk (刚从绿道上跑回来).
_TRIP_ZH = re.compile(r"刚从((?:(?![完喝吃])[\u4e00-\u9fff]){2,6}?)(?<!医院)(?<!单位)(?<!公司)(?<!学校)(?<!医生)"
                      r"(?<!超市)(?<!银行)(?<!酒店)(?<!饭店)(?<![里上下边家儿跑走逛遛])回来")
# What the speaker has kept at for a while, said in the first two sentences: "我这个每天扔一样东西搞了二十三天了",
# "那个做饭的班上了三回了" (later in the memo, "这个看运气万一…上了" is no topic).
_KEPT_AT_ZH = re.compile(r"(?:这个|那个)([\u4e00-\u9fff]{2,10}?)(?:已经)?(?:搞|弄|做|坚持|练|学|上|跑|打|开|干|养)了"
                         r"(?=[一二三四五六七八九十两几半\d])")
# A decision put as A-not-A with its object ("下学期住不住校", "买不买车"): the choice (住校) is the topic; a
# judgment put so (值不值, 靠不靠谱, 划不划算, 敢不敢接) weighs it and names nothing, and 不得了 is "very".
_CHOICE_ZH = re.compile(r"([\u4e00-\u9fff])不\1([\u4e00-\u9fff]{1,3}?)(?=了|吧|呢|[，。！？；\s]|$)")
_JUDGED_ZH = frozenset("值靠划好行对合是有要该能会够敢得愿想可")  # "愿不愿意", "想不想": willing, not a thing


# An amount at the end ("差不多一百万", "三十块"): how much, said of the matter.
_AMOUNT_END_ZH = re.compile(r"[一二三四五六七八九十两几\d][一二三四五六七八九十两几百千万\d]*[百千万块元]$")
# A number and its measure ("我们那个组八个人 今年走了三个"): how many, said of what was pointed at, no name of it.
_HOW_MANY_ZH = re.compile(r"[一二三四五六七八九十两几][个只条台位]")


# Things named only as things, or by how many ("几样东西", "这些玩意儿"): no name of them.
_THINGS_ZH = re.compile(r"(?:[一二三四五六七八九十两几]+[个样件]|这些|那些)?(?:东西|玩意儿?)$")


# Where the speaker comes back from every day (刚从店里下班回来, 刚从地里干活回来): no topic.
_DAILY_ZH = re.compile(r"里|下班|上班|放学|干活|买菜")


def _place_alone(word: str) -> bool:
    """A place name alone as the matter ("上海那个事情", "广东那个事情"): it stands for an offer or a move from there,
    which the memo's words say."""
    return len(word) == 2 and word_tag(word) == "ns"


def _named_place_zh(word: str) -> bool:
    """``word`` is one name of a place or someone, as jieba reads it (伊宁; 那拉提, which its dictionary lacks)."""
    import jieba.posseg

    cut = jieba.posseg.lcut(word)
    return len(cut) == 1 and cut[0].flag in ("ns", "nr", "nrt")


def content_units(phrase: str, lex: Lexicon) -> list[str]:
    """The words of ``phrase`` (tokens of two characters or more) that are no common word of speech."""
    return [u for u in tokens(phrase) if len(u) >= 2 and u not in lex.common_words]


# A matter named as what someone said or thought ("老钟跟我说的那个事", "站长上午找我谈的那个事", "我想的那个事"):
# what it is comes later, and the memo's words say it.
_SAID_OR_THOUGHT_ZH = re.compile(r"(?:[说讲提问聊谈想]|琢磨|商量|打算)的$")
# What he is doing as he speaks ("档口收了我坐在三轮上", "我到阳台上来录 这个事体…"), not the matter (记录, 目录 are
# words).
_DOING_ZH = re.compile(r"[在了着]|(?<![记目语笔讯])录$")


# "我屋里崽这个事" (Hunan: my son's matter), "我家闺女的事": who the matter is about; the memo's words say what it is.
_MY_KIN_ZH = re.compile(rf"[我{MY_ZH}](?:们)?(?:家|屋里|屋头|屋企|屋家)?的?"
                        rf"(?:儿子|女儿|闺女|崽|细崽|伢|娃|孩子|孙子|孙女|老公|老婆|媳妇|老汉|[{KIN_ZH}]{{1,2}})")


def _pointed_topic_zh(opening: str, text: str, lex: Lexicon, likeliest: Callable[[], Sequence[str]]) -> str:
    """The topic the speaker points at in the opening (see ``_POINTED_ZH``), when it is a content word the memo
    says again: "这个事" or "那个东西" name nothing. Where the speaker is just back from is the topic only when it is
    one of the memo's likeliest topic words (``likeliest``), as in English: "刚从王营回来" is where a job was, the
    memo is about the 舞台车 bought for such jobs."""
    first = "。".join(re.split(r"[。！？\n]+", opening, maxsplit=2)[:2])  # the first two sentences
    for pattern, said in (*((p, opening) for p in _POINTED_ZH), (_TRIP_ZH, opening), (_KEPT_AT_ZH, first)):
        for m in pattern.finditer(said):
            topic = _WHEN_ZH.sub("", HEAD_ZH.sub("", _NAMING_VERB_ZH.sub("", m.group(1).rsplit("把", 1)[-1])))
            topic = re.sub(r"(?<!成)就$", "", topic)  # "学萨克斯 就这个事": that is the matter
            if re.match(r"事情|事儿", topic) or _SPEAKING_OF_ZH.search(topic):
                continue  # "就是这个事情省局今年要…": the matter pointed at, then a clause run on (the pause lost)
            units = content_units(topic, lex)
            if not units or META_ZH.search(topic) or STATEMENT_ZH.search(topic) or _DOING_ZH.search(topic) \
                    or _SAID_OR_THOUGHT_ZH.search(topic) \
                    or _HOW_MANY_ZH.search(topic) or _DAILY_ZH.search(topic) or _when_only_zh(topic) \
                    or _COPULA_ZH.search(topic) \
                    or person_zh(topic, text, addressed=False) or _place_alone(topic) or _MY_KIN_ZH.fullmatch(topic) \
                    or len(topic) > 2 and person_zh(topic[-2:], text, addressed=False):
                # "刚从店里下班回来" is the day's end; "说说浩浩这个事" names who, not what; "还是这个数 小宇今年九岁"
                # (the pause lost) runs a number into a child's name ("跟老周复婚" ends on what is done); "那个视频是
                # 九月份的事" says when it happened.
                continue
            if pattern is _TRIP_ZH and (not any(w in topic or topic in w for w in likeliest()[:3])
                                        or _named_place_zh(topic)):
                continue  # "刚从那拉提回来": where he worked today (round 766's farrier), not what about
            if any(text.count(u) >= 2 for u in units) or text.count(topic) >= 2:
                return _with_second_matter(topic, opening[m.end():], text, lex)
    return ""


# A second matter named right after the first ("把今天家长会那个事，还有校服的事理一下"): the memo is about both.
_SECOND_MATTER_ZH = re.compile(r"[，、\s]*(?:还有|和|跟|以及|加上)(?:那个|这个)?([\u4e00-\u9fff]{2,8}?)"
                               r"(?:的事情?|的事儿|(?:这个|那个)事情?|的问题)")


def _with_second_matter(topic: str, after: str, text: str, lex: Lexicon) -> str:
    """``topic`` and the matter named right after it (``after``: the opening after the first), when that one is a
    content word the memo says again: "家长会和校服"."""
    m = _SECOND_MATTER_ZH.match(after)
    second = m.group(1) if m else ""
    units = content_units(second, lex)
    if not units or second in topic or META_ZH.search(second) or STATEMENT_ZH.search(second) \
            or person_zh(second, text, addressed=False) or not any(text.count(u) >= 2 for u in units):
        return topic
    return f"{topic}和{second}"


PRONOUN_HEAD_ZH = re.compile(r"这些|那些|这样|那样|[它他她我你]")


# Characters that follow a noun without being part of it: particles (的, 了), where (床上, 院坝里), with whom (跟),
# what like (啥样).
_NOT_WORD_END_ZH = PARTICLES_ZH | PLACE_AFTER_ZH | frozenset("跟与及啥咋样")


# Characters before a noun that are not part of it: who does what with it (想买房, 在部队, 把鸭子), how many (根桩子),
# what kind (那种凹洞).
_NOT_WORD_START_ZH = PARTICLES_ZH | frozenset("想要能去来到从被给让叫跟与及只根条张块头台间家位几每该次点紧老小大讲问喊"
                                                 "种"
                                                 "一二三四五六七八九十百千万两") | frozenset(MY_ZH)  # "俺公公" is 公公


_ADVERBS_ZH = frozenset("都也还就")  # of _NOT_WORD_START_ZH: jieba reads them alone


def said_whole(word: str, text: str) -> str:
    """A Chinese word with the characters that nearly always go with it in the memo: jieba cuts a word it lacks
    (洗碗|机, 大小|周, 汉诺|威, 护|边员), and the speaker says the whole of it: three times in four or more (霉豆腐 nine
    times of twelve; at four in five, dev titles 1529 -> 1533 of 1825 with three in four, none lost)."""
    while len(word) < 6:
        after = Counter(text[m.end()] for m in re.finditer(re.escape(word), text) if m.end() < len(text))
        said = sum(n for c, n in after.items() if c not in PLACE_AFTER_ZH)
        char, n = after.most_common(1)[0] if after else ("", 0)
        joins = re.fullmatch(r"[\u4e00-\u9fff]", char) and char not in _NOT_WORD_END_ZH
        if said < 2 or n < 0.75 * said or not joins:
            break
        word += char
    while len(word) < 6:
        before = chars_before(word, text)
        said = sum(before.values())
        char, n = before.most_common(1)[0] if before else ("", 0)
        if said < 2 or n < 0.75 * said or not re.fullmatch(r"[\u4e00-\u9fff]", char):
            break
        if char in _NOT_WORD_START_ZH and not (char in _ADVERBS_ZH and n == said >= 4):
            break  # an adverb before every one of four mentions is the word's own (都|塔尔 is the 都塔尔 lute)
        word = char + word
    return word


# "他说咯个伢子手感蛮好，要不要来队里试一下": in the sentence, someone else said it last, and the speaker has not
# taken it up since (我想, 我就琢磨).
_REPORTED_ZH = re.compile(r"(?:[他她]|人家|对方)(?:跟我|对我|就|又|还)?(?:说|讲)(?!.*[我俺](?:想|在想|琢磨|寻思|说))")


def opening_title_zh(opening: str, text: str, lex: Lexicon, words: Sequence[str], before_parts: bool,
                     likeliest: Callable[[], Sequence[str]]) -> str:
    """The topic a Mandarin speaker names in the opening: pointed at (这个押金的事), decided about (要不要把老房子
    卖了), chosen (住不住校) or named as a matter (换车的事); "" when none of these. ``words``: the memo's main words;
    ``before_parts``: the opening comes before an announced list of parts; ``likeliest``: the memo's likeliest
    topic words, asked only when needed (they take a model's pass over the memo)."""
    pointed = _pointed_topic_zh(opening, text, lex, likeliest)
    decision = _DECISION_ZH.search(opening)
    # "她说大哥这缸你要不要 不要我给你整走", "我问他 你要不要": someone else's question, not the speaker's decision.
    # "要不要我们" (whether they will want us), "问我要不要代驾" (someone offering): no decision of the speaker's;
    # but "他那间锁店问我要不要顶下来" asks about a thing just pointed at, which he decides.
    before = opening[: decision.start()].rstrip() if decision else ""
    asked_me = before.endswith(("问我", "问俺"))
    offered = asked_me and not _NAMED_BEFORE_ZH.search(before[-30:])
    asks_another = decision and ("你" in decision.group(1) or re.match(r"[我俺你他她咱]", decision.group(3))
                                 or re.search(r"[你您](?:到底|究竟)?还?$", before) or offered
                                 or not asked_me and _REPORTED_ZH.search(re.split(r"[。！？]", before)[-1]))
    if decision and not META_ZH.search(decision.group(1)) and not asks_another:
        # "要不要接十五平方月租一万二": the numbers say how much, not what; the verb before them is the decision.
        # "要不要生三胎": a child counted by birth (二胎, 三孩) is what is decided, no amount.
        amount = r"[一二三四五六七八九十两百千万\d](?![胎孩]).*$"
        asker, asked = decision.group(2), re.sub(amount, "", decision.group(3))
        what = asked if asked and _bare_verb_zh(asked) else decision.group(3)
        decided = asker + what
        # "这个脱敏针到底还要不要接着打下去": what the decision is about comes before it.
        about = re.search(r"这个([^\s，。！？、]{2,6}?)(?:到底)?还?$", opening[: decision.start()])
        about_text = about.group(1) if about else pointed if pointed not in decided else ""
        if not about_text and _bare_verb_zh(what):
            # "这个晚托班 下学期到底还办不办 要不要扩大": a bare verb decides about the thing just named, else
            # about the memo's topic ("我一直在想要不要申诉" in a memo on a bad review).
            near = _NAMED_BEFORE_ZH.findall(opening[max(0, decision.start() - 30) : decision.start()])
            topic = next(iter(likeliest()), "")
            about_text = near[-1] if near else said_whole(topic, text) if topic else ""
        # "这个押金的事理一理，到底要不要告他": the topic, then the decision about it.
        joiner_ = "，" if about_text and not about else ""
        return about_text + joiner_ + decided  # "纠结要不要把老房子卖了"
    if pointed:
        return pointed
    for m in _CHOICE_ZH.finditer(opening):
        choice = m.group(1) + m.group(2)
        # "还记不记得": a state (记得, 晓得, 舍得); "是接不接得到": whether he can. Neither is a thing chosen.
        if m.group(1) not in _JUDGED_ZH and "得" not in choice and text.count(choice) >= 2:
            return choice  # "下学期住不住校" -> 住校
    # The first matter named with a marker that is a phrase: "这几天脑子里全是这个事 电动车撞了人的事" points
    # at the matter with 这个事 after a clause (…全是), then names it.
    for named in _TOPIC_ZH.finditer(opening):
        if _CLAUSE_END_ZH.search(named.group(1)) or _SPEAKING_OF_ZH.search(named.group(1)):
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
        title = HEAD_ZH.sub("", _NAMING_VERB_ZH.sub("", topic))
        title = _DEMONSTRATIVE_ZH.sub("", _WHEN_ZH.sub("", title))  # "把这几个月做这个网店" -> "做网店"
        if _when_only_zh(title):
            continue
        if _SAID_OR_THOUGHT_ZH.search(title):
            break  # "老钟跟我说的那个事": the matter is what someone said; the memo's words say what it is
        if re.search(r"[哥姐叔婶伯妹弟]$", title) and person_zh(title[-3:-1], text, addressed=False):
            break  # "这个出租屋里卫东哥的事": someone's matter; the memo's words say what it is
        if _DOING_ZH.search(title):
            break  # "档口收了我坐在三轮上今天这个事": what he is doing as he speaks
        if _COPULA_ZH.search(title):
            break  # "建国是去年腊月出的事": when it happened, said of someone, not the topic
        if _AMOUNT_END_ZH.search(title):
            break  # "加模具 差不多一百万的事情": how much it comes to, not what
        if _THINGS_ZH.match(title):
            break  # "把爷爷那几样东西的事情说一说": which things, the memo's words say
        content = [u for u in tokens(title) if len(u) == 2 and u not in lex.common_words]
        # Named with a marker ("…的事情") before the list of parts, it needs none of the memo's main words.
        # ... or said again and again ("这个地暖的事", then 地暖 all through, though jieba does not know it).
        said = text.count(title) >= 3
        topical = (_names_topic(title, words) or said or before_parts) and not STATEMENT_ZH.search(title.strip())
        # One word that is no topic ("家里就我一个 清静 这个事…": 清静 says how the house is).
        # "把段里那个事儿捋一捋": 段里 (at the depot) says where the matter is, as 厂里, 村里 would.
        lone = len(title) == 2 and (word_tag(title) in NOT_TOPIC_TAGS or title.endswith("里")) \
            or _place_alone(title) or person_zh(title, text, addressed=False) or introduces_zh(title) \
            or _MY_KIN_ZH.fullmatch(title)
        if 2 <= len(title) <= 12 and content and not META_ZH.search(title) and topical and not lone:
            return _with_second_matter(title, opening[named.end():], text, lex)  # "今天想说一下换车的事"
        # One character said again and again ("这个腰的事情", then 腰 all through): that is the topic.
        if len(title) == 1 and title not in PARTICLES_ZH and text.count(title) >= 5:
            return f"{title}的事情"
        break  # the first matter named is the one: a later "…的事" is part of the story
    return ""
