"""What the speaker says around his points, never one of them: a paragraph he breaks off into ("Sorry, that's the
dog at the door."), what he says of the phone as it records ("Aye the wee red dot."), and who is talking and when,
as the memo starts ("This is Carol, Saturday the twenty first…"). points.py ranks and chooses with these."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .people import WEEKDAY_EN
from .sentences import Sentence, paragraph_ranges
from .similarity import content_len

# A paragraph the speaker opens by breaking off ("Sorry, that gateman has put his radio again…", "不好意思 电话来了") is
# said aside, no point of the memo's. (One he comes back from, "where was I" / "anyway", is not: on 623 English dev
# memos, taking those too turned 9 key points gained into 22 lost, the story before "anyway" being the memo's.)
# The Upper Midwest's "ope" opens one too ("ope, that's the dog wanting in"), as "hang on" and "hold on" do (on the 207
# English dev memos with a paragraph opened by "hold on": 14 better, 1 worse).
# ... or by a noise that came again ("That's the yowe again at the gate.", "oh there's that gull again").
_BREAK_OFF = {False: re.compile(r"^(?:oh,? |um+,? )?sorry\b(?!,? (?:for|about|to|but)\b)|^h(?:ang|old) on\b|^ope\b"
                                r"|^(?:(?:oh|och|aye|right),? )?(?:that's|there's|that is) (?:the|that|my|our|his|her) "
                                r"[\w' ]{1,25}? again\b", re.I),
              True: re.compile(r"^.{0,3}(?:不好意思|等一下|等会儿|稍等)")}


# What is said of the phone as recording starts ("Aye the wee red dot.", "It's going.", "Recording already.",
# "录上了没有"): never a point, nor a label for the sentence after it.
_RECORDING = {
    False: re.compile(r"^(?:(?:aye|ok|okay|right|alright|yep|yup|yes|yeah|haan|so|and|then|i think|there's|b'y)"
                      r"[,.]?\s+)*(?:"
                      r"(?:the\s+|a\s+)?(?:wee\s+|little\s+|small\s+|peerie\s+|peedie\s+)?red\s+"
                      r"(?:dot|button|light|thing)(?:'s|\s+is)?"
                      r"(?:\s+(?:going|on|moving|recording|blinking|lit))?"
                      # "yeah the little timer's going", "aye the wee clock's moving": the phone's recording clock
                      r"|(?:the\s+)?(?:wee\s+|little\s+)?(?:timer|clock|numbers|counter)(?:'s|\s+is|\s+are)\s+"
                      r"(?:going|moving|running|counting|ticking)"
                      r"|(?:is\s+)?(?:it|this|that|the thing)(?:'s|\s+is)?\s+(?:going|goin|gannin|recording|on|moving|"
                      r"working|running)(?:\s+(?:now|already|na|then))?"
                      # Belize Kriol "it di record" (it is recording)
                      r"|it\s+di\s+record(?:in|ing)?"
                      r"|recording(?:\s+(?:now|already|na))?)[\s,.!?]*$", re.I),
    True: re.compile(r"^(?:[嗯啊喂哦好行那]|好了|开始)*[，、\s]*(?:录上了|在录|开始录了?|录起了|录着呢|录了)"
                     r"(?:没有|吗|哈|啊|了|噻)?[。！？，\s]*$"),
}
# The speaker saying who is talking and when, as the memo starts ("This is Carol, Saturday, September the twenty
# first, I'm sitting in the car…", "gerry here, Sunday night", "我是冯婉仪 今天礼拜二晚上"): the scene, seldom a
# point of the memo's.
_TIME_OF_DAY_EN = "morning|evening|night|nicht|arvo|afternoon"
_INTRODUCTION = {
    # Belize Kriol "dis da Yvette" (this is Yvette)
    False: re.compile(r"(?:\b(?:this is|it's|my name is|me name's|(?:this|dis) da)\s+[a-z]+"
                      r"|^(?:\w+[,.]?\s+){0,2}[a-z]+\s+here\b"
                      # "Clint, Sunday night…", "Gordon Reid, Monday the twenty sixth…", "Ronnie combs, sunday…"
                      r"|^(?!(?:tomorrow|today|yesterday|tonight|last|next|this|every|on|first|so|and|but)\b)"
                      rf"(?-i:[A-Z][a-z]+(?:\s+[A-Za-z][a-z]+)?),\s+(?=(?:it's\s+)?{WEEKDAY_EN}))"
                      rf"(?=.*\b(?:{WEEKDAY_EN}|{_TIME_OF_DAY_EN})\b)", re.I),
    True: re.compile(r"(?:我是|我叫|俺是|俺叫|额是)[\u4e00-\u9fff]{2,3}"
                     r"(?=.{0,12}(?:礼拜|星期|今天|今儿|今朝|夜里|晚上|号))"),
}


# ... or where he sits as he records ("I'm out here in the porch with my coffee.", "I'm sat in the van outside ours
# cos if I go in now Jackie'll be asleep"), or when, said as a dateline: the scene too.
_SCENE_EN = re.compile(
    r"\b(?:i'm|i am|im)\s+(?:just\s+|now\s+)?"
    r"(?:(?:sat|sitting|sittin|out here|out|here|parked|stood|standing|lying|laying|hiding)\s+)?"
    r"(?:in|on|at|outside|out in|out on|down in|up in|by)\s+(?:the|my|our|me|a)\s+(?:[\w']+\s+){0,3}?"
    r"(?:porch|car|truck|ute|van|cab|kitchen|garage|shed|veranda|verandah|step|steps|stoop|deck|balcony|table|"
    r"yard|garden|office|bedroom|room|lounge|couch|sofa|bed|boat|driveway|car park|parking|lot|hallway|bench|"
    r"landing|stairs|store|shop|workshop|barn|cabin)\b"
    # "Sunday evening, first sunday in december, …": when, said first as a dateline ("Sunday arvo I drove over to
    # Col's" tells what happened)
    rf"|^(?:it's\s+)?{WEEKDAY_EN}\s+(?:{_TIME_OF_DAY_EN}),", re.I)

# "Ok. Is it. Yep it's going. So this is Linda, it's Sunday night…": what is said of the phone comes first.
OPENING_SEGMENTS = 6
INTRODUCTION_SIZE = {True: 40, False: 40}  # characters (Mandarin) / words (English): longer goes on to a point
BARE_INTRODUCTION_SIZE = {True: 20, False: 12}  # no longer than this, it says who and when only: never a point


def recording_talk(text: str, zh: bool) -> bool:
    """Whether ``text`` only says the phone is recording (see ``_RECORDING``)."""
    return bool(_RECORDING[zh].match(text.strip()))


# The speaker saying he talks it through into the phone ("so I'm going to talk it out before I go in to the kids",
# "Troy reckons I should talk it through properly", "Crystal said quit stewin on it and talk it out"): how the memo
# is made; so is "let me talk this thing alone" (round 739's kigango post had it as a reason). "We're going to talk
# it through, him and me" and "talk it over with Dean" are a plan.
_TALKING_IT_THROUGH = re.compile(r"\b(?:i|i'm|i'll|i'd|mi|let me|said|say|says|told me|reckons)\s+"
                                 r"(?:(?!we\b)[\w']+,?\s+){0,6}?talk(?:ing)?\s+"
                                 r"(?:it|this|things|it all|this all|all this|this (?:whole )?(?:thing|matter)"
                                 # "talk this thing of the conservancy alone" (Kenyan English; round 767)
                                 r"(?:\s+of\s+(?:the\s+|my\s+)?[\w'-]+)?)\s+"
                                 r"(?:out|through|over|alone|by myself|on my own)\b"
                                 r"(?!\s+(?:properly\s+)?(?:with|wi|together)\b)", re.I)


def talking_it_through(text: str, zh: bool) -> bool:
    """Whether ``text`` says the speaker talks it through into the phone (see ``_TALKING_IT_THROUGH``)."""
    return not zh and _TALKING_IT_THROUGH.search(text) is not None


def asides(sentences: Sequence[Sentence], zh: bool) -> set[int]:
    """The indexes of the sentences of the paragraphs said aside (see ``_BREAK_OFF``), opened so or after a word alone
    ("Lord. There's that bear again.", "Anyway. Sorry, that's the phone."), unless that word opens the memo ("Okay.
    Ope, it's recording already.")."""
    return {i for p in paragraph_ranges(sentences) if _breaks_off(sentences[p.start:p.stop], zh) for i in p}


def _breaks_off(paragraph: Sequence[Sentence], zh: bool) -> bool:
    first = paragraph[0]
    if _BREAK_OFF[zh].search(first.text):
        return True
    alone = not zh and len(first.text.split()) == 1 and bool(first.segments) and first.segments[0] > 0
    return alone and len(paragraph) > 1 and bool(_BREAK_OFF[zh].search(paragraph[1].text))


def introduction_weight(text: str, sentence: Sentence, zh: bool) -> float:
    """How much a candidate point ``text`` of ``sentence`` keeps of its score as who is talking, when and where: 0.3
    when it says so as the memo starts (its first ``OPENING_SEGMENTS``: a recogniser's first seconds or a text's
    first sentences), up to ``INTRODUCTION_SIZE``; nothing when that is all it says (up to
    ``BARE_INTRODUCTION_SIZE``); else 1."""
    if not (sentence.segments and sentence.segments[0] < OPENING_SEGMENTS
            and (_INTRODUCTION[zh].search(text) or not zh and _SCENE_EN.search(text))):
        return 1.0
    size = content_len(text, zh)
    return 1.0 if size > INTRODUCTION_SIZE[zh] else 0.3 if size > BARE_INTRODUCTION_SIZE[zh] else 0.0
