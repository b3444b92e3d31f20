"""Run independent pieces of work side by side, one process each: the two languages' pages take
the same time to render, and two cores render them in about half the time of one."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any


class WorkerFailed(Exception):
    """A piece of work failed in its own process; the message carries that process's traceback."""


def side_by_side(tasks: list[Callable[[], Any]]) -> list[Any]:
    """The tasks' results, in order: the first runs here, the others in forked processes.

    Forked processes inherit everything loaded so far, so nothing is sent to them, and each
    result comes back pickled. Where fork is unavailable (Windows), the tasks run one after another.
    """
    if len(tasks) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    context = multiprocessing.get_context("fork")
    workers = []
    for task in tasks[1:]:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(task, sender), daemon=True)
        process.start()
        sender.close()
        workers.append((process, receiver))
    try:
        results = [tasks[0]()]
        for _, receiver in workers:
            try:
                outcome, value = receiver.recv()
            except EOFError:
                outcome, value = "failed", "the process ended without a result"
            if outcome == "failed":
                raise WorkerFailed(value)
            results.append(value)
    finally:
        for process, _ in workers:
            process.join()
    return results


def _run(task: Callable[[], Any], sender: Any) -> None:
    try:
        sender.send(("done", task()))
    except BaseException:  # noqa: BLE001 - whatever happens, the parent must hear of it
        sender.send(("failed", traceback.format_exc()))
