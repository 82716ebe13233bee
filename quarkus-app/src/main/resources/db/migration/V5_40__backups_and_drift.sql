-- Backups collected on a schedule or on demand (not only before a push), versioned and deduplicated, and each router's
-- drift: its owned lines as last collected against the config it is taken to run (its baseline).

-- what a version holds, hashed as the dedup key: the stored text less the lines the router writes by itself (volatile)
alter table router_backup add column content_sha256 varchar(64);
-- PRE_PUSH: read by a push right before it changed the router; COLLECTED: read by a backup collection
alter table router_backup add column source varchar(16) not null default 'PRE_PUSH';
-- the last collection that found the router still running this version (a collection that finds no change writes no version)
alter table router_backup add column last_seen_at timestamp with time zone;
-- versions taken before this one are hashed over their whole text: a collection may write one more version of such a router
update router_backup set content_sha256 = encode(sha256(convert_to(config, 'UTF8')), 'hex'), last_seen_at = taken_at;

-- per router, the outcome of its last collection: IN_SYNC, DRIFTED (with the diff), UNREACHABLE or NOT_COMPARED (with the reason)
create table router_drift (
    hostname          varchar(253) primary key,
    status            varchar(16) not null,
    checked_at        timestamp with time zone not null,
    -- the last collection that read the router (UNREACHABLE keeps the one before)
    collected_at      timestamp with time zone,
    backup_id         bigint references router_backup (id),
    baseline_revision varchar(64),
    baseline_source   varchar(16),
    added             integer not null default 0,
    removed           integer not null default 0,
    diff              text not null default '',
    reason            text
);
create index router_drift_status on router_drift (status);
