"""The versioned JSON case file: one whole case out (`export_case`), many cases in, all or nothing.

A case file moves a case between databases (another council, a new install, a test fixture). Import
checks every file against the shipped JSON Schema and then for dangling references and clashes, reports
every problem by its JSON path, and writes nothing unless every file is sound. The format is described
field by field in docs/case-file.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError

from fgdm.domain.enums import StaffRole
from fgdm.domain.validation import control_characters_removed
from fgdm.services.case_file._checks import ImportClaims, database_facts, reference_problems
from fgdm.services.case_file._decisions import as_requests
from fgdm.services.case_file._export import build_case_file
from fgdm.services.case_file._import import ImportedCase, ImportResult, Progress, write_case_files
from fgdm.services.case_file._schema import add_problem, case_file_schema, schema_problems
from fgdm.services.case_file._spec import FORMAT, VERSION
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed
from fgdm.store.roles import session_login

_ROLES_ANYONE_MAY_ADD = {StaffRole.COORDINATOR.value, StaffRole.REFERRER.value}


def export_case(ctx: ServiceContext, case_id: int) -> dict[str, Any]:
    """The whole case as a case file (a dict for json.dumps); the export itself is recorded in the audit trail."""
    case = access.case_for_read(ctx, case_id)
    document = build_case_file(ctx.session, case, ctx.now())
    with ctx.write() as session:
        audit_trail.record_event(session, action="export", table_name="fgdm_case", record_id=case.id,
                                 case_id=case.id, details={"format": FORMAT, "version": VERSION,
                                                           "reference": case.reference})
    return document


def _on_team_database(ctx: ServiceContext) -> bool:
    """A member of staff's own PostgreSQL login, which meets the server's grants and row-level security (the
    database owner's does not)."""
    return ctx.session.get_bind().dialect.name == "postgresql" and not session_login(ctx.session.connection())[1]


def _may_add_staff(ctx: ServiceContext, team: bool) -> Callable[[str], bool]:
    """Anyone who may import adds coordinators and referrers; only an administrator adds managers or admins (and
    on the team database only an administrator's login may add anyone)."""
    def allowed(role: str) -> bool:
        return ctx.actor.is_owner or ctx.actor.role is StaffRole.ADMINISTRATOR or (
            not team and role in _ROLES_ANYONE_MAY_ADD)
    return allowed


def _own_case_problems(ctx: ServiceContext, document: Any, team: bool) -> dict[str, str]:
    """On the team database a coordinator's login writes only a case they coordinate or refer: say so by its path
    rather than have the server refuse the whole import."""
    case = document.get("case") if isinstance(document, dict) else None
    if ctx.actor.sees_every_case or not team or not isinstance(case, dict) \
            or ctx.actor.username in (case.get("coordinator"), case.get("referrer")):
        return {}
    return {"$.case.coordinator": f"you ({ctx.actor.username}) can import only a case you coordinate or refer; "
                                  "a manager can import this one"}


def _problems(ctx: ServiceContext, documents: Sequence[Any], may_hold_nul: Sequence[bool], names: Sequence[str],
              progress: Progress | None) -> dict[str, str]:
    """Every problem in every file, keyed by JSON path (prefixed with the file name when there are several).

    Whose login this is is asked of the server once for the whole import: asked again for each file, it was
    two fifths of the checks of a 1,000-file import into PostgreSQL.
    """
    facts = database_facts(ctx.session, documents, ctx.settings.support_categories)
    team = _on_team_database(ctx)
    may_add_staff = _may_add_staff(ctx, team)
    claims = ImportClaims()
    problems: dict[str, str] = {}
    for number, (name, document, nul) in enumerate(zip(names, documents, may_hold_nul, strict=True), start=1):
        found = schema_problems(document, may_hold_nul=nul)
        for path, message in reference_problems(document, facts=facts, claims=claims, file_name=name,
                                                may_add_staff=may_add_staff).items():
            add_problem(found, path, message)
        for path, message in _own_case_problems(ctx, document, team).items():
            add_problem(found, path, message)
        prefix = f"{name}: " if len(documents) > 1 else ""
        problems.update({f"{prefix}{path}": message for path, message in found.items()})
        if progress is not None:
            progress("checking", number, len(documents))
    return problems


def import_case_files(ctx: ServiceContext, documents: list[dict[str, Any]], *, names: Sequence[str] | None = None,
                      progress: Progress | None = None, as_records: bool = False,
                      plain: Sequence[bool] | None = None) -> ImportResult:
    """Import case files in one transaction, or raise ValidationFailed listing every problem and change nothing.

    ``names`` label each file in the problems (the file names, on the command line); ``progress`` is
    called with the stage ("checking", then "writing"), the files done and the files in all. Decisions in
    the files (approvals, payments, agreed plans, offer answers, best-interests decisions) are taken as
    records only with ``as_records``, by an administrator; otherwise they arrive undecided and
    ``ImportResult.undecided`` says what changed. ``plain`` says of each document whether it was parsed from
    text that `json_text_is_plain` passed (the command line's files): such a document holds no control character
    or NUL, so it is not written out again to look for them.
    """
    access.require_coordinator(ctx, doing="import case files")
    if as_records:
        access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="import the decisions in case files as records")
    names = list(names) if names is not None else [f"file {number}" for number in range(1, len(documents) + 1)]
    if len(names) != len(documents):
        raise ValueError("give one name per document")
    plain = list(plain) if plain is not None else [False] * len(documents)
    if len(plain) != len(documents):
        raise ValueError("say of each document whether its text was plain")
    cleaned = [(document, False) if known else control_characters_removed(document)
               for document, known in zip(documents, plain, strict=True)]
    documents = [document for document, _ in cleaned]
    problems = _problems(ctx, documents, [may_hold_nul for _, may_hold_nul in cleaned], names, progress)
    if problems:
        raise ValidationFailed(problems)
    undecided: Counter[str] = Counter()
    if not as_records:
        documents = [_undecided(document, undecided) for document in documents]
    try:
        with ctx.write() as session:
            result = write_case_files(session, documents, names, progress)
    except IntegrityError:
        raise ValidationFailed.one("import", "someone else added a clashing case, meeting or person while this "
                                             "import ran; nothing was imported, so run it again") from None
    result.undecided = dict(undecided)
    return result


def _undecided(document: dict[str, Any], counts: Counter[str]) -> dict[str, Any]:
    changed, found = as_requests(document)
    counts.update(found)
    return changed


__all__ = ["FORMAT", "VERSION", "ImportResult", "ImportedCase", "case_file_schema",
           "export_case", "import_case_files"]
