"""Recordings with known speaker turns, for the diarization tests and benchmark.

Synthetic conversations are spoken by espeak-ng voices (apt: espeak-ng); the reference turns come from the
actual speech extents of each utterance, so they are exact. Real single-speaker speech comes from the
pocketsphinx test data (apt: pocketsphinx-testdata) and from pyannote.audio's own two-speaker sample.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

SR = 16000
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")

SENTENCES = [
    "I think we should start with the budget, because everything else depends on it.",
    "Sure. How much did we spend last quarter?",
    "About twelve thousand, which is a bit more than we planned.",
    "That is not too bad. Where did the extra money go?",
    "Mostly travel. We had three conferences in a row and the hotels were expensive.",
    "Right, I remember. Can we cut that next year?",
    "Probably, if we send fewer people to each event.",
    "Okay. What about the new laptops for the design team?",
    "They arrive next week. I already ordered them in March.",
    "Great. Then the next topic is hiring.",
    "We have two open positions and about forty applications.",
    "Forty is a lot. Who is reading them?",
    "I will take the first half, and you could take the second half.",
    "Fine with me. When do you want to decide?",
    "Let us aim for the end of the month, so the new people can start in summer.",
    "Sounds good. One more thing: the office move.",
    "Yes, the landlord finally agreed to the new contract.",
    "So we move in September?",
    "Exactly, the first week of September, if nothing goes wrong.",
    "Then I will tell everyone at the meeting on Friday.",
    "Perfect. I think that is everything for today.",
    "Thanks, talk to you tomorrow.",
]


def speakers_in_sample() -> tuple[Path, Path]:
    """pyannote.audio's real two-speaker conversation (MIT) and its reference RTTM."""
    spec = importlib.util.find_spec("pyannote.audio")
    folder = Path(spec.submodule_search_locations[0]) / "sample"
    return folder / "sample.wav", folder / "sample.rttm"


def _espeak(text: str, voice: str, speed: int) -> np.ndarray:
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", tmp.name, text], check=True)
        samples, rate = sf.read(tmp.name, dtype="float32")
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    if rate != SR:
        # espeak-ng writes 22050 Hz; linear interpolation is plenty for speech used as test input
        t = np.arange(int(len(samples) * SR / rate)) / SR
        samples = np.interp(t, np.arange(len(samples)) / rate, samples).astype(np.float32)
    return _trim(samples)


def _trim(samples: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples


def conversation(
    path: Path,
    voices: list[str],
    *,
    turns: int = 16,
    sentences_per_turn: tuple[int, ...] = (1, 2),
    gap: tuple[float, float] = (0.3, 0.9),
    seed: int = 0,
    speed: int = 165,
) -> list[tuple[float, float, str]]:
    """Write a conversation between espeak-ng ``voices`` to ``path``; return its reference turns.

    Speakers take turns in a shuffled but never self-repeating order; each turn is 1-N sentences.
    """
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is not installed (apt install espeak-ng)")
    rng = np.random.default_rng(seed)
    pieces: list[np.ndarray] = [np.zeros(int(0.5 * SR), np.float32)]
    reference: list[tuple[float, float, str]] = []
    t = 0.5
    speaker = -1
    sentence = int(rng.integers(len(SENTENCES)))
    for _ in range(turns):
        speaker = int(rng.choice([s for s in range(len(voices)) if s != speaker]))
        n = int(rng.choice(sentences_per_turn))
        text = " ".join(SENTENCES[(sentence + i) % len(SENTENCES)] for i in range(n))
        sentence += n
        speech = _espeak(text, voices[speaker], speed)
        reference.append((t, t + len(speech) / SR, f"spk{speaker}"))
        pause = np.zeros(int(rng.uniform(*gap) * SR), np.float32)
        pieces += [speech, pause]
        t += (len(speech) + len(pause)) / SR
    sf.write(path, np.concatenate(pieces), SR)
    return reference


def librivox_reader(path: Path) -> float:
    """One real reader (LibriVox, public domain): the pocketsphinx test clips joined with short pauses."""
    pieces = []
    for clip in sorted(LIBRIVOX.glob("*.wav")):
        samples, rate = sf.read(clip, dtype="float32")
        assert rate == SR
        pieces += [samples, np.zeros(int(0.6 * SR), np.float32)]
    audio = np.concatenate(pieces)
    sf.write(path, audio, SR)
    return len(audio) / SR


def write_rttm(path: Path, turns: list[tuple[float, float, str]], uri: str = "audio") -> None:
    with open(path, "w") as f:
        for start, end, speaker in turns:
            f.write(f"SPEAKER {uri} 1 {start:.3f} {end - start:.3f} <NA> <NA> {speaker} <NA> <NA>\n")


def der(reference: list[tuple[float, float, str]], hypothesis, collar: float = 0.25) -> float:
    """Diarization error rate (pyannote.metrics, collar in seconds in total around each boundary)."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    ref, hyp = Annotation(), Annotation()
    for i, (start, end, speaker) in enumerate(reference):
        ref[Segment(start, end), i] = speaker
    for i, turn in enumerate(hypothesis):
        start, end, speaker = (turn.start, turn.end, turn.speaker) if hasattr(turn, "speaker") else turn
        hyp[Segment(start, end), i] = speaker
    return float(DiarizationErrorRate(collar=collar)(ref, hyp))


def read_rttm(path: Path) -> list[tuple[float, float, str]]:
    turns = []
    for line in Path(path).read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start, duration = float(fields[3]), float(fields[4])
            turns.append((start, start + duration, fields[7]))
    return turns
