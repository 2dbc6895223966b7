"""Rule-based cleanup: fillers out (context-aware), safe recognition fixes, Simplified Chinese, wording kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from memo.records import Segment, Transcript
from memo.structure.cleanup import clean_text, clean_transcript, count_fillers
from memo.structure.loaders import load_transcript, transcript_from_text
from memo.structure.sentences import Sentence

MEMO_ZH = Path(__file__).resolve().parent.parent / "samples" / "memo_zh.txt"
# The filler tokens, counted as plain substrings (independent of memo's own counting).
ZH_FILLERS = ("嗯", "呃", "就是说", "对吧")


def _cjk(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


@pytest.fixture(scope="module")
def memo_zh() -> Transcript:
    return load_transcript(MEMO_ZH)


@pytest.fixture(scope="module")
def cleaned_zh(memo_zh: Transcript) -> str:
    return clean_transcript(memo_zh).text()


def test_reference_memo_fillers_are_gone(memo_zh: Transcript, cleaned_zh: str) -> None:
    before = {f: memo_zh.text.count(f) for f in ZH_FILLERS}
    after = {f: cleaned_zh.count(f) for f in ZH_FILLERS}
    assert before["嗯"] > 30 and before["呃"] > 50 and before["就是说"] >= 4 and before["对吧"] >= 2
    assert after == dict.fromkeys(ZH_FILLERS, 0), after
    assert sum(count_fillers(memo_zh.text, "zh").values()) > 90
    assert not count_fillers(cleaned_zh, "zh")


def test_reference_memo_keeps_the_wording(memo_zh: Transcript, cleaned_zh: str) -> None:
    raw, clean = _cjk(memo_zh.text), _cjk(cleaned_zh)
    fillers = sum(memo_zh.text.count(f) for f in ("嗯", "呃"))
    # Cleanup removes fillers and stutters, it does not summarise: nearly every other character stays.
    assert len(clean) >= 0.93 * (len(raw) - fillers)
    phrases = ("老板花钱雇你为他完成梦想", "编程首先是我的兴趣爱好", "经济来源的问题", "非职业程序员", "不要神话离职")
    for phrase in phrases:
        assert phrase in cleaned_zh, phrase


def test_reference_memo_recognition_fixes(cleaned_zh: str) -> None:
    assert "****" not in cleaned_zh and "√" not in cleaned_zh
    assert "操作的需求" in cleaned_zh  # ****作 (a profanity mask over 操)
    assert "只靠自驱力" in cleaned_zh  # **** over 靠
    assert "不会编程的普通人" in cleaned_zh and "享受编程带来的" in cleaned_zh  # 变成 in a programming memo
    assert "都去离职呢" in cleaned_zh and "理智" not in cleaned_zh
    assert "精力投入" in cleaned_zh and "经历投入" not in cleaned_zh
    assert "sn" not in cleaned_zh
    assert "AI" in cleaned_zh and not re.search(r"(?<![A-Za-z])ai(?![A-Za-z])", cleaned_zh)


def test_reference_memo_punctuation_and_paragraphs(memo_zh: Transcript, cleaned_zh: str) -> None:
    paragraphs = cleaned_zh.split("\n\n")
    assert len(paragraphs) >= 15
    assert "  " not in cleaned_zh and "\x1f" not in cleaned_zh and "\x1e" not in cleaned_zh
    assert not re.search(r"[，。]{2,}", cleaned_zh)
    # Spoken pauses (spaces) became punctuation or vanished; no Chinese sentence runs on without a stop.
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", cleaned_zh)
    longest = max(len(s) for s in re.split(r"[。！？]", cleaned_zh))
    assert longest < 200


@pytest.mark.parametrize(
    ("spoken", "kept"),
    [
        ("我先吃饭，然后去上班。", "然后去上班"),
        ("那个工资其实不重要。", "那个工资"),
        ("就是因为没有增长。", "就是因为"),
        ("也就是说，如果我离职以后。", "也就是"),
        ("他失去理智了，离职离职离职这件事。", "失去理智"),
        ("我们研究研究这个问题。", "研究研究"),
        # "the more…, the more…" said after the verb it repeats (想，越想越乱) is no stutter (round 803).
        ("一个人想越想越乱。", "想越想越乱"),
        ("好啊，我们走。", "好啊"),
        ("他的额度不够。", "额度"),
        ("这些数我都记录上了 一笔不少", "记录上了"),
    ],
)
def test_context_aware_words_stay(spoken: str, kept: str) -> None:
    assert kept in clean_text(spoken, "zh")


@pytest.mark.parametrize(
    ("spoken", "gone", "expected"),
    [
        ("嗯我觉得呃这个事情就是说很重要对吧？", ("嗯", "呃", "就是说", "对吧"), "我觉得这个事情很重要"),
        ("然后。然后我们就走了。", ("然后。",), "我们就走了"),
        ("就举个举个例子。", ("举个举个",), "就举个例子"),
        ("嗯对稍微澄清一下。", ("嗯", "对稍"), "稍微澄清一下"),
        ("我用電腦寫程式。", ("電腦", "寫"), "我用电脑写程式"),
        # The recording checked as it starts (round 543's circumcision had "录上了今天下了夜班回来…" as a point).
        ("嗯 录上了没 录上了 今天下了夜班回来", ("录上",), "今天下了夜班回来"),
        ("喂 录起哒冇 录起哒 我坐在车里", ("录起",), "我坐在车里"),
    ],
)
def test_fillers_stutters_and_traditional_characters_go(spoken: str, gone: tuple[str, ...], expected: str) -> None:
    cleaned = clean_text(spoken, "zh")
    for token in gone:
        assert token not in cleaned
    assert expected in cleaned


def test_a_list_number_said_alone_goes() -> None:
    cleaned = clean_text("一 机票现在就订\n二 高铁的票提前十五天开售\n一 百块钱\n三 个月以后", "zh")
    assert "机票现在就订" in cleaned and "一机票" not in cleaned and "二高铁" not in cleaned
    assert "一百块钱" in cleaned and "三个月以后" in cleaned


def test_a_word_the_speaker_corrects_is_replaced_by_the_correction() -> None:
    # "falls, farls I mean", "mine, Narromine I mean": misheard, then said right (rounds 257 and 222); a name the
    # speaker swaps for another ("Pat, Mike I mean") is what he said and stays.
    spoken = ("I want to talk about the soda falls, farls I mean, selling them. We drove out past mine, Narromine I "
              "mean, to the farm. Then Pat, Mike I mean, rang me.")
    cleaned = clean_text(spoken, "en")
    assert "the soda farls, selling them" in cleaned and "falls" not in cleaned
    assert "past Narromine to the farm" in cleaned.replace(",", "")
    assert "Pat, Mike" in cleaned


def test_the_words_heard_for_one_the_speaker_corrects_are_replaced_together() -> None:
    # "lint said, Linstead I mean": two words heard for one (round 505's "hails worth, halesworth I mean" had left
    # "hails halesworth"); a word that only leads into it stays ("in eaten, Iten I mean" is "in Iten").
    spoken = ("We drove past lint said, Linstead I mean, to the farm. She trains at her camp in eaten, Iten I mean, "
              "every day. Folk come from hails worth, halesworth I mean, and Southwold.")
    cleaned = clean_text(spoken, "en")
    assert "past Linstead" in cleaned and "lint" not in cleaned
    assert "camp in Iten" in cleaned and "eaten" not in cleaned
    assert "from halesworth" in cleaned and "hails" not in cleaned


def test_a_correction_said_again_whole_replaces_what_was_heard() -> None:
    # "the payroll board, the parole board i mean" (round 634's parole statement was titled "Payroll board"): the
    # correction said again with its determiner, or as two words ("a heiress hawk, Harris hawk I mean").
    spoken = ("This is about the payroll board, the parole board i mean, and Danny. He flies a heiress hawk, Harris "
              "hawk I mean, on the moor. We met in flora anna, in Floriana I mean.")
    cleaned = clean_text(spoken, "en")
    assert "about the parole board" in cleaned and "payroll" not in cleaned
    assert "a Harris hawk" in cleaned and "heiress" not in cleaned
    assert "in Floriana" in cleaned and "in in" not in cleaned and "flora" not in cleaned


def test_the_words_heard_for_a_matter_the_speaker_corrects_are_replaced_and_the_matter_word_stays() -> None:
    # "this cheap tenancy matter, chieftaincy i mean" (round 834's chieftaincy offer was titled "Cheap tenancy"):
    # every word between the determiner and the matter word was heard for the correction.
    spoken = ("I need to think through this cheap tenancy matter, chieftaincy i mean, before i reply the palace. I "
              "want to decide this you phone him thing, euphonium I mean, before work.")
    cleaned = clean_text(spoken, "en")
    assert "this chieftaincy matter" in cleaned and "tenancy" not in cleaned, cleaned
    assert "this euphonium thing" in cleaned and "phone" not in cleaned, cleaned


def test_a_mandarin_word_corrected_with_bu_dui_is_replaced_by_the_correction() -> None:
    # "这个鸡粉超市 不对 积分超市" (round 665's points supermarket); "礼拜六 不对 礼拜天" corrects the day. A correction
    # that shares no character with what was said (石塘 / 食堂) or is another length (三万 / 三万五) is left as said.
    cleaned = clean_text("这个鸡粉超市 不对 积分超市 积累的积 礼拜六 不对 礼拜天去镇上", "zh")
    assert "积分超市" in cleaned and "鸡粉" not in cleaned and "礼拜六" not in cleaned, cleaned
    kept = clean_text("食堂那边 石塘 不对 食堂 三万 不对 三万五", "zh")
    assert "石塘" in kept and "三万五" in kept, kept


def test_i_mean_closing_a_sentence_is_dropped() -> None:
    # "…to the east anglian air ambulance i mean. when trevor…" (round 505) left "i mean" in a bullet; "you know
    # what I mean." says something and stays.
    cleaned = clean_text("Half goes to the air ambulance i mean. When Trevor fell they came. You know what I mean.",
                         "en")
    assert "ambulance. When" in cleaned and "ambulance i mean" not in cleaned.lower()
    assert "You know what I mean." in cleaned


def test_contractions_written_without_apostrophes_get_them() -> None:
    # Round 582's savings club was written "dont", "thats", "shes", "im" as some recognisers do: bullets read
    # "Thats what frank says" and the title took "dont" for a topic word. A coppice's "first cant" is a word.
    cleaned = clean_text("thats what frank says, i dont know. shes gone and ive said im tired, you cant. "
                         "theyll ask whats left. the first cant is marked.", "en")
    for said in ("That's what", "don't know", "She's gone", "i've said", "I'm tired", "you can't", "They'll ask",
                 "what's left", "first cant is"):
        assert said in cleaned, (said, cleaned)


def test_english_fillers_context_aware() -> None:
    spoken = (
        "Um, so I, you know, really want to, uh, quit my job. I like my job, though, it looks like a good one. "
        "What kind of plan is this? It was, like, sort of scary. You know what I mean? I I think so. "
        "I run while it's dark you know and the river is empty. Do you know and care? If you know and trust them, go. "
        "And I thought, you know what, I'm thirty. The insects: you know when the windscreen was covered. "
        "Do you know when it opens? He's got the long, the Lang I mean, the eighty four on a trailer. "
        "She's well able for the test you know, her maths is good. "
        "And you know what, forty percent goes to management. You know what, the fence can wait."
    )
    cleaned = clean_text(spoken, "en")
    low = cleaned.lower()
    for token in (" um", " uh", "you know,", ", like,", "sort of", "i i "):
        assert token not in f" {low}", token
    assert "dark and the river" in cleaned and "I thought, I'm thirty." in cleaned
    assert "The insects: when the windscreen" in cleaned and "Do you know when it opens?" in cleaned
    assert "i mean" not in low.replace("you know what i mean", "") and "the eighty four on a trailer" in cleaned
    assert "for the test, her maths" in cleaned
    # "you know what," announcing the thought at a sentence's start says nothing (round 814's hippo boat kept it).
    assert "And forty percent goes to management." in cleaned and "The fence can wait." in cleaned
    for kept in ("I like my job", "looks like a good one", "What kind of plan", "You know what I mean?", "I think so.",
                 "Do you know and care?", "If you know and trust them"):
        assert kept in cleaned, kept
    assert cleaned[0].isupper()


def test_sentences_map_back_to_their_segments() -> None:
    texts = ["嗯今天想聊一下搬家。", "呃原因是房租太贵了", "而且离公司很远。", "嗯嗯", "所以我打算下个月搬到城东。"]
    segments = tuple(Segment(i * 4.0, i * 4.0 + 3.5, t) for i, t in enumerate(texts))
    transcript = Transcript("memo.wav", "zh", 20.0, segments)
    clean = clean_transcript(transcript)
    assert clean.timed
    by_text = {s.text: s.segments for s in clean.sentences}
    assert by_text["今天想聊一下搬家。"] == (0,)
    reason = next(s for s in clean.sentences if s.text.startswith("原因是房租太贵了"))
    assert reason.segments == (1, 2)
    move = next(s for s in clean.sentences if "搬到城东" in s.text)
    assert 4 in move.segments and 1 not in move.segments


def test_reference_memo_every_segment_survives_cleanup(memo_zh: Transcript, cleaned_zh: str) -> None:
    """Nothing is summarised away: each spoken segment's words are in the cleaned text, segment by segment."""
    clean = _cjk(cleaned_zh)
    for seg in memo_zh.segments:
        words = _cjk(re.sub("嗯|呃|就是说|对吧", "", seg.text))
        pairs = [words[i : i + 2] for i in range(len(words) - 1)]
        if len(pairs) < 8:  # short ones may be all correction (这几关事情 -> 这几件事情)
            continue
        kept = sum(p in clean for p in pairs) / len(pairs)
        assert kept >= 0.85, (round(kept, 2), seg.text)


def test_next_item_of_an_enumeration_opens_a_sentence() -> None:
    sentences = [s.text for s in clean_transcript(transcript_from_text(
        "所以我当时就决定 我一定要学会 嗯 第二个原因是我的腰 医生一直建议我游泳 还有就是 我小时候溺过一次水\n"
        "我打算 第一 先练憋气 第二 换成早上去", language="zh")).sentences]
    assert sentences[0] == "所以我当时就决定，我一定要学会。"
    assert [s[:5] for s in sentences[1:3]] == ["第二个原因", "还有我小时"]
    # 第一 opens a list mid-sentence; the next item ends it; a bare ordinal is followed by a comma.
    assert sentences[3:] == ["我打算第一先练憋气。", "第二，换成早上去。"]


def test_a_name_said_twice_over_stays_doubled() -> None:
    # "chin chin", "puff puff": said doubled and never alone, a name; "the the" is a stutter (round 390's chin chin
    # memo was titled "Jar, nylon bag and chin").
    text = ("so the chin chin is selling. I fry the the chin chin every night. my puff puff too, and puff puff is "
            "cheap. but I need NAFDAC for the chin chin.")
    cleaned = clean_transcript(transcript_from_text(text, language="en")).text()
    assert cleaned.count("chin chin") == 3 and cleaned.count("puff puff") == 2 and "the the" not in cleaned
    once = transcript_from_text("my chin hurts. chin chin is a snack. my chin is fine.", language="en")
    once = clean_transcript(once).text()
    assert "chin chin" not in once  # said alone too: the doubled one is a stutter


def test_a_transcript_spaced_without_punctuation_reads_with_commas_at_its_pauses() -> None:
    # Recognisers often write Mandarin with a space at each pause and no punctuation; the rules comma only long
    # clauses, which left points like "他下个月要回老家问我要不要接他的摊子". A reader gets a comma at each pause
    # between clauses; parts, sections and the title are found on the text as said, as before.
    text = ("嗯 今天下午我去了菜市场 那个卖鱼的老板跟我讲 他下个月要回老家 问我要不要接他的摊子 我说我考虑一下\n"
            "其实我心里早就想自己干了 在超市上班一个月四千 干了六年 一点盼头都没有 可是接摊子要三万块 我手里只有"
            "一万五 还得跟我姐借 我姐那个人 借钱容易 就是嘴碎 天天问你还钱没有\n"
            "我想了一晚上 还是想试一下 明天早上先去问问 转让费能不能少点 再去银行问问贷款 要是利息太高 就先不贷了 "
            "先把姐那边的钱借过来 下个礼拜跟老板签合同")
    clean = clean_transcript(transcript_from_text(text, language="zh"))
    shown = clean.text()
    for pause in ("回老家，问我", "一个月四千，干了六年", "先去问问，转让费"):
        assert pause in shown
    said = clean.text(reading=False)
    assert "回老家问我" in said and "\x1d" not in said + shown
    for as_said, as_shown in zip(clean.sentences, clean.shown(), strict=True):
        assert as_shown.text.replace("，", "") == as_said.text.replace("，", "")
    # Each segment still begins where it did, so a point maps back to the time it was said.
    two_segments = Sentence("他要回老家问我要不要接", (3, 4), False, (0, 5), (5,)).shown()
    assert two_segments.text == "他要回老家，问我要不要接" and two_segments.offsets == (0, 6)
    # A transcript with its own punctuation keeps it as it was.
    punctuated = text.replace(" ", "，").replace("\n", "。")
    assert clean_text(punctuated, "zh") == clean_text(punctuated, "zh", reading=False)
