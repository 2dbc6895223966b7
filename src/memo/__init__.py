"""memo: rambling spoken notes in, clean transcript and structured Markdown outline out, all local.

The public API is small; everything the CLI does goes through it.
"""

from __future__ import annotations

__version__ = "0.2.0"  # before the imports: transcribe.py reads it

from .diarize import DiarizeOptions, diarize  # light: torch and pyannote load on the first call
from .errors import MemoError
from .models import default_model_dir
from .records import Outline, OutlinePoint, OutlineSection, Segment, SpeakerTurn, TimeRange, Transcript, Word
from .structure import load_transcript, outline, render_markdown
from .structure.options import OutlineOptions
from .transcribe import TranscribeOptions, transcribe  # the function shadows the module name, as in openai-whisper

__all__ = [
    "DiarizeOptions",
    "MemoError",
    "Outline",
    "OutlineOptions",
    "OutlinePoint",
    "OutlineSection",
    "Segment",
    "SpeakerTurn",
    "TimeRange",
    "Transcript",
    "TranscribeOptions",
    "Word",
    "default_model_dir",
    "diarize",
    "load_transcript",
    "outline",
    "render_markdown",
    "transcribe",
]
