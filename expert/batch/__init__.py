"""Many plans in, results out: finding the inputs (``sources``), evaluating them in chunks,
in this process or in workers (``run``), and naming and writing what comes out
(``outputs``). The batch is a client of ``infer.Expert`` like any other, and one bad input
costs only its own error record."""

from .outputs import ReportNamer
from .run import Outcome, default_jobs, evaluate_chunk, evaluate_sources
from .sources import Source, discover, load_source

__all__ = ["Outcome", "ReportNamer", "Source", "default_jobs", "discover", "evaluate_chunk",
           "evaluate_sources", "load_source"]
