"""Every output format renders a transcript and the subtitle formats parse back to the same segments."""

from __future__ import annotations

import json

import pytest
from subtitles import read_srt, read_vtt

import memo
from memo import frontmatter
from memo.errors import ConfigError, MemoError
from memo.records import Segment, SpeakerTurn, Transcript, Word
from memo.writers import WRITERS, parse_formats, write_outputs


@pytest.fixture(scope="module")
def real_transcript(english_sample) -> Transcript:
    return memo.transcribe(english_sample)


def speakers_transcript() -> Transcript:
    words = (Word(0.0, 0.5, " Hello", 0.9, "SPEAKER_1"), Word(0.5, 1.2, " there.", 0.8, "SPEAKER_1"))
    segments = (
        Segment(0.0, 1.2, "Hello there.", words, "SPEAKER_1"),
        Segment(1.5, 3.25, "Hi, how are you?", (), "SPEAKER_2"),
        Segment(3.3, 3661.5, "Fine [really].", (), "SPEAKER_1"),
    )
    turns = tuple(SpeakerTurn(s.start, s.end, s.speaker) for s in segments)
    return Transcript("talk.wav", "en", 3661.5, segments, "base", 0.99, {"beam_size": 5}, turns)


def _same_timing(parsed, original):
    assert len(parsed) == len(original)
    for p, o in zip(parsed, original, strict=True):
        assert abs(p.start - o.start) < 0.0015 and abs(p.end - o.end) < 0.0015
        assert p.text == o.text.strip() and p.speaker == o.speaker


@pytest.mark.parametrize("transcript_name", ["real", "speakers"])
def test_srt_and_vtt_round_trip(transcript_name, real_transcript, tmp_path):
    transcript = real_transcript if transcript_name == "real" else speakers_transcript()
    paths = write_outputs(transcript, ["srt", "vtt"], tmp_path / "out")
    _same_timing(read_srt(paths[0].read_text()), transcript.segments)
    _same_timing(read_vtt(paths[1].read_text()), transcript.segments)
    assert paths[1].read_text().startswith("WEBVTT\n")


def test_json_round_trips_to_the_same_transcript(real_transcript, tmp_path):
    (path,) = write_outputs(real_transcript, ["json"], tmp_path / "out")
    data = json.loads(path.read_text())
    assert {"segments", "language", "model", "settings", "duration", "text"} <= set(data)
    assert data["segments"][0]["words"][0].keys() >= {"start", "end", "text", "probability"}
    assert Transcript.from_dict(data) == real_transcript
    speakers = speakers_transcript()
    assert Transcript.from_dict(json.loads(json.dumps(speakers.to_dict()))) == speakers


def test_speaker_labels_in_every_format(tmp_path):
    transcript = speakers_transcript()
    paths = write_outputs(transcript, parse_formats("all,rttm"), tmp_path / "talk")
    text = {p.suffix: p.read_text() for p in paths}
    assert text[".txt"].splitlines()[0] == "SPEAKER_1: Hello there."
    assert "SPEAKER_2: Hi, how are you?" in text[".txt"]
    assert "**SPEAKER_2:** Hi, how are you?" in text[".md"] and "**[1:01:01]**" not in text[".md"]
    assert "[SPEAKER_2] Hi, how are you?" in text[".srt"] and "<v SPEAKER_2>Hi" in text[".vtt"]
    rttm = text[".rttm"].splitlines()
    assert rttm[1].split() == ["SPEAKER", "talk", "1", "1.500", "1.750", "<NA>", "<NA>", "SPEAKER_2", "<NA>", "<NA>"]
    assert json.loads(text[".json"])["speakers"] == ["SPEAKER_1", "SPEAKER_2"]


def test_markdown_is_readable(real_transcript):
    md = WRITERS["md"]().render(real_transcript)
    lines = frontmatter.split(md)[1].splitlines()  # after the YAML front matter (test_frontmatter.py)
    assert lines[0] == "# sense_and_sensibility"
    assert "language en" in lines[2] and "model base" in lines[2]
    assert lines[4].startswith("**[0:00]** And Mr. John Dashwood")


def test_rttm_without_speakers_is_a_clear_error(real_transcript, tmp_path):
    with pytest.raises(MemoError, match="--diarize"):
        write_outputs(real_transcript, ["txt", "rttm"], tmp_path / "x")
    assert not list(tmp_path.iterdir()), "nothing is written when one format fails"


def test_unknown_format_is_rejected():
    with pytest.raises(ConfigError, match="unknown output format docx"):
        parse_formats("txt,docx")
    assert parse_formats("TXT, srt,txt") == ["txt", "srt"]


def test_cue_text_never_breaks_a_cue(tmp_path):
    """`-->` in speech (or a newline) must not start a new cue; WebVTT markup characters are entities."""
    segments = (Segment(0.0, 1.0, "a --> b & <c>\nd"), Segment(1.0, 2.0, "next"))
    transcript = Transcript("t.wav", "en", 2.0, segments)
    srt, vtt = write_outputs(transcript, ["srt", "vtt"], tmp_path / "t")
    assert [s.text for s in read_srt(srt.read_text())] == ["a -> b & <c> d", "next"]
    assert "&lt;c&gt;" in vtt.read_text() and "-->" not in vtt.read_text().split("\n", 3)[3].split("\n")[0]
    assert [s.text for s in read_vtt(vtt.read_text())] == ["a --> b & <c> d", "next"]


def test_one_clock_for_transcripts_and_outlines():
    from memo.timefmt import clock

    assert (clock(245), clock(245, pad=True), clock(3723), clock(3723, pad=True)) == (
        "4:05",
        "04:05",
        "1:02:03",
        "1:02:03",
    )
