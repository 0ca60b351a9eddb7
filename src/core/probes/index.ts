/** Health probes and their targets: the editor-free core of "is it up?". */
export { checkHealth, type CheckHealthOptions, type HealthResult } from './checkHealth';
export { collectHealthTargets, DEFAULT_TARGET_SOURCES, type CollectOptions } from './collect';
export * from './errors';
export { scrubSecrets } from './redact';
export { maskSecrets } from '../secrets/maskSecrets';
export { PROBES, probe } from './registry';
export type { EnvLookup, HealthTarget, HealthTargetSource, SourceContext } from './sources/healthTarget';
export { collectServiceTargets, inventoryTargets, serviceProtocol, serviceTargets, type FolderServiceTargets, type ServiceHealthTarget } from './sources/inventory';
export { formatTarget, parseTarget, TargetError, type ProbeTarget } from './target';
export * from './types';
