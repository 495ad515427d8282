"""One way to page through a list: the page size comes from ``ONSITE_PAGE_SIZE``."""

from django.core.paginator import Paginator

from onsite.conf import conf


def paginate(request, rows, per_page=None):
    """The requested page of ``rows`` (a bad or missing ``?page=`` gives the nearest page)."""
    return Paginator(rows, per_page or conf.PAGE_SIZE).get_page(request.GET.get("page"))


def posted(request):
    """The POST data of a POST (even an empty one), None for a GET: forms bind on POST."""
    return request.POST if request.method == "POST" else None
