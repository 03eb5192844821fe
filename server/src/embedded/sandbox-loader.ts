/**
 * The one door from server code to the sandbox org package. A dynamic `import()` so the production
 * path (no embedded sandbox) never loads the sandbox, its SOQL engine or its fake OAuth.
 * The relative path works without `npm install` having linked the workspace yet.
 */
export type SandboxModule = typeof import('../../../packages/sandbox-org/src/index.ts');

/** Load the sandbox org package (embedded mode only). */
export async function loadSandbox(): Promise<SandboxModule> {
  return import('../../../packages/sandbox-org/src/index.ts');
}
