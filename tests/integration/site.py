"""A small imitation of the inspectorate's site for end-to-end tests: a WordPress RSS feed
and report pages of the HTML era (OGL block, "Published:", "(Back to top)" headings).

The wording is ours, written for these tests; the shapes follow SOURCES.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    published: date
    rating: str
    risk_percent: int  # "assessment of risk of harm sufficient in N per cent of cases"
    vacancies: int

    def html(self) -> str:
        day = self.published.strftime("%d %B %Y")
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(self.title)} - HM Inspectorate of Probation</title>
<meta property="article:published_time" content="{self.published.isoformat()}T09:00:00+00:00"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/our-reports/">Reports</a> <a href="/news/">News</a></nav>
<div class="cookie-banner">We use 3 cookies to make this site work. Accept all 3?</div></header>
<main>
<div class="licence"><p>All content is available under the Open Government Licence v3.0, except where
otherwise stated. To view this licence write to the Information Policy Team, The National Archives,
Kew, London TW9 4DU.</p></div>
<h1>{escape(self.title)}</h1>
<p>Published: {day}</p>
<h2>Foreword (Back to top)</h2>
<p>We inspected this probation delivery unit in the spring. Having weighed the evidence, we have
given the PDU an overall rating of '{self.rating}'.</p>
<h2>Overall findings (Back to top)</h2>
<p>Assessment of the risk of harm posed by people on probation was sufficient in {self.risk_percent}
per cent of the cases we inspected. The unit carried {self.vacancies} probation officer vacancies
at the time of our fieldwork.</p>
<h2>Recommendations (Back to top)</h2>
<p>We have made five recommendations. See the data annexe (PDF, 334 kB) and the press release.</p>
</main>
<footer><p>Contact us on 0300 047 0000. Page 1 of 1. Crown copyright 2026.</p></footer>
</body></html>"""


def rss(base: str, reports: list[Report]) -> str:
    items = "\n".join(
        f"""<item><title>{escape(r.title)}</title><link>{base}/document/{r.slug}</link>
<guid isPermaLink="false">{base}/?p={1000 + i}</guid>
<pubDate>{format_datetime(datetime(r.published.year, r.published.month, r.published.day, 9, tzinfo=UTC))}</pubDate>
<description>{escape(r.title)}: our latest inspection.</description></item>"""
        for i, r in enumerate(reports)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>HM Inspectorate of Probation</title><link>{base}/</link>
<description>Reports and news</description>
{items}
</channel></rss>"""
