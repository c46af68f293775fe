ALTER TABLE offers DROP COLUMN title_en, DROP COLUMN summary_en;
ALTER TABLE needs DROP COLUMN title_en, DROP COLUMN summary_en;
