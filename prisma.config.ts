// Prisma 7 CLI configuration. The app applies migrations itself (src/infra/migrate.ts);
// this file lets a user with internet still run Prisma's own CLI against DATABASE_URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test" },
});
