"""Sites, partners, cooperation agreements and staff."""

from __future__ import annotations

from datetime import date

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import CoachRole, FundingSource, Land, PartnerKind

__all__ = ["Coach", "CooperationAgreement", "Partner", "Renewal", "Site"]


@frozen
class Site:
    """The organisation running the programme locally (Standort: Jobcenter or Agentur).

    ``district_keys`` (Kreisschlüssel) describe the site's area; ``programmes`` names the
    programmes it takes part in (``"teamwork"``, ``"rehapro"`` …);
    ``typical_participants`` is the size of the programme's usual cohort, as sites report it
    (Gelsenkirchen: about 1,500), used for demo data and planning.
    """

    id: str = field(validator=v.identifier)
    name: str = field(validator=v.text())
    land: Land = field(validator=v.member_of(Land))
    programmes: frozenset[str] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.identifiers
    )
    district_keys: frozenset[str] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.identifiers
    )
    since: date | None = field(default=None, validator=v.optional_date)
    typical_participants: int | None = field(
        default=None, validator=v.optional_integer(1, 1_000_000)
    )


@frozen
class Partner:
    """A partner organisation (Netzwerkpartner, Bündnispartner)."""

    id: str = field(validator=v.identifier)
    name: str = field(validator=v.text())
    kind: PartnerKind = field(validator=v.member_of(PartnerKind))
    location: str | None = field(default=None, validator=v.optional_text())


@frozen
class Renewal:
    """An extension of a cooperation agreement, signed on a day, to a new end (or open-ended)."""

    signed_on: date = field(validator=v.a_date)
    valid_until: date | None = field(default=None, validator=v.not_before("signed_on"))


_check_renewal_items = v.instances_of(Renewal)  # built once, used by a validator below


@frozen
class CooperationAgreement:
    """An agreement between partners (Kooperationsvereinbarung) with a term and renewals.

    The agreement runs from ``valid_from`` to ``valid_until`` (inclusive; None means
    open-ended); each renewal moves the end, so the last renewal decides.
    """

    id: str = field(validator=v.identifier)
    parties: tuple[str, ...] = field(converter=v.to_tuple)
    valid_from: date = field(validator=v.a_date)
    valid_until: date | None = field(default=None, validator=v.not_before("valid_from"))
    funding: FundingSource | None = field(
        default=None, validator=v.optional_member_of(FundingSource)
    )
    renewals: tuple[Renewal, ...] = field(default=(), converter=v.to_tuple)
    title: str | None = field(default=None, validator=v.optional_text())

    @parties.validator
    def _check_parties(self, attr: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        v.unique_identifiers(self, attr, value)
        if len(value) < 2:
            v.fail(self, attr, "at least two distinct parties", value)

    @renewals.validator
    def _check_renewals(
        self, attr: Attribute[tuple[Renewal, ...]], value: tuple[Renewal, ...]
    ) -> None:
        _check_renewal_items(self, attr, value)
        previous = self.valid_from
        for renewal in value:
            if renewal.signed_on < previous:
                v.fail(self, attr, "renewals in order, each signed after the previous one", value)
            previous = renewal.signed_on

    @property
    def ends_on(self) -> date | None:
        """The effective end after all renewals (None: open-ended)."""
        return self.end_known_on(None)

    def end_known_on(self, day: date | None) -> date | None:
        """The end as it stood on ``day``: only renewals signed by then count (None: all)."""
        end = self.valid_until
        for renewal in self.renewals:
            if day is not None and renewal.signed_on > day:
                break
            end = renewal.valid_until
        return end

    def is_active(self, on: date, *, known_on: date | None = None) -> bool:
        """Whether the agreement is in force on ``on``.

        With ``known_on``, only renewals signed by that day count, so a decision can be
        reproduced as it was made then (a renewal signed later does not reach back).
        """
        end = self.end_known_on(known_on)
        return self.valid_from <= on and (end is None or on <= end)


@frozen
class Coach:
    """A staff member working with participants (Health Care Coach, Vermittlungsfachkraft).

    Staff are identified by an internal identifier, not by name.
    """

    id: str = field(validator=v.identifier)
    site_id: str = field(validator=v.identifier)
    role: CoachRole = field(validator=v.member_of(CoachRole))
    trained_for_counselling: bool = field(default=False, validator=v.boolean)
