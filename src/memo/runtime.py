"""CPU threads for every stage, decided in one place so that stages never oversubscribe the cores.

Two rules, both measured (README, "Speakers"):
- OpenMP threads must not spin. torch's OpenMP workers busy-wait for work by default; next to any other
  busy process (or memo's own transcription) a 30 s clip took 294 s to diarize instead of 13 s. memo sets
  ``OMP_WAIT_POLICY=PASSIVE`` before torch starts its thread pool (a user's own setting wins).
- Concurrent stages split the cores: when transcription and diarization run at the same time, diarization
  gets ``diarize_threads(concurrent=True)`` (a quarter of the cores, at least one) and CTranslate2 the rest.

``MEMO_THREADS`` caps the number of cores memo uses (default: the cores this process may run on).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read once, when the OpenMP runtime starts


def cpu_cores() -> int:
    """Cores memo may use: MEMO_THREADS, else the CPU affinity of this process."""
    env = os.environ.get("MEMO_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def diarize_threads(concurrent: bool = False) -> int:
    """torch intra-op threads for diarization (inter-op is always 1: its graphs are sequential)."""
    cores = cpu_cores()
    return max(1, cores // 4) if concurrent else cores


def transcribe_threads(concurrent: bool = False) -> int:
    """CTranslate2 ``cpu_threads`` for transcription: the cores diarization does not take."""
    cores = cpu_cores()
    return max(1, cores - diarize_threads(True)) if concurrent else cores


@contextlib.contextmanager
def torch_threads(threads: int | None = None, concurrent: bool = False) -> Iterator[int]:
    """Run torch with ``threads`` intra-op threads (default: ``diarize_threads``); restored afterwards."""
    import torch

    wanted = threads or diarize_threads(concurrent)
    before = torch.get_num_threads()
    torch.set_num_threads(wanted)
    with contextlib.suppress(RuntimeError):  # only settable before the first parallel work
        torch.set_num_interop_threads(1)
    try:
        yield wanted
    finally:
        torch.set_num_threads(before)
