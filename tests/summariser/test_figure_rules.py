"""Each figure rule on short sentences written for the purpose: what is a figure (value,
unit, qualifier, `of`) and what is not (dates, pages, ages, ordinals, course lengths ...)."""

from __future__ import annotations

import pytest

from summariser.figures import extract, scan


def figs(text: str) -> list[tuple]:
    return [(f.value, f.unit, f.qualifier, f.of) for f in extract(text)]


# (sentence, [(value, unit, qualifier, of), ...])
FIGURES = [
    # percentages: digits, words, spellings, glued forms, negatives
    ("Assessment was sufficient in 31% of cases.", [(31, "percent", None, None)]),
    ("Sixty per cent of staff said so.", [(60, "percent", None, None)]),
    ("Some 12 percent of reports were late.", [(12, "percent", "about", None)]),
    ("About 16per cent were recalled.", [(16, "percent", "about", None)]),
    ("It reached 80%of the target.", [(80, "percent", None, None)]),
    ("Staffing fell by -30% in a year.", [(-30, "percent", None, None)]),
    ("The change was = –36% overall.", [(-36, "percent", None, None)]),
    ("Only 4.5 per-cent were reviewed.", [(4.5, "percent", "only", None)]),
    # word fractions
    ("Two-thirds of plans were sufficient.", [(66.7, "percent", None, None)]),
    ("In three quarters of cases the plan was clear.", [(75, "percent", None, None)]),
    ("Nearly half of the cases had a home visit.", [(50, "percent", "nearly", None)]),
    ("A third of staff had left.", [(33.3, "percent", None, None)]),
    ("Almost one-fifth of victims were contacted.", [(20, "percent", "almost", None)]),
    ("Half the team are newly qualified.", [(50, "percent", None, None)]),
    ("More than two-thirds (68 per cent) agreed.", [(66.7, "percent", "more than", None), (68, "percent", None, None)]),
    # ratios
    ("Nearly three in ten had high workloads.", [(30, "percent", "nearly", None)]),
    ("One in five was seen late.", [(20, "percent", None, None)]),
    ("Seven-out-of-ten staff felt supported.", [(70, "percent", None, None)]),
    ("Roughly two in every five cases lacked a plan.", [(40, "percent", "about", None)]),
    ("Four out of every ten practitioners agreed.", [(40, "percent", None, None)]),
    # X out of Y, X of the Y, Of the Y ..., X
    ("Only 17 out of the 60 cases were sufficient.", [(17, "count", "only", 60)]),
    ("In 19 of the 52 cases the plan was sufficient.", [(19, "count", None, 52)]),
    ("Six out of the seven divisions required improvement.", [(6, "count", None, 7)]),
    ("Of the 84 recommendations made, 39 were implemented.", [(84, "count", None, None), (39, "count", None, 84)]),
    # ranges
    ("Absence ranged between 3.8% and 6.2% a month.", [(3.8, "percent", None, None), (6.2, "percent", None, None)]),
    ("Managers supervised 11 to 20 members of staff.", [(11, "count", None, None), (20, "count", None, None)]),
    ("Waits were between 8 and 16 weeks.", [(8, "weeks", None, None), (16, "weeks", None, None)]),
    # counts with their noun, averages, money, large numbers
    ("There were 615 probation officer vacancies.", [(615, "count", None, None)]),
    ("The service employs four private sector firms.", [(4, "count", None, None)]),
    ("Officers held an average of 215 cases.", [(215, "count", None, None)]),
    ("It supervises nearly 106,000 people.", [(106000, "count", "nearly", None)]),
    ("About 40m people could be affected.", [(40_000_000, "count", "about", None)]),
    ("Pay is up to £27 per hour.", [(27, "currency", "up to", None)]),
    ("The contract is worth £1.3 million a year.", [(1_300_000, "currency", None, None)]),
    ("Staff were given 1000 quid.", [(1000, "currency", None, None)]),
    ("Not one of the divisions was fully staffed.", [(0, "count", None, None)]),
    ("OVER 500 JOBS were lost.", [(500, "count", "over", None)]),
    ("Workloads reached 115% + in some teams.", [(115, "percent", "more than", None)]),
    # durations that measure performance
    ("Cases were allocated within one working day.", [(1, "days", None, None)]),
    ("People were seen within five working days of sentence.", [(5, "days", None, None)]),
    ("Hearings took up to six weeks.", [(6, "weeks", "up to", None)]),
    ("Staff put in more than five extra hours per week.", [(5, "hours", "more than", None)]),
    ("They spent two-and-a-half hours with clients.", [(2.5, "hours", None, None)]),
    ("Cases had been open for more than four years.", [(4, "years", "more than", None)]),
    # qualifiers
    ("It was sufficient in just over half of cases.", [(50, "percent", "just over", None)]),
    ("Fewer than half of the cases had a plan.", [(50, "percent", "fewer than", None)]),
    ("Less than two-thirds of plans were sufficient.", [(66.7, "percent", "less than", None)]),
    ("Approx. 123 staff left.", [(123, "count", "about", None)]),
    ("A little over half (54%) met the standard.", [(50, "percent", "just over", None), (54, "percent", None, None)]),
    ("Reviews were only sufficient in half of the cases.", [(50, "percent", "only", None)]),
    # rating tallies count as figures
    ("None was rated 'Outstanding', four services 'Good' and seven 'Inadequate'.",
     [(0, "count", None, None), (4, "count", None, None), (7, "count", None, None)]),
    ("One region was rated 'Good'.", [(1, "count", None, None)]),
    # a ratio's second term, a value after a label naming its unit, a qualified "a third"
    ("Groups kept to one supervisor to eight people.", [(8, "count", None, None)]),
    ("Unpaid work hours outstanding: just over 410,000", [(410000, "hours", "just over", None)]),
    ("Over a third have a special educational need.", [(33.3, "percent", "over", None)]),
    ("The rate fell from 9.2 per cent in 2019 to 7.8 per cent in 2024.",
     [(9.2, "percent", None, None), (7.8, "percent", None, None)]),
    ("Inspectors found people waited over six weeks for a programme.", [(6, "weeks", "over", None)]),
    ("We have 9 vacancies out of 22 PO posts.", [(9, "count", None, 22)]),
    ("Entrants fell by 38 per cent over three years.", [(38, "percent", None, None)]),
    ("Agency staff covered about two nights in every seven.", [(28.57, "percent", "about", None)]),
    # round 2: delays after a case event, shares of a group counted in the same sentence,
    # "of the last N", scores out of N, money per head, table cells with the row's unit
    ("Some waited more than four months after release for a programme.", [(4, "months", "more than", None)]),
    ("We read 120 files and interviewed 33 of them in depth.", [(120, "count", None, None), (33, "count", None, 120)]),
    ("Six of the last nine divisions visited were short of managers.", [(6, "count", None, 9)]),
    ("Readers gave the guide 4 out of 5 stars.", [(4, "count", None, 5)]),
    ("Supervision costs around £4,900 for each person a year.", [(4900, "currency", "about", None)]),
    ("We rated 12 of them 'Inadequate'.", [(12, "count", None, None)]),
    ("Average days lost (days per person)     10.4      9.8",
     [(10.4, "days", None, None), (9.8, "days", None, None)]),
    ("Posts vacant (%)          14        17", [(14, "percent", None, None), (17, "percent", None, None)]),
    ("Victims were contacted within the 20-working-day standard.", [(20, "days", None, None)]),
    ("Referrals were made at least 45 days before release.", [(45, "days", "at least", None)]),
    ("We followed 80 people. Only 31 of them had a job.", [(80, "count", None, None), (31, "count", "only", 80)]),
    # a numbered paragraph opening with a capital: the number is no part of a name, and
    # "Of" after it starts a sentence, not a share
    ("3.4  In 44 cases the review was late.", [(44, "count", None, None)]),
    ("3.4  Of the 44 cases we read, 19 were late.", [(44, "count", None, None), (19, "count", None, 44)]),
    ("From a sample of 60 cases, 21 were late.", [(60, "count", None, None), (21, "count", None, 60)]),
    # "not one" as the subject of its clause, after the group or before its total
    ("Of the 14 reviews, not one was late.", [(14, "count", None, None), (0, "count", None, 14)]),
    ("Not one of the 14 reviews we read was late.", [(0, "count", None, 14)]),
    # "close to" and "upwards of" qualify; a rate's noun may hold its own "of"
    ("Close to a third said so, and upwards of 900 people waited.", [(33.3, "percent", "nearly", None), (900, "count", "over", None)]),
    ("About one member of staff in nine wrote back.", [(11.11, "percent", "about", None)]),
]  # fmt: skip

NOT_FIGURES = [
    # dates, years, times
    "Tuesday 10 November 2015",
    "The report was published on 9 November 2017.",
    "It comes into force on November 14.",
    "Published: 01/03/2021 and updated 2021-03-04.",
    "Since the 2014 reforms, and again in 2021, the service changed.",
    "Figures cover 2019/20 and 2020-21.",
    "The meeting starts at 9.30am and ends at 14:15.",
    "Posted by Jim at 08:12",
    # ages
    "The man, aged 29, was recalled.",
    "Khan, 28, was released on licence.",
    "A 29-year-old was fitted with a tag.",
    "Services for 18 to 25 year olds are patchy.",
    "Services for people aged between 18 and 25 were patchy.",
    "Turning 18 in custody: a hard transition",
    "Once children reach 18 they move to adult services.",
    "By the age of 21 most had left care.",
    # ordinals and vague quantities
    "A fifth company acts as managing agent.",
    "A third option was to deliver fewer services.",
    "The third sector was well represented.",
    "Most staff and almost all managers agreed.",
    "A number of offices and hundreds of staff were affected.",
    "One or two managers raised concerns.",
    "It was the first of many such reports.",
    "(Pun half intended)",
    # labels: pages, sections, slides, tiers, programmes, versions
    "See page 14 and section 3.2 of the guidance.",
    "Slides 1 to 12 covered history; slide 14 the reforms.",
    "Tier 4 cases are reviewed under Standard 2.1.",
    "The TR2 programme and COVID-19 recovery plans were delayed.",
    "He was heard on Radio 4 this morning.",
    "Review the 2.4 version of the induction pack.",
    "2.1 Assessment",
    "  1. Seems even the inspectors agree.",
    "21 comments:",
    # contact details, files, links, codes
    "Licensed under the Open Government Licence v3.0.",
    "Write to The National Archives, Kew, London TW9 4DU.",
    "Read the report (PDF, 334 kB).",
    "Download the annex (1.05 MB).",
    "Call 0300 047 6325 or 020 3334 3555 for details.",
    "See https://www.example.gov.uk/reports/2024/pdu-17 for more.",
    "Email probation17@example.org today.",
    "The office is at 1 Bridge Street West.",
    "Calls to 111 have risen.",
    # lengths of courses, careers, sentences, periods
    "He attended a 12-week course and a five-day programme.",
    "The 12- to 25-week programme is accredited.",
    "She has worked in probation for 30 years.",
    "Applicants need 2 or more years' experience.",
    "It is a three-year contract.",
    "For the first six months of 2019 the target was missed.",
    "Over the last two years staffing has fallen.",
    "He joined the service five years ago.",
    "Some 40,000 under 12mth offenders were brought in.",
    "Year 1 of the contract was hard; the Q3 2024 figures show it.",
    "The inspection took place over two weeks in March.",
    "This report was written by a team of inspectors over six weeks.",
    "I've been a PO for 17 years and never seen it this bad.",
    # round 2: time references, tenure, the age of a scheme
    "Four years after our previous visit, little had changed.",
    "Eight years on, the service is still recovering.",
    "Six years on from the reforms the damage is plain.",
    "Two years after we first warned of this, nothing has been done.",
    "The manager had been in post for less than 10 months.",
    "Officers had been in post for an average of nine years.",
    "She has spent 14 years in the role.",
    "He served 19 years as a senior probation officer.",
    "The panel has operated for more than 15 years.",
    "The first 90 days of the contract were chaotic.",
    "We spent three days in each office.",
    # anaphoric counts: a group counted in another sentence, or not counted at all
    "Two of them are on leave and four of those who stayed are agency staff.",
    # names and labels with numbers
    "The laptops still run Windows 11 and the phones Android 14.",
    "Pupils at Key Stage 3 were included.",
    "Read paragraph 7(3)(a) and section 12(4) of the guidance.",
    "She works a 9-to-5 pattern.",
    "Children aged 12, 13 and 14 took part.",
    "Page 3 of 40.",
    "Introduction ..................... 7",
    "Members may share up to 10 or 20 articles a month.",
    "Budgets for FY2023/24 were cut and PSI 11/2014 still applies.",
    "In week 9 and on day 2 of the course, staff were trained near junction 7.",
    "Staff offered 1:1 sessions and a 24-hour line.",
    "One day, the manager said, it would change.",
    "The Ten-Year Plan and the Five Year Forward View were cited.",
    "Ring (0113) 496 0123 for details.",
    "The account number 123456789012345678 was quoted.",
    "The panel met every four weeks.",
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[t for t, _ in FIGURES])
def test_figures_are_found_with_value_unit_qualifier_and_of(text: str, expected: list) -> None:
    assert figs(text) == [tuple(x) for x in expected]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_numbers_that_are_not_figures_are_rejected(text: str) -> None:
    found = extract(text)
    if text.startswith("Some 40,000"):
        found = [f for f in found if f.value != 40000]  # the 40,000 is a figure; 12mth is not
    assert found == [], [f.text for f in found]


def test_counts_keep_their_noun_in_the_text() -> None:
    [f] = extract("At the time there were 615 probation officer vacancies across the NPS.")
    assert f.text == "615 probation officer vacancies"
    assert f.noun == "vacancies"


def test_text_spans_are_exact_offsets() -> None:
    text = "Planning was sufficient in only 37 per cent of cases."
    [f] = extract(text)
    assert text[f.start : f.end] == "only 37 per cent"


def test_hard_wrapped_lines_keep_the_counted_noun() -> None:
    [f] = extract("The sample was drawn from all five\nPDUs, in line with the method.")
    assert (f.value, f.noun) == (5, "PDUs")


def test_rejections_say_why() -> None:
    _found, rejected = scan("Published on 3 June 2024; see page 9.")
    reasons = {r.text.split()[0]: r.reason for r in rejected}
    assert reasons["3"] == "date"
    assert reasons["2024"] == "date"
    assert reasons["9"] == "label number"


def test_long_text_is_read_in_windows_without_losing_or_repeating_figures() -> None:
    chunk = "Filler words about nothing in particular. " * 40
    text = chunk + "Only 28 per cent were sufficient. " + chunk + "In 19 of the 52 cases it was. "
    values = [f.value for f in extract(text * 3)]
    assert values == [28, 19, 28, 19, 28, 19]


def test_a_count_of_a_group_counted_in_the_sentence_before_is_a_part_of_it() -> None:
    # the hand labels count "Eleven of them" after "24 children." as 11 of 24
    found = extract("There are 9 officers in the team. Three of them are new.")
    assert [(f.text, f.of) for f in found] == [("9 officers", None), ("Three of them", 9.0)]


def test_one_of_them_after_a_copula_is_membership_not_a_count() -> None:
    found = extract("Nine of the twelve units were rated 'Inadequate'. Exbridge is one of them.")
    assert all(f.text != "one of them" for f in found)


def test_a_group_counted_two_long_sentences_back_is_still_in_the_window() -> None:
    padding = "the work went on through the autumn with visits, reviews and meetings across the area"
    text = (f"Inspectors followed 120 people on licence, and {padding}, {padding}. "
            f"By the end, and after {padding}, only 46 of them had a plan that was reviewed.")
    assert text.index("46") - text.index("120") > 300  # further back than a number's own context
    found = extract(text)
    assert [(f.value, f.of) for f in found] == [(120, None), (46, 120)]


def test_a_group_counted_in_a_later_paragraph_hides_no_figure_before_it() -> None:
    # the window read for "one in nine of them" reaches back past the paragraph break;
    # the figures of the paragraph before are read all the same
    body = (
        "The report looks at how probation works with people in later life: how their health "
        "is taken into account, whether the places they report to suit them, and whether their "
        "officers know where to turn when memory or mobility starts to fail. "
        "Older people on probation are a growing part of the caseload, yet services for them have "
        "grown up piecemeal, inspectors say in a report published this morning. Inspectors went "
        "to six areas and read 143 case files about older people.\n\n"
        "How many are there? Across England and Wales, 231,000 people were supervised at the "
        "year end; older people were about one in nine of them."
    )
    texts = [f.text for f in extract(body)]
    assert "six areas" in texts and "143 case files" in texts and "about one in nine" in texts
