"""The offline outline engine on the reference memo, transcript loaders, templates and provenance."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from memo import frontmatter
from memo.errors import ConfigError, EngineError
from memo.records import Outline, Segment, Transcript
from memo.structure import list_templates, load_template, load_transcript, outline, render_markdown
from memo.structure.announce import announced_sections
from memo.structure.cleanup import clean_fragment, clean_transcript, doc_context
from memo.structure.loaders import transcript_from_text

MEMO_ZH = Path(__file__).resolve().parent.parent / "samples" / "memo_zh.txt"
ZH_FILLERS = ("嗯", "呃", "就是说", "对吧")

# The main points of each part of the reference memo, each as alternatives of the speaker's own words
# (any one present in the section's points is enough).
KEY_POINTS = {
    "reasons": [
        ("老板花钱雇你", "帮他实现梦想"),  # work = the boss paying you to realise his dream
        ("兴趣", "热爱"),  # he works out of interest, not duty
        ("自驱力",),  # self-drive as the only motor is not sustainable
        ("价值",),  # the company's values (growth, KPIs) conflict with his
    ],
    "analysis": [
        ("经济来源", "经济收入"),  # where the money comes from
        ("意义",),  # where meaning comes from: the more important question
    ],
    "plan": [
        ("AI",),  # put his energy into AI
        ("非职业程序员", "普通人"),  # AI that lets non-programmers automate their work
        ("存款", "经济"),  # savings carry him: money is no pressure
    ],
    "experience": [
        ("迷茫", "空闲", "空余"),  # the first weeks: lost, too much free time
        ("平淡", "平静", "神话离职", "平凡的选择"),  # quitting is calm, ordinary, not a cure
    ],
}


@pytest.fixture(scope="module")
def memo_zh() -> Transcript:
    return load_transcript(MEMO_ZH)


@pytest.fixture(scope="module")
def result(memo_zh: Transcript) -> Outline:
    return outline(memo_zh, engine="offline")


def test_reference_memo_has_the_four_sections(result: Outline) -> None:
    assert result.engine == "offline" and result.language == "zh"
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    assert [s.title for s in result.sections] == ["原因", "分析", "计划", "体验"]
    assert all(len(s.points) >= 3 for s in result.sections)
    assert result.title == "为什么我想离职"


def test_reference_memo_main_points_per_section(result: Outline) -> None:
    for section in result.sections:
        text = "".join(p.text for p in section.points)
        for alternatives in KEY_POINTS[section.key]:
            assert any(a in text for a in alternatives), f"{section.title}: none of {alternatives} in {text}"


def test_reference_memo_fillers_gone_from_the_outline(memo_zh: Transcript, result: Outline) -> None:
    markdown = render_markdown(result)
    before = sum(memo_zh.text.count(f) for f in ZH_FILLERS)
    after = {f: markdown.count(f) for f in ZH_FILLERS}
    assert before > 90
    assert after == dict.fromkeys(ZH_FILLERS, 0), after
    # The cleaned transcript is part of the output, whole: its last words are there.
    assert "还要看人自己的判断" in result.cleaned_text


# Each key point of the reference memo as alternatives; an alternative is a set of the speaker's words that must
# all stand in ONE point (so a point that merely mentions a keyword in passing does not count).
KEY_POINTS_STRICT = {
    "reasons": [
        [("老板", "梦想")],  # work = the boss paying you to realise his dream
        [("兴趣",), ("热爱",)],  # he works out of interest, programming is a hobby first
        [("自驱力", "不可持续")],  # work driven only by self-motivation is unsustainable
        [("价值", "冲突"), ("价值判断", "不符")],  # the company's goals conflict with his values
    ],
    "analysis": [
        [("经济来源",)],  # income after quitting
        [("意义来源",), ("后者", "更加重要")],  # meaning is the other, harder problem
        [("不能接受", "没有事情"), ("空虚",), ("浪费",), ("提供意义",)],  # without work, time is wasted, emptiness
    ],
    "plan": [
        [("最想做", "AI"), ("精力", "AI")],  # put his energy into AI
        [("不会编程", "普通人"), ("非职业程序员",)],  # AI for people who cannot program
        [("存款", "压力"), ("小城市",), ("1000", "1500")],  # savings carry him: money is no pressure
    ],
    "experience": [
        [("迷茫",), ("空闲",)],  # the first weeks: lost, too much free time
        [("掩盖",), ("面对自己",)],  # work hid having to face one's own time
        [("神话离职",), ("平凡的选择",)],  # don't mythologise quitting: an ordinary choice
    ],
}
_DANGLING_END = re.compile(
    r"(?:但是?|而且|那|其实|为了|也就是|因为|所以|或者说?|还是|以及|于|和|把|被|给|让|跟|从|就是|在于|的话|我觉得|"
    r"[一几这那]个|一种|[一这那]些|带来的|哪怕|是说|来说|时候)[。？！]?$"
)
_OPENER_START = re.compile(r"^(?:那[，,]|那么|然后|所以说|所以|其实|但是|因为|而且|就是|换句话说|也就是)")


def test_reference_memo_points_are_clean_clauses(result: Outline) -> None:
    for section in result.sections:
        assert 3 <= len(section.points) <= 7, (section.title, len(section.points))
        for point in section.points:
            text = point.text
            size = len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text))
            assert 10 <= size <= 60, text  # no fragments, no run-on sentences
            assert not _DANGLING_END.search(text), text  # not cut mid-phrase at a stray stop
            assert not _OPENER_START.search(text), text  # leading connectives trimmed
            assert not text.endswith("？") and "为什么" not in text, text  # questions are not points
            assert text.endswith(("。", "！")), text


def test_reference_memo_key_points_each_in_one_point(result: Outline) -> None:
    for section in result.sections:
        points = [p.text for p in section.points]
        for alternatives in KEY_POINTS_STRICT[section.key]:
            assert any(all(a in p for a in anchors) for anchors in alternatives for p in points), (
                f"{section.title}: no point has any of {alternatives}: {points}"
            )


def test_reference_memo_points_are_the_speakers_words(memo_zh: Transcript, result: Outline) -> None:
    """A point is a trimmed clause of the cleaned transcript, never a rewording."""
    cleaned = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", result.cleaned_text)
    for section in result.sections:
        for point in section.points:
            assert re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", point.text) in cleaned, point.text


def test_reference_memo_points_are_not_meta_talk_and_not_repeated(result: Outline) -> None:
    points = [p.text for s in result.sections for p in s.points]
    assert len(points) == len(set(points))
    for text in points:
        assert "大纲" not in text and "第一部分" not in text and not text.startswith("，")


def test_rendered_markdown_shape(result: Outline) -> None:
    markdown = render_markdown(result)
    assert frontmatter.split(markdown)[1].startswith("# 为什么我想离职\n")  # after the YAML front matter
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == ["原因", "分析", "计划", "体验", "整理后的文字稿"]
    assert "[" not in "".join(re.findall(r"^- .*$", markdown, re.M))  # text input: no time ranges


def test_announced_structure_is_found(memo_zh: Transcript) -> None:
    announced = announced_sections(memo_zh, load_template("default"))
    assert announced is not None
    assert [s.key for s in announced.sections] == ["reasons", "analysis", "plan", "experience"]
    assert "离职之后的体验" in announced.sections[-1].announced
    assert announced_sections("今天天气很好，我们去公园散步，然后吃了午饭。", load_template("default")) is None
    # A story that says 咋整, 不是滋味 and 原因 among many other clauses lists no parts.
    story = ("秀兰那腰 去年冬天上县医院拍过片子 腰间盘突出 大夫说了 少弯腰 少搬重的 可是地摆木耳 你说咋整 四万个袋子 "
             "全撂地上 采耳就得猫着腰 一猫猫一上午 她采完了直不起来 得扶着我胳膊 慢慢往起站 我瞅着心里不是滋味 "
             "这是我想整吊袋的头一个原因 吊袋是挂起来的 人站着采 不用弯腰")
    assert announced_sections(story, load_template("default")) is None
    # "structure" said of a house names no parts: the lines after it are the memo (round 108's chattel house).
    letter = ("the estate selling the whole piece and the house got to be off the land by October.\notherwise they "
              "will, the words they use, remove the structure.\nremove the structure.\nlike it is a old fridge\nand "
              "Gran tell me, she tell me in the hospital, Marcia don't let nobody mash up my house.\n")
    assert announced_sections(letter, load_template("default")) is None


def test_no_unannounced_dev_memo_reads_as_announced() -> None:
    # Each new announcement rule risks reading a story as a list of parts: two did (round 117: 12 -> 8 placed,
    # round 118: 10 -> 2). Every dev checklist says whether its speaker announces his parts.
    template, misread = load_template("default"), []
    for checklist, text in _dev_memos():
        if checklist["announced"] is False and announced_sections(load_transcript(text), template) is not None:
            misread.append(text.stem)
    assert misread == []


def test_announced_order_is_followed() -> None:
    text = (
        "今天录一段关于换工作的想法，大概分为三块：先说我的计划，然后是原因，最后是一些感受。"
        "第一部分，我的计划是明年春天离开现在的公司，去一家做教育的小团队，这是我接下来要做的事情。"
        "我打算先把手上的项目交接好，再用一个月时间学习新的领域。"
        "然后说原因。原因很简单，我在现在的岗位上已经学不到新东西了，每天都在重复同样的工作。"
        "另外公司的方向和我想做的事情越来越远，这是最根本的原因。"
        "最后说说感受。做了这个决定之后，我的感受是轻松了很多，晚上也睡得更好了，心情比以前平静。"
    )
    result = outline(Transcript("", "zh", 0.0, (Segment(0, 0, text),), settings={"timed": False}), engine="offline")
    assert [s.key for s in result.sections] == ["plan", "reasons", "experience"]
    by_key = {s.key: "".join(p.text for p in s.points) for s in result.sections}
    assert "明年春天" in by_key["plan"] and "学不到新东西" in by_key["reasons"] and "轻松" in by_key["experience"]


def test_timed_transcript_points_link_to_their_time_ranges(memo_zh: Transcript) -> None:
    # The reference memo as if spoken: each sentence a segment of ~4 characters a second, with pauses.
    segments, clock = [], 0.0
    for seg in memo_zh.segments:
        length = max(1.0, len(seg.text) / 4)
        segments.append(Segment(round(clock, 2), round(clock + length, 2), seg.text))
        clock += length + 0.4
    timed = Transcript("memo.m4a", "zh", clock, tuple(segments))
    result = outline(timed, engine="offline")
    markdown = render_markdown(result)
    context = doc_context(timed.text, "zh")  # the memo's own words fix its homophones (励志 -> 离职)
    for section in result.sections:
        for point in section.points:
            assert point.sources, point.text
            # The point's words are in the segments its time ranges cover.
            covered = "".join(
                clean_fragment(s.text, "zh", context)
                for s in segments
                if any(r.start <= s.start and s.end <= r.end for r in point.sources)
            )
            words = re.sub(r"[^\u4e00-\u9fff]", "", point.text)
            for probe in (words[:6], words[-6:]):
                assert probe in re.sub(r"[^\u4e00-\u9fff]", "", covered), (point.text, point.sources)
            # A clause links to the segments it came from, not to its whole run-on sentence: every segment it
            # links to holds some of its words.
            pairs = {words[i : i + 2] for i in range(len(words) - 1)}
            for seg in segments:
                if any(r.start <= seg.start and seg.end <= r.end for r in point.sources):
                    own = re.sub(r"[^\u4e00-\u9fff]", "", clean_fragment(seg.text, "zh", context))
                    assert len(own) < 2 or any(p in own for p in pairs), (point.text, seg.text)
    lines = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert lines and all(re.search(r"\[\d+:\d{2}–\d+:\d{2}\]$", line) for line in lines)


def test_english_memo_gets_english_headings() -> None:
    text = (
        "Um, so this is a memo about moving to Lisbon. "
        "The main reason is, uh, the rent here in London is just too high, and I, you know, work remotely anyway. "
        "My analysis is that the cost of living would drop by about half while my salary stays the same. "
        "The plan is to give notice on the flat in March and, um, rent a place for three months first. "
        "So far the experience of visiting felt calm and easy, and I liked the pace of life there."
    )
    result = outline(Transcript("", "en", 0.0, (Segment(0, 0, text),), settings={"timed": False}), engine="offline")
    assert [s.title for s in result.sections] == ["Reasons", "Analysis", "Plan", "Experience"]
    markdown = render_markdown(result)
    assert "## Cleaned transcript" in markdown
    assert not re.search(r"\b(?:um|uh)\b|you know,", markdown, re.I)
    assert "rent here in London" in markdown


def test_auto_engine_without_endpoint_says_it_used_offline(memo_zh: Transcript, monkeypatch) -> None:
    for name in ("MEMO_LLM_BASE_URL", "MEMO_LLM_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MEMO_CONFIG", "/nonexistent/memo-config.toml")
    result = outline(memo_zh, engine="auto")
    assert result.engine == "offline"
    assert "offline" in result.notice and "\n" not in result.notice
    assert outline(memo_zh, engine="offline").notice == ""


def test_engine_errors_are_one_line(memo_zh: Transcript) -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        outline(memo_zh, engine="gpt")
    with pytest.raises(EngineError, match="empty"):
        outline(Transcript("x.txt", "zh", 0.0, ()), engine="offline")


# ---------------------------------------------------------------- loaders


def test_load_text_json_and_markdown(tmp_path: Path, memo_zh: Transcript) -> None:
    assert memo_zh.language == "zh" and memo_zh.settings["timed"] is False
    assert len(memo_zh.segments) > 50 and all(s.start == s.end == 0.0 for s in memo_zh.segments)
    assert memo_zh.settings["paragraphs"][:2] == [0, 1]

    spoken = Transcript(
        "memo.wav", "zh", 9.0,
        (Segment(0.0, 2.5, "嗯今天聊一下搬家。"), Segment(5.5, 9.0, "原因是房租太贵了。")),
        model="base", settings={"timed": True},
    )
    json_path = tmp_path / "memo.json"
    json_path.write_text(json.dumps(spoken.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert load_transcript(json_path) == spoken

    from memo.writers import MarkdownWriter

    md_path = tmp_path / "memo.md"
    md_path.write_text(MarkdownWriter().render(spoken), encoding="utf-8")
    back = load_transcript(md_path)
    assert back.language == "zh" and [s.start for s in back.segments] == [0.0, 5.0]
    assert "今天聊一下搬家" in back.text and "房租太贵了" in back.text

    english = tmp_path / "note.txt"
    english.write_text("First line here. Second sentence!\n\nNew paragraph.\n", encoding="utf-8")
    loaded = load_transcript(english)
    assert loaded.language == "en"
    assert [s.text for s in loaded.segments] == ["First line here.", "Second sentence!", "New paragraph."]
    assert loaded.settings["paragraphs"] == [0, 2]


def test_load_errors_are_config_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.json"):
        load_transcript(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_transcript(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="empty"):
        load_transcript(empty)
    with pytest.raises(ConfigError, match="audio"):
        load_transcript(tmp_path / "memo.wav")


# ---------------------------------------------------------------- templates


def test_builtin_templates() -> None:
    names = list_templates()
    assert names[0] == "default" and {"meeting", "journal"} <= set(names)
    for name in names:
        template = load_template(name)
        assert template.sections and all(s.title("zh") and s.title("en") and s.cues for s in template.sections)
    assert load_template("meeting").sections[1].title("zh-CN") == "决定"
    with pytest.raises(ConfigError, match="unknown template"):
        load_template("nonsense")


def test_user_toml_template_drives_the_outline(tmp_path: Path, memo_zh: Transcript) -> None:
    path = tmp_path / "two_parts.toml"
    path.write_text(
        'name = "two parts"\n'
        '[[sections]]\nkey = "why"\ntitles = { zh = "为什么", en = "Why" }\ndescription = "reasons"\n'
        'cues = ["原因", "为什么"]\n'
        '[[sections]]\ntitle = "Afterwards"\ndescription = "after"\ncues = ["体验", "之后", "感觉"]\n',
        encoding="utf-8",
    )
    template = load_template(str(path))
    assert [s.key for s in template.sections] == ["why", "Afterwards"]
    assert template.sections[1].title("zh") == "Afterwards"
    result = outline(memo_zh, engine="offline", template=template)
    assert [s.title for s in result.sections] == ["为什么", "Afterwards"]
    assert all(s.points for s in result.sections)


def test_bad_user_templates(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[sections]\nkey=", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_template(str(broken))
    no_sections = tmp_path / "none.toml"
    no_sections.write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="sections"):
        load_template(str(no_sections))
    with pytest.raises(ConfigError, match="not found"):
        load_template(str(tmp_path / "missing.toml"))
    bad_form = tmp_path / "form.toml"
    bad_form.write_text('[[sections]]\nkey = "roots"\nforms = ["where (we came"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="bad regular expression"):
        load_template(str(bad_form))
    good_form = tmp_path / "good.toml"
    good_form.write_text('[[sections]]\nkey = "roots"\nforms = ["^where (?:i|we) came from"]\n', encoding="utf-8")
    assert load_template(str(good_form)).sections[0].named_by_form("Where we came from, first.")
    yaml_path = tmp_path / "t.yaml"
    yaml_path.write_text("sections:\n  - key: a\n    title: A\n  - key: b\n    title: B\n", encoding="utf-8")
    try:
        import yaml  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="PyYAML"):
            load_template(str(yaml_path))
    else:
        assert [s.key for s in load_template(str(yaml_path)).sections] == ["a", "b"]


# ---------------------------------------------------------------- a rambling English memo

MEMO_EN = Path(__file__).resolve().parent / "data" / "memo_en.txt"
KEY_POINTS_EN = {
    "reasons": [
        [("stopped believing",)],  # the work itself lost its point
        [("sixty hours",), ("overtime",)],  # the hours, unpaid overtime
        [("values",), ("billable hours",)],  # the agency's values are not his
    ],
    "analysis": [
        [("two problems",), ("money", "problem")],  # money and structure
        [("structure", "boss"), ("own routine",)],  # structure is the harder one
    ],
    "plan": [
        [("accessibility audits",)],  # what he will sell
        [("fixed price",), ("two thousand dollars",)],  # how he charges
        [("part-time job",)],  # the safety net
    ],
    "experience": [
        [("scary",), ("bank account",)],  # the first week
        [("focused",), ("calmer",)],  # then calmer and more focused
        [("weekends back",), ("loneliness",)],  # what it was worth, what is hard
    ],
}
_EN_FILLERS = re.compile(r"\b(?:um|uh|erm)\b|\byou know,|,\s*like,|\bI mean,", re.I)


@pytest.fixture(scope="module")
def memo_en() -> Transcript:
    return load_transcript(MEMO_EN)


@pytest.fixture(scope="module")
def result_en(memo_en: Transcript) -> Outline:
    return outline(memo_en, engine="offline")


def test_english_memo_follows_the_announced_structure(memo_en: Transcript, result_en: Outline) -> None:
    assert memo_en.language == "en" and result_en.language == "en"
    assert [s.key for s in result_en.sections] == ["reasons", "analysis", "plan", "experience"]
    # The template's heading where the speaker names the section, else his own words.
    assert [s.title for s in result_en.sections] == ["Reasons", "Analysis", "Plan", "How it felt after the first month"]
    assert result_en.title == "Why I'm leaving the agency and going freelance"


def test_english_memo_points_are_clean_clauses(result_en: Outline) -> None:
    dangling = re.compile(r"\b(?:the|a|an|and|or|but|so|to|of|because|that|which|with|for|my|i)[.!?]$", re.I)
    for section in result_en.sections:
        assert 3 <= len(section.points) <= 7, (section.title, [p.text for p in section.points])
        for point in section.points:
            words = point.text.split()
            assert 6 <= len(words) <= 36, point.text
            assert point.text[0].isupper() and point.text.endswith((".", "!")), point.text
            assert not dangling.search(point.text), point.text
            assert not re.match(r"(?:so|and|but|then|okay|well|um|uh)\b", point.text, re.I), point.text
            assert not _EN_FILLERS.search(point.text), point.text
            # The announcement and other talk about the memo are not points.
            assert not re.search(r"\b(?:outline|talk about|first the reasons)\b", point.text, re.I), point.text


def test_english_memo_key_points_each_in_one_point(result_en: Outline) -> None:
    for section in result_en.sections:
        points = [p.text.lower() for p in section.points]
        for alternatives in KEY_POINTS_EN[section.key]:
            assert any(all(a in p for a in anchors) for anchors in alternatives for p in points), (
                f"{section.title}: no point has any of {alternatives}: {points}"
            )


def test_english_memo_cleaned_transcript_keeps_everything(memo_en: Transcript, result_en: Outline) -> None:
    raw = memo_en.text
    assert len(_EN_FILLERS.findall(raw)) >= 12
    assert not _EN_FILLERS.findall(result_en.cleaned_text)
    # Cleanup is not summarising: every content word of the memo is still there, in order.
    fillers = {"um", "uh", "like", "you", "know", "i", "mean", "kind", "of", "sort", "okay", "so", "honestly",
               "basically", "actually", "well", "yeah"}
    said = [w for w in re.findall(r"[a-z0-9']+", raw.lower()) if w not in fillers]
    kept = [w for w in re.findall(r"[a-z0-9']+", result_en.cleaned_text.lower()) if w not in fillers]
    assert said == kept
    assert len(result_en.cleaned_text.split("\n\n")) >= 5  # its paragraphs


def test_english_timed_memo_points_link_to_their_segments(memo_en: Transcript) -> None:
    segments, clock = [], 0.0
    for seg in memo_en.segments:
        length = max(1.0, len(seg.text.split()) / 2.5)
        segments.append(Segment(round(clock, 2), round(clock + length, 2), seg.text))
        clock += length + 0.3
    timed = Transcript("memo.m4a", "en", clock, tuple(segments))
    result = outline(timed, engine="offline")
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    for section in result.sections:
        for point in section.points:
            assert point.sources, point.text
            covered = " ".join(
                s.text.lower() for s in segments if any(r.start <= s.start and s.end <= r.end for r in point.sources)
            )
            words = re.findall(r"[a-z']+", point.text.lower())
            for probe in (words[:3], words[-3:]):
                assert all(w in covered for w in probe), (point.text, point.sources)


# ---------------------------------------------------------------- the bench's dev memos (never its held-out ones)

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench_module():
    import importlib.util
    import sys

    module = sys.modules.get("eval_outline")
    if module is None:
        spec = importlib.util.spec_from_file_location("eval_outline", BENCH / "eval_outline.py")
        module = sys.modules["eval_outline"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def test_bench_goes_on_when_the_endpoint_fails_one_memo(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # Nothing listens on port 9: every memo fails, each gets its row and one error line, and the table is written
    # (a timed-out memo used to lose the whole run's table).
    out = tmp_path / "table.md"
    rc = _bench_module().main(["--engine", "llm", "--base-url", "http://127.0.0.1:9/v1", "--timeout", "2",
                               "--only", "en_archery_club", "zh_fridge_not_cooling", "--out", str(out)])
    assert rc == 0
    table = out.read_text(encoding="utf-8")
    assert "| en_archery_club | dev | 0/12 | 0/12 | failed |" in table and "| zh_fridge_not_cooling |" in table
    assert capsys.readouterr().err.count("error: ") == 2


def test_bench_tells_meta_talk_from_a_few_plots() -> None:
    is_meta = _bench_module().is_meta
    assert is_meta("我分几块说吧。", True)
    assert not is_meta("我们屋那几块地挨到河边是沙土，排水好。", True)  # round 297's chive sheds
    assert not is_meta("学校借给她那把大提琴，漆都掉了好几块。", True) and is_meta("我分几块来说。", True)
    # "in order" is the memo's plan only as the order of telling (round 568's living crib: passports in order).
    assert is_meta("I'll take it in order, first the why.", False)
    assert not is_meta("The vet says their passports are in order.", False)
    assert not is_meta("We sell the field in order to pay the loan.", False)
    # Round 668's police horse: "keeping the toon in order" is the town kept in order; round 645's "hang all the
    # pieces in order" the pieces.
    assert not is_meta("He's done thirteen years keeping the toon in order, he should smell the Tyne.", False)
    assert not is_meta("Then we hang all the pieces in order.", False) and is_meta("Let me do it in order.", False)
    assert not is_meta("Every piece on a rag in order, and he said son.", False)  # round 675's gunsmith shop
    # Round 722's crannog: wanting to get up in the morning is how he felt, not getting his thoughts down.
    assert not is_meta("For the first time in ages I wanted to get up in the morning.", False)
    assert is_meta("I wanted to get some thoughts down before Tuesday.", False)


def test_someone_else_talking_about_something_announces_no_parts() -> None:
    # Round 731's Maroon colonel: "him come up on weekend in a big Fortuner and talk about investor and eco lodge"
    # took "talk about" for the speaker's list of parts (1 of 12 placed under three misread headings).
    from memo.structure.cleanup import lexicon
    from memo.structure.items import trigger_starts

    lex = lexicon("en")
    assert not trigger_starts("and him come up on weekend in a big fortuner and talk about investor", lex)
    assert trigger_starts("so first i'll talk about why, then the money", lex)
    _, result = _bench_score("en_maroon_colonel")
    assert len(result.sections) == 4 and result.sections[0].key != result.sections[1].key


def test_bench_reads_a_hyphen_as_the_space_said() -> None:
    # The 1.5B model wrote "thirty-eight pence" for the "thirty eight pence" said (round 79's herd memo, llm run).
    covers = _bench_module().covers
    assert covers("Milk's thirty-eight pence a litre.", [["thirty eight pence", "38p"]])
    assert not covers("Milk's thirty pence a litre.", [["thirty eight pence", "38p"]])


def _dev_memos():
    """(checklist, transcript path) of every dev memo of the outline bench."""
    module = _bench_module()
    for path, _source, checklist in module.dev_checklists(BENCH / "outline_memos"):
        yield checklist, path.with_suffix(".txt")


def _bench_score(name: str):
    """The bench's own scoring (bench/eval_outline.py) of the offline outline of one dev memo."""
    module = _bench_module()
    checklist = module.tomllib.loads((BENCH / "outline_memos" / f"{name}.toml").read_text(encoding="utf-8"))
    assert not checklist["heldout"], "tests use dev memos only"
    result = outline(load_transcript(BENCH / "outline_memos" / f"{name}.txt"), engine="offline")
    return module.score_outline(name, checklist, result), result


@pytest.mark.parametrize(
    ("name", "covered", "placed", "titled"),
    # zh_friend_drift's topic word (朋友) is one most memos say: the learned topic words title it 相册和电话.
    # zh_pet_portrait_orders says "二十几块钱": no announcement of parts (it had printed seven invented sections).
    [("zh_move_chengdu", 9, 7, True), ("en_team_conflict", 10, 10, True), ("zh_friend_drift", 10, 9, False),
     ("zh_pet_portrait_orders", 11, 10, True),
     # A part's one-word signpost of its own ("Okay now practically.", "Okay, last, sunday.") opens it; a word of a
     # phrase said after its name ("And Sunday.", inside a plan announced as "…, something about Sunday") does not,
     # nor one said before the part before it (round 366's chenda: 7 placed; English dev 1807: placed +35).
     ("en_chenda_arangettam", 11, 11, True), ("en_church_organ_appeal", 11, 9, True),
     ("en_naming_ceremony", 12, 12, True),
     # "two bits of four by two" is timber, not two parts; Sichuan 先摆一下 tells (rounds 365 and 366).
     ("en_sunbeam_restoration", 11, 10, True), ("zh_baisui_shouyan", 12, 11, True),
     # "let me put my thoughts in order before the Sunday call" talks about the memo (round 371's pooram terrace).
     ("en_pooram_terrace", 11, 11, True),
     # 霉豆腐 said nine times of the twelve 豆腐 is the whole word (round 367's fermented tofu was titled 豆腐).
     ("zh_meidoufu_license", 12, 11, True),
     # A topic word the model is sure of (otter, masjid) outweighs a phrase of the opening the speaker named ("Condo i
     # go round and round until she also sian", "What the committee asked me": rounds 416 and 417).
     ("en_otter_raids", 12, 12, True), ("en_mosque_bilal", 11, 11, False),
     # Two matters named together ("把今天家长会那个事，还有校服的事理一下", round 441) are both the title.
     ("zh_uniform_swap", 12, 12, True),
     # One part named twice on its line ("first, why I am even thinking of leaving tomatoes, the reasons.") is one:
     # the list goes on to its last part, how she feels (round 438 lost it, and read "I weigh it" as the feelings).
     ("en_french_beans", 11, 11, True),
     # "说到滋味 上礼拜那个收枣的老板…" turns to the feelings (说到: as for): the part starts there, not at the closing
     # "就是这么个滋味" (round 457's almond trees placed 8).
     ("zh_zaoyuan_badanmu", 12, 11, True),
     # The plan's steps "第一件事…第二件事…第三件事", first said deep in the memo, are no parts two and three (round
     # 491's international school placed 6: the money began at 第二件事); "跟第一块有关的" said late points back at
     # the first part, and 第二块 still opens the second (zh_phone_curfew).
     ("zh_intl_school_switch", 12, 12, True), ("zh_phone_curfew", 12, 12, True),
     # 都 before every one of the lute's ten mentions is its own: jieba cuts 都|塔尔 (round 504 was titled 塔尔…).
     ("zh_dutar_order", 12, 12, True), ("en_golden_pliers", 12, 12, True),
     # "That's where I am." closes the memo, no label of the sentence after it (round 514's radio commentary had the
     # meta bullet "That's where I am: excited and frighten, the two together.").
     ("en_commentary_offer", 12, 12, True), ("zh_linqu_exhibition", 12, 12, True)],
)
def test_dev_memo_key_points_without_meta_talk(name: str, covered: int, placed: int, titled: bool) -> None:
    score, result = _bench_score(name)
    assert score.covered >= covered and score.placed >= placed, score.missed
    assert score.meta == 0 and score.fillers == 0 and score.sections_ok, result
    assert score.title_ok or not titled, result.title


def test_announced_parts_in_the_speakers_words_become_headings() -> None:
    _, result = _bench_score("en_team_conflict")
    assert [s.title for s in result.sections] == [
        "What happened", "Why I think it happened", "What I'm going to do about it", "How I feel about the whole thing",
    ]
    assert result.title == "Priya and Marcus on my team"
    assert not any(p.text.lower().startswith(("so what happened", "first")) for s in result.sections for p in s.points)


def test_two_names_of_one_announced_part_make_one_section() -> None:
    # "…然后把账算一算 看到底划不划得来…": the analysis named twice is one section, and no section is empty.
    score, result = _bench_score("zh_xinjiang_parents_trip")
    assert [s.key for s in result.sections] == ["experience", "reasons", "analysis", "plan"]
    assert all(s.points for s in result.sections) and score.placed >= 10, score.missed


@pytest.mark.parametrize(
    ("name", "first_part"),
    [
        # "先说说昨儿个在医院那点事儿 完了掰扯掰扯这钱 再寻思寻思我凭啥管他 最后定下来咋整" (round 442): 完了 before a
        # verb of weighing is "after that", 凭啥 asks why, and "昨儿个在医院那点事儿" is what happened.
        ("zh_exhusband_care", "昨儿个在医院那点事儿"),
        # "先讲下今天去东莞看店 是个么子情况 再算算账…" (round 447): 么子情况 asks what happened, and the 下 of 讲下
        # left after the marker 先讲 is no part of the name (the part was lost, with three of its points).
        ("zh_duojiao_yutou", "今天去东莞看店"),
        # "I'm gonnae start wi what happened at the weekend…, then I'll dae the sums, then why…" (round 448): gonnae
        # and dae are going to and do, around the parts' names.
        ("en_greeting_cards", "What happened at the weekend"),
    ],
)
def test_regional_announcement_is_followed(name: str, first_part: str) -> None:
    # Each announces what happened, the money, why, then the plan.
    score, result = _bench_score(name)
    assert [s.key for s in result.sections] == ["experience", "analysis", "reasons", "plan"]
    assert result.sections[0].title == first_part
    assert score.placed >= 11, score.missed


def test_announced_parts_start_at_their_signposts() -> None:
    # "Right, why." opens the reasons, not a sentence that shares the announced words ("…shared parental leave"),
    # and "I actually handled that." opens nothing ("what it's actually been like").
    score, result = _bench_score("en_parental_leave")
    assert [s.key for s in result.sections] == ["plan", "reasons", "experience", "analysis"]
    assert score.placed >= 10, score.missed


def test_a_run_of_clauses_after_a_trigger_is_no_list_of_parts() -> None:
    # Round 52: "…talk about it properly at the weekend … ten days, no, eleven, ten nights, and that was with a pretty
    # basic hotel, and I said never again, I can't spend that every summer" was read as five parts.
    score, result = _bench_score("en_caravan_holiday_disaster")
    assert len(result.sections) == 4 and score.placed >= 8, (score.placed, [s.title for s in result.sections])


def test_an_english_cue_is_a_whole_word() -> None:
    from memo.structure.parts import has_cue

    assert has_cue("plan", "what the plan is", zh=False) and has_cue("plan", "my plans", zh=False)
    assert not has_cue("plan", "why i'm looking at an implant", zh=False)
    assert not has_cue("plan", "how this whole planning thing has felt", zh=False)
    assert has_cue("how it's gone", "how it's actually gone", zh=False)


def test_a_mandarin_cue_begins_a_word() -> None:
    # "我估计划不来" is 估计 + 划不来 (I reckon it doesn't pay): no 计划 (plan) is said, as in "合计合计划算不划算".
    from memo.structure.parts import has_cue

    assert not has_cue("计划", "我估计划不来了", zh=True) and not has_cue("计划", "合计合计划算不划算", zh=True)
    assert has_cue("计划", "然后说说计划", zh=True) and has_cue("掂量", "最后掂量掂量", zh=True)


def test_a_short_sentence_of_the_announced_words_opens_its_part() -> None:
    # Round 48: "Ok thinking it through." and "So what I'm going to do." open the parts announced as "think it
    # through properly" and "what I'm actually going to do", not "the second thing" inside the reasons.
    score, result = _bench_score("en_new_boss_gareth")
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    assert score.placed >= 11, score.missed
    # Round 98's dog memo: "ok weighing it up." and "so what we do." open "the weighing up" and "what Terry and I are
    # going to do" (a pronoun for another).
    from memo.structure.offline import _says_part

    assert _says_part("ok weighing it up.", "the weighing up", False)
    assert _says_part("so what we do.", "what Terry and I are going to do", False)
    assert not _says_part("we went to the vet.", "what Terry and I are going to do", False)
    # "does it" asks what was announced as "whether it…" (round 299's ginnel placed 9/12: the analysis began at
    # "and then who's gonna moan", half of its announced words).
    assert _says_part("Right, does it stack up.", "whether it stacks up the money, who's gonna kick off", False)
    score, result = _bench_score("en_ginnel_garden")
    assert score.placed >= 11, score.missed
    score, result = _bench_score("en_dog_dementia")
    assert [s.key for s in result.sections] == ["experience", "reasons", "analysis", "plan"]
    assert score.placed >= 10, score.missed
    # Scots "noo the sums." and "an foo it felt the day." open their parts (round 566's stone circle placed 7/12).
    assert _says_part("noo the sums.", "the sums an aa the bother it could bring", False)
    assert _says_part("an foo it felt the day.", "foo it felt up at the stone circle the day wi the professor wifie",
                      False)
    score, result = _bench_score("en_stone_circle")
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    assert score.placed >= 11, score.missed


def test_memo_homophones_of_its_topic_words_are_fixed() -> None:
    from memo.structure.cleanup import lexicon, to_simplified
    from memo.structure.homophones import memo_fixes

    text = to_simplified((BENCH / "outline_memos" / "zh_health_sugar.txt").read_text(encoding="utf-8"))
    assert memo_fixes(text, lexicon("zh").common_words) == {"血堂": "血糖"}
    _, result = _bench_score("zh_health_sugar")
    assert "血堂" not in result.cleaned_text and "血糖有帮助" in result.cleaned_text
    # Real words that sound like a topic word stay (心理 is frequent; 心里 is a word of its own).
    assert memo_fixes("心理学。心理问题。心理咨询。他心里不舒服。", frozenset()) == {}


def test_a_named_title_takes_the_form_said_most() -> None:
    from memo.structure.homophones import likelier_form

    # Round 276's beehive-rocket memo named its topic 跑城 as Whisper heard it and said 炮城 three times.
    text = "这个跑城的事。跑城要做。炮城一座两万。炮城上挂蜂炮。炮城烧了。"
    assert likelier_form("跑城", text) == "炮城"
    # A real word stays, and so does a form said as often as the other.
    assert likelier_form("心里", "心理。心理。心里。") == "心里"
    assert likelier_form("跑城", "跑城。跑城。炮城。炮城。") == "跑城"
    _, result = _bench_score("zh_fengpao_fortress")
    assert "炮城" in result.title


def test_plan_outline_exposes_sections_and_ranked_candidates(memo_zh: Transcript) -> None:
    from memo.structure.offline import plan_outline

    plan = plan_outline(memo_zh, load_template("default"))
    assert plan.announced and plan.title == "为什么我想离职"
    assert [s.spec.key for s in plan.sections] == ["reasons", "analysis", "plan", "experience"]
    assert plan.sections[-1].spec.announced == "真正离职之后的体验"
    ends = [s.end for s in plan.sections]
    assert [s.start for s in plan.sections[1:]] == ends[:-1] and ends[-1] == len(plan.sentences)
    for section in plan.sections:
        assert 3 <= len(section.points) <= 7 and len(section.candidates) >= len(section.points)
        for point in (*section.points, *section.candidates):
            assert section.start <= point.sentence < section.end and point.segments
            assert set(point.segments) <= set(plan.sentences[point.sentence].segments)
    assert plan.cleaned_text == outline(memo_zh, engine="offline").cleaned_text


# ---------------------------------------------------------------- counted announcements, parts by content


@pytest.mark.parametrize(
    ("language", "text", "items"),
    [
        ("zh", "录一下换工作的事 我分三块来说 第一块是现在公司的问题 第二块是新公司的情况 第三块是我最后怎么选\n"
               "先说现在公司",
         ("现在公司的问题", "新公司的情况", "怎么选")),
        ("zh", "今天想聊聊装修 大概有两件事 一个是预算超了 另一个是跟设计师的沟通\n预算这个事情是这样的",
         ("预算超了", "跟设计师的沟通")),
        ("en", "Okay so two things I want to cover today. What the trip cost, and whether I'd do it again.\n"
               "The cost.",
         ("What the trip cost", "whether I'd do it again")),
        # The count's clause ends with a stop (here a line break too); "next spring" is no enumeration word.
        ("en", "There are three things I want to get into.\n"
               "What broke, what held up, and what I'll change next spring.\nSo, what broke.",
         ("What broke", "what held up", "what I'll change next spring")),
        # One sentence per part after the count, each elaborated after a comma (round 38's office return); the rest
        # of the count's sentence is no part, and an item may come before its ordinal ("… next first").
        ("en", "four bits I reckon.\nwhy this is even a thing.\nthen weighing it up properly, the money and the time.\n"
               "then what I'm going to actually do.\nand then how these weeks back have felt, because that's the test."
               "\n\nso why.",
         ("why this is even a thing", "weighing it up properly", "what I'm going to actually do",
          "how these weeks back have felt")),
        ("en", "four bits, like Sunita says, plan your answer.\nwhat I've got to do next first, because it's soon.\n"
               "then why I'm even doing this.\nthen how the classes have been.\nand then last, is it worth it.\n\nok.",
         ("what I've got to do next", "why I'm even doing this", "how the classes have been", "is it worth it")),
        # A count that names no parts of the memo is no announcement.
        ("zh", "我有三个问题一直想不明白 就是说为什么他总是迟到 然后我也不好意思说 这个事情拖了很久\n昨天又迟到了",
         None),
        ("en", "I bought three things at the market and the peaches were the best. Anyway the interview went badly.",
         None),
        # Things to ask or do are the plan's content, not the memo's parts (round 29's frozen shoulder).
        ("zh", "明天八点的号 我怕到了医生面前说不清楚\n明天去了我要问三个事 一个是我这到底是不是肩周炎 "
               "一个是能不能在医院做理疗 再一个就是 我还要不要接着去外面那个店里扎针\n"
               "然后我今天跟小孙说好了 下礼拜换座位",
         None),
        # "structured" is not the word "structure", and what follows it is the memo, not parts in his words.
        ("en", "ok so I've just left the vet and I'm in the car park because if I don't say it now I'll forget most "
               "of it.\nso the vet, Dr Hale, very calm, she laid it out. it's a torn ligament in the back leg and "
               "there's two ways. one is the operation, they go in and fix it, he's in a cage for a week. the other "
               "is rest, a structured six weeks of short lead walks, and then see.\nand what surprised me is she "
               "didn't push the operation at all.\nshe said for a dog his age, he's nine, with a tear like this, "
               "the studies show rest does about as well as the operation after a year.\nabout as well.\n"
               "I'd gone in there assuming she'd just book him in\nand then the bill.\neighteen hundred pounds.",
         None),
        # Two things to find out are the plan's content (round 253's stilt house read them as its parts: 0 placed).
        ("zh", "哦 录起了 我吴春花 今天礼拜三 就是我们屋这栋吊脚楼的事 讲出来理一哈\n上个礼拜五凌晨下大雨 屋顶漏了\n"
               "下个礼拜一我先克村委 找文书小龙 问清楚两个事 一个是传统村落那个修缮补贴 听讲一户有两万 "
               "还有就是要拆的话 审批要走好久", None),
        # Three things to ask someone ("问他三个事") are the plan's content too (round 521's transfer south read them
        # as its parts: 0 placed).
        ("zh", "嗯 录上了 明天礼拜四 我得先去找老魏 就是我们车间主任 问他三个事 头一个 三年期满了能不能回长春 "
               "岗位还给不给留 第二个 佛山那边有没有家属房 第三个 这事到底啥时候必须给回话", None),
        # "holding the two bits." are pieces of a figurine just broken, not two parts to come (round 815's HS2 offer
        # read the next two sentences as its parts: 0 placed).
        ("en", "the cabinet was shaking and her Royal Doulton lady walked herself right off the shelf and the head "
               "come clean off. Pauline just sat there holding the two bits. didn't say a word. and that's when I "
               "thought, right, we've got to talk about this properly\nso this is the HS2 thing.", None),
    ],
)
def test_structure_announced_with_a_count(language: str, text: str, items: tuple[str, ...] | None) -> None:
    from memo.structure.announce import find_announcement

    found = find_announcement(text, load_template("default"), language)
    assert (found.items if found else None) == items


@pytest.mark.parametrize(
    ("language", "text", "items", "keys"),
    [
        # Listed as questions after a verb of going through them, the count after the list; the one part that
        # names no section is the one section left.
        ("en", "Okay so this is about the garden. I want to go through why we dug it up, what I learned about soil, "
               "what we'll plant next spring, and how the first month felt. So, four things.\n\nWhy. We dug it up…",
         ("why we dug it up", "what I learned about soil", "what we'll plant next spring", "how the first month felt"),
         ("reasons", "analysis", "plan", "experience")),
        ("en", "I'm going to cover what went wrong with the launch, why it happened, and what we change next time.\n"
               "What went wrong was the date.",
         ("what went wrong with the launch", "why it happened", "what we change next time"),
         ("analysis", "reasons", "plan")),
        ("zh", "嗯 今天想说一下换工作的事 我想讲讲为什么要换 我是怎么想的 接下来怎么办 还有这几天的感受\n"
               "为什么要换 其实…",
         ("为什么要换", "我是怎么想的", "怎么办", "这几天的感受"), ("reasons", "analysis", "plan", "experience")),
        # The topic said as a question is not a part: "聊一下为什么我决定搬家" names the memo, the list comes later.
        ("zh", "聊一下为什么我决定搬家 这个事情我想了很久 先说原因 然后是我的分析 最后说说感受\n先说原因",
         ("原因", "我的分析", "感受"), ("reasons", "analysis", "experience")),
        # Questions name their sections by their form; "finally" after a subject is no enumeration word.
        ("en", "Right, the new bike. So I'm going to ask myself four things. What's it actually been like riding "
               "it, why did I finally buy one, is it worth that kind of money, and what do I do now.\nSo what's it "
               "been like.",
         ("What's it actually been like riding it", "why did I finally buy one", "is it worth that kind of money",
          "what do I do now"),
         ("experience", "reasons", "analysis", "plan")),
        ("zh", "嗯 说说装修的事 分四块吧 这三个月住下来咋样 为啥要重新装 值不值 接下来怎么弄\n先说住下来咋样",
         ("这三个月住下来咋样", "为啥要重新装", "值不值", "怎么弄"), ("experience", "reasons", "analysis", "plan")),
        # Guizhou 整哪样 ("do what") is the plan and 难处 (the difficulties) the weighing; 讲下 before a time is no
        # 讲一下: "讲下个礼拜整哪样" tells next week's plan (round 390's board-shoe team: 2/4 sections).
        ("zh", "我先讲今天下午训练的事 然后讲我为哪样想接 再讲难处 钱啊 时间啊 崽啊 最后讲下个礼拜整哪样 就按这个来\n"
               "今天下午训练",
         ("今天下午训练的事", "我为哪样想接", "难处", "下个礼拜整哪样"), ("experience", "reasons", "analysis", "plan")),
        # 来着 asks what one forgot ("介玩意儿怎么弄来着": how the recorder works), no part; Tianjin 介一出 (这一出, an
        # episode) is what happened, 怎么干 the plan (round 403's candied-nut stall: 4 placed of 12).
        ("zh", "嗯 哎呦 介玩意儿怎么弄来着 得 录上了 今儿个礼拜天 我先说说礼拜六早市上介一出 到底嘛情况 然后算算账 "
               "再说说我为嘛非要折腾介个 最后说说往下怎么干 就介么\n礼拜六早市",
         ("礼拜六早市上介一出", "算算账", "我为嘛非要折腾介个", "往下怎么干"),
         ("experience", "analysis", "reasons", "plan")),
        # A restart: the list is the one said after it, each item the first phrase after its marker.
        ("en", "ok so I'm in the car park. the way I'll do this, first what I've decided, no wait, I haven't "
               "decided, let me start again. first the cost, the real figures, because otherwise I go round in "
               "circles. then what I'll tell her. then why it even came up, and last how it's gone this week, "
               "because it's been odd.\nok. the cost.",
         ("the cost", "what I'll tell her", "why it even came up", "how it's gone this week"),
         ("analysis", "plan", "reasons", "experience")),
        ("zh", "嗯 想把换房子这个事理一理 我分三块说 不对 分四块 第一块先说接下来怎么弄 因为这个最急 "
               "第二块说说这个月住得怎么样 第三块 当初为啥要换 第四块 算算账 到底值不值 就这四块\n先说接下来怎么弄",
         ("接下来怎么弄", "这个月住得怎么样", "当初为啥要换", "算算账"), ("plan", "experience", "reasons", "analysis")),
        # The item is the phrase that names a section ("which is whether…"); "I'll finish with" marks the last.
        ("en", "right. piano. so, the way I'm going to do this, first the thing that's bugging me, which is whether "
               "the class is worth the money, then how it's actually gone these months, then what I'm going to do "
               "about it, and I'll finish with why I started, because I've lost track of that.\nok so is it worth it.",
         ("whether the class is worth the money", "how it's actually gone these months",
          "what I'm going to do about it", "why I started"),
         ("analysis", "experience", "plan", "reasons")),
        ("zh", "这个事我想捋一捋 我就分四块说吧 一个是当初为啥要养狗 二是这个事到底划不划算 有什么风险 "
               "三是接下来怎么弄 四是这三个月养下来是啥感受 好 就这么来\n先说为啥",
         ("当初为啥要养狗", "这个事到底划不划算", "怎么弄", "这三个月养下来是啥感受"),
         ("reasons", "analysis", "plan", "experience")),
        # Parts named by their form ("how her two trial days went", "the money"); "why" alone is a part.
        ("en", "so, I'll do it like this. first what I'm actually going to do, because I've decided, then why, so I "
               "can check I still believe it, then how her two trial days went, and last the money, whether it "
               "adds up.\nok so what I'm going to do.",
         ("what I'm actually going to do", "why", "how her two trial days went", "the money"),
         ("plan", "reasons", "experience", "analysis")),
        ("zh", "过年回哪家这个事 我分四段说吧 头一段 说说这事为啥这么难办 第二段 把几个办法摆出来比一比 "
               "第三段 定下来到底怎么走 最后说说这阵子心里头是个什么感觉\n好 先说为啥难办",
         ("这事为啥这么难办", "把几个办法摆出来比一比", "定下来到底怎么走", "这阵子心里头是个什么感觉"),
         ("reasons", "analysis", "plan", "experience")),
        # A because-clause says why the order, an item may be long, the count comes after the list.
        ("en", "this is about retiring, or not. the money first, because that's the bit that frightens me, then why I "
               "even want to go, then what these three months on three days a week have actually been like, and then "
               "what I'm going to say to Sandra. four things. ok\n\nthe money.",
         ("the money", "why I even want to go",
          "what these three months on three days a week have actually been like", "what I'm going to say to Sandra"),
         ("analysis", "reasons", "experience", "plan")),
        # Counted, each part the phrase after its marker ("到底值不值" says more of 算算账), the last after 最后.
        ("zh", "买车位这个事 我分四块说吧 先说为啥突然要考虑买车位 然后算算账 到底值不值 再说接下来怎么弄 "
               "最后说说这一个月折腾下来的感受 就这么四块\n先说为啥 我现在停的那个车位是租的",
         ("为啥突然要考虑买车位", "算算账", "怎么弄", "这一个月折腾下来的感受"),
         ("reasons", "analysis", "plan", "experience")),
        # No "first" or "outline": one sentence listing parts that each name a different section.
        ("en", "so. I want to get this straight. I'm going to go through it properly for once. why I want off nights, "
               "then the pros and cons, the honest ones, then what I'm actually going to do about it, and then how "
               "these last few weeks have been, because they've been a lot\n\nwhy. for the first time in years",
         ("why I want off nights", "the pros and cons", "what I'm actually going to do about it",
          "how these last few weeks have been"),
         ("reasons", "analysis", "plan", "experience")),
        # "先说一遍" is no first part, a bare 再 opening a clause marks one, "主体结构" later in the memo names none.
        ("zh", "这个事今天得好好捋一下 我自己先说一遍 顺序我想好了 先说这大半年踢成啥样了 然后直接说我打算咋办 "
               "再回头说我为啥这么想让他踢 最后呢 把该算的账 该想的坏处 一样一样摆出来\n先说踢成啥样 小宇进了梯队 "
               "房子是不动主体结构的情况下装的",
         ("这大半年踢成啥样了", "直接说我打算咋办", "再回头说我为啥这么想让他踢", "把该算的账"),
         ("experience", "plan", "reasons", "analysis")),
        # "X first, …, and Y at the end": each part named in one sentence; "weighing it up" names the analysis.
        ("en", "five months since I moved back in. so. the numbers first, because that's the point, then how it's "
               "actually going living there, then what I'm doing next, and why I did it, for the record, at the end, "
               "so future me doesn't forget\n\nthe numbers.",
         ("the numbers", "how it's actually going living there", "what I'm doing", "why I did it"),
         ("analysis", "experience", "plan", "reasons")),
        # An item joined by 还有 says more of the first, and the last part's name comes after 最后冷静下来.
        ("zh", "就是头发 植发这个事 我今天按这个顺序来 先说说这半年吃药 还有上礼拜去面诊的经历 心情 "
               "然后再说为什么我非要折腾这个头发 再说接下来打算怎么弄 最后冷静下来 把账算一算 几条路比一比\n"
               "先说这半年 今年五月开始",
         ("上礼拜去面诊的经历", "为什么我非要折腾这个头发", "打算怎么弄", "把账算一算"),
         ("experience", "reasons", "plan", "analysis")),
        # One sentence, three parts named and one said in other words: that one is the section left.
        ("en", "ok. I'll do it properly. why we're even talking about it now, then me going back and forth on it, "
               "which is most of it honestly, then what we'd actually do and when, and then how the trial week "
               "went, because we had one by accident\n\nso why.",
         ("why we're even talking about it now", "me going back and forth on it", "what we'd actually do",
          "how the trial week went"),
         ("reasons", "analysis", "plan", "experience")),
        # "what happens next" names the plan.
        ("en", "so. why I'm doing this lorry thing, the HGV, whether it actually stacks up, money and that, what "
               "happens next, and then how the first fortnight's gone.\n\nwhy. the print works shut",
         ("why I'm doing this lorry thing", "whether it actually stacks up", "that what happens next",
          "how the first fortnight's gone"),
         ("reasons", "analysis", "plan", "experience")),
        # NZ "first up" marks the first part; "whether it stacks up" weighs it up; "what's gotta happen" is the plan
        # (round 505's fencing contest read it as the plan and the money as the analysis: 8 placed).
        ("en", "i'll do it in order eh. first up why i'm even keen on it, then whether it stacks up, the money and the "
               "risks and that, then what's gotta happen and by when, and then last how the trial run went this arvo, "
               "'cause that was a bit of a mission\nso why. the main one's dad.",
         ("why i'm even keen on it", "whether it stacks up", "what's gotta happen", "how the trial run went this arvo"),
         ("reasons", "analysis", "plan", "experience")),
        # 完了说说 is "after that"; 接下来 after 寻思寻思 is what the plan is about, no marker of a fifth part (round
        # 518's photo exhibition: no list found).
        ("zh", "这个办影展的事 我从头唠 先说今儿个上文化馆遇着啥了 完了说说我到底图个啥 再掰扯掰扯钱 最后寻思寻思 "
               "接下来咋整\n今儿个上午 我揣着个档案袋",
         ("今儿个上文化馆遇着啥了", "我到底图个啥", "掰扯钱", "咋整"), ("experience", "reasons", "analysis", "plan")),
        # A story told with 先说 and 最后 ("他最后就退我两千八") lists no parts: 清洁费八百 counts money, names none.
        ("zh", "先说一下那天怎么回事吧 六月三十号 我退租 交房 他说墙黄了 要重新刷 两千 还有清洁费八百 还有一个什么 "
               "灯泡 加起来五千六 他最后就退我两千八\n我当时就懵了", None, None),
        # Questions in a story are no list of parts.
        ("en", "So we talked about why the bus was late and what to eat, and then we went home.", None, None),
        # What comes before "in this order" is the topic, not a part; "whether the money works" weighs it up.
        ("en", "so, I want to do a proper think about the allotment, and I'm going to do it in this order, how it's "
               "actually going a year in, then whether the money works, then what I do next, and then why I took it on "
               "at all, because that's the bit I forget\n\nso how it's going.",
         ("how it's actually going a year in", "whether the money works", "what I do next", "why I took it on at all"),
         ("experience", "analysis", "plan", "reasons")),
        # "So I'll go through …" leads into the first part; "what we'd have to sort out" is the plan.
        ("en", "So I'll go through why we'd even do it, then the pros and cons properly, then what we'd actually have "
               "to sort out, and then how the trial week felt, because that decides it.\n\nSo why.",
         ("why we'd even do it", "the pros and cons properly", "what we'd actually have to sort out",
          "how the trial week felt"), ("reasons", "analysis", "plan", "experience")),
        # The first part before its marker ("what I'm actually doing first, … then why, …, and then last how…").
        ("en", "so I'm going to do it a bit back to front. what I'm actually doing first, so it's said, then why, then "
               "all the going back and forth about the risks and the cost of it, and then last how the first three "
               "weeks have actually been\n\nso what I'm doing.",
         ("what I'm actually doing", "why", "the cost of it", "how the first three weeks have actually been"),
         ("plan", "reasons", "analysis", "experience")),
        # "What happened first, and how it's been": one part in two phrases, as is "weigh it up properly, is it worth
        # it"; four parts, not six.
        ("en", "So. I'll do it in a sort of order. What happened first, and how it's been, because I'm still fuming, "
               "then what I'm actually going to do about it, then why I'm even bothering, because Nia says let it go, "
               "and then I'll weigh it up properly, is it worth it\n\nSo what happened.",
         ("What happened", "what I'm actually going to do about it", "why I'm even bothering",
          "I'll weigh it up properly"), ("experience", "plan", "reasons", "analysis")),
        # "为啥最后定了做手术": finally decided, not the last part; 要办的事 is the plan.
        ("zh", "这几天脑子太乱了 我得捋一捋 先说接下来这几天要办的事 然后说说 为啥最后定了做手术 再算算这笔账 最后 "
               "说说这几天心里是啥滋味\n先说要办的事",
         ("这几天要办的事", "为啥", "算算这笔账", "这几天心里是啥滋味"),
         ("plan", "reasons", "analysis", "experience")),
        # What was decided, then its steps: one part; 几笔账 counts money.
        ("zh", "把迁坟这个事理一理\n今天分四块说 先说定下来的 接下来几步怎么走 再回头说为啥非迁不可 然后那几笔账 "
               "最后说说这两趟回老家 心里是个啥滋味\n先说定下来的",
         ("几步怎么走", "回头说为啥非迁不可", "那几笔账", "心里是个啥滋味"),
         ("plan", "reasons", "analysis", "experience")),
        # "So first how the course went": the "So" before the first marker names nothing (round 33's rowing memo).
        ("en", "And I'm going to do it in a funny order. So first how the course went, then why I even signed up for "
               "it, then what I'm going to do, and at the end the sensible bit, the money and the time\n\nso how it "
               "went.",
         ("how the course went", "why I even signed up for it", "what I'm going to do", "the money"),
         ("experience", "reasons", "plan", "analysis")),
        # A because-clause, then "and then what I'm going to do": the last part stays a part (round 35's veneers).
        ("en", "I'm going to start with the money because that's what's doing my head in, then how the appointment "
               "went on Thursday, then why I actually want this at all, because I think I need to be honest with "
               "myself about that, and then what I'm going to do. ok\n\nso money.",
         ("the money", "how the appointment went on Thursday",
          "why I actually want this at all", "what I'm going to do"), ("analysis", "experience", "reasons", "plan")),
        # 看到了啥 is how it went, 把账摊开 and 到底差多少 the sums (round 36's noodle-shop and insurance memos).
        ("zh", "这个加盟的事 今天把它从头捋一遍 先讲这两趟出去看 看到了啥 然后讲讲 我为啥动了这个心思 再把账摊开 "
               "一笔一笔算 最后 下一步怎么走 定下来\n先讲看的",
         ("看到了啥", "我为啥动了这个心思", "把账摊开", "下一步怎么走"), ("experience", "reasons", "analysis", "plan")),
        ("zh", "把这个保险的事情好好理一理\n我按四块来说 第一块 为啥会起这个念头 第二块 掰扯掰扯 退和不退 到底差多少 "
               "第三块 接下来具体怎么弄 第四块 最后说说这个礼拜 我这心情 是怎么过来的\n先说为啥",
         # 掰扯 (hash out) names the weighing as 掂量 does: the speaker's own word heads the part.
         ("为啥会起这个念头", "掰扯", "具体怎么弄", "我这心情"), ("reasons", "analysis", "plan", "experience")),
        # 好处坏处都摆到桌面上 is the weighing (round 34's nephew memo); 这里头的账 names the sums.
        ("zh", "下礼拜我姐要打电话来问 我按这么个顺序来 先说浩浩来这俩月 家里过成啥样了 再倒回去说 当初我为啥答应我姐 "
               "然后好处坏处都摆到桌面上 最后定下来 下学期到底咋办\n先说这俩月",
         ("家里过成啥样了", "当初我为啥答应我姐", "好处坏处都摆到桌面上", "下学期到底咋办"),
         ("experience", "reasons", "analysis", "plan")),
        # 当初怎么玩上的 is how it started: the reasons (round 31's frisbee memo).
        ("zh", "我今天想把这个事捋一捋 一个是我当初怎么玩上飞盘的 一个是这个竞技队到底去还是不去 我得好好掂量掂量 "
               "然后是接下来怎么弄 最后说说玩了这大半年自己的一些感觉\n先说当初",
         ("我当初怎么玩上飞盘的", "我得好好掂量", "怎么弄", "玩了这大半年自己的一些感觉"),
         ("reasons", "analysis", "plan", "experience")),
        # Counted as 四个事; of two phrases after one marker ("然后回头想想，我当初为啥…") the one naming a part stands.
        ("zh", "这个书店开了半年了 我今天就说四个事 先把这半年的账算清楚 再说说开这个店到底是个啥滋味 然后回头想想 "
               "我当初为啥要辞职 最后说说下个月怎么弄 就这么个顺序\n先算账",
         ("把这半年的账算清楚", "开这个店到底是个啥滋味", "我当初为啥要辞职", "下个月怎么弄"),
         ("analysis", "experience", "reasons", "plan")),
        # "我打算这样讲" / "我这么弄" say how the memo goes, no part; a marker with a verb of telling (再讲, 先说) marks
        # a part though the pause before it is lost, and 接下来 after it is what the part is about (round 82).
        ("zh", "我想趁签约之前理清楚 我打算这样讲 先讲讲为什么要换车 然后算一下这个钱划不划算 有哪些坑 "
               "再讲接下来这几个礼拜要跑的事 最后呢 说说我这段时间心里是什么滋味\n为什么要换",
         ("为什么要换车", "算一下这个钱划不划算", "接下来这几个礼拜要跑的事", "我这段时间心里是什么滋味"),
         ("reasons", "analysis", "plan", "experience")),
        # "最后定一下…" is the last part (not "最后定了", finally decided).
        ("zh", "明早上要回话 我这么弄 先说今儿后晌彩排那个事 再把钱算一哈 然后说说我为啥非要去 "
               "最后定一下 往后这些天咋弄\n今儿后晌",
         ("今儿后晌彩排那个事", "把钱算一哈", "我为啥非要去", "往后这些天咋弄"),
         ("experience", "analysis", "reasons", "plan")),
        # Northeastern speech: 先唠唠 / 再唠唠 mark parts, 完了 opening a clause is "then", 咋整 asks what to do,
        # "这几步" is the plan's steps, not talk about the memo (round 84's heating memo).
        ("zh", "我捋捋 先说说上午师傅来量尺寸那一出 完了算算这钱 两家报价比比 再唠唠为啥非换不可 "
               "最后定一下 往后这几步咋整\n上午九点",
         ("上午师傅来量尺寸那一出", "算算这钱", "为啥非换不可", "往后这几步咋整"),
         ("experience", "analysis", "reasons", "plan")),
        # 算一下钱 weighs the money; the one part left unnamed is the section left (round 84's pilgrimage memo).
        ("zh", "我这样讲好了 先讲今天下午开会 吵成那个样子 然后讲我自己为什么想接 再来算一下钱 最后讲接下来要怎么弄\n"
               "今天下午",
         ("今天下午开会", "我自己为什么想接", "算一下钱", "接下来要怎么弄"),
         ("experience", "reasons", "analysis", "plan")),
        # "the dollars", "what I'm gonna tell…", "I just wanna say how…", "what happened today because…": the words
        # around a part's name are not its name (round 82).
        ("en", "okay, proper order. first off why I even joined that syndicate, then the dollars and the good and "
               "the bad of it, then what I'm gonna tell Ray, and then last, I just wanna say how this past season "
               "actually went.\n\nso why.",
         ("why I even joined that syndicate", "the dollars", "what I'm gonna tell Ray",
          "how this past season actually went"), ("reasons", "analysis", "plan", "experience")),
        ("en", "So let me first talk about what happened today because my head is still hot, then I'll do the "
               "money, then I'll remind myself why I even started the shop, and then finally what I'm going to do."
               "\n\nSo today.",
         ("what happened today", "the money", "why I even started the shop", "what I'm going to do"),
         ("experience", "analysis", "reasons", "plan")),
        # A part named by when it happened ("this morning") is how it went; "then" always starts a new part.
        ("en", "So I'll start with this morning because I'm still shaking, then the numbers he gave us, the money side "
               "of it, then why we're even looking at it, and then what I'm going to do about it.\n\nSo this morning.",
         ("this morning", "the numbers he gave us", "why we're even looking at it", "what I'm going to do about it"),
         ("experience", "analysis", "reasons", "plan")),
        # "the money and the rest of it" is one part; "I'll finish with …" is the last.
        ("en", "so I'll go through it the way Geraldine said, first why I'd give up the bog at all, then weigh it up, "
               "the money and the rest of it, then what I'm actually going to do, and I'll finish with saturday above "
               "on the bog with Seán, how that was\n\nso why.",
         ("why I'd give up the bog at all", "weigh it up", "what I'm actually going to do",
          "saturday above on the bog with Seán"), ("reasons", "analysis", "plan", "experience")),
        # "…那场焰火秀 出的事": the matter said after a pause still belongs to the part's name.
        ("zh", "我先讲昨天晚上在李陵那场焰火秀 出的事 然后算账 再讲我为么子想接咯个摊子 最后讲下一步怎么搞\n"
               "昨天晚上那场",
         ("昨天晚上在李陵那场焰火秀出的事", "算账", "我为么子想接咯个摊子", "下一步怎么搞"),
         ("experience", "analysis", "reasons", "plan")),
        # "cos …" after an item says why it comes there and "God help me" is an aside: neither is a part; "what's
        # next" is one.
        ("en", "so I'll start with what happened on Sunday, then the dollars, cos that's the first thing Leanne's "
               "gonna ask, then why I even want to do the bloody thing, and then what I'm actually gonna do about "
               "it.\n\nso Sunday.",
         ("what happened on Sunday", "the dollars", "why I even want to do the bloody thing",
          "what I'm actually gonna do about it"), ("experience", "analysis", "reasons", "plan")),
        # "then why it gets me like this" is the reasons: its "like this" says how he feels, not that the list comes
        # next (round 724's jukskei club: the first two parts lost, 7 of 12 placed).
        ("en", "ok so first what happened on Saturday, because I'm still buzzing from it, then why it gets me like "
               "this, then what I'm actually going to do about it, and the money last, because if I start with the "
               "money I'll never do anything. okay\n\nso Saturday.",
         ("what happened on Saturday", "why it gets me like this", "what I'm actually going to do about it",
          "the money"), ("experience", "reasons", "plan", "analysis")),
        # "start from" marks the first part as "start with" does (round 719's loan apps: 7 of 12 placed, the numbers
        # under "The numbers" and her Monday there too).
        ("en", "let me start from what happened on Monday because my head is still hot, then I will do the numbers, "
               "all this their interest and charges, then why I even did it, because I need to hear it from my own "
               "mouth, and then last what I will do, one by one\n\nso Monday.",
         ("what happened on Monday", "the numbers", "why I even did it", "what I will do"),
         ("experience", "analysis", "reasons", "plan")),
        ("en", "what happened down here today with the thatcher first, then I'll go through the money, God help me, "
               "then why I even want to hang on to the place at all, and then what's next.\n\nso today.",
         ("what happened down here today with the thatcher", "the money", "why I even want to hang on to the place "
          "at all", "what's next"), ("experience", "analysis", "reasons", "plan")),
        # "the money side" says more of "the pros and cons" (no part of its own); "how it all sits with me" is how it
        # feels.
        ("en", "so first why i even want the bloody thing, then the pros and cons and the money side, then what i'm "
               "actually gonna do about it, and then, um, how it all sits with me.\n\nso why.",
         ("why i even want the bloody thing", "the pros and cons", "what i'm actually gonna do about it",
          "how it all sits with me"), ("reasons", "analysis", "plan", "experience")),
        # Hunan speech: 为么子 is "why", 么子搞 "what to do" (its 么 no lead-in word).
        ("zh", "我先港下 为么子想出来单干 然后算下账 看划不划得来 再港下 接下来么子搞 最后港下今天去看店子 "
               "心里是么子滋味\n今天",
         ("为么子想出来单干", "算下账", "么子搞", "今天去看店子"), ("reasons", "analysis", "plan", "experience")),
        # 完了 after a thing said is "after that"; "最后才讲…" is the last part.
        ("zh", "今天事情有点多 我想 先讲讲今天出的事 完了再把钱算一下 算清楚 然后想想我到底为什么想留下来 最后才讲 "
               "接下来要怎么搞\n今天是在薄士山那边一个house",
         ("今天出的事", "再把钱算一下", "想想我到底为什么想留下来", "要怎么搞"),
         ("experience", "analysis", "reasons", "plan")),
        ("en", "So I'll say how the nights have actually been first, then what I've got to do next with the "
               "depot, then the money side because there's a decision there, and then, for the record, why I ended up "
               "with it.\n\nThe nights.",
         ("how the nights have actually been", "what I've got to do next with the depot", "the money side",
          "why I ended up with it"), ("experience", "plan", "analysis", "reasons")),
        # Round 98-100's first runs: the list goes on across sentences ("… excited. after that …"), with no last
        # marker; "right so I'll go through X first"; "what it's all gonna cost" weighs; Minnan 代志 is a matter,
        # 算数 the sums; "这两个礼拜 心里啥个味道" how it felt.
        ("en", "so let me start with what happened when I went to Abeokuta yesterday, because I am still excited.\n"
               "after that I will do the money, the real money.\nthen why I even want to enter this thing at all.\n"
               "and then what I will do next, step by step\n\nso. yesterday",
         ("what happened when I went to Abeokuta yesterday", "the money",
          "why I even want to enter this thing at all", "what I will do next"),
         ("experience", "analysis", "reasons", "plan")),
        ("en", "right so I'll go through what happened in on the weekend first, then what it's all gonna cost, cause "
               "Tina wants the numbers, then why I'm even bothering, and then what I gotta do before the fall. "
               "okay\n\nso Saturday",
         ("what happened in on the weekend", "what it's all gonna cost", "why I'm even bothering",
          "what I gotta do before the fall"), ("experience", "analysis", "reasons", "plan")),
        ("zh", "这个雕刻水仙花 要不要自己来做 我先讲 上礼拜去厦门花市 发生的代志 再来算数 然后讲 为什么要这样弄 最后讲 "
               "接下来怎么做 好\n礼拜五晚上",
         ("上礼拜去厦门花市", "算数", "为什么要这样弄", "怎么做"), ("experience", "analysis", "reasons", "plan")),
        ("zh", "先讲讲为啥要动搿个脑筋 再算算账 到底划得来伐 然后讲讲下趟哪能弄 最后么 讲讲这两个礼拜 心里啥个味道\n"
               "为啥",
         ("为啥要动搿个脑筋", "算算账", "下趟哪能弄", "这两个礼拜"), ("reasons", "analysis", "plan", "experience")),
        # "and then at the end how it's all sitting with me" (round 107's bus routes); "the dollars and cents" is
        # one part said in two names.
        ("en", "first why I'd even want to do it, then the dollars and cents, then what I'm actually gonna do about "
               "it, and then at the end how it's all sitting with me, cause my gut's been doing flips all "
               "week\n\nso why.",
         ("why I'd even want to do it", "the dollars", "what I'm actually gonna do about it",
          "how it's all sitting with me"), ("reasons", "analysis", "plan", "experience")),
        # "so why first, why I'd even be thinking of it. then …": "so" before an item said ahead of its ordinal
        # (round 116's farrier).
        ("en", "so I'm going to try and do this in some kind of, um, order like\nso why first, why I'd even be "
               "thinking of it.\nthen the pros and cons, the money and all that, the hard part.\nthen what I'm going "
               "to actually do about it.\nand then yesterday, what it was like above in the yard with Tom\nso why.",
         ("why I'd even be thinking of it", "the pros and cons", "what I'm going to actually do about it",
          "yesterday"), ("reasons", "analysis", "plan", "experience")),
        # Shanghainese: 哪能一桩事体 how it went, 毛估估 the rough sums, 哪能弄 what to do (round 111's plate auction,
        # round 113's mediator); Cantonese 点样搞 how to do it, 跟着讲 "then" (round 120's flower fair).
        ("zh", "我先讲 昨日拍牌 哪能一桩事体 然后毛估估 算算钞票 再讲讲到底 为啥一定要买部车 最后讲 下趟哪能弄\n昨日",
         ("哪能一桩事体", "毛估估", "为啥一定要买部车", "下趟哪能弄"), ("experience", "analysis", "reasons", "plan")),
        # The day's matter told (今天这个事 我先摆一哈 街道的人来咋个说的) is the account of it (round 83's recycling
        # yard); 摆一哈 tells, so its part is what follows it.
        ("zh", "老罗睡了 我睡不着 干脆录一哈\n今天这个事 我先摆一哈 街道的人来咋个说的 再把账算一哈 然后想一哈我们当初"
               "为啥子跑到郑州来收废品 最后看咋个办 不然脑壳里一锅粥\n今天上午十点多",
         ("街道的人来咋个说的", "把账算一哈", "想一哈我们当初为啥子跑到郑州来收废品", "看咋个办"),
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "先讲点解要搏这一铺 然后计下数 跟着讲点样搞 最后讲下我自己的心情\n点解",
         ("点解要搏这一铺", "计下数", "点样搞", "我自己的心情"), ("reasons", "analysis", "plan", "experience")),
        # Cantonese: 发生咩事 what happened, 计下数 the sums, 点解 why, 跟住点搞 what next (round 106's kiosk).
        ("zh", "先讲今天发生咩事 然后计下数 再讲点解我还想做下去 最后讲跟住点搞\n今天早上",
         ("今天发生咩事", "计下数", "点解我还想做下去", "跟住点搞"), ("experience", "analysis", "reasons", "plan")),
        # A line that goes on with "then the …" is the next part though it names no section; "what next" is one
        # name, the plan (round 129's farmland plot: 1 of 12 placed under four misread parts).
        ("en", "ok so I'll do it in this way. first the money part, all the numbers that sales fellow gave, before I "
               "forget them.\nthen why at all I am doing this, because Shalini asked me straight in the car.\nthen "
               "the site visit itself, how it was standing there.\nand finally what next, what all to check before I "
               "pay one rupee\nthe money. um. the plot is half acre",
         ("the money part", "why at all I am doing this", "the site visit itself", "what next"),
         ("analysis", "reasons", "experience", "plan")),
        # "ask aboot the money first thing" marks no part, and Geordie "what I'm ganna dee" is the plan (round 131's
        # bingo caller: 5 of 12 placed under a part named "she always does").
        ("en", "so. I'm ganna dee it in order or I'll be here all day. first what happened last night, then the money, "
               "cos our Lisa'll ask aboot the money first thing, she always does. then why on earth I'd want to at my "
               "age, sixty three in may. and then what I'm ganna dee aboot it. right\n\nso last night.",
         ("what happened last night", "the money", "why on earth I'd want to at my age", "what I'm ganna dee aboot it"),
         ("experience", "analysis", "reasons", "plan")),
        # Hunan: 出咯事 is what happened, 么样搞 how to go on (round 136's tea stomper: the plan part was "样搞").
        ("zh", "我想一下子讲清楚 先讲今天出咯事 再讲我为么子想自己搞 然后算下账 最后讲下接下来么样搞\n今天上午",
         ("今天出咯事", "我为么子想自己搞", "算下账", "么样搞"), ("experience", "reasons", "analysis", "plan")),
        # A part named after the time it happened ("先讲上个礼拜 门面里头发生的那些事"): the time goes with the name
        # after the pause, and Hunan 何解 is why (round 152's borrowed stoves: the part was "上个礼拜", no section).
        ("zh", "我先讲上个礼拜 门面里头发生的那些事 再算一下账 然后讲何解我要搞咯个 最后讲下一步怎么搞\n上个礼拜",
         ("上个礼拜门面里头发生的那些事", "算一下账", "何解我要搞咯个", "下一步怎么搞"),
         ("experience", "analysis", "reasons", "plan")),
        # Shanxi 闹 for 弄: 咋闹 is the plan (round 154's daylilies lost it, and three points with it).
        ("zh", "把二狗那十二亩地的事说一说 今儿个我先说为甚要闹这个 再算算账 然后说咋闹 最后说说这两年种黄花 "
               "心里是个甚滋味\n先说为甚", ("为甚要闹", "算算账", "咋闹", "心里是个甚滋味"),
         ("reasons", "analysis", "plan", "experience")),
        # What is told put first with 把 (把前天黑地出的那个事儿说一说) is the part's name, and Shaanxi 为甚 is why
        # (round 130's goats: the list was missed).
        ("zh", "那我先把前天黑地出的那个事儿说一说 然后算算账 再说说为甚非得弄这个 最后说说往下咋弄\n前天黑地",
         ("前天黑地出的那个事儿", "算算账", "为甚非得弄", "往下咋弄"), ("experience", "analysis", "reasons", "plan")),
        # "今天开会的事" names what happened (round 157's village dividend: 8 of 12 placed, the list missed).
        ("zh", "我先讲今天开会的事 再讲我为什么要争 然后算一下钱 还有要付的代价 最后讲下一步 我要怎么做 齁 "
               "就这样\n今天",
         ("今天开会的事", "我为什么要争", "算一下钱", "下一步"), ("experience", "reasons", "analysis", "plan")),
        # 讲经过 is the account of what happened; 算一下假跟钱 weighs the days off and the money (round 163's retreat
        # lost the part and a section).
        ("zh", "我先讲经过 就是礼拜六在山上到底发生什么 然后算一下假跟钱 再来讲为什么会想去 最后讲接下来怎么安排 好 "
               "就这样\n礼拜六",
         ("经过", "算一下假跟钱", "为什么会想去", "接下来怎么安排"),
         ("experience", "analysis", "reasons", "plan")),
        # Doric "fit" for what: "fit wey" is why, "fit happened" the account, "fit I'm gaun tae dee" the plan (round
        # 164's seed potatoes lost the reasons part and a section); a name of 83 letters is still a name.
        ("en", "I'll dee it like this. first fit happened this year, the inspection and the hairst. then fit wey I'm "
               "even thinkin aboot packin in the seed tatties efter thirty eight year. then the siller, the sums "
               "like. and last fit I'm actually gaun tae dee aboot it\n\nso fit happened.",
         ("fit happened this year", "fit wey I'm even thinkin aboot packin in the seed tatties efter thirty eight year",
          "the siller", "fit I'm actually gaun tae dee aboot it"), ("experience", "reasons", "analysis", "plan")),
        # Hunan: 港 for 讲, 么子 for 什么 (round 123's village secretary); 香港 is no telling.
        ("zh", "把咯件事港清楚 我一条一条来 先港为么子动咯个心 再算下得失 然后港接下来怎么搞 最后港下心里头咯几天"
               "是么子味道 港乱哒也冇关系\n先港为么子",
         ("为么子动咯个心", "算下得失", "接下来怎么搞", "心里头咯几天是么子味道"),
         ("reasons", "analysis", "plan", "experience")),
        # An item before its "first" after fillers or a verb of telling, and the last one after ", and" (round 275's
        # roadhouse lease and bat willow); "what I've half a mind to do" is the plan, "what I saw" how it went.
        ("en", "okay. Trish, Tuesday.\n\nso, um, why we'd even look at it first, then the money and what could go "
               "wrong, then what we're gonna do, and then how the weekend up there went. righto\n\nwhy. Mick's back",
         ("why we'd even look at it", "the money", "what we're gonna do", "how the weekend up there went"),
         ("reasons", "analysis", "plan", "experience")),
        ("en", "right. Geoff, Sunday evening.\n\nso I'll say what I've half a mind to do first, so I don't lose it, "
               "then why, then what I saw down at the yard Thursday, and the sums last, to see whether I'm being an "
               "old fool. that's the order\n\num, what I've half a mind to do",
         ("what I've half a mind to do", "why", "what I saw down at the yard Thursday", "the sums"),
         ("plan", "reasons", "experience", "analysis")),
        # Doric "dee" is "do" ("I'll dee the siller first", round 685's wheelhouse: no announcement found, 11/12).
        ("en", "fit like. it's Elsie, Sunday nicht.\n\nso I'll dee the siller first, cause that's the first thing "
               "Kirsty'll speir. syne I'll tell ye fit happened at the yard on Friday. syne fit wye I'm even thinkin "
               "aboot it. and last, fit I'm gan tae dee. richt\n\nthe siller. um. Sandy at the yard wints twelve",
         ("the siller", "ye fit happened at the yard on Friday", "fit wye I'm even thinkin aboot it",
          "fit I'm gan tae dee"), ("analysis", "experience", "reasons", "plan")),
        # Jamaican "wha" is "what": "start with wha happen" opens the list and "wha mi a go do" is the plan (round 734's
        # gungo peas: no announcement found).
        ("en", "so mi a go try do it proper\n\nmi a go start with wha happen, the storm night and the morning after, "
               "cause mi still cyaan get it out of mi head. then mi a go run the figures, all of it. then why mi a "
               "bother with it at all, cause paulette ask mi that every day now. and then last, wha mi a go do, step "
               "by step. alright\n\nso. wednesday the third. beryl.",
         ("wha happen", "mi a go run the figures", "why mi a bother with it at all", "wha mi a go do"),
         ("experience", "analysis", "reasons", "plan")),
        # Geordie "I'm ganna start with" leads the first part as "I'm gonna" does (round 751's probate lost it and split
        # "the sums, proper, with the calculator" in two: 7/12 placed).
        ("en", "so I'm ganna start with what happened the day, cos me head's still full of it. then the sums, proper, "
               "with the calculator. then why I'm bothering, why I even want to do it meself. and then what I'm ganna "
               "do, in order\n\nwhat happened the day. I went up to Mam's flat",
         ("what happened the day", "the sums", "why I'm bothering", "what I'm ganna do"),
         ("experience", "analysis", "reasons", "plan")),
        # "the computation" (or "the calculations") is the sums (round 777's godchildren read the plan as the
        # weighing and lost the computation part: 7/12 placed).
        ("en", "so let me do it properly. first, why I can't just say yes anymore like before. then the computation, "
               "because I need to see the numbers. then what I will really do, who is yes and who is no, and how I "
               "will say it. and last, how it felt, last Christmas and the baptism last Sunday. okay. go\n\n"
               "why. number one, money is tight this year",
         ("why I can't just say yes anymore like before", "the computation", "what I will really do",
          "how it felt"), ("reasons", "analysis", "plan", "experience")),
        # Appalachian "the figuring" is the sums too (round 776's pardon named its part "what it'll take", a plan's
        # words, and placed 9/12).
        ("en", "so I'm gonna take it in order like I would've on a call. first why I want to do it at all, then the "
               "figuring, what it'll take and what it'll cost and what could go bad, then what I'm fixing to do "
               "next, and last how all this has hit me, cause it has\n\nokay, why. first and foremost it's Mamaw.",
         ("why I want to do it at all", "the figuring", "what I'm fixing to do next", "how all this has hit me"),
         ("reasons", "analysis", "plan", "experience")),
        # "最后就讲下…" marks the last part as "最后讲下…" does (round 794's 伦教糕 read the first part's signpost
        # "好 先讲发生咩事" as a fifth item and found no announcement).
        ("zh", "我讲乱了就乱了啦 我先讲下这个礼拜发生咩事 然后计下数 再讲点解我会这么想 最后就讲下跟住点做 "
               "好 先讲发生咩事\n礼拜天凌晨五点 阿嫲在伦教那个厨房",
         ("这个礼拜发生咩事", "计下数", "点解我会这么想", "跟住点做"), ("experience", "analysis", "reasons", "plan")),
        # Southwestern 咋个安排 is the plan as 咋安排 is (round 796's 远征军 grandfather lost its plan part and took
        # "今天事情多" for the first one: 7/12 placed).
        ("zh", "今天事情多 脑壳乱得很 我先说今天在墓园碰到的事 然后算算钱 还有危险 再说我为啥非要去 "
               "最后说咋个安排 就这样\n\n早上带我爹去国殇墓园",
         ("今天在墓园碰到的事", "算算钱", "我为啥非要去", "咋个安排"), ("experience", "analysis", "reasons", "plan")),
        # "I will weigh it" is the analysis, whatever is weighed after it, and "in the end" marks the last part
        # (round 314's K2 porter read the weighing as how it went and lost the last part: 6/12 placed).
        ("en", "okay so I will do this properly. first why I even want to go, then I will weigh it, the money and the "
               "danger both, then what I will do this week, and in the end how it was today when I told Ammi.\n\n"
               "so why. number one is money",
         ("why I even want to go", "I will weigh it", "what I will do this week", "how it was today when I told Ammi"),
         ("reasons", "analysis", "plan", "experience")),
        # Northeastern 那档子事儿 is "that matter" (what happened) and 扒拉扒拉账 goes over the money (round 312's
        # 倒骑驴 read neither, lost a section and placed 9/12).
        ("zh", "哎 行了 秀琴睡了 我搁阳台上把这事儿唠唠 手机录着 先唠唠前天那档子事儿 然后扒拉扒拉账 "
               "再说说我为啥犯寻思 最后合计合计咋整\n前天上午 不对 那是前天晌午",
         ("前天那档子事儿", "扒拉账", "我为啥犯寻思", "合计咋整"), ("experience", "analysis", "reasons", "plan")),
        # "what all could go wrong" weighs it with the money; "what I reckon we'll do" is the plan (round 303's double
        # wide lost the plan and placed 8/12).
        ("en", "we got to make up our minds about this double wide, and Brenda at church told me if I'm gonna talk it "
               "out into this phone I ought to do it in order for once instead of running all over the place like I "
               "do. so here's how I'm gonna go at it. first why we're even studying about this, then the money end "
               "of it and what all could go wrong, then what I reckon we'll do, and then last how it went Saturday "
               "over at the lot and how I feel about the whole thing\n\nso why. the main thing",
         ("why we're even studying about this", "the money end of it", "what I reckon we'll do",
          "how it went Saturday over at the lot"), ("reasons", "analysis", "plan", "experience")),
        # 先把 with a verb of telling or settling after its object opens the first part (round 273's 道班, round
        # 269's osmanthus); a part named by a day and who came or went is how it went; 为撒 (Gansu) and 为么要 (Hubei)
        # ask why. The northwest's 喧 tells as 讲 does: the part is what he saw on this trip.
        ("zh", "这个事情要赶紧想清楚 我先把这趟上去看见的喧一哈 再算算钱 然后说我为啥想去 最后说阿门弄 就这么个顺序\n\n"
               "我是赵永福",
         ("这趟上去看见的", "算算钱", "我为啥想去", "阿门弄"), ("experience", "analysis", "reasons", "plan")),
        ("zh", "今天事情多 我按这样讲 先把数算清楚 不然脑壳乱 然后讲今天陈经理来村里 还有上个礼拜克广州厂里看到的 "
               "再讲我为哪样想签 最后讲接下来哪门搞\n\n先算数",
         ("把数算清楚", "今天陈经理来村里", "我为哪样想签", "接下来哪门搞"),
         ("analysis", "experience", "reasons", "plan")),
        # 先 is the marker and 把钱 stays in the part's name (round 291's cram school read only three parts).
        ("zh", "我先讲一下顺序喔 不然我会讲一讲就乱掉 第一个 先把钱算清楚 因为这个最吓人 "
               "然后讲今天下午去看店面发生的事 再来讲 我到底为什么想自己出来开 最后讲接下来要怎么做 好 就这样"
               "\n\n先讲钱",
         ("把钱算清楚", "今天下午去看店面发生的事", "我到底为什么想自己出来开", "接下来要怎么做"),
         ("analysis", "experience", "reasons", "plan")),
        ("zh", "要不要报名去塔中那个沙漠项目 我按这个顺序说 先算账 再说说上礼拜去沙漠里头看见的 然后说我为撒动心 "
               "最后看咋弄\n\n算账 我现在",
         ("算账", "上礼拜去沙漠里头看见的", "我为撒动心", "看咋弄"), ("analysis", "experience", "reasons", "plan")),
        ("zh", "讲一下这个事 我先讲今天去黄伯屋里 还有去老街看铺面 然后讲我打算怎么搞 再讲为么要搞 最后算一下数 好"
               "\n\n今天",
         ("今天去黄伯屋里", "我打算怎么搞", "为么要搞", "算一下数"), ("experience", "plan", "reasons", "analysis")),
        # Parts marked one by one with no last one marked; a filler between words ends a part's name (round 280's
        # super visa).
        ("en", "yo ok. it's Kajan, Wednesday.\n\nok so how I'm gonna do this. first I'll say what happened this "
               "morning on the call cuz that's what got me like this. then the money and the paperwork ting, the "
               "numbers, properly. then why I even wanna do this, like for real why. and then what I'm actually gonna "
               "do this week, cuz Nila's gonna ask me tonight\n\nso this morning",
         ("what happened this morning on the call", "the money", "why I even wanna do this",
          "what I'm actually gonna do this week"), ("experience", "analysis", "reasons", "plan")),
        # "at the end how the visit went" marks the last part; what is weighed names it (round 281's iru).
        ("en", "first i will say why this i rule iru, business is even entering my head, then i will weigh it the "
               "money and the wahala side then what i will do step by step and at the end how the visit to the "
               "machine man in ibadan went and how i am feeling about it all.\n\nwhy.",
         ("why this i rule iru", "the money", "what i will do step by step",
          "how the visit to the machine man in ibadan went"), ("reasons", "analysis", "plan", "experience")),
        # Run on, "this then what…" opens the next part (round 281's dikir barat); "the why of it" asks why (282's bush
        # poetry).
        ("en", "first i tell what happened tonight at rehearsal then the money and time part, because nurul confirm "
               "will ask then why i even want to do this then what i'm going to do next.\n\nso tonight",
         ("what happened tonight at rehearsal", "the money", "why i even want to do this", "what i'm going to do next"),
         ("experience", "analysis", "reasons", "plan")),
        ("en", "so first i'll tell you what happened saturday night at the pub, then the dollars, cos jan'll want the "
               "dollars, then the why of it, why a silly old bugger of sixty six would bother, and then what i reckon "
               "i'll do\n\nsaturday",
         ("what happened saturday night at the pub", "the dollars", "the why of it", "what i reckon i'll do"),
         ("experience", "analysis", "reasons", "plan")),
        # "and last off how it felt": "off" as in "first off", no part of the name (round 340's paddlefish was headed
        # "Off how it felt out there this morning").
        ("en", "so I'm gonna do it in order like she says. first, why I'd even want to mess with paddlefish eggs at my "
               "age. then the figuring, the dollars and the headaches. then what I'm aiming to do and when. and last "
               "off how it felt out there this morning, because I went out with old Harlan\n\nso why.",
         ("why I'd even want to mess with paddlefish eggs at my age", "the figuring", "what I'm aiming to do",
          "how it felt out there this morning"), ("reasons", "analysis", "plan", "experience")),
        # No last part marked, the adverb before the verb of telling without its subject (round 283's mohair farm).
        ("en", "ok. recording. annelie here.\n\nso let me first just tell what happened this weekend on the farm, "
               "otherwise none of the rest makes sense. then why i'm even thinking this mad thing. then i'll do the "
               "sums properly, like the accountant i'm supposed to be. and then what i'm actually going to do, monday "
               "morning\n\nso. friday",
         ("what happened this weekend on the farm", "why i'm even thinking this mad thing", "the sums properly",
          "what i'm actually going to do"), ("experience", "reasons", "analysis", "plan")),
        # Doric: "an last" goes on with the list after a stop, and "foo it went" is how it went (round 314's salmon
        # flies and 316's clipper race had lost their last part: 8/12 and 6/12 placed).
        ("en", "richt, I'm gan tae dae this in order for once. so first fit wye I'm even botherin. then the sums, the "
               "money an the risks. then fit I'm gan tae dae aboot it. an last foo it went on Setterday at the shop"
               "\n\nfit wye. weel.",
         ("fit wye I'm even botherin", "the sums", "fit I'm gan tae dae aboot it",
          "foo it went on Setterday at the shop"),
         ("reasons", "analysis", "plan", "experience")),
        # The first part is the reckoning itself (今天先算账), and Shaanxi counts parts 二一个, 三一个 and ends
        # with 末了 (round 327's brown sugar and 325's music boxes had placed 6/12 and 8/12).
        ("zh", "今天事情多 我怕明天就忘了 今天先算账 然后讲讲今天头一锅熬出来是哪样样子 再讲下一步咋个整 最后么 "
               "讲讲我为哪样非要整这个 给是 就这么四块\n先算账 我家十二亩甘蔗",
         ("算账", "今天头一锅熬出来是哪样样子", "下一步咋个整", "我为哪样非要整"),
         ("analysis", "experience", "plan", "reasons")),
        ("zh", "额把做八音盒这个事 对着手机好好捋一哈 额先说 为啥放不下这东西 二一个 掰扯掰扯这钱 三一个 往下咋弄 末了 "
               "再说说这一向 心里头是个啥味道\n为啥 头一个 额在宝鸡机床厂",
         ("为啥放不下这东西", "掰扯这钱", "往下咋弄", "心里头是个啥味道"),
         ("reasons", "analysis", "plan", "experience")),
        # "I gotta tell", "I'ma do", Jamaican "mi a go tell yuh" lead a part's name; "what went down" is what happened
        # and "what mi a go do" the plan (round 329's storage auctions and 328's coaster bus: no list found).
        ("en", "so first I gotta tell what went down Saturday at the auction, cause that's the whole reason I'm on "
               "this storage unit thing. then I'ma do the math, what I spent, what I made. then why I even want to do "
               "this. and then what's next. ok\n\nso Saturday.",
         ("what went down Saturday at the auction", "the math", "why I even want to do this", "what's next"),
         ("experience", "analysis", "reasons", "plan")),
        ("en", "so mek mi talk it out. mek mi do it like dis. first mi a go tell yuh what happen today over Old "
               "Harbour. then di figures, di money side, properly. then why mi even a think bout dis ting at all. an "
               "then what mi a go do next week, step by step\n\nso what happen.",
         ("what happen today over Old Harbour", "di figures", "why mi even a think bout dis ting at all",
          "what mi a go do next week"), ("experience", "analysis", "reasons", "plan")),
        # Geordie "tell yous", "gan through" (round 407's theremin gig: no list found).
        ("en", "I need to get me head straight about this before I ring that lass back, so. I'll tell yous what "
               "happened on Saturday first, because I still cannit believe it, then I'll gan through the money side, "
               "then why I'm even botherin at my age, sixty three, and then what I'm gonna do about it. right\n\n"
               "so Saturday.",
         ("what happened on Saturday", "the money side", "why I'm even botherin at my age",
          "what I'm gonna do about it"), ("experience", "analysis", "reasons", "plan")),
        # Hawaiian Pidgin "i going tell" leads a part's name, and "how much this whole thing going cost" is the money,
        # not how it went (round 486's stone oven: what went down and the money read as each other's part).
        ("en", "so how i going do this. first i going tell what went down sunday, cuz that's why we even talking "
               "about this. then da money, how much this whole thing going cost, for real kine numbers. then why i "
               "even like do this. and then what i going do, the plan\n\nokay so sunday.",
         ("what went down sunday", "how much this whole thing going cost", "why i even like do this",
          "what i going do"), ("experience", "analysis", "reasons", "plan")),
        # 头一个 before a verb of telling opens the count as 先说 does (round 487's rental shop: no list found); the
        # part not named (掰扯钱) is the section left.
        ("zh", "趁没人 把开个康复辅具租赁店这事儿捋一捋 头一个 说说俺为啥起这个心思 二一个 掰扯掰扯钱 "
               "三一个 说说打算咋弄 末了 说说俺心里是个啥劲儿 就这几样\n先说为啥 俺在县医院骨科当护工",
         ("俺为啥起这个心思", "掰扯钱", "打算咋弄", "俺心里是个啥劲儿"), ("reasons", "analysis", "plan", "experience")),
        # 头一个 before a part asked as why opens it too; 第二个, 第三个 and 末了 mark the others (round 739's QR
        # ordering read three parts, the plan and how it felt as one: 6/12 placed).
        ("zh", "把这事从头捋一遍 要不然脑子里一锅粥 头一个 俺为啥非要换这个 第二个 掰扯掰扯划算不划算 "
               "第三个 定下来咋弄 末了 说说俺这几天心里头\n先说为啥 最大的一个是房租",
         ("俺为啥非要换", "掰扯划算不划算", "定下来咋弄", "俺这几天心里头"),
         ("reasons", "analysis", "plan", "experience")),
        # "what's happening next" is the plan, its "next" no marker of a part (round 487's Hadrian's Wall: the practice
        # walk, said again after how Sunday went, read as the plan).
        ("en", "right so first I'll say how Sunday went, the practice walk, then I'll do the sums, then why I'm daft "
               "enough to be doing this at all, and then what's happening next. in that order\n\nso Sunday.",
         ("how Sunday went", "the sums", "why I'm daft enough to be doing this at all", "what's happening next"),
         ("experience", "analysis", "reasons", "plan")),
        # Next week and what is done then names the plan (round 490's launch team: two parts of four read).
        ("zh", "介个 我先说说这趟在文昌 那几天的事儿 然后说说我为嘛想不跟队了 再算算账 最后说说 下礼拜怎么跟队长回话\n"
               "呃 发射前一天夜里",
         ("那几天的事儿", "我为嘛想不跟队了", "算算账", "下礼拜怎么跟队长回话"),
         ("experience", "reasons", "analysis", "plan")),
        # "先把…是怎么回事说一说": 先把 opens the first part whatever its length when it asks what happened (round 67's
        # star photos: three parts of four read once 掰扯钱 named the money, the nights out placed as the plan).
        ("zh", "趁还记得 先把上周末去霸上 坝上 拍银河那两个晚上是怎么回事说一说 然后想想下回怎么弄 该买啥 啥时候再去 "
               "再掰扯掰扯钱 最后吧 我想说说我为啥一下子这么迷这个星空摄影\n\n好 先说那两晚",
         ("拍银河那两个晚上是怎么回事", "想想下回怎么弄", "掰扯钱", "我想说说我为啥一下子这么迷这个星空摄影"),
         ("experience", "plan", "analysis", "reasons")),
        # Henan "今儿上公司" (上 is 去) is where he went today, not "今儿个晚上老孙上夜班" (round 409's 挂靠 truck:
        # three parts of four read, 4 placed of 12).
        ("zh", "今儿黑 俺搁车里 睡不着 把这事儿捋一捋 头一个 为啥非得把车从公司弄出来 第二个 算算这里头的钱跟麻烦 "
               "到底中不中 第三个 下一步咋弄 最后 说说今儿上公司 受那一肚子气\n先说为啥",
         ("为啥非得把车从公司弄出来", "算算这里头的钱跟麻烦", "下一步咋弄", "今儿上公司"),
         ("reasons", "analysis", "plan", "experience")),
        ("zh", "嗯 今儿个晚上老孙上夜班 屋里就我自己 我得好好捋捋这事儿 头一个 说说为啥动这心思 第二个 算算账 "
               "第三个 寻思寻思往下咋整 最后再唠唠 我这心里头啥滋味 行 就这么整\n为啥呢",
         ("为啥动这心思", "算算账", "寻思往下咋整", "我这心里头啥滋味"), ("reasons", "analysis", "plan", "experience")),
        # Sichuan 一哈 is 一下: "先摆一哈" tells (round 412's guide runner: no list found); the part put before its
        # marker, "把这回去新疆看的 先说一哈", is that part (it was read as the part "一哈").
        ("zh", "勒个事情我想了一个礼拜了 干脆录下来 理一哈 我先摆一哈为啥子想搞这个 然后算一哈划不划得来 "
               "再说接下来咋个弄 最后说一哈上礼拜六那一回 跑下来心头是啥子滋味\n为啥子嘛",
         ("为啥子想搞", "算一哈划不划得来", "咋个弄", "跑下来心头是啥子滋味"),
         ("reasons", "analysis", "plan", "experience")),
        # Hunan 港一遍 is 讲一遍, and 星期六比赛的事 (a day's matter) what happened (round 416's water rockets: three
        # parts of four); 从头 (from the start) names no part.
        ("zh", "咯件事我要理一下 不然明天见校长港不清 我先把星期六比赛的事港一遍 然后算账 再港何解硬要带他们克 "
               "最后想下接下来么子搞\n星期六",
         ("星期六比赛的事", "算账", "何解硬要带他们克", "么子搞"), ("experience", "analysis", "reasons", "plan")),
        # "第二个 说钱的事": a marker opens the part, so 钱的事 (the money matter, the weighing) is no tail of the name
        # before it; the last name ends with its line ("…俺心里头的事儿\n为啥呢"); 这一冬天 is when (round 423's drying
        # room: no list found).
        ("zh", "俺一个人捋一捋 头一个 说为啥想弄这个烘干房 第二个 说钱的事 第三个 往后咋干 最后 说说这一冬天 "
               "俺心里头的事儿\n为啥呢",
         ("为啥想弄这个烘干房", "钱的事", "往后咋干", "这一冬天"), ("reasons", "analysis", "plan", "experience")),
        # Tianjin 末了儿 is 末了, and 咋个干法 (how to go about it) the plan, not "要接的话" before it (round 425's
        # opera costumes: three parts of four, 8 placed).
        ("zh", "介事儿我得捋捋 头一个 说说我为嘛动了介心思 二一个 掰扯掰扯划算不划算 三一个 要接的话 咋个干法 末了儿 "
               "说说今儿个上剧团 心里头嘛滋味儿\n先说为嘛",
         ("我为嘛动了介心思", "掰扯划算不划算", "咋个干法", "今儿个上剧团"),
         ("reasons", "analysis", "plan", "experience")),
        # Shaanxi 谝谝 (chat) tells as 讲讲, and 咋安排 (how to arrange it) is the plan (round 428's subject choice: no
        # list found).
        ("zh", "今儿轮额值班 趁没人 把这事理一下 额先谝谝礼拜六家长会的经过 再算算数 然后说说额自个的心思 "
               "最后说这一礼拜咋安排\n礼拜六",
         ("礼拜六家长会的经过", "算算数", "额自个的心思", "这一礼拜咋安排"),
         ("experience", "analysis", "reasons", "plan")),
        # "三条路 挨个儿过一遍" (three ways, gone through one by one) is the weighing, as 几条路 (a dev memo on unpaid
        # wages read three parts of four once 咋安排 named its plan).
        ("zh", "俺想把这事儿从头到尾捋一遍 头一个 说说俺为啥这回非得拿个主意 第二个 三条路 挨个儿过一遍 看哪条中 "
               "第三个 这二十来天咋安排 最后 说说这几天心里头是啥味儿\n先说为啥",
         ("俺为啥这回非得拿个主意", "三条路", "这二十来天咋安排", "这几天心里头是啥味儿"),
         ("reasons", "analysis", "plan", "experience")),
        # Bajan "lemme start with", "I gine do" (round 423's flying-fish boat: no list found).
        ("en", "lemme start with what happen Tuesday out there, cause that is what set me off. then I gine do the "
               "money, proper, every dollar. then why I even want to do this at my age. and then what I going do, step "
               "by step. alright\n\nso Tuesday.",
         ("what happen Tuesday out there", "the money", "why I even want to do this at my age", "what I going do"),
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "脑子还是乱的 我把这回去新疆看的 先说一哈 再算算账 然后说我为啥想去 最后说咋弄\n先说看的",
         ("这回去新疆看的", "算算账", "我为啥想去", "咋弄"), ("experience", "analysis", "reasons", "plan")),
        # A line break ends the last item; "the way forward" is the plan (round 410's waakye: three parts of four).
        ("en", "so let me first talk about what happened this week with the app, then the money matter, then why I "
               "even started this thing at all, and then the way forward\nso what happened.\nMonday morning Efua",
         ("what happened this week with the app", "the money matter", "why I even started this thing at all",
          "the way forward"), ("experience", "analysis", "reasons", "plan")),
    ],
)
def test_structure_listed_as_questions(language: str, text: str, items, keys) -> None:
    from memo.structure.announce import find_announcement

    found = find_announcement(text, load_template("default"), language)
    assert (found.items if found else None) == items
    assert (tuple(s.key for s in found.template.sections) if found else None) == keys


def test_weigh_the_matter_stays_in_the_parts_wording() -> None:
    from memo.structure.announce import find_announcement
    from memo.structure.wordings import part_wordings

    # "weigh the matter" names the part itself; "weigh it the money" names it by what is weighed (round 290's
    # transformer levy placed 9/12 when the verb was cut from its wording).
    text = ("first, why I should even pay this money at all. then I will weigh the matter, the naira and kobo of it, "
            "and the risks. then what I will do, step by step. and last, how this whole wahala has been for us in "
            "this house.\n\nso why.")
    found = find_announcement(text, load_template("default"), "en")
    assert "weigh the matter" in part_wordings(found, text, "en")[1]


@pytest.mark.parametrize(
    ("item", "text", "at"),
    [
        # A pause inside the part's name (round 278's grain dryer: 先算账 钱的事).
        ("先算账钱的事", "省得明儿又说乱 先算账 钱的事 再说说前年那场雨", "先算账"),
        # Its end said otherwise ("first the why, why I'm even…"): its longest beginning said counts.
        ("the why I'm even thinking about being a prison officer",
         "in order. first off the why, why I'm even thinking about being a prison officer, then", "the why"),
        ("how it's been these five weeks", "so I'll do it like this. How it's been first, these five weeks", "How"),
        ("what the money is", "nothing of it said here", None),
    ],
)
def test_where_an_announced_part_was_said(item: str, text: str, at: str | None) -> None:
    from memo.structure.wordings import where_said

    found = where_said(item, text)
    assert found == (text.index(at) if at else -1)


def test_a_list_marked_part_by_part_ends_with_its_last_part() -> None:
    from memo.structure.announce import find_announcement
    from memo.structure.wordings import part_wordings

    # No last part marked, a pause inside the last part's name ("and then just, how it's felt"): the wording stops
    # there, not 400 characters into the memo (round 291's hofner bass); a part's name said with its marker (再把钱的事
    # 掰扯清) is still that part's (round 292's saozimian shop).
    text = ("I'll go through why I'd even sell it first, then the pros and cons, the money and that, then what I'm "
            "actually gonna do, and then just, how it's felt, going through all our tommy's stuff\n\nso. why I'd sell "
            "it. first thing, it's our maureen's hip. she's on the list at the ozzy.")
    found = find_announcement(text, load_template("default"), "en")
    wordings = part_wordings(found, text, "en")
    assert [s.key for s in found.template.sections] == ["reasons", "analysis", "plan", "experience"]
    assert not any("maureen" in w for w in wordings)
    text = ("那额就按个顺序来 先说为啥动了这个心思 再把钱的事掰扯清 然后定个章程 往后咋弄 末了 再说说昨儿去西安这一趟 "
            "额心里是个啥滋味\n\n先说为啥 西安那边")
    found = find_announcement(text, load_template("default"), "zh")
    assert [s.key for s in found.template.sections] == ["reasons", "analysis", "plan", "experience"]
    assert part_wordings(found, text, "zh")[0] == "为啥动了这个心思"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh", "嗯 这是一个关于我为什么要辞职的备忘录 我想按这个结构来 先说原因 再说分析 然后是计划 最后是体验\n"
               "那先说原因 其实"),
        ("zh", "帮我整理成一个大纲 分四个部分 原因 分析 计划 还有经验\n原因呢 主要是"),
        # The next line is the memo, though it says 分析: it does not open with a section's name.
        ("zh", "呃 这次想整理一下 我打算辞职考研的想法 帮我分成几部分 原因 分析 计划 感受\n"
               "我现在的工作是做报表 每天都差不多 考研的话可以转数据分析 读研要两年"),
        # The item after the last one ("搬过去两个月了") is the memo beginning, not a fifth part.
        ("zh", "嗯 那个 我想说一下搬家的事 结构吧 先说原因 然后分析一下 再说计划 最后说说感受吧 搬过去两个月了\n"
               "先说原因"),
        ("zh", "今天录一段 关于换工作 大概分成四块 第一块是原因 第二块是我的分析 第三块是计划 第四块是这段时间的体会\n"
               "第一块原因"),
        ("en", "This is a memo about why I'm leaving my job. First the reasons, then my analysis, then the plan, and "
               "finally how it felt.\nSo the reasons."),
        ("en", "Okay, I'll structure this as reasons, analysis, plan and experience.\nReasons first."),
        ("en", "I want to record my thoughts on moving. I'll cover the reasons, my analysis, the plan, and my "
               "experience so far.\nThe reasons are simple."),
        ("en", "So, um, four parts. The reasons. The analysis. The plan. And how it went.\nThe reasons."),
        ("en", "Let me do this in order: reasons first, then analysis, then the plan, then experience.\nOkay reasons."),
        # Round 43: "what I've got to get done" is the plan; 把钱…过一遍 weighs the money, 接下来…要干啥 is the plan.
        ("en", "four things. why I went for it in the first place. then is it actually a good idea, pros and cons, "
               "properly. then what I've got to get done before Thursday. and last how I've been feeling.\n\nso why."),
        ("zh", "我按这个顺序来啊 先说为啥动了这个念头 再把钱啊 麻烦事啊 过一遍 然后是接下来一步一步要干啥 "
               "最后说说这一个月张罗下来 心里是个啥滋味\n为啥想去 头一个是"),
        # Each item before its ordinal ("… first", "the why last"), one sentence each (round 41's Samaritans memo).
        ("en", "I'll do it like this. the why first, because I know it. then whether it adds up, weigh it up properly. "
               "then what I'll do about the rota. and how it's actually gone last, while it's fresh.\n\nso why."),
        # Round 74: "that bit first" points back at the clause before it, which is the first part.
        ("en", "so I'll do it like I would at work, like a proper think. why I had the thing in the first place and "
               "why I care this much, that bit first. then the money and the options, properly weighing it up. "
               "then what I'm actually going to do and by when. and then last, how it's all been, because this "
               "week has been, yeah. okay\n\nwhy."),
        # Round 75: "how it's even come up" asks why, "whether I can actually do it" weighs it; "all that" no part.
        ("en", "so I'm going to go through it properly like. how it's even come up in the first place, then whether I "
               "can actually do it, you know time and money and all that, then what I'd actually do about it, and "
               "then, how it's felt, because honestly that's the bit I keep going round in circles on\n\nso."),
        # Round 78: "最后么 说说这一个多月 我是怎么熬过来的": 么 goes with 最后, and 怎么熬过来的 asks how it went.
        ("zh", "这个保险理赔的事 我得好好理一理 我想这么来 先说说我凭啥咽不下这口气 再掂量掂量 跟他们磨到底值不值当 "
               "然后想想下一步找谁 怎么弄 最后么 说说这一个多月 我是怎么熬过来的\n先说为啥较这个劲 去年我妹海英"),
        # Round 49: "first off"; a line opening with "third" is the next part though "what needs booking" names none.
        ("en", "so let's do it like this. first off, why I even want to go, because I need to hear myself say it.\n"
               "second, the sense of it, the money and whether it's daft.\nthird what needs booking and when.\n"
               "and then last how it's been so far, because it's been a bit of a week.\n\nso why."),
        # Round 51: four counted, the first unmarked and the second in two names; "plan" is no cue in "implant".
        ("en", "so I'm going to do it properly, four bits. why I'm even looking at an implant, then the pros and cons "
               "and the money, then what I'm actually going to do, and then how it's been, these last six weeks with "
               "the gap\n\nso why."),
        # Round 831: 掰扯掰扯 weighs what it names (现实那些事儿, the realities), as 掂量掂量 does.
        ("zh", "离婚这事儿 狗归谁 先说说 为啥我非得要它 然后掰扯掰扯现实那些事儿 完了定一下 接下来咋整 "
               "最后 再说说这两天 心里头啥滋味\n为啥我非得要它 豆包是我挑的"),
        # Round 53: "do it in order" names the structure, one sentence per part, no "first".
        ("en", "so. the chippy. whether I take it over\nI'm going to do it in order or I'll be here all night. why I'd "
               "even want it in the first place. then the sums and the risks, the proper sums. then what happens next "
               "if I say yes. and last how these six weeks behind the counter have actually felt. ok\n\nwhy."),
    ],
)
def test_the_default_sections_announced_in_many_ways(language: str, text: str) -> None:
    from memo.structure.announce import find_announcement

    found = find_announcement(text, load_template("default"), language)
    assert found is not None
    assert [s.key for s in found.template.sections] == ["reasons", "analysis", "plan", "experience"], found.items


def test_parts_go_where_their_content_belongs_without_an_announcement(tmp_path: Path) -> None:
    # Said out of the template's order: how it went, then the plan, then why.
    text = (
        "It's been three weeks since I started running before work, and so far my sleep is better and I feel calmer.\n"
        "At first my knees hurt a lot. The first week was honestly miserable and I almost stopped.\n"
        "Going forward I'm going to run three mornings a week, and I'll sign up for a 10k race in June.\n"
        "I will also buy proper shoes next month, because the old ones are worn out.\n"
        "I noticed the runs feel easier when I go slower, which means I was pushing too hard before.\n"
        "The thing is, the pace matters less than showing up, and the numbers from my watch say the same.\n"
        "The reason I started is that my doctor said my blood pressure was high, and that's why I took it seriously.\n"
        "Because I sit at a desk all day, it started to show in my back too.\n"
    )
    path = tmp_path / "running.txt"
    path.write_text(text, encoding="utf-8")
    from memo.structure.offline import plan_outline

    plan = plan_outline(load_transcript(path), load_template("default"))
    where = {s.spec.key: s.sentence_ids for s in plan.sections}
    assert all(where.values()), where  # no section empty
    said = {key: " ".join(plan.sentences[i].text for i in ids) for key, ids in where.items()}
    assert "blood pressure" in said["reasons"] and "10k race" in said["plan"]
    assert "sleep is better" in said["experience"]
    assert "pushing too hard" in said["analysis"]


def test_counted_what_parts_become_sections_in_the_speakers_words() -> None:
    score, result = _bench_score("en_allotment_season")
    assert [s.title for s in result.sections] == [
        "What went wrong", "What actually worked", "What I'm going to change next spring",
    ]
    assert score.covered >= 10 and score.placed >= 10 and score.meta == 0, score.missed


def test_points_one_per_enumerated_item_and_named_subjects() -> None:
    from memo.structure.points import subtopics

    sentences = clean_transcript(transcript_from_text(
        "Intro line here.\nThe tomatoes were a disaster. I planted them out too early and the frost got them. "
        "The second thing was the slugs. They ate every lettuce seedling.", language="en")).sentences
    assert subtopics(sentences, zh=False) == [0, 1, 1, 2, 2]
    _, result = _bench_score("en_allotment_season")
    texts = [p.text for s in result.sections for p in s.points]
    # A short sentence that names the subject opens the point about it ("…: I planted them out…").
    assert any(t.startswith("The tomatoes were a disaster: ") for t in texts), texts
    # The end of the sentence before, stopped short ("Which is going to feel silly."), names no subject.
    from memo.structure.cleanup import lexicon
    from memo.structure.points import candidates

    sentences = clean_transcript(transcript_from_text(
        "I'm going to keep the easy runs slow. Which is going to feel silly. And then I'll rest for three weeks "
        "before the race.", language="en")).sentences
    assert not any(c.text.lower().startswith("which") for c in candidates(sentences, lexicon("en")))
    # "Every time." says when, no subject (round 619's Masonic lodge had "Every time: the thing's eleven years old…").
    sentences = clean_transcript(transcript_from_text(
        "I wait at the stop for the seventy one. Every time. The thing's eleven years old and still late to the "
        "depot.", language="en")).sentences
    assert not any(c.text.lower().startswith("every time") for c in candidates(sentences, lexicon("en")))
    # "first the money." takes the next part in order and labels nothing (round 165's campaign had a meta bullet
    # "First the money: my friend Odhis ran…").
    sentences = clean_transcript(transcript_from_text(
        "The posters alone are two hundred thousand. first the money. my friend Odhis ran in the next ward and he "
        "lost everything he had.", language="en")).sentences
    assert not any(c.text.lower().startswith("first the money") for c in candidates(sentences, lexicon("en")))
    # Nor does the part's own name as it begins, nor "the money first" (round 485's plover guardian had a meta
    # bullet "The pros and cons: the money first the few dollars.", then "The money first the few dollars: …").
    from dataclasses import replace

    analysis = replace(load_template("default").sections[1], announced="pros and cons")
    sentences = clean_transcript(transcript_from_text(
        "ok, the pros and cons. the money first, you know, the few dollars. seventeen fifty an hour, thirty hours "
        "a week, from the twentieth of May.", language="en")).sentences
    texts = [c.text.lower() for c in candidates(sentences, lexicon("en"), analysis)]
    assert not any(t.startswith(("the pros and cons", "the money first the few dollars:")) for t in texts), texts
    assert any(t.startswith("seventeen fifty an hour") for t in texts), texts


def test_title_is_the_topic_the_speaker_names() -> None:
    from memo.structure.cleanup import lexicon
    from memo.structure.title import make_title

    def title(text: str, language: str) -> str:
        sentences = clean_transcript(transcript_from_text(text, language=language)).sentences
        return make_title(sentences, "memo.txt", lexicon(language))

    assert title("嗯 今天想说一下换车的事 我那辆老车开了十一年了 修一下要八千块", "zh") == "换车"
    # No naming: the memo's main nouns, as a title (names keep their capital, words the form said most, verbs are
    # left out).
    text = ("We will live in Berlin. The flat in Berlin is small. My clients are fine with it. "
            "The clients pay in pounds. Going there is a big step, Berlin is cheaper.")
    assert title(text, "en") == "Berlin and clients"  # "flat" is said once: no topic word
    # A topic said on its own at the start; "lenses" is not "lense".
    alone = ("Ok so. It's recording. The surveyor came round and I said I'd think about it. The solar panels. "
             "Ten panels on the roof, and the panels face south. The panels cost seven thousand.")
    assert title(alone, "en") == "Solar panels"
    thing = "Ok so. The pay thing. I asked Gareth for a rise on wednesday, and the payslip says thirty one."
    assert title(thing, "en") == "The pay thing"
    # An adjective before 这个事 ("家里就我一个 清静 这个事…") and a clause after 理一理 ("大姐在打电话") are no topic.
    football = _bench_score("zh_son_football")[1].title
    assert football.startswith("踢球") and "丽娜" not in football  # not 孩子, not 丽娜 (a person jieba tags nr)
    assert "打电话" not in _bench_score("zh_village_homestay")[1].title
    # A topic named with 这个…的事 and said again and again counts though jieba does not know the word (地暖);
    # "So the money." opens a part, not the topic; a person named with 's or "said" counts half.
    assert "地暖" in _bench_score("zh_floor_heating")[1].title
    assert _bench_score("en_home_education")[1].title != "Money"
    people = "Sarah's at work. Sarah said the boat is fine. The boat, the boat, the boat. Sarah, Sarah, Sarah."
    assert title(people, "en").startswith("Boat")
    # What a decision is about comes before it; a part's words (划不划算) name no topic; "the studio." opening a
    # part is no topic when the memo is about the kiln; "looking after Noah" is a change the speaker makes.
    assert _bench_score("zh_allergy_shots")[1].title == "脱敏针要不要接着打下去"
    assert "划不划算" not in _bench_score("zh_daughter_piano")[1].title
    kiln = _bench_score("en_pottery_kiln")[1].title.lower()
    assert "kiln" in kiln and "studio" not in kiln
    diary = "Bev said keep a diary. Voice diary. So the placement. The placement was Kayden. The placement went well."
    assert title(diary, "en") != "Voice diary"
    belt = ("I'm grading for my black belt in June. The black belt is the goal. Sensei says the black belt takes "
            "nerve. My belt, the brown one, is frayed. The kata is long. The kata scares me. My knee hurts.")
    assert title(belt, "en").startswith("Black belt")
    forms = "The lenses cost more. The lenses are thin. My glasses broke, new glasses are dear. The lenses win."
    assert title(forms, "en") == "Lenses and glasses"
    # A change the speaker makes, named in the opening with one of the memo's main words, is the topic.
    assert title(text.replace("We will live in Berlin", "We are moving to Berlin in May"), "en") == "Moving to Berlin"
    text = "My analysis of the budget. The analysis says the budget is too small for the status quo. Status matters."
    assert title(text, "en") == "Analysis, status and budget"  # not "analysi", "statu": -is, -us are no plurals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("嗯 我想录一下 关于要不要辞职去读研这个事 帮我整理一个大纲 先说原因 然后分析 再说计划 最后说说感受\n"
         "先说原因 我现在的工作是做报表 读研要两年 学费要五万", "要不要辞职去读研"),
        ("最近一直在纠结 要不要把老房子卖了 我来说说 先说原因 然后是分析 最后是计划\n原因呢 老房子空了两年",
         "要不要把老房子卖了"),
        # A child counted by birth is what is decided, no amount cut off ("要不要生" was round 813's title).
        ("就是要不要生三胎这个事 先说为啥 再算账 然后说咋整 最后说心里啥滋味\n为啥呢 两个娃儿都上学了 三胎要趁早",
         "要不要生三胎"),
        # What is left of the list around its items ("最后 说说这两回摸这个家伙 是个啥滋味") is never the title; a
        # clause-final 就 is not part of the topic (round 77's saxophone memo).
        ("我这人说话没个头绪 今儿给自个儿理一理 学萨克斯 就这个事 头一个 我为啥五十八了还想起来学这个 第二个 掂量掂量 "
         "花多少钱 第三个 往后咋弄 定个章程 最后 说说这两回摸这个家伙 是个啥滋味\n头一个 为啥学 "
         "萨克斯是我年轻时候就想学的 琴行的萨克斯要八千 萨克斯老师一节课一百", "学萨克斯"),
        # The topic named before the parts needs none of the memo's main words; the parts are never the title.
        ("今天想理一理我妈搬过来住的事情 分四个部分 原因 分析 计划 感受\n原因是我妈上个月摔了一跤 护工一个月要六千",
         "我妈搬过来住"),
    ],
)
def test_mandarin_title_from_an_announced_memo(text: str, expected: str) -> None:
    result = outline(transcript_from_text(text, language="zh"), engine="offline")
    assert result.title == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # What is put before the marker with 把 is the topic, not the clauses before it.
        ("嗯 录上了 现在是晚上 孩子睡了 我坐在阳台上 想把装修这个事情 好好理一理 我分三块说 第一块是原因 第二块是分析 "
         "第三块是计划\n先说原因 房子漏水", "zh", "装修"),
        # One character said again and again after "这个…的事情".
        ("刚从医院出来 这个牙的事情我得算一算 牙一直疼 拔牙要三千 补牙便宜 牙医说不拔也行 但是牙会越来越松 我打算先补",
         "zh", "牙的事情"),
        # A nickname said most is not the topic; a pair of characters nearly always in a longer word gives that word.
        ("阿杰说我该续课了 阿杰是我的教练 阿杰人不错 我在想信用卡的事 信用卡欠了两万 信用卡利息很高 阿杰也劝我别续 "
         "信用卡每个月还三千 阿杰说健身不急", "zh", "信用卡"),
        # "is about eight quid" is a price, not what the memo is about.
        ("A bottle of red is about eight quid in the shop, and I was drinking most of a bottle a night. The drinking "
         "has to stop. The bottle is the problem, the drinking after work. I poured the last bottle away.", "en",
         "Drinking and bottle"),
        # A topic pointed at as a matter ("这个押金的事", "我妈被骗这个事", "the moving in thing"), said again later,
        # comes before the question asked about it and before the words said most.
        ("我现在坐在新租的房子地上 我就想把这个押金的事理一理 到底要不要告他\n房东扣了三千押金 押金条我还留着 "
         "房东说墙脏了 我打算先打一二三四五", "zh", "押金，要不要告他"),
        ("明天一早的高铁 我妈被骗这个事 我先把明天要办的说一遍 银行那边说钱还在 被骗的钱能不能退 银行要走手续 "
         "银行柜台把转账限额改了", "zh", "我妈被骗"),
        ("ok so Hannah's at her mum's tonight and I said I'd think properly about the moving in thing before we talk "
         "on sunday. the rent on my flat is nine hundred. the flat is small. her flat is bigger and the rent is less.",
         "en", "Moving in"),
        # "for the pampered chef thing" is where someone is tonight; the memo is about the drive-in's auction.
        ("alright it's rick. tammy's over at her sister's for the pampered chef thing. the auction is on the sixth. "
         "the auction company showed us round. the auction starts at ten and the auction has a reserve.",
         "en", "Auction"),
        # A topic said on its own, a few words long; "talk about it" points at nothing said yet; "the whole Ireland
        # thing" is about Ireland; a trip just come back from.
        ("So the test is booked. The life in the UK test. Third of March at the test centre. The test is twenty four "
         "questions. I failed the first practice test.", "en", "Life in the UK test"),
        ("We landed back last night and I want to get this down, the whole Ireland thing. The wall in the photo was "
         "still there. Ireland was cold and the trip was long. The photo is on the fridge.", "en", "Ireland"),
        ("好 录一下 我刚从桃岛回来 行李箱还没打开 在桃岛考了潜水证 教练说我耳压有问题 桃岛的海特别清", "zh", "桃岛"),
        # Where a job was (刚从王营回来) is no trip the memo is about: not one of its likeliest topic words (round
        # 210's stage truck).
        ("嗯 录上了 俺是红旗 刚从王营回来 澡还没洗 王营那家办喜事 下大雨 舞台漏水 屏也坏了 人家说再也不找俺了 "
         "舞台车新的十九万八 旧的十一万 舞台车能挡雨 俺想买舞台车 舞台车一天能跑两场 王营那边还欠俺钱", "zh", "舞台车"),
        # Who the speaker is (我是俊宏) starts no topic (round 213's ice factory was titled 我是俊宏今天).
        ("好 现在是礼拜天晚上 我在高雄家里的阳台 我是俊宏 今天的事我想一次讲清楚 冰厂是我阿公开的 冰厂每天出冰两百块 "
         "渔船要碎冰 冰厂的机器很老了 我想回去接冰厂 冰厂一个月赚不多 冰厂要换机器", "zh", "冰厂"),
        # 那个事 names the matter as 这个事 does (round 208's steelyard shop); what someone said (老钟跟我说的那个事)
        # names nothing.
        ("开了没 开了 今儿是二月二十九 我在铺子里 那我就说说\n平遥那个事 我想去平遥租个铺面 平遥古城游客多 "
         "一年房租两万 在太谷卖秤一年卖不了几杆 平遥那边游客爱买杆秤 杆秤是手艺 平遥的铺面小", "zh", "平遥"),
        ("我在宿舍楼下 刚吃完饭 趁这会儿录一下 就是老钟跟我说的那个事 让我从注塑车间调到品检去当检验员 "
         "品检一个月多八百 品检不用站机台 注塑车间太热 检验员要考证 品检的活细", "zh", "品检、检验员和注塑车间"),
        # "The vasectomy one." names the topic said alone, though the memo says the word only there.
        ("Right. I'm in the van outside the clinic. That was the consultation. The vasectomy one. The nurse was "
         "kind and the leaflet says recovery is a week. Ladders are out for a week, which is work.", "en",
         "The vasectomy one"),
        # An abbreviation said three times or more is what the memo is about, though it names nothing else; the NHS
        # and the GP are everyday words.
        ("Right. Sunday morning. I'm staying on the HRT. The GP said the risk is small. The HRT gel goes on every "
         "morning. The risk of cancer worried me, the doctor said the HRT risk is tiny. The GP and the NHS leaflet "
         "agree. The doctor was kind.", "en", "HRT, risk and doctor"),
        # What the speaker has kept at, said first; a choice put as A-not-A with its object (住不住校 -> 住校).
        ("今天是四月二十三号 我这个每天扔一样东西搞了二十三天了 说一说给自己打打气 阳台那个储物间 东西太多 "
         "每天扔一样东西 旧衣服先扔 东西少了心里松快", "zh", "每天扔一样东西"),
        ("乐乐刚被他爸送回学校 我一个人在家 下礼拜就要跟学校报下学期住不住校了 住校一个月八百 住校的孩子都挺好 "
         "王老师说住校能管住手机", "zh", "住校"),
        # "think about this properly" names nothing; "The dating app." said alone names it (the noun said again);
        # "X, sorry, Y" is Y; "the steroid one" after "the injection" is the steroid injection.
        ("Sunday night, and I said to Hannah I'd think about this properly instead of just scrolling. The dating app. "
         "The app says I've had forty likes. I paid for the app in March. Hannah set the app up.", "en", "Dating app"),
        ("Bethan said do your voice note thing. The sabbath a cool, sorry, the sabbatical. Three months unpaid. The "
         "sabbatical would start in June. HR want the sabbatical request by March.", "en", "Sabbatical"),
        ("I've decided. I'm phoning the surgery on monday and I'm asking for the injection. The steroid one. The "
         "injection might hurt for a day. The shoulder has been frozen since May.", "en", "Steroid injection"),
        # "think this funeral plan through" names it; "The office, the garden office." is said again more exactly.
        ("Right, it's Sandra. I said I'd think this funeral plan through before Thursday. The plan costs four "
         "thousand. The Co-op plan covers the coffin. Mum wants the plan sorted.", "en", "Funeral plan"),
        ("It's been six weeks now in the shed. The office, the garden office. The office cost nine grand. The wifi "
         "in the office drops. The garden is wet.", "en", "Garden office"),
        # What happened (终于把智齿给拔了) is no topic, though the speaker says 录一下 before it.
        ("录一下上礼拜五终于把右上那颗智齿给拔了 在口腔医院 麻药针有点胀 左下那颗智齿还得拔 智齿发炎好几回了 "
         "医生说智齿离神经近", "zh", "智齿"),
        # A shop opened some months ago, said in the second sentence; an errand (刚从鼓楼医院回来) is no trip.
        ("好录上了 晚上九点多 我在店里刚把排水管弄好\n这个自助洗衣店开了四个月了 洗衣机六台 自助洗衣店一个月流水两万 "
         "房租八千", "zh", "自助洗衣店"),
        ("今天十月十二号 我刚从鼓楼医院回来 车停在楼下 手术定了 膝盖这个手术要住三天 膝盖不能弯 手术费两万 膝盖还肿着",
         "zh", "手术和膝盖"),
        # "think about this instead of…" points at nothing said yet.
        ("So Sian rang again tonight about the quiz and I need to actually think about this instead of just going "
         "round in circles. The quiz is on Tuesdays. I did the quiz twice. The quiz pays forty quid.", "en",
         "Quiz"),
        # What follows 录一下 is what the speaker does next, not the topic (round 55's arbitration memo).
        ("刚从仲裁院出来 我先录一下 回头自己再听 今天是调解 仲裁员说公司得先把工资补上 仲裁的时候我没说清楚 "
         "工资拖了三个月 下次开庭我要带上工资条", "zh", "仲裁"),
        # "这个事" after a clause points back; the next phrase so marked names the matter (round 66's e-bike memo).
        ("这几天脑子里全是这个事 电动车撞了人的事 电动车是去年买的 电动车那天刹车不灵 电动车撞了人 我得私了还是走调解",
         "zh", "电动车"),
        # "about the polytunnel" names it, with no verb of naming before; "about the club" is too short to name one.
        ("Sunday evening, and I need to get my head straight about the polytunnel before I spend any money on it. "
         "The door went in the storm. The plastic is in the hedge. The polytunnel grew the tomatoes. The door cost "
         "forty pound.", "en", "Polytunnel"),
        # "about the …" only when nothing else names the topic (round 79's train driver memo).
        ("Right so we all heard about the restructure today, and I am thinking about becoming a train driver. The "
         "train driver course is a year. The restructure means my job goes. A train driver earns more. The driver "
         "assessment is in March.", "en", "Becoming a train driver"),
        ("Right, I keep going round in circles about the club before the meeting. The bowls club has sixty members "
         "and Norman wants a secretary. The bowls club pays nothing. The secretary does the fixtures for the bowls "
         "club.", "en", "Bowls club and secretary"),
        # The clause before a demonstrative is not the topic: "我一个人 这买房的事" is about buying a flat.
        ("刚从售楼处回来 小雨回她妈那儿了 我一个人 这买房的事 我得捋一捋 房子看了二十三套 买房的首付是二十万 "
         "买房还得交契税", "zh", "买房"),
        # Round 94-97's first runs: the phone ("the red thing is moving"), the day's work (刚从店里下班回来), someone
        # else's question (你要不要) and who the matter is about (说说浩浩这个事) name no topic; 这桩事体 marks one.
        ("okay is it recording. the red thing is moving, yes. this is Efua. the ahotor oven came today. the ahotor "
         "oven costs money. the oven is cleaner.", "en", "Ahotor oven"),
        ("我崔美玉 刚从店里下班回来 录一段 去韩国当护工 韩国那边护工一个月一万多 韩国签证要等 护工很累", "zh",
         "韩国和护工"),
        ("今天跟鹤岗那个中介看房 她说这缸你要不要 不要我给你整走 鹤岗的房子四万二 鹤岗冬天冷 鹤岗离我爸近", "zh",
         "鹤岗"),
        ("我坐这儿一边充着电瓶一边说说浩浩这个事 浩浩想去武校 武校一年两万三 武校管得严 浩浩说他不怕苦", "zh", "武校"),
        ("脚骨有点酸 就是遗体捐献，这桩事体。捐献要登记 遗体捐献给医学院 登记表要填", "zh", "遗体捐献"),
        # Round 101: "that shaky thing" (said once) is how the legs are; 讲下这件事 names nothing after it.
        ("right. it's recording. I'm sat in the car park and my legs are still doing that shaky thing. the glider "
         "landed at four. the glider is a K6. a share in the glider is two thousand.", "en", "Glider"),
        ("我阿强 在厂里的宿舍 我趁着冇人 讲下这件事 沉香要种八年 沉香一亩地租金三百 阿辉说沉香好卖", "zh", "沉香"),
        # Round 106-109's dev work: a name said alone and hardly again is who speaks; "the big one" says which, not
        # what; a bare verb decides about the thing just named (这个晚托班 … 要不要扩大).
        ("ok so. Marcus. I'm in the car park at the depot and I've got the interview for the controller job. the "
         "controller job is days. Dev is the controller now. the controller gets a car.", "en",
         "Controller job and car"),
        ("I want to get this down because I've got to decide about the big one, the craft fair at the town hall. "
         "the craft fair is in December. the bowls sold at the craft fair. the craft fair stall is forty pound.",
         "en", "Craft fair"),
        ("孩子们都被接走了 我录一下 这个晚托班 下学期到底还办不办 要不要扩大 我得拿个主意\n晚托班八个孩子 "
         "晚托班一个月八百 晚托班的家长都挺好", "zh", "晚托班，要不要扩大"),
        # The same asked with 是否 (two characters, not three).
        ("我洪志明啦 我在水槽这边洗沙虫 做土笋冻那个虫 我在想是否接 十五平方 月租一万二 土笋冻在西街好卖 "
         "土笋冻一碗十块 土笋冻是阿母传下来的", "zh", "土笋冻，是否接"),
        # Round 110-113's first runs: a greeting to the phone, an apology ("sorry about the chewing") and a thinking
        # verb (我寻思这事儿) name nothing; "the granny flap, the granny flat" is as corrected; 搿个事体 (Shanghainese)
        # marks the matter, and 我讲两句 is how the speaker goes about it.
        ("Okay. Hiya phone. It's Nicola, the kids are down. The eisteddfod final is Friday. The eisteddfod wants me "
         "on telly. I learned Welsh for the eisteddfod.", "en", "Eisteddfod"),
        ("He says if I'm going to go on about the granny flap, the granny flat, then I must first say it into the "
         "phone. The flat would go in the backyard. The flat costs money. Mammie could live in the flat.", "en",
         "Granny flat"),
        ("It's Sharon, I'm in the car eating a pie so sorry about the chewing. The sleepout is for Jordan. A kitset "
         "sleepout is cheaper. The sleepout goes on the back lawn.", "en", "Sleepout"),
        ("喂 录上了 我孙德海 搁院里坐着录的 我寻思这事儿 得自个儿先捋明白了 养牛的账得算 养牛要盖牛棚 养牛一年能挣三万",
         "zh", "养牛"),
        ("今朝礼拜天 我一家头坐在阳台上 想拿买车 拍牌搿个事体 好好叫理一理 拍牌一趟要九万多 拍牌我拍了一趟 "
         "拍牌差四百块", "zh", "拍牌"),
        # Round 115's stall: the numbers after a bare verb say how much ("要不要接 十五平方 月租一万二").
        ("我洪志明啦 我在水槽这边洗沙虫 做土笋冻那个虫 我在想要不要接 十五平方 月租一万二 土笋冻在西街好卖 "
         "土笋冻一碗十块 土笋冻是阿母传下来的", "zh", "土笋冻，要不要接"),
        ("夜里十点钟 丽娟已经困了 我讲两句 学帆船搿桩事体 我自家也要理一理 学帆船要三千 帆船俱乐部在淀山湖", "zh",
         "学帆船"),
        # Rounds 121-125, named wrong: a verb with where it goes (顶下来) is a bare verb, and 那间锁店 names its
        # object; 讲出来 is why he speaks; in "拿这个当理由" 这个 is the thing taken.
        ("刚刚黄师傅又问我了 他说月底要给我答案喔 就是他那间锁店问我要不要顶下来\n锁店一个月租金两万 锁店的客人多 "
         "开锁要学三个月", "zh", "锁店，要不要顶下来"),
        ("我一个人坐在这里对着这批老自行车 讲讲 讲出来脑子清爽一点\n老自行车有六十部 老自行车放在车库 车库一个月八百",
         "zh", "自行车"),
        # Round 735's rigged scales: "说说吧" ends on a particle, and the clause after it says why he talks (it was
        # titled 吧说出来心里能好受点).
        ("今儿礼拜四 俺一个人搁办公室 饭也吃不下 说说吧 说出来心里能好受点\n鬼秤是遥控的 鬼秤一斤出来九两 "
         "计量所要查鬼秤", "zh", "鬼秤"),
        # Telling denied names nothing: round 738's bimo apprentice ("我啥子都没说 下楼 跑到天桥底下") was titled
        # 楼跑到天桥底下, round 740's autograss car "Cars in the kitchen no more till I've sorted my head out".
        ("差评扣五十 我啥子都没说 下楼 跑到天桥底下 躲雨\n毕摩是彝族的 毕摩要念经书 阿普是毕摩 学毕摩要三年", "zh",
         "毕摩"),
        ("Jase here. I'm not allowed to talk about cars in the kitchen no more till I've sorted my head out, her "
         "words. The autograss track is up by Hirwaun. The car is a Peugeot with a cage. Autograss cars race on "
         "grass. The autograss club wants a car.", "en", "Autograss and car"),
        ("他的驾照今年十月要换照 我就拿这个当理由下礼拜五我请假带他去医院\n驾照要体检 驾照换了他就不能开 "
         "换照要用的 车是他出门的理由",
         "zh", "驾照、换照和理由"),
        # Round 151's KTV: "还是这个数 小宇今年九岁" (the pause lost in cleanup) points at no "数小宇": 小宇 is a child.
        ("我是晓梅 店里最后一个包厢刚走 我一个月四千五 六年了 还是这个数 小宇今年九岁 以后读书哪样不要钱\n"
         "包厢有十四个 包厢要整改 小宇读三年级 包厢音响要换 这个店进货排班全是我在管", "zh", "包厢"),
        # Round 154's river jumper: after 说两句, "省得回家让淑珍听见又念叨" says why he talks here, not what about.
        ("我刚从河里上来 就坐桥底下台阶上说两句 省得回家让淑珍听见又念叨\n今儿早上又跳了狮子林桥 跳水六七米高 "
         "狮子林桥底下人多 跳水直播一个月三千 跳水是我的老本行", "zh", "跳水和狮子林桥"),
        # Round 155's karang guni: Singlish "already", "cannot", "lah" end a sentence and name nothing.
        ("ok recording already. I want to settle whether I take over the lorry round lah. the lorry is old already. "
         "the round pays already. cannot say no lah, the lorry round is Pa's", "en", "Take over the lorry round"),
        # Round 134's cider: "the press Gary's selling is sixty eight hundred" is a price, not what is sold.
        ("Numbers again. The cider press Gary's selling is sixty eight hundred, hydraulic. The cider would sell at "
         "the market. Cider apples are free.", "en", "Cider"),
        # Round 130's goats: "why do it" in Shaanxi words (为甚非得弄这个) is a part's name, not the topic (the
        # reference memo's "为什么我想离职" names one).
        ("那我先把前天黑地出的那个事儿说一说 然后算算账 再说说为甚非得弄这个\n羊棚要四万 羊棚盖在沟里 母羊四十只 "
         "母羊下羔", "zh", "羊棚和母羊"),
        # Jamaican dem, seh, pon, wid name nothing (round 162's uniforms were titled "Wid, pon and dem").
        ("mi deh pon di verandah an mi a think bout dem uniform. di principal seh she want dem uniform fi September. "
         "three hundred an eighty set wid di badge pon di pocket. mi seh to har mi cyaan do dem alone. di cloth cost "
         "nuff money an dem parent dem pay late, dem always pay late. but di uniform money good. mi haffi buy two "
         "machine. dem machine cost nuff. seh it again, three hundred an eighty uniform wid di badge.",
         "en", "Uniform, badge and cost"),
        # Just back from a visit is no trip (round 156's vet was titled 老孙头家).
        ("嗯 刚从老孙头家回来 他家母牛又不吃草了 我给打了一针\n明天还得去老孙头家 看看母牛咋样 兽医这个活 我干了二十年 "
         "出诊一趟三十块 牧场那边想让我去当驻场兽医 一个月六千 驻场兽医不用到处跑 可是村里的母牛谁管 兽医站就我一个人",
         "zh", "母牛和兽医"),
        # "Okay." and "Testing." say nothing: the opening the title reads runs to the fifth sentence, where
        # "this pipeline business" names the topic though said once (round 136's easement).
        ("Okay. Testing. This is Darlene. Thursday evening, I'm on the porch swing. It's this pipeline business, what "
         "else. The landman came by again. The easement money is twelve thousand. The landman says they'd take it "
         "anyway. The easement runs by the cemetery.", "en", "Pipeline"),
        # Just back from someone's place: a visit, not the topic (round 159's wildlife carer); Deb is who, not what.
        ("Righto. So I've just got back from Deb's place out on the Nanango road. The joey is doing well, the joey "
         "drinks every four hours. Deb says a carer needs the licence. The joey sleeps in a pouch. Another joey "
         "came in Tuesday, a carer course is fifty dollars.", "en", "Joey and carer"),
        # "讲一下 等下回去还要煮饭": what she does later, not what she talks about (round 178's passion fruit).
        ("我坐在果园那个棚里面 讲一下 等下回去还要煮饭给家婆吃\n百香果的叶子皱了 百香果要挖掉重种 百香果苗一株三块 "
         "果园八亩 果园去年卖了四万", "zh", "百香果和果园"),
        # 俺是红梅 乔红梅: the speaker's own name is no topic (round 178's Rolls-Royce wedding car).
        ("俺是红梅 乔红梅 俺跟老乔干婚车十年了\n红梅婚车的头车是奥迪 婚车要换劳斯莱斯 红梅说婚车一趟两千 头车要气派 "
         "婚车生意靠头车", "zh", "婚车"),
        # "半个钟头的事" is how long it takes; "档口收了我坐在三轮上今天这个事" what he is doing as he speaks; "说两句，
        # 脑子里乱" how he is (round 190's kvass, round 188's Lang Son bride and lark cages).
        ("嗯 录上了 我寻思好了 再说时间 老法子一缸得两天 浓缩的现兑现卖 半个钟头的事\n格瓦斯一杯八块 格瓦斯用老法子 "
         "格瓦斯是我爸的方子 浓缩液一桶二百九十八 格瓦斯一夏天卖三万杯", "zh", "浓缩和格瓦斯"),
        ("好 我是农海涛 在凭祥做水果档口的 现在晚上十一点 档口收了我坐在三轮上今天这个事 我要讲清楚给自己听\n"
         "阿玉是越南人 我想娶阿玉 越南那边要手续 阿玉在谅山 越南的彩礼要三万", "zh", "档口和越南"),
        ("行了 录上了 秀兰睡了 我在阳台这儿跟手机说两句，脑子里乱\n百灵笼是我爸的手艺 百灵笼一个卖三千 "
         "做百灵笼得租个屋子 百灵笼的笼条要刮", "zh", "百灵笼"),
        # 今儿这事: the day it happened, not what happened (round 183's hitching posts were titled 今儿).
        ("嗯 录上了 我孙彩霞 今儿黑了 屋里就我跟婆婆 我把今儿这事说一下\n今儿那人来看拴马桩 拴马桩是老院里的 "
         "拴马桩一根给八百 院里还有六根拴马桩 拴马桩是爷爷那辈留下的", "zh", "拴马桩"),
        # A word said whole with the characters before it (安宁|疗护), once (round 38's hospice: 爷爷、疗护和大伯).
        ("我是小林 爷爷住院了\n安宁疗护是医生提的 安宁疗护不插管 大伯不同意安宁疗护 安宁疗护病房在六楼", "zh",
         "安宁疗护"),
        # "this small chops matter" names the topic (round 177's small chops: "Frying, puff and Chops").
        ("Okay it's Funmi. I want to talk this small chops matter through properly. The chops sell on Saturday. "
         "Frying takes all night. The puff puff sells too. Funmi's chops are the best in Surulere.", "en",
         "Small chops"),
        # The word nearly always said before a keyword is part of its name (round 184's crack seed: "Hing, …").
        ("okay this is berna. today i went to the store downtown. the li hing smell still inside. li hing mango "
         "sells. we could do li hing again. li hing is what people want. the store has the jars.", "en",
         "Li hing and store"),
        # Regional markers of the matter: Tianjin 介事儿, Hunan 咯只事 (round 195's bridge team was titled 副牌,
        # round 192's trainee 涵涵, her daughter); "俺先说说" is how she tells it (round 193's river chief).
        ("我刘宝山 秀芝买菜去了 我自个儿搁家把明年上成都打全国赛介事儿捋捋\n全国赛在成都 副牌打了二十八副 副牌 "
         "副牌 副牌 老周是搭档 全国赛报名费两千", "zh", "上成都打全国赛"),
        ("我谭桂英 开咯个米粉店 我把去韩国当练习生咯只事自己跟自己港一遍\n涵涵要去韩国 涵涵跳舞 涵涵一个人练 "
         "练习生要签七年 韩国公司管吃住", "zh", "去韩国当练习生"),
        ("录上了 俺是任秀兰 刘书记叫俺当俺们村的河长 俺这心里头乱 理一理 俺先说说\n河长要巡河 河长一个月三百 "
         "巡河一礼拜两趟 河道里垃圾多 河长是个得罪人的活", "zh", "河长和巡河"),
        # "屋里就我一个" is the scene before the topic (round 133's flue-cured tobacco, its pause lost).
        ("喂 录起了 我是建华 礼拜天晚上 在厂里宿舍 老乡上夜班去哒 屋里就我一个回桂阳种烟咯个事 我想了两个月哒\n"
         "烤烟一亩挣三千 烤烟要烤房 烟站收烟 种烟要包地 回桂阳还能陪崽", "zh", "回桂阳种烟"),
        # "think about me nan's house": "me" says "my" in Liverpool (round 195's Anfield terrace was "Property…").
        ("I'm sat in the car so I can think about me nan's house in Anfield. The house is a terrace. The estate "
         "agent rang about the property. The house needs a roof.", "en", "Nan's house in Anfield"),
        # A regional "this" (Tianjin 介壶) points; the pot alone names nothing, the memo's words do (round 212).
        ("嗯 我搁阳台上呢 秀琴睡了\n说说介壶吧 我爷爷那把铜壶 卖茶汤的 茶汤一碗五块 冲茶汤得用铜壶 "
         "茶汤冲不好就是面糊 铜壶是我爷爷的", "zh", "茶汤和铜壶"),
        # The matter said again in the same frame and sounding alike is the speaker's correction (round 222).
        ("This is Kehinde. Femi said I should stop talking about this cash you matter, this cashew matter. The "
         "cashew buyers pay little. Cashew kernels sell high. The cashew nuts dry in the sun.", "en", "Cashew"),
        # No one's name in a keyword title (round 224's homeplace: "And dwayne wants…" is someone).
        ("Okay. The homeplace is thirty eight acres. And dwayne wants out of the homeplace. So if dwayne goes, the "
         "hunting club gets in. The hunting club offered cash. The lawyer says the homeplace has back taxes. The "
         "lawyer wants a survey, the lawyer is slow. dwayne called me twice.", "en",
         "Homeplace, hunting club and lawyer"),
        # Jamaican "bout the coral job" is "about the coral job" (round 232).
        ("alright. is saturday and the rain just done, everything drip drip. the sanctuary people want an answer by "
         "friday bout the coral job. the coral nursery need hands. mi dive good. the coral grow slow pon the pipe "
         "tree. the dive pay small. the boat old. mi mother worry bout the sea.", "en", "Coral job"),
        # An abbreviation after an amount is its currency, no topic (round 236's "thousand TT").
        ("okay it's recording. I walked up the hill to the acre. They offer a million two hundred thousand TT for "
         "the acre. The lawyer wants twenty five thousand TT. The villa would block the path. My grandmother planted "
         "the cocoa. Fees are a hundred thousand TT a year. The acre is the family land.", "en", "Acre"),
        # A pair with a particle's character is a word when the dictionary knows it as a noun (网吧, 对联: 吧, 对).
        ("嗯 录上了 现在两点 我在网吧吧台后头 刚才有个伢子拿别人身份证来开机 这个网吧迟早要出事 "
         "网吧的租约月底到期 房东要涨租 续租的话机子也要换 四十台机子要二十多万 开网吧开了十年 "
         "长沙那边有个冷链的活 老婆讲网吧守不住了", "zh", "网吧"),
        # Doric: "richt" is "right", said all through, and "takin ower the shop" the change she weighs (round 262).
        ("richt. is it on. aye. Kirsty, tuesday night. richt, I'm thinkin aboot takin ower the shop. Dad's sixty "
         "four an he wants oot. richt, the shop's been there since nineteen sixty one. the shop makes its ain "
         "sausages. richt, the bank wid lend me the money. the shop needs a new fridge. I couldna let it close, "
         "richt.", "en", "Takin ower the shop"),
        ("嗯 录上了 今儿个头一回上集写对联 红纸铺开 墨汁一倒 人就围上来了 一副对联卖十五 "
         "写了三十副对联 手写的对联跟印的不一样 县城年货会有摊位 孙女说网上也能卖对联", "zh", "对联"),
        # The same thing said again more exactly, the second said more often (round 319's winterage; round 326's
        # notary, "this no terry thing, this notary thing").
        ("right. we have to decide this week about the winter edge, the winterage, whether the cattle go up. the "
         "winterage is the old way. the winterage hill has the grass.", "en", "Winterage"),
        ("Crystal says if I keep talking about this no terry thing, this notary thing, I should record it. a notary "
         "signing agent does closings. the notary exam is in May.", "en", "Notary"),
        # ... also where the speaker points at it ("this wreck business, the Reek I mean, Reek Sunday": round 583's
        # barefoot climb was titled "Wreck").
        ("Noreen here. I want to talk myself through this wreck business, the Reek I mean, Reek Sunday, before I say "
         "anything. Reek Sunday is the last Sunday in July. Tommy did the Reek barefoot. the Reek is hard on a knee.",
         "en", "Reek Sunday"),
        # 讲下 before a time is no 讲一下 ("讲下个礼拜去县里比赛的事" is next week's match), in titles as in the
        # announcements' items: one lookahead (items.XIA_OF_TELLING); 讲 is the verb of naming, and 板鞋, said all
        # through, leads.
        ("嗯 录上了 我想讲下个礼拜去县里比赛的事 板鞋队八个娃 板鞋是我做的 板鞋队练了三个月 板鞋比赛在民运会上 "
         "板鞋队要钱", "zh", "板鞋队：下个礼拜去县里比赛"),
        # The speaker corrects a misheard word at once (round 531's Ausbildung; "the sabbath call, sorry,
        # sabbatical").
        ("Alan is watching cricket inside. I have to think about this house building thing, no, Ausbildung, the German "
         "word. the ausbildung is three years. the ausbildung pays a wage. the nursing school in Hamburg wants B2 "
         "German.", "en", "Ausbildung"),
        ("okay. I have to decide about the sabbath call, sorry, sabbatical, three months no pay. HR wants eight weeks "
         "notice for the sabbatical. the mortgage is paid, the mortgage was the worry. the sabbatical starts in "
         "October.", "en", "Sabbatical"),
    ],
)
def test_title_names_the_topic_not_what_surrounds_it(text: str, language: str, expected: str) -> None:
    from memo.structure.cleanup import lexicon
    from memo.structure.title import make_title

    if "第一块" in text:  # announced: the title comes from the words before the parts
        assert outline(transcript_from_text(text, language=language), engine="offline").title == expected
        return
    sentences = clean_transcript(transcript_from_text(text, language=language)).sentences
    assert make_title(sentences, "memo.txt", lexicon(language)) == expected


def test_a_named_place_just_come_back_from_is_not_the_title_alone() -> None:
    # Round 766's farrier: "刚从那拉提回来" (where he shod the tourist horses today; a name jieba's dictionary lacks)
    # was the whole title, though among the memo's likeliest words. On the 243 Mandarin dev memos saying 从…回来 in
    # their opening: 1 better, 0 worse.
    _, result = _bench_score("zh_farrier_trailer")
    assert result.title != "那拉提" and "马" in result.title, result.title


def test_mandarin_candidate_words_are_nouns_however_their_characters_read() -> None:
    from memo.structure.cleanup import lexicon
    from memo.structure.topic_words import _units_zh

    # 网吧 and 成都 hold a particle's character (吧, 都) and are nouns; 修好, 修成 are something done; 我会 and the
    # everyday 地方 name nothing (rounds 239's net café and 241's old photos).
    said = "我在网吧上班 这个网吧要关了 老照片修好了 修好的老照片 修成这样 我会去 我会弄 地方不大 地方很多 成都的网吧"
    assert sorted(_units_zh(said, lexicon("zh"))) == ["成都", "网吧", "老照片"]


def test_old_or_young_before_a_common_surname_is_someone() -> None:
    from memo.structure.people import person_zh

    # 老高 is the speaker's husband (round 259's bungalow move was titled 老高), though 高 starts many a word.
    said = "老高睡下了 我坐炉子边上 老高今年七十了 老高去年开春脑梗 小黄也说搬吧"
    assert person_zh("老高", said) and person_zh("小黄", said)
    assert not person_zh("平房", said)
    # With the northern 儿 too (round 415's removals crew was titled 老蔫儿, his mate); 老伴儿 and 小孩儿 are no names.
    said = "老蔫儿在底下扛着我 老蔫儿腰又岔气了 老伴儿说 小孩儿开学"
    assert person_zh("老蔫儿", said) and not person_zh("老伴儿", said) and not person_zh("小孩儿", said)


def test_the_speaker_and_someone_called_mister_are_people() -> None:
    from memo.structure.people import people_en

    # The speaker names herself before the day (round 242's "Tahnee, it's Sunday arvo", 240's "it's Bec, Sunday");
    # Bajan "old mister clement" is someone, cased or not (round 243).
    said = ("righto. Tahnee, it's Sunday arvo, the twenty third. okay it's Bec, Sunday arvo. old mister clement sit "
            "down. pastor reid will decide. right. Dekka. Tuesday night. he said Darrell, don't let it fold.")
    # "right. Dekka. Tuesday night": the speaker too, and someone told something after a comma (round 264's shanty
    # crew was titled Dekka).
    assert {"tahnee", "bec", "clement", "reid", "dekka", "darrell"} <= people_en(said)
    assert "sunday" not in people_en(said)


@pytest.mark.parametrize(
    ("language", "text", "unsaid"),
    [
        # How the speaker used to talk is no topic (round 249's basic school: "Mi lesson plan").
        ("en", "this is Hyacinth, Tuesday the fourth of March, mi sitting on the verandah. so mi just going to talk it "
               "through like how I used to talk through mi lesson plan. mi went up to the basic school this morning. "
               "the basic school need a new head. Miss Ivy run the basic school forty years. the board want an "
               "answer. my plan is to ask the board. the plan needs money.", "lesson plan"),
        # A question about why names the reasons part, and what the recording is for names nothing (round 244's
        # market van, 246's wheat-straw pictures).
        ("zh", "今天四月二号 晚上十点过了 铺子关了门 那为啥子要想这个事 为啥子要想 因为铺子房租涨了 "
               "幺爸的小货车要卖 赶场一个月跑八个场 铺子不开了 小货车拉货去赶场 幺爸说赶场辛苦", "为啥子"),
        ("zh", "今儿是十一月十二号 额把这个麦秆画的单子说一下 录下来 也给倩倩听听 麦秆画三千幅 西安的公司要麦秆画 "
               "麦秆要熨平 村里姐妹一起做麦秆画", "听听"),
        # How the speaker talks it over (捋捋), why (不然…), and when something happened to someone (…是去年腊月出的事)
        # name no topic (rounds 254's bicycle frames, 256's bean-skin stall, 255's low-income allowance).
        ("zh", "嗯 录上了吧 我在老孙那个车库里头 刚收拾完 随便说说 捋捋\n我第一个车架焊完了 车架是公路车架 "
               "老孙说车架能卖 一个车架卖八千 焊车架要一个礼拜", "捋捋"),
        ("zh", "嗯 那个 现在是夜里十一点过一刻 我在我爸屋里的厨房 他睡了 我就对着手机讲一哈 理一理 不然脑壳里面一锅粥\n"
               "今天早上煎了一锅豆皮 豆皮要蒸 摊子在地铁口 豆皮一份八块 我爸卖了二十三年豆皮 一锅豆皮要浆", "不然"),
        ("zh", "俺坐院里 这事儿憋心里好几天了\n建国是去年腊月出的事 搁郑州工地上 现在干不了活 村里说能申请低保 "
               "低保一个月三百 低保要分户 申请低保得填表", "腊月"),
        # "burned my arm today. proper one.": how bad, not a topic said alone (round 258's glassblowing arch).
        ("en", "right. recording. it's Jodie, Tuesday night. so I'm gonna talk it out. burned my arm today. proper "
               "one. right along my forearm on the blow pipe. the arch is Mick's workshop. Mick wants out of the arch "
               "by March. the furnace in the arch costs a fortune to run. the arch rent is nine hundred a month.",
         "Proper one"),
        # "this mad thing": how the speaker rates the matter, not what it is (round 283's mohair farm).
        ("en", "ok. recording. annelie here, sunday night. then why i'm even thinking this mad thing. so. thursday "
               "night i flew to PE and drove up to the farm. the mohair clip was good. the farm needs a manager. ma "
               "wants me on the farm. the mohair price is up. the shearing team came to the farm.", "Mad"),
        # 要不 is "or else" (northeast): why he talks, not what about (dev: zh_deicing_crew).
        ("zh", "嗯 录上了吧 我搁仓房里 先说两句 要不脑瓜子里太乱\n机场招除冰的季节工 除冰一个月八千 除冰要上吊篮 "
               "大勇去年干过除冰 除冰车在机场", "要不"),
        # The speaker asking someone else ("你要不要") is not his decision (dev: zh_guoji_son).
        ("zh", "我帮小轩洗完头 我问他 如果大伯以后变成你阿爸 你要不要 他想了好久 头发还湿湿的\n大伯要过继小轩 "
               "过继要上族谱 族谱改了就改不回来 过继以后小轩住大伯家 阿强说过继是好事", "要不要"),
        # Cantonese 系 is 是: 系茶 is "is tea" and 真系 "really", no topic (round 298's liubao tea).
        ("zh", "我真系谂咗好耐 六堡茶要陈三年 系茶就要放 唔系新茶咁好卖 六堡茶放粮站仓库 新茶卖得快 六堡茶一吨 "
               "系茶都要湿度 六堡茶陈茶好卖 真系难决定", "系"),
        # 敢不敢接 asks whether he dares, 笑得不得了 is "laughed a lot": no choice of a thing (round 322's Esperanto
        # camp was titled 敢接, round 325's bullfrogs 得了).
        ("zh", "嗯 录起哒 老曾来了 问我敢不敢接 我讲我不敢接 世界语夏令营七十个人 世界语我学了三十年 "
               "夏令营要租酒店 世界语的朋友多 夏令营八月搞", "敢接"),
        ("zh", "今天夜里去周老板塘里 他笑得不得了 我也高兴得不得了 牛蛙一斤十二块 牛蛙塘要盖网 养牛蛙要六亩塘 "
               "牛蛙叫起来像牛", "得了"),
        # Someone asking the speaker ("问我要不要代驾") or whether others will want him ("要不要我们") is no decision
        # of his; 记不记得 asks whether a hand remembers, no thing chosen; Hunan 哒 is 了, no part of a word (rounds
        # 337 and 338's 歌厅 host and dietitian, round 344's log cabins).
        ("zh", "喂 录起哒冇 录起哒 我坐在车里 刚刚有个代驾的伢子来敲窗户 问我要不要代驾 我港我又冒喝酒 歌厅要关门哒 "
               "歌厅里串场十九年 歌厅老板讲 直播公司找我 歌厅的生意冇得哒 录起哒就好", "要不要"),
        ("zh", "喂 录起哒冇 录起哒 我坐在车里 歌厅要关门哒 歌厅里串场十九年 歌厅老板讲 直播公司找我 歌厅的生意冇得哒 "
               "录起哒就好", "哒"),
        ("zh", "嗯 我坐在这个食堂后头 今年学校说食堂要外包 到时候要不要我们 还不晓得 营养师证要考 营养师一个月多两千 "
               "食堂的活累 营养师的课在长沙 食堂八个人", "要不要"),
        ("zh", "嗯 录上了 有根去年剩下的落叶松 我就寻思试试 看这手还记不记得 一刨 手还记得 木刻楞要用落叶松 木刻楞三栋 "
               "木刻楞的活儿", "记得"),
        # A question someone else put in the same sentence ("他说…要不要来队里试一下") is his words, no decision of
        # the speaker's (round 625's go-karts were titled "要不要来队里试一下留了个电话给我").
        ("zh", "嗯 录上了 今天带浩浩去跑卡丁车 有个周教练 他说咯个伢子手感蛮好 要不要来队里试一下 留了个电话给我 "
               "卡丁车一个月三千 卡丁车队在长沙 训练营要一个暑假 卡丁车危险不危险", "要不要"),
        # How many ("我们那个组八个人 今年走了三个") is said of what was pointed at, no name of it (round 318).
        ("zh", "嗯 趁还记得录一哈 我们那个组八个人 今年走了三个 活全压在我身上 苔藓微景观我做了两年 苔藓要喷水 "
               "玻璃罐一个三十 苔藓微景观的课一个人一百二 苔藓要养", "组八个人"),
        # Speaking of the matter ("讲到咯个事，还是要讲萱萱": Hunan for 说到这个事) points back at it, names
        # nothing (round 801's whistler was titled 讲到).
        ("zh", "嗯 录起了 上个礼拜天在风光带吹口哨 假牙飞出来了 堂客讲你怕丑啊 讲到咯个事 还是要讲萱萱 她帮我拍了一条 "
               "发到抖音上 口哨比赛要报名 讲到比赛 口哨比赛在苏州", "讲到"),
    ],
)
def test_what_names_no_topic_is_no_title(language: str, text: str, unsaid: str) -> None:
    from memo.structure.cleanup import lexicon
    from memo.structure.title import make_title

    sentences = clean_transcript(transcript_from_text(text, language=language)).sentences
    assert unsaid not in make_title(sentences, "memo.txt", lexicon(language))


@pytest.mark.parametrize(
    ("name", "unsaid"),
    [
        # Who is talking or who the memo is about, said alone ("Right so. Declan.", "So. Reuben. Tuesday was the
        # appointment."), is no topic: a person never is, as in keyword titles.
        ("en_garda_station", "Declan"),
        ("en_son_autism_pathway", "Reuben"),
        # A day said as the matter ("先说上礼拜六那个事", "那天晚上的事") is when, not what.
        ("zh_smart_lock", "礼拜六"),
        ("zh_stamping_finger_injury", "晚上"),
        # A decision that holds none of the memo's main words is a step of its plan, not its topic ("要不要把车卖了"
        # in a memo on old timber, "要不要年底不开了" in one on a taxi fleet).
        ("zh_old_beams", "要不要"),
        ("zh_youxian_taxi", "要不要"),
        # The order of the parts ("捋一捋 我先说说昨儿个到底怎么回事儿", round 356's ablation) and someone called by
        # name ("说两句 桂兰呐 你记住了", round 356's ice games) name no topic.
        ("zh_afib_ablation", "先说说"),
        ("zh_ice_games", "桂兰"),
        # What the speaker says of himself or his talk ("声儿沙沙的说实话", "说真的膝盖", "让我觉得") gives way to the
        # memo's words (木耳, 瓷砖 missed before).
        ("zh_black_fungus", "说实话"),
        ("zh_tile_showroom", "说真的"),
        ("zh_grandpa_sea_birthday", "让我觉得"),
        # A place alone as the matter pointed at ("上海那个事情", "广东那个事情") stands for an offer from there, which
        # the memo's words say (rounds 359-360's drum tower and pedicure).
        ("zh_yangzhou_pedicure", "上海"),
        ("zh_gulou_contract", "广东"),
        # A title of address before a name ("aunty gadija", "auntie gifty") is someone (round 358's burglar bars).
        ("zh_lolita_brand", "摆"),  # "先摆一下今天在展子上遇到的事": the first part's marker, no title
        ("en_burglar_bars", "gadija"),
        ("en_trotro_purchase", "gifty"),
        # Someone's matter ("这个出租屋里卫东哥的事", round 414's copiers) and a noun after "my" ("because my leave
        # almost finish": her leave from work, round 414's helper) name no topic.
        ("zh_copier_refurb", "卫东"),
        ("en_domestic_helper", "Leave"),
        # Hunan 港一遍 (讲一遍) tells: "我先把星期六比赛的事港一遍" is the first part, no title (round 416's rockets).
        ("zh_shuihuojian_team", "星期六"),
        # Rounds 406-441's junk titles: 港 tells as 讲 ("咯样先港港何解" was titled 先港); when the thing pointed
        # at happened ("那个视频是九月份的事") or until when ("这个合同到今年十二月"); someone else's question
        # ("你到底要不要 整个就乱掉"); where the speaker ran back from (刚从绿道上跑回来); his head ("不讲我脑壳里
        # 乱得很"); someone asking again ("回去红梅又问"); how much it comes to ("加模具 差不多一百万的事情"); where
        # he sits ("我坐厨房里 介个事儿"); telling, then who is told ("跟我讲 妈 我不想读了"); an adverb ("can't
        # hardly hold"); someone with her title ("Mrs Hendricks").
        ("zh_asmr_channel", "先港"),
        ("zh_song_copyright", "九月份"),
        ("zh_incinerator_job", "合同到"),
        ("zh_suncake_bakery", "乱掉"),
        ("zh_guide_running", "绿道上跑"),
        ("zh_shaiqiu_return", "脑壳"),
        ("zh_yeguang_cups", "红梅又问"),
        ("zh_rc_crawler", "一百万"),
        ("zh_haitang_yizai", "厨房"),
        ("zh_meifa_xuetu", "讲妈"),
        ("en_tintype_camera", "ardly"),
        ("en_fynbos_gardens", "endricks"),
        # Rounds 451-457: "愿不愿意" is whether she is willing, no thing chosen; a clause that ends on a particle
        # ("我小声点讲个么，这个事体…") names no matter; 俺 (my) is no part of a word ("俺公公").
        ("zh_synchro_team", "愿意"),
        ("zh_shakuhachi_study", "小声"),
        ("zh_nigugu_whistles", "俺"),
        # Round 465's tow truck, round 466's old liquor, round 465's dog bite, round 462's pie and mash: the speaker
        # saying who he is ("我杨建兵 这个事…"), "还有额" (and me, Shaanxi), 王娘娘 (an aunt, Chongqing), "the
        # landlord wants".
        ("zh_tow_truck", "杨建兵"),
        ("zh_laojiu_collection", "额"),
        ("zh_dog_bite", "娘娘"),
        ("en_pie_mash", "wants"),
        ("zh_son_acne", "种"),  # "那种凹洞": a kind of, no part of the word
        # Round 473's 车鼓 troupe and round 474's Israel contract: how old someone is ("先讲一下阿公今年八十一"),
        # this time ("这回这个事儿是我这辈子最大的一个事儿").
        ("zh_chegu_troupe", "今年"),
        ("zh_israel_contract", "这回"),
        # Round 488's daughter at the nunnery: when it was first said ("头一回说这事儿是上个月").
        ("zh_daughter_nunnery", "头一回"),
        # Rounds 521-540: a matter named as what someone said or thought ("站长上午找我谈的那个事", "我想的那个事"),
        # where the speaker records from ("我到阳台上来录 这个事体…").
        ("zh_chaluo_drone", "谈的"),
        ("zh_majiangji_repair", "我想"),
        ("zh_jiaohuaji_shop", "阳台"),
        # Round 561's crew wages: what he does tomorrow ("说两句 明儿一早还得去办事") and the crew asleep
        # ("弟兄们都睡了": people named with 们) name no topic.
        ("zh_crew_wages", "明儿"),
        ("zh_crew_wages", "弟兄"),
        # Round 571's yellow peaches: "理一理 先讲好 我不是一时脑壳发热" makes himself clear, names nothing.
        ("zh_yellow_peach", "讲好"),
        # Round 576's 黏火勺 stall: "我一个人搁厨房 寻思寻思这个事儿" is where he is and that he thinks it over.
        ("zh_nianhuoshao_stall", "厨房"),
        # Round 577's Bib Gourmand shop: the 下 of 下半年 is no 说下 (说一下): "房东…说下半年房租要从九千涨到一万五"
        # is what the landlord said, not the topic.
        ("zh_bibgourmand_shop", "房租"),
        # Round 585's sixareen boat (Shetland): "dey" and "dere" are they and there, no topic.
        ("en_sixareen_build", "Dey"),
        # Round 593's 谢天公 vow: "我先讲去年那件事" is how and when he tells it (先讲, 去年), no topic.
        ("zh_tiangong_ceremony", "去年"),
        # Round 598's Binondo cloth shop: "讲一下啦 我先讲这趟过去" tells the first part after a particle (啦).
        ("zh_binondo_fabric", "先讲"),
        # Round 639's banquet kitchen: "问阿福师还可不可以" asks whether it is all right, no thing chosen (titled
        # "可以"); round 640's wisteria: 弗然 is Suzhou's 不然, what the talk is for ("弗然脑子里一塌糊涂").
        ("zh_banzhuo_zongpu", "可以"),
        ("zh_wisteria_vine", "弗然"),
        # Round 641's wagon inspector: "把段里那个事儿捋一捋" points at the matter where it is (段里, at the depot).
        ("zh_wagon_inspector", "段里"),
        # Round 636's noodle record: "刚从酒店回来" is a cook back from his hotel kitchen, no trip to name.
        ("zh_guinness_noodle", "：酒店"),
        # Round 647's luobuma tea: the northwest's 喧 tells as 讲 does ("先喧一下" was its title).
        ("zh_luobuma_tea", "喧"),
        # Doric words of speech name no topic: jist (just), hunner (hundred), as "just" and "hundred" do not.
        ("en_clydesdale_filly", "Jist"),
        ("en_lonach_march", "unner"),
        # Round 654's war medal: "把爷爷那几样东西的事情说一说" names the things only by how many (titled 几样东西).
        ("zh_balujun_medal", "东西"),
        # Round 659's canoe race: "if you're gonna do this fool thing" rates the matter (as "this mad thing"), and
        # "Fool" was its title.
        ("en_water_safari", "Fool"),
        # Round 663's village master of ceremonies: "刚把李家的事过完" is the Lis' funeral, a household (titled 李家);
        # a dev socks stall: "我赵淑华 今儿五月二十二号" is the speaker (淑华 opened its title).
        ("zh_zongguan_handover", "李家"),
        ("zh_dahutong_stall", "淑华"),
        # Round 662's wall painter: "是接不接得到" asks whether he can get the work, no thing chosen (titled 接得到).
        ("zh_shuaqiang_guanggao", "得到"),
        # Round 669's earthquake station: "就是这个事情省局今年要把…" points at the matter, then runs on into a clause
        # (titled 事情省局).
        ("zh_dizhen_taizhan", "事情"),
        # Round 668's apology to a pupil: Hunan's "当着同学的面港" says it in front of them (港 for 讲; titled 面港…).
        ("zh_apology_visit", "港"),
        # Round 688's cold-region test driver: jieba's dictionary tags the daughter's name 欣怡 as an idiom, not a name
        # (titled "欣怡、吐鲁番和铺子").
        ("zh_hanqu_shiche", "欣怡"),
        # The Black Country's yow (you) and goo (go) name no topic: round 696's narrowboat painting was titled "Rose,
        # yow and delve", a dev fire engine "Catalogue, yow and Pump".
        ("en_roses_castles", "yow"),
        ("en_fire_engine", "yow"),
        ("en_reliant_regal", "goo"),
        # Round 700's nylon webbing: "我在三楼阳台讲 讲完再下去关" (I talk on the balcony, then go down and switch off)
        # is cleaned to 讲讲完再下去关; having told names nothing (titled 完再下去关).
        ("zh_nylon_webbing", "完再"),
        # Round 710's Yunnan opera pupil: "为哪样我要想这个事" (why I think of it) points at the matter with 这个事
        # and says why, the reasons' opening (titled 为哪样我要想).
        ("zh_dianju_tudi", "为哪样"),
        # Bajan "gine" (going to) and "ent" (ain't) are words of grammar: round 714's prep-cook job was titled "Gine,
        # Oistins and boning".
        ("en_prepcook_offer", "Gine"),
        # Round 712's remote job: "first let me talk about the interview itself, how it went … then the money" names
        # the first of the parts she lists, not the topic (titled "Interview itself").
        ("en_remote_offer", "Interview"),
        # Round 715's village museum: "拉着我的手港" (held my hand and said, Hunan 港 for 讲) was titled
        # 手港、药箱和本子; a dev Shanghai barber "伊讲、动迁和弄堂" (伊讲: he says). A pair the dictionary lacks
        # with a verb of telling is someone telling, never the topic.
        ("zh_cunshiguan_jiuju", "手港"),
        ("zh_lane_barber", "伊讲"),
        # Round 716's woad: "so. my hands are still blue." is how things are, no topic said alone (its title).
        ("en_woad_acres", "Hands are"),
        # Having finished names nothing, whatever jieba takes the verb for: round 717's free breakfasts were titled
        # 恰完和肉丝 (Hunan 恰完: eaten), a dev kang painting 窑洞、炕围子和画完.
        ("zh_huanwei_zaocan", "恰完"),
        ("zh_kangwei_painting", "画完"),
        # Round 723's social worker: "right. bout ye phone." greets (Ulster "how are you"), as "hiya phone" does
        # (its title); round 722's father's safe: "说两句 捋一捋 老爷子上个月二十号走的" is how he talks it over, then
        # the next clause (titled 捋一捋老爷子上个月二十号走的八十四).
        ("en_social_worker", "Bout ye"),
        ("zh_father_safe", "捋一捋"),
        # Round 724's Davos English course: 选上 (got picked) beside 选不上 is a verb and where it gets to, and was its
        # title's first word (选上、外宾和选不上).
        ("zh_davos_english", "选上"),
        # Round 730's kantemba stall: "I will not think about this thing properly" points at the matter, named
        # elsewhere (titled "Thing").
        ("en_kantemba_stall", "Thing"),
        # Round 733's Hobart crew: "thinking about this bloody boat thing" swears at the matter (titled "Bloody boat").
        ("en_hobart_crew", "loody"),
        # Round 757's living-museum job: British "proper" says how much ("proper crying", "talked proper Black
        # Country"), and was the third word of its title ("Black Country, beef dripping and proper").
        ("en_museum_demonstrator", "proper"),
        # Round 763's flugelhorn: "mr fernandes" is someone, and the candidate said in the singular ("fernande") too
        # (titled "Fernandes, trumpet and music shop").
        ("en_flugelhorn_purchase", "Fernandes"),
        # Round 767: "an acre per year" ends on "per", no noun ("Conservancy, land and acre per"), and Yorkshire
        # "tha's got thi sparkle back" says you ("Thi and Barnsley Hospice").
        ("en_conservancy_lease", " per"),
        ("en_flash_mob", "Thi "),
        # Round 768's retirement date: 到点儿 (when the time comes) gave the title's third word (育儿嫂、小雪和点儿); a
        # dev recital 一块儿 (together) its first (块儿、嗓子和电台).
        ("zh_yanchi_tuixiu", "点儿"),
        ("zh_langsong_contest", "块儿"),
        # Words that stand for a noun or for someone: "away ones" ("Darlington, banana boxes and away ones"), "Trev
        # come" ("Flatting, Trev come and house"), "Ravi chettan" (Malayalam elder brother), "per lamp".
        ("en_football_programmes", "ones"),
        ("en_widower_flatting", "come"),
        ("en_panchayat_ward", "chettan"),
        ("en_bellmetal_lamps", "per "),
        # "the pros and cons" and "properly" are how a memo weighs, not what about ("Lady, Flight and con", "Properly,
        # Norwich and feelings"); Wu 物事 is 东西, a thing ("物事、钞票账和消防通道").
        ("en_honor_flight", "and con"),
        ("en_partner_job_glasgow", "Properly"),
        ("zh_xiuli_corner", "物事"),
        # "我屋里崽这个事" (Hunan: my son's matter), "我妈的事": who the matter is about, not what.
        ("zh_colorblind_son", "屋里崽"),
        ("zh_waiji_kanhu", "我妈"),
        # "the council surveyor gave us a wee talk about not standing under the big bit": someone's talk, and what
        # not to do, is no named topic (round 790's orangery).
        ("en_orangery_transfer", "Not standing"),
        # "讲到咯个事" (speaking of this matter) names nothing (round 801's whistler).
        ("zh_whistling_contest", "讲到"),
        # Sichuan and Hunan 下子 is "a bit" (试下子, 擦了下子), never the topic ("肖胖子、下子和投影").
        ("zh_private_cinema", "下子"),
        # 肖 is a surname, as 萧 is: 肖胖子, 肖支书 are someone, never the topic.
        ("zh_private_cinema", "肖胖子"),
        ("zh_bletilla_terraces", "肖支书"),
        # "理一理，一个人想越想越乱": how the speaker's head is, not what about (round 803's heat stroke).
        ("zh_heatwave_stoppage", "越"),
        # Appalachian "I'll cipher out the money" is how the memo weighs, not what about (round 803's waiver).
        ("en_caregiver_waiver", "ipher"),
        # jieba cuts 王嬢|嬢 (Sichuan: auntie Wang): the pair is someone when the memo says the whole.
        ("zh_douhua_takeover", "嬢"),
        ("zh_nanbin_cafe", "嬢"),
        # Hunan 爹爹 (grandpa), Gansu 尕娃 (the little one), Minnan 囡仔 (the child) are who, never what (round 805).
        ("zh_peiliao_job", "爹爹"),
        ("zh_river_recovery", "尕娃"),
        # The measure word after a demonstrative goes with it: "把表弟那套房子的事" names 房子, not 套房子 (round 809).
        ("zh_jieming_flat", "套房子"),
        ("zh_bulldozer_purchase", "台推"),
        ("zh_homebuilt_plane", "架飞机"),  # 架, 棵, 匹, 部 count planes, trees, horses and films (round 818)
        ("zh_jiaota_fengqin", "架风琴"),
        # A surname and 总 is the boss addressed so: "厦门那个许总的事情" points at a client, the memo is about making
        # his mooncakes (round 811).
        ("zh_xianbing_oem", "许总"),
        ("zh_jianzhan_dealer", "林总"),
        # "趁我还记得今天的事情": the matter of a day is what happened then, no topic (round 814).
        ("zh_predatory_mites", "今天"),
        ("zh_sanjiaomei_nursery", "今天"),
        ("zh_paocai_tanzi", "今天"),
        # The whys of it are the reasons announced; bro is who he talks to (round 812).
        ("en_water_line", "whys"),
        ("en_manu_champs", "Bro"),
        ("en_beatbox_battle", "Bru"),
    ],
)
def test_dev_memo_title_is_not_who_when_or_a_step(name: str, unsaid: str) -> None:
    _, result = _bench_score(name)
    assert unsaid not in result.title


def test_a_title_named_as_a_matter_ends_at_the_matter_word_and_says_no_when() -> None:
    # "Yati says every time I talk about this korban thing I go round and round in circles" was titled "Korban thing I
    # go round and round in circles"; 56 English dev titles held such a matter word ("Court interpreter thing
    # properly", "The tabla thing", "Pew thing by Friday").
    from memo.structure.title_en import matter_named_en

    assert matter_named_en("Court interpreter thing properly") == "Court interpreter thing"
    assert matter_named_en("The pay thing") == "The pay thing" and matter_named_en("Hot tub") == "Hot tub"
    assert matter_named_en("Ernest's weather station by monday") == "Ernest's weather station"
    assert matter_named_en("King cakes for real this year") == "King cakes"
    _, result = _bench_score("en_korban_share")
    assert result.title == "Korban thing", result.title


def test_a_language_is_what_a_memo_may_be_about_never_someone() -> None:
    # Round 668's Irish course: "it's Irish and I never knew" read Irish as someone ("Hassle, Linfield and Belfast").
    # Of 241 English dev memos saying a language twice or more, 3 titles change, each now naming it.
    _, result = _bench_score("en_learning_irish")
    assert "Irish" in result.title, result.title


def test_a_keyword_title_says_a_name_as_the_speaker_does() -> None:
    # A name of two words keeps both capitals ("San Marcos, Luling and paddle", not "San marcos"); a phrase said
    # with the first capital only keeps that ("Sallah fights").
    from memo.structure.title import _said_capitalised

    text = "we put in at San Marcos at nine. the Sallah fights are next week. the hot tub."
    assert _said_capitalised("san marcos", text) == "San Marcos"
    assert _said_capitalised("sallah fights", text) == "Sallah fights"
    assert _said_capitalised("hot tub", text) == "hot tub"
    _, result = _bench_score("en_water_safari")
    assert "San Marcos" in result.title, result.title


@pytest.mark.parametrize(
    ("name", "expected"),
    # Rounds 484-540: the speaker's named title lacks the word the memo is about ("哏儿不哏儿" of oboe lessons,
    # "火锅店后厨" of the 万州格格 shop): the likeliest topic word leads it. (A foreign carer's "我妈" is who the
    # matter is about, no named title at all: see test_dev_memo_title_is_not_who_when_or_a_step.)
    [("zh_oboe_lessons", "双簧管：哏儿不哏儿"), ("zh_wanzhou_gege", "格格：火锅店后厨")],
)
def test_a_likelier_topic_word_leads_a_named_mandarin_title(name: str, expected: str) -> None:
    _, result = _bench_score(name)
    assert result.title == expected


@pytest.mark.parametrize(
    ("name", "said"),
    # Rounds 552-564: the likeliest word alone was kin (表叔), a name the model took for a word (满仓) or a place (巍山
    # of a 破酥粑粑 shop); the likely words after it name the topic.
    [("zh_anticorrosion_crew", "防腐"), ("zh_veteran_dandong", "丹东"), ("zh_posu_baba", "人民路")],
)
def test_a_mandarin_keyword_title_is_more_than_its_likeliest_word(name: str, said: str) -> None:
    _, result = _bench_score(name)
    assert said in result.title, result.title


def test_a_word_spelt_with_an_apostrophe_may_name_the_topic() -> None:
    # Hawaiian's okina and a sailor's elision are written as apostrophes: round 696's parade rider was titled "Horse,
    # lei and catchment" without "pa'u", said six times; a dev record attempt "Stewards, hats and priority" without
    # its sou'westers. A contraction stays no word (young'uns, y'all, ma'am).
    from memo.structure.topic_words_en import apostrophe_word

    assert apostrophe_word("pa'u") and apostrophe_word("lu'au") and apostrophe_word("sou'wester")
    assert not any(apostrophe_word(w) for w in ("it's", "don't", "young'uns", "y'all", "ma'am", "c'mere", "we've"))
    for name, said in (("en_pau_rider", "Pa'u"), ("en_souwester_record", "Sou'wester")):
        _, result = _bench_score(name)
        assert said in result.title, result.title


def test_a_plural_said_with_v_is_the_same_word_as_its_singular() -> None:
    # "knives" read as "knive" beside "knife": round 712's whittling class was titled "Knives, knife and everbody",
    # and a dev memo about a knife found in a school bag, said as "knife" and "knives", "School".
    from memo.structure.topic_words_en import said_pattern, singular

    assert singular("knives") == "knife" and singular("calves") == "calf" and singular("olives") == "olive"
    assert len(re.findall(said_pattern("knife"), "a knife, two knives, the knifes", re.I)) == 3
    _, result = _bench_score("en_whittling_class")
    assert "knife" not in result.title.lower().replace("knives", ""), result.title
    _, result = _bench_score("en_son_knife_in_bag")
    assert "Knife" in result.title, result.title


def test_a_day_told_first_is_no_title() -> None:
    """"先说夜儿个那个事儿": 先说 says when the matter is told and 夜儿个 is a day; neither is the topic (round
    221's waterproofing crew was titled 先说夜儿个)."""
    from memo.structure.cleanup import lexicon
    from memo.structure.title import make_title

    text = (
    "中 录上了 俺是魏振东 四十三 平鱼的 平舆 驻马店平舆 庙湾镇的 在杭州干防水干了十五年了 今儿个四月"
    "八号 黑了十点多 在临平这个出租屋里 俺表弟在里间打呼噜 打得跟拖拉机样 俺出来阳台上录\n先说夜儿个那"
    "个事儿 邵姐 就是那个 那个小区物业的经理 她自己家卫生间漏 楼下邻居天天上去吵 前头找了三拨人 砸了两"
    "回瓷砖都没弄好 老黄叫俺去 俺蹲那儿看了一晌午 不是 一后晌 最后找着了 是地漏根儿那一圈 原来那人没做"
    "附加层 水顺着管子往下渗 俺给她弄好 闭水试了四十八个钟头 一滴都不漏 邵姐可高兴 非让俺喝茶 喝着喝着"
    "她说 魏师傅 俺们小区十二栋楼 屋面都该翻新了 你要自己干 我直接给你 俺当时手里那茶杯都端不稳了"
    )
    sentences = clean_transcript(transcript_from_text(text, language="zh")).sentences
    title = make_title(sentences, "memo.txt", lexicon("zh"))
    assert "先说" not in title and "夜儿个" not in title


@pytest.mark.parametrize(
    ("language", "text", "keys"),
    [
        # "start with" marks the first part wherever it is said; Jamaican "what happen" is what happened (round
        # 220's ackee contract lost it and a section).
        ("en", "so mek mi start with what happen at the factory Tuesday, then mi run the figures, then why mi even a "
               "consider it, and last what mi a go do next.\nbecause mi have to give Mr Whyte an answer.",
         ("experience", "analysis", "reasons", "plan")),
        # "what it would actually take" is what has to be done: the plan (round 232's flower float went unread).
        ("en", "so. I'm going to tell myself what happened at the parish hall first, because honestly I still don't "
               "believe it. then what it would actually take, the doing of it. then the money and the hours, which is "
               "where it all falls down probably. and then why on earth I would do it at all. alright\nso um last "
               "night.", ("experience", "plan", "analysis", "reasons")),
        # 碰到的事 is what happened, Qinghai 阿门弄 is the plan (round 232's Hoh Xil volunteer went unread).
        ("zh", "那我就按顺序来 先把账算清楚 再说说上个月去格尔木路上碰到的事 然后说我为啥非要去 最后说阿门弄\n"
               "账先算 去可可西里的保护站当志愿者", ("analysis", "experience", "reasons", "plan")),
        # "what i'm gonna do is, first…" says how the memo goes, not its plan part (round 470's lacrosse showcase
        # went unread).
        ("en", "tanya wants an answer by sunday so i'm gonna talk it out. ok so what i'm gonna do is, first just what "
               "happened saturday at the tryout while it's fresh. then why this even matters, for owen and i guess "
               "for me. then the money, which is the ugly part. and then what we're actually gonna do about it\n"
               "so saturday. we left at five thirty", ("experience", "reasons", "analysis", "plan")),
        # Gansu 阿么弄 too (round 465's tow truck read it with 为啥, three parts, and placed 7).
        ("zh", "今天说一下 先说那天晚上乌鞘岭上碰上的事 还有这一阵跟着跑的 然后算算账 再说为啥非要弄这个 最后说阿么弄\n"
               "那天是上个月二十号", ("experience", "analysis", "reasons", "plan")),
        # A part named by a time of day alone is what happened then; 这账 is the money (round 230's guokui shop).
        ("zh", "额先说今儿早上 在王师铺子里 经了些啥 再把这账扒拉一下 然后说说额为啥想弄这 最后说下一步咋弄\n"
               "今儿早上三点五十 额就到了", ("experience", "analysis", "reasons", "plan")),
        # Taiwanese 干嘛那么想… asks why and 再来讲 tells the next part (round 229's qianggu team); 咋走 is the
        # plan (round 231's logistics stake).
        ("zh", "我先讲今天练习发生什么事 然后算一下钱跟时间 再来讲我干嘛那么想爬 最后讲接下来要怎么做 "
               "不然我脑袋超乱的\n今天是在国中后面那个练习用的柱子", ("experience", "analysis", "reasons", "plan")),
        ("zh", "俺这么说吧 头一样 俺为啥动这个心思 第二样 钱上到底划算不划算 第三样 接下来咋走 末了 说说这些年跑车 "
               "心里是个啥滋味\n先说为啥 头一个是身子", ("reasons", "analysis", "plan", "experience")),
        # "the plan is" is the memo's plan, not its plan part (round 62's boat share): the first item follows it.
        ("en", "the plan is I'll tell you about yesterday first, then I'll do the sums properly, then why I actually "
               "want it, and then what I'm going to do before Friday\n\nso yesterday.", None),
        # "do it like she said": "it" points at the memo, it names no part (round 62's framing shop).
        ("en", "I'm going to do it like she said, why I even want the thing in the first place, then whether it "
               "actually stacks up money wise, then what I'm actually doing about it this week, and then how I feel "
               "about it\n\nso why.", ("reasons", "analysis", "plan", "experience")),
        # "咋弄成这样的" asks how it came to this: the reasons, not the plan (round 68's Achilles tendon).
        ("zh", "把这事捋一捋 我先琢磨琢磨 这回到底咋就断了 是咋弄成这样的 然后 做手术还是不做 这笔账得掰扯清楚 "
               "最后嘛 就说说这几天 心里头是个啥滋味\n先说咋断的", ("reasons", "analysis", "experience")),
        # "怎么把它拖成今天这样的" is how it came to this; "后面那几次怎么排" is the plan (round 70's gum cleaning).
        ("zh", "这事我得捋一捋\n我按个顺序来啊 先说说我是怎么把它拖成今天这样的 再算算这个钱怎么花 花得值不值 "
               "然后后面那几次怎么排 最后说说今天躺在那椅子上 是个啥滋味\n先说怎么拖的",
         ("reasons", "analysis", "plan", "experience")),
        # "while they're fresh in my head" says when the sums come, it is no part (round 177's home kill); "what
        # I'd actually need tae dae" (round 175's kilt hire) and "what I'm fixin' to do" (round 176's feed store)
        # are the plan.
        ("en", "I'm gonna do the sums first while they're fresh in my head, then why I even want the bloody thing, "
               "then tell you about Thursday out with Des, and then what I'm actually gonna do about it\n\nthe sums.",
         ("analysis", "reasons", "experience", "plan")),
        ("en", "first what happened at Hamish's the day, then how I'm even thinking about it, the why, then what I'd "
               "actually need tae dae, and the money last\n\nso. Hamish's.",
         ("experience", "reasons", "plan", "analysis")),
        ("en", "first what happened out at email's yesterday, Emil's, Emil Pustejovsky's feed store, then why I can't "
               "quit thinking about it, then the money, which is the ugly part, and then what I'm fixin' to do about "
               "it. ok\n\nso yesterday.",
         ("experience", "reasons", "analysis", "plan")),
        # "I say what happened", "I go through the money": the plan of the memo in the present (round 183's badminton
        # trial lost the money to "the timing").
        ("en", "first I say what happened today at the trial, while still fresh. then I go through the money and the "
               "timing, all the calculation. then why we even doing this. then last what we do next, step by step. "
               "ok\n\nso the trial.", ("experience", "analysis", "reasons", "plan")),
        # Doric: "start wi", "syne" for then, "fit wye" for why, "the siller at the hinner end" for the money last
        # (round 181's fish van: no announcement found).
        ("en", "I'll start wi fit happened the day cos it's still in my heid, then fit wye I'm even thinkin o sellin, "
               "syne fit I'm gaun tae dae aboot it, and the siller at the hinner end cos that's the bit I keep "
               "avoidin\n\nright, the day.", ("experience", "reasons", "plan", "analysis")),
        # "然后说钱": money in one character; Tianjin's "怎么着" is what to do (round 643's Hamburg posting lost its
        # money part and read the plan as a part of the speaker's own).
        ("zh", "我先说经过 就是礼拜二厂里那档子事儿 然后说钱 再说为嘛想去 最后说怎么着\n\n礼拜二早上",
         ("experience", "analysis", "reasons", "plan")),
        # "合计合计划算不划算" reckons whether it pays (合计, 划算): no 计划 is said in it (round 642's tiger-head
        # shoes read it as the plan and "咋弄" as the analysis).
        ("zh", "先说说为甚想接 再合计合计划算不划算 然后说咋弄 最后说说这几天心里头是个甚滋味\n\n先说为甚",
         ("reasons", "analysis", "plan", "experience")),
        # Bajan "den" is then (round 641's mahogany press read three parts and lost "what I gine do").
        ("en", "first what happen Tuesday when de man come, then de money, then why I even studying selling Mummy's "
               "things at all, and den what I gine do. ok\n\nso Tuesday.",
         ("experience", "analysis", "reasons", "plan")),
        # Doric "fit for" is why, "gan tae dee" going to do, "how it's aa sittin wi me" how it sits (round 190's
        # gansey wool shop found three parts, two of them in the speaker's words).
        ("en", "first fit for I'd even think aboot it, then the sums, then fit I'm actually gan tae dee, an last how "
               "it's aa sittin wi me. richt\n\nso fit for.", ("reasons", "analysis", "plan", "experience")),
        # "最后定下来咋弄" is the last part, though 最后定了 is "finally decided" (round 188's tape measures).
        ("zh", "俺把今儿这事 从头捋一遍 先说说今儿个去老孙厂里看机器那事儿 再说说俺为啥想自己干 然后算算账 "
               "最后定下来咋弄\n\n今儿个上午", ("experience", "reasons", "analysis", "plan")),
        # "what has to be done and when" is the plan (round 138's Burns night lost its plan to the sums).
        ("en", "I'll start wi what happened at the hall on saturday, then why I'm even thinking about it, then the "
               "sums, and then what has to be done and when\n\nright.", ("experience", "reasons", "analysis", "plan")),
        # 具体是个啥弄法 is the plan (round 108's huajiao land lost it).
        ("zh", "头一个 为啥动了这个心思 第二个 钱上到底划算不划算 第三 真要回去 具体是个啥弄法 最后 再说说这趟回去 "
               "心里头是个啥感受\n先说为啥", ("reasons", "analysis", "plan", "experience")),
        # "the brass, proper sums" is the money; "the hisaab, gas versus electric…" and "what I'll do, step by step"
        # say one part twice; "what it's aw gonnae cost" is the money and "what I'm daein next" the plan (round 192's
        # deckchairs lost the money part, 194's bakery and Loch Lomond swim put the plan or feelings under others).
        ("en", "so what happened today first, then the brass, proper sums, then why I'm even daft enough to be "
               "thinking about it, then what I'm doing next. right\n\nso today.",
         ("experience", "analysis", "reasons", "plan")),
        ("en", "first why I'm even in this problem, then the hisaab, gas versus electric versus simply selling, then "
               "what I'll actually do, step by step, and last, how it is in my heart\n\nokay so why.",
         ("reasons", "analysis", "plan", "experience")),
        ("en", "Saturday first, what happened, cause I need to get it oot. then the money side, what it's aw gonnae "
               "cost. then the how come, why I'm even daft enough. and then what I'm daein next, the actual "
               "steps\n\nso Saturday.", ("experience", "analysis", "reasons", "plan")),
        # "what I actually gotta do" is the plan (round 196's clam shack took "I'm gonna go like" for it).
        ("en", "so sully wants an answer by thanksgiving. I'm gonna go like, why first, why I even want this thing. "
               "then the money, which is the scary part. then what I actually gotta do and by when. and then "
               "saturday, how saturday went up there\n\nso why.", ("reasons", "analysis", "plan", "experience")),
        # "the rands and cents" are the money; "twenty first September" is a date, no first part (round 203's gumboot
        # troupe lost the money, round 201's carpark farm its whole announcement).
        ("en", "first what happened on Friday because I'm still laughing, then the rands and cents, because that's "
               "where it will die, then why it matters to me, and then what's next\n\nso Friday.",
         ("experience", "analysis", "reasons", "plan")),
        ("en", "this is Wei Ming, Sunday night, twenty first September, no lah, today is twenty second. Huiling say I "
               "must talk it through properly. so ok. first, why I want to do this lah. then count the money and the "
               "risk, properly. then the next steps, what I must do before the tender close. then last, how I feel, "
               "after going up to the site yesterday\n\nso why.", ("reasons", "analysis", "plan", "experience")),
        # "what happened last Raya" holds no last part; "I tell", "I count" lead an item; "what actually happened up
        # there first cos…" is the first part (round 206's Raya kuih and station governess: no announcement found, or
        # three parts).
        ("en", "first I tell what happened last Raya, the whole drama, because I must remember it honestly. then I "
               "count the money properly. after that what I'm going to do for next Raya. and then last, why I even "
               "want to do this\n\nso last Raya.", ("experience", "analysis", "plan", "reasons")),
        ("en", "I have to decide about this governess job by Friday so I'm just gonna talk it through like Mum said. "
               "righto, so I'll tell you what actually happened up there first cos my head's still full of it, then "
               "I'll do the money properly, then why I'd even do it, like really, and then what I'm actually gonna do "
               "and when\n\nso the station.", ("experience", "analysis", "reasons", "plan")),
        # "di money", "de money" are the money in Caribbean speech (round 211's sargassum barrier and 184's maxi taxi
        # lost that part).
        ("en", "first I going tell what happen this week, then why I even studying this barrier business, then what I "
               "going do, and di money I leave fi last cause dat part mek mi head hot\nso what happen.",
         ("experience", "reasons", "plan", "analysis")),
        # Doric: "for I need tae hear that again" says why the order ("for" as because); "fit happens wi the grun
        # noo" is the plan (round 214's farm roup took "fit it aa made" for a part and lost the plan).
        ("en", "I'll start wi fit happened on the day, cause that's fit's in ma heid. then the siller, fit it aa made. "
               "then fit wey we did it at aa, for I need tae hear that again. and then fit happens wi the grun noo\n"
               "so the day.", ("experience", "analysis", "reasons", "plan")),
        # "…in me own head first. whether I take over…" is no first item; "I'll leave the money till last" is the last
        # (round 245's stottie bakery placed 6 of 12).
        ("en", "Paula here, Sunday night, sat in the car outside wor house cause if I gan in Mick'll start and I want "
               "to get it straight in me own head first. whether I take over Charlton's, Uncle Norman's bakery, "
               "when he packs in. so. I'm gonna start with what happened this morning at the shop, then why I'm even "
               "thinking aboot it, then what I'd actually dee if I said yes, and I'll leave the money till last cause "
               "the money frightens the life oot us\n\nso this morning.",
         ("experience", "reasons", "plan", "analysis")),
        # "I'm not gonna talk about this in front of them" announces nothing (round 247's snowbird winters placed 8).
        ("en", "sitting out in the garage 'cause Marlys has her circle ladies over and I'm not gonna talk about this "
               "in front of them\nso I'm gonna do this like a lesson plan, the old way.\nfirst off why we're even "
               "thinking about it.\nthen the dollars and cents, and the what ifs.\nthen what we're actually gonna do "
               "and when.\nand last, how the trip down there went back in February, how it felt\nokay why.",
         ("reasons", "analysis", "plan", "experience")),
        # A word naming the structure with no first part's marker near, and then a story: no announcement (round 251's
        # dinosaur dig placed 1 of 12).
        ("en", "righto it's going. Bron here, Thursday arvo, sitting in the ute. Rob's gone into Winton for parts.\nI "
               "need to get my head straight before I ring the museum back\nso Monday morning, no, Tuesday, it was "
               "Tuesday cause the mail run was late, smoko time near enough, Dave the ringer comes on the UHF from "
               "Bore Eleven and he goes Bron you better come and have a look at this, and he wouldn't say what.\nso "
               "I drive out in the Cruiser, forty k's, and he's standing at the edge of the gully where the wet's cut "
               "the bank right back, and sticking out the side of it there's this thing like an old grey fence post.",
         None),
        # 拿主意 is the plan (round 267's slipped disc read three parts and placed 8); 自己先港一遍 is talking it over,
        # not the first part (round 266's paid audience took 灯光出问题 for one and placed 6); "how I got on at Davy's"
        # is how it went (round 265's trained collie took "this properly for once" for it and placed 7).
        ("zh", "介腰 坐久了不行 我得说说 省得回家跟桂芬又说乱了 头一个 说说今儿个在医院的事儿 "
               "二一个 算算账 三一个 说说为嘛 我琢磨着要做 最后 拿主意 就介么着\n今儿早上 五点多我就",
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "小周下午问我的事 我要明天回他 自己先港一遍 今天录的是个相亲的节目 中间停了两回 灯光出问题 "
               "导演在那里骂人\n咯样 我按顺序来 先港为么子想搞咯个 再算下账 看划不划得来 然后港下接下来么样搞 "
               "最后港下我心里么子滋味 要得\n为么子想搞 第一是钱", ("reasons", "analysis", "plan", "experience")),
        ("en", "so.\nthe dog.\nI'm going to do this properly for once, so first why I'm even at this, then I'll weigh "
               "up the money and whether she's worth it, then what I'm actually going to do, and then how I got on at "
               "Davy's yesterday, because that's the bit I can't stop thinking about\nwhy.\nwell, Nell's thirteen.",
         ("reasons", "analysis", "plan", "experience")),
        # Gansu 阿们弄 is the plan, as Qinghai 阿门弄 (round 274's Great Wall guardian read three parts, placed 8).
        ("zh", "乡上文化站的小马 叫我接老张的长城保护员 自己跟自己喧一喧 先喧为啥想接这个活 再算一算账 划算不划算 "
               "然后说阿们弄 最后说说心里是个啥滋味\n为啥想接 头一个", ("reasons", "analysis", "plan", "experience")),
        # "two bits of four by two" is timber, not two parts (round 365's Sunbeam placed 0 of 12 under two headings
        # taken from the story).
        ("en", "our Roy's Sunbeam. nineteen twenty eight, and it's been stood in his lock up in Ocker Hill for twenty "
               "odd years on two bits of four by two.\nme and Kerry's husband fetched it round on the trailer before "
               "Christmas.\nand when I pulled that sheet off there was the smell of it, old Castrol and mouse muck and "
               "summat like burnt toast, and there's still a luggage label tied on the handlebar.", None),
        # Paying in three parts is instalments, not the memo's parts (round 269's longhouse placed 0 of 12).
        ("en", "the state give grant for the ruai roof and the water tank and the road, but every family pay for "
               "their own bilik.\neighty five thousand per pinto.\npay in three parts, first part thirty thousand end "
               "of August.\nand if you don't pay, your pinto go to somebody else or stay empty.", None),
        # "like the hours and the money and the bodies" are examples of what it'd take, which is then the sums, not
        # the plan that "what I'm actually gonna do" names (round 336's fall supper: no list found, 10 placed).
        ("en", "Father Andriy wants an answer at parish council. so I'm gonna talk it out. first why I'd even do it, "
               "then what it'd actually take, like the hours and the money and the bodies, then what I'm actually "
               "gonna do, and then I guess how I feel about the whole thing. okay\nso why.",
         ("reasons", "analysis", "plan", "experience")),
        # Examples opened by "such as" read as those opened by "like": the money leans the part to the sums.
        ("en", "so I'm gonna talk it out. first why I'd even do it, then what it'd actually take, such as the hours "
               "and the money and the bodies, then what I'm actually gonna do, and then I guess how I feel about the "
               "whole thing. okay\nso why.",
         ("reasons", "analysis", "plan", "experience")),
        # "and the sums at the very end" is the last part, said in a sentence of its own (round 340's timpani: three
        # parts found, the sums ran on under the plan, 6 placed).
        ("en", "so. I'm going to do it like a lesson plan. first what happened down in Greenock on Saturday. then why "
               "I'm even thinking about it. then what I'll actually do this week. and the sums at the very end, "
               "because I know fine the sums will depress me\n\nso, um, Saturday.",
         ("experience", "reasons", "plan", "analysis")),
        # Sichuan 摆 tells, as 讲 ("先摆一下今天回去看婆婆的情况": round 366's hundredth birthday lost its first part
        # and placed 8); "好处坏处摆一摆" weighs.
        ("zh", "婆婆满一百岁办寿宴的事 我今天理一哈 先摆一下今天回去看婆婆的情况 再说为啥子要办 然后算钱 最后说咋个整 "
               "要不然脑壳里头一锅粥\n今天礼拜天 我开车带小宇回西充老屋",
         ("experience", "reasons", "analysis", "plan")),
        # A day alone as a part's name ("先说说昨儿个 到底怎么回事儿") is what happened then (round 356's ablation read
        # three parts and lost a section).
        ("zh", "我一宿没怎么睡 干脆对着手机说说 捋一捋 我先说说昨儿个 到底怎么回事儿 从公园到医院 然后算算账 "
               "再说说我为嘛 心里头七上八下的 最后定下来 下礼拜怎么办 就介么着\n昨儿个早上 礼拜二 不对 礼拜三",
         ("experience", "analysis", "reasons", "plan")),
        # 掰扯掰扯 weighs it; 心里啥味儿 is how it feels (round 177's honeysuckle).
        ("zh", "头一个 说说为啥动这心思 第二个 掰扯掰扯 这钱划算不划算 第三个 说说接下来咋弄 "
               "最后 再说说这一阵子 心里啥味儿\n先说为啥", ("reasons", "analysis", "plan", "experience")),
        # Mandarin parts named in regional words: 咋回事 / 出的那档子事 / 遇着啥了 are what happened, 图个啥 / 为咩 the
        # reasons, 盘盘账 / 把这钱掰扯 the sums, 咋个过法 / 要干的事 the plan; "再把这两天的事从头捋一遍" tells
        # these days (rounds 504-520 left them the speaker's own parts, or read three of four).
        ("zh", "先说说今儿个大集上咋回事 然后算算账 再说我到底图个啥 最后说说往下咋整\n今儿个",
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "先讲几暝做茶是咩情况 然后盘盘账 再讲为咩我想返来 最后讲接下来点做\n几暝",
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "我先把怎么弄说在前头 省得明天一看她掉眼泪 我又心软了 然后再把这两天的事从头捋一遍 再想想这孩子到底图啥 "
               "最后掂量掂量 我这么弄到底对不对\n怎么弄 第一", ("plan", "experience", "reasons", "analysis")),
        ("zh", "我这样 昨天的事情先从头过一遍 再坐下来算笔账 然后回过头想想 我当初到底图的啥 非要接这个德国的单子 "
               "最后把这个月要干的事排一排 好 就这么来\n昨天", ("experience", "analysis", "reasons", "plan")),
        # "what it could cost me" weighs it up (round 522's character reference read "the whole story from Friday",
        # the first part said again, as the analysis: 6 placed).
        ("en", "I'm gonna do this in order or I'll go round in circles. first what happened, the whole story from "
               "Friday. then why I'd even stick me neck out for him. then what it could cost me, the risks. and then "
               "what I'm actually gonna do. ok\nso Friday.", ("experience", "reasons", "analysis", "plan")),
        # "tell it how it happened first" (the story, told: Appalachian "tell it"), "cipher out the money" (work out
        # the sums): round 520's sassafras roots found no announcement and placed 11.
        ("en", "I've got to study this sassafras business out before Travis calls me Wednesday\nI'm going to tell it "
               "how it happened first, the market yesterday, then I'll cipher out the money, then why I'm even "
               "studyin about it, and then what I aim to do. that's the way my head works best\nso yesterday was the "
               "first Saturday market of the year", ("experience", "analysis", "reasons", "plan")),
        # "the way it happened" is the story, "how I'd even think about selling it" why (round 564's Mackintosh chair
        # found no announcement and placed 7); 经了些啥 / 经历了什么 is what he went through (round 564's 煮饼
        # workshop read three parts of four and placed 5).
        ("en", "so I'm going to tell it the way it happened today first, at the garage, cause my head's spinning. "
               "then how I'd even think about selling the van. then the money, properly. and then what I'm doing "
               "next\ntoday. our Kieran drove me over", ("experience", "reasons", "analysis", "plan")),
        ("zh", "我先把这几天经了些啥说说 然后算算账 再说为甚想接这摊子 最后定一下往后咋弄\n这一礼拜",
         ("experience", "analysis", "reasons", "plan")),
        ("zh", "先讲讲这个月经历了什么 再讲为什么想换 然后算一下钱 最后说下一步\n这个月",
         ("experience", "reasons", "analysis", "plan")),
        # Rounds 566-568 and earlier: "an last" (Doric "and": round 566's stone circle lost its last part and placed
        # 7); a part put last ("账放最后算", "账嘛 放到最后": three memos found no last part, or no list); 今个 is today
        # and 谝一谝 tells (Shaanxi, four memos lost their first part).
        ("en", "so I'll dae it in order. first, fit wye I'd even think aboot it. syne the sums. syne fit I'm actually "
               "gan tae dae. an last, foo it felt up at the hill the day. richt\nfit wye. weel",
         ("reasons", "analysis", "plan", "experience")),
        ("zh", "先把今个在塘里头的事说说 再说我为什么想接 然后说说怎么弄 账放最后算 这样心里能清楚点\n今个下午",
         ("experience", "reasons", "plan", "analysis")),
        ("zh", "额先把今儿个在县上的事谝一谝 然后说额为啥想揽这个活 再说下一步咋弄 账嘛 放到最后 额一笔一笔再算"
               "\n今儿个的事",
         ("experience", "reasons", "plan", "analysis")),
        # Sichuan 遭的事 is what befell them, 拿个方案出来 the plan (round 561's team outing found no announcement).
        ("zh", "我先摆一哈去年那个团建遭的事 然后算账 再想清楚为啥子要搞 最后拿个方案出来 要得\n去年",
         ("experience", "analysis", "reasons", "plan")),
        # "我咋就动了这心思" (how the thought came) is why, "能不能挣着钱" weighs it (round 576's 黏火勺 stall found no
        # announcement).
        ("zh", "咱一样一样来啊 头一个 我咋就动了这心思 第二个 这买卖到底能不能挣着钱 我给它掰扯明白 第三个 往后我咋干 "
               "最后再唠唠 这礼拜我试着做那几回 是个啥情况\n头一个", ("reasons", "analysis", "plan", "experience")),
        # "what's got to be done", "what I've gotta actually do" (the plan) and "what those six weeks out there were
        # actually like" (how it went): round 590's sou'wester record placed 4, 592's debutante ball 6.
        ("en", "I'll do it like this. the money first, because that's what's got me up. then what happened at the "
               "meeting Tuesday, and the wharf Saturday. then why we're at this at all. and then what's got to be "
               "done and by when. right\nso the money.", ("analysis", "experience", "reasons", "plan")),
        ("en", "so I'm gonna do this in order. first what happened at the info night last night, then the sums, cause "
               "there's a lot of them, then why I'm even thinking about it, and then what I've gotta actually do and "
               "by when\nso the info night.", ("experience", "analysis", "reasons", "plan")),
        ("en", "I'll do it like this. why we'd even think about going in the first place, then the sums and the "
               "downsides, the bits that worry me, then what's got to be done if we go, the jobs list, and then I want "
               "to say something about what those six weeks out there were actually like. right\nwhy. well",
         ("reasons", "analysis", "plan", "experience")),
        # "心里头是个啥味儿" is how it felt (round 584's 贾湖 bone flutes read three parts of four and placed 7).
        ("zh", "头一个 我为啥动了这心思 第二个 掂量掂量利和弊 钱上划算不划算 第三个 下一步咋弄 最后 说说这一阵心里头"
               "是个啥味儿\n先说为啥", ("reasons", "analysis", "plan", "experience")),
        # "what's happened" is the story (round 600's cherry tree took "what the vet said" for it and placed 7); a
        # sentence on "and the last one, …" goes on with the list (round 603's pomo shed ended the list before it,
        # and took "all the wahala inside it", said of the money, for the story: placed 8).
        ("en", "i'll go in order. first what the vet said on friday, the money and that. then i'll say what's happened "
               "wi that horse, over the years. then why it matters. and then what i'm gonna do about it\nso the vet",
         ("analysis", "experience", "reasons", "plan")),
        ("en", "let me take it one by one. first, why I even want this at all. then the money, the figures, and all "
               "the trouble inside it. then what I will do next. and the last one, how I feel, because my mind is "
               "not settled\nso why", ("reasons", "analysis", "plan", "experience")),
        # Texan "what all I gotta do" is the plan (round 573's wedding officiant read three parts and placed 6).
        ("en", "first what went down last night, cause I'm still kinda rattled. then the money end of it, time and "
               "money. then why I'd even do it. and then what all I gotta do if I'm doin it. ok\nso last night",
         ("experience", "analysis", "reasons", "plan")),
        # Parts each opened by "then" or "last": the items after a part's first say more of it, and the one part
        # that names no section is the missing one's, even the last (round 613's mesquite took "what it'll run me"
        # for the story, 614's kebaya "I weigh it" for the plan: placed 7 and 9).
        ("en", "first off why I'm even thinking on this, then the money, what it'll cost me and what might come back, "
               "then what I'm fixing to do, and then how it was out at the farm this morning, cause that's what got "
               "me going\nso why", ("reasons", "analysis", "plan", "experience")),
        ("en", "first, why I even want to take over the stall.\nthen I weigh it, pros and cons, the dollars and cents."
               "\nthen step by step what I will actually do.\nand last how I feel lah, after Sunday\nso why",
         ("reasons", "analysis", "plan", "experience")),
        # "first i will talk about what happened…": a word that names a list (talk about) inside the first part is
        # that part's, and the list begins at "first" (round 629's Ojude Oba lost its first part and took the story's
        # first line, "saturday morning seven o'clock", for the last: placed 5).
        ("en", "let me arrange my head. first i will talk about what happened at the market yesterday because that is "
               "what is shaking me.\nthen the money matter, because wahala dey there.\nthen why i want this thing at "
               "all.\nthen what i go do, this week and after\nso yesterday.\nsaturday morning seven o'clock, the "
               "market behind the stadium.", ("experience", "analysis", "reasons", "plan")),
        # Sichuan 摆 tells: "先摆今天开会的情况" opens the first part (round 838's P2P payout read three parts and
        # placed 8).
        ("zh", "先摆今天开会的情况 再算账 然后说我为啥子一直拖起 最后说咋个办 不然脑壳头一锅粥\n今天上午去开会",
         ("experience", "analysis", "reasons", "plan")),
    ],
)
def test_an_announcement_read_as_the_speaker_means_it(language: str, text: str, keys) -> None:
    from memo.structure.announce import find_announcement

    found = find_announcement(text, load_template("default"), language)
    if keys is None:  # no part is named "plan" by "the plan is"
        assert found is None or found.items[0].lower() == "yesterday" and found.template.sections[0].key == "experience"
        return
    assert tuple(s.key for s in found.template.sections)[: len(keys)] == keys


def test_a_part_opens_at_its_signpost_in_any_of_the_words_it_was_announced_with() -> None:
    """"then the figuring, what it'll cost and what all could go wrong": the part is named by "what it'll cost", and
    "alright, the figuring." opens it too (round 189's apple butter started its money one sentence late, at "apples
    first", and left its signpost under the reasons)."""
    from memo.structure.offline import plan_outline

    text = ("I got to decide about the apple butter. first why I'd even want to fool with it, then the figuring, what "
            "it'll cost and what all could go wrong, then what I aim to do and when, and last how it sets with me\n\n"
            "so why. Opal run that stir at Little Zion for thirty one years. she said don't you let that stir die. "
            "second reason is the church roof, the stir made twenty four hundred dollars last year.\n\n"
            "alright, the figuring. apples first, twenty bushel at twenty two dollars is four hundred and forty. sugar "
            "is seventy five dollars. jars, thirty dozen, that's four hundred and twenty. so near about a thousand "
            "dollars before we sell a pint.\n\n"
            "the kettle has a split seam. a new one is twelve hundred dollars. and what could go wrong. I'm seventy "
            "one and the smoke gets in my chest. if it rains the whole thing is off.\n\n"
            "so what I aim to do. I'll carry the kettle to Delmer to get it fixed. I'll order the apples next week. "
            "I'll ask Kaylee to help.\n\n"
            "how it sets with me now. I'm scared I'll ruin it. but I feel her with me when I stir.")
    plan = plan_outline(transcript_from_text(text, language="en"), load_template("default"))
    opening = {s.spec.key: plan.sentences[s.start].text for s in plan.sections}
    assert opening == {"reasons": "So why.", "analysis": "Alright, the figuring.", "plan": "So what I aim to do.",
                       "experience": "How it sets with me now."}


def test_an_item_that_starts_with_this_and_a_noun_is_a_part() -> None:
    """"I'll start with this morning": "this" is a determiner here, not the memo (round 73's cavity walls had lost its
    first part, and its money went under how it went)."""
    from memo.structure.announce import find_announcement

    text = ("it's about the cavity wall insulation, the bloke came this morning. so I'll start with this morning "
            "because my head's still spinning from it, then the numbers he gave us, the money side of it, then why "
            "we're even looking at it in the first place, and then what I'm going to do about it. in that order or "
            "I'll wander off\n\nso this morning.")
    found = find_announcement(text, load_template("default"), "en")
    keys = dict(zip(found.items, (x.key for x in found.template.sections), strict=False)) if found else {}
    assert keys.get("the money side of it", "analysis") == "analysis"


def test_a_list_said_after_in_order_keeps_its_first_part() -> None:
    # "in order, like, why…": the filler goes with its commas, and the first part must not go with them.
    text = ("so this is the loft. I'm going to do it in order, like, why we want it, then the pros and cons and all "
            "the money stuff, then what happens next, and then how it's all been so far. right\n"
            "so why. the girls share a bedroom and Maya has exams. my mum might need to stay.\n"
            "the money. the loft is forty eight thousand and moving costs ninety.\n"
            "what happens next. we see the builder on Thursday and start in September.\n"
            "how it's been. the first builder never turned up and the girls argue about the loft.\n")
    result = outline(transcript_from_text(text, language="en"), engine="offline")
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    assert "exams" in " ".join(p.text for p in result.sections[0].points)


def test_a_paragraph_opening_on_a_parts_name_goes_to_that_part() -> None:
    # No announcement, few cue words: "What we'd actually do." / "The money though." say what each paragraph is.
    text = ("Why we even did this.\nThe car sat on the drive six days out of seven. My daughter asked about the air. "
            "The insurance letter came.\nWhat we'd actually do.\nSell the car on the weekend. Join the car club on "
            "Berkeley Road. Look again at Christmas.\nThe money though.\nInsurance is five hundred and forty, tax a "
            "hundred and ninety. The bus ticket is seventy a month.\nHow it's gone.\nThe first Monday the bus never "
            "came. After that I read two books on it. Parking stopped being a thing.\n")
    result = outline(transcript_from_text(text, language="en"), engine="offline")
    where = {s.key: " ".join(p.text for p in s.points) for s in result.sections}
    assert "drive" in where["reasons"] and "weekend" in where["plan"]
    assert "seventy" in where["analysis"] and "Monday" in where["experience"]


SIGNPOSTED_LATE = (
    "How it's actually been.\nThe first market in May I was so nervous I spilled the float. By noon the queue was "
    "gone and an old man with a terrier bought two jars. Now he comes every week.\n"
    "The numbers.\nA Saturday takes about three hundred and the pitch is forty. The jars cost ninety a month.\n"
    "So what I'm going to do.\nI'm dropping the Sunday pitch from June. I'm booking two weeks off in August to try "
    "weekdays. In September we sit down and decide.\n"
    "Why I'm even doing this.\nMy grandmother made jam in Ludlow for forty years. I went into insurance instead and "
    "answered phones in a room with no window. Last winter they cut half the team on a Friday afternoon. Something of "
    "my own, outdoors, that nobody can cut.\n"
)


def test_a_signposted_paragraph_keeps_its_part_late_in_the_memo() -> None:
    # "Why I'm even doing this." comes last and its paragraph names no reason in so many words: the signpost says
    # what the paragraph is, against the template's order (reasons usually come first).
    result = outline(transcript_from_text(SIGNPOSTED_LATE, language="en"), engine="offline")
    where = {s.key: " ".join(p.text for p in s.points) for s in result.sections}
    assert "no window" in where["reasons"] and "Ludlow" not in where["plan"] + where["experience"], where
    assert "June" in where["plan"] and "terrier" in where["experience"], where


RED_DOT = (
    "Right. Aye the wee red dot. It's Moira, Wednesday night, about nine, Sandy's away with the lorry till Friday.\n"
    "So the chip van. Big Tam wants twelve thousand for it, the van, the fryers and the pitch at the harbour. "
    "I've eight in the credit union and my brother says he'd lend me the rest. The fryers are nearly new, he put "
    "them in two year ago. The pitch is the thing, there's a waiting list for the harbour and the council only "
    "renews it every three years. Summer's busy with the ferry folk but winter he says is dead, two nights a week.\n"
    "The reason is the hotel. They've cut me to three shifts and I'm fifty two, nobody's hiring a fifty two year "
    "old chambermaid.\n"
    "I'm going to see the bank on Monday and I'll ask Tam for his books before I say a word.\n"
    "I stood at that van on Saturday and the smell took me right back to my da's shop, I nearly greeted.\n"
)


def test_what_is_said_of_the_phone_recording_is_no_point_and_no_label() -> None:
    # "Aye the wee red dot.", "It's going.", "Recording already." say the phone is on: 64 of the 623 sampled English
    # dev outlines had such a label ("It's going: this is Carol, Saturday, September the twenty first…").
    from memo.structure.asides import recording_talk

    result = outline(transcript_from_text(RED_DOT, language="en"), engine="offline")
    bullets = [p.text for s in result.sections for p in s.points]
    assert not any("red dot" in b.lower() for b in bullets), bullets
    assert all(recording_talk(s, False) for s in ("It's going.", "Recording already.", "Is this on?",
                                                  "Aye there's the peerie red dot.", "yeah the little timer's going."))
    assert not recording_talk("The clock is ticking on the offer.", False)
    # Who is talking and when, said alone as the memo starts ("Marie here, Sunday night, twenty third of
    # February.", a plan bullet of the sampled dev memo en_bird_ringing), is no point at all.
    memo = ("Okay. Marie here, Sunday night, twenty third of February. Bertie's away at the darts.\n"
            + RED_DOT.split("\n", 1)[1])
    result = outline(transcript_from_text(memo, language="en"), engine="offline")
    assert not any("Marie" in p.text for s in result.sections for p in s.points), result.sections
    assert not recording_talk("It's going to rain.", False) and recording_talk("录上了没有", True)
    # Belize Kriol says both its own way: "it di record. this da Roy, Elroy Tillett, Crooked Tree, Thursday night the
    # twentieth, …" was round 757's hicatee pond's first plan bullet ("It di record: this da Roy, …").
    assert recording_talk("it di record.", False) and not recording_talk("it di record the lagoon", False)
    result = outline(transcript_from_text(
        "alright. it di record. this da Roy, Crooked Tree, Thursday night the twentieth, Gloria gone to bed.\n"
        + RED_DOT.split("\n", 1)[1], language="en"), engine="offline")
    assert not any("Roy" in p.text or "record" in p.text for s in result.sections for p in s.points), result.sections
    # Who and when said with a surname in lower case ("ronnie combs, sunday evening…", round 682's dry county),
    # when said first ("Thursday night, almost eleven, Ajit is watching the cricket…", 683's navjote), and where he
    # sits ("i'm in the back of the store with the door locked…") are the scene too, as the memo starts only.
    import dataclasses

    from memo.structure.asides import introduction_weight

    opening = clean_transcript(transcript_from_text(
        "Alright. ronnie combs, sunday evening, first sunday in december. Thursday night, almost eleven, Ajit is "
        "watching the cricket highlights and Zeni is finally sleeping. i'm in the back of the store with the door "
        "locked and the heater going, the lights off out front so nobody thinks we're open and comes knocking.",
        language="en")).sentences
    assert [introduction_weight(s.text, s, False) for s in opening] == [1.0, 0.0, 0.3, 0.3]
    later = dataclasses.replace(opening[2], segments=(9,))
    assert introduction_weight(later.text, later, False) == 1.0
    # ... nor where the speaker sits as he records ("I'm out here in the porch with my coffee.", round 681's aspen
    # woodlot), also after the phone's own sentences ("Ok. Is it. Yep it's going.") took the memo's first three.
    memo = ("Ok. Is it. Yep it's going. So this is Linda, it's Sunday night the ninth. I'm out here in the porch "
            "with my coffee.\n" + RED_DOT.split("\n", 1)[1])
    result = outline(transcript_from_text(memo, language="en"), engine="offline")
    assert not any("Linda" in p.text or "porch" in p.text for s in result.sections for p in s.points), result.sections


def test_the_speaker_saying_he_talks_it_out_is_no_point() -> None:
    # "I'm going to talk it out before I go in to the kids" (round 654's whiplash claim, a plan bullet) says how the
    # memo is made: 52 such bullets of the 578 English dev memos saying so. Talking it over with someone is a plan.
    said = "I'm sat in the van with the letter and I'm going to talk it out before I go in to the kids."
    memo = RED_DOT.replace("Sandy's away with the lorry till Friday.", said)
    result = outline(transcript_from_text(memo, language="en"), engine="offline")
    bullets = [p.text for s in result.sections for p in s.points]
    assert not any("talk it out" in b for b in bullets), bullets
    from memo.structure.asides import talking_it_through

    assert talking_it_through("Troy reckons I should talk it through properly.", False)
    assert talking_it_through("Crystal said quit stewin on it and talk it out, so here I am.", False)
    assert not talking_it_through("I'll talk it through with Dean when he's home.", False)
    assert not talking_it_through("After church we going talk it through properly, him and me.", False)
    # Round 739's kigango post had "let me talk this thing alone…" as a reason; "this thing" is the matter talked out.
    assert talking_it_through("let me talk this thing alone because when I talk it with people everybody pulls", False)
    assert talking_it_through("so mek mi just talk this thing out because it going round and round", False)
    # Round 767's conservancy lease had it as a reason, Kenyan English: "talk this thing of the conservancy alone".
    assert talking_it_through("I want to talk this thing of the conservancy alone before Friday", False)


def test_mandarin_parts_go_where_their_content_belongs_without_an_announcement(tmp_path: Path) -> None:
    # Said out of the template's order (how it went, the plan, why, the analysis), one paragraph each; the words
    # that carry each part are everyday ones (心情 / 打算 / 因为 / 问题在于), not headings.
    path = tmp_path / "fitness.txt"
    path.write_text(
        "这两个月下来心情好了很多。那段时间我发现自己不焦虑了，挺轻松的。\n"
        "接下来我打算每周去三次健身房。准备报一个游泳班，以后周末也要坚持。\n"
        "我怎么就走到这一步了，由于去年体检查出来脂肪肝。导致我一直很担心，晚上都睡不好。\n"
        "其实问题在于我吃得太多。说白了运动只是一半，对比一下饮食的影响更大。\n",
        encoding="utf-8",
    )
    from memo.structure.offline import plan_outline

    plan = plan_outline(load_transcript(path), load_template("default"))
    said = {s.spec.key: "".join(plan.sentences[i].text for i in s.sentence_ids) for s in plan.sections}
    assert "轻松" in said["experience"] and "每周去三次" in said["plan"], said
    assert "脂肪肝" in said["reasons"] and "问题在于" in said["analysis"], said


def test_mandarin_title_is_the_main_word_when_the_topic_is_never_named() -> None:
    from memo.structure.cleanup import lexicon
    from memo.structure.title import make_title

    def title(text: str) -> str:
        return make_title(clean_transcript(transcript_from_text(text, language="zh")).sentences, "m.txt", lexicon("zh"))

    # One word runs through the memo: it alone is the title, never a numeral or a time word beside it (十二, 下午).
    text = ("今天第十二天没喝咖啡 下午特别困 以前每天下午三杯咖啡 咖啡是我的习惯 十二点以后不喝咖啡 "
            "下午就去走一圈 周末偶尔喝一杯咖啡 现在下午也不困了 咖啡的钱也省了")
    assert title(text) == "咖啡"
    # jieba cuts a word it lacks (羊肚|菌): the title says it whole, as the speaker does (round 74's morel memo).
    text = ("今年冬天太暖和 棚里的羊肚菌全完了 羊肚菌出菇的时候温度一高就烂 "
            "去年羊肚菌卖了四万 今年羊肚菌菌种钱都没回来 我得想想明年还种不种羊肚菌 隔壁老李说羊肚菌得搭冷棚")
    assert title(text) == "羊肚菌"
    # What the speaker says about the matter ("我在讲…的事", "其实这个事情不全是…") is not its name.
    assert "我在讲" not in title("我在讲我们公司的事 公司换了领导 公司绩效很差 领导不管 公司要裁员 领导说没办法")
    # "讲一讲 讲完…" is a verb said the Mandarin way and what follows it, no topic named (round 667's sea fishing).
    assert "心里" not in title("我想一个人讲一讲 讲完心里会比较清楚 这条渔船是我阿爸留下来的 渔船老了 "
                               "渔船一年修两回 现在出海打鱼亏钱 渔船改装去做海钓 海钓客人多")


def test_meta_talk_about_rambling_is_no_point() -> None:
    _, result = _bench_score("zh_remote_year")
    texts = [p.text for s in result.sections for p in s.points]
    assert not any("想到哪说到哪" in t for t in texts), texts


def test_talking_it_through_into_the_phone_is_no_point() -> None:
    # "I need to talk this through before Tuesday" is the recording's preface (dev memo en_drum_major lost a reason
    # to it); "we'll talk it through with Dean when he's home" is a plan, and stays a point.
    from memo.structure.lexicon import lexicon

    meta = lexicon("en").meta
    said = ("i need to talk this through before tuesday", "mummy just talk it out and listen back",
            "so i'm going to talk this out because my head is full", "i'll talk it out into the phone")
    assert all(any(m in s for m in meta) for s in said)
    assert not any(m in "so we'll talk it through with dean when he's home on the fourteenth" for m in meta)
    _, result = _bench_score("en_drum_major")
    texts = [p.text.lower() for s in result.sections for p in s.points]
    assert not any("talk this through" in t for t in texts), texts


def test_talking_to_the_phone_is_no_point() -> None:
    # "I'm gonna talk to this thing instead because I can't get the pen to move" says how the memo is made (round
    # 626's Troubles payment took it for its plan); "I sent the photos to my phone" says nothing of the memo.
    _, result = _bench_score("en_troubles_payment")
    texts = [p.text.lower() for s in result.sections for p in s.points]
    assert not any("talk to this thing" in t for t in texts), texts
    from memo.structure.lexicon import lexicon

    meta = lexicon("en").meta
    assert not any(m in "i sent the photos to my phone and talked to the man" for m in meta)


def test_an_opening_about_what_changed_goes_to_how_it_went() -> None:
    # A memo that starts with how the year went (变了 / 现在 / 这一年: change, not cause) keeps that opening out
    # of the first section, though the position prior pulls a memo's start there (dev memo zh_cat_year).
    score, result = _bench_score("zh_cat_year")
    experience = next(s for s in result.sections if s.key == "experience")
    said = "".join(p.text for p in experience.points)
    assert "下班" in said, said
    assert score.placed >= 9 and score.covered >= 11, score.missed


def test_a_part_named_after_the_word_that_turns_to_it() -> None:
    # "So what I'm doing." / "ok the money." start the plan and the sums (round 31's metal-detecting memo).
    sections = {spec.key: spec for spec in load_template("default").sections}
    assert sections["plan"].named_by_form("So what I'm doing.")
    assert sections["analysis"].named_by_form("ok the money.")
    assert not sections["plan"].named_by_form("So the money.")
    assert sections["analysis"].named_by_form("好处坏处都摆到桌面上")  # 好 of 好处 is no "好," that turns


def test_a_verb_of_telling_on_the_parts_words_opens_it() -> None:
    # "完了说账 前两天…" opens the part announced as "这笔账到底咋算", though the pause after 说账 was lost; a
    # second reason ("第二个 我爹…") or another subject ("再说我…") opens nothing.
    from memo.structure.offline import _says_part

    assert _says_part("完了说账前两天，我跟桂芝在东坡那块试挖了十平米", "这笔账到底咋算", True)
    assert not _says_part("第二个我爹今年八十一了身子骨一年不如一年", "这笔账到底咋算", True)
    assert not _says_part("再说我自己，这两年腰不行了", "这笔账到底咋算", True)


def test_bench_show_runs_only_the_memos_it_shows(capsys: pytest.CaptureFixture) -> None:
    # `--dev --show NAME` (the README's command) scored all 4000 memos before printing one.
    rc = _bench_module().main(["--dev", "--show", "en_archery_club"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "| en_archery_club | dev |" in out and "**dev total** (1 memos)" in out


def test_a_paragraph_the_speaker_breaks_off_into_is_no_point() -> None:
    # "Sorry, that's the car alarm on the Robsons' van again." opens a paragraph said aside (dev memo en_head_shave
    # gave it as a reason); "Sorry to say the roof needs doing" is what he says, and stays.
    _, result = _bench_score("en_head_shave")
    texts = [p.text.lower() for s in result.sections for p in s.points]
    assert not any("car alarm" in t for t in texts), texts
    from memo.structure.asides import asides

    def said_aside(text: str) -> list[str]:
        sentences = clean_transcript(transcript_from_text(text, language="en")).sentences
        return [s.text for i, s in enumerate(sentences) if i in asides(sentences, zh=False)]

    assert said_aside("The roof is leaking again.\n\nSorry, that's the dog at the door. He wants his tea.\n\nSorry "
                      "to say the roof needs doing this year.") == ["Sorry, that's the dog at the door.",
                                                                    "He wants his tea."]
    # A noise come again opens an aside too (round 641's knitting club gave "That's the yowe again at the gate: …"
    # and "She's no being murdered: …" as experience); the yowe said otherwise is no aside.
    assert said_aside("The club starts in October.\n\nThat's the yowe again at the gate. She roars every night.\n\n"
                      "The yowe I sold again last year was the best.") == ["That's the yowe again at the gate.",
                                                                           "She roars every night."]
    # ... and after a word alone (round 678's church split gave "There's that bear again: …" as a reason), unless
    # that word opens the memo ("Okay. Sorry, I'm Kari, it's Sunday…").
    assert said_aside("Okay. Sorry, this is Kari, it's Sunday. The church is splitting.\n\nLord. There's that bear "
                      "again. He's in the trash.\n\nThe pews stay.") == ["Lord.", "There's that bear again.",
                                                                           "He's in the trash."]
    # The Upper Midwest's "ope" opens one as "sorry" does (round 681's aspen woodlot gave the dog's smell as a
    # reason); "open" does not.
    assert said_aside("The popple is sixty years old.\n\nOpe, that's the dog wanting in. He got into something "
                      "dead.\n\nOpen the gate for the logger.") == ["Ope, that's the dog wanting in.",
                                                                      "He got into something dead."]
    # "Hold on" opens one as "hang on" does (round 697's refinery job gave "Hold on there's a nutria setting right on
    # the bank" as a plan); said inside a sum ("forty two is, hold on, eighteen hundred") it opens nothing.
    assert said_aside("The boat needs a motor.\n\nHold on, there's a nutria on the bank. Big old thing.\n\nForty "
                      "times two is, hold on, eighty.") == ["Hold on, there's a nutria on the bank.", "Big old thing."]


def test_a_sentence_opening_with_any_ordinal_is_outlined() -> None:
    # "第七条 授权范围那块 看完再说": a contract's article seven opening a sentence crashed the placement of a numbered
    # list's items, which knew the ordinals up to five (round 823's voice licence: KeyError '七').
    text = ("这个授权合同 我想了一个礼拜 要不要签。为啥想签呢 孙女在英国读书 学费一年要三十万。"
            "我这把年纪了 配了一辈子音 嗓子就是我的饭碗。人家公司给五万块 买我十年的声音。"
            "我让小崔帮我看看合同 他是律师。第七条 授权范围那块 看完再说。第八条是违约金 写得不清楚。"
            "我徒弟还在配音 他说这个东西一出来 他们就没饭吃了。我心里也不好受 晚上睡不着。"
            "下礼拜一我去公司 把第七条改了再签。签之前还得问问老伴的意思。")
    result = outline(transcript_from_text(text, language="zh"), engine="offline")
    assert any("授权范围" in p.text for s in result.sections for p in s.points)
