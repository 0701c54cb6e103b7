import type { Benchmark } from '../lib/benchmark.js';
import { authCost } from './auth-cost.js';
import { gatewayPath } from './gateway-path.js';
import { signIn } from './sign-in.js';
import { tokenVerification } from './token-verification.js';

/**
 * Every benchmark, in the order a run measures them: in-process ones first, then those that
 * need the system, then the gateway path (which starts processes of its own), sign-in last
 * because the sessions it opens grow the database.
 */
export const BENCHMARKS: readonly Benchmark[] = [tokenVerification, authCost, gatewayPath, signIn];
