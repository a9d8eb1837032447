// Prisma 7 configuration. The datasource URL is only read by CLI commands that talk to a
// database (`migrate deploy`); the application passes a driver adapter at run time instead.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/palm' },
});
