"""The core building blocks of eligibility rules, each with German and English reasons.

Every rule here is a frozen attrs object with a default ``id`` (pass your own when a tree
holds two rules of the same kind), optional ``label_de``/``label_en`` overrides and an
optional validity period. None of them raises for a valid participant: missing data give
:attr:`Verdict.UNKNOWN` and name the missing field.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
from attrs import Factory, field, frozen

from ..model import (
    LONG_TERM_UNEMPLOYMENT_DAYS,
    BenefitType,
    ConsentPurpose,
    DataCategory,
    Language,
    RestrictionCategory,
    Severity,
    label,
)
from ..model import _validators as v
from ._context import EligibilityContext
from ._decisions import format_date
from ._rule import CriterionResult, RuleFields
from ._verdicts import Verdict

if TYPE_CHECKING:
    from ..model import Participant

__all__ = [
    "AgeBetween",
    "BenefitIn",
    "HasConsent",
    "HasRestriction",
    "LongTermUnemployed",
    "NotEnrolledInModule",
    "ResidesInArea",
]

_MET, _NOT_MET, _UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
_MAX_AGE = 130


def _ordered_labels(members: frozenset[Any], lang: Language) -> list[str]:
    """Labels of enum members in the enum's own order, so texts do not depend on set order."""
    if not members:
        return []
    enum = type(next(iter(members)))
    return [label(m, lang) for m in enum if m in members]


def _or(items: list[str], lang: Language) -> str:
    word = " oder " if lang == "de" else " or "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


# -- benefit -------------------------------------------------------------------------------


def _benefits(value: object) -> frozenset[BenefitType]:
    return v.to_frozenset(value)  # type: ignore[arg-type]


def _non_empty(inst: object, attr: attrs.Attribute[Any], value: frozenset[Any]) -> None:
    if not value:
        v.fail(inst, attr, "at least one value", value)


@frozen
class BenefitIn(RuleFields):
    """The person receives one of ``benefits`` (Rechtskreis SGB II, SGB III …).

    The benefit type is always recorded, so this rule is never unknown.
    """

    benefits: frozenset[BenefitType] = field(
        converter=_benefits, validator=[v.members_of(BenefitType), _non_empty]
    )
    id: str = field(default="benefit", kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        benefit = participant.benefit
        return self._result(_MET if benefit in self.benefits else _NOT_MET, benefit)

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        head = "Leistungsbezug" if lang == "de" else "benefit"
        return f"{head}: {_or(_ordered_labels(self.benefits, lang), lang)}"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        received = label(result.detail, lang) if isinstance(result.detail, BenefitType) else "?"
        if result.verdict is _MET:
            return f"bezieht {received}" if lang == "de" else f"receives {received}"
        wanted = _or(_ordered_labels(self.benefits, lang), lang)
        if lang == "de":
            return f"bezieht {received}, verlangt ist {wanted}"
        return f"receives {received}, required is {wanted}"


# -- long-term unemployment ----------------------------------------------------------------


@frozen
class LongTermUnemployed(RuleFields):
    """Unemployed for at least ``min_days`` days on the as-of date.

    With the default ``min_days`` of 365 this is long-term unemployment per §18 SGB III (the
    statistical definition, :data:`LONG_TERM_UNEMPLOYMENT_DAYS`). A site rule with another
    threshold says so in its label and reasons, so it is never mistaken for the statutory
    definition; give it its own ``id``. Unknown when ``unemployed_since`` is not recorded.
    """

    min_days: int = field(default=LONG_TERM_UNEMPLOYMENT_DAYS, validator=v.integer(1, 36_500))
    id: str = field(default="long_term_unemployed", kw_only=True, validator=v.identifier)

    @property
    def is_statutory(self) -> bool:
        """Whether the threshold is the §18 SGB III one (365 days)."""
        return self.min_days == LONG_TERM_UNEMPLOYMENT_DAYS

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        since = participant.unemployed_since
        if since is None:
            return self._result(_UNKNOWN, None, ("unemployed_since",))
        days = (context.as_of - since).days
        days = max(days, 0)
        return self._result(_MET if days >= self.min_days else _NOT_MET, days)

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        if self.is_statutory:
            if lang == "de":
                return "langzeitarbeitslos nach § 18 SGB III (365 Tage und länger)"
            return "long-term unemployed per §18 SGB III (365 days or longer)"
        if lang == "de":
            return f"mindestens {self.min_days} Tage arbeitslos (Standortregel, nicht § 18 SGB III)"
        return f"unemployed for at least {self.min_days} days (site rule, not §18 SGB III)"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        if result.verdict is _UNKNOWN or type(result.detail) is not int:
            if lang == "de":
                return "Beginn der Arbeitslosigkeit nicht erfasst (unemployed_since)"
            return "start of unemployment not recorded (unemployed_since)"
        days = result.detail
        if lang == "de":
            relation = "mindestens" if result.verdict is _MET else "weniger als"
            return f"seit {days} Tagen arbeitslos, {relation} {self.min_days} Tage"
        relation = "at least" if result.verdict is _MET else "fewer than"
        return f"unemployed for {days} days, {relation} {self.min_days} days"


# -- age -----------------------------------------------------------------------------------


def _check_age_bounds(inst: AgeBetween, attr: attrs.Attribute[Any], value: object) -> None:
    if inst.min_age is None and value is None:
        v.fail(inst, attr, "at least one of min_age and max_age", value)
    if inst.min_age is not None and value is not None and value < inst.min_age:  # type: ignore[operator]
        v.fail(inst, attr, f"an age not below min_age ({inst.min_age})", value)


@frozen
class AgeBetween(RuleFields):
    """The person's age on the as-of date is within ``min_age`` … ``max_age`` (inclusive;
    None = open).

    Only the birth year is known, so on a given day a person is one of two ages
    (:meth:`Participant.age_bounds`). The rule is met when both possible ages are inside the
    range, not met when both are outside, and unknown when the range boundary falls between
    them: then only the birthday decides, which the library deliberately does not store
    (``missing`` names ``"birth_date"``; staff check it in their own records). With
    ``by_year=True`` the rule uses the age reached in the calendar year instead (the
    convention of annual statistics and of many programme rules, "wird 50 in diesem
    Jahr"), which is never unknown.
    """

    min_age: int | None = field(default=None, validator=v.optional_integer(0, _MAX_AGE))
    max_age: int | None = field(
        default=None, validator=[v.optional_integer(0, _MAX_AGE), _check_age_bounds]
    )
    by_year: bool = field(default=False, kw_only=True, validator=v.boolean)
    id: str = field(default="age", kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        reached = context.as_of.year - participant.birth_year
        if self.by_year:
            youngest = oldest = max(reached, 0)
        else:
            youngest, oldest = max(reached - 1, 0), max(reached, 0)
        low, high = self.min_age, self.max_age
        below_low = low is not None and youngest < low
        above_high = high is not None and oldest > high
        if not below_low and not above_high:
            return self._result(_MET, (youngest, oldest))
        # Both possible ages outside on the same side: certainly not met.
        if (low is not None and oldest < low) or (high is not None and youngest > high):
            return self._result(_NOT_MET, (youngest, oldest))
        return self._result(_UNKNOWN, (youngest, oldest), ("birth_date",))

    def _range(self, lang: Language) -> str:
        low, high = self.min_age, self.max_age
        if low is not None and high is not None:
            return f"{low} bis {high} Jahre" if lang == "de" else f"{low} to {high} years"
        if low is not None:
            return f"ab {low} Jahren" if lang == "de" else f"{low} years or older"
        return f"bis {high} Jahre" if lang == "de" else f"up to {high} years"

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        text = ("Alter " if lang == "de" else "age ") + self._range(lang)
        if self.by_year:
            text += " (im Kalenderjahr)" if lang == "de" else " (in the calendar year)"
        return text

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        detail = result.detail
        if not (isinstance(detail, tuple) and len(detail) == 2):
            return result.verdict.label(lang)
        youngest, oldest = detail
        if youngest == oldest:
            age = f"{youngest} Jahre" if lang == "de" else f"{youngest} years"
        elif lang == "de":
            age = f"{youngest} oder {oldest} Jahre (nur das Geburtsjahr ist bekannt)"
        else:
            age = f"{youngest} or {oldest} years (only the birth year is known)"
        if result.verdict is _UNKNOWN:
            if lang == "de":
                return f"{age}; ob {self._range(lang)} zutrifft, entscheidet der Geburtstag"
            return f"{age}; the birthday decides whether {self._range(lang)} applies"
        if lang == "de":
            inside = "innerhalb" if result.verdict is _MET else "außerhalb"
            return f"{age}, {inside} von {self._range(lang)}"
        inside = "within" if result.verdict is _MET else "outside"
        return f"{age}, {inside} {self._range(lang)}"


# -- health restrictions -------------------------------------------------------------------

_SEVERITY_RANK = {Severity.MILD: 1, Severity.MODERATE: 2, Severity.SERIOUS: 3}


def _categories(value: object) -> frozenset[RestrictionCategory]:
    return v.to_frozenset(value)  # type: ignore[arg-type]


@frozen
class HasRestriction(RuleFields):
    """The person has a recorded health restriction in one of ``categories`` (empty: any
    category), at least as severe as ``min_severity`` (None: any severity).

    No recorded restriction counts as not met (the data model has no "not asked" state).
    When a restriction of a wanted category has no severity recorded and no other restriction
    meets the rule, the verdict is unknown with ``"restrictions.severity"`` missing.
    """

    categories: frozenset[RestrictionCategory] = field(
        default=frozenset(), converter=_categories, validator=v.members_of(RestrictionCategory)
    )
    min_severity: Severity | None = field(default=None, validator=v.optional_member_of(Severity))
    id: str = field(default="health_restriction", kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        wanted = self.categories
        floor = self.min_severity
        unrated: RestrictionCategory | None = None
        for restriction in participant.restrictions:
            category = restriction.category
            if wanted and category not in wanted:
                continue
            if floor is None:
                return self._result(_MET, category)
            severity = restriction.severity
            if severity is None:
                unrated = category
            elif _SEVERITY_RANK[severity] >= _SEVERITY_RANK[floor]:
                return self._result(_MET, category)
        if unrated is not None:
            return self._result(_UNKNOWN, unrated, ("restrictions.severity",))
        return self._result(_NOT_MET, None)

    def _wanted(self, lang: Language) -> str:
        text = (
            _or(_ordered_labels(self.categories, lang), lang)
            if self.categories
            else ("beliebige Kategorie" if lang == "de" else "any category")
        )
        if self.min_severity is not None:
            severity = label(self.min_severity, lang)
            text += f", mindestens {severity}" if lang == "de" else f", at least {severity}"
        return text

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        head = "gesundheitliche Einschränkung" if lang == "de" else "health restriction"
        return f"{head} ({self._wanted(lang)})"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        detail = result.detail
        category = label(detail, lang) if isinstance(detail, RestrictionCategory) else "?"
        if result.verdict is _MET:
            return (
                f"Einschränkung im Bereich {category} erfasst"
                if lang == "de"
                else f"restriction recorded: {category}"
            )
        if result.verdict is _UNKNOWN:
            if lang == "de":
                return f"Einschränkung im Bereich {category} ohne erfasste Ausprägung"
            return f"restriction {category} recorded without severity"
        if lang == "de":
            return f"keine passende Einschränkung erfasst ({self._wanted(lang)})"
        return f"no matching restriction recorded ({self._wanted(lang)})"


# -- consent -------------------------------------------------------------------------------


def _consent_id(rule: HasConsent) -> str:
    return f"consent.{rule.purpose.value}"


@frozen
class HasConsent(RuleFields):
    """The person has a consent valid on the as-of date for ``purpose`` (and ``recipient``,
    ``category`` when given), per :meth:`Participant.has_consent`.

    No valid consent is "not met", never unknown: without consent the data may not be used.
    The default ``id`` is ``consent.<purpose>``.
    """

    purpose: ConsentPurpose = field(validator=v.member_of(ConsentPurpose))
    recipient: str | None = field(default=None, validator=v.optional_identifier)
    category: DataCategory | None = field(
        default=None, validator=v.optional_member_of(DataCategory)
    )
    id: str = field(
        default=Factory(_consent_id, takes_self=True), kw_only=True, validator=v.identifier
    )

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        ok = participant.has_consent(
            self.purpose, context.as_of, recipient=self.recipient, category=self.category
        )
        return self._result(_MET if ok else _NOT_MET, context.as_of)

    def _what(self, lang: Language) -> str:
        text = label(self.purpose, lang)
        if self.recipient is not None:
            text += f" an {self.recipient}" if lang == "de" else f" to {self.recipient}"
        if self.category is not None:
            text += f" ({label(self.category, lang)})"
        return text

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        head = "gültige Einwilligung" if lang == "de" else "valid consent"
        return f"{head}: {self._what(lang)}"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        day = format_date(result.detail, lang) if type(result.detail) is date else "?"
        if result.verdict is _MET:
            if lang == "de":
                return f"Einwilligung am {day} gültig"
            return f"consent valid on {day}"
        if lang == "de":
            return f"keine am {day} gültige Einwilligung ({self._what(lang)})"
        return f"no consent valid on {day} ({self._what(lang)})"


# -- residence -----------------------------------------------------------------------------


def _keys(value: object) -> frozenset[str]:
    return v.to_frozenset(value)  # type: ignore[arg-type]


@frozen
class ResidesInArea(RuleFields):
    """The person lives in the site's area: their ``district_key`` (Kreisschlüssel) is one of
    ``district_keys``, or, when that is empty, of the context site's ``district_keys``.

    Unknown when the participant's district is not recorded (``"district_key"``), or when no
    area is known: no site in the context (``"context.site"``) or a site without district
    keys (``"site.district_keys"``).
    """

    district_keys: frozenset[str] = field(
        default=frozenset(), converter=_keys, validator=v.identifiers
    )
    id: str = field(default="residence", kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        area = self.district_keys
        if not area:
            site = context.site
            if site is None:
                return self._result(_UNKNOWN, None, ("context.site",))
            area = site.district_keys
            if not area:
                return self._result(_UNKNOWN, None, ("site.district_keys",))
        district = participant.district_key
        if district is None:
            return self._result(_UNKNOWN, None, ("district_key",))
        return self._result(_MET if district in area else _NOT_MET, district)

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        if self.district_keys:
            keys = ", ".join(sorted(self.district_keys))
            return f"Wohnort in {keys}" if lang == "de" else f"residence in {keys}"
        return "Wohnort im Gebiet des Standorts" if lang == "de" else "residence in the site's area"

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        if result.verdict is _UNKNOWN:
            field_name = result.missing[0] if result.missing else "?"
            if field_name == "district_key":
                return (
                    "Wohnort (Kreisschlüssel) nicht erfasst"
                    if lang == "de"
                    else ("district of residence not recorded")
                )
            return "Gebiet des Standorts unbekannt" if lang == "de" else "site area unknown"
        if result.verdict is _MET:
            if lang == "de":
                return f"wohnt im Kreis {result.detail}, im Gebiet"
            return f"lives in district {result.detail}, inside the area"
        if lang == "de":
            return f"wohnt im Kreis {result.detail}, außerhalb des Gebiets"
        return f"lives in district {result.detail}, outside the area"


# -- enrolment -----------------------------------------------------------------------------


@frozen
class NotEnrolledInModule(RuleFields):
    """The person is not already enrolled in the module being decided on.

    The module comes from ``context.module`` and the enrolments from
    ``context.enrolled_module_ids``; unknown (``"context.module"``) when no module is given.
    """

    id: str = field(default="not_enrolled", kw_only=True, validator=v.identifier)

    def evaluate(self, participant: Participant, context: EligibilityContext) -> CriterionResult:
        module = context.module
        if module is None:
            return self._result(_UNKNOWN, None, ("context.module",))
        module_id = module.id
        verdict = _NOT_MET if module_id in context.enrolled_module_ids else _MET
        return self._result(verdict, module_id)

    def label(self, lang: Language = "de") -> str:
        if self.label_de or self.label_en:
            return super().label(lang)
        return (
            "nicht bereits im Modul angemeldet"
            if lang == "de"
            else ("not already enrolled in the module")
        )

    def reason(self, result: CriterionResult, lang: Language = "de") -> str:
        if result.verdict is _UNKNOWN:
            return "kein Modul angegeben" if lang == "de" else "no module given"
        if result.verdict is _MET:
            if lang == "de":
                return f"nicht im Modul {result.detail} angemeldet"
            return f"not enrolled in module {result.detail}"
        if lang == "de":
            return f"bereits im Modul {result.detail} angemeldet"
        return f"already enrolled in module {result.detail}"
