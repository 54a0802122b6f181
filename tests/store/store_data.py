"""Small datasets for the store tests."""

from __future__ import annotations

from datetime import date

from arbeit_gesundheit import (
    ActivityPlan,
    Assessment,
    BenefitType,
    Consent,
    ConsentPurpose,
    Dataset,
    FieldOfAction,
    Goal,
    HealthRestriction,
    Land,
    Module,
    ModuleFormat,
    Offering,
    Participant,
    RestrictionCategory,
    Site,
    Step,
)
from arbeit_gesundheit.plugins.registry import get_registry
from arbeit_gesundheit.synthetic import generate_cohort

SECRET = "Rueckenschule-Geheimwert-7Q"


def consents(on: date = date(2024, 1, 8)) -> tuple[Consent, ...]:
    return (
        Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, given_on=on),
        Consent(ConsentPurpose.HEALTH_DATA_PROCESSING, given_on=on),
    )


def person(pseudonym: str, **changes: object) -> Participant:
    fields: dict[str, object] = {
        "pseudonym": pseudonym,
        "site_id": "musterstadt",
        "birth_year": 1970,
        "benefit": BenefitType.SGB_II,
        "unemployed_since": date(2022, 3, 1),
        "restrictions": (HealthRestriction(RestrictionCategory.MUSCULOSKELETAL),),
        "consents": consents(),
    }
    fields.update(changes)
    return Participant(**fields)  # type: ignore[arg-type]


def small_dataset() -> Dataset:
    """A site, one module with an offering of two places, three people, a plan with a secret
    text and an assessment."""
    return Dataset(
        sites=(Site("musterstadt", "Jobcenter Musterstadt", Land.NW),),
        modules=(
            Module("bewegung", "Bewegung", FieldOfAction.MOVEMENT, ModuleFormat.COURSE_SERIES),
        ),
        offerings=(Offering("bew-1", "bewegung", date(2024, 3, 1), date(2024, 5, 31), capacity=2),),
        participants=(person("MS-0001"), person("MS-0002"), person("MS-0003")),
        plans=(
            ActivityPlan(
                "plan-1",
                "MS-0001",
                "coach-1",
                date(2024, 2, 1),
                goals=(
                    Goal(
                        "g1",
                        FieldOfAction.MOVEMENT,
                        SECRET,
                        date(2024, 6, 30),
                        steps=(Step("s1", "zum Kurs gehen", date(2024, 3, 31)),),
                    ),
                ),
            ),
        ),
        assessments=(
            Assessment("MS-0001", "who5", date(2024, 2, 1), {f"who5_{i}": 3 for i in range(1, 6)}),
        ),
    )


def demo(site_id: str, *, size: int, year: int = 2024) -> Dataset:
    bundle = get_registry().site(site_id)
    return generate_cohort(
        seed=year * 7 + len(site_id), participants=size, site=bundle.site,
        modules=bundle.modules, year=year,
    )  # fmt: skip
