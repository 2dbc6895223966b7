"""CPU threads for every stage, decided in one place so that stages never oversubscribe the cores.

Two rules, both measured (README, "Speakers"):
- OpenMP threads must not spin. torch's OpenMP workers busy-wait for work by default; next to any other
  busy process (or memo's own transcription) a 30 s clip took 294 s to diarize instead of 13 s. memo sets
  ``OMP_WAIT_POLICY=PASSIVE`` before torch starts its thread pool (a user's own setting wins).
- Concurrent stages split the cores: when transcription and diarization run at the same time, diarization
  gets ``diarize_threads(concurrent=True)`` (a quarter of the cores, at least one) and CTranslate2 the rest.

``MEMO_THREADS`` caps the number of cores memo uses (default: the cores this process may run on).

A third, for speed: freed memory is kept for reuse (``reuse_freed_memory``), see there.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
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


# glibc mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_MAX, _M_ARENA_MAX = -1, -4, -8


@functools.cache
def reuse_freed_memory() -> bool:
    """Make glibc's malloc keep freed memory in one heap for reuse, instead of handing it back to the kernel.

    CTranslate2's encoder allocates and frees ~0.7 GB per 30 s window (attention scores of 72 MB per window
    and layer) from its worker thread: glibc serves those from mmap or per-thread 64 MB heaps that it
    unmaps on free, so every window faulted its pages in again: 2.1 M page faults and 3-4 s of system time
    for a 5.5-minute file, against 0.3 M and 0.7 s with this (transcription 9.6-11 s -> 8.3 s, one process).
    Runs when this module is imported, before any thread of memo's starts: a thread that allocated before
    keeps an arena of its own, and CTranslate2's threads could be handed it. The memory stays with the
    process until it exits, at its peak (about the peak there was anyway: 1.3 GB against 1.2 GB).
    No-op (False) where malloc is not glibc's, or with ``MEMO_MALLOC=system``.
    """
    if not sys.platform.startswith("linux") or os.environ.get("MEMO_MALLOC", "").lower() == "system":
        return False  # MEMO_MALLOC=system: an application that imports memo keeps glibc's defaults
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018 - glibc only (musl's mallopt does nothing)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    # One arena: CTranslate2's worker thread would otherwise get its own, whose heaps are unmapped when empty.
    return all(
        mallopt(param, value) == 1
        for param, value in ((_M_ARENA_MAX, 1), (_M_MMAP_MAX, 0), (_M_TRIM_THRESHOLD, 2**31 - 1))
    )


reuse_freed_memory()
