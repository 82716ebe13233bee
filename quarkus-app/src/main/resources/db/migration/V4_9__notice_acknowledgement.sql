-- A service-desk notice is acknowledged in the operating center (the console, POST /api/notices/{id}/acknowledge): by
-- whom, when, with a note. Delivery to the desk's webhook (delivered_at) is apart from it: a notice with no webhook set
-- still waits for someone to acknowledge it.
alter table service_desk_notice add column acknowledged_at timestamp with time zone;
alter table service_desk_notice add column acknowledged_by varchar(128);
alter table service_desk_notice add column acknowledge_note text;
create index service_desk_notice_open on service_desk_notice (id) where acknowledged_at is null;
