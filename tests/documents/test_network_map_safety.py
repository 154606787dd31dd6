"""Property: for any network with any safety markers, the shareable map never shows what is withheld.

Names and addresses carry a unique tag (N07, A07) so that one can never be part of another by chance; the
free text around them is arbitrary Unicode, and sometimes deliberately mentions a withheld person.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.documents.network_map import document_text, network_map_text, write_network_map
from fgdm.domain.disclosure import AgencyFacts as Agency
from fgdm.domain.disclosure import CaseFacts, PersonFacts, leaks
from fgdm.domain.enums import AgencyKind, ContactStatus, Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.network_picture import AgencyEntry, MemberEntry, NetworkPicture, TieEntry, make_shareable
from tests.conftest import FROZEN_NOW

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@st.composite
def networks(draw: st.DrawFn) -> NetworkPicture:
    count = draw(st.integers(min_value=1, max_value=10))
    members = [MemberEntry(person_id=1, name=f"Child N01 {draw(words)}", is_child=True,
                           gender=draw(st.sampled_from(Gender)))]
    names = {index: f"{draw(words)} N{index:02d} {draw(words)}".strip() for index in range(2, count + 2)}
    for index in range(2, count + 2):
        mention = names[draw(st.sampled_from(sorted(names)))]
        relationship = draw(st.sampled_from(["Mother", "Aunt", "Grandmother", "", "Cousin", "Friend of"]))
        members.append(MemberEntry(
            person_id=index, member_id=index, name=names[index],
            gender=draw(st.sampled_from(Gender)), deceased=draw(st.booleans()),
            relationship_to_child=f"{relationship} {draw(words)}"
                                  + (f" of {mention}" if draw(st.booleans()) else ""),
            side=draw(st.sampled_from(Side)), household=draw(st.sampled_from(["", "Home", f"{mention}'s flat"])),
            parental_responsibility=draw(st.booleans()), contact_status=draw(st.sampled_from(ContactStatus)),
            phone=f"01632 960{index:03d}", email=f"p{index}@example.org",
            address=f"{draw(words)} A{index:02d} Road", address_confidential=draw(st.booleans()),
            not_to_be_told=draw(st.booleans()), excluded_reason=draw(words), notes=draw(words),
            tie=draw(st.sampled_from(TieQuality))))
    ids = [member.person_id for member in members]
    ties = [TieEntry(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.sampled_from(RelationshipKind)),
                     draw(st.sampled_from(TieQuality))) for _ in range(draw(st.integers(0, 12)))]
    agencies = [AgencyEntry(f"{draw(words)} agency G{index:02d} of {names.get(draw(st.sampled_from(ids)), '')}",
                            draw(st.sampled_from(AgencyKind)),
                            draw(st.sampled_from(TieQuality)), contact=draw(words), agency_id=index,
                            sensitive=draw(st.booleans()))
                for index in range(draw(st.integers(0, 3)))]
    return NetworkPicture("FG-2026-0001", "Testfamily", tuple(members), tuple(ties), tuple(agencies))


def facts_of(picture: NetworkPicture) -> CaseFacts:
    return CaseFacts(
        people=tuple(PersonFacts(m.person_id, m.name, address=m.address, phone=m.phone, email=m.email,
                                 address_confidential=m.address_confidential, not_to_be_told=m.not_to_be_told,
                                 contact_status=m.contact_status or ContactStatus.IDENTIFIED, is_child=m.is_child)
                     for m in picture.members),
        agencies=tuple(Agency(a.agency_id or 0, a.name, a.sensitive) for a in picture.agencies))


def withheld(picture: NetworkPicture) -> list[str]:
    """Names of the not-to-be-told, everyone's address, phone and email (none go in a shareable copy), and the
    tag of each sensitive agency."""
    hidden = [m.name for m in picture.members if m.not_to_be_told]
    contact = [value.strip() for m in picture.members for value in (m.phone, m.email, m.address) if value.strip()]
    sensitive = [f"agency G{a.agency_id:02d}" for a in picture.agencies if a.sensitive]
    return hidden + contact + sensitive


@settings(max_examples=100, deadline=None)
@given(networks())
def test_shareable_map_text_never_shows_a_withheld_name_or_address(picture):
    shared = make_shareable(picture, facts_of(picture))
    assert leaks(network_map_text(shared, FROZEN_NOW.date()), withheld(picture)) == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_shareable_docx_never_shows_a_withheld_name_or_address(picture):
    shared = make_shareable(picture, facts_of(picture))
    with tempfile.TemporaryDirectory() as folder:
        path = write_network_map(shared, Path(folder) / "map.docx", printed_on=FROZEN_NOW.date())
        text = document_text(Document(str(path)))
    assert leaks(text, withheld(picture)) == []
