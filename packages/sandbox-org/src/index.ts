/**
 * Public surface of the sandbox org: start one (`startSandbox`), drive it through its control API
 * (`RunningSandbox.control`, also served over HTTP under `/_sandbox`), read its ground truth, and run
 * time by hand (`ManualClock`). Everything else in this package is internal.
 */
export { startSandbox } from './start.ts';
export type { GroundTruthCall, GroundTruthView, FaultSpec, OrgPatch, OrgView, RunningSandbox, SandboxControl, StartSandboxOptions, WindowUsage } from './start.ts';
export { contentVersionBytes } from './data/content-version.ts';
export { ManualClock, MANUAL_CLOCK_START, systemClock } from './clock.ts';
export type { Clock, CustomFieldSpec, OrgInfo, OrgSpec } from './types.ts';
