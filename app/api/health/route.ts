import { checkDatabase, checkStorage } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const [database, storage] = await Promise.all([checkDatabase(), checkStorage()]);
  const ok = database && storage;
  return Response.json({ ok, database, storage }, { status: ok ? 200 : 503 });
}
