-- Cost estimates with history: one row per (run, scenario, strategy, inputs). A replayed capacity event has the
-- same inputs fingerprint and is ignored (ON CONFLICT DO NOTHING); a new event for the run, a changed scenario,
-- policy or catalog is a new row, so the history shows how the estimate moved.
create table estimate (
  id                bigserial primary key,
  run_id            text          not null,
  scenario          text          not null,
  strategy          text          not null,
  inputs_sha256     text          not null,
  users_per_month   bigint        not null,
  peak_rps          numeric(18,6) not null,
  catalog_version   text          not null,
  region            text          not null,
  measured_at_us    bigint        not null,
  priced_at         timestamptz   not null,
  monthly_usd       numeric(18,6) not null,
  cost_per_user_usd numeric(18,6) not null,
  growth_factor_10x numeric(12,4) not null,
  saving_usd        numeric(18,6) not null,
  assumptions       jsonb         not null,
  tfvars            jsonb         not null,
  constraint estimate_inputs_unique unique (run_id, scenario, strategy, inputs_sha256)
);

create index estimate_run_idx on estimate (run_id, id desc);
create index estimate_history_idx on estimate (scenario, strategy, id desc);

create table estimate_item (
  estimate_id    bigint        not null references estimate (id) on delete cascade,
  position       int           not null,
  service        text          not null,
  description    text          not null,
  usage_type     text          not null,
  quantity       numeric(24,6) not null,
  unit           text          not null,
  unit_price_usd numeric(18,6) not null,
  monthly_usd    numeric(18,6) not null,
  assumption     text          not null,
  primary key (estimate_id, position)
);
