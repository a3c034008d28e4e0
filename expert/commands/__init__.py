"""The glue behind each CLI command: arguments in, library calls, output and exit code out."""
