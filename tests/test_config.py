"""Settings come from flags > environment > the config file > defaults, from one user folder; every module imports."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import memo
from memo.config import config_path, load_config, setting, tomllib
from memo.errors import ConfigError


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("MEMO_CONFIG", str(path))
    monkeypatch.delenv("MEMO_LLM_MODEL", raising=False)
    monkeypatch.delenv("MEMO_LLM_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return path


def test_flag_beats_environment_beats_file_beats_default(config_file, monkeypatch) -> None:
    config_file.write_text('[llm]\nmodel = "from-file"\napi_key = "file-key"\n', encoding="utf-8")
    assert config_path() == config_file
    assert setting("llm", "model", default="built-in") == "from-file"
    monkeypatch.setenv("MEMO_LLM_MODEL", "from-env")
    assert setting("llm", "model", default="built-in") == "from-env"
    assert setting("llm", "model", "from-flag", default="built-in") == "from-flag"
    assert setting("llm", "missing", default="built-in") == "built-in"
    # Other variables count after MEMO_*, before the file; an empty variable is unset.
    monkeypatch.setenv("OPENAI_API_KEY", "")
    assert setting("llm", "api_key", env=("OPENAI_API_KEY",)) == "file-key"
    monkeypatch.setenv("OPENAI_API_KEY", "openai-key")
    assert setting("llm", "api_key", env=("OPENAI_API_KEY",)) == "openai-key"


def test_no_file_is_no_settings_and_a_broken_file_is_one_clear_error(config_file) -> None:
    assert load_config() == {}
    config_file.write_text("[llm\nmodel = ", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config()
    message = str(error.value)
    assert str(config_file) in message and "invalid TOML" in message and "\n" not in message


def test_tomllib_is_the_one_shim() -> None:
    assert tomllib.loads('a = "b"') == {"a": "b"}


def test_every_module_of_memo_imports() -> None:
    names = [m.name for m in pkgutil.walk_packages(memo.__path__, prefix="memo.")]
    assert "memo.cli.process" in names and "memo.structure.llm" in names and "memo.diarize.roster" in names
    for name in names:
        if name != "memo.__main__":  # runs the command
            importlib.import_module(name)
