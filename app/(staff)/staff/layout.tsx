import type { ReactNode } from "react";
import { guardArea } from "@/lib/auth/guard";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  await guardArea("staff", "/staff");
  return children;
}
