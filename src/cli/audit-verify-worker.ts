// A worker thread of `concord audit verify` on PostgreSQL: its own connection, joined to the main
// connection's snapshot (SET TRANSACTION SNAPSHOT), verifying the segments it is sent with the
// independent verifier. See audit-verify-parallel.ts.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import * as V from '../audit-verifier/index.ts';
import { clientQuery } from './audit-verify-parallel.ts';

const data = workerData as { connectionString: string; options?: string; snapshot: string };
if (!/^[0-9A-F-]+$/i.test(data.snapshot)) throw new Error('not a snapshot id');
const client = new pg.Client({ connectionString: data.connectionString, ...(data.options ? { options: data.options } : {}) });
await client.connect();
await client.query('begin isolation level repeatable read read only');
await client.query(`set transaction snapshot '${data.snapshot}'`);
const source = V.sqlLogSource(clientQuery(client));

parentPort!.on('message', (msg: { type: 'segment'; id: number; input: V.SegmentInput } | { type: 'close' }) => {
  if (msg.type === 'close') {
    void client
      .query('commit')
      .then(() => client.end())
      .finally(() => parentPort!.close());
    return;
  }
  V.verifySegment(source, msg.input).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (error: unknown) => parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort!.postMessage({ ready: true });
