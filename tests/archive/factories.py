"""Factories of the archive: items with copies, grants, files, loans in any state."""

from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from archive.choices import HoldStatus, LoanKind, LoanStatus, Medium
from archive.models import CollectionAccess, Copy, Hold, Item, ItemFile, Loan
from onsite.storage import sha256_of
from tests.factories import CollectionFactory, UserFactory


class ItemFactory(factory.django.DjangoModelFactory):
    """An item with ``copies`` copies (default 1)."""

    class Meta:
        model = Item
        skip_postgeneration_save = True

    collection = factory.SubFactory(CollectionFactory)
    title = factory.Sequence(lambda n: f"会议录像{n}")
    meeting = factory.Sequence(lambda n: f"工作会议{n}")
    event_date = date(2026, 6, 1)
    classification = 0
    medium = Medium.DISC
    location = "A-01"
    custodian = factory.SubFactory(UserFactory)
    registered_by = factory.SelfAttribute("custodian")

    @factory.post_generation
    def copies(self, create, extracted, **kwargs):
        if create:
            Copy.objects.bulk_create(
                [
                    Copy(item=self, number=n, code=Copy.make_code(self, n))
                    for n in range(1, (extracted or 1) + 1)
                ]
            )


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionAccess

    user = factory.SubFactory(UserFactory)
    collection = factory.SubFactory(CollectionFactory)
    clearance = 0


def make_file(item, content=b"recording bytes", name="meeting.mp4", user=None):
    stored = ItemFile(
        item=item,
        original_name=name,
        size=len(content),
        sha256=sha256_of(ContentFile(content)),
        uploaded_by=user or item.custodian,
    )
    stored.file.save(name, ContentFile(content), save=False)
    stored.save()
    return stored


def make_loan(item, borrower, status=LoanStatus.REQUESTED, *, return_by=None, copy=None):
    """A loan row in a given state, written directly (for lists, reminders and races)."""
    today = timezone.localdate()
    if status in (LoanStatus.APPROVED, LoanStatus.HANDED_OVER, LoanStatus.RETURNED):
        copy = copy or item.copies.order_by("number").first()
    return Loan.objects.create(
        item=item,
        borrower=borrower,
        copy=copy,
        purpose="会议回放",
        needed_from=min(today, return_by or today),
        return_by=return_by or today + timedelta(days=7),
        status=status,
        handed_over_at=timezone.now() if status == LoanStatus.HANDED_OVER else None,
    )


def make_digital_loan(item, borrower, status=LoanStatus.REQUESTED, *, days=7, now=None):
    """A digital loan row in a given state; once signed its window runs ``days`` from
    ``now`` (written directly, for lists, samples and access checks)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    signed = status in (LoanStatus.ACCESS, LoanStatus.ENDED, LoanStatus.REVOKED)
    return Loan.objects.create(
        item=item,
        borrower=borrower,
        kind=LoanKind.DIGITAL,
        purpose="核对会议纪要",
        needed_from=today,
        return_by=today + timedelta(days=days),
        status=status,
        access_days=days,
        access_from=now if signed else None,
        access_until=now + timedelta(days=days) if signed else None,
    )


def make_hold(item, person, status=HoldStatus.WAITING, *, copy=None, keep_days=3):
    """A hold in a given state; an offered one keeps ``copy`` (default the first)."""
    offered = status == HoldStatus.OFFERED
    return Hold.objects.create(
        item=item,
        person=person,
        status=status,
        copy=(copy or item.copies.order_by("number").first()) if offered else None,
        offered_at=timezone.now() if offered else None,
        keep_until=timezone.localdate() + timedelta(days=keep_days) if offered else None,
    )
