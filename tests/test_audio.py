"""Decoding: every common container/codec PyAV handles comes out as the same 16 kHz mono float32."""

from __future__ import annotations

import numpy as np
import pytest

from memo.audio import SAMPLE_RATE, decode

FORMATS = {  # extension: (codec, encoder sample rate)
    "wav": ("pcm_s16le", 16000),
    "mp3": ("libmp3lame", 16000),
    "m4a": ("aac", 16000),
    "mp4": ("aac", 16000),
    "ogg": ("libopus", 48000),
    "opus": ("libopus", 48000),
    "webm": ("libopus", 48000),
    "flac": ("flac", 16000),
}


def encode(samples: np.ndarray, path, codec: str, rate: int) -> None:
    """Write ``samples`` (16 kHz mono float32) with PyAV's bundled encoders."""
    import av

    pcm = np.clip(samples * 32767, -32768, 32767).astype(np.int16)[None, :]
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
        for out in resampler.resample(frame):
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def make_formats(samples: np.ndarray, folder) -> dict[str, object]:
    paths = {}
    for ext, (codec, rate) in FORMATS.items():
        paths[ext] = folder / f"clip.{ext}"
        encode(samples, paths[ext], codec, rate)
    return paths


@pytest.fixture(scope="module")
def clip(english_sample) -> np.ndarray:
    return decode(english_sample).samples[: 4 * SAMPLE_RATE]


@pytest.mark.parametrize("ext", FORMATS)
def test_every_format_decodes_to_the_same_audio(ext, clip, tmp_path):
    path = make_formats(clip, tmp_path)[ext]
    audio = decode(path)
    assert audio.sample_rate == 16000 and audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert abs(audio.duration - 4.0) < 0.15  # codecs pad a few frames
    # Same signal: lossy codecs differ in detail, not in loudness.
    rms = lambda x: float(np.sqrt(np.mean(x**2)))  # noqa: E731
    assert rms(audio.samples) == pytest.approx(rms(clip), rel=0.1)


def test_stereo_48k_is_mixed_down_and_resampled(clip, tmp_path):
    import soundfile as sf

    stereo = np.stack([np.repeat(clip, 3), np.repeat(clip, 3)], axis=1)
    path = tmp_path / "stereo48k.wav"
    sf.write(path, stereo, 48000)
    audio = decode(path)
    assert abs(audio.duration - 4.0) < 0.01


def test_truncated_file_keeps_what_is_readable(english_sample, tmp_path):
    torn = tmp_path / "torn.flac"
    data = english_sample.read_bytes()
    torn.write_bytes(data[: len(data) // 2])
    audio = decode(torn)
    assert 8 < audio.duration < 16
