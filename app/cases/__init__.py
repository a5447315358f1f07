"""The case library (案例库): every forecast, consultation, letter, warning and review of an episode, kept in a
local SQLite database. Pure: stdlib ``sqlite3``, no Qt."""
