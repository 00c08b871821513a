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
        self.az_affinity = kwargs.get("AZAffinity")

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

    def check_az_affinity(location, index):
        # API reference, AZAffinity: "You must specify both LocationType and LocationId"; LocationType is one of the five
        # levels (LocationType), and every id is lower case.
        at = f"changeBatch.changes.{index}.member.resourceRecordSet.aZAffinity"
        kind, ident = location.get("LocationType"), location.get("LocationId")
        if kind not in _AZ_LOCATION_TYPES:
            raise InvalidInput(f"1 validation error detected: Value '{kind}' at '{at}.locationType' failed to satisfy constraint: "
                               f"Member must satisfy enum value set: [{', '.join(_AZ_LOCATION_TYPES)}]")
        if not ident or ident != ident.lower():
            raise InvalidInput(f"Invalid request: Expected a lower-case LocationId in AZAffinity, found '{ident}'")

    original_change = backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        for index, change in enumerate(change_list, start=1):
            record = change.get("ResourceRecordSet", {})
            if change.get("Action") != "DELETE" and record.get("AZAffinity") is not None:
                check_az_affinity(record["AZAffinity"], index)
            if change.get("Action") != "DELETE" and record.get("GeoProximityLocation") is not None:
                check_geoproximity(record["GeoProximityLocation"], record.get("Name"))
            config = record.get("CidrRoutingConfig")
            if change.get("Action") != "DELETE" and config is not None:
                # CidrRoutingConfig: the collection must exist, and the location be one of its own or "*".
                found = self._failover_cidr_collection(config.get("CollectionId"))
                if config.get("LocationName") != "*" and config.get("LocationName") not in found["Locations"]:
                    raise _cidr_error("InvalidChangeBatch",
                                      f"[CIDR location {config.get('LocationName')} does not exist in collection "
                                      f"{config.get('CollectionId')}]")
        # moto refuses a CREATE identical to one its zone's change journal holds, even after that record set was deleted,
        # when any record set of the name and type is there (it lists from the name instead of matching it). Route 53
        # refuses a CREATE only when the record set itself exists (API reference, ChangeResourceRecordSets, Action CREATE):
        # such a CREATE goes to moto as the UPSERT it then is. A tree moved to another zone and back re-creates exactly
        # what it created there before.
        zone = self.get_hosted_zone(zoneid)
        for change in change_list:
            record = change.get("ResourceRecordSet", {})
            if change.get("Action") == "CREATE" and change in zone.rr_changes and not _exists(zone, record):
                change["Action"] = "UPSERT"
        return original_change(self, zoneid, change_list)

    def _exists(zone, record):
        name = record.get("Name", "").rstrip(".").lower()
        return any(r.name.rstrip(".").lower() == name and r.type == record.get("Type")
                   and r.set_identifier == record.get("SetIdentifier") for r in zone.rrsets)

    backend.change_resource_record_sets = change_resource_record_sets
# The members of HealthCheckConfig each kind of check has, as Route 53 answers GetHealthCheck (API reference,
# HealthCheckConfig: ChildHealthChecks and HealthThreshold are "CALCULATED Health Checks Only"; RequestInterval and
# FailureThreshold are "not supported" for RECOVERY_CONTROL; CLOUDWATCH_METRIC takes AlarmIdentifier and
# InsufficientDataHealthStatus). moto 5.2.1 drops AlarmIdentifier, InsufficientDataHealthStatus and RoutingControlArn
# and lists a port and an address for every kind but CALCULATED.
_OTHER_KINDS = {
    "CALCULATED": ("HealthThreshold", "ChildHealthChecks"),
    "CLOUDWATCH_METRIC": ("AlarmIdentifier", "InsufficientDataHealthStatus"),
    "RECOVERY_CONTROL": ("RoutingControlArn",),
}


def _health_checks_of_every_kind(models):
    """Makes moto keep and answer the members of CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks, and
    refuse what Route 53 refuses: a CALCULATED check naming a child that does not exist, a CLOUDWATCH_METRIC check
    without its alarm, a RECOVERY_CONTROL check without its routing control (InvalidInput)."""
    health_check = getattr(models, "HealthCheck", None)
    backend = getattr(models, "Route53Backend", None)
    if health_check is None or backend is None or getattr(health_check, "_failover_kinds", False):
        return
    original_config = health_check.health_check_config
    if not isinstance(original_config, property):
        return
    from moto.route53.exceptions import InvalidInput

    def health_check_config(self):
        config = original_config.fget(self)
        members = _OTHER_KINDS.get(self.type_)
        if members is None:
            return config
        answer = {"Type": self.type_, "Inverted": self.inverted, "Disabled": self.disabled}
        if self.type_ == "CALCULATED":
            answer["HealthThreshold"] = self.health_threshold
            answer["ChildHealthChecks"] = self.children
        elif self.type_ == "CLOUDWATCH_METRIC":
            answer["AlarmIdentifier"] = getattr(self, "alarm_identifier", None)
            answer["InsufficientDataHealthStatus"] = getattr(self, "insufficient_data_health_status", None)
        else:
            answer["RoutingControlArn"] = getattr(self, "routing_control_arn", None)
        return {key: value for key, value in answer.items() if value is not None}

    health_check.health_check_config = property(health_check_config)

    def check_kind(self, kind, args, existing=None):
        if kind == "CALCULATED":
            children = args.get("children")
            children = existing.children if children is None and existing is not None else children
            for child in children or []:
                if child not in self.health_checks:
                    raise InvalidInput(f"The child health check {child} does not exist.")
        elif kind == "CLOUDWATCH_METRIC" and existing is None:
            alarm = args.get("alarm_identifier") or {}
            if not alarm.get("Name") or not alarm.get("Region"):
                raise InvalidInput("A CLOUDWATCH_METRIC health check needs an AlarmIdentifier with Region and Name.")
        elif kind == "RECOVERY_CONTROL" and existing is None and not args.get("routing_control_arn"):
            raise InvalidInput("A RECOVERY_CONTROL health check needs a RoutingControlArn.")

    original_create = backend.create_health_check
    original_update = backend.update_health_check

    def create_health_check(self, caller_reference, health_check_args):
        health_check_args = {**health_check_args, **{k: v for k, v in (_pending_members() or {}).items() if v is not None}}
        check_kind(self, health_check_args.get("type"), health_check_args)
        created = original_create(self, caller_reference, health_check_args)
        _keep_other_members(created, health_check_args)
        return created

    def update_health_check(self, health_check_id, health_check_args):
        health_check_args = {**health_check_args, **{k: v for k, v in (_pending_members() or {}).items() if v is not None}}
        existing = self.health_checks.get(health_check_id)
        if existing is not None:
            check_kind(self, existing.type_, health_check_args, existing)
        updated = original_update(self, health_check_id, health_check_args)
        _keep_other_members(updated, health_check_args)
        return updated

    backend.create_health_check = create_health_check
    backend.update_health_check = update_health_check
    health_check._failover_kinds = True


_REQUEST = __import__("threading").local()


def _pending_members():
    return getattr(_REQUEST, "members", None)


def _keep_other_members(check, args):
    for key in ("alarm_identifier", "insufficient_data_health_status", "routing_control_arn"):
        if args.get(key) is not None:
            setattr(check, key, args[key])


def _health_check_requests_of_every_kind(responses):
    """Hands the members moto's request handlers leave out (AlarmIdentifier, InsufficientDataHealthStatus,
    RoutingControlArn) to the backend, which _health_checks_of_every_kind taught to keep them. They travel in a
    thread-local: moto_server answers each request on one thread, and many requests at once."""
    route53 = getattr(responses, "Route53", None)
    if route53 is None or getattr(route53, "_failover_kinds", False):
        return
    import functools

    def passing_members(original, read):
        @functools.wraps(original)
        def handler(self, *args, **kwargs):
            members = read(self) or {}
            _REQUEST.members = {
                "alarm_identifier": members.get("AlarmIdentifier"),
                "insufficient_data_health_status": members.get("InsufficientDataHealthStatus"),
                "routing_control_arn": members.get("RoutingControlArn"),
            }
            try:
                return original(self, *args, **kwargs)
            finally:
                _REQUEST.members = None

        return handler

    def update_members(self):
        return {
            "AlarmIdentifier": self._get_param("AlarmIdentifier"),
            "InsufficientDataHealthStatus": self._get_param("InsufficientDataHealthStatus"),
        }

    route53.create_health_check = passing_members(route53.create_health_check, lambda self: self._get_param("HealthCheckConfig"))
    route53.update_health_check = passing_members(route53.update_health_check, update_members)
    route53._failover_kinds = True


def _health_checks_by_caller_reference(responses):
    """ListHealthChecks with the query parameter failover-caller-reference (not a Route 53 parameter: only the realism
    layer sends it) answers the checks of that CallerReference only. The layer looks a reference up for every
    CreateHealthCheck, one create at a time, and moto answers ListHealthChecks with every check of the account in one
    page: reading and parsing all of them for each create made a layer of n checks cost n² (a 2,000-leaf tree's 1,278
    checks went at about 0.4 s each whatever the concurrency). Without the parameter moto answers as before."""
    route53 = getattr(responses, "Route53", None)
    if route53 is None or getattr(route53, "_failover_by_reference", False):
        return
    from moto.core.responses import ActionResult

    original = route53.list_health_checks

    def list_health_checks(self):
        wanted = (self.querystring.get("failover-caller-reference") or [None])[0]
        if not wanted:
            return original(self)
        checks = [check for check in self.backend.list_health_checks() if check.caller_reference == wanted]
        return ActionResult({"HealthChecks": checks})

    route53.list_health_checks = list_health_checks
    route53._failover_by_reference = True


class _CidrCollections:
    """Route 53's CIDR collections, which moto 5.2.1 does not have (API reference: CreateCidrCollection,
    ChangeCidrCollection, ListCidrCollections, ListCidrLocations, ListCidrBlocks, DeleteCidrCollection).

    One per moto Route 53 backend (account and partition). A collection maps location names to CIDR blocks; its
    Version starts at 1 and grows by 1 with each ChangeCidrCollection, which is refused when the caller names another
    version. Blocks follow the Developer Guide's IP-based routing page: IPv4 prefixes of 1 to 24 bits, IPv6 of 1 to 48.
    """

    def __init__(self):
        self.by_id = {}

    @staticmethod
    def of(backend):
        collections = getattr(backend, "_failover_cidr_collections", None)
        if collections is None:
            collections = backend._failover_cidr_collections = _CidrCollections()
        return collections


def _cidr_error(code, message):
    from moto.route53.exceptions import Route53ClientError

    return Route53ClientError(code, message)


def _check_cidr(block):
    import ipaddress

    try:
        network = ipaddress.ip_network(block, strict=True)
    except ValueError:
        raise _cidr_error("InvalidInput", f"Invalid CIDR block: {block}")
    longest = 24 if network.version == 4 else 48
    if not 1 <= network.prefixlen <= longest:
        raise _cidr_error("InvalidInput", f"CIDR block {block} must have a prefix length from 1 to {longest}")
    return str(network)


def _cidr_backend_methods(models):
    """Adds the CIDR collection operations to moto's Route 53 backend and checks each record's CidrRoutingConfig."""
    import re
    import uuid

    backend = getattr(models, "Route53Backend", None)
    if backend is None or hasattr(backend, "create_cidr_collection"):
        return
    location_name = re.compile(r"[0-9A-Za-z_\-]{1,16}")
    collection_name = re.compile(r"[0-9A-Za-z_\-]{1,64}")

    def collection(self, collection_id):
        found = _CidrCollections.of(self).by_id.get(collection_id)
        if found is None:
            raise _cidr_error("NoSuchCidrCollectionException", "The CIDR collection you specified, doesn't exist.")
        return found

    def summary(self, found):
        return {
            "Arn": f"arn:aws:route53:::cidrcollection/{found['Id']}",
            "Id": found["Id"],
            "Name": found["Name"],
            "Version": found["Version"],
        }

    def create_cidr_collection(self, name, caller_reference):
        if not collection_name.fullmatch(name or ""):
            raise _cidr_error("InvalidInput", f"Invalid collection name: {name}")
        for found in _CidrCollections.of(self).by_id.values():
            if found["Name"] == name:
                # Same name and caller reference: a retried request, answered with the collection it created.
                if found["CallerReference"] == caller_reference:
                    return summary(self, found)
                raise _cidr_error(
                    "CidrCollectionAlreadyExistsException",
                    "A CIDR collection with this name and a different caller reference already exists in this account.",
                )
        created = {"Id": str(uuid.uuid4()), "Name": name, "CallerReference": caller_reference, "Version": 1, "Locations": {}}
        _CidrCollections.of(self).by_id[created["Id"]] = created
        return summary(self, created)

    def referenced_locations(self, collection_id):
        used = set()
        for zone in self.zones.values():
            for record in zone.rrsets:
                config = getattr(record, "cidr_routing_config", None)
                if config and config.get("CollectionId") == collection_id:
                    used.add(config.get("LocationName"))
        return used

    def change_cidr_collection(self, collection_id, version, changes):
        found = collection(self, collection_id)
        if version is not None and int(version) != found["Version"]:
            raise _cidr_error(
                "CidrCollectionVersionMismatchException",
                "The CIDR collection version you provided, doesn't match the one in the ListCidrCollections operation.",
            )
        locations = {name: list(blocks) for name, blocks in found["Locations"].items()}
        for change in changes:
            name, action = change.get("LocationName", ""), change.get("Action")
            if not location_name.fullmatch(name):
                raise _cidr_error("InvalidInput", f"Invalid location name: {name}")
            blocks = [_check_cidr(block) for block in change.get("CidrList", [])]
            if action == "PUT":
                for block in blocks:
                    for other, held in locations.items():
                        if other != name and block in held:
                            held.remove(block)
                    held = locations.setdefault(name, [])
                    if block not in held:
                        held.append(block)
            elif action == "DELETE_IF_EXISTS":
                held = locations.get(name, [])
                for block in blocks:
                    if block in held:
                        held.remove(block)
            else:
                raise _cidr_error("InvalidInput", f"Invalid action: {action}")
        emptied = {name for name, blocks in locations.items() if not blocks}
        if emptied & referenced_locations(self, collection_id):
            raise _cidr_error("CidrBlockInUseException", "This CIDR block is already in use.")
        found["Locations"] = {name: blocks for name, blocks in locations.items() if blocks}
        found["Version"] += 1
        return f"/change/C{uuid.uuid4().hex[:13].upper()}"

    def list_cidr_collections(self):
        return [summary(self, found) for found in sorted(_CidrCollections.of(self).by_id.values(), key=lambda c: c["Name"])]

    def list_cidr_locations(self, collection_id):
        return [{"LocationName": name} for name in sorted(collection(self, collection_id)["Locations"])]

    def list_cidr_blocks(self, collection_id, location=None):
        found = collection(self, collection_id)
        if location is not None and location not in found["Locations"]:
            raise _cidr_error("NoSuchCidrLocationException",
                              "The CIDR collection location doesn't match any locations in your account.")
        return [
            {"CidrBlock": block, "LocationName": name}
            for name, blocks in sorted(found["Locations"].items())
            if location is None or name == location
            for block in blocks
        ]

    def delete_cidr_collection(self, collection_id):
        found = collection(self, collection_id)
        if found["Locations"] or referenced_locations(self, collection_id):
            raise _cidr_error("CidrCollectionInUseException", "This CIDR collection is in use, and isn't empty.")
        del _CidrCollections.of(self).by_id[collection_id]

    for method in (create_cidr_collection, change_cidr_collection, list_cidr_collections, list_cidr_locations,
                   list_cidr_blocks, delete_cidr_collection):
        setattr(backend, method.__name__, method)
    backend._failover_cidr_collection = collection


def _cidr_responses(responses):
    """Answers the CIDR collection operations; moto finds each by the botocore model's method and URI."""
    from moto.core.responses import ActionResult, EmptyResult

    route53 = getattr(responses, "Route53", None)
    if route53 is None or hasattr(route53, "create_cidr_collection"):
        return

    def create_cidr_collection(self):
        created = self.backend.create_cidr_collection(self._get_param("Name"), self._get_param("CallerReference"))
        return ActionResult({"Collection": created, "Location": f"https://route53.amazonaws.com/2013-04-01/cidrcollection/{created['Id']}"})

    def change_cidr_collection(self):
        change_id = self.backend.change_cidr_collection(
            self._get_param("Id"), self._get_param("CollectionVersion"), self._get_param("Changes") or [])
        return ActionResult({"Id": change_id})

    def list_cidr_collections(self):
        return ActionResult({"CidrCollections": self.backend.list_cidr_collections()})

    def list_cidr_locations(self):
        return ActionResult({"CidrLocations": self.backend.list_cidr_locations(self._get_param("CollectionId"))})

    def list_cidr_blocks(self):
        return ActionResult({"CidrBlocks": self.backend.list_cidr_blocks(
            self._get_param("CollectionId"), self._get_param("LocationName"))})

    def delete_cidr_collection(self):
        self.backend.delete_cidr_collection(self._get_param("Id"))
        return EmptyResult()

    for method in (create_cidr_collection, change_cidr_collection, list_cidr_collections, list_cidr_locations,
                   list_cidr_blocks, delete_cidr_collection):
        setattr(route53, method.__name__, method)


def _cidr_urls(urls):
    """Routes /cidrcollection to moto's Route 53 handler, which picks the operation from the method and path."""
    paths = getattr(urls, "url_paths", None)
    responses = getattr(urls, "Route53", None)
    if paths is None or responses is None:
        return
    paths.setdefault(r"{0}/(?P<api_version>[\d_-]+)/cidrcollection$", responses.dispatch)
    paths.setdefault(r"{0}/(?P<api_version>[\d_-]+)/cidrcollection/(?P<collection_id>[^/]+)$", responses.dispatch)
    paths.setdefault(r"{0}/(?P<api_version>[\d_-]+)/cidrcollection/(?P<collection_id>[^/]+)/cidrblocks$", responses.dispatch)


def _delete_only_the_named_record_set(models):
    """Makes a DELETE that names a SetIdentifier remove that one record set, as Route 53 does.

    moto 5.2.1 handles such a DELETE with FakeZone.delete_rrset_by_id, which removes every record set in the zone with
    that identifier, whatever its name and type. Trees reuse identifiers (every failover pair has a "primary"), so a
    tree deleting its own record took its neighbours' with it. The realism layer used to put them back with UPSERTs
    read from a snapshot of the zone; a snapshot taken while another change was still in moto could resurrect a record
    that change had just deleted. Route 53 identifies a record set by name, type and SetIdentifier (API reference,
    ResourceRecordSet: SetIdentifier "distinguishes among multiple resource record sets that have the same combination
    of name and type"), so the fix deletes by all three. moto iterates the changes in order and calls
    delete_rrset_by_id once per DELETE with an identifier; the zone's method is swapped, under a lock, for one that
    takes the name and type from the next such DELETE.
    """
    import threading

    backend = getattr(models, "Route53Backend", None)
    zone_class = getattr(models, "FakeZone", None)
    if backend is None or zone_class is None or getattr(backend, "_failover_delete_by_key", False):
        return
    if not hasattr(zone_class, "delete_rrset_by_id"):
        return
    lock = threading.RLock()
    original_change = backend.change_resource_record_sets

    def same_name(a, b):
        return (a or "").rstrip(".").lower() == (b or "").rstrip(".").lower()

    def change_resource_record_sets(self, zoneid, change_list):
        deletes = [change["ResourceRecordSet"] for change in change_list
                   if change.get("Action") == "DELETE" and "SetIdentifier" in change.get("ResourceRecordSet", {})]
        if not deletes:
            return original_change(self, zoneid, change_list)
        zone = self.get_hosted_zone(zoneid)
        pending = iter(deletes)

        def delete_rrset_by_id(set_identifier):
            named = next(pending, None)
            zone.rrsets = [
                record_set for record_set in zone.rrsets
                if record_set.set_identifier != set_identifier
                or (named is not None and (not same_name(record_set.name, named.get("Name"))
                                           or record_set.type != named.get("Type")))
            ]

        with lock:
            zone.delete_rrset_by_id = delete_rrset_by_id
            try:
                return original_change(self, zoneid, change_list)
            finally:
                del zone.delete_rrset_by_id

    backend.change_resource_record_sets = change_resource_record_sets
    backend._failover_delete_by_key = True


def _route53_models(models):
    _routing_fields_on_record_sets(models)
    _delete_only_the_named_record_set(models)
    _health_checks_of_every_kind(models)
    _cidr_backend_methods(models)


def _route53_responses(responses):
    _health_check_requests_of_every_kind(responses)
    _health_checks_by_caller_reference(responses)
    _cidr_responses(responses)


_AZ_LOCATION_TYPES = ["AvailabilityZone", "AvailabilityZoneGroup", "Region", "Partition", "Global"]


def _az_affinity_in_route53_model(utils):
    """Adds ResourceRecordSet.AZAffinity to the Route 53 model moto parses requests and writes answers with.

    AZ-affinity routing is newer than botocore 1.x on this machine, and moto reads each request's members and writes each
    answer's from botocore's model, so without the member an AZAffinity element was dropped on the way in. The shape is the
    online API reference's (AZAffinity: LocationType, LocationId, both required; LocationType: AvailabilityZone,
    AvailabilityZoneGroup, Region, Partition, Global).
    """
    original = getattr(utils, "_load_service_model", None)
    if original is None or getattr(original, "_failover_az_affinity", False):
        return

    def load(service_name, model_name):
        model = original(service_name, model_name)
        if service_name == "route53" and model_name == "service-2" and "AZAffinity" not in model["shapes"]:
            shapes = model["shapes"]
            shapes["AZAffinityLocationType"] = {"type": "string", "enum": list(_AZ_LOCATION_TYPES)}
            shapes["AZAffinityLocationId"] = {"type": "string", "max": 64, "min": 1}
            shapes["AZAffinity"] = {
                "type": "structure",
                "required": ["LocationType", "LocationId"],
                "members": {"LocationType": {"shape": "AZAffinityLocationType"},
                            "LocationId": {"shape": "AZAffinityLocationId"}},
            }
            shapes["ResourceRecordSet"]["members"]["AZAffinity"] = {"shape": "AZAffinity"}
        return model

    load._failover_az_affinity = True
    utils._load_service_model = load


_FIXES = {
    "moto.core.utils": _az_affinity_in_route53_model,
    "moto.stepfunctions.parser.models": _share_backend_in_execution_snapshots,
    "moto.dynamodb.models": _atomic_dynamodb_writes,
    "moto.route53.models": _route53_models,
    "moto.route53.responses": _route53_responses,
    "moto.route53.urls": _cidr_urls,
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
