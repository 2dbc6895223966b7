"""The topic as an English speaker names it in the opening without a verb of naming: said on its own ("The solar
panels." / "right. Spanish."), or pointed at as a matter ("talk this car thing through"). title.py asks these
after the speaker's own naming ("talk about…") and before the memo's keywords.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cleanup import MATTER_WORDS_EN, Lexicon, Sentence
from .people import WEEKDAY_EN, people_en
from .similarity import STOP_EN
from .topic_words_en import said_pattern, singular

# What goes around a topic's words: "the thing with the van" is the van, "the pay thing" the pay.
# A word sworn before it ("this bloody boat thing") says how it weighs on the speaker, not what it is.
SWORN_EN = r"(?:bloody|flaming|flipping|flippin|blooming|bleeding|blinking|sodding|freaking|frigging|friggin|effing|" \
           r"damn|damned|dang|darn|goddamn)"
HEAD_EN = re.compile(rf"^(?:the|my|this)\s+(?:thing\s+(?:with|about)\s+)?(?:{SWORN_EN}\s+)?", re.I)
TAIL_EN = re.compile(r"\s+(?:thing|stuff|idea|one)$", re.I)
# A matter named with what follows it ("this korban thing I go round and round in circles", "court interpreter thing
# properly", "pew thing by Friday"): the matter ends at its word.
_MATTER_RUN_ON_EN = re.compile(r"^(.+?\s(?:thing|business|matter|situation|palaver|wahala))\s.*$", re.I)


# How and when the speaker will go over it, said after its name ("King cakes for real this year", "Ernest's weather
# station by monday", "Love letters … properly"): no part of the topic.
_HOW_AND_WHEN_EN = re.compile(r"(?:\s+(?:properly|out loud|for real|one time|this year|next year|tonight|today|"
                              rf"by (?:the \w+|{WEEKDAY_EN})))+$", re.I)


def matter_named_en(title: str) -> str:
    """``title`` up to its matter word ("Court interpreter thing properly" -> "Court interpreter thing") and without
    how and when it is gone over ("Ernest's weather station by monday"); as it is when it says neither."""
    return _HOW_AND_WHEN_EN.sub("", _MATTER_RUN_ON_EN.sub(r"\1", title)) or title


# Words that talk about the memo, never its topic.
META_EN = re.compile(r"\b(?:outline|structure|parts|order|diary|memo|recording|voice note)\b", re.I)


_SAID_ALONE_EN = re.compile(
    r"^(?:(?:so|right|ok|okay|and|anyway|well|for|about),?\s+)*((?:(?:the|my|our|this)\s+)?[\w'-]+(?:\s+[\w'-]+){0,4})[.!]?$",
    re.I,
)
# What opens a part of the memo, not its topic ("So the money." / "The plan.").
_PART_EN = re.compile(r"\b(?:money|numbers|costs?|plan|reasons?|why|feelings?|analysis|experience|options)\b", re.I)


# A greeting is no topic ("Okay. Hiya phone. It's Nicola…").
# Ulster "bout ye" (how are you) too ("right. bout ye phone.": round 723's social worker was so titled).
_GREETING_EN = re.compile(
    r"(?:hi|hiya|hello|hallo|hey|howdy|good (?:morning|evening)|(?:what )?bout (?:ye|yis|youse))\b", re.I
)


def said_often(word: str, text: str, least: int = 3) -> bool:
    """``word`` (or its plural) said at least ``least`` times in ``text``, as a whole word."""
    return len(re.findall(said_pattern(singular(word)), text, re.I)) >= least


def said_as(phrase: str, text: str) -> int:
    """How often ``phrase`` is said in ``text``, as whole words."""
    return len(re.findall(rf"\b{re.escape(phrase)}\b", text, re.I))


def said_alone(sentences: Sequence[Sentence], words: Sequence[str], lex: Lexicon, text: str) -> str:
    """A topic said on its own at the start ("The solar panels." / "right. Spanish." / "The vasectomy one."): a
    sentence of one to five words, its last a noun among the memo's main words (or before "thing" / "one"), none
    at its ends an everyday word of speech; or a noun phrase of two or three words ("The dating app.") whose noun
    the memo says again."""
    for i, s in enumerate(sentences):
        # "The sabbath a cool, sorry, the sabbatical.": what the speaker corrects it to.
        said_text = re.split(r",\s*(?:sorry|i mean),\s*", s.text.strip(), flags=re.I)[-1]
        # "The office, the garden office.": said again more exactly.
        restated = re.fullmatch(r"(?:the|my|our)\s+([\w'-]+),\s*((?:the|my|our)\s+[\w'-]+\s+\1)[.!]?", said_text, re.I)
        said_text = restated.group(2) if restated else said_text
        m = _SAID_ALONE_EN.match(said_text)
        if not m or META_EN.search(m.group(1)) or _PART_EN.search(m.group(1)) or _GREETING_EN.match(m.group(1)):
            # "voice diary.", "so the money.", "hiya phone."
            continue
        phrase = HEAD_EN.sub("", m.group(1))
        if TAIL_EN.search(phrase):  # "the pay thing.", "The vasectomy one.": named as the topic, if only once
            if phrase == m.group(1) and phrase.lower().endswith(" one"):
                continue  # "burned my arm today. proper one.": how bad, with no "the" to name a topic
            word = TAIL_EN.sub("", phrase)
            if word and not {w.lower() for w in word.split()} & (lex.common_words | STOP_EN):
                # "…asking for the injection. The steroid one.": "one" stands for the noun said just before.
                before = re.findall(r"\b(?:the|a|an|my)\s+([a-z]{4,})\b", sentences[i - 1].text.lower()) if i else []
                if phrase.lower().endswith(" one") and before and said_often(before[-1], text, 2):
                    return f"{word[:1].upper()}{word[1:]} {before[-1]}"
                return m.group(1)[:1].upper() + m.group(1)[1:]
            continue
        said = [w.lower() for w in phrase.split()]
        if {"is", "are", "was", "were", "am"} & set(said):
            continue  # "so. my hands are still blue.": how things are, a statement, not a topic said alone
        # Among the memo's three main words: "the studio." opening a part about the studio is no topic. Words of
        # speech only inside ("The life in the UK test."), and then five words at most; else three.
        plain = [w for w in said if w in lex.common_words or w in STOP_EN]
        inside = not ({said[0], said[-1]} & set(plain)) and (len(said) <= 3 and not plain or len(plain) <= 2)
        if len(said) == 1 and said[0] in people_en(text, lex.common_words):
            # "right so. Declan.": who is talking; "So. Reuben. Tuesday was the appointment.": who the memo is about,
            # not what (the diagnosis): a person is no topic, as in keyword titles.
            continue
        if len(said) == 1 and not said_often(said[0], text):
            continue  # "ok so. Marcus.": a word said alone and hardly again is who speaks or to whom, not the topic
        if singular(said[-1]) in words[:3] and inside:
            return phrase[:1].upper() + phrase[1:]
        # One word alone only when long enough to be specific ("the sabbatical"; "the studio" opens a part).
        determined = phrase != m.group(1) and len(said) <= 3 and not plain
        if determined and said_often(said[-1], text) and len(said[-1]) >= (3 if len(said) > 1 else 8):
            return phrase[:1].upper() + phrase[1:]
    return ""


# A topic pointed at as a matter ("talk this car thing through", "the moving in thing"); "this" alone points at
# too much ("get this straight", "in this house") to name a topic.
# "this small chops matter", "the Ireland thing": a matter, named by the words before it.
_MATTER_EN = rf"(?:{'|'.join(MATTER_WORDS_EN)})"
_POINTED_EN = re.compile(
    rf"\b(?:the|this|that|my|our)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,2}}?)\s+{_MATTER_EN}\b"
    # "think this funeral plan through", "talk the garage idea over": what is thought through is the topic.
    rf"|\b(?:think|talk|sort|work)\s+(?:this|the|my|our)\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,2}}?)"
    rf"(?:\s+{_MATTER_EN})?\s+(?:through|over)\b",
    re.I)
# What is pointed at that is no topic: the moment or a part of the memo ("the morning thing", "this bit").
# Nor how the speaker rates it ("which is the main thing", "the hard part").
_NOT_POINTED_EN = re.compile(r"\b(?:morning|afternoon|evening|night|week|weekend|month|year|time|summer|winter|autumn|"
                             r"spring|one|bit|point|stuff|way|place|side|kind|sort|lot|main|big|real|important|hard|"
                             r"worst|best|first|last|next|biggest|hardest|scary|good|bad|funny|weird|annoying|"
                             # "why i'm even thinking this mad thing": how the speaker rates it
                             r"mad|crazy|daft|silly|stupid|mental|nuts|bonkers|fool|foolish|dumb|"
                             r"red|green|little)s?\b",  # "yes the red thing.": the phone's button
                             re.I)


# "this juju thing, Juja I mean", "this cash you matter, this cashew matter": what the speaker corrects it to.
_CORRECTED_EN = re.compile(r",\s*([\w'-]+(?:\s+[\w'-]+)?),?\s+i mean\b"
                           r"|,?\s*(?:i mean\s+|sorry\s+)?(?:the|this|that|my|our)\s+"
                           rf"([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+{_MATTER_EN}\b"
                           # "this house building thing, no, Ausbildung, the German word"; "the sabbath call, sorry,
                           # the sabbatical"
                           r"|,\s*(?:no|sorry|no wait),\s+(?:the\s+|my\s+|an?\s+|this\s+)?"
                           r"([\w'-]{4,}(?:\s+[\w'-]+){0,2}?)(?=\s*[,.;!?]|$)", re.I)
# What is said of the phone as the memo starts ("the red thing is on", "the red thing's going").
_RECORDING_EN = re.compile(r"\s*(?:is|'s)\s+(?:on|going|recording|working|running|blinking|flashing|moving|lit)\b",
                           re.I)
_KIN_EN = frozenset(("dad", "mum", "mom", "father", "mother", "gran", "grandad", "grandma", "grandpa", "nan", "brother",
                     "sister", "son", "daughter", "husband", "wife", "kids", "baby", "family"))
_QUANTIFIER_EN = re.compile(rf"^(?:(?:whole|entire|same|other|only|even|sort of|kind of|{SWORN_EN})\s+)+", re.I)
_NOT_IN_TOPIC_EN = frozenset(("is", "was", "are", "were", "be", "been", "a", "an", "the", "of", "sort", "kind", "whole",
                              "even", "same", "other", "only"))


def said_instead_en(opening: str, at: int) -> str:
    """What the speaker says in place of the words that end at ``at``, correcting them ("…, Juja I mean", "…, no,
    Ausbildung, the German word"); "" when he does not."""
    return _said_instead(_CORRECTED_EN.match(opening, at))


# The same thing said again more exactly right after, with its determiner ("the granny flap, the granny flat").
_RESTATED_EN = re.compile(r",\s*(?:the|my|our)\s+([\w'-]+(?:\s+[\w'-]+){0,3}?)(?=\s*[,.;!?]|\s+(?:then|and|because|"
                          r"so|while)\b)", re.I)


def restated_en(phrase: str, opening: str, at: int, text: str) -> str:
    """``phrase`` said again right after ``at`` with a determiner, as the speaker corrects it: the restatement when it
    repeats one of the phrase's words ("the granny flap, the granny flat") or the memo says it more often ("this
    wreck business, the Reek Sunday", "the winter edge, the winterage"); "" when there is none."""
    restated = _RESTATED_EN.match(opening, at)
    if restated and (restated.group(1).split()[0].lower() in phrase.lower().split()
                     or said_as(restated.group(1), text) > said_as(phrase, text)):
        return restated.group(1)
    # Or said again whole, without a determiner: "this Reek business, Reek Sunday".
    longer = re.compile(rf",\s*({re.escape(phrase)}(?:\s+[\w'-]+){{1,2}}?)(?=\s*[,.;!?])", re.I).match(opening, at)
    return longer.group(1) if longer else ""


def _said_instead(corrected: re.Match | None) -> str:
    """The correction ``_CORRECTED_EN`` found, when it says what is meant outright (not "the … thing" again)."""
    said = corrected and (corrected.group(1) or corrected.group(3)) or ""
    return "" if said.lower() in STOP_EN else said


def pointed_topic_en(opening: str, lex: Lexicon, text: str) -> str:
    """The topic the speaker points at in the opening (see ``_POINTED_EN``): words of substance (one word only when
    the memo says it again: "that shaky thing" is how the legs are), not the memo or the moment, nor where someone
    is; as corrected ("this juju thing, Juja I mean")."""
    for m in _POINTED_EN.finditer(opening):
        phrase = _QUANTIFIER_EN.sub("", m.group(1) or m.group(2))  # "the whole Ireland thing" is about Ireland
        words = phrase.lower().split()
        # "the long distance thing", "the moving in thing"; not "the whole thing", "this is even a thing".
        if not any(w not in STOP_EN and w not in lex.common_words for w in words) or set(words) & _NOT_IN_TOPIC_EN \
                or META_EN.search(phrase) or _NOT_POINTED_EN.search(phrase) or set(words) <= _KIN_EN:
            continue  # "this dad thing" says who the matter is about; the memo's words say what it is
        if m.group(1) and re.search(r"\b(?:for|at|to|from|after|before|with)\s+$", opening[: m.start()], re.I):
            continue  # "over at her sister's for the pampered chef thing": where someone is, not the topic
        if _RECORDING_EN.match(opening, m.end()):
            continue  # "yes the red thing is on": the phone recording, not the topic
        corrected = _CORRECTED_EN.match(opening, m.end())
        # Said again with the same frame, it is the same matter corrected only when it sounds alike ("cash you",
        # "cashew"); "the money thing, the house thing" are two matters.
        # Or when the memo says the second more often ("this no terry thing, this notary thing": notary).
        instead = _said_instead(corrected) or restated_en(phrase, opening, m.end(), text)
        if instead or corrected and (corrected.group(2)[:3].lower() == phrase[:3].lower()
                                     or said_as(corrected.group(2), text) > said_as(phrase, text)):
            said = instead or corrected.group(2)
            return said[:1].upper() + said[1:]
        # "that shaky thing": one word said once is how something is; "the moving in thing" names, and so does
        # "this pipeline business" (on the bench every "this … business" in an opening named the topic).
        if len(words) == 1 and not said_often(words[0], text, 2) \
                and not re.fullmatch(r"this\s.*\sbusiness", m.group(0), re.I):
            continue
        return phrase[:1].upper() + phrase[1:]
    return ""
