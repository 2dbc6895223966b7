"""`memo record` through real PortAudio input devices: an ALSA file device (exact, faster than real time) and a
private PulseAudio server (real time) for kills, clean stops and a device that goes away.

The recorder always runs as its own process (`python -m memo record`): PortAudio reads the audio setup once,
and process-level behaviour (SIGKILL, SIGINT, exit codes) is what is being tested.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import default_sigint
from virtual_mic import (
    RATE,
    PulseMic,
    align,
    alsa_file_mic,
    fixture,
    has_sound_card,
    no_audio_env,
    pulse_available,
)

from memo.recover import PARTIAL_SUFFIX, read_partial, recover_partials

MEMO = [sys.executable, "-m", "memo"]


def memo_record(env: dict, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MEMO, "record", *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
    )


def silence(seconds: float, rate: int = RATE) -> np.ndarray:
    return np.zeros(int(seconds * rate), np.int16)


def read_int16(path: Path) -> np.ndarray:
    samples, rate = sf.read(path, dtype="int16")
    assert rate == RATE
    return samples


# --- ALSA file device: exact and fast ---------------------------------------------------------------------


def test_recording_is_bit_exact_and_stops_on_silence_after_speech(tmp_path):
    speech = fixture(4.0)
    # 1.5 s of silence first: --stop-on-silence 1 must not fire before the speech has started.
    feed = np.concatenate([silence(1.5), speech, silence(3.0)])
    env = alsa_file_mic(tmp_path / "home", feed)
    out = tmp_path / "memos" / "talk.wav"
    done = memo_record(env, str(out), "--mic", "virtmic", "--stop-on-silence", "1", "--no-transcribe")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert "recording started" in done.stderr and "silence" in done.stderr
    assert not list(out.parent.glob("*" + PARTIAL_SUFFIX))
    recorded = read_int16(out)
    assert 1.5 + 4.0 < len(recorded) / RATE < 1.5 + 4.0 + 1.5  # all the speech, then about 1 s of silence
    assert np.array_equal(recorded, feed[: len(recorded)])


def test_max_duration_cuts_exactly(tmp_path):
    feed = np.concatenate([fixture(4.0), silence(1.0)])
    env = alsa_file_mic(tmp_path / "home", feed)
    out = tmp_path / "short.wav"
    done = memo_record(env, str(out), "--mic", "0", "--max-duration", "2.5", "--no-transcribe")
    assert done.returncode == 0, done.stderr
    recorded = read_int16(out)
    assert len(recorded) == int(2.5 * RATE)
    assert np.array_equal(recorded, feed[: len(recorded)])


def test_default_name_flac_and_resampling_from_the_device_rate(tmp_path):
    """A device that runs at 48 kHz is resampled to 16 kHz; FLAC on request; the name is a timestamp."""
    import av

    speech = np.concatenate([silence(0.5), fixture(3.0), silence(1.5)])
    resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
    frame = av.AudioFrame.from_ndarray(speech.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = RATE
    feed48 = np.concatenate([f.to_ndarray().reshape(-1) for f in resampler.resample(frame) + resampler.resample(None)])
    env = alsa_file_mic(tmp_path / "home", np.concatenate([feed48, np.zeros(48000 * 3, np.int16)]), rate=48000)
    code = (
        "import sys; from memo.record import record; "
        "r = record(device='virtmic', fmt='flac', capture_rate=48000, stop_on_silence=1.0); print(r.path, r.frames)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    path, frames = done.stdout.split()
    path = Path(path)
    assert path.parent == Path(env["MEMO_HOME"]) / "memos"
    assert path.suffix == ".flac" and path.name[:2] == "20"  # 2026-05-01_14-03-22.flac
    assert sf.info(path).format == "FLAC"
    recorded = read_int16(path)
    assert len(recorded) == int(frames)
    offset, corr = align(recorded, speech)
    assert abs(offset) <= 2 and corr > 0.999, (offset, corr)


def test_record_then_transcribe_through_the_transcribe_path(tmp_path):
    env = alsa_file_mic(tmp_path / "home", np.concatenate([silence(0.5), fixture(4.0), silence(3.0)]))
    out = tmp_path / "memo.wav"
    done = memo_record(env, str(out), "--mic", "virtmic", "--stop-on-silence", "1", "-f", "txt", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "dashwood" in (tmp_path / "memo.txt").read_text().lower()


@pytest.mark.skipif(has_sound_card(), reason="this machine has a sound card, so it has an input device")
def test_no_input_device_is_a_clear_error(tmp_path):
    env = no_audio_env(tmp_path / "home")
    done = memo_record(env, "--no-transcribe")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("error: no microphone found")
    assert "Traceback" not in done.stderr
    assert not (Path(env["MEMO_HOME"]) / "memos").exists() or not any((Path(env["MEMO_HOME"]) / "memos").iterdir())
    assert memo_record(env, "--list-devices").stdout == ""


def test_partial_recovery_trusts_the_data_over_a_lagging_header(tmp_path):
    """A kill between a block's data and its header update leaves the header one block short."""
    samples = fixture(1.0)
    partial = tmp_path / ("lag.flac" + PARTIAL_SUFFIX)
    sf.write(partial, samples[:8000], RATE, subtype="PCM_16", format="WAV")
    with open(partial, "ab") as handle:  # the last block's data, written after the header was last updated
        handle.write(samples[8000:].astype("<i2").tobytes())
    assert read_partial(partial) == (RATE, pytest.approx(samples))
    recovered = recover_partials(tmp_path)
    assert recovered == [tmp_path / "lag.flac"]
    assert np.array_equal(read_int16(recovered[0]), samples)
    assert not partial.exists()


# --- PulseAudio: real time ---------------------------------------------------------------------------------


@pytest.fixture()
def pulse(tmp_path):
    if not pulse_available():
        pytest.fail("PulseAudio is missing: apt-get install pulseaudio pulseaudio-utils (scripts/test.sh does)")
    with PulseMic(tmp_path / "pulse") as mic:
        yield mic


class Recorder:
    """`memo record` running in the background; ``started`` is when its first audio arrived."""

    def __init__(self, env: dict, *args: str):
        self.proc = subprocess.Popen(
            [*MEMO, "record", *args, "--no-transcribe"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, preexec_fn=default_sigint,
        )  # fmt: skip
        self.lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            if line.startswith("recording started"):
                return
        self.proc.kill()
        raise AssertionError("recorder did not start: " + "".join(self.lines) + self.proc.stderr.read())

    def finish(self) -> tuple[int, str]:
        try:
            _, err = self.proc.communicate(timeout=30)
        finally:
            self.proc.kill()
        return self.proc.returncode, "".join(self.lines) + err


def test_sigkill_keeps_audio_up_to_the_kill_and_is_recovered(tmp_path, pulse):
    folder = tmp_path / "memos"
    out = folder / "killed.wav"
    speech = fixture(6.0)
    recorder = Recorder(pulse.env, str(out))
    played = time.monotonic()
    player = pulse.play(speech)
    time.sleep(3.0)
    recorder.proc.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    code, _ = recorder.finish()
    player.wait(timeout=30)
    assert code == -signal.SIGKILL

    partial = folder / ("killed.wav" + PARTIAL_SUFFIX)
    assert not out.exists() and partial.exists()
    with wave.open(str(partial)) as w:  # a valid WAV as it lies, header included
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
        declared = w.getnframes()
    recorded = read_int16(partial)
    assert len(recorded) == declared
    offset, corr = align(recorded, speech)
    assert corr > 0.999, corr
    speech_kept = (len(recorded) - offset) / RATE
    lost = (killed - played) - speech_kept  # paplay's start-up adds some jitter (tens of ms)
    print(f"SIGKILL: {speech_kept:.3f} s of speech kept, {lost * 1000:.0f} ms before the kill lost")
    assert lost <= 0.2

    # `memo record --recover FOLDER` on a copy, and recovery on the next start in the original folder.
    spare = tmp_path / "spare"
    spare.mkdir()
    shutil.copy(partial, spare / partial.name)
    done = memo_record(pulse.env, "--recover", str(spare))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(spare / "killed.wav")]
    assert np.array_equal(read_int16(spare / "killed.wav"), recorded)

    done = memo_record(pulse.env, str(folder / "next.wav"), "--max-duration", "0.5", "--no-transcribe")
    assert done.returncode == 0, done.stderr
    assert f"recovered {out}" in done.stderr
    assert np.array_equal(read_int16(out), recorded)
    assert not partial.exists()
    assert len(read_int16(folder / "next.wav")) == RATE // 2


@pytest.mark.parametrize("stop", ["ctrl-c", "enter"])
def test_clean_stop_keeps_everything(tmp_path, pulse, stop):
    out = tmp_path / "memos" / "clean.wav"
    speech = fixture(3.0)
    recorder = Recorder(pulse.env, str(out))
    pulse.play(speech).wait(timeout=30)
    # A recording in progress is locked: recovery must leave it alone.
    assert recover_partials(out.parent) == []
    time.sleep(0.5)
    if stop == "ctrl-c":
        recorder.proc.send_signal(signal.SIGINT)
    else:
        recorder.proc.stdin.write("\n")
        recorder.proc.stdin.flush()
    code, err = recorder.finish()
    assert code == 0, err
    assert "memo: saved" in err and "Traceback" not in err
    assert not list(out.parent.glob("*" + PARTIAL_SUFFIX))
    recorded = read_int16(out)
    offset, corr = align(recorded, speech)
    assert corr > 0.999, corr
    assert len(recorded) - offset >= len(speech)  # all the speech, and the half second after it


def test_device_gone_mid_recording_keeps_what_was_recorded(tmp_path, pulse):
    out = tmp_path / "memos" / "lost.wav"
    recorder = Recorder(pulse.env, str(out))
    pulse.play(fixture(6.0))
    time.sleep(2.0)
    pulse.stop_server()  # what a USB microphone being pulled looks like to PortAudio
    code, err = recorder.finish()
    assert code == 1
    assert "error: input device 'default' stopped delivering audio" in err
    assert f"saved in {out}" in err
    assert 1.0 < len(read_int16(out)) / RATE < 4.0
    assert not list(out.parent.glob("*" + PARTIAL_SUFFIX))
