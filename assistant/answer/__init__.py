"""Answer: understand → retrieve → (grade check | guard → leads → compose) → one typed ``Answer``.

The public types are re-exported here; everything else in this package is the pipeline's inside.
"""

from .fusion import AGREED
from .model import Answer, Citation, Kind, Part, ToolCall, Trace

__all__ = ["AGREED", "Answer", "Citation", "Kind", "Part", "ToolCall", "Trace"]
