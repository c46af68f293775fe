DROP TABLE service_contracts;
DROP TABLE year_targets;
DROP TABLE news;
DROP TABLE centre_pages;
