import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MAX_REQUEST_BYTES } from "./lib/limits";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native or server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "pg", "pdfkit", "exceljs", "csv-stringify"],
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx with a 403.
    authInterrupts: true,
    // One limit for the whole way: the proxy buffers the body (beyond its limit it would pass
    // a truncated body on, which ends in a 500), then the action reads it. proxy.ts answers
    // 413 above it; up to it, the action refuses a file over MAX_FILE_BYTES with a message.
    serverActions: { bodySizeLimit: MAX_REQUEST_BYTES },
    proxyClientMaxBodySize: MAX_REQUEST_BYTES,
  },
};

export default withNextIntl(nextConfig);
