"""Crash-safe file writes: every file memo writes goes to a temp file in the same folder, then is renamed.

A killed run therefore leaves either the old file or the new one, never half of one. The temp file it may
leave (``.NAME.XXXXXXXX.tmp``) is locked while being written, so the next run can tell it is stale and
remove it (``clean_stale_temp_files``) without touching a write in progress in another process.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no flock; stale temp files are recognised by age instead
    fcntl = None

_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what mkstemp(prefix=".NAME.", suffix=".tmp") makes
_UNLOCKED_STALE_AFTER = 24 * 3600.0  # without flock, only old temp files are surely abandoned


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temp file beside ``path``; on success fsync and rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    if fcntl:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released when the process ends, however it ends
    os.chmod(tmp, _default_mode())  # mkstemp makes 0600 files; outputs should look like any other file
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def clean_stale_temp_files(folder: str | os.PathLike) -> list[Path]:
    """Remove temp files that writes killed mid-way left in ``folder``; return what was removed."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.iterdir():
        if _TEMP_NAME.match(path.name) and path.is_file() and _is_stale(path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def _is_stale(path: Path) -> bool:
    age = time.time() - path.stat().st_mtime
    if fcntl is None:
        return age > _UNLOCKED_STALE_AFTER
    if age < 1.0:
        return False  # just created: its writer may not hold the lock yet
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True  # nobody holds it: its writer is gone
    except BlockingIOError:
        return False  # being written right now
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_open(path, "w") as handle:
        handle.write(text)
    return Path(path)
