"""What a process loads once is moved to the collector's permanent generation after its
first request, once (the oldest generation's walks no longer cost a month page ~5 ms)."""

import gc

from django.core.signals import request_finished

from onsite import gc_freeze


def _installed():
    return any(key[0] == gc_freeze._UID for key, *_rest in request_finished.receivers)


def test_the_first_request_freezes_what_is_loaded_once_and_stops_listening(client, db, monkeypatch):
    calls, freeze = [], gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(freeze()))
    gc_freeze.install()
    assert _installed()
    client.get("/health/")
    assert len(calls) == 1 and gc.get_freeze_count() > 0
    assert not _installed()
    client.get("/health/")
    assert len(calls) == 1  # once, not at every request
