"""The service's settings (:class:`ServeOptions`, defined with the other options in
:mod:`docparse.options.serve`)."""

from __future__ import annotations

from docparse.options.serve import MiB, ServeOptions

__all__ = ["MiB", "ServeOptions"]
