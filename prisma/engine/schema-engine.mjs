#!/usr/bin/env node

// Gapline: stand-in for Prisma's native `schema-engine` binary.
//
// The Prisma CLI downloads a native schema-engine binary from Prisma's binary
// host, which this environment cannot reach. The CLI honours
// PRISMA_SCHEMA_ENGINE_BINARY, so we point it at this script. It speaks the
// same stdio protocol as the native binary (newline-delimited JSON-RPC 2.0 on
// stdin/stdout, JSON log lines on stderr, plus the one-shot
// `cli can-connect-to-database` / `cli create-database` sub-commands) and runs
// Prisma's official WebAssembly schema engine (@prisma/schema-engine-wasm)
// over the official PostgreSQL driver adapter (@prisma/adapter-pg), the way
// the Prisma CLI itself loads the Wasm engine (packages/internals
// WasmSchemaEngineLoader + packages/migrate SchemaEngineWasm).
//
// PostgreSQL only. See README.md next to this file.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';

// `pg` and `@prisma/driver-adapter-utils` are resolved through
// @prisma/adapter-pg so that we use exactly the copies it uses (PrismaPg does
// an `instanceof pg.Pool` check; pnpm does not hoist them to the root).
const requireFromAdapter = createRequire(fileURLToPath(import.meta.resolve('@prisma/adapter-pg')));
const pg = requireFromAdapter('pg');
const { bindMigrationAwareSqlAdapterFactory } = requireFromAdapter('@prisma/driver-adapter-utils');

const OID_CHAR = 18; // PostgreSQL's internal single-byte "char" type (pg_catalog columns)
const OID_TEXT = 25;
// Built-in types that catalog queries can return and that adapter-pg cannot
// map to a column type. pg has no text parser for them, so values arrive as
// strings: declare them as text.
const OIDS_AS_TEXT = new Set([
  OID_CHAR,
  22 /* int2vector */,
  24 /* regproc */,
  30 /* oidvector */,
  194 /* pg_node_tree */,
  2205 /* regclass */,
  2206 /* regtype */,
]);

const LOG_TARGET = 'schema_engine::logger';

// ---------------------------------------------------------------------------
// stderr logging in the native engine's format (JSON lines). The CLI parses
// every stderr line as JSON and keeps ERROR-level ones for error messages.

function logLine(level, fields, target = LOG_TARGET) {
  return JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target });
}
function log(level, message, extra = {}) {
  process.stderr.write(`${logLine(level, { message: String(message), ...extra })}\n`);
}

// ---------------------------------------------------------------------------
// Command line, as built by the CLI (packages/migrate SchemaEngineCLI):
//   schema-engine [--datamodels <file>]... [--datasource <json>]
//                 [--enabled-preview-features a,b] [--extension-types <json>]
//                 [cli can-connect-to-database|create-database|drop-database]

function parseArgs(argv) {
  const out = { datamodels: [], datasource: undefined, cli: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--datamodels') out.datamodels.push(argv[++i]);
    else if (a === '--datasource') out.datasource = JSON.parse(argv[++i]);
    else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
    else if (a === '-d' || a === '--datamodel') out.datamodels.push(argv[++i]);
    else if (a === '--version' || a === '-V') out.version = true;
    else if (a === 'cli') out.cli = argv[++i];
  }
  return out;
}

// ---------------------------------------------------------------------------
// PostgreSQL helpers

/** pg.Client that declares the catalog types adapter-pg cannot handle as text. */
class CatalogSafeClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (config && typeof config.submit === 'function') return super.query(config, values, callback);
    if (typeof callback === 'function') {
      return super.query(config, values, (err, res) => callback(err, err ? res : fixFieldTypes(res)));
    }
    return super.query(config, values).then(fixFieldTypes);
  }
}

// A "char" column travels as text and is tagged in its name; markCharColumns turns it back into the
// Character column type that the schema describer reads (e.g. pg_constraint.contype for CHECKs).
const CHAR_MARK = '\u0000char';
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

function fixFieldTypes(res) {
  for (const r of Array.isArray(res) ? res : [res]) {
    for (const f of r?.fields ?? []) {
      if (f.dataTypeID === OID_CHAR) f.name += CHAR_MARK;
      if (OIDS_AS_TEXT.has(f.dataTypeID)) f.dataTypeID = OID_TEXT;
    }
  }
  return res;
}

function markCharColumns(result) {
  result.columnNames?.forEach((name, i) => {
    if (name.endsWith(CHAR_MARK)) {
      result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
      result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    }
  });
  return result;
}

/** Applies markCharColumns to every query of an adapter and of the transactions it starts. */
function patchQueryRaw(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (q) => markCharColumns(await queryRaw(q));
  if (typeof queryable.startTransaction === 'function') {
    const start = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => patchQueryRaw(await start(...args));
  }
  return queryable;
}

function urlInfo(url) {
  const u = new URL(url);
  return {
    database:
      decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    location: `${u.hostname || 'localhost'}:${u.port || 5432}`,
    user: decodeURIComponent(u.username),
    schema: u.searchParams.get('schema') ?? undefined,
  };
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function poolConfig(url) {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  // `schema` is a Prisma URL parameter, not a libpq one.
  u.searchParams.delete('schema');
  const cfg = { connectionString: u.toString(), Client: CatalogSafeClient, max: 4 };
  if (schema) cfg.options = `-c search_path="${schema.replace(/"/g, '""')}"`;
  return cfg;
}

const quoteIdent = (s) => `"${String(s).replace(/"/g, '""')}"`;

/** Run `fn` with a single client connected to `url`. */
async function withClient(url, fn) {
  const client = new CatalogSafeClient(poolConfig(url));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connect to the server's maintenance database (postgres, then template1). */
async function withAdminClient(url, fn) {
  let lastErr;
  for (const db of ['postgres', 'template1']) {
    try {
      return await withClient(withDatabase(url, db), fn);
    } catch (e) {
      lastErr = e;
      if (e?.code !== '3D000') throw e;
    }
  }
  throw lastErr;
}

async function dropDatabase(adminClient, name) {
  try {
    await adminClient.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch (e) {
    if (e?.code !== '42601') throw e; // syntax error: server older than PostgreSQL 13
    await adminClient.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}

/** Map a connection error to the native engine's user-facing error codes. */
function connectionError(err, url) {
  const { database, location, user } = urlInfo(url);
  const code = err?.code;
  if (code === '3D000')
    return {
      code: 'P1003',
      message: `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
    };
  if (code === '28P01' || code === '28000')
    return {
      code: 'P1000',
      message: `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
    };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code))
    return {
      code: 'P1001',
      message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
    };
  return { code: undefined, message: String(err?.message ?? err) };
}

// ---------------------------------------------------------------------------
// Driver adapter factory handed to the Wasm engine.

const tempShadowDatabases = new Set();

function createAdapterFactory(datasource) {
  const url = datasource?.url;
  const shadowUrl = datasource?.shadowDatabaseUrl;
  const requireUrl = () => {
    if (!url) throw new Error('No datasource URL: set `datasource.url` in prisma.config.ts.');
    return url;
  };
  // PrismaPg over our own pg.Pool (CatalogSafeClient); it ends the pool on dispose.
  const pgFactory = (connUrl, pool = new pg.Pool(poolConfig(connUrl))) => {
    const { schema } = urlInfo(connUrl);
    return new PrismaPg(pool, { ...(schema ? { schema } : {}), disposeExternalPool: true });
  };

  const base = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      return patchExecuteScript(await pgFactory(requireUrl()).connect());
    },
    async connectToShadowDb() {
      if (shadowUrl) {
        // A fixed shadow database must start empty (the native engine resets it too).
        await withClient(shadowUrl, emptyDatabase);
        return patchExecuteScript(await pgFactory(shadowUrl).connect());
      }
      // Temporary shadow database on the main server. adapter-pg's own
      // connectToShadowDb is not used: with a connection string its `database`
      // override is ignored by pg, and it drops the database before closing
      // its pool ("database ... is being accessed by other users").
      const mainUrl = requireUrl();
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await withAdminClient(mainUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      tempShadowDatabases.add({ name, mainUrl });
      const adapter = patchExecuteScript(await pgFactory(withDatabase(mainUrl, name)).connect());
      const origDispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await origDispose().catch(() => {}); // close the pool first ...
        await withAdminClient(mainUrl, (c) => dropDatabase(c, name)); // ... then drop
        for (const t of tempShadowDatabases) if (t.name === name) tempShadowDatabases.delete(t);
      };
      return adapter;
    },
  };
  return bindMigrationAwareSqlAdapterFactory(base);
}

/**
 * adapter-pg's executeScript splits the script on every `;`, which breaks
 * dollar-quoted bodies (`CREATE FUNCTION ... $$ ...; ... $$`). The native
 * engine sends the whole migration as one simple-protocol query; do the same.
 */
function patchExecuteScript(adapter) {
  patchQueryRaw(adapter);
  const client = adapter.underlyingDriver?.() ?? adapter.client;
  adapter.executeScript = async (script) => {
    try {
      await client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/** Drop every user schema in the connected database and recreate `public`. */
async function emptyDatabase(client) {
  const { rows } = await client.query(
    `SELECT nspname FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
  );
  for (const { nspname } of rows) await client.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
  await client.query('CREATE SCHEMA IF NOT EXISTS public');
}

// ---------------------------------------------------------------------------
// Loading the Wasm engine (same approach as Prisma's WasmSchemaEngineLoader).

async function loadWasmEngine() {
  // The Wasm engine's panic hook writes the panic message here.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    get() {
      return this.message;
    },
    set_message(m) {
      this.message = `RuntimeError: ${m}`;
    },
  };
  const bgUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const runtime = await import(bgUrl);
  const wasmPath = path.join(path.dirname(fileURLToPath(bgUrl)), 'schema_engine_bg.wasm');
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime;
}

// ---------------------------------------------------------------------------
// One-shot sub-commands: `cli can-connect-to-database`, `cli create-database`,
// `cli drop-database`. The CLI reads errors from stderr, skipping its first
// line, and parses every following line as JSON.

async function runCliCommand(cmd, datasource) {
  const url = datasource?.url;
  const fail = (err) => {
    const { code, message } = connectionError(err, url ?? 'postgresql://localhost/');
    const lines = [
      `Error: ${message.split('\n')[0]}`,
      logLine('ERROR', code ? { message, error_code: code } : { message }),
    ];
    process.stderr.write(lines.join('\n'));
    process.exitCode = 1;
  };
  try {
    if (!url) throw new Error('No datasource URL given (--datasource).');
    switch (cmd) {
      case 'can-connect-to-database':
        await withClient(url, (c) => c.query('SELECT 1'));
        break;
      case 'create-database': {
        const { database } = urlInfo(url);
        await withAdminClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
        process.stdout.write(`${JSON.stringify({ databaseName: database })}\n`);
        break;
      }
      case 'drop-database': {
        const { database } = urlInfo(url);
        await withAdminClient(url, (c) => dropDatabase(c, database));
        break;
      }
      default:
        throw new Error(`Unknown cli sub-command: ${cmd}`);
    }
  } catch (err) {
    fail(err);
  }
}

// ---------------------------------------------------------------------------
// JSON-RPC server.

function toRpcError(err) {
  if (err?.name === 'RuntimeError') {
    const message = globalThis.PRISMA_WASM_PANIC_REGISTRY.get() || String(err.message);
    return {
      code: 4466,
      message: 'An error happened. Check the data field for details.',
      data: { is_panic: true, message, error: { message }, backtrace: err.stack },
    };
  }
  if (
    err &&
    typeof err === 'object' &&
    'code' in err &&
    typeof err.code === 'string' &&
    /^P\d{4}$/.test(err.code)
  ) {
    return {
      code: 4466,
      message: 'An error happened. Check the data field for details.',
      data: { is_panic: false, message: err.message, error_code: err.code, meta: err.meta ?? null },
    };
  }
  let message = String(err?.message ?? err);
  if (err?.cause) message += `\n${typeof err.cause === 'object' ? JSON.stringify(err.cause) : err.cause}`;
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: false, message, meta: null },
  };
}

async function serve(args) {
  const datasource = args.datasource;
  const datamodels = args.datamodels.length
    ? args.datamodels.map((p) => [p, readFileSync(path.resolve(process.cwd(), p), 'utf8')])
    : undefined;

  const send = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);
  // Requests we send to the CLI (only `print`), awaiting its response.
  let nextOwnId = 1_000_000_000;
  const pending = new Map();
  const requestCli = (method, params) =>
    new Promise((resolve) => {
      const id = nextOwnId++;
      pending.set(id, resolve);
      send({ jsonrpc: '2.0', id, method, params });
    });

  let enginePromise;
  const getEngine = () => {
    enginePromise ??= (async () => {
      const runtime = await loadWasmEngine();
      const debug = (line) => {
        const s = String(line);
        process.stderr.write(`${s.startsWith('{') ? s : logLine('INFO', { message: s }, 'schema_engine')}\n`);
      };
      return runtime.SchemaEngine.new({ datamodels }, debug, createAdapterFactory(datasource));
    })();
    return enginePromise;
  };

  const handlers = {
    async getDatabaseVersion(engine, params) {
      return engine.version(params ?? null);
    },
    async createDatabase(_engine, params) {
      const ds = params?.datasource;
      const url = ds?.tag === 'ConnectionString' ? ds.url : datasource?.url;
      const { database } = urlInfo(url);
      await withAdminClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
      return { databaseName: database };
    },
    async diff(engine, params) {
      const result = await engine.diff(params);
      // The native engine prints the diff through a `print` request to the
      // CLI and returns `stdout: null`; the CLI ignores `stdout`.
      if (result.stdout) await requestCli('print', { content: result.stdout.replace(/\n$/, '') });
      return { ...result, stdout: null };
    },
    async introspect(engine, params) {
      return engine.introspect({ ...params, namespaces: params.namespaces ?? null });
    },
    // The Wasm engine's evaluateDataLoss/createMigration have no shadow-database
    // factory: they read the schema of the migration history from a cache that
    // devDiagnostic fills. When `migrate dev` first applied pending migrations,
    // devDiagnostic saw a different state and the cache misses. Fill it (by
    // running devDiagnostic again on the same migrations) and retry once.
    async evaluateDataLoss(engine, params) {
      return withShadowCacheRetry(engine, params, () => engine.evaluateDataLoss(params));
    },
    async createMigration(engine, params) {
      return withShadowCacheRetry(engine, params, () => engine.createMigration(params));
    },
    async debugPanic(engine) {
      return engine.debugPanic();
    },
  };

  // Serialise requests: one Wasm engine instance, one call at a time.
  let queue = Promise.resolve();
  let current = null;
  const handle = async (req) => {
    current = req;
    try {
      const engine = await getEngine();
      const h = handlers[req.method];
      let result;
      if (h) result = await h(engine, req.params);
      else if (
        typeof engine[req.method] === 'function' &&
        req.method !== 'free' &&
        req.method !== 'constructor'
      )
        result = await engine[req.method](req.params);
      else {
        send({
          jsonrpc: '2.0',
          id: req.id,
          error: { code: -32601, message: `Method not found: ${req.method}` },
        });
        return;
      }
      send({ jsonrpc: '2.0', id: req.id, result: result ?? {} });
    } catch (err) {
      log('ERROR', err?.message ?? err);
      send({ jsonrpc: '2.0', id: req.id, error: toRpcError(err) });
    } finally {
      current = null;
    }
  };

  // A Wasm panic inside a future polled from a promise callback surfaces as an
  // uncaught RuntimeError: answer the in-flight request with a panic error
  // (like the native engine's exit code 101) instead of dying silently.
  process.on('uncaughtException', (err) => {
    log('ERROR', err?.stack ?? err);
    if (current) send({ jsonrpc: '2.0', id: current.id, error: toRpcError(err) });
    void cleanupAndExit(101);
  });

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (msg.method === undefined && pending.has(msg.id)) {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      resolve(msg);
      return;
    }
    queue = queue.then(() => handle(msg));
  });
  rl.on('close', async () => {
    await queue;
    await cleanupAndExit(0);
  });
}

async function withShadowCacheRetry(engine, params, call) {
  try {
    return await call();
  } catch (err) {
    if (!/shadow DB must be provided through an external factory/.test(String(err?.message))) throw err;
    log(
      'INFO',
      'Migration history schema not cached; running devDiagnostic to build it on a shadow database',
    );
    await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return await call();
  }
}

async function cleanupTempShadowDatabases() {
  for (const { name, mainUrl } of [...tempShadowDatabases]) {
    await withAdminClient(mainUrl, (c) => dropDatabase(c, name)).catch(() => {});
  }
  tempShadowDatabases.clear();
}

async function cleanupAndExit(code) {
  await cleanupTempShadowDatabases();
  process.exit(code);
}

// The CLI stops the engine by closing stdin and killing it right away.
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => void cleanupAndExit(0));

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const runtime = await loadWasmEngine();
  process.stdout.write(`schema-engine-cli ${runtime.version()}\n`);
} else if (args.cli) {
  await runCliCommand(args.cli, args.datasource);
} else {
  await serve(args);
}
