// Fixed secrets for tests only: never used outside the test database.
export const TEST_ENV = {
  AUTH_SECRET: "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  MOST_MASTER_KEYS: `test-1:${Buffer.alloc(32, 7).toString("base64")}`,
  // Ed25519 from a fixed seed: the PKCS#8 header of an Ed25519 key, then the 32-byte seed.
  AUDIT_SIGNING_KEY: `test-1:${Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, 5)]).toString("base64")}`,
  MOST_BLIND_INDEX_KEY: "test-blind-index-key-0123456789abcdefghijklmnop",
  STORAGE_DIR: ".data/storage-test",
  KEY_SHARE_DIR: ".data/keyshares-test",
  APP_URL: "http://localhost:3000",
  // Action tests play one trusted proxy: tests/setup/next-mocks.ts gives each request its
  // own X-Forwarded-For. Tests of the address rules themselves set 0 (the default).
  TRUSTED_PROXY_HOPS: "1",
};
