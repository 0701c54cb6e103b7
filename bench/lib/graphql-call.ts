/** One GraphQL request made while preparing a benchmark, outside any measurement. */
export interface GraphqlCall {
  readonly url: string;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export class GraphqlCallError extends Error {
  override readonly name = 'GraphqlCallError';
}

/** Sends the call and returns `data`; any error in the answer fails, quoting the first one. */
export async function callGraphql(call: GraphqlCall): Promise<Record<string, unknown>> {
  const response = await fetch(call.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...call.headers },
    body: JSON.stringify({ query: call.query, variables: call.variables }),
  });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown };

  if (!response.ok || Array.isArray(answer.errors)) {
    const first = Array.isArray(answer.errors) ? (answer.errors[0] as { message?: unknown }) : {};
    throw new GraphqlCallError(
      `The request failed with status ${response.status}: ${String(first.message ?? 'no message')}`,
    );
  }
  if (typeof answer.data !== 'object' || answer.data === null) {
    throw new GraphqlCallError('The answer has no data.');
  }
  return answer.data as Record<string, unknown>;
}
