"""FHIR R5 mapping: every resource and bundle validates; person-level data only with consent."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.careplan import CarePlan
from fhir.resources.organization import Organization
from hypothesis import assume, given
from hypothesis import strategies as st

from arbeit_gesundheit import (
    ActivityPlan,
    BenefitType,
    Certification,
    Consent,
    ConsentPurpose,
    DataCategory,
    FieldOfAction,
    Goal,
    Land,
    Module,
    ModuleFormat,
    Participant,
    Partner,
    PartnerKind,
    Site,
    Step,
    StepStatus,
    label,
)
from arbeit_gesundheit.exceptions import (
    ArbeitGesundheitError,
    FhirValidationError,
    InvalidFieldError,
    MissingExtraError,
)
from arbeit_gesundheit.fhir import (
    BASE_URL,
    ExclusionReason,
    MeasureFigure,
    StratumFigure,
    bundle_json,
    care_plans_bundle,
    catalogue_bundle,
    code_system,
    healthcare_service,
    identifier_system,
    measure_report,
    organization,
    to_bundle,
    validate_bundle,
)
from arbeit_gesundheit.testing import strategies as ags

RECIPIENT = "bt-ruhr"
OTHER = "kk-plus"
ON = date(2024, 6, 1)
PSEUDONYM_SYSTEM = identifier_system("pseudonym")


def resources_of(bundle: Bundle | dict[str, Any]) -> list[dict[str, Any]]:
    document = bundle if isinstance(bundle, dict) else json.loads(bundle_json(bundle))
    return [entry["resource"] for entry in document.get("entry", [])]


def by_type(bundle: Bundle | dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [r for r in resources_of(bundle) if r["resourceType"] == resource_type]


def walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def pseudonyms_in(document: dict[str, Any]) -> set[str]:
    return {
        value["value"]
        for _, value in walk(document)
        if isinstance(value, dict) and value.get("system") == PSEUDONYM_SYSTEM
    }


def round_trips(bundle: Bundle) -> bool:
    text = bundle.model_dump_json()
    return Bundle.model_validate_json(text).model_dump_json() == text


# --- strategies -----------------------------------------------------------------------

# Pseudonyms of a fixed shape that cannot occur by chance in ids, UUIDs or dates.
test_pseudonyms = st.integers(0, 99_999).map("TN-{:05d}-X".format)

sharing_consents = ags.consents(
    purposes=st.sampled_from([ConsentPurpose.DATA_SHARING, ConsentPurpose.EVALUATION]),
    given_on=ags.dates(min_value=date(2023, 1, 1), max_value=date(2024, 12, 31)),
    recipients=st.frozensets(st.sampled_from([RECIPIENT, OTHER]), max_size=2),
    data_categories=st.frozensets(
        st.sampled_from([DataCategory.ACTIVITY_PLAN, DataCategory.OUTCOMES]), max_size=2
    ),
    expires_after_days=st.none() | st.integers(0, 800),
    withdrawn_after_days=st.none() | st.integers(0, 800),
)
valid_consents = ags.consents(
    purposes=st.just(ConsentPurpose.DATA_SHARING),
    given_on=ags.dates(min_value=date(2023, 1, 1), max_value=ON),
    recipients=st.just({RECIPIENT}),
    data_categories=st.just(set()) | st.just({DataCategory.ACTIVITY_PLAN}),
    expires_after_days=st.none(),
    withdrawn_after_days=st.none(),
)


short_texts = ags.texts(max_size=30)
plan_steps = st.lists(
    ags.steps(ids=st.sampled_from(["s1", "s2", "s3"]), descriptions=short_texts),
    max_size=2,
    unique_by=lambda s: s.id,
)
plan_goals = st.lists(
    ags.goals(
        ids=st.sampled_from(["g1", "g2", "g3"]),
        descriptions=short_texts,
        targets=st.none() | short_texts,
        steps=plan_steps,
    ),
    max_size=2,
    unique_by=lambda g: g.id,
)


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[list[ActivityPlan], list[Participant]]:
    names = draw(st.lists(test_pseudonyms, min_size=1, max_size=4, unique=True))
    people = [
        draw(
            ags.participants(
                pseudonyms=st.just(name),
                site_ids=st.just("jc-ge"),
                birth_years=st.integers(1930, 1989),
                consents=st.lists(valid_consents | sharing_consents, max_size=3),
                restrictions=st.just(()),
            )
        )
        for name in names
    ]
    # Some plans belong to pseudonyms without a participant record.
    owners = st.sampled_from(names) | test_pseudonyms
    plan_ids = draw(st.lists(st.integers(0, 999), max_size=5, unique=True))
    plans = [
        draw(
            ags.activity_plans(
                ids=st.just(f"plan-{n}"),
                participants=owners,
                goals=plan_goals,
                recommendations=st.just(()),
                referral_ids=st.just(()),
                reviews=st.just(()),
            )
        )
        for n in plan_ids
    ]
    return plans, people


# --- organisations and catalogue ------------------------------------------------------


@given(partner=ags.partners(), lang=st.sampled_from(["de", "en"]))
def test_partner_maps_to_organization(partner: Partner, lang: Any) -> None:
    org = organization(partner, lang=lang)
    assert isinstance(org, Organization)
    assert org.name == partner.name
    assert org.identifier[0].value == partner.id
    coding = org.type[0].coding[0]
    assert coding.system == code_system("partner-kind")
    assert coding.code == partner.kind.value
    assert coding.display == label(partner.kind, lang)
    again = Organization.model_validate_json(org.model_dump_json())
    assert again.model_dump_json() == org.model_dump_json()


def test_partner_display_is_german_by_default() -> None:
    org = organization(Partner(id="aok", name="AOK PLUS", kind=PartnerKind.HEALTH_INSURER))
    assert org.type[0].coding[0].display == "Krankenkasse"


@given(site=ags.sites())
def test_site_maps_to_organization(site: Site) -> None:
    org = organization(site)
    assert org.identifier[0].system == identifier_system("site-id")
    assert org.identifier[0].value == site.id
    assert org.contact[0].address.state == site.land.value
    assert org.id != organization(Partner(id=site.id, name="x", kind=PartnerKind.OTHER)).id


def test_organization_rejects_other_things() -> None:
    with pytest.raises(InvalidFieldError):
        organization("jc-ge")  # type: ignore[arg-type]


@given(module=ags.modules(), lang=st.sampled_from(["de", "en"]))
def test_module_maps_to_healthcare_service(module: Module, lang: Any) -> None:
    service = healthcare_service(module, programmes=["teamwork"], lang=lang)
    assert service.name == module.title
    assert service.category[0].coding[0].code == module.field_of_action.value
    assert service.category[0].coding[0].display == label(module.field_of_action, lang)
    assert service.type[0].coding[0].code == module.format.value
    assert str(module.sessions) in service.comment
    assert str(module.session_minutes) in service.comment
    assert service.program[0].coding[0].code == "teamwork"
    if module.provider_id is None:
        assert service.providedBy is None
    else:
        assert service.providedBy.identifier.value == module.provider_id
        assert service.providedBy.identifier.system == identifier_system("partner-id")


def test_healthcare_service_comment_and_provider_name() -> None:
    module = Module(
        id="rundum-fit",
        title="Rundum fit",
        field_of_action=FieldOfAction.MOVEMENT,
        format=ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=90,
        places=15,
        provider_id="bt-1",
        certification=Certification(id="KU-1", valid_until=date(2026, 12, 31)),
    )
    provider = Partner(id="bt-1", name="Bildungsträger Ruhr", kind=PartnerKind.EDUCATION_PROVIDER)
    service = healthcare_service(module, provider=provider)
    assert service.comment == "10 Termine à 90 Minuten, höchstens 15 Plätze"
    assert service.providedBy.display == "Bildungsträger Ruhr"
    assert "2026-12-31" in service.characteristic[0].text
    english = healthcare_service(module, lang="en")
    assert english.comment == "10 sessions of 90 minutes, at most 15 places"
    with pytest.raises(InvalidFieldError, match="provider"):
        healthcare_service(module, provider=Partner(id="other", name="X", kind=PartnerKind.GYM))
    with pytest.raises(InvalidFieldError, match="programmes"):
        healthcare_service(module, programmes=["not valid"])


@given(
    sites=st.lists(ags.sites(), max_size=2, unique_by=lambda s: s.id),
    partners=st.lists(ags.partners(), max_size=3, unique_by=lambda p: p.id),
    modules=st.lists(ags.modules(), max_size=3, unique_by=lambda m: m.id),
)
def test_catalogue_bundle_validates(
    sites: list[Site], partners: list[Partner], modules: list[Module]
) -> None:
    bundle = catalogue_bundle(sites=sites, partners=partners, modules=modules)
    assert bundle.type == "collection"
    assert round_trips(bundle)
    assert len(by_type(bundle, "Organization")) == len(sites) + len(partners)
    services = by_type(bundle, "HealthcareService")
    assert [s["identifier"][0]["value"] for s in services] == [m.id for m in modules]
    known = {p.id: p.name for p in partners}
    for module, service in zip(modules, services, strict=True):
        if module.provider_id in known:
            assert service["providedBy"]["display"] == known[module.provider_id]


def test_catalogue_bundle_rejects_duplicate_identifiers() -> None:
    partner = Partner(id="p1", name="A", kind=PartnerKind.GYM)
    with pytest.raises(InvalidFieldError, match="distinct"):
        catalogue_bundle(partners=[partner, partner])


# --- care plans with consent ----------------------------------------------------------


@given(cohort=cohorts())
def test_care_plans_only_with_valid_consent_and_no_master_data(
    cohort: tuple[list[ActivityPlan], list[Participant]],
) -> None:
    plans, people = cohort
    bundle, exclusions = care_plans_bundle(plans, people, recipient=RECIPIENT, on=ON)
    assert round_trips(bundle)
    text = bundle_json(bundle).decode()
    document = json.loads(text)
    known = {p.pseudonym: p for p in people}

    def allowed(pseudonym: str) -> bool:
        person = known.get(pseudonym)
        return person is not None and person.has_consent(
            ConsentPurpose.DATA_SHARING,
            ON,
            recipient=RECIPIENT,
            category=DataCategory.ACTIVITY_PLAN,
        )

    included = [p for p in plans if allowed(p.participant)]
    excluded = [p for p in plans if not allowed(p.participant)]
    # Exactly the plans of people with consent are in the bundle, with all goals and steps.
    care_plans = by_type(document, "CarePlan")
    assert sorted(c["identifier"][0]["value"] for c in care_plans) == sorted(p.id for p in included)
    assert len(by_type(document, "Goal")) == sum(len(p.goals) for p in included)
    assert len(by_type(document, "Task")) == sum(len(g.steps) for p in included for g in p.goals)
    # Every included plan's participant had valid consent; every subject is a pseudonym.
    assert pseudonyms_in(document) == {p.participant for p in included}
    for care_plan in care_plans:
        assert allowed(care_plan["subject"]["identifier"]["value"])
        assert set(care_plan["subject"]) == {"type", "identifier"}
    # Everyone left out is listed, once, with every plan left out.
    assert {e.pseudonym for e in exclusions} == {p.participant for p in excluded}
    assert len(exclusions) == len({e.pseudonym for e in exclusions})
    assert sorted(i for e in exclusions for i in e.plan_ids) == sorted(p.id for p in excluded)
    # An excluded pseudonym or plan appears nowhere in the output.
    for exclusion in exclusions:
        assert exclusion.pseudonym not in text
        for plan_id in exclusion.plan_ids:
            assert f'"{plan_id}"' not in text
            assert f'"{plan_id}/' not in text
    # No master data leave.
    keys = {key for key, _ in walk(document)}
    assert not keys & {"birthDate", "name", "gender", "address", "telecom"}
    assert not by_type(document, "Patient")
    # Birth years are not emitted anywhere: no value is a birth year, no date is a birth
    # date (plans' dates are from 1990 on, birth years before).
    years = {p.birth_year for p in people}
    values = [value for _, value in walk(document) if not isinstance(value, dict | list)]
    assert not [v for v in values if v in years or v in {str(y) for y in years}]
    assert not [v for v in values if isinstance(v, str) and v[:4] in {str(y) for y in years}]
    # One authorising consent per person, active on the day and naming the recipient.
    consents = by_type(document, "Consent")
    assert sorted(c["subject"]["identifier"]["value"] for c in consents) == sorted(
        {p.participant for p in included}
    )
    for consent in consents:
        assert consent["status"] == "active"
        assert consent["decision"] == "permit"
        actors = consent["provision"][0]["actor"]
        assert RECIPIENT in {a["reference"]["identifier"]["value"] for a in actors}


def test_consents_are_not_needed_in_the_bundle() -> None:
    person, plan = consenting_person(), simple_plan("TN-00001-X")
    bundle, exclusions = care_plans_bundle(
        [plan], [person], recipient=RECIPIENT, on=ON, include_consents=False
    )
    assert exclusions == []
    assert not by_type(bundle, "Consent")
    assert "supportingInfo" not in by_type(bundle, "CarePlan")[0]


def test_a_bundle_for_one_recipient_names_only_that_recipient_in_the_consent() -> None:
    """Least disclosure: other grantees of the same consent stay out of the bundle."""
    both = Consent(
        purpose=ConsentPurpose.DATA_SHARING,
        given_on=date(2024, 1, 1),
        recipients={RECIPIENT, OTHER},
    )
    person, plan = consenting_person("TN-00001-X", both), simple_plan("TN-00001-X")
    bundle, exclusions = care_plans_bundle([plan], [person], recipient=RECIPIENT, on=ON)
    assert exclusions == []
    (consent,) = by_type(bundle, "Consent")
    grantees = [g["identifier"]["value"] for g in consent["grantee"]]
    actors = [a["reference"]["identifier"]["value"] for a in consent["provision"][0]["actor"]]
    assert grantees == actors == [RECIPIENT]
    assert OTHER not in bundle_json(bundle).decode()
    # The other recipient's bundle names only the other recipient, under another id.
    other, _ = care_plans_bundle([plan], [person], recipient=OTHER, on=ON)
    (other_consent,) = by_type(other, "Consent")
    assert [g["identifier"]["value"] for g in other_consent["grantee"]] == [OTHER]
    assert other_consent["id"] != consent["id"]


def consenting_person(pseudonym: str = "TN-00001-X", *consents: Consent) -> Participant:
    return Participant(
        pseudonym=pseudonym,
        site_id="jc-ge",
        birth_year=1970,
        benefit=BenefitType.SGB_II,
        consents=consents
        or (
            Consent(
                purpose=ConsentPurpose.DATA_SHARING,
                given_on=date(2024, 1, 1),
                recipients={RECIPIENT},
            ),
        ),
    )


def simple_plan(pseudonym: str, *steps: Step) -> ActivityPlan:
    return ActivityPlan(
        id="plan-1",
        participant=pseudonym,
        coach_id="coach-1",
        created_on=date(2024, 2, 1),
        goals=[
            Goal(
                id="g1",
                field_of_action=FieldOfAction.NUTRITION,
                description="Ausgewogen essen",
                due_on=date(2024, 9, 30),
                steps=steps,
            )
        ],
    )


def sharing(**changes: Any) -> Consent:
    fields: dict[str, Any] = {
        "purpose": ConsentPurpose.DATA_SHARING,
        "given_on": date(2024, 1, 1),
        "recipients": {RECIPIENT},
    }
    fields.update(changes)
    return Consent(**fields)


@pytest.mark.parametrize(
    ("consents", "reason"),
    [
        ((), ExclusionReason.NO_SHARING_CONSENT),
        (
            (Consent(purpose=ConsentPurpose.EVALUATION, given_on=date(2024, 1, 1)),),
            ExclusionReason.NO_SHARING_CONSENT,
        ),
        ((sharing(recipients={OTHER}),), ExclusionReason.RECIPIENT_NOT_COVERED),
        (
            (sharing(data_categories={DataCategory.OUTCOMES}),),
            ExclusionReason.CATEGORY_NOT_COVERED,
        ),
        ((sharing(given_on=date(2024, 7, 1)),), ExclusionReason.NOT_YET_VALID),
        ((sharing(expires_on=date(2024, 5, 31)),), ExclusionReason.EXPIRED),
        ((sharing(withdrawn_on=ON),), ExclusionReason.WITHDRAWN),
        (
            (sharing(expires_on=date(2024, 3, 1)), sharing(withdrawn_on=date(2024, 4, 1))),
            ExclusionReason.WITHDRAWN,
        ),
    ],
)
def test_exclusion_reasons(consents: tuple[Consent, ...], reason: ExclusionReason) -> None:
    person = Participant(
        pseudonym="TN-00002-X",
        site_id="jc-ge",
        birth_year=1970,
        benefit=BenefitType.SGB_II,
        consents=consents,
    )
    bundle, exclusions = care_plans_bundle(
        [simple_plan("TN-00002-X")], [person], recipient=RECIPIENT, on=ON
    )
    assert not resources_of(bundle)
    assert len(exclusions) == 1
    exclusion = exclusions[0]
    assert (exclusion.pseudonym, exclusion.code, exclusion.plan_ids) == (
        "TN-00002-X",
        reason,
        ("plan-1",),
    )
    assert exclusion.reason == reason.text("de")
    _, english = care_plans_bundle(
        [simple_plan("TN-00002-X")], [person], recipient=RECIPIENT, on=ON, lang="en"
    )
    assert english[0].reason == reason.text("en") != reason.text("de")


def test_unknown_participant_is_excluded() -> None:
    bundle, exclusions = care_plans_bundle(
        [simple_plan("TN-00009-X")], [], recipient=RECIPIENT, on=ON
    )
    assert not resources_of(bundle)
    assert exclusions[0].code is ExclusionReason.UNKNOWN_PARTICIPANT
    assert "Pseudonym" in exclusions[0].reason


@pytest.mark.parametrize(
    ("statuses", "lifecycle", "achievement", "plan_status"),
    [
        ((), "active", None, "active"),
        ((StepStatus.OPEN, StepStatus.DONE), "active", "in-progress", "active"),
        ((StepStatus.DONE, StepStatus.DROPPED), "completed", "achieved", "completed"),
        ((StepStatus.DROPPED,), "cancelled", "not-achieved", "completed"),
        ((StepStatus.IN_PROGRESS,), "active", "in-progress", "active"),
    ],
)
def test_goal_and_plan_status_follow_the_steps(
    statuses: tuple[StepStatus, ...],
    lifecycle: str,
    achievement: str | None,
    plan_status: str,
) -> None:
    steps = [
        Step(
            id=f"s{i}",
            description=f"Schritt {i}",
            due_on=date(2024, 5, 1),
            status=status,
            done_on=date(2024, 4, 1) if status is StepStatus.DONE else None,
        )
        for i, status in enumerate(statuses)
    ]
    bundle, _ = care_plans_bundle(
        [simple_plan("TN-00001-X", *steps)], [consenting_person()], recipient=RECIPIENT, on=ON
    )
    goal = by_type(bundle, "Goal")[0]
    assert goal["lifecycleStatus"] == lifecycle
    if achievement is None:
        assert "achievementStatus" not in goal
    else:
        assert goal["achievementStatus"]["coding"][0]["code"] == achievement
    assert goal["target"][0]["dueDate"] == "2024-09-30"
    assert goal["category"][0]["coding"][0]["display"] == "Ernährung"
    care_plan = by_type(bundle, "CarePlan")[0]
    assert care_plan["status"] == plan_status
    assert care_plan["intent"] == "plan"
    assert care_plan["created"] == "2024-02-01"
    tasks = by_type(bundle, "Task")
    assert [t["status"] for t in tasks] == [
        {
            "open": "ready",
            "in_progress": "in-progress",
            "done": "completed",
            "dropped": "cancelled",
        }[s.value]
        for s in statuses
    ]
    entry_urls = {e.fullUrl for e in bundle.entry or []}
    assert {f"urn:uuid:{t['id']}" for t in tasks} <= entry_urls
    planned = [a["plannedActivityReference"]["reference"] for a in care_plan.get("activity", [])]
    assert planned == [f"urn:uuid:{t['id']}" for t in tasks]


def test_care_plans_bundle_rejects_bad_arguments() -> None:
    person, plan = consenting_person(), simple_plan("TN-00001-X")
    with pytest.raises(InvalidFieldError, match="recipient"):
        care_plans_bundle([plan], [person], recipient="not valid", on=ON)
    with pytest.raises(InvalidFieldError, match="on"):
        care_plans_bundle([plan], [person], recipient=RECIPIENT, on="2024-06-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidFieldError, match="distinct"):
        care_plans_bundle([plan, plan], [person], recipient=RECIPIENT, on=ON)
    other = Participant(
        pseudonym="TN-00001-X", site_id="x", birth_year=1980, benefit=BenefitType.SGB_III
    )
    with pytest.raises(InvalidFieldError, match="one record per pseudonym"):
        care_plans_bundle([plan], [person, other], recipient=RECIPIENT, on=ON)


@given(dataset=ags.datasets())
def test_generated_dataset_maps_to_valid_bundles(dataset: Any) -> None:
    assume(len({p.pseudonym for p in dataset.participants}) == len(dataset.participants))
    assume(len({p.id for p in dataset.plans}) == len(dataset.plans))
    catalogue = catalogue_bundle(
        sites=dataset.sites[:1], partners=dataset.partners[:1], modules=dataset.modules[:1]
    )
    assert round_trips(catalogue)
    bundle, exclusions = care_plans_bundle(
        dataset.plans, dataset.participants, recipient=RECIPIENT, on=ON
    )
    assert round_trips(bundle)
    assert len(by_type(bundle, "CarePlan")) + sum(len(e.plan_ids) for e in exclusions) == len(
        dataset.plans
    )


# --- measure reports ------------------------------------------------------------------

counts = st.none() | st.integers(0, 10_000)


@st.composite
def figures(draw: st.DrawFn) -> MeasureFigure:
    start = draw(ags.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
    end = draw(ags.dates(min_value=start, max_value=date(2031, 1, 1)))
    denominator = draw(counts)
    numerator = draw(st.none() | st.integers(0, denominator if denominator is not None else 10))
    strata: dict[str, dict[str, tuple[int | None, int | None]]] = {}
    for name in draw(st.lists(st.sampled_from(["Geschlecht", "Altersgruppe"]), unique=True)):
        values = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True))
        strata[name] = {}
        for value in values:
            d = draw(counts)
            n = draw(st.none() | st.integers(0, d if d is not None else 10))
            strata[name][value] = (n, d)
    return MeasureFigure("completion", start, end, numerator, denominator, strata)


def population_counts(populations: list[dict[str, Any]]) -> dict[str, int | None]:
    out = {}
    for population in populations:
        code = population["code"]["coding"][0]["code"]
        if "count" in population:
            out[code] = population["count"]
        else:
            assert population["extension"][0]["valueCode"] == "masked"
            out[code] = None
    return out


@given(figure=figures())
def test_measure_report_carries_counts_and_masks_withheld_ones(figure: MeasureFigure) -> None:
    report = measure_report(figure, reporter=Site(id="jc-ge", name="JC", land=Land.NW))
    bundle = to_bundle([report])
    assert round_trips(bundle)
    data = by_type(bundle, "MeasureReport")[0]
    assert (data["status"], data["type"]) == ("complete", "summary")
    assert data["period"] == {
        "start": figure.period_start.isoformat(),
        "end": figure.period_end.isoformat(),
    }
    assert data["measure"] == f"{BASE_URL}/Measure/completion"
    group = data["group"][0]
    assert population_counts(group["population"]) == {
        "numerator": figure.numerator,
        "denominator": figure.denominator,
    }
    has_score = figure.numerator is not None and bool(figure.denominator)
    assert ("measureScoreQuantity" in group) == has_score
    if has_score:
        assert figure.numerator is not None
        assert figure.denominator is not None
        expected = 100 * figure.numerator / figure.denominator
        assert abs(group["measureScoreQuantity"]["value"] - expected) <= 0.05 + 1e-9
    emitted = {
        (s["code"]["text"], stratum["valueCodeableConcept"]["text"]): population_counts(
            stratum["population"]
        )
        for s in group.get("stratifier", [])
        for stratum in s["stratum"]
    }
    assert emitted == {
        (s.stratifier, s.value): {"numerator": s.numerator, "denominator": s.denominator}
        for s in figure.strata
    }


def test_strata_can_be_given_as_values_or_as_a_mapping() -> None:
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    as_mapping = MeasureFigure("m", start, end, 3, 4, {"Geschlecht": {"weiblich": (1, 2)}})
    as_values = MeasureFigure(
        "m", start, end, 3, 4, [StratumFigure("Geschlecht", "weiblich", 1, 2)]
    )
    assert as_mapping == as_values


@pytest.mark.parametrize(
    "kwargs",
    [
        {"numerator": 5, "denominator": 4},
        {"numerator": -1},
        {"denominator": True},
        {"strata": {"g": {"a": (3, 2)}}},
        {"strata": {"g": {"a": (1,)}}},
        {"strata": {"g": "a"}},
        {"period_end": date(2023, 12, 31)},
    ],
)
def test_measure_figure_rejects_bad_counts(kwargs: dict[str, Any]) -> None:
    fields: dict[str, Any] = {
        "measure_id": "m",
        "period_start": date(2024, 1, 1),
        "period_end": date(2024, 12, 31),
    }
    fields.update(kwargs)
    with pytest.raises(InvalidFieldError):
        MeasureFigure(**fields)


# --- bundles --------------------------------------------------------------------------


def test_transaction_bundle_puts_every_entry() -> None:
    org = organization(Partner(id="p1", name="A", kind=PartnerKind.GYM))
    bundle = to_bundle([org], bundle_type="transaction")
    entry = (bundle.entry or [])[0]
    assert entry.request.method == "PUT"
    assert entry.request.url == f"Organization/{org.id}"
    assert entry.fullUrl == f"urn:uuid:{org.id}"


def test_bundle_checks_references_and_duplicates() -> None:
    plan = CarePlan(
        status="active",
        intent="plan",
        subject={"identifier": {"system": PSEUDONYM_SYSTEM, "value": "TN-1"}},
        goal=[{"reference": "urn:uuid:00000000-0000-4000-8000-000000000000"}],
    )
    with pytest.raises(FhirValidationError, match="resolves to no entry"):
        to_bundle([plan])
    org = organization(Partner(id="p1", name="A", kind=PartnerKind.GYM))
    with pytest.raises(FhirValidationError, match="more than once"):
        to_bundle([org, org])


def test_resource_without_id_gets_one_and_bundle_json_round_trips() -> None:
    org = Organization(name="Stadtsportbund")
    bundle = to_bundle([org], timestamp=datetime(2024, 1, 1, tzinfo=UTC))
    entry = (bundle.entry or [])[0]
    assert entry.resource.id is not None
    assert entry.fullUrl == f"urn:uuid:{entry.resource.id}"
    raw = bundle_json(bundle)
    assert isinstance(raw, bytes)
    again = Bundle.model_validate_json(raw)
    assert validate_bundle(again).model_dump_json() == bundle.model_dump_json()
    assert bundle_json(bundle, indent=2).count(b"\n") > 5


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (["not a resource"], {}),
        ([], {"bundle_type": "document"}),
        ([], {"timestamp": datetime(2024, 1, 1)}),
    ],
)
def test_to_bundle_rejects_bad_arguments(args: list[Any], kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidFieldError):
        to_bundle(args, **kwargs)


def test_validate_bundle_rejects_non_bundles() -> None:
    with pytest.raises(ArbeitGesundheitError):
        validate_bundle({"resourceType": "Bundle"})  # type: ignore[arg-type]


# --- optional dependency --------------------------------------------------------------


def test_missing_extra_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "fhir" or name.startswith(("fhir.", "arbeit_gesundheit.fhir")):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fhir.resources", None)  # type: ignore[arg-type]
    with pytest.raises(MissingExtraError) as info:
        importlib.import_module("arbeit_gesundheit.fhir")
    assert isinstance(info.value, ImportError)
    assert 'pip install "arbeit_gesundheit[fhir]"' in str(info.value)
    assert info.value.extra == "fhir"
