"""transcribe, outline, process (and watch) share one implementation (``pipeline_command``) and one set of
options: they differ only in which outputs they write. Also ``memo models`` and ``memo llm``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from ..batch import Input, claim_stems, collect_inputs, run_batch
from ..errors import MemoError, ModelError
from ..pipeline import (
    TRANSCRIPT_SUFFIXES,
    DiarizeOptions,
    Job,
    OutlineOptions,
    check_job,
    outline_file,
    outline_inputs,
    transcribe_file,
)
from ..transcribe import TranscribeOptions
from ..writers import parse_formats
from .base import (
    SHARED_OPTIONS,
    Command,
    Inputs,
    app,
    fail,
    interruptible,
    outline_options,
    state,
    with_options,
)


@with_options(*SHARED_OPTIONS)
def pipeline_command(ctx: typer.Context, inputs: Inputs, **options: Any) -> None:
    command, o = ctx.info_name, options
    transcribe = ("model", "device", "compute_type", "language", "batch_size", "beam_size", "vad", "initial_prompt",
                  "hotwords")  # fmt: skip
    diarize = (o["num_speakers"], o["min_speakers"], o["max_speakers"], o["diarization_model"], o["speakers"],
               o["speakers_present"])  # fmt: skip
    try:  # like every option: one line, exit 2, before any file (not only through the console entry)
        diarize_options = _diarize_options(*diarize) if o["diarize"] else None
    except MemoError as exc:
        raise fail(str(exc)) from exc
    job = build_job(
        command,
        {name: o[name] for name in transcribe},
        formats=o["formats"],
        force=o["force"],
        diarize=diarize_options,
        speaker_names=o["speaker_names"],
        outline=outline_options(o),
        with_outline=o["outline"],
    )
    if command == "watch":  # the same Job as memo process, run as recordings appear (watch.py)
        from .library import watch_folders

        return watch_folders(inputs, job, output_dir=o["output_dir"], recursive=o["recursive"])
    run(inputs, job, output_dir=o["output_dir"], recursive=o["recursive"], outline_only=command == "outline")


def run(
    inputs: list[Path],
    job: Job,
    *,
    output_dir: Path | None = None,
    recursive: bool = False,
    outline_only: bool = False,
) -> None:
    """Run a batch, print the summary, and exit non-zero if any file failed (also used by `memo record`)."""
    from ..audio import AUDIO_EXTENSIONS
    from ..config import setting
    from ..console import Progress

    extensions = AUDIO_EXTENSIONS | TRANSCRIPT_SUFFIXES if outline_only else AUDIO_EXTENSIONS
    items = collect_inputs(inputs, output_dir=output_dir, recursive=recursive, extensions=extensions)
    if outline_only:
        items = outline_inputs(items)
    if not items:
        folders = ", ".join(str(p) for p in inputs)
        kinds = "audio or transcript files" if outline_only else "audio files"
        hint = "" if recursive else " (use --recursive for subfolders)"
        raise fail(f"no {kinds} found in {folders}{hint}")
    items = claim_stems(items, owned=_is_audio)
    from ..multibatch import transcribe_ahead

    # Short files are transcribed several at a time into the transcript cache (multibatch.py).
    kind = "outline" if outline_only else "transcribe"
    process = transcribe_ahead(outline_file if outline_only else transcribe_file, items, job, kind=kind)
    interval = float(setting("progress", "interval", default=10.0))
    try:
        summary = run_batch(
            items,
            lambda item, reporter: process(item, job, reporter),
            kind=kind,
            key=job.resume_key,
            force=job.force,
            reporter=Progress(interval=interval),
            debug=state["debug"],
            fatal=(ModelError,),  # the model is the same for every file: one line, not one per file
        )
    except ModelError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"memo: {summary.line()}", err=True)
    if summary.failed:
        raise typer.Exit(1)


def _is_audio(item: Input) -> bool:
    return item.path.suffix.lower() not in TRANSCRIPT_SUFFIXES


def _diarize_options(num, low, high, model, speakers: str, present: str | None) -> DiarizeOptions:
    from ..diarize import roster

    return DiarizeOptions(num, low, high, model, speakers=speakers, speakers_present=present,
                          roster_digest=roster.digest() if speakers != "off" else "")


def build_job(
    command: str,
    transcribe: dict,
    *,
    formats: str | None,
    force: bool = False,
    diarize: DiarizeOptions | None = None,
    speaker_names: str | None = None,
    outline: OutlineOptions,
    with_outline: bool = False,
) -> Job:
    """The Job for one command, every option checked once, so a bad option fails (exit 2) before any file is
    touched or anything is recorded. outline and process always outline; transcribe and record with --outline."""
    outlines = with_outline or command in ("outline", "process", "watch")
    default_formats = "json" if command == "outline" else "txt,md,json"
    try:
        job = Job(
            TranscribeOptions(**transcribe),
            tuple(parse_formats(formats or default_formats)),
            diarize,
            speaker_names,
            outline if outlines else None,
            force,
        )
        # Without --outline the engine and template go unused, but a typo is still worth a line.
        check_job(job if outlines else replace(job, outline=OutlineOptions(outline.engine, outline.template)))
    except MemoError as exc:
        raise fail(str(exc)) from exc
    return job


pipeline_command = interruptible(pipeline_command)
app.command(
    "transcribe",
    cls=Command,
    help="Transcribe audio files and folders offline (txt, srt, vtt, json, md, rttm).",
)(pipeline_command)
app.command(
    "outline",
    cls=Command,
    help="Write NAME.outline.md (clean transcript + structured outline) from audio or a transcript.",
)(pipeline_command)
app.command(
    "process",
    cls=Command,
    help="The whole path: transcribe (and diarize), write the transcript, then the outline.",
)(pipeline_command)


@app.command("models", cls=Command)
def models_command() -> None:
    """List the Whisper models memo can use and where they live."""
    from ..models import DEFAULT_MODEL, default_model_dir, list_models, models_dirs

    try:
        default_path = default_model_dir()
    except MemoError as exc:
        raise fail(str(exc)) from exc
    for info in list_models():
        if info.source == "download":
            continue
        path = default_path if info.name == DEFAULT_MODEL and info.source == "shipped" else info.path
        marker = "*" if info.name == DEFAULT_MODEL else " "
        typer.echo(f"{marker} {info.name:<24} {info.source:<8} {path}")
    online = [m.name for m in list_models() if m.source == "download"]
    typer.echo(f"  searched for model folders: {', '.join(map(str, models_dirs()))}")
    typer.echo(f"  downloadable when online: {', '.join(online)}")


@app.command("llm")
def llm_command() -> None:
    """Show the LLM endpoint the outline engine would use: configured, or found on this machine."""
    from ..structure.discover import probe, probe_addresses
    from ..structure.endpoint import resolve_llm_settings

    try:
        settings = resolve_llm_settings()
    except MemoError as exc:
        raise fail(str(exc)) from exc
    if settings is not None:
        typer.echo(f"configured: {settings.base_url} (model: {settings.model or 'the first it lists'})")
    else:
        typer.echo("configured: none (--llm-base-url, MEMO_LLM_BASE_URL, OPENAI_API_KEY or [llm] in config.toml)")
    servers = {s.address: s for s in probe()}
    for address in probe_addresses():
        server = servers.get(address)
        if server is None:
            typer.echo(f"  {address}: nothing answering")
        else:
            names = ", ".join(server.models) or "no models (pull or load one)"
            typer.echo(f"  {address}: {server.kind} at {server.base_url}: {names}")
    if not probe_addresses():
        typer.echo("  probing is off (MEMO_LLM_PROBE)")
    found = next((s for s in servers.values() if s.models), None)
    if settings is not None:
        typer.echo(f"--engine auto uses {settings.base_url}")
    elif found is not None:
        typer.echo(f"--engine auto uses {found.base_url} (model '{found.models[0]}')")
    else:
        typer.echo("--engine auto uses the offline engine")
