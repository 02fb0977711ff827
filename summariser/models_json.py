"""Digests and figures read back from their JSON (the outbox, the bot's history, tests):
the inverse of `to_json()` in models.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from summariser.models import Change, Digest, Figure, Quote, Rating, RatingChange, Revision


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def figure_from_json(d: dict[str, Any]) -> Figure:
    return Figure(
        value=float(d["value"]),
        unit=d["unit"],
        text=d.get("text", ""),
        sentence=d.get("sentence", ""),
        metric=d.get("metric") or "",
        label=d.get("label") or "",
        qualifier=d.get("qualifier"),
        of=d.get("of"),
        scope=d.get("scope"),
        in_comments=bool(d.get("in_comments", False)),
        same_fact_as=d.get("same_fact_as"),
        quotes=Quote(d["quotes"].get("published"), d["quotes"].get("text", "")) if d.get("quotes") else None,
        population=d.get("population", "adult"),
        level=d.get("level", "national"),
        body=d.get("body"),
        stat=d.get("stat", "level"),
        polarity=d.get("polarity"),
        measured=bool(d.get("metric")),
        confidence=float(d.get("confidence") or 0.0),
    )


def digest_from_json(d: dict[str, Any]) -> Digest:
    """Inverse of Digest.to_json, so digests stored as JSON render exactly as built."""
    changes = tuple(
        Change(
            metric=c["metric"],
            label=c["label"],
            value=c["value"],
            unit=c["unit"],
            previous_value=c["previous"]["value"],
            previous_published=_date(c["previous"].get("published")),
            previous_document=c["previous"].get("document", ""),
            delta=c["delta"],
            delta_unit=c.get("delta_unit", "points"),
            direction=c["direction"],
            assessment=c["assessment"],
            scope=c.get("scope"),
            previous_scope=c["previous"].get("scope"),
            previous_text=c["previous"].get("text", ""),
            previous_title=c["previous"].get("title", ""),
            text=c.get("text", ""),
            previous_metric=c["previous"].get("metric", ""),
            previous_stated_value=c["previous"].get("stated_value"),
        )
        for c in d.get("changes", [])
    )
    rating_changes = tuple(
        RatingChange(
            subject=c["subject"],
            scope=c.get("scope"),
            value=c["value"],
            previous_value=c["previous"]["value"],
            previous_published=_date(c["previous"].get("published")),
            previous_document=c["previous"].get("document", ""),
            direction=c["direction"],
            assessment=c["assessment"],
        )
        for c in d.get("rating_changes", [])
    )
    return Digest(
        document=d["document"],
        title=d.get("title", ""),
        url=d.get("url"),
        published=_date(d.get("published")),
        source=d.get("source", ""),
        summary=d.get("summary", ""),
        rating=d.get("rating"),
        ratings=tuple(
            Rating(
                value=r["value"],
                subject=r.get("subject", "overall"),
                scope=r.get("scope"),
                text=r.get("text", ""),
            )
            for r in d.get("ratings", [])
        ),
        figures=tuple(figure_from_json(f) for f in d.get("figures", [])),
        changes=changes,
        rating_changes=rating_changes,
        first_reported=tuple(d.get("first_reported", [])),
        message=d.get("message", ""),
        updated=bool(d.get("updated", False)),
        tags=tuple(d.get("tags", [])),
        topics=tuple(d.get("topics", [])),
        scope=d.get("scope"),
        revisions=tuple(
            Revision(r["metric"], r["label"], r["unit"], r.get("scope"), r["before"]["value"],
                     r["before"].get("text", ""), r["after"]["value"], r["after"].get("text", ""))
            for r in d.get("revisions", [])
        ),
    )
