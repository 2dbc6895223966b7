"""`memo speakers`: the voices memo recognises across memos (enrol, list, rename, remove)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import MemoError

app = typer.Typer(help="Voices memo recognises in --diarize (stored in memo's user folder).", no_args_is_help=True)


def _fail(exc: MemoError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


@app.command("enroll")
def enroll_command(
    name: Annotated[str, typer.Argument(help="The speaker's name.")],
    files: Annotated[list[Path], typer.Argument(help="Recordings of this speaker (alone, or the main voice).")],
) -> None:
    """Store NAME's voiceprint from FILE...; later diarizations label that voice NAME."""
    from ..diarize import roster

    try:
        voice = roster.enroll(name, files)
    except MemoError as exc:
        raise _fail(exc) from exc
    typer.echo(f"enrolled {voice.name} from {len(voice.sources)} file(s), {voice.seconds:.0f} s of speech")


@app.command("list")
def list_command() -> None:
    """The enrolled speakers."""
    from ..diarize import roster

    try:
        voices = roster.load()
    except MemoError as exc:
        raise _fail(exc) from exc
    if not voices:
        typer.echo(f"no speakers enrolled ({roster.roster_path()})")
    for voice in voices.values():
        typer.echo(f"{voice.name:<24} {voice.seconds:6.0f} s  {', '.join(Path(s).name for s in voice.sources)}")


@app.command("remove")
def remove_command(name: Annotated[str, typer.Argument(help="An enrolled speaker.")]) -> None:
    """Forget NAME's voiceprint."""
    from ..diarize import roster

    try:
        roster.remove(name)
    except MemoError as exc:
        raise _fail(exc) from exc
    typer.echo(f"removed {name}")


@app.command("rename")
def rename_command(
    old: Annotated[str, typer.Argument(help="An enrolled speaker.")],
    new: Annotated[str, typer.Argument(help="The new name.")],
) -> None:
    """Rename an enrolled speaker."""
    from ..diarize import roster

    try:
        roster.rename(old, new)
    except MemoError as exc:
        raise _fail(exc) from exc
    typer.echo(f"renamed {old} to {new}")
