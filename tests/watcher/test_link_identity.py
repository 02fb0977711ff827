"""Link normalisation: one identity per publication, whatever decorations it arrives with."""

from __future__ import annotations

import pytest

from watcher.links import looks_like_pdf, normalise_link, same_site, site_of

CASES = [
    # (input, expected)
    (
        "HTTPS://HMIProbation.JusticeInspectorates.gov.uk/document/a-b/",
        "https://hmiprobation.justiceinspectorates.gov.uk/document/a-b/",
    ),
    ("https://example.org/Path/Case#section-2", "https://example.org/Path/Case"),
    (
        "https://example.org/post/?utm_source=rss&utm_medium=feed&id=7",
        "https://example.org/post/?id=7",
    ),
    (
        "https://probationmatters.blogspot.com/2015/11/omni.html?m=1",
        "https://probationmatters.blogspot.com/2015/11/omni.html",
    ),
    (
        "https://probationmatters.blogspot.com/2015/11/omni.html?m=0#comments",
        "https://probationmatters.blogspot.com/2015/11/omni.html",
    ),
    (
        "https://probationmatters.blogspot.com/2015/11/omni.html?showComment=1447150000000#c123",
        "https://probationmatters.blogspot.com/2015/11/omni.html",
    ),
    ("https://example.org/?p=1234&utm_campaign=x", "https://example.org/?p=1234"),
    ("https://example.org/list?m=2", "https://example.org/list?m=2"),  # not Blogger's switch
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://127.0.0.1:8080/feed/", "http://127.0.0.1:8080/feed/"),
    ("https://example.org", "https://example.org/"),
    ("  https://example.org/a?b=1&fbclid=XYZ  ", "https://example.org/a?b=1"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise_link(raw: str, expected: str) -> None:
    assert normalise_link(raw) == expected


def test_relative_links_resolve_against_base() -> None:
    base = "https://www.justiceinspectorates.gov.uk/hmiprobation/media/press-releases/2021/03/x/"
    assert normalise_link("../../../../inspections/report.pdf#page=2", base) == (
        "https://www.justiceinspectorates.gov.uk/hmiprobation/media/inspections/report.pdf"
    )


def test_same_links_in_different_dress_are_one_identity() -> None:
    forms = [
        "https://probationmatters.blogspot.com/2017/11/what-inspector-found.html",
        "https://ProbationMatters.blogspot.com/2017/11/what-inspector-found.html?m=1",
        "https://probationmatters.blogspot.com/2017/11/what-inspector-found.html?showComment=1#c1",
        "https://probationmatters.blogspot.com/2017/11/what-inspector-found.html?utm_source=feedburner",
    ]
    assert len({normalise_link(f) for f in forms}) == 1


def test_sites() -> None:
    assert site_of("hmiprobation.justiceinspectorates.gov.uk") == "justiceinspectorates.gov.uk"
    assert site_of("www.russellwebster.com") == "russellwebster.com"
    assert same_site(
        "https://www.justiceinspectorates.gov.uk/hmiprobation/wp-content/uploads/r.pdf",
        "https://hmiprobation.justiceinspectorates.gov.uk/document/x/",
    )
    assert not same_site("https://a.blogspot.com/x", "https://b.blogspot.com/y")
    assert not same_site("https://evil.example/r.pdf", "https://www.russellwebster.com/p/")
    assert looks_like_pdf("https://x.org/Report%202026.PDF?download=1")
    assert not looks_like_pdf("https://x.org/pdf-reports/")
