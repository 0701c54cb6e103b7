import { describe, expect, it } from 'vitest';

import { readAcceptedChanges } from '../../tools/schema/accepted-changes.js';
import { checkApiContract } from '../../tools/schema/api-contract.js';
import { formatContractReport } from '../../tools/schema/classify-changes.js';
import { schemaFiles } from '../../tools/schema/schema-files.js';
import { composeCurrent, readPublishedApiSdl } from './helpers.js';

async function checkCommittedContract() {
  const current = await composeCurrent();
  return checkApiContract({
    publishedSdl: await readPublishedApiSdl(),
    currentSdl: current.apiSdl,
    acceptedChanges: await readAcceptedChanges(schemaFiles.acceptedChanges),
  });
}

describe('published API contract (schema/api.graphql)', () => {
  it('has no unaccepted breaking change in the current API', async () => {
    const { report } = await checkCommittedContract();

    expect(report.rejected, formatContractReport(report)).toEqual([]);
  });

  it('is up to date with the current API', async () => {
    const { report, upToDate } = await checkCommittedContract();

    const changes = formatContractReport(report) || '(only ordering or formatting differs)';
    expect(upToDate, `schema/api.graphql is stale: run \`npm run compose\`\n${changes}`).toBe(true);
  });
});
