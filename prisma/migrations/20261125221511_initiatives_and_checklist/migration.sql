-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "dependent_teams_threshold" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "readiness_denominator" INTEGER NOT NULL DEFAULT 17,
ADD COLUMN     "readiness_numerator" INTEGER NOT NULL DEFAULT 12,
ADD COLUMN     "retention_years_threshold" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "revenue_impact_threshold" BIGINT NOT NULL DEFAULT 5000000,
ADD COLUMN     "stall_days_idea" INTEGER NOT NULL DEFAULT 56,
ADD COLUMN     "stall_days_poc" INTEGER NOT NULL DEFAULT 84,
ADD COLUMN     "stall_days_productionizing" INTEGER NOT NULL DEFAULT 548,
ADD COLUMN     "uptime_sla_threshold_bp" INTEGER NOT NULL DEFAULT 9500;

-- CreateTable
CREATE TABLE "projects" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "business_unit" TEXT NOT NULL DEFAULT '',
    "owner_id" UUID NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "start_date" DATE,
    "target_date" DATE,
    "risk_class" TEXT NOT NULL DEFAULT 'MINIMAL',
    "expected_annual_value" BIGINT,
    "revenue_at_risk" BIGINT,
    "regulated_decisions" BOOLEAN NOT NULL DEFAULT false,
    "personal_data" BOOLEAN NOT NULL DEFAULT false,
    "uptime_sla_bp" INTEGER,
    "retention_years" INTEGER,
    "silent_degradation" BOOLEAN NOT NULL DEFAULT false,
    "dependent_teams" INTEGER,
    "stage" TEXT NOT NULL DEFAULT 'IDEA',
    "recommendation" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "project_transitions" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "from_stage" TEXT,
    "to_stage" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "reason" TEXT,
    "override" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "project_transitions_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "capabilities" (
    "org_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "capabilities_pkey" PRIMARY KEY ("org_id","key")
);

-- CreateTable
CREATE TABLE "checklist_items" (
    "org_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "capability_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "assignee_id" UUID,
    "due_date" DATE,
    "notes" TEXT NOT NULL DEFAULT '',
    "na_justification" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("org_id","project_id","capability_key")
);

-- CreateTable
CREATE TABLE "evidence" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "capability_key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "added_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "checklist_changes" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "capability_key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "field" TEXT NOT NULL,
    "from_value" TEXT,
    "to_value" TEXT,

    CONSTRAINT "checklist_changes_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "readiness_snapshots" (
    "org_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "done" INTEGER NOT NULL,
    "applicable" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "ready" BOOLEAN NOT NULL,

    CONSTRAINT "readiness_snapshots_pkey" PRIMARY KEY ("org_id","project_id","at")
);

-- CreateIndex
CREATE INDEX "projects_org_id_stage_name_id_idx" ON "projects"("org_id", "stage", "name", "id");

-- CreateIndex
CREATE INDEX "projects_org_id_owner_id_idx" ON "projects"("org_id", "owner_id");

-- CreateIndex
CREATE INDEX "projects_org_id_business_unit_idx" ON "projects"("org_id", "business_unit");

-- CreateIndex
CREATE INDEX "projects_org_id_risk_class_idx" ON "projects"("org_id", "risk_class");

-- CreateIndex
CREATE INDEX "projects_org_id_recommendation_idx" ON "projects"("org_id", "recommendation");

-- CreateIndex
CREATE INDEX "projects_org_id_name_id_idx" ON "projects"("org_id", "name", "id");

-- CreateIndex
CREATE INDEX "projects_org_id_created_at_id_idx" ON "projects"("org_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "projects_org_id_updated_at_id_idx" ON "projects"("org_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "project_transitions_org_id_project_id_at_idx" ON "project_transitions"("org_id", "project_id", "at");

-- CreateIndex
CREATE INDEX "checklist_items_org_id_capability_key_status_idx" ON "checklist_items"("org_id", "capability_key", "status");

-- CreateIndex
CREATE INDEX "checklist_items_org_id_due_date_idx" ON "checklist_items"("org_id", "due_date");

-- CreateIndex
CREATE INDEX "evidence_org_id_project_id_capability_key_idx" ON "evidence"("org_id", "project_id", "capability_key");

-- CreateIndex
CREATE INDEX "checklist_changes_org_id_project_id_capability_key_at_idx" ON "checklist_changes"("org_id", "project_id", "capability_key", "at");

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capabilities" ADD CONSTRAINT "capabilities_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_org_id_capability_key_fkey" FOREIGN KEY ("org_id", "capability_key") REFERENCES "capabilities"("org_id", "key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_org_id_project_id_capability_key_fkey" FOREIGN KEY ("org_id", "project_id", "capability_key") REFERENCES "checklist_items"("org_id", "project_id", "capability_key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_changes" ADD CONSTRAINT "checklist_changes_org_id_project_id_capability_key_fkey" FOREIGN KEY ("org_id", "project_id", "capability_key") REFERENCES "checklist_items"("org_id", "project_id", "capability_key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "readiness_snapshots" ADD CONSTRAINT "readiness_snapshots_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Codes are text, not enums (enum equality is not leakproof, so row-level security would keep it
-- out of index conditions); these constraints keep them to the domain's values.
ALTER TABLE projects
  ADD CONSTRAINT projects_stage_check CHECK (stage IN ('IDEA','POC','PRODUCTIONIZING','PRODUCTION','RETIRED','POC_SUFFICIENT','CANCELLED')),
  ADD CONSTRAINT projects_risk_class_check CHECK (risk_class IN ('MINIMAL','LIMITED','HIGH','UNACCEPTABLE')),
  ADD CONSTRAINT projects_recommendation_check CHECK (recommendation IN ('PRODUCTION_REQUIRED','POC_SUFFICIENT','DO_NOT_DEPLOY'));
ALTER TABLE project_transitions
  ADD CONSTRAINT project_transitions_from_stage_check CHECK (from_stage IN ('IDEA','POC','PRODUCTIONIZING','PRODUCTION','RETIRED','POC_SUFFICIENT','CANCELLED')),
  ADD CONSTRAINT project_transitions_to_stage_check CHECK (to_stage IN ('IDEA','POC','PRODUCTIONIZING','PRODUCTION','RETIRED','POC_SUFFICIENT','CANCELLED'));
ALTER TABLE checklist_items
  ADD CONSTRAINT checklist_items_status_check CHECK (status IN ('NOT_STARTED','IN_PROGRESS','DONE','NOT_APPLICABLE'));

-- Text search over an organisation's initiatives (name, business unit, description).
CREATE INDEX "projects_search_idx" ON "projects"
  USING gin (to_tsvector('simple', "name" || ' ' || "business_unit" || ' ' || "description"));

-- Row-level security for the new tenant tables (see the init migration).
GRANT SELECT, INSERT, UPDATE, DELETE ON projects, capabilities, checklist_items, evidence TO gapline_app;
GRANT SELECT, INSERT ON project_transitions, checklist_changes, readiness_snapshots TO gapline_app;

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE project_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON project_transitions USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE capabilities ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON capabilities USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE checklist_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON checklist_items USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evidence USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE checklist_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON checklist_changes USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE readiness_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON readiness_snapshots USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- Scheduled sweeps visit every organisation, each in its own tenant transaction: this is the one
-- door through which the app role learns which organisations exist (ids only).
CREATE OR REPLACE FUNCTION all_org_ids() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public AS $$ SELECT id FROM organizations ORDER BY id $$;
REVOKE ALL ON FUNCTION all_org_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION all_org_ids() TO gapline_app;

-- Text search under row-level security: the match operator is not leakproof, so a policy-protected
-- query could never use the GIN index above. This function runs as the owner, scoped to the
-- caller's organisation by the same setting the policies use, and returns matching ids only.
CREATE OR REPLACE FUNCTION project_search(q tsquery) RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER ROWS 50
  SET search_path = public AS $$
  SELECT id FROM projects
  WHERE org_id = app_org_id()
    AND to_tsvector('simple', "name" || ' ' || "business_unit" || ' ' || "description") @@ q
$$;
REVOKE ALL ON FUNCTION project_search(tsquery) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION project_search(tsquery) TO gapline_app;
