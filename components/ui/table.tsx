import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function Table({ caption, children, id }: { caption?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table id={id} className="min-w-full divide-y divide-slate-200 bg-white text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 align-top text-slate-800", className)} {...props} />;
}
