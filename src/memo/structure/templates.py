"""Outline templates: which sections an outline has, their headings per language, and the cue phrases for each.

Built-in templates are TOML files in ``data/templates/``; a user template is a ``.toml`` (or, with PyYAML
installed, ``.yaml``) file of the same shape::

    name = "interview"
    description = "..."
    [[sections]]
    key = "background"
    titles = { zh = "背景", en = "Background" }   # or: title = "Background" (all languages)
    description = "Who the person is and where they come from."
    cues = ["背景", "经历", "background"]
    signals = ["小时候", "grew up"]   # optional: phrases that mark content of this section anywhere in a memo
    forms = ['^where (?:i|we) came from']   # optional: regular expressions for how a speaker names the section
    item_forms = ['^as a kid$']   # optional: forms that name it only as a whole announced part, not a sentence
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..config import tomllib  # the one Python 3.10 shim
from ..errors import ConfigError
from ..language import base_language

DEFAULT_TEMPLATE = "default"


# Words that turn the memo to a part before its name: "so", "ok", "right then", "and", "first"; 好, 那.
_TURN = re.compile(r"^(?:(?:so|ok|okay|right|and|then|now|well|anyway|first|firstly|next|finally|lastly)\b[,.]?\s*)+"
                   r"|^(?:(?:好|那)[，,\s]|然后[，,\s]?)+")  # 好处 and 那些 keep their first character


@dataclass(frozen=True)
class SectionSpec:
    """One section of a template: a stable key, headings per language, what belongs in it, cue phrases."""

    key: str
    titles: dict[str, str]
    description: str
    cues: tuple[str, ...] = ()
    # The words the speaker announced this part with ("我的分析方法"), when the outline follows his plan.
    announced: str = ""
    # Phrases that mark a sentence's content as this section's wherever it is said ("I'm going to" / "打算"
    # for a plan, "so far" / "这几天" for how it went): used to assign content when no structure is announced.
    signals: tuple[str, ...] = ()
    # Weaker evidence: everyday words that lean to the section ("其实" to analysis, "后来" to how it went).
    hints: tuple[str, ...] = ()
    # Regular expressions for how a speaker names the section whatever the words in between ("how her two trial
    # days went", "定下来到底怎么走"): a part announced so, or a paragraph opening so, is this section's.
    forms: tuple[str, ...] = ()
    # Forms that name the section only as a whole part of a list ("this morning" is how it went),
    # not as the opening of any sentence ("Tonight I tell Lorraine" is a plan).
    item_forms: tuple[str, ...] = ()

    def named_by_form(self, text: str, item: bool = False) -> bool:
        """Whether ``text`` names this section by one of its forms (lower-cased), after the word that turns to it
        ("So what I'm doing." is "what I'm doing"); ``item``: ``text`` is a whole part's name (``item_forms`` too)."""
        low = _TURN.sub("", text.lower())
        forms = self.forms + self.item_forms if item else self.forms
        return any(p.search(low) for p in _compiled(forms))

    def names(self) -> tuple[str, ...]:
        """What the section is called: the speaker's announced wording, its headings, its cue phrases."""
        return tuple(n for n in (self.announced, *self.titles.values(), *self.cues) if n)

    def title(self, language: str) -> str:
        """The heading in ``language``; English, then any heading, then the key when that language has none."""
        lang = base_language(language)
        for candidate in (lang, "en"):
            if self.titles.get(candidate):
                return self.titles[candidate]
        return next(iter(self.titles.values()), self.key.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Template:
    """A named, ordered set of sections."""

    name: str
    sections: tuple[SectionSpec, ...]
    description: str = ""

    def section(self, key: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)


@lru_cache(maxsize=128)
def _compiled(forms: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(f) for f in forms)


def _templates_dir():
    return resources.files("memo.structure").joinpath("data", "templates")


def list_templates() -> list[str]:
    """Names of the built-in templates, ``default`` first."""
    names = sorted(p.name[: -len(".toml")] for p in _templates_dir().iterdir() if p.name.endswith(".toml"))
    return sorted(names, key=lambda n: n != DEFAULT_TEMPLATE)


def load_template(name_or_path: str) -> Template:
    """A built-in template by name, or a user template from a ``.toml``/``.yaml`` path; ConfigError on bad input."""
    name_or_path = str(name_or_path).strip() or DEFAULT_TEMPLATE
    builtin = _templates_dir().joinpath(f"{name_or_path}.toml")
    if "/" not in name_or_path and "\\" not in name_or_path and builtin.is_file():
        return _parse(_load_toml(builtin.read_text(encoding="utf-8"), name_or_path), name_or_path)
    path = Path(name_or_path).expanduser()
    if not path.suffix:
        raise ConfigError(
            f"unknown template {name_or_path!r}; built-in templates: {', '.join(list_templates())}, "
            "or give the path of a .toml/.yaml file"
        )
    if not path.is_file():
        raise ConfigError(f"{path}: template file not found; give an existing .toml/.yaml file or a built-in name")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the template ({exc})") from exc
    suffix = path.suffix.lower()
    if suffix == ".toml":
        data = _load_toml(text, str(path))
    elif suffix in (".yaml", ".yml"):
        data = _load_yaml(text, str(path))
    else:
        raise ConfigError(f"{path}: templates are .toml or .yaml files")
    return _parse(data, str(path), default_name=path.stem)


def _load_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: invalid TOML in template ({exc})") from exc


def _load_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        import yaml
    except ImportError as exc:
        raise ConfigError(f"{where}: YAML templates need PyYAML (pip install pyyaml); or write it as TOML") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: invalid YAML in template ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a template is a mapping with a 'sections' list")
    return data


def _phrases(raw: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    values = raw.get(name, [])
    if isinstance(values, str) or not all(isinstance(c, str) for c in values):
        raise ConfigError(f"{where}: '{name}' must be a list of strings")
    return tuple(c.strip() for c in values if c.strip())


def _parse(data: dict[str, Any], where: str, default_name: str = "") -> Template:
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        raise ConfigError(f"{where}: the template needs a non-empty 'sections' list")
    specs: list[SectionSpec] = []
    for i, raw in enumerate(sections, 1):
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: section {i} must be a table with at least 'key' or 'title'")
        titles = raw.get("titles") or {}
        if isinstance(raw.get("title"), str):
            titles = {"en": raw["title"], **titles} if titles else {"en": raw["title"]}
        if not isinstance(titles, dict) or not all(isinstance(v, str) and v.strip() for v in titles.values()):
            raise ConfigError(f"{where}: section {i}: 'titles' must map language codes to headings")
        key = raw.get("key") or (next(iter(titles.values()), "") if titles else "")
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(f"{where}: section {i} needs a 'key' or a 'title'")
        if not titles:
            titles = {"en": key.replace("_", " ").capitalize()}
        cues, signals, hints, forms, item_forms = (
            _phrases(raw, name, f"{where}: section {key!r}")
            for name in ("cues", "signals", "hints", "forms", "item_forms")
        )
        for form in forms + item_forms:
            try:
                re.compile(form)
            except re.error as exc:
                raise ConfigError(
                    f"{where}: section {key!r}: 'forms' holds a bad regular expression {form!r} ({exc})"
                ) from exc
        specs.append(
            SectionSpec(
                key=key.strip(),
                titles={base_language(k): v.strip() for k, v in titles.items()},
                description=str(raw.get("description", "")).strip(),
                cues=cues,
                signals=signals,
                hints=hints,
                forms=forms,
                item_forms=item_forms,
            )
        )
    keys = [s.key for s in specs]
    if len(set(keys)) != len(keys):
        raise ConfigError(f"{where}: section keys must be unique (got {', '.join(keys)})")
    return Template(
        name=str(data.get("name") or default_name or where),
        sections=tuple(specs),
        description=str(data.get("description", "")).strip(),
    )
