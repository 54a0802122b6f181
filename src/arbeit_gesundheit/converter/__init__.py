"""Serialization at the edges: models to JSON-ready data and back.

The models carry no serialization code; this module holds the one configured cattrs
converter. It rejects unknown keys, writes dates as ISO strings, enums as their values and
sets as sorted lists, and turns every failure into one :class:`DocumentError` that lists
each problem with its path (``$.enrolments[3].status: 'finished' is not one of …``).

Loading takes a fast path first; only when that fails is the document structured again
with cattrs' detailed validation to collect every problem with its path. The fast path and
the unstructuring use hooks generated per model (in the private module ``_fast``); ``dumps``
streams one model at a time to orjson, which writes dates and enums itself.
"""

from __future__ import annotations

from ._converter import dumps, loads, make_converter, structure, unstructure

__all__ = [
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]
