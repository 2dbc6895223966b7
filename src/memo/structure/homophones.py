"""Recognition errors of a memo's own topic words, found from the memo itself (Chinese).

Whisper writes a word the speaker says often correctly most of the time and now and then as another word that
sounds the same (奶茶 -> 耐茶, 血糖 -> 血堂, 接口 -> 节口, 餐馆 -> 参观). No list of pairs can know a memo's
topic, so the memo is its own evidence. A rare two-character word ``B`` becomes the frequent word ``T`` when

- they sound the same (identical pinyin without tones),
- ``T`` is a content word of this memo (3+ times, no particle, not a word of everyday speech) and ``B`` is at
  most a third as frequent,
- ``B`` keeps one character of ``T`` in the same place (血堂 / 血糖): the other one was mis-heard;
- ``B`` is not a word of jieba's dictionary (心里 / 心理 and 经理 / 经历 are both right somewhere), and never
  the end of one word and the start of the next ("小参观": 参观 is a word).

Homophones that share no character (参观 / 餐馆) need context this rule does not have; the few that are safe
to fix by their context are listed in ``data/cleanup_zh.toml`` (``homophones``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..language import CJK

# Characters too common to be evidence: a neighbour "的" says nothing about which word stands next to it.
_PARTICLES = frozenset("的了着过吧呢啊么嘛吗呀们个是在就也还和我你他她它这那一不有很要会说把被让给对得地都到上")
_RUN = re.compile(f"[{CJK}]+")
_WORD_FREQ = 20  # jieba's corpus count from which a pair of characters is a word


@lru_cache(maxsize=4096)
def _sound(word: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(word))


def _bigrams(text: str) -> Counter:
    counts: Counter = Counter()
    for run in _RUN.findall(text):
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    return counts


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[int, str]]:
    """Two-character words of jieba's dictionary (MIT, shipped with jieba): corpus frequency, part of speech."""
    import jieba

    words: dict[str, tuple[int, str]] = {}
    path = Path(jieba.__file__).with_name("dict.txt")
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line[2:3] == " ":
                word, freq, tag = (*line.split(), "")[:3]
                words[word] = (int(freq), tag)
    return words


def word_tag(pair: str) -> str:
    """The part of speech jieba's dictionary gives a two-character word ("n", "v", "m", …); "" when it is none."""
    freq, tag = _dictionary().get(pair, (0, ""))
    return tag if freq >= _WORD_FREQ else ""


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary holds ``word``, of any length, as a word (see ``_WORD_FREQ``)."""
    if len(word) == 2:
        return _is_word(word)
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()  # its counts are read on first use
    return (jieba.get_FREQ(word) or 0) >= _WORD_FREQ


def is_verb_zh(word: str) -> bool:
    """Whether jieba takes ``word`` for a verb: one character by its own tagging (看, 接), a pair by the dictionary
    (扩大, 申诉)."""
    if len(word) == 1:
        import jieba.posseg

        return jieba.posseg.lcut(word)[0].flag.startswith("v")
    return word_tag(word).startswith("v")


def straddles(text: str, word: str) -> bool:
    """Whether ``word`` is (in some occurrence) the end of one word and the start of the next ("小参观": 参观 is
    a word), rather than a word of its own."""
    return straddle_share(text, word) > 0


def straddle_share(text: str, word: str, after: frozenset[str] = frozenset()) -> float:
    """The share of ``word``'s occurrences in ``text`` that straddle two words (see :func:`straddles`); a word
    its last character makes with one of ``after`` does not count (戈壁上: 壁上 is a word, but 上 says where)."""
    found = straddling = 0
    for m in re.finditer(re.escape(word), text):
        found += 1
        left = text[max(m.start() - 1, 0) : m.start() + 1]
        right = text[m.end() - 1 : m.end() + 1]
        right = "" if right[1:] in after else right
        straddling += any(len(pair) == 2 and _is_word(pair) for pair in (left, right))
    return straddling / found if found else 0.0


def _is_word(pair: str) -> bool:
    return _dictionary().get(pair, (0, ""))[0] >= _WORD_FREQ


def memo_fixes(text: str, common: frozenset[str] = frozenset()) -> dict[str, str]:
    """Wrong -> right for the homophones of this memo's topic words (see the module docstring).

    ``text`` is the whole memo (Simplified Chinese); ``common`` are everyday words that are never topics.
    """
    counts = _bigrams(text)
    topics = {w: n for w, n in counts.items() if n >= 3 and not (set(w) & _PARTICLES) and w not in common}
    by_sound: dict[str, list[str]] = defaultdict(list)
    for word in topics:
        by_sound[_sound(word)].append(word)
    candidates: dict[str, str] = {}
    for word, n in counts.items():
        if set(word) & _PARTICLES or word in topics:
            continue
        for topic in by_sound.get(_sound(word), ()):
            # One character the same, in the same place (血堂 / 血糖): the other one was mis-heard.
            if topics[topic] >= 3 * n and (word[0] == topic[0] or word[1] == topic[1]):
                candidates[word] = topic
                break
    # A real word (心里 / 心理, 经理 / 经历) or a pair across two words is left alone: only the dictionary knows.
    return {w: t for w, t in candidates.items() if not _is_word(w) and not straddles(text, w)}


def likelier_form(phrase: str, text: str) -> str:
    """``phrase`` (a title) with each pair of characters that is no word of the dictionary and sounds the same as a
    pair said more often in ``text``, one character the same in the same place, replaced by that pair: the speaker
    named the topic as Whisper misheard it (跑城 twice, 炮城 three times), which ``memo_fixes`` leaves when the two
    are nearly as frequent."""
    counts = _bigrams(text)
    out = phrase
    for i in range(len(phrase) - 1):
        pair = phrase[i : i + 2]
        if not _RUN.fullmatch(pair) or _is_word(pair):
            continue
        sound = _sound(pair)
        likelier = [w for w, n in counts.items() if n > counts[pair] and (w[0] == pair[0] or w[1] == pair[1])
                    and not set(w) & _PARTICLES and _sound(w) == sound]
        if likelier:
            best = max(likelier, key=lambda w: counts[w])
            out = out[:i] + best + out[i + 2 :]
    return out


def apply_fixes(text: str, fixes: dict[str, str]) -> str:
    if not fixes:
        return text
    return re.sub("|".join(map(re.escape, sorted(fixes, key=len, reverse=True))), lambda m: fixes[m.group(0)], text)
