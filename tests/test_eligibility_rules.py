"""The core building blocks of eligibility rules: boundaries, missing data and texts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    LONG_TERM_UNEMPLOYMENT_DAYS,
    BenefitType,
    Consent,
    ConsentPurpose,
    DataCategory,
    FieldOfAction,
    HealthRestriction,
    InvalidFieldError,
    Land,
    Module,
    ModuleFormat,
    Participant,
    RestrictionCategory,
    Severity,
    Site,
)
from arbeit_gesundheit.eligibility import (
    AgeBetween,
    BenefitIn,
    EligibilityContext,
    HasConsent,
    HasRestriction,
    LongTermUnemployed,
    NotEnrolledInModule,
    ResidesInArea,
    Rule,
    Verdict,
    all_of,
    evaluate,
)

MET, NOT_MET, UNKNOWN = Verdict.MET, Verdict.NOT_MET, Verdict.UNKNOWN
AS_OF = date(2024, 3, 1)
SITE = Site("site-a", "Jobcenter A", Land.NW, district_keys={"05513", "05562"})
MODULE = Module("rundum-fit", "Rundum fit", FieldOfAction.MOVEMENT, ModuleFormat.COURSE_SERIES)
CONTEXT = EligibilityContext(AS_OF, site=SITE, module=MODULE)


def person(**changes: Any) -> Participant:
    base = Participant("p-001", "site-a", 1980, BenefitType.SGB_II)
    return attrs.evolve(base, **changes)


# -- long-term unemployment ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "verdict"), [(0, NOT_MET), (364, NOT_MET), (365, MET), (366, MET)]
)
def test_long_term_unemployment_starts_at_365_days(days: int, verdict: Verdict) -> None:
    someone = person(unemployed_since=AS_OF - timedelta(days))
    result = LongTermUnemployed()(someone, CONTEXT)
    assert result.verdict is verdict
    assert result.detail == days
    assert result.missing == ()
    relation = "mindestens" if verdict is MET else "weniger als"
    assert result.reason() == f"seit {days} Tagen arbeitslos, {relation} 365 Tage"


def test_long_term_unemployment_is_unknown_without_a_start() -> None:
    result = LongTermUnemployed()(person(), CONTEXT)
    assert result.verdict is UNKNOWN
    assert result.missing == ("unemployed_since",)
    assert "nicht erfasst" in result.reason()
    assert "not recorded" in result.reason("en")
    assert evaluate(LongTermUnemployed(), person(), CONTEXT).missing == ("unemployed_since",)


def test_a_start_after_the_as_of_date_counts_as_zero_days() -> None:
    result = LongTermUnemployed()(person(unemployed_since=AS_OF + timedelta(10)), CONTEXT)
    assert (result.verdict, result.detail) == (NOT_MET, 0)


def test_a_site_threshold_is_kept_apart_from_the_statutory_definition() -> None:
    statutory, site_rule = LongTermUnemployed(), LongTermUnemployed(180, id="site.unemployed_180")
    assert statutory.min_days == LONG_TERM_UNEMPLOYMENT_DAYS
    assert statutory.is_statutory
    assert "§ 18 SGB III" in statutory.label()
    assert "§18 SGB III" in statutory.label("en")
    assert not site_rule.is_statutory
    assert "Standortregel, nicht § 18 SGB III" in site_rule.label()
    assert "site rule, not §18 SGB III" in site_rule.label("en")
    someone = person(unemployed_since=AS_OF - timedelta(200))
    assert statutory(someone, CONTEXT).verdict is NOT_MET
    assert site_rule(someone, CONTEXT).verdict is MET
    with pytest.raises(InvalidFieldError, match="min_days"):
        LongTermUnemployed(0)


@given(st.from_type(Participant), st.dates(date(2000, 1, 1), date(2035, 12, 31)))
def test_long_term_unemployment_agrees_with_the_participant_model(
    someone: Participant, as_of: date
) -> None:
    result = LongTermUnemployed()(someone, EligibilityContext(as_of))
    expected = someone.is_long_term_unemployed(as_of)
    assert result.verdict is {True: MET, False: NOT_MET, None: UNKNOWN}[expected]


# -- age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        (25, None, UNKNOWN),  # 24 or 25: the birthday decides
        (24, None, MET),
        (26, None, NOT_MET),
        (None, 24, UNKNOWN),
        (None, 25, MET),
        (None, 23, NOT_MET),
        (18, 24, UNKNOWN),
        (24, 25, MET),
        (25, 25, UNKNOWN),
    ],
)
def test_age_from_the_birth_year_alone(low: int | None, high: int | None, verdict: Verdict) -> None:
    someone = person(birth_year=1999)  # on 2024-03-01: 24 or 25 years old
    result = AgeBetween(low, high)(someone, CONTEXT)
    assert result.verdict is verdict
    assert result.detail == (24, 25)
    assert result.missing == (("birth_date",) if verdict is UNKNOWN else ())
    assert "24 oder 25 Jahre" in result.reason()
    assert "24 or 25 years" in result.reason("en")


def test_age_by_calendar_year_is_never_unknown() -> None:
    someone = person(birth_year=1999)
    rule = AgeBetween(25, by_year=True)
    result = rule(someone, CONTEXT)
    assert (result.verdict, result.detail, result.missing) == (MET, (25, 25), ())
    assert rule.label() == "Alter ab 25 Jahren (im Kalenderjahr)"
    assert AgeBetween(26, by_year=True)(someone, CONTEXT).verdict is NOT_MET


@given(
    st.from_type(Participant),
    st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    st.one_of(st.none(), st.integers(0, 100)),
    st.one_of(st.none(), st.integers(0, 30)),
    st.booleans(),
)
def test_age_verdict_follows_the_possible_ages(
    someone: Participant, as_of: date, low: int | None, extra: int | None, by_year: bool
) -> None:
    if low is None and extra is None:
        extra = 10
    high = None if extra is None else (low or 0) + extra
    result = AgeBetween(low, high, by_year=by_year)(someone, EligibilityContext(as_of))
    if by_year:
        possible = {max(someone.age_in_year(as_of.year), 0)}
    else:
        possible = set(someone.age_bounds(as_of))

    def inside(age: int) -> bool:
        return (low is None or age >= low) and (high is None or age <= high)

    if result.verdict is MET:
        assert all(inside(age) for age in possible)
    elif result.verdict is NOT_MET:
        assert not any(inside(age) for age in possible)
    else:
        assert not by_year
        assert any(inside(age) for age in possible)
        assert not all(inside(a) for a in possible)
        assert result.missing == ("birth_date",)


def test_age_rule_checks_its_bounds() -> None:
    with pytest.raises(InvalidFieldError, match="max_age"):
        AgeBetween()
    with pytest.raises(InvalidFieldError, match="max_age"):
        AgeBetween(50, 40)
    with pytest.raises(InvalidFieldError, match="min_age"):
        AgeBetween(-1)
    assert AgeBetween(25, 49).label() == "Alter 25 bis 49 Jahre"
    assert AgeBetween(None, 24).label("en") == "age up to 24 years"


# -- health restrictions -------------------------------------------------------------------


def test_health_restriction_categories_and_severity() -> None:
    mental_unrated = HealthRestriction(RestrictionCategory.MENTAL)
    back_serious = HealthRestriction(RestrictionCategory.MUSCULOSKELETAL, Severity.SERIOUS)
    someone = person(restrictions=[mental_unrated, back_serious])
    assert HasRestriction()(someone, CONTEXT).verdict is MET
    assert HasRestriction()(person(), CONTEXT).verdict is NOT_MET
    mental = HasRestriction({RestrictionCategory.MENTAL})
    assert mental(someone, CONTEXT).verdict is MET
    graded = HasRestriction({RestrictionCategory.MENTAL}, Severity.MODERATE)
    result = graded(someone, CONTEXT)
    assert (result.verdict, result.missing) == (UNKNOWN, ("restrictions.severity",))
    assert result.reason() == "Einschränkung im Bereich psychisch ohne erfasste Ausprägung"
    assert HasRestriction(min_severity=Severity.SERIOUS)(someone, CONTEXT).verdict is MET
    rated = person(restrictions=[HealthRestriction(RestrictionCategory.MENTAL, Severity.MILD)])
    assert graded(rated, CONTEXT).verdict is NOT_MET
    assert graded.label() == "gesundheitliche Einschränkung (psychisch, mindestens mittel)"
    assert graded.label("en") == "health restriction (mental, at least moderate)"
    assert "keine passende Einschränkung" in graded(rated, CONTEXT).reason()


# -- consent -------------------------------------------------------------------------------


def test_consent_must_be_valid_on_the_as_of_date() -> None:
    consent = Consent(
        ConsentPurpose.PROGRAMME_PARTICIPATION, date(2024, 1, 1), withdrawn_on=date(2024, 3, 2)
    )
    someone = person(consents=[consent])
    rule = HasConsent(ConsentPurpose.PROGRAMME_PARTICIPATION)
    assert rule.id == "consent.programme_participation"
    for day, verdict in [
        (date(2023, 12, 31), NOT_MET),
        (date(2024, 1, 1), MET),
        (date(2024, 3, 1), MET),
        (date(2024, 3, 2), NOT_MET),  # withdrawn that day
    ]:
        result = rule(someone, EligibilityContext(day))
        assert result.verdict is verdict
        assert result.missing == ()
    assert rule(someone, CONTEXT).reason() == "Einwilligung am 01.03.2024 gültig"
    late = rule(someone, EligibilityContext(date(2024, 3, 2)))
    assert late.reason() == "keine am 02.03.2024 gültige Einwilligung (Programmteilnahme)"
    assert late.reason("en") == "no consent valid on 2024-03-02 (programme participation)"


def test_consent_for_sharing_names_the_recipient() -> None:
    sharing = Consent(
        ConsentPurpose.DATA_SHARING,
        date(2024, 1, 1),
        recipients={"aok-plus"},
        data_categories={DataCategory.PARTICIPATION},
    )
    someone = person(consents=[sharing])
    to_aok = HasConsent(ConsentPurpose.DATA_SHARING, "aok-plus", id="consent.aok")
    to_other = HasConsent(ConsentPurpose.DATA_SHARING, "other", id="consent.other")
    health = HasConsent(
        ConsentPurpose.DATA_SHARING, "aok-plus", DataCategory.ASSESSMENTS, id="consent.health"
    )
    assert to_aok(someone, CONTEXT).verdict is MET
    assert to_other(someone, CONTEXT).verdict is NOT_MET
    assert health(someone, CONTEXT).verdict is NOT_MET
    assert to_aok.label() == "gültige Einwilligung: Weitergabe an Partner an aok-plus"
    decision = evaluate(all_of(to_aok, to_other), someone, CONTEXT)
    assert [r.rule_id for r in decision.results] == ["consent.aok", "consent.other"]


# -- residence -----------------------------------------------------------------------------


def test_residence_in_the_site_area() -> None:
    rule = ResidesInArea()
    assert rule(person(district_key="05513"), CONTEXT).verdict is MET
    outside = rule(person(district_key="05512"), CONTEXT)
    assert outside.verdict is NOT_MET
    assert outside.reason() == "wohnt im Kreis 05512, außerhalb des Gebiets"
    unknown = rule(person(), CONTEXT)
    assert (unknown.verdict, unknown.missing) == (UNKNOWN, ("district_key",))
    assert unknown.reason() == "Wohnort (Kreisschlüssel) nicht erfasst"
    no_site = rule(person(district_key="05513"), EligibilityContext(AS_OF))
    assert (no_site.verdict, no_site.missing) == (UNKNOWN, ("context.site",))
    bare = attrs.evolve(SITE, district_keys=frozenset())
    no_area = rule(person(district_key="05513"), EligibilityContext(AS_OF, site=bare))
    assert (no_area.verdict, no_area.missing) == (UNKNOWN, ("site.district_keys",))
    own = ResidesInArea({"05512"}, id="residence.gelsenkirchen_sued")
    assert own(person(district_key="05512"), EligibilityContext(AS_OF)).verdict is MET
    assert own.label() == "Wohnort in 05512"


# -- enrolment -----------------------------------------------------------------------------


def test_not_already_enrolled_in_the_module() -> None:
    rule = NotEnrolledInModule()
    enrolled = EligibilityContext(AS_OF, module=MODULE, enrolled_module_ids={"rundum-fit"})
    other = EligibilityContext(AS_OF, module=MODULE, enrolled_module_ids={"aktiva"})
    assert rule(person(), enrolled).verdict is NOT_MET
    assert rule(person(), enrolled).reason() == "bereits im Modul rundum-fit angemeldet"
    assert rule(person(), other).verdict is MET
    no_module = rule(person(), EligibilityContext(AS_OF))
    assert (no_module.verdict, no_module.missing) == (UNKNOWN, ("context.module",))


# -- benefit -------------------------------------------------------------------------------


def test_benefit_type() -> None:
    rule = BenefitIn({BenefitType.SGB_II, BenefitType.BOTH})
    assert rule(person(), CONTEXT).verdict is MET
    assert rule(person(), CONTEXT).reason() == "bezieht SGB II (Bürgergeld)"
    result = rule(person(benefit=BenefitType.SGB_III), CONTEXT)
    assert result.verdict is NOT_MET
    assert result.reason() == (
        "bezieht SGB III (Arbeitslosengeld), verlangt ist SGB II (Bürgergeld) oder SGB II und SGB III"
    )
    assert result.reason("en").startswith("receives SGB III (unemployment benefit), required is")
    assert rule.label() == "Leistungsbezug: SGB II (Bürgergeld) oder SGB II und SGB III"
    with pytest.raises(InvalidFieldError, match="benefits"):
        BenefitIn(set())
    with pytest.raises(InvalidFieldError, match="benefits"):
        BenefitIn({"sgb2"})


def test_labels_can_be_overridden_and_validity_set() -> None:
    rule = BenefitIn(
        {BenefitType.SGB_II},
        id="site.sgb2",
        label_de="Bürgergeld",
        label_en="citizen's benefit",
        valid_until=date(2023, 12, 31),
    )
    assert (rule.label(), rule.label("en")) == ("Bürgergeld", "citizen's benefit")
    assert not rule.is_valid_on(AS_OF)
    assert evaluate(rule, person(), CONTEXT).results == ()
    with pytest.raises(InvalidFieldError, match="valid_until"):
        BenefitIn({BenefitType.SGB_II}, valid_from=AS_OF, valid_until=date(2020, 1, 1))
    with pytest.raises(InvalidFieldError, match="id"):
        BenefitIn({BenefitType.SGB_II}, id="no spaces allowed")


# -- no core rule ever raises --------------------------------------------------------------

core_rules = st.one_of(
    st.builds(BenefitIn, st.frozensets(st.sampled_from(list(BenefitType)), min_size=1)),
    st.builds(LongTermUnemployed, st.integers(1, 3000)),
    st.builds(
        lambda low, span, by_year: AgeBetween(
            low, None if span is None else low + span, by_year=by_year
        ),
        st.integers(0, 100),
        st.one_of(st.none(), st.integers(0, 30)),
        st.booleans(),
    ),
    st.builds(
        HasRestriction,
        st.frozensets(st.sampled_from(list(RestrictionCategory))),
        st.one_of(st.none(), st.sampled_from(list(Severity))),
    ),
    st.builds(HasConsent, st.sampled_from(list(ConsentPurpose))),
    st.builds(ResidesInArea, st.frozensets(st.sampled_from(["05513", "05562", "16070"]))),
    st.just(NotEnrolledInModule()),
)

contexts = st.builds(
    EligibilityContext,
    st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    st.one_of(st.none(), st.from_type(Site)),
    st.one_of(st.none(), st.from_type(Module)),
    st.frozensets(st.sampled_from(["rundum-fit", "aktiva", "m1"])),
)


@given(core_rules, st.from_type(Participant), contexts)
def test_core_rules_never_raise_and_name_what_is_missing(
    rule: Rule, someone: Participant, context: EligibilityContext
) -> None:
    result = rule(someone, context)
    assert result.rule is rule
    assert isinstance(result.verdict, Verdict)
    assert (result.verdict is UNKNOWN) == bool(result.missing)
    german, english = result.reason(), result.reason("en")
    assert german
    assert english
    assert german != english
    assert rule.label()
    assert rule.label("en")
    decision = evaluate(rule, someone, context)
    assert decision.results == (result,)
    assert decision.verdict is result.verdict
    assert decision.missing == tuple(sorted(result.missing))


@given(st.lists(core_rules, min_size=1, max_size=6), st.from_type(Participant), contexts)
def test_a_catalogue_rule_of_core_blocks_decides_every_participant(
    rules: list[Rule], someone: Participant, context: EligibilityContext
) -> None:
    distinct = list({rule.id: rule for rule in rules}.values())
    decision = evaluate(all_of(*distinct), someone, context)
    assert len(decision.results) == len(distinct)
    assert decision.explain()
    assert decision.explain("en")
    assert decision.audit_record(AS_OF).criteria
