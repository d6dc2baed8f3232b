-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "no_activity_days" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "readiness_flat_days" INTEGER NOT NULL DEFAULT 45;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "readiness_rose_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "alerts" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'OPEN',
    "message" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,
    "snoozed_until" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "severities" TEXT[] DEFAULT ARRAY['WARNING', 'CRITICAL']::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "org_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "last_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("org_id","id")
);

-- CreateIndex
CREATE INDEX "alerts_org_id_state_severity_idx" ON "alerts"("org_id", "state", "severity");

-- CreateIndex
CREATE INDEX "alerts_org_id_project_id_idx" ON "alerts"("org_id", "project_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_org_id_webhook_id_created_at_idx" ON "webhook_deliveries"("org_id", "webhook_id", "created_at");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_org_id_project_id_fkey" FOREIGN KEY ("org_id", "project_id") REFERENCES "projects"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_org_id_webhook_id_fkey" FOREIGN KEY ("org_id", "webhook_id") REFERENCES "webhooks"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE alerts
  ADD CONSTRAINT alerts_rule_check CHECK (rule IN ('STAGE_OVERDUE','NO_ACTIVITY','READINESS_FLAT','CAPABILITY_OVERDUE','BUDGET_BURN','COST_MULTIPLE','UNDERFUNDED_PLAN','VALUE_AT_RISK','READINESS_REGRESSED')),
  ADD CONSTRAINT alerts_severity_check CHECK (severity IN ('WARNING','CRITICAL')),
  ADD CONSTRAINT alerts_state_check CHECK (state IN ('OPEN','ACKNOWLEDGED','SNOOZED','RESOLVED'));
-- One live alert per (project, rule): concurrent evaluations meet here and update instead of adding.
CREATE UNIQUE INDEX alerts_live_key ON alerts (org_id, project_id, rule) WHERE state <> 'RESOLVED';
ALTER TABLE webhook_deliveries
  ADD CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('PENDING','DELIVERED','FAILED'));

GRANT SELECT, INSERT, UPDATE ON alerts, webhook_deliveries TO gapline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO gapline_app;
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alerts USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhooks USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
