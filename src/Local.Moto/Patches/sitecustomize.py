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


def _routing_fields_on_record_sets(models):
    """Makes moto keep a record set's GeoProximityLocation and CidrRoutingConfig, and check them as Route 53 does.

    moto 5.2.1 parses both members (they are in botocore's model of ResourceRecordSet) and then drops them: RecordSet
    keeps a fixed list of attributes, so a geoproximity or IP-based record came back from ListResourceRecordSets as a
    simple one. moto serialises a record set by the model's member names, so keeping the two attributes is enough for
    them to round-trip. Route 53's checks of the values (API reference, GeoProximityLocation and Coordinates) are applied
    before moto changes the zone, so a refused batch changes nothing, as with Route 53.
    """
    import re

    record_set = getattr(models, "RecordSet", None)
    backend = getattr(models, "Route53Backend", None)
    if record_set is None or backend is None or getattr(record_set, "_failover_routing_fields", False):
        return
    original_init = record_set.__init__

    def init(self, kwargs):
        original_init(self, kwargs)
        self.geo_proximity_location = kwargs.get("GeoProximityLocation")
        self.cidr_routing_config = kwargs.get("CidrRoutingConfig")

    record_set.__init__ = init
    record_set._failover_routing_fields = True

    from moto.route53.exceptions import InvalidInput

    latitude = re.compile(r"[-+]?[0-9]{1,2}(\.[0-9]{0,2})?")
    longitude = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{0,2})?")

    def check_geoproximity(place, name):
        given = [key for key in ("AWSRegion", "LocalZoneGroup", "Coordinates") if place.get(key) is not None]
        if len(given) != 1:
            raise InvalidInput(
                f"Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, Coordinates] in GeoProximityLocation of {name}"
            )
        coordinates = place.get("Coordinates")
        if coordinates is not None:
            lat, lon = str(coordinates.get("Latitude", "")), str(coordinates.get("Longitude", ""))
            if not latitude.fullmatch(lat) or abs(float(lat)) > 90:
                raise InvalidInput(f"Invalid latitude {lat} in GeoProximityLocation of {name}")
            if not longitude.fullmatch(lon) or abs(float(lon)) > 180:
                raise InvalidInput(f"Invalid longitude {lon} in GeoProximityLocation of {name}")
        bias = place.get("Bias")
        if bias is not None and not -99 <= int(bias) <= 99:
            raise InvalidInput(f"1 validation error detected: Value '{bias}' at 'bias' failed to satisfy constraint: "
                               "Member must have value between -99 and 99")

    original_change = backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        for change in change_list:
            record = change.get("ResourceRecordSet", {})
            if change.get("Action") != "DELETE" and record.get("GeoProximityLocation") is not None:
                check_geoproximity(record["GeoProximityLocation"], record.get("Name"))
        return original_change(self, zoneid, change_list)

    backend.change_resource_record_sets = change_resource_record_sets


_FIXES = {
    "moto.stepfunctions.parser.models": _share_backend_in_execution_snapshots,
    "moto.dynamodb.models": _atomic_dynamodb_writes,
    "moto.route53.models": _routing_fields_on_record_sets,
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
