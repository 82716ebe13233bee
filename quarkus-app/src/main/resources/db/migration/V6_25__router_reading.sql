-- A router a backup collection is reading (its SSH session open, BackupCollector): a push that claimed it waits this out
-- before its first session, since NEC IX lets one session at a time into configuration mode, where its running config
-- is shown. One row per router, taken before the collection logs in and deleted after; a row past its expiry (its
-- instance crashed mid-read) blocks nothing.
create table router_reading (
    hostname varchar(253) primary key,
    instance varchar(128) not null,
    until    timestamp with time zone not null
);
