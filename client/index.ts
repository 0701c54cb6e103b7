// The browser's entry to the API: typed documents and operation types from
// schema/operations, and Apollo Client hooks built on them. Run `npm run codegen` after
// changing an operation or schema/api.graphql.
export * from './generated/graphql.js';
export * from './generated/hooks.js';
