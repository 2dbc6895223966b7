"""One OpenAI-compatible chat endpoint, asked for JSON that matches a schema. Knows nothing of memos.

- settings: flags > env (MEMO_LLM_*, OPENAI_*) > config ``[llm]``;
- structured output is feature-detected per endpoint (json_schema -> json_object+schema -> forced tool call ->
  JSON in plain text) and remembered for the process, with whether the model accepts ``temperature`` and
  ``max_tokens`` (reasoning models reject both): one probe per endpoint, not one per request;
- answers are parsed (``<think>`` blocks, code fences and chatter around the JSON removed) and validated against
  the schema; each failure is one line (EngineError) or, for one unusable answer, UnusableAnswer;
- no retry on a timeout (the server would compute the same answer twice); timeouts scale with the request on
  a local server, where a CPU reads ~25-50 tokens/s and writes ~10;
- a local server is asked to stream, so that an answer given up on (its time ran out) stops being computed when
  the connection closes: llama-cpp-python's server finishes a non-streamed answer nobody waits for, and the next
  request waits behind it. A server that does not stream is asked plainly from then on.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from ..config import setting
from ..errors import ConfigError, EngineError, one_line

OPENAI_BASE_URL = "https://api.openai.com/v1"
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
# Local servers (llama.cpp, Ollama, vLLM) accept any key; the openai client insists on one.
PLACEHOLDER_API_KEY = "not-needed"
REMOTE_TIMEOUT = 120.0
LOOPBACK = ("127.0.0.1", "localhost", "::1", "0.0.0.0")

MODES = ("json_schema", "json_object", "tools", "text")


@dataclass(frozen=True)
class LLMSettings:
    """Where and how to reach the model. ``model == ""``: the first model the endpoint lists;
    ``timeout is None``: 120 s for a remote endpoint, scaled to each request's size for a local one."""

    base_url: str
    api_key: str
    model: str
    timeout: float | None = None

    @property
    def local(self) -> bool:
        return (urlparse(self.base_url).hostname or "") in LOOPBACK


@dataclass
class LLMStats:
    """What a run cost (the engine fills it; the Outline carries it as ``stats``)."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    mode: str = ""
    request_seconds: list[float] = field(default_factory=list)
    # Per step: answers used / refused by validation, steps skipped (time budget).
    used: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, step: str, n: int = 1) -> None:
        table = getattr(self, kind)
        table[step] = table.get(step, 0) + n


def resolve_llm_settings(
    base_url: str | None = None, api_key: str | None = None, model: str | None = None, timeout: float | None = None
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
    return LLMSettings(url, str(key or PLACEHOLDER_API_KEY), str(name or ""), parse_timeout(timeout))


def parse_timeout(flag: float | None) -> float | None:
    value = setting("llm", "timeout", flag, None)
    if value in (None, ""):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"invalid LLM timeout {value!r}; use a number of seconds") from None
    if seconds <= 0:
        raise ConfigError(f"invalid LLM timeout {value!r}; use a positive number of seconds")
    return seconds


class TooLong(Exception):
    """The prompt did not fit the model's context, or (``cut_off``) the answer hit its token limit."""

    def __init__(self, cut_off: bool = False) -> None:
        super().__init__("answer cut off" if cut_off else "prompt too long")
        self.cut_off = cut_off


class TimedOut(EngineError):
    """The endpoint did not answer one request within its timeout (a slow or overloaded local server)."""


class UnusableAnswer(EngineError):
    """The endpoint works but one answer was unusable (invalid JSON twice, cut off): other steps may still work."""


def _is_context_error(message: str) -> bool:
    return any(
        needle in message
        for needle in ("context length", "context window", "context_length", "maximum context", "too many tokens",
                       "exceed context", "exceeds the context", "prompt is too long", "requested tokens")
    )


# What each failure of the openai client means for the user, first match wins ({url}, {model}, {timeout},
# {status}, {message} are filled in).
_ERRORS = (
    ("APITimeoutError", "the LLM endpoint at {url} did not answer within {timeout:g} s; "
                        "raise --llm-timeout (MEMO_LLM_TIMEOUT) or use --engine offline"),
    ("APIConnectionError", "cannot reach the LLM endpoint at {url}; start the server or use --engine offline"),
    ("AuthenticationError", "the LLM endpoint at {url} rejected the API key (HTTP {status}); "
                            "set --llm-api-key or MEMO_LLM_API_KEY"),
    ("PermissionDeniedError", "the LLM endpoint at {url} rejected the API key (HTTP {status}); "
                              "set --llm-api-key or MEMO_LLM_API_KEY"),
    ("NotFoundError", "the LLM endpoint at {url} has no model '{model}' or is not OpenAI-compatible (HTTP 404); "
                      "check --llm-model and --llm-base-url (it usually ends in /v1)"),
    ("RateLimitError", "the LLM endpoint at {url} is rate-limiting requests (HTTP 429); retry later"),
    ("APIStatusError", "the LLM endpoint at {url} failed (HTTP {status}: {message}); "
                       "check the server log or use --engine offline"),
)


def timed_out(settings: LLMSettings, model: str, timeout: float) -> TimedOut:
    return TimedOut(_ERRORS[0][1].format(url=settings.base_url, model=model, timeout=timeout))


def engine_error(exc: Exception, settings: LLMSettings, model: str, timeout: float) -> EngineError:
    """One line for the user, from whatever the openai client raised."""
    import openai

    for name, text in _ERRORS:
        if isinstance(exc, getattr(openai, name)):
            status = getattr(exc, "status_code", "")
            message = one_line(getattr(exc, "message", str(exc)), 200)
            return EngineError(text.format(url=settings.base_url, model=model, timeout=timeout, status=status,
                                           message=message))
    return EngineError(f"the LLM endpoint at {settings.base_url} failed ({one_line(exc, 200)}); use --engine offline")


@dataclass
class _Quirks:
    """What one endpoint accepts, learnt from its answers and kept for the process."""

    mode: str = MODES[0]
    temperature: bool = True
    max_tokens_key: str = "max_tokens"
    thinks: bool = False  # answers start with <think>…</think>: leave room for it
    streams: bool = False  # answers come as a stream of chunks (asked of local servers, see the module's doc)


# (base_url, model) -> what that endpoint accepts.
_QUIRKS: dict[tuple[str, str], _Quirks] = {}
_RETRY = (
    "Your reply could not be used: {error}\nReply again with only one JSON object matching the schema, no other text."
)


class Endpoint:
    """One OpenAI-compatible endpoint: asks for schema-shaped JSON, validates it, retries a bad answer once."""

    def __init__(self, settings: LLMSettings, stats: LLMStats | None = None) -> None:
        import openai

        self.settings = settings
        self.stats = stats if stats is not None else LLMStats()
        # No client retries: a timeout retried makes the server compute the answer twice; a 500 retried doubles
        # the structured-output probe. A dropped connection is retried once below.
        self.client = openai.OpenAI(base_url=settings.base_url, api_key=settings.api_key, max_retries=0)
        self._model = settings.model
        self.until: float | None = None  # time.perf_counter() no request may run past (the caller's time budget)

    @property
    def model(self) -> str:
        import openai

        if not self._model:
            try:
                models = [m.id for m in self.client.models.list(timeout=self.settings.timeout or 10.0)]
            except openai.OpenAIError as exc:
                raise engine_error(exc, self.settings, "", self.settings.timeout or 10.0) from exc
            except (AttributeError, TypeError, KeyError) as exc:  # the openai client choked on a non-OpenAI body
                raise not_openai(self.settings) from exc
            if not models:
                raise EngineError(
                    f"the LLM endpoint at {self.settings.base_url} lists no models; set --llm-model or MEMO_LLM_MODEL"
                )
            self._model = models[0]
        return self._model

    @property
    def quirks(self) -> _Quirks:
        return _QUIRKS.setdefault((self.settings.base_url, self.model), _Quirks(streams=self.settings.local))

    def timeout(self, prompt_chars: int, max_tokens: int) -> float:
        """The user's timeout, else 120 s remote; locally what a slow CPU needs for this request (no less than 60 s);
        never past ``until`` (5 s at least)."""
        if self.settings.timeout is not None:
            seconds = self.settings.timeout
        elif not self.settings.local:
            seconds = REMOTE_TIMEOUT
        else:
            # ~1 token per 1.5 characters read at >= 10 tokens/s, written at >= 3 tokens/s: generous, never endless.
            seconds = max(60.0, 30.0 + prompt_chars / 15 + max_tokens / 3)
        return seconds if self.until is None else min(seconds, max(5.0, self.until - time.perf_counter()))

    def ask(
        self, system: str, user: str, schema: dict[str, Any], name: str, max_tokens: int, retry: bool = True
    ) -> Any:
        """The model's JSON answer, valid against ``schema``; with ``retry``, one more try with the problem named;
        UnusableAnswer after that; EngineError when the endpoint itself fails."""
        messages: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        problem = ""
        for attempt in range(2 if retry else 1):
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
                    {"role": "user", "content": _RETRY.format(error=problem)},
                ]
        raise UnusableAnswer(
            f"the LLM at {self.settings.base_url} (model '{self.model}') returned an unusable answer "
            f"({one_line(problem, 120)}); try a larger model or --engine offline"
        )

    def _complete(self, messages: list[dict[str, Any]], schema: dict[str, Any], name: str, max_tokens: int) -> str:
        import openai

        model, quirks = self.model, self.quirks
        prompt_chars = sum(len(m["content"]) for m in messages)
        timeout = self.timeout(prompt_chars, max_tokens)
        failure: Exception | None = None
        connection_retried = False
        while True:
            mode = quirks.mode
            arguments: dict[str, Any] = {quirks.max_tokens_key: max_tokens + (1024 if quirks.thinks else 0)}
            if quirks.temperature:
                arguments["temperature"] = 0
            streams = quirks.streams
            if streams:
                arguments.update(stream=True, stream_options={"include_usage": True})
            started = time.perf_counter()
            try:
                response = self.client.chat.completions.create(
                    model=model, messages=messages, timeout=timeout, **arguments, **mode_arguments(mode, schema, name)
                )
                reply = read_stream(response, started + timeout, estimate_tokens(messages)) if streams \
                    else read_plain(response)
                if reply is None:  # the server sent a plain answer or nothing: ask plainly from now on
                    quirks.streams = False
                    continue
                text, finish, tokens = reply
            except openai.APIStatusError as exc:
                message = str(getattr(exc, "message", "") or exc).lower()
                if _is_context_error(message):
                    raise TooLong from exc
                if exc.status_code == 400 and "temperature" in message and quirks.temperature:
                    quirks.temperature = False  # reasoning models accept only their default temperature
                    continue
                if exc.status_code == 400 and "max_completion_tokens" in message and quirks.max_tokens_key != (
                    new := "max_completion_tokens"
                ):
                    quirks.max_tokens_key = new  # o1-style models renamed the field
                    continue
                if exc.status_code in (400, 422) and "stream" in message and streams:
                    quirks.streams = False  # a server that will not stream is asked plainly
                    continue
                # Servers answer an unsupported response_format/tools with 400, 415, 422, 500 or 501 (llama.cpp: 500).
                if mode != MODES[-1] and exc.status_code in (400, 415, 422, 500, 501):
                    failure, quirks.mode = exc, MODES[MODES.index(mode) + 1]
                    continue
                raise engine_error(exc, self.settings, model, timeout) from exc
            except (openai.APITimeoutError, _PastDeadline) as exc:
                raise timed_out(self.settings, model, timeout) from exc
            except openai.APIConnectionError as exc:
                if connection_retried:
                    raise engine_error(exc, self.settings, model, timeout) from exc
                connection_retried = True
                continue
            except openai.OpenAIError as exc:
                raise engine_error(exc, self.settings, model, timeout) from exc
            # The openai client choked on a non-OpenAI body, or a 200 answer only looks like one: "hello",
            # {"foo": 1}, {"choices": [{"message": "hi"}]}, no choices at all.
            except (AttributeError, TypeError, KeyError, IndexError) as exc:
                raise not_openai(self.settings) from exc
            finally:
                self.stats.request_seconds.append(time.perf_counter() - started)
                self.stats.requests += 1
            if text is None and mode != MODES[-1]:
                quirks.mode = MODES[MODES.index(mode) + 1]  # the server ignored this mode silently
                continue
            if text is None:
                failure = failure or EngineError("no usable answer in any structured-output mode")
                raise engine_error(failure, self.settings, model, timeout) from failure
            self.stats.mode = mode
            self.stats.prompt_tokens += tokens[0]
            self.stats.completion_tokens += tokens[1]
            if text.lstrip().startswith("<think>"):
                quirks.thinks = True
            if finish == "length":
                raise TooLong(cut_off=True)
            return text


class _PastDeadline(Exception):
    """A streamed answer still coming when its time ran out."""


Answer = tuple[str | None, str | None, tuple[int, int]]  # text, finish reason, (prompt, completion) tokens


def read_plain(response: Any) -> Answer:
    """A chat completion's answer; AttributeError, IndexError… where the body is not one."""
    choice = response.choices[0]
    return reply_text(choice.message), choice.finish_reason, usage_tokens(response.usage, (0, 0))


def usage_tokens(usage: Any, unreported: tuple[int, int]) -> tuple[int, int]:
    """(prompt, completion) tokens as the server counted them; ``unreported`` where it sent no count."""
    return (usage.prompt_tokens or 0, usage.completion_tokens or 0) if usage is not None else unreported


def read_stream(stream: Any, deadline: float, prompt_tokens: int) -> Answer | None:
    """A streamed answer; None when no chunk came (a server that answered plainly). Past ``deadline`` the stream
    is closed, which stops a local server computing it. Tokens are the server's count where it sends one
    (llama-cpp-python does not), else the chunks counted and ``prompt_tokens``, an estimate."""
    parts: list[str] = []
    calls: list[str] = []
    finish: str | None = None
    usage: Any = None
    chunks = pieces = 0
    try:
        for chunk in stream:
            chunks += 1
            usage = getattr(chunk, "usage", None) or usage
            for choice in getattr(chunk, "choices", None) or ():
                delta = choice.delta
                if delta is not None and delta.content:
                    parts.append(delta.content)
                    pieces += 1
                for call in (getattr(delta, "tool_calls", None) or ()) if delta is not None else ():
                    if call.function is not None and call.function.arguments:
                        calls.append(call.function.arguments)
                        pieces += 1
                finish = choice.finish_reason or finish
            if time.perf_counter() > deadline:
                raise _PastDeadline
    finally:
        stream.close()
    if not chunks:
        return None
    return ("".join(calls) or "".join(parts) or None), finish, usage_tokens(usage, (prompt_tokens, pieces))


def estimate_tokens(messages: list[dict[str, Any]]) -> int:
    """About how many tokens ``messages`` are: ~1.4 Chinese characters or ~4 other characters a token."""
    text = "".join(m["content"] for m in messages)
    cjk = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff")
    return round(cjk / 1.4 + (len(text) - cjk) / 4)


def not_openai(settings: LLMSettings) -> EngineError:
    return EngineError(
        f"the server at {settings.base_url} answered, but not with an OpenAI chat completion; "
        "check --llm-base-url (it usually ends in /v1) or use --engine offline"
    )


def mode_arguments(mode: str, schema: dict[str, Any], name: str) -> dict[str, Any]:
    """The request fields that ask for ``schema``-shaped JSON in one structured-output mode."""
    if mode == "json_schema":
        return {"response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema,
                                                                          "strict": True}}}
    if mode == "json_object":
        # llama.cpp and others turn the extra "schema" into a grammar; OpenAI itself never gets here.
        return {"response_format": {"type": "json_object", "schema": schema}}
    if mode == "tools":
        function = {"name": name, "description": "Submit the answer.", "parameters": schema}
        return {"tools": [{"type": "function", "function": function}],
                "tool_choice": {"type": "function", "function": {"name": name}}}
    return {}


def reply_text(message: Any) -> str | None:
    for call in getattr(message, "tool_calls", None) or ():
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if arguments:
            return arguments
    return message.content or None


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)


def parse_json_reply(text: str) -> Any:
    """The JSON in a reply: bare, after a ``<think>`` block, in a ``` fence, or from the first '{' / '[' on."""
    text = _THINK.sub("", text or "").strip()
    if not text:
        raise ValueError("an empty reply")
    candidates = [text, *(m.group(1) for m in _FENCE.finditer(text))]
    for opening, closing in ("{}", "[]"):
        if opening in text and closing in text:
            candidates.append(text[text.index(opening) : text.rindex(closing) + 1])
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
    """Problems of ``data`` against the JSON-schema subset memo uses (type, properties, required, items, enum,
    minItems/maxItems); [] when valid."""
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
    elif isinstance(data, list):
        if len(data) < schema.get("minItems", 0) or len(data) > schema.get("maxItems", len(data)):
            problems.append(f"{where} has {len(data)} items, expected {schema.get('minItems', 0)}"
                            f"-{schema.get('maxItems', 'any')}")
        for i, item in enumerate(data if "items" in schema else ()):
            problems += validate(item, schema["items"], f"{where}[{i}]")
    return problems


def json_object(**properties: dict[str, Any]) -> dict[str, Any]:
    """An object schema with every property required and nothing else allowed (OpenAI's strict mode)."""
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def json_array(items: dict[str, Any], low: int | None = None, high: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items}
    if low is not None:
        schema["minItems"] = low
    if high is not None:
        schema["maxItems"] = high
    return schema
