// @palm/db: the system of record as one package, imported by the BFF, the seeds and the migration
// tool alike. The generated Prisma client (models, enums, `Prisma` namespace) is its own entry,
// `@palm/db/client`, so a type import of an enum does not load the database drivers.
export * from './database';
export * from './migrations';
export * from './pii';
export * from './seed-sync';
