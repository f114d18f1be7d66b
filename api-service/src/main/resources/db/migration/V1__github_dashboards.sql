-- Multi-tenant GitHub-dashboard domain: the reference system under test.
-- Every tenant-owned table carries tenant_id, and links between tenant-owned rows use composite foreign keys
-- (tenant_id, id) so a row can never point at another tenant's row, whatever the application does.

create table tenants (
  id           bigint generated always as identity primary key,
  name         text        not null unique,
  plan         text        not null check (plan in ('basic', 'premium')),
  -- SHA-256 hex of the API key; the raw key is never stored. text, not char(64): comparing bpchar with a
  -- text parameter casts the column and loses the unique index.
  api_key_hash text        not null unique check (api_key_hash ~ '^[0-9a-f]{64}$'),
  created_at   timestamptz not null default now()
);

create table github_users (
  id         bigint generated always as identity primary key,
  tenant_id  bigint not null references tenants (id) on delete cascade,
  login      text   not null,
  name       text,
  avatar_url text,
  unique (tenant_id, login),
  unique (tenant_id, id)
);

create table dashboards (
  id         bigint generated always as identity primary key,
  tenant_id  bigint      not null references tenants (id) on delete cascade,
  slug       text        not null,
  name       text        not null,
  layout     jsonb       not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  unique (tenant_id, slug),
  unique (tenant_id, id)
);

create table dashboard_users (
  tenant_id      bigint not null,
  dashboard_id   bigint not null,
  github_user_id bigint not null,
  primary key (dashboard_id, github_user_id),
  foreign key (tenant_id, dashboard_id) references dashboards (tenant_id, id) on delete cascade,
  foreign key (tenant_id, github_user_id) references github_users (tenant_id, id) on delete cascade
);

create index dashboard_users_github_user_idx on dashboard_users (github_user_id);

create table activities (
  id             bigint generated always as identity primary key,
  tenant_id      bigint      not null,
  github_user_id bigint      not null,
  -- The event's id at the source (GitHub event id): makes ingestion and demo seeding idempotent.
  source_id      text        not null,
  kind           text        not null check (kind in ('push', 'pull_request', 'review', 'issue', 'comment')),
  repo           text        not null,
  title          text        not null,
  occurred_at    timestamptz not null,
  unique (tenant_id, source_id),
  foreign key (tenant_id, github_user_id) references github_users (tenant_id, id) on delete cascade
);

-- Read paths: a tenant's recent activity, and one user's recent activity (overview and per-user pages).
create index activities_tenant_occurred_idx on activities (tenant_id, occurred_at desc);
create index activities_user_occurred_idx on activities (github_user_id, occurred_at desc);
