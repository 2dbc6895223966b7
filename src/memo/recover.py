"""Recordings left behind by a killed ``memo record``: partial files turned back into normal recordings.

A recording grows in ``NAME.partial.wav`` (see record.py), locked by its process while open. Anything
unlocked that is left over was interrupted; ``recover_partials`` saves what it holds, trusting the bytes on
disk over the WAV header (a kill between a block's data and its header update leaves the sizes one block short).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

try:
    import fcntl
except ImportError:  # Windows: no flock, so a concurrent --recover is not kept off a recording in progress
    fcntl = None

from .audio import SAMPLE_RATE
from .config import default_memos_dir
from .errors import RecordingError
from .fileio import atomic_open

FORMATS = ("wav", "flac")
PARTIAL_SUFFIX = ".partial.wav"


def partial_path(target: Path) -> Path:
    """The file a recording grows in until it stops: ``talk.flac`` -> ``talk.flac.partial.wav``."""
    return target.with_name(target.name + PARTIAL_SUFFIX)


def free_name(path: Path, tag: str = "") -> Path:
    """``path`` (with ``tag`` added) or the first of -2, -3, … that neither exists nor is being recorded."""
    stem, suffix = path.name[: -len(path.suffix)], path.suffix
    for n in range(1, 10_000):
        candidate = path.with_name(f"{stem}{tag}{'' if n == 1 else f'-{n}'}{suffix}")
        if not candidate.exists() and not partial_path(candidate).exists():
            return candidate
    raise RecordingError(f"{path.parent}: too many files named {stem}*; clean up the folder")


def write_audio(target: Path, samples: np.ndarray, rate: int) -> None:
    """int16 ``samples`` to ``target`` (WAV or FLAC by its suffix), atomically."""
    import soundfile as sf

    fmt = target.suffix.lower().lstrip(".")
    with atomic_open(target, "wb") as handle:
        sf.write(handle, samples, rate, subtype="PCM_16", format=fmt.upper())


def read_partial(path: Path) -> tuple[int, np.ndarray]:
    """Sample rate and int16 samples of a partial WAV, trusting the bytes on disk over the header's sizes."""
    data = path.read_bytes()
    if data[:4] not in (b"RIFF", b"RF64") or data[8:12] != b"WAVE":
        raise RecordingError(f"{path}: not a WAV file; it was not written by memo record")
    pos, rate = 12, None
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if chunk == b"fmt ":
            rate = struct.unpack("<I", data[pos + 12 : pos + 16])[0]
        elif chunk == b"data":
            body = data[pos + 8 :]
            return rate or SAMPLE_RATE, np.frombuffer(body[: len(body) // 2 * 2], "<i2").copy()
        pos += 8 + size + (size & 1)
    return rate or SAMPLE_RATE, np.zeros(0, np.int16)


def recover_partials(folder: str | os.PathLike | None = None) -> list[Path]:
    """Turn partial files left by killed recordings in ``folder`` (default: the memos folder) into recordings.

    A partial file still being recorded (locked by its process) is left alone. Returns the recovered files.
    """
    folder = Path(folder) if folder is not None else default_memos_dir()
    if not folder.is_dir():
        return []
    return [path for partial in sorted(folder.glob("*" + PARTIAL_SUFFIX)) if (path := _recover(partial))]


def _recover(partial: Path) -> Path | None:
    try:
        fd = os.open(partial, os.O_RDONLY)
    except FileNotFoundError:  # finished meanwhile
        return None
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstat(fd).st_ino != os.stat(partial).st_ino:
            return None
        rate, samples = read_partial(partial)
        if samples.size == 0:
            os.unlink(partial)
            return None
        target = Path(str(partial)[: -len(PARTIAL_SUFFIX)])
        if target.suffix.lower().lstrip(".") not in FORMATS:
            target = target.with_name(target.name + ".wav")
        if target.exists():  # e.g. a recording with the same name was made after the crash
            target = free_name(target, tag="-recovered")
        write_audio(target, samples, rate)
        os.unlink(partial)
        return target
    except (BlockingIOError, FileNotFoundError):  # being recorded right now, or finished meanwhile
        return None
    finally:
        os.close(fd)
