"""Teletravail: the open platform for deploying telework in France.

Pure engines (no Django import) live in top-level subpackages such as ``teletravail.geo`` and
``teletravail.parameters``; Django apps live in ``teletravail.apps``.
"""

__version__ = "0.1.0"
