"""Textual's Linux driver, minus up to 200 ms of waiting when the app quits.

The stock driver's input thread polls the terminal with a 0.1 s timeout and, after the quit
signal, sleeps another 0.1 s in a final ``select`` that no longer watches anything, so every
Textual app takes 0.1-0.2 s just to stop reading keys. Here a pipe wakes the input thread at
once. Everything else is the stock driver (Textual is pinned: see pyproject.toml; re-check this
copy of ``run_input_thread`` when bumping it).
"""
from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class QuickExitDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake_read, self._wake_write = os.pipe()

    def disable_input(self) -> None:
        if not self.exit_event.is_set():
            try:
                os.write(self._wake_write, b"\0")
            except OSError:
                pass
        super().disable_input()

    def close(self) -> None:
        super().close()
        for fd in (self._wake_read, self._wake_write):
            try:
                os.close(fd)
            except OSError:
                pass

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (the stock loop, woken by the pipe on quit)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick
        decode = getincrementaldecoder("utf-8")().decode

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (key, mask) in loop_last(events):
                if key.fd == self._wake_read:
                    os.read(self._wake_read, 64)
                    continue
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not data:
                        break
                    for event in feed(data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            process(selector.select(0), final=True)  # keys already typed, without waiting
        finally:
            selector.close()
            try:
                for _ in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
