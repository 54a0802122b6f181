"""Keyed pseudonyms: turn a jobcenter's internal customer number into a stable pseudonym.

A site keeps the secret key; with it, the same customer number always gives the same
pseudonym, so records from different systems line up. Without the key, a pseudonym cannot
be traced back or recomputed (HMAC-SHA-256), which is what pseudonymisation under
Art. 4 (5) GDPR asks for. The library itself never sees the customer number again.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from attrs import field, frozen

from .exceptions import ArbeitGesundheitError

__all__ = ["PseudonymError", "Pseudonymizer"]

_MIN_KEY_BYTES = 16
_DIGITS = 15
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9]{0,15}")


class PseudonymError(ArbeitGesundheitError, ValueError):
    """A pseudonymizer was given an unusable key, prefix or identifier."""


def _check_key(_inst: object, _attr: object, value: bytes) -> None:
    if not isinstance(value, bytes) or len(value) < _MIN_KEY_BYTES:
        raise PseudonymError(f"the key must be at least {_MIN_KEY_BYTES} random bytes")


def _check_prefix(_inst: object, _attr: object, value: str) -> None:
    if not isinstance(value, str) or _PREFIX.fullmatch(value) is None:
        raise PseudonymError(
            f"the prefix must be 1-16 letters or digits starting with a letter, got {value!r}"
        )


@frozen(repr=False)
class Pseudonymizer:
    """Derives pseudonyms such as ``"GE-482913004771235"`` from internal identifiers.

    >>> p = Pseudonymizer(key=b"0123456789abcdef-site-secret", prefix="GE")
    >>> p("4711-K-2024") == p("4711-K-2024")
    True
    >>> p("4711-K-2024").startswith("GE-")
    True
    """

    key: bytes = field(validator=_check_key)
    prefix: str = field(validator=_check_prefix)

    def __call__(self, internal_id: str) -> str:
        """The pseudonym of ``internal_id`` (a customer number, never stored)."""
        if not isinstance(internal_id, str) or not internal_id.strip():
            raise PseudonymError("the internal identifier must be non-empty text")
        digest = hmac.new(self.key, internal_id.strip().encode(), hashlib.sha256).digest()
        number = int.from_bytes(digest[:8], "big") % 10**_DIGITS
        return f"{self.prefix}-{number:0{_DIGITS}d}"

    def __repr__(self) -> str:  # never show the key
        return f"Pseudonymizer(prefix={self.prefix!r}, key=<hidden>)"
