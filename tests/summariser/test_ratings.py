"""The overall rating however it is worded; domains; tallies and past ratings kept apart.

Sentences are written for these tests (invented bodies), one per class of wording.
"""

from __future__ import annotations

import pytest

from summariser.ratings import find_ratings


def overall(*sentences: str) -> str | None:
    return next((r.value for r in find_ratings(list(sentences)) if r.subject == "overall"), None)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # "overall" with an adjective between it and "rating"
        ("Riverside youth service received an overall local rating of 'Good'.", "Good"),
        ("The team earned an overall 'Outstanding' rating from inspectors.", "Outstanding"),
        ("The overall rating for the Northmoor region was 'Inadequate'.", "Inadequate"),
        # other names for the one mark, and a judgement stated as a clause
        ("We visited in spring. The overall grade: Outstanding.", "Outstanding"),
        ("Our overall verdict on the service is 'Good'.", "Good"),
        ("No longer 'Good': the overall judgement is that the team requires improvement.", "Requires improvement"),
        ("We have therefore rated the unit as 'Requires improvement' overall.", "Requires improvement"),
        # lower case, unquoted, but plainly a verdict on the body
        ("Having weighed the evidence, inspectors rated it good.", "Good"),
        ("The division was assessed as good - the second highest rating.", "Good"),
        # the rating named by its place on the scale only
        ("Fenmoor YJS has been given the lowest possible performance rating.", "Inadequate"),
        # a body rated, with no domain named
        ("Ashdown PDU has been rated as 'Requires improvement' after a visit in May.", "Requires improvement"),
        ("It is the second CRC this year to be rated as 'Inadequate', the lowest grade.", "Inadequate"),
        ("Gaps in two standards resulted in a rating of 'Requires improvement'.", "Requires improvement"),
        ("Greyford Youth Justice Service was judged to be 'Good' overall.", "Good"),
        ("Overall, we judged the work of the Tarn YOT to be 'Outstanding'.", "Outstanding"),
        ("This is the second successive 'Inadequate' rating for the unit.", "Inadequate"),
        ("Coldbrook youth offending team is rated 'Good', the second-highest grade.", "Good"),
        ("It is the only PDU in the county to be rated 'Outstanding'.", "Outstanding"),
        ("Overall rating      Requires improvement", "Requires improvement"),
        ("OVERALL RATING: INADEQUATE", "Inadequate"),
        # an appositive count ("one of nine units") is not a tally
        ("Marsh PDU, one of nine units in the county, was given an overall rating of 'Good'.", "Good"),
        # the place on the scale and the value named together
        ("Dale YJS was awarded the highest rating, 'Outstanding', this spring.", "Outstanding"),
        # a ratings block: the body, a dash, "Overall", the value
        ("Kirkby PDU – Overall: Inadequate", "Inadequate"),
        # the verb form, unquoted
        ("Inspectors have judged offender management in the Fenland region to require improvement.", "Requires improvement"),
        ("We judged the service to be inadequate.", "Inadequate"),
        # "grade" for "rating"; the place on the scale with words before the value
        ("The 'Outstanding' grade given to Moorside PDU was its first.", "Outstanding"),
        ("Hartley PDU was handed the lowest grade open to the inspectorate, 'Inadequate'.", "Inadequate"),
        # judged or told, with no domain named
        ("The Fenwick region, which covers six counties, has been judged to 'require improvement'.", "Requires improvement"),
        ("Inspectors told Oakvale YOS this week that it requires improvement.", "Requires improvement"),
        # "overall" after a lower-case word, with or without the body named between
        ("After a strong visit the Wyvern youth team was rated good overall.", "Good"),
        ("On our return we rated the Heath unit as requires improvement overall.", "Requires improvement"),
        # a colon after "as"
        ("Overall, Kestrel CRC is rated as: Inadequate", "Inadequate"),
        # the place on a scale whose size is named
        ("Ferncombe PDU was handed the lowest of the four grades open to inspectors.", "Inadequate"),
        ("The Lynmouth team earned the highest of our 4 ratings.", "Outstanding"),
        # "a 'Good' <noun> overall"
        ("The Wolds division is a 'Good' service overall, we concluded.", "Good"),
        # the verdict as a clause after "judged that", past the sample read
        ("Having read 120 of its cases, we judged that the unit requires improvement overall.", "Requires improvement"),
        ("The overall rating inspectors have awarded the division is 'Outstanding'.", "Outstanding"),
        # told so, with the grade quoted in lower case; a verdict, in lower case too
        ("The Wessex youth team has been told it 'requires improvement'.", "Requires improvement"),
        ("Marsh Lane PDU: our verdict is 'inadequate'", "Inadequate"),
        ("The verdict: requires improvement.", "Requires improvement"),
    ],
)
def test_overall_rating_however_worded(sentence: str, value: str) -> None:
    assert overall(sentence) == value


@pytest.mark.parametrize(
    "sentences",
    [
        # tallies across services
        ("Seven of the ten CRCs we inspected received the lowest possible rating.",),
        ("Eight out of ten trusts received the lowest rating - 'Inadequate' - for delivery.",),
        ("Four services were rated 'Good' overall and two 'Inadequate'.",),
        ("Across the year, 12 PDUs were rated 'Requires improvement'.",),
        ("Only one youth service has been rated 'Outstanding' since April.",),
        ("Of 80 reviews, 41 per cent were rated as 'Good'.",),
        ("PDUs were rated 'Inadequate' across the north.",),
        ("The first PDU to be rated 'Good' under the new scheme was in Devon.",),
        # several bodies, rated differently: no one rating for the page
        (
            "Northgate PDU has been rated as 'Inadequate', the lowest rating.",
            "Inspections of Eastbank PDU and Westfield PDU, both rated as 'Good', found strong leaders.",
        ),
        ("Nineteen of the 25 teams were rated 'Good' or better.",),
        ("Of the 16 units inspected, nine were found to require improvement and seven were Good.",),
        ("Among the teams rated 'Good' was the Moorland team, we noted.",),
        ("Units rated 'Inadequate': three in ten",),
        ("The proportion of reviews rated 'Good' fell again this year.",),
        # past ratings and siblings named in passing
        ("We returned to Brook PDU two years after the inspection that led to a rating of 'Inadequate'.",),
        ("At the last inspection the unit was rated 'Good'.",),
        ("Pennine PDU was previously rated 'Inadequate' in 2021.",),
        ("Four years ago the unit sat in our bottom rating band.",),
        ("The other two are Elm PDU (rated 'Inadequate') and Oak PDU (rated 'Good').",),
        # zero tallies; a standard described by its rating
        ("Of the 11 units we visited, not one was graded 'Outstanding'.",),
        ("No unit in the sample was rated 'Good' this year.",),
        ("Planning was the standard most often rated 'Inadequate'.",),
        # a part of the work, in lower case, rated on its own
        ("Work was steady, and its victim contact was judged 'Outstanding'.",),
        ("Assessment was strong; reviewing was rated 'Requires improvement'.",),
        # a verdict in plain words
        ("Our verdict was good news for the team.",),
        # a pay grade is no rating
        ("Staff on the lowest grade said managers were 'Good' listeners.",),
        # prose and the scale
        ("The service required improvement in its work with victims.",),
        ("Bodies are rated Outstanding, Good, Requires improvement or Inadequate.",),
    ],
)
def test_no_rating_where_none_is_stated(sentences: tuple[str, ...]) -> None:
    assert overall(*sentences) is None


def test_overall_stated_wins_over_history_and_domains() -> None:
    ratings = find_ratings(
        [
            "Brookside PDU has received an overall rating of 'Good'.",
            "When it was last inspected in 2019 the PDU was rated 'Inadequate'.",
            "Leadership was rated 'Outstanding'.",
            "Work with victims was separately rated as 'Outstanding'.",
        ]
    )
    assert [(r.subject, r.value) for r in ratings] == [
        ("overall", "Good"),
        ("leadership", "Outstanding"),
    ]


def test_a_domain_named_like_a_noun_is_still_a_domain() -> None:
    ratings = find_ratings(["The unit's overall rating was 'Inadequate'.", "Services was rated 'Good'."])
    assert [(r.subject, r.value) for r in ratings] == [("overall", "Inadequate"), ("services", "Good")]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("Inspectors visited in May.\n\nHaving weighed the evidence, we rated it good.", "Good"),
        ("Marshfield YJS has received the lowest possible performance rating.", "Inadequate"),
        ("The unit was assessed as outstanding - the highest rating.", "Outstanding"),
        ("Fenmoor PDU has been judged as requiring improvement.", "Requires improvement"),
        # a question about the grade, answered by the grade alone
        ("Fenmoor PDU was inspected in May. And the grade it was given? 'Good'.", "Good"),
    ],
)
def test_sentences_without_a_capitalised_rating_word_reach_the_reader(body: str, value: str) -> None:
    from summariser import analyse
    from summariser.models import Document

    assert analyse(Document(ref="t", title="t", body=body)).rating == value


def test_a_rating_from_the_last_visit_gives_way_to_this_ones() -> None:
    assert overall("We last inspected the Fell unit in early 2021 and rated it Inadequate.",
                   "Now we have rated it Requires improvement.") == "Requires improvement"


def test_one_of_several_services_rated_is_a_tally_not_the_documents_rating() -> None:
    assert overall("Two services were Good.", "One, which we saw twice, was rated Inadequate.") is None


def test_a_national_report_has_no_overall_rating_of_its_own() -> None:
    from summariser import analyse
    from summariser.models import Document

    body = "Across England and Wales, four areas improved. Fenmoor, rated 'Inadequate' overall in May, did not."
    assert analyse(Document(ref="t", title="Probation in 2024: the annual report", body=body)).rating is None
