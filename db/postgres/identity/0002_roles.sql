-- The back-office roles are reference data: every database has them, demo or not.
INSERT INTO identity.roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('role-admin', 'Admin', 'ADMIN', 'role-admin-1'),
    ('role-merchandiser', 'Merchandiser', 'MERCHANDISER', 'role-merchandiser-1'),
    ('role-storemanager', 'StoreManager', 'STOREMANAGER', 'role-storemanager-1'),
    ('role-storeclerk', 'StoreClerk', 'STORECLERK', 'role-storeclerk-1'),
    ('role-accountant', 'Accountant', 'ACCOUNTANT', 'role-accountant-1');
