/**
 * rds-backup-rules/server/errors: the server's own refusals (routes, bodies, signatures, the admin
 * token, DescribeBackupTasks' parameters) as a catalog in the shape of `RULES`, without the HTTP
 * stack: it loads neither `fastify` nor `prom-client`, so a tool that explains an answer of the
 * server (the CLI's `explain`) works where only the root entry's dependencies are installed.
 * `rds-backup-rules/server` exports the same values.
 *
 * @packageDocumentation
 */
export { EDGE_ERRORS, SERVER_RULES, edgeError, type EdgeErrorId } from "../edge-errors";
