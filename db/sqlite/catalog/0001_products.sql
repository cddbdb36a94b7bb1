-- Catalog: a category tree, products, their variants (SKUs), variant attributes and the channels listing a product.
CREATE TABLE catalog_categories (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code = lower(code) AND code NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id   INTEGER REFERENCES catalog_categories (id),
    -- codes from the root joined by '/', so a subtree is path = x OR path LIKE 'x/%'
    path        TEXT    NOT NULL UNIQUE
);
CREATE INDEX ix_categories_parent_id ON catalog_categories (parent_id);

CREATE TABLE catalog_products (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code         TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Z0-9._-]*'),
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    slug         TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 200 AND slug NOT GLOB '*[^a-z0-9-]*'),
    category_id  INTEGER NOT NULL REFERENCES catalog_categories (id),
    brand        TEXT,
    unit         TEXT    NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    vat_rate     INTEGER NOT NULL CHECK (vat_rate IN (0, 5, 8, 10)),
    status       TEXT    NOT NULL CHECK (status IN ('Draft', 'Active', 'Discontinued')),
    description  TEXT,
    image_urls   TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX ix_products_category_id ON catalog_products (category_id);
CREATE INDEX ix_products_brand ON catalog_products (brand);

CREATE TABLE catalog_product_channels (
    product_id  INTEGER NOT NULL REFERENCES catalog_products (id) ON DELETE CASCADE,
    channel     TEXT    NOT NULL,
    PRIMARY KEY (product_id, channel)
);
CREATE INDEX ix_product_channels_channel ON catalog_product_channels (channel, product_id);

CREATE TABLE catalog_variants (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    product_id   INTEGER NOT NULL REFERENCES catalog_products (id) ON DELETE CASCADE,
    sku          TEXT    NOT NULL UNIQUE CHECK (length(sku) BETWEEN 2 AND 64 AND sku NOT GLOB '*[^A-Z0-9._-]*'),
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    barcode      TEXT    UNIQUE CHECK (length(barcode) IN (8, 12, 13, 14) AND barcode NOT GLOB '*[^0-9]*'),
    -- lower-case, accent-free sku + name + brand + barcode: searching "ao thun" finds "Áo thun"
    search_text  TEXT    NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_variants_product_id ON catalog_variants (product_id);
CREATE INDEX ix_variants_name ON catalog_variants (name);

CREATE TABLE catalog_variant_attributes (
    variant_id  INTEGER NOT NULL REFERENCES catalog_variants (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 32 AND name NOT GLOB '*[^a-z0-9_]*'),
    value       TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
    PRIMARY KEY (variant_id, name)
);
CREATE INDEX ix_variant_attributes_name_value ON catalog_variant_attributes (name, value, variant_id);
