-- Staff sign-in (ASP.NET Core Identity), prefix identity_.
CREATE TABLE identity_roles (
    id TEXT NOT NULL CONSTRAINT pk_identity_roles PRIMARY KEY,
    name TEXT NULL,
    normalized_name TEXT NULL,
    concurrency_stamp TEXT NULL
);

CREATE TABLE identity_users (
    id TEXT NOT NULL CONSTRAINT pk_identity_users PRIMARY KEY,
    display_name TEXT NOT NULL,
    culture TEXT NOT NULL,
    home_store TEXT NULL,
    user_name TEXT NULL,
    normalized_user_name TEXT NULL,
    email TEXT NULL,
    normalized_email TEXT NULL,
    email_confirmed INTEGER NOT NULL,
    password_hash TEXT NULL,
    security_stamp TEXT NULL,
    concurrency_stamp TEXT NULL,
    phone_number TEXT NULL,
    phone_number_confirmed INTEGER NOT NULL,
    two_factor_enabled INTEGER NOT NULL,
    lockout_end TEXT NULL,
    lockout_enabled INTEGER NOT NULL,
    access_failed_count INTEGER NOT NULL
);

CREATE TABLE identity_role_claims (
    id INTEGER NOT NULL CONSTRAINT pk_identity_role_claims PRIMARY KEY AUTOINCREMENT,
    role_id TEXT NOT NULL,
    claim_type TEXT NULL,
    claim_value TEXT NULL,
    CONSTRAINT fk_identity_role_claims_identity_roles_role_id FOREIGN KEY (role_id) REFERENCES identity_roles (id) ON DELETE CASCADE
);

CREATE TABLE identity_user_claims (
    id INTEGER NOT NULL CONSTRAINT pk_identity_user_claims PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    claim_type TEXT NULL,
    claim_value TEXT NULL,
    CONSTRAINT fk_identity_user_claims_users_user_id FOREIGN KEY (user_id) REFERENCES identity_users (id) ON DELETE CASCADE
);

CREATE TABLE identity_user_logins (
    login_provider TEXT NOT NULL,
    provider_key TEXT NOT NULL,
    provider_display_name TEXT NULL,
    user_id TEXT NOT NULL,
    CONSTRAINT pk_identity_user_logins PRIMARY KEY (login_provider, provider_key),
    CONSTRAINT fk_identity_user_logins_users_user_id FOREIGN KEY (user_id) REFERENCES identity_users (id) ON DELETE CASCADE
);

CREATE TABLE identity_user_roles (
    user_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    CONSTRAINT pk_identity_user_roles PRIMARY KEY (user_id, role_id),
    CONSTRAINT fk_identity_user_roles_identity_roles_role_id FOREIGN KEY (role_id) REFERENCES identity_roles (id) ON DELETE CASCADE,
    CONSTRAINT fk_identity_user_roles_users_user_id FOREIGN KEY (user_id) REFERENCES identity_users (id) ON DELETE CASCADE
);

CREATE TABLE identity_user_tokens (
    user_id TEXT NOT NULL,
    login_provider TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NULL,
    CONSTRAINT pk_identity_user_tokens PRIMARY KEY (user_id, login_provider, name),
    CONSTRAINT fk_identity_user_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES identity_users (id) ON DELETE CASCADE
);

CREATE INDEX ix_identity_role_claims_role_id ON identity_role_claims (role_id);

CREATE UNIQUE INDEX role_name_index ON identity_roles (normalized_name);

CREATE INDEX ix_identity_user_claims_user_id ON identity_user_claims (user_id);

CREATE INDEX ix_identity_user_logins_user_id ON identity_user_logins (user_id);

CREATE INDEX ix_identity_user_roles_role_id ON identity_user_roles (role_id);

CREATE INDEX email_index ON identity_users (normalized_email);

CREATE UNIQUE INDEX user_name_index ON identity_users (normalized_user_name);
