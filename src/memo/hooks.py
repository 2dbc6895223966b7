"""What follows the outputs of one memo, whatever command wrote them: the HTML page gets the outline written
after it, and the search index learns the new transcript and outline. Neither can fail the memo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import to_stderr
from .records import Transcript


def outputs_written(
    paths: list[Path], transcript: Transcript | None = None, notice: Callable[[str], None] = to_stderr
) -> None:
    """``notice`` gets the one warning line when the page or the index could not be updated."""
    from . import htmlview, library

    htmlview.complete_pages(paths, transcript, notice)
    library.record_outputs(paths, notice)
