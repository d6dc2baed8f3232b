-- Portfolio roll-ups: each project row carries what the portfolio aggregates need (ADR 0004).

-- AlterTable
ALTER TABLE "capabilities" ADD COLUMN     "bit" SMALLINT;

-- Existing capabilities take bits in template order.
UPDATE capabilities c SET bit = b.n
FROM (SELECT org_id, key, row_number() OVER (PARTITION BY org_id ORDER BY position, key) - 1 AS n FROM capabilities) b
WHERE c.org_id = b.org_id AND c.key = b.key;

ALTER TABLE "capabilities" ALTER COLUMN "bit" SET NOT NULL;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "criteria" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "done_mask" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "item_mask" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "na_mask" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "reached_stages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "readiness_applicable" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "readiness_at" TIMESTAMPTZ(3),
ADD COLUMN     "readiness_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ready" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spend_poc" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spend_post" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spend_total" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "stage_entered_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "capabilities_org_id_bit_key" ON "capabilities"("org_id", "bit");

-- A bigint holds 63 usable bits (the sign bit is left alone).
ALTER TABLE capabilities ADD CONSTRAINT capabilities_bit_check CHECK (bit BETWEEN 0 AND 62);

-- Statement-level triggers keep the roll-ups true whoever writes (API, seeds, bulk loads, a test
-- back-dating history): each recounts only the projects its statement touched, from their own rows. They run as the writer,
-- so row-level security scopes them like the statement that fired them.

CREATE FUNCTION projects_roll_up_checklist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p
  SET item_mask = m.items, done_mask = m.done, na_mask = m.na
  FROM (
    SELECT t.org_id, t.project_id,
           coalesce(bit_or(1::bigint << c.bit), 0) AS items,
           coalesce(bit_or(1::bigint << c.bit) FILTER (WHERE i.status = 'DONE'), 0) AS done,
           coalesce(bit_or(1::bigint << c.bit) FILTER (WHERE i.status = 'NOT_APPLICABLE'), 0) AS na
    FROM (SELECT DISTINCT org_id, project_id FROM changed) t
    LEFT JOIN checklist_items i ON i.org_id = t.org_id AND i.project_id = t.project_id
    LEFT JOIN capabilities c ON c.org_id = i.org_id AND c.key = i.capability_key
    GROUP BY t.org_id, t.project_id
  ) m
  WHERE p.org_id = m.org_id AND p.id = m.project_id
    AND (p.item_mask, p.done_mask, p.na_mask) IS DISTINCT FROM (m.items, m.done, m.na);
  RETURN NULL;
END $$;

CREATE TRIGGER checklist_items_roll_up_insert AFTER INSERT ON checklist_items
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_checklist();
CREATE TRIGGER checklist_items_roll_up_update AFTER UPDATE ON checklist_items
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_checklist();
CREATE TRIGGER checklist_items_roll_up_delete AFTER DELETE ON checklist_items
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_checklist();

CREATE FUNCTION projects_roll_up_spend() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p
  SET spend_poc = s.poc, spend_post = s.post, spend_total = s.total
  FROM (
    SELECT t.org_id, t.project_id,
           coalesce(sum(e.amount) FILTER (WHERE e.stage = 'POC'), 0) AS poc,
           coalesce(sum(e.amount) FILTER (WHERE e.stage IN ('PRODUCTIONIZING', 'PRODUCTION')), 0) AS post,
           coalesce(sum(e.amount), 0) AS total
    FROM (SELECT DISTINCT org_id, project_id FROM changed) t
    LEFT JOIN cost_entries e ON e.org_id = t.org_id AND e.project_id = t.project_id
    GROUP BY t.org_id, t.project_id
  ) s
  WHERE p.org_id = s.org_id AND p.id = s.project_id
    AND (p.spend_poc, p.spend_post, p.spend_total) IS DISTINCT FROM (s.poc, s.post, s.total);
  RETURN NULL;
END $$;

CREATE TRIGGER cost_entries_roll_up_insert AFTER INSERT ON cost_entries
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_spend();
CREATE TRIGGER cost_entries_roll_up_update AFTER UPDATE ON cost_entries
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_spend();
CREATE TRIGGER cost_entries_roll_up_delete AFTER DELETE ON cost_entries
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_spend();

CREATE FUNCTION projects_roll_up_transitions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p
  SET stage_entered_at = t.at, reached_stages = t.stages
  FROM (
    SELECT c.org_id, c.project_id, max(x.at) AS at,
           coalesce(array_agg(DISTINCT x.to_stage ORDER BY x.to_stage) FILTER (WHERE x.to_stage IS NOT NULL), '{}') AS stages
    FROM (SELECT DISTINCT org_id, project_id FROM changed) c
    LEFT JOIN project_transitions x ON x.org_id = c.org_id AND x.project_id = c.project_id
    GROUP BY c.org_id, c.project_id
  ) t
  WHERE p.org_id = t.org_id AND p.id = t.project_id;
  RETURN NULL;
END $$;

CREATE TRIGGER project_transitions_roll_up_insert AFTER INSERT ON project_transitions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_transitions();
CREATE TRIGGER project_transitions_roll_up_update AFTER UPDATE ON project_transitions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_transitions();
CREATE TRIGGER project_transitions_roll_up_delete AFTER DELETE ON project_transitions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_transitions();

CREATE FUNCTION projects_roll_up_readiness() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p
  SET readiness_at = s.at, readiness_done = coalesce(s.done, 0),
      readiness_applicable = coalesce(s.applicable, 0), ready = coalesce(s.ready, false)
  FROM (SELECT DISTINCT org_id, project_id FROM changed) c
  LEFT JOIN LATERAL (
    SELECT x.at, x.done, x.applicable, x.ready FROM readiness_snapshots x
    WHERE x.org_id = c.org_id AND x.project_id = c.project_id ORDER BY x.at DESC LIMIT 1
  ) s ON true
  WHERE p.org_id = c.org_id AND p.id = c.project_id;
  RETURN NULL;
END $$;

CREATE TRIGGER readiness_snapshots_roll_up_insert AFTER INSERT ON readiness_snapshots
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_readiness();
CREATE TRIGGER readiness_snapshots_roll_up_update AFTER UPDATE ON readiness_snapshots
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_readiness();
CREATE TRIGGER readiness_snapshots_roll_up_delete AFTER DELETE ON readiness_snapshots
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION projects_roll_up_readiness();

-- Backfill what exists.
UPDATE projects p SET item_mask = m.items, done_mask = m.done, na_mask = m.na
FROM (
  SELECT i.org_id, i.project_id,
         bit_or(1::bigint << c.bit) AS items,
         coalesce(bit_or(1::bigint << c.bit) FILTER (WHERE i.status = 'DONE'), 0) AS done,
         coalesce(bit_or(1::bigint << c.bit) FILTER (WHERE i.status = 'NOT_APPLICABLE'), 0) AS na
  FROM checklist_items i JOIN capabilities c ON c.org_id = i.org_id AND c.key = i.capability_key
  GROUP BY i.org_id, i.project_id
) m WHERE p.org_id = m.org_id AND p.id = m.project_id;

UPDATE projects p SET spend_poc = s.poc, spend_post = s.post, spend_total = s.total
FROM (
  SELECT org_id, project_id,
         coalesce(sum(amount) FILTER (WHERE stage = 'POC'), 0) AS poc,
         coalesce(sum(amount) FILTER (WHERE stage IN ('PRODUCTIONIZING', 'PRODUCTION')), 0) AS post,
         sum(amount) AS total
  FROM cost_entries GROUP BY org_id, project_id
) s WHERE p.org_id = s.org_id AND p.id = s.project_id;

UPDATE projects p SET stage_entered_at = t.at, reached_stages = t.stages
FROM (
  SELECT org_id, project_id, max(at) AS at, array_agg(DISTINCT to_stage ORDER BY to_stage) AS stages
  FROM project_transitions GROUP BY org_id, project_id
) t WHERE p.org_id = t.org_id AND p.id = t.project_id;

UPDATE projects p SET readiness_at = s.at, readiness_done = s.done, readiness_applicable = s.applicable, ready = s.ready
FROM (
  SELECT DISTINCT ON (org_id, project_id) org_id, project_id, at, done, applicable, ready
  FROM readiness_snapshots ORDER BY org_id, project_id, at DESC
) s WHERE p.org_id = s.org_id AND p.id = s.project_id;
