"""A unit's people page: the unit's manager, the communication unit and administrators give people roles in the
unit, name back-ups and end memberships, in the app rather than in Django's admin. Every write is a service: checked,
locked, audited, and followed by the posting rights."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from channels_plan.models import Channel, ChannelUserObjectPermission
from channels_plan.rights.policy import POST
from channels_plan.services import plan_create, plan_decide, posting_enrolment_grant
from governance.models import Membership, Role, Unit, User
from governance.people.services import unit_membership_add, unit_membership_backup_set, unit_membership_end
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make, plan_submit_complete

pytestmark = pytest.mark.django_db


def _department() -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


def _role(code: str) -> Role:
    return Role.objects.get(code=code)


def _colleague(username: str = "colleague", *, unit_name: str = "Akutafdelingen") -> User:
    """Someone who works in the demo hospital, in another department."""
    person = UserFactory(username=username, first_name="Kim", last_name=username.capitalize())
    unit = Unit.objects.filter(hospital=_department().hospital, name=unit_name).first() or UnitFactory(
        hospital=_department().hospital, name=unit_name
    )
    membership_make(user=person, unit=unit, role_code="producer")
    return person


def _membership(username: str, unit: Unit | None = None) -> Membership:
    return Membership.objects.get(user__username=username, unit=unit or _department())


def _people_url(unit: Unit) -> str:
    return reverse("unit_people", args=[unit.pk])


# --- services -----------------------------------------------------------------------------------------------------


def test_the_manager_gives_a_colleague_a_role_and_history_names_the_manager(people):
    colleague = _colleague()
    membership = unit_membership_add(
        unit=_department(), user=colleague, role=_role("producer"), acting_user=people["manager"]
    )
    assert membership.unit == _department() and membership.role.code == "producer"
    created = membership.history.get()
    assert created.history_type == "+" and created.history_user == people["manager"]


def test_a_new_member_may_be_added_as_someones_back_up(people):
    flowmanager = _membership("flowmanager")
    backup = unit_membership_add(
        unit=_department(),
        user=_colleague(),
        role=_role("flowmanager"),
        backup_for=flowmanager,
        acting_user=people["lead"],
    )
    assert backup.backup_for == flowmanager
    assert list(flowmanager.backups.all()) == [backup]


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("twice", "role", "already holds the role"),
        ("other hospital", "user", "does not work at this hospital"),
        ("deactivated", "user", "account is deactivated"),
        ("own back-up", "backup_for", "cannot be their own back-up"),
        ("back-up in another unit", "backup_for", "has ended in the meantime"),
    ],
)
def test_bad_input_is_refused_at_the_field_it_concerns(people, case, field, message):
    department, user, backup_for = _department(), _colleague(), None
    if case == "twice":
        user = people["producer"]
    elif case == "other hospital":
        user = UserFactory(username="stranger")
        membership_make(user=user, unit=UnitFactory(hospital=HospitalFactory()), role_code="producer")
    elif case == "deactivated":
        user.is_active = False
        user.save()
    elif case == "own back-up":
        user, backup_for = people["producer"], _membership("producer")
    else:
        backup_for = Membership.objects.filter(user=user).get()  # the colleague's role in another department
    with pytest.raises(ValidationError) as refused:
        unit_membership_add(
            unit=department,
            user=user,
            role=_role("flowmanager" if case == "own back-up" else "producer"),
            backup_for=backup_for,
            acting_user=people["manager"],
        )
    assert set(refused.value.message_dict) == {field}
    assert message in " ".join(refused.value.message_dict[field])


@pytest.mark.parametrize("username", ["producer", "flowmanager", "other-manager", "foreign-lead"])
def test_only_the_units_manager_the_communication_unit_and_administrators_staff_it(people, username):
    if username == "other-manager":
        membership_make(
            user=UserFactory(username=username), unit=UnitFactory(hospital=_department().hospital), role_code="manager"
        )
    elif username == "foreign-lead":
        foreign = UnitFactory(hospital=HospitalFactory(), kind=Unit.Kind.COMMUNICATION)
        membership_make(user=UserFactory(username=username), unit=foreign, role_code="strategist")
    acting = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        unit_membership_add(unit=_department(), user=_colleague(), role=_role("producer"), acting_user=acting)
    with pytest.raises(PermissionDenied):
        unit_membership_end(membership=_membership("producer"), acting_user=acting)
    with pytest.raises(PermissionDenied):
        unit_membership_backup_set(
            membership=_membership("producer"), backup_for=_membership("flowmanager"), acting_user=acting
        )
    assert Membership.objects.filter(unit=_department()).count() == 3


@pytest.mark.parametrize("username", ["manager", "lead", "community", "admin"])
def test_the_manager_the_communication_unit_and_administrators_staff_the_unit(people, username):
    membership = unit_membership_add(
        unit=_department(), user=_colleague(), role=_role("producer"), acting_user=people[username]
    )
    unit_membership_end(membership=membership, acting_user=people[username])
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_naming_changing_and_removing_a_back_up_is_audited_and_idempotent(people):
    producer, flowmanager, manager = _membership("producer"), _membership("flowmanager"), people["manager"]
    unit_membership_backup_set(membership=producer, backup_for=flowmanager, acting_user=manager)
    producer.refresh_from_db()
    assert producer.backup_for == flowmanager
    unit_membership_backup_set(membership=producer, backup_for=flowmanager, acting_user=manager)  # no change
    unit_membership_backup_set(membership=producer, backup_for=_membership("manager"), acting_user=manager)
    unit_membership_backup_set(membership=producer, backup_for=None, acting_user=manager)
    changes = producer.history.filter(history_type="~").order_by("history_date")
    assert [(row.backup_for_id, row.history_user) for row in changes] == [
        (flowmanager.pk, manager),
        (_membership("manager").pk, manager),
        (None, manager),
    ]


def test_a_back_up_must_be_someone_else_in_the_same_unit(people):
    producer = _membership("producer")
    elsewhere = Membership.objects.get(user=_colleague())
    for backup_for in (producer, elsewhere):
        with pytest.raises(ValidationError):
            unit_membership_backup_set(membership=producer, backup_for=backup_for, acting_user=people["manager"])
    second_role = unit_membership_add(
        unit=_department(), user=people["producer"], role=_role("community_manager"), acting_user=people["manager"]
    )
    with pytest.raises(ValidationError, match="own back-up"):
        unit_membership_backup_set(membership=second_role, backup_for=producer, acting_user=people["manager"])


def test_ending_a_membership_releases_its_back_ups_in_history_and_records_who_ended_it(people):
    flowmanager, producer, lead = _membership("flowmanager"), _membership("producer"), people["lead"]
    unit_membership_backup_set(membership=producer, backup_for=flowmanager, acting_user=lead)
    unit_membership_end(membership=flowmanager, acting_user=lead)
    assert not Membership.objects.filter(pk=flowmanager.pk).exists()
    producer.refresh_from_db()
    assert producer.backup_for is None
    released = producer.history.order_by("-history_date", "-history_id").first()
    assert released.backup_for_id is None and released.history_user == lead
    ended = Membership.history.get(id=flowmanager.pk, history_type="-")
    assert ended.history_user == lead and ended.role_id == _role("flowmanager").pk
    with pytest.raises(ValidationError, match="has ended"):
        unit_membership_end(membership=flowmanager, acting_user=lead)


def test_nobody_ends_the_role_that_lets_them_staff_the_unit(people):
    with pytest.raises(PermissionDenied, match="cannot end your own role"):
        unit_membership_end(membership=_membership("manager"), acting_user=people["manager"])
    communication = Unit.objects.get(hospital=_department().hospital, kind=Unit.Kind.COMMUNICATION)
    with pytest.raises(PermissionDenied):
        unit_membership_end(membership=_membership("lead", communication), acting_user=people["lead"])
    # Another role of one's own may go, and an administrator may end the manager's.
    extra = unit_membership_add(
        unit=_department(), user=people["manager"], role=_role("producer"), acting_user=people["manager"]
    )
    unit_membership_end(membership=extra, acting_user=people["manager"])
    unit_membership_end(membership=_membership("manager"), acting_user=people["admin"])
    assert not Membership.objects.filter(unit=_department(), user=people["manager"]).exists()


# --- posting rights follow --------------------------------------------------------------------------------------


@pytest.fixture
def posting_department(people) -> tuple[Unit, Channel]:
    """A level-3 department the communication unit has selected, with an approved channel."""
    unit = UnitFactory(hospital=_department().hospital, name="Posting department")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    membership_make(user=UserFactory(username="unit-flow"), unit=unit, role_code="flowmanager")
    membership_make(user=UserFactory(username="unit-manager"), unit=unit, role_code="manager")
    flow = User.objects.get(username="unit-flow")
    plan = plan_create(unit=unit, data={"title": "Afdelingens kanal", "platform": "facebook"}, acting_user=flow)
    plan_submit_complete(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    posting_enrolment_grant(unit=unit, acting_user=people["lead"])
    return unit, Channel.objects.get(plan=plan)


def _posters(channel: Channel) -> set[str]:
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel, permission__codename=POST)
    return set(rows.values_list("user__username", flat=True))


def test_posting_rights_follow_adding_and_ending_a_membership(people, posting_department):
    unit, channel = posting_department
    colleague = _colleague()
    assert "colleague" not in _posters(channel)
    membership = unit_membership_add(
        unit=unit,
        user=colleague,
        role=_role("community_manager"),  # a posting role the demo hospital asks no course of
        acting_user=User.objects.get(username="unit-manager"),
    )
    assert "colleague" in _posters(channel)
    unit_membership_end(membership=membership, acting_user=people["community"])
    assert "colleague" not in _posters(channel)
    assert "unit-flow" in _posters(channel)


# --- the page -----------------------------------------------------------------------------------------------------


def test_the_manager_sees_the_units_roles_and_back_ups(client_as, people, pages_in_english):
    unit_membership_backup_set(
        membership=_membership("producer"), backup_for=_membership("flowmanager"), acting_user=people["manager"]
    )
    response = client_as("manager").get(_people_url(_department()))
    assert response.status_code == 200
    html = response.content.decode()
    for person in ("Frederik Berg", "Pernille Dahl", "Mads Krogh"):
        assert person in html
    assert "Backs up Frederik Berg" in html
    assert reverse("unit_people_end", args=[_department().pk, _membership("producer").pk]) in html
    assert 'for="id_user"' in html and 'for="id_role"' in html and 'for="id_backup_for"' in html
    assert "<legend>Person and role</legend>" in html
    assert "admin/" not in html


@pytest.mark.parametrize("username", ["producer", "flowmanager", "other-manager", "foreign-lead"])
def test_everyone_else_gets_404(client, people, username):
    if username == "other-manager":
        membership_make(
            user=UserFactory(username=username), unit=UnitFactory(hospital=_department().hospital), role_code="manager"
        )
    elif username == "foreign-lead":
        foreign = UnitFactory(hospital=HospitalFactory(), kind=Unit.Kind.COMMUNICATION)
        membership_make(user=UserFactory(username=username), unit=foreign, role_code="strategist")
    client.force_login(User.objects.get(username=username))
    department, producer = _department(), _membership("producer")
    assert client.get(_people_url(department)).status_code == 404
    assert client.post(reverse("unit_people_add", args=[department.pk])).status_code == 404
    assert client.post(reverse("unit_people_end", args=[department.pk, producer.pk])).status_code == 404
    assert Membership.objects.filter(pk=producer.pk).exists()


def test_a_membership_of_another_unit_is_404_under_ones_own_unit(client_as):
    elsewhere = Membership.objects.get(user=_colleague())
    client = client_as("manager")
    department = _department()
    for name in ("unit_people_end", "unit_people_backup", "unit_people_backup_stop"):
        url = reverse(name, args=[department.pk, elsewhere.pk])
        assert client.post(url).status_code == 404, name
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_the_page_has_a_fixed_number_of_queries(client_as, django_assert_num_queries):
    client = client_as("manager")
    url = _people_url(_department())
    client.get(url)
    # 9 for the page, 6 for what the target level asks of the roles (standing, role requirements and their
    # combinations, memberships, enrolment, networks), as the gap report asks them.
    with django_assert_num_queries(15):
        client.get(url)
    manager = User.objects.get(username="manager")
    for index in range(12):
        unit_membership_add(
            unit=_department(),
            user=_colleague(f"colleague{index}"),
            role=_role("producer" if index % 2 else "community_manager"),
            backup_for=_membership("flowmanager") if index % 3 == 0 else None,
            acting_user=manager,
        )
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.content.decode().count('class="people-list"') >= 3


def test_adding_through_the_page(client_as, pages_in_english):
    colleague, department = _colleague(), _department()
    response = client_as("manager").post(
        reverse("unit_people_add", args=[department.pk]),
        {"user": colleague.pk, "role": _role("producer").pk, "backup_for": _membership("producer").pk},
        follow=True,
    )
    membership = Membership.objects.get(user=colleague, unit=department)
    assert membership.backup_for == _membership("producer")
    assert response.redirect_chain[-1][0].endswith(f"#membership-{membership.pk}")
    assert "Kim Colleague now holds the role" in response.content.decode()


def test_a_refused_add_keeps_what_was_chosen_and_ties_the_error_to_its_field(client_as, people, pages_in_english):
    department = _department()
    response = client_as("manager").post(
        reverse("unit_people_add", args=[department.pk]),
        {"user": people["producer"].pk, "role": _role("producer").pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already holds the role" in html
    assert 'id="id_role_error"' in html and 'aria-describedby="id_role_error"' in html and 'aria-invalid="true"' in html
    assert f'<option value="{people["producer"].pk}" selected>' in html
    assert f'<option value="{_role("producer").pk}" selected>' in html
    assert '<a href="#id_role">' in html
    assert Membership.objects.filter(unit=department).count() == 3


def test_an_empty_add_names_the_missing_fields(client_as, pages_in_english):
    response = client_as("lead").post(reverse("unit_people_add", args=[_department().pk]), {})
    assert response.status_code == 400
    assert set(response.context["add_form"].errors) == {"user", "role"}


def test_naming_and_stopping_a_back_up_through_the_page(client_as, pages_in_english):
    department, flowmanager, producer = _department(), _membership("flowmanager"), _membership("producer")
    client = client_as("manager")
    response = client.post(
        reverse("unit_people_backup", args=[department.pk, flowmanager.pk]),
        {f"backup-{flowmanager.pk}-backup": producer.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "is now the back-up of Frederik Berg" in response.content.decode()
    producer.refresh_from_db()
    assert producer.backup_for == flowmanager
    client.post(reverse("unit_people_backup_stop", args=[department.pk, producer.pk]))
    producer.refresh_from_db()
    assert producer.backup_for is None


def test_a_back_up_that_ended_meanwhile_is_reported_at_the_field(client_as, people, pages_in_english):
    department, flowmanager = _department(), _membership("flowmanager")
    field = f"backup-{flowmanager.pk}-backup"
    response = client_as("manager").post(
        reverse("unit_people_backup", args=[department.pk, flowmanager.pk]), {field: 999999}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and f'<a href="#id_{field}">' in html


def test_ending_through_the_page_asks_first(client_as, pages_in_english):
    department, producer = _department(), _membership("producer")
    client = client_as("community")
    url = reverse("unit_people_end", args=[department.pk, producer.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and "will no longer hold the role" in asked.content.decode()
    assert Membership.objects.filter(pk=producer.pk).exists()
    done = client.post(url, follow=True)
    assert not Membership.objects.filter(pk=producer.pk).exists()
    assert "no longer holds the role" in done.content.decode()
    assert client.post(url).status_code == 404  # already ended


def test_ending_ones_own_staffing_role_is_refused_on_the_page(client_as, pages_in_english):
    response = client_as("manager").post(reverse("unit_people_end", args=[_department().pk, _membership("manager").pk]))
    assert response.status_code == 403
    assert "cannot end your own role" in response.content.decode()
    assert Membership.objects.filter(pk=_membership("manager").pk).exists()


# --- two people at once -------------------------------------------------------------------------------------------


def _race(*calls) -> list[BaseException]:
    start, failures = threading.Barrier(len(calls)), []

    def run(call) -> None:
        start.wait()
        try:
            with translation.override("en"):  # each thread starts in the default language (Danish)
                call()
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_adding_the_same_role_at_once_add_it_once(demo):
    department, colleague = _department(), _colleague()
    manager, lead, role = User.objects.get(username="manager"), User.objects.get(username="lead"), _role("producer")
    failures = _race(
        lambda: unit_membership_add(unit=department, user=colleague, role=role, acting_user=manager),
        lambda: unit_membership_add(unit=department, user=colleague, role=role, acting_user=lead),
    )
    assert len(failures) == 1 and isinstance(failures[0], ValidationError), failures
    assert "already holds the role" in " ".join(failures[0].messages)
    assert Membership.objects.filter(user=colleague, unit=department, role=role).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_ending_the_same_membership_at_once_end_it_once(demo):
    producer = _membership("producer")
    manager, lead = User.objects.get(username="manager"), User.objects.get(username="lead")
    failures = _race(
        lambda: unit_membership_end(membership=producer, acting_user=manager),
        lambda: unit_membership_end(membership=producer, acting_user=lead),
    )
    assert len(failures) == 1 and isinstance(failures[0], ValidationError), failures
    assert "has ended" in " ".join(failures[0].messages)
    assert not Membership.objects.filter(pk=producer.pk).exists()
    assert Membership.history.filter(id=producer.pk, history_type="-").count() == 1


# --- where a manager finds the page -------------------------------------------------------------------------------


def test_the_dashboard_links_each_unit_the_person_staffs(client_as):
    department = _department()
    people_url = _people_url(department)
    manager = client_as("manager").get(reverse("home")).content.decode()
    assert f'href="{people_url}"' in manager
    assert manager.count('href="/units/') == 1  # the manager's own department only
    lead = client_as("lead").get(reverse("home")).content.decode()
    assert lead.count('href="/units/') == Unit.objects.filter(hospital=department.hospital).count()
    producer = client_as("producer").get(reverse("home")).content.decode()
    assert 'href="/units/' not in producer
