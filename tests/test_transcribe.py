"""Real Whisper weights on real speech: accuracy, language handling, Chinese output."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import jiwer
import pytest

import memo
from memo.errors import AudioError, ModelError
from memo.models import default_model_dir, resolve_model


def normalise(text: str) -> str:
    text = text.lower().replace("-", " ")
    text = re.sub(r"\bmr\b\.?", "mister", text)
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def read_references(folder) -> dict[str, str]:
    refs = {}
    for line in (folder / "transcription").read_text().splitlines():
        match = re.match(r"<s>(.*)</s>\s*\((.+)\)", line.strip())
        if match:
            refs[match.group(2)] = match.group(1).strip()
    return refs


def test_default_model_is_joined_once_and_verified():
    first = default_model_dir()
    assert {"model.bin", "config.json", "tokenizer.json"} <= {p.name for p in first.iterdir()}
    mtime = (first / "model.bin").stat().st_mtime_ns
    assert default_model_dir() == first
    assert (first / "model.bin").stat().st_mtime_ns == mtime  # cached, not joined again
    assert resolve_model(None) == ("base", str(first))


def test_librivox_wer_at_most_3_percent(librivox):
    refs = read_references(librivox)
    assert len(refs) == 5
    hyps = []
    for file_id in refs:
        transcript = memo.transcribe(librivox / f"{file_id}.wav")
        assert transcript.language == "en"
        hyps.append(normalise(transcript.text))
    wer = jiwer.wer([normalise(r) for r in refs.values()], hyps)
    print(f"LibriVox WER: {wer:.3f}")
    # Measured 0.014 (one word in 71) on the CPUs of earlier CI runs and 0.028 on an AMD EPYC ("ill-disposed" heard
    # as "ill sposed"): CTranslate2's int8 kernels differ by CPU. A real regression costs far more words.
    assert wer <= 0.03


@pytest.mark.parametrize("batch_size", [1, 8])
def test_segments_have_word_timestamps_in_order(english_sample, batch_size):
    transcript = memo.transcribe(english_sample, batch_size=batch_size)
    assert 24 < transcript.duration < 25.5
    assert len(transcript.segments) >= 3  # split into sentences, not one 24 s block
    previous_end = 0.0
    for segment in transcript.segments:
        assert segment.words, "word timestamps are on by default"
        assert previous_end - 0.05 <= segment.start <= segment.end <= transcript.duration + 0.5
        assert all(w.start <= w.end for w in segment.words)
        assert segment.words[0].start >= segment.start - 0.01 and segment.words[-1].end <= segment.end + 0.01
        previous_end = segment.end
    assert transcript.settings["batch_size"] == batch_size
    assert transcript.settings["compute_type"] == "int8" and transcript.settings["device"] == "cpu"


def test_forced_language_is_respected(english_sample):
    transcript = memo.transcribe(english_sample, language="en", vad=False, batch_size=1, beam_size=1)
    assert transcript.language == "en" and transcript.language_probability == 1.0
    assert "dashwood" in transcript.text.lower()


@pytest.fixture(scope="module")
def mandarin_wav(tmp_path_factory):
    """Synthetic Mandarin (espeak-ng reading tone-numbered pinyin): a stress test, not a quality reference."""
    pypinyin = pytest.importorskip("pypinyin")
    if not shutil.which("espeak-ng"):
        pytest.fail("espeak-ng is missing: apt-get install espeak-ng (scripts/test.sh does)")
    text = "我今天想聊一下为什么我想离职。首先，工作本身和人的自由是矛盾的。其次，我真的很喜欢编程。"
    pinyin = " ".join(pypinyin.lazy_pinyin(text, style=pypinyin.Style.TONE3, neutral_tone_with_five=True))
    path = tmp_path_factory.mktemp("zh") / "mandarin.wav"
    subprocess.run(["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "150", "-w", str(path), pinyin], check=True)
    return path, text


def test_mandarin_is_detected_and_written_in_simplified_characters(mandarin_wav):
    import opencc

    path, reference = mandarin_wav
    transcript = memo.transcribe(path)
    assert transcript.language == "zh"
    text = transcript.text
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert opencc.OpenCC("t2s").convert(text) == text, f"Traditional characters left in {text!r}"
    assert not re.search(r"[\u4e00-\u9fff][,?!]", text), "ASCII punctuation inside Chinese"
    strip = lambda s: re.sub(r"[^\u4e00-\u9fff]", "", s)  # noqa: E731
    cer = jiwer.cer(strip(reference), strip(text))
    print(f"synthetic Mandarin CER: {cer:.3f}")
    assert cer < 0.5


def test_repetition_loops_are_collapsed():
    from memo.transcribe import _REPEAT_LOOP

    assert _REPEAT_LOOP.sub(r"\1", "我觉得喊喊喊喊喊喊喊喊好") == "我觉得喊好"
    assert _REPEAT_LOOP.sub(r"\1", "谢谢谢谢。") == "谢谢谢谢。"  # a real repeat stays


def test_bad_inputs_raise_clear_errors(tmp_path):
    empty = tmp_path / "empty.wav"
    empty.touch()
    text = tmp_path / "notes.mp3"
    text.write_text("not audio at all\n" * 100)
    cases = {
        tmp_path / "missing.wav": "not found",
        empty: "empty",
        text: "cannot be decoded",
        tmp_path: "is a folder",
    }
    for path, phrase in cases.items():
        with pytest.raises(AudioError, match=phrase):
            memo.transcribe(path)


def test_unknown_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="unknown model"):
        resolve_model("no-such-model")
    incomplete = tmp_path / "half-model"
    incomplete.mkdir()
    (incomplete / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match="tokenizer.json"):
        resolve_model(str(incomplete))


def test_local_model_folder_is_used(tmp_path, english_sample, monkeypatch):
    """A CTranslate2 folder under models/ is found by name (here: a copy of the default model)."""
    models = tmp_path / "models"
    shutil.copytree(default_model_dir(), models / "my-base")
    monkeypatch.setenv("MEMO_MODELS_DIR", str(models))
    assert resolve_model("my-base") == ("my-base", str(models / "my-base"))
    transcript = memo.transcribe(english_sample, model="my-base", batch_size=1, beam_size=1)
    assert transcript.model == "my-base" and "amiable" in transcript.text.lower()


def test_two_speaker_conversation_from_pyannote_wheel():
    """pyannote.audio ships a real 30 s phone-style conversation with its transcript (sample.stm)."""
    from importlib.util import find_spec

    spec = find_spec("pyannote.audio")
    if spec is None:
        pytest.fail("pyannote.audio is missing: the test install includes memo[diarize]")
    sample = Path(spec.submodule_search_locations[0]) / "sample"
    reference = " ".join(line.split(None, 5)[5] for line in (sample / "sample.stm").read_text().splitlines())
    transcript = memo.transcribe(sample / "sample.wav")
    wer = jiwer.wer(normalise(reference), normalise(transcript.text))
    print(f"pyannote sample.wav WER: {wer:.3f}")
    assert transcript.language == "en"
    assert wer <= 0.25  # conversational 8 kHz-style speech: base model measured 0.16


def test_language_names_and_tags_are_normalised():
    from memo.errors import ConfigError
    from memo.transcribe import TranscribeOptions

    assert [TranscribeOptions(language=x).language for x in ("zh-CN", "zh_TW", "Mandarin", "EN-us")] == [
        "zh",
        "zh",
        "zh",
        "en",
    ]
    with pytest.raises(ConfigError, match="unknown language 'klingon'"):
        TranscribeOptions(language="klingon")
