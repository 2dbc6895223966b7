"""The library of memos: watch, search, index, view (each a thin wrapper; the work is in its own module)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import MemoError
from ..pipeline import Job, OutlineOptions
from .base import (
    app,
    fail,
    state,
)
from .process import build_job, pipeline_command, run

# --- the library of memos: watch, search, index, view (each a thin wrapper; the work is in its own module) ---
app.command(
    "watch",
    help="Process new or changed recordings in folders as they appear, as memo process would (Ctrl+C stops). "
    "MEMO_WATCH_SETTLE: seconds a file must stay unchanged (default 2).",
)(pipeline_command)


def watch_folders(inputs: list[Path], job: Job, *, output_dir: Path | None, recursive: bool) -> None:
    import signal

    from ..console import Progress
    from ..watch import watch, watch_settings

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a service manager's stop is a Ctrl+C too
    try:
        settle, rescan = watch_settings()
        watch(list(inputs), job, output_dir=output_dir, recursive=recursive, settle=settle, rescan=rescan,
              reporter=Progress(), debug=state["debug"])  # fmt: skip
    except MemoError as exc:
        raise fail(str(exc)) from exc


@app.command("search")
def search_command(
    query: Annotated[list[str], typer.Argument(help="Words or a phrase, Chinese or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    since: Annotated[str | None, typer.Option(help="Recorded on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Recorded on or before this date (YYYY-MM-DD).")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only what this speaker said.")] = None,
    folder: Annotated[Path | None, typer.Option(help="Only memos in this folder (and its subfolders).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many results.")] = 20,
) -> None:
    """Search every transcript and outline memo has written (best matches first)."""
    import datetime as dt
    import json

    from ..library import Library, format_hit

    for name, value in (("--since", since), ("--until", until)):
        try:
            dt.date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise fail(f"{name} {value}: not a date; use YYYY-MM-DD") from exc
    with Library() as library:
        hits = library.search(" ".join(query), since=since, until=until, speaker=speaker, folder=folder, limit=limit)
        files = library.stats()[0] if not hits else 0
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1))
    for hit in [] if as_json else hits:
        typer.echo(format_hit(hit, bold=sys.stdout.isatty()))
    if not hits:
        hint = "" if files else " (the index is empty: memo index FOLDER adds memos written before)"
        typer.echo(f"memo: no matches for {' '.join(query)!r}{hint}", err=True)
        raise typer.Exit(1)


@app.command("index")
def index_command(
    paths: Annotated[list[Path], typer.Argument(help="Folders (all levels) or files memo wrote: .json, .outline.md.")],
) -> None:
    """Add transcripts and outlines memo wrote earlier to the search index (unchanged files are skipped)."""
    from ..library import Library

    for path in paths:
        if not path.exists():
            raise fail(f"{path}: no such file or folder")
    with Library() as library:
        files, rows, same, problems = library.add_folders(paths)
        total = library.stats()[0]
    for problem in problems:
        typer.echo(f"warning: {problem}", err=True)
    typer.echo(f"memo: indexed {files} file(s) ({rows} sentences and points), {same} unchanged; "
               f"{total} file(s) in {library.path}", err=True)  # fmt: skip


@app.command("view")
def view_command(
    path: Annotated[Path, typer.Argument(help="A recording, memo's .json, or an .outline.md.")],
    no_open: Annotated[bool, typer.Option("--no-open", help="Write the page, do not open a browser.")] = False,
) -> None:
    """Write NAME.html (outline, transcript, player; works offline) and open it in the browser."""
    import webbrowser

    from ..htmlview import view_sources, write_page

    if not path.exists():
        raise fail(f"{path}: no such file")
    try:
        transcript, outline_md, page = view_sources(path)
        if transcript is None and outline_md is None:  # a recording memo has not processed yet
            job = build_job("process", {}, formats="json,md,html", outline=OutlineOptions())
            run([path], job)
            transcript, outline_md, page = view_sources(path)
        write_page(transcript, outline_md, page)
    except MemoError as exc:
        raise fail(str(exc)) from exc
    typer.echo(str(page))
    if not no_open:
        webbrowser.open(page.resolve().as_uri())
