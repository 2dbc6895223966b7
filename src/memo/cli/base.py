"""What every memo command shares: the typer app, one-line failures, Ctrl+C handling and the option types."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import one_line


class _FlagHelp:
    """--help is a flag: typer 0.29 would show it as ``--help <bool>``."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


class Command(_FlagHelp, typer.core.TyperCommand):
    pass


class Group(_FlagHelp, typer.core.TyperGroup):
    pass


app = typer.Typer(
    cls=Group,
    help="Turn spoken memos into clean transcripts and structured Markdown outlines, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

state = {"debug": False}


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    typer.echo(f"error: {one_line(message)}", err=True)
    return typer.Exit(code)


def interruptible(command):
    """Ctrl+C ends a command with one line and exit code 130; finished outputs are complete (atomic writes)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            if state["debug"]:
                raise
            typer.echo("memo: interrupted; finished files are kept (run the same command again to resume)", err=True)
            raise typer.Exit(130) from None

    return wrapper


def flag(*names: str, help: str) -> typer.models.OptionInfo:  # noqa: A002 - typer's own keyword
    """A boolean option shown as a flag in --help (no ``<bool>`` value)."""
    return typer.Option(*names, help=help, metavar="")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"memo {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, flag("--debug", help="Show tracebacks instead of one-line errors.")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version.", metavar=""),
    ] = None,
) -> None:
    state["debug"] = debug


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
Recursive = Annotated[bool, flag("--recursive", "-r", help="Walk folders into subfolders.")]
Force = Annotated[bool, flag("--force", help="Redo files already done, transcription included.")]
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
Vad = Annotated[bool, flag("--vad/--no-vad", help="Skip silence with Silero VAD.")]
Prompt = Annotated[str | None, typer.Option(help="Initial prompt: names and terms to expect.")]
Hotwords = Annotated[
    str | None, typer.Option(help="Names and terms to recognise, '名字, 术语' (default: [transcribe] vocabulary).")
]
Diarize = Annotated[bool, flag("--diarize", help="Label who spoke when (needs the diarize extra).")]
NumSpeakers = Annotated[int | None, typer.Option(help="Exact number of speakers, if known.")]
MinSpeakers = Annotated[int | None, typer.Option(help="At least this many speakers.")]
MaxSpeakers = Annotated[int | None, typer.Option(help="At most this many speakers.")]
DiarizationModel = Annotated[
    str | None, typer.Option(help="A pyannote pipeline folder or name instead of the built-in one.")
]
SpeakerNames = Annotated[str | None, typer.Option(help="'Host,Guest' in order of appearance, or a mapping file.")]
SpeakersMode = Annotated[
    str, typer.Option("--speakers", help="Enrolled voices: auto (label them by name), suggest (only say so), off.")
]
SpeakersPresent = Annotated[
    str | None, typer.Option(help="'Alice,Bob': who speaks (sets the speaker count; enrolled names are matched).")
]
WithOutline = Annotated[bool, flag("--outline", help="Also write NAME.outline.md.")]
Engine = Annotated[str, typer.Option(help="Outline engine: auto, offline or llm.")]
Template = Annotated[str, typer.Option(help="Outline sections: a built-in name or a TOML/YAML file.")]
LlmBaseUrl = Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env MEMO_LLM_BASE_URL).")]
LlmModel = Annotated[str | None, typer.Option(help="Model name at the endpoint (env MEMO_LLM_MODEL).")]
LlmApiKey = Annotated[str | None, typer.Option(help="API key (env MEMO_LLM_API_KEY, OPENAI_API_KEY).")]
LlmTimeout = Annotated[
    float | None, typer.Option(help="Seconds per LLM request (env MEMO_LLM_TIMEOUT; default: scaled when local).")
]

# Every option that more than one command takes, defined once: name -> (type, default). ``with_options`` adds
# them to a command's signature (typer reads ``__signature__``); the command receives them as keywords.
SHARED_OPTIONS: dict[str, tuple[Any, Any]] = {
    "output_dir": (OutputDir, None),
    "formats": (Formats, None),
    "recursive": (Recursive, False),
    "force": (Force, False),
    "model": (Model, None),
    "device": (Device, "auto"),
    "compute_type": (ComputeType, None),
    "language": (Language, None),
    "batch_size": (BatchSize, None),
    "beam_size": (BeamSize, None),
    "vad": (Vad, True),
    "initial_prompt": (Prompt, None),
    "hotwords": (Hotwords, None),
    "diarize": (Diarize, False),
    "num_speakers": (NumSpeakers, None),
    "min_speakers": (MinSpeakers, None),
    "max_speakers": (MaxSpeakers, None),
    "diarization_model": (DiarizationModel, None),
    "speaker_names": (SpeakerNames, None),
    "speakers": (SpeakersMode, "auto"),
    "speakers_present": (SpeakersPresent, None),
    "outline": (WithOutline, False),
    "engine": (Engine, "auto"),
    "template": (Template, "default"),
    "llm_base_url": (LlmBaseUrl, None),
    "llm_model": (LlmModel, None),
    "llm_api_key": (LlmApiKey, None),
    "llm_timeout": (LlmTimeout, None),
}
OUTLINE_OPTIONS = ("outline", "engine", "template", "llm_base_url", "llm_model", "llm_api_key", "llm_timeout")


def with_options(*names: str):
    """Add the shared options ``names`` after a command's own parameters; it takes them as ``**options``."""

    def decorate(command):
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
            for name, (kind, default) in ((n, SHARED_OPTIONS[n]) for n in names)
        ]
        command.__signature__ = signature.replace(parameters=[*own, *added])
        return command

    return decorate


def outline_options(options: dict[str, Any]):
    """The OutlineOptions a command's ``--engine``/``--template``/``--llm-*`` options ask for."""
    from ..pipeline import OutlineOptions

    return OutlineOptions(options["engine"], options["template"], options["llm_base_url"], options["llm_api_key"],
                          options["llm_model"], options["llm_timeout"])  # fmt: skip
