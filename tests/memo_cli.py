"""Running the real `memo` command in tests: in-process through typer's runner (fast: models stay loaded) or
as a subprocess (signals, exit codes, a fresh interpreter)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from llm_server import completion
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


def _name(body: dict) -> str:
    if "response_format" in body and body["response_format"]["type"] == "json_schema":
        return body["response_format"]["json_schema"]["name"]
    return ""


class EchoModel:
    """Valid answers from the request itself: the cleanup echoes each line, each section gets the first line."""

    def __call__(self, body: dict):
        name = _name(body)
        schema = body["response_format"]["json_schema"]["schema"]
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        lines = [(int(i), t) for i, t in re.findall(r"^\[(\d+)\] (.*)$", user, re.M)]
        if name == "memo_plan":
            answer = {"title": "Scripted title", "structure": []}
        elif name == "memo_cleanup":
            answer = {"segments": [{"id": i, "text": t, "new_paragraph": False} for i, t in lines]}
        else:
            keys = schema["properties"]["points"]["items"]["properties"]["section"]["enum"]
            answer = {"points": [{"section": keys[0], "text": lines[0][1], "sources": [lines[0][0]]}]}
        return 200, completion(json.dumps(answer))
