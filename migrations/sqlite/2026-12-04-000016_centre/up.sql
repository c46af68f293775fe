-- The centre's own pages and records: the pages it writes (about, terms, privacy, contact) in
-- Markdown per language, its news ("Tin hoạt động") with an optional photo, its yearly targets
-- (kept by admins), and the service contracts it signs (its revenue).
CREATE TABLE centre_pages (
    slug TEXT NOT NULL CHECK (slug IN ('about', 'terms', 'privacy', 'contact')),
    locale TEXT NOT NULL CHECK (locale IN ('vi', 'en')),
    body TEXT NOT NULL,
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (slug, locale)
);

CREATE TABLE news (
    id TEXT PRIMARY KEY,
    title_vi TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_vi TEXT NOT NULL,
    body_en TEXT NOT NULL,
    -- The photo's content hash in the file store, and its type ('' when there is none).
    photo_sha256 TEXT NOT NULL DEFAULT '',
    photo_type TEXT NOT NULL DEFAULT '',
    -- Set once published; a draft is seen by staff only.
    published_at TIMESTAMP,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX news_published ON news (published_at);

CREATE TABLE year_targets (
    year INTEGER PRIMARY KEY,
    sessions INTEGER NOT NULL,
    showcase_min INTEGER NOT NULL,
    showcase_max INTEGER NOT NULL,
    connections INTEGER NOT NULL,
    contracts INTEGER NOT NULL,
    revenue_min BIGINT NOT NULL,
    revenue_max BIGINT NOT NULL,
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE service_contracts (
    id TEXT PRIMARY KEY,
    client TEXT NOT NULL,
    service TEXT NOT NULL,
    signed_on DATE NOT NULL,
    -- Whole đồng.
    value BIGINT NOT NULL CHECK (value >= 0),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX service_contracts_signed ON service_contracts (signed_on);
