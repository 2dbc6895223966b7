"""Putting speaker labels on a transcript, and renaming them. Pure Python: no torch needed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import ConfigError
from ..records import Segment, SpeakerTurn, Transcript, Word

_LABEL = re.compile(r"^(?:speaker[_ ]?)?0*(\d+)$", re.IGNORECASE)


def assign_speakers(transcript: Transcript, turns: Iterable[SpeakerTurn]) -> Transcript:
    """Label every word with the speaker active over most of it and split segments where the speaker changes.

    A word that no turn overlaps (diarization and ASR disagree about where speech is) goes to the nearest
    turn. Segments without word timings are labelled as a whole by the same rule.
    """
    turns = tuple(sorted(turns, key=lambda t: (t.start, t.end)))
    if not turns:
        return replace(transcript, speaker_turns=())
    segments: list[Segment] = []
    for seg in transcript.segments:
        if not seg.words:
            segments.append(replace(seg, speaker=_speaker_of(seg.start, seg.end, turns)))
            continue
        words = [replace(w, speaker=_speaker_of(w.start, w.end, turns)) for w in seg.words]
        runs = _runs(words)
        if len(runs) == 1:
            segments.append(replace(seg, words=tuple(words), speaker=words[0].speaker))
            continue
        for run in runs:
            segments.append(
                Segment(
                    start=run[0].start,
                    end=run[-1].end,
                    text="".join(w.text for w in run).strip(),
                    words=tuple(run),
                    speaker=run[0].speaker,
                )
            )
    return replace(transcript, segments=tuple(segments), speaker_turns=turns)


def _speaker_of(start: float, end: float, turns: Sequence[SpeakerTurn]) -> str:
    overlap: dict[str, float] = {}
    for turn in turns:
        if turn.start >= end:
            break
        shared = min(end, turn.end) - max(start, turn.start)
        if shared > 0:
            overlap[turn.speaker] = overlap.get(turn.speaker, 0.0) + shared
    if overlap:
        return max(overlap, key=overlap.__getitem__)
    middle = (start + end) / 2
    nearest = min(turns, key=lambda t: max(t.start - middle, middle - t.end, 0.0))
    return nearest.speaker


def _runs(words: list[Word]) -> list[list[Word]]:
    runs: list[list[Word]] = []
    for word in words:
        if runs and runs[-1][-1].speaker == word.speaker:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def rename_speakers(transcript: Transcript, names: dict[str, str]) -> Transcript:
    """Replace speaker labels (SPEAKER_1, ...) by the given names everywhere in the transcript."""
    if not names:
        return transcript

    def name(label: str | None) -> str | None:
        return names.get(label, label) if label is not None else None

    segments = tuple(
        replace(s, speaker=name(s.speaker), words=tuple(replace(w, speaker=name(w.speaker)) for w in s.words))
        for s in transcript.segments
    )
    turns = tuple(replace(t, speaker=name(t.speaker)) for t in transcript.speaker_turns)
    return replace(transcript, segments=segments, speaker_turns=turns)


def parse_speaker_names(spec: str) -> dict[str, str]:
    """``"Host,Guest"`` (in order of appearance) or a mapping file (TOML, JSON, or ``SPEAKER_1=Host`` lines).

    Keys may be written SPEAKER_1, SPEAKER_01, speaker 1 or just 1.
    """
    path = Path(spec).expanduser()
    if path.is_file():
        return _parse_mapping_file(path)
    names = [n.strip() for n in spec.split(",")]
    if not spec.strip() or any(not n for n in names):
        raise ConfigError(f"--speaker-names {spec!r}: give names separated by commas (e.g. 'Host,Guest') or a file")
    return {f"SPEAKER_{i}": n for i, n in enumerate(names, 1)}


def _parse_mapping_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the speaker names file ({exc})") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        elif path.suffix.lower() == ".toml":
            data = _toml_loads(text)
            data = data.get("speakers", data)
        else:
            data = dict(_mapping_line(path, n, line) for n, line in enumerate(text.splitlines(), 1) if _content(line))
    except ValueError as exc:  # json and toml decode errors are ValueErrors
        raise ConfigError(f"{path}: invalid speaker names file ({exc})") from exc
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"{path}: expected a mapping like SPEAKER_1 = \"Host\"")
    mapping = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: the name for {key!r} must be a non-empty string")
        mapping[_label(path, str(key))] = value.strip()
    return mapping


def _content(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _mapping_line(path: Path, number: int, line: str) -> tuple[str, str]:
    key, sep, value = _content(line).partition("=")
    if not sep:
        key, sep, value = _content(line).partition(":")
    if not sep or not key.strip() or not value.strip():
        raise ConfigError(f"{path}:{number}: expected SPEAKER_1=Name, got {line.strip()!r}")
    return key.strip(), value.strip().strip("\"'")


def _label(path: Path, key: str) -> str:
    match = _LABEL.match(key.strip())
    if not match:
        raise ConfigError(f"{path}: {key!r} is not a speaker label (use SPEAKER_1, SPEAKER_2, ...)")
    return f"SPEAKER_{int(match.group(1))}"


def _toml_loads(text: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)
