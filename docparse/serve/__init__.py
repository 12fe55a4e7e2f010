"""``docparse serve``: the HTTP service (FastAPI). Build the app with :func:`create_app`."""

from docparse.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]


def create_app(settings: ServeSettings):  # noqa: ANN201 - FastAPI is imported lazily
    from docparse.serve.app import create_app as _create_app

    return _create_app(settings)
