"""Settings: built-in defaults < config file < environment (MEMO_*, OPENAI_*) < command-line flags.

The config file is ``config.toml`` in the user directory (``memo_home()``), e.g.::

    [llm]
    base_url = "http://127.0.0.1:11434/v1"
    model = "qwen2.5:7b"

    [transcribe]
    model = "/path/to/faster-whisper-large-v3"
    vocabulary = ["张伟", "Kubernetes"]   # names and terms to recognise (Whisper hotwords)
    vocabulary_file = "~/terms.txt"      # or one term a line
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .errors import ConfigError

# The one place that knows Python 3.10 has no tomllib: every module imports ``tomllib`` from here.
if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def memo_home() -> Path:
    """The one user directory for memo's config, model cache and recordings (``$MEMO_HOME`` overrides)."""
    if env := os.environ.get("MEMO_HOME"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "memo"


def cache_dir() -> Path:
    """Where derived files live (joined models); safe to delete."""
    if env := os.environ.get("MEMO_CACHE_DIR"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "memo"


def config_path() -> Path:
    return Path(os.environ.get("MEMO_CONFIG", memo_home() / "config.toml")).expanduser()


def load_config() -> dict[str, Any]:
    """The parsed config file, or {} when there is none."""
    path = config_path()
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix or delete the config file") from exc


def setting(
    section: str, key: str, flag: Any = None, default: Any = None, env: tuple[str, ...] = ()
) -> Any:
    """Resolve one setting: the flag if given, else the first set env var, else the config file, else ``default``.

    ``MEMO_<SECTION>_<KEY>`` is always consulted first among env vars; ``env`` adds others (e.g. OPENAI_API_KEY).
    """
    if flag is not None:
        return flag
    for name in (f"MEMO_{section}_{key}".upper(), *env):
        value = os.environ.get(name)
        if value not in (None, ""):
            return value
    value = load_config().get(section, {}).get(key)
    return default if value is None else value


def default_memos_dir() -> Path:
    """Where recordings go without a path: ``[record] dir`` in config.toml or $MEMO_RECORD_DIR, else ~/…/memo/memos."""
    return Path(setting("record", "dir", default=str(memo_home() / "memos"))).expanduser()
