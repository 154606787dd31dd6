"""fgdm: a terminal workbench for family group decision making coordinators."""

__version__ = "0.1.0"
