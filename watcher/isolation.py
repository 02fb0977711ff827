"""Page and PDF extraction in a small pool of worker processes, each document on a budget.

Strangers write the pages and PDFs we read: a 700 KB PDF can inflate to gigabytes, or
make PDFium abort the whole process, and a huge flat page can take minutes. So the text is
extracted in worker processes (started from a fork server, so starting one is cheap and
safe beside the service's threads), each with an address-space limit (RLIMIT_AS), a CPU
time limit per document (RLIMIT_CPU: SIGXCPU ends the worker) and a page budget per PDF.
A worker that dies, overruns or runs out of memory is replaced; the document is reported
as too expensive, once, with its URL (a document refused before is refused at once, by
its digest, without spending the budget again). The service never holds a lock across
one document: each worker has its own PDFium.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
import resource
import signal
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from watcher.errors import ParseError, TooExpensive
from watcher.extract.page import PageText
from watcher.extract.pdf import PdfText

log = logging.getLogger(__name__)
_REMEMBERED = 256  # digests of refused documents kept
_MODULES = ["watcher.extract.html", "watcher.extract.pdf"]


@dataclass(frozen=True, slots=True)
class Budget:
    """What one document may cost."""

    memory_mb: int = 1024  # address space of a worker
    cpu_seconds: float = 60.0
    max_pages: int = 1000

    @property
    def wall_seconds(self) -> float:
        """How long the pool waits for an answer: CPU time can queue behind other work."""
        return 2 * self.cpu_seconds + 10


# ------------------------------------------------------------------ in the worker


def _limit_memory(megabytes: int) -> None:
    size = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _limit_cpu(seconds: float) -> None:
    """SIGXCPU (which ends the process) once this document has used `seconds` more."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(_cpu_used() + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _pdf(data: bytes, max_pages: int, read_pages: int | None = None, deadline: float | None = None) -> PdfText:
    """Refuse a PDF over the page budget; read the first `read_pages` of one within it
    (the rest is reported as cut, by the caller), stopping at the monotonic `deadline`."""
    import pypdfium2 as pdfium

    from watcher.extract.pdf import extract_pdf

    if data.lstrip()[:5].startswith(b"%PDF"):
        try:
            pages = len(pdfium.PdfDocument(data))
        except pdfium.PdfiumError as exc:
            raise ParseError(f"not a readable PDF: {exc}") from None
        if pages > max_pages:
            raise TooExpensive(f"{pages} pages, more than the budget of {max_pages}")
    return extract_pdf(data, read_pages or max_pages, deadline) if read_pages or deadline else extract_pdf(data)


def _html(data: bytes, url: str | None, encoding: str | None) -> PageText:
    from watcher.extract.html import extract_html

    return extract_html(data, url, encoding=encoding)


def _serve(conn: Connection, budget: Budget) -> None:
    """The worker's loop: one document at a time, answered with ("ok", result, peak KB),
    ("parse" | "expensive" | "error", message, peak KB)."""
    import watcher.extract.html  # noqa: F401  (imported before the memory limit)
    import watcher.extract.pdf  # noqa: F401

    _limit_memory(budget.memory_mb)
    while True:
        try:
            kind, args = conn.recv()
        except (EOFError, OSError):
            return
        _limit_cpu(budget.cpu_seconds)
        try:
            if kind == "pdf":
                answer: tuple[str, Any] = ("ok", _pdf(args[0], budget.max_pages, *args[1:]))
            else:
                answer = ("ok", _html(*args))
        except MemoryError:
            answer = ("expensive", f"needs more memory than the budget of {budget.memory_mb} MB")
        except TooExpensive as exc:
            answer = ("expensive", str(exc))
        except ParseError as exc:
            answer = ("parse", str(exc))
        except Exception as exc:  # a library failing on odd input: this document only
            answer = ("error", f"{type(exc).__name__}: {exc}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            conn.send((*answer, peak))
        except MemoryError:
            return  # too big to answer: the pool sees the worker gone


# ------------------------------------------------------------------ in the service


class _Worker:
    def __init__(self, context: Any, budget: Budget) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, budget), name="extract", daemon=True
        )
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def died(self, budget: Budget) -> str:
        self.process.join(5)
        code = self.process.exitcode
        if code == -signal.SIGXCPU:
            return f"it used more than its {budget.cpu_seconds:g}s of CPU time (worker replaced)"
        if code is not None and code < 0:
            return (
                f"the worker was ended by {signal.Signals(-code).name}, most likely past its "
                f"{budget.memory_mb} MB of memory (worker replaced)"
            )
        return f"the worker exited ({code}) while reading it (worker replaced)"

    def peak_kb(self) -> int:
        """The worker's resident high-water mark (Linux), 0 when unknown."""
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0


class ExtractionPool:
    """`workers` processes, started on first use; `pdf()` and `html()` block the calling
    thread (a poll thread) until a worker is free and has answered."""

    def __init__(self, workers: int = 2, budget: Budget | None = None) -> None:
        self.budget = budget or Budget()
        self.size = max(1, workers)
        self.peak_kb = 0  # the highest resident size seen of any worker
        self._context = _context()
        self._free: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(self.size):
            self._free.put(None)  # a slot; the worker starts when first needed
        self._refused: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Any) -> ExtractionPool:
        return cls(
            settings.extract_workers,
            Budget(
                memory_mb=settings.extract_memory_mb,
                cpu_seconds=settings.extract_cpu.total_seconds(),
                max_pages=settings.extract_max_pages,
            ),
        )

    def pdf(self, data: bytes, url: str, *, max_pages: int | None = None, deadline: float | None = None) -> PdfText:
        """`max_pages`: read at most that many (the rest cut, flagged `truncated`);
        `deadline`: a time.monotonic() value (the clock is the machine's, shared by workers)."""
        return self._run("pdf", (data, max_pages, deadline), data, url)

    def html(self, data: bytes, url: str, encoding: str | None = None) -> PageText:
        return self._run("html", (data, url, encoding), data, url)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for w in workers:
            w.stop()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- one document

    def _run(self, kind: str, args: tuple, data: bytes, url: str) -> Any:
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            known = self._refused.get(digest)
        if known is not None:
            raise TooExpensive(known)
        worker = self._free.get()
        try:
            if worker is None:
                worker = self._start()
            status, value, peak = self._ask(worker, kind, args)
        except _Lost as lost:
            self._retire(worker)
            return self._refuse(digest, url, str(lost))
        except BaseException:
            self._retire(worker)
            raise
        if status == "ok":
            self._free.put(worker)
        else:  # after a MemoryError or an odd failure, start afresh
            self._retire(worker)
        self._saw(peak)
        if status == "ok":
            return value
        if status == "expensive":
            return self._refuse(digest, url, value)
        raise ParseError(value)

    def _ask(self, worker: _Worker, kind: str, args: tuple) -> tuple[str, Any, int]:
        """Send one document and wait for the answer, watching the worker's memory."""
        ends = time.monotonic() + self.budget.wall_seconds
        try:
            worker.conn.send((kind, args))
            while not worker.conn.poll(0.1):
                self._saw(worker.peak_kb())
                if time.monotonic() > ends:
                    raise _Lost(f"no answer within {self.budget.wall_seconds:g}s (worker replaced)")
            self._saw(worker.peak_kb())
            return worker.conn.recv()
        except (EOFError, OSError):
            raise _Lost(worker.died(self.budget)) from None

    def _saw(self, peak_kb: int) -> None:
        self.peak_kb = max(self.peak_kb, peak_kb)

    def _refuse(self, digest: str, url: str, why: str) -> Any:
        message = f"too expensive to read: {why}"
        with self._lock:
            self._refused[digest] = message
            while len(self._refused) > _REMEMBERED:
                self._refused.popitem(last=False)
        log.warning("%s: %s", url, message)
        raise TooExpensive(message)

    def _start(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ParseError("extraction is shutting down")
            worker = _Worker(self._context, self.budget)
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker | None) -> None:
        """End `worker` and free its slot for a new one (started when next needed)."""
        if worker is not None:
            with self._lock:
                self._workers.discard(worker)
            worker.stop()
        self._free.put(None)


class _Lost(Exception):
    """The worker died or did not answer in time."""


_CONTEXT: list[Any] = []


def _context() -> Any:
    """The fork server (one per process, started on first use, extraction modules loaded
    once): a worker forked from it starts in milliseconds and never inherits the service's
    threads. Spawn where there is no fork server."""
    if not _CONTEXT:
        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_MODULES)
        except ValueError:
            context = multiprocessing.get_context("spawn")
        _CONTEXT.append(context)
    return _CONTEXT[0]
