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

from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import FgdmError

if TYPE_CHECKING:
    from fgdm.tui.app import FgdmApp

T = TypeVar("T")

FORM_OPEN = "form-open"
"""The group of a read that opens a form: keys typed meanwhile are held for the form (`fgdm.tui.type_ahead`)."""


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

    if group == FORM_OPEN:
        app.type_ahead.form_coming()

    def deliver(callback: Callable[..., object], value: object) -> None:
        if get_current_worker().is_cancelled or not app.is_running:
            return
        if group == FORM_OPEN and callback is not done:
            app.call_from_thread(app.type_ahead.release)
        try:
            app.call_from_thread(callback, value)
        except Exception as error:  # the screen's own handler failed: report it rather than lose it
            app.log.error(f"handling a service result failed: {error!r}")
            if app.is_running:
                app.call_from_thread(app.report_unexpected, error)

    def work() -> None:
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

    return node.run_worker(work, thread=True, exclusive=exclusive, group=group, exit_on_error=False)
