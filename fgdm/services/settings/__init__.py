"""Council settings: the service's policy (approval threshold, budgets, retention, support categories, the names
on letters), read by everyone and changed only by an administrator, each change in the audit trail.
"""

from fgdm.services.settings._council import SettingView, list_settings, reset_setting, set_setting

__all__ = ["SettingView", "list_settings", "reset_setting", "set_setting"]
