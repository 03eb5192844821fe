/** After the browser journeys: every API response they saw must have matched openapi.yaml. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { assertContractKept, type ContractCheck } from '../server/test/support/contract-check.ts';
import { CONTRACT_FILE } from './contract-file.ts';

export default function teardown(): void {
  if (!existsSync(CONTRACT_FILE)) return;
  const check = JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as ContractCheck;
  rmSync(CONTRACT_FILE);
  console.log(`e2e: ${check.checked} API responses checked against openapi.yaml`);
  assertContractKept(check);
}
