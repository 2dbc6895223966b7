"""English candidate topic words (see topic_words.py): the words and two-word phrases a memo says that may name its
topic, the words of speech and dialect that never do, and which capitalised words are names, not places."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .lexicon import Lexicon
from .people import ADDRESS_AFTER_EN, DETERMINERS_EN
from .sentences import Sentence
from .similarity import STOP_EN

_WORD_EN = re.compile(r"[A-Za-z][A-Za-z'-]*")


_SHOES = frozenset(("shoes", "canoes", "oboes", "tiptoes", "horseshoes", "snowshoes"))


# Plurals that say f or fe as v ("knives", "calves"); "leaves" and "lives" are as often verbs, and "olives" or
# "gloves" end in -ve.
_F_PLURALS = {"knives": "fe", "wives": "fe", "halves": "f", "shelves": "f", "wolves": "f", "calves": "f",
              "loaves": "f", "thieves": "f", "hooves": "f", "scarves": "f", "wharves": "f", "sheaves": "f"}
_F_SINGULARS = {plural[:-3] + end: plural for plural, end in _F_PLURALS.items()}


def said_pattern(word: str) -> str:
    """A regular expression for ``word`` said as a whole word, alone or as its plural ("knife": knives too)."""
    plural = _F_SINGULARS.get(word.lower())
    return rf"\b(?:{re.escape(word)}(?:s|es)?{'|' + plural if plural else ''})\b"


def singular(word: str) -> str:
    """An English noun's singular, roughly ("parties" -> "party", "tomatoes" -> "tomato"); "analysis",
    "Christmas" and short words stay."""
    if len(word) <= 4 or not word.endswith("s") or word.endswith(("ss", "is", "us", "mas")):
        return word
    if word.lower() in _F_PLURALS:  # "knives" is no "knive"
        return word[:-3] + _F_PLURALS[word.lower()]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("oes") and word not in _SHOES:
        return word[:-2]
    return word[:-1]


# Words that end a verb or adverb phrase, never a noun phrase ("coming off", "near enough", "goes home").
_NOT_PAIRED_EN = frozenset(("off", "out", "up", "down", "away", "back", "over", "enough", "about", "around", "anyway",
                            "though", "yet", "home", "again", "together", "since", "ago", "later", "sorry", "past",
                            # what a subject does: "the landlord wants" is no "landlord want"
                            "wants", "wanted", "says", "said", "told", "asked", "asks", "thinks", "thought", "reckons",
                            "knows", "knew",
                            # said without tense in Caribbean, West African and Singapore English: "Ros say"
                            "say", "tell", "ask", "think", "know", "reckon"))
# Words of time, number and speech no memo is about ("quarter past four", "seventeen quid", "it makes sense"), beside
# the lexicon's ``common_words`` (which hold the rest: quid, pound, twenty, tonight…): candidate topic words only,
# the title's keywords may still say them.
_NOT_TOPIC_EN = frozenset(("past", "quarter", "stuff", "sense", "thirteen", "fourteen", "fifteen", "sixteen",
                           "seventeen", "eighteen", "nineteen", "buck", "alright", "somewhere", "outside", "off",
                           # British "proper" is how much ("proper crying", "talked proper Black Country"): round 757's
                           # living-museum job was titled "Black Country, beef dripping and proper"
                           "proper",
                           # how much of each: "an acre per year" (round 767's conservancy lease: "Conservancy, land
                           # and acre per", a dev bell-metal lamp "…, per lamp and …")
                           "per",
                           # what stands for a noun said before ("the cheap ones", "bought ones"), and come said
                           # without tense ("the hikers come", "Trev come"): 20 English dev titles held one
                           "ones", "come", "comes", "came"))
# A title of address said after a name ("Ravi chettan"): the name is someone (people_en), the title no topic.
_NOT_TOPIC_EN |= frozenset(ADDRESS_AFTER_EN)
# Scots and Geordie words of grammar, spelt as said ("they're comin onywye", "gan hyem"): no topic either.
_NOT_TOPIC_EN |= frozenset(("onywye", "onyway", "aboot", "oot", "doon", "roon", "intae", "ontae", "efter", "ower",
                            "awa", "hyem", "hame", "naebody", "nae", "cannae", "dinnae", "didnae", "wisnae", "isnae",
                            "wouldnae", "couldnae", "gonnae", "divvent", "nowt", "owt", "summat", "mebbes", "masel",
                            "yersel", "himsel", "hersel", "oursels", "thon", "yon", "mair", "aye", "ken"))
# The same spelt as said in Shetland, the Caribbean, West Africa, Newfoundland and the Black Country ("dey wis", "dem
# ting", "wid dat", "yow cor", Bajan "I gine", "it ent"): round 585's sixareen boat was titled "Dey and dere hit",
# 696's narrowboat painting "Rose, yow and delve", 714's prep-cook job "Gine, Oistins and boning".
_NOT_TOPIC_EN |= frozenset(("dey", "dere", "dem", "dat", "dis", "dese", "dose", "wid", "wis", "wir", "yuh", "unu",
                            "nuh", "seh", "deh", "weh", "pon", "ting", "tings", "tink", "siddung", "yow", "yowm", "goo",
                            "uns", "tarra", "gine", "ent", "wunna", "everbody",
                            # Yorkshire "tha's got thi sparkle back" (you, your): round 767's flash mob was titled
                            # "Thi and Barnsley Hospice", a dev knur and spell "Pummel, thi and knurr"
                            "thi", "tha", "thissen", "missen"))


# Languages and the peoples they name, said with a capital and no article ("learn Irish", "Welsh medium"): what the
# memo may be about, never someone.
LANGUAGES_EN = frozenset(("irish", "welsh", "gaelic", "scots", "english", "french", "spanish", "german", "italian",
                           "portuguese", "dutch", "polish", "russian", "greek", "latin", "arabic", "hebrew", "urdu",
                           "hindi", "punjabi", "bengali", "tamil", "malayalam", "gujarati", "malay", "tagalog",
                           "mandarin", "cantonese", "hokkien", "chinese", "japanese", "korean", "swahili", "yoruba",
                           "igbo", "hausa", "twi", "zulu", "xhosa", "afrikaans", "maori", "samoan", "tongan", "fijian",
                           "patois", "creole", "cornish", "manx"))


# Titles of address said only before someone's name.
BEFORE_NAMES_EN = frozenset(("mr", "mrs", "ms", "mister"))


# Words of speech spelt with an apostrophe that no contraction's ending gives away.
_SPOKEN_APOSTROPHE_EN = frozenset(("ma'am", "li'dat", "insha'allah", "wi'oot", "wi'out", "sat'dy", "ha'porth"))
_CONTRACTED_EN = frozenset(("s", "t", "re", "ve", "ll", "d", "m", "n", "un", "uns", "em"))


def apostrophe_word(word: str) -> bool:
    """A word spelt with an apostrophe that is a word of its own, not a contraction: pa'u, lu'au, jumu'ah (a glottal
    stop), not it's, don't, young'uns, y'all or c'mere."""
    head, _, tail = word.partition("'")
    return len(head) >= 2 and tail.isalpha() and tail not in _CONTRACTED_EN and word not in _SPOKEN_APOSTROPHE_EN


def _pair_word(word: str, plain: frozenset[str]) -> bool:
    return len(word) >= 3 and "'" not in word and word not in plain and word not in _NOT_PAIRED_EN \
        and not word.endswith("ly")


def _past_en(word: str) -> bool:
    return len(word) >= 5 and word.endswith("ed") and not word.endswith("eed")


def units_en(sentences: Sequence[Sentence], lex: Lexicon) -> dict[str, str]:
    """Candidate words (three letters or more, no word of speech) and pairs of them said together twice or more
    ("hot tub", "night shift"); the tag says whether the word is capitalised inside a sentence (a name)."""
    plain = STOP_EN | lex.common_words | _NOT_TOPIC_EN
    capital: Counter = Counter()  # said inside a sentence with a capital / without / first in a sentence
    lower: Counter = Counter()
    first: Counter = Counter()
    pairs: Counter = Counter()
    determined: set[str] = set()
    said: dict[str, None] = {}  # every word kept, first said first
    for s in sentences:
        words = _WORD_EN.findall(s.text)
        low = [w.lower() for w in words]
        for i, (word, w) in enumerate(zip(words, low, strict=True)):
            if len(w) < 3 or w in plain or singular(w) in plain or "'" in w and not apostrophe_word(w):
                continue
            key = w if word[0].isupper() else singular(w)  # Leeds, James: no plural
            said.setdefault(key)
            (first if not i else capital if word[0].isupper() else lower)[key] += 1
            after_determiner = i > 0 and low[i - 1] in DETERMINERS_EN
            if after_determiner:
                determined.add(key)
            if i + 1 < len(low) and _pair_word(low[i + 1], plain) and not w.endswith("ly"):
                pair = f"{w} {singular(low[i + 1])}"
                pairs[pair] += 1
                if after_determiner:
                    determined.add(pair)
    # A name: said with a capital inside sentences and never without one (Owen, Leeds); a noun: said after a
    # determiner at least once ("the street party", "my wrist"), which a verb ("passed") or a number never is.
    # A word in -ly never said after a determiner is an adverb ("can't hardly hold"), not a noun (my family).
    # In the order said, as for Chinese: a set's order changes from run to run.
    # A word in -ed never said after a determiner nor with a capital is a verb's past ("grabbed", "knowed"), not a
    # thing (the shed, a hundred, the seed).
    out = {w: "nr" if capital[w] and not lower[w] else "nd" if w in determined else "n"
           for w in said if w in determined or capital[w] or not (w.endswith("ly") or _past_en(w))}
    out.update({pair: "nd" if pair in determined else "n" for pair, n in pairs.items() if n >= 2})
    return out


# Where a place is said: after "in", "to", "from"…, or a determiner ("the Sinulog"), which no one's name is.
_PLACE_BEFORE_EN = (r"\b(?:in|to|from|at|near|outside|into|around|round|across|through|towards|via|of|the|a|an|my|"
                    r"our)\s+")


def placed_en(word: str, text: str) -> bool:
    """Whether a name the memo says is ever said as a place or a thing: a name never said so is someone's
    (Chrissy, Boysie, Marlys), though no verb of speech follows it."""
    return re.search(_PLACE_BEFORE_EN + re.escape(word) + r"\b", text, re.I) is not None
