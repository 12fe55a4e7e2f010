"""docparse as an MCP server (``docparse mcp``, extra ``mcp``): tools over stdio.

Tools: ``parse_to_markdown``, ``extract_tables``, ``extract_charts``, ``chunk_document``. Each
takes a file path under one of the server's roots (``--root``, default the working folder) and
optional ``pages`` (``"1-3,7"``). Models load once per server; recently parsed documents are
kept so that asking for tables after the Markdown does not parse again.
"""
