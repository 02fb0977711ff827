"""A sentence read once as stems and concept phrases, with the marks that bound a
figure's clause (";", ":", ", and", commas, pointing words)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from summariser.concepts import find_concepts
from summariser.measure_choice import STAGE_CONCEPTS
from summariser.stems import stem
from summariser.vocabulary import words_of

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[;:,]|\d+(?:[,.]\d+)*")


CONJUNCTIONS = words_of("and but while whereas although though yet where")


SUBJECTLESS_OPENERS = words_of("""still also only then now yet nonetheless nevertheless was were is are
    had has have remained remains stayed met meets fell rose dropped improved declined""")
"""Words that open a coordinated clause with no subject of its own (", but still fell
short in ..."): its subject is the earlier clause's, so that clause's words describe it."""


@dataclass(slots=True)
class SentenceMarks:
    start: int
    end: int
    n_tokens: int
    concepts: list[tuple[str, int, int]]  # concept, first token, token after
    breaks: list[int]  # token indices of ; and :
    colons: dict[int, bool]  # break index -> it is a ":"
    soft_breaks: list[int]  # ", and" ", but" ...: the start of a new clause
    commas: list[int]
    colon_breaks: list[int]  # the breaks that are ":"
    rating_words: bool  # a rating word ("Good", "Inadequate" ...) occurs in the sentence
    pointers: list[int]  # token indices of "these", "that", "such" ...
    subjectless: frozenset[int] = frozenset()  # soft breaks opening a clause with no subject
    coordinated: tuple[tuple[str, str, int], ...] = ()  # two stages joined by "and": (a, b, token)
    modified: tuple[tuple[str, str, int], ...] = ()  # a stage "of" another: (head, modifier, token)
    starts: list[int] | None = None  # token offsets, read only when a figure needs them
    ands: tuple[int, ...] = ()  # token indices of a bare "and" / "or" (no comma before it)
    contrasts: frozenset[int] = frozenset()  # soft breaks that open a contrast (", but the ...")
    prepositional: frozenset[int] = frozenset()  # soft breaks opening on a preposition (", but in ...")


POINTER_STEMS = frozenset(stem(w) for w in ("these", "those", "that", "this", "such"))


CONJUNCTION_STEMS = frozenset(stem(w) for w in CONJUNCTIONS)
CONTRAST_STEMS = frozenset(stem(w) for w in words_of("but while whereas although though yet"))


SPECIAL_STEMS = POINTER_STEMS | CONJUNCTION_STEMS | {";", ":", ","}


STEMS: dict[str, str] = {}
"""Word as written -> its stem (or the token itself for punctuation and digits): a memo of
a pure function, bounded in size."""


def stem_and_remember(w: str) -> str:
    st = _stem_token(w)
    if len(STEMS) < 100_000:
        STEMS[w] = st
    return st


def _stem_token(w: str) -> str:
    if w[0].isalpha():
        low = w.lower().replace("’", "'")
        return "not" if low.endswith("n't") else stem(low)
    return w


def count_in(positions: list[int], lo: int, hi: int) -> int:
    """How many of the sorted `positions` lie in [lo, hi)."""
    if not positions or hi <= lo:
        return 0
    return bisect_left(positions, hi) - bisect_left(positions, lo)


def stems(text: str) -> list[str]:
    out = []
    for m in WORD.finditer(text):
        w = m.group()
        if w[0].isalpha():
            low = w.lower().replace("’", "'")
            out.append("not" if low.endswith("n't") else stem(low))
        else:
            out.append(w)
    return out


def clause_bounds(
    sent: SentenceMarks, fa: int, fb: int, other_tok: list[tuple[int, int]]
) -> tuple[int, int]:
    """Token bounds of the figure's own clause: up to the nearest ";", ":", ", and"-like
    break or other figure on each side."""
    n = sent.n_tokens
    lo, hi = 0, n
    for br in (*sent.breaks, *sent.soft_breaks):
        if br < fa:
            lo = max(lo, br + 1)
        elif br >= fb:
            hi = min(hi, br)
    for oa, ob in other_tok:
        if ob <= fa:
            lo = max(lo, ob)
            # "88% were boys, about two in three were ...": a comma after another figure's
            # words closes that figure's clause
            lo = max([lo, *(cm + 1 for cm in sent.commas if ob <= cm < fa)])
        elif oa >= fb:
            hi = min(hi, oa)
    earlier = [ob for _oa, ob in other_tok if ob <= fa]
    if earlier:
        # "... in 25% of cases ... and less than half were ...": an "and" just before this
        # figure, after another, opens this one's clause
        starts = [k for k in sent.ands if max(earlier) <= k < fa and fa - k <= 4]
        if starts:
            lo = max(lo, max(starts) + 1)
    later = [oa for oa, _ob in other_tok if oa >= fb]
    if later:
        # a list ("... in 47 per cent of cases, planning for desistance in 55 per cent"):
        # a comma, or an "and" ("planning in 35% and reviewing in 30%"), before the next
        # figure ends this one's clause
        nxt = min(later)
        ends = [*(cm for cm in sent.commas if fb <= cm < nxt), *(k for k in sent.ands if fb <= k < nxt and nxt - k <= 4)]
        if ends:
            hi = min(hi, min(ends))
    return lo, hi


def words_between(sent: SentenceMarks, a: int, b: int) -> int:
    return max(b - a, 0)


_COORDINATORS = words_of("and or both as well")


def _stage_pairs(concepts: list[tuple[str, int, int]], words: list[str]):
    """Each two neighbouring phrases of different stages, with the words between them."""
    stages = [(c, a, b) for c, a, b in concepts if c in STAGE_CONCEPTS]
    for (c1, _a1, b1), (c2, a2, _b2) in zip(stages, stages[1:], strict=False):
        if c1 != c2:
            yield c1, c2, a2, [w.lower() for w in words[b1:a2]]


def coordinated_stages(
    concepts: list[tuple[str, int, int]], words: list[str]
) -> tuple[tuple[str, str, int], ...]:
    """Pairs of different stages joined only by "and"/"or" ("for assessment and for
    delivery"): the figure they share is stated for both."""
    return tuple(
        (c1, c2, a2) for c1, c2, a2, gap in _stage_pairs(concepts, words)
        if 0 < len(gap) <= 3 and all(w in _COORDINATORS or w in ("for", "in", "the", "of") for w in gap)
        and ("and" in gap or "or" in gap)
    )  # fmt: skip


def share_coordinated(own: dict[str, float], sent: SentenceMarks, lo: int, hi: int) -> None:
    """Two coordinated stages of the figure's clause weigh the same: neither is nearer;
    a stage that only says what another stage was of ("reviews of the plan") weighs less
    than the stage it depends on."""
    for c1, c2, k in sent.coordinated:
        if lo <= k < hi and c1 in own and c2 in own:
            own[c1] = own[c2] = max(own[c1], own[c2])
    for head, mod, k in sent.modified:
        if lo <= k < hi and head in own and mod in own and own[mod] >= own[head]:
            own[mod] = own[head] * _MODIFIER


_MODIFIER = 0.9


def modified_stages(
    concepts: list[tuple[str, int, int]], words: list[str]
) -> tuple[tuple[str, str, int], ...]:
    """Pairs of stages where the second says what the first was of ("reviews of the
    plan", "the assessment of their plans"): the first is the stage measured."""
    return tuple(
        (c1, c2, a2) for c1, c2, a2, gap in _stage_pairs(concepts, words)
        if gap[:1] == ["of"] and len(gap) <= 2 and all(w in _OF_DETERMINERS for w in gap[1:])
    )


_OF_DETERMINERS = frozenset({"the", "its", "their", "a", "an", "each"})


RATING_WORD = re.compile(
    r"Outstanding|Good|Requir|require[sd]? improvement|Inadequate|(?:rated|graded|judged)\b[^.;:]{0,50}:\s"
    r"|(?:rated|graded|judged)(?: as)? (?:outstanding|good|inadequate)\b(?! or (?:better|above|worse|below))"
    r"|(?:lowest|highest|top|bottom)(?: possible)? (?:rating|grade|mark)"
)
"""A quick test, literal-led, for any rating word a tally could name (case as `_RATING`;
a lower-case "require improvement" is a rating once told: `rating_tally._TOLD_BEFORE`, and
so is any grade in a list after "rated ...:" or right after the verb: "rated good")."""


_PREPOSITIONS = words_of("in for among across at with within")


_WHERE = stem("where")


def _aside(stem_list: list[str], k: int) -> bool:
    """", where needed," or ", where it was required,": a condition set off by commas,
    not a clause of its own; what comes after it continues the clause before it. So is a
    conjunction standing alone between commas (", though,")."""
    if stem_list[k + 1 : k + 2] == [","]:
        return True
    return stem_list[k] == _WHERE and "," in stem_list[k + 2 : k + 5]


def read_sentence(text: str, start: int, end: int) -> SentenceMarks:
    """Stems, concept phrases and clause marks of text[start:end], read in one pass."""
    cache = STEMS
    words = WORD.findall(text, start, end)
    stem_list = [cache.get(w) or stem_and_remember(w) for w in words]
    breaks: list[int] = []
    soft: list[int] = []
    pointers: list[int] = []
    colons: dict[int, bool] = {}
    commas: list[int] = []
    subjectless: set[int] = set()
    contrasts: set[int] = set()
    prepositional: set[int] = set()
    specials = SPECIAL_STEMS
    for k in [k for k, st in enumerate(stem_list) if st in specials]:
        st = stem_list[k]
        if st == ";" or st == ":":
            colons[k] = st == ":"
            breaks.append(k)
        elif st == ",":
            commas.append(k)
        elif st in CONJUNCTION_STEMS and k and stem_list[k - 1] == "," and not _aside(stem_list, k):
            soft.append(k - 1)
            opener = words[k + 1].lower() if k + 1 < len(words) else ""
            if opener in SUBJECTLESS_OPENERS:
                subjectless.add(k - 1)  # ", but still met ...": no subject
            elif opener in _PREPOSITIONS:
                prepositional.add(k - 1)  # ", but in only 40% of ...", unless a subject follows the phrase
            elif st in CONTRAST_STEMS:
                contrasts.add(k - 1)  # ", but the plans ...": a new subject, set against the first
        if st in POINTER_STEMS:
            pointers.append(k)
    # hyphenated words ("pre-sentence") are matched as separate words too
    concepts = find_concepts(stem_list)
    ands = tuple(k for k, w in enumerate(stem_list) if w in ("and", "or") and not (k and stem_list[k - 1] == ","))
    sent = SentenceMarks(
        start, end, len(stem_list), concepts, breaks, colons, soft, commas,
        [b for b in breaks if colons[b]], bool(RATING_WORD.search(text, start, end)), pointers,
        frozenset(subjectless), coordinated_stages(concepts, words), ands=ands, contrasts=frozenset(contrasts), modified=modified_stages(concepts, words),
        prepositional=frozenset(prepositional),
    )  # fmt: skip
    return sent


_PHRASE_TO_FIGURE = 4
"""At most this many tokens from a clause's opening conjunction to its figure when a
preposition opens it (", but in only 40% of ..."): a longer phrase may end at a subject of
its own (", but in the end the plans were ... in 40%")."""


def no_subject(sent: SentenceMarks, lo: int, fa: int) -> bool:
    """The figure's clause opens with no subject of its own (", but still fell short in
    ...", ", but in only 40% of ..."): its subject is the earlier clause's."""
    if (lo - 1) in sent.subjectless:
        return True
    return (lo - 1) in sent.prepositional and fa - lo <= _PHRASE_TO_FIGURE
