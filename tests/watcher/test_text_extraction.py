"""Text extraction rules stated one by one (the golden files pin whole outputs): chrome is
never text, comments stay apart, dates are found or left undated, PDFs lose their running
heads, and local files of each kind load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import feedparser
import pytest

from tests.fakes.pdf import make_pdf
from tests.watcher.helpers import rss
from watcher.errors import ParseError, UserError
from watcher.extract import document_from_feed_entry, load_path
from watcher.extract.chrome import clean_lines, drop_licence_notice
from watcher.extract.dates import find_published, parse_date
from watcher.extract.html import extract_html
from watcher.extract.htmltext import block_text, inline_text, parse_html
from watcher.extract.pdf import Line, extract_pdf, strip_running_heads
from watcher.extract.plaintext import split_text

DATA = Path(__file__).resolve().parent.parent / "data" / "watcher"

# What must never reach the text of each page: navigation, banners, sidebars, archives,
# share buttons, footers, licence boilerplate, comment forms, sponsors (and their numbers).
CHROME = {
    "inspectorate_report.html": [
        "cookies", "Skip to main content", "Our inspections", "Home\n", "Latest reports",
        "17 inspections", "Crown copyright", "M3 3FX", "Open Government Licence", "v3.0",
        "TW9 4DU", "Back to top", "Share this page", "Facebook", "Published:", "Data annexe",
    ],
    "legacy_press_release.html": [
        "Search", "Inspections", "Archives", "(9)", "Petty France", "SW1H", "Read the report",
        "Easy read", "Notes to editors", "020 3334", "Published: 01 March 2021",
    ],
    "blogger_post.html": [
        "Next Blog", "Sign In", "from 2009", "Posted by", "08:12", "Email This", "Share to X",
        "Labels", "comments:", "Reply", "Delete", "Post a Comment", "Newer Post", "Older Post",
        "Post Comments (Atom)", "Blog Archive", "(214)", "(365)", "25 years", "Powered by",
        "7 out of 10",
    ],
    "wordpress_post.html": [
        "Keep up-to-date", "The latest research", "Search", "Share This Post", "LinkedIn",
        "Related posts", "4 of 6", "sponsored by", "20 probation services", "thoughts on",
        "Leave a Reply", "Your email address", "Subscribe", "4,500", "2011", "lost 3 officers",
    ],
    "generic_news.html": [
        "Subscribe for", "Sign in", "Sport", "14°C", "142 partners", "I agree", "Most read",
        "3 weeks", "5 per cent", "Registered in England", "01234567",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", list(CHROME))
def test_site_chrome_never_becomes_text(name: str) -> None:
    page = extract_html((DATA / name).read_bytes())
    for phrase in CHROME[name]:
        assert phrase not in page.body, f"{phrase!r} leaked into the body of {name}"
    assert page.body


@pytest.mark.parametrize(
    ("name", "profile", "comments"),
    [
        ("inspectorate_report.html", "inspectorate", 0),
        ("legacy_press_release.html", "inspectorate", 0),
        ("blogger_post.html", "blogger", 3),
        ("wordpress_post.html", "wordpress", 2),
        ("generic_news.html", "generic", 0),
    ],
)
def test_profile_chosen_and_comments_kept_apart(name: str, profile: str, comments: int) -> None:
    page = extract_html((DATA / name).read_bytes())
    assert page.profile == profile
    assert len([c for c in page.comments.split("\n\n") if c.strip()]) == comments
    for comment in filter(None, page.comments.split("\n\n")):
        assert comment not in page.body
        assert "Reply" not in comment and "Delete" not in comment and "says:" not in comment


def test_report_pdf_links_found_and_ranked() -> None:
    legacy = extract_html((DATA / "legacy_press_release.html").read_bytes())
    assert legacy.pdfs == (
        "https://www.justiceinspectorates.gov.uk/hmiprobation/wp-content/uploads/sites/5/2021/03/Southvale-CRC-inspection-report.pdf",
    )
    report = extract_html((DATA / "inspectorate_report.html").read_bytes())
    assert report.pdfs == ()  # the data annexe is not the report
    assert dict(report.related)["data annexe"].endswith("Northshire-PDU-data-annexe.pdf")
    assert dict(report.related)["press release"].endswith(
        "/news/probation-in-northshire-must-improve-say-inspectors/"
    )
    wp = extract_html((DATA / "wordpress_post.html").read_bytes())
    assert wp.pdfs == ()  # a blogger's one-page summary is not the report
    other_site = extract_html(
        "<html><body><main><p>Text of a page that is long enough.</p>"
        '<a href="https://elsewhere.example/report.pdf">Read the report (PDF, 2 MB)</a></main></body></html>',
        "https://www.russellwebster.com/post/",
    )
    assert other_site.pdfs == ()  # only the page's own site


def test_dates_from_metadata_header_or_text_and_undated_otherwise() -> None:
    assert extract_html((DATA / "generic_news.html").read_bytes()).published == date(2026, 10, 14)
    assert extract_html((DATA / "blogger_post.html").read_bytes()).published == date(2026, 10, 15)
    assert extract_html((DATA / "wordpress_post.html").read_bytes()).published == date(2026, 10, 15)
    undated = extract_html(
        "<html><body><article><h1>T</h1><p>No date anywhere in this text, only 35 per cent.</p></article></body></html>"
    )
    assert undated.published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday 10 November 2015", date(2015, 11, 10)),
        ("Published: 14 October 2026", date(2026, 10, 14)),
        ("Published: 01 March 2021", date(2021, 3, 1)),
        ("14th October, 2026", date(2026, 10, 14)),
        ("October 14, 2026", date(2026, 10, 14)),
        ("2026-10-14T09:30:00+00:00", date(2026, 10, 14)),
        ("01/03/2021", date(2021, 3, 1)),
        ("31 February 2026", None),
        ("today (03 December)", None),  # no year: not guessed
        ("section 3.2 of 2026 guidance", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_find_published_in_lines() -> None:
    assert find_published(["Tuesday 10 November 2015", "", "Title"]) == (date(2015, 11, 10), 0)
    lines = ["Title", "Standfirst."] + ["x"] * 5 + ["Today's (9 November 2017) report says"]
    assert find_published(lines) == (date(2017, 11, 9), 7)
    assert find_published(["Title", "Body with 35 per cent."]) == (None, None)
    assert find_published(["Title", "", "By Ann Reeve, policy officer – 3 March 2021"]) == (date(2021, 3, 3), 2)
    assert find_published(["By and large, most plans - but not all - were late"]) == (None, None)


def test_plain_text_comments_split_at_count_header_or_blogger_actions() -> None:
    counted = split_text(
        "Sunday 4 October 2026\n\nTitle\n\nBody 40%.\n\n2 comments:\n\nFirst 10%.\nReplyDelete\nSecond.\n"
    )
    assert counted.body.endswith("Body 40%.") and counted.comments.startswith("2 comments:")
    assert "ReplyDelete" not in counted.comments and "First 10%." in counted.comments
    glued = split_text(
        "Title\n\nBody text here.\nA comment's first line\nReplyDeleteSecond comment 5 cases.\nDelete"
    )
    assert glued.body == "Title\n\nBody text here."
    assert glued.comments.split("\n") == ["A comment's first line", "Second comment 5 cases."]
    assert split_text("Title\n\nNo comments in this one.").comments == ""


def test_plain_text_site_chrome_and_titles() -> None:
    parts = split_text((DATA / "wordpress_saved.txt").read_text())
    assert parts.title == "Westshire probation rated Good"
    assert "Keep up-to-date" not in parts.body and "Share This Post" not in parts.body
    assert "Related posts" not in parts.body and "sponsored" not in parts.body
    assert "19 vacancies" not in parts.body  # a related post's figure
    long = split_text("Here is a first paragraph that is a sentence long enough to be one. " * 4)
    assert long.title == "Here is a first paragraph that is a sentence long enough to be one."
    lines = drop_licence_notice(
        [
            "All content is available under the Open Government Licence v3.0.",
            "Write to Kew, London TW9 4DU.",
            "Title",
        ]
    )
    assert lines == ["Title"]
    assert clean_lines(["Foreword (Back to top)", "Text"]) == ["Foreword", "Text"]


def test_html_text_structure() -> None:
    soup = parse_html(
        "<div><h2>Heading</h2><p>One <b>two</b>\nthree.</p><ul><li>a</li><li>b</li></ul>"
        "<table><tr><td>x</td><td>1</td></tr></table><script>var n = 99;</script>"
        "<p hidden>secret 77</p><p style='display:none'>gone 88</p></div>"
    )
    assert block_text(soup) == "Heading\n\nOne two three.\n\n• a\n• b\n\nx | 1"
    deep = "<div>" * 5000 + "deep text" + "</div>" * 5000
    assert "deep text" in block_text(parse_html(deep)) or block_text(parse_html(deep)) == ""
    assert inline_text("<b>A</b> &amp; <script>x()</script>B") == "A & B"
    assert inline_text("Fish &amp; chips") == "Fish & chips"


def test_feed_entry_as_document() -> None:
    parsed = feedparser.parse(
        rss(
            [
                {
                    "title": "A <i>post</i>",
                    "link": "https://x.org/a",
                    "guid": "urn:a",
                    "pubDate": "Fri, 02 Oct 2026 08:00:00 GMT",
                    "content": "<p>Body with 12 cases.</p><div class='sharedaddy'>Share this: Twitter</div><p>Related posts</p><p>Other 99</p>",
                }
            ]
        )
    )
    doc = document_from_feed_entry(parsed.entries[0], ref_prefix="saved.xml")
    assert (doc.title, doc.ref, doc.url, doc.published) == (
        "A post",
        "https://x.org/a",
        "https://x.org/a",
        date(2026, 10, 2),
    )
    assert doc.body == "Body with 12 cases."
    bare = feedparser.parse(rss([{"guid": "urn:b", "description": "Only text."}])).entries[0]
    assert document_from_feed_entry(bare, ref_prefix="saved.xml").ref == "saved.xml#urn:b"


# ---------------------------------------------------------------- PDFs


def test_pdf_running_heads_page_numbers_and_paragraphs() -> None:
    pages = [
        [
            "# Section A",
            "First paragraph line one continues",
            "on the next line.",
            "",
            "New paragraph with 41 cases and",
        ],
        ["more text about 23 vacancies.", "", "Another 12 per cent here."],
        ["Final page text, 7 out of 10."],
    ]
    data = make_pdf(
        pages,
        title="Microsoft Word - draft.docx",
        header="Thematic report 2026",
        footer="Page {page} of {pages}",
    )
    pdf = extract_pdf(data)
    assert pdf.pages == 3 and pdf.title == "Section A"  # the metadata title is a file name
    assert "Thematic report" not in pdf.body and "Page " not in pdf.body
    assert pdf.body.split("\n\n") == [
        "Section A",
        "First paragraph line one continues on the next line.",
        "New paragraph with 41 cases and more text about 23 vacancies.",  # across the page break
        "Another 12 per cent here.",
        "Final page text, 7 out of 10.",
    ]


def test_strip_running_heads_keeps_body_numbers() -> None:
    def page(n: int, body: list[str]) -> list[Line]:
        lines = [Line("HM Inspectorate of Probation 2026", 800, 9)]
        lines += [Line(t, 700 - 15 * i, 11) for i, t in enumerate(body)]
        return lines + [Line(str(n + 3), 30, 9)]

    pages = [
        page(0, ["Alpha 35 per cent", "Table 4"]),
        page(1, ["Beta 12", "Table 9"]),
        page(2, ["Gamma", "Table 2"]),
    ]
    out = strip_running_heads(pages)
    assert [[ln.text for ln in p] for p in out] == [
        ["Alpha 35 per cent", "Table 4"],
        ["Beta 12", "Table 9"],
        ["Gamma", "Table 2"],
    ]  # "Table N" sits where a footer would, but its number does not follow the page's


def test_bad_pdfs_are_parse_errors() -> None:
    with pytest.raises(ParseError, match="not a PDF"):
        extract_pdf(b"<html>not a pdf</html>")
    with pytest.raises(ParseError, match="not a readable PDF"):
        extract_pdf(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    with pytest.raises(ParseError, match="no text layer"):
        extract_pdf(make_pdf([[], []], footer=None))


# ---------------------------------------------------------------- local files


def test_load_path_reads_each_kind(tmp_path: Path) -> None:
    html = load_path(DATA / "blogger_post.html")
    assert (html.ref, html.kind, html.title) == (
        str(DATA / "blogger_post.html"),
        "post",
        "Northshire Under Strain",
    )
    assert html.url == "https://probationmatters.blogspot.com/2026/10/northshire-under-strain.html"
    assert "7 out of 10" in html.comments and "7 out of 10" not in html.body
    pdf = load_path(DATA / "report.pdf")
    assert (pdf.kind, pdf.published, pdf.title) == (
        "pdf",
        date(2026, 9, 9),
        "An inspection of probation services in Eastmoor PDU",
    )
    txt = load_path(DATA / "inspectorate_saved.txt")
    assert txt.kind == "text" and txt.published == date(2026, 9, 9)
    (tmp_path / "Page.HTM").write_text(
        "<html><body><p>Upper-case suffix works too, 5 cases.</p></body></html>"
    )
    assert "5 cases" in load_path(tmp_path / "Page.HTM").body


def test_load_path_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_path(tmp_path / "missing.txt")
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(UserError, match=r"x\.docx: unsupported file type '\.docx'"):
        load_path(tmp_path / "x.docx")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(UserError, match=r"broken\.pdf: not a readable PDF"):
        load_path(tmp_path / "broken.pdf")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(UserError, match=r"empty\.html: no readable text"):
        load_path(tmp_path / "empty.html")
