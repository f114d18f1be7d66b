-- Data generator bookkeeping. Generated data lives in tenants of its own, flagged here, so cleanup can remove
-- exactly that (everything else cascades from the tenant) and never touches real or demo tenants.
alter table tenants add column generated boolean not null default false;

-- One row per generated tenant: the requested scale, the fixed instant all timestamps are relative to (so a
-- resumed run continues the same data set) and a checkpoint committed with each batch of activities.
create table generator_runs (
  tenant_id       bigint primary key references tenants (id) on delete cascade,
  users           integer     not null check (users > 0),
  dashboards      integer     not null check (dashboards >= 0),
  activities      bigint      not null check (activities >= 0),
  anchor          timestamptz not null,
  activities_done bigint      not null default 0,
  completed_at    timestamptz
);
