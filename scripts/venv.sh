# Sourced by example.sh and test.sh: make (once) and enter the virtual environment that docparse is
# installed into. Stock Debian 12 refuses `pip install` into the system Python
# (externally-managed-environment), so everything goes into $DOCPARSE_VENV (default: .venv in the
# checkout). The environment sees the system's site-packages, so Python packages already installed
# on the machine are reused instead of downloaded again; pip installs what is missing or too old
# into the environment only.
DOCPARSE_VENV="${DOCPARSE_VENV:-.venv}"
if [ ! -x "$DOCPARSE_VENV/bin/python" ]; then
    python3 -m venv --system-site-packages "$DOCPARSE_VENV"
fi
# shellcheck disable=SC1091
. "$DOCPARSE_VENV/bin/activate"
