"""The search index over every transcript and outline memo writes: SQLite FTS5 in memo's user folder.

One row per transcript segment (memo's ``.json``) or outline point (``.outline.md``): file, time, speaker, text,
kind, recording date, folder. Chinese is indexed as jieba words (with ``cut_for_search`` sub-words in a second
column, so 离职 finds 离职原因); English through FTS5's porter stemmer (decide finds decided, decisions).

Queries are not cut by jieba: loading its dictionary takes over a second, more than a whole search may. A
Chinese query is segmented by longest match against the index's own vocabulary (which jieba built), so it meets
the words as they were indexed; a query that matches no indexed word falls back to a substring scan.

``memo.sqlite3.folders.json`` beside the database lists every folder with indexed files, so a corrupt or deleted
index is rebuilt from the outputs themselves, with one line on stderr and never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from . import frontmatter
from .batch import STAMP_DIR
from .config import memo_home
from .errors import to_stderr
from .fileio import atomic_write_text
from .language import CJK as _CJK
from .structure.render import parse_outline
from .timefmt import clock

SCHEMA_VERSION = "1"
ROWS_PER_FILE = 1 << 20  # segment rowids are file_id * ROWS_PER_FILE + n: a file's rows delete as one range
_HAS_CJK = re.compile(f"[{_CJK}]")
_QUERY_TERM = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+\*?")
_JOIN = "\u200b"  # a separator for unicode61, removed again for display
HIT_START, HIT_END = "\x02", "\x03"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, kind TEXT, folder TEXT, recorded TEXT,
    size INTEGER, mtime_ns INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS segments USING fts5(
    body, extra, text UNINDEXED, file_id UNINDEXED, start UNINDEXED, speaker UNINDEXED,
    tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(segments, row);
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""


@dataclass(frozen=True)
class Row:
    """One searchable piece of a memo: a segment or an outline point."""

    text: str
    start: float | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Hit:
    """A search result: ``marked`` is ``text`` with every hit between HIT_START and HIT_END."""

    file: str
    kind: str
    start: float | None
    speaker: str | None
    text: str
    marked: str
    recorded: str | None
    folder: str
    score: float

    def spans(self) -> list[tuple[int, int]]:
        """Character offsets of the hits in ``text``."""
        spans, offset = [], 0
        for match in re.finditer(f"{HIT_START}(.*?){HIT_END}", self.marked, re.S):
            start = match.start() - offset
            spans.append((start, start + len(match.group(1))))
            offset += 2
        return spans

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("marked")
        data["hits"] = self.spans()
        return data


def index_path() -> Path:
    return Path(os.environ.get("MEMO_INDEX") or memo_home() / "index" / "memo.sqlite3").expanduser()


def format_hit(hit: Hit, bold: bool, cwd: Path | None = None) -> str:
    """``notes/talk.json [12:04] Host: ...sentence with the **hit**...`` (ANSI bold on a terminal)."""
    on, off = ("\033[1m", "\033[0m") if bold else ("**", "**")
    where = Path(hit.file)
    with contextlib.suppress(ValueError):
        where = where.relative_to(cwd or Path.cwd())
    head = f"{where}"
    if hit.start is not None:
        head += f" [{clock(hit.start)}]"
    if hit.speaker:
        head += f" {hit.speaker}:"
    return f"{head} {hit.marked.replace(HIT_START, on).replace(HIT_END, off)}"


class Library:
    """The index. Use as a context manager; every public method survives a damaged database by rebuilding it."""

    def __init__(self, path: Path | None = None, notice: Callable[[str], None] | None = None):
        self.path = path or index_path()
        self.notice = notice or to_stderr
        self.manifest = self.path.with_name(f"{self.path.name}.folders.json")
        existed = self.path.exists()
        self.conn: sqlite3.Connection | None = None
        try:
            self._connect()
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"was unreadable ({exc})")
            return
        if not existed and self._folders():
            self._rebuild("was missing")

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # --- adding -------------------------------------------------------------------------------------------
    def add(self, path: Path, force: bool = False) -> int | None:
        """Index (or re-index) one output file; the number of rows, or None when it was already up to date."""
        return self._guarded(lambda: self._add(Path(path).resolve(), force))

    def add_folders(self, paths: Iterable[Path], recursive: bool = True) -> tuple[int, int, int, list[str]]:
        """Index memo's outputs in files and folders: (files indexed, rows, files unchanged, problems)."""
        files = rows = same = 0
        problems: list[str] = []
        for file in find_outputs(paths, recursive):
            try:
                added = self.add(file)
            except (OSError, ValueError, KeyError, TypeError) as exc:  # not one of memo's files, or unreadable
                problems.append(f"{file}: not indexed ({exc})")
                continue
            if added is None:
                same += 1
            else:
                files, rows = files + 1, rows + added
        return files, rows, same, problems

    def _add(self, path: Path, force: bool) -> int | None:
        assert self.conn is not None
        stat = path.stat()
        known = self.conn.execute("SELECT id, size, mtime_ns FROM files WHERE path = ?", (str(path),)).fetchone()
        if known and not force and (known[1], known[2]) == (stat.st_size, stat.st_mtime_ns):
            return None
        kind, recorded, rows = read_output(path)
        with self.conn:
            if known:
                file_id = known[0]
                self._forget(file_id)
                self.conn.execute(
                    "UPDATE files SET kind=?, recorded=?, size=?, mtime_ns=? WHERE id=?",
                    (kind, recorded, stat.st_size, stat.st_mtime_ns, file_id),
                )
            else:
                file_id = self.conn.execute(
                    "INSERT INTO files(path, kind, folder, recorded, size, mtime_ns) VALUES (?, ?, ?, ?, ?, ?)",
                    (str(path), kind, str(path.parent), recorded, stat.st_size, stat.st_mtime_ns),
                ).lastrowid
            self.conn.executemany(
                "INSERT INTO segments(rowid, body, extra, text, file_id, start, speaker) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (file_id * ROWS_PER_FILE + n, *_tokens(row.text), row.text, file_id, row.start, row.speaker)
                    for n, row in enumerate(rows[: ROWS_PER_FILE - 1])
                ],
            )
        self._remember_folder(path.parent)
        return len(rows)

    def _forget(self, file_id: int) -> None:
        assert self.conn is not None
        low = file_id * ROWS_PER_FILE
        self.conn.execute("DELETE FROM segments WHERE rowid >= ? AND rowid < ?", (low, low + ROWS_PER_FILE))

    # --- searching ----------------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        since: str | None = None,
        until: str | None = None,
        speaker: str | None = None,
        folder: Path | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """Best matches first (bm25). ``since``/``until`` are ISO dates (inclusive), ``folder`` includes subfolders."""
        return self._guarded(lambda: self._search(query, since, until, speaker, folder, limit))

    def _search(self, query, since, until, speaker, folder, limit) -> list[Hit]:
        terms = self._query_terms(query)
        if not terms:
            return []
        where, params = ["1"], []
        if since:
            where.append("f.recorded >= ?")
            params.append(since)
        if until:
            where.append("f.recorded <= ?")
            params.append(until)
        if speaker:
            where.append("lower(s.speaker) = lower(?)")
            params.append(speaker)
        if folder:
            root = str(Path(folder).expanduser().resolve())
            where.append("(f.folder = ? OR substr(f.folder, 1, ?) = ?)")
            params += [root, len(root) + 1, root.rstrip("/") + "/"]
        columns = "f.path, f.kind, s.start, s.speaker, s.text, {marked}, f.recorded, f.folder, {score}, f.id"
        conditions = " AND ".join(where)
        expression = " ".join(_quote(t) for t in terms)
        sql = (
            f"SELECT {columns.format(marked='highlight(segments, 0, ?, ?)', score='s.rank')} "
            f"FROM segments s JOIN files f ON f.id = s.file_id WHERE segments MATCH ? AND {conditions} "
            "ORDER BY s.rank LIMIT ?"
        )
        rows = self.conn.execute(sql, [HIT_START, HIT_END, expression, *params, limit * 2]).fetchall()
        cjk = [t for t in terms if _HAS_CJK.search(t)]
        if not rows and cjk:  # e.g. one character inside a word: no indexed token, a substring still is
            like = " AND ".join("s.text LIKE ?" for _ in cjk)
            sql = (
                f"SELECT {columns.format(marked='s.text', score='0.0')} FROM segments s JOIN files f "
                f"ON f.id = s.file_id WHERE {like} AND {conditions} LIMIT ?"
            )
            rows = self.conn.execute(sql, [f"%{t}%" for t in cjk] + [*params, limit * 2]).fetchall()
        hits, gone = [], set()
        for path, kind, start, who, text, marked, recorded, where_, score, file_id in rows:
            if not os.path.exists(path):  # deleted since it was indexed: forget it
                gone.add(file_id)
                continue
            marked = _mark_substrings(marked.replace(_JOIN, ""), cjk)
            hits.append(Hit(path, kind, start, who, text, marked, recorded, where_, round(score, 4)))
        if gone:
            with self.conn:
                for file_id in gone:
                    self._forget(file_id)
                    self.conn.execute("DELETE FROM files WHERE id = ?", (file_id,))
        return hits[:limit]

    def _query_terms(self, query: str) -> list[str]:
        terms = []
        for piece in _QUERY_TERM.findall(query.lower()):
            terms += self._segment(piece) if _HAS_CJK.match(piece) else [piece]
        return terms

    def _segment(self, run: str) -> list[str]:
        """Longest match against the indexed vocabulary (what jieba made of the memos)."""
        candidates = {run[i:j] for i in range(len(run)) for j in range(i + 2, min(len(run), i + 8) + 1)}
        known: set[str] = set()
        candidates_list = sorted(candidates)
        for chunk in range(0, len(candidates_list), 500):
            part = candidates_list[chunk : chunk + 500]
            sql = f"SELECT term FROM vocab WHERE term IN ({','.join('?' * len(part))})"
            known |= {row[0] for row in self.conn.execute(sql, part)}
        words, i = [], 0
        while i < len(run):
            j = next((j for j in range(min(len(run), i + 8), i + 1, -1) if run[i:j] in known), i + 1)
            words.append(run[i:j])
            i = j
        return words

    def stats(self) -> tuple[int, int]:
        """(files, rows) in the index."""
        return self._guarded(
            lambda: (
                self.conn.execute("SELECT count(*) FROM files").fetchone()[0],
                self.conn.execute("SELECT count(*) FROM segments").fetchone()[0],
            )
        )

    # --- keeping the database healthy ---------------------------------------------------------------------
    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(_SCHEMA)
        version = self.conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if not version or version[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"index format {version[0] if version else '?'}, expected {SCHEMA_VERSION}")

    def _guarded(self, action):
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"was unreadable ({exc})")
            return action()

    def _rebuild(self, why: str) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
        self._connect()
        folders = [f for f in self._folders() if f.is_dir()]
        files = self.add_folders(folders, recursive=False)[0]
        self.notice(f"memo: the search index {self.path} {why}; rebuilt it from {files} file(s) in {len(folders)} "
                    "folder(s)")

    def _folders(self) -> list[Path]:
        try:
            return [Path(p) for p in json.loads(self.manifest.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            return []

    def _remember_folder(self, folder: Path) -> None:
        folders = self._folders()
        if folder not in folders:
            atomic_write_text(self.manifest, json.dumps([str(f) for f in [*folders, folder]], ensure_ascii=False))


# --- reading memo's outputs --------------------------------------------------------------------------------
def is_output(path: Path) -> bool:
    """memo's transcript JSON or outline Markdown (by name: the content is checked when read)."""
    return path.name.endswith(".outline.md") or path.suffix.lower() == ".json"


def find_outputs(paths: Iterable[Path], recursive: bool = True) -> Iterator[Path]:
    """memo's outputs in files and folders (all levels of a folder with ``recursive``)."""
    for path in paths:
        path = Path(path).expanduser()
        if path.is_file():
            yield path
            continue
        found = path.rglob("*") if recursive else path.glob("*")
        for file in sorted(found):
            parts = file.relative_to(path).parts
            if file.is_file() and is_output(file) and STAMP_DIR not in parts and not file.name.startswith("."):
                yield file


def read_output(path: Path) -> tuple[str, str | None, list[Row]]:
    """(kind, recording date, rows) of one output; ValueError when it is not one of memo's."""
    text = path.read_text(encoding="utf-8-sig")
    if path.name.endswith(".md"):
        fields, body = frontmatter.split(text)
        date = fields.get("date") or _date_of(path, fields.get("source"))
        return "outline", str(date) if date else None, _outline_rows(body)
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        raise ValueError(f"{path}: not a memo transcript JSON")
    rows = [Row(s["text"].strip(), float(s["start"]), s.get("speaker")) for s in data["segments"] if s["text"].strip()]
    return "transcript", _date_of(path, data.get("source")), rows


def _date_of(path: Path, source: object) -> str | None:
    """The recording date: from the recording (beside the output, or where it was), else the output's own."""
    if isinstance(source, str) and source:
        for candidate in (path.parent / Path(source).name, Path(source)):
            if candidate.is_file() or frontmatter.recorded_date(candidate.name):
                date = frontmatter.recorded_date(candidate)
                return date.isoformat() if date else None
    date = frontmatter.recorded_date(path)
    return date.isoformat() if date else None


def _outline_rows(body: str) -> list[Row]:
    """The points of an outline with their first time; the cleaned transcript only when no point is timed (a
    text memo: it is then the only copy of the words)."""
    parsed = parse_outline(body)
    points = [Row(text, ranges[0][0] if ranges else None) for _, items in parsed.sections for text, ranges in items]
    if not any(p.start is not None for p in points):
        from .structure.loaders import split_sentences

        points += [Row(s) for line in parsed.cleaned for s in split_sentences(line)]
    return points


# --- tokens ------------------------------------------------------------------------------------------------
def _tokens(text: str) -> tuple[str, str]:
    """(body, extra): jieba's words joined by a separator FTS5 splits on, and the search-engine sub-words."""
    if not _HAS_CJK.search(text):
        return text, ""
    import jieba

    jieba.setLogLevel(60)  # no "Building prefix dict" chatter on stderr
    words = list(jieba.cut(text))
    seen = set(words)
    extra = [w for w in jieba.cut_for_search(text) if w not in seen and len(w) > 1]
    return _JOIN.join(words), " ".join(extra)


def _quote(term: str) -> str:
    prefix = term.endswith("*")
    term = term.rstrip("*").replace('"', '""')
    return f'"{term}"*' if prefix else f'"{term}"'


def _mark_substrings(marked: str, terms: list[str]) -> str:
    """Also mark the Chinese terms FTS5 matched through a sub-word (highlight() only sees the first column)."""
    if not terms:
        return marked
    plain, hit = [], []
    inside = False
    for ch in marked:
        if ch in (HIT_START, HIT_END):
            inside = ch == HIT_START
        else:
            plain.append(ch)
            hit.append(inside)
    text = "".join(plain)
    for term in terms:
        for match in re.finditer(re.escape(term), text):
            hit[match.start() : match.end()] = [True] * len(term)
    out, previous = [], False
    for ch, on in zip(text, hit, strict=True):
        if on != previous:
            out.append(HIT_START if on else HIT_END)
            previous = on
        out.append(ch)
    return "".join(out) + (HIT_END if previous else "")


def record_outputs(paths: Iterable[Path], notice: Callable[[str], None] | None = None) -> None:
    """Index the outputs memo just wrote. Never raises: a failing index costs one warning line, not the memo."""
    notice = notice or to_stderr
    try:
        wanted = [Path(p) for p in paths if is_output(Path(p))]
        if wanted:
            with Library(notice=notice) as library:
                for path in wanted:
                    library.add(path)
    except Exception as exc:  # the index is a convenience; the transcript on disk is what matters
        notice(f"warning: search index not updated ({exc}); `memo index FOLDER` adds these files later")
