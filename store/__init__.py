"""plandesk's store: everything below the screen (SQLite file, plan loader, rules, journal).

Nothing here imports Textual. Submodules are imported explicitly by their users so that
fast command-line paths (``status``, ``tick``) load only what they need.
"""
