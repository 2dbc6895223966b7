#!/usr/bin/env bash
# Install memo on a fresh Debian/Ubuntu machine into ./.venv, offline-capable afterwards.
# Usage: bash scripts/install.sh            (memo + diarization)
#        MEMO_EXTRAS= bash scripts/install.sh (memo alone, no torch)
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS="${MEMO_EXTRAS-diarize}"
PYTHON="${PYTHON:-python3}"

# System libraries: PortAudio for `memo record`.
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    if ! dpkg -s libportaudio2 >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libportaudio2 >/dev/null
    fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
"${PIP[@]}" --upgrade pip >/dev/null

if [[ ",$EXTRAS," == *",diarize,"* ]]; then
    # CPU torch first and pinned, so nothing below can pull CUDA wheels.
    "${PIP[@]}" torch==2.13.0
    "${PIP[@]}" -c scripts/constraints.txt -e ".[${EXTRAS}]"
    # pip resolves pyannote.audio to a CUDA-linked torchaudio whose compiled extension cannot load next to
    # the CPU torch. torchaudio runs without it (pyannote only needs its pure-Python parts). memo copes
    # either way; removing the unloadable library makes a plain `import pyannote.audio` work too.
    .venv/bin/python - <<'PY'
import importlib.util, pathlib, torch
lib = pathlib.Path(importlib.util.find_spec("torchaudio").submodule_search_locations[0]) / "lib"
for so in sorted(lib.glob("*torchaudio*.so")):
    try:
        torch.ops.load_library(str(so))
    except OSError:
        print(f"removing {so.name}: it cannot load with this torch build (torchaudio works without it)")
        so.unlink()
PY
else
    "${PIP[@]}" -e "."
fi
.venv/bin/memo models >/dev/null
echo "memo installed: $(.venv/bin/memo --version)"
