// Composes the subgraph SDL files into schema/supergraph.graphql and publishes the API schema
// clients see as schema/api.graphql, refusing when that would break the published contract.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

import { readAcceptedChanges } from '../tools/schema/accepted-changes.js';
import { checkApiContract } from '../tools/schema/api-contract.js';
import { formatContractReport } from '../tools/schema/classify-changes.js';
import { composeSupergraph } from '../tools/schema/compose-supergraph.js';
import { schemaFiles } from '../tools/schema/schema-files.js';
import { readSubgraphSources } from '../tools/schema/subgraph-sources.js';

async function compose(): Promise<boolean> {
  const outcome = composeSupergraph(await readSubgraphSources());
  if (outcome.kind === 'failed') {
    console.error(`Composition failed with ${outcome.problems.length} problem(s):`);
    for (const problem of outcome.problems) console.error(`  - ${problem}`);
    return false;
  }

  // The first run has no published contract to break.
  if (existsSync(schemaFiles.api)) {
    const { report } = await checkApiContract({
      publishedSdl: await readFile(schemaFiles.api, 'utf8'),
      currentSdl: outcome.apiSdl,
      acceptedChanges: await readAcceptedChanges(schemaFiles.acceptedChanges),
    });
    const summary = formatContractReport(report);

    if (report.rejected.length > 0) {
      console.error('Refusing to rewrite schema/api.graphql: unaccepted breaking changes.');
      console.error(summary);
      console.error('Undo each one, or accept it in schema/accepted-changes.json with a reason.');
      return false;
    }
    if (summary !== '') console.log(`Changes to the public API:\n${summary}`);
  }

  // Both files or neither, so the supergraph never runs ahead of the contract it implements.
  await writeFile(schemaFiles.supergraph, outcome.supergraphSdl);
  await writeFile(schemaFiles.api, outcome.apiSdl);
  console.log('Wrote schema/supergraph.graphql and schema/api.graphql.');
  return true;
}

try {
  if (!(await compose())) process.exitCode = 1;
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
