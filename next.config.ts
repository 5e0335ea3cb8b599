import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native or server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "pg", "pdfkit", "exceljs", "csv-stringify"],
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx with a 403.
    authInterrupts: true,
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default withNextIntl(nextConfig);
