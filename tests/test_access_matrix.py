"""Every URL pattern, for anonymous and every role: the expected answer.

A URL pattern with no expectation fails ``test_every_url_pattern_has_an_expectation``,
so each new view is covered the day it is added.
"""

import importlib
import pkgutil

import pytest
from django.conf import settings
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

import tests
from tests.access import LOGIN, ROLES


def _load_expectations():
    merged = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            mod = importlib.import_module(f"tests.{module.name}.access_expectations")
        except ModuleNotFoundError:
            continue
        overlap = merged.keys() & mod.EXPECTATIONS.keys()
        assert not overlap, f"URL names expected twice: {overlap}"
        merged.update(mod.EXPECTATIONS)
    return merged


EXPECTATIONS = _load_expectations()
# The admin site has a pattern per model and action; its gate is one, checked on samples.
SAMPLED_NAMESPACES = {"admin"}


def _walk(patterns, namespace=None, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry.url_patterns, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = entry.name
            key = f"{namespace}:{name}" if namespace and name else name
            yield namespace, key or f"<unnamed {prefix}{entry.pattern}>"


def _url_name(key):
    """``archive:loan_action[approve]`` (one URL pattern, one transition) → its URL name."""
    return key.split("[", 1)[0]


def test_every_url_pattern_has_an_expectation():
    expected = {_url_name(key) for key in EXPECTATIONS}
    missing = sorted(
        key
        for namespace, key in _walk(get_resolver().url_patterns)
        if namespace not in SAMPLED_NAMESPACES
        and key not in expected
        and not key.startswith("<unnamed static")
    )
    assert not missing, f"URL patterns without an access expectation: {missing}"


def test_every_expectation_names_a_real_url_pattern():
    known = {key for _ns, key in _walk(get_resolver().url_patterns)}
    assert {_url_name(key) for key in EXPECTATIONS} <= known


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_access(name, role, cast, client):
    spec = EXPECTATIONS[name]
    if role != "anon":
        client.force_login(
            getattr(cast, role), backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend"
        )
    url = spec.url(cast)
    data = spec.data(cast) if callable(spec.data) else spec.data
    response = getattr(client, spec.method)(url, data or {})
    wanted = spec.answer_for(role)
    if wanted == LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response.url.startswith(
            settings.LOGIN_URL if settings.LOGIN_URL.startswith("/") else "/accounts/login/"
        ), response.url
    else:
        assert response.status_code == wanted, (name, role, response.status_code)
