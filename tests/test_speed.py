"""Cross-file batching (multibatch.py): every file gets its own words and timestamps, the same text as
transcribing it alone, and `memo transcribe FOLDER` keeps per-file outputs, errors and resume stamps."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import jiwer
import pytest

from memo.audio import decode
from memo.multibatch import transcribe_many
from memo.transcribe import transcribe

CLIPS = ["0870", "0880", "0890", "0920", "0930"]


def _norm(text: str) -> str:
    text = re.sub(r"\bmr\b\.?", "mister", text.lower().replace("-", " "))
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


@pytest.fixture(scope="module")
def clips(librivox):
    refs = {}
    for line in (librivox / "transcription").read_text().splitlines():
        match = re.match(r"<s>(.*)</s>\s*\(.*-(\d+)\)", line.strip())
        if match:
            refs[match.group(2)] = match.group(1).strip()
    # Out of order, so a result handed to the wrong file cannot match by position.
    order = ["0920", "0880", "0930", "0870", "0890"]
    audios = [decode(librivox / f"sense_and_sensibility_01_austen_64kb-{n}.wav") for n in order]
    return order, audios, refs


def test_each_file_gets_its_own_words_and_timestamps(clips):
    order, audios, refs = clips
    results = transcribe_many(audios)
    for name, audio, transcript in zip(order, audios, results, strict=True):
        assert transcript is not None and transcript.source == audio.source
        assert jiwer.wer(_norm(refs[name]), _norm(transcript.text)) <= 0.1, (name, transcript.text)
        words = [w for s in transcript.segments for w in s.words]
        assert words and words[0].start < 0.6 and words[-1].end <= audio.duration + 0.05
        assert all(a.start <= b.start for a, b in zip(words, words[1:], strict=False))  # in order, in this file's time
        assert transcript.language == "en" and transcript.language_probability > 0.5


def test_same_text_as_one_file_at_a_time(clips):
    order, audios, _ = clips
    together = transcribe_many(audios[:3])
    for audio, batched in zip(audios[:3], together, strict=True):
        alone = transcribe(audio)
        # A borderline word may flip with the window length ("ill-disposed" / "ill-sposed"): at most one.
        assert jiwer.wer(_norm(alone.text), _norm(batched.text)) <= 1 / len(alone.text.split()), batched.text
        assert abs(batched.segments[-1].end - alone.segments[-1].end) < 0.3


def test_long_or_silent_files_are_left_to_the_one_file_path(english_sample):
    import numpy as np

    from memo.audio import Audio

    long = decode(english_sample)  # 24.7 s of speech: over SHORT_SECONDS
    silence = Audio(np.zeros(16000 * 3, np.float32), 16000, "silence.wav")
    assert transcribe_many([long, silence]) == [None, None]


def test_folder_batch_keeps_outputs_errors_and_stamps(librivox, tmp_path):
    folder = tmp_path / "memos"
    folder.mkdir()
    for n in CLIPS[:3]:
        shutil.copy(librivox / f"sense_and_sensibility_01_austen_64kb-{n}.wav", folder / f"{n}.wav")
    (folder / "broken.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x01" * 3000)
    out = tmp_path / "out"
    memo = [sys.executable, "-m", "memo", "transcribe", str(folder), "-o", str(out), "-f", "json"]
    # A transcript cache of its own: other tests may have transcribed these clips already.
    env = {**os.environ, "MEMO_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run(memo, capture_output=True, text=True, timeout=300, env=env)
    assert first.returncode == 1 and "4 files: 3 done, 1 failed" in first.stderr, first.stderr
    assert "transcribing 3 short files together" in first.stderr
    assert [line for line in first.stderr.splitlines() if line.startswith("error:")][0].count("broken.wav") == 1
    for n in CLIPS[:3]:
        data = json.loads((out / f"{n}.json").read_text())
        assert data["source"].endswith(f"{n}.wav") and data["segments"]
    assert "young man" in _norm(json.loads((out / "0880.json").read_text())["text"])
    again = subprocess.run(memo, capture_output=True, text=True, timeout=300, env=env)
    assert "3 already done" in again.stderr, again.stderr


@pytest.fixture
def decoder_calls(monkeypatch):
    """(beam size, rows) of every call to the real Whisper decoder."""
    from memo.transcribe import load_model

    model = load_model(None, "auto", None, 0)
    inner, calls = model.model, []

    class Counting:
        def __getattr__(self, name):
            return getattr(inner, name)

        def generate(self, *args, **kwargs):
            results = inner.generate(*args, **kwargs)
            calls.append((kwargs["beam_size"], [r.scores[0] for r in results]))
            return results

    monkeypatch.setattr(model, "model", Counting())
    return calls


def test_greedy_first_then_beam_5_where_unsure(clips, decoder_calls, monkeypatch):
    from memo import multibatch
    from memo.transcribe import TranscribeOptions

    _, audios, _ = clips
    audios = audios[:3]
    greedy = [t.text for t in transcribe_many(audios)]
    assert len(decoder_calls) == 1  # clean speech: nothing unsure
    (beam, scores), *_ = decoder_calls
    assert beam == 1 and len(scores) == 3
    beam5 = [t.text for t in transcribe_many(audios, TranscribeOptions(beam_size=5))]
    assert [b for b, _ in decoder_calls[1:]] == [5]  # an explicit --beam-size is used everywhere
    # A threshold between the rows' scores: only the rows under it are decoded again, each in its own file.
    low, middle, _ = sorted(scores)
    monkeypatch.setattr(multibatch, "UNSURE_LOGPROB", (low + middle) / 2)
    decoder_calls.clear()
    mixed = [t.text for t in transcribe_many(audios)]
    assert [(b, len(s)) for b, s in decoder_calls] == [(1, 3), (5, 1)]
    assert all(m in (g, b) for m, g, b in zip(mixed, greedy, beam5, strict=True)), (mixed, greedy, beam5)



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc")
def test_encoder_memory_is_reused_not_faulted_in_again(clips):
    """A long file transcribed twice: the second time the encoder's buffers (~0.7 GB a 30 s window) come
    from memory the process already has (runtime.reuse_freed_memory) instead of being mapped and faulted in
    again (before: 266k page faults for these 55 s, 2.3 M for 5 minutes, 3-4 s of system time)."""
    import resource
    from dataclasses import replace

    import numpy as np

    from memo.multibatch import transcribe_chunks
    from memo.transcribe import TranscribeOptions

    audios = clips[1]
    audio = replace(audios[0], samples=np.concatenate([a.samples for a in audios] * 2))  # two windows
    transcribe_chunks(audio, TranscribeOptions())
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    transcript = transcribe_chunks(audio, TranscribeOptions())
    assert resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults < 50_000
    assert "mister john dashwood" in _norm(transcript.text)
