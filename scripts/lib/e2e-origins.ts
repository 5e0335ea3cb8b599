// The extra origins the browser tests' server is configured with (scripts/run.ts --e2e).
export const E2E_ONION = "http://most2xvbyn7pjqmvkdyfqf4zwdcicuthobrrdmbwbudcjw3adbmhfhid.onion";
/** Chromium resolves it to 127.0.0.1 (--host-resolver-rules in tests/e2e/origins.spec.ts). */
export const E2E_MIRROR_HOST = "mirror.most.test";
