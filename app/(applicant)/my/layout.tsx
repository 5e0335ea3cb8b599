import type { ReactNode } from "react";
import { guardArea } from "@/lib/auth/guard";

export default async function ApplicantLayout({ children }: { children: ReactNode }) {
  await guardArea("applicant", "/my");
  return children;
}
