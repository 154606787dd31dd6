"""A process for the crash-safety test to kill: it writes through the services and reports each commit."""

from __future__ import annotations

import copy
import sys
import uuid

from fgdm.config import Settings
from fgdm.services import case_file, cases, plans
from fgdm.services.shared.context import Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import upgrade


def write_cases(url: str) -> None:
    workspace = Workspace(Settings(database_url=url))
    number = 0
    print("ready", flush=True)
    while True:
        number += 1
        with workspace.context() as ctx:
            case = cases.create_case(ctx, {
                "family_name": f"Crash{number}", "referral_date": "2026-10-01",
                "children": [{"given_name": f"Child{n}", "date_of_birth": "2019-01-01"} for n in range(3)]})
            cases.update_case(ctx, case.id, {"referral_reason": "x" * 2000})
        print(case.reference, flush=True)


def import_batches(url: str) -> None:
    """Imports batches of five case files, each batch all or nothing, reporting each committed batch."""
    workspace = Workspace(Settings(database_url=url))
    with workspace.context() as ctx:
        template = case_file.export_case(ctx, cases.find_case(ctx, "FG-2026-0001").id)
    print("ready", flush=True)
    batch = 0
    while True:
        batch += 1
        documents = []
        for n in range(5):
            document = copy.deepcopy(template)
            document["case"]["reference"] = f"IMP-{batch:04d}-{n}"
            document["case"]["uid"] = str(uuid.uuid4())
            for person in document["people"]:
                person["uid"] = str(uuid.uuid4())
            documents.append(document)
        with workspace.context() as ctx:
            case_file.import_case_files(ctx, documents, as_records=True)
        print(batch, flush=True)


def save_plan(url: str) -> None:
    """Adds plan actions and rewrites the plan's wording, one save at a time, reporting each save."""
    workspace = Workspace(Settings(database_url=url))
    with workspace.context() as ctx:
        plan_id = plans.start_version(ctx, cases.find_case(ctx, "FG-2026-0001").id).id
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        with workspace.context() as ctx:
            plans.add_action(ctx, plan_id, {"who_text": f"Aunt {number}", "what": "School run " * 50})
        with workspace.context() as ctx:
            plans.update_plan(ctx, plan_id, {"contingency": f"Version {number} " + "y" * 3000})
        print(number, flush=True)


def migrate(url: str) -> None:
    engine = make_engine(url)
    print("ready", flush=True)
    upgrade(engine, backup=False)
    print("migrated", flush=True)


if __name__ == "__main__":
    {"cases": write_cases, "migrate": migrate, "import": import_batches, "plan": save_plan}[sys.argv[1]](sys.argv[2])
