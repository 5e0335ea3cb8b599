import type { ReactNode } from "react";
import { guardArea } from "@/lib/auth/guard";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await guardArea("admin", "/admin");
  return children;
}
