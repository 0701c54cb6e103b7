import type { AcceptedChange } from './accepted-changes.js';
import type { ContractReport } from './classify-changes.js';
import { classifyChanges } from './classify-changes.js';

export interface ApiContractOptions {
  /** The committed schema/api.graphql. */
  readonly publishedSdl: string;
  /** The current API schema as printApiSchema writes it. */
  readonly currentSdl: string;
  readonly acceptedChanges: readonly AcceptedChange[];
}

export interface ApiContractCheck {
  readonly report: ContractReport;
  /** False when schema/api.graphql has to be rewritten, even if nothing in it breaks. */
  readonly upToDate: boolean;
}

/** Compares the published API contract with the API the subgraphs compose to now. */
export async function checkApiContract(options: ApiContractOptions): Promise<ApiContractCheck> {
  const report = await classifyChanges(options);
  return { report, upToDate: options.publishedSdl === options.currentSdl };
}
