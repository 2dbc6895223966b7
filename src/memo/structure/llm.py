"""The ``llm`` outline engine: cleanup and outline through any OpenAI-compatible endpoint.

One prompt for a whole memo is not enough (a small model repeats points across sections and invents
plans, see research/llm-and-data.md), so the work is split and checked:

1. plan: from the opening, a title and the structure the speaker announces (if any) -> the sections;
2. per chunk of segments: cleanup of every segment under its id, then point extraction on the cleaned
   text, each point citing the ids of the segments it comes from;
3. validation: JSON schema, ids that exist in the chunk, each point checked against the text it cites
   (re-cited or dropped when the citation does not hold), duplicates merged across chunks;
4. ids -> time ranges here, never by the model.

Structured output is feature-detected per endpoint (json_schema -> json_object+schema -> forced tool call
-> JSON in plain text) and the mode that worked is remembered for the run. Nothing here writes files.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from string import Template as _PromptTemplate
from typing import TYPE_CHECKING, Any

from ..config import setting
from ..errors import EngineError
from ..language import CJK, NO_SPACE_LANGUAGES, base_language
from ..records import Outline, OutlinePoint, OutlineSection, Segment, Transcript
from .chunking import chunk_segments, is_timed, paragraph_starts
from .cleanup import clean_text, count_fillers, to_simplified
from .offline import time_ranges

if TYPE_CHECKING:
    from .templates import SectionSpec, Template

OPENAI_BASE_URL = "https://api.openai.com/v1"
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
# Local servers (llama.cpp, Ollama, vLLM) accept any key; the openai client insists on one.
PLACEHOLDER_API_KEY = "not-needed"
DEFAULT_TIMEOUT = 120.0
# About 1,500-2,500 tokens of Chinese: cleanup echoes its input, so prompt + answer fit an 8k context.
DEFAULT_MAX_CHARS = 2000

MODES = ("json_schema", "json_object", "tools", "text")
# (base_url, model) -> the structured-output mode that worked, for the rest of the run.
_MODE_CACHE: dict[tuple[str, str], str] = {}

_LANGUAGES = {"zh": "Simplified Chinese", "en": "English", "ja": "Japanese", "yue": "Cantonese (Chinese characters)",
              "de": "German", "fr": "French", "es": "Spanish", "ko": "Korean", "ru": "Russian"}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LLMSettings:
    """Where and how to reach the model. ``model == ""`` means: the first model the endpoint lists."""

    base_url: str
    api_key: str
    model: str
    timeout: float = DEFAULT_TIMEOUT
    max_chars_per_chunk: int = DEFAULT_MAX_CHARS


@dataclass
class LLMStats:
    """What a run cost; filled by :func:`llm_outline` when passed in (used by bench/bench_outline.py)."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    chunks: int = 0
    mode: str = ""
    dropped_points: int = 0
    splits: int = 0  # requests halved because they did not fit the model's context
    request_seconds: list[float] = field(default_factory=list)


def resolve_llm_settings(
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    timeout: float | None = None,
    max_chars_per_chunk: int | None = None,
) -> LLMSettings | None:
    """Settings from flags > env (MEMO_LLM_*, OPENAI_*) > config ``[llm]``; None when no endpoint is configured."""
    url = setting("llm", "base_url", base_url, None, env=("OPENAI_BASE_URL",))
    key = setting("llm", "api_key", api_key, None, env=("OPENAI_API_KEY",))
    if not url and not key:
        return None
    url = str(url or OPENAI_BASE_URL).rstrip("/")
    name = setting("llm", "model", model, None)
    if not name and url == OPENAI_BASE_URL:
        name = OPENAI_DEFAULT_MODEL
    try:
        seconds = float(setting("llm", "timeout", timeout, DEFAULT_TIMEOUT))
        chars = int(setting("llm", "max_chars", max_chars_per_chunk, DEFAULT_MAX_CHARS))
    except (TypeError, ValueError) as exc:
        from ..errors import ConfigError

        raise ConfigError(f"invalid LLM timeout or max_chars setting ({exc}); use numbers") from exc
    return LLMSettings(url, str(key or PLACEHOLDER_API_KEY), str(name or ""), seconds, max(200, chars))


# ---------------------------------------------------------------- the endpoint


class _TooLong(Exception):
    """The prompt did not fit the model's context, or (``cut_off``) the answer hit its token limit: split the chunk."""

    def __init__(self, cut_off: bool = False) -> None:
        super().__init__("answer cut off" if cut_off else "prompt too long")
        self.cut_off = cut_off


class UnusableAnswer(EngineError):
    """The endpoint works but one answer was unusable (invalid JSON twice, cut off): other parts may still work."""


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_context_error(exc: Exception) -> bool:
    message = str(getattr(exc, "message", "") or exc).lower()
    return any(
        needle in message
        for needle in ("context length", "context window", "context_length", "maximum context", "too many tokens",
                       "exceed context", "exceeds the context", "prompt is too long", "requested tokens")
    )


def _engine_error(exc: Exception, settings: LLMSettings, model: str) -> EngineError:
    """One line for the user, from whatever the openai client raised."""
    import openai

    url = settings.base_url
    if isinstance(exc, openai.APITimeoutError):
        return EngineError(
            f"the LLM endpoint at {url} did not answer within {settings.timeout:g} s; "
            "raise MEMO_LLM_TIMEOUT, lower MEMO_LLM_MAX_CHARS or use --engine offline"
        )
    if isinstance(exc, openai.APIConnectionError):
        return EngineError(f"cannot reach the LLM endpoint at {url}; start the server or use --engine offline")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return EngineError(
            f"the LLM endpoint at {url} rejected the API key (HTTP {exc.status_code}); "
            "set --llm-api-key or MEMO_LLM_API_KEY"
        )
    if isinstance(exc, openai.NotFoundError):
        return EngineError(
            f"the LLM endpoint at {url} has no model '{model}' or is not OpenAI-compatible (HTTP 404); "
            "check --llm-model and --llm-base-url (it usually ends in /v1)"
        )
    if isinstance(exc, openai.RateLimitError):
        return EngineError(f"the LLM endpoint at {url} is rate-limiting requests (HTTP 429); retry later")
    if isinstance(exc, openai.APIStatusError):
        return EngineError(
            f"the LLM endpoint at {url} failed (HTTP {exc.status_code}: {_one_line(exc.message)}); "
            "check the server log or use --engine offline"
        )
    return EngineError(f"the LLM endpoint at {url} failed ({_one_line(exc)}); use --engine offline")


class Endpoint:
    """One OpenAI-compatible endpoint: asks for schema-shaped JSON, validates it, retries once."""

    def __init__(self, settings: LLMSettings, stats: LLMStats | None = None) -> None:
        import openai

        self.settings = settings
        self.stats = stats if stats is not None else LLMStats()
        # One client retry covers a dropped connection; more would only delay the "cannot reach" line.
        self.client = openai.OpenAI(
            base_url=settings.base_url, api_key=settings.api_key, timeout=settings.timeout, max_retries=1
        )
        self._model = settings.model

    @property
    def model(self) -> str:
        import openai

        if not self._model:
            try:
                models = [m.id for m in self.client.models.list()]
            except openai.OpenAIError as exc:
                raise _engine_error(exc, self.settings, "") from exc
            except (AttributeError, TypeError, KeyError) as exc:
                raise _not_openai(self.settings) from exc
            if not models:
                raise EngineError(
                    f"the LLM endpoint at {self.settings.base_url} lists no models; set --llm-model or MEMO_LLM_MODEL"
                )
            self._model = models[0]
        return self._model

    def ask(self, system: str, user: str, schema: dict[str, Any], name: str, max_tokens: int) -> dict[str, Any]:
        """The model's JSON answer, valid against ``schema``; one retry with the error; EngineError after that."""
        messages: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        problem = ""
        for attempt in range(2):
            text = self._complete(messages, schema, name, max_tokens)
            try:
                data = parse_json_reply(text)
                problems = validate(data, schema)
            except ValueError as exc:
                problems = [str(exc)]
            if not problems:
                return data
            problem = problems[0]
            if attempt == 0:
                messages = [
                    *messages,
                    {"role": "assistant", "content": text[:4000]},
                    {"role": "user", "content": _prompt("llm_retry", error=problem)},
                ]
        raise UnusableAnswer(
            f"the LLM at {self.settings.base_url} (model '{self.model}') returned invalid JSON twice "
            f"({_one_line(problem, 120)}); try a larger model or --engine offline"
        )

    def _complete(self, messages: list[dict[str, Any]], schema: dict[str, Any], name: str, max_tokens: int) -> str:
        import openai

        model = self.model
        key = (self.settings.base_url, model)
        failure: Exception | None = None
        for mode in MODES[MODES.index(_MODE_CACHE.get(key, MODES[0])) :]:
            started = time.perf_counter()
            try:
                response = self.client.chat.completions.create(
                    model=model,
                    messages=messages,
                    temperature=0,
                    max_tokens=max_tokens,
                    **_mode_arguments(mode, schema, name),
                )
            except openai.APIStatusError as exc:
                if _is_context_error(exc):
                    raise _TooLong from exc
                # Servers answer an unsupported response_format/tools with 400, 422, 500 or 501 (llama.cpp: 500).
                if mode != MODES[-1] and exc.status_code in (400, 415, 422, 500, 501):
                    failure = exc
                    continue
                raise _engine_error(exc, self.settings, model) from exc
            except openai.OpenAIError as exc:
                raise _engine_error(exc, self.settings, model) from exc
            except (AttributeError, TypeError, KeyError) as exc:  # the openai client choked on a non-OpenAI body
                raise _not_openai(self.settings) from exc
            finally:
                self.stats.request_seconds.append(time.perf_counter() - started)
                self.stats.requests += 1
            try:
                if not isinstance(response.choices, list):
                    raise TypeError("no choices list")
                if not response.choices:
                    failure = EngineError("an answer without choices")
                    continue
                choice = response.choices[0]
                text = _reply_text(choice.message)
                usage = response.usage
                tokens = (usage.prompt_tokens or 0, usage.completion_tokens or 0) if usage is not None else (0, 0)
                finish_reason = choice.finish_reason
            except (AttributeError, TypeError, KeyError, IndexError) as exc:
                raise _not_openai(self.settings) from exc
            if text is None and mode != MODES[-1]:
                continue  # the server ignored this mode silently (e.g. no tool call): try the next
            _MODE_CACHE[key] = self.stats.mode = mode
            self.stats.prompt_tokens += tokens[0]
            self.stats.completion_tokens += tokens[1]
            if finish_reason == "length":
                raise _TooLong(cut_off=True)
            return text or ""
        failure = failure or EngineError("no usable answer in any structured-output mode")
        raise _engine_error(failure, self.settings, model) from failure


def _not_openai(settings: LLMSettings) -> EngineError:
    return EngineError(
        f"the server at {settings.base_url} answered, but not with an OpenAI chat completion; "
        "check --llm-base-url (it usually ends in /v1) or use --engine offline"
    )


def _mode_arguments(mode: str, schema: dict[str, Any], name: str) -> dict[str, Any]:
    if mode == "json_schema":
        return {"response_format": _json_schema_format(name, schema)}
    if mode == "json_object":
        # llama.cpp and others turn the extra "schema" into a grammar; OpenAI itself never gets here.
        return {"response_format": {"type": "json_object", "schema": schema}}
    if mode == "tools":
        function = {"name": name, "description": "Submit the answer.", "parameters": schema}
        tool = {"type": "function", "function": function}
        return {"tools": [tool], "tool_choice": {"type": "function", "function": {"name": name}}}
    return {}


def _json_schema_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


def _reply_text(message: Any) -> str | None:
    for call in getattr(message, "tool_calls", None) or ():
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if arguments:
            return arguments
    return message.content or None


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def parse_json_reply(text: str) -> Any:
    """The JSON object in a reply: bare, in a ``` fence, or between the first '{' and the last '}'."""
    text = (text or "").strip()
    if not text:
        raise ValueError("an empty reply")
    candidates = [text, *(m.group(1) for m in _FENCE.finditer(text))]
    if "{" in text and "}" in text:
        candidates.append(text[text.index("{") : text.rindex("}") + 1])
    error = ""
    for candidate in candidates:
        try:
            return json.loads(candidate, strict=False)  # raw newlines inside strings are common
        except json.JSONDecodeError as exc:
            error = f"not JSON ({exc.msg} at position {exc.pos})"
    raise ValueError(error)


_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "number": (int, float)
}


def validate(data: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Problems of ``data`` against the small JSON-schema subset memo's schemas use (type, properties,
    required, items, enum); [] when valid."""
    expected = schema.get("type")
    if expected:
        kind = _TYPES[expected]
        if not isinstance(data, kind) or (expected in ("integer", "number") and isinstance(data, bool)):
            return [f"{where} should be {expected}, got {type(data).__name__}"]
    if "enum" in schema and data not in schema["enum"]:
        return [f"{where} = {data!r} is not one of {schema['enum'][:12]}"]
    problems: list[str] = []
    if isinstance(data, dict):
        problems += [f"{where}.{key} is missing" for key in schema.get("required", ()) if key not in data]
        for key, sub in schema.get("properties", {}).items():
            if key in data:
                problems += validate(data[key], sub, f"{where}.{key}")
    elif isinstance(data, list) and "items" in schema:
        for i, item in enumerate(data):
            problems += validate(item, schema["items"], f"{where}[{i}]")
    return problems


# ---------------------------------------------------------------- prompts and schemas


def _prompt(name: str, **values: Any) -> str:
    text = resources.files("memo.structure").joinpath("prompts").joinpath(f"{name}.md").read_text(encoding="utf-8")
    return _PromptTemplate(text).substitute(values)


def _object(**properties: dict[str, Any]) -> dict[str, Any]:
    # Every property required and nothing else allowed: what OpenAI's strict json_schema mode demands.
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def plan_schema(keys: Sequence[str]) -> dict[str, Any]:
    part = _object(title={"type": "string"}, template_key={"type": "string", "enum": [*keys, ""]})
    return _object(title={"type": "string"}, structure=_array(part))


def cleanup_schema(ids: Sequence[int]) -> dict[str, Any]:
    item = _object(
        id={"type": "integer", "enum": list(ids)}, text={"type": "string"}, new_paragraph={"type": "boolean"}
    )
    return _object(segments=_array(item))


def extract_schema(keys: Sequence[str], ids: Sequence[int]) -> dict[str, Any]:
    point = _object(
        section={"type": "string", "enum": list(keys)},
        text={"type": "string"},
        sources=_array({"type": "integer", "enum": list(ids)}),
    )
    # minItems nudges grammar-constrained decoding away from the empty answer; validate() does not insist on it.
    point["properties"]["sources"]["minItems"] = 1
    return _object(points={**_array(point), "minItems": 1})


def _numbered(lines: Sequence[tuple[int, str]]) -> str:
    return "\n".join(f"[{i}] {' '.join(text.split())}" for i, text in lines)


def _language_name(language: str) -> str:
    return _LANGUAGES.get(language, "the language of the transcript")


# ---------------------------------------------------------------- text checks (grounding, duplicates)

_CJK = re.compile(f"[{CJK}]+")
_WORD = re.compile(r"[^\W_]{3,}")
# Function words carry no evidence that a point comes from a sentence.
_STOPWORDS = frozenset(
    {
        "the", "and", "but", "for", "not", "are", "was", "were", "you", "your", "they", "them", "their", "this", "that",
        "these", "those", "with", "from", "have", "has", "had", "will", "would", "can", "could", "should", "what",
        "when", "where", "which", "who", "how", "why", "all", "any", "some", "out", "about", "into", "than", "then",
        "there", "here", "just", "also", "very", "more", "most", "much", "such", "only", "own", "its", "our", "ours",
        "his", "her", "hers", "him", "she"
    }
)
# A point must share this share of its bigrams/words with the text it cites, else it is not the speaker's.
SUPPORT_THRESHOLD = 0.4
DUPLICATE_THRESHOLD = 0.7


def _tokens(text: str) -> set[str]:
    """Character bigrams for Chinese/Japanese runs, lowercased words of 3+ letters otherwise."""
    tokens: set[str] = set()
    for run in _CJK.findall(text):
        tokens.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    tokens.update(w for w in (w.lower() for w in _WORD.findall(_CJK.sub(" ", text))) if w not in _STOPWORDS)
    return tokens


def _support(point: set[str], source: set[str]) -> float:
    return len(point & source) / len(point) if point else 0.0


def ground(text: str, cited: Sequence[int], chunk: dict[int, str]) -> tuple[int, ...]:
    """The ids a point really comes from: its citations if they support it, else the best-matching segments
    next to them, else anywhere in the chunk; () when nothing in the chunk supports it (the point is dropped)."""
    point = _tokens(text)
    if not point:
        return tuple(sorted(set(cited)))
    shared = {i: point & _tokens(source) for i, source in chunk.items()}
    if cited and _support(point, set().union(*(shared[i] for i in cited))) >= SUPPORT_THRESHOLD:
        return tuple(sorted({i for i in cited if shared[i]}))
    # A point often spans the boundary next to the segment cited; then anywhere in this part of the memo.
    near = {j for i in cited for j in (i - 1, i, i + 1) if j in chunk}
    for candidates in (near, set(chunk)):
        chosen: list[int] = []
        covered: set[str] = set()
        for i in sorted(candidates, key=lambda i: (-len(shared[i]), i))[:3]:
            if shared[i] - covered:
                chosen.append(i)
                covered |= shared[i]
            if len(covered) / len(point) >= SUPPORT_THRESHOLD:
                return tuple(sorted(chosen))
    return ()


def is_duplicate(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return a.strip() == b.strip()
    return len(ta & tb) / min(len(ta), len(tb)) >= DUPLICATE_THRESHOLD


# ---------------------------------------------------------------- the engine


@dataclass
class _Section:
    key: str
    title: str
    description: str
    points: list[tuple[str, set[int]]] = field(default_factory=list)
    optional: bool = False  # a template section the speaker's announced structure left out: shown if it has points


class _Run:
    """One memo through one endpoint."""

    def __init__(self, transcript: Transcript, template: Template, endpoint: Endpoint, progress: Progress | None):
        self.transcript = transcript
        self.template = template
        self.endpoint = endpoint
        self.progress = progress
        self.language = transcript.language or "en"
        self.language_name = _language_name(base_language(self.language))
        # Global ids, 1-based, stable across chunks: what the model cites (filled from the chunks in run()).
        self.by_id: dict[int, Segment] = {}
        self.cleaned: dict[int, tuple[str, bool]] = {}
        self.sections: list[_Section] = []
        self.part = ""  # "part 2 of 5", for the extraction prompt
        self.previous = ""  # the section key the previous part ended in
        self._to_simplified = to_simplified if base_language(self.language) == "zh" else None

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def simplified(self, text: str) -> str:
        return self._to_simplified(text) if self._to_simplified else text

    def run(self) -> Outline:

        chunks: list[tuple[int, ...]] = []
        for chunk in chunk_segments(self.transcript, self.endpoint.settings.max_chars_per_chunk):
            start = len(self.by_id) + 1
            self.by_id.update(enumerate(chunk, start))
            if chunk:
                chunks.append(tuple(range(start, start + len(chunk))))
        self.endpoint.stats.chunks = len(chunks)
        title = self.plan(chunks[0] if chunks else ())
        # A weak model can fail one part and do the next; only an endpoint failure or nothing usable at all stops.
        failed: dict[int, str] = {}
        without_points = 0
        for n, chunk in enumerate(chunks, 1):
            self.say(f"part {n}/{len(chunks)}, cleanup")
            try:
                _fitting(chunk, self.clean, self.endpoint)
            except UnusableAnswer as exc:
                failed.setdefault(n, str(exc))
            self.say(f"part {n}/{len(chunks)}, points")
            self.part = f"part {n} of {len(chunks)}"
            try:
                _fitting(chunk, self.extract, self.endpoint)
            except UnusableAnswer as exc:
                failed.setdefault(n, str(exc))
                without_points += 1
                if without_points == len(chunks):
                    raise
        notices = []
        if failed:
            parts = ", ".join(map(str, failed))
            notices.append(
                f"unusable LLM answers for part {parts} of {len(chunks)} ({next(iter(failed.values()))}); "
                "there the built-in rules cleaned the text and outline points may be missing"
            )
        engine = f"llm:{self.endpoint.model}"
        sections = tuple(self.outline_section(s) for s in self.sections if self.shown(s))
        if not any(s.points for s in sections):
            # Nothing the model said could be traced to the memo (a model too small for the language): an
            # outline of invented points is worse than the built-in engine's; the LLM's cleanup stays.
            from .offline import offline_outline

            sections = offline_outline(self.transcript, self.template).sections
            engine += "+offline"
            notices.append(
                f"none of the {self.endpoint.stats.dropped_points} points of model '{self.endpoint.model}' could be "
                "traced to the transcript; the outline points are the offline engine's"
            )
        return Outline(
            title=title,
            sections=sections,
            cleaned_text=self.cleaned_text(),
            language=self.language,
            engine=engine,
            source=self.transcript.source,
            notice="; ".join(notices),
        )

    # -- plan: title and the speaker's announced structure

    def plan(self, opening: Sequence[int]) -> str:
        specs = self.template.sections
        self.sections = [_Section(s.key, s.title(self.language), s.description) for s in specs]
        if not opening:
            return _fallback_title(self.transcript)
        self.say("title and structure")
        keys = [s.key for s in specs]
        system = _prompt(
            "llm_plan", language=self.language_name, sections=_describe(specs, self.language),
            schema=json.dumps(plan_schema(keys), ensure_ascii=False),
        )
        while True:
            try:
                text = _numbered([(i, self.by_id[i].text) for i in opening])
                data = self.endpoint.ask(system, text, plan_schema(keys), "memo_plan", 400)
                break
            except _TooLong as exc:
                if exc.cut_off:  # a title and a few part names never need 400 tokens: the model is looping
                    return _fallback_title(self.transcript)
                if len(opening) < 2:
                    raise _too_long_error(self.endpoint) from None
                self.endpoint.stats.splits += 1
                opening = opening[: len(opening) // 2]  # the structure is announced at the start
            except UnusableAnswer:
                return _fallback_title(self.transcript)  # the template's sections, a plain title
        announced: list[_Section] = []
        for n, part in enumerate(data["structure"], 1):
            name = self.simplified(part["title"].strip())
            key = part["template_key"]
            spec = next((s for s in specs if s.key == key), None)
            if spec is not None and all(a.key != key for a in announced):
                announced.append(_Section(key, spec.title(self.language), f"{spec.description} ({name})"))
            elif name:
                announced.append(_Section(f"part{n}", name, name))
        # One announced part is no structure; follow the speaker only when they lay out several.
        if len(announced) >= 2:
            covered = {a.key for a in announced}
            rest = [
                _Section(s.key, s.title, s.description, optional=True) for s in self.sections if s.key not in covered
            ]
            self.sections = announced + rest
        return self.simplified(data["title"].strip()) or _fallback_title(self.transcript)

    # -- cleanup: every segment under its id

    def clean(self, ids: Sequence[int]) -> None:
        lines = [(i, self.by_id[i].text) for i in ids]
        script = " Use simplified characters only." if self._to_simplified else ""
        schema = cleanup_schema(ids)
        system = _prompt("llm_cleanup", language=self.language_name, script=script,
                         schema=json.dumps(schema, ensure_ascii=False))
        chars = sum(len(t) for _, t in lines)
        data = self.endpoint.ask(system, _numbered(lines), schema, "memo_cleanup", 2 * chars + 24 * len(ids) + 64)
        answers = {}
        for item in data["segments"]:
            answers.setdefault(item["id"], item)
        for i, original in lines:
            item = answers.get(i)
            text = self.simplified(" ".join(item["text"].split())) if item else None
            if text is None or not _usable_cleanup(original, text):
                text = self.rule_clean(original)  # the model skipped, summarised or padded it: keep the words
            elif count_fillers(text, self.language):
                text = self.rule_clean(text)  # the model left hesitations in
            self.cleaned[i] = (text, bool(item and item["new_paragraph"]))

    def rule_clean(self, text: str) -> str:
        """The built-in rule-based cleanup (fillers, stutters, punctuation); never rewords."""
        return clean_text(text, self.language).strip()

    def cleaned_text(self) -> str:
        sep = "" if base_language(self.language) in NO_SPACE_LANGUAGES else " "
        # Text input keeps its own paragraphs; ids are segment indices + 1 (chunks never split segments).
        starts = {i + 1 for i in paragraph_starts(self.transcript)}
        paragraphs: list[list[str]] = [[]]
        for i in self.by_id:
            text, new_paragraph = self.cleaned.get(i) or (self.rule_clean(self.by_id[i].text), False)
            if (new_paragraph or i in starts) and paragraphs[-1]:
                paragraphs.append([])
            if text:
                paragraphs[-1].append(text)
        return "\n\n".join(sep.join(p) for p in paragraphs if p)

    # -- extraction: points citing ids, checked against what they cite

    def extract(self, ids: Sequence[int]) -> None:
        chunk = {i: f"{self.by_id[i].text} {self.cleaned.get(i, ('', False))[0]}" for i in ids}
        lines = [(i, self.cleaned.get(i, (self.by_id[i].text, False))[0] or self.by_id[i].text) for i in ids]
        keys = [s.key for s in self.sections]
        schema = extract_schema(keys, ids)
        max_points = max(3, sum(len(t) for _, t in lines) // 150)
        context = f"\nThis is {self.part} of the memo."
        if self.previous:
            context += f" The previous part ended in section `{self.previous}`."
        known = [f"- ({s.key}) {text}" for s in self.sections for text, _ in s.points][-30:]
        if known:
            context += " Points already listed:\n" + "\n".join(known)
        system = _prompt(
            "llm_extract", language=self.language_name, sections=_describe_sections(self.sections),
            max_points=max_points, context=context + "\n", schema=json.dumps(schema, ensure_ascii=False),
        )
        data = self.endpoint.ask(system, _numbered(lines), schema, "memo_points", max_points * 120 + 200)
        for item in data["points"]:
            text = self.simplified(" ".join(item["text"].split()))
            section = next((s for s in self.sections if s.key == item["section"]), None)
            if not text or section is None:
                continue
            sources = ground(text, [i for i in item["sources"] if i in chunk], chunk)
            if not sources:
                self.endpoint.stats.dropped_points += 1
                continue
            self.add_point(section, text, set(sources))
            self.previous = section.key

    def add_point(self, section: _Section, text: str, sources: set[int]) -> None:
        for other in self.sections:
            for n, (known, known_sources) in enumerate(other.points):
                if is_duplicate(text, known):
                    # Same idea again (often under another heading): keep the first, add where it was said.
                    other.points[n] = (known, known_sources | sources)
                    return
        section.points.append((text, sources))

    def shown(self, section: _Section) -> bool:
        """Template sections the speaker's structure left out stay when it shares others with the template."""
        if not section.optional or section.points:
            return True
        return any(not s.optional and self.template.section(s.key) is not None for s in self.sections)

    def outline_section(self, section: _Section) -> OutlineSection:
        timed = is_timed(self.transcript)
        points = tuple(
            # ids are segment indices + 1: chunks are runs of the transcript's own segments.
            OutlinePoint(text, time_ranges([i - 1 for i in ids], self.transcript.segments) if timed else ())
            for text, ids in section.points
        )
        return OutlineSection(section.title, points, section.key)


def _fitting(
    ids: tuple[int, ...], work: Callable[[Sequence[int]], Any], endpoint: Endpoint, cut_offs: int = 1
) -> list[Any]:
    """``work(ids)``, split in halves as often as needed when a prompt does not fit the model's context.

    An answer cut off at its token limit is split once: a model that repeats itself would be split down to
    single segments at full cost, so a second cut-off makes the part unusable instead.
    """
    try:
        return [work(ids)]
    except _TooLong as exc:
        if exc.cut_off:
            if cut_offs < 1 or len(ids) < 2:
                raise UnusableAnswer(
                    f"the answer of model '{endpoint.model}' was cut off at its token limit (it may be repeating "
                    "itself); try a larger model or --engine offline"
                ) from None
            cut_offs -= 1
        elif len(ids) < 2:
            raise _too_long_error(endpoint) from None
        endpoint.stats.splits += 1
        mid = len(ids) // 2
        return _fitting(ids[:mid], work, endpoint, cut_offs) + _fitting(ids[mid:], work, endpoint, cut_offs)


def _too_long_error(endpoint: Endpoint) -> EngineError:
    return EngineError(
        f"one transcript segment does not fit the context of model '{endpoint.model}' at {endpoint.settings.base_url}; "
        "use a model with a larger context or --engine offline"
    )


def _usable_cleanup(original: str, cleaned: str) -> bool:
    """False where the model summarised, padded or merged segments instead of cleaning one."""
    size = len(original.strip())
    padded = len(cleaned) > 1.3 * size + 10
    summarised = size >= 20 and len(cleaned) < 0.35 * size
    return not (padded or summarised or (not cleaned and size > 8))


def _describe(specs: Sequence[SectionSpec], language: str) -> str:
    return "\n".join(f"- {s.key}: {s.title(language)}: {s.description}" for s in specs)


def _describe_sections(sections: Sequence[_Section]) -> str:
    return "\n".join(f"- {s.key}: {s.title}: {s.description}" for s in sections)


def _fallback_title(transcript: Transcript) -> str:
    from pathlib import Path

    return Path(transcript.source).stem if transcript.source else "Memo"


def llm_outline(
    transcript: Transcript,
    template: Template,
    settings: LLMSettings,
    progress: Progress | None = None,
    *,
    stats: LLMStats | None = None,
) -> Outline:
    """Cleaned text and outline of ``transcript`` by the model at ``settings``; EngineError (one line) on failure.

    Points carry the time ranges of the segments they come from when the transcript is timed (audio input).
    """
    stats = stats if stats is not None else LLMStats()
    started = time.perf_counter()
    endpoint = Endpoint(settings, stats)
    try:
        return _Run(transcript, template, endpoint, progress).run()
    except _TooLong:
        raise _too_long_error(endpoint) from None
    finally:
        stats.seconds += time.perf_counter() - started
