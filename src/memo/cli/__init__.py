"""The `memo` command: typer parses, the library works, these modules print.

base.py holds the app and the option types every command shares; process.py the transcribe / outline / process
commands (one implementation); record.py, library.py (watch, search, index, view) and speakers.py the rest.
"""

from __future__ import annotations

import sys

import typer

from ..errors import MemoError, one_line
from . import library, process, record  # noqa: F401 - importing them registers their commands
from .base import app
from .speakers import app as speakers_app

app.add_typer(speakers_app, name="speakers")

__all__ = ["app", "entry"]


def entry() -> None:
    """Console entry: MemoError becomes one line unless --debug."""
    import logging

    # The library logs notices (e.g. which outline engine ran); the CLI prints them itself, once.
    logging.getLogger("memo").addHandler(logging.NullHandler())
    try:
        app()
    except MemoError as exc:
        if "--debug" in sys.argv:
            raise
        typer.echo(f"error: {one_line(exc)}", err=True)
        sys.exit(2)
