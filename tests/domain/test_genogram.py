"""Genogram and ecomap layout in text, and the shareable picture they are drawn from."""

from __future__ import annotations

from datetime import date

from fgdm.domain import ecomap, genogram
from fgdm.domain.disclosure import WITHHELD, Recipient, leaks, redact
from fgdm.domain.enums import AgencyKind, Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.network_picture import AgencyEntry, MemberEntry, NetworkPicture, TieEntry, make_shareable
from tests.documents.test_network_map_safety import facts_of

K = RelationshipKind


def family() -> NetworkPicture:
    members = (
        MemberEntry(1, "Ada Okafor", is_child=True, gender=Gender.FEMALE, date_of_birth=date(2018, 5, 4)),
        MemberEntry(2, "Kemi Okafor", is_child=True, gender=Gender.MALE, date_of_birth=date(2020, 5, 4)),
        MemberEntry(3, "Joy Okafor", member_id=3, gender=Gender.FEMALE, side=Side.MATERNAL,
                    relationship_to_child="Mother", household="Flat 2, 9 Elm Road", phone="01632 960 001"),
        MemberEntry(4, "Tunde Adeyemi", member_id=4, gender=Gender.MALE, side=Side.PATERNAL,
                    relationship_to_child="Father", not_to_be_told=True),
        MemberEntry(5, "Grace Okafor", member_id=5, gender=Gender.FEMALE, side=Side.MATERNAL, deceased=True,
                    relationship_to_child="Maternal grandmother"),
        MemberEntry(6, "Samuel Okafor", member_id=6, gender=Gender.MALE, side=Side.MATERNAL,
                    relationship_to_child="Maternal grandfather", address="7 Hidden Lane", address_confidential=True,
                    tie=TieQuality.CLOSE),
        MemberEntry(7, "Sam Lee", member_id=7, gender=Gender.NON_BINARY, side=Side.FRIENDS_COMMUNITY,
                    relationship_to_child="Neighbour, friend of Tunde Adeyemi", tie=TieQuality.DISTANT),
    )
    ties = (TieEntry(3, 1, K.PARENT_OF), TieEntry(4, 1, K.PARENT_OF), TieEntry(3, 2, K.PARENT_OF),
            TieEntry(3, 4, K.FORMER_PARTNER_OF, TieQuality.CONFLICTUAL), TieEntry(5, 3, K.PARENT_OF),
            TieEntry(6, 3, K.PARENT_OF), TieEntry(5, 6, K.MARRIED_TO, TieQuality.CLOSE))
    agencies = (AgencyEntry("St Mary's Primary", AgencyKind.SCHOOL, TieQuality.CLOSE, "Mrs Patel", agency_id=1),)
    return NetworkPicture("FG-2026-0001", "Okafor", members, ties, agencies)


def test_generations_are_rows_with_partners_joined_and_children_below():
    lines = genogram.render_text(genogram.layout(family()), with_legend=False)
    top = next(i for i, line in enumerate(lines) if "Grace" in line)
    middle = next(i for i, line in enumerate(lines) if "Joy" in line)
    bottom = next(i for i, line in enumerate(lines) if "Ada" in line)
    assert top < middle < bottom
    assert "○✕ Grace Okafor ══⚭══ □ Samuel Okafor" in lines[top]
    assert "○ Joy Okafor ~~/~~ □ Tunde Adeyemi" in lines[middle]
    assert "║○ Ada Okafor║" in lines[bottom] and "║□ Kemi Okafor║" in lines[bottom]
    assert any(set(line) & set("┴┘└") for line in lines[middle + 1:bottom]), "a bar joins children to parents"
    assert "Also in the network: ◇ Sam Lee" in "\n".join(genogram.render_text(genogram.layout(family())))


def test_descent_lines_sit_under_the_parents_and_over_the_children():
    result = genogram.layout(family())
    descent = next(d for d in result.descents if d.child_ids == (3,))
    grace, samuel = result.placed[5], result.placed[6]
    assert grace.symbol_x < descent.anchor_x < samuel.symbol_x
    assert descent.child_xs == (result.placed[3].symbol_x,)


def test_generation_comes_from_the_words_when_no_tie_is_recorded():
    picture = NetworkPicture("R", "F", (
        MemberEntry(1, "Ada", is_child=True),
        MemberEntry(2, "Nana Rose", member_id=2, relationship_to_child="Great-grandmother"),
        MemberEntry(3, "Bea", member_id=3, relationship_to_child="Grandmother")))
    result = genogram.layout(picture)
    assert [result.placed[i].row for i in (2, 3, 1)] == [0, 1, 2]


def test_wide_characters_keep_columns_aligned():
    assert genogram.text_width("李") == 2 and genogram.text_width("🌻") == 2 and genogram.text_width("é") == 1
    canvas = genogram.Canvas()
    canvas.put(0, 0, "李x")
    canvas.put(1, 2, "y")
    assert canvas.lines() == ["李x", "  y"]


def test_ecomap_puts_the_child_in_the_centre_with_links_by_strength():
    lines = ecomap.render_text(ecomap.layout(family()), with_legend=False)
    centre = next(line for line in lines if "Ada Okafor" in line)
    assert "Kemi Okafor" in centre
    assert any("□ Samuel Okafor (Maternal grandfather) ══════" in line for line in lines)
    assert any("┄┄┄┄┄┄" in line and "Sam Lee" in line for line in lines)
    assert any("══════ ▭ St Mary's Primary (School)" in line for line in lines)
    centre_index = lines.index(centre)
    assert any("Samuel" in line for line in lines[:centre_index]) or any("Samuel" in line for line in lines)


def test_shareable_picture_withholds_what_the_family_must_not_see():
    picture = family()
    shared = make_shareable(picture, facts_of(picture))
    text = genogram.genogram_text(shared) + ecomap.ecomap_text(shared)
    assert "Tunde" not in text and "7 Hidden Lane" not in text
    assert all(m.phone == m.email == m.address == "" for m in shared.members)
    assert [m.household for m in shared.members if m.household] == ["Household A"]
    assert shared.agencies[0].contact == ""
    assert shared.person(7).relationship_to_child == f"Neighbour, friend of {WITHHELD}"
    assert all(4 not in (t.from_person_id, t.to_person_id) for t in shared.ties)
    assert {"Tunde Adeyemi", "7 Hidden Lane", "01632 960 001"} <= set(shared.forbidden)


def test_a_recipient_sees_their_own_details_only():
    shared = make_shareable(family(), facts_of(family()), Recipient.person(6))
    assert shared.person(6).address == "7 Hidden Lane"
    assert shared.person(3).phone == ""


def test_redact_and_leaks_ignore_letter_case():
    assert redact("Ask TUNDE ADEYEMI", ["Tunde Adeyemi"]) == f"Ask {WITHHELD}"
    assert leaks("see 7 hidden lane", ["7 Hidden Lane", "Nobody"]) == ["7 Hidden Lane"]
