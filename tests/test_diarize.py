"""Speaker diarization: real weights, real voices in recordings with known turns, DER from pyannote.metrics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from memo.audio import decode
from memo.errors import ConfigError, DiarizationError
from memo.records import Segment, SpeakerTurn, Transcript, Word

sys.path.insert(0, str(Path(__file__).parent))
import diarize_audio as da  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

pyannote_installed = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("pyannote") is None, reason="diarize extra not installed"
)


# --- word-level merge and renaming (pure Python) ---------------------------------------------------------


def _word(start, end, text):
    return Word(start=start, end=end, text=text)


def _transcript(*segments):
    return Transcript(source="x.wav", language="en", duration=10.0, segments=tuple(segments))


def test_words_go_to_the_speaker_active_over_most_of_them_and_segments_split():
    from memo.diarize import assign_speakers

    words = (_word(0.0, 0.5, " Hello"), _word(0.5, 1.0, " there."), _word(1.1, 1.5, " Hi"), _word(1.5, 2.0, " you."))
    seg = Segment(start=0.0, end=2.0, text=" Hello there. Hi you.", words=words)
    turns = (SpeakerTurn(0.0, 1.2, "SPEAKER_1"), SpeakerTurn(1.2, 2.0, "SPEAKER_2"))
    out = assign_speakers(_transcript(seg), turns)
    # " Hi" (1.1-1.5) overlaps SPEAKER_1 for 0.1 s and SPEAKER_2 for 0.3 s
    assert [w.speaker for w in out.segments[0].words] == ["SPEAKER_1", "SPEAKER_1"]
    assert [(s.speaker, s.text, s.start, s.end) for s in out.segments] == [
        ("SPEAKER_1", "Hello there.", 0.0, 1.0),
        ("SPEAKER_2", "Hi you.", 1.1, 2.0),
    ]
    assert out.speaker_turns == turns
    assert out.speakers == ["SPEAKER_1", "SPEAKER_2"]
    assert Transcript.from_dict(json.loads(json.dumps(out.to_dict()))) == out


def test_word_outside_every_turn_goes_to_the_nearest_and_single_speaker_segments_keep_their_text():
    from memo.diarize import assign_speakers

    seg = Segment(start=0.0, end=2.8, text=" Keep it as is", words=(_word(0.0, 0.4, " Keep"), _word(2.5, 2.8, " is")))
    turns = (SpeakerTurn(1.0, 2.0, "SPEAKER_1"), SpeakerTurn(6.0, 7.0, "SPEAKER_2"))
    out = assign_speakers(_transcript(seg, Segment(start=4.7, end=5.0, text="no words")), turns)
    assert [s.speaker for s in out.segments] == ["SPEAKER_1", "SPEAKER_2"]
    assert [w.speaker for w in out.segments[0].words] == ["SPEAKER_1", "SPEAKER_1"]
    assert out.segments[0].text == " Keep it as is"
    assert assign_speakers(_transcript(seg), ()).segments == (seg,)


def test_rename_speakers_everywhere():
    from memo.diarize import assign_speakers, rename_speakers

    seg = Segment(start=0.0, end=1.0, text=" Hi", words=(_word(0.0, 1.0, " Hi"),))
    out = rename_speakers(assign_speakers(_transcript(seg), [SpeakerTurn(0.0, 1.0, "SPEAKER_1")]), {"SPEAKER_1": "Ann"})
    assert out.segments[0].speaker == out.segments[0].words[0].speaker == out.speaker_turns[0].speaker == "Ann"


def test_parse_speaker_names(tmp_path):
    from memo.diarize import parse_speaker_names

    assert parse_speaker_names("Host, Guest") == {"SPEAKER_1": "Host", "SPEAKER_2": "Guest"}
    (tmp_path / "n.toml").write_text('[speakers]\nSPEAKER_1 = "Host"\nspeaker_02 = "Guest"\n')
    (tmp_path / "n.json").write_text('{"1": "Host", "SPEAKER_2": "Guest"}')
    (tmp_path / "n.txt").write_text("# who is who\nSPEAKER_1=Host\nSPEAKER_2: Guest\n")
    for name in ("n.toml", "n.json", "n.txt"):
        assert parse_speaker_names(str(tmp_path / name)) == {"SPEAKER_1": "Host", "SPEAKER_2": "Guest"}, name
    (tmp_path / "bad.txt").write_text("SPEAKER_1 Host\n")
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "bad.toml").write_text('[speakers]\nboss = "Host"\n')
    for bad in ("Host,,Guest", " ", str(tmp_path / "bad.txt"), str(tmp_path / "bad.json"), str(tmp_path / "bad.toml")):
        with pytest.raises(ConfigError):
            parse_speaker_names(bad)


# --- the pipeline on real audio ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    wav, rttm = da.speakers_in_sample()
    return decode(wav), da.read_rttm(rttm)


@pyannote_installed
@pytest.mark.slow
def test_real_two_speaker_conversation(sample):
    from memo.diarize import diarize

    audio, reference = sample
    turns = diarize(audio)
    speakers = [t.speaker for t in turns]
    assert sorted(set(speakers)) == ["SPEAKER_1", "SPEAKER_2"]
    assert speakers[0] == "SPEAKER_1"  # numbered in order of first appearance
    assert da.der(reference, turns) <= 0.05


@pytest.fixture(scope="module")
def short_turns(tmp_path_factory):
    """Two real voices (LibriVox reader, cards speaker) in 1-3 s turns with digital silence between them."""
    wav = tmp_path_factory.mktemp("diarize") / "short.wav"
    reference = da.build(da.HELD_OUT[0], wav)
    return decode(wav), reference


@pyannote_installed
@pytest.mark.slow
def test_real_voices_in_short_turns(short_turns):
    from memo.diarize import diarize

    audio, reference = short_turns
    turns = diarize(audio)
    assert len({t.speaker for t in turns}) == 2
    assert da.der(reference, turns) <= 0.08


@pyannote_installed
@pytest.mark.slow
def test_single_reader_for_ten_minutes_stays_one(tmp_path):
    from memo.diarize import diarize

    seconds = da.single_reader(tmp_path / "reader.wav", minutes=10)
    assert seconds >= 600
    turns = diarize(decode(tmp_path / "reader.wav"))
    assert {t.speaker for t in turns} == {"SPEAKER_1"}
    assert sum(t.end - t.start for t in turns) >= 0.6 * seconds  # the reader's speech is found, not dropped


def test_identical_windows_are_clustered_once():
    # A recording that repeats itself gives identical embeddings; they must not form clusters of their own.
    import numpy as np

    from memo.diarize.clustering import spectral_labels

    rng = np.random.default_rng(0)
    a, b = rng.normal(size=192), rng.normal(size=192)
    voices = [v + 0.6 * rng.normal(size=192) for v in (a, b) for _ in range(6)]
    repeated = np.array(voices * 8)
    labels = spectral_labels(repeated)
    assert len(set(labels)) == 2
    assert len(set(labels[:6])) == 1 and labels[0] != labels[6]


def test_short_pauses_stay_in_the_turn_and_turn_changes_keep_their_gap():
    import numpy as np

    from memo.diarize.engine import bridge_pauses

    step = 0.02
    # speaker 0, a 0.1 s pause, speaker 0, a 0.1 s gap, speaker 1, a 1 s pause, speaker 1
    labels = np.array([0] * 10 + [-1] * 5 + [0] * 10 + [-1] * 5 + [1] * 10 + [-1] * 50 + [1] * 10)
    bridge_pauses(labels, step)
    assert (labels[:25] == 0).all()  # the breath inside speaker 0's turn is part of it
    assert (labels[25:30] == -1).all()  # the gap between two speakers stays silence
    assert (labels[40:90] == -1).all()  # a long pause splits the turn


@pyannote_installed
@pytest.mark.slow
def test_speaker_count_bounds(sample):
    from memo.diarize import diarize

    audio, reference = sample
    assert {t.speaker for t in diarize(audio, max_speakers=1)} == {"SPEAKER_1"}
    forced = diarize(audio, num_speakers=2)
    assert len({t.speaker for t in forced}) == 2
    assert da.der(reference, forced) <= 0.05


@pyannote_installed
def test_bad_arguments_and_models_are_diarization_errors(sample, tmp_path):
    from memo.diarize import diarize

    audio, _ = sample
    with pytest.raises(DiarizationError, match="min_speakers"):
        diarize(audio, min_speakers=3, max_speakers=2)
    with pytest.raises(DiarizationError, match="num_speakers"):
        diarize(audio, num_speakers=0)
    with pytest.raises(DiarizationError, match="not found"):
        diarize(audio, model=str(tmp_path / "no-such-pipeline"))
    (tmp_path / "config.yaml").write_text("pipeline:\n  name: no.such.Pipeline\n")
    with pytest.raises(DiarizationError, match="could not be loaded"):
        diarize(audio, model=str(tmp_path))


def _run_python(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)


def test_missing_extra_is_one_clear_line():
    # torch cannot be uninstalled from the shared environment for a test; hide it from this one interpreter.
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "from memo.audio import Audio; from memo.diarize import diarize; import numpy as np\n"
        "diarize(Audio(np.zeros(16000, np.float32), 16000, 'x.wav'))\n"
    )
    result = _run_python(code)
    assert result.returncode != 0
    assert "DiarizationError: speaker diarization needs the diarize extra: pip install 'memo[diarize]'" in result.stderr


@pyannote_installed
@pytest.mark.slow
def test_clean_interpreter_imports_pyannote_and_runs(sample):
    # What a user gets after the README's install: plain `import pyannote.audio` works, and so does memo.
    wav, _ = da.speakers_in_sample()
    code = (
        "import pyannote.audio\n"
        "from memo.audio import decode; from memo.diarize import diarize\n"
        f"print(len({{t.speaker for t in diarize(decode({str(wav)!r}))}}))\n"
    )
    result = _run_python(code)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "2"


@pyannote_installed
@pytest.mark.slow
def test_cli_transcribe_diarize_writes_rttm_and_json(tmp_path):
    wav, rttm = da.speakers_in_sample()
    result = subprocess.run(
        [sys.executable, "-m", "memo", "transcribe", str(wav), "--diarize", "-f", "rttm,json", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    turns = da.read_rttm(tmp_path / "sample.rttm")
    assert len({speaker for _, _, speaker in turns}) == 2
    assert da.der(da.read_rttm(rttm), turns) <= 0.05
    data = json.loads((tmp_path / "sample.json").read_text())
    assert data["speakers"] == ["SPEAKER_1", "SPEAKER_2"]
    assert all(seg["speaker"] in data["speakers"] for seg in data["segments"])
    assert all(w["speaker"] == seg["speaker"] for seg in data["segments"] for w in seg["words"])
