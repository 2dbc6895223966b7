"""memo's Markdown carries YAML front matter note apps read, and memo still reads its own files back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from memo import frontmatter
from memo.records import Segment, SpeakerTurn, Transcript
from memo.structure import load_transcript, outline, render_markdown
from memo.writers import MarkdownWriter

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _transcript(source: str) -> Transcript:
    segments = (
        Segment(0.0, 2.0, "我们聊一下为什么我想离职。", speaker="Host"),
        Segment(2.5, 5.0, "主要是工作太累了: 每天加班。", speaker="Guest \"G\""),
        Segment(65.0, 70.0, "下个月就走。", speaker="Host"),
    )
    turns = tuple(SpeakerTurn(s.start, s.end, s.speaker) for s in segments)
    return Transcript(source, "zh", 70.4, segments, "base", speaker_turns=turns)


def _yaml(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_transcript_markdown_front_matter_is_yaml_and_reads_back(tmp_path):
    audio = tmp_path / "2026-11-21_09-30-00: 离职?.wav"
    text = MarkdownWriter().render(_transcript(str(audio)))
    meta = _yaml(text)
    assert meta == {
        "title": "2026-11-21_09-30-00: 离职?",
        "date": dt.date(2026, 11, 21),
        "duration": "1:10",
        "language": "zh",
        "speakers": ["Host", 'Guest "G"'],
        "source": audio.name,
        "tags": ["memo", "transcript"],
    }
    assert frontmatter.split(text)[0] == {**meta, "date": "2026-11-21"}
    path = tmp_path / "memo.md"
    path.write_text(text, encoding="utf-8")
    back = load_transcript(path)
    assert [(s.start, s.speaker, s.text) for s in back.segments] == [
        (0.0, "Host", "我们聊一下为什么我想离职。"),
        (2.0, 'Guest "G"', "主要是工作太累了: 每天加班。"),
        (65.0, "Host", "下个月就走。"),
    ]


def test_outline_markdown_front_matter_from_a_real_outline(tmp_path):
    source = tmp_path / "memo_zh.txt"
    source.write_text((SAMPLES / "memo_zh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = outline(load_transcript(source), engine="offline")
    text = render_markdown(result)
    meta = _yaml(text)
    assert meta["title"] == result.title and meta["language"] == "zh"
    assert meta["source"] == "memo_zh.txt" and meta["tags"] == ["memo", "outline"]
    assert meta["date"] == dt.date.today()  # no date in the name: the file's own time
    body = frontmatter.split(text)[1]
    assert body.startswith(f"# {result.title}\n")


def test_no_front_matter_leaves_the_text_alone():
    assert frontmatter.split("# title\n\n---\n\ntext\n") == ({}, "# title\n\n---\n\ntext\n")
    assert frontmatter.recorded_date("/nowhere/20260102_101010.m4a") == dt.date(2026, 1, 2)
    assert frontmatter.recorded_date("/nowhere/20261399.m4a") is None
