"""Third-party code built and shipped with this project, under its own namespace.

``durable``: durable-rules 2.0.28 with the fixes listed in vendor/durable-rules/CHANGES.md
(sources in vendor/durable-rules/, mapped here by pyproject.toml).
"""
