"""Classes of wording that real reports use and the first extractor missed or misread, each
on sentences written for this test (invented bodies and numbers): what is a figure, with its
value, unit, qualifier and `of`, and what is not."""

from __future__ import annotations

import pytest

from summariser.figures import extract, scan


def figs(text: str) -> list[tuple]:
    return [(f.value, f.unit, f.qualifier, f.of) for f in extract(text)]


FIGURES = [
    # nothing counted: zero, none of the N
    ("Zero services were rated 'Outstanding' this year.", [(0, "count", None, None)]),
    ("None of the 14 teams we visited had a full complement.", [(0, "count", None, 14)]),
    ("None of the nine had a written plan.", [(0, "count", None, 9)]),
    # N out of (a total of) M; N of M without "the"; one of the M
    ("Eleven out of a total of 30 plans were sound.", [(11, "count", None, 30)]),
    ("Practice fell short in two of five quality standards.", [(2, "count", None, 5)]),
    ("In 12 of 40 areas the waiting list grew.", [(12, "count", None, 40)]),
    ("Only one of the 9 offices had a duty manager.", [(1, "count", "only", 9)]),
    # one of M as membership: M is the figure
    ("This visit is one of five carried out in the north.", [(5, "count", None, None)]),
    ("Every one of the 16 units reported gaps.", [(16, "count", None, None)]),
    # word counts of rated or scored units
    ("We rated four areas of practice as 'Inadequate'.", [(4, "count", None, None)]),
    ("The office scored just five points out of a possible 24.", [(5, "count", "only", 24)]),
    ("Casework in all three of our core standards was weak.", [(3, "count", None, None)]),
    ("Inspectors focused on seven key areas of the work.", [(7, "count", None, None)]),
    # counts of what was published, named with a determiner
    ("Leaders must act on these four inspection reports.", [(4, "count", None, None)]),
    # the second count in a list
    ("Staff in five CRCs and one NPS division said so.", [(5, "count", None, None), (1, "count", None, None)]),
    # compound numbers
    ("Roughly a quarter of a million adults are supervised.", [(250_000, "count", "about", None)]),
    ("Around half a million pounds went unspent.", [(500_000, "currency", "about", None)]),
    ("The scheme cost c240,000 to set up.", [(240_000, "count", "about", None)]),
    ("It was a billion pound programme.", [(1_000_000_000, "currency", None, None)]),
    ("The unit carried two dozen vacancies.", [(24, "count", None, None)]),
    ("Half a dozen offices had no manager.", [(6, "count", None, None)]),
    # ratios with hyphens
    ("We found that one-in-four plans lacked a review.", [(25, "percent", None, None)]),
    # ranges keep their start
    ("Delays ran from 3 to 9 months.", [(3, "months", None, None), (9, "months", None, None)]),
    ("Delays ran from three to nine months.", [(3, "months", None, None), (9, "months", None, None)]),
    # bare word fractions of a group, before a verb
    ("Half the girls had left school; a third had been in care.", [(50, "percent", None, None), (33.3, "percent", None, None)]),
    ("Most were known to services, and one-quarter were homeless.", [(25, "percent", None, None)]),
    ("A fifth had no address on release.", [(20, "percent", None, None)]),
    # ranges of word fractions
    ("Between a fifth and a quarter of staff were new.", [(20, "percent", None, None), (25, "percent", None, None)]),
    # a rate with its counted noun inside it, or a base outside the round numbers
    ("Roughly one tenant in six had rent arrears.", [(16.67, "percent", "about", None)]),
    ("One team leader post in three stood empty.", [(33.33, "percent", None, None)]),
    ("Barely one appeal in a thousand succeeded.", [(0.1, "percent", "only", None)]),
    ("About one in nine of the men had served in the forces.", [(11.11, "percent", "about", None)]),
    ("Nearly one person in every 250 was recalled.", [(0.4, "percent", "nearly", None)]),
    ("Just over three plans out of four were signed off.", [(75, "percent", "just over", None)]),
    ("One officer in 2021 left; one PDU in three regions grew.", [(3, "count", None, None)]),
    # a score written with a slash
    ("Overall score            19/28", [(19, "count", None, 28)]),
    # points of a change, places, events
    ("Attendance was up four points on the spring.", [(4, "count", None, None)]),
    ("The share was two points lower than before.", [(2, "count", None, None)]),
    ("That was a fall of six points on the spring.", [(6, "count", None, None)]),
    ("Of the nine units, not one was rated 'Outstanding'.", [(0, "count", None, 9)]),
    ("The study drew on three police areas.", [(3, "count", None, None)]),
    ("She was visited at home on four occasions.", [(4, "count", None, None)]),
    # a share changed from a word fraction; a tally with a plain verb
    ("The rate fell to 12 per cent, from a fifth in 2020.", [(12, "percent", None, None), (20, "percent", None, None)]),
    ("Of the ten teams, six came out as 'Good'.", [(6, "count", None, 10)]),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[t for t, _ in FIGURES])
def test_class_is_read(text: str, expected: list[tuple]) -> None:
    assert figs(text) == [pytest.approx(e) for e in expected]


NOT_FIGURES = [
    ("Contact was too rare in the cases we read.[4]", "footnote marker"),
    ("The guidance was issued in May 2019[2] and revised since.", "footnote marker"),
    ("Too few reviews were done on time.7 The next point is caseloads.", "footnote marker"),
    ("2 - Leadership and governance", "numbered heading"),
    ("The report was printed as HC 2210 last spring.", "paper number"),
    ("There are three points I would stress today.", "counts words, not things"),
    ("The two organisations shared one building.", "refers back"),
    ("We met one manager who agreed.", "one"),
    ("A third time the board asked for a plan.", "not a share"),
    ("There is zero tolerance of abuse in the hostel.", "emphasis"),
    ("Work was shared on a 50-50 basis.", "even split (50-50)"),
    ("Ratings: 2.1 Planning Good 2.2 Delivery Requires improvement", "section number"),
    ("The duty is in the Sentencing Act 2020 s.212 and beyond.", "label number"),
    # a paragraph number with a wide gap before the paragraph's first figure
    ("5.4  ", "number alone on a line"),
    ("HM Inspectorate of Probation                    June 2022\nFenland PDU                       12\n",
     "page number in a running head"),
]


@pytest.mark.parametrize(("text", "reason"), NOT_FIGURES, ids=[t for t, _ in NOT_FIGURES])
def test_class_is_not_a_figure(text: str, reason: str) -> None:
    found, rejected = scan(text)
    assert found == []
    assert reason in [r.reason for r in rejected]


def test_a_draft_freezes_into_the_same_fields() -> None:
    from dataclasses import fields

    from summariser.quantity import Draft, Quantity

    drafted = [f.name for f in fields(Draft)]
    assert [f.name for f in fields(Quantity)][: len(drafted)] == drafted
    d = Draft(3.0, "digits", 1, 2, unit="percent", qualifier="about", of=9.0, noun="cases", average=True)
    q = d.freeze()
    assert all(getattr(q, name) == getattr(d, name) for name in drafted)


def test_points_moved_over_a_period_are_a_figure() -> None:
    from summariser.figures import extract

    assert [f.text for f in extract("Six points in three years is a real gain for the unit.")][0] == "Six points"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a share after an age band is a share, not an age
        ("Among the young people, boys made up 80 per cent, 64% were aged 16 to 17 and 91 per cent were white.", "91 per cent"),
        # how many there are of a report's units, after "the" or "our"
        ("Replies came from across the nine regions of the service.", "nine regions"),
        ("Of our eight standards, three were rated Inadequate.", "eight standards"),
        ("Our three joint inspections this year looked at courts.", "three joint inspections"),
        # a tally in a list of ratings, and one told its rating
        ("Two services were Outstanding, 11 Good and four Requires improvement.", "four"),
        ("Five were told they Require improvement this year.", "Five"),
    ],
)
def test_counts_real_reports_state_in_passing(text: str, want: str) -> None:
    from summariser.figures import extract

    assert any(f.text.startswith(want) for f in extract(text)), [f.text for f in extract(text)]


def test_a_count_of_things_already_named_still_points_back() -> None:
    from summariser.figures import extract

    assert extract("Splitting the work between the two organisations was hard.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph number before "In" and a figure: no rate of 2.3 in 23
        ("2.3  In 17 of the 40 cases no check was made.", [(17, "count", None, 40)]),
        # a paragraph number before a capitalised number word
        ("3.1  Eight out of 25 officers were new.", [(8, "count", None, 25)]),
        ("4.4  Seven files in every ten held a plan.", [(70, "percent", None, None)]),
        # a paragraph number before a share, set off by a wide gap
        ("5.2  38% of the children were in school.", [(38, "percent", None, None)]),
    ],
)
def test_a_paragraph_number_is_never_part_of_its_first_figure(text: str, expected: list[tuple]) -> None:
    assert figs(text) == [pytest.approx(e) for e in expected]


def test_a_running_head_keeps_a_table_row_that_is_no_head() -> None:
    assert figs("Cases inspected                   52\n") == [(52, "count", None, None)]


def test_a_count_of_the_total_after_its_noun_is_a_share() -> None:
    from summariser import analyse
    from summariser.models import Document

    [f] = analyse(Document(ref="t", title="t", body="Checks were late in 14 cases of the 40 we read.")).figures
    assert (f.value, f.of, f.text) == (14, 40, "14 cases of the 40")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a count of rated services told a lower-case, past-tense rating
        ("Of 30 services, nine were told they required improvement.", [("30 services", 30.0), ("nine", 9.0)]),
        # a rate over a bare scale word
        ("Roughly three in every thousand people supervised were charged.", [("Roughly three in every thousand", 0.3)]),
        # "no longer" compares; it counts nothing
        ("The team is no longer 'Good' after this inspection.", []),
        # a running head: the unit's name alone on its line, then the page number
        ("Some words here.\n\nMarsh Lane Youth Justice Service                     14\n\nMore words.", []),
        # the subject of "had been ...", after a count of the same kind of thing
        ("Of the 40 children, nine had been cautioned before.", [("40 children", 40.0), ("nine", 9.0)]),
        ("We met staff. Two had been left out.", []),
    ],
)
def test_tallies_rates_comparisons_and_running_heads(body: str, expected: list) -> None:
    from summariser import analyse
    from summariser.models import Document

    figures = analyse(Document(ref="t", title="t", body=body)).figures
    assert [(f.text, f.value) for f in figures] == expected
    if "told" in body:
        assert figures[-1].metric == "services.rated_requires_improvement"
