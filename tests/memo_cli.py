"""Running the real `memo` command in tests: in-process through typer's runner (fast: models stay loaded) or
as a subprocess (signals, exit codes, a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from memo.cli import app

MEMO = [sys.executable, "-m", "memo"]


def run_memo(*args, cwd=None, timeout=300, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MEMO, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout, env=env
    )


def invoke(*args, env: dict | None = None):
    """``memo ARGS`` in this process; the result has ``exit_code``, ``stdout`` and ``stderr``."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("error:")]
