import { randomUUID } from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import pg from 'pg';
import type { JsonSchema, OpenApiDoc, Route } from './fixtures.js';

/*
 * Bad input generated from the OpenAPI document: every write route's request body schema gives
 * the fields to break (wrong types, missing and extra fields, huge strings and numbers, unicode
 * edge cases, negative money, far dates, another organisation's ids), and its path parameters
 * are swapped for malformed or foreign ones. A payload is a list of mutations of a valid request,
 * so fast-check can print and shrink it.
 */

export type Segment = string | number;

export type Mutation =
  | { kind: 'set'; path: Segment[]; value: unknown; foreign?: boolean }
  | { kind: 'raw'; path: Segment[]; token: string }
  | { kind: 'drop'; path: Segment[] }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'replace'; body: unknown }
  | { kind: 'param'; name: string; value: string; raw?: boolean; foreign?: boolean }
  | { kind: 'query'; text: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'text'; text: string };

export interface Slot {
  path: Segment[];
  schema: JsonSchema;
}

export interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** It names another organisation's object (path parameter or id field). */
  foreign: boolean;
}

export interface Context {
  doc: OpenApiDoc;
  /** Path parameter values of the caller's own organisation. */
  home: Record<string, string>;
  /** The same parameters, of another organisation. */
  foreign: Record<string, string>;
  /** Ids of the other organisation's users, projects, costs… for id fields. */
  foreignIds: string[];
  /** The caller's own user id (a `{userId}` to try: the last admin must stay). */
  self?: string;
  token?: string;
  cookie?: string;
}

export function resolve(doc: OpenApiDoc, s: JsonSchema): JsonSchema {
  if (s.$ref) return resolve(doc, doc.components.schemas[s.$ref.split('/').pop() as string] as JsonSchema);
  if (s.allOf?.length === 1) {
    const { allOf, ...rest } = s;
    return { ...resolve(doc, allOf[0] as JsonSchema), ...rest };
  }
  return s;
}

export function bodySchema(doc: OpenApiDoc, route: Route): JsonSchema | null {
  const s = route.op.requestBody?.content['application/json']?.schema;
  return s ? resolve(doc, s) : null;
}

/** A plausible valid value, for routes without a hand-written valid body (new routes). */
export function exampleOf(doc: OpenApiDoc, raw: JsonSchema, home: Record<string, string>): unknown {
  const s = resolve(doc, raw);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'object':
      return Object.fromEntries(
        (s.required ?? []).map((k) => [k, exampleOf(doc, s.properties?.[k] ?? {}, home)]),
      );
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      if (s.format === 'uuid') return home.userId ?? randomUUID();
      if (s.format === 'date') return '2026-01-15';
      if (s.format === 'date-time') return '2026-01-15T12:00:00.000Z';
      return 'fuzz';
  }
}

/** The fields a payload can break: top level, and the first element of arrays of objects. */
export function slotsOf(doc: OpenApiDoc, schema: JsonSchema): Slot[] {
  const s = resolve(doc, schema);
  return Object.entries(s.properties ?? {}).flatMap(([name, raw]) => {
    const p = resolve(doc, raw);
    const top: Slot = { path: [name], schema: p };
    const items = p.type === 'array' && p.items ? resolve(doc, p.items) : null;
    if (items?.type !== 'object') return [top];
    return [top, ...slotsOf(doc, items).map((sub) => ({ path: [name, 0, ...sub.path], schema: sub.schema }))];
  });
}

// ---------------------------------------------------------------------------------- value pools

const EDGE_STRINGS = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00x',
  'a\uDBFF',
  '\u202Egnp.exe\u202C',
  'مرحبا بالعالم',
  'שָׁלוֹם',
  '\u200B',
  '\u200D\u200C',
  '\uFEFFbom',
  '\u2028\u2029',
  '👩🏽‍💻',
  '🏳️‍🌈'.repeat(40),
  'Z̸̢̛̺͎̤̩̙̈́̇̂͆͂a̷̡͎̓l̴̰̈́g̵̱̈o̶̥͝',
  'ﷺ'.repeat(50),
  "'; DROP TABLE projects; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
  '%s%s%n%x',
  '\r\nX-Injected: 1',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  '../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'https://exa mple.com',
  'http://[::1]:6379/',
  'https://xn--80ak6aa92e.com/é?q=\u0000',
  'a@b',
  'A@B.C',
  `x@${'y'.repeat(300)}.com`,
  '"quoted"@example.com',
  'ⓐ@ⓑ.ⓒⓞⓜ',
  'admin@test.gapline.dev\u0000',
];

const NUMBERS = [
  -1,
  -0,
  0,
  1,
  0.5,
  -0.5,
  1e-7,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MAX_SAFE_INTEGER,
  100_000_000_000_001,
  -100,
  -1_250_000,
];

/** Number tokens JSON.stringify cannot write: overflow to Infinity, beyond precision, not JSON. */
const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '1e400',
  '123456789012345678901234567890',
  '-0',
  '0.0000000000000000000000000001',
  '1E2',
  '1.0',
  '9007199254740993',
  '-9223372036854775809',
  '0x10',
  'NaN',
  'Infinity',
  '01',
  '1_000',
];

const DATES = [
  '275760-09-13',
  '+275760-09-13',
  '-000001-01-01',
  '-271821-04-20',
  '0000-01-01',
  '0001-01-01',
  '1000-01-01',
  '1969-12-31',
  '9999-12-31',
  '2026-02-29',
  '2024-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-01-00',
  '2026-1-1',
  '20260101',
  '2026-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T00:00:00+14:00',
  '2026-01-01T00:00:00-99:00',
  '0000-01-01T00:00:00Z',
  '2026-W01-1',
  '2026-001',
  'yesterday',
];

const BAD_UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '',
  '{00000000-0000-0000-0000-000000000000}',
  '00000000000000000000000000000000',
  '0000000-0000-0000-0000-0000000000000',
  'g0000000-0000-0000-0000-000000000000',
  '00000000-0000-0000-0000-000000000000\u0000',
  ' 00000000-0000-0000-0000-000000000000',
];

const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  '',
  'text',
  '1',
  'true',
  [],
  ['x'],
  [1, 2],
  {},
  { a: 1 },
];

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'orgId',
  'id',
  'createdAt',
  'role',
  'isAdmin',
  '$where',
  'a.b',
  '',
  ' ',
  '\u0000',
  '🔑',
];

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Nesting as JSON text (building it as objects would overflow the test's own stack). */
const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}0${close.repeat(depth)}`;

const DEEP = [
  nested(3_000, '[', ']'),
  nested(3_000, '{"a":', '}'),
  nested(1_500, '[{"a":', '}]'),
  nested(40, '[', ']'),
  nested(20, '{"a":', '}'),
];

const hugeStrings = (max?: number) =>
  fc.constantFrom(
    'x'.repeat((max ?? 200) + 1),
    'x'.repeat(10_000),
    'é'.repeat(40_000),
    '\u0000'.repeat(1_000),
    '👩🏽‍💻'.repeat(5_000),
    ' '.repeat(60_000),
  );

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Values for one field, chosen by its schema: valid ones too, so some payloads are accepted. */
function valueFor(ctx: Context, s: JsonSchema): fc.Arbitrary<{ value: unknown; foreign?: boolean }> {
  const wrong = fc
    .constantFrom(
      ...WRONG_TYPES.filter((v) => kindOf(v) !== s.type && !(s.type === 'number' && kindOf(v) === 'integer')),
    )
    .map((value) => ({ value }));
  const valid = fc.constant({ value: exampleOf(ctx.doc, s, ctx.home) });
  const strings = fc
    .oneof(
      // Huge ones are costly to send and check: one string in about thirty.
      { weight: 16, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
      { weight: 8, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: hugeStrings(s.maxLength) },
    )
    .map((value) => ({ value }));
  let specific: fc.Arbitrary<{ value: unknown; foreign?: boolean }>;
  if (s.format === 'uuid') {
    specific = fc.oneof(
      fc.constantFrom(...ctx.foreignIds).map((value) => ({ value, foreign: true })),
      fc
        .constantFrom(...BAD_UUIDS, randomUUID(), (ctx.home.userId ?? '').toUpperCase())
        .map((value) => ({ value })),
    );
  } else if (s.format === 'date' || s.format === 'date-time') {
    specific = fc
      .oneof(
        fc.constantFrom(...DATES),
        fc
          .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
          .map((d) => (s.format === 'date' ? d.toISOString().split('T')[0] : d.toISOString())),
      )
      .map((value) => ({ value }));
  } else if (s.enum?.length) {
    const names = s.enum.map(String);
    specific = fc
      .oneof(
        fc.constantFrom(...names),
        fc.constantFrom(
          ...names.map((n) => n.toLowerCase()),
          ...names.map((n) => ` ${n}`),
          `${names[0]}\u0000`,
        ),
        fc.constant(names),
        strings.map((v) => v.value),
      )
      .map((value) => ({ value }));
  } else if (s.type === 'integer' || s.type === 'number') {
    specific = fc
      .oneof(
        { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
        { weight: 2, arbitrary: fc.integer() },
        { weight: 1, arbitrary: fc.double() },
        { weight: 1, arbitrary: fc.constantFrom('1', '-1', '1e3', ' 42', '0x10', '') },
      )
      .map((value) => ({ value }));
  } else if (s.type === 'boolean') {
    specific = fc
      .constantFrom('true', 'false', 1, 0, 'yes', [true], { value: true })
      .map((value) => ({ value }));
  } else if (s.type === 'array') {
    const item = s.items ? resolve(ctx.doc, s.items) : {};
    const one = exampleOf(ctx.doc, item, ctx.home);
    specific = fc
      .oneof(
        fc.constant(Array.from({ length: 300 }, () => one)),
        fc.constant(
          Array.from({ length: (s.maxItems ?? 20) + 1 }, (_, i) => (typeof one === 'string' ? `t${i}` : one)),
        ),
        fc.array(anyJson, { maxLength: 5 }),
        fc.array(fc.constantFrom(...EDGE_STRINGS), { maxLength: 5 }),
        fc.constant([null]),
        fc.constant('a,b,c'),
      )
      .map((value) => ({ value }));
  } else if (s.type === 'object') {
    specific = fc.oneof(fc.constant({}), anyJson).map((value) => ({ value }));
  } else {
    specific = strings;
  }
  return fc.oneof(
    { weight: 5, arbitrary: specific },
    { weight: 2, arbitrary: wrong },
    { weight: 1, arbitrary: strings },
    { weight: 1, arbitrary: valid },
  );
}

function paramValues(ctx: Context, name: string): fc.Arbitrary<Mutation> {
  const home = ctx.home[name] ?? '';
  const own = fc.constantFrom(
    randomUUID(),
    ...BAD_UUIDS.filter(Boolean),
    home.toUpperCase(),
    `${home}x`,
    `${home} `,
    '0',
    '-1',
    '1e309',
    'x'.repeat(3_000),
    'é🏳️‍🌈\u0000',
    '../members',
    'cost-monitoring',
    'COST-MONITORING',
    ...(name === 'userId' && ctx.self ? [ctx.self] : []),
  );
  return fc.oneof(
    { weight: 3, arbitrary: own.map((value): Mutation => ({ kind: 'param', name, value })) },
    {
      weight: 2,
      arbitrary: fc.constant<Mutation>({
        kind: 'param',
        name,
        value: ctx.foreign[name] ?? '',
        foreign: true,
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%zz', '%', '%E0%A4%A', '%00', '..', '%2e%2e', '%C0%AE', ';', '*', '%FF%FE')
        .map((value): Mutation => ({ kind: 'param', name, value, raw: true })),
    },
  );
}

/** The mutations of one route. */
export function mutationsOf(ctx: Context, route: Route, base: unknown): fc.Arbitrary<Mutation> {
  const schema = bodySchema(ctx.doc, route);
  const slots = schema ? slotsOf(ctx.doc, schema) : [];
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const numeric = slots.filter((s) => s.schema.type === 'integer' || s.schema.type === 'number');
  const present = base && typeof base === 'object' ? Object.keys(base) : [];
  const choices: { weight: number; arbitrary: fc.Arbitrary<Mutation> }[] = [
    {
      weight: 1,
      arbitrary: fc
        .record({ key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string()), value: anyJson })
        .map(({ key, value }): Mutation => ({ kind: 'extra', key, value })),
    },
    {
      weight: schema ? 1 : 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom<unknown>(null, [], [{}], 'text', 42, true, [base]),
          fc.constant(Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]))),
          anyJson,
        )
        .map((body): Mutation => ({ kind: 'replace', body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"a":',
          '{"name": "x",}',
          '\uFEFF{}',
          "{'a': 1}",
          '{"a": 1}{"b": 2}',
          '{"__proto__": {"isAdmin": true}}',
          '{"constructor": {"prototype": {"isAdmin": true}}}',
          `{"${'a'.repeat(60_000)}": 1}`,
          'x'.repeat(120_000),
          `{"a": "${'x'.repeat(150_000)}"}`,
          'a=1&b[c]=2&__proto__[x]=1',
          ...DEEP,
        )
        .map((text): Mutation => ({ kind: 'text', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.record({
            name: fc.constant('content-type'),
            value: fc.constantFrom(
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=utf-16',
              'application/json; charset=latin1',
              'application/xml',
              'multipart/form-data; boundary=x',
              'application/vnd.api+json',
              '',
            ),
          }),
          fc.record({
            name: fc.constant('content-encoding'),
            value: fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'),
          }),
          fc.record({
            name: fc.constant('cookie'),
            value: fc.constantFrom(
              'gapline_rt=',
              'gapline_rt=%zz',
              `gapline_rt=${randomUUID()}.x`,
              `gapline_rt=${'a'.repeat(4_000)}`,
              'gapline_rt=j%3A%7B%7D',
            ),
          }),
          fc.record({
            name: fc.constant('authorization'),
            value: fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', `Bearer ${'a'.repeat(8_000)}`),
          }),
        )
        .map(({ name, value }): Mutation => ({ kind: 'header', name, value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '?limit=-1',
          '?a[b][c][d][e][f]=1',
          '?__proto__[admin]=1',
          '?orgId=x&orgId=y',
          `?q=${'x'.repeat(5_000)}`,
          '?%zz=1',
        )
        .map((text): Mutation => ({ kind: 'query', text })),
    },
  ];
  if (slots.length) {
    choices.push({
      weight: 10,
      // Built once per field, not per payload (fast-check's string arbitraries are costly to build).
      arbitrary: fc.oneof(
        ...slots.map((slot) =>
          valueFor(ctx, slot.schema).map(
            ({ value, foreign }): Mutation => ({ kind: 'set', path: slot.path, value, foreign }),
          ),
        ),
      ),
    });
    choices.push({
      weight: 2,
      arbitrary: fc
        .constantFrom(...slots.map((s) => s.path), ...present.map((k) => [k]))
        .map((path): Mutation => ({ kind: 'drop', path })),
    });
  }
  const raw = (list: Slot[], tokens: string[]) =>
    fc
      .record({ slot: fc.constantFrom(...list), token: fc.constantFrom(...tokens) })
      .map(({ slot, token }): Mutation => ({ kind: 'raw', path: slot.path, token }));
  if (numeric.length) choices.push({ weight: 2, arbitrary: raw(numeric, RAW_NUMBERS) });
  if (slots.length) choices.push({ weight: 1, arbitrary: raw(slots, DEEP) });
  if (params.length) {
    choices.push({
      weight: schema ? 3 : 8,
      arbitrary: fc.oneof(...params.map((p) => paramValues(ctx, p))),
    });
  }
  return fc.oneof(...choices);
}

export function payloadsOf(ctx: Context, route: Route, base: unknown): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationsOf(ctx, route, base), { minLength: 1, maxLength: 3 });
}

// ------------------------------------------------------------------------------------ applying

function setAt(
  target: unknown,
  path: Segment[],
  value: unknown,
  ctx: Context,
  schema: JsonSchema | null,
): unknown {
  if (!path.length) return value;
  const root = (target && typeof target === 'object' ? target : {}) as Record<string | number, unknown>;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  if (rest.length && typeof rest[0] === 'number') {
    const list = Array.isArray(root[head]) ? (root[head] as unknown[]) : [];
    if (!list.length) {
      const items = schema?.properties?.[head as string];
      const resolved = items ? resolve(ctx.doc, items) : null;
      list.push(resolved?.items ? exampleOf(ctx.doc, resolved.items, ctx.home) : {});
    }
    const [index, ...tail] = rest as [number, ...Segment[]];
    list[index] = setAt(list[index], tail, value, ctx, null);
    root[head] = list;
    return root;
  }
  root[head] = setAt(root[head], rest, value, ctx, null);
  return root;
}

function dropAt(target: unknown, path: Segment[]): void {
  if (!target || typeof target !== 'object') return;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const t = target as Record<string | number, unknown>;
  if (!rest.length) delete t[head];
  else dropAt(t[head], rest);
}

/** Builds the HTTP request of one payload. */
export function requestOf(ctx: Context, route: Route, base: unknown, mutations: Mutation[]): Request {
  const schema = bodySchema(ctx.doc, route);
  let body: unknown = base === undefined ? undefined : structuredClone(base);
  let text: string | undefined;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.home)) values[k] = encodeURIComponent(v);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ctx.token) headers.authorization = `Bearer ${ctx.token}`;
  if (ctx.cookie) headers.cookie = ctx.cookie;
  const raws: [string, string][] = [];
  let query = '';
  // Where another organisation's id sits now (a later mutation may overwrite it).
  const foreignAt = new Set<string>();
  const clearBody = () => {
    for (const k of foreignAt) if (k.startsWith('body:')) foreignAt.delete(k);
  };
  for (const m of mutations) {
    switch (m.kind) {
      case 'set': {
        body = setAt(body ?? {}, m.path, m.value, ctx, schema);
        const key = `body:${m.path.join('.')}`;
        for (const k of foreignAt) if (k.startsWith(key)) foreignAt.delete(k);
        if (m.foreign) foreignAt.add(key);
        break;
      }
      case 'raw': {
        const mark = `__raw_${raws.length}_${randomUUID()}__`;
        raws.push([`"${mark}"`, m.token]);
        body = setAt(body ?? {}, m.path, mark, ctx, schema);
        for (const k of foreignAt) if (k.startsWith(`body:${m.path.join('.')}`)) foreignAt.delete(k);
        break;
      }
      case 'drop':
        dropAt(body, m.path);
        for (const k of foreignAt) if (k.startsWith(`body:${m.path.join('.')}`)) foreignAt.delete(k);
        break;
      case 'extra':
        body = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
        // defineProperty, so "__proto__" is an own key and reaches the wire as JSON.parse would give it.
        Object.defineProperty(body, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      case 'replace':
        body = m.body;
        clearBody();
        break;
      case 'text':
        text = m.text;
        clearBody();
        break;
      case 'param':
        values[m.name] = m.raw ? m.value : encodeURIComponent(m.value);
        if (m.foreign) foreignAt.add(`param:${m.name}`);
        else foreignAt.delete(`param:${m.name}`);
        break;
      case 'query':
        query = m.text;
        break;
      case 'header':
        headers[m.name] = m.value;
        break;
    }
  }
  // A text body wins over every body mutation, even later ones: their ids never reach the server.
  if (text !== undefined) clearBody();
  let payload = text ?? (body === undefined ? undefined : JSON.stringify(body));
  for (const [mark, token] of raws) payload = payload?.split(mark).join(token);
  if (
    headers['content-type'] === 'application/x-www-form-urlencoded' &&
    text === undefined &&
    body &&
    typeof body === 'object'
  ) {
    payload = new URLSearchParams(
      Object.entries(body).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : JSON.stringify(v),
      ]),
    ).toString();
  }
  if (headers['content-type'] === '') delete headers['content-type'];
  // A body the server does not parse (other media type, an encoding) carries no id to it.
  const parsed = ['application/json', 'application/x-www-form-urlencoded'].includes(
    headers['content-type'] ?? '',
  );
  if (!parsed || headers['content-encoding']) clearBody();
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  return {
    method: route.method.toUpperCase(),
    path: path + query,
    headers,
    body: payload,
    foreign: foreignAt.size > 0,
  };
}

// -------------------------------------------------------------------------------------- HTTP

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

/** A keep-alive client against the listening app: thousands of requests without new connections. */
export function client(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send = (req: Request): Promise<Answer> =>
    new Promise((resolvePromise, reject) => {
      const started = performance.now();
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
      const r = http.request(
        { host: '127.0.0.1', port, path: req.path, method: req.method, headers, agent, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolvePromise({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      r.on('timeout', () => r.destroy(new Error(`no answer within 30 s: ${req.method} ${req.path}`)));
      r.on('error', reject);
      r.end(req.body);
    });
  return { send, close: () => agent.destroy() };
}

// ----------------------------------------------------------------------------------- checking

const KEYS = new Set(['statusCode', 'error', 'message', 'details']);
const INTERNALS =
  /prisma|invalid input syntax|violates .*constraint|node_modules|\bat [\w.<>]+ \(|<!DOCTYPE|<html|SyntaxError|TypeError|RangeError|ECONNREFUSED|\bSELECT\b|\bINSERT INTO\b/i;

/** What is wrong with an answer, as far as the answer alone tells. */
export function answerProblems(a: Answer): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push(`answered ${a.status}`);
  else if (a.status < 200 || (a.status >= 300 && a.status < 400)) problems.push(`answered ${a.status}`);
  if (a.status < 400) return problems;
  if (!a.contentType.startsWith('application/json'))
    problems.push(`error content-type ${a.contentType || 'none'}`);
  let body: Record<string, unknown> | null = null;
  try {
    body = JSON.parse(a.text);
  } catch {
    problems.push('error body is not JSON');
  }
  if (body) {
    const shapeOk =
      typeof body === 'object' &&
      Object.keys(body).every((k) => KEYS.has(k)) &&
      body.statusCode === a.status &&
      typeof body.error === 'string' &&
      typeof body.message === 'string' &&
      (body.details === undefined ||
        (Array.isArray(body.details) &&
          body.details.every(
            (d: { field?: unknown; problems?: unknown }) =>
              typeof d.field === 'string' &&
              Array.isArray(d.problems) &&
              d.problems.every((p) => typeof p === 'string'),
          )));
    if (!shapeOk) problems.push('error body is not the API error shape');
  }
  if (INTERNALS.test(a.text)) problems.push('error body shows internals');
  return problems;
}

/** Shortens a payload for a report: long strings cut, with their length. */
export function compact(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
}

// --------------------------------------------------------------------------------- write log

/**
 * Row triggers on every table, installed as the tables' owner for the run: each insert, update or
 * delete is logged with its organisation, so every write can be traced to the request that made it.
 */
export class WriteLog {
  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {}

  static async install(url: string): Promise<WriteLog> {
    const pool = new pg.Pool({ connectionString: url, max: 6 });
    await pool.query(`
      DROP TABLE IF EXISTS fuzz_write_log, fuzz_write_count;
      CREATE TABLE fuzz_write_log (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, org_key text NOT NULL);
      CREATE TABLE fuzz_write_count (org_key text PRIMARY KEY, n bigint NOT NULL);
      CREATE OR REPLACE FUNCTION fuzz_log_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
      DECLARE
        r jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        k text := COALESCE(r->>'org_id', CASE WHEN TG_TABLE_NAME = 'organizations' THEN r->>'id' END, 'global');
      BEGIN
        INSERT INTO fuzz_write_log (tbl, op, org_key) VALUES (TG_TABLE_NAME, TG_OP, k);
        INSERT INTO fuzz_write_count (org_key, n) VALUES (k, 1)
          ON CONFLICT (org_key) DO UPDATE SET n = fuzz_write_count.n + 1;
        RETURN NULL;
      END $$;`);
    for (const table of await WriteLog.tables(pool)) {
      await pool.query(`DROP TRIGGER IF EXISTS fuzz_log ON "${table}"`);
      await pool.query(
        `CREATE TRIGGER fuzz_log AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_log_write()`,
      );
    }
    return new WriteLog(url, pool);
  }

  private static async tables(pool: pg.Pool): Promise<string[]> {
    const { rows } = await pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'
         AND tablename NOT LIKE 'fuzz\\_%' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.t);
  }

  /** Writes so far to one organisation's rows (or 'global': users, sessions, throttling). */
  async count(orgKey: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT n FROM fuzz_write_count WHERE org_key = $1',
      [orgKey],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The tables of the newest `n` writes to one organisation's rows. */
  async latest(orgKey: string, n: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ tbl: string }>(
      'SELECT tbl FROM fuzz_write_log WHERE org_key = $1 ORDER BY id DESC LIMIT $2',
      [orgKey, n],
    );
    return rows.map((r) => r.tbl);
  }

  async total(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM fuzz_write_log');
    return Number(rows[0]?.n);
  }

  async lastId(): Promise<number> {
    const { rows } = await this.pool.query<{ id: string | null }>('SELECT max(id) AS id FROM fuzz_write_log');
    return Number(rows[0]?.id ?? 0);
  }

  async since(id: number, orgKey?: string): Promise<{ tbl: string; op: string; org_key: string }[]> {
    const { rows } = await this.pool.query(
      `SELECT tbl, op, org_key FROM fuzz_write_log WHERE id > $1 ${orgKey ? 'AND org_key = $2' : ''} ORDER BY id`,
      orgKey ? [id, orgKey] : [id],
    );
    return rows;
  }

  async rowCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of await WriteLog.tables(this.pool)) {
      const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`);
      out[t] = Number(rows[0]?.n);
    }
    return out;
  }

  /** Net rows added per table by the logged writes after `id`. */
  async netSince(id: number): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ tbl: string; net: string }>(
      `SELECT tbl, sum(CASE op WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END) AS net
         FROM fuzz_write_log WHERE id > $1 GROUP BY tbl`,
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.net)]));
  }

  async uninstall(): Promise<void> {
    for (const table of await WriteLog.tables(this.pool))
      await this.pool.query(`DROP TRIGGER IF EXISTS fuzz_log ON "${table}"`);
    await this.pool.query(
      'DROP FUNCTION IF EXISTS fuzz_log_write() CASCADE; DROP TABLE IF EXISTS fuzz_write_log, fuzz_write_count',
    );
    await this.pool.end();
  }

  toString(): string {
    return `WriteLog(${this.url})`;
  }
}
