"""Long work on the app's thread, done a slice at a time with a screen refresh between slices.

Filling the tree with a filter's 50,000 lines or opening a whole plan takes seconds of Python
that must run on the app's thread (widgets are not thread-safe). Each such job is a generator
that yields often; ``Chunks`` runs it for ``seconds`` at a time, then lets the screen draw and
keys be handled (``call_after_refresh``) before the next slice, so no frame waits for the job.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator
from time import perf_counter

from textual.widget import Widget

Job = Generator[None, None, None]


class Chunks:
    """A queue of jobs run in order, ``seconds`` of work per screen refresh."""

    def __init__(self, widget: Widget, seconds: float) -> None:
        self._widget = widget
        self._seconds = seconds
        self._jobs: deque[tuple[Job, str, Callable[[], None] | None]] = deque()
        self._scheduled = False

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def busy_with(self, kind: str) -> bool:
        return any(k == kind for _, k, _ in self._jobs)

    def add(self, job: Job, kind: str, then: Callable[[], None] | None = None) -> None:
        """Queue a job (``then`` runs when it has finished, not when it is cancelled)."""
        self._jobs.append((job, kind, then))
        if not self._scheduled:
            self._scheduled = True
            self._widget.call_after_refresh(self._run)

    def run_now(self, job: Job, kind: str, then: Callable[[], None] | None = None) -> None:
        """Queue a job and start at once: when nothing is queued before it, what is quick is done
        before the next paint (the first screen), the rest in slices."""
        self._jobs.append((job, kind, then))
        if not self._scheduled:
            self._run()

    def cancel(self, kind: str | None = None) -> None:
        """Stop the jobs of one kind, or all (their ``finally`` blocks run)."""
        keep = [entry for entry in self._jobs if kind is not None and entry[1] != kind]
        for job, k, _ in self._jobs:
            if kind is None or k == kind:
                job.close()
        self._jobs = deque(keep)

    def _run(self) -> None:
        self._scheduled = False
        deadline = perf_counter() + self._seconds
        while self._jobs:
            job, _, then = self._jobs[0]
            for _ in job:
                if perf_counter() > deadline:
                    if not self._scheduled:
                        self._scheduled = True
                        self._widget.call_after_refresh(self._run)
                    return
            if self._jobs and self._jobs[0][0] is job:
                self._jobs.popleft()
            if then is not None:
                then()
