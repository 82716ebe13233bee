-- The commands a push would type for each router of a change notification (its preview, from the router's
-- baseline to the config the notification renders); the push records the commands it really types in its steps.
alter table notification_router_change add column plan jsonb not null default '[]';
