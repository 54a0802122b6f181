"""Pseudonymisation on import: identifying cells become the site's keyed pseudonym.

The identity columns a layout names (customer number; or last name, first name and birth
date for sheets without one) are joined in a normal form and given to the site's
:class:`~arbeit_gesundheit.pseudonym.Pseudonymizer`; the cells are then dropped. The key
comes from a key file or from the environment variable :data:`KEY_ENV`, is never logged
and never shown (the pseudonymizer's ``repr`` hides it).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from ..exceptions import ImportProblem, SheetError
from ..pseudonym import PseudonymError, Pseudonymizer

__all__ = ["KEY_ENV", "identity_key", "load_key", "make_pseudonymizer", "site_prefix"]

#: Environment variable holding the site's pseudonym key (at least 16 bytes of text).
KEY_ENV = "ARBEIT_GESUNDHEIT_PSEUDONYM_KEY"

_SPACE = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _key_problem(de: str, en: str) -> SheetError:
    return SheetError(ImportProblem(file="(Schlüssel)", message=de, message_en=en))


def load_key(
    key_file: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> bytes:
    """The pseudonym key: the bytes of ``key_file`` (one trailing line break removed), else
    the UTF-8 bytes of :data:`KEY_ENV`. Either must give at least 16 bytes."""
    env = os.environ if environ is None else environ
    if key_file is not None:
        try:
            key = Path(key_file).read_bytes()
        except OSError as exc:
            raise _key_problem(
                f"Schlüsseldatei nicht lesbar ({exc.strerror})",
                f"cannot read the key file ({exc.strerror})",
            ) from None
        key = key.removesuffix(b"\n").removesuffix(b"\r")
    elif env.get(KEY_ENV):
        key = env[KEY_ENV].encode()
    else:
        raise _key_problem(
            f"kein Pseudonym-Schlüssel: --key-file angeben oder {KEY_ENV} setzen",
            f"no pseudonym key: pass --key-file or set {KEY_ENV}",
        )
    if len(key) < 16:
        raise _key_problem(
            "der Pseudonym-Schlüssel muss mindestens 16 Bytes lang sein",
            "the pseudonym key must be at least 16 bytes long",
        )
    return key


def site_prefix(site_id: str, prefix: str | None = None) -> str:
    """The pseudonym prefix: the layout's, else the site id's letters and digits (16 at most)."""
    if prefix:
        return prefix
    cleaned = _NOT_ALNUM.sub("", site_id)[:16]
    return cleaned if cleaned and cleaned[0].isalpha() else f"P{cleaned}"[:16]


def make_pseudonymizer(key: bytes, site_id: str, prefix: str | None = None) -> Pseudonymizer:
    """The site's pseudonymizer for ``key``; raises SheetError (never showing the key)."""
    try:
        return Pseudonymizer(key=key, prefix=site_prefix(site_id, prefix))
    except PseudonymError as exc:
        raise _key_problem(
            f"Pseudonymisierung nicht möglich: {exc}", f"cannot pseudonymise: {exc}"
        ) from None


def identity_key(parts: list[str]) -> str:
    """The normal form of a person's identity cells: NFC, case-folded, single spaces,
    joined with ``|`` (so ``"Müller "`` and ``"müller"`` give the same pseudonym)."""
    return "|".join(
        _SPACE.sub(" ", unicodedata.normalize("NFC", p)).strip().casefold() for p in parts
    )
