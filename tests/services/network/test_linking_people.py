"""Linking a person already on file reaches only people in cases the user may open; for anyone else the user
learns that a match exists and which manager can link it, and nothing about the person."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fgdm.services import network
from fgdm.services.shared.errors import PermissionDenied
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import add_member

SAFE_ADDRESS = "Flat 3, 12 Refuge Close, Ashby Vale, ZX9 9ZZ"


@pytest.fixture
def two_coordinators(workspace):  # type: ignore[no-untyped-def]
    """Dana's case holds a mother at a confidential address; Eli has a case of his own."""
    with workspace.context() as owner:
        boss = make_staff(owner, "claire", "manager", name="Claire Roper")
        dana = make_staff(owner, "dana", manager_id=boss.id)
        eli = make_staff(owner, "eli")
        theirs = make_case(owner, coordinator_id=dana.id, family_name="Walsh")
        mine = make_case(owner, coordinator_id=eli.id, family_name="Brook")
        mother = add_member(owner, theirs.id, "Grace", "Walsh", relationship="Mother", address=SAFE_ADDRESS,
                            address_confidential=True, phone="07700 900123", date_of_birth=date(1990, 2, 3))
    return workspace, mine, mother


def test_linking_a_person_from_a_case_one_may_not_open_is_refused_naming_the_manager(two_coordinators):
    workspace, mine, mother = two_coordinators
    with (workspace.context("eli") as ctx,
          pytest.raises(PermissionDenied, match=r"ask Claire Roper \(manager\) to link them")):
        network.add_member(ctx, mine.id, {"relationship_to_child": "Aunt"}, link_person_id=mother.person_id)


def test_the_duplicate_finder_says_a_match_exists_and_nothing_about_the_person(two_coordinators):
    workspace, _, _ = two_coordinators
    with workspace.context("eli") as ctx:
        [match] = network.find_duplicates(ctx, given_name="Grace", family_name="Walsh",
                                          date_of_birth=date(1990, 2, 3), phone="07700 900123")
    assert match.hidden and match.person_id is None
    assert (match.name, match.date_of_birth, match.cases, match.other_cases) == ("", None, [], 1)
    assert match.ask == "Claire Roper (manager)"
    assert "Grace" not in match.summary and SAFE_ADDRESS not in match.summary


def test_a_manager_sees_and_links_the_match(two_coordinators):
    workspace, mine, mother = two_coordinators
    with workspace.context("claire") as ctx:
        [match] = network.find_duplicates(ctx, given_name="Grace", family_name="Walsh",
                                          date_of_birth=date(1990, 2, 3))
        assert (match.person_id, match.name) == (mother.person_id, "Grace Walsh")
        network.add_member(ctx, mine.id, {"relationship_to_child": "Aunt"}, link_person_id=mother.person_id)


def test_the_command_line_attack_as_found_reads_nothing(two_coordinators, tmp_path: Path):
    """As found: `network add --case MINE --link <any person id>` added them and listed their safe address."""
    workspace, mine, mother = two_coordinators
    url = workspace.settings.database_url
    env = {**os.environ, "FGDM_DATA_DIR": str(tmp_path / "data")}

    def fgdm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fgdm", "--db", url, "--user", "eli", *args],
                              capture_output=True, text=True, env=env, check=False)

    linked = fgdm("network", "add", "--case", mine.reference, "--link", str(mother.person_id),
                  "--relationship", "Aunt")
    assert linked.returncode != 0
    assert "Traceback" not in linked.stderr and "ask Claire Roper (manager) to link them" in linked.stderr
    listed = fgdm("network", "list", "--case", mine.reference)
    assert SAFE_ADDRESS not in listed.stdout and "Grace" not in listed.stdout
    added = fgdm("network", "add", "--case", mine.reference, "--given-name", "Grace", "--family-name", "Walsh",
                 "--dob", "1990-02-03", "--relationship", "Aunt")
    assert "a match (same name and date of birth) in 1 case(s) you may not open: ask Claire Roper (manager)" \
        in added.stderr
    assert f"person {mother.person_id}" not in added.stderr and "Walsh" not in added.stderr.split("fgdm:")[-1]
