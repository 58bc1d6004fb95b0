/** The live engine: a real SQL Server (testcontainers) reached with the mssql client. */
export { openPool } from './connect.ts'
export { LiveEngine, LiveSubmission } from './live-engine.ts'
export { MssqlServer, type ServerEndpoint } from './mssql-server.ts'
export { runProbe } from './probe.ts'
export { readCatalog } from './read-catalog.ts'
export { formatScriptError, runScript } from './run-script.ts'
export { Sandbox } from './sandbox.ts'
export { waitUntilReady } from './wait-until-ready.ts'
