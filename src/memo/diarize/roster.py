"""Speakers memo remembers across memos: voiceprints in memo's user folder, matched after clustering.

A voiceprint is the CAM++ embedding memo's diarization computes, averaged over all of a speaker's speech
(normalised). ``speakers.json`` in ``memo_home()`` holds one per name, with the files it came from.
Matching is one-to-one (a name labels at most one speaker of a recording, the best-scoring pairs first) and
needs a cosine similarity of at least MATCH; a speaker that matches no one stays SPEAKER_n.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import memo_home
from ..errors import ConfigError
from ..fileio import atomic_write_text
from .options import MODES, check_mode, check_name, parse_present  # noqa: F401 (the roster's own rules)

MATCH = 0.55  # CAM++ voiceprints: same person across recordings 0.65-0.9, different people 0.15-0.5 (README)


@dataclass(frozen=True)
class Voice:
    name: str
    print: tuple[float, ...]
    sources: tuple[str, ...]
    seconds: float


def roster_path() -> Path:
    return memo_home() / "speakers.json"


def load() -> dict[str, Voice]:
    path = roster_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {n: Voice(n, tuple(v["print"]), tuple(v["sources"]), float(v["seconds"])) for n, v in data.items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: damaged speaker roster ({exc}); delete it and enrol the speakers again") from exc


def save(voices: dict[str, Voice]) -> Path:
    data = {v.name: {"print": list(v.print), "sources": list(v.sources), "seconds": v.seconds} for v in voices.values()}
    return atomic_write_text(roster_path(), json.dumps(data, ensure_ascii=False, indent=1))


def digest() -> str:
    """Changes whenever the roster does (part of the transcript cache key)."""
    path = roster_path()
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else ""


def enroll(name: str, files: Sequence[Path]) -> Voice:
    """Store ``name``'s voiceprint from recordings of that person alone (the dominant voice if there are more)."""
    from ..audio import decode
    from . import voiceprints

    name = check_name(name)
    if not files:
        raise ConfigError("memo speakers enroll: give at least one recording of the speaker")
    prints, weights = [], []
    for path in files:
        audio = decode(Path(path))
        found = voiceprints(audio)
        if not found:
            raise ConfigError(f"{path}: no speech found to enrol {name} from")
        vec, seconds = max(found, key=lambda f: f[1])
        prints.append(vec * seconds)
        weights.append(seconds)
    mean = np.sum(prints, axis=0)
    voice = Voice(name, tuple(float(v) for v in mean / np.linalg.norm(mean)),
                  tuple(str(Path(p).resolve()) for p in files), round(float(sum(weights)), 1))
    voices = load()
    voices[name] = voice
    save(voices)
    return voice


def remove(name: str) -> None:
    voices = load()
    if name not in voices:
        raise ConfigError(f"no enrolled speaker {name!r} (see: memo speakers list)")
    del voices[name]
    save(voices)


def rename(old: str, new: str) -> None:
    voices = load()
    new = check_name(new)
    if old not in voices:
        raise ConfigError(f"no enrolled speaker {old!r} (see: memo speakers list)")
    if new in voices:
        raise ConfigError(f"a speaker named {new!r} is already enrolled; remove it first")
    voices = {(new if n == old else n): (Voice(new, v.print, v.sources, v.seconds) if n == old else v)
              for n, v in voices.items()}
    save(voices)


def match(prints: np.ndarray, voices: dict[str, Voice], allowed: Sequence[str] | None = None,
          threshold: float = MATCH) -> dict[int, tuple[str, float]]:
    """Speaker index -> (name, similarity) for the speakers that sound like an enrolled voice."""
    names = [n for n in voices if allowed is None or n in allowed]
    if not names or not len(prints):
        return {}
    enrolled = np.array([voices[n].print for n in names])
    sim = prints @ enrolled.T
    out: dict[int, tuple[str, float]] = {}
    for flat in np.argsort(-sim, axis=None):
        i, j = np.unravel_index(flat, sim.shape)
        if sim[i, j] < threshold:
            break
        if i not in out and names[j] not in {n for n, _ in out.values()}:
            out[int(i)] = (names[j], float(sim[i, j]))
    return out


