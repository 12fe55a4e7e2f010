"""``docparse serve``: the HTTP service (FastAPI). Build the app with :func:`create_app`."""

from docparse.config import ParseOptions
from docparse.serve.settings import ServeOptions

__all__ = ["ServeOptions", "create_app"]


def create_app(settings: ServeOptions, options: ParseOptions | None = None):  # noqa: ANN201 - FastAPI is lazy
    """The FastAPI app: ``settings`` for the service, ``options`` for each conversion (default
    :class:`ParseOptions`); the CLI hands both from one :class:`~docparse.config.DocparseOptions`."""
    from docparse.serve.app import create_app as _create_app

    return _create_app(settings, options)
