import type { ReactNode } from "react";
import { guardArea } from "@/lib/auth/guard";

export default async function AuditLayout({ children }: { children: ReactNode }) {
  await guardArea("audit", "/audit");
  return children;
}
