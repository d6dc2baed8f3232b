// The two HTTP servers of the endpoint benchmarks, each in a child process of bench/run.mjs (so the
// load generator never shares their event loop). Started with `fork(…, [kind])`:
//
//   api   the whole API (Nest, auth, guards, Prisma), as bench/lib.mjs starts it. It can also record
//         the SQL one request runs ({ capture }), by watching every query its pg clients send.
//   bare  the baseline: node:http and pg, nothing else. Each route replays, on a pooled connection
//         that took the application's role, the statements the API ran for that route (its
//         transactions, with BEGIN, the tenant's set_config and COMMIT), and sends the rows as JSON.
//
// Both answer on 127.0.0.1 and report { port } to the parent; the pool has DB_POOL_SIZE
// connections (default 10) in both.
import http from 'node:http';
import pg from 'pg';
import { benchEnv } from './lib.mjs';

const kind = process.argv[2];
const db = process.env.BENCH_HTTP_DATABASE_URL;
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);

if (kind === 'api') await api();
else if (kind === 'bare') await bare();
else throw new Error(`unknown server kind ${kind}`);

/** Statements sent by any pg client while `recording` is set, grouped into transactions. */
function recorder() {
  let recording = null;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(config, values, callback) {
    if (recording && config && typeof config !== 'function') {
      const text = typeof config === 'string' ? config : config.text;
      const params =
        typeof config === 'string' ? (Array.isArray(values) ? values : []) : (config.values ?? []);
      if (typeof text === 'string') recording.push({ client: this, text, values: params });
    }
    return original.call(this, config, values, callback);
  };
  return {
    start() {
      recording = [];
    },
    /** The recorded statements as transactions: BEGIN … COMMIT runs of one client, or single statements. */
    stop() {
      const out = [];
      const open = new Map();
      for (const { client, text, values } of recording ?? []) {
        const verb = text.trim().split(/\s+/)[0]?.toUpperCase();
        let tx = open.get(client);
        if (!tx) {
          tx = [];
          if (verb === 'BEGIN') open.set(client, tx);
          out.push(tx);
        }
        tx.push({ text, values });
        if (verb === 'COMMIT' || verb === 'ROLLBACK') open.delete(client);
      }
      recording = null;
      return out;
    },
  };
}

async function api() {
  const sql = recorder();
  benchEnv(db, { ACCESS_TOKEN_TTL_SECONDS: '7200' });
  const { createApp } = await import('../dist/bootstrap.js');
  const { loadConfig } = await import('../dist/config.js');
  const app = await createApp(loadConfig());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  process.on('message', async (msg) => {
    if (msg.capture) {
      // One request on its own: every statement sent meanwhile is this request's.
      sql.start();
      const res = await fetch(`${base}${msg.capture.path}`, { headers: msg.capture.headers });
      const body = await res.text();
      const transactions = sql.stop();
      process.send({ captured: msg.capture.path, status: res.status, bytes: body.length, transactions });
    }
    if (msg.stop) {
      await app.close();
      process.exit(0);
    }
  });
  process.send({ port: app.getHttpServer().address().port });
}

async function bare() {
  // As the API's pool: every connection runs as the app role from its start.
  const pool = new pg.Pool({ connectionString: db, max: POOL, options: '-c role=gapline_app' });
  const routes = new Map();
  const server = http.createServer(async (req, res) => {
    const route = routes.get(new URL(req.url, 'http://x').pathname);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const client = await pool.connect();
    let failed = null;
    const results = [];
    try {
      for (const tx of route) {
        try {
          for (const s of tx) {
            const r = await client.query(s.text, s.values);
            if (r.command === 'SELECT' || r.command === 'WITH') results.push(r.rows);
          }
        } catch (err) {
          if (/^BEGIN/i.test(tx[0]?.text ?? '')) await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    } catch (err) {
      failed = err;
    } finally {
      client.release();
    }
    if (failed) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(failed.message));
      return;
    }
    const body = JSON.stringify(results);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  process.on('message', async (msg) => {
    if (msg.routes) {
      for (const [path, transactions] of Object.entries(msg.routes)) routes.set(path, transactions);
      process.send({ routes: [...routes.keys()] });
    }
    if (msg.stop) {
      server.close();
      await pool.end();
      process.exit(0);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}
