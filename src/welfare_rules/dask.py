"""Allocation of Dask DataFrames (the ``dask`` extra): ``welfare_rules.dask.allocate``.

The work is in :mod:`welfare_rules.entitle.dask`; this module is the documented entry
point (like the package itself, it may reach into every layer).
"""

from __future__ import annotations

from .entitle.dask import allocate

__all__ = ["allocate"]
