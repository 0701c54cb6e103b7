/**
 * The Node arguments that start Hive Gateway over our composed supergraph with the
 * configuration beside this file, on loopback, from the repository root. The benchmark and
 * the resilience suite start it the same way.
 */
export function hiveGatewayArguments(port: number): string[] {
  return [
    'node_modules/@graphql-hive/gateway/dist/bin.js',
    'supergraph',
    'schema/supergraph.graphql',
    '--config-path',
    'bench/hive/gateway.config.ts',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ];
}
