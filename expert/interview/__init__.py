"""The guided interview: a flow that any front end can drive, a prompt-toolkit front end,
and a plain line-based one for scripts and pipes."""
