import type { IntegrationKind, IntegrationRole, IntegrationDirection } from '../types';

/** A finding from a declaration file (compose, k8s, .env, specs, manifests); 0-based positions. */
export interface DeclarationFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: IntegrationKind;
  library: string;
  target?: string;
  envVars?: string[];
  host?: string;
  /** Compose service / k8s workload name, used to group findings into services. */
  serviceName?: string;
  /** Defaults to declaration/declaration. */
  role?: IntegrationRole;
  direction?: IntegrationDirection;
}
