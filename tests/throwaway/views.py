from django.http import HttpResponse
from django.views.decorators.http import require_GET

from onsite.access import allowed


@allowed("throwaway.see")
@require_GET
def page(request):
    return HttpResponse("throw-away page")
