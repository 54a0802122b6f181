"""Quickstart: build a small synthetic site, write it as JSON, read it back and count.

Run with ``python examples/quickstart.py``. All data are synthetic.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import arbeit_gesundheit as ag
from arbeit_gesundheit.converter import dumps, loads

AS_OF = date(2024, 12, 31)


def demo_dataset(seed: int = 2024, people: int = 120) -> ag.Dataset:
    rng = random.Random(seed)
    site = ag.Site(
        id="demo", name="Jobcenter Musterstadt", land=ag.Land.NW, programmes={"teamwork"}
    )
    module = ag.Module(
        id="rundum-fit",
        title="Rundum fit",
        field_of_action=ag.FieldOfAction.MOVEMENT,
        format=ag.ModuleFormat.COURSE_SERIES,
        sessions=10,
        session_minutes=90,
        places=15,
    )
    participants = []
    for number in range(people):
        given = date(2024, 1, 1) + timedelta(days=rng.randrange(200))
        participants.append(
            ag.Participant(
                pseudonym=f"demo-{number:05d}",
                site_id=site.id,
                birth_year=rng.randrange(1960, 2002),
                benefit=rng.choice(list(ag.BenefitType)),
                gender=rng.choice(list(ag.Gender)),
                unemployed_since=given - timedelta(days=rng.randrange(30, 2000)),
                restrictions=[
                    ag.HealthRestriction(rng.choice(list(ag.RestrictionCategory)))
                    for _ in range(rng.randrange(3))
                ],
                consents=[ag.Consent(ag.ConsentPurpose.PROGRAMME_PARTICIPATION, given_on=given)],
            )
        )
    return ag.Dataset(sites=[site], modules=[module], participants=participants)


def main() -> None:
    dataset: ag.Dataset = loads(dumps(demo_dataset()), ag.Dataset)
    people = dataset.participants
    long_term = sum(bool(p.is_long_term_unemployed(AS_OF)) for p in people)
    restricted = Counter(c for p in people for c in p.restriction_categories)
    print(f"{dataset.sites[0].name}: {len(people)} Teilnehmende (synthetisch)")
    print(f"  langzeitarbeitslos (§18 SGB III) am {AS_OF:%d.%m.%Y}: {long_term}")
    for category, count in restricted.most_common():
        print(f"  Einschränkung {ag.label(category)}: {count}")


if __name__ == "__main__":
    main()
