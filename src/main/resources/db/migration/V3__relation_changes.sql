-- How many writes have changed care relations (CareTeam, Patient, PractitionerRole, Task, ...), counted in the
-- transaction of each write: every replica on this database keeps a professional's relation as long as this
-- number stays the same, and works it out again as soon as it moves (security/RelationChanges).
CREATE TABLE ZP_RELATION_CHANGES (ID INTEGER NOT NULL PRIMARY KEY, CHANGE_COUNT BIGINT NOT NULL);
INSERT INTO ZP_RELATION_CHANGES (ID, CHANGE_COUNT) VALUES (1, 0);
