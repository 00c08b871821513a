// The shapes of the API's responses that the dashboard reads (docs/openapi.yaml has them all).

export type TreeStatus = "NEW" | "APPLYING" | "ACTIVE" | "FAILED" | "DELETING" | "DELETED";
export type RunStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ROLLED_BACK";
export type NodeStatus = "PENDING" | "IN_PROGRESS" | "DONE" | "FAILED" | "DELETED";
export type DriftState = "MISSING" | "CHANGED";
export type HealthState = "HEALTHY" | "UNHEALTHY";

export interface Tree {
  name: string;
  hostedZoneId: string;
  recordName: string;
  recordType: string;
  /** null: the deployment's default policy applies. */
  driftPolicy: string | null;
  status: TreeStatus;
  currentVersion: number | null;
  latestVersion: number;
  lastRunId?: string;
  lastRunStatus?: RunStatus;
  createdAt: string;
  updatedAt: string;
}

export interface TreeList {
  trees: Tree[];
  nextPageToken?: string;
}

export interface RunNode {
  nodeId: string;
  layer?: string;
  status: NodeStatus;
  records: { name: string; type: string; setIdentifier?: string }[];
  healthCheckId?: string;
  changeId?: string;
  error?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface Run {
  runId: string;
  tree: string;
  version: number;
  kind: "APPLY" | "ROLLBACK" | "TEARDOWN" | "REPAIR";
  status: RunStatus;
  error?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  nodeCounts: Record<NodeStatus, number>;
  nodes: RunNode[];
}

export interface DriftSummary {
  checkedAt: string;
  driftedItems: number;
}

export interface TreeDetail extends Tree {
  lastRun: Run | null;
  lastDriftCheck: DriftSummary | null;
}

export interface VersionInfo {
  version: number;
  current: boolean;
  recordName: string;
  sha256: string;
  createdAt: string;
}

export interface VersionList {
  tree: string;
  currentVersion: number | null;
  versions: VersionInfo[];
}

export interface VersionSpec {
  tree: string;
  version: number;
  current: boolean;
  sha256: string;
  createdAt: string;
  spec: unknown;
}

export type NodeKind = "rule" | "endpoint" | "alias";

export interface DiagramNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  routing?: string;
  recordKind: string;
  recordName: string;
  detail: string;
  childrenAt?: string;
  edgeLabel?: string;
  region?: string;
  canFail: boolean;
  values?: string[];
  aliasTarget?: string;
  progress?: NodeStatus;
  drift?: DriftState;
  health?: HealthState;
}

export interface Diagram {
  tree: string;
  version: number;
  recordName: string;
  recordType: string;
  /** A dual-stack tree's two types (["A", "AAAA"]); absent for a tree of one type. */
  recordTypes?: string[];
  nodes: DiagramNode[];
}

export interface SimulationAnswer {
  nodeId: string;
  values: string[];
  probability: number;
}

export interface Simulation {
  tree: string;
  /** Absent for a draft. */
  version?: number;
  draft?: true;
  answers: SimulationAnswer[];
  noAnswerProbability?: number;
  notes?: string[];
}

export interface DriftReport {
  tree: string;
  checkedAt: string;
  driftedItems: number;
  report: DriftReportBody;
}

export interface DriftReportBody {
  items?: DriftItem[];
  [key: string]: unknown;
}

export interface DriftItem {
  kind?: string;
  nodeId?: string;
  message?: string;
  [key: string]: unknown;
}

export interface Plan {
  version: number;
  tree: string;
  hostedZoneId: string;
  layers: PlanLayer[];
  conflicts?: unknown[];
  summary?: Record<string, unknown>;
}

export interface PlanLayer {
  name: string;
  healthChecks?: { nodeId: string; callerReference: string; healthCheckConfig: Record<string, unknown> }[];
  changeBatches?: { Changes: PlanChange[]; Comment?: string }[];
  deleteHealthChecks?: unknown[];
  cidrCollections?: PlannedCidrCollection[];
  cidrCollectionCleanup?: PlannedCidrCollection[];
  [key: string]: unknown;
}

/** A CIDR collection in a plan: created when it has no id, its Changes as `aws route53 change-cidr-collection` takes them. */
export interface PlannedCidrCollection {
  name: string;
  ruleId?: string;
  id?: string;
  delete?: boolean;
  changes?: { LocationName: string; Action: string; CidrList: string[] }[];
}

export interface PlanChange {
  Action: string;
  ResourceRecordSet: {
    Name: string;
    Type: string;
    SetIdentifier?: string;
    Weight?: number;
    Region?: string;
    Failover?: string;
    TTL?: number;
    ResourceRecords?: { Value: string }[];
    AliasTarget?: { DNSName: string; HostedZoneId: string; EvaluateTargetHealth: boolean };
    HealthCheckId?: string;
    GeoProximityLocation?: GeoProximityLocation;
    CidrRoutingConfig?: { CollectionId: string; LocationName: string };
    /** Route 53's AZAffinity: the location (AvailabilityZone, AvailabilityZoneGroup, Region, Partition, Global) it answers. */
    AZAffinity?: { LocationType: string; LocationId: string };
    [key: string]: unknown;
  };
}

/** Route 53's GeoProximityLocation: one of AWSRegion, LocalZoneGroup and Coordinates, with a bias of -99…99. */
export interface GeoProximityLocation {
  AWSRegion?: string;
  LocalZoneGroup?: string;
  Coordinates?: { Latitude: string; Longitude: string };
  Bias?: number;
}

export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path?: string; parameter?: string; message: string }[];
}

/** GET /trees/{name}/health: what Route 53's checkers observe now, per health-checked endpoint of the current version. */
export interface TreeHealth {
  tree: string;
  version: number;
  observedAt: string;
  nodes: {
    nodeId: string;
    healthCheckId: string;
    health: "healthy" | "unhealthy" | "unknown";
    checkers: number;
    healthyCheckers: number;
    statuses: string[];
  }[];
}

/** One event of a tree (GET /trees/{name}/events), as the service published it on EventBridge. */
export interface TreeEvent {
  eventId: string;
  /** "Run Started", "Run Succeeded", "Run Failed", "Run Rolled Back", "Drift Detected", "Drift Repaired", "Tree Answer Changed". */
  detailType: string;
  time: string;
  summary: string;
  version?: number;
  runId?: string;
  link?: string;
}

/** GET /trees/{name}/events: newest first. */
export interface EventList {
  tree: string;
  events: TreeEvent[];
}

export interface SimulationQuery {
  unhealthy: string[];
  region?: string;
  location?: string;
  coordinates?: string;
  clientIp?: string;
  /** Where the client is, for az-affinity rules: an AZ ID (use1-az1), Zone Group, region or partition. */
  az?: string;
  /** The record type queried, for a dual-stack tree (A or AAAA). */
  recordType?: string;
}

export interface FieldError {
  path?: string;
  parameter?: string;
  message: string;
}

/** POST /trees?dryRun=true: the plan, the spec's warnings, and whether an apply would pass the change-size guard. */
export interface DryRunPlan extends Plan {
  dryRun: true;
  warnings?: FieldError[];
  changeSizeGuard?: { passes: boolean; message?: string };
}

export interface RunAccepted {
  runId: string;
  tree: string;
  version: number;
  kind: string;
  status: string;
}

export interface ImportedSpec {
  spec: Record<string, unknown>;
  warnings?: FieldError[];
}
