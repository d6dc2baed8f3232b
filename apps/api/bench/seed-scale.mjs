// The benchmark dataset: many organisations of ordinary size plus one large one, written with
// set-based SQL (INSERT … SELECT over generate_series) into a freshly migrated database.
//
//   pnpm seed:scale                                    (1,000 organisations × 100 projects + one of 10,000)
//   pnpm seed:scale --orgs 20 --projects 50 --big 2000 (a quick one)
//   SCALE_DATABASE_URL=postgresql://…/other pnpm seed:scale
//
// Every organisation gets an admin who can sign in (admin<n>@scale.gapline.dev, the large one
// big@scale.gapline.dev, password "benchmark-password"), the 17 built-in capabilities, and projects
// spread over the stages. Each project has a stage history (transitions), a 17-item checklist
// whose progress follows its stage, readiness snapshots, monthly cost entries from the POC on,
// sometimes its own cost estimates, and sometimes alerts, live or resolved. Organisations also get
// daily portfolio snapshots. Rows go in through plain INSERTs, so any trigger on these tables fires
// as it would for the application. random() is seeded, so a given size always yields the same data.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ALWAYS_REQUIRED, assessProject, DEFAULT_CAPABILITIES } from '@gapline/domain';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { freshDatabase, migrationsDigest } from './lib.mjs';

export const SCALE_DATABASE_URL =
  process.env.SCALE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline_scale';
export const SCALE_PASSWORD = 'benchmark-password';
export const BIG_EMAIL = 'big@scale.gapline.dev';
export const adminEmail = (n) => `admin${n}@scale.gapline.dev`;

/** What a database holds, as written in its comment by `seedScale` (null when it was not seeded). */
export async function seededSize(url) {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`,
      [name],
    );
    const m = /^gapline seed-scale (\{.*\})$/.exec(rows[0]?.c ?? '');
    return m ? JSON.parse(m[1]) : null;
  } finally {
    await client.end();
  }
}

const STEPS = [
  ['users and organisations', seedOrganisations],
  ['capabilities', seedCapabilities],
  ['projects drafted', draftProjects],
  ['assessments', seedAssessments],
  ['foreign keys, indexes off', dropForLoad],
  ['projects', insertProjects],
  ['stage transitions', seedTransitions],
  ['checklist items', seedChecklists],
  ['readiness snapshots', seedSnapshots],
  ['cost entries', seedCostEntries],
  ['cost estimates', seedEstimates],
  ['alerts', seedAlerts],
  ['portfolio snapshots', seedPortfolioSnapshots],
  ['indexes, foreign keys on', restoreAfterLoad],
];

// Bulk loading as PostgreSQL's manual advises: the loaded tables' secondary indexes and foreign
// keys are dropped first and created again at the end (one sorted build and one join each, instead
// of a B-tree insertion and a lookup per row). Primary keys and triggers stay.
const LOADED = [
  'projects',
  'project_transitions',
  'checklist_items',
  'readiness_snapshots',
  'cost_entries',
  'cost_estimates',
  'alerts',
  'portfolio_snapshots',
];

async function dropForLoad(ctx) {
  const { client } = ctx;
  const fks = await client.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
    [LOADED],
  );
  const indexes = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [LOADED],
  );
  for (const f of fks.rows) await client.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT "${f.conname}"`);
  for (const i of indexes.rows) await client.query(`DROP INDEX ${i.name}`);
  ctx.restore = { fks: fks.rows, indexes: indexes.rows };
  return fks.rows.length + indexes.rows.length;
}

async function restoreAfterLoad({ client, restore }) {
  for (const i of restore.indexes) await client.query(i.def);
  for (const f of restore.fks)
    await client.query(`ALTER TABLE ${f.tbl} ADD CONSTRAINT "${f.conname}" ${f.def}`);
  return restore.fks.length + restore.indexes.length;
}

/** Recreates the database at `url` and fills it; returns the row counts and the time taken. */
export async function seedScale(url, { orgs, projects, big }, log = console.log) {
  const started = performance.now();
  const db = await freshDatabase(new URL(url));
  log(`migrated ${new URL(db).pathname.slice(1)} in ${secs(started)} s`);
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET work_mem = '256MB'`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SELECT setseed(0.4242)`);
    const passwordHash = await hash(SCALE_PASSWORD);
    const ctx = { client, orgs, projects, big, passwordHash };
    for (const [label, step] of STEPS) {
      const t = performance.now();
      const rows = await step(ctx);
      log(`  ${label.padEnd(24)} ${String(rows).padStart(10)} rows  ${secs(t)} s`);
    }
    const t = performance.now();
    // The worker's alert sweep folds each organisation's tally changes in (ADR 0005); do it now.
    await client.query('SELECT portfolio_compact(id) FROM organizations');
    // The load rewrites each project row once per roll-up (transitions, checklist, spend, readiness),
    // which a live database spreads over months and autovacuum absorbs: compact the table, so the
    // benchmarks read it as a maintained database would be read.
    await client.query('VACUUM (FULL) projects');
    await client.query('VACUUM (ANALYZE)');
    log(`  ${'compact, vacuum, analyze'.padEnd(24)} ${''.padStart(10)}       ${secs(t)} s`);
    const counts = Object.fromEntries(
      (
        await client.query(
          `SELECT 'organizations' AS t, count(*)::int AS n FROM organizations
           UNION ALL SELECT 'projects', count(*)::int FROM projects
           UNION ALL SELECT 'project_transitions', count(*)::int FROM project_transitions
           UNION ALL SELECT 'checklist_items', count(*)::int FROM checklist_items
           UNION ALL SELECT 'readiness_snapshots', count(*)::int FROM readiness_snapshots
           UNION ALL SELECT 'cost_entries', count(*)::int FROM cost_entries
           UNION ALL SELECT 'cost_estimates', count(*)::int FROM cost_estimates
           UNION ALL SELECT 'alerts', count(*)::int FROM alerts`,
        )
      ).rows.map((r) => [r.t, r.n]),
    );
    const seconds = Number(secs(started));
    const size = { orgs, projects, big, migrations: migrationsDigest(), counts, seconds };
    const name = new URL(db).pathname.slice(1);
    await client.query(`COMMENT ON DATABASE "${name}" IS 'gapline seed-scale ${JSON.stringify(size)}'`);
    return size;
  } finally {
    await client.end();
  }
}

async function hasColumn(client, table, column) {
  const { rows } = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

const secs = (t) => ((performance.now() - t) / 1000).toFixed(1);
const count = (r) => r.rowCount ?? 0;

// Organisation 0 is the large one; 1..orgs are the ordinary ones. seed_orgs keeps the mapping for
// the session (a temporary table), with the admin who owns the organisation's projects.
async function seedOrganisations({ client, orgs, projects, big, passwordHash }) {
  await client.query(
    `CREATE TEMP TABLE seed_orgs AS
     SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS user_id,
            CASE WHEN n = 0 THEN $2::int ELSE $3::int END AS size
     FROM generate_series(CASE WHEN $2::int > 0 THEN 0 ELSE 1 END, $1::int) n`,
    [orgs, big, projects],
  );
  await client.query(`ALTER TABLE seed_orgs ADD PRIMARY KEY (n)`);
  // The large organisation has a few more project owners, for the owner filter.
  await client.query(
    `CREATE TEMP TABLE seed_owners AS
     SELECT o.n AS org_n, o.id AS org_id, k, CASE WHEN k = 0 THEN o.user_id ELSE gen_random_uuid() END AS user_id
     FROM seed_orgs o, generate_series(0, CASE WHEN o.n = 0 THEN 9 ELSE 0 END) k`,
  );
  const users = await client.query(
    `INSERT INTO users (id, email, name, password_hash, created_at, updated_at)
     SELECT w.user_id,
            CASE WHEN w.org_n = 0 AND w.k = 0 THEN $2
                 WHEN w.org_n = 0 THEN 'owner' || w.k || '@scale.gapline.dev'
                 ELSE 'admin' || w.org_n || '@scale.gapline.dev' END,
            CASE WHEN w.org_n = 0 AND w.k > 0 THEN 'Owner ' || w.k ELSE 'Admin ' || w.org_n END,
            $1, now() - interval '2 years', now()
     FROM seed_owners w`,
    [passwordHash, BIG_EMAIL],
  );
  await client.query(
    `INSERT INTO organizations (id, name, created_at, updated_at)
     SELECT id, CASE WHEN n = 0 THEN 'Scale big' ELSE 'Scale ' || lpad(n::text, 4, '0') END,
            now() - interval '2 years', now()
     FROM seed_orgs`,
  );
  await client.query(
    `INSERT INTO memberships (org_id, user_id, role, created_at, updated_at)
     SELECT org_id, user_id, (CASE WHEN k = 0 THEN 'ADMIN' ELSE 'PROJECT_OWNER' END)::"Role",
            now() - interval '2 years', now()
     FROM seed_owners`,
  );
  return count(users);
}

async function seedCapabilities({ client }) {
  const caps = DEFAULT_CAPABILITIES;
  // Newer schemas number each capability with a bit of the projects' checklist masks.
  const bit = (await hasColumn(client, 'capabilities', 'bit')) ? ['bit', 'c.position - 1'] : ['', ''];
  return count(
    await client.query(
      `INSERT INTO capabilities (org_id, key, name, "group", description, built_in, position, created_at
                                 ${bit[0] && `, ${bit[0]}`})
       SELECT o.id, c.key, c.name, c.grp, c.description, true, c.position, now() - interval '2 years'
              ${bit[1] && `, ${bit[1]}`}
       FROM seed_orgs o,
            unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
              AS c(key, name, grp, description, position)`,
      [
        caps.map((c) => c.key),
        caps.map((c) => c.name),
        caps.map((c) => c.group),
        caps.map((c) => c.description),
      ],
    ),
  );
}

// Stage mix of a live portfolio: most initiatives are ideas or POCs, few reach production.
const STAGE_MIX = `CASE WHEN s.u < 0.22 THEN 'IDEA' WHEN s.u < 0.50 THEN 'POC'
                        WHEN s.u < 0.64 THEN 'PRODUCTIONIZING' WHEN s.u < 0.80 THEN 'PRODUCTION'
                        WHEN s.u < 0.83 THEN 'RETIRED' WHEN s.u < 0.90 THEN 'POC_SUFFICIENT'
                        ELSE 'CANCELLED' END`;
const WORDS = [
  'Fraud detection',
  'Churn prediction',
  'Invoice matching',
  'Demand forecast',
  'Support triage',
  'Document search',
  'Claims assistant',
  'Price optimisation',
  'Contract review',
  'Lead scoring',
  'Route planning',
  'Quality inspection',
  'Credit scoring',
  'Code assistant',
  'Meeting notes',
  'Anomaly detection',
];
const UNITS = ['Finance', 'Operations', 'Sales', 'Marketing', 'Customer care', 'Legal', 'HR', 'IT'];

const PROJECT_COLUMNS = `org_id, id, name, description, business_unit, owner_id, tags, start_date, target_date,
  risk_class, expected_annual_value, revenue_at_risk, regulated_decisions, personal_data, uptime_sla_bp,
  retention_years, silent_degradation, dependent_teams, stage, recommendation, archived_at, poc_budget,
  production_budget, production_budget_approved_by_id, production_budget_approved_at, created_at, updated_at`;

// The projects are drafted in a temporary table first, so the domain can assess them before they
// go in (one INSERT, no UPDATE of 100,000 rows afterwards).
async function draftProjects({ client }) {
  await client.query(`CREATE TEMP TABLE seed_projects (LIKE projects INCLUDING DEFAULTS)`);
  // Ids are UUIDv7 from the creation time, like the application's.
  return count(
    await client.query(
      `INSERT INTO seed_projects (org_id, id, name, description, business_unit, owner_id, tags, start_date, target_date,
                             risk_class, expected_annual_value, revenue_at_risk, regulated_decisions, personal_data,
                             uptime_sla_bp, retention_years, silent_degradation, dependent_teams, stage,
                             recommendation, archived_at, poc_budget, production_budget,
                             production_budget_approved_by_id, production_budget_approved_at, created_at, updated_at)
       SELECT s.org_id,
              encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
                substring(int8send(floor(extract(epoch FROM s.created) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                52, 1), 53, 1), 'hex')::uuid,
              ($1::text[])[1 + s.g % array_length($1::text[], 1)] || ' ' || s.g,
              'Initiative ' || s.g || ' of ' || ($2::text[])[1 + s.g % array_length($2::text[], 1)]
                || ': reduce manual work with a model, measured against the current process.',
              ($2::text[])[1 + (s.g / 3) % array_length($2::text[], 1)],
              s.owner_id,
              CASE WHEN s.v < 0.3 THEN ARRAY['genai'] WHEN s.v < 0.5 THEN ARRAY['ml', 'tabular']
                   ELSE ARRAY[]::text[] END,
              s.created::date, (s.created + interval '1 year')::date,
              CASE WHEN s.w < 0.55 THEN 'MINIMAL' WHEN s.w < 0.85 THEN 'LIMITED' WHEN s.w < 0.99 THEN 'HIGH'
                   ELSE 'UNACCEPTABLE' END,
              CASE WHEN s.v < 0.85 THEN (round(s.v * 200) * 1000000)::bigint END,
              CASE WHEN s.w < 0.4 THEN (round(s.w * 100) * 1000000)::bigint END,
              s.w > 0.8, s.v > 0.5,
              CASE WHEN s.u > 0.5 THEN 9900 + (s.g % 100) END,
              CASE WHEN s.w > 0.7 THEN 10 END,
              s.v > 0.9, CASE WHEN s.w > 0.6 THEN 1 + s.g % 4 END,
              s.stage,
              CASE WHEN s.w > 0.98 THEN 'DO_NOT_DEPLOY' WHEN s.w > 0.45 THEN 'PRODUCTION_REQUIRED'
                   ELSE 'POC_SUFFICIENT' END,
              CASE WHEN s.stage IN ('RETIRED', 'CANCELLED') AND s.v < 0.4 THEN now() - interval '20 days' END,
              CASE WHEN s.stage <> 'IDEA' THEN (2000000 + round(s.v * 60) * 100000)::bigint END,
              CASE WHEN s.stage IN ('PRODUCTIONIZING', 'PRODUCTION', 'RETIRED')
                   THEN (20000000 + round(s.w * 80) * 1000000)::bigint END,
              CASE WHEN s.stage IN ('PRODUCTIONIZING', 'PRODUCTION', 'RETIRED') THEN s.owner_id END,
              CASE WHEN s.stage IN ('PRODUCTIONIZING', 'PRODUCTION', 'RETIRED') THEN s.created + interval '120 days' END,
              s.created,
              now() - s.idle * interval '1 day'
       FROM (
         SELECT r.id AS org_id, r.g AS g, r.u, r.v, r.w, ${STAGE_MIX.replaceAll('s.u', 'r.u')} AS stage,
                now() - (30 + r.age * 700) * interval '1 day' AS created,
                floor(r.idle * r.idle * 90) AS idle, w.user_id AS owner_id
         FROM (
           SELECT o.n, o.id, g, random() AS u, random() AS v, random() AS w, random() AS age, random() AS idle
           FROM seed_orgs o, generate_series(1, o.size) g
         ) r
         JOIN seed_owners w ON w.org_n = r.n AND w.k = r.g % (CASE WHEN r.n = 0 THEN 10 ELSE 1 END)
       ) s`,
      [WORDS, UNITS],
    ),
  );
}

async function insertProjects({ client }) {
  const criteria = (await hasColumn(client, 'projects', 'criteria')) ? ', criteria' : '';
  return count(
    await client.query(
      `INSERT INTO projects (${PROJECT_COLUMNS}${criteria})
       SELECT ${PROJECT_COLUMNS}${criteria} FROM seed_projects ORDER BY id`,
    ),
  );
}

// Recommendations (and, on schemas that keep them, the applying criteria) come from the domain's
// own assessment of each project, as the API writes them; seed_assess keeps the capabilities each
// project requires, for its readiness snapshots.
async function seedAssessments({ client }) {
  const { rows } = await client.query(
    `SELECT p.org_id AS "orgId", p.id, p.risk_class AS "riskClass", p.revenue_at_risk AS "revenueAtRisk",
            p.regulated_decisions AS "regulatedDecisions", p.personal_data AS "personalData",
            p.uptime_sla_bp AS "uptimeSlaBp", p.retention_years AS "retentionYears",
            p.silent_degradation AS "silentDegradation", p.dependent_teams AS "dependentTeams",
            p.expected_annual_value AS "expectedAnnualValue"
     FROM seed_projects p`,
  );
  const orgs = new Map(
    (await client.query(`SELECT * FROM organizations`)).rows.map((o) => [o.id, settingsOf(o)]),
  );
  const out = { org: [], id: [], rec: [], applying: [], required: [] };
  for (const p of rows) {
    const a = assessProject(criteriaInput(p), orgs.get(p.orgId), []);
    out.org.push(p.orgId);
    out.id.push(p.id);
    out.rec.push(a.recommendation);
    out.applying.push(a.applying.join('|'));
    out.required.push(a.required.join('|'));
  }
  await client.query(
    `CREATE TEMP TABLE seed_assess AS
     SELECT org_id, id, rec, coalesce(string_to_array(nullif(applying, ''), '|'), '{}') AS applying,
            string_to_array(required, '|') AS required
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(org_id, id, rec, applying, required)`,
    [out.org, out.id, out.rec, out.applying, out.required],
  );
  await client.query(`ALTER TABLE seed_assess ADD PRIMARY KEY (org_id, id)`);
  const criteria = (await hasColumn(client, 'projects', 'criteria')) ? ', criteria = a.applying' : '';
  return count(
    await client.query(
      `UPDATE seed_projects p SET recommendation = a.rec ${criteria}
       FROM seed_assess a WHERE p.org_id = a.org_id AND p.id = a.id`,
    ),
  );
}

const num = (v) => (v === null ? null : Number(v));
const criteriaInput = (p) => ({
  ...p,
  revenueAtRisk: num(p.revenueAtRisk),
  expectedAnnualValue: num(p.expectedAnnualValue),
});
const settingsOf = (o) => ({
  stallDays: {
    IDEA: o.stall_days_idea,
    POC: o.stall_days_poc,
    PRODUCTIONIZING: o.stall_days_productionizing,
  },
  revenueImpactThreshold: Number(o.revenue_impact_threshold),
  uptimeSlaThresholdBp: o.uptime_sla_threshold_bp,
  retentionYearsThreshold: o.retention_years_threshold,
  dependentTeamsThreshold: o.dependent_teams_threshold,
  readinessRatio: { numerator: o.readiness_numerator, denominator: o.readiness_denominator },
  currency: o.currency,
  noActivityDays: o.no_activity_days,
  readinessFlatDays: o.readiness_flat_days,
});

// Each project walked its stages from IDEA to the current one, its moves spread over the first 80%
// of its age (so the time in the current stage varies from weeks to many months).
const PATH = `CASE p.stage WHEN 'IDEA' THEN ARRAY['IDEA']
                WHEN 'POC' THEN ARRAY['IDEA', 'POC']
                WHEN 'PRODUCTIONIZING' THEN ARRAY['IDEA', 'POC', 'PRODUCTIONIZING']
                WHEN 'PRODUCTION' THEN ARRAY['IDEA', 'POC', 'PRODUCTIONIZING', 'PRODUCTION']
                WHEN 'RETIRED' THEN ARRAY['IDEA', 'POC', 'PRODUCTIONIZING', 'PRODUCTION', 'RETIRED']
                WHEN 'POC_SUFFICIENT' THEN ARRAY['IDEA', 'POC', 'POC_SUFFICIENT']
                ELSE ARRAY['IDEA', 'POC', 'CANCELLED'] END`;

async function seedTransitions({ client }) {
  return count(
    await client.query(
      `INSERT INTO project_transitions (org_id, id, project_id, from_stage, to_stage, at, actor_id, reason, override)
       SELECT p.org_id, gen_random_uuid(), p.id, CASE WHEN k > 1 THEN path[k - 1] END, path[k],
              CASE WHEN k = 1 THEN p.created_at
                   ELSE p.created_at + (now() - p.created_at) * (0.8 * (k - 1) / (cardinality(path) - 1))::float8 END,
              p.owner_id, CASE WHEN path[k] = 'CANCELLED' THEN 'No measurable value after the POC' END,
              path[k] = 'PRODUCTIONIZING' AND p.risk_class = 'HIGH'
       FROM projects p, LATERAL (SELECT ${PATH} AS path) x, generate_subscripts(x.path, 1) k`,
    ),
  );
}

// Progress follows the stage, with a spread per project: ideas have little done, production most.
async function seedChecklists({ client }) {
  return count(
    await client.query(
      `INSERT INTO checklist_items (org_id, project_id, capability_key, status, assignee_id, due_date, notes,
                                    na_justification, updated_at)
       SELECT r.org_id, r.project_id, r.key, st.status,
              CASE WHEN st.status IN ('IN_PROGRESS', 'DONE') THEN r.owner_id END,
              CASE WHEN st.status IN ('NOT_STARTED', 'IN_PROGRESS') AND r.d < 0.25
                   THEN current_date + (floor(r.d * 320) - 20)::int END,
              CASE WHEN st.status = 'DONE' THEN 'In place since the ' || lower(r.stage) || ' stage' ELSE '' END,
              CASE WHEN st.status = 'NOT_APPLICABLE' THEN 'Not relevant for this use case' END,
              r.created_at + (now() - r.created_at) * r.d
       FROM (
         SELECT p.org_id, p.id AS project_id, p.owner_id, p.stage, p.created_at, c.key, random() AS x, random() AS d,
                least(0.97, greatest(0.0,
                  CASE p.stage WHEN 'IDEA' THEN 0.05 WHEN 'POC' THEN 0.3 WHEN 'PRODUCTIONIZING' THEN 0.6
                               WHEN 'PRODUCTION' THEN 0.85 WHEN 'RETIRED' THEN 0.85 WHEN 'POC_SUFFICIENT' THEN 0.45
                               ELSE 0.2 END
                  + (('x' || substr(md5(p.id::text), 1, 4))::bit(16)::int / 65535.0 - 0.5) * 0.4)) AS done
         FROM projects p JOIN capabilities c ON c.org_id = p.org_id
       ) r
       CROSS JOIN LATERAL (
         SELECT CASE WHEN r.x < r.done THEN 'DONE'
                     WHEN r.key <> ALL($1::text[]) AND r.x > 0.96 THEN 'NOT_APPLICABLE'
                     WHEN r.x < r.done + 0.15 THEN 'IN_PROGRESS'
                     ELSE 'NOT_STARTED' END AS status
       ) st`,
      [ALWAYS_REQUIRED],
    ),
  );
}

// Monthly snapshots over the last half year rising to the current checklist (one done item a month),
// the latest matching it.
async function seedSnapshots({ client }) {
  return count(
    await client.query(
      `INSERT INTO readiness_snapshots (org_id, project_id, at, done, applicable, threshold, ready)
       SELECT a.org_id, a.project_id, now() - m * interval '30 days' - interval '1 hour',
              greatest(0, a.done - m), a.applicable, a.threshold,
              greatest(0, a.done - m) >= a.threshold AND a.required_done
       FROM (
         SELECT i.org_id, i.project_id, p.created_at,
                count(*) FILTER (WHERE i.status = 'DONE')::int AS done,
                count(*) FILTER (WHERE i.status <> 'NOT_APPLICABLE')::int AS applicable,
                ((count(*) FILTER (WHERE i.status <> 'NOT_APPLICABLE') * o.readiness_numerator
                  + o.readiness_denominator - 1) / o.readiness_denominator)::int AS threshold,
                count(*) FILTER (WHERE i.status = 'DONE' AND i.capability_key = ANY(s.required))
                  = cardinality(s.required) AS required_done
         FROM checklist_items i
         JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
         JOIN seed_assess s ON s.org_id = i.org_id AND s.id = i.project_id
         JOIN organizations o ON o.id = i.org_id
         GROUP BY i.org_id, i.project_id, p.created_at, s.required, o.readiness_numerator, o.readiness_denominator
       ) a, generate_series(0, 5) m
       WHERE now() - m * interval '30 days' > a.created_at`,
    ),
  );
}

// One entry a month from the POC on, booked to the stage of that month, until the project left
// the spending stages (or today).
async function seedCostEntries({ client }) {
  return count(
    await client.query(
      `INSERT INTO cost_entries (org_id, id, project_id, date, amount, category, stage, note, created_by_id,
                                 created_at, updated_at)
       SELECT t.org_id, gen_random_uuid(), t.project_id, d::date,
              (CASE t.to_stage WHEN 'POC' THEN 300000 ELSE 1200000 END + floor(random() * 900000))::bigint,
              ($1::text[])[1 + abs(hashtext(t.project_id::text) + extract(month FROM d)::int) % 7],
              t.to_stage, '', t.actor_id, d, d
       FROM (
         SELECT org_id, project_id, to_stage, at, actor_id,
                coalesce(lead(at) OVER (PARTITION BY org_id, project_id ORDER BY at), now()) AS until
         FROM project_transitions
       ) t, generate_series(t.at + interval '3 days', t.until, interval '1 month') d
       WHERE t.to_stage IN ('POC', 'PRODUCTIONIZING', 'PRODUCTION')`,
      [
        [
          'ML_ENGINEERING',
          'DATA_ENGINEERING',
          'DEVOPS',
          'INFRASTRUCTURE',
          'COMPLIANCE',
          'DATA_SCIENCE',
          'OTHER',
        ],
      ],
    ),
  );
}

// A fifth of the projects past the idea stage have their team's own estimates on every line.
async function seedEstimates({ client }) {
  return count(
    await client.query(
      `INSERT INTO cost_estimates (org_id, project_id, line, low, high, updated_at)
       SELECT p.org_id, p.id, l.line, l.base * 100 * 1000, l.base * 100 * 1000 * 2, p.updated_at
       FROM projects p,
            unnest(ARRAY['ML_ENGINEERING', 'DATA_ENGINEERING', 'DEVOPS', 'INFRASTRUCTURE', 'COMPLIANCE'],
                   ARRAY[60, 40, 25, 30, 15]) AS l(line, base)
       WHERE p.stage <> 'IDEA' AND ('x' || substr(md5(p.id::text), 5, 2))::bit(8)::int < 52`,
    ),
  );
}

// Some live alerts (open, acknowledged or snoozed) on stalled and idle projects, and a history of
// resolved ones.
async function seedAlerts({ client }) {
  const live = await client.query(
    `INSERT INTO alerts (org_id, id, project_id, rule, severity, state, message, opened_at, last_seen_at,
                         acknowledged_at, acknowledged_by_id, snoozed_until, updated_at)
     SELECT p.org_id, gen_random_uuid(), p.id, a.rule, a.severity, a.state, a.message,
            now() - interval '5 days', now() - interval '1 hour',
            CASE WHEN a.state = 'ACKNOWLEDGED' THEN now() - interval '2 days' END,
            CASE WHEN a.state = 'ACKNOWLEDGED' THEN p.owner_id END,
            CASE WHEN a.state = 'SNOOZED' THEN now() + interval '3 days' END, now()
     FROM (SELECT *, random() AS x FROM projects) p
     CROSS JOIN LATERAL (VALUES
       ('STAGE_OVERDUE', CASE WHEN p.x < 0.04 THEN 'CRITICAL' ELSE 'WARNING' END,
        CASE WHEN p.x < 0.08 THEN 'ACKNOWLEDGED' WHEN p.x < 0.1 THEN 'SNOOZED' ELSE 'OPEN' END,
        'In ' || p.stage || ' longer than the organisation allows', p.x < 0.25),
       ('NO_ACTIVITY', 'WARNING', 'OPEN', 'No change for more than 30 days', p.updated_at < now() - interval '30 days')
     ) a(rule, severity, state, message, fires)
     WHERE a.fires AND p.archived_at IS NULL AND p.stage NOT IN ('RETIRED', 'CANCELLED')`,
  );
  const resolved = await client.query(
    `INSERT INTO alerts (org_id, id, project_id, rule, severity, state, message, opened_at, last_seen_at,
                         resolved_at, resolved_by, updated_at)
     SELECT p.org_id, gen_random_uuid(), p.id, 'CAPABILITY_OVERDUE', 'WARNING', 'RESOLVED',
            'A checklist item is past its due date', now() - interval '40 days', now() - interval '30 days',
            now() - interval '30 days', 'AUTO', now() - interval '30 days'
     FROM projects p WHERE ('x' || substr(md5(p.id::text), 7, 2))::bit(8)::int < 77`,
  );
  return count(live) + count(resolved);
}

// Ninety days of daily headline numbers per organisation, drifting towards today's.
async function seedPortfolioSnapshots({ client }) {
  return count(
    await client.query(
      `INSERT INTO portfolio_snapshots (org_id, day, stage_counts, open_projects, avg_readiness, ready_count,
                                        actuals, projected_low, projected_high, open_alerts, critical_alerts, created_at)
       SELECT s.org_id, current_date - k, s.stage_counts, s.open_projects, greatest(0, s.avg_readiness - k * 0.001),
              greatest(0, s.ready_count - k / 10), greatest(0, s.actuals - k::bigint * s.open_projects * 20000),
              s.actuals * 3, s.actuals * 6, s.open_projects / 5, s.open_projects / 50, now() - k * interval '1 day'
       FROM (
         SELECT p.org_id, jsonb_object_agg(p.stage, p.n) AS stage_counts,
                sum(p.n) FILTER (WHERE p.stage NOT IN ('RETIRED', 'CANCELLED'))::int AS open_projects,
                0.5::float8 AS avg_readiness, (sum(p.n) / 10)::int AS ready_count,
                coalesce((SELECT sum(amount) FROM cost_entries c WHERE c.org_id = p.org_id), 0)::bigint AS actuals
         FROM (SELECT org_id, stage, count(*) AS n FROM projects GROUP BY org_id, stage) p
         GROUP BY p.org_id
       ) s, generate_series(1, 90) k`,
    ),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: process.env.SCALE_ORGS ?? '1000' },
      projects: { type: 'string', default: process.env.SCALE_PROJECTS ?? '100' },
      big: { type: 'string', default: process.env.SCALE_BIG ?? '10000' },
      database: { type: 'string', default: SCALE_DATABASE_URL },
    },
  });
  const size = { orgs: Number(values.orgs), projects: Number(values.projects), big: Number(values.big) };
  for (const [k, v] of Object.entries(size)) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${k} must be a whole number, got ${values[k]}`);
  }
  console.log(
    `seeding ${size.orgs} organisations × ${size.projects} projects + one of ${size.big} into ${values.database}`,
  );
  const done = await seedScale(values.database, size);
  console.log(`seeded in ${done.seconds} s:`, done.counts);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
