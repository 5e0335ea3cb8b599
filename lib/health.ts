import "server-only";
import { db } from "./db";

/** Liveness of the database; public, so it reveals nothing but up or down. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
