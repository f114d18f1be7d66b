-- Issue 17: an estimate says what the capacity it was sized from is evidence of (KNEE, LOWER_BOUND, UPPER_BOUND, or
-- UNKNOWN for estimates priced from v1 capacity events, which is what every row before this migration was) and,
-- where capacity is uncertain, the low-high monthly range. A null high end with a low end is an unbounded range
-- (an UPPER_BOUND: the fleet is at least the point figure).
alter table estimate
  add column capacity_kind    text          not null default 'UNKNOWN',
  add column monthly_usd_low  numeric(18,6),
  add column monthly_usd_high numeric(18,6),
  add constraint estimate_range_ordered check (
    (monthly_usd_low is null and monthly_usd_high is null)
    or (monthly_usd_low is not null and monthly_usd_low <= monthly_usd
        and (monthly_usd_high is null or monthly_usd_high >= monthly_usd)));
