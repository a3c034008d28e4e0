"""Tools for whoever edits a knowledge base: the language server (``lsp``), ``watch``
(check, test and explain on every save) and ``new`` (skeletons of new elements)."""
