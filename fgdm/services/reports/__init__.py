"""Reports for managers: the quarterly return, the cases behind any number, trends and exports."""

from fgdm.services.reports._reports import (
    Explanation,
    TrendPoint,
    choose_period,
    default_filename,
    explain,
    export_file,
    list_measures,
    load_definitions,
    period_from_text,
    quarterly_return,
    render,
    trend,
    write_summary,
)

__all__ = [
    "Explanation",
    "TrendPoint",
    "choose_period",
    "default_filename",
    "explain",
    "export_file",
    "list_measures",
    "load_definitions",
    "period_from_text",
    "quarterly_return",
    "render",
    "trend",
    "write_summary",
]
