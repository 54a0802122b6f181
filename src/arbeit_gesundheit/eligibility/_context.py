"""The eligibility context (Prüfkontext): what a rule may know besides the participant.

A frozen value passed to every rule: the as-of date, and optionally the site, the module and
the modules the person is already enrolled in. Kept apart from the rules so that rules,
decisions and the engine can all name it without depending on each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs
from attrs import field, frozen

from ..exceptions import InvalidFieldError
from ..model import Module, Site
from ..model import _validators as v

__all__ = ["EligibilityContext"]


def _modules_converter(value: Iterable[str]) -> frozenset[str]:
    return v.to_frozenset(value)


@frozen
class EligibilityContext:
    """What a rule may know besides the participant (Prüfkontext).

    ``as_of`` is the day the decision is about (Stichtag); ``site`` and ``module`` say where
    and for what; ``enrolled_module_ids`` are the modules the person already takes part in
    (the engine cannot know enrolments otherwise). More fields may be added, always with
    defaults, so rules written today keep working.
    """

    as_of: date = field(validator=v.a_date)
    site: Site | None = field(default=None, validator=v.optional_instance_of(Site))
    module: Module | None = field(default=None, validator=v.optional_instance_of(Module))
    enrolled_module_ids: frozenset[str] = field(
        default=frozenset(), converter=_modules_converter, validator=v.identifiers
    )

    def for_module(self, module: Module | None) -> EligibilityContext:
        """The same context for another module (cheap: the other fields are already checked)."""
        if module is not None and type(module) is not Module and not isinstance(module, Module):
            raise InvalidFieldError("EligibilityContext", "module", "a Module or nothing", module)
        clone = object.__new__(EligibilityContext)
        setter = object.__setattr__
        for name in _CONTEXT_FIELDS:
            setter(clone, name, getattr(self, name))
        setter(clone, "module", module)
        return clone


_CONTEXT_FIELDS = tuple(a.name for a in attrs.fields(EligibilityContext))
