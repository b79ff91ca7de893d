-- Tenants, users, machines, allocations, access sessions, audit logs.
CREATE TABLE tenants (
  id            serial PRIMARY KEY,
  company_code  text NOT NULL,
  name          text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_company_code_key ON tenants (lower(company_code));

CREATE TABLE users (
  id                    serial PRIMARY KEY,
  username              text NOT NULL,
  email                 text,
  phone                 text,
  password_hash         text NOT NULL,
  role                  text NOT NULL CHECK (role IN ('admin', 'customer_owner', 'customer_member')),
  tenant_id             integer REFERENCES tenants (id),
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password  boolean NOT NULL DEFAULT true,
  password_changed_at   timestamptz,
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'admin') = (tenant_id IS NULL))
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_tenant_idx ON users (tenant_id);

CREATE TABLE machines (
  id                 serial PRIMARY KEY,
  name               text NOT NULL,
  region             text NOT NULL,
  host               text NOT NULL,
  ssh_port           integer NOT NULL CHECK (ssh_port BETWEEN 1 AND 65535),
  ssh_username       text NOT NULL,
  ssh_auth_type      text NOT NULL CHECK (ssh_auth_type IN ('password', 'key')),
  ssh_secret_enc     text NOT NULL,
  status             text NOT NULL DEFAULT 'offline'
                     CHECK (status IN ('online', 'allocated', 'maintenance', 'offline', 'needs_collect')),
  status_reason      text,
  tenant_id          integer REFERENCES tenants (id),
  labels             jsonb NOT NULL DEFAULT '{}',
  gpu_model          text,
  gpu_count          integer NOT NULL DEFAULT 0,
  hardware           jsonb NOT NULL DEFAULT '{}',
  last_heartbeat_at  timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX machines_name_key ON machines (lower(name));
CREATE INDEX machines_tenant_idx ON machines (tenant_id);
CREATE INDEX machines_status_idx ON machines (status);

CREATE TABLE allocations (
  id              serial PRIMARY KEY,
  machine_id      integer NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
  tenant_id       integer NOT NULL REFERENCES tenants (id),
  start_at        timestamptz NOT NULL DEFAULT now(),
  end_at          timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reclaimed', 'expired')),
  reclaim_reason  text,
  reclaimed_at    timestamptz,
  created_by      integer REFERENCES users (id),
  reclaimed_by    integer REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- One active allocation per machine, enforced by the database.
CREATE UNIQUE INDEX allocations_one_active ON allocations (machine_id) WHERE status = 'active';
CREATE INDEX allocations_tenant_idx ON allocations (tenant_id);

CREATE TABLE access_sessions (
  id              uuid PRIMARY KEY,
  user_id         integer NOT NULL REFERENCES users (id),
  machine_id      integer NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
  tenant_id       integer REFERENCES tenants (id),
  protocol        text NOT NULL CHECK (protocol IN ('ssh', 'vnc', 'rdp')),
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'active', 'closed', 'terminated', 'failed')),
  client_ip       text,
  started_at      timestamptz,
  ended_at        timestamptz,
  bytes_in        bigint NOT NULL DEFAULT 0,
  bytes_out       bigint NOT NULL DEFAULT 0,
  recording_path  text,
  recording_size  bigint NOT NULL DEFAULT 0,
  close_reason    text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_sessions_machine_idx ON access_sessions (machine_id);
CREATE INDEX access_sessions_status_idx ON access_sessions (status, created_at DESC);

CREATE TABLE audit_logs (
  id              bigserial PRIMARY KEY,
  actor_id        integer REFERENCES users (id),
  actor_username  text,
  tenant_id       integer REFERENCES tenants (id),
  action          text NOT NULL,
  resource_type   text NOT NULL,
  resource_id     text,
  details         jsonb NOT NULL DEFAULT '{}',
  ip              text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_created_idx ON audit_logs (created_at DESC);
CREATE INDEX audit_logs_action_idx ON audit_logs (action);
