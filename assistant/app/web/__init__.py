"""The web app (``assistant serve``): Gradio pages for applicants and staff behind one guarded server.

``app``: the handlers and the per-browser conversation; ``pages``: the Gradio pages; ``render``: the
HTML made from the typed ``Answer``; ``server``: the FastAPI app, its guard (size cap, rate limit,
concurrency cap, staff auth) and the start-up; ``strength``: the staff desk's calibrated match strength.
"""

from .server import PortError, make_server, serve

__all__ = ["PortError", "make_server", "serve"]
