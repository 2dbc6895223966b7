"""From transcript to outline: load a transcript, clean it, structure it into sections, render Markdown.

Public API (what the CLI uses)::

    transcript = load_transcript("memo.json")            # or .txt / .md, or memo.transcribe(...) for audio
    result = outline(transcript, OutlineOptions(engine="auto", template="default"))
    if result.notice: print(result.notice)                # e.g. "no LLM endpoint configured or found; ..."
    markdown = render_markdown(result)

Engines: ``offline`` (built in, rule-based, no model), ``llm`` (any OpenAI-compatible endpoint, see llm.py) and
``auto``: llm when an endpoint is configured or a local server is found (discover.py), else offline; when the
endpoint fails, auto falls back to the offline engine too. ``Outline.notice`` says so in one line (also logged
as a warning on the ``memo`` logger).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from ..errors import EngineError
from ..records import Outline, Transcript
from .endpoint import LLMSettings
from .loaders import load_transcript
from .options import ENGINES, OutlineOptions, choose_endpoint
from .render import render_markdown
from .templates import SectionSpec, Template, list_templates, load_template

__all__ = [
    "ENGINES",
    "OutlineOptions",
    "SectionSpec",
    "Template",
    "list_templates",
    "load_template",
    "load_transcript",
    "outline",
    "render_markdown",
]

log = logging.getLogger("memo")


def outline(
    transcript: Transcript,
    options: OutlineOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    llm: LLMSettings | None = None,
    **overrides: Any,
) -> Outline:
    """Clean ``transcript`` and structure it into the template's sections.

    ``overrides`` are OutlineOptions fields, so ``outline(t, engine="offline")`` works. ``llm`` forces an
    endpoint (else: configured, or found on this machine). ``progress`` receives short status lines. With the
    llm engine, ``Outline.stats`` holds the requests and tokens it cost.
    """
    options = dataclasses.replace(options or OutlineOptions(), **overrides)
    spec = options.check()
    if not transcript.segments or not transcript.text.strip():
        raise EngineError(f"{transcript.source or 'input'}: the transcript is empty; nothing to outline")
    if options.engine == "offline":
        return _offline(transcript, spec, progress, "")
    settings, notice = (llm, "") if llm is not None else choose_endpoint(options)
    if settings is None:
        return _offline(transcript, spec, progress, notice)
    if notice:
        log.warning(notice)
    from .llm import llm_outline

    try:
        result = llm_outline(transcript, spec, settings, progress)
    except EngineError as exc:
        if options.engine == "llm":
            raise
        return _offline(transcript, spec, progress, f"LLM engine failed ({exc}); used the offline engine")
    return dataclasses.replace(result, notice="; ".join(n for n in (notice, result.notice) if n))


def _offline(transcript: Transcript, spec: Template, progress, notice: str) -> Outline:
    from .offline import offline_outline

    if notice:
        log.warning(notice)
    result = offline_outline(transcript, spec, progress)
    return dataclasses.replace(result, notice=notice) if notice else result
