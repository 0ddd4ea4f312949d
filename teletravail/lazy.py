"""Packages whose public names load on first use: `import teletravail.planning.errors` (as the `teletravail`
command does at start-up) must not pay for OR-Tools, fpdf2 or Polars when the command does not need them."""

import importlib
import sys


def lazy_exports(package, modules):
    """`__getattr__` and `__dir__` for the package named `package`: `modules` maps each public name to the module
    that defines it; the name is imported from there on first access, then kept in the package."""

    def __getattr__(name):
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(modules[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(modules))

    return __getattr__, __dir__
