from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import arbeit_gesundheit.pseudonym as pseudonym_module
from arbeit_gesundheit import BenefitType, Participant
from arbeit_gesundheit.pseudonym import PseudonymError, Pseudonymizer

KEY = b"test-key-0123456789abcdef"


@given(st.text(min_size=1).filter(str.strip))
def test_pseudonym_is_stable_and_a_valid_participant_pseudonym(internal_id: str) -> None:
    make = Pseudonymizer(key=KEY, prefix="GE")
    pseudonym = make(internal_id)
    assert pseudonym == make(internal_id)
    person = Participant(
        pseudonym=pseudonym, site_id="ge", birth_year=1970, benefit=BenefitType.SGB_II
    )
    assert person.pseudonym == pseudonym


@given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
def test_different_keys_give_unrelated_pseudonyms(a: str, b: str) -> None:
    one = Pseudonymizer(key=KEY, prefix="X")
    other = Pseudonymizer(key=KEY[::-1], prefix="X")
    # 15 decimal digits from HMAC-SHA-256: a collision is astronomically unlikely
    assert one(a) != other(a)
    if a.strip() != b.strip():
        assert one(a) != one(b)


@pytest.mark.parametrize(
    ("key", "prefix"),
    [(b"short", "GE"), ("not-bytes-but-long-enough", "GE"), (KEY, "1A"), (KEY, "has space")],
)
def test_bad_configuration_is_refused(key: bytes, prefix: str) -> None:
    with pytest.raises(PseudonymError):
        Pseudonymizer(key=key, prefix=prefix)


@pytest.mark.parametrize("internal_id", ["", "   ", 4711])
def test_bad_identifier_is_refused(internal_id: object) -> None:
    with pytest.raises(PseudonymError):
        Pseudonymizer(key=KEY, prefix="GE")(internal_id)  # type: ignore[arg-type]


def test_repr_hides_the_key() -> None:
    assert "test-key" not in repr(Pseudonymizer(key=KEY, prefix="GE"))


def test_docstring_examples_run() -> None:
    result = doctest.testmod(pseudonym_module)
    assert result.attempted > 0
    assert result.failed == 0
