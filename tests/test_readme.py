"""The README's shell examples still work: every command in its ```bash blocks is run, in a temp folder.

Conventions (for everyone editing README.md):
- a fenced block directly preceded by a line ``<!-- no-test -->`` is skipped (network, microphone, slow setup);
- ``memo`` and ``.venv/bin/memo`` run this checkout's memo (``python -m memo``); ``bash scripts/install.sh`` is
  the install this test already runs in, so it is skipped; a command that sets ``OPENAI_API_KEY=`` needs the
  internet and is skipped; an ``--llm-base-url http://127.0.0.1:PORT/v1`` gets a scripted OpenAI-compatible
  server on that port;
- the inputs the examples name (talk.m4a, talk.json, memo.m4a, interview.m4a, call.wav …) are made from the
  shipped samples, short, so the whole test stays well under two minutes.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from llm_server import ScriptedServer
from memo_cli import EchoModel

CLIP = "sense_and_sensibility_01_austen_64kb-0880.wav"
SETUP = ("bash scripts/install.sh",)


def readme_commands(text: str) -> list[str]:
    """Commands of the ```bash blocks not marked <!-- no-test -->, one per line or per `&&` part."""
    commands, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != "```bash" or (i > 0 and lines[i - 1].strip() == "<!-- no-test -->"):
            continue
        for body in lines[i + 1 : lines.index("```", i + 1)]:
            body = body.split("  #")[0].split(" # ")[0].strip()
            if body and not body.startswith("#"):
                commands += [part.strip() for part in body.split("&&")]
    return [c for c in commands if not c.startswith(SETUP)]


def to_m4a(source: Path, target: Path) -> None:
    import av
    import soundfile as sf

    samples, rate = sf.read(source, dtype="float32")
    with av.open(str(target), "w") as out:
        stream = out.add_stream("aac", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)


def test_readme_commands_run(tmp_path, librivox):
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any(c.startswith(".venv/bin/memo process") for c in commands)  # the quick start is covered
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    clip = librivox / CLIP
    to_m4a(clip, tmp_path / "talk.m4a")
    for name in ("memo.m4a", "interview.m4a"):
        shutil.copy(tmp_path / "talk.m4a", tmp_path / name)
    shutil.copy(clip, tmp_path / "call.wav")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    servers = []
    try:
        for command in commands:
            words = shlex.split(command)
            if any(w.startswith("OPENAI_API_KEY=") for w in words):
                continue  # needs the internet
            assert words[0] in ("memo", ".venv/bin/memo"), f"README command not understood by this test: {command}"
            if "--llm-base-url" in words:
                port = int(re.search(r":(\d+)/", words[words.index("--llm-base-url") + 1]).group(1))
                try:
                    servers.append(ScriptedServer(EchoModel(), port=port))
                except OSError:
                    pytest.fail(f"port {port} of the README's example is busy on this machine")
            if words[1:3] == ["outline", "talk.json"] and not (tmp_path / "talk.json").exists():
                subprocess.run([sys.executable, "-m", "memo", "transcribe", "talk.m4a", "-f", "json"], cwd=tmp_path,
                               env=env, capture_output=True, timeout=300, check=True)  # fmt: skip
            done = subprocess.run([sys.executable, "-m", "memo", *words[1:]], cwd=tmp_path, env=env,
                                  capture_output=True, text=True, timeout=300)  # fmt: skip
            assert done.returncode == 0, f"{command}\n{done.stderr}"
            assert "error:" not in done.stderr, f"{command}\n{done.stderr}"
            for server in servers:
                server.close()
            servers.clear()
    finally:
        for server in servers:
            server.close()
    assert (tmp_path / "out" / "sense_and_sensibility.outline.md").exists()
    assert (tmp_path / "out" / "memo_zh.outline.md").exists()
    assert "engine: llm:qwen2.5:7b" in (tmp_path / "talk.outline.md").read_text()
