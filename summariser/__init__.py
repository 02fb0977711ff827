"""Pure text-to-digest logic: figures, measures, comparison, digest. No I/O, no clock.

    analyse(document) -> Analysis
    build_digest(document, analysis, history, rating_history=(), *, max_figures=6) -> Digest
"""

from summariser.analyse import analyse
from summariser.digest import build_digest

__all__ = ["analyse", "build_digest"]
