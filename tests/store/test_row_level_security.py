"""The team database's second wall: each member of staff's own PostgreSQL login, used from plain SQL (psycopg,
not fgdm), reads and changes only the rows of cases allocated or shared to them; a manager's reads every case;
a disabled login cannot connect; and through fgdm a login cannot act as anyone else."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, text

from fgdm import demo
from fgdm.config import Settings
from fgdm.services import cases, home, network, notes, records, staff
from fgdm.services.home.glance import glance
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import PermissionDenied
from fgdm.store.engine import normalise_url
from tests.conftest import _truncate_all

PASSWORD = "correct horse battery staple"

# What each table's rows belong to, as the owner reads it: the case of every row.
CASE_OF = {
    "fgdm_case": "SELECT id, id FROM fgdm_case",
    "network_member": "SELECT id, case_id FROM network_member",
    "meeting": "SELECT id, case_id FROM meeting",
    "fgdm_offer": "SELECT id, case_id FROM fgdm_offer",
    "family_plan": "SELECT id, case_id FROM family_plan",
    "plan_action": "SELECT a.id, p.case_id FROM plan_action a JOIN family_plan p ON p.id = a.plan_id",
    "support_item": "SELECT id, case_id FROM support_item",
    "audit_event": "SELECT id, case_id FROM audit_event WHERE case_id IS NOT NULL",
    "person": "SELECT person_id, case_id FROM network_member UNION SELECT person_id, case_id FROM case_child",
    "pre_proceedings_episode": "SELECT id, case_id FROM pre_proceedings_episode",
    "case_note": "SELECT id, case_id FROM case_note",
    "case_document": "SELECT id, case_id FROM case_document",
    "confidential_from": "SELECT id, case_id FROM confidential_from",
}


@dataclass
class Team:
    url: str
    coordinator: str
    manager: str
    administrator: str
    mine: set[int]
    every_case: int

    def login_url(self, username: str) -> str:
        """The libpq address psql or psycopg would use to log in as that member of staff."""
        url = make_url(self.url)
        return psycopg.conninfo.make_conninfo(host=url.host, port=url.port, dbname=url.database, user=username,
                                              password=PASSWORD)

    def as_owner(self, sql: str) -> list[tuple[int, int]]:
        engine = create_engine(self.url)
        with engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(text(sql))]
        engine.dispose()
        return rows  # type: ignore[return-value]


@pytest.fixture
def team(postgres_url: str, clock) -> Iterator[Team]:  # type: ignore[no-untyped-def]
    """A demo service on the worker's database, the group roles, and three logins of this test's own."""
    url = normalise_url(postgres_url)
    _truncate_all(url)
    settings = Settings(database_url=url)
    workspace = Workspace(settings, clock=clock)
    suffix = uuid.uuid4().hex[:8]
    names = {role: f"{role[:5]}_{suffix}" for role in ("coordinator", "manager", "administrator")}
    try:
        with workspace.context() as owner:
            demo.generate_service(owner, seed=5, cases=12)
        records.set_up_roles(settings)
        engine = create_engine(url)
        with engine.connect() as connection:
            demo_admin = connection.execute(text("SELECT username FROM staff WHERE role = 'administrator'")).scalar()
        engine.dispose()
        with workspace.context(demo_admin) as owner:
            for role, username in names.items():
                staff.add_staff(owner, {"username": username, "name": username.title(), "role": role},
                                password=PASSWORD)
            listed = cases.list_cases(owner).rows
        engine = create_engine(url)
        with engine.begin() as connection:
            offered = connection.execute(text("SELECT case_id FROM fgdm_offer GROUP BY case_id "
                                              "ORDER BY count(*) DESC, case_id")).scalars().first()
            supported = connection.execute(text("SELECT case_id FROM support_item WHERE case_id <> :o "
                                                "GROUP BY case_id ORDER BY count(*) DESC, case_id"),
                                           {"o": offered}).scalars().first()
        mine = {offered, supported}
        with workspace.context(demo_admin) as owner:  # an audited change in every case
            for case in listed:
                cases.update_case(owner, case.id, {"desired_outcome": "The children stay in the family"})
                notes.add_note(owner, case.id, {"who": "Grandmother", "method": "phone", "agreed": "Will come"})
        with engine.begin() as connection:
            connection.execute(text(  # a document on every case, as a letter or plan printed would leave
                "INSERT INTO case_document (version, created_at, updated_at, case_id, kind, title, recipient, path, "
                "generated_at, generated_by, reprint) SELECT 1, now(), now(), id, 'plan', 'Family plan', '', "
                "'/nowhere/plan.docx', now(), 'owner', '{}' FROM fgdm_case"))
            me = connection.execute(text("SELECT id FROM staff WHERE username = :u"),
                                    {"u": names["coordinator"]}).scalar_one()
            connection.execute(text("UPDATE fgdm_case SET coordinator_id = :me WHERE id = :case"),
                               {"me": me, "case": offered})
            connection.execute(text("INSERT INTO case_share (version, created_at, updated_at, case_id, staff_id) "
                                    "VALUES (1, now(), now(), :case, :me)"), {"me": me, "case": supported})
            for case in (offered, supported):  # an address kept from a named member in each case
                connection.execute(text(
                    "INSERT INTO confidential_from (version, created_at, updated_at, case_id, fact, person_id, "
                    "hidden_from_person_id, decided_by) SELECT 1, now(), now(), :case, 'address', min(person_id), "
                    "max(person_id), 'test' FROM network_member WHERE case_id = :case"), {"case": case})
        engine.dispose()
        yield Team(url, names["coordinator"], names["manager"], names["administrator"], mine, len(listed))
    finally:
        workspace.dispose()
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for username in names.values():
                connection.execute(text(f'DROP ROLE IF EXISTS "{username}"'))
        engine.dispose()


@pytest.mark.postgres
def test_a_coordinators_own_login_reads_only_their_cases_rows_with_plain_sql(team: Team):
    with psycopg.connect(team.login_url(team.coordinator)) as connection:
        for table, owner_sql in CASE_OF.items():
            expected = {row for row, case in team.as_owner(owner_sql) if case in team.mine}
            seen = {row for (row,) in connection.execute(f"SELECT id FROM {table}")}
            if table == "audit_event":
                seen = {row for (row,) in connection.execute(
                    "SELECT id FROM audit_event WHERE case_id IS NOT NULL")}
            assert seen == expected, table
            assert expected, f"the demo gives {table} rows in the coordinator's cases"
        assert connection.execute("SELECT count(*) FROM fgdm_case").fetchone() == (2,)


@pytest.mark.postgres
def test_a_coordinators_own_login_changes_nothing_outside_their_cases(team: Team):
    others = [case for case, _ in team.as_owner("SELECT id, id FROM fgdm_case") if case not in team.mine]
    outsider = team.as_owner(f"SELECT person_id, case_id FROM network_member WHERE case_id = {others[0]}")[0][0]
    with psycopg.connect(team.login_url(team.coordinator), autocommit=True) as connection:
        assert connection.execute("UPDATE fgdm_case SET family_name = 'x' WHERE id = ANY(%s)",
                                  (others,)).rowcount == 0
        assert connection.execute("UPDATE person SET address = 'x' WHERE id = %s", (outsider,)).rowcount == 0
        assert connection.execute("DELETE FROM support_item WHERE case_id = ANY(%s)", (others,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("INSERT INTO network_member (version, created_at, updated_at, case_id, person_id, "
                               "relationship_to_child, side, household, is_parent, parental_responsibility, "
                               "contact_status, excluded_reason, excluded_by, consent_override_reason, "
                               "not_to_be_told, attends_separately, tie, notes) VALUES (1, now(), now(), %s, %s, "
                               "'', 'paternal', '', false, false, 'identified', '', '', '', false, false, "
                               "'ordinary', '')", (others[0], outsider))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE staff SET role = 'administrator'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("SELECT fgdm_create_login('mallory', 'x', 'fgdm_administrator')")
    assert ("x",) not in team.as_owner("SELECT family_name, id FROM fgdm_case")


@pytest.mark.postgres
def test_a_managers_login_reads_every_case_and_a_disabled_login_cannot_connect(team: Team, clock):
    with psycopg.connect(team.login_url(team.manager)) as connection:
        assert connection.execute("SELECT count(*) FROM fgdm_case").fetchone() == (team.every_case,)
    admin = Workspace(Settings(database_url=_url(team, team.administrator)), clock=clock)
    try:
        with admin.context() as ctx:
            found = next(s for s in staff.list_staff(ctx) if s.username == team.coordinator)
            staff.update_staff(ctx, found.id, {"active": False, "left_on": "2026-11-30"})
    finally:
        admin.dispose()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(team.login_url(team.coordinator))


def _url(team: Team, username: str) -> str:
    """The team database's URL as that member of staff logs in."""
    return make_url(team.url).set(username=username, password=PASSWORD).render_as_string(hide_password=False)


@pytest.mark.postgres
def test_through_fgdm_a_login_acts_only_as_itself_and_the_audit_trail_names_the_login(team: Team, clock):
    mine = Workspace(Settings(database_url=_url(team, team.coordinator)), clock=clock)
    try:
        with (pytest.raises(PermissionDenied, match=f"you are logged in to the database as {team.coordinator}"),
              mine.context(team.administrator)):
            pass
        with mine.context() as ctx:
            assert {case.id for case in cases.list_cases(ctx).rows} == team.mine
            with pytest.raises(PermissionDenied):
                staff.add_staff(ctx, {"username": "eve", "name": "Eve", "role": "administrator"},
                                password=PASSWORD)
            cases.update_case(ctx, min(team.mine), {"desired_outcome": "Ngozi stays with her grandmother"})
    finally:
        mine.dispose()
    logins = team.as_owner("SELECT id, 0 FROM audit_event WHERE login = '" + team.coordinator + "'")
    assert logins, "the change made through fgdm is recorded with the database login that made it"


def test_a_coordinator_s_own_login_adds_and_removes_a_child_of_their_case(team: Team, clock):
    """The child's person is seen only through the case: removing the child removes the person too, under the
    coordinator's own login, and nothing of it is left unseen."""
    mine = Workspace(Settings(database_url=_url(team, team.coordinator)), clock=clock)
    case_id = min(team.mine)
    try:
        with mine.context() as ctx:
            link = cases.add_child(ctx, case_id, {"given_name": "Wren", "due_date": "2027-03-01"})
            person_id = link.person_id
            assert "Wren" in [child.given_name for child in cases.children_of(ctx, case_id)]
            assert cases.remove_child(ctx, link.id).startswith("Wren ")
            assert "Wren" not in [child.given_name for child in cases.children_of(ctx, case_id)]
    finally:
        mine.dispose()
    assert team.as_owner(f"SELECT id, 0 FROM person WHERE id = {person_id}") == []


@pytest.mark.postgres
def test_subject_access_drafts_are_for_managers_and_administrators_only(team: Team, clock):
    person = team.as_owner("SELECT person_id, case_id FROM network_member ORDER BY id LIMIT 1")[0][0]
    manager = Workspace(Settings(database_url=_url(team, team.manager)), clock=clock)
    try:
        with manager.context() as ctx:
            draft = records.draft_subject_access(ctx, person)
    finally:
        manager.dispose()
    with psycopg.connect(team.login_url(team.administrator)) as connection:
        assert connection.execute("SELECT id FROM subject_access_draft").fetchall() == [(draft.id,)]
    with psycopg.connect(team.login_url(team.coordinator)) as connection, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("SELECT id FROM subject_access_draft")


@pytest.mark.postgres
def test_a_coordinators_own_login_cannot_name_people_or_meetings_of_other_cases_in_its_own(team: Team, clock):
    """Linking anyone by id to one's own case would open their record (a confidential address included); a kept
    fact or a document of one's own case naming someone or a meeting elsewhere would reach into another case."""
    others = [case for case, _ in team.as_owner("SELECT id, id FROM fgdm_case") if case not in team.mine]
    own = min(team.mine)
    outsider = team.as_owner(f"SELECT person_id, case_id FROM network_member WHERE case_id = {others[0]} "
                             "AND person_id NOT IN (SELECT person_id FROM network_member WHERE case_id IN "
                             f"({', '.join(map(str, team.mine))}))")[0][0]
    elsewhere = team.as_owner(f"SELECT id, case_id FROM meeting WHERE case_id = {others[0]}")[0][0]
    member = team.as_owner(f"SELECT person_id, case_id FROM network_member WHERE case_id = {own}")[0][0]
    their_child = team.as_owner(f"SELECT id, case_id FROM case_child WHERE case_id = {others[0]}")[0][0]
    their_member = team.as_owner(f"SELECT id, case_id FROM network_member WHERE case_id = {others[0]}")[0][0]
    my_meeting = team.as_owner(f"SELECT id, case_id FROM meeting WHERE case_id IN ({', '.join(map(str, team.mine))})"
                               )[0][0]
    attempts = {
        "network_member": (
            "INSERT INTO network_member (version, created_at, updated_at, case_id, person_id, relationship_to_child, "
            "side, household, is_parent, parental_responsibility, contact_status, excluded_reason, excluded_by, "
            "consent_override_reason, not_to_be_told, attends_separately, tie, notes) VALUES (1, now(), now(), %s, "
            "%s, '', 'paternal', '', false, false, 'identified', '', '', '', false, false, 'ordinary', '')",
            (own, outsider)),
        "case_child": ("INSERT INTO case_child (version, created_at, updated_at, case_id, person_id, legal_status) "
                       "SELECT 1, now(), now(), %s, %s, legal_status FROM case_child LIMIT 1", (own, outsider)),
        "confidential_from (someone elsewhere)": (
            "INSERT INTO confidential_from (version, created_at, updated_at, case_id, fact, person_id, "
            "hidden_from_person_id, decided_by) VALUES (1, now(), now(), %s, 'address', %s, %s, 'x')",
            (own, member, outsider)),
        "confidential_from (a meeting elsewhere)": (
            "INSERT INTO confidential_from (version, created_at, updated_at, case_id, fact, meeting_id, "
            "hidden_from_person_id, decided_by) VALUES (1, now(), now(), %s, 'venue', %s, %s, 'x')",
            (own, elsewhere, member)),
        "case_document": (
            "INSERT INTO case_document (version, created_at, updated_at, case_id, kind, title, person_id, recipient, "
            "path, generated_at, generated_by, reprint) VALUES (1, now(), now(), %s, 'plan', 'Family plan', %s, '', "
            "'/nowhere/plan.docx', now(), 'x', '{}')", (own, outsider)),
        "pre_proceedings_episode (a child elsewhere, into their census return)": (
            "INSERT INTO pre_proceedings_episode (version, created_at, updated_at, case_id, case_child_id, notes, "
            "override_reason) VALUES (1, now(), now(), %s, %s, '', '')", (own, their_child)),
        "meeting_attendee (a member elsewhere)": (
            "INSERT INTO meeting_attendee (version, created_at, updated_at, meeting_id, network_member_id, role, "
            "attendance) VALUES (1, now(), now(), %s, %s, 'family', 'expected')", (my_meeting, their_member)),
    }
    with psycopg.connect(team.login_url(team.coordinator), autocommit=True) as connection:
        for what, (sql, values) in attempts.items():
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql, values)
                pytest.fail(f"{what}: a row of the coordinator's case named someone or something of another case")
        assert connection.execute("SELECT count(*) FROM person WHERE id = %s", (outsider,)).fetchone() == (0,)
        assert connection.execute(  # their own case's rows still change
            "UPDATE network_member SET notes = 'rang on Tuesday' WHERE case_id = %s", (own,)).rowcount > 0
    mine = Workspace(Settings(database_url=_url(team, team.coordinator)), clock=clock)
    try:  # and through fgdm they still add someone new and keep an address from them
        with mine.context() as ctx:
            added = network.add_member(ctx, own, {"given_name": "Tobias", "family_name": "Quill",
                                                  "relationship_to_child": "family friend"}, allow_duplicate=True)
            kept = network.keep_confidential(ctx, own, "address", person_id=member, hidden_from=[added.person_id])
            assert any(view.hidden_from_person_id == added.person_id for view in kept)
    finally:
        mine.dispose()


@pytest.mark.postgres
def test_a_coordinator_imports_a_case_file_under_their_own_login_and_a_clash_unseen_is_said_once(
        team: Team, tmp_path) -> None:
    """Relationships are written once the people are seen through the case; a person on file only in a case the
    login cannot open is one line at its JSON path, not a database error that running the import again repeats."""
    from tests.cli.boundary import run_fgdm

    login = _url(team, team.coordinator)
    owned = {case: reference for reference, case in team.as_owner(
        "SELECT c.reference, c.id FROM fgdm_case c JOIN staff s ON s.id = c.coordinator_id "
        f"WHERE s.username = '{team.coordinator}'")}
    documents = {}
    for case in team.mine:  # one allocated to them, one shared with them
        exported = run_fgdm("--db", login, "export", "--case", owned.get(case) or team.as_owner(
            f"SELECT reference, id FROM fgdm_case WHERE id = {case}")[0][0])
        assert exported.code == 0, exported.stderr
        documents[case in owned] = json.loads(exported.stdout)
    document = documents[True]
    shared = documents[False]
    shared["case"].update(uid=str(uuid.uuid4()), reference="FG-2026-9003")
    (tmp_path / "shared.json").write_text(json.dumps(shared), encoding="utf-8")
    refused = run_fgdm("--db", login, "import", str(tmp_path / "shared.json"))
    assert refused.code == 1
    assert f"  $.case.coordinator: you ({team.coordinator}) can import only a case you coordinate or refer; a " \
           "manager can import this one" in refused.stderr.splitlines(), refused.stderr
    assert document["relationships"], "the case file ties people together"
    document["case"].update(uid=str(uuid.uuid4()), reference="FG-2026-9001")
    for person in document["people"]:
        person.update(uid=str(uuid.uuid4()), la_child_id=None)
    for meeting in document["meetings"]:
        meeting["ical_uid"] = f"{uuid.uuid4()}@fgdm.test"
    others = [case for case, _ in team.as_owner("SELECT id, id FROM fgdm_case") if case not in team.mine]
    outsider = team.as_owner(f"SELECT p.uid, m.case_id FROM person p JOIN network_member m ON m.person_id = p.id "
                             f"WHERE m.case_id = {others[0]} AND p.id NOT IN (SELECT person_id FROM network_member "
                             f"WHERE case_id IN ({', '.join(map(str, team.mine))}))")[0][0]
    clashing = json.loads(json.dumps(document))
    clashing["people"][0]["uid"] = outsider
    clashing["staff"].append({**clashing["staff"][0], "username": "new.colleague", "role": "coordinator"})
    clashing["case"].update(uid=str(uuid.uuid4()), reference="FG-2026-9002")
    before = team.as_owner("SELECT count(*), 0 FROM fgdm_case")
    (tmp_path / "clash.json").write_text(json.dumps(clashing), encoding="utf-8")
    refused = run_fgdm("--db", login, "import", str(tmp_path / "clash.json"))
    assert refused.code == 1
    assert "  $.people[0].uid: this person is on file in a case you cannot open; a manager can import this file, " \
           "or share that case with you" in refused.stderr.splitlines(), refused.stderr
    assert f"  $.staff[{len(clashing['staff']) - 1}].role: only an administrator may add a coordinator " \
           "(new.colleague); ask one to import this file, or to add them first" in refused.stderr.splitlines()
    assert team.as_owner("SELECT count(*), 0 FROM fgdm_case") == before
    (tmp_path / "case.json").write_text(json.dumps(document), encoding="utf-8")
    imported = run_fgdm("--db", login, "import", str(tmp_path / "case.json"))
    assert imported.code == 0, imported.stderr
    assert team.as_owner("SELECT count(*), 0 FROM relationship r JOIN network_member m ON m.person_id = "
                         "r.from_person_id JOIN fgdm_case c ON c.id = m.case_id WHERE c.reference = 'FG-2026-9001'"
                         )[0][0] > 0


@pytest.mark.postgres
def test_home_s_first_look_under_a_login_is_its_full_read_and_cannot_name_another(team: Team, clock):
    """The workbench's first frame, read through the driver before the records are opened, acts as the login
    the server names, and row-level security narrows it as it narrows the full read."""
    url = _url(team, team.coordinator)
    lines = home.StageLines(first=9)
    mine = Workspace(Settings(database_url=url), clock=clock)
    try:
        with mine.context() as ctx:
            full = home.home(ctx, stage_lines=lines)
    finally:
        mine.dispose()
    looked = glance(url, "", lines)
    assert looked is not None and (looked.scope, looked.my_cases) == (full.scope, full.my_cases)
    assert {line.case_id for group in looked.my_cases for line in group.cases} <= team.mine
    assert glance(url, team.administrator, lines) is None  # the usual start refuses to act as another
