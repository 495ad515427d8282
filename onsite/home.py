"""Panels of the home page, registered by the apps (their ``menu.py``).

``@panel("duties/home_panel.html", order=20)`` on ``context(request) -> dict or None``:
the template is included with ``panel`` set to the dict; ``None`` hides the panel.
"""

from dataclasses import dataclass

_PANELS = []


@dataclass(frozen=True)
class Panel:
    template: str
    context: object
    order: int = 100


def panel(template, order=100):
    def decorate(context):
        _PANELS.append(Panel(template, context, order))
        _PANELS.sort(key=lambda p: p.order)
        return context

    return decorate


def panels_for(request):
    """(template, context) of every panel shown to the signed-in person."""
    shown = []
    for item in _PANELS:
        context = item.context(request)
        if context is not None:
            shown.append((item.template, context))
    return shown
