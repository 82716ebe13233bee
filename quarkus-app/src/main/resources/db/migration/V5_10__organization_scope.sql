-- Organization accounts (issue 15, point 1): a planned outage requested by a connected organization names it, so that
-- the organization (and only it, with the operating body) may read and withdraw its own request. Null: requested by
-- the operating body. Notifications already carry their organization_code; a withdrawn one is state WITHDRAWN, by whom,
-- when and why beside its decision (it may have been accepted before it was withdrawn).
alter table planned_outage add column organization_code varchar(16);
create index planned_outage_organization on planned_outage (organization_code) where organization_code is not null;
alter table change_notification add column withdrawn_by varchar(128);
alter table change_notification add column withdrawn_at timestamp with time zone;
alter table change_notification add column withdraw_reason text;
