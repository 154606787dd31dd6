"""The case's notes and contact log: dated contacts (who, how, what was agreed), each with a follow-up date."""

from fgdm.services.notes._notes import NoteInput, NoteView, add_note, list_notes, update_note

__all__ = [
    "NoteInput",
    "NoteView",
    "add_note",
    "list_notes",
    "update_note",
]
