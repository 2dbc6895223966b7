"""Speaker roster: enrol a real voice from one recording, recognise it in another with a second voice present."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import diarize_audio as da  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("pyannote") is None or not da.LIBRIVOX.exists(),
    reason="needs the diarize extra and pocketsphinx-testdata",
)


def _memo(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), MEMO_HOME=str(home), MEMO_CACHE_DIR=str(home / "cache"))
    return subprocess.run([sys.executable, "-m", "memo", *args], capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def conversation(tmp_path_factory):
    """The LibriVox reader's later clips (not used for enrolment) talking with the cards speaker."""
    folder = tmp_path_factory.mktemp("roster")
    rec = da.Recording("talk", ("libri[2:]", "cards"), turns=12, seed=4)
    reference = da.build(rec, folder / "talk.wav")
    return folder / "talk.wav", reference


@pytest.mark.slow
def test_enrolled_voice_is_named_in_another_recording(tmp_path, conversation):
    wav, reference = conversation
    enrol = sorted(da.LIBRIVOX.glob("*.wav"))[:2]  # clips 0870 and 0880 only
    result = _memo("speakers", "enroll", "Reader", *map(str, enrol), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "enrolled Reader" in result.stdout
    assert "Reader" in _memo("speakers", "list", home=tmp_path).stdout

    out = tmp_path / "out"
    result = _memo("transcribe", str(wav), "--diarize", "-f", "rttm,json", "-o", str(out), home=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    turns = da.read_rttm(out / "talk.rttm")
    assert {s for _, _, s in turns} == {"Reader", "SPEAKER_1"}
    # with the names mapped to the reference's, the diarization is as good as unnamed
    named = [(s, e, {"Reader": "libri", "SPEAKER_1": "cards"}[k]) for s, e, k in turns]
    assert da.der(reference, named) <= 0.08
    assert "Reader" in json.loads((out / "talk.json").read_text())["speakers"]

    # suggest: names stay SPEAKER_n, a notice says who it sounds like
    result = _memo("transcribe", str(wav), "--diarize", "--speakers", "suggest", "-f", "rttm", "-o", str(out),
                   "--force", home=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "sounds like Reader" in result.stderr
    assert {s for _, _, s in da.read_rttm(out / "talk.rttm")} == {"SPEAKER_1", "SPEAKER_2"}

    # present: the count is fixed and the one unknown voice takes the one name left
    result = _memo("transcribe", str(wav), "--diarize", "--speakers-present", "Reader,Dealer", "-f", "rttm",
                   "-o", str(out), "--force", home=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {s for _, _, s in da.read_rttm(out / "talk.rttm")} == {"Reader", "Dealer"}

    assert _memo("speakers", "rename", "Reader", "Marianne", home=tmp_path).returncode == 0
    assert "Marianne" in _memo("speakers", "list", home=tmp_path).stdout
    assert _memo("speakers", "remove", "Marianne", home=tmp_path).returncode == 0
    missing = _memo("speakers", "remove", "Marianne", home=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("error: no enrolled speaker 'Marianne'")


def test_matching_is_one_to_one_and_needs_similarity(tmp_path, monkeypatch):
    import numpy as np

    from memo.diarize import roster

    monkeypatch.setenv("MEMO_HOME", str(tmp_path))
    a, b = np.eye(3)[0], np.eye(3)[1]
    roster.save({"A": roster.Voice("A", tuple(a), ("a.wav",), 10.0), "B": roster.Voice("B", tuple(b), ("b.wav",), 5.0)})
    prints = np.stack([0.9 * a + 0.1 * b, 0.8 * a + 0.2 * b, np.eye(3)[2]])
    prints /= np.linalg.norm(prints, axis=1, keepdims=True)
    found = roster.match(prints, roster.load())
    assert {k: n for k, (n, _) in found.items()} == {0: "A"}  # B is too far from speaker 1; speaker 2 is no one
    assert json.loads(roster.roster_path().read_text())["A"]["sources"] == ["a.wav"]
    with pytest.raises(roster.ConfigError):
        roster.check_name("SPEAKER_1")


def test_bad_speaker_options_fail_once_with_one_line(tmp_path):
    wav = sorted(da.LIBRIVOX.glob("*.wav"))[0]
    for option, value, message in (("--speakers", "bogus", "--speakers 'bogus'"),
                                    ("--speakers-present", "Ann,,Bob", "speaker name ''")):
        result = _memo("transcribe", str(wav), "--diarize", option, value, home=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(f"error: {message}") and result.stderr.count("\n") == 1
