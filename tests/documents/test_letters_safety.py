"""What a letter must never do: run data as code, print someone else's address, or hide a template mistake."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from fgdm.domain.enums import LetterKind, MeetingStatus
from fgdm.models import LetterRecord, Staff
from fgdm.services import letters
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed
from tests.documents.test_letters import _meeting, docx_text
from tests.factories import make_case, make_staff
from tests.services.offers.test_offers import add_member


def council_templates(ctx: ServiceContext, folder: Path, files: dict[str, str]) -> None:
    """Point the context at a council's own template folder holding just these files."""
    for name, text in files.items():
        (folder / "letters").mkdir(parents=True, exist_ok=True)
        (folder / "letters" / name).write_text(text, encoding="utf-8")
    ctx.settings = ctx.settings.model_copy(update={"template_dir": folder})


def records(ctx: ServiceContext) -> int:
    return len(ctx.session.exec(select(LetterRecord)).all())


@pytest.mark.parametrize("name", ["{{ 7*7 }}", "{% for %}", "{{ ''.__class__.__mro__ }}", "%(children)s",
                                  "{# note #}", "Robert'); DROP TABLE person;--"])
def test_names_that_look_like_code_are_printed_literally(ctx, family, tmp_path, name) -> None:
    person = add_member(ctx, family.case, name, "{% endfor %}", is_parent=True, preferred_language="cy",
                        address="# not a heading\n- not a bullet\n{{ recipient.address }}")
    letter = letters.generate_letter(ctx, family.case.id, person.person_id, "offer", output=tmp_path / "x.docx")
    document = Document(str(letter.path))
    text = docx_text(letter.path)
    assert f"{name} {{% endfor %}}" in text
    assert f"Annwyl {name} {{% endfor %}}," in text
    assert "# not a heading\n- not a bullet\n{{ recipient.address }}" in text
    assert "49" not in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "not a heading" not in headings and all("{" not in h for h in headings)


@pytest.mark.parametrize(("template", "field"), [
    ("{{ recipient.name }}\n{{ network[3].address }}\n", "network[3].address"),
    ("{% for person in network %}\n{{ person.name }}: {{ person.phone }}\n{% endfor %}\n", "network[1].name"),
    ("{{ children[0].address }}\n", "children[0].address"),
    ("{% if network[3].address %}\nsomething\n{% endif %}\n", "network[3].address"),
])
def test_template_asking_for_a_forbidden_field_stops_and_writes_nothing(ctx, family, tmp_path, template,
                                                                         field) -> None:
    council_templates(ctx, tmp_path / "council", {"offer.j2": template})
    target = tmp_path / "out" / "letter.docx"
    with pytest.raises(SafetyBreach) as error:
        letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=target)
    assert field in str(error.value) and "letters/offer.j2" in str(error.value)
    assert "line" in str(error.value) and "nothing was written" in str(error.value)
    assert not target.exists() and not target.parent.exists()
    assert records(ctx) == 0


def test_meeting_details_are_withheld_from_someone_not_to_be_told(ctx, family, tmp_path) -> None:
    council_templates(ctx, tmp_path / "council", {"outcome.j2": "Dear {{ recipient.name }}\n\n{{ meeting.venue }}\n"})
    with pytest.raises(SafetyBreach, match=r"line 3.*meeting\.venue.*not to be told"):
        letters.generate_letter(ctx, family.case.id, family.father.person_id, "outcome", output=tmp_path / "o.docx")
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(("template", "line", "field"), [
    ("{{ recipient.name }}\n\n{{ recipient.nickname }}\n", 3, "nickname"),
    ("{{ recipient.name }}\n{{ coordinater.name }}\n", 2, "coordinater"),
    ("one\ntwo\n{% if recipient.name %}\nthree\n", 4, None),
    ("{{ recipient.name }}\n{% include 'letters/_missing.j2' %}\n", 2, None),
])
def test_broken_template_reports_template_line_and_field(ctx, family, tmp_path, template, line, field) -> None:
    council_templates(ctx, tmp_path / "council", {"offer.j2": template})
    target = tmp_path / "letter.docx"
    with pytest.raises(ValidationFailed) as error:
        letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=target)
    message = error.value.errors["template"]
    assert f"letters/offer.j2, line {line}" in message
    if field:
        assert repr(field) in message
    assert not target.exists() and records(ctx) == 0


def test_sandbox_refuses_python_internals(ctx, family, tmp_path) -> None:
    probe = "{{ recipient.__class__.__mro__[1].__subclasses__() }}\n"
    council_templates(ctx, tmp_path / "council", {"offer.j2": probe})
    with pytest.raises(ValidationFailed, match=r"letters/offer\.j2, line 1"):
        letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_council_template_overrides_one_file_and_the_rest_is_shipped(ctx, family, tmp_path) -> None:
    council_templates(ctx, tmp_path / "council", {"_solicitors.j2": "## Solicitors near you\n\n"
                                                                    "- Example & Co Solicitors, 01632 960 999\n"})
    letter = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", language="en_GB",
                                     output=tmp_path / "x.docx")
    text = docx_text(letter.path)
    assert "Example & Co Solicitors, 01632 960 999" in text and "[Insert the name" not in text
    assert "section 31ZA of the Children Act 1989" in text
    bullets = [p.text for p in Document(str(letter.path)).paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Example & Co Solicitors, 01632 960 999"]


def test_free_text_carrying_a_confidential_address_is_caught_by_the_last_check(ctx, family, tmp_path) -> None:
    """A confidential street typed into a field letters print (here the coordinator's job title)."""
    council_templates(ctx, tmp_path / "council", {"offer.j2": "{{ recipient.name }}\n\n{{ coordinator.job_title }}\n"})
    with ctx.write() as session:
        coordinator = session.get(Staff, family.case.coordinator_id)
        coordinator.job_title = "Coordinator, 99 Secret Road office"
    with pytest.raises(SafetyBreach, match="confidential"):
        letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


STREETS = ["Mill Lane", "Heol y Bont", "ulica Długa", "Station Road", "Church Street", "Rue d'Amour"]
TOWNS = ["Exampleton EX1 2AB", "Caerdydd CF10 1AA", "Sampleford SF3 9ZZ", "لاہور روڈ"]
member_strategy = st.fixed_dictionaries({
    "given_name": st.sampled_from(["Siân", "Łukasz", "Zoë", "فاطمہ", "Seán", "Ama", "{{ 7*7 }}"]),
    "number": st.integers(min_value=1, max_value=999),
    "street": st.sampled_from(STREETS),
    "town": st.sampled_from(TOWNS),
    "flat": st.text(alphabet="abcXYZ'ółŵ{}%# -", max_size=6),
    "address_confidential": st.booleans(),
    "not_to_be_told": st.booleans(),
    "is_parent": st.booleans(),
    "parental_responsibility": st.booleans(),
    "preferred_language": st.sampled_from(["en_GB", "cy", "pl", "ur", "so"]),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(members=st.lists(member_strategy, min_size=2, max_size=5))
def test_no_letter_carries_anyone_elses_address(ctx, tmp_path, members) -> None:
    """Over random networks: every letter written holds its recipient's address and nobody else's."""
    coordinator = make_staff(ctx, f"c{uuid.uuid4().hex[:8]}", name="Rhiannon Ap Iorwerth")
    case = make_case(ctx, lbp_date="2026-11-02", coordinator_id=coordinator.id, reference=uuid.uuid4().hex[:12])
    people = []
    for index, data in enumerate(members):
        address = f"{data['flat']} {data['number']} {data['street']}\n{data['town']}".strip()
        member = add_member(ctx, case, data["given_name"], f"Family{index}", address=address,
                            **{k: data[k] for k in ("address_confidential", "not_to_be_told", "is_parent",
                                                    "parental_responsibility", "preferred_language")})
        people.append((member, address))
    _meeting(ctx, case, MeetingStatus.PLANNED, date(2026, 12, 7), None)
    _meeting(ctx, case, MeetingStatus.HELD, date(2026, 11, 16), None)
    for member, own in people:
        others = [address for m, address in people if m.person_id != member.person_id and address != own]
        for kind in LetterKind:
            target = tmp_path / f"{case.reference}-{member.person_id}-{kind}.docx"
            try:
                letter = letters.generate_letter(ctx, case.id, member.person_id, kind, output=target)
            except (SafetyBreach, ValidationFailed):
                assert not target.exists()
                continue
            text = docx_text(letter.path)
            assert own.split("\n")[0].strip() in text
            text = text.replace(own, "")  # another address may be part of the recipient's own ("X 1 Mill Lane")
            for address in others:
                assert address not in text and address.split("\n")[0] not in text


def test_a_missing_include_in_an_unused_branch_is_reported_not_crashed(ctx, family, tmp_path) -> None:
    council_templates(ctx, tmp_path / "council", {"offer.j2": "{{ recipient.name }}\n{% if false %}\n"
                                                               "{% include 'letters/_gone.j2' %}\n{% endif %}\n"})
    with pytest.raises(ValidationFailed, match=r"_gone\.j2"):
        letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
