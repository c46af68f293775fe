DROP TABLE organisation_changes;
DROP TABLE link_grants;
