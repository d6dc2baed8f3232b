-- CreateTable
CREATE TABLE "notification_settings" (
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email_alerts" BOOLEAN NOT NULL DEFAULT true,
    "min_severity" TEXT NOT NULL DEFAULT 'WARNING',
    "alerts_seen_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("org_id","user_id")
);

-- AddForeignKey
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_org_id_user_id_fkey" FOREIGN KEY ("org_id", "user_id") REFERENCES "memberships"("org_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE notification_settings
  ADD CONSTRAINT notification_settings_min_severity_check CHECK (min_severity IN ('WARNING','CRITICAL'));
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_settings TO gapline_app;
ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_settings USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
