"""A function over items in worker processes, the results in the items' order.

The workers are forked from this process when the work starts, so they inherit what it has set
up before (the articles to read, a trained model, a loaded pipeline) and nothing is pickled
but each item and its result. One worker, or a single item, is done in this process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

from tqdm import tqdm

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    desc: str,
    progress: bool = True,
) -> Iterator[Result]:
    """``function`` of each item, in order, in up to ``workers`` forked processes; a bar
    (``desc``, one step per item) on stderr with ``progress``."""
    bar = {"desc": desc, "total": len(items), "file": sys.stderr, "disable": not progress}
    if workers == 1 or len(items) <= 1:
        yield from tqdm(map(function, items), **bar)
        return
    with ProcessPoolExecutor(min(workers, len(items)), mp_context=get_context("fork")) as pool:
        results = pool.map(function, items)  # forks every worker now, before the bar's thread
        yield from tqdm(results, **bar)
