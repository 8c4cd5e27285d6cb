-- Runs once, when the PostgreSQL volume is first created: a role for Temporal, which creates its own
-- databases (temporal, temporal_visibility) through auto-setup.
CREATE ROLE temporal WITH LOGIN PASSWORD 'temporal' CREATEDB;
