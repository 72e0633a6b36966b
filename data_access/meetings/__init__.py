"""Meetings with the constituents, the briefings frozen for them, and what changed since.

`records` (who met when; constituents see their own organisation's meetings only),
`frozen` (a briefing kept as handed out), `figures` (a briefing's headline figures as
numbers), `since` (today's figures against a meeting's frozen ones) and
`document_json` (the document model, kept as JSON).
"""
