"""`inspectwatch replay`: past documents through exactly the pipeline the service runs.

Inputs are files (.txt, .html, .pdf), folders of them, or saved feeds (.xml, .rss, .atom),
optionally with a manifest giving url, title and date per file. They run in publication
order (undated last), each compared with everything before it. `--dry-run` works on a
scratch copy of state (the seed baseline only) and sends nothing.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import logging
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from state import Store
from summariser.models import Digest, Document
from watcher.context import Context
from watcher.entries import FetchedEntry, content_hash
from watcher.errors import UserError
from watcher.extract import load_path
from watcher.pipeline import Pipeline

log = logging.getLogger(__name__)

DOC_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".pdf"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
REPLAY_SOURCE = "replay"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    url: str | None = None
    title: str | None = None
    published: date | None = None


# ---------------------------------------------------------------- inputs


def collect(paths: list[str]) -> list[Path]:
    """Files named, and the documents and feeds inside folders named, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in DOC_SUFFIXES | FEED_SUFFIXES
                )
            )
        elif p.exists():
            out.append(p)
        else:
            raise UserError(f"{p}: no such file or folder")
    return out


def read_manifest(path: str) -> dict[str, ManifestEntry]:
    """JSON ({"file": {...}} or [{"file": ...}, ...]) or CSV with a header (file,url,title,published)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{p}: cannot read manifest: {exc.strerror or exc}") from None
    rows: list[dict[str, Any]]
    if p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(raw.splitlines()))
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UserError(f"{p}: manifest is not valid JSON: {exc}") from None
        rows = [{"file": k, **v} for k, v in data.items()] if isinstance(data, dict) else list(data)
    out: dict[str, ManifestEntry] = {}
    for i, row in enumerate(rows):
        key = row.get("file") or row.get("path")
        if not key:
            raise UserError(f"{p}: entry {i} has no 'file'")
        published = row.get("published") or None
        try:
            day = date.fromisoformat(str(published)[:10]) if published else None
        except ValueError:
            raise UserError(
                f"{p}: entry {i} ({key}): published is not YYYY-MM-DD: {published!r}"
            ) from None
        out[str(key)] = ManifestEntry(
            url=row.get("url") or None, title=row.get("title") or None, published=day
        )
    return out


def _manifest_for(path: Path, manifest: dict[str, ManifestEntry]) -> ManifestEntry | None:
    return manifest.get(str(path)) or manifest.get(path.name)


def load_feed_file(path: Path) -> list[Document]:
    """A saved RSS/Atom feed: each entry's own content is one document (entity-expansion
    defused as for live feeds)."""
    import feedparser

    from watcher.extract.feedentry import document_from_feed_entry
    from watcher.sources.prescan import defuse, safe_charrefs

    body, _problems = defuse(path.read_bytes())
    body, _bad = safe_charrefs(body)  # "&#xD800;" would crash feedparser
    parsed = feedparser.parse(body)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        raise UserError(f"{path}: not a readable feed: {reason}", exit_code=1)
    return [
        document_from_feed_entry(e, ref_prefix=str(path), index=i)
        for i, e in enumerate(parsed.entries)
    ]


def load_inputs(
    paths: list[str], manifest: dict[str, ManifestEntry] | None = None
) -> tuple[list[Document], list[str]]:
    """Every document to replay, in publication order (undated last), and the errors met."""
    manifest = manifest or {}
    docs: list[Document] = []
    errors: list[str] = []
    for path in collect(paths):
        try:
            if path.suffix.lower() in FEED_SUFFIXES:
                docs.extend(load_feed_file(path))
                continue
            doc = load_path(path)
        except UserError as exc:
            errors.append(str(exc))
            continue
        except Exception as exc:  # a malformed file is reported, the others still run
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        m = _manifest_for(path, manifest)
        if m is not None:
            doc = dataclasses.replace(
                doc,
                url=m.url or doc.url,
                title=m.title or doc.title,
                published=m.published or doc.published,
            )
        docs.append(doc)
    docs.sort(key=lambda d: (d.published is None, d.published or date.min, d.ref))
    return docs, errors


# ---------------------------------------------------------------- running


@contextmanager
def scratch_store() -> Iterator[Store]:
    """A throwaway SQLite state with the migrations and the seed baseline, for --dry-run."""
    from state.baseline import ensure_baseline

    with tempfile.TemporaryDirectory(prefix="inspectwatch-replay-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'replay.db'}")
        store.upgrade()
        with store.transaction() as session:
            ensure_baseline(session)
        try:
            yield store
        finally:
            store.dispose()


def replay_documents(
    store: Store,
    docs: list[Document],
    *,
    deliver: bool,
    max_figures: int = 6,
    progress: bool = False,
) -> Iterator[Digest]:
    """Run each document through the pipeline, yielding its digest in order."""
    pipeline = Pipeline(store, max_figures=max_figures)
    bar = _progress(len(docs)) if progress else None
    for doc in docs:
        entry = FetchedEntry(
            entry_key=doc.url or doc.ref,
            entry_hash="",
            document=doc,
            content_hash=content_hash(doc.title, doc.body),
            deliver=deliver,
        )
        result = pipeline.process(
            REPLAY_SOURCE, entry, source_kind="local", deliver=deliver, skip_known_content=True
        )
        if bar is not None:
            bar.update(1)
        if result.digest is not None:
            yield result.digest
    if bar is not None:
        bar.close()


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False)


def replay_command(args: argparse.Namespace) -> int:
    manifest = read_manifest(args.manifest) if args.manifest else None
    docs, errors = load_inputs(args.paths, manifest)
    if args.since:
        docs = [d for d in docs if d.published and d.published >= args.since]
    for e in errors:
        print(f"inspectwatch: {e}", file=sys.stderr)
    progress = not args.no_progress and sys.stderr.isatty()
    out = sys.stdout
    ctx = Context(args.config)
    if args.dry_run:
        # A dry run needs no config; when there is one, its digest settings apply.
        max_figures = ctx.config.delivery.max_figures if ctx.config_path.exists() else 6
        with scratch_store() as store:
            for digest in replay_documents(
                store, docs, deliver=False, max_figures=max_figures, progress=progress
            ):
                _emit(out, digest, args.format)
    else:
        from state.lock import InstanceLock, InstanceLocked
        from watcher.delivering import Destinations

        store = ctx.store()
        lock = InstanceLock(store)
        if not lock.acquire(wait=False):
            raise InstanceLocked(
                f"another inspectwatch holds {store.display_url}; stop it to replay into it"
            )
        try:
            dest = Destinations.open(
                ctx.config, store, ctx.environ
            )  # chats first: outbox rows need them
            max_figures = ctx.config.delivery.max_figures
            for digest in replay_documents(
                store, docs, deliver=True, max_figures=max_figures, progress=progress
            ):
                _emit(out, digest, args.format)
            out.flush()
            dest.drain_now()
        finally:
            lock.release()
            store.dispose()
    if not docs and errors:
        return 1
    return 1 if errors else 0


def _emit(out, digest: Digest, fmt: str) -> None:
    if fmt == "jsonl":
        out.write(json.dumps(digest.to_json(), ensure_ascii=False, sort_keys=False) + "\n")
    else:
        out.write(digest.message.rstrip() + "\n\n")
    out.flush()
