from django.template import RequestContext, Template
from django.test import RequestFactory


def test_paging_keeps_every_filter_of_the_list(db):
    from django.core.paginator import Paginator

    request = RequestFactory().get("/list/", {"status": "open", "month": "2026-11", "page": "1"})
    page = Paginator(range(100), 10).get_page(1)
    html = Template('{% include "includes/pagination.html" %}').render(
        RequestContext(request, {"page": page})
    )
    assert "status=open" in html and "month=2026-11" in html and "page=2" in html
    assert "page=1&amp;" not in html
