"""The plumbing every feature shares: how a use case reaches the records (context), who may do what (access),
the errors a coordinator reads, input checking, optimistic locking, the clock, the audit trail's writer, and the
records kept in step on every save (search text, what needs attention, the facts of each child's duty).

Its modules are public to the feature packages beside it; the workbench and the command line use only the
context, the errors and the clock from here.
"""
