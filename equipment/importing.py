"""Inventory import and export (django-import-export): Excel or CSV, previewed row by row,
saved only when every row is valid, each row through the inventory services (scope checked,
audited).

Columns (the export writes the same, so a file can be exported, edited and imported back):
site (code), venue (name at that site), room, name, kind (code or label), brand, model,
serial, installed_on, warranty_until (YYYY-MM-DD), responsible (user name or employee
number), configuration. A row whose site and serial match a recorded device updates it.
"""

from dataclasses import dataclass, field

import tablib
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from equipment.choices import EquipmentKind
from equipment.conf import conf
from equipment.models import Equipment
from equipment.permissions import sees
from equipment.services import inventory
from onsite.models import Site, Venue

COLUMNS = [
    "site",
    "venue",
    "room",
    "name",
    "kind",
    "brand",
    "model",
    "serial",
    "installed_on",
    "warranty_until",
    "responsible",
    "configuration",
]
FORMATS = {"xlsx", "csv"}
TEXT_COLUMNS = ("room", "brand", "model", "serial", "configuration", "venue", "responsible")


class ImportFileError(ValueError):
    """The file cannot be read as a table; ``str()`` is shown to the person."""


class SiteWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Site, "code")

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip()
        if not code:
            raise ValueError(_("Give the site's code."))
        found = Site.objects.filter(code=code).first()
        if found is None:
            raise ValueError(_("No site has the code %(code)s.") % {"code": code})
        return found


class VenueWidget(widgets.ForeignKeyWidget):
    """A venue by its name at the row's site."""

    def __init__(self):
        super().__init__(Venue, "name")

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        found = Venue.objects.filter(
            site__code=str(row.get("site") or "").strip(), name=name
        ).first()
        if found is None:
            raise ValueError(_("The site has no venue named %(name)s.") % {"name": name})
        return found


class PersonWidget(widgets.ForeignKeyWidget):
    """A person by user name or employee number."""

    def __init__(self):
        super().__init__(get_user_model(), "username")

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip()
        if not key:
            return None
        found = (
            get_user_model()
            .objects.filter(Q(username=key) | Q(profile__employee_no=key), is_active=True)
            .first()
        )
        if found is None:
            raise ValueError(
                _("Nobody has the user name or employee number %(key)s.") % {"key": key}
            )
        return found


class KindWidget(widgets.Widget):
    """The type by its code (computer) or its label in either language (计算机)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for code, label in EquipmentKind.choices:
            if text.lower() in (code, str(label).lower()):
                return code
        raise ValueError(_("Unknown type %(kind)s.") % {"kind": text})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class EquipmentResource(resources.ModelResource):
    """One device per row; saving goes through the services as ``actor``."""

    site = fields.Field(attribute="site", column_name="site", widget=SiteWidget())
    venue = fields.Field(attribute="venue", column_name="venue", widget=VenueWidget())
    kind = fields.Field(attribute="kind", column_name="kind", widget=KindWidget())
    model = fields.Field(attribute="model_name", column_name="model")
    installed_on = fields.Field(
        attribute="installed_on", column_name="installed_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    warranty_until = fields.Field(
        attribute="warranty_until",
        column_name="warranty_until",
        widget=widgets.DateWidget("%Y-%m-%d"),
    )
    responsible = fields.Field(
        attribute="responsible", column_name="responsible", widget=PersonWidget()
    )

    class Meta:
        model = Equipment
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("site", "serial")
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True

    def __init__(self, actor=None):
        super().__init__()
        self.actor = actor

    def before_import_row(self, row, **kwargs):
        for name in TEXT_COLUMNS:
            if row.get(name) is None and name in row:
                row[name] = ""

    def get_instance(self, instance_loader, row):
        if not str(row.get("serial") or "").strip():
            return None  # without a serial every row is a new device
        return Equipment.objects.filter(
            site__code=str(row.get("site") or "").strip(), serial=str(row["serial"]).strip()
        ).first()

    def before_save_instance(self, instance, row, **kwargs):
        if not sees(self.actor, instance.site_id, instance.venue_id):
            raise ValueError(_("You do not work at %(site)s.") % {"site": instance.site})

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        if is_create:
            fields_ = {name: getattr(instance, name) for name in inventory.EDITABLE}
            saved = inventory.register_equipment(
                self.actor, site=instance.site, comment=_("Imported"), **fields_
            )
            instance.pk = saved.pk
        else:
            changes = {name: getattr(instance, name) for name in inventory.EDITABLE}
            inventory.update_equipment(self.actor, Equipment.objects.get(pk=instance.pk), changes)

    def dehydrate_responsible(self, device):
        return device.responsible.username if device.responsible_id else ""


def read_table(content, fmt):
    """The uploaded bytes as a ``tablib.Dataset`` (headers from the first row)."""
    if fmt not in FORMATS:
        raise ImportFileError(_("Upload an .xlsx or .csv file."))
    try:
        if fmt == "csv":
            data = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            data = tablib.Dataset().load(content, format="xlsx")
    except Exception as error:  # noqa: BLE001 - any parser error means an unreadable file
        raise ImportFileError(_("The file cannot be read: %(error)s") % {"error": error}) from None
    missing = [c for c in ("site", "name", "kind") if c not in (data.headers or [])]
    if missing:
        raise ImportFileError(_("Columns missing: %(names)s.") % {"names": ", ".join(missing)})
    if not len(data):
        raise ImportFileError(_("The file has no rows."))
    if len(data) > conf.IMPORT_MAX_ROWS:
        raise ImportFileError(_("At most %(n)s rows at a time.") % {"n": conf.IMPORT_MAX_ROWS})
    return data


@dataclass
class RowReport:
    line: int  # the line in the file (the header is line 1)
    action: str  # new, update, skip, invalid, error
    values: dict
    messages: list = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list
    saved: bool = False

    @property
    def valid(self):
        return all(not row.messages for row in self.rows)

    @property
    def counts(self):
        found = {}
        for row in self.rows:
            found[row.action] = found.get(row.action, 0) + 1
        return found


def _messages(row_result):
    found = []
    if row_result.validation_error is not None:
        error = row_result.validation_error
        if hasattr(error, "message_dict"):
            for name, texts in error.message_dict.items():
                found += [f"{name}: {text}" if name != "__all__" else text for text in texts]
        else:
            found += list(error.messages)
    found += [str(problem.error) for problem in row_result.errors]
    return found


def run_import(actor, data, *, save):
    """Preview (``save=False``: everything rolled back) or save the rows — all of them, only
    if every row is valid. Returns an ``ImportReport`` with each row's action and errors.

    Enforces R1-equipment-records.
    """
    resource = EquipmentResource(actor)
    with transaction.atomic():
        result = resource.import_data(data, dry_run=True, raise_errors=False, use_transactions=True)
        report = ImportReport(
            [
                RowReport(
                    index + 2,
                    row.import_type,
                    dict(zip(data.headers, data[index], strict=False)),
                    _messages(row),
                )
                for index, row in enumerate(result.rows)
            ]
        )
        report.rows += [
            RowReport(0, "error", {}, [str(problem.error)]) for problem in result.base_errors
        ]
        if save and report.valid:
            result = resource.import_data(
                data, dry_run=False, raise_errors=False, use_transactions=True
            )
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
            else:
                report.saved = True
    return report


def export_table(queryset, fmt):
    """The devices as .xlsx or .csv bytes, in the import's columns."""
    data = EquipmentResource().export(queryset.select_related("site", "venue", "responsible"))
    return data.export("xlsx") if fmt == "xlsx" else data.export("csv").encode("utf-8-sig")
