"""Small learned models shipped with docparse as JSON files (no network, no training libraries
at run time): the block-role trees (``block_roles.json``) read by :mod:`docparse.models.trees`."""
