"""No crash from text: control characters are removed wherever text comes in (every input model, every
imported file), and documents hold anything already on file, with bounded properties cut safely."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.documents.network_map import document_text
from fgdm.documents.safe_text import PROPERTY_LIMIT, bounded, xml_safe
from fgdm.domain.validation import CONTROL_CHARACTERS
from fgdm.models import NetworkMember, Person
from fgdm.services import case_file, letters, network
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import ValidationFailed
from fgdm.services.shared.inputs import parse
from tests.documents.test_letters import build_family as build_letter_family
from tests.factories import make_case
from tests.services.shared.test_hostile_input import input_models

PASTED = "Cousin\x1e1\x0b\x07"
CONTROLS = st.text(st.characters(min_codepoint=1, max_codepoint=0x1F).filter(lambda c: c not in "\t\n\r"), min_size=1)


@pytest.mark.parametrize("model", input_models(), ids=lambda m: m.__qualname__)
def test_every_input_model_drops_control_characters_from_every_text_field(model) -> None:
    text_fields = [name for name, info in model.model_fields.items() if info.annotation in (str, "str")]

    @settings(max_examples=10, deadline=None)
    @given(st.sampled_from(text_fields) if text_fields else st.none(), CONTROLS)
    def check(name: str | None, noise: str) -> None:
        if name is None:
            return
        try:
            parsed = parse(model, {name: f"Ann{noise}e"})
        except ValidationFailed as refused:
            assert name not in refused.errors or "control" not in refused.errors[name]
            return
        assert not CONTROL_CHARACTERS.search(getattr(parsed, name))

    check()


def test_a_pasted_relationship_prints_in_the_network_map(sqlite_workspace: Workspace, sqlite_url: str,
                                                        tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.add_member(ctx, case.id, {"given_name": "Ngozi", "family_name": "Okafor",
                                          "relationship_to_child": PASTED})
        stored = ctx.session.exec(select(NetworkMember.relationship_to_child)).all()
    assert stored == ["Cousin1"]
    with sqlite_workspace.context() as ctx, ctx.write() as session:
        # A record saved before input was cleaned: the document must still be written.
        member = session.exec(select(NetworkMember)).one()
        member.relationship_to_child = PASTED
        session.add(member)
    target = tmp_path / "map.docx"
    result = CliRunner().invoke(app, ["--db", sqlite_url, "network", "print", "--case", case.reference,
                                      "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Cousin1" in document_text(Document(str(target)))


def test_an_imported_file_loses_its_control_characters(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.add_member(ctx, case.id, {"given_name": "Ngozi", "family_name": "Okafor"})
        exported = case_file.export_case(ctx, case.id)
        document: dict[str, Any] = copy.deepcopy(exported)
        document["case"].update(reference="FG-2026-0999", uid="imported-with-noise")
        document["people"][0]["given_name"] = "Ng\x1eozi\x07"
        result = case_file.import_case_files(ctx, [document])
        again = case_file.export_case(ctx, result.cases[0].case_id)
    names = {person["given_name"] for person in again["people"]}
    assert "Ngozi" in names and not any(CONTROL_CHARACTERS.search(name) for name in names)


def test_a_very_long_name_gives_a_letter_with_a_bounded_title(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_letter_family(ctx)
        with ctx.write() as session:
            person = session.get(Person, family.mother.person_id)
            person.given_name = "Anne-Marie " * 22
            session.add(person)
        letter = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "invitation",
                                         output=tmp_path / "long.docx")
    title = Document(str(letter.path)).core_properties.title
    assert len(title) <= PROPERTY_LIMIT and title.endswith("…") and title.startswith("FG-2026-0001 Invitation")


@given(st.text(max_size=600))
def test_bounded_text_always_fits(text: str) -> None:
    cut = bounded(text)
    assert len(cut) <= PROPERTY_LIMIT and xml_safe(cut) == cut
