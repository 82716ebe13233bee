package jp.lgwan.routerconfig.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words (templates use them as {@code {msg:name}}): English here, Japanese in
 * {@code messages/msg_ja.properties} with the domain's own terms (変更届出, 計画停止, 疎通試験). The
 * page's language is the {@code lang} cookie, else the browser's Accept-Language (ja or en).
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    @Message("LGWAN router configuration")
    String app_name();

    @Message("Board")
    String nav_board();

    @Message("Audit")
    String nav_audit();

    @Message("Drift")
    String nav_drift();

    @Message("Drift: routers that no longer run their baseline")
    String drift_title();

    @Message("Each router's owned lines as its last backup collection read them, against the config it is taken to run. Diffs run from the running config (-) to the baseline (+).")
    String drift_intro();

    @Message("Last read")
    String drift_read();

    @Message("Baseline")
    String drift_baseline();

    @Message("Every router collected is in sync.")
    String drift_none();

    @Message("Drifted from its baseline (read {read}): the push types what its running config then needs, which may differ from this plan.")
    String drifted_note(String read);

    @Message("File / request")
    String nav_new();

    @Message("Sign out")
    String logout();

    @Message("Signed in as {name} ({role})")
    String signed_in_as(String name, String role);

    @Message("Language")
    String language();

    @Message("Sign in to the operating center's console")
    String login_title();

    @Message("User")
    String login_user();

    @Message("Password")
    String login_password();

    @Message("Sign in")
    String login_submit();

    @Message("User or password is wrong.")
    String login_error();

    @Message("Today")
    String board_title();

    @Message("Planned outages today and in the next 30 days")
    String board_calendar();

    @Message("No planned outage in the next 30 days.")
    String board_no_windows();

    @Message("Change notifications waiting for acceptance")
    String board_waiting_acceptance();

    @Message("Planned outages waiting for approval")
    String board_waiting_approval();

    @Message("Windows running now")
    String board_running();

    @Message("Routers needing attention")
    String board_attention();

    @Message("Service-desk notices not yet acknowledged")
    String board_notices();

    @Message("None.")
    String none();

    @Message("live")
    String live();

    @Message("Change notification")
    String notification();

    @Message("Change notification {id}")
    String notification_title(long id);

    @Message("Organization")
    String organization();

    @Message("Effective date")
    String effective_date();

    @Message("Notice period")
    String notice_period();

    @Message("{days} days before the effective date: at least 20, as required")
    String notice_ok(long days);

    @Message("only {days} days before the effective date: fewer than 20")
    String notice_short(long days);

    @Message("emergency: {reason}")
    String notice_emergency(String reason);

    @Message("Items")
    String items();

    @Message("State")
    String state();

    @Message("Risk")
    String risk();

    @Message("Diff")
    String diff();

    @Message("Sections touched")
    String sections();

    @Message("Filed by")
    String filed_by();

    @Message("Submitted")
    String submitted_at();

    @Message("Router")
    String router();

    @Message("Routers")
    String routers();

    @Message("needs an outage")
    String needs_outage();

    @Message("Nothing changes on this router.")
    String no_diff();

    @Message("Accept")
    String accept();

    @Message("Reject")
    String reject();

    @Message("Reason")
    String reason();

    @Message("Schedule into a window")
    String schedule();

    @Message("Schedule")
    String schedule_submit();

    @Message("No planned outage can take this notification now.")
    String no_window_fits();

    @Message("Scheduled into")
    String scheduled_into();

    @Message("Planned outage")
    String window();

    @Message("Planned outage {id}")
    String window_title(long id);

    @Message("Window")
    String window_period();

    @Message("Reason")
    String window_reason();

    @Message("Status")
    String status();

    @Message("Wave")
    String wave();

    @Message("Approve")
    String approve();

    @Message("Cancel")
    String cancel();

    @Message("Start now")
    String start();

    @Message("Halt")
    String halt();

    @Message("Confirm: {action}")
    String confirm_title(String action);

    @Message("This affects planned outage {id} ({start} to {end}) and these routers:")
    String confirm_affects(long id, String start, String end);

    @Message("Change notifications in it:")
    String confirm_notifications();

    @Message("Yes, {action}")
    String confirm_yes(String action);

    @Message("Back")
    String confirm_back();

    @Message("Job")
    String job();

    @Message("Job {id}")
    String job_title(long id);

    @Message("Outcome")
    String outcome();

    @Message("Steps")
    String steps();

    @Message("Step")
    String step();

    @Message("expected")
    String expected();

    @Message("actual")
    String actual();

    @Message("Failed checks")
    String failed_checks();

    @Message("No job yet: the window has not opened.")
    String not_started();

    @Message("Global address")
    String global_address();

    @Message("Reveal (audited)")
    String reveal();

    @Message("Intended config")
    String intended_config();

    @Message("Backups")
    String backups();

    @Message("Diff to the previous backup")
    String backup_diff();

    @Message("Push history")
    String push_history();

    @Message("Last verification")
    String last_verification();

    @Message("Inventory")
    String facts();

    @Message("Audit log")
    String audit_title();

    @Message("Who")
    String audit_actor();

    @Message("What")
    String audit_action();

    @Message("Subject")
    String audit_subject();

    @Message("From")
    String audit_from();

    @Message("To")
    String audit_to();

    @Message("When")
    String audit_when();

    @Message("Filter")
    String filter();

    @Message("Acknowledge")
    String acknowledge();

    @Message("Note")
    String note();

    @Message("Kind")
    String kind();

    @Message("Created")
    String created_at();

    @Message("File a change notification")
    String file_title();

    @Message("File")
    String file_submit();

    @Message("Item")
    String item_kind();

    @Message("Description")
    String item_description();

    @Message("Inventory revision (commit; empty: the one served)")
    String inventory_revision();

    @Message("Emergency reason (inside the 20-day notice period; operators only)")
    String emergency_reason();

    @Message("Request a planned outage")
    String request_title();

    @Message("Request")
    String request_submit();

    @Message("Start")
    String window_start();

    @Message("End")
    String window_end();

    @Message("Routers (host names, one per line)")
    String routers_one_per_line();

    @Message("Description")
    String description();

    @Message("Refused")
    String refused();

    @Message("Times are Japan time (Asia/Tokyo).")
    String times_in_tokyo();

    @Message("{done} of {total} routers done")
    String progress(long done, long total);
    @Message("Push plan: the commands typed on the router, against its baseline (the running config read at the push decides)")
    String push_plan();

    @Message("emergency")
    String emergency();

    @Message("Access line (id; for a line item)")
    String item_access_line();

    @Message("Bandwidth after the change, Mbps (line speed)")
    String item_bandwidth_mbps();

    @Message("Termination device mode after the change, as the carrier confirmed it (line speed; e.g. 1000-full, auto)")
    String item_termination_device_mode();

    @Message("Accept although the items do not match the revision: why")
    String override_reason();

    @Message("Accepted with items that did not match")
    String item_override();

    @Message("Line-switch records")
    String line_switch_records();

    @Message("Record a line switch's coordination or agreement")
    String line_switch_record();

    @Message("Still needed before it can be accepted")
    String line_switch_needed();

    @Message("Kind")
    String line_switch_kind();

    @Message("Access line (id)")
    String line_switch_access_line();

    @Message("Who agreed")
    String line_switch_parties();

    @Message("Agreed on")
    String line_switch_agreed_on();

    @Message("Document (minutes, letter number)")
    String line_switch_document();

    @Message("Record")
    String line_switch_record_submit();
}
