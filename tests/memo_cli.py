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


def request_name(body: dict) -> str:
    if "response_format" in body and body["response_format"]["type"] == "json_schema":
        return body["response_format"]["json_schema"]["name"]
    return ""


def user_message(body: dict) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


class EchoModel:
    """Valid, grounded answers made from the llm engine's request itself, so every answer passes its checks:
    a rewrite echoes each numbered point, no recognition fixes; a title is the first words of the first point;
    more points are the excerpt's own sentences, as many as the schema asks for."""

    def __call__(self, body: dict):
        name = request_name(body)
        schema = body["response_format"]["json_schema"]["schema"]
        user = user_message(body)
        if name == "memo_rewrite":
            answer = {"points": re.findall(r"^\d+\. (.*)$", user, re.M), "fixes": []}
        elif name == "memo_title":
            first = re.search(r"^- (.*)$", user, re.M)
            words = re.sub(r"[.。!?！？]+$", "", first.group(1) if first else user).split()
            answer = {"title": " ".join(words[:5]) if len(words) > 1 else words[0][:12]}
        elif name == "memo_points":
            excerpt = user.split("\n\n", 1)[-1]
            sentences = [t for t in re.split(r"(?<=[.!?。！？])\s*", excerpt) if t.strip()]
            wanted = schema["properties"]["points"]
            count = max(wanted["minItems"], min(len(sentences), wanted["maxItems"]))
            answer = {"points": (sentences * count)[:count]}
        else:
            raise ValueError(f"EchoModel: a request it does not know: {name!r}")
        return 200, completion(json.dumps(answer, ensure_ascii=False))
