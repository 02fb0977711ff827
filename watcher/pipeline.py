"""One entry through the whole pipeline: analyse, compare with everything earlier, digest,
and store document, figures, digest and outbox rows in one transaction.

The live poller, `poll --once` and `replay` all call `Pipeline.process`, so what the bot
says in service is exactly what a replay says.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

import summariser
from bots.render.digest import plain_message
from state import Store
from state import digests as digests_repo
from state import documents as documents_repo
from state import history as history_repo
from state import sources as sources_repo
from state.documents import DocumentRecord
from summariser.compare import metrics_to_compare
from summariser.models import Analysis, Digest, Document, PriorFigure, PriorRating
from summariser.policy import history_metric
from summariser.scope import comparable_scopes
from summariser.scope import normalise as normalise_scope
from watcher.entries import FetchedEntry, Outcome, Sink
from watcher.sources.base import SourceOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Processed:
    outcome: Outcome
    digest: Digest | None
    digest_id: int | None = None
    deliveries: int = 0
    figures: int = 0  # extracted from the document (the digest shows at most max_figures)


def priors(rows: list[history_repo.FigureRow]) -> list[PriorFigure]:
    return [
        PriorFigure(
            metric=r.metric,
            value=r.value,
            unit=r.unit,
            published=r.published,
            document=r.ref,
            title=r.title,
            url=r.url,
            scope=r.scope,
            of=r.of,
            qualifier=r.qualifier,
            text=r.text,
        )
        for r in rows
    ]


def prior_ratings(rows: list[history_repo.RatingRow]) -> list[PriorRating]:
    return [
        PriorRating(
            value=r.value,
            scope=r.scope,
            published=r.published,
            document=r.ref,
            subject=r.subject,
            title=r.title,
        )
        for r in rows
    ]


def figure_rows(analysis: Analysis) -> list[dict]:
    return [
        {
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "of": f.of,
            "text": f.text,
            "sentence": f.sentence,
            "metric": history_metric(f),
            "label": f.label,
            "scope": f.scope,
            "in_comments": f.in_comments,
        }
        for f in analysis.figures
    ]


def rating_rows(analysis: Analysis) -> list[dict]:
    return [
        {"subject": r.subject, "scope": r.scope, "value": r.value, "text": r.text}
        for r in analysis.ratings
    ]


class Pipeline:
    """Holds what every entry needs (the store, digest settings); no other state."""

    def __init__(self, store: Store, *, max_figures: int = 6) -> None:
        self.store = store
        self.max_figures = max_figures

    def digest_for(
        self, session: Session, document: Document, analysis: Analysis, left_out: list[int],
        previous_version: list[PriorFigure] | None = None,
    ) -> Digest:
        """Compare with every earlier document in state (but `left_out`, the copies of this
        one) and build the digest."""
        # Each measure and its twin stated the other way ("not sufficient" = 100 - "sufficient").
        metrics = metrics_to_compare({f.metric for f in analysis.findings})
        # Only what a comparison can pick (the latest earlier value per measure, body and
        # unit; never the document itself), so the cost does not grow with state.
        history = history_repo.latest_figures(
            session,
            metrics,
            comparable_scopes(f.scope for f in analysis.findings),
            before=document.published,
            exclude_ids=left_out,
        )
        # A rating is compared only with the same body's earlier rating (compare_ratings).
        rated = {normalise_scope(r.scope) for r in analysis.ratings if r.scope}
        ratings = (
            history_repo.rating_history(
                session,
                before=document.published,
                exclude_ids=left_out,
                latest_only=True,
                scopes=rated,
            )
            if rated
            else []
        )
        digest = summariser.build_digest(
            document,
            analysis,
            priors(history),
            prior_ratings(ratings),
            max_figures=self.max_figures,
            previous_version=previous_version or (),
        )
        # The plain words a subscriber reads, from the one renderer every channel uses.
        return dataclasses.replace(digest, message=plain_message(digest, max_figures=self.max_figures))

    def process(
        self,
        source_name: str,
        entry: FetchedEntry,
        *,
        source_kind: str = "feed",
        source_url: str = "",
        tags: tuple[str, ...] = (),
        deliver: bool = True,
        skip_known_content: bool = False,
        now: datetime | None = None,
    ) -> Processed:
        """Store one entry and queue its digest.

        An entry already stored with the same content is "unchanged" (its comments are
        refreshed, no digest). With `skip_known_content` (replay), a document whose content
        state already holds under any source gets its digest but is not stored twice.
        Analysis runs between two short transactions, so a slow document never holds the
        database's write lock.
        """
        document = dataclasses.replace(
            entry.document,
            source=entry.document.source or source_name,
            tags=entry.document.tags or tags,
        )
        with self.store.transaction() as session:
            src = sources_repo.get(session, source_name) or sources_repo.ensure(
                session, source_name, source_kind, source_url, now=now
            )
            existing = documents_repo.find(session, src.id, entry.entry_key)
            if existing is not None and existing.content_hash == entry.content_hash:
                existing.comments, existing.entry_hash = (
                    document.comments,
                    entry.entry_hash or existing.entry_hash,
                )
                return Processed("unchanged", None)
            copies = documents_repo.same_content_or_ref(session, entry.content_hash, document.ref)
            left_out = [i for i, _same in copies]
            known_elsewhere = (
                existing is None and skip_known_content and any(same for _i, same in copies)
            )
            source_id = src.id
            # an update says what it changed: the figures of the version stored before it
            before = priors(history_repo.document_figures(session, existing.id)) if existing else []
        analysis = summariser.analyse(document)
        if existing is not None:
            document = dataclasses.replace(document, updated=True)
        with self.store.transaction() as session:
            digest = self.digest_for(session, document, analysis, left_out, before)
            if known_elsewhere:
                return Processed("unchanged", digest)
            row, status = documents_repo.save(
                session,
                source_id,
                self._record(entry, document, analysis),
                figure_rows(analysis),
                rating_rows(analysis),
                now=now,
            )
            if status == "unchanged":  # another worker stored the same content meanwhile
                return Processed("unchanged", None)
            digest_row, outbox = digests_repo.create(
                session,
                row.id,
                digest.to_json(),
                source=source_name,
                title=digest.title,
                published=digest.published,
                message=digest.message,
                updated=digest.updated,
                tags=document.tags,
                topics=digest.topics,
                deliver=deliver and entry.deliver,
                now=now,
            )
            log.info(
                "%s document: %d figures, %d changes, %d deliveries queued",
                status,
                len(analysis.figures),
                len(digest.changes),
                len(outbox),
                extra={"source": source_name, "document": document.ref},
            )
            return Processed(status, digest, digest_row.id, len(outbox), len(analysis.figures))

    @staticmethod
    def _record(entry: FetchedEntry, document: Document, analysis: Analysis) -> DocumentRecord:
        return DocumentRecord(
            entry_key=entry.entry_key,
            ref=document.ref,
            title=document.title,
            body=document.body,
            content_hash=entry.content_hash,
            url=document.url,
            published=document.published,
            kind=document.kind,
            comments=document.comments,
            rating=analysis.rating,
            scope=analysis.scope,
            entry_hash=entry.entry_hash,
        )


def make_sink(pipeline: Pipeline) -> Sink:
    """The poller's view of the pipeline: one entry of one configured source in, outcome out."""

    def sink(source: SourceOptions, entry: FetchedEntry) -> Outcome:
        return pipeline.process(
            source.name, entry, source_kind=source.kind, source_url=source.url, tags=source.tags
        ).outcome

    return sink
