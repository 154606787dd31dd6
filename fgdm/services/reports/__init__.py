"""Reports for managers: the quarterly return, the cases behind any number, trends and exports."""

from fgdm.services.reports._cin_census import (
    ChildWithoutId,
    CinReturn,
    census_year,
    cin_module5,
    default_census_filename,
    write_cin_module5,
)
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
    "ChildWithoutId",
    "CinReturn",
    "Explanation",
    "TrendPoint",
    "census_year",
    "choose_period",
    "cin_module5",
    "default_census_filename",
    "default_filename",
    "explain",
    "export_file",
    "list_measures",
    "load_definitions",
    "period_from_text",
    "quarterly_return",
    "render",
    "trend",
    "write_cin_module5",
    "write_summary",
]
