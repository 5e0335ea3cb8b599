// Runs once when the server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHook } = await import("./lib/peer-address");
    installPeerAddressHook();
    // Refuses to start with key shares where backups would copy them (an erase must be final).
    const { prepareShareFolder } = await import("./lib/crypto/keystore");
    prepareShareFolder();
  }
}
