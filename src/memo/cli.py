"""The `memo` command: typer parses, the library works, this module prints.

transcribe, outline and process share one implementation (``_pipeline``) and one set of options:
they differ only in which outputs they write.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .batch import collect_inputs, run_batch
from .errors import MemoError
from .pipeline import (
    TRANSCRIPT_SUFFIXES,
    DiarizeOptions,
    Job,
    OutlineOptions,
    outline_file,
    outline_inputs,
    transcribe_file,
)
from .transcribe import TranscribeOptions
from .writers import parse_formats

app = typer.Typer(
    help="Turn spoken memos into clean transcripts and structured Markdown outlines, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"memo {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
) -> None:
    _state["debug"] = debug


# --- options shared by transcribe / outline / process -------------------------------------------------
Inputs = Annotated[list[Path], typer.Argument(help="Audio files or folders (outline also takes .txt/.json/.md).")]
OutputDir = Annotated[
    Path | None, typer.Option("--output-dir", "-o", help="Where outputs go (default: beside each input).")
]
Formats = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Comma-separated: txt,srt,vtt,json,md,rttm or all. (default: txt,md,json)"),
]
Recursive = Annotated[bool, typer.Option("--recursive", "-r", help="Walk folders into subfolders.")]
Force = Annotated[bool, typer.Option("--force", help="Redo files already done with the same settings.")]
Model = Annotated[
    str | None, typer.Option("--model", "-m", help="Whisper model: a folder, a name in models/, or 'base'.")
]
Device = Annotated[str, typer.Option(help="auto, cpu or cuda.")]
ComputeType = Annotated[str | None, typer.Option(help="CTranslate2 compute type (default: int8 CPU, float16 GPU).")]
Language = Annotated[str | None, typer.Option("--language", "-l", help="e.g. zh, en (default: detect).")]
BatchSize = Annotated[int, typer.Option(help="Batched decoding width; 1 = sequential.")]
BeamSize = Annotated[int, typer.Option(help="Beam search width.")]
Vad = Annotated[bool, typer.Option("--vad/--no-vad", help="Skip silence with Silero VAD.")]
Prompt = Annotated[str | None, typer.Option(help="Initial prompt: names and terms to expect.")]
Diarize = Annotated[bool, typer.Option("--diarize", help="Label who spoke when (needs the diarize extra).")]
NumSpeakers = Annotated[int | None, typer.Option(help="Exact number of speakers, if known.")]
MinSpeakers = Annotated[int | None, typer.Option(help="At least this many speakers.")]
MaxSpeakers = Annotated[int | None, typer.Option(help="At most this many speakers.")]
DiarizationModel = Annotated[
    str | None, typer.Option(help="A pyannote pipeline folder or name instead of the built-in one.")
]
SpeakerNames = Annotated[
    str | None, typer.Option(help="'Host,Guest' in order of appearance, or a mapping file.")
]
WithOutline = Annotated[bool, typer.Option("--outline", help="Also write NAME.outline.md.")]
Engine = Annotated[str, typer.Option(help="Outline engine: auto, offline or llm.")]
Template = Annotated[str, typer.Option(help="Outline sections: a built-in name or a TOML/YAML file.")]
LlmBaseUrl = Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env MEMO_LLM_BASE_URL).")]
LlmModel = Annotated[str | None, typer.Option(help="Model name at the endpoint (env MEMO_LLM_MODEL).")]
LlmApiKey = Annotated[str | None, typer.Option(help="API key (env MEMO_LLM_API_KEY, OPENAI_API_KEY).")]
LlmTimeout = Annotated[
    float | None, typer.Option(help="Seconds per LLM request (env MEMO_LLM_TIMEOUT; default: scaled when local).")
]


def _pipeline(
    ctx: typer.Context,
    inputs: Inputs,
    output_dir: OutputDir = None,
    formats: Formats = None,
    recursive: Recursive = False,
    force: Force = False,
    model: Model = None,
    device: Device = "auto",
    compute_type: ComputeType = None,
    language: Language = None,
    batch_size: BatchSize = 8,
    beam_size: BeamSize = 5,
    vad: Vad = True,
    initial_prompt: Prompt = None,
    diarize: Diarize = False,
    num_speakers: NumSpeakers = None,
    min_speakers: MinSpeakers = None,
    max_speakers: MaxSpeakers = None,
    diarization_model: DiarizationModel = None,
    speaker_names: SpeakerNames = None,
    outline: WithOutline = False,
    engine: Engine = "auto",
    template: Template = "default",
    llm_base_url: LlmBaseUrl = None,
    llm_model: LlmModel = None,
    llm_api_key: LlmApiKey = None,
    llm_timeout: LlmTimeout = None,
) -> None:
    command = ctx.info_name
    try:
        job = _build_job(
            command,
            TranscribeOptions(
                model=model,
                device=device,
                compute_type=compute_type,
                language=language,
                batch_size=batch_size,
                beam_size=beam_size,
                vad=vad,
                initial_prompt=initial_prompt,
            ),
            formats=formats,
            diarize=DiarizeOptions(num_speakers, min_speakers, max_speakers, diarization_model) if diarize else None,
            speaker_names=speaker_names,
            outline=OutlineOptions(engine, template, llm_base_url, llm_api_key, llm_model, llm_timeout)
            if outline
            else None,
        )
    except MemoError as exc:
        raise fail(str(exc)) from exc
    run(inputs, job, output_dir=output_dir, recursive=recursive, force=force, outline_only=command == "outline")


def run(
    inputs: list[Path],
    job: Job,
    *,
    output_dir: Path | None = None,
    recursive: bool = False,
    force: bool = False,
    outline_only: bool = False,
) -> None:
    """Run a batch, print the summary, and exit non-zero if any file failed (also used by `memo record`)."""
    from .audio import AUDIO_EXTENSIONS

    extensions = AUDIO_EXTENSIONS | TRANSCRIPT_SUFFIXES if outline_only else AUDIO_EXTENSIONS
    items = collect_inputs(inputs, output_dir=output_dir, recursive=recursive, extensions=extensions)
    if outline_only:
        items = outline_inputs(items)
    if not items:
        raise fail("no audio files found in the given folders (use --recursive for subfolders)")
    process = outline_file if outline_only else transcribe_file
    summary = run_batch(
        items,
        lambda item, progress: process(item, job, progress),
        kind="outline" if outline_only else "transcribe",
        key=job.resume_key,
        force=force,
        debug=_state["debug"],
    )
    typer.echo(f"memo: {summary.line()}", err=True)
    if summary.failed:
        raise typer.Exit(1)


def _build_job(
    command: str,
    transcribe: TranscribeOptions,
    *,
    formats: str | None,
    diarize: DiarizeOptions | None = None,
    speaker_names: str | None = None,
    outline: OutlineOptions | None = None,
) -> Job:
    """The Job for one command, every option checked, so bad options fail before any work (or recording)."""
    if outline is None and command in ("outline", "process"):
        outline = OutlineOptions()
    if outline:
        _check_outline_options(outline)
    default_formats = "json" if command == "outline" else "txt,md,json"
    return Job(transcribe, tuple(parse_formats(formats or default_formats)), diarize, speaker_names, outline)


def _check_outline_options(options: OutlineOptions) -> None:
    options.check()  # a bad engine or template fails once, before any file is processed


app.command(
    "transcribe",
    help="Transcribe audio files and folders offline (txt, srt, vtt, json, md, rttm).",
)(_pipeline)
app.command(
    "outline",
    help="Write NAME.outline.md (clean transcript + structured outline) from audio or a transcript.",
)(_pipeline)
app.command(
    "process",
    help="The whole path: transcribe (and diarize), write the transcript, then the outline.",
)(_pipeline)


@app.command("models")
def models_command() -> None:
    """List the Whisper models memo can use and where they live."""
    from .models import DEFAULT_MODEL, default_model_dir, list_models, models_dirs

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
    from .structure.discover import probe, probe_addresses
    from .structure.endpoint import resolve_llm_settings

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


# --- memo record -----------------------------------------------------------------------------------------
@app.command("record")
def record_command(
    path: Annotated[
        Path | None, typer.Argument(help="File or folder to record to (default: a timestamped file in the memos dir).")
    ] = None,
    mic: Annotated[
        str | None, typer.Option("--device", help="Input device: index, name or part of it (see --list-devices).")
    ] = None,
    list_devices: Annotated[bool, typer.Option("--list-devices", help="List input devices and exit.")] = False,
    recover: Annotated[
        bool, typer.Option("--recover", help="Save recordings left behind by a crash or kill, then exit.")
    ] = False,
    audio_format: Annotated[str | None, typer.Option(help="wav or flac (default: from PATH, else wav).")] = None,
    max_duration: Annotated[float | None, typer.Option(help="Stop after this many seconds.")] = None,
    stop_on_silence: Annotated[
        float | None, typer.Option(help="Stop after this many seconds of silence, once speech was heard.")
    ] = None,
    transcribe: Annotated[
        bool, typer.Option("--transcribe/--no-transcribe", help="Transcribe the recording when it stops.")
    ] = True,
    output_dir: OutputDir = None,
    formats: Formats = None,
    model: Model = None,
    language: Language = None,
    diarize: Diarize = False,
    outline: WithOutline = False,
    engine: Engine = "auto",
    template: Template = "default",
    llm_base_url: LlmBaseUrl = None,
    llm_model: LlmModel = None,
    llm_api_key: LlmApiKey = None,
    llm_timeout: LlmTimeout = None,
) -> None:
    """Record from the microphone until Enter or Ctrl+C, then transcribe (and outline) the recording."""
    from . import record as rec

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
        job = None
        if transcribe:  # bad transcription options fail now, not after the user has spoken
            job = _build_job(
                "record",
                TranscribeOptions(model=model, language=language),
                formats=formats,
                diarize=DiarizeOptions() if diarize else None,
                outline=OutlineOptions(engine, template, llm_base_url, llm_api_key, llm_model, llm_timeout)
            if outline
            else None,
            )
        stop, lost = rec.stop_on_enter(), None
        with rec.LevelMeter() as meter:
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
        run([result.path], job, output_dir=output_dir)
    if lost:
        raise typer.Exit(1)


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
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
