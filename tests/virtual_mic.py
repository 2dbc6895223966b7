"""Real virtual microphones for the recording tests (see shared research notes on recording).

- ``alsa_file_mic``: an ALSA ``file`` PCM that PortAudio lists as ``virtmic``; it plays a raw int16 file as
  fast as it is read (no real-time pacing) and returns garbage after its end, so feeds are padded with silence.
- ``PulseMic``: a private PulseAudio daemon whose null sink's monitor is the default source; what is played
  into the sink with ``paplay`` arrives at the microphone in real time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

RATE = 16000


def isolated_env(home: Path) -> dict[str, str]:
    """Environment for a subprocess that sees only the audio set up under ``home``."""
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    # MEMO_CACHE_DIR stays: the joined Whisper model is shared by the whole test session.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "ALSA_", "XDG_", "MEMO_RECORD_"))}
    src = str(Path(__file__).resolve().parent.parent / "src")
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), MEMO_HOME=str(home / "memo"), PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def alsa_file_mic(home: Path, feed: np.ndarray, rate: int = RATE) -> dict[str, str]:
    """Write ``$HOME/.asoundrc`` defining ``virtmic`` that plays int16 ``feed``; return the env to use it."""
    home.mkdir(parents=True, exist_ok=True)
    raw = home / f"feed-{rate}.raw"
    np.asarray(feed, "<i2").tofile(raw)
    (home / ".asoundrc").write_text(
        f'pcm.virtmic {{ type file; slave.pcm "null"; file "/dev/null"; infile "{raw}"; format "raw" }}\n'
    )
    return isolated_env(home)


def no_audio_env(home: Path) -> dict[str, str]:
    """An environment in which PortAudio finds no input device on a machine without sound cards: no ALSA
    user config and no reachable sound server. (An empty ALSA_CONFIG_PATH would be more thorough, but
    PortAudio 19.6 aborts on it.)"""
    env = isolated_env(home)
    env["PULSE_SERVER"] = f"unix:{home}/no-pulse-server"
    return env


def has_sound_card() -> bool:
    cards = Path("/proc/asound/cards")
    return cards.exists() and "no soundcards" not in cards.read_text() and cards.read_text().strip() != ""


def pulse_available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "pacat", "paplay"))


class PulseMic:
    """A private PulseAudio server with a 48 kHz null sink ``virtmic``; its monitor is the default source."""

    def __init__(self, home: Path):
        self.home = home
        self.env = isolated_env(home)
        # The server's socket lives here: keep the path short (Unix sockets allow 108 bytes).
        self.env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="memo-pulse-", dir="/tmp")
        self._procs: list[subprocess.Popen] = []

    def __enter__(self) -> PulseMic:
        daemon = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--system=false", "--log-target=stderr",
             "--load=module-native-protocol-unix",
             "--load=module-null-sink sink_name=virtmic rate=48000 channels=1 format=s16le"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._procs.append(daemon)
        deadline = time.monotonic() + 15
        while subprocess.run(["pactl", "info"], env=self.env, capture_output=True).returncode != 0:
            if daemon.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("PulseAudio did not start")
            time.sleep(0.1)
        subprocess.run(["pactl", "set-default-source", "virtmic.monitor"], env=self.env, check=True)
        # The monitor delivers nothing while nothing plays: keep a stream of silence going.
        self._procs.append(
            subprocess.Popen(
                ["pacat", "--playback", "--device=virtmic", "--format=s16le", "--rate=48000", "--channels=1",
                 "/dev/zero"],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        return self

    def play(self, samples: np.ndarray, rate: int = RATE) -> subprocess.Popen:
        """Start playing int16 ``samples`` into the microphone; returns the paplay process."""
        path = self.home / f"play-{time.monotonic_ns()}.wav"
        sf.write(path, np.asarray(samples, np.int16), rate, subtype="PCM_16")
        return subprocess.Popen(["paplay", "--device=virtmic", str(path)], env=self.env)

    def stop_server(self) -> None:
        """Kill the sound server, as when a USB microphone is unplugged."""
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop_server()
        shutil.rmtree(self.env["XDG_RUNTIME_DIR"], ignore_errors=True)


def fixture(seconds: float) -> np.ndarray:
    """The first ``seconds`` of the sample speech as int16 at 16 kHz."""
    samples, rate = sf.read(Path(__file__).parent.parent / "samples" / "sense_and_sensibility.flac", dtype="int16")
    assert rate == RATE
    return samples[: int(seconds * RATE)]


def align(recorded: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """(offset in samples, correlation): where ``reference`` starts in ``recorded`` and how well the overlap matches.

    The offset may be fractional: a path through PulseAudio resamples 16 -> 48 -> 16 kHz, which shifts the audio by
    a third of a sample depending on the phase, so the best fractional shift is searched too.
    """
    rec = recorded.astype(np.float64)
    ref = reference.astype(np.float64)
    probe = ref[: min(len(ref), 2 * RATE)]
    size = 1 << (len(rec) + len(probe)).bit_length()
    scores = np.fft.irfft(np.fft.rfft(rec, size) * np.conj(np.fft.rfft(probe, size)), size)
    start = int(np.argmax(scores[: max(1, len(rec) - len(probe) + 1)]))
    n = min(len(rec) - start, len(ref))
    edge = min(256, n // 4)  # the FFT shift wraps around at the ends
    spectrum, freqs = np.fft.rfft(ref[:n]), np.fft.rfftfreq(n)
    best = (float(start), -1.0)
    for shift in np.arange(-0.5, 0.5001, 1 / 24):
        shifted = np.fft.irfft(spectrum * np.exp(-2j * np.pi * freqs * shift), n)
        corr = float(np.corrcoef(rec[start + edge : start + n - edge], shifted[edge : n - edge])[0, 1])
        if corr > best[1]:
            best = (start + shift, corr)
    return best
