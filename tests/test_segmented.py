"""Word-segmented Mandarin (a space between every word) read as speech paced by pauses (structure/segmented.py)."""

from __future__ import annotations

from pathlib import Path

from memo.structure import load_transcript
from memo.structure.segmented import paced_by_pauses, paced_line, word_segmented

MEMOS = Path(__file__).resolve().parents[1] / "bench" / "outline_memos"


def test_a_space_between_every_word_is_told_from_pauses() -> None:
    assert word_segmented((MEMOS / "zh_shixin_blacklist.txt").read_text(encoding="utf-8"))
    assert not word_segmented((MEMOS / "zh_move_chengdu.txt").read_text(encoding="utf-8"))
    assert not word_segmented("嗯 今天想说一下换车的事 我那个车开了八年了 修车的钱越来越多")


def test_spaces_stay_where_a_clause_likely_ends() -> None:
    line = ("额 先 说 今儿 都 碰 上 了 撒 事 再 把 这 账 算 一 算 然后 说 额 为撒 又 想 签 又 不 敢 签 最后 说 下一步 "
            "咋 弄")
    runs = paced_line(line).split()
    assert "先说今儿都碰上了撒事" in runs and "再把这账算一算" in runs and "最后说下一步咋弄" in runs
    assert runs[runs.index("再把这账算一算") + 1].startswith("然后说额为撒")
    # A long run of words breaks at the next word all the same.
    assert " " in paced_line("我 一 个 人 把 那 台 机器 背 上 七 楼 背 到 一 半 腿 就 软 了 歇 了 三 回")


def test_paced_segments_keep_their_times() -> None:
    transcript = load_transcript(MEMOS / "zh_shixin_blacklist.txt")
    paced = paced_by_pauses(transcript)
    assert [(s.start, s.end) for s in paced.segments] == [(s.start, s.end) for s in transcript.segments]
    assert paced.text.count(" ") < transcript.text.count(" ") / 3
    chinese = load_transcript(MEMOS / "zh_move_chengdu.txt")
    assert paced_by_pauses(chinese) is chinese


def test_a_word_segmented_memo_finds_its_parts_and_reads_in_clauses() -> None:
    # Round 531's defaulter blacklist announces its parts ("先 说说 为啥 非 弄 不 中 再 掂量掂量 这 钱 咋 算 …"), missed
    # word by word (10 placed); round 554's night-school brass class read "一块铁天天，锉，他说锉出来，的平面要，…".
    from memo.structure import outline
    from memo.structure.announce import announced_sections
    from memo.structure.templates import load_template

    blacklist = load_transcript(MEMOS / "zh_shixin_blacklist.txt")
    assert announced_sections(blacklist, load_template("default")) is not None
    brass = outline(load_transcript(MEMOS / "zh_yexiao_huangtong.txt"), engine="offline")
    bullets = [p.text for s in brass.sections for p in s.points]
    assert len(bullets) >= 20 and not any(b.startswith(("的", "了")) or "，的" in b or "，了" in b for b in bullets)
