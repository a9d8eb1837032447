// @palm/db: the system of record as one package, imported by the BFF, the seeds and the migration
// tool alike. The generated Prisma client (models, enums, the `Prisma` namespace) is its own entry,
// `@palm/db/client`, so code that needs only those (domain services, seed data) does not load the
// database drivers this entry brings in.
export * from './database';
export * from './migrations';
export * from './pii';
export * from './seed-sync';
