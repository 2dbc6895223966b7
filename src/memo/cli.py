"""The `memo` command: typer parses, the library works, this module prints.

transcribe, outline and process share one implementation (``_pipeline``) and one set of options:
they differ only in which outputs they write.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .batch import Input, claim_stems, collect_inputs, run_batch
from .errors import MemoError, ModelError, one_line
from .pipeline import (
    TRANSCRIPT_SUFFIXES,
    DiarizeOptions,
    Job,
    OutlineOptions,
    check_job,
    outline_file,
    outline_inputs,
    transcribe_file,
)
from .transcribe import TranscribeOptions
from .writers import parse_formats


class _FlagHelp:
    """--help is a flag: typer 0.29 would show it as ``--help <bool>``."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


class _Command(_FlagHelp, typer.core.TyperCommand):
    pass


class _Group(_FlagHelp, typer.core.TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    help="Turn spoken memos into clean transcripts and structured Markdown outlines, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    typer.echo(f"error: {one_line(message)}", err=True)
    return typer.Exit(code)


def _interruptible(command):
    """Ctrl+C ends a command with one line and exit code 130; finished outputs are complete (atomic writes)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            if _state["debug"]:
                raise
            typer.echo("memo: interrupted; finished files are kept (run the same command again to resume)", err=True)
            raise typer.Exit(130) from None

    return wrapper


def _flag(*names: str, help: str) -> typer.models.OptionInfo:  # noqa: A002 - typer's own keyword
    """A boolean option shown as a flag in --help (no ``<bool>`` value)."""
    return typer.Option(*names, help=help, metavar="")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"memo {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, _flag("--debug", help="Show tracebacks instead of one-line errors.")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version.", metavar=""),
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
    typer.Option(
        "--format",
        "-f",
        help="Transcript formats, comma-separated: txt,srt,vtt,json,md,rttm or all "
        "(default: txt,md,json; for memo outline: json).",
    ),
]
Recursive = Annotated[bool, _flag("--recursive", "-r", help="Walk folders into subfolders.")]
Force = Annotated[bool, _flag("--force", help="Redo files already done, transcription included.")]
Model = Annotated[
    str | None, typer.Option("--model", "-m", help="Whisper model: a folder, a name in models/, or 'base'.")
]
Device = Annotated[str, typer.Option(help="auto, cpu or cuda.")]
ComputeType = Annotated[str | None, typer.Option(help="CTranslate2 compute type (default: int8 CPU, float16 GPU).")]
Language = Annotated[str | None, typer.Option("--language", "-l", help="e.g. zh, en (default: detect).")]
BatchSize = Annotated[
    int | None, typer.Option(help="Batched decoding width; 1 = sequential (default: 1 for Chinese, else 8).")
]
BeamSize = Annotated[
    int | None,
    typer.Option(help="Beam search width (default: 5; batched, greedy with beam 5 for unsure windows)."),
]
Vad = Annotated[bool, _flag("--vad/--no-vad", help="Skip silence with Silero VAD.")]
Prompt = Annotated[str | None, typer.Option(help="Initial prompt: names and terms to expect.")]
Hotwords = Annotated[
    str | None, typer.Option(help="Names and terms to recognise, '名字, 术语' (default: [transcribe] vocabulary).")
]
Diarize = Annotated[bool, _flag("--diarize", help="Label who spoke when (needs the diarize extra).")]
NumSpeakers = Annotated[int | None, typer.Option(help="Exact number of speakers, if known.")]
MinSpeakers = Annotated[int | None, typer.Option(help="At least this many speakers.")]
MaxSpeakers = Annotated[int | None, typer.Option(help="At most this many speakers.")]
DiarizationModel = Annotated[
    str | None, typer.Option(help="A pyannote pipeline folder or name instead of the built-in one.")
]
SpeakerNames = Annotated[str | None, typer.Option(help="'Host,Guest' in order of appearance, or a mapping file.")]
WithOutline = Annotated[bool, _flag("--outline", help="Also write NAME.outline.md.")]
Engine = Annotated[str, typer.Option(help="Outline engine: auto, offline or llm.")]
Template = Annotated[str, typer.Option(help="Outline sections: a built-in name or a TOML/YAML file.")]
LlmBaseUrl = Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env MEMO_LLM_BASE_URL).")]
LlmModel = Annotated[str | None, typer.Option(help="Model name at the endpoint (env MEMO_LLM_MODEL).")]
LlmApiKey = Annotated[str | None, typer.Option(help="API key (env MEMO_LLM_API_KEY, OPENAI_API_KEY).")]


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
    batch_size: BatchSize = None,
    beam_size: BeamSize = None,
    vad: Vad = True,
    initial_prompt: Prompt = None,
    hotwords: Hotwords = None,
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
) -> None:
    command = ctx.info_name
    job = _build_job(
        command,
        dict(
            model=model,
            device=device,
            compute_type=compute_type,
            language=language,
            batch_size=batch_size,
            beam_size=beam_size,
            vad=vad,
            initial_prompt=initial_prompt,
            hotwords=hotwords,
        ),
        formats=formats,
        force=force,
        diarize=DiarizeOptions(num_speakers, min_speakers, max_speakers, diarization_model) if diarize else None,
        speaker_names=speaker_names,
        outline=OutlineOptions(engine, template, llm_base_url, llm_api_key, llm_model),
        with_outline=outline,
    )
    if command == "watch":  # the same Job as memo process, run as recordings appear (watch.py)
        return watch_folders(inputs, job, output_dir=output_dir, recursive=recursive)
    run(inputs, job, output_dir=output_dir, recursive=recursive, outline_only=command == "outline")


def run(
    inputs: list[Path],
    job: Job,
    *,
    output_dir: Path | None = None,
    recursive: bool = False,
    outline_only: bool = False,
) -> None:
    """Run a batch, print the summary, and exit non-zero if any file failed (also used by `memo record`)."""
    from .audio import AUDIO_EXTENSIONS
    from .config import setting
    from .console import Progress

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
    from .multibatch import transcribe_ahead

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
            debug=_state["debug"],
            fatal=(ModelError,),  # the model is the same for every file: one line, not one per file
        )
    except ModelError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"memo: {summary.line()}", err=True)
    if summary.failed:
        raise typer.Exit(1)


def _is_audio(item: Input) -> bool:
    return item.path.suffix.lower() not in TRANSCRIPT_SUFFIXES


def _build_job(
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
        check_job(job)
        if not outlines:  # unused without --outline, but a typo is still worth a line
            check_job(replace(job, outline=OutlineOptions(outline.engine, outline.template)))
    except MemoError as exc:
        raise fail(str(exc)) from exc
    return job


_pipeline = _interruptible(_pipeline)
app.command(
    "transcribe",
    cls=_Command,
    help="Transcribe audio files and folders offline (txt, srt, vtt, json, md, rttm).",
)(_pipeline)
app.command(
    "outline",
    cls=_Command,
    help="Write NAME.outline.md (clean transcript + structured outline) from audio or a transcript.",
)(_pipeline)
app.command(
    "process",
    cls=_Command,
    help="The whole path: transcribe (and diarize), write the transcript, then the outline.",
)(_pipeline)


@app.command("models", cls=_Command)
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


# --- memo record -----------------------------------------------------------------------------------------
@app.command("record", cls=_Command)
@_interruptible
def record_command(
    path: Annotated[
        Path | None, typer.Argument(help="File or folder to record to (default: a timestamped file in the memos dir).")
    ] = None,
    mic: Annotated[
        str | None, typer.Option("--mic", help="Microphone: index, name or part of it (see --list-devices).")
    ] = None,
    old_mic: Annotated[str | None, typer.Option("--device", hidden=True, help="Old name of --mic.")] = None,
    list_devices: Annotated[bool, _flag("--list-devices", help="List input devices and exit.")] = False,
    recover: Annotated[
        bool, _flag("--recover", help="Save recordings left behind by a crash or kill, then exit.")
    ] = False,
    audio_format: Annotated[str | None, typer.Option(help="wav or flac (default: from PATH, else wav).")] = None,
    max_duration: Annotated[float | None, typer.Option(help="Stop after this many seconds.")] = None,
    stop_on_silence: Annotated[
        float | None, typer.Option(help="Stop after this many seconds of silence, once speech was heard.")
    ] = None,
    transcribe: Annotated[
        bool, _flag("--transcribe/--no-transcribe", help="Transcribe the recording when it stops.")
    ] = True,
    output_dir: OutputDir = None,
    formats: Formats = None,
    model: Model = None,
    language: Language = None,
    hotwords: Hotwords = None,
    diarize: Diarize = False,
    outline: WithOutline = False,
    engine: Engine = "auto",
    template: Template = "default",
    llm_base_url: LlmBaseUrl = None,
    llm_model: LlmModel = None,
    llm_api_key: LlmApiKey = None,
) -> None:
    """Record from the microphone until Enter or Ctrl+C, then transcribe (and outline) the recording."""
    from . import console
    from . import record as rec

    if old_mic is not None:
        typer.echo("memo: record --device is now --mic", err=True)
        mic = mic if mic is not None else old_mic
    job = None
    if transcribe and not (list_devices or recover):  # bad options fail now, not after the user has spoken
        job = _build_job(
            "record",
            dict(model=model, language=language, hotwords=hotwords),
            formats=formats,
            diarize=DiarizeOptions() if diarize else None,
            outline=OutlineOptions(engine, template, llm_base_url, llm_api_key, llm_model),
            with_outline=outline,
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
        typer.echo(f"error: {one_line(exc)}", err=True)
        sys.exit(2)


# --- the library of memos: watch, search, index, view (each a thin wrapper; the work is in its own module) ---
app.command(
    "watch",
    help="Process new or changed recordings in folders as they appear, as memo process would (Ctrl+C stops). "
    "MEMO_WATCH_SETTLE: seconds a file must stay unchanged (default 2).",
)(_pipeline)


def watch_folders(inputs: list[Path], job: Job, *, output_dir: Path | None, recursive: bool) -> None:
    import signal

    from .console import Progress
    from .watch import watch, watch_settings

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a service manager's stop is a Ctrl+C too
    try:
        settle, rescan = watch_settings()
        watch(list(inputs), job, output_dir=output_dir, recursive=recursive, settle=settle, rescan=rescan,
              reporter=Progress(), debug=_state["debug"])  # fmt: skip
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

    from .library import Library, format_hit

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
    from .library import Library

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

    from .htmlview import view_sources, write_page

    if not path.exists():
        raise fail(f"{path}: no such file")
    try:
        transcript, outline_md, page = view_sources(path)
        if transcript is None and outline_md is None:  # a recording memo has not processed yet
            job = _build_job("process", TranscribeOptions(), formats="json,md,html")
            run([path], job)
            transcript, outline_md, page = view_sources(path)
        write_page(transcript, outline_md, page)
    except MemoError as exc:
        raise fail(str(exc)) from exc
    typer.echo(str(page))
    if not no_open:
        webbrowser.open(page.resolve().as_uri())
