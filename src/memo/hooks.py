"""What follows the outputs of one memo, whatever command wrote them: the HTML page gets the outline written
after it, and the search index learns the new transcript and outline. Neither can fail the memo."""

from __future__ import annotations

from pathlib import Path

from .records import Transcript


def outputs_written(paths: list[Path], transcript: Transcript | None = None) -> None:
    from . import htmlview, library

    htmlview.complete_pages(paths, transcript)
    library.record_outputs(paths)
