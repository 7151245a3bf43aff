"""The edges: the command line, the web app and its feedback store. They call ``Assistant`` only."""
