"""Expert system on the institutional guarantees of a marketing plan.

The pipeline, one module per step: ``loader`` (YAML -> model) -> ``check`` (semantic
validation) -> ``compiler`` (rules -> a durable-rules ruleset) -> ``engine`` (inference
with a trace) -> ``explain`` / ``report``. The CLI, the interview and the batch evaluator
are clients of one inference API, ``infer.Expert``.
"""

import logging as _logging

__version__ = "0.2.0"

# Library convention: tracing through named loggers, silent unless the CLI's --debug (or
# the embedding application) configures a handler.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
