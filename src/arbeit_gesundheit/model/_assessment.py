"""Assessments: answers to a questionnaire instrument on a day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from attrs import Attribute, field, frozen

from . import _validators as v

__all__ = ["Assessment"]

#: Largest item score the model accepts; instruments check their own, narrower ranges.
_MAX_SCORE = 1_000_000


@frozen
class Assessment:
    """Answers to a questionnaire instrument (such as WHO-5 or PHQ-4) on a day.

    ``answers`` maps item identifiers to scores; scoring is the instrument's business, so
    subscales are keyed by item, not by position.
    """

    participant: str = field(validator=v.pseudonym)
    instrument: str = field(validator=v.identifier)
    on: date = field(validator=v.a_date)
    answers: Mapping[str, int] = field(converter=v.to_mapping, hash=False)

    @answers.validator
    def _check_answers(self, attr: Attribute[Mapping[str, int]], value: Mapping[str, int]) -> None:
        v.identifier_mapping(self, attr, value)
        for score in value.values():
            if type(score) is not int or not -_MAX_SCORE <= score <= _MAX_SCORE:
                v.fail(
                    self,
                    attr,
                    f"whole-number item scores from -{_MAX_SCORE} to {_MAX_SCORE}",
                    score,
                )
