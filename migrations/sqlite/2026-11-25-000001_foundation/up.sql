-- The foundation data model. Kept column-for-column identical to migrations/postgres: only the
-- portable types (TEXT, INTEGER, BIGINT, BOOLEAN, TIMESTAMP in UTC, DATE) are used, ids are UUID v7
-- text, lists are JSON text.

CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    tax_code TEXT,
    province TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    website TEXT,
    description TEXT NOT NULL DEFAULT '',
    verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX organisations_tax_code ON organisations (tax_code);
CREATE INDEX organisations_province ON organisations (province);
CREATE INDEX organisations_kind ON organisations (kind);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL DEFAULT 'member',
    organisation_id TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    locale TEXT NOT NULL DEFAULT 'vi',
    email_verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Case-insensitive uniqueness even if a writer forgets to normalise.
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE offers (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    summary TEXT NOT NULL CHECK (length(summary) <= 500),
    description TEXT NOT NULL DEFAULT '',
    advantages TEXT NOT NULL DEFAULT '',
    applications TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '[]',
    trl INTEGER CHECK (trl BETWEEN 1 AND 9),
    ip_status TEXT NOT NULL DEFAULT 'none',
    ip_number TEXT,
    transfer_modes TEXT NOT NULL DEFAULT '[]',
    price_min BIGINT CHECK (price_min >= 0),
    price_max BIGINT CHECK (price_max >= 0),
    province TEXT NOT NULL,
    contact_visibility TEXT NOT NULL DEFAULT 'members',
    status TEXT NOT NULL DEFAULT 'draft',
    featured BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    expires_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (price_min IS NULL OR price_max IS NULL OR price_min <= price_max)
);
CREATE INDEX offers_public ON offers (status, published_at);
CREATE INDEX offers_organisation ON offers (organisation_id, status);
CREATE INDEX offers_sector ON offers (sector, status, published_at);
CREATE INDEX offers_province ON offers (province, status, published_at);
CREATE INDEX offers_featured ON offers (featured, status);

CREATE TABLE needs (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    problem TEXT NOT NULL DEFAULT '',
    tried TEXT NOT NULL DEFAULT '',
    desired_outcome TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '[]',
    min_trl INTEGER CHECK (min_trl BETWEEN 1 AND 9),
    budget_min BIGINT CHECK (budget_min >= 0),
    budget_max BIGINT CHECK (budget_max >= 0),
    deadline DATE,
    province TEXT NOT NULL,
    transfer_modes TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    expires_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max)
);
CREATE INDEX needs_public ON needs (status, published_at);
CREATE INDEX needs_organisation ON needs (organisation_id, status);
CREATE INDEX needs_sector ON needs (sector, status, published_at);
CREATE INDEX needs_province ON needs (province, status, published_at);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
