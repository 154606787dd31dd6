"""The letters tests' shared fixtures: a service context on SQLite and the fictional family letters go to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fgdm.services.shared.context import ServiceContext, Workspace
from tests.documents.test_letters import Family, build_family


@pytest.fixture
def ctx(sqlite_workspace: Workspace) -> Iterator[ServiceContext]:
    with sqlite_workspace.context() as context:
        yield context


@pytest.fixture
def family(ctx: ServiceContext) -> Family:
    return build_family(ctx)
