DROP TABLE recommendation_feedback;
DROP TABLE recommendation_cursor;
DROP TABLE recommendations;
