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
BEGIN
  UPDATE projects p
  SET alerts_critical = a.critical, alerts_warning = a.warning
  FROM (
    SELECT t.org_id, t.project_id,
           count(x.id) FILTER (WHERE x.severity = 'CRITICAL') AS critical,
           count(x.id) FILTER (WHERE x.severity = 'WARNING') AS warning
    FROM (SELECT DISTINCT org_id, project_id FROM changed) t
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
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_alerts();
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

-- What one live (not archived) project adds to its cell: the one definition of every measure, used
-- by the trigger, the backfill and the tests' recount.
CREATE FUNCTION portfolio_terms(p projects) RETURNS TABLE (measure text, value bigint)
LANGUAGE sql IMMUTABLE AS $$
  WITH f AS (
    SELECT p.stage NOT IN ('RETIRED', 'CANCELLED') AS open,
           p.stage NOT IN ('RETIRED', 'CANCELLED', 'PRODUCTION', 'POC_SUFFICIENT') AS projected,
           CASE WHEN p.readiness_applicable > 0 THEN p.readiness_done::float8 / p.readiness_applicable ELSE 0 END AS ratio
  ), g AS (
    SELECT f.*, f.projected AND p.criteria && ARRAY['REGULATED_DECISIONS', 'PERSONAL_DATA', 'LONG_RETENTION'] AS compliance
    FROM f
  )
  SELECT m.measure, m.value FROM g, LATERAL (VALUES
    ('total', 1),
    ('open', g.open::int),
    ('stage:' || p.stage, 1),
    ('recommendation:' || p.recommendation, 1),
    ('stillInPoc', (p.recommendation = 'PRODUCTION_REQUIRED' AND p.stage IN ('IDEA', 'POC'))::int),
    ('productionBudgets', coalesce(p.production_budget, 0)),
    ('reached:poc', (p.reached_stages && ARRAY['POC', 'PRODUCTIONIZING', 'PRODUCTION', 'POC_SUFFICIENT'])::int),
    ('reached:productionizing', (p.reached_stages && ARRAY['PRODUCTIONIZING', 'PRODUCTION'])::int),
    ('reached:production', ('PRODUCTION' = ANY (p.reached_stages))::int),
    ('bucket:' || least(3, floor(g.ratio * 4))::int, g.open::int),
    -- Readiness in billionths, so that sums stay exact integers.
    ('readiness', CASE WHEN g.open THEN round(g.ratio * 1e9)::bigint ELSE 0 END),
    ('ready', (g.open AND p.ready)::int),
    ('productionizingReady', (p.stage = 'PRODUCTIONIZING' AND p.ready)::int),
    ('projected', g.projected::int),
    ('projectedCompliance', g.compliance::int),
    ('spend:poc', p.spend_poc),
    ('spend:post', p.spend_post),
    ('spend:total', p.spend_total),
    ('alerts:critical', p.alerts_critical),
    ('alerts:warning', p.alerts_warning)
  ) m(measure, value)
  UNION ALL
  SELECT x.kind || b, 1
  FROM g, generate_series(0, 62) b,
       LATERAL (VALUES ('done:', p.done_mask), ('applicable:', p.item_mask & ~p.na_mask)) x(kind, mask)
  WHERE g.open AND (x.mask >> b) & 1 = 1
  UNION ALL
  -- Team estimates count where the first-year production cost is still ahead (compliance only where it applies).
  SELECT 'estimate:' || e.key || ':' || v.part, v.amount
  FROM g, jsonb_each(p.estimate_lines) e,
       LATERAL (VALUES ('count', 1), ('low', (e.value ->> 0)::bigint), ('high', (e.value ->> 1)::bigint)) v(part, amount)
  WHERE g.projected AND (e.key <> 'COMPLIANCE' OR g.compliance)
$$;

-- Appends the difference a statement made to projects: minus what the old rows gave, plus what the
-- new rows give, per cell and measure; nothing when nothing counted changed (a renamed project, say).
CREATE FUNCTION portfolio_tally(gone projects[], came projects[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO portfolio_tally_changes (org_id, business_unit, owner_id, risk_class, measure, value)
  SELECT (d.p).org_id, (d.p).business_unit, (d.p).owner_id, (d.p).risk_class, t.measure, sum(d.sign * t.value)
  FROM (SELECT -1 AS sign, o AS p FROM unnest(gone) o UNION ALL SELECT 1, n FROM unnest(came) n) d,
       portfolio_terms(d.p) t
  WHERE (d.p).archived_at IS NULL
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign * t.value) <> 0
$$;

CREATE FUNCTION projects_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM portfolio_tally('{}', ARRAY(SELECT n::projects FROM came n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM portfolio_tally(ARRAY(SELECT o::projects FROM gone o), '{}');
  ELSE
    PERFORM portfolio_tally(ARRAY(SELECT o::projects FROM gone o), ARRAY(SELECT n::projects FROM came n));
  END IF;
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
SELECT p.org_id, p.business_unit, p.owner_id, p.risk_class, t.measure, sum(t.value)
FROM projects p, portfolio_terms(p) t
WHERE p.archived_at IS NULL
GROUP BY 1, 2, 3, 4, 5 HAVING sum(t.value) <> 0
ORDER BY 1, 2, 3, 4, 5;

-- The dashboard's three lists read the first entries of these, whatever the organisation's size.
CREATE INDEX projects_stalled_idx ON projects (org_id, stage, stage_entered_at) WHERE archived_at IS NULL;
CREATE INDEX projects_multiple_idx ON projects
  (org_id, (spend_post::float8 / CASE WHEN spend_poc > 0 THEN spend_poc ELSE poc_budget END) DESC, name)
  WHERE archived_at IS NULL AND stage NOT IN ('RETIRED', 'CANCELLED') AND spend_post > 0 AND (spend_poc > 0 OR poc_budget > 0);
CREATE INDEX projects_heatmap_idx ON projects
  (org_id, (CASE WHEN readiness_applicable > 0 THEN readiness_done::float8 / readiness_applicable ELSE 0 END), name, id)
  WHERE archived_at IS NULL AND stage NOT IN ('RETIRED', 'CANCELLED', 'POC_SUFFICIENT');
