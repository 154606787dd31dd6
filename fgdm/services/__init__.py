"""The use cases: validated, access-checked and audited operations that the TUI and CLI call."""
