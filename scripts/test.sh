#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run them. `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- system packages the tests use: real speech, synthetic voices, PortAudio ---
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libportaudio2 pocketsphinx-testdata espeak-ng sox >/dev/null
    # --- memo record tests: a real-time virtual microphone (PulseAudio null sink; the ALSA pulse plugin
    # --- in libasound2-plugins is how PortAudio 19.6 reaches it) ---
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        pulseaudio pulseaudio-utils libasound2-plugins >/dev/null
fi

bash scripts/install.sh
.venv/bin/python -m pip install -q -c scripts/constraints.txt -e ".[test]"

.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -ra "$@"
