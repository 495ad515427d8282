"""The Django cache on Redis, failing fast and open.

The cache only ever saves work (rate-limit counters, nothing a page cannot do without), so
a Redis that is down or hangs must never fail a page nor hold it: every call has short
socket timeouts (``ONSITE_CACHE_TIMEOUT``), and after one failure the process leaves Redis
alone for ``ONSITE_CACHE_REST_SECONDS`` (a circuit breaker) and answers as an empty cache
would — ``get`` gives the default, ``set``/``add`` and ``delete`` report nothing done.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
_clock = time.monotonic
_resting_until = 0.0

# What an empty, unreachable cache answers, by method.
_FALLBACK = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "add": lambda args, kwargs: False,
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: False,
    "incr": lambda args, kwargs: None,
    "decr": lambda args, kwargs: None,
}


def resting():
    """True while the breaker is open (a call failed less than the rest time ago)."""
    return _clock() < _resting_until


def reset_breaker():
    global _resting_until
    _resting_until = 0.0


def _trip():
    global _resting_until
    from onsite.conf import conf

    _resting_until = _clock() + conf.CACHE_REST_SECONDS


def _forgiving(name):
    method = getattr(RedisCache, name)
    fallback = _FALLBACK[name]

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if resting():
            return fallback(args, kwargs)
        try:
            return method(self, *args, **kwargs)
        except ValueError:
            raise  # incr/decr of a missing key: the caller's business, as with any cache
        except Exception:  # noqa: BLE001 - any Redis or socket error: the page goes on
            _trip()
            logger.warning("Cache unavailable; %s answered as an empty cache", name)
            return fallback(args, kwargs)

    return call


class ForgivingRedisCache(RedisCache):
    """``RedisCache`` whose every call fails fast and open (see the module docstring)."""

    locals().update({name: _forgiving(name) for name in _FALLBACK})
