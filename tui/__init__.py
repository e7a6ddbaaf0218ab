"""plandesk's face: the command line, the rich printouts and the Textual app.

Imports nothing on its own so that headless commands never pay for Textual.
"""
