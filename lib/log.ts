// Server log lines as JSON. Errors keep their stack here, never in a response. E-mail
// addresses are cut out of every line (a mail server's refusal quotes the recipient), so
// the logs never tie a person to what the portal did for them.
const ADDRESS = /[^\s<>"'(),;:@[\]]+@[^\s<>"'(),;:@[\]]+\.[^\s<>"'(),;:@[\]]+/g;

export const redactAddresses = (text: string) => text.replace(ADDRESS, "[address]");

export function logError(message: string, error: unknown, requestId?: string | null) {
  const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(redactAddresses(JSON.stringify({ level: "error", time: new Date().toISOString(), message, requestId, error: err })));
}

export function logInfo(message: string, fields: Record<string, unknown> = {}) {
  console.log(redactAddresses(JSON.stringify({ level: "info", time: new Date().toISOString(), message, ...fields })));
}
