"""From transcript to outline: load a transcript, clean it, structure it into sections, render Markdown.

Public API (what the CLI uses)::

    transcript = load_transcript("memo.json")            # or .txt / .md, or memo.transcribe(...) for audio
    result = outline(transcript, engine="auto", template="default")
    if result.notice: print(result.notice)                # e.g. "no LLM endpoint configured: used the offline engine"
    markdown = render_markdown(result)

Engines: ``offline`` (built in, rule-based, no model), ``llm`` (any OpenAI-compatible endpoint, see llm.py) and
``auto``: llm when an endpoint is configured, else offline; when the endpoint fails, auto falls back to the
offline engine too. Whenever auto does not use the llm engine, ``Outline.notice`` says so in one line
(also logged as a warning on the ``memo`` logger).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineError
from ..records import Outline, Transcript
from .loaders import load_transcript
from .render import render_markdown
from .templates import SectionSpec, Template, list_templates, load_template

__all__ = [
    "ENGINES",
    "SectionSpec",
    "Template",
    "list_templates",
    "load_template",
    "load_transcript",
    "outline",
    "render_markdown",
    "write_outline",
]

ENGINES = ("auto", "offline", "llm")
log = logging.getLogger("memo")


def _llm_module():
    try:
        from . import llm
    except ImportError:  # the llm engine is optional at import time; offline must always work
        return None
    return llm


def outline(
    transcript: Transcript,
    *,
    engine: str = "auto",
    template: str | Template = "default",
    llm: Any = None,
    progress: Callable[[str], None] | None = None,
) -> Outline:
    """Clean ``transcript`` and structure it into ``template``'s sections.

    ``llm`` is an ``LLMSettings`` (from ``memo.structure.llm.resolve_llm_settings``); when None the configured
    endpoint (flags/env/config) is used. ``progress`` receives short status lines.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    spec = template if isinstance(template, Template) else load_template(template)
    if not transcript.segments or not transcript.text.strip():
        raise EngineError(f"{transcript.source or 'input'}: the transcript is empty; nothing to outline")

    if engine in ("auto", "llm"):
        module = _llm_module()
        settings = llm
        if settings is None and module is not None:
            settings = module.resolve_llm_settings()
        if engine == "llm":
            if module is None:
                raise EngineError("the llm engine is not available in this install; use --engine offline")
            if settings is None:
                raise EngineError(
                    "no LLM endpoint configured; set MEMO_LLM_BASE_URL (or OPENAI_BASE_URL / OPENAI_API_KEY) "
                    "or [llm] base_url in config.toml, or use --engine offline"
                )
            return module.llm_outline(transcript, spec, settings, progress)
        if settings is not None and module is not None:
            try:
                return module.llm_outline(transcript, spec, settings, progress)
            except EngineError as exc:
                return _offline(transcript, spec, progress, f"LLM engine failed ({exc}); used the offline engine")
        return _offline(
            transcript, spec, progress, "no LLM endpoint configured (MEMO_LLM_BASE_URL); used the offline engine"
        )
    return _offline(transcript, spec, progress, "")


def _offline(transcript: Transcript, spec: Template, progress, notice: str) -> Outline:
    from .offline import offline_outline

    if notice:
        log.warning(notice)
    result = offline_outline(transcript, spec, progress)
    return dataclasses.replace(result, notice=notice) if notice else result


def write_outline(result: Outline, path: str | Path) -> Path:
    """Render ``result`` and write it atomically to ``path``."""
    from ..fileio import atomic_write_text

    return atomic_write_text(path, render_markdown(result))
