// The job queues, by name: the worker uses them, and the database setup creates them as the
// owner (the portal's own login may not create tables, which pg-boss does per queue).
export const QUEUES = { email: "email", sweep: "notification-sweep", reminders: "reminders", digest: "digest", checkpoint: "audit-checkpoint", checkpointMail: "audit-checkpoint-mail", sanctions: "sanctions-sweep" } as const;
export const JOB_SCHEMA = "pgboss";
