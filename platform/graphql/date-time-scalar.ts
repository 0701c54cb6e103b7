import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (typeof value !== 'string' && !(value instanceof Date)) {
    throw new GraphQLError('DateTime must be an ISO 8601 string.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError('DateTime is not a valid ISO 8601 instant.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

/** ISO 8601 instants in UTC; resolvers hand out `Date` objects or ISO strings. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: toDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string literal.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return toDate(ast.value);
  },
});
