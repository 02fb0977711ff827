"""`inspectwatch sources`: each source's poll state; OPML import and export."""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from state import entry_failures as failures_repo
from state import sources as sources_repo
from watcher.config import parse
from watcher.context import Context
from watcher.durations import format_duration, parse_duration
from watcher.errors import UserError
from watcher.sources.base import check_http_url


def sources_command(args: argparse.Namespace) -> int:
    if args.sources_command == "import":
        return import_opml(args)
    if args.sources_command == "export":
        return export_opml(args)
    return show(args)


def status_rows(ctx: Context) -> list[dict]:
    """One row per configured source, with what state knows of its polls."""
    store = ctx.existing_store()
    try:
        with store.transaction() as session:
            known = {s.name: s for s in sources_repo.all_sources(session)}
            entries: dict[str, list] = {}
            for f in failures_repo.failing_entries(session):
                entries.setdefault(f.source, []).append(f)
            rows = []
            for s in ctx.config.sources:
                row = known.get(s.name)
                failing = entries.get(s.name, [])
                rows.append(
                    {
                        "name": s.name,
                        "kind": s.kind,
                        "url": s.url,
                        "interval": format_duration(s.interval),
                        "enabled": s.enabled,
                        "status": _status(row, len(failing)),
                        "last_poll": _iso(row.last_polled_at if row else None),
                        "last_success": _iso(row.last_success_at if row else None),
                        "failures": row.consecutive_failures if row else 0,
                        "last_error": row.last_error if row else None,
                        "next_due": _iso(row.next_due_at if row else None),
                        "failing_entries": [
                            {
                                "url": f.url,
                                "attempts": f.attempts,
                                "last_error": f.last_error,
                                "next_try": _iso(f.next_try_at),
                            }
                            for f in failing
                        ],
                    }
                )
            return rows
    finally:
        store.dispose()


def _status(row, failing_entries: int = 0) -> str:
    """"ok" only when the listing reads and no entry of it keeps failing."""
    if row is None or row.last_polled_at is None:
        return "never polled"
    if row.consecutive_failures:
        return f"failing ({row.consecutive_failures} in a row)"
    if failing_entries:
        return f"{failing_entries} entr{'y' if failing_entries == 1 else 'ies'} failing"
    return "ok, with warnings" if (row.last_error or "").startswith("warning:") else "ok"


def _iso(t: datetime | None) -> str | None:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ") if t else None


def show(args: argparse.Namespace) -> int:
    rows = status_rows(Context(args.config))
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    cols = ["name", "kind", "status", "last_poll", "failures", "next_due", "last_error"]
    table = [[("-" if r[c] is None else str(r[c])) for c in cols] for r in rows]
    widths = [min(50, max([len(c)] + [len(t[i]) for t in table])) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    for t in table:
        print("  ".join(v[:w].ljust(w) for v, w in zip(t, widths, strict=True)).rstrip())
    for r in rows:
        for f in r["failing_entries"]:
            print(
                f"{r['name']}: {f['url']}: {f['last_error']} "
                f"(attempt {f['attempts']}; next try {f['next_try']})"
            )
    return 0


# ---------------------------------------------------------------- OPML


def read_opml(path: Path) -> list[tuple[str, str]]:
    """(title, xmlUrl) of every feed outline, nested folders included."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except ET.ParseError as exc:
        raise UserError(f"{path}: not valid OPML/XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise UserError(f"{path}: not an OPML file (root element is <{root.tag}>)")
    out = []
    for node in root.iter("outline"):
        url = node.get("xmlUrl") or node.get("xmlurl")
        if url:
            out.append(((node.get("title") or node.get("text") or "").strip(), url.strip()))
    return out


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._").lower()
    return s[:60] or "feed"


def import_opml(args: argparse.Namespace) -> int:
    ctx = Context(args.config)
    config = ctx.config  # the existing file must be valid before we add to it
    interval = format_duration(parse_duration(args.interval))
    names = {s.name for s in config.sources}
    urls = {s.url for s in config.sources}
    new = []
    for title, url in read_opml(Path(args.file)):
        if url in urls:
            continue
        try:
            check_http_url(url)
        except ValueError as exc:
            print(f"skipped {title or url}: {exc}", file=sys.stderr)
            continue
        base = _slug(title or url.split("//")[-1])
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.add(name)
        urls.add(url)
        new.append({"name": name, "kind": "feed", "url": url, "interval": interval})
    if not new:
        print("nothing to import: every feed is already configured")
        return 0
    current = ctx.config_path.read_text(encoding="utf-8")
    import tomllib

    parse(tomllib.loads(current) | {"sources": [*tomllib.loads(current).get("sources", []), *new]})
    addition = tomli_w.dumps({"sources": new})
    ctx.config_path.write_text(
        current.rstrip("\n") + "\n\n# imported from " + Path(args.file).name + "\n" + addition,
        encoding="utf-8",
    )
    for s in new:
        print(f"added {s['name']}: {s['url']}")
    return 0


def export_opml(args: argparse.Namespace) -> int:
    config = Context(args.config).config
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "inspectwatch sources"
    body = ET.SubElement(root, "body")
    for s in config.sources:
        if s.kind == "feed":
            ET.SubElement(body, "outline", type="rss", text=s.name, title=s.name, xmlUrl=s.url)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
    if args.output:
        Path(args.output).write_text(xml, encoding="utf-8")
    else:
        sys.stdout.write(xml)
    return 0
