/**
 * Only same-site relative paths: never //host, a scheme, a backslash trick, or whitespace and
 * control characters (browsers drop tabs and newlines, so "/\t/evil.example" becomes //evil).
 */
export function safeLocalPath(path: unknown): string | null {
  if (typeof path !== "string" || path.length > 500) return null;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return null;
  if (/[\u0000-\u0020\u007f]/.test(path)) return null;
  const base = "http://portal.invalid";
  return new URL(path, base).origin === base ? path : null;
}
