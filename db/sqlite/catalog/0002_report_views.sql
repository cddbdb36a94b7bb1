-- Catalog's read-only views for the Reports module: one row per SKU with its product and category.

CREATE VIEW catalog_report_skus AS
SELECT v.sku, v.name AS variant_name, p.code AS product_code, p.name AS product_name, p.brand, p.vat_rate,
       c.code AS category_code, c.name AS category_name, c.path AS category_path
FROM catalog_variants v
JOIN catalog_products p ON p.id = v.product_id
JOIN catalog_categories c ON c.id = p.category_id;

CREATE VIEW catalog_report_categories AS
SELECT code, name, path FROM catalog_categories;
