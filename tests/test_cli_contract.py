"""The CLI contract: every documented option of every command is exercised end to end at least once and reaches
the engine (LLM options through a real HTTP server on 127.0.0.1); bad options fail once, before any file, exit 2.

Each command's test records the options it passed and checks them against what ``memo COMMAND --help`` lists,
so a new option without a test here fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import typer
from llm_server import ScriptedServer
from memo_cli import MEMO, EchoModel, errors, invoke, request_name, run_memo, user_message
from virtual_mic import RATE, alsa_file_mic, fixture, no_audio_env

from memo.cli import app
from memo.structure.templates import load_template

CLIP = "sense_and_sensibility_01_austen_64kb-0880.wav"  # 3 s of real read speech


def documented_options(command: str) -> set[str]:
    group = typer.main.get_command(app)
    params = group.commands[command].params if command else group.params
    names = set()
    for param in params:
        if param.param_type_name == "option" and not param.hidden:  # typer >= 0.24 has its own click classes
            names.add(max(param.opts, key=len))
            names.update(o for o in param.secondary_opts if o.startswith("--"))
    assert names, f"no options found for memo {command}: the contract would hold for nothing"
    return names - {"--help"}


def used_options(*calls: list) -> set[str]:
    return {str(a).split("=")[0] for args in calls for a in args if str(a).startswith("--")}


def short_to_long(command: str, args: list) -> list:
    group = typer.main.get_command(app)
    table = {o: max(p.opts, key=len) for p in group.commands[command].params for o in p.opts if not o.startswith("--")}
    return [table.get(str(a), a) for a in args]


@pytest.fixture(scope="module")
def server():
    server = ScriptedServer(EchoModel())
    yield server
    server.close()


@pytest.fixture(scope="module")
def folder(librivox, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contract")
    (folder / "sub").mkdir()
    shutil.copy(librivox / CLIP, folder / "sub" / "clip.wav")
    return folder


LLM_TIMEOUT = 45


def llm_args(server: ScriptedServer, model: str = "scripted-model") -> list[str]:
    return ["--engine", "llm", "--llm-base-url", server.base_url, "--llm-model", model, "--llm-api-key", "sk-test",
            "--llm-timeout", str(LLM_TIMEOUT)]  # fmt: skip


def assert_reached(server: ScriptedServer, model: str, template: str) -> None:
    """The engine asked ``model`` with the key and timeout of llm_args, about the sections of ``template``."""
    asked = [(body, {k.lower(): v for k, v in headers.items()})
             for body, headers in zip(server.requests, server.headers, strict=True) if body["model"] == model]
    assert asked, f"no request for model {model}"
    for _, headers in asked:
        assert headers["authorization"] == "Bearer sk-test"
        assert float(headers["x-stainless-read-timeout"]) == LLM_TIMEOUT  # the openai client's timeout, as sent
    headings = {section.title("en") for section in load_template(template).sections}
    # Rewrite and more-points requests start with "(Section heading" of the section they are about.
    about = {re.match(r"\(([^:)]*)", user_message(body)).group(1) for body, _ in asked
             if request_name(body) in ("memo_rewrite", "memo_points")}
    assert about and about <= headings, (about, headings)


def transcription_args(*speakers: str) -> list:
    """Every transcription option; who speaks: ``speakers``, else --speaker-names Reader."""
    return ["--model", "base", "--device", "cpu", "--compute-type", "int8", "--language", "en", "--batch-size", "1",
            "--beam-size", "2", "--initial-prompt", "Dashwood, Norland", "--hotwords", "Marianne，Elinor",
            "--diarize", "--num-speakers", "1", *(speakers or ("--speaker-names", "Reader"))]  # fmt: skip


def test_transcribe_every_option(folder, tmp_path, server):
    out = tmp_path / "out"
    calls = [
        ["transcribe", folder, "-r", "-o", out, "--format", "txt,srt,vtt,json,md,rttm", "--no-vad", "--force",
         *transcription_args(), "--speakers", "off", "--speakers-present", "Reader", "--outline", "--template",
         "meeting", *llm_args(server, "model-t")],
        ["transcribe", folder / "sub" / "clip.wav", "-o", tmp_path / "out2", "-f", "json", "--vad", "--diarize",
         "--min-speakers", "1", "--max-speakers", "2", "--diarization-model", tmp_path / "no-such-pipeline"],
    ]  # fmt: skip
    done = invoke(*calls[0])
    assert done.exit_code == 0, done.stderr
    files = sorted(p.name for p in (out / "sub").iterdir() if p.is_file())
    assert files == [f"clip.{ext}" for ext in ("json", "md", "outline.md", "rttm", "srt", "txt", "vtt")]
    data = json.loads((out / "sub" / "clip.json").read_text())
    assert data["settings"]["beam_size"] == 2 and not data["settings"]["vad"] and data["language"] == "en"
    assert data["settings"]["initial_prompt"] == "Dashwood, Norland" and data["speakers"] == ["Reader"]
    assert data["settings"]["hotwords"] == "Marianne, Elinor"  # normalised, and part of the resume key
    outline = (out / "sub" / "clip.outline.md").read_text()
    assert "engine: llm:model-t" in outline
    assert "\n# clip\n" not in outline  # the rules could only title it by its file name: the model's title stands
    assert_reached(server, "model-t", "meeting")
    bad = invoke(*calls[1])
    assert bad.exit_code == 2 and errors(bad.stderr) == [
        f"error: --diarization-model {tmp_path / 'no-such-pipeline'}: not found; "
        "give a pyannote pipeline folder or file"
    ]
    assert not (tmp_path / "out2").exists()
    assert documented_options("transcribe") <= used_options(*[short_to_long("transcribe", c) for c in calls])


def test_outline_every_option(folder, tmp_path, server):
    calls = [
        ["outline", folder, "--recursive", "-o", tmp_path, "-f", "txt,json", "--force",
         *transcription_args("--speakers-present", "Narrator", "--speakers", "suggest"),
         "--vad", "--no-vad", "--min-speakers", "1", "--max-speakers", "1", "--template", "meeting",
         *llm_args(server, "model-o")],
        ["outline", Path("samples/memo_zh.txt").resolve(), "-o", tmp_path, "--engine", "offline", "--outline",
         "--diarization-model", "builtin", "--speaker-names", "Reader"],
    ]  # fmt: skip
    done = invoke(*calls[0])
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "sub").iterdir() if p.is_file()) == [
        "clip.json", "clip.outline.md", "clip.txt"
    ]  # fmt: skip
    assert "engine: llm:model-o" in (tmp_path / "sub" / "clip.outline.md").read_text()
    data = json.loads((tmp_path / "sub" / "clip.json").read_text())
    assert data["settings"]["hotwords"] == "Marianne, Elinor"
    assert data["speakers"] == ["Narrator"]  # the one voice is the one name present (no roster to suggest from)
    assert_reached(server, "model-o", "meeting")
    text = invoke(*calls[1])
    assert text.exit_code == 0, text.stderr
    assert "引擎: offline" in (tmp_path / "memo_zh.outline.md").read_text()
    assert documented_options("outline") <= used_options(*[short_to_long("outline", c) for c in calls])


def test_process_every_option(folder, tmp_path, server):
    call = ["process", folder, "-r", "-o", tmp_path, "-f", "md", "--force", *transcription_args(), "--vad",
            "--no-vad", "--min-speakers", "1", "--max-speakers", "1", "--diarization-model", "builtin", "--speakers",
            "auto", "--speakers-present", "Reader", "--outline", "--template", "journal",
            *llm_args(server, "model-p")]  # fmt: skip
    done = invoke(*call)
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "sub").iterdir() if p.is_file()) == ["clip.md", "clip.outline.md"]
    assert "**Reader:**" in (tmp_path / "sub" / "clip.md").read_text()
    assert_reached(server, "model-p", "journal")
    assert documented_options("process") <= used_options(short_to_long("process", call))


def test_record_every_option(tmp_path, server):
    feed = np.concatenate([np.zeros(RATE // 2, np.int16), fixture(3.0), np.zeros(RATE * 3, np.int16)])
    env = alsa_file_mic(tmp_path / "home", feed)
    out = tmp_path / "rec"
    calls = [
        ["record", tmp_path / "talk.flac", "--mic", "virtmic", "--audio-format", "flac", "--max-duration", "6",
         "--stop-on-silence", "1", "--transcribe", "-o", out, "-f", "txt,json", "-m", "base", "-l", "en",
         "--hotwords", "Dashwood", "--diarize", "--outline", "--template", "meeting", *llm_args(server, "model-r")],
        ["record", "--list-devices"],
        ["record", tmp_path, "--recover"],
        ["record", tmp_path / "x.mp3", "--no-transcribe"],
    ]  # fmt: skip
    done = subprocess.run([*MEMO, *map(str, calls[0])], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "talk.flac")
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["talk.json", "talk.outline.md", "talk.txt"]
    data = json.loads((out / "talk.json").read_text())
    assert data["speakers"] == ["SPEAKER_1"] and data["settings"]["hotwords"] == "Dashwood"
    assert_reached(server, "model-r", "meeting")
    listed = subprocess.run([*MEMO, *calls[1]], env=env, capture_output=True, text=True, timeout=60)
    assert "virtmic" in listed.stdout
    recovered = subprocess.run([*MEMO, *map(str, calls[2])], env=env, capture_output=True, text=True, timeout=60)
    assert recovered.returncode == 0 and "recovered 0 recording(s)" in recovered.stderr
    mp3 = subprocess.run([*MEMO, *map(str, calls[3])], env=no_audio_env(tmp_path / "none"), capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert mp3.returncode == 2 and errors(mp3.stderr) == [
        f"error: {tmp_path / 'x.mp3'}: memo records wav or flac, not mp3; name it x.wav or .flac"
    ]
    assert not (tmp_path / "x.mp3.wav").exists()
    assert documented_options("record") <= used_options(*[short_to_long("record", c) for c in calls])


def test_record_checks_options_before_recording(tmp_path):
    """No microphone here: a bad option must be the error, not the missing microphone after the user spoke."""
    env = no_audio_env(tmp_path / "home")
    empty = tmp_path / "empty-model"
    empty.mkdir()
    for args, expected in [
        (["--model", empty], f"error: {empty}: missing model.bin, config.json, tokenizer.json;"),
        (["--engine", "gpt"], "error: unknown engine 'gpt'"),
        (["--outline", "--template", "nosuch"], "error: "),
    ]:
        done = subprocess.run([*MEMO, "record", *map(str, args)], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert len(errors(done.stderr)) == 1 and errors(done.stderr)[0].startswith(expected), done.stderr
        assert "microphone" not in done.stderr
    old = subprocess.run([*MEMO, "record", "--device", "0", "--no-transcribe"], env=env, capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert "record --device is now --mic" in old.stderr and "no microphone found" in old.stderr


def test_models_and_global_options(tmp_path, monkeypatch):
    assert invoke("models").exit_code == 0
    assert invoke("--version").stdout.startswith("memo ")
    # Shell completion (typer's): the script, its install into a temporary home, and the completion it serves.
    # The shell is named, not detected from the process tree (none is found under some CI runners); typer reads
    # this when it builds the command, before the runner's env applies.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    home = {"HOME": str(tmp_path)}
    shown = invoke("--show-completion", "bash", env=home)  # the in-process runner's program is called "root"
    assert shown.exit_code == 0 and "complete -o default -F _root_completion root" in shown.stdout, shown.output
    assert invoke("--install-completion", "bash", env=home).exit_code == 0
    assert (tmp_path / ".bashrc").read_text().strip() == f"source '{tmp_path / '.bash_completions' / 'root.sh'}'"
    completing = {"_ROOT_COMPLETE": "complete_bash", "COMP_WORDS": "root outline --llm-t", "COMP_CWORD": "2"}
    assert invoke(env=completing).stdout == "--llm-timeout\n"
    assert documented_options("") <= {"--debug", "--version", "--show-completion", "--install-completion"}
    debug = run_memo("--debug", "transcribe", "-f", "docx", "samples/sense_and_sensibility.flac")
    assert debug.returncode == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--engine", "gpt"], "error: unknown engine 'gpt'; use auto, offline or llm"),
        (["--template", "nosuch"], "error: "),
        (["--beam-size", "0"], "error: --beam-size must be 1 or more (got 0)"),
        (["--batch-size", "-1"], "error: --batch-size must be 0 or more (got -1)"),
        (["--device", "tpu"], "error: unknown device 'tpu'; use auto, cpu or cuda"),
        (["--compute-type", "int3"], "error: --compute-type int3 is not supported on cpu"),
        (["--speaker-names", "names/host.toml"], "error: --speaker-names names/host.toml: file not found"),
        (["--language", "klingon"], "error: unknown language 'klingon'"),
        (["--engine", "llm"], "error: no LLM endpoint configured and no local server found (probing off"),
        (["--llm-timeout", "0"], "error: invalid --llm-timeout 0; use a positive number of seconds"),
        (["--diarize", "--min-speakers", "3", "--max-speakers", "2"], "error: min_speakers (3) is larger"),
        (["--diarize", "--speakers", "all"], "error: --speakers 'all': choose one of auto, suggest, off"),
        (["--diarize", "--speakers-present", "Ann,Ann"], "error: --speakers-present 'Ann,Ann': a name is repeated"),
    ],
)
@pytest.mark.parametrize("command", ["transcribe", "outline", "process"])
def test_bad_options_fail_once_before_any_file(command, args, expected, tmp_path, english_sample):
    inputs = [english_sample, english_sample.with_name("sense_and_sensibility.txt")]
    if command == "transcribe" and args[0] in ("--engine", "--template", "--llm-timeout"):
        args = ["--outline", *args]
    result = invoke(command, *inputs, "-o", tmp_path / "out", *args)
    assert result.exit_code == 2, result.stderr
    assert len(errors(result.stderr)) == 1 and errors(result.stderr)[0].startswith(expected), result.stderr
    assert result.stderr.count("\n") == 1  # one line, nothing else
    assert not (tmp_path / "out").exists()


def test_empty_model_folder_is_one_error_before_any_file(tmp_path, english_sample):
    empty = tmp_path / "model"
    empty.mkdir()
    result = invoke("transcribe", english_sample, english_sample, "-o", tmp_path / "out", "--model", empty)
    assert result.exit_code == 2 and len(errors(result.stderr)) == 1


def test_unavailable_model_is_one_line_once(tmp_path, english_sample):
    """A Whisper name that is not on this offline machine: one line (the hub's error spans several), exit 2."""
    shutil.copy(english_sample, tmp_path / "a.flac")
    shutil.copy(english_sample, tmp_path / "b.flac")
    result = run_memo("transcribe", tmp_path, "--model", "large-v3", "-o", tmp_path / "out", timeout=120)
    assert result.returncode == 2, result.stderr
    assert len(errors(result.stderr)) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "cannot load model 'large-v3'" in errors(result.stderr)[0]
    assert "[2/2]" not in result.stderr  # the second file is not tried


def test_engine_and_template_reach_outline_and_process_without_outline_flag(tmp_path, english_sample, server):
    """The README's Ollama-style example, against a real local server: the options are used, not ignored."""
    shutil.copy(english_sample, tmp_path / "talk.flac")
    assert invoke("transcribe", tmp_path / "talk.flac", "-f", "json").exit_code == 0
    before = len(server.requests)
    result = invoke("outline", tmp_path / "talk.json", *llm_args(server, "qwen2.5:7b"), "--template", "meeting")
    assert result.exit_code == 0, result.stderr
    assert len(server.requests) > before and "engine: llm:qwen2.5:7b" in (tmp_path / "talk.outline.md").read_text()
    assert_reached(server, "qwen2.5:7b", "meeting")
    offline = invoke("process", tmp_path / "talk.flac", "--engine", "offline", "--template", "lecture", "-f", "txt")
    assert offline.exit_code == 0 and "engine: offline" in (tmp_path / "talk.outline.md").read_text()


@pytest.mark.parametrize("body", ["hello", {"foo": 1}, {"choices": [{"message": "hi"}]}, None])
def test_a_server_that_is_not_openai_is_one_clear_line(body, tmp_path):
    server = ScriptedServer(lambda request: (200, body))
    try:
        (tmp_path / "memo.txt").write_text(Path("tests/data/memo_en.txt").read_text())
        result = invoke("outline", tmp_path / "memo.txt", *llm_args(server))
    finally:
        server.close()
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        f"error: {tmp_path / 'memo.txt'}: the server at {server.base_url} answered, but not with an OpenAI chat "
        "completion; check --llm-base-url (it usually ends in /v1) or use --engine offline"
    ]


def test_help_shows_flags_as_flags_and_the_outline_format_default():
    for command in ("transcribe", "outline", "process", "record"):
        text = invoke(command, "--help").stdout
        assert "<bool>" not in text
    assert "for memo outline: json" in invoke("outline", "--help", env={"COLUMNS": "250"}).stdout
