"""Zero-config local LLM: is an Ollama, llama.cpp or vLLM server listening on this machine?

With ``--engine auto`` and no endpoint configured, memo asks the usual loopback ports for their models
(all at once, 0.3 s in total) and uses the first server that lists one. Loopback only: nothing leaves the
machine. ``MEMO_LLM_PROBE`` changes the list (``host:port,host:port``) or turns probing off (``off``).
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache

from .endpoint import LOOPBACK

# Ollama, llama.cpp's llama-server, vLLM: their default ports.
DEFAULT_PROBES = ("127.0.0.1:11434", "127.0.0.1:8080", "127.0.0.1:8000")
PROBE_SECONDS = 0.3
_SKIP = ("embed", "rerank", "whisper")  # models a chat endpoint lists but cannot chat with


@dataclass(frozen=True)
class LocalServer:
    """A server that answered: its OpenAI-compatible base URL and the chat models it lists."""

    address: str  # host:port
    base_url: str
    models: tuple[str, ...]
    kind: str  # "ollama" or "openai-compatible"


def probe_addresses() -> tuple[str, ...]:
    """The loopback host:port pairs to probe (``MEMO_LLM_PROBE``), in order of preference; () when off."""
    value = os.environ.get("MEMO_LLM_PROBE")
    if value is None:
        return DEFAULT_PROBES
    if value.strip().lower() in ("", "0", "off", "no", "false", "none"):
        return ()
    out = []
    for item in value.split(","):
        host, _, port = item.strip().rpartition(":")
        if host in LOOPBACK and port.isdigit():  # never a probe off this machine
            out.append(f"{host}:{port}")
    return tuple(out)


def _get_json(url: str, timeout: float) -> object:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback http only
        return json.loads(response.read(1_000_000))


def _probe(address: str, deadline: float) -> LocalServer | None:
    base = f"http://{address}"
    for path, kind in (("/v1/models", "openai-compatible"), ("/api/tags", "ollama")):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            data = _get_json(base + path, left)
        except (OSError, ValueError):
            continue  # refused, timed out, not JSON: try the other path (Ollama before 0.1.24 has only /api/tags)
        if not isinstance(data, dict):
            continue
        items = data.get("data") if path == "/v1/models" else data.get("models")
        names = [str(m.get("id") or m.get("name") or "") for m in items or () if isinstance(m, dict)]
        models = tuple(n for n in names if n and not any(s in n.lower() for s in _SKIP))
        if address.endswith(":11434"):
            kind = "ollama"
        return LocalServer(address, f"{base}/v1", models, kind)
    return None


def probe(addresses: tuple[str, ...] | None = None, seconds: float = PROBE_SECONDS) -> list[LocalServer]:
    """Every server among ``addresses`` that answered within ``seconds`` (all probed at once), in their order."""
    addresses = probe_addresses() if addresses is None else addresses
    if not addresses:
        return []
    deadline = time.monotonic() + seconds
    pool = ThreadPoolExecutor(max_workers=len(addresses))
    futures = [pool.submit(_probe, a, deadline) for a in addresses]
    wait(futures, timeout=seconds + 0.05)
    pool.shutdown(wait=False, cancel_futures=True)  # a server that hangs is not waited for
    return [f.result() for f in futures if f.done() and not f.cancelled() and f.result() is not None]


def find_local_server() -> LocalServer | None:
    """The first local server that lists a chat model (probed once per process and probe list)."""
    return _first_server(probe_addresses())


@cache
def _first_server(addresses: tuple[str, ...]) -> LocalServer | None:
    return next((s for s in probe(addresses) if s.models), None)
