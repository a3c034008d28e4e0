"""Turning results into what people read: text, JSON/YAML data, Markdown and HTML."""
