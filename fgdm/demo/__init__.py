"""The demo service: a realistic, entirely fictional FGDM service to explore fgdm and to measure it.

A client of the services like the workbench and the command line: nothing in `fgdm.services` imports it, and
only the command line does (`fgdm demo`, and finding a case in the demo database).
"""

from fgdm.demo.service import DemoSummary, demo_workspace_with, discard_database, generate_service, window_start

__all__ = ["DemoSummary", "demo_workspace_with", "discard_database", "generate_service", "window_start"]
