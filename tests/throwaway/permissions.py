from onsite.choices import Role
from onsite.permissions import has_role, rule


@rule("throwaway.see")
def _may_see(user, obj):
    return has_role(user, Role.HR)
