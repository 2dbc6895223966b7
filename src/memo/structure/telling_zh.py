"""Mandarin verbs of telling, shared by the announcement finder (announce.py), its items (items.py) and the title
(title_zh.py): a speaker names a part or the topic with one ("先说说为啥", "聊一下换车的事").

Standard 说 讲 聊 谈 and northeastern 唠 tell anywhere; the regional ones only where they tell, as the finders read
them after ``standard_telling``: Hunan speech says 港 for 讲 ("先港为么子动咯个心 再算下得失 然后港接下来怎么搞",
"当着同学的面港"),
Sichuan 摆 ("先摆一下今天回去看婆婆的情况", as 摆龙门阵; 一哈 is their 一下), Shaanxi 谝 ("额先谝谝礼拜六家长会的
经过", "先把今儿个在县上的事谝一谝"), Gansu, Qinghai and Xinjiang 喧 ("先喧一下 这几天…是个啥情况"; 喧哗 is
noise). 香港 and 港口 are never where 港 tells; "好处坏处摆一摆" lays out, and 摆摊 sets a stall.
"""

from __future__ import annotations

import re

# The verbs that tell anywhere, as a character class's members: rf"[{TELL_ZH}]".
TELL_ZH = "说讲聊谈唠"
# 说下 is 说一下, but the 下 of 下一步 or of a time is the name's: "讲下个礼拜整哪样" tells next week's plan,
# "说下半年房租要从九千涨到一万五" says what rises next half-year.
XIA_OF_TELLING = r"(?!一步|个?(?:礼拜|星期|周|月)|半年|午|次|回|学期|季度?)"
# Right after a marker of order (先, 再, 然后, 最后): where a regional verb of saying tells.
_AFTER_MARKER = r"(?:(?<=[先再])|(?<=然后)|(?<=最后))"
# Shaanxi 谝 and the northwest's 喧 only ever chat: one, or two of them ("谝谝", "喧一喧"), before 一下 or 一哈.
_CHATTING = "".join(rf"|{v}(?=一?{v}|一?[下哈])|(?<={v}){v}|(?<={v}一){v}" for v in "谝喧")
_REGIONAL_TELLING = re.compile(r"(?<=[先再就])港|(?<=然后)港|(?<=最后)港|(?<=[的当]面)港"
                               r"|(?<!香)港(?=一?[下哈](?!来|去|午|面|边)|港|一遍)"
                               r"|(?<=[先再就]港)港|(?<=然后港)港|(?<=最后港)港"  # 港港 as 说说: "先港港何解"
                               rf"|{_AFTER_MARKER}摆(?=一?[下哈](?!来|去|午|面|边)|摆(?!摊))"
                               + _CHATTING)


def standard_telling(text: str) -> str:
    """``text`` with each regional verb of telling swapped for 讲 where it tells, one character for one, so every
    offset holds."""
    return _REGIONAL_TELLING.sub("讲", text)
