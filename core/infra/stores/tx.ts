import type { Prisma, PrismaClient } from "../db.ts";

/** The client inside `prisma.$transaction(async (tx) => …)`, or the client itself. */
export type Tx = Prisma.TransactionClient | PrismaClient;
