"""An announced part said before its marker, rewritten marker first, as the announcement's finders read a list:
"the why last" -> "last the why", "把这回去新疆看的 先说一哈" -> "先把这回去新疆看的说一哈", "账放最后算" -> "最后算账".
Each rewrite keeps the text's length, so every offset into the opening still holds."""

from __future__ import annotations

import re

from .items import WILL_EN
from .telling_zh import standard_telling

# "how the shifts have gone first, while it's fresh … and the why last": an English item before its ordinal, at the
# end of its clause.
# "why I care this much, that bit first": "that" points back at the clause before the comma, which is the item.
_POINTS_BACK_EN = r",\s*(?:that|this)(?: bit| part| one)?"
# "so, um, why we'd even look at it first" (fillers before the item); "so I'll say what I've half a mind to do first"
# (a verb of telling before it; Doric "I'll dee the siller first"); "…, then why, and the sums last" (the last item
# after a comma and its "and").
_ORDINAL_LEAD_EN = (r"(?:(?:and then|and|then|so|um+|uh+|erm?|right|okay|ok|well),?\s+)*"
                    rf"(?:{WILL_EN} (?:say|do|dee|dae|start with|talk about|go through) )?")
_ORDINAL_AFTER_EN = re.compile(rf"(?im)(^|(?<=[.!?]\s)|(?<=,\s)(?=(?:and|then)\s))({_ORDINAL_LEAD_EN})"
                               rf"([a-z][^.!?\n,]{{2,60}}?|[a-z][^.!?\n]{{2,120}}?(?={_POINTS_BACK_EN} (?:first|last)))"
                               rf"((?:{_POINTS_BACK_EN})?) (first|last|at the (?:very )?end)"
                               rf"(?=\s*[,.\n]|\s*$|\s+(?:cos|coz|because|since|while)\b)")

# An item that names a part opens on a determiner or a question word ("the sums at the very end"); "i look at my
# watch at the end" is a story.
_NAMED_PART_EN = re.compile(r"(?:the|my|our|di|de|how|what|why|whether)\b", re.I)


def _ordinal_first(m: re.Match) -> str:
    """An item and its ordinal after it, the ordinal first and the same length ("and the sums at the very end" ->
    "and last the sums")."""
    ordinal = "last" if m[5].endswith("end") else m[5]
    if ordinal != m[5] and not _NAMED_PART_EN.match(m[3]):
        return m[0]
    return f"{m[1]}{m[2]}{ordinal} {m[3]}{' ' * (len(m[4]) + len(m[5]) - len(ordinal))}"


# "我把这回去新疆看的 先说一哈": the part put first, then its marker; read as "先把…说一哈", the same length.
_BA_BEFORE_FIRST_ZH = re.compile(r"把([^，。！？\s]{2,12})\s*先([说讲聊唠]一?[下哈])")


def _first_before_ba(m: re.Match) -> str:
    return f"先把{m[1]}{m[2]}".ljust(len(m[0]))


# "账放最后算", "那个账 我放到最后算", "账嘛 放到最后": the part named first and put last, read as "最后算账".
_PUT_LAST_ZH = re.compile(r"([^，。！？\s]{1,8}?)[嘛呢吧]?\s*[我俺额]?放(?:到|在)?最后(?:再)?([算说讲聊])?")


def _last_put_first(m: re.Match) -> str:
    verb = m[2] or ("算" if m[1][-1] in "账钱数" else "说")  # a part's name is two characters or more
    return f"最后{verb}{m[1]}".ljust(len(m[0]))


def markers_first(opening: str, zh: bool) -> str:
    """``opening`` with each part's marker before the part, the same length (see the module's doc)."""
    if zh:
        opening = _BA_BEFORE_FIRST_ZH.sub(_first_before_ba, standard_telling(opening))
        return _PUT_LAST_ZH.sub(_last_put_first, opening)
    return _ORDINAL_AFTER_EN.sub(_ordinal_first, opening)
