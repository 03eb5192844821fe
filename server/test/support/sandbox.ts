/**
 * The sandbox org package as the tests see it: one re-export, so test files name one path and the
 * package can move (or be imported by name once the workspace is linked) by changing this line.
 */
export * from '../../../packages/sandbox-org/src/index.ts';
