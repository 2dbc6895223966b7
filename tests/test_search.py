"""memo search: a real SQLite FTS5 index, fed as memo writes outputs, Chinese and English, rebuilt when damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from memo.library import HIT_END, HIT_START, Library
from memo.records import Segment, Transcript
from memo.writers import write_outputs

ROOT = Path(__file__).resolve().parent.parent


def memo(*args, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "memo", *map(str, args)], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env},
    )  # fmt: skip


@pytest.fixture
def index_env(tmp_path, monkeypatch) -> dict:
    path = tmp_path / "index" / "memo.sqlite3"
    monkeypatch.setenv("MEMO_INDEX", str(path))
    return {"MEMO_INDEX": str(path)}


def test_what_memo_writes_is_found_with_file_time_and_speaker(tmp_path, english_sample, index_env):
    out = tmp_path / "out"
    done = memo("process", english_sample, "-o", out, "--engine", "offline", env=index_env)
    assert done.returncode == 0, done.stderr
    done = memo("outline", ROOT / "samples" / "memo_zh.txt", "-o", out, "--engine", "offline", env=index_env)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr

    segments = json.loads((out / "sense_and_sensibility.json").read_text())["segments"]
    later = segments[-1]
    word = max(later["text"].strip(" .").split(), key=len).strip(",.")  # a word of the last sentence
    found = memo("search", word, env=index_env)
    assert found.returncode == 0, found.stderr
    minutes, seconds = divmod(int(later["start"]), 60)
    head = f"{out / 'sense_and_sensibility.json'} [{minutes}:{seconds:02d}] "
    lines = [line for line in found.stdout.splitlines() if line.startswith(head)]  # the outline's point is found too
    assert len(lines) == 1 and f"**{word}**".lower() in lines[0].lower()  # plain markers: stdout is not a terminal

    zh = json.loads(memo("search", "离职", "--json", env=index_env).stdout)
    assert zh and {Path(h["file"]).name for h in zh} == {"memo_zh.outline.md"}
    for hit in zh:
        assert any(hit["text"][a:b] == "离职" for a, b in hit["hits"]), hit
    missing = memo("search", "zebra", env=index_env)
    assert missing.returncode == 1 and missing.stderr.startswith("memo: no matches for 'zebra'")


def _memo(folder: Path, name: str, language: str, lines: list[tuple[float, str, str]]) -> Path:
    segments = tuple(Segment(start, start + 3, text, speaker=who) for start, who, text in lines)
    transcript = Transcript(str(folder / f"{name}.wav"), language, lines[-1][0] + 3, segments)
    return write_outputs(transcript, ["json"], folder / name)[0]


def test_filters_ranking_chinese_words_and_stale_files(tmp_path, index_env):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    zh = [(5, "Host", "我们聊一下为什么我想离职。"), (724, "Guest", "离职原因是工作太累了。")]
    _memo(home, "2026-01-05_08-00-00", "zh", zh)
    _memo(work, "2026-02-10_18-30-00", "en", [(1, "Ana", "We decided to ship the budget plan."),
                                             (9, "Bo", "Budget, budget, budget: the budget decides everything.")])
    stale = _memo(work, "2026-03-01_09-00-00", "en", [(0, "Ana", "An old budget note.")])
    with Library() as library:
        files, rows, same, problems = library.add_folders([tmp_path])
        assert (files, rows, same, problems) == (3, 5, 0, [])
        assert library.add_folders([tmp_path])[:3] == (0, 0, 3)  # unchanged files are not read again

        budget = library.search("budget")
        assert [h.speaker for h in budget] == ["Bo", "Ana", "Ana"]  # bm25: four mentions rank first
        assert {h.text for h in library.search("decide")} == {
            "We decided to ship the budget plan.", "Budget, budget, budget: the budget decides everything."}
        assert [h.speaker for h in library.search("budget", speaker="ana", until="2026-02-28")] == ["Ana"]
        assert library.search("budget", since="2026-03-01")[0].file == str(stale.resolve())
        assert library.search("budget", folder=home) == []

        reason = library.search("原因")  # a sub-word of 离职原因 in the Chinese memo
        assert [(h.start, h.speaker, h.marked) for h in reason] == [
            (724.0, "Guest", f"离职{HIT_START}原因{HIT_END}是工作太累了。")]
        both = library.search("离职 工作", folder=home)
        assert [h.start for h in both] == [724.0]
        char = library.search("职")  # one character inside a word: the substring fallback
        assert {h.start for h in char} == {5.0, 724.0} and all(f"{HIT_START}职{HIT_END}" in h.marked for h in char)

        stale.unlink()  # a memo deleted since it was indexed is forgotten, not shown
        assert len(library.search("budget")) == 2
        assert library.stats()[0] == 2


def _built_index(tmp_path: Path) -> Path:
    folder = tmp_path / "memos"
    folder.mkdir()
    for i in range(30):
        _memo(folder, f"2026-01-{i % 28 + 1:02d}_memo{i}", "en", [(j * 4.0, "Host", f"Line {j} of memo {i} about "
              f"{'gardening' if i == 7 else 'cooking'} and the weather.") for j in range(40)])  # fmt: skip
    with Library() as library:
        library.add_folders([folder])
    return Path(os.environ["MEMO_INDEX"])


@pytest.mark.parametrize("damage", ["pages", "garbage", "deleted"])
def test_a_damaged_or_missing_index_is_rebuilt_with_one_line(tmp_path, index_env, damage):
    path = _built_index(tmp_path)
    assert path.stat().st_size > 40_000 and not Path(f"{path}-wal").exists()
    if damage == "pages":  # keep the header, scramble what follows (a torn or bit-rotted file)
        data = bytearray(path.read_bytes())
        data[4096:-4096] = os.urandom(len(data) - 8192)
        path.write_bytes(bytes(data))
    elif damage == "garbage":
        path.write_bytes(b"this is not a database\n" * 500)
    else:
        path.unlink()
    result = memo("search", "gardening", env=index_env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"memo: the search index {path} ") and "rebuilt it from 30 file(s)" in result.stderr
    assert len(result.stdout.splitlines()) == 20 and "memo7" in result.stdout
    again = memo("search", "gardening", env=index_env)
    assert again.stderr == "" and again.stdout == result.stdout


def test_an_index_that_cannot_be_written_never_fails_a_transcription(tmp_path, english_sample):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")
    env = {"MEMO_INDEX": str(blocker / "memo.sqlite3")}
    result = memo("transcribe", english_sample, "-o", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "search index not updated" in warnings[0]
    assert (tmp_path / "out" / "sense_and_sensibility.json").exists()
