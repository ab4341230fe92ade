"""Two administrators removing each other at the same moment, on real concurrent
connections: the organization's row lock serialises them, so one stays."""

import pytest

from projects.manage import services
from projects.models import Membership, Role
from tests.support import make_user, make_world
from tests.test_workflow_races import race, widen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("how", ["remove", "revoke"])
def test_it_keeps_one_administrator_when_two_remove_each_other_at_once(how, monkeypatch):
    org = make_world("race", "องค์การบริหารส่วนตำบลแข่งกัน")["org"]
    first = make_user("admin1", org, Role.ADMINISTRATOR, Role.PLANNING_STAFF)
    second = make_user("admin2", org, Role.ADMINISTRATOR, Role.PLANNING_STAFF)
    # Counted after the lock is taken: sleeping there holds it while the other waits.
    widen(monkeypatch, services, "_administrators_left")

    def drop(user, by):
        if how == "remove":
            return lambda: services.person_remove(organization=org, user=user, by=by)
        return lambda: services.person_roles_set(
            organization=org, user=user, roles=[Role.PLANNING_STAFF], title="", by=by
        )

    outcomes = race(drop(second, first), drop(first, second))
    assert sorted(outcomes) == ["ManageError", "ok"]
    admins = Membership.objects.filter(organization=org, role=Role.ADMINISTRATOR)
    assert admins.count() == 1
