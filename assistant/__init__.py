"""技术经纪职称政策问答助手: cited answers from the 2023 Beijing technology-broker title notice and standards.

Nothing heavy is imported here; see ``assistant.chain.Assistant`` for the Python entry point.
"""

__version__ = "0.1.0"
