"""factory_boy factories for the core models."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from archive.models import Collection
from onsite.choices import VenueKind
from onsite.models import Assignment, Department, Notification, Site, StaffProfile, Venue

PASSWORD = "test-pass-2026"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"部门{n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"派驻单位{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"音控机房{n}")
    kind = VenueKind.CONTROL_ROOM


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"录音录像{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a staff profile; ``roles=[...]`` puts them in the role groups."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "张"
    first_name = factory.Sequence(lambda n: f"三{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: transactional tests flush the groups the data migration made.
            self.groups.add(*(Group.objects.get_or_create(name=str(r))[0] for r in extracted))

    @factory.post_generation
    def department(self, create, extracted, **kwargs):
        if create:
            StaffProfileFactory(user=self, department=extracted or DepartmentFactory())

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = None
    employee_no = factory.Sequence(lambda n: f"E{n:05d}")
    department = factory.SubFactory(DepartmentFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    site = factory.SubFactory(SiteFactory)
    start_date = date(2026, 1, 1)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"通知 {n}")
