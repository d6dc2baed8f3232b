-- Portfolio tallies: the dashboard's figures kept summed per cell, so GET /portfolio reads a few
-- hundred rows instead of aggregating every project on each request (ADR 0005).
-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "alerts_critical" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "alerts_warning" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "estimate_lines" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "portfolio_tallies" (
    "org_id" UUID NOT NULL,
    "business_unit" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "risk_class" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "portfolio_tallies_pkey" PRIMARY KEY ("org_id","business_unit","owner_id","risk_class","measure")
);

-- CreateTable
CREATE TABLE "portfolio_tally_changes" (
    "id" BIGSERIAL NOT NULL,
    "org_id" UUID NOT NULL,
    "business_unit" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "risk_class" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "portfolio_tally_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex (a request's sums read it alone: an index-only scan)
CREATE INDEX "portfolio_tallies_org_id_business_unit_owner_id_risk_class__idx" ON "portfolio_tallies"("org_id", "business_unit", "owner_id", "risk_class", "measure", "value");

-- CreateIndex
CREATE INDEX "portfolio_tally_changes_org_id_idx" ON "portfolio_tally_changes"("org_id");

-- AddForeignKey
ALTER TABLE "portfolio_tallies" ADD CONSTRAINT "portfolio_tallies_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portfolio_tally_changes" ADD CONSTRAINT "portfolio_tally_changes_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE portfolio_tallies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON portfolio_tallies USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE portfolio_tally_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON portfolio_tally_changes USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON portfolio_tallies, portfolio_tally_changes TO gapline_app;
GRANT USAGE ON SEQUENCE portfolio_tally_changes_id_seq TO gapline_app;

-- Two more roll-ups on the project row, kept like those of ADR 0004: live alerts by severity, and
-- the team's estimates by cost line.

CREATE FUNCTION projects_roll_up_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs uuid[];
  ids uuid[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Each sweep touches every live alert (when it was last seen); only a new state or severity
    -- changes the counts.
    SELECT array_agg(n.org_id), array_agg(n.project_id) INTO orgs, ids
    FROM changed n JOIN before o ON o.org_id = n.org_id AND o.id = n.id
    WHERE (o.state, o.severity, o.project_id) IS DISTINCT FROM (n.state, n.severity, n.project_id);
  ELSE
    SELECT array_agg(org_id), array_agg(project_id) INTO orgs, ids FROM changed;
  END IF;
  UPDATE projects p
  SET alerts_critical = a.critical, alerts_warning = a.warning
  FROM (
    SELECT t.org_id, t.project_id,
           count(x.id) FILTER (WHERE x.severity = 'CRITICAL') AS critical,
           count(x.id) FILTER (WHERE x.severity = 'WARNING') AS warning
    FROM (SELECT DISTINCT org_id, project_id FROM unnest(orgs, ids) AS u(org_id, project_id)) t
    LEFT JOIN alerts x ON x.org_id = t.org_id AND x.project_id = t.project_id
                      AND x.state IN ('OPEN', 'ACKNOWLEDGED')
    GROUP BY t.org_id, t.project_id
  ) a
  WHERE p.org_id = a.org_id AND p.id = a.project_id
    AND (p.alerts_critical, p.alerts_warning) IS DISTINCT FROM (a.critical, a.warning);
  RETURN NULL;
END $$;

CREATE TRIGGER alerts_roll_up_insert AFTER INSERT ON alerts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_alerts();
CREATE TRIGGER alerts_roll_up_update AFTER UPDATE ON alerts
  REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_alerts();
CREATE TRIGGER alerts_roll_up_delete AFTER DELETE ON alerts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_alerts();

CREATE FUNCTION projects_roll_up_estimates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p
  SET estimate_lines = e.lines
  FROM (
    SELECT t.org_id, t.project_id,
           coalesce(jsonb_object_agg(x.line, jsonb_build_array(x.low, x.high)) FILTER (WHERE x.line IS NOT NULL), '{}') AS lines
    FROM (SELECT DISTINCT org_id, project_id FROM changed) t
    LEFT JOIN cost_estimates x ON x.org_id = t.org_id AND x.project_id = t.project_id
    GROUP BY t.org_id, t.project_id
  ) e
  WHERE p.org_id = e.org_id AND p.id = e.project_id AND p.estimate_lines IS DISTINCT FROM e.lines;
  RETURN NULL;
END $$;

CREATE TRIGGER cost_estimates_roll_up_insert AFTER INSERT ON cost_estimates
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_estimates();
CREATE TRIGGER cost_estimates_roll_up_update AFTER UPDATE ON cost_estimates
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_estimates();
CREATE TRIGGER cost_estimates_roll_up_delete AFTER DELETE ON cost_estimates
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_estimates();

UPDATE projects p SET alerts_critical = a.critical, alerts_warning = a.warning
FROM (
  SELECT org_id, project_id, count(*) FILTER (WHERE severity = 'CRITICAL') AS critical,
         count(*) FILTER (WHERE severity = 'WARNING') AS warning
  FROM alerts WHERE state IN ('OPEN', 'ACKNOWLEDGED') GROUP BY org_id, project_id
) a WHERE p.org_id = a.org_id AND p.id = a.project_id;

UPDATE projects p SET estimate_lines = e.lines
FROM (
  SELECT org_id, project_id, jsonb_object_agg(line, jsonb_build_array(low, high)) AS lines
  FROM cost_estimates GROUP BY org_id, project_id
) e WHERE p.org_id = e.org_id AND p.id = e.project_id;

-- What a set of project rows adds to each cell and measure, the rows of `gone` counting negatively:
-- the one definition of every measure, used by the trigger, the backfill and the tests' recount.
-- Archived projects count nowhere. Rows are grouped before anything is unpivoted, and a row that
-- left and came back with the same inputs (a project whose alerts changed keeps its checklist)
-- cancels out before its capability bits or estimate lines are expanded.
CREATE FUNCTION portfolio_deltas(gone projects[], came projects[])
RETURNS TABLE (org_id uuid, business_unit text, owner_id uuid, risk_class text, measure text, value bigint)
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT x.sign, p.org_id, p.business_unit, p.owner_id, p.risk_class, p.stage, p.recommendation,
           p.production_budget, p.reached_stages, p.readiness_done, p.readiness_applicable, p.ready, p.criteria,
           p.spend_poc, p.spend_post, p.spend_total, p.alerts_critical, p.alerts_warning,
           p.done_mask, p.item_mask, p.na_mask, p.estimate_lines
    FROM (SELECT -1 AS sign, o AS p FROM unnest(gone) o UNION ALL SELECT 1, n FROM unnest(came) n) x,
         LATERAL (SELECT (x.p).*) p
    WHERE p.archived_at IS NULL
  ), f AS (
    SELECT d.*,
           d.stage NOT IN ('RETIRED', 'CANCELLED') AS open,
           d.stage NOT IN ('RETIRED', 'CANCELLED', 'PRODUCTION', 'POC_SUFFICIENT') AS projected,
           CASE WHEN d.readiness_applicable > 0 THEN d.readiness_done::float8 / d.readiness_applicable ELSE 0 END AS ratio
    FROM d
  ), g AS (
    SELECT f.*, f.projected AND f.criteria && ARRAY['REGULATED_DECISIONS', 'PERSONAL_DATA', 'LONG_RETENTION'] AS compliance
    FROM f
  ), groups AS (
    SELECT g.org_id, g.business_unit, g.owner_id, g.risk_class, g.stage, g.recommendation, g.open, g.projected,
           g.compliance, g.ready, least(3, floor(g.ratio * 4))::int AS bucket,
           sum(g.sign) AS n,
           sum(g.sign * coalesce(g.production_budget, 0)) AS budgets,
           sum(g.sign * (g.reached_stages && ARRAY['POC', 'PRODUCTIONIZING', 'PRODUCTION', 'POC_SUFFICIENT'])::int) AS reached_poc,
           sum(g.sign * (g.reached_stages && ARRAY['PRODUCTIONIZING', 'PRODUCTION'])::int) AS reached_productionizing,
           sum(g.sign * ('PRODUCTION' = ANY (g.reached_stages))::int) AS reached_production,
           -- Readiness in billionths, so that sums stay exact integers.
           sum(g.sign * round(g.ratio * 1e9)::bigint) AS readiness,
           sum(g.sign * g.spend_poc) AS spend_poc,
           sum(g.sign * g.spend_post) AS spend_post,
           sum(g.sign * g.spend_total) AS spend_total,
           sum(g.sign * g.alerts_critical) AS alerts_critical,
           sum(g.sign * g.alerts_warning) AS alerts_warning
    FROM g
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ), terms AS (
    SELECT x.org_id, x.business_unit, x.owner_id, x.risk_class, m.measure, m.value
    FROM groups x, LATERAL (VALUES
      ('total', x.n),
      ('open', CASE WHEN x.open THEN x.n ELSE 0 END),
      ('stage:' || x.stage, x.n),
      ('recommendation:' || x.recommendation, x.n),
      ('stillInPoc', CASE WHEN x.recommendation = 'PRODUCTION_REQUIRED' AND x.stage IN ('IDEA', 'POC') THEN x.n ELSE 0 END),
      ('productionBudgets', x.budgets),
      ('reached:poc', x.reached_poc),
      ('reached:productionizing', x.reached_productionizing),
      ('reached:production', x.reached_production),
      ('bucket:' || x.bucket, CASE WHEN x.open THEN x.n ELSE 0 END),
      ('readiness', CASE WHEN x.open THEN x.readiness ELSE 0 END),
      ('ready', CASE WHEN x.open AND x.ready THEN x.n ELSE 0 END),
      ('productionizingReady', CASE WHEN x.stage = 'PRODUCTIONIZING' AND x.ready THEN x.n ELSE 0 END),
      ('projected', CASE WHEN x.projected THEN x.n ELSE 0 END),
      ('projectedCompliance', CASE WHEN x.compliance THEN x.n ELSE 0 END),
      ('spend:poc', x.spend_poc),
      ('spend:post', x.spend_post),
      ('spend:total', x.spend_total),
      ('alerts:critical', x.alerts_critical),
      ('alerts:warning', x.alerts_warning)
    ) m(measure, value)
    UNION ALL
    -- Capability coverage of the open projects: one count per capability bit.
    SELECT c.org_id, c.business_unit, c.owner_id, c.risk_class, k.kind || b, c.n
    FROM (
      SELECT org_id, business_unit, owner_id, risk_class, done_mask, item_mask & ~na_mask AS applicable, sum(sign) AS n
      FROM g WHERE open GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0
    ) c, generate_series(0, 62) b,
    LATERAL (VALUES ('done:', c.done_mask), ('applicable:', c.applicable)) k(kind, mask)
    WHERE (k.mask >> b) & 1 = 1
    UNION ALL
    -- Team estimates where the first-year production cost is still ahead (compliance only where it applies).
    SELECT e.org_id, e.business_unit, e.owner_id, e.risk_class, 'estimate:' || l.key || ':' || v.part, e.n * v.amount
    FROM (
      SELECT org_id, business_unit, owner_id, risk_class, estimate_lines, compliance, sum(sign) AS n
      FROM g WHERE projected AND estimate_lines <> '{}' GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0
    ) e, jsonb_each(e.estimate_lines) l,
    LATERAL (VALUES ('count', 1), ('low', (l.value ->> 0)::bigint), ('high', (l.value ->> 1)::bigint)) v(part, amount)
    WHERE l.key <> 'COMPLIANCE' OR e.compliance
  )
  SELECT t.org_id, t.business_unit, t.owner_id, t.risk_class, t.measure, sum(t.value)::bigint
  FROM terms t
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(t.value) <> 0
$$;

-- Appends the difference a statement made to projects; nothing when nothing counted changed.
CREATE FUNCTION projects_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_rows projects[] := '{}';
  new_rows projects[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN old_rows := ARRAY(SELECT o::projects FROM gone o); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN new_rows := ARRAY(SELECT n::projects FROM came n); END IF;
  INSERT INTO portfolio_tally_changes (org_id, business_unit, owner_id, risk_class, measure, value)
  SELECT * FROM portfolio_deltas(old_rows, new_rows);
  RETURN NULL;
END $$;

CREATE TRIGGER projects_tally_insert AFTER INSERT ON projects
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION projects_tally();
CREATE TRIGGER projects_tally_update AFTER UPDATE ON projects
  REFERENCING OLD TABLE AS gone NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION projects_tally();
CREATE TRIGGER projects_tally_delete AFTER DELETE ON projects
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION projects_tally();

-- Folds an organisation's pending changes into its tallies (the worker calls it on each alert sweep).
-- It adds exactly the changes it deletes, so a write landing meanwhile simply waits for the next call.
CREATE FUNCTION portfolio_compact(org uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  WITH moved AS (
    DELETE FROM portfolio_tally_changes WHERE org_id = org
    RETURNING org_id, business_unit, owner_id, risk_class, measure, value
  )
  INSERT INTO portfolio_tallies AS t (org_id, business_unit, owner_id, risk_class, measure, value)
  SELECT org_id, business_unit, owner_id, risk_class, measure, sum(value) FROM moved
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, business_unit, owner_id, risk_class, measure)
  DO UPDATE SET value = t.value + excluded.value;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    DELETE FROM portfolio_tallies WHERE org_id = org AND value = 0;
  END IF;
  RETURN n;
END $$;

INSERT INTO portfolio_tallies (org_id, business_unit, owner_id, risk_class, measure, value)
SELECT * FROM portfolio_deltas('{}', ARRAY(SELECT p FROM projects p)) ORDER BY 1, 2, 3, 4, 5;

-- The dashboard's three lists read the first entries of these, whatever the organisation's size.
CREATE INDEX projects_stalled_idx ON projects (org_id, stage, stage_entered_at) WHERE archived_at IS NULL;
CREATE INDEX projects_multiple_idx ON projects
  (org_id, (spend_post::float8 / CASE WHEN spend_poc > 0 THEN spend_poc ELSE poc_budget END) DESC, name)
  WHERE archived_at IS NULL AND stage NOT IN ('RETIRED', 'CANCELLED') AND spend_post > 0 AND (spend_poc > 0 OR poc_budget > 0);
CREATE INDEX projects_heatmap_idx ON projects
  (org_id, (CASE WHEN readiness_applicable > 0 THEN readiness_done::float8 / readiness_applicable ELSE 0 END), name, id)
  WHERE archived_at IS NULL AND stage NOT IN ('RETIRED', 'CANCELLED', 'POC_SUFFICIENT');
