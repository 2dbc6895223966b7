"""What ``outline(transcript, options)`` is asked to do, and which endpoint the llm engine talks to.

The engine check and the "no endpoint" rule live here, once: the CLI, the pipeline and the library all go
through :meth:`OutlineOptions.check` and :func:`choose_endpoint`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import setting
from ..errors import ConfigError, EngineError
from .endpoint import LLMSettings, parse_timeout, resolve_llm_settings
from .templates import Template, load_template

ENGINES = ("auto", "offline", "llm")


@dataclass(frozen=True)
class OutlineOptions:
    """Outline settings (``memo outline``, ``--outline``). LLM fields fall back to env and config; with none
    set, ``auto`` and ``llm`` look for a local server (see discover.py)."""

    engine: str = "auto"  # auto | offline | llm
    template: str | Template = "default"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout: float | None = None  # seconds per request; None: scaled to each request on a local server

    def check(self) -> Template:
        """The template, once every option is known to be valid; ConfigError (one line) otherwise."""
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine '{self.engine}'; use {', '.join(ENGINES[:-1])} or {ENGINES[-1]}")
        if self.llm_timeout is not None and self.llm_timeout <= 0:
            raise ConfigError(f"invalid --llm-timeout {self.llm_timeout:g}; use a positive number of seconds")
        return self.template if isinstance(self.template, Template) else load_template(self.template)


def choose_endpoint(options: OutlineOptions) -> tuple[LLMSettings | None, str]:
    """The endpoint for ``options`` and the one line to tell the user about that choice ("" when nothing to say).

    Configured (flags > env > config) first; else, for auto and llm, a server found on this machine; else None
    for auto (the offline engine runs) and an EngineError for llm.
    """
    if options.engine == "offline":
        return None, ""
    settings = resolve_llm_settings(options.llm_base_url, options.llm_api_key, options.llm_model, options.llm_timeout)
    if settings is not None:
        return settings, ""
    from .discover import find_local_server, probe_addresses

    server = find_local_server()
    if server is not None:
        wanted = setting("llm", "model", options.llm_model, None)
        model = wanted if wanted in server.models else server.models[0]
        found = LLMSettings(server.base_url, "not-needed", model, parse_timeout(options.llm_timeout))
        return found, (f"using the local LLM server at {server.base_url} ({server.kind}, model '{model}'); "
                       "set MEMO_LLM_BASE_URL or use --engine offline to choose otherwise")
    probed = ", ".join(probe_addresses()) or "probing off (MEMO_LLM_PROBE)"
    if options.engine == "llm":
        raise EngineError(
            f"no LLM endpoint configured and no local server found ({probed}); set --llm-base-url or "
            "MEMO_LLM_BASE_URL (or OPENAI_API_KEY), start Ollama or llama.cpp, or use --engine offline"
        )
    return None, f"no LLM endpoint configured or found ({probed}); used the offline engine"
