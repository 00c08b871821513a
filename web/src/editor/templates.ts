import type { JsonObject } from "./specTree";

// Starting points for a new tree. The zone fields are filled from the page's form; every other value is an example to
// change (documentation addresses: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).

export interface TreeTemplate {
  id: string;
  title: string;
  description: string;
  root: JsonObject;
  healthCheckDefaults?: JsonObject;
}

const check = { type: "HTTP", port: 80, path: "/health", requestInterval: 30, failureThreshold: 3 };

export const templates: TreeTemplate[] = [
  {
    id: "failover",
    title: "Simple failover",
    description: "A health-checked primary, and a secondary that answers while the primary is unhealthy.",
    healthCheckDefaults: check,
    root: {
      id: "site", routing: "failover",
      primary: { id: "primary", endpoint: { values: ["192.0.2.10"], healthCheck: {} } },
      secondary: { id: "secondary", endpoint: { values: ["198.51.100.10"], healthCheck: {} } },
    },
  },
  {
    id: "latency-weighted",
    title: "Latency, then weighted",
    description: "The nearest region answers; inside each region, endpoints share the queries by weight.",
    healthCheckDefaults: check,
    root: {
      id: "by-latency", routing: "latency",
      children: [
        { id: "us-east", region: "us-east-1", routing: "weighted", children: [
          { id: "use1-a", weight: 10, endpoint: { values: ["192.0.2.11"], healthCheck: {} } },
          { id: "use1-b", weight: 10, endpoint: { values: ["192.0.2.12"], healthCheck: {} } },
        ] },
        { id: "eu-west", region: "eu-west-1", routing: "weighted", children: [
          { id: "euw1-a", weight: 10, endpoint: { values: ["198.51.100.21"], healthCheck: {} } },
          { id: "euw1-b", weight: 10, endpoint: { values: ["198.51.100.22"], healthCheck: {} } },
        ] },
      ],
    },
  },
  {
    id: "geolocation",
    title: "Geolocation with a default",
    description: "Queries from Europe and from the US get their own endpoints; everyone else gets the default.",
    healthCheckDefaults: check,
    root: {
      id: "by-location", routing: "geolocation",
      children: [
        { id: "europe", location: { continent: "EU" }, endpoint: { values: ["198.51.100.30"], healthCheck: {} } },
        { id: "us", location: { country: "US" }, endpoint: { values: ["192.0.2.30"], healthCheck: {} } },
        { id: "everyone-else", location: { default: true }, endpoint: { values: ["203.0.113.30"], healthCheck: {} } },
      ],
    },
  },
];

export interface TreeHead {
  name: string;
  hostedZoneId: string;
  zoneName: string;
  recordName: string;
}

export function specFrom(template: TreeTemplate, head: TreeHead): JsonObject {
  const spec: JsonObject = { ...head, recordType: "A", ttl: 60 };
  if (template.healthCheckDefaults) spec.healthCheckDefaults = JSON.parse(JSON.stringify(template.healthCheckDefaults)) as JsonObject;
  spec.root = JSON.parse(JSON.stringify(template.root)) as JsonObject;
  return spec;
}
