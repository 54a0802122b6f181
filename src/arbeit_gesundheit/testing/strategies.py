"""Hypothesis strategies for every model of :mod:`arbeit_gesundheit`, for downstream test suites.

Every model has a strategy function (``participants()``, ``consents()``, ``datasets()`` …)
whose keyword-only arguments take *strategies*, not values, one per field. Leaving an argument
out (or passing ``None``) uses a default that always yields valid instances, including the
rules that tie fields together (a consent never expires before it was given, an enrolment's
history ends in its current status, a step has a completion day exactly when it is done …).

The strategies are registered for :func:`hypothesis.strategies.from_type` through the
``hypothesis`` entry point, so ``st.from_type(Participant)`` and ``st.builds`` with type hints
work as soon as Hypothesis is imported.

Naming of the keyword arguments: a field holding one value takes the plural of the field name
(``pseudonyms=`` for ``Participant.pseudonym``, ``statuses=`` for ``Enrolment.status``); a
field holding a collection takes the field name and a strategy for the whole collection
(``consents=st.lists(consents(), max_size=2)``); date fields keep their name
(``given_on=``). Fields that must lie after another date are drawn as a number of days after
it (``expires_after_days=``), so any combination of arguments stays valid.

This module needs Hypothesis (``pip install arbeit_gesundheit[testing]``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date, time
from typing import Any, TypeVar

from ..model import (
    FORMAT_VERSION,
    ActivityPlan,
    AnnualReview,
    Assessment,
    Attendance,
    AttendanceStatus,
    BenefitType,
    Carrier,
    Certification,
    Coach,
    CoachRole,
    Consent,
    ConsentPurpose,
    CooperationAgreement,
    DailyWorkCapacity,
    DataCategory,
    Dataset,
    DropoutReason,
    Enrolment,
    EnrolmentStatus,
    Event,
    EventFormat,
    FieldOfAction,
    FundingSource,
    Gender,
    Goal,
    HealthRestriction,
    Land,
    LegalBasis,
    Module,
    ModuleFormat,
    NeedsAssessment,
    NoteKind,
    Offering,
    Outcome,
    OutcomeKind,
    Participant,
    Partner,
    PartnerKind,
    PlanReview,
    Recommendation,
    RecommendationCategory,
    RecommendationSource,
    Referral,
    ReferralStatus,
    Renewal,
    RestrictionCategory,
    ReviewNote,
    Session,
    Severity,
    Site,
    StatusChange,
    Step,
    StepStatus,
    WorkCapacity,
    WorkLimitation,
)
from ..model._catalogue import MAX_SESSION_MINUTES
from ..model._participation import INITIAL_STATES, TRANSITIONS

__all__ = [
    "DEFAULT_MAX_DATE",
    "DEFAULT_MIN_DATE",
    "activity_plans",
    "annual_reviews",
    "assessments",
    "attendances",
    "certifications",
    "coaches",
    "consents",
    "cooperation_agreements",
    "datasets",
    "dates",
    "enrolments",
    "events",
    "goals",
    "health_restrictions",
    "identifiers",
    "modules",
    "needs_assessments",
    "offerings",
    "outcomes",
    "participants",
    "partners",
    "plan_reviews",
    "pseudonyms",
    "recommendations",
    "referrals",
    "renewals",
    "review_notes",
    "sessions",
    "sites",
    "status_changes",
    "steps",
    "texts",
    "work_capacities",
]

# -- registration for st.from_type -----------------------------------------------------------
# Defined before Hypothesis is imported: importing Hypothesis runs its entry points, which call
# this hook while this module is still being imported.

#: The strategy function of every model, by name.
_STRATEGY_NAMES: dict[type, str] = {
    WorkCapacity: "work_capacities",
    HealthRestriction: "health_restrictions",
    Consent: "consents",
    Participant: "participants",
    Site: "sites",
    Partner: "partners",
    Renewal: "renewals",
    CooperationAgreement: "cooperation_agreements",
    Coach: "coaches",
    Certification: "certifications",
    Module: "modules",
    Offering: "offerings",
    Session: "sessions",
    StatusChange: "status_changes",
    Enrolment: "enrolments",
    Attendance: "attendances",
    Recommendation: "recommendations",
    Referral: "referrals",
    Step: "steps",
    Goal: "goals",
    PlanReview: "plan_reviews",
    ActivityPlan: "activity_plans",
    NeedsAssessment: "needs_assessments",
    Assessment: "assessments",
    Outcome: "outcomes",
    Event: "events",
    ReviewNote: "review_notes",
    AnnualReview: "annual_reviews",
    Dataset: "datasets",
}


def _hypothesis_setup_hook() -> None:
    """Entry point of the ``hypothesis`` group: registers the strategies for ``st.from_type``.

    Registers one function per model, so nothing is built until a test asks for the type;
    calling it again registers the same functions again (idempotent).
    """
    from hypothesis import strategies as st  # noqa: PLC0415 - see above

    for model, name in _STRATEGY_NAMES.items():
        st.register_type_strategy(model, _lazy(name))


def _lazy(name: str) -> Callable[[type], Any]:
    def resolve(_: type) -> Any:
        return globals()[name]()

    return resolve


from hypothesis import strategies as st  # noqa: E402
from hypothesis.strategies import SearchStrategy  # noqa: E402

T = TypeVar("T")

#: Earliest day the default date strategies draw (the library itself accepts any date).
DEFAULT_MIN_DATE = date(1990, 1, 1)
#: Latest day the default date strategies draw.
DEFAULT_MAX_DATE = date(2039, 12, 31)

_ALNUM = string.ascii_letters + string.digits
_IDENTIFIER_CHARS = _ALNUM + "_.:-"
_DIGIT = re.compile(r"[0-9]")
_MAX_ITEMS = 3


def _or(strategy: SearchStrategy[T] | None, default: Callable[[], SearchStrategy[T]]) -> Any:
    # ``Any``: st.builds checks keyword types at run time, not mypy.
    return default() if strategy is None else strategy


def _optional(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.none() | strategy


def _small_tuples(elements: SearchStrategy[T]) -> SearchStrategy[tuple[T, ...]]:
    return st.lists(elements, max_size=_MAX_ITEMS).map(tuple)


def _small_sets(elements: SearchStrategy[T]) -> SearchStrategy[frozenset[T]]:
    return st.frozensets(elements, max_size=_MAX_ITEMS)


def _days_after(start: date, days: int) -> date:
    """``start`` plus ``days`` (not negative), kept within the calendar."""
    return date.fromordinal(min(start.toordinal() + max(days, 0), date.max.toordinal()))


def _day_offsets(high: int = 3 * 365) -> SearchStrategy[int]:
    return st.integers(0, high)


# -- building blocks -------------------------------------------------------------------------


def identifiers() -> SearchStrategy[str]:
    """Valid identifiers: 1-64 ASCII letters, digits or ``_ . : -``, starting alphanumeric."""
    return st.builds(
        str.__add__,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_IDENTIFIER_CHARS, max_size=63),
    )


def _with_digit(first: str, rest: str, digit: str) -> str:
    text = first + rest
    return text if _DIGIT.search(text) else text[:-1] + digit


def pseudonyms() -> SearchStrategy[str]:
    """Valid pseudonyms: 3-64 identifier characters containing at least one digit.

    Mixes realistic ones (``TN-2024-0042``) with arbitrary valid ones.
    """
    realistic = st.builds("TN-{}-{:04d}".format, st.integers(2010, 2039), st.integers(0, 9999))
    arbitrary = st.builds(
        _with_digit,
        st.sampled_from(_ALNUM),
        st.text(alphabet=_IDENTIFIER_CHARS, min_size=2, max_size=63),
        st.sampled_from(string.digits),
    )
    return realistic | arbitrary


def dates(
    *, min_value: date = DEFAULT_MIN_DATE, max_value: date = DEFAULT_MAX_DATE
) -> SearchStrategy[date]:
    """Calendar days from ``min_value`` through ``max_value`` (1990 to 2039 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


_WORDS = (
    "Rundum fit",
    "Gesundheitstreff",
    "Nordic Walking",
    "Stressbewältigung",
    "AktivA",
    "Ernährung im Alltag",
    "Rückenfit",
    "Präventivsprechstunde",
)


def texts(*, max_size: int = 200) -> SearchStrategy[str]:
    """Valid free texts: non-empty, no surrounding white space, at most ``max_size`` characters.

    Mixes realistic German course titles with arbitrary Unicode text.
    """
    arbitrary = st.text(min_size=1, max_size=max_size).map(str.strip).filter(bool)
    fitting = [w for w in _WORDS if len(w) <= max_size]
    return st.sampled_from(fitting) | arbitrary if fitting else arbitrary


def _times() -> SearchStrategy[time]:
    # Whole minutes: the data format writes times as HH:MM.
    return st.builds(time, st.integers(0, 23), st.integers(0, 59))


def _numbers() -> SearchStrategy[int | float]:
    return st.integers(0, 100_000) | st.floats(
        min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False
    )


# -- participants and consent ----------------------------------------------------------------


def work_capacities(
    *,
    daily: SearchStrategy[DailyWorkCapacity | None] | None = None,
    limitations: SearchStrategy[Iterable[WorkLimitation]] | None = None,
    assessed_on: SearchStrategy[date | None] | None = None,
) -> SearchStrategy[WorkCapacity]:
    """:class:`~arbeit_gesundheit.WorkCapacity` values (Leistungsvermögen).

    ``daily``: the band or None; ``limitations``: sets of limitations; ``assessed_on``:
    a day or None.
    """
    return st.builds(
        WorkCapacity,
        daily=_or(daily, lambda: _optional(st.sampled_from(DailyWorkCapacity))),
        limitations=_or(limitations, lambda: _small_sets(st.sampled_from(WorkLimitation))),
        assessed_on=_or(assessed_on, lambda: _optional(dates())),
    )


def health_restrictions(
    *,
    categories: SearchStrategy[RestrictionCategory] | None = None,
    severities: SearchStrategy[Severity | None] | None = None,
    work_capacity: SearchStrategy[WorkCapacity | None] | None = None,
) -> SearchStrategy[HealthRestriction]:
    """:class:`~arbeit_gesundheit.HealthRestriction` values (categories, never diagnoses)."""
    return st.builds(
        HealthRestriction,
        category=_or(categories, lambda: st.sampled_from(RestrictionCategory)),
        severity=_or(severities, lambda: _optional(st.sampled_from(Severity))),
        work_capacity=_or(work_capacity, lambda: _optional(work_capacities())),
    )


@st.composite
def _consent(
    draw: st.DrawFn,
    *,
    purposes: SearchStrategy[ConsentPurpose],
    given_on: SearchStrategy[date],
    legal_bases: SearchStrategy[LegalBasis],
    expires_after_days: SearchStrategy[int | None],
    withdrawn_after_days: SearchStrategy[int | None],
    data_categories: SearchStrategy[Iterable[DataCategory]],
    recipients: SearchStrategy[Iterable[str]],
) -> Consent:
    purpose = draw(purposes)
    given = draw(given_on)
    expires = draw(expires_after_days)
    withdrawn = draw(withdrawn_after_days)
    if purpose is ConsentPurpose.DATA_SHARING:
        chosen = draw(recipients.filter(lambda r: bool(frozenset(r))))
    else:
        chosen = draw(recipients)
    return Consent(
        purpose=purpose,
        given_on=given,
        legal_basis=draw(legal_bases),
        expires_on=None if expires is None else _days_after(given, expires),
        withdrawn_on=None if withdrawn is None else _days_after(given, withdrawn),
        data_categories=draw(data_categories),
        recipients=chosen,
    )


def consents(
    *,
    purposes: SearchStrategy[ConsentPurpose] | None = None,
    given_on: SearchStrategy[date] | None = None,
    legal_bases: SearchStrategy[LegalBasis] | None = None,
    expires_after_days: SearchStrategy[int | None] | None = None,
    withdrawn_after_days: SearchStrategy[int | None] | None = None,
    data_categories: SearchStrategy[Iterable[DataCategory]] | None = None,
    recipients: SearchStrategy[Iterable[str]] | None = None,
) -> SearchStrategy[Consent]:
    """:class:`~arbeit_gesundheit.Consent` values (Einwilligungen).

    ``expires_after_days`` and ``withdrawn_after_days`` draw how many days after
    ``given_on`` the consent expires or is withdrawn (None: never), so both are never before
    it. ``recipients`` draws sets of partner identifiers; for data-sharing consents empty
    sets are filtered out, since sharing needs a named recipient.

    Valid for a known purpose and day:
    ``consents(purposes=st.just(ConsentPurpose.EVALUATION), given_on=st.just(day),
    withdrawn_after_days=st.none())``.
    """
    return _consent(
        purposes=_or(purposes, lambda: st.sampled_from(ConsentPurpose)),
        given_on=_or(given_on, dates),
        legal_bases=_or(legal_bases, lambda: st.sampled_from(LegalBasis)),
        expires_after_days=_or(expires_after_days, lambda: _optional(_day_offsets())),
        withdrawn_after_days=_or(withdrawn_after_days, lambda: _optional(_day_offsets())),
        data_categories=_or(data_categories, lambda: _small_sets(st.sampled_from(DataCategory))),
        recipients=_or(recipients, lambda: _small_sets(identifiers())),
    )


_consents = consents


def participants(
    *,
    pseudonyms: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    birth_years: SearchStrategy[int] | None = None,
    benefits: SearchStrategy[BenefitType] | None = None,
    genders: SearchStrategy[Gender | None] | None = None,
    unemployed_since: SearchStrategy[date | None] | None = None,
    district_keys: SearchStrategy[str | None] | None = None,
    restrictions: SearchStrategy[Iterable[HealthRestriction]] | None = None,
    consents: SearchStrategy[Iterable[Consent]] | None = None,
) -> SearchStrategy[Participant]:
    """:class:`~arbeit_gesundheit.Participant` values (Teilnehmende).

    Defaults: birth years 1950-2008, up to three restrictions and consents, an
    unemployment start or None, district keys as five-digit Kreisschlüssel or None.

    Everyone at one site, long-term unemployed on 2025-01-01::

        participants(
            site_ids=st.just("jc-viersen"),
            unemployed_since=dates(max_value=date(2023, 12, 31)),
        )
    """
    return st.builds(
        Participant,
        pseudonym=_or(pseudonyms, _pseudonyms),
        site_id=_or(site_ids, identifiers),
        birth_year=_or(birth_years, lambda: st.integers(1950, 2008)),
        benefit=_or(benefits, lambda: st.sampled_from(BenefitType)),
        gender=_or(genders, lambda: _optional(st.sampled_from(Gender))),
        unemployed_since=_or(unemployed_since, lambda: _optional(dates())),
        district_key=_or(
            district_keys, lambda: _optional(st.from_regex(r"[0-9]{5}", fullmatch=True))
        ),
        restrictions=_or(restrictions, lambda: _small_tuples(health_restrictions())),
        consents=_or(consents, lambda: _small_tuples(_consents())),
    )


_pseudonyms = pseudonyms


# -- organisation ----------------------------------------------------------------------------


def sites(
    *,
    ids: SearchStrategy[str] | None = None,
    names: SearchStrategy[str] | None = None,
    lands: SearchStrategy[Land] | None = None,
    programmes: SearchStrategy[Iterable[str]] | None = None,
    district_keys: SearchStrategy[Iterable[str]] | None = None,
    since: SearchStrategy[date | None] | None = None,
    typical_participants: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Site]:
    """:class:`~arbeit_gesundheit.Site` values (Standorte)."""
    return st.builds(
        Site,
        id=_or(ids, identifiers),
        name=_or(names, texts),
        land=_or(lands, lambda: st.sampled_from(Land)),
        programmes=_or(
            programmes,
            lambda: _small_sets(st.sampled_from(["teamwork", "rehapro"]) | identifiers()),
        ),
        district_keys=_or(
            district_keys, lambda: _small_sets(st.from_regex(r"[0-9]{5}", fullmatch=True))
        ),
        since=_or(since, lambda: _optional(dates())),
        typical_participants=_or(
            typical_participants, lambda: _optional(st.integers(1, 1_000_000))
        ),
    )


def partners(
    *,
    ids: SearchStrategy[str] | None = None,
    names: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[PartnerKind] | None = None,
    locations: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Partner]:
    """:class:`~arbeit_gesundheit.Partner` values (Netzwerkpartner)."""
    return st.builds(
        Partner,
        id=_or(ids, identifiers),
        name=_or(names, texts),
        kind=_or(kinds, lambda: st.sampled_from(PartnerKind)),
        location=_or(locations, lambda: _optional(texts())),
    )


@st.composite
def _renewal(
    draw: st.DrawFn,
    *,
    signed_on: SearchStrategy[date],
    runs_for_days: SearchStrategy[int | None],
) -> Renewal:
    signed = draw(signed_on)
    days = draw(runs_for_days)
    return Renewal(
        signed_on=signed, valid_until=None if days is None else _days_after(signed, days)
    )


def renewals(
    *,
    signed_on: SearchStrategy[date] | None = None,
    runs_for_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Renewal]:
    """:class:`~arbeit_gesundheit.Renewal` values.

    ``runs_for_days`` draws how long after signing the renewed term ends (None:
    open-ended).
    """
    return _renewal(
        signed_on=_or(signed_on, dates),
        runs_for_days=_or(runs_for_days, lambda: _optional(_day_offsets(5 * 365))),
    )


@st.composite
def _agreement(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    parties: SearchStrategy[Iterable[str]],
    valid_from: SearchStrategy[date],
    term_days: SearchStrategy[int | None],
    fundings: SearchStrategy[FundingSource | None],
    renewal_gaps: SearchStrategy[Iterable[int]],
    renewal_terms: SearchStrategy[int | None],
    titles: SearchStrategy[str | None],
) -> CooperationAgreement:
    start = draw(valid_from)
    term = draw(term_days)
    signed = start
    renewed = []
    for gap in draw(renewal_gaps):
        signed = _days_after(signed, gap)
        days = draw(renewal_terms)
        renewed.append(
            Renewal(
                signed_on=signed, valid_until=None if days is None else _days_after(signed, days)
            )
        )
    return CooperationAgreement(
        id=draw(ids),
        parties=draw(parties),
        valid_from=start,
        valid_until=None if term is None else _days_after(start, term),
        funding=draw(fundings),
        renewals=renewed,
        title=draw(titles),
    )


def cooperation_agreements(
    *,
    ids: SearchStrategy[str] | None = None,
    parties: SearchStrategy[Iterable[str]] | None = None,
    valid_from: SearchStrategy[date] | None = None,
    term_days: SearchStrategy[int | None] | None = None,
    fundings: SearchStrategy[FundingSource | None] | None = None,
    renewal_gaps: SearchStrategy[Iterable[int]] | None = None,
    renewal_terms: SearchStrategy[int | None] | None = None,
    titles: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[CooperationAgreement]:
    """:class:`~arbeit_gesundheit.CooperationAgreement` values (Kooperationsvereinbarungen).

    ``parties`` draws sequences of at least two distinct partner identifiers. ``term_days``
    draws how many days after ``valid_from`` the agreement ends (None: open-ended).
    Renewals are built in order: ``renewal_gaps`` draws the days between ``valid_from`` and
    the first signing and between successive signings (one renewal per gap, none by
    default in about half the cases); ``renewal_terms`` draws each renewed term in days
    after its signing (None: open-ended).
    """
    return _agreement(
        ids=_or(ids, identifiers),
        parties=_or(parties, lambda: st.lists(identifiers(), min_size=2, max_size=4, unique=True)),
        valid_from=_or(valid_from, dates),
        term_days=_or(term_days, lambda: _optional(_day_offsets(5 * 365))),
        fundings=_or(fundings, lambda: _optional(st.sampled_from(FundingSource))),
        renewal_gaps=_or(renewal_gaps, lambda: st.lists(_day_offsets(3 * 365), max_size=3)),
        renewal_terms=_or(renewal_terms, lambda: _optional(_day_offsets(5 * 365))),
        titles=_or(titles, lambda: _optional(texts())),
    )


def coaches(
    *,
    ids: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    roles: SearchStrategy[CoachRole] | None = None,
    trained_for_counselling: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Coach]:
    """:class:`~arbeit_gesundheit.Coach` values (staff, by identifier only)."""
    return st.builds(
        Coach,
        id=_or(ids, identifiers),
        site_id=_or(site_ids, identifiers),
        role=_or(roles, lambda: st.sampled_from(CoachRole)),
        trained_for_counselling=_or(trained_for_counselling, st.booleans),
    )


# -- catalogue -------------------------------------------------------------------------------


def certifications(
    *,
    ids: SearchStrategy[str] | None = None,
    valid_until: SearchStrategy[date] | None = None,
    issuers: SearchStrategy[str] | None = None,
) -> SearchStrategy[Certification]:
    """:class:`~arbeit_gesundheit.Certification` values (such as ZPP certificates)."""
    return st.builds(
        Certification,
        id=_or(ids, identifiers),
        valid_until=_or(valid_until, dates),
        issuer=_or(issuers, lambda: st.just("ZPP") | texts(max_size=100)),
    )


def modules(
    *,
    ids: SearchStrategy[str] | None = None,
    titles: SearchStrategy[str] | None = None,
    fields_of_action: SearchStrategy[FieldOfAction] | None = None,
    formats: SearchStrategy[ModuleFormat] | None = None,
    sessions: SearchStrategy[int] | None = None,
    session_minutes: SearchStrategy[int] | None = None,
    places: SearchStrategy[int | None] | None = None,
    provider_ids: SearchStrategy[str | None] | None = None,
    certification: SearchStrategy[Certification | None] | None = None,
    fundings: SearchStrategy[FundingSource | None] | None = None,
    target_groups: SearchStrategy[Iterable[str]] | None = None,
    locations: SearchStrategy[str | None] | None = None,
    descriptions: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Module]:
    """:class:`~arbeit_gesundheit.Module` values (catalogue offers).

    ``sessions`` draws the number of sessions of one run (1-200), ``session_minutes`` their
    length (1-600).
    """
    return st.builds(
        Module,
        id=_or(ids, identifiers),
        title=_or(titles, texts),
        field_of_action=_or(fields_of_action, lambda: st.sampled_from(FieldOfAction)),
        format=_or(formats, lambda: st.sampled_from(ModuleFormat)),
        sessions=_or(sessions, lambda: st.integers(1, 200)),
        session_minutes=_or(session_minutes, lambda: st.integers(1, MAX_SESSION_MINUTES)),
        places=_or(places, lambda: _optional(st.integers(1, 10_000))),
        provider_id=_or(provider_ids, lambda: _optional(identifiers())),
        certification=_or(certification, lambda: _optional(certifications())),
        funding=_or(fundings, lambda: _optional(st.sampled_from(FundingSource))),
        target_groups=_or(target_groups, lambda: _small_sets(identifiers())),
        location=_or(locations, lambda: _optional(texts())),
        description=_or(descriptions, lambda: _optional(texts(max_size=2000))),
    )


@st.composite
def _offering(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    module_ids: SearchStrategy[str],
    starts_on: SearchStrategy[date],
    duration_days: SearchStrategy[int],
    capacities: SearchStrategy[int],
    locations: SearchStrategy[str | None],
    provider_ids: SearchStrategy[str | None],
) -> Offering:
    start = draw(starts_on)
    return Offering(
        id=draw(ids),
        module_id=draw(module_ids),
        starts_on=start,
        ends_on=_days_after(start, draw(duration_days)),
        capacity=draw(capacities),
        location=draw(locations),
        provider_id=draw(provider_ids),
    )


def offerings(
    *,
    ids: SearchStrategy[str] | None = None,
    module_ids: SearchStrategy[str] | None = None,
    starts_on: SearchStrategy[date] | None = None,
    duration_days: SearchStrategy[int] | None = None,
    capacities: SearchStrategy[int] | None = None,
    locations: SearchStrategy[str | None] | None = None,
    provider_ids: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Offering]:
    """:class:`~arbeit_gesundheit.Offering` values (scheduled runs of a module).

    ``duration_days`` draws how many days after ``starts_on`` the run ends (0-365).
    """
    return _offering(
        ids=_or(ids, identifiers),
        module_ids=_or(module_ids, identifiers),
        starts_on=_or(starts_on, dates),
        duration_days=_or(duration_days, lambda: _day_offsets(365)),
        capacities=_or(capacities, lambda: st.integers(1, 10_000)),
        locations=_or(locations, lambda: _optional(texts())),
        provider_ids=_or(provider_ids, lambda: _optional(identifiers())),
    )


def sessions(
    *,
    offering_ids: SearchStrategy[str] | None = None,
    numbers: SearchStrategy[int] | None = None,
    on: SearchStrategy[date] | None = None,
    starts_at: SearchStrategy[time | None] | None = None,
    minutes: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Session]:
    """:class:`~arbeit_gesundheit.Session` values (Kurstermine).

    Start times are whole minutes by default, as the data format keeps ``HH:MM``.
    """
    return st.builds(
        Session,
        offering_id=_or(offering_ids, identifiers),
        number=_or(numbers, lambda: st.integers(1, 1000)),
        on=_or(on, dates),
        starts_at=_or(starts_at, lambda: _optional(_times())),
        minutes=_or(minutes, lambda: _optional(st.integers(1, MAX_SESSION_MINUTES))),
    )


# -- participation ---------------------------------------------------------------------------


@st.composite
def _status_change(
    draw: st.DrawFn,
    *,
    statuses: SearchStrategy[EnrolmentStatus],
    on: SearchStrategy[date],
    reasons: SearchStrategy[DropoutReason | None] | None,
) -> StatusChange:
    status = draw(statuses)
    if reasons is not None:
        reason = draw(reasons)
    elif status is EnrolmentStatus.DROPPED:
        reason = draw(st.sampled_from(DropoutReason))
    else:
        reason = None
    return StatusChange(status=status, on=draw(on), reason=reason)


def status_changes(
    *,
    statuses: SearchStrategy[EnrolmentStatus] | None = None,
    on: SearchStrategy[date] | None = None,
    reasons: SearchStrategy[DropoutReason | None] | None = None,
) -> SearchStrategy[StatusChange]:
    """:class:`~arbeit_gesundheit.StatusChange` values (single history entries).

    Without ``reasons``, a reason is drawn for ``dropped`` entries only.
    """
    return _status_change(
        statuses=_or(statuses, lambda: st.sampled_from(EnrolmentStatus)),
        on=_or(on, dates),
        reasons=reasons,
    )


def _predecessors(status: EnrolmentStatus) -> list[EnrolmentStatus]:
    return [s for s in EnrolmentStatus if status in TRANSITIONS[s]]


@st.composite
def _enrolment(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    participants: SearchStrategy[str],
    offering_ids: SearchStrategy[str],
    statuses: SearchStrategy[EnrolmentStatus],
    enrolled_on: SearchStrategy[date],
    with_history: SearchStrategy[bool],
    step_days: SearchStrategy[int],
    dropout_reasons: SearchStrategy[DropoutReason],
) -> Enrolment:
    status = draw(statuses)
    reason = draw(dropout_reasons) if status is EnrolmentStatus.DROPPED else None
    history = []
    if draw(with_history):
        # Walk the lifecycle backwards from the current status to a state enrolments start in.
        path = [status]
        while path[0] not in INITIAL_STATES or (_predecessors(path[0]) and draw(st.booleans())):
            path.insert(0, draw(st.sampled_from(_predecessors(path[0]))))
        day = draw(enrolled_on)
        for index, entry_status in enumerate(path):
            if index:
                day = _days_after(day, draw(step_days))
            entry_reason = reason if entry_status is EnrolmentStatus.DROPPED else None
            history.append(StatusChange(status=entry_status, on=day, reason=entry_reason))
    return Enrolment(
        id=draw(ids),
        participant=draw(participants),
        offering_id=draw(offering_ids),
        status=status,
        history=history,
        dropout_reason=reason,
    )


def enrolments(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    offering_ids: SearchStrategy[str] | None = None,
    statuses: SearchStrategy[EnrolmentStatus] | None = None,
    enrolled_on: SearchStrategy[date] | None = None,
    with_history: SearchStrategy[bool] | None = None,
    step_days: SearchStrategy[int] | None = None,
    dropout_reasons: SearchStrategy[DropoutReason] | None = None,
) -> SearchStrategy[Enrolment]:
    """:class:`~arbeit_gesundheit.Enrolment` values (Teilnahmeplätze) with a valid history.

    ``participants`` draws pseudonyms. When ``with_history`` draws True (mostly, by
    default), the history follows the lifecycle (``arbeit_gesundheit.participation.TRANSITIONS``) from a state
    enrolments start in to the current status, starting on ``enrolled_on`` and advancing
    ``step_days`` (0-60) per entry; otherwise it is empty. Dropped enrolments carry a
    reason from ``dropout_reasons``, others none.
    """
    return _enrolment(
        ids=_or(ids, identifiers),
        participants=_or(participants, _pseudonyms),
        offering_ids=_or(offering_ids, identifiers),
        statuses=_or(statuses, lambda: st.sampled_from(EnrolmentStatus)),
        enrolled_on=_or(enrolled_on, dates),
        with_history=_or(with_history, lambda: st.sampled_from([True, True, True, False])),
        step_days=_or(step_days, lambda: _day_offsets(60)),
        dropout_reasons=_or(dropout_reasons, lambda: st.sampled_from(DropoutReason)),
    )


def attendances(
    *,
    enrolment_ids: SearchStrategy[str] | None = None,
    session_numbers: SearchStrategy[int] | None = None,
    statuses: SearchStrategy[AttendanceStatus] | None = None,
) -> SearchStrategy[Attendance]:
    """:class:`~arbeit_gesundheit.Attendance` values (Anwesenheit)."""
    return st.builds(
        Attendance,
        enrolment_id=_or(enrolment_ids, identifiers),
        session_number=_or(session_numbers, lambda: st.integers(1, 1000)),
        status=_or(statuses, lambda: st.sampled_from(AttendanceStatus)),
    )


# -- activity plans --------------------------------------------------------------------------


def recommendations(
    *,
    categories: SearchStrategy[RecommendationCategory] | None = None,
    issued_on: SearchStrategy[date] | None = None,
    sources: SearchStrategy[RecommendationSource] | None = None,
) -> SearchStrategy[Recommendation]:
    """:class:`~arbeit_gesundheit.Recommendation` values (categories from medical reports)."""
    return st.builds(
        Recommendation,
        category=_or(categories, lambda: st.sampled_from(RecommendationCategory)),
        issued_on=_or(issued_on, dates),
        source=_or(sources, lambda: st.sampled_from(RecommendationSource)),
    )


_CLOSED_REFERRALS = (ReferralStatus.COMPLETED, ReferralStatus.DECLINED)


@st.composite
def _referral(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    participants: SearchStrategy[str],
    carriers: SearchStrategy[Carrier],
    referred_on: SearchStrategy[date],
    partner_ids: SearchStrategy[str | None],
    offers: SearchStrategy[str | None],
    statuses: SearchStrategy[ReferralStatus],
    closed_after_days: SearchStrategy[int],
) -> Referral:
    start = draw(referred_on)
    status = draw(statuses)
    days = draw(closed_after_days) if status in _CLOSED_REFERRALS else None
    return Referral(
        id=draw(ids),
        participant=draw(participants),
        carrier=draw(carriers),
        referred_on=start,
        partner_id=draw(partner_ids),
        offer=draw(offers),
        status=status,
        closed_on=None if days is None else _days_after(start, days),
    )


def referrals(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    carriers: SearchStrategy[Carrier] | None = None,
    referred_on: SearchStrategy[date] | None = None,
    partner_ids: SearchStrategy[str | None] | None = None,
    offers: SearchStrategy[str | None] | None = None,
    statuses: SearchStrategy[ReferralStatus] | None = None,
    closed_after_days: SearchStrategy[int] | None = None,
) -> SearchStrategy[Referral]:
    """:class:`~arbeit_gesundheit.Referral` values (Vermittlungen to other carriers).

    Completed and declined referrals get a closing day ``closed_after_days`` after
    ``referred_on``; open and accepted ones none.
    """
    return _referral(
        ids=_or(ids, identifiers),
        participants=_or(participants, _pseudonyms),
        carriers=_or(carriers, lambda: st.sampled_from(Carrier)),
        referred_on=_or(referred_on, dates),
        partner_ids=_or(partner_ids, lambda: _optional(identifiers())),
        offers=_or(offers, lambda: _optional(texts())),
        statuses=_or(statuses, lambda: st.sampled_from(ReferralStatus)),
        closed_after_days=_or(closed_after_days, lambda: _day_offsets(365)),
    )


@st.composite
def _step(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    descriptions: SearchStrategy[str],
    due_on: SearchStrategy[date],
    statuses: SearchStrategy[StepStatus],
    done_on: SearchStrategy[date],
) -> Step:
    status = draw(statuses)
    return Step(
        id=draw(ids),
        description=draw(descriptions),
        due_on=draw(due_on),
        status=status,
        done_on=draw(done_on) if status is StepStatus.DONE else None,
    )


def steps(
    *,
    ids: SearchStrategy[str] | None = None,
    descriptions: SearchStrategy[str] | None = None,
    due_on: SearchStrategy[date] | None = None,
    statuses: SearchStrategy[StepStatus] | None = None,
    done_on: SearchStrategy[date] | None = None,
) -> SearchStrategy[Step]:
    """:class:`~arbeit_gesundheit.Step` values; ``done_on`` is drawn exactly for done steps."""
    return _step(
        ids=_or(ids, identifiers),
        descriptions=_or(descriptions, lambda: texts(max_size=500)),
        due_on=_or(due_on, dates),
        statuses=_or(statuses, lambda: st.sampled_from(StepStatus)),
        done_on=_or(done_on, dates),
    )


_steps = steps


def goals(
    *,
    ids: SearchStrategy[str] | None = None,
    fields_of_action: SearchStrategy[FieldOfAction] | None = None,
    descriptions: SearchStrategy[str] | None = None,
    due_on: SearchStrategy[date] | None = None,
    targets: SearchStrategy[str | None] | None = None,
    steps: SearchStrategy[Iterable[Step]] | None = None,
) -> SearchStrategy[Goal]:
    """:class:`~arbeit_gesundheit.Goal` values (goals of an activity plan)."""
    return st.builds(
        Goal,
        id=_or(ids, identifiers),
        field_of_action=_or(fields_of_action, lambda: st.sampled_from(FieldOfAction)),
        description=_or(descriptions, lambda: texts(max_size=500)),
        due_on=_or(due_on, dates),
        target=_or(targets, lambda: _optional(texts(max_size=500))),
        steps=_or(steps, lambda: _small_tuples(_steps())),
    )


_goals = goals


def plan_reviews(
    *,
    on: SearchStrategy[date] | None = None,
    coach_ids: SearchStrategy[str] | None = None,
    notes: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[PlanReview]:
    """:class:`~arbeit_gesundheit.PlanReview` values (Fortschreibungen)."""
    return st.builds(
        PlanReview,
        on=_or(on, dates),
        coach_id=_or(coach_ids, identifiers),
        note=_or(notes, lambda: _optional(texts(max_size=2000))),
    )


_recommendations = recommendations


def _distinct_goals() -> SearchStrategy[tuple[Goal, ...]]:
    """Goals with distinct identifiers whose steps have distinct identifiers across the plan."""

    def distinct_steps(goals: list[Goal]) -> bool:
        ids = [s.id for g in goals for s in g.steps]
        return len(ids) == len(set(ids))

    return (
        st.lists(_goals(), max_size=_MAX_ITEMS, unique_by=lambda g: g.id)
        .filter(distinct_steps)
        .map(tuple)
    )


def activity_plans(
    *,
    ids: SearchStrategy[str] | None = None,
    participants: SearchStrategy[str] | None = None,
    coach_ids: SearchStrategy[str] | None = None,
    created_on: SearchStrategy[date] | None = None,
    goals: SearchStrategy[Iterable[Goal]] | None = None,
    recommendations: SearchStrategy[Iterable[Recommendation]] | None = None,
    referral_ids: SearchStrategy[Iterable[str]] | None = None,
    reviews: SearchStrategy[Iterable[PlanReview]] | None = None,
) -> SearchStrategy[ActivityPlan]:
    """:class:`~arbeit_gesundheit.ActivityPlan` values (Aktivitätspläne).

    ``participants`` draws pseudonyms; the collections default to up to three items each,
    with goals and steps identified uniquely within the plan.
    """
    return st.builds(
        ActivityPlan,
        id=_or(ids, identifiers),
        participant=_or(participants, _pseudonyms),
        coach_id=_or(coach_ids, identifiers),
        created_on=_or(created_on, dates),
        goals=_or(goals, _distinct_goals),
        recommendations=_or(recommendations, lambda: _small_tuples(_recommendations())),
        referral_ids=_or(referral_ids, lambda: _small_tuples(identifiers())),
        reviews=_or(reviews, lambda: _small_tuples(plan_reviews())),
    )


def needs_assessments(
    *,
    participants: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    needs: SearchStrategy[Iterable[FieldOfAction]] | None = None,
    coach_ids: SearchStrategy[str | None] | None = None,
    offices: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[NeedsAssessment]:
    """:class:`~arbeit_gesundheit.NeedsAssessment` values (Bedarfsermittlung)."""
    return st.builds(
        NeedsAssessment,
        participant=_or(participants, _pseudonyms),
        on=_or(on, dates),
        needs=_or(needs, lambda: _small_sets(st.sampled_from(FieldOfAction))),
        coach_id=_or(coach_ids, lambda: _optional(identifiers())),
        office=_or(offices, lambda: _optional(texts())),
    )


# -- assessments, outcomes, events, reviews --------------------------------------------------


def assessments(
    *,
    participants: SearchStrategy[str] | None = None,
    instruments: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    answers: SearchStrategy[Mapping[str, int]] | None = None,
) -> SearchStrategy[Assessment]:
    """:class:`~arbeit_gesundheit.Assessment` values (questionnaire answers).

    ``answers`` defaults to up to eight items scored 0-10.
    """
    return st.builds(
        Assessment,
        participant=_or(participants, _pseudonyms),
        instrument=_or(instruments, lambda: st.sampled_from(["who5", "phq4"]) | identifiers()),
        on=_or(on, dates),
        answers=_or(
            answers, lambda: st.dictionaries(identifiers(), st.integers(0, 10), max_size=8)
        ),
    )


def outcomes(
    *,
    participants: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[OutcomeKind] | None = None,
    on: SearchStrategy[date] | None = None,
    partner_ids: SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Outcome]:
    """:class:`~arbeit_gesundheit.Outcome` values (Integration in Arbeit and others)."""
    return st.builds(
        Outcome,
        participant=_or(participants, _pseudonyms),
        kind=_or(kinds, lambda: st.sampled_from(OutcomeKind)),
        on=_or(on, dates),
        partner_id=_or(partner_ids, lambda: _optional(identifiers())),
    )


@st.composite
def _event(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str],
    site_ids: SearchStrategy[str],
    titles: SearchStrategy[str],
    on: SearchStrategy[date],
    duration_days: SearchStrategy[int | None],
    formats: SearchStrategy[EventFormat],
    partner_ids: SearchStrategy[Iterable[str]],
    visitors: SearchStrategy[int | None],
    activities: SearchStrategy[Iterable[str]],
) -> Event:
    start = draw(on)
    days = draw(duration_days)
    return Event(
        id=draw(ids),
        site_id=draw(site_ids),
        title=draw(titles),
        on=start,
        ends_on=None if days is None else _days_after(start, days),
        format=draw(formats),
        partner_ids=draw(partner_ids),
        visitors=draw(visitors),
        activities=draw(activities),
    )


def events(
    *,
    ids: SearchStrategy[str] | None = None,
    site_ids: SearchStrategy[str] | None = None,
    titles: SearchStrategy[str] | None = None,
    on: SearchStrategy[date] | None = None,
    duration_days: SearchStrategy[int | None] | None = None,
    formats: SearchStrategy[EventFormat] | None = None,
    partner_ids: SearchStrategy[Iterable[str]] | None = None,
    visitors: SearchStrategy[int | None] | None = None,
    activities: SearchStrategy[Iterable[str]] | None = None,
) -> SearchStrategy[Event]:
    """:class:`~arbeit_gesundheit.Event` values (Gesundheitstage, digital health weeks).

    ``duration_days`` draws how many days after ``on`` a multi-day event ends (None: one
    day); ``visitors`` defaults to 0-5000 or None.
    """
    return _event(
        ids=_or(ids, identifiers),
        site_ids=_or(site_ids, identifiers),
        titles=_or(titles, texts),
        on=_or(on, dates),
        duration_days=_or(duration_days, lambda: _optional(_day_offsets(14))),
        formats=_or(formats, lambda: st.sampled_from(EventFormat)),
        partner_ids=_or(partner_ids, lambda: _small_sets(identifiers())),
        visitors=_or(visitors, lambda: _optional(st.integers(0, 5000))),
        activities=_or(activities, lambda: _small_tuples(texts())),
    )


def review_notes(
    *,
    kinds: SearchStrategy[NoteKind] | None = None,
    texts: SearchStrategy[str] | None = None,
) -> SearchStrategy[ReviewNote]:
    """:class:`~arbeit_gesundheit.ReviewNote` values (successes, needs, decisions)."""
    return st.builds(
        ReviewNote,
        kind=_or(kinds, lambda: st.sampled_from(NoteKind)),
        text=_or(texts, lambda: _texts(max_size=2000)),
    )


_texts = texts


def annual_reviews(
    *,
    site_ids: SearchStrategy[str] | None = None,
    years: SearchStrategy[int] | None = None,
    targets: SearchStrategy[Mapping[str, float]] | None = None,
    notes: SearchStrategy[Iterable[ReviewNote]] | None = None,
    next_targets: SearchStrategy[Mapping[str, float]] | None = None,
) -> SearchStrategy[AnnualReview]:
    """:class:`~arbeit_gesundheit.AnnualReview` values (Bilanz of the decision-makers).

    Targets map metric identifiers to finite non-negative numbers (ints or floats).
    """
    return st.builds(
        AnnualReview,
        site_id=_or(site_ids, identifiers),
        year=_or(years, lambda: st.integers(2000, 2100)),
        targets=_or(targets, lambda: st.dictionaries(identifiers(), _numbers(), max_size=4)),
        notes=_or(notes, lambda: _small_tuples(review_notes())),
        next_targets=_or(
            next_targets, lambda: st.dictionaries(identifiers(), _numbers(), max_size=4)
        ),
    )


# -- the data file ---------------------------------------------------------------------------

_sites = sites
_partners = partners
_coaches = coaches
_modules = modules
_offerings = offerings
_sessions = sessions
_participants = participants
_enrolments = enrolments
_attendances = attendances
_needs_assessments = needs_assessments
_referrals = referrals
_assessments = assessments
_outcomes = outcomes
_events = events


def datasets(
    *,
    format_versions: SearchStrategy[int] | None = None,
    sites: SearchStrategy[Iterable[Site]] | None = None,
    partners: SearchStrategy[Iterable[Partner]] | None = None,
    agreements: SearchStrategy[Iterable[CooperationAgreement]] | None = None,
    coaches: SearchStrategy[Iterable[Coach]] | None = None,
    modules: SearchStrategy[Iterable[Module]] | None = None,
    offerings: SearchStrategy[Iterable[Offering]] | None = None,
    sessions: SearchStrategy[Iterable[Session]] | None = None,
    participants: SearchStrategy[Iterable[Participant]] | None = None,
    enrolments: SearchStrategy[Iterable[Enrolment]] | None = None,
    attendances: SearchStrategy[Iterable[Attendance]] | None = None,
    needs_assessments: SearchStrategy[Iterable[NeedsAssessment]] | None = None,
    plans: SearchStrategy[Iterable[ActivityPlan]] | None = None,
    referrals: SearchStrategy[Iterable[Referral]] | None = None,
    assessments: SearchStrategy[Iterable[Assessment]] | None = None,
    outcomes: SearchStrategy[Iterable[Outcome]] | None = None,
    events: SearchStrategy[Iterable[Event]] | None = None,
    reviews: SearchStrategy[Iterable[AnnualReview]] | None = None,
) -> SearchStrategy[Dataset]:
    """:class:`~arbeit_gesundheit.Dataset` values (a site's whole data file).

    Every collection defaults to at most two records (small datasets keep tests fast) and
    the records do not refer to each other. For linked records, draw shared identifiers
    first, for example::

        @st.composite
        def linked(draw):
            people = draw(st.lists(participants(), min_size=1, max_size=5))
            names = st.sampled_from([p.pseudonym for p in people])
            return draw(datasets(participants=st.just(people),
                                 enrolments=st.lists(enrolments(participants=names))))
    """

    def few(elements: SearchStrategy[T]) -> SearchStrategy[tuple[T, ...]]:
        return st.lists(elements, max_size=2).map(tuple)

    return st.builds(
        Dataset,
        format_version=_or(format_versions, lambda: st.just(FORMAT_VERSION)),
        sites=_or(sites, lambda: few(_sites())),
        partners=_or(partners, lambda: few(_partners())),
        agreements=_or(agreements, lambda: few(cooperation_agreements())),
        coaches=_or(coaches, lambda: few(_coaches())),
        modules=_or(modules, lambda: few(_modules())),
        offerings=_or(offerings, lambda: few(_offerings())),
        sessions=_or(sessions, lambda: few(_sessions())),
        participants=_or(participants, lambda: few(_participants())),
        enrolments=_or(enrolments, lambda: few(_enrolments())),
        attendances=_or(attendances, lambda: few(_attendances())),
        needs_assessments=_or(needs_assessments, lambda: few(_needs_assessments())),
        plans=_or(plans, lambda: few(activity_plans())),
        referrals=_or(referrals, lambda: few(_referrals())),
        assessments=_or(assessments, lambda: few(_assessments())),
        outcomes=_or(outcomes, lambda: few(_outcomes())),
        events=_or(events, lambda: few(_events())),
        reviews=_or(reviews, lambda: few(annual_reviews())),
    )


# Importing this module registers the strategies too, for environments where the package's
# entry points are not installed (a source checkout on ``sys.path``).
_hypothesis_setup_hook()
