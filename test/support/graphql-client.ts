export interface GraphQLResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    readonly data?: Record<string, unknown> | null;
    readonly errors?: readonly {
      readonly message: string;
      readonly path?: readonly (string | number)[];
      readonly extensions?: Record<string, unknown>;
    }[];
  };
}

export interface PostOptions {
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Posts one GraphQL operation the way a client app would. */
export async function postGraphQL(
  url: string,
  operation: { readonly query: string; readonly variables?: Record<string, unknown> },
  options: PostOptions = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify(operation),
  });
  const text = await response.text();
  let body: GraphQLResponse['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse['body'];
  } catch {
    throw new Error(`Expected JSON from ${url}, got ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The codes of all errors in a response, in order. */
export function errorCodes(response: GraphQLResponse): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
