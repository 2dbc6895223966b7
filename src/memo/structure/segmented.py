"""Mandarin from a recognizer that puts a space between every word ("额 先 说 今儿 都 碰 上 了 撒 事 再 把 这 账 算
一 算"), brought back to speech paced by pauses, which is what the rules read: a space where a clause likely ends.

The rules read a space in Mandarin as a pause: it ends an item of an announced list and cuts candidate points, and
the cleanup turns it into a comma where a clause boundary is likely. Between every word, it found no list (the
items ran together word by word), and the points read "一块铁天天，锉，他说锉出来，的平面要，…". Taking every space
out is worse (one long clause a line: 7 of 60 key points on round 531's five memos); so the spaces kept are those
before a word that opens a clause (然后, 但是, 我…), around a filler, after a sentence particle, and once a run of
words grows past ``_LONGEST`` characters.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language import CJK, CJK_CHAR, is_chinese
from ..records import Transcript

_SPACED = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")
# The share of Chinese characters a space follows: speech paced by pauses 0.49 at most on the bench (most near 0.15),
# a word-segmenting recognizer 0.59-0.80.
_SEGMENTED = 0.55
# A run of words this long ends at the next word: a clause of spoken Mandarin is seldom longer.
_LONGEST = 12


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_OPENS = _words(
    "然后 但是 所以 因为 可是 不过 还有 而且 就是 反正 其实 结果 后来 现在 今天 昨天 明天 先 再 最后 首先 其次 第一 "
    "第二 第三 另外 要是 如果 虽然 只是 然而 那 那么 还是 或者 比如 对 哎呀"
)
_SUBJECTS = _words("我 你 他 她 俺 咱 额 我们 他们 她们 你们 俺们 咱们 人家 大家 老婆 孩子")
_FILLERS = _words("嗯 呃 啊 哎 唉 哦 噢 诶 喂")
_PARTICLES = _words("吧 呢 嘛 咧 哒 呀 哈 噻 嘞 喽 啦 么 哩 咯")
# Words that end what comes before them ("老 了", "锉 出来 的"): a long run never breaks before one.
_ENDING = _words("的 了 着 过 地 得 们 吗 呢 吧 啊 嘛 呀 啦 出来 起来 下来 上来")


def word_segmented(text: str) -> bool:
    """Whether Mandarin ``text`` has a space between (nearly) every word, not only at pauses."""
    chinese = len(CJK_CHAR.findall(text))
    return chinese > 0 and len(_SPACED.findall(text)) > _SEGMENTED * chinese


def paced_line(line: str) -> str:
    """One line of word-segmented Mandarin with a space only where a clause likely ends."""
    words = line.split()
    out, run = words[:1], len(words[0]) if words else 0
    for before, word in zip(words, words[1:], strict=False):
        pause = (word in _OPENS or word in _FILLERS or before in _FILLERS or before in _PARTICLES
                 or word in _SUBJECTS and run >= 4 or run >= _LONGEST and word not in _ENDING
                 or not CJK_CHAR.match(word) or not CJK_CHAR.match(before[-1]))
        out.append(f" {word}" if pause else word)
        run = len(word) if pause else run + len(word)
    return "".join(out)


def paced_by_pauses(transcript: Transcript) -> Transcript:
    """``transcript`` with each segment paced by pauses when the whole is word-segmented Mandarin; else as it is.
    Segments keep their times, so every point's link to when it was said holds."""
    if not is_chinese(transcript.language) or not word_segmented(transcript.text):
        return transcript
    return replace(transcript, segments=tuple(replace(s, text=paced_line(s.text)) for s in transcript.segments))
