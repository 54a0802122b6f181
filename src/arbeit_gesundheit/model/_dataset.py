"""A site's data file: every record the library reads and writes, in one document."""

from __future__ import annotations

from attrs import field, frozen

from . import _validators as v
from ._assessment import Assessment
from ._catalogue import Module, Offering, Session
from ._event import Event
from ._organisation import Coach, CooperationAgreement, Partner, Site
from ._outcome import Outcome
from ._participant import Participant
from ._participation import Attendance, Enrolment
from ._plan import ActivityPlan, NeedsAssessment, Referral
from ._review import AnnualReview

__all__ = ["FORMAT_VERSION", "Dataset"]

#: Version of the data-file format written by this release.
FORMAT_VERSION = 1


@frozen
class Dataset:
    """Everything a site keeps about its programme, as one document.

    The site's catalogue and partners usually come from its plugin; a data file may carry
    them too. Records refer to each other by identifier and pseudonym.
    """

    format_version: int = field(default=FORMAT_VERSION, validator=v.integer(1, FORMAT_VERSION))
    sites: tuple[Site, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Site)
    )
    partners: tuple[Partner, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Partner)
    )
    agreements: tuple[CooperationAgreement, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(CooperationAgreement)
    )
    coaches: tuple[Coach, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Coach)
    )
    modules: tuple[Module, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Module)
    )
    offerings: tuple[Offering, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Offering)
    )
    sessions: tuple[Session, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Session)
    )
    participants: tuple[Participant, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Participant)
    )
    enrolments: tuple[Enrolment, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Enrolment)
    )
    attendances: tuple[Attendance, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Attendance)
    )
    needs_assessments: tuple[NeedsAssessment, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(NeedsAssessment)
    )
    plans: tuple[ActivityPlan, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(ActivityPlan)
    )
    referrals: tuple[Referral, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Referral)
    )
    assessments: tuple[Assessment, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Assessment)
    )
    outcomes: tuple[Outcome, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Outcome)
    )
    events: tuple[Event, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Event)
    )
    reviews: tuple[AnnualReview, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(AnnualReview)
    )
