"""Key-point evaluation of memo's outline engines on rambling memos that no rule was written for.

    PYTHONPATH=src .venv/bin/python bench/eval_outline.py                      # offline engine, every memo
    PYTHONPATH=src .venv/bin/python bench/eval_outline.py --engine llm --base-url http://127.0.0.1:8080/v1
    PYTHONPATH=src .venv/bin/python bench/eval_outline.py --show zh_health_sugar   # print one dev outline

Each memo in ``bench/outline_memos/`` is a ``.txt`` transcript (ASR style: fillers, restarts, recognition
errors, little punctuation) and a ``.toml`` checklist: the words a title naming the topic contains, the sections
(each with the heading words that identify it), and 12 key points, each a list of anchor groups. A key point is
covered only when one alternative of EVERY group occurs in ONE bullet, and placed when that bullet is under the
point's section. Memos marked ``heldout = true`` were never looked at while tuning the engines; their totals
are reported apart, and ``--show`` refuses to print their outlines unless ``--show-heldout`` is given.

Other columns: structure (what the engine read: "announced" or "none"; in bold where the checklist's
``announced`` says otherwise: a story read as a list of parts, or parts announced and not found); bullets;
meta (bullets that talk about the memo: "first the reasons…", "这是一个关于…", "最后说说感受吧");
fragments (too short, ending on a word that cannot end a sentence, or starting with one that continues
another); fillers left in title and bullets; whether the title names the topic; seconds; requests and tokens
(llm engine: from its LLMStats when it takes one, else 0). The llm engine's settings come from the usual
flags/env (MEMO_LLM_BASE_URL, MEMO_LLM_MODEL, OPENAI_*) or config.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MEMOS = Path(__file__).resolve().parent / "outline_memos"


def dev_checklists(folder: Path = MEMOS, before: int = 0):
    """(checklist path, its text, the parsed checklist) of every dev memo in ``folder``, by name: what the trainers
    learn from. Held-out checklists (``heldout = true``) are never yielded; with ``before``, neither are memos of
    blind rounds from that one on (memos of no round are), to test a model on later rounds it never saw."""
    for path in sorted(folder.glob("*.toml")):
        source = path.read_text(encoding="utf-8")
        checklist = tomllib.loads(source)
        found = re.search(r"round (\d+)", checklist.get("note", ""))
        if not checklist.get("heldout") and not (before and found and int(found.group(1)) >= before):
            yield path, source, checklist

# "分几块说" is meta-talk; "那几块地" (a few plots, round 297's chive sheds), "漆都掉了好几块" (round 309's cello)
# and "几块钱" are the memo's content.
_META_ZH = re.compile(
    r"这是一个关于|备忘录|录一段|录一下|(?:先|再|然后|最后|接下来|下面)(?:说说|说一下|讲讲|讲一下|聊聊|聊一下|谈谈)"
    r"|分(?:几|[二三四五两])(?:个)?部分|分几块|几块(?:来)?[说讲聊谈]|大纲|框架|第[一二三四五]部分|就到这里|先说到这|大概就是这样|(?:好吧|好了)就这些|就录这么多"
)
# "I wanted to get up in the morning" is how the speaker felt (round 722's crannog), no "I wanted to get this down".
# "I'll go through to Leven" is a journey (Scots: round 547's shortbread tins), not the memo's parts.
_META_EN = re.compile(
    r"\b(?:this is a memo|a memo about|i want to talk about|i wanted to get (?:this|that|it|some|my|these|all)|"
    r"let me (?:talk|start|structure|do)|"
    r"first the|then my analysis|and finally how|i'll go through(?! to\b)|here goes|recording this|that's where i am|"
    r"outline)\b"
    # "in order" as the memo's plan ("I'll take it in order"), not "their passports are in order" or "in order to"
    r"|(?<!\bare )(?<!\bis )(?<!\bbe )(?<!\bwere )(?<!\bwas )\bin order\b(?! (?:to|for)\b)",
    re.I,
)
# A sentence ending on 的 and a stop is whole Mandarin ("这个账我是算得到的。", "老开心的。"); one cut off after 的
# has no stop.
_DANGLING_ZH = re.compile(
    r"(?:和|是|在|把|被|跟|给|向|从|但是|因为|所以|就是|然后|而且|或者|比如|一个|这个|那个|我觉得|就|对于)[。！？]?$|的$"
)
_CONTINUES_ZH = re.compile(r"^(?:的|了|和|而是|吧|呢|啊|地|得)")
_DANGLING_EN = re.compile(
    r"\b(?:the|a|an|and|or|but|so|to|of|in|on|for|with|because|that|is|my|i|like|just|than|if)[.!?]?$", re.I
)
_CONTINUES_EN = re.compile(r"^(?:of|to|than|which|is|are|was|were|and|or)\b", re.I)
_FILLER_ZH = re.compile(r"嗯|呃|就是说|对吧|唉")
_FILLER_EN = re.compile(r"\b(?:um+|uh+|erm|you know|i mean)\b|,\s*like,", re.I)


@dataclass
class Score:
    memo: str
    heldout: bool
    language: str
    points: int = 0
    covered: int = 0
    placed: int = 0
    sections: str = ""
    sections_ok: bool = False
    bullets: int = 0
    meta: int = 0
    fragments: int = 0
    fillers: int = 0
    title_ok: bool = False
    title: str = ""
    seconds: float = 0.0
    requests: int = 0
    tokens: int = 0
    announced: bool | None = None  # the checklist's ``announced``: whether the speaker announces his parts
    found: bool = False  # whether the engine found an announcement (the offline rules, which the llm engine shares)
    missed: list[str] = field(default_factory=list)


def _content_len(text: str, zh: bool) -> int:
    return len(re.findall(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]", text)) if zh else len(text.split())


# Something of the memo's matter put in order ("keeping the toon in order", "every piece on a rag in order"), not the
# order of telling ("I'll take it in order").
_KEPT_IN_ORDER_EN = re.compile(r"\b(?:the|all the|a|an|each|every|my|our|his|her|their)\s+[\w']+\s+in order\b", re.I)


def is_meta(text: str, zh: bool) -> bool:
    if zh:
        return bool(_META_ZH.search(text))
    return any(not (m.group(0).lower() == "in order" and _KEPT_IN_ORDER_EN.search(text, 0, m.end()))
               for m in _META_EN.finditer(text))


def is_fragment(text: str, zh: bool) -> bool:
    text = text.strip()
    if zh:
        return _content_len(text, zh) < 6 or bool(_DANGLING_ZH.search(text) or _CONTINUES_ZH.search(text))
    return _content_len(text, zh) < 4 or bool(_DANGLING_EN.search(text) or _CONTINUES_EN.search(text))


def fillers(text: str, zh: bool) -> int:
    return len((_FILLER_ZH if zh else _FILLER_EN).findall(text))


def _plain(text: str) -> str:
    """Lower case, a hyphen as a space, no apostrophe: a rewrite's "thirty-eight pence" is the "thirty eight pence"
    said, and the cleaned "don't" the "dont" a recogniser wrote."""
    return text.lower().replace("-", " ").replace("'", "").replace("’", "")


def covers(bullet: str, anchors: list[list[str]]) -> bool:
    low = _plain(bullet)
    return all(any(_plain(alt) in low for alt in group) for group in anchors)


def heading_matches(title: str, key: str, section: str, words: list[str]) -> bool:
    low = title.lower()
    return key == section or any(w.lower() in low for w in words)


def score_outline(name: str, checklist: dict, result) -> Score:
    zh = checklist["language"] == "zh"
    s = Score(name, bool(checklist.get("heldout")), checklist["language"], points=len(checklist["points"]),
              announced=checklist.get("announced"))
    sections: dict[str, list[str]] = checklist["sections"]
    bullets = [(sec.title, sec.key, p.text) for sec in result.sections for p in sec.points]
    s.bullets = len(bullets)
    for point in checklist["points"]:
        hits = [(title, key) for title, key, text in bullets if covers(text, point["anchors"])]
        if hits:
            s.covered += 1
            words = sections[point["section"]]
            if any(heading_matches(t, k, point["section"], words) for t, k in hits):
                s.placed += 1
            else:
                s.missed.append(f"misplaced: {point['anchors']}")
        else:
            s.missed.append(f"missing: {point['anchors']}")
    found = sum(
        any(heading_matches(sec.title, sec.key, name_, words) for sec in result.sections)
        for name_, words in sections.items()
    )
    empty = sum(1 for sec in result.sections if not sec.points)
    s.sections = f"{found}/{len(sections)}" + (f" ({empty} empty)" if empty else "")
    s.sections_ok = found == len(sections) and not empty
    s.meta = sum(is_meta(text, zh) for _, _, text in bullets)
    s.fragments = sum(is_fragment(text, zh) for _, _, text in bullets)
    s.fillers = fillers(result.title, zh) + sum(fillers(text, zh) for _, _, text in bullets)
    s.title = result.title
    s.title_ok = any(w.lower() in result.title.lower() for w in checklist["title"]) and not is_meta(result.title, zh)
    return s


def run_engine(engine: str, transcript, llm_settings):
    """The outline and (requests, tokens) it cost."""
    from memo.structure import load_template, outline

    if engine == "offline":
        return outline(transcript, engine="offline"), 0, 0
    from memo.structure import llm as llm_module

    stats_cls = getattr(llm_module, "LLMStats", None)
    stats = stats_cls() if stats_cls else None
    if stats is not None and "stats" in inspect.signature(llm_module.llm_outline).parameters:
        result = llm_module.llm_outline(transcript, load_template("default"), llm_settings, None, stats=stats)
    else:
        result = outline(transcript, engine="llm", llm=llm_settings)
    requests = int(getattr(stats, "requests", 0) or 0)
    tokens = int(getattr(stats, "prompt_tokens", 0) or 0) + int(getattr(stats, "completion_tokens", 0) or 0)
    return result, requests, tokens


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _structure(s: Score) -> str:
    """The announcement cell: what the engine read, in bold where the checklist says the speaker did otherwise."""
    read = "announced" if s.found else "none"
    if s.announced is None or s.announced == s.found:
        return read
    return "**found, none said**" if s.found else "**missed**"


def _structure_total(part: list[Score]) -> str:
    false = sum(1 for s in part if s.announced is False and s.found)
    missed = sum(1 for s in part if s.announced and not s.found)
    unannounced = sum(1 for s in part if s.announced is False)
    announced = sum(1 for s in part if s.announced)
    return f"{false}/{unannounced} false, {missed}/{announced} missed"


def table(scores: list[Score], engine: str) -> str:
    head = (
        f"| memo ({engine}) | set | key points | under right heading | sections | structure | bullets | meta "
        "| fragments | fillers | title names topic | s | requests | tokens |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = [head]
    for s in scores:
        rows.append(
            f"| {s.memo} | {'held-out' if s.heldout else 'dev'} | {s.covered}/{s.points} | {s.placed}/{s.points} "
            f"| {s.sections} | {_structure(s)} | {s.bullets} | {s.meta} | {s.fragments} | {s.fillers} "
            f"| {_mark(s.title_ok)} "
            f"| {s.seconds:.1f} | {s.requests} | {s.tokens} |"
        )
    for label, part in (("dev", [s for s in scores if not s.heldout]), ("held-out", [s for s in scores if s.heldout])):
        if not part:
            continue
        n = sum(s.points for s in part)
        rows.append(
            f"| **{label} total** ({len(part)} memos) | {label} | {sum(s.covered for s in part)}/{n} "
            f"| {sum(s.placed for s in part)}/{n} | {sum(s.sections_ok for s in part)}/{len(part)} ok "
            f"| {_structure_total(part)} "
            f"| {sum(s.bullets for s in part)} | {sum(s.meta for s in part)} | {sum(s.fragments for s in part)} "
            f"| {sum(s.fillers for s in part)} | {sum(s.title_ok for s in part)}/{len(part)} "
            f"| {sum(s.seconds for s in part):.1f} | {sum(s.requests for s in part)} | {sum(s.tokens for s in part)} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("offline", "llm"), default="offline")
    parser.add_argument("--memos", type=Path, default=MEMOS)
    parser.add_argument("--only", nargs="*", default=None, help="memo names (file stems) to run")
    parser.add_argument("--dev", action="store_true", help="dev memos only (what to run while tuning)")
    parser.add_argument("--show", nargs="*", default=None,
                        help="print these memos' outlines (dev memos only); without --only, run just these")
    parser.add_argument("--show-heldout", action="store_true", help="allow --show on held-out memos (not while tuning)")
    parser.add_argument("--misses", action="store_true", help="list missed/misplaced points of dev memos")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    parser.add_argument("--base-url")
    parser.add_argument("--model")
    parser.add_argument("--api-key")
    parser.add_argument("--timeout", type=float)
    args = parser.parse_args(argv)

    from memo.errors import MemoError
    from memo.structure import load_template, load_transcript, render_markdown
    from memo.structure.announce import announced_sections

    default = load_template("default")  # what the structure column reads each memo against
    settings = None
    if args.engine == "llm":
        from memo.structure.llm import resolve_llm_settings

        settings = resolve_llm_settings(args.base_url, args.api_key, args.model, args.timeout)
        if settings is None:
            print("error: no LLM endpoint configured; pass --base-url or set MEMO_LLM_BASE_URL", file=sys.stderr)
            return 2
    # Naming memos to show runs just those (scoring every dev memo first took a quarter of an hour).
    only = args.only or args.show
    scores = []
    for checklist_path in sorted(args.memos.glob("*.toml")):
        name = checklist_path.stem
        if only and name not in only:
            continue
        checklist = tomllib.loads(checklist_path.read_text(encoding="utf-8"))
        if args.dev and checklist.get("heldout"):
            continue
        transcript = load_transcript(checklist_path.with_suffix(".txt"))
        started = time.perf_counter()
        try:
            result, requests, tokens = run_engine(args.engine, transcript, settings)
        except MemoError as exc:  # one memo the endpoint failed on (timed out, went away) scores nothing; the rest run
            print(f"error: {name}: {exc}", file=sys.stderr)
            scores.append(Score(name, bool(checklist.get("heldout")), checklist["language"],
                                points=len(checklist["points"]), sections="failed",
                                seconds=time.perf_counter() - started))
            continue
        score = score_outline(name, checklist, result)
        score.found = announced_sections(transcript, default) is not None
        score.seconds, score.requests, score.tokens = time.perf_counter() - started, requests, tokens
        scores.append(score)
        if args.show is not None and (not args.show or name in args.show):
            if score.heldout and not args.show_heldout:
                print(f"({name} is held out: not shown)")
            else:
                cut = "\n## " + ("整理后的文字稿" if score.language == "zh" else "Cleaned")
                print(render_markdown(result).split(cut)[0])
        if args.misses and not score.heldout:
            for miss in score.missed:
                print(f"{name}: {miss}")
    markdown = table(scores, args.engine)
    print(markdown)
    if args.out:
        args.out.write_text(markdown + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
