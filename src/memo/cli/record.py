"""``memo record``: the microphone until Enter or Ctrl+C, then the same batch as ``memo transcribe``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import MemoError
from ..pipeline import DiarizeOptions
from .base import (
    OUTLINE_OPTIONS,
    Command,
    app,
    fail,
    flag,
    interruptible,
    outline_options,
    with_options,
)
from .process import build_job, run


# --- memo record -----------------------------------------------------------------------------------------
@app.command("record", cls=Command)
@interruptible
@with_options("output_dir", "formats", "model", "language", "hotwords", "diarize", *OUTLINE_OPTIONS)
def record_command(
    path: Annotated[
        Path | None, typer.Argument(help="File or folder to record to (default: a timestamped file in the memos dir).")
    ] = None,
    mic: Annotated[
        str | None, typer.Option("--mic", help="Microphone: index, name or part of it (see --list-devices).")
    ] = None,
    old_mic: Annotated[str | None, typer.Option("--device", hidden=True, help="Old name of --mic.")] = None,
    list_devices: Annotated[bool, flag("--list-devices", help="List input devices and exit.")] = False,
    recover: Annotated[
        bool, flag("--recover", help="Save recordings left behind by a crash or kill, then exit.")
    ] = False,
    audio_format: Annotated[str | None, typer.Option(help="wav or flac (default: from PATH, else wav).")] = None,
    max_duration: Annotated[float | None, typer.Option(help="Stop after this many seconds.")] = None,
    stop_on_silence: Annotated[
        float | None, typer.Option(help="Stop after this many seconds of silence, once speech was heard.")
    ] = None,
    transcribe: Annotated[
        bool, flag("--transcribe/--no-transcribe", help="Transcribe the recording when it stops.")
    ] = True,
    **options: Any,
) -> None:
    """Record from the microphone until Enter or Ctrl+C, then transcribe (and outline) the recording."""
    from .. import console
    from .. import record as rec

    if old_mic is not None:
        typer.echo("memo: record --device is now --mic", err=True)
        mic = mic if mic is not None else old_mic
    job = None
    if transcribe and not (list_devices or recover):  # bad options fail now, not after the user has spoken
        job = build_job(
            "record",
            {name: options[name] for name in ("model", "language", "hotwords")},
            formats=options["formats"],
            diarize=DiarizeOptions() if options["diarize"] else None,
            outline=outline_options(options),
            with_outline=options["outline"],
        )
    try:
        if list_devices:
            for d in rec.list_input_devices():
                typer.echo(f"{'*' if d.is_default else ' '} {d.index:>3}  {d.name}  ({d.hostapi}, "
                           f"{d.channels} ch, {d.default_samplerate:.0f} Hz)")  # fmt: skip
            return
        if recover:
            folder = path if path is not None and path.is_dir() else rec.default_memos_dir()
            found = rec.recover_partials(folder)
            for saved in found:
                typer.echo(str(saved))
            typer.echo(f"memo: recovered {len(found)} recording(s) in {folder}", err=True)
            return
        stop, lost = console.stop_on_enter(), None
        with console.LevelMeter() as meter:
            try:
                result = rec.record(
                    path, device=mic, fmt=audio_format, max_duration=max_duration, stop_on_silence=stop_on_silence,
                    on_start=meter.started, on_level=meter.update, stop_event=stop,
                )  # fmt: skip
            except rec.DeviceLostError as exc:
                result, lost = exc.recording, exc
    except MemoError as exc:
        raise fail(str(exc)) from exc
    for saved in result.recovered:
        typer.echo(f"memo: recovered {saved} (left by an interrupted recording)", err=True)
    if lost:
        typer.echo(f"error: {lost}", err=True)
    typer.echo(f"memo: saved {result.path} ({result.duration:.1f} s, {result.stop_reason})", err=True)
    typer.echo(str(result.path))
    if job:
        run([result.path], job, output_dir=options["output_dir"])
    if lost:
        raise typer.Exit(1)
