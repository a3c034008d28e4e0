"""The C extension of the vendored durable-rules engine; everything else is declared in
pyproject.toml.

The extension is built as ``expert._vendor.durable.durable_rules_engine``, inside this
project's namespace, so that it can never clash with an upstream ``durable_rules_engine``
installed in the same environment. The compiler options are set per platform here:
upstream's setup.py overwrote the whole of ``CFLAGS`` instead (see
vendor/durable-rules/CHANGES.md).
"""

from __future__ import annotations

import sys

from setuptools import Extension, setup

ENGINE = "vendor/durable-rules/src"
SOURCES = [f"{ENGINE}/rulespy/rules.c",
           *(f"{ENGINE}/rules/{name}.c" for name in ("json", "rete", "state", "events", "regex"))]


def _options() -> dict[str, list]:
    if sys.platform == "win32":
        # MSVC reads C99 with its own defaults and defines _WIN32 itself; the sources have
        # _WIN32 branches for what glibc provides elsewhere (asprintf, alloca).
        return {"define_macros": [], "extra_compile_args": []}
    # asprintf is declared by glibc only under _GNU_SOURCE; the sources need C99 or later
    # (declarations in for loops), which is every supported compiler's default but is
    # stated so that an old default cannot break the build.
    return {"define_macros": [("_GNU_SOURCE", None)], "extra_compile_args": ["-std=gnu11"]}


setup(ext_modules=[
    Extension("expert._vendor.durable.durable_rules_engine", sources=SOURCES,
              include_dirs=[f"{ENGINE}/rules"], **_options()),
])
