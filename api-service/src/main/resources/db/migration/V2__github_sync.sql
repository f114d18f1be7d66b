-- When each tracked user's activity was last brought up to date from GitHub (null: never, e.g. demo data).
alter table github_users add column synced_at timestamptz;
