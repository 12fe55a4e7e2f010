"""Options of the pipeline's components, one frozen dataclass each, grouped by area.

They sit below every other package (they import only :mod:`docparse.document` enums) so that
:class:`docparse.config.ParseOptions` can hold them all as nested fields; the composition root
(:mod:`docparse.components`) hands each component its own options object.
"""
