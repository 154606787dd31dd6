"""`fgdm network`, run as a script would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.documents.network_map import document_text
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import ValidationFailed
from tests.factories import make_case
from tests.services.network.test_network_family import CONFIDENTIAL_ADDRESS, NOT_TO_BE_TOLD, build_family

runner = CliRunner()


def _run(url: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result.stdout if code == 0 else result.stderr


def test_add_list_move_and_consent(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    ref = case.reference
    said = _run(sqlite_url, "network", "add", "--case", ref, "--given-name", "Siân", "--family-name", "O'Neill",
                "--relationship", "Maternal aunt", "--side", "maternal", "--dob", "1980-04-01", "--phone",
                "01632 960 111", "--pr")
    assert "Added Siân O'Neill" in said
    member_id = said.rsplit("member ", 1)[1].rstrip(".\n")
    listed = json.loads(_run(sqlite_url, "network", "list", "--case", ref, "--format", "json"))
    assert [(m["name"], m["side"], m["parental_responsibility"]) for m in listed] == [
        ("Siân O'Neill", "maternal", True)]
    table = _run(sqlite_url, "network", "list", "--case", ref)
    assert "Siân O'Neill" in table and "PR" in table

    refused = runner.invoke(app, ["--db", sqlite_url, "network", "move", "--case", ref, "--member", member_id,
                                  "--to", "contacted"])
    assert isinstance(refused.exception, ValidationFailed) and "consent" in str(refused.exception)
    _run(sqlite_url, "network", "consent", "--case", ref, "--by", "Joy Okafor", "--on", "2026-11-01")
    moved = _run(sqlite_url, "network", "move", "--case", ref, "--member", member_id, "--to", "contacted")
    assert moved == "Siân O'Neill is now contacted.\n"


def test_possible_duplicate_lists_people_to_link(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        first, second = make_case(ctx), make_case(ctx, family_name="Bell")
    _run(sqlite_url, "network", "add", "--case", first.reference, "--given-name", "Grace", "--family-name",
         "Okafor", "--dob", "1958-02-14")
    said = _run(sqlite_url, "network", "add", "--case", second.reference, "--given-name", "Grace",
                "--family-name", "Okafor", "--dob", "1958-02-14", code=1)
    assert "person" in said and "same name and date of birth" in said and first.reference in said
    person_id = said.split("  person ", 1)[1].split(":", 1)[0]
    _run(sqlite_url, "network", "add", "--case", second.reference, "--link", person_id, "--relationship",
         "Grandmother")
    listed = json.loads(_run(sqlite_url, "network", "list", "--case", second.reference, "--format", "json"))
    assert [str(m["person_id"]) for m in listed] == [person_id]


def test_duplicates_found_later_are_merged(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        first, second = make_case(ctx), make_case(ctx, family_name="Bell")
    for case in (first, second):
        _run(sqlite_url, "network", "add", "--case", case.reference, "--given-name", "Grace", "--phone",
             "01632 960 123", "--allow-duplicate")
    listed = json.loads(_run(sqlite_url, "network", "list", "--case", second.reference, "--format", "json"))
    said = _run(sqlite_url, "network", "duplicates", "--case", second.reference, "--member",
                str(listed[0]["member_id"]))
    assert "same phone number" in said and first.reference in said
    keep = said.split("person ", 1)[1].split(":", 1)[0]
    merged = _run(sqlite_url, "network", "merge", "--keep", keep, "--merge", str(listed[0]["person_id"]))
    assert "moved 1 network memberships" in merged
    again = json.loads(_run(sqlite_url, "network", "list", "--case", second.reference, "--format", "json"))
    assert [str(m["person_id"]) for m in again] == [keep]


def test_print_both_variants_and_show_views(sqlite_workspace: Workspace, sqlite_url: str, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        ref = build_family(ctx).case.reference
    genogram = _run(sqlite_url, "network", "show", "--case", ref)
    assert "Ada Okafor" in genogram and "◉" in genogram and NOT_TO_BE_TOLD in genogram
    assert any(set(line) & set("┌┐┬┴") for line in genogram.splitlines()), "drawn with lines"
    shared_ecomap = _run(sqlite_url, "network", "show", "--case", ref, "--view", "ecomap", "--shareable")
    assert "Riverside Primary School" in shared_ecomap and NOT_TO_BE_TOLD not in shared_ecomap
    coordinator = Path(_run(sqlite_url, "network", "print", "--case", ref, "-o", str(tmp_path / "c.docx")).strip())
    shareable = Path(_run(sqlite_url, "network", "print", "--case", ref, "--shareable", "-o", str(tmp_path)).strip())
    assert CONFIDENTIAL_ADDRESS in document_text(Document(str(coordinator)))
    shared_text = document_text(Document(str(shareable)))
    assert CONFIDENTIAL_ADDRESS not in shared_text and NOT_TO_BE_TOLD not in shared_text
    listed = json.loads(_run(sqlite_url, "network", "list", "--case", ref, "--shareable", "--format", "json"))
    assert NOT_TO_BE_TOLD not in {m["name"] for m in listed} and all(m["phone"] == "" for m in listed)


def test_the_genogram_layout_as_json_is_the_one_the_text_draws(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    laid_out = json.loads(_run(sqlite_url, "network", "show", "--case", family.case.reference, "--format", "json"))
    text = _run(sqlite_url, "network", "show", "--case", family.case.reference).splitlines()
    nodes = {node["person_id"]: node for node in laid_out["nodes"]}
    ada = nodes[family.person_ids["Ada"]]
    name_at = ada["x"] - len("Ada Okafor") // 2
    assert ada["is_child"] and ada["generation"] == 0 and text[ada["y"] + 1][name_at:].startswith("Ada Okafor")
    assert text[ada["y"]][ada["x"]] == "◉"
    descent = next(line for line in laid_out["lines"] if line["kind"] == "descent" and line["to"] == [ada["person_id"]])
    assert all(nodes[parent]["y"] < ada["y"] for parent in descent["from"]) and descent["points"][-1] == [ada["x"],
                                                                                                        ada["y"]]
    assert {"Sam", "Priya"} <= {m["name"].split()[0] for m in laid_out["outside_the_tree"]}
    ecomap = json.loads(_run(sqlite_url, "network", "show", "--case", family.case.reference, "--view", "ecomap",
                             "--format", "json"))
    assert any(spoke["label"].startswith("▭ Riverside Primary School") or "Riverside" in spoke["label"]
               for spoke in ecomap["spokes"])


def test_errors_are_one_line_on_stderr(sqlite_url: str) -> None:
    result = subprocess.run([sys.executable, "-m", "fgdm", "--db", sqlite_url, "network", "list", "--case",
                             "FG-1999-0001"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("fgdm: There is no case with reference 'FG-1999-0001'")


def test_contacting_someone_not_to_be_told_needs_a_reason_that_the_audit_trail_keeps(
        sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    ref, tunde = family.case.reference, str(family.member_ids["Tunde"])
    refused = runner.invoke(app, ["--db", sqlite_url, "network", "move", "--case", ref, "--member", tunde,
                                  "--to", "contacted"])
    assert str(refused.exception) == (f"reason: {NOT_TO_BE_TOLD} is marked not to be told of the meeting: give the "
                                      "reason for contacting them anyway")
    moved = _run(sqlite_url, "network", "move", "--case", ref, "--member", tunde, "--to", "contacted",
                 "--reason", "The police asked us to serve a notice on him.")
    assert moved == f"{NOT_TO_BE_TOLD} is now contacted.\n"
    audit = _run(sqlite_url, "audit", "--case", ref)
    assert "The police asked us to serve a notice on him." in audit
