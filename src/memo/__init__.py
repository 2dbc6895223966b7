"""memo: rambling spoken notes in, clean transcript and structured Markdown outline out, all local.

The public API is small; everything the CLI does goes through it.
"""

from __future__ import annotations

from .errors import MemoError
from .records import Outline, OutlinePoint, OutlineSection, Segment, SpeakerTurn, TimeRange, Transcript, Word

__version__ = "0.1.0"

__all__ = [
    "MemoError",
    "Outline",
    "OutlinePoint",
    "OutlineSection",
    "Segment",
    "SpeakerTurn",
    "TimeRange",
    "Transcript",
    "Word",
    "default_model_dir",
    "transcribe",
]


def __getattr__(name: str):
    # Lazy so `import memo` (and `memo --help`) does not load CTranslate2 or torch.
    if name in ("transcribe", "default_model_dir"):
        from . import models, transcribe

        return {"transcribe": transcribe.transcribe, "default_model_dir": models.default_model_dir}[name]
    raise AttributeError(name)
