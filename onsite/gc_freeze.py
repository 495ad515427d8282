"""The collector's permanent generation for what a process loads once.

Python's cyclic garbage collector walks every container object it tracks when it runs its
oldest generation: here about 140,000 after Django and the apps are loaded, ~4–5 ms each
time, and a month page's allocations set one off about every twentieth request (measured:
the page's 95th-percentile time rose by that much). Modules, classes, URL patterns,
compiled templates and translation catalogues live as long as the process, so after the
first request (when they are loaded) they are moved to the permanent generation
(``gc.freeze``), which the collector no longer walks. Objects made later are collected as
before; nothing is disabled.
"""

import gc

from django.core.signals import request_finished

_UID = "onsite_gc_freeze"


def freeze_after_first_request(**kwargs):
    request_finished.disconnect(dispatch_uid=_UID)
    gc.collect()
    gc.freeze()


def install():
    request_finished.connect(freeze_after_first_request, dispatch_uid=_UID, weak=False)
