"""A count of related rows as a correlated subquery: an annotation a page's count query
leaves out, evaluated for the rows shown only (a join and GROUP BY would count the related
rows of every row the list holds)."""

from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce


def count_of(rows, by):
    """How many of ``rows`` (filtered with an ``OuterRef``) there are per ``by``, 0 if none."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
