"""row-level security: a row of a case may name only people and meetings of that case

Migration 0010 lets a login change a case's rows only in cases open to it, but said nothing of whom a new row
names. So a coordinator's own login, from psql, could add a network member to their own case for any person id,
and the person's policy (seen through any open case) then showed that person's name and confidential address;
and a kept-from fact (``confidential_from``) or a document of their case could name people and meetings of
cases not theirs. Now a membership (``network_member``, ``case_child``) may take a person only already seen
through a case open to the login, or on file in no case yet (a person is added just before their membership);
a kept fact names only people and a meeting of its own case, a document only someone the login may see, a
pre-proceedings episode only a child of its own case (else it would join that child's census return), and a
meeting's attendee only a member of the meeting's case.
Managers and administrators read every case, so nothing changes for them. SQLite is single-user: nothing.

``fgdm_on_file`` says which of some case references, uids or LAchildIDs are already held anywhere, so that
importing a case file that clashes with a case the login cannot open is refused by its JSON path, rather than
failing at the database with a clash that running the import again never clears.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-07 23:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0018"
branch_labels = None
depends_on = None

DEFINER = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION fgdm_person_linkable(person_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_person_visible($1)
          OR (NOT EXISTS (SELECT 1 FROM network_member m WHERE m.person_id = $1)
              AND NOT EXISTS (SELECT 1 FROM case_child c WHERE c.person_id = $1)) $$;
CREATE OR REPLACE FUNCTION fgdm_person_in_case(person_id integer, case_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_case_visible($2)
          AND (EXISTS (SELECT 1 FROM network_member m WHERE m.person_id = $1 AND m.case_id = $2)
               OR EXISTS (SELECT 1 FROM case_child c WHERE c.person_id = $1 AND c.case_id = $2)) $$;
CREATE OR REPLACE FUNCTION fgdm_on_file(kind text, wanted text[]) RETURNS SETOF text {DEFINER} AS
$$ SELECT reference FROM fgdm_case WHERE $1 = 'reference' AND reference = ANY($2)
   UNION SELECT uid FROM fgdm_case WHERE $1 = 'case_uid' AND uid = ANY($2)
   UNION SELECT ical_uid FROM meeting WHERE $1 = 'ical_uid' AND ical_uid = ANY($2)
   UNION SELECT uid FROM person WHERE $1 = 'person_uid' AND uid = ANY($2)
   UNION SELECT la_child_id FROM person WHERE $1 = 'la_child_id' AND la_child_id = ANY($2) $$;
CREATE OR REPLACE FUNCTION fgdm_child_in_case(case_child_id integer, case_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_case_visible($2) AND EXISTS (SELECT 1 FROM case_child c WHERE c.id = $1 AND c.case_id = $2) $$;
CREATE OR REPLACE FUNCTION fgdm_member_of_meetings_case(network_member_id integer, meeting_id integer)
RETURNS boolean {DEFINER} AS
$$ SELECT EXISTS (SELECT 1 FROM network_member m JOIN meeting g ON g.case_id = m.case_id
                  WHERE m.id = $1 AND g.id = $2 AND fgdm_case_visible(g.case_id)) $$;
CREATE OR REPLACE FUNCTION fgdm_meeting_in_case(meeting_id integer, case_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_case_visible($2) AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = $1 AND m.case_id = $2) $$;
"""

CHECKS = {
    "network_member": "fgdm_case_visible(case_id) AND fgdm_person_linkable(person_id)",
    "case_child": "fgdm_case_visible(case_id) AND fgdm_person_linkable(person_id)",
    "confidential_from": "fgdm_case_visible(case_id) AND fgdm_person_in_case(hidden_from_person_id, case_id) "
                         "AND (person_id IS NULL OR fgdm_person_in_case(person_id, case_id)) "
                         "AND (meeting_id IS NULL OR fgdm_meeting_in_case(meeting_id, case_id))",
    "case_document": "fgdm_case_visible(case_id) AND (person_id IS NULL OR fgdm_person_visible(person_id))",
    "pre_proceedings_episode": "fgdm_case_visible(case_id) AND fgdm_child_in_case(case_child_id, case_id)",
    "meeting_attendee": "meeting_id IN (SELECT id FROM meeting) AND (network_member_id IS NULL "
                        "OR fgdm_member_of_meetings_case(network_member_id, meeting_id))",
}
"""Each table's one policy (``fgdm_all``), checked on every row written."""

BEFORE = {table: "meeting_id IN (SELECT id FROM meeting)" if table == "meeting_attendee"
          else "fgdm_case_visible(case_id)" for table in CHECKS}
"""The checks of migrations 0010, 0014, 0013 and 0017, for a downgrade."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    for table, check in CHECKS.items():
        op.execute(f"ALTER POLICY fgdm_all ON {table} WITH CHECK ({check})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, check in BEFORE.items():
        op.execute(f"ALTER POLICY fgdm_all ON {table} WITH CHECK ({check})")
    for function in ("fgdm_on_file(text, text[])", "fgdm_meeting_in_case(integer, integer)",
                     "fgdm_child_in_case(integer, integer)", "fgdm_member_of_meetings_case(integer, integer)",
                     "fgdm_person_in_case(integer, integer)", "fgdm_person_linkable(integer)"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
