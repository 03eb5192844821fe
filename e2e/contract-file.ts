/** Where the e2e stack writes what it checked against openapi.yaml, for the teardown to judge. */
export const CONTRACT_FILE = new URL('./.contract.json', import.meta.url);
