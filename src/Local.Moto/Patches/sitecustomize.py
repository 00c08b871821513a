"""Fixes for moto bugs that the failover local stack cannot work around from outside moto.

The stack starts moto_server with this directory on PYTHONPATH, so Python runs this module at start-up. Importing
moto's modules here would slow every start by seconds, so each fix waits for its module to be imported and applies
itself then. Each fix checks that the code it replaces is there and leaves moto alone otherwise, so a moto that has
fixed the bug upstream is not touched twice.
"""

import copy as _copy
import sys as _sys


class _SnapshotCopy:
    """Stands in for the copy module inside moto's Step Functions parser backend.

    moto 5.2.1 starts an execution by deep-copying the state machine as a snapshot of its definition. The state
    machine refers to its backend, and through it to every execution so far, whose workers hold threads and locks
    that cannot be copied: every StartExecution after the first run that called a service failed with a 500
    ("cannot pickle '_thread.RLock' object"; an upstream moto bug). The snapshot needs the definition only, so the
    backend is shared and the list of past executions starts empty.
    """

    def __getattr__(self, name):
        return getattr(_copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        memo = {} if memo is None else memo
        backend = getattr(value, "backend", None)
        if backend is not None:
            memo[id(backend)] = backend
        executions = getattr(value, "executions", None)
        if isinstance(executions, list):
            memo[id(executions)] = []
        return _copy.deepcopy(value, memo)


def _share_backend_in_execution_snapshots(models):
    if getattr(models, "copy", None) is _copy:
        models.copy = _SnapshotCopy()


def _atomic_dynamodb_writes(models):
    """Makes each DynamoDB write check its condition and write under one lock, as DynamoDB does per item.

    moto_server answers requests on many threads, and its backend evaluates a ConditionExpression and then writes
    without a lock, so two concurrent conditional puts could both succeed: a lock race that real DynamoDB never loses
    was won twice. One process-wide lock around the write operations restores the guarantee the service relies on.
    """
    import functools
    import threading

    backend = getattr(models, "DynamoDBBackend", None)
    if backend is None or getattr(backend, "_failover_atomic", False):
        return
    lock = threading.RLock()
    for name in ("put_item", "update_item", "delete_item", "batch_write_item", "transact_write_items"):
        original = getattr(backend, name, None)
        if original is None:
            continue

        @functools.wraps(original)
        def locked(self, *args, _original=original, **kwargs):
            with lock:
                return _original(self, *args, **kwargs)

        setattr(backend, name, locked)
    backend._failover_atomic = True


_FIXES = {
    "moto.stepfunctions.parser.models": _share_backend_in_execution_snapshots,
    "moto.dynamodb.models": _atomic_dynamodb_writes,
}


class _FixOnImport:
    """A meta path finder that lets the normal finders load a module in _FIXES, then applies its fix."""

    def find_spec(self, name, path, target=None):
        fix = _FIXES.get(name)
        if fix is None:
            return None
        for finder in _sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                load = spec.loader.exec_module

                def exec_module(module, load=load, fix=fix):
                    load(module)
                    fix(module)

                spec.loader.exec_module = exec_module
                return spec
        return None


_sys.meta_path.insert(0, _FixOnImport())
