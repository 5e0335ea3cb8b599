"use client";
// Tells the server the browser's time zone, so deadlines show in local time even for
// visitors who are not signed in (signed-in people use their profile's zone).
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export const TZ_COOKIE = "most-tz";

export function TimeZoneCookie({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== current) {
      document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
      router.refresh();
    }
  }, [current, router]);
  return null;
}
