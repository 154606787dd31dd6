"""Run a service call in a thread worker and hand its result back on the UI thread.

Every database read and write from the TUI goes through `run_service`, so the screen stays responsive on a
large or remote database, a newer call in the same group replaces an older one (typing in a search box),
and no error ever reaches Textual's crash handler: a user's error becomes a notification (or the caller's
own handler), and anything unexpected is logged and reported rather than ending the session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from fgdm.services.shared.context import ServiceContext
    from fgdm.services.shared.errors import FgdmError
    from fgdm.tui.app import FgdmApp

T = TypeVar("T")

FORM_OPEN = "form-open"
"""The group of a read that opens a form (one at a time). Like any call a key's action starts, the keys typed
after that key wait for it, and then for the form it opens (`fgdm.tui.type_ahead`)."""


def workbench(node: DOMNode) -> FgdmApp:
    """The running app, typed as the workbench: its workspace, current user, clock and `open_case`."""
    return cast("FgdmApp", node.app)


def run_service(node: DOMNode, call: Callable[[ServiceContext], T], done: Callable[[T], object], *,
                failed: Callable[[FgdmError], object] | None = None, group: str = "service",
                exclusive: bool = True) -> Worker[None]:
    """Call `call(ctx)` off the UI thread; then `done(result)` or `failed(error)` on the UI thread."""
    app = workbench(node)

    def report(error: FgdmError) -> None:
        app.notify(error.in_words(), title="Not done", severity="error", timeout=8)

    type_ahead = getattr(app, "type_ahead", None)  # the workbench's; a bare app hosting a form has none
    waited = type_ahead.work_started() if type_ahead is not None else None

    def deliver(callback: Callable[..., object], value: object) -> None:
        if get_current_worker().is_cancelled or not app.is_running:
            return
        try:
            app.call_from_thread(callback, value)
        except Exception as error:  # the screen's own handler failed: report it rather than lose it
            app.log.error(f"handling a service result failed: {error!r}")
            if app.is_running:
                app.call_from_thread(app.report_unexpected, error)

    def work() -> None:
        # Imported here, off the UI thread: the workbench draws home before the services' layer is loaded.
        from fgdm.services.shared.errors import FgdmError

        try:
            try:
                with app.service_context() as ctx:
                    result = call(ctx)
            except FgdmError as error:
                deliver(failed or report, error)
                return
            except Exception as error:  # a bug must not end a coordinator's session: report it and carry on
                app.log.error(f"service call failed: {error!r}")
                deliver(app.report_unexpected, error)
                return
            deliver(done, result)
        finally:  # keys typed after the key that started this call go once its result has been handled
            if type_ahead is not None and waited is not None and app.is_running:
                app.call_from_thread(type_ahead.work_done, waited)

    return node.run_worker(work, thread=True, exclusive=exclusive, group=group, exit_on_error=False)
