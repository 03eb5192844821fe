/** Shared by the test server and the specs (specs must not import serve.ts: it starts a server). */
export const DEMO_TOKEN = 'cb_demo_token_for_tests';
