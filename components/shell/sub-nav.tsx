import Link from "next/link";

/** Secondary navigation inside an area (staff, audit, admin). */
export function SubNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  if (links.length <= 1) return null;
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 pb-2">
      {links.map((l) => (
        <Link key={l.href} href={l.href} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
