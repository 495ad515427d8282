"""What lets a month page remember a person's derived month: a stamp per person that the
database changes on every write of that person's attendance facts, and one (person 0) for
the facts of every site (schedules, days off, the national calendar, leave types).

The stamps are written by triggers (migration ``0008_fact_stamps``), not by the
application, so every write path changes them: views, services, the admin, bulk updates,
a shell. A stamp is a random number, never a counter: after a rolled-back transaction, a
flush or a restore, a stamp does not come back with other facts behind it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The stamp of the facts every person's days are judged against.
SITE_FACTS = 0


class FactStamp(models.Model):
    """The current stamp of one person's attendance facts (``person_id`` 0: the sites').
    No foreign key: a person's deletion deletes their facts, whose triggers write here."""

    person_id = models.BigIntegerField(_("person"), primary_key=True)
    stamp = models.BigIntegerField(_("stamp"))

    class Meta:
        verbose_name = _("attendance facts stamp")
        verbose_name_plural = _("attendance facts stamps")
        default_permissions = ()

    def __str__(self):
        return f"{self.person_id}: {self.stamp}"
