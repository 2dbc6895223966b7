"""Every failure a user can meet is a MemoError: one line that says what happened and what to do."""

from __future__ import annotations


class MemoError(Exception):
    """A failure the user can act on. ``str(err)`` is the one line the CLI prints."""


class AudioError(MemoError):
    """An input could not be read as audio (missing, empty, corrupt, not audio)."""


class ModelError(MemoError):
    """A model could not be found, joined or loaded."""


class DiarizationError(MemoError):
    """Speaker diarization could not run (missing extra, bad model path)."""


class EngineError(MemoError):
    """The outline engine failed (endpoint down, timeout, invalid response)."""


class RecordingError(MemoError):
    """The microphone could not be opened or was lost while recording."""


class ConfigError(MemoError):
    """A setting or a user-supplied file (template, mapping) is invalid."""


class NoSpeechError(MemoError):
    """An input decoded fine but holds no speech (silence, noise): nothing is written, and it is not done."""


def one_line(message: object, limit: int = 0) -> str:
    """``message`` on one line (errors from other libraries, the Hugging Face hub…, span several), cut to
    ``limit`` characters when given."""
    text = " ".join(str(message).split())
    return text[: limit - 1] + "…" if 0 < limit < len(text) else text


def to_stderr(line: str) -> None:
    """The default for a library function's ``notice`` callback when its caller passes none."""
    import sys

    print(line, file=sys.stderr, flush=True)
