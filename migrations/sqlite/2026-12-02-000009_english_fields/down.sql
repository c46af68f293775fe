ALTER TABLE offers DROP COLUMN title_en;
ALTER TABLE offers DROP COLUMN summary_en;
ALTER TABLE needs DROP COLUMN title_en;
ALTER TABLE needs DROP COLUMN summary_en;
