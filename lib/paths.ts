/** Only same-site relative paths, never //host, a scheme or a backslash trick. */
export function safeLocalPath(path: unknown): string | null {
  if (typeof path !== "string" || path.length > 500) return null;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return null;
  return path;
}
