-- An operator may push a router whose pre-check finds a pre-existing fault (WAN already down or erroring), with a
-- reason: recorded per router of the job when the window is started by hand, and audited.
alter table rollout_job_router add column pre_check_forced_by varchar(128);
alter table rollout_job_router add column pre_check_forced_reason text;
