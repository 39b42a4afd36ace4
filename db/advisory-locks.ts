// Every PostgreSQL advisory lock the application takes, named once so that no
// two uses pick one id by accident. PostgreSQL keeps one-key (bigint) and
// two-key (int, int) locks apart, so a two-key class cannot meet a one-key id.

/**
 * One key. Every write that changes a period's volumes or ledger takes this
 * lock first. Every order updates its whole upline, so orders serialise on the
 * root's row anyway; one lock makes that explicit, rules out deadlocks, and lets
 * an order read the rest of the tree knowing no other write is half-way through
 * it. Taken by lockLedger (lib/ledger/db.ts) or by ledger_chains (migration 0014),
 * which receives it as an argument.
 */
export const LEDGER_LOCK = 727_001;

/**
 * One key. Serialises the team rollups' appliers, moves and rebuilds
 * (team_rollup_apply and its kin, migrations 0011, 0013 and 0015); stats
 * writers never wait for it. Only SQL takes it, with the number written out:
 * named here to keep the id taken.
 */
export const TEAM_ROLLUP_LOCK = 727_002;

/**
 * Two keys: this class and hashtext(code). Serialises the transactions that
 * claim or retire one referral code (lockCode, tryLockCode in
 * lib/referrals/codes.ts), whose uniqueness spans two tables.
 */
export const REFERRAL_CODE_LOCK = 4242;

/**
 * One key, a session lock. Serialises the start's migrations and demo seed
 * between processes starting at once (several instances, or the workers of
 * one: WEB_CONCURRENCY), taken by DatabaseHandle.exclusive (db/client.ts).
 */
export const STARTUP_LOCK = 727_003;
