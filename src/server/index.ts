/**
 * rds-backup-rules/server: the rule set as an RDS-shaped HTTP endpoint over the store layer
 * (CreateBackup and DescribeBackupTasks on the RPC API, an admin API, health and metrics), the
 * server behind `rds-backup-rules serve`. Needs `fastify` and `prom-client` (dependencies of the
 * package); the root entry never loads them.
 *
 * @packageDocumentation
 */
export { createServer, BODY_LIMIT, type ServerOptions } from "./create-server";
export { serve, listenRefusal, type ServeOptions, type RunningServer, type SettingNames } from "./serve";
export { isLoopback } from "./hosts";
export { openStore, type OpenedStore } from "./open-store";
export { parseAccessKeys, parseAdminToken, type ParsedSecrets } from "./secrets";
export {
  signatureVerifier,
  sameText,
  SIGNATURE_WINDOW_MS,
  type ReceivedCall,
  type SignatureCheck,
  type SignedBy,
  type SignatureVerifier,
  type VerifierOptions,
} from "./signature";
export { isSignatureNonce } from "./nonces";
export { keyedCall, type KeyedCall } from "./idempotency-key";
export { EDGE_ERRORS, SERVER_RULES, edgeError, type EdgeErrorId } from "./edge-errors";
export { backupTasks, parseDescribeBackupTasks, type BackupTaskItem, type DescribeBackupTasksQuery } from "./describe-backup-tasks";
export { serverMetrics, METRIC_ACTIONS, type MetricAction, type ServerMetrics } from "./metrics";
