"""Microphone capture that never loses what was said.

Audio flows PortAudio callback -> queue -> capture loop -> ``NAME.partial.wav``. libsndfile rewrites
that file's header after every block, so a killed process leaves a valid WAV holding everything up to
the last block (50 ms). A clean stop renames it into place (or converts it to FLAC); the next
``record()``, or ``memo record --recover``, turns leftovers into normal recordings.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

try:
    import fcntl
except ImportError:  # Windows: no flock, so a concurrent --recover is not kept off a recording in progress
    fcntl = None

from .audio import AUDIO_EXTENSIONS, SAMPLE_RATE
from .config import default_memos_dir
from .errors import RecordingError
from .recover import FORMATS, PARTIAL_SUFFIX, free_name, partial_path, read_partial, recover_partials, write_audio

__all__ = [  # recovery lives in recover.py; these stay importable from here
    "FORMATS", "PARTIAL_SUFFIX", "DeviceLostError", "InputDevice", "Level", "Recording", "default_memos_dir",
    "find_input_device", "list_input_devices", "partial_path", "record", "recover_partials",
]  # fmt: skip
BLOCK_SECONDS = 0.05  # one callback block: the most a SIGKILL can cost
FSYNC_SECONDS = 2.0  # page cache survives a killed process; fsync is for power loss
SPEECH_DB = -40.0  # block RMS above this (dBFS) counts as speech for --stop-on-silence
FIRST_AUDIO_TIMEOUT = 10.0  # a fresh PulseAudio capture takes ~2 s to deliver its first block
STALL_TIMEOUT = 3.0  # no block for this long after the first one: the device is gone
_SFC_SET_UPDATE_HEADER_AUTO = 0x1061  # libsndfile: rewrite the header after every write


@dataclass(frozen=True)
class InputDevice:
    """A PortAudio input device, as ``memo record --list-devices`` shows it."""

    index: int
    name: str
    hostapi: str
    channels: int
    default_samplerate: float
    is_default: bool = False


@dataclass(frozen=True)
class Level:
    """What the meter shows after each block."""

    elapsed: float  # seconds recorded so far
    rms_db: float  # loudness of the last block, dBFS
    peak: float  # 0..1
    speech: bool  # above the speech threshold


@dataclass(frozen=True)
class Recording:
    """A finished recording. ``recovered`` lists leftover partial files turned into recordings before it began."""

    path: Path
    duration: float
    frames: int
    sample_rate: int
    device: str = ""
    capture_rate: int = SAMPLE_RATE  # the device's rate; resampled to ``sample_rate`` when different
    stop_reason: str = "stopped"  # stopped | max-duration | silence | device-lost
    overflows: int = 0  # blocks PortAudio reported as overflowed (audio dropped by the device)
    recovered: tuple[Path, ...] = ()


class DeviceLostError(RecordingError):
    """The input device went away mid-recording; ``recording`` holds what was saved up to then."""

    def __init__(self, message: str, recording: Recording):
        super().__init__(message)
        self.recording = recording


def _sounddevice():
    try:
        import sounddevice
    except OSError as exc:  # the wheel needs the system PortAudio
        raise RecordingError(
            "PortAudio is not installed, so memo cannot use a microphone; install it (apt-get install libportaudio2)"
        ) from exc
    return sounddevice


def list_input_devices() -> list[InputDevice]:
    """Every input device PortAudio sees, the default one marked."""
    sd = _sounddevice()
    try:
        default = sd.query_devices(kind="input")["index"]
    except (sd.PortAudioError, ValueError):
        default = None
    hostapis = sd.query_hostapis()
    return [
        InputDevice(
            index=d["index"],
            name=d["name"],
            hostapi=hostapis[d["hostapi"]]["name"],
            channels=d["max_input_channels"],
            default_samplerate=d["default_samplerate"],
            is_default=d["index"] == default,
        )
        for d in sd.query_devices()
        if d["max_input_channels"] > 0
    ]


def find_input_device(device: int | str | None = None) -> InputDevice:
    """The device named by index, exact name or unique part of a name; the default input for None."""
    devices = list_input_devices()
    if not devices:
        raise RecordingError(
            "no microphone found (no audio input device is available); "
            "connect one, or check that the sound server is running"
        )
    if device is None or device == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(device, int) or str(device).isdigit():
        match = [d for d in devices if d.index == int(device)]
    else:
        match = [d for d in devices if d.name == device] or [d for d in devices if device.lower() in d.name.lower()]
    if len(match) != 1:
        names = ", ".join(f"{d.index}: {d.name}" for d in devices)
        what = "matches several input devices" if match else "is not an input device"
        raise RecordingError(f"--mic {device} {what} ({names}); see memo record --list-devices")
    return match[0]


def _target(path: str | os.PathLike | None, fmt: str | None) -> Path:
    """The final file name: a timestamp in the memos folder unless a file name is given."""
    path = Path(path).expanduser() if path is not None else None
    suffix = path.suffix.lower().lstrip(".") if path is not None else ""
    suffix_fmt = suffix if suffix in FORMATS else None
    if fmt is not None and fmt.lower() not in FORMATS:
        raise RecordingError(f"unknown recording format '{fmt}'; use wav or flac")
    if fmt and suffix_fmt and fmt.lower() != suffix_fmt:
        raise RecordingError(f"{path}: the name says {suffix_fmt} but the format asked is {fmt}; make them agree")
    if suffix_fmt is None and f".{suffix}" in AUDIO_EXTENSIONS:  # x.mp3 must not quietly become x.mp3.wav
        raise RecordingError(f"{path}: memo records wav or flac, not {suffix}; name it {path.stem}.wav or .flac")
    fmt = (fmt or suffix_fmt or "wav").lower()
    if path is None or path.is_dir():
        folder = path if path is not None else default_memos_dir()
        return free_name(folder / f"{time.strftime('%Y-%m-%d_%H-%M-%S')}.{fmt}")
    if not suffix_fmt:
        path = path.with_name(f"{path.name}.{fmt}")
    if path.exists() or partial_path(path).exists():
        raise RecordingError(f"{path} already exists; pick another name or move it away")
    return path


class _Resampler:
    """Streams int16 blocks from the device's rate to the file's; libswresample keeps its state between blocks."""

    def __init__(self, source_rate: int, rate: int):
        import av

        self._av = av
        self._source_rate = source_rate
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)

    def __call__(self, block: np.ndarray | None) -> np.ndarray:
        frame = None
        if block is not None:
            frame = self._av.AudioFrame.from_ndarray(block.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = self._source_rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out) if out else np.zeros(0, np.int16)


class _PartialFile:
    """``NAME.partial.wav``, locked while open so recovery never touches a recording in progress."""

    def __init__(self, path: Path, rate: int):
        import soundfile as sf

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.frames = 0
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError as exc:
            raise RecordingError(f"cannot create {path} ({exc.strerror}); check the folder is writable") from exc
        if fcntl:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._file = sf.SoundFile(self._fd, "w", rate, 1, "PCM_16", format="WAV", closefd=False)
        sf._snd.sf_command(self._file._file, _SFC_SET_UPDATE_HEADER_AUTO, sf._ffi.NULL, 1)
        self._synced = time.monotonic()

    def write(self, samples: np.ndarray) -> None:
        if samples.size:
            self._file.write(samples)
            self.frames += samples.size
        if time.monotonic() - self._synced > FSYNC_SECONDS:
            os.fsync(self._fd)
            self._synced = time.monotonic()

    def finish(self, target: Path) -> None:
        """Close the partial file and put it in place as ``target`` (converted when not WAV)."""
        self._file.close()
        os.fsync(self._fd)
        try:
            if target.suffix.lower() == ".wav":
                os.replace(self.path, target)
            else:
                _convert(self.path, target)
                os.unlink(self.path)
        finally:
            os.close(self._fd)  # unlocks only now, so recovery cannot grab the file before it is in place

    def abandon(self) -> None:
        """Drop a partial file that received no audio."""
        self._file.close()
        os.unlink(self.path)
        os.close(self._fd)


def _convert(partial: Path, target: Path) -> None:
    rate, samples = read_partial(partial)
    write_audio(target, samples, rate)


def _level(block: np.ndarray) -> tuple[float, float]:
    """(RMS in dBFS, peak 0..1) of an int16 block."""
    if block.size == 0:
        return -120.0, 0.0
    x = block.astype(np.float32) / 32768.0
    rms = float(np.sqrt(np.mean(x * x)))
    return (20 * np.log10(rms) if rms > 1e-6 else -120.0), float(np.max(np.abs(x)))


@contextlib.contextmanager
def _signals_stop(event: threading.Event) -> Iterator[None]:
    """Ctrl+C and SIGTERM end the recording cleanly instead of killing it; a second Ctrl+C interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum, frame):
        if event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        event.set()

    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def record(
    path: str | os.PathLike | None = None,
    *,
    device: int | str | None = None,
    samplerate: int = SAMPLE_RATE,
    fmt: str | None = None,
    max_duration: float | None = None,
    stop_on_silence: float | None = None,
    on_level: Callable[[Level], None] | None = None,
    on_start: Callable[[Path, InputDevice], None] | None = None,
    stop_event: threading.Event | None = None,
    capture_rate: int | None = None,
    speech_db: float = SPEECH_DB,
    recover: bool = True,
) -> Recording:
    """Record mono ``samplerate`` audio from ``device`` until stopped; return the saved file.

    Stops when ``stop_event`` is set (Ctrl+C and SIGTERM set it when called from the main thread), after
    ``max_duration`` seconds, or after ``stop_on_silence`` seconds below ``speech_db`` once speech was heard.
    ``fmt`` is wav or flac (default: from the file name, else wav). ``capture_rate`` forces the device's rate
    (default: ``samplerate`` if the device takes it, else its native rate, resampled). ``on_start`` is called
    when the first audio arrives, ``on_level`` after every block. Partial files left by killed recordings in
    the target folder are recovered first (``Recording.recovered``). Raises RecordingError when no device can
    be opened, DeviceLostError (holding the saved part) when the device goes away mid-recording.
    """
    target = _target(path, fmt)  # a bad name fails before the microphone is opened
    sd = _sounddevice()
    dev = find_input_device(device)
    recovered = tuple(recover_partials(target.parent)) if recover else ()
    rate, channels = _capture_format(sd, dev, samplerate, capture_rate)
    blocks: queue.Queue[np.ndarray] = queue.Queue()
    overflows = 0

    def callback(indata, frames, time_info, status) -> None:  # PortAudio's thread: only hand the block over
        nonlocal overflows
        overflows += bool(status.input_overflow)
        blocks.put(indata[:, 0].copy() if channels == 1 else indata.mean(axis=1).astype(np.int16))

    try:  # the stream before the file, so a device error leaves nothing behind
        stream = sd.InputStream(
            device=dev.index, channels=channels, samplerate=rate, dtype="int16",
            blocksize=max(1, int(rate * BLOCK_SECONDS)), latency="low", callback=callback,
        )  # fmt: skip
    except (sd.PortAudioError, ValueError) as exc:
        raise RecordingError(
            f"cannot open input device '{dev.name}' at {rate} Hz ({exc}); check it is connected and free, "
            "or pick another with --mic (memo record --list-devices)"
        ) from exc

    stop_event = stop_event or threading.Event()
    resample = _Resampler(rate, samplerate) if rate != samplerate else None
    max_frames = int(round(max_duration * samplerate)) if max_duration else None
    try:
        partial = _PartialFile(partial_path(target), samplerate)
    except BaseException:
        _close(stream)
        raise

    def take(block: np.ndarray) -> np.ndarray:
        samples = resample(block) if resample else block
        return samples if max_frames is None else samples[: max_frames - partial.frames]

    reason = "stopped"
    try:
        with _signals_stop(stop_event):
            stream.start()
            started, last_block, heard, quiet = time.monotonic(), None, False, 0.0
            while True:
                if stop_event.is_set():
                    break
                try:
                    block = blocks.get(timeout=0.05)
                except queue.Empty:
                    now = time.monotonic()
                    if last_block is None and now - started > FIRST_AUDIO_TIMEOUT:
                        raise RecordingError(
                            f"input device '{dev.name}' delivered no audio in {FIRST_AUDIO_TIMEOUT:.0f} s; "
                            "check it is not muted or used by another program, or pick another with --mic"
                        ) from None
                    if not stream.active or (last_block is not None and now - last_block > STALL_TIMEOUT):
                        reason = "device-lost"
                        break
                    continue
                if last_block is None and on_start:
                    on_start(target, dev)
                last_block = time.monotonic()
                partial.write(take(block))
                db, peak = _level(block)
                heard = heard or db > speech_db
                quiet = 0.0 if db > speech_db else quiet + len(block) / rate
                if on_level:
                    on_level(Level(partial.frames / samplerate, db, peak, db > speech_db))
                if max_frames is not None and partial.frames >= max_frames:
                    reason = "max-duration"
                    break
                if stop_on_silence and heard and quiet >= stop_on_silence:
                    reason = "silence"
                    break
    except BaseException:
        _close(stream)
        _finish_or_drop(partial, target)
        raise
    _close(stream)
    if reason == "stopped":  # blocks already captured when the user stopped are part of the recording
        while not blocks.empty():
            partial.write(take(blocks.get_nowait()))
    if resample and reason != "max-duration":
        partial.write(take(None))
    if not _finish_or_drop(partial, target):
        raise RecordingError(f"recording stopped before any audio arrived from '{dev.name}'; nothing was saved")
    result = Recording(
        path=target, duration=partial.frames / samplerate, frames=partial.frames, sample_rate=samplerate,
        device=dev.name, capture_rate=rate, stop_reason=reason, overflows=overflows, recovered=recovered,
    )  # fmt: skip
    if reason == "device-lost":
        raise DeviceLostError(
            f"input device '{dev.name}' stopped delivering audio after {result.duration:.1f} s (unplugged or "
            f"the sound server stopped); the {result.duration:.1f} s recorded so far are saved in {target}",
            result,
        )
    return result


def _capture_format(sd, dev: InputDevice, samplerate: int, capture_rate: int | None) -> tuple[int, int]:
    """(rate, channels) to open the device with: mono at the wanted rate if it can, else its native rate
    (resampled), else two channels mixed down (some hardware inputs only open as stereo)."""
    rates = [capture_rate] if capture_rate else [samplerate, int(dev.default_samplerate)]
    for channels in (1, 2)[: min(2, max(1, dev.channels))]:
        for rate in rates:
            if _supports(sd, dev, rate, channels):
                return rate, channels
    return rates[0], 1  # opening the stream reports why not


def _supports(sd, dev: InputDevice, rate: int, channels: int) -> bool:
    try:
        sd.check_input_settings(device=dev.index, channels=channels, dtype="int16", samplerate=rate)
    except (sd.PortAudioError, ValueError):
        return False
    return True


def _close(stream, timeout: float = 3.0) -> None:
    """Abort and close the stream, without letting a dead device hang memo: the audio is already on disk."""

    def close() -> None:
        # abort, not stop: stop() waits for a buffer to drain and can hang on a source that delivers nothing
        with contextlib.suppress(Exception):
            stream.abort()
        with contextlib.suppress(Exception):
            stream.close()

    closer = threading.Thread(target=close, daemon=True)
    closer.start()
    closer.join(timeout)
    if closer.is_alive():  # PortAudio is stuck on a vanished device; its exit handler would hang the same way
        import atexit

        import sounddevice

        atexit.unregister(sounddevice._exit_handler)


def _finish_or_drop(partial: _PartialFile, target: Path) -> bool:
    """Put what was recorded in place; drop an empty partial file. True when a file was saved."""
    if partial.frames == 0:
        partial.abandon()
        return False
    partial.finish(target)
    return True
