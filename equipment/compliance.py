"""Compliance of one month, per site and venue: inspections on time / late / missed / still
open, and fault response and fix times against the site's targets.

Figures come from two queries (the month's inspections, grouped, and its faults), whatever
the number of sites; a supervisor sees the sites they supervise, a manager their venues.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from equipment.choices import InspectionStatus
from equipment.conf import conf
from equipment.models import Fault, Inspection
from equipment.permissions import lead_q
from onsite.models import Site, Venue


@dataclass
class Row:
    """The figures of one site (venue ``None``: equipment not in a venue) in one month."""

    site: object
    venue: object
    on_time: int = 0
    late: int = 0
    missed: int = 0
    open: int = 0
    faults: int = 0
    responded: int = 0
    fixed: int = 0
    response_within: int = 0
    fix_within: int = 0
    response_minutes: list = field(default_factory=list)
    fix_minutes: list = field(default_factory=list)
    response_target: int = 0
    fix_target: int = 0

    @property
    def place(self):
        return self.site.name + (f" · {self.venue.name}" if self.venue else "")

    @property
    def inspections(self):
        return self.on_time + self.late + self.missed + self.open

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.inspections) if self.inspections else None

    @property
    def average_response(self):
        values = self.response_minutes
        return round(sum(values) / len(values)) if values else None

    @property
    def average_fix(self):
        values = self.fix_minutes
        return round(sum(values) / len(values)) if values else None


def month_bounds(first):
    last = first.replace(day=monthrange(first.year, first.month)[1])
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), tz)
    return first, last, start, start + timedelta(days=(last - first).days + 1)


def _targets(site_ids):
    found = {}
    for site in Site.objects.filter(pk__in=site_ids).select_related("service_target"):
        target = getattr(site, "service_target", None)
        found[site.pk] = (
            (target.response_minutes, target.fix_hours)
            if target
            else (conf.RESPONSE_MINUTES, conf.FIX_HOURS)
        )
    return found


def month_rows(user, first):
    """[Row] of the month starting ``first`` for the sites and venues ``user`` leads."""
    first_day, last_day, start, end = month_bounds(first)
    done_late = Q(status=InspectionStatus.DONE, done_day__gt=F("due_on"))
    grouped = (
        Inspection.objects.filter(
            lead_q(user, "plan__"), due_on__gte=first_day, due_on__lte=last_day
        )
        .annotate(done_day=TruncDate("done_at"))
        .values("plan__site_id", "plan__venue_id")
        .annotate(
            done=Count("pk", filter=Q(status=InspectionStatus.DONE)),
            late=Count("pk", filter=done_late),
            missed=Count("pk", filter=Q(status=InspectionStatus.MISSED)),
            open=Count("pk", filter=Q(status=InspectionStatus.DUE)),
        )
    )
    rows = {}

    def row(site_id, venue_id):
        return rows.setdefault((site_id, venue_id), Row(site_id, venue_id))

    for group in grouped:
        entry = row(group["plan__site_id"], group["plan__venue_id"])
        entry.on_time += group["done"] - group["late"]
        entry.late += group["late"]
        entry.missed += group["missed"]
        entry.open += group["open"]
    targets = _add_faults(row, lead_q(user, "equipment__"), start, end, {key[0] for key in rows})
    sites = Site.objects.in_bulk({key[0] for key in rows})
    venues = Venue.objects.in_bulk({key[1] for key in rows if key[1]})
    result = []
    for (site_id, venue_id), entry in rows.items():
        entry.site, entry.venue = sites[site_id], venues.get(venue_id)
        entry.response_target, entry.fix_target = targets[site_id]
        result.append(entry)
    return sorted(result, key=lambda r: (r.site.code, r.venue.name if r.venue else ""))


def _add_faults(row, condition, start, end, site_ids):
    """Add the month's faults to their rows (``row(site, venue)``); returns the sites' targets."""
    faults = Fault.objects.filter(
        condition, client_reported_at__gte=start, client_reported_at__lt=end
    ).values_list(
        "equipment__site_id",
        "equipment__venue_id",
        "client_reported_at",
        "responded_at",
        "fixed_at",
    )
    faults = list(faults)
    targets = _targets({r[0] for r in faults} | site_ids)
    for site_id, venue_id, reported, responded, fixed in faults:
        entry = row(site_id, venue_id)
        response_target, fix_hours = targets[site_id]
        entry.faults += 1
        if responded:
            minutes = max(0, int((responded - reported).total_seconds() // 60))
            entry.responded += 1
            entry.response_minutes.append(minutes)
            entry.response_within += minutes <= response_target
        if fixed:
            minutes = max(0, int((fixed - reported).total_seconds() // 60))
            entry.fixed += 1
            entry.fix_minutes.append(minutes)
            entry.fix_within += minutes <= fix_hours * 60
    return targets


def totals(rows):
    total = Row(site=None, venue=None)
    for row in rows:
        for name in ("on_time", "late", "missed", "open", "faults", "responded", "fixed"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.response_within += row.response_within
        total.fix_within += row.fix_within
        total.response_minutes += row.response_minutes
        total.fix_minutes += row.fix_minutes
    return total


CHART_WIDTH = 300
COLORS = {"on_time": "#198754", "late": "#ffc107", "missed": "#dc3545", "open": "#adb5bd"}


def chart(rows):
    """Bars for the inline SVG: per row, its inspections as stacked segments (pixels)."""
    bars = []
    for index, row in enumerate(rows):
        x, segments = 0, []
        for name in ("on_time", "late", "missed", "open"):
            count = getattr(row, name)
            if not count:
                continue
            width = CHART_WIDTH * count / row.inspections
            segments.append(
                {"x": round(x, 1), "width": round(width, 1), "color": COLORS[name], "count": count}
            )
            x += width
        bars.append({"y": index * 26, "label": row.place, "segments": segments})
    return {
        "bars": bars,
        "height": max(26, len(rows) * 26),
        "width": CHART_WIDTH,
        "legend": legend(),
    }


def legend():
    return [
        (COLORS["on_time"], _("On time")),
        (COLORS["late"], _("Late")),
        (COLORS["missed"], _("Missed")),
        (COLORS["open"], _("Still open")),
    ]


def month_label(first):
    return f"{first:%Y-%m}"


def parse_month(value, default):
    try:
        year, month = (int(part) for part in str(value).split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return default
