"""The llm outline engine: against a real llama.cpp server (SmolLM2-135M), against scripted servers for what a
real model cannot be made to do on purpose, and its prompt/parse/grounding logic on fixed answers."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from llm_server import LlamaServer, ScriptedServer, completion, free_port, smollm2_path

from memo.errors import EngineError
from memo.records import Segment, TimeRange, Transcript
from memo.structure import llm as L
from memo.structure import outline, render_markdown
from memo.structure.cleanup import clean_text
from memo.structure.llm import LLMSettings, LLMStats, llm_outline, resolve_llm_settings
from memo.structure.loaders import transcript_from_text
from memo.structure.templates import load_template

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_91bb3647786125a6.txt"

ENGLISH_MEMO = [
    "Um, so today I want to talk about why I quit my job.",
    "First the reasons, then my analysis, then the plan, and finally how it feels.",
    "The main reason is that, uh, work is paying someone to build their dream, not mine.",
    "I only work well on things I care about.",
    "Forced work makes me slow and unhappy.",
    "The company wants growth, and I want to build useful things.",
    "My analysis: I have savings, so money is not the problem for a few years.",
    "The real question is, um, where meaning comes from.",
    "Without work, free time can feel empty.",
    "So I need a project that fills my days.",
    "My plan is to help non-programmers automate their work with AI.",
    "Programmers only get faster with AI, but other people get a new ability.",
    "After one month the experience is, you know, calm rather than happy.",
    "The first weeks were confusing because I had so much free time.",
    "Quitting is not a cure for unhappiness, it is just another choice.",
]


def timed(texts: list[str], language: str = "en", step: float = 6.0) -> Transcript:
    segments = tuple(Segment(i * step, i * step + step - 1.0, t) for i, t in enumerate(texts))
    return Transcript("memo.wav", language, len(texts) * step, segments)


@pytest.fixture(autouse=True)
def fresh_mode_cache():
    L._MODE_CACHE.clear()
    yield
    L._MODE_CACHE.clear()


@pytest.fixture
def template():
    return load_template("default")


def assert_grounded(result, transcript: Transcript) -> None:
    """Every time range is made of whole segments: ids were mapped to times by memo, not invented."""
    starts = {s.start for s in transcript.segments}
    ends = {s.end for s in transcript.segments}
    for section in result.sections:
        for point in section.points:
            assert point.sources, point
            for r in point.sources:
                assert r.start in starts and r.end in ends and r.start < r.end, (point, r)


# ---------------------------------------------------------------- settings


def test_settings_none_without_endpoint():
    assert resolve_llm_settings() is None


def test_settings_from_env_flags_and_config(monkeypatch, tmp_path):
    monkeypatch.setenv("MEMO_LLM_BASE_URL", "http://127.0.0.1:11434/v1/")
    s = resolve_llm_settings()
    assert s == LLMSettings("http://127.0.0.1:11434/v1", L.PLACEHOLDER_API_KEY, "")
    s = resolve_llm_settings(base_url="http://h:1/v1", api_key="k", model="m", timeout=5)
    assert (s.base_url, s.api_key, s.model, s.timeout) == ("http://h:1/v1", "k", "m", 5.0)

    monkeypatch.delenv("MEMO_LLM_BASE_URL")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = resolve_llm_settings()
    assert (s.base_url, s.api_key, s.model) == (L.OPENAI_BASE_URL, "sk-test", L.OPENAI_DEFAULT_MODEL)

    monkeypatch.delenv("OPENAI_API_KEY")
    config = tmp_path / "config.toml"
    config.write_text('[llm]\nbase_url = "http://cfg:8080/v1"\nmodel = "qwen"\nmax_chars = 900\n', encoding="utf-8")
    monkeypatch.setenv("MEMO_CONFIG", str(config))
    s = resolve_llm_settings()
    assert (s.base_url, s.model, s.max_chars_per_chunk) == ("http://cfg:8080/v1", "qwen", 900)
    monkeypatch.setenv("MEMO_LLM_MODEL", "llama3")
    assert resolve_llm_settings().model == "llama3"


# ---------------------------------------------------------------- parsing, validation, grounding


def test_parse_json_reply_variants():
    assert L.parse_json_reply('{"a": 1}') == {"a": 1}
    assert L.parse_json_reply('Here you go:\n```json\n{"a": [1, 2]}\n```\nDone.') == {"a": [1, 2]}
    assert L.parse_json_reply('Sure! {"a": "x"} hope this helps') == {"a": "x"}
    assert L.parse_json_reply('{"a": "line one\nline two"}') == {"a": "line one\nline two"}
    with pytest.raises(ValueError, match="not JSON"):
        L.parse_json_reply("{title: oops")
    with pytest.raises(ValueError, match="empty"):
        L.parse_json_reply("")


def test_validate_against_memo_schemas():
    schema = L.extract_schema(["reasons", "plan"], [3, 4])
    good = {"points": [{"section": "plan", "text": "x", "sources": [3]}]}
    assert L.validate(good, schema) == []
    assert L.validate({"points": []}, schema) == []  # minItems is a decoding nudge, not a reason to retry
    assert L.validate({}, schema) == ["$.points is missing"]
    bad = {"points": [{"section": "later", "text": "x", "sources": ["3"]}]}
    problems = L.validate(bad, schema)
    assert any("section" in p and "not one of" in p for p in problems)
    assert any("sources[0] should be integer" in p for p in problems)
    assert L.validate({"segments": [{"id": True, "text": "", "new_paragraph": False}]}, L.cleanup_schema([1])) == [
        "$.segments[0].id should be integer, got bool"
    ]


def test_schemas_are_strict_mode_compatible():
    """OpenAI's strict json_schema mode needs every property required and no extra properties, at every level."""

    def check(node):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])
            for sub in node["properties"].values():
                check(sub)
        if node.get("type") == "array":
            check(node["items"])

    for schema in (L.plan_schema(["a"]), L.cleanup_schema([1, 2]), L.extract_schema(["a"], [1])):
        check(schema)


def test_ground_keeps_recites_or_drops():
    chunk = {
        5: "工作本质上是老板花钱雇你为他完成梦想",
        6: "公司的目标和我个人的价值判断是不符的",
        7: "我自己其实是追求合理性的人",
    }
    assert L.ground("工作本质上是老板花钱雇你完成他的梦想", [5], chunk) == (5,)
    # Wrong citation, text from segment 6: re-cited.
    assert L.ground("公司的目标和个人价值判断不符", [7], chunk) == (6,)
    # Not said anywhere in the chunk: dropped.
    assert L.ground("我计划明年去火星开咖啡馆", [5], chunk) == ()
    english = {1: "The main reason is that work is paying someone to build their dream.", 2: "I like tea."}
    assert L.ground("Work pays someone to build their dream", [2], english) == (1,)
    assert L.ground("I am a non-profit business owner struggling to make ends meet", [1], english) == ()


def test_duplicates():
    assert L.is_duplicate("工作本质上是老板花钱雇你完成他的梦想", "工作本质上是老板花钱雇你完成梦想")
    assert not L.is_duplicate("工作本质上是老板花钱雇你完成他的梦想", "存款足够支撑几年的开销")
    assert L.is_duplicate("Work pays someone to build their dream.", "work pays someone to build their dream")


def test_cleanup_that_summarises_or_pads_is_refused():
    original = "嗯其实我觉得工作本身和人的自由方案是矛盾的，我觉得一个前提在于工作本质上是老板花钱雇你"
    assert L._usable_cleanup(original, "其实我觉得工作本身和人的自由是矛盾的，前提在于工作本质上是老板花钱雇你")
    assert not L._usable_cleanup(original, "工作和自由矛盾")  # a summary is not a cleanup
    assert not L._usable_cleanup(original, original + "而且我还要补充很多说话人从来没有讲过的内容" * 2)
    assert not L._usable_cleanup(original, "")  # merged into a neighbour, or dropped
    assert L._usable_cleanup("嗯，对。", "")  # filler only


def test_prompts_carry_sections_ids_and_schema(template):
    system = L._prompt(
        "llm_extract", language="Simplified Chinese", sections=L._describe(template.sections, "zh"),
        max_points=5, context="\nThis is part 1 of 2 of the memo.\n",
        schema=json.dumps(L.extract_schema(["reasons"], [7])),
    )
    assert "- reasons: 原因:" in system and "- experience: 体验:" in system
    assert "Simplified Chinese" in system and "at most 5" in system and '"enum": [7]' in system
    assert "$" not in system.replace("$schema", "")  # every placeholder filled
    assert L._numbered([(7, " 嗯  对 "), (8, "b")]) == "[7] 嗯 对\n[8] b"


# ---------------------------------------------------------------- scripted servers: full path on fixed answers

FILLER = re.compile(r"[嗯呃啊哼]+")
HALLUCINATION = "我计划明年去火星开一家咖啡馆"


def _request_name(body: dict) -> str:
    if "response_format" in body and body["response_format"]["type"] == "json_schema":
        return body["response_format"]["json_schema"]["name"]
    if "tools" in body:
        return body["tools"][0]["function"]["name"]
    return ""


def _lines(body: dict) -> list[tuple[int, str]]:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    return [(int(i), t) for i, t in re.findall(r"^\[(\d+)\] (.*)$", user, re.M)]


class SeedModel:
    """Fixed answers in the shape a capable model gives, with the faults the engine must catch:
    a skipped segment, a summarised segment, a wrong citation, an invented point, a repeated point."""

    def __init__(self) -> None:
        self.chunk = 0
        self.first_point = ""
        self.skipped: int | None = None
        self.summarised: int | None = None
        self.recited: tuple[str, int] | None = None

    def __call__(self, body: dict):
        name, lines = _request_name(body), _lines(body)
        if name == "memo_plan":
            parts = [("底層原因", "reasons"), ("分析方法", "analysis"), ("離職後做什麼", "plan"),
                     ("離職後的體驗", "experience")]
            answer = {"title": "為什麼想離職", "structure": [{"title": t, "template_key": k} for t, k in parts]}
        elif name == "memo_cleanup":
            items = [{"id": i, "text": FILLER.sub("", t), "new_paragraph": n == 0} for n, (i, t) in enumerate(lines)]
            if self.skipped is None and len(items) > 3:
                self.skipped = items.pop(1)["id"]
            elif self.summarised is None and len(items) > 3 and len(items[2]["text"]) > 30:
                self.summarised = items[2]["id"]
                items[2]["text"] = items[2]["text"][:5]
            answer = {"segments": items}
        else:
            keys = ["reasons", "analysis", "plan", "experience"]
            key = keys[min(self.chunk, 3)]
            (first, text), (second, text2) = lines[0], lines[1]
            points = [
                {"section": key, "text": text[:30], "sources": [first]},
                {"section": key, "text": text2[:30], "sources": [lines[-1][0]]},  # cites the wrong segment
                {"section": key, "text": HALLUCINATION, "sources": [first]},
            ]
            if self.chunk == 0:
                self.first_point, self.recited = text[:30], (text2[:30], second)
            else:  # the last line of the memo repeats its first: the same point again, from another place
                points.append({"section": key, "text": lines[-1][1][:30], "sources": [lines[-1][0]]})
            self.chunk += 1
            answer = {"points": points}
        return 200, completion(json.dumps(answer, ensure_ascii=False))


@pytest.fixture
def seed_transcript() -> Transcript:
    text = transcript_from_text(SEED.read_text(encoding="utf-8"), source="seed.wav", language="zh")
    # The speaker ends by repeating his opening line: the outline must say it once, linked to both places.
    texts = [s.text for s in text.segments] + [text.segments[0].text]
    segments = tuple(Segment(i * 4.0, i * 4.0 + 3.5, t) for i, t in enumerate(texts))
    return Transcript("seed.wav", "zh", len(segments) * 4.0, segments)


def test_full_path_on_the_seed_memo_with_fixed_answers(seed_transcript, template):
    model = SeedModel()
    server = ScriptedServer(model)
    stats = LLMStats()
    try:
        settings = LLMSettings(server.base_url, "k", "scripted", timeout=10, max_chars_per_chunk=1000)
        result = llm_outline(seed_transcript, template, settings, stats=stats)
    finally:
        server.close()
    chunks = stats.chunks
    assert chunks >= 4
    assert len(server.requests) == stats.requests == 1 + 2 * chunks  # json_schema worked: no fallbacks
    assert server.requests[0]["response_format"]["json_schema"]["strict"] is True
    assert stats.mode == "json_schema"
    # Every segment went to exactly one cleanup request, in order.
    cleaned_ids = [i for body in server.requests if _request_name(body) == "memo_cleanup" for i, _ in _lines(body)]
    assert cleaned_ids == list(range(1, len(seed_transcript.segments) + 1))

    assert result.title == "为什么想离职"  # converted to Simplified
    assert [s.title for s in result.sections] == ["原因", "分析", "计划", "体验"]
    assert [s.key for s in result.sections] == ["reasons", "analysis", "plan", "experience"]
    assert result.engine == "llm:scripted" and result.language == "zh" and result.source == "seed.wav"

    # Cleanup: fillers gone; the segment the model skipped and the one it summarised keep their words
    # (cleaned by the built-in rules instead).
    assert not FILLER.search(result.cleaned_text)
    for i in (model.skipped, model.summarised):
        assert clean_text(seed_transcript.segments[i - 1].text, "zh") in result.cleaned_text
    assert result.cleaned_text.count("\n\n") >= chunks - 1

    points = [p for s in result.sections for p in s.points]
    assert not any("火星" in p.text for p in points)
    assert stats.dropped_points == chunks
    assert_grounded(result, seed_transcript)
    # The wrong citation was re-attributed to the segment the text comes from.
    text, seg_id = model.recited
    seg = seed_transcript.segments[seg_id - 1]
    assert next(p for p in points if p.text == text).sources == (TimeRange(seg.start, seg.end),)
    # The repeated point appears once, with every place it was said.
    repeated = [p for p in points if p.text == model.first_point]
    first, last = seed_transcript.segments[0], seed_transcript.segments[-1]
    assert len(repeated) == 1
    assert repeated[0].sources == (TimeRange(first.start, first.end), TimeRange(last.start, last.end))
    for i, a in enumerate(points):
        assert not any(L.is_duplicate(a.text, b.text) for b in points[i + 1 :])

    markdown = render_markdown(result)
    assert "## 原因" in markdown and "## 体验" in markdown and re.search(r"\[\d\d:\d\d–\d\d:\d\d\]", markdown)


def test_structured_output_fallback_is_detected_and_remembered(template):
    """json_schema -> HTTP 500, json_object -> HTTP 400, forced tool call works: used from then on."""

    def reply(body):
        fmt = body.get("response_format", {}).get("type")
        if fmt == "json_schema":
            return 500, {"error": {"message": "json_schema is not supported"}}
        if fmt == "json_object":
            return 400, {"error": {"message": "unknown field schema"}}
        name, lines = _request_name(body), _lines(body)
        answer = {
            "memo_plan": {"title": "Quitting", "structure": []},
            "memo_cleanup": {"segments": [{"id": i, "text": t.replace("Um, ", ""), "new_paragraph": False}
                                          for i, t in lines]},
            "memo_points": {"points": [{"section": "reasons", "text": lines[0][1], "sources": [lines[0][0]]}]},
        }[name]
        body = completion("")
        body["choices"][0]["message"] = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": json.dumps(answer)}}]}
        return 200, body

    server = ScriptedServer(reply)
    text = transcript_from_text("Um, I quit because work is someone else's dream.\nNow I build my own.", "memo.txt")
    stats = LLMStats()
    try:
        settings = LLMSettings(server.base_url, "k", "m", timeout=10)
        result = llm_outline(text, template, settings, stats=stats)
    finally:
        server.close()
    kinds = [b.get("response_format", {}).get("type") or ("tools" if "tools" in b else "text") for b in server.requests]
    # (the openai client itself retries a 500 once)
    assert [k for i, k in enumerate(kinds) if i == 0 or k != kinds[i - 1]] == ["json_schema", "json_object", "tools"]
    assert kinds.count("tools") == 3  # plan, cleanup, points: the mode that worked is used from then on
    assert L._MODE_CACHE[(server.base_url, "m")] == "tools" == stats.mode
    assert [s.title for s in result.sections] == ["Reasons", "Analysis", "Plan", "Experience"]
    assert result.sections[0].points[0].sources == ()  # text input: no times to link to
    assert result.cleaned_text == "I quit because work is someone else's dream.\n\nNow I build my own."


def test_invalid_json_is_retried_once_then_one_line_error(template):
    server = ScriptedServer(lambda body: (200, completion("Sure! Here is the outline: {title: oops")))
    try:
        settings = LLMSettings(server.base_url, "k", "m", timeout=10)
        with pytest.raises(EngineError) as err:
            llm_outline(timed(ENGLISH_MEMO[:3]), template, settings)
    finally:
        server.close()
    message = str(err.value)
    assert "returned invalid JSON twice" in message and server.base_url in message and "\n" not in message
    # plan, cleanup, points: each asked, then retried once with the problem; nothing usable at all -> the error
    assert [_request_name(b) for b in server.requests] == [n for n in ("memo_plan", "memo_cleanup", "memo_points")
                                                            for _ in range(2)]
    retry = server.requests[1]["messages"]
    assert retry[-2]["role"] == "assistant" and "could not be used" in retry[-1]["content"]


def test_one_unusable_part_does_not_lose_the_others(template):
    """Part 2's answers are garbage (cleanup) and cut off (points): parts 1 and 3 still count, part 2's text
    is cleaned by the built-in rules, and the outline says so in one line."""

    def reply(body):
        name, lines = _request_name(body), _lines(body)
        part2 = any(i in (4, 5, 6) for i, _ in lines)
        if name == "memo_plan":
            return 200, completion(json.dumps({"title": "Quitting", "structure": []}))
        if name == "memo_cleanup":
            if part2:
                return 200, completion("I cleaned it for you!")
            return 200, completion(json.dumps({"segments": [{"id": i, "text": t, "new_paragraph": False}
                                                            for i, t in lines]}))
        if part2:
            return 200, completion('{"points": [{"section": "plan", "text": "again and again and', "length")
        return 200, completion(json.dumps({"points": [{"section": "reasons", "text": lines[0][1],
                                                       "sources": [lines[0][0]]}]}))

    server = ScriptedServer(reply)
    transcript = timed(["Um, " + t for t in ENGLISH_MEMO[2:11]])  # 9 segments, 3 parts of 3
    stats = LLMStats()
    try:
        settings = LLMSettings(server.base_url, "k", "m", timeout=10, max_chars_per_chunk=200)
        result = llm_outline(transcript, template, settings, stats=stats)
    finally:
        server.close()
    assert stats.chunks == 3 and stats.splits == 1
    # Points come from the cleaned text (the model left "Um," in: the built-in rules took it out).
    assert [p.text for p in result.sections[0].points] == [clean_text(transcript.segments[i].text, "en")
                                                           for i in (0, 6)]
    assert result.notice.startswith("unusable LLM answers for part 2 of 3 (") and "\n" not in result.notice
    for seg in transcript.segments[3:6]:
        assert clean_text(seg.text, "en") in result.cleaned_text
    assert "Um," not in result.cleaned_text and len(result.cleaned_text) > 0.8 * len(transcript.text)


def test_no_traceable_points_fall_back_to_offline_points(seed_transcript, template):
    """A model that only invents (SmolLM2 on Chinese): its cleanup is kept, the points are the offline engine's."""
    from memo.structure.offline import offline_outline

    def reply(body):
        name, lines = _request_name(body), _lines(body)
        answer = {
            "memo_plan": {"title": "离职", "structure": []},
            "memo_cleanup": {"segments": [{"id": i, "text": FILLER.sub("", t), "new_paragraph": False}
                                          for i, t in lines]},
            "memo_points": {"points": [{"section": "plan", "text": HALLUCINATION, "sources": [lines[0][0]]}]},
        }[name]
        return 200, completion(json.dumps(answer, ensure_ascii=False))

    server = ScriptedServer(reply)
    try:
        settings = LLMSettings(server.base_url, "k", "tiny", timeout=10, max_chars_per_chunk=3000)
        result = llm_outline(seed_transcript, template, settings)
    finally:
        server.close()
    assert result.sections == offline_outline(seed_transcript, template).sections
    assert [s.title for s in result.sections] == ["原因", "分析", "计划", "体验"]
    assert all(s.points for s in result.sections)
    assert result.engine == "llm:tiny+offline" and result.title == "离职"
    assert "could be traced to the transcript" in result.notice and "\n" not in result.notice
    assert not FILLER.search(result.cleaned_text)


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (401, "Incorrect API key provided", "rejected the API key (HTTP 401)"),
        (404, "model 'm' not found", "has no model 'm'"),
        (429, "slow down", "rate-limiting"),
        (400, "This model's maximum context length is 2048 tokens. However, you requested 4041 tokens",
         "does not fit the context of model 'm'"),
        (503, "loading model", "failed (HTTP 503"),
    ],
)
def test_http_errors_become_one_line(template, status, error, expected):
    server = ScriptedServer(lambda body: (status, {"error": {"message": error}}))
    try:
        with pytest.raises(EngineError) as err:
            llm_outline(timed(ENGLISH_MEMO[:2]), template, LLMSettings(server.base_url, "k", "m", timeout=10))
    finally:
        server.close()
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_timeout_is_one_line(template):
    def slow(body):
        time.sleep(2)
        return 200, completion("{}")

    server = ScriptedServer(slow)
    try:
        with pytest.raises(EngineError, match=r"did not answer within 0.3 s"):
            llm_outline(timed(ENGLISH_MEMO[:2]), template, LLMSettings(server.base_url, "k", "m", timeout=0.3))
    finally:
        server.close()


def test_no_server_listening(template):
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(EngineError, match=rf"^cannot reach the LLM endpoint at {re.escape(url)}; start the server"):
        llm_outline(timed(ENGLISH_MEMO[:2]), template, LLMSettings(url, "k", "m", timeout=5))


def test_outline_entry_point_dispatches_to_llm():
    server = ScriptedServer(lambda body: (200, completion("not json")))
    try:
        settings = LLMSettings(server.base_url, "k", "m", timeout=10)
        with pytest.raises(EngineError, match="invalid JSON twice"):
            outline(timed(ENGLISH_MEMO[:2]), engine="llm", llm=settings)
    finally:
        server.close()


# ---------------------------------------------------------------- the real server


@pytest.fixture(scope="module")
def llama(tmp_path_factory):
    server = LlamaServer(smollm2_path(), log_dir=tmp_path_factory.mktemp("llama"))
    yield server
    server.stop()


@pytest.mark.slow
def test_real_server_full_path(llama, template):
    transcript = timed(ENGLISH_MEMO[:6])
    stats = LLMStats()
    lines: list[str] = []
    result = llm_outline(transcript, template, LLMSettings(llama.base_url, "x", "", timeout=300), lines.append,
                         stats=stats)
    model = str(llama.model)  # llama_cpp.server lists the model by its path; memo picked it from /v1/models
    assert result.engine.startswith(f"llm:{model}")  # "+offline" if none of its points could be traced
    # llama.cpp's server answers json_schema with HTTP 500 and honours json_object + schema.
    assert L._MODE_CACHE[(llama.base_url, model)] == "json_object" == stats.mode
    assert stats.requests >= 4 and stats.prompt_tokens > 0 and stats.completion_tokens > 0
    assert lines[0] == "title and structure" and "part 1/1, points" in lines
    titles = [s.title for s in result.sections]
    assert {"Reasons", "Analysis", "Plan", "Experience"} <= set(titles)
    assert result.title.strip()
    assert_grounded(result, transcript)
    # Cleanup never loses the transcript: whatever the model did, every segment is there, cleaned or as spoken.
    assert len(result.cleaned_text) >= 0.6 * len(transcript.text)
    markdown = render_markdown(result)
    for title in ("Reasons", "Analysis", "Plan", "Experience"):
        assert f"\n## {title}\n" in markdown


@pytest.mark.slow
def test_real_server_chunks_a_long_memo(llama, template):
    transcript = timed(ENGLISH_MEMO[:6])
    stats = LLMStats()
    settings = LLMSettings(llama.base_url, "x", str(llama.model), timeout=300, max_chars_per_chunk=130)
    result = llm_outline(transcript, template, settings, stats=stats)
    assert stats.chunks >= 2
    assert stats.requests >= 1 + 2 * stats.chunks
    points = [p for s in result.sections for p in s.points]
    for i, a in enumerate(points):
        assert not any(L.is_duplicate(a.text, b.text) for b in points[i + 1 :]), a
    assert_grounded(result, transcript)
    for seg in transcript.segments:  # nothing lost across chunk boundaries
        words = [w for w in re.findall(r"[a-z]{5,}", seg.text.lower())]
        assert sum(w in result.cleaned_text.lower() for w in words) >= len(words) / 2, seg.text


@pytest.mark.slow
def test_real_server_splits_what_does_not_fit_its_context(tmp_path, template):
    """A chunk too big for n_ctx=768: the engine halves it instead of failing."""
    server = LlamaServer(smollm2_path(), n_ctx=768, log_dir=tmp_path)
    stats = LLMStats()
    try:
        transcript = timed(ENGLISH_MEMO)
        settings = LLMSettings(server.base_url, "x", str(server.model), timeout=300, max_chars_per_chunk=100_000)
        result = llm_outline(transcript, template, settings, stats=stats)
    finally:
        server.stop()
    assert stats.chunks == 1 and stats.splits >= 1 and stats.requests > 4
    assert_grounded(result, transcript)


def test_real_server_stopped(tmp_path, template):
    server = LlamaServer(smollm2_path(), log_dir=tmp_path)
    endpoint = L.Endpoint(LLMSettings(server.base_url, "x", "", timeout=30))
    assert endpoint.model == str(server.model)  # up and answering
    server.stop()
    transcript = timed(ENGLISH_MEMO[:2])
    before = replace(transcript)
    with pytest.raises(EngineError) as err:
        llm_outline(transcript, template, LLMSettings(server.base_url, "x", str(server.model), timeout=30))
    assert str(err.value) == (
        f"cannot reach the LLM endpoint at {server.base_url}; start the server or use --engine offline"
    )
    assert transcript == before
