"""The kinds of job: each module registers its own at start-up (its `AppConfig.ready()`), so that the queue never
imports a module."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobKind:
    """`compute(payload)` does the long work outside any transaction and may raise ValidationError (the job fails
    with its messages); `store(job, outcome)` writes the outcome inside the transaction that marks the job done,
    only if the job was not cancelled meanwhile, and returns the job's result (JSON: what the page links to)."""

    name: str
    compute: Callable
    store: Callable


KINDS = {}


def register_kind(name, *, compute, store):
    KINDS[name] = JobKind(name=name, compute=compute, store=store)


def kind_of(name):
    return KINDS[name]
