-- Indexes shaped after the read paths (EXPLAIN (ANALYZE, BUFFERS) evidence in docs/api-service.md).

-- Per-user feed and the overview's "latest" lateral subquery order by (occurred_at desc, id desc): with id in the
-- key the top-N comes straight off the index without a sort on ties; kind rides along (INCLUDE) so the overview's
-- 7-day count per kind is an index-only scan. Replaces the narrower V1 index.
create index activities_user_recent_idx on activities (github_user_id, occurred_at desc, id desc) include (kind);
drop index activities_user_occurred_idx;

-- GET /api/users?q= searches logins and names by substring (ILIKE '%q%'), which a btree cannot serve. Trigram GIN
-- indexes can; the extension lives in public so every schema (tests use their own) sees one copy.
create extension if not exists pg_trgm with schema public;
create index github_users_login_trgm_idx on github_users using gin (login public.gin_trgm_ops);
-- Partial: names are optional, and a null name never matches, so those rows stay out of the index.
create index github_users_name_trgm_idx on github_users using gin (name public.gin_trgm_ops) where name is not null;
