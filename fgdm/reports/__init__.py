"""Quarterly return and service reports: measure definitions as data and their one implementation."""
