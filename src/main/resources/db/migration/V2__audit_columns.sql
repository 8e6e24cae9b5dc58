-- The audit trail keeps each access as columns and builds the AuditEvent when it is read (encoding every event as
-- JSON when it was written was half of the audit writer's work); rows written before keep their JSON in BODY.
-- PATIENTS (a space-separated copy of ZP_AUDIT_PATIENT, cut at 4,000 characters) is no longer written.
ALTER TABLE ZP_AUDIT_EVENT ADD COLUMN IF NOT EXISTS WHO_DISPLAY VARCHAR(100);
ALTER TABLE ZP_AUDIT_EVENT ADD COLUMN IF NOT EXISTS ADDRESS VARCHAR(64);
ALTER TABLE ZP_AUDIT_EVENT ADD COLUMN IF NOT EXISTS OUTCOME_DESC VARCHAR(600);
ALTER TABLE ZP_AUDIT_EVENT ADD COLUMN IF NOT EXISTS QUERY TEXT;
ALTER TABLE ZP_AUDIT_EVENT ALTER COLUMN BODY DROP NOT NULL;
