"""Fixtures: the bundled knowledge base and its engine, and private copies to break."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Keep the parse cache of this test run (and of the commands it starts) out of the home
# folder.
if "XDG_CACHE_HOME" not in os.environ:
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="expert-test-cache-")
    atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

if "mutmut" in sys.modules:
    # Under mutation testing (docs/testing.md) every method becomes a trampoline taking
    # (*args, **kwargs), and durable-rules' Promise refuses an action whose signature it
    # cannot count. Our ruleset calls its actions itself and never runs a Promise.
    from expert._vendor.durable import engine as _durable_engine

    def _any_action(promise, func):  # type: ignore[no-untyped-def]
        promise._func, promise._next, promise._sync, promise._timer = func, None, True, None
        promise.root = promise

    _durable_engine.Promise.__init__ = _any_action

from expert.infer import Expert
from expert.loader import bundled_kb_path, load_knowledge_base

from helpers import KB_DIR


@pytest.fixture(scope="session")
def kb():
    return load_knowledge_base(KB_DIR)


@pytest.fixture(scope="session")
def expert(kb):
    # One engine per knowledge base and process: durable-rules hosts cannot be shut down.
    return Expert(kb)


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    return bundled_kb_path()


@pytest.fixture
def copy_kb(tmp_path: Path):
    """A private copy of the bundled knowledge base, to break on purpose."""

    def make() -> Path:
        target = tmp_path / "kb"
        shutil.copytree(KB_DIR, target)
        return target

    return make
