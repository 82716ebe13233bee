-- A job's state tells a window that ran to its end with rolled-back or failed routers (COMPLETED_WITH_ROLLBACKS,
-- COMPLETED_WITH_FAILURES) from the window's own failure (FAILED: its job could not run). Jobs closed before this
-- version as FAILED because a router failed or rolled back are named as they would be now. (Version 4.8: other changes'
-- 4.x migrations come before it.)
alter table rollout_job alter column state type varchar(32);
update rollout_job j
   set state = case when exists (select 1 from rollout_job_router r where r.job_id = j.id
                                    and r.state not in ('CONFIRMED', 'ALREADY_COMPLIANT', 'RETURN_CHECKED', 'ROLLED_BACK'))
                    then 'COMPLETED_WITH_FAILURES' else 'COMPLETED_WITH_ROLLBACKS' end
 where j.state = 'FAILED' and j.finished_at is not null;
