// Server log lines as JSON. Errors keep their stack here, never in a response.
export function logError(message: string, error: unknown, requestId?: string | null) {
  const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, requestId, error: err }));
}

export function logInfo(message: string, fields: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message, ...fields }));
}
