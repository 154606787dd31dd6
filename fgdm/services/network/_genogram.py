"""The genogram's layout for a case: what the workbench draws and `fgdm network show` prints."""

from __future__ import annotations

from fgdm.documents.genogram_engine import genogram_layout as _layout
from fgdm.domain.genogram import GenogramLayout
from fgdm.domain.network_picture import NetworkPicture
from fgdm.services.network._members import network_picture, shareable_network
from fgdm.services.shared.context import ServiceContext


def genogram_layout(ctx: ServiceContext, case_id: int, *, shareable: bool = False,
                    picture: NetworkPicture | None = None) -> GenogramLayout:
    """The case's genogram placed by Graphviz's dot where it is installed (else packed by fgdm): the same
    layout the printed map draws. Runs a program, so the workbench calls it from a worker, passing the
    `picture` it has just read for the case (else it is read here)."""
    if picture is None:
        picture = shareable_network(ctx, case_id) if shareable else network_picture(ctx, case_id)
    return _layout(picture)


__all__ = ["genogram_layout"]
