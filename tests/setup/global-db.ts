// Starts the test PostgreSQL (embedded, or DATABASE_URL's server) once per run and
// migrates a template database; each test file then gets its own copy (file-db.ts).
import type { TestProject } from "vitest/node";
import { PROFILES, createDatabase, dropDatabase, startCluster } from "../../scripts/lib/database";
import { prepareDatabase } from "../../scripts/lib/grants";

export const TEMPLATE_DB = "most_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    templateUrl: string;
    appTemplateUrl: string;
    adminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster(PROFILES.test);
  await dropDatabase(cluster, TEMPLATE_DB);
  await createDatabase(cluster, TEMPLATE_DB);
  await prepareDatabase(cluster.urlFor(TEMPLATE_DB), cluster.appUrlFor(TEMPLATE_DB), { embedded: cluster.embedded });
  project.provide("templateUrl", cluster.urlFor(TEMPLATE_DB));
  project.provide("appTemplateUrl", cluster.appUrlFor(TEMPLATE_DB));
  project.provide("adminUrl", cluster.urlFor("postgres"));
  return async () => {
    await dropDatabase(cluster, TEMPLATE_DB);
    await cluster.stop();
  };
}
