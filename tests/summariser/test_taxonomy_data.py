"""The taxonomy and its vocabulary are data (summariser/data/*.toml): each file is
validated by its schema, and the mistakes that made measures drift are refused."""

from __future__ import annotations

import pytest

from summariser.concepts import CONCEPTS, load_concepts
from summariser.facets import qualifiers
from summariser.measures import MEASURES, load_measures, measure


def test_the_shipped_files_load_and_agree() -> None:
    assert len(MEASURES) >= 80
    for m in MEASURES.values():
        for req in (*m.requires, *m.boosts):
            for c in req.split("|"):
                assert c in CONCEPTS, (m.key, c)


def test_a_phrase_filed_under_two_concepts_is_refused() -> None:
    text = '[phrases]\nALPHA = ["case note"]\nBETA = ["case notes"]\n'
    with pytest.raises(ValueError, match="filed under ALPHA and BETA"):
        load_concepts(text)


def test_a_phrase_that_names_two_ideas_is_declared_once_in_shared() -> None:
    ok = load_concepts('[phrases]\nALPHA = ["memo"]\nBETA = []\n[shared]\n"case note" = ["ALPHA", "BETA"]\n')
    phrases = ok.all_phrases()
    assert "case note" in phrases["ALPHA"] and "case note" in phrases["BETA"]
    with pytest.raises(ValueError, match="filed under"):
        load_concepts('[phrases]\nALPHA = ["case note"]\n[shared]\n"case notes" = ["ALPHA"]\n')


def test_a_shared_phrase_must_name_known_concepts() -> None:
    with pytest.raises(ValueError, match="unknown concepts"):
        load_concepts('[phrases]\nALPHA = ["memo"]\n[shared]\n"note" = ["GAMMA"]\n')


@pytest.mark.parametrize(
    "entry, error",
    [
        ('key = "Bad Key"\nlabel = "A label"\nunit = "percent"\npolarity = "neutral"\ndescription = "d"', "key"),
        ('key = "ok"\nlabel = "A label"\nunit = "furlongs"\npolarity = "neutral"\ndescription = "d"', "unit"),
        ('key = "ok"\nlabel = "A label"\nunit = "percent"\npolarity = "up"\ndescription = "d"', "polarity"),
        ('key = "ok"\nlabel = "A label"\nunit = "percent"\npolarity = "neutral"\ndescription = "d"\nrequires = ["NO_SUCH"]', "unknown concepts"),
        ('key = "ok"\nlabel = "A label"\nunit = "percent"\npolarity = "neutral"\ndescription = "d"\ncolour = "red"', "colour"),
    ],
)
def test_a_bad_measure_is_refused_with_its_field(entry: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        load_measures(f"[[measure]]\n{entry}\n")


def test_a_measure_listed_twice_is_refused() -> None:
    one = 'key = "ok"\nlabel = "A label"\nunit = "percent"\npolarity = "neutral"\ndescription = "d"\n'
    with pytest.raises(ValueError, match="listed twice"):
        load_measures(f"[[measure]]\n{one}[[measure]]\n{one}")


def test_facet_qualified_keys_are_measures_of_their_own() -> None:
    adult = measure("assessment_quality")
    youth = measure("youth.assessment_quality")
    assert adult and youth and youth.key != adult.key and youth.label.lower().startswith("children")
    assert youth.polarity == adult.polarity
    grade = measure("vacancy_rate@po")
    assert grade is not None and "probation officers" in grade.label
    assert measure("youth.no_such_measure") is None


def test_qualifier_tables_name_real_measures() -> None:
    for q in qualifiers():
        for key in q.measures:
            assert key in MEASURES, (q.name, key)
        assert set(q.labels) == {v for v, _ in q.values}
