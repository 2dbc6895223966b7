"""Decode any input once into 16 kHz mono float32, shared by every later stage.

PyAV bundles FFmpeg, so wav, mp3, m4a, ogg/opus, flac, webm and the audio of mp4
all decode without a system FFmpeg.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import AudioError

SAMPLE_RATE = 16000

# Extensions picked up when walking folders. Files named explicitly are tried whatever their name.
AUDIO_EXTENSIONS = frozenset(
    (".wav", ".wave", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac", ".webm")
    + (".mp4", ".mkv", ".mov", ".wma", ".amr", ".aiff", ".aif", ".caf", ".w64")
)


@dataclass(frozen=True)
class Audio:
    """Decoded audio: mono float32 samples in [-1, 1] at ``sample_rate``."""

    samples: np.ndarray
    sample_rate: int
    source: str
    header_duration: float = 0.0  # what the container says (0.0: unknown); more than decoded = truncated file

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    @property
    def truncated(self) -> bool:
        """The file announces clearly more audio than could be decoded (a cut-off download or copy)."""
        return self.header_duration - self.duration > max(1.0, 0.05 * self.header_duration)


def decode(path: str | os.PathLike, sample_rate: int = SAMPLE_RATE) -> Audio:
    """Decode ``path`` to mono float32 at ``sample_rate``; raise AudioError with a clear reason otherwise."""
    import av  # imported here so `memo --help` stays instant

    path = check_file(path)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
    chunks: list[np.ndarray] = []
    header = 0.0
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path}: has no audio stream; is it an audio or video file?")
            header = float(container.duration or 0) / 1_000_000
            for frame in _valid_frames(container.decode(audio=0)):
                frame.pts = None  # resample by sample count; broken timestamps must not stop decoding
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AudioError(f"{path}: cannot be decoded as audio ({reason}); is it a corrupt or non-audio file?") from exc

    samples = np.concatenate(chunks).astype(np.float32, copy=False) if chunks else np.zeros(0, np.float32)
    if samples.size == 0:
        raise AudioError(f"{path}: contains no audio samples; the recording is empty or truncated")
    return Audio(samples=samples, sample_rate=sample_rate, source=str(path), header_duration=header)


def check_file(path: str | os.PathLike) -> Path:
    """Fail early, with a clear line, on inputs that cannot be audio: missing, a folder, unreadable, empty."""
    path = Path(path)
    if not path.exists():
        raise AudioError(f"{path}: file not found; check the path")
    if path.is_dir():
        raise AudioError(f"{path}: is a folder; pass files, or the folder with --recursive")
    if not os.access(path, os.R_OK):
        raise AudioError(f"{path}: permission denied; make the file readable")
    if path.stat().st_size == 0:
        raise AudioError(f"{path}: file is empty (0 bytes); record or copy it again")
    return path


def _valid_frames(frames):
    """Skip frames FFmpeg flags as invalid instead of failing the whole file (e.g. a torn tail)."""
    import av

    iterator = iter(frames)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue
