"""Template tags of the duties app."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duties.choices import classification_label
from onsite.permissions import may

register = template.Library()

# (key, label, URL name, rule or "" for everyone signed in)
SECTIONS = [
    ("overview", _("Overview"), "duties:overview", ""),
    ("documents", _("Documents"), "duties:document_list", ""),
    ("reports", _("Work reports"), "duties:report_list", ""),
    ("tasks", _("Tasks"), "duties:task_list", ""),
    ("requests", _("Client requests"), "duties:request_list", ""),
    ("checklist", _("Checklist"), "duties:checklist_today", ""),
    ("property", _("Property"), "duties:custody_list", ""),
    ("vp", _("VP requests"), "duties:vp_request_list", ""),
    ("training", _("Training"), "duties:training_list", ""),
    ("sites", _("Sites and posts"), "duties:site_list", ""),
]


@register.inclusion_tag("duties/includes/nav.html", takes_context=True)
def duties_nav(context, active):
    """``{% duties_nav "documents" %}``: the duties sections the person may open."""
    user = context["request"].user
    sections = [
        {"key": key, "label": label, "url": reverse(url_name)}
        for key, label, url_name, rule in SECTIONS
        if not rule or may(user, rule)
    ]
    return {"sections": sections, "active": active}


@register.filter
def classification(level):
    """``{{ document.classification|classification }}``: 公开, 内部, 秘密, 机密."""
    return classification_label(level)


@register.filter
def overdue(task, today):
    """``{% if task|overdue:today %}``: still open after its due date (derived)."""
    return task.is_overdue(today)
