"""Shared test setup: an isolated memo home and cache per test session, and real speech fixtures."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest

# Before memo is imported anywhere: tests never touch the user's config, cache or memos folder.
_session_dir = Path(tempfile.mkdtemp(prefix="memo-tests-"))
os.environ["MEMO_HOME"] = str(_session_dir / "home")
os.environ["MEMO_CACHE_DIR"] = str(_session_dir / "cache")
os.environ.pop("MEMO_CONFIG", None)
for name in ("MEMO_LLM_BASE_URL", "MEMO_LLM_API_KEY", "MEMO_LLM_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
    os.environ.pop(name, None)
# Nor a local LLM server someone runs on 11434/8080/8000: tests that want discovery point MEMO_LLM_PROBE at theirs.
os.environ["MEMO_LLM_PROBE"] = "off"
os.environ.pop("MEMO_LLM_TIMEOUT", None)
os.environ.pop("MEMO_LLM_BUDGET", None)

ROOT = Path(__file__).resolve().parent.parent


def default_sigint() -> None:
    """``preexec_fn`` for a child the test sends Ctrl+C: SIGINT back to its default action. A shell starts its
    background jobs with SIGINT ignored, and a Python child that inherits that never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


@pytest.fixture(scope="session")
def english_sample() -> Path:
    """24.7 s of real read speech (LibriVox via Debian's pocketsphinx-testdata), shipped in samples/."""
    return SAMPLES / "sense_and_sensibility.flac"


@pytest.fixture(scope="session")
def librivox() -> Path:
    if not (LIBRIVOX / "transcription").exists():
        pytest.fail("pocketsphinx-testdata is missing: apt-get install pocketsphinx-testdata (scripts/test.sh does)")
    return LIBRIVOX
