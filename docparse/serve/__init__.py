"""``docparse serve``: the HTTP service (FastAPI). Build the app with :func:`create_app`."""

from docparse.serve.settings import ServeOptions

__all__ = ["ServeOptions", "create_app"]


def create_app(settings: ServeOptions):  # noqa: ANN201 - FastAPI is imported lazily
    from docparse.serve.app import create_app as _create_app

    return _create_app(settings)
