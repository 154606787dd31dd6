"""Letters, plans and network maps: context building, sandboxed templates, .docx writing, PDF via LibreOffice."""
