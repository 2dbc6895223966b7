"""A speaker coming back to an earlier part ("oh, one more reason I didn't say", "刚才为啥那块我漏了一个"): what
follows goes to that part, on the real offline engine."""

from __future__ import annotations

import pytest

from memo.structure import outline
from memo.structure.loaders import transcript_from_text


def _where(text: str, language: str) -> dict[str, str]:
    result = outline(transcript_from_text(text, language=language), engine="offline")
    return {s.key: " ".join(p.text for p in s.points) for s in result.sections}


EN_ANNOUNCED = (
    "ok so this is the loft. I'll go through why we want it, then the money, then what happens next, and then how "
    "it's been so far.\n\n"
    "so why. the girls share the back bedroom and Maya has her exams next summer. she did her homework in the bath "
    "last month because it's the only room with a lock.\n\n"
    "the money. the loft is forty eight thousand and moving would cost ninety with the fees. we'd borrow forty five at "
    "four point eight percent, about two hundred and sixty a month.\n\n"
    "what happens next. we see the builder on Thursday and I'll ask to see a loft they've done. oh, one more reason I "
    "didn't say. my mum is seventy eight and she's had two falls this year, she might need to come and stay with us. "
    "we want to start in September, before the mocks.\n\n"
    "how it's been. the first builder never turned up, twice. the girls argue about who gets the loft already.\n"
)

ZH_ANNOUNCED = (
    "嗯 这买房的事我得捋一捋 先说为啥非得现在买 然后把两套房比一比 再说接下来怎么走 最后说说心里啥滋味\n"
    "先说为啥 房东上个月打电话说房子要卖了 让我们三十天之内搬走 这已经是第四回搬家了\n"
    "比一比 二手那套一百一十八万 六楼没电梯 新房一百三十二万 是期房 月供五千三\n"
    "接下来怎么走 我约了中介周六带小雨再去看一回二手那套 礼拜一去公积金中心问清楚\n"
    "对了刚才说为啥那块 我漏了一个 我们学校那个片区明年要划学区了 房东也是听说了这个才卖的\n"
    "最后说说滋味 这俩月看了二十三套房 累得不行 今天还跟小雨吵了一架\n"
)


@pytest.mark.parametrize(
    ("text", "language", "part", "said", "not_in"),
    [
        (EN_ANNOUNCED, "en", "reasons", "falls", "plan"),
        (ZH_ANNOUNCED, "zh", "reasons", "划学区", "plan"),
    ],
)
def test_a_return_to_an_earlier_part_goes_to_that_part(text: str, language: str, part: str, said: str,
                                                       not_in: str) -> None:
    where = _where(text, language)
    assert said in where[part], where
    assert said not in where[not_in], where


def test_going_back_somewhere_is_no_return_to_a_part() -> None:
    from memo.structure import load_template
    from memo.structure.cleanup import clean_transcript, lexicon
    from memo.structure.returns import follow_returns

    # "going back to the GP", "go back to the old way", "transfer back to the Bristol office" tell the story.
    text = ("I'm going back to the GP in June to get the test redone. Lots of people go back to the old way in the "
            "first year. He can transfer back to the Bristol office after eighteen months.")
    sentences = clean_transcript(transcript_from_text(text, language="en")).sentences
    labels = [2] * len(sentences)
    assert follow_returns(sentences, labels, load_template("default").sections, lexicon("en")) == labels


def test_a_section_the_announcement_left_out_keeps_its_content() -> None:
    # The third part is named by nothing the rules know ("翻来覆去想的 钱啊 风险啊"): the outline still has the
    # analysis, with the paragraph that weighs the money and the risk.
    text = ("这几天脑子太乱了 我得捋一捋 先说接下来这几天要办的事 然后说说为啥 再把我这几天翻来覆去想的 钱啊 风险啊 "
            "还有我跟我哥怎么分 捋一捋 最后 说说这几天心里是啥滋味 就这四块\n"
            "要办的事 手术定在礼拜四早上八点 我请了三天假 护工已经找好了 一天两百八\n"
            "为啥定了做手术 医生说不做的话就得一直躺着 躺久了容易长褥疮 还会得肺炎 我妈自己也说要做\n"
            "钱这块我算了一下 进口的关节三万多 国产的集采以后一万出头 医保能报一半 风险就是麻醉 医生说她心脏还行 "
            "我跟我哥说好了 钱一人一半\n"
            "心里啥滋味 说实话挺怕的 签字的时候手都在抖 晚上在走廊里坐着 想起我爸那年做手术 眼泪就下来了\n")
    where = _where(text, "zh")
    assert set(where) == {"plan", "reasons", "analysis", "experience"}, where
    assert "集采" in where["analysis"] or "一人一半" in where["analysis"], where
