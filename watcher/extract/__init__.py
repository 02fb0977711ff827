"""Text extraction: local files and fetched bodies into summariser Documents.

`load_path(path)` is the one entry point for local files (`extract`, `replay`, the
baseline build and the evaluation script all use it).
"""

from __future__ import annotations

from pathlib import Path

from summariser.models import Document
from watcher.errors import UserError
from watcher.extract.plaintext import split_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def load_path(path: Path | str) -> Document:
    """Read one local file (.txt, .html, .pdf) into a Document whose ref is the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if suffix in TEXT_SUFFIXES or suffix == "":
        parts = split_text(raw.decode("utf-8", errors="replace"))
        return Document(
            ref=str(path),
            title=parts.title or path.stem,
            body=parts.body,
            comments=parts.comments,
            published=parts.published,
            kind="text",
        )
    raise UserError(f"{path}: unsupported file type {suffix!r} (use .txt, .html or .pdf)")
