-- Optional English title and summary of a listing, shown on English pages and indexed so that
-- English queries find Vietnamese listings. Empty when the owner gave none.
ALTER TABLE offers ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN summary_en TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE needs ADD COLUMN summary_en TEXT NOT NULL DEFAULT '';
