"""Fixes for moto bugs that the failover local stack cannot work around from outside moto.

The stack starts moto_server with this directory on PYTHONPATH, so Python runs this module at start-up, before moto
serves a request. Each fix checks that the code it replaces is there and leaves moto alone otherwise, so a moto that
has fixed the bug upstream is not touched twice.
"""

import copy as _copy


class _SnapshotCopy:
    """Stands in for the copy module inside moto's Step Functions parser backend.

    moto 5.2.1 starts an execution by deep-copying the state machine as a snapshot of its definition. The state
    machine refers to its backend, and through it to every execution so far, whose workers hold threads and locks
    that cannot be copied: every StartExecution after the first run that called a service failed with a 500
    ("cannot pickle '_thread.RLock' object", moto issue 10077). The snapshot needs the definition only, so the
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


def _share_state_machine_backend_in_execution_snapshots():
    try:
        from moto.stepfunctions.parser import models
    except Exception:
        return
    if getattr(models, "copy", None) is _copy:
        models.copy = _SnapshotCopy()


_share_state_machine_backend_in_execution_snapshots()
