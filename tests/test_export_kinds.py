"""Every registered export kind lives the framework's life: queued, its task lost, swept,
built, downloaded by its owner only, purged at expiry.

Each app says how to queue its kinds in ``tests/<app>/export_samples.py``:
``KINDS = {"app.kind": lambda cast: (owner, queue keyword arguments)}``.
"""

import importlib
import pkgutil
from datetime import timedelta

import pytest
from django.utils import timezone

import tests
from onsite import export_views, exports
from onsite.choices import ExportState
from onsite.models import AuditEntry
from onsite.workflow import WorkflowError


def _load():
    found = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                found.update(importlib.import_module(f"tests.{module.name}.export_samples").KINDS)
            except ModuleNotFoundError:
                continue
    return found


KINDS = _load()


def test_every_export_kind_has_a_sample():
    assert {kind.name for kind in exports.kinds()} <= set(KINDS)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_an_export_is_swept_built_downloaded_by_its_owner_only_and_purged(name, cast, rf):
    owner, kwargs = KINDS[name](cast)
    export = exports.queue(owner, name, **kwargs)  # its task is lost: nothing runs it
    model = type(export)
    assert exports.sweep(now=timezone.now()) == 0
    assert exports.sweep(now=timezone.now() + timedelta(minutes=3)) == 1
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.size and len(export.sha256) == 64
    view = export_views.download_view(model, back="onsite:home")
    for person in (cast.staff, cast.admin, cast.outsider):
        if person == owner:
            continue
        request = rf.get("/")
        request.user = person
        with pytest.raises(Exception) as refused:
            view(request, token=export.token)
        assert refused.type.__name__ == "Http404"
    handle = exports.open_file(owner, export)
    assert handle.read(4)
    handle.close()
    assert AuditEntry.objects.filter(action__endswith=".export.download", actor=owner).exists()
    assert exports.purge_expired(now=export.expires_at) == 1
    export.refresh_from_db()
    assert export.state == ExportState.EXPIRED
    with pytest.raises(WorkflowError):
        exports.open_file(owner, export)
