import { createBackup, listViolations, advanceBackupJob, RULES } from "./smokebuild/index.js";
const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"], jobs: [] };
const ctx = { now: "2026-01-01T00:00:00Z", requestId: "r1" };
console.log(JSON.stringify(createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", ctx)));
console.log(JSON.stringify(createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1&BackupMehtod=Snapshot", ctx)));
console.log(JSON.stringify(listViolations({...state, status: "Stopped", engine: "PostgreSQL", engineVersion: "16.0", databases: []}, {Action:"CreateBackup", DBInstanceId:"rm-1", BackupMethod:"Logical", DBName: "x"}, ctx)));
console.log(JSON.stringify(createBackup(null, 5, null)));
console.log(RULES.length);
