-- CreateTable
CREATE TABLE "portfolio_snapshots" (
    "org_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "stage_counts" JSONB NOT NULL,
    "open_projects" INTEGER NOT NULL,
    "avg_readiness" DOUBLE PRECISION NOT NULL,
    "ready_count" INTEGER NOT NULL,
    "actuals" BIGINT NOT NULL,
    "projected_low" BIGINT NOT NULL,
    "projected_high" BIGINT NOT NULL,
    "open_alerts" INTEGER NOT NULL,
    "critical_alerts" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portfolio_snapshots_pkey" PRIMARY KEY ("org_id","day")
);

-- AddForeignKey
ALTER TABLE "portfolio_snapshots" ADD CONSTRAINT "portfolio_snapshots_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

GRANT SELECT, INSERT, UPDATE ON portfolio_snapshots TO gapline_app;
ALTER TABLE portfolio_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON portfolio_snapshots USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
