DROP TABLE recommendation_cursor;
DROP TABLE recommendations;
