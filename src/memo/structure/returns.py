"""A speaker coming back to an earlier part: "oh, one more reason I forgot", "going back to the why for a second",
"刚才为啥那块我漏了一个", "算账那里还漏了一个". What follows it, up to the next pause or "where was I", belongs to
that part wherever it is said, announced structure or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cleanup import Lexicon, Sentence
from .parts import item_score
from .similarity import STOP_EN, content_len
from .templates import SectionSpec

# The words that say the speaker goes back to something left out.
_BACK = {
    False: re.compile(
        r"\b(?:i (?:nearly |almost )?forgot|forgot (?:it|one|to say)|i didn't say|didn't mention|i left out|"
        r"i should(?:'ve| have) said|going back to (?:the )?(?:why|how|what|reasons?|money|plan|numbers|costs?|"
        r"feelings?)|back to (?:how|why)|one more (?:reason|thing|number|point)|another reason)\b",
        re.I,
    ),
    True: re.compile(
        r"漏了|忘了说|忘说了|刚才没说|还没说|前面说.{0,8}还|刚才.{0,8}(?:那块|那里|的时候).{0,4}(?:还|漏|忘)|"
        r"还有个原因|还有一个原因"
    ),
}
# Back to where the speaker was ("um where was I", "我说到哪了").
RESUME = {False: re.compile(r"\bwhere was i\b", re.I), True: re.compile(r"说到哪|讲到哪|扯远了")}
LONGEST = {True: 24, False: 25}  # a back-reference is a short clause: characters (Mandarin) / words (English)
MOST = 6  # sentences a return runs to at most


# The verbs of going back name no part ("going back to the why": the why does).
_BACK_VERBS = re.compile(r"\b(?:going back to|back to|(?:i )?(?:nearly |almost )?forgot|i didn't say|didn't mention|"
                         r"i left out|i should(?:'ve| have) said)\b", re.I)
# What the speaker adds about the return is not its name ("…because I forgot the biggest one").
_BECAUSE = re.compile(r"\b(?:because|cause|since)\b.*|因为.*", re.I)


def _named(text: str, sections: Sequence[SectionSpec], language: str) -> int:
    """The section ``text`` names (its heading, form, cues, the words it was announced with), -1 when none or
    two at once."""
    text = _BACK_VERBS.sub(" ", _BECAUSE.sub("", text))
    scores = [item_score(text, spec, language) + _announced_words(text, spec) for spec in sections]
    best = max(scores)
    return scores.index(best) if best > 0 and scores.count(best) == 1 else -1


_SAID_OF_ANY = frozenset(("stuff", "going", "actually", "really", "about", "bit", "thing", "things", "been", "even",
                          "properly", "honestly", "just"))


def _announced_words(text: str, spec: SectionSpec) -> float:
    # "oh, and the money, I didn't say": a part announced as "the pros and cons and all the money stuff".
    if not spec.announced or re.search(r"[\u4e00-\u9fff]", spec.announced):
        return 0.0
    low = text.lower()
    words = {w for w in re.findall(r"[a-z']{4,}", spec.announced.lower())} - STOP_EN - _SAID_OF_ANY
    return sum(1.0 for w in words if re.search(rf"\b{re.escape(w)}\b", low))


def _head(text: str, zh: bool) -> str:
    """A sentence's opening, where a new part names itself ("第三块咋办", "So what I'm going to do")."""
    return text[:8] if zh else " ".join(text.split()[:5])


def follow_returns(sentences: Sequence[Sentence], labels: list[int], sections: Sequence[SectionSpec],
                   lex: Lexicon) -> list[int]:
    """``labels`` with each return to an earlier part (see the module docstring) given to that part: the sentence
    that says so and the rest of its paragraph, or the next paragraph when it ends its own."""
    zh = lex.language == "zh"
    out = list(labels)
    n = len(sentences)
    for i, s in enumerate(sentences):
        back = _BACK[zh].search(s.text)
        # A Mandarin sentence runs on: the part is named before the words that go back ("刚才为啥那块我漏了一个").
        said = s.text[: back.end()] if back and zh else s.text
        if out[i] < 0 or not back or content_len(said, zh) > LONGEST[zh]:
            continue
        j = _named(said, sections, lex.language)
        if j < 0 or j == out[i]:
            continue
        # Said on its own ("Oh, one more reason I didn't say."), what it names may follow after a pause.
        alone = content_len(s.text, zh) <= LONGEST[zh]
        end = i + 1
        while end < n and end - i < MOST and not RESUME[zh].search(sentences[end].text) and (
            not sentences[end].paragraph_start or (end == i + 1 and alone)
        ) and _named(_head(sentences[end].text, zh), sections, lex.language) in (-1, j):
            end += 1
        for k in range(i, end):
            out[k] = j
    return out
