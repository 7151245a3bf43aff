"""The standard as rules: ``Facts`` → ``Rulebook.check`` → ``Result``; facts read from Chinese; the tool."""
