"""Factories of the duties tests: rows in any state, written directly (the services are
tested on their own)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from duties.choices import (
    AuthorisationStatus,
    DocumentStatus,
    ReceiptStatus,
    RequestCategory,
)
from duties.models import (
    Authorisation,
    ClientRequest,
    CompanyDocument,
    Custody,
    PropertyItem,
    Receipt,
    ServiceVisit,
    Task,
    Training,
    VPRequest,
    WorkReport,
)
from onsite.storage import sha256_of
from tests.factories import SiteFactory, UserFactory


def later(hours=48):
    return timezone.now() + timedelta(hours=hours)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyDocument

    title = factory.Sequence(lambda n: f"关于会议保障的通知{n}")
    body = "请各驻场人员做好会议保障工作。"
    sender = factory.SubFactory(UserFactory)
    deadline = factory.LazyFunction(later)
    status = DocumentStatus.SENT


def attach(record, content=b"%PDF-1.4 notice", name="notice.pdf"):
    """Give ``record`` a stored attachment with its SHA-256."""
    record.original_name = name
    record.size = len(content)
    record.sha256 = sha256_of(ContentFile(content))
    record.file.save(name, ContentFile(content), save=False)
    record.save()
    return record


def make_receipt(document, recipient, status=ReceiptStatus.SENT, **fields):
    now = timezone.now()
    if status != ReceiptStatus.SENT:
        fields.setdefault("signed_at", now)
    if status in (ReceiptStatus.ACCEPTED, ReceiptStatus.OBJECTED, ReceiptStatus.REPLIED):
        fields.setdefault("answered_at", now)
    if status in (ReceiptStatus.OBJECTED, ReceiptStatus.REPLIED):
        fields.setdefault("explanation", "本周人手不足，无法全部执行。")
    if status == ReceiptStatus.REPLIED:
        fields.setdefault("reply", "同意先执行第一项。")
    return Receipt.objects.create(
        document=document, recipient=recipient, status=status, revision=document.revision, **fields
    )


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkReport

    author = factory.SubFactory(UserFactory)
    period_start = factory.LazyFunction(timezone.localdate)
    work_done = "检查会议室音响与投影。"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    title = factory.Sequence(lambda n: f"更换话筒电池{n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))
    assignee = factory.SubFactory(UserFactory)
    assigned_by = factory.SubFactory(UserFactory)


class AuthorisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorisation

    holder = factory.SubFactory(UserFactory)
    scope = "会议设备的日常维修与调试"
    categories = ",".join([RequestCategory.FAULT, RequestCategory.MEETING])
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_to = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    issued_by = factory.SubFactory(UserFactory)
    status = AuthorisationStatus.ACTIVE


class ClientRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientRequest

    logged_by = factory.SubFactory(UserFactory)
    site = factory.SubFactory(SiteFactory)
    asked_by = "会务处王处长"
    asked_at = factory.LazyFunction(timezone.now)
    category = RequestCategory.FAULT
    description = "三楼会议室话筒没有声音"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceVisit

    user = factory.SubFactory(UserFactory)
    site = factory.SubFactory(SiteFactory)
    location = "三楼第一会议室"
    purpose = "调试投影仪"


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PropertyItem

    asset_no = factory.Sequence(lambda n: f"NB-{n:04d}")
    name = "笔记本电脑"
    kind = "laptop"
    registered_by = factory.SubFactory(UserFactory)


class CustodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Custody

    item = factory.SubFactory(PropertyFactory)
    holder = factory.SubFactory(UserFactory)
    handed_over_by = factory.SubFactory(UserFactory)
    handed_over_at = factory.LazyFunction(timezone.now)
    condition_out = "good"


class VPRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VPRequest

    applicant = factory.SubFactory(UserFactory)
    title = "提高通讯补贴"
    explanation = "驻场期间需频繁与甲方及公司联络，现有标准不足。"
    current_amount = Decimal("100.00")
    requested_amount = Decimal("200.00")


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"数字会议系统培训{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    hours = Decimal("2.0")
    organiser = factory.SubFactory(UserFactory)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)
