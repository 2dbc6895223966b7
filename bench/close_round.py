"""Close a blind round: total its first-run tables and move its memos from held-out to dev.

    python bench/close_round.py totals first.md [base.md ...]    # totals of eval_outline.py tables
    python bench/close_round.py close 86 ENGINE first.md          # heldout = false, first-run note

See BLIND_ROUNDS.md for the whole method.

A blind round's memos are written by sessions that never see an engine (``bench/BLIND_ROUNDS.md``). Their first
run with the committed engine is the held-out figure; ``close`` records it in each checklist's ``note`` and only
then makes the memo dev, so the figure survives the tuning that follows. The hidden bar is the issue's: at least
10 of 12 key points, at least 9 placed, a title naming the topic, every section, no meta-talk bullet.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

MEMOS = Path(__file__).resolve().parent / "outline_memos"


@dataclass(frozen=True)
class Row:
    memo: str
    covered: int
    placed: int
    points: int
    sections_ok: bool
    meta: int
    title_ok: bool
    structure: str = ""  # "none", "announced", "**found, none said**", "**missed**"; "" in older tables

    @property
    def meets_bar(self) -> bool:
        return (
            self.covered >= self.points - 2 and self.placed >= self.points - 3 and self.title_ok
            and self.sections_ok and not self.meta
        )


def rows(table: Path) -> list[Row]:
    """The per-memo rows of an ``eval_outline.py --out`` table (totals skipped), read by the header's names, so
    tables from before a column was added still read."""
    found, column = [], {}
    for line in table.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0].startswith("memo"):
            column = {name.split(" (")[0]: i for i, name in enumerate(cells)}
            continue
        if not column or len(cells) < len(column) or cells[0].startswith(("**", "---")):
            continue
        covered, points = map(int, cells[column["key points"]].split("/"))
        found.append(Row(
            cells[0], covered, int(cells[column["under right heading"]].split("/")[0]), points,
            bool(re.fullmatch(r"(\d+)/\1", cells[column["sections"]])), int(cells[column["meta"]]),
            cells[column["title names topic"]] == "yes",
            cells[column["structure"]] if "structure" in column else "",
        ))
    return found


def totals(label: str, part: list[Row]) -> str:
    n = sum(r.points for r in part)
    zh = [r for r in part if r.memo.startswith("zh_")]
    misread = sum(1 for r in part if r.structure.startswith("**"))
    return (
        f"{label}: {len(part)} memos, key points {sum(r.covered for r in part)}/{n}, placed "
        f"{sum(r.placed for r in part)}/{n}, titles {sum(r.title_ok for r in part)}/{len(part)} "
        f"(zh {sum(r.title_ok for r in zh)}/{len(zh)}), sections {sum(r.sections_ok for r in part)}/{len(part)}, "
        f"meta {sum(r.meta for r in part)}, meet the bar {sum(r.meets_bar for r in part)}/{len(part)}"
        + (f", announcements misread {misread}" if any(r.structure for r in part) else "")
    )


def close(round_no: int, engine: str, table: Path) -> None:
    for row in rows(table):
        path = MEMOS / f"{row.memo}.toml"
        text = path.read_text(encoding="utf-8")
        if f"round {round_no}," not in text and f'"round {round_no}:' not in text:
            continue  # a table may hold several rounds: close only this one's memos
        if "heldout = true" not in text:
            sys.exit(f"{path.name} is not held out: a round is closed once, after its first run")
        note = (
            f'note = "round {round_no}: written blind; first run (offline, engine {engine}) '
            f'{row.covered}/{row.points} kp, {row.placed}/{row.points} placed, '
            f'title {"named" if row.title_ok else "missed"}; then dev"'
        )
        text = text.replace("heldout = true", "heldout = false", 1)
        text = re.sub(r'^note = ".*"$', note, text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {note}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["totals"] and len(argv) > 1:
        for table in map(Path, argv[1:]):
            print(totals(table.name, rows(table)))
    elif argv[:1] == ["close"] and len(argv) == 4:
        close(int(argv[1]), argv[2], Path(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
