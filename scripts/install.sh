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
else
    "${PIP[@]}" -e "."
fi
.venv/bin/memo models >/dev/null
echo "memo installed: $(.venv/bin/memo --version)"
