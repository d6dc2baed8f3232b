-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "cost_scale_percent" INTEGER NOT NULL DEFAULT 100;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "poc_budget" BIGINT,
ADD COLUMN     "production_budget" BIGINT,
ADD COLUMN     "production_budget_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "production_budget_approved_by_id" UUID;

-- CreateTable
CREATE TABLE "cost_entries" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "category" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cost_entries_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "cost_estimates" (
    "org_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "line" TEXT NOT NULL,
    "low" BIGINT NOT NULL,
    "high" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cost_estimates_pkey" PRIMARY KEY ("org_id","project_id","line")
);

-- CreateIndex
CREATE INDEX "cost_entries_org_id_project_id_date_idx" ON "cost_entries"("org_id", "project_id", "date");

-- CreateIndex
CREATE INDEX "cost_entries_org_id_date_idx" ON "cost_entries"("org_id", "date");

-- AddForeignKey
ALTER TABLE "cost_entries" ADD CONSTRAINT "cost_entries_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cost_estimates" ADD CONSTRAINT "cost_estimates_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE cost_entries
  ADD CONSTRAINT cost_entries_category_check CHECK (category IN ('ML_ENGINEERING','DATA_ENGINEERING','DEVOPS','INFRASTRUCTURE','COMPLIANCE','DATA_SCIENCE','OTHER')),
  ADD CONSTRAINT cost_entries_stage_check CHECK (stage IN ('IDEA','POC','PRODUCTIONIZING','PRODUCTION')),
  ADD CONSTRAINT cost_entries_amount_check CHECK (amount > 0);
ALTER TABLE cost_estimates
  ADD CONSTRAINT cost_estimates_line_check CHECK (line IN ('ML_ENGINEERING','DATA_ENGINEERING','DEVOPS','INFRASTRUCTURE','COMPLIANCE')),
  ADD CONSTRAINT cost_estimates_band_check CHECK (low >= 0 AND high >= low);

GRANT SELECT, INSERT, UPDATE, DELETE ON cost_entries, cost_estimates TO gapline_app;
ALTER TABLE cost_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_entries USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE cost_estimates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_estimates USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
