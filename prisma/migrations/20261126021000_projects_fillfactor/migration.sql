-- The roll-up triggers (ADR 0004) update project rows often; room on each page lets those updates
-- stay heap-only (HOT), so the project indexes do not grow with every checklist change.
ALTER TABLE projects SET (fillfactor = 85);
