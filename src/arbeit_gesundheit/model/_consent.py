"""Consent (Einwilligung): purpose-bound, time-bound and revocable."""

from __future__ import annotations

from datetime import date

from attrs import Attribute, field, frozen

from . import _validators as v
from ._vocabulary import ConsentPurpose, DataCategory, LegalBasis

__all__ = ["Consent"]


@frozen
class Consent:
    """A person's consent to one purpose of processing.

    Health data are a special category (Art. 9 GDPR) and social data may not be passed on
    without consent (§35 SGB I, §67 ff. SGB X), so every processing step asks
    :meth:`is_valid` first. A consent is valid from ``given_on`` through ``expires_on``
    (inclusive) and no longer from the day it is withdrawn. A consent for
    :attr:`ConsentPurpose.DATA_SHARING` names its recipients (partner identifiers).
    """

    purpose: ConsentPurpose = field(validator=v.member_of(ConsentPurpose))
    given_on: date = field(validator=v.a_date)
    legal_basis: LegalBasis = field(
        default=LegalBasis.GDPR_ART_9_2_A, validator=v.member_of(LegalBasis)
    )
    expires_on: date | None = field(default=None, validator=v.not_before("given_on"))
    withdrawn_on: date | None = field(default=None, validator=v.not_before("given_on"))
    data_categories: frozenset[DataCategory] = field(
        default=frozenset(), converter=v.to_frozenset, validator=v.members_of(DataCategory)
    )
    recipients: frozenset[str] = field(default=frozenset(), converter=v.to_frozenset)

    @recipients.validator
    def _check_recipients(self, attr: Attribute[frozenset[str]], value: frozenset[str]) -> None:
        v.identifiers(self, attr, value)
        if self.purpose is ConsentPurpose.DATA_SHARING and not value:
            v.fail(self, attr, "at least one recipient for data sharing", value)

    def is_valid(
        self,
        purpose: ConsentPurpose,
        on: date,
        *,
        recipient: str | None = None,
        category: DataCategory | None = None,
    ) -> bool:
        """Whether this consent allows ``purpose`` on day ``on``.

        With ``recipient``, the partner must be named among the recipients; with
        ``category``, the data category must be covered (an empty set of categories
        covers all categories of the purpose).
        """
        if purpose is not self.purpose or on < self.given_on:
            return False
        if self.expires_on is not None and on > self.expires_on:
            return False
        if self.withdrawn_on is not None and on >= self.withdrawn_on:
            return False
        if recipient is not None and recipient not in self.recipients:
            return False
        return category is None or not self.data_categories or category in self.data_categories
