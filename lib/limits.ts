// Sizes a request may have, in one place: next.config.ts (transport limits), proxy.ts
// (request guard) and the action pipeline read them. No imports, so next.config can load it.

/** The largest file a person may upload (the catalogues say "10 MB"). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The largest request body: one file of MAX_FILE_BYTES plus room for the multipart framing
 * and the form's other fields. Forms that take several files share it.
 */
export const MAX_REQUEST_BYTES = MAX_FILE_BYTES + 1024 * 1024;

/** Files in one form post, together: what the request carries besides its other fields. */
export const MAX_UPLOAD_TOTAL_BYTES = MAX_REQUEST_BYTES - 64 * 1024;

/** Fields in one form post (the largest real form, a call with its criteria, has about 100). */
export const MAX_FORM_FIELDS = 1000;

/** Characters of an uploaded file's name, without its folder (file systems allow about 255 bytes). */
export const MAX_FILE_NAME_LENGTH = 200;

/** Length of one field name (ours are at most about 60 characters). */
export const MAX_FIELD_NAME_LENGTH = 200;

/** Nesting depth of the JSON that carries an action's arguments (ours is below 10). */
export const MAX_JSON_DEPTH = 64;

/** Body of an action called without a session (sign-in, sign-up, password reset). */
export const MAX_ANONYMOUS_BODY_BYTES = 64 * 1024;

/** Action calls without a session, per client address and minute. */
export const ANONYMOUS_ACTIONS_PER_MINUTE = 60;
