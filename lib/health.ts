import "server-only";
import { db } from "./db";
import { objectStore } from "./files/storage";

/** Liveness of the database; public, so it reveals nothing but up or down. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** Whether uploads can be stored (the folder or the bucket); public like the database's. */
export async function checkStorage(): Promise<boolean> {
  return objectStore().reachable();
}
