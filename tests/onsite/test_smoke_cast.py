from onsite.permissions import has_role, roles


def test_cast_people_hold_their_roles(cast):
    assert has_role(cast.supervisor, "supervisor")
    assert not has_role(cast.staff, "supervisor")
    assert roles(cast.admin) >= {"admin"}
    assert cast.staff.profile.department == cast.dept_a
