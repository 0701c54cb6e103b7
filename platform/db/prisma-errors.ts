import { Prisma } from '../../generated/prisma/client.js';

/** A unique constraint refused the write (Prisma's P2002), e.g. a duplicate email. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
