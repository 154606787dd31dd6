"""The family network: people and their place in it, the contact pipeline, ties and agencies, duplicates, what is kept
confidential from whom, and the printed map.
"""

from fgdm.services.network._confidential import (
    ConfidentialView,
    clear_confidential,
    confidential_list,
    keep_confidential,
)
from fgdm.services.network._genogram import genogram_layout
from fgdm.services.network._members import (
    MEMBERSHIP_FIELDS,
    MemberCreate,
    add_member,
    get_member,
    move_member,
    network_picture,
    record_contact_consent,
    remove_member,
    shareable_network,
    update_member,
)
from fgdm.services.network._people import DuplicateCandidate, PossibleDuplicate, find_duplicates, merge_people
from fgdm.services.network._print import PrintedMap, map_language, print_network_map
from fgdm.services.network._ties import (
    add_agency,
    add_relationship,
    remove_agency,
    remove_relationship,
    set_relationship_quality,
    update_agency,
)

__all__ = [
    "MEMBERSHIP_FIELDS",
    "ConfidentialView",
    "DuplicateCandidate",
    "MemberCreate",
    "PossibleDuplicate",
    "PrintedMap",
    "add_agency",
    "add_member",
    "add_relationship",
    "clear_confidential",
    "confidential_list",
    "find_duplicates",
    "genogram_layout",
    "get_member",
    "keep_confidential",
    "map_language",
    "merge_people",
    "move_member",
    "network_picture",
    "print_network_map",
    "record_contact_consent",
    "remove_agency",
    "remove_member",
    "remove_relationship",
    "set_relationship_quality",
    "shareable_network",
    "update_agency",
    "update_member",
]
