"""Template context shared by every page: company name, menu, unread count, roles."""

from django.conf import settings

from onsite import navigation, notifications
from onsite.choices import Role
from onsite.permissions import roles


def portal(request):
    context = {"company_name": settings.COMPANY_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        held = roles(user)
        context.update(
            nav_items=navigation.items_for(user),
            unread_count=notifications.unread_count(user),
            my_roles=[label for value, label in Role.choices if value in held],
        )
    return context
