package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.testing.MovableClock;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.audit.AuditEvent;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

/**
 * The rules of a notification's items (issue 15): each item kind's notice period, items against what the revision
 * changes (refused with each mismatch listed, or accepted with an audited reason), the records a line switch needs,
 * and end of support as of the effective date and the window's day. Each test uses organizations of its own and files
 * against commits beside HEAD, so that neither other tests nor the order of these change what it compares.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ItemRulesTest {

    static final Actor ENGINEER = PlannedOutageRulesTest.ENGINEER;
    static final Actor OPERATOR = PlannedOutageRulesTest.OPERATOR;

    @Inject
    ChangeNotificationService notifications;
    @Inject
    PlannedOutageService outages;
    @Inject
    LiveInventory inventory;
    @Inject
    jp.lgwan.routerconfig.testing.MovableClock clock;

    /** The service's day in Japan, pinned to tomorrow ten in the morning (as ChangeNotificationRulesTest pins it): no test races midnight. */
    @org.junit.jupiter.api.BeforeEach
    void pinTheDay() {
        clock.setToMorningOf(MovableClock.todayInJapan().plusDays(1));
    }

    private LocalDate today() {
        return clock.today(java.time.ZoneId.of("Asia/Tokyo"));
    }

    private ChangeNotification file(String organization, String revision, LocalDate effective, NotificationItem... items) {
        return notifications.file(new ChangeNotificationService.Filing(organization, List.of(items), effective, revision, null), ENGINEER);
    }

    private static NotificationItem item(NotificationItem.Kind kind) {
        return new NotificationItem(kind, "test " + kind);
    }

    private static NotificationItem speed(String line, Integer mbps, String deviceMode) {
        return new NotificationItem(NotificationItem.Kind.ACCESS_LINE_SPEED, "速度変更", line, mbps, deviceMode);
    }

    /**
     * A commit of {@code edit} on top of HEAD, which HEAD then leaves again: a revision a notification may name that
     * no other test sees as HEAD.
     */
    private String besideHead(String file, UnaryOperator<String> edit) throws Exception {
        Repository repository = inventory.repository().orElseThrow();
        Path path = repository.getWorkTree().toPath().resolve(file);
        String before = Files.readString(path);
        String after = edit.apply(before);
        assertTrue(!before.equals(after), "the edit of " + file + " changed nothing");
        try (Git git = new Git(repository)) {
            String head = repository.resolve("HEAD").name();
            Files.writeString(path, after);
            git.add().addFilepattern(file).call();
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            String commit = git.commit().setMessage("beside HEAD: " + file).setAuthor(engineer).setCommitter(engineer).setSign(false).call().getName();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head).call();
            return commit;
        }
    }

    @Test
    void eachItemKindHasItsOwnNoticePeriod() {
        String served = inventory.current().commit();
        // personnel changes: none (the source sets none for them)
        assertEquals(NotificationState.RECEIVED, file("383864", served, today(), item(NotificationItem.Kind.OPERATORS)).state);
        assertEquals(NotificationState.RECEIVED, file("383864", served, today().plusDays(1), item(NotificationItem.Kind.RESPONSIBLE_PERSON)).state);
        // a line speed change: 20 days (速度変更を行う20日前まで), at its boundary
        ChangeRefused late = assertThrows(ChangeRefused.class, () -> file("383864", served, today().plusDays(19),
                item(NotificationItem.Kind.OPERATORS), speed("kumakogen-prefwan-1", 100, "100-full")));
        assertEquals("notice-period", late.type());
        assertEquals(today().plusDays(20).toString(), late.extensions().get("earliest_effective_date"));
        assertEquals(NotificationState.RECEIVED, file("383864", served, today().plusDays(20), speed("kumakogen-prefwan-1", 100, "100-full")).state);
        // a line switch: 20 days (回線切替えの20日前まで); the router's settings alone: the general rule, 20
        for (NotificationItem.Kind kind : List.of(NotificationItem.Kind.ACCESS_LINE_TYPE, NotificationItem.Kind.ACCESS_LINE_PRODUCT,
                NotificationItem.Kind.ROUTER_SETTINGS, NotificationItem.Kind.OTHER)) {
            assertEquals("notice-period", assertThrows(ChangeRefused.class, () -> file("383864", served, today().plusDays(19), item(kind))).type(),
                    kind.name());
        }
    }

    /** The README's old walk-through: a speed change filed against a revision that changes nothing. */
    @Test
    void aSpeedChangeAgainstAnUnchangedRevisionIsRefusedUntilAnOperatorGivesAReason() {
        ChangeNotification filed = file("383864", inventory.current().commit(), today().plusDays(21), speed("kumakogen-prefwan-1", 1000, "1000-full"),
                item(NotificationItem.Kind.OPERATORS));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> notifications.accept(filed.id, OPERATOR, null));
        assertEquals(422, refused.status());
        assertEquals("items-do-not-match-revision", refused.type());
        assertEquals(List.of(
                "items[0] (ACCESS_LINE_SPEED): the revision changes nothing it stands for (line speed of access line kumakogen-prefwan-1)",
                "items[0] (ACCESS_LINE_SPEED): bandwidth_mbps 1000 is filed, but access line kumakogen-prefwan-1 has 100 Mbps at the revision",
                "items[1] (OPERATORS): the revision changes nothing it stands for (operators)"), refused.extensions().get("mismatches"));
        assertEquals(NotificationState.RECEIVED, reread(filed.id).state);

        ChangeNotification accepted = notifications.accept(filed.id, OPERATOR, "checked", "the carrier moved the date; the inventory follows");
        assertEquals(NotificationState.ACCEPTED, accepted.state);
        assertEquals("the carrier moved the date; the inventory follows", accepted.itemOverrideReason);
        assertEquals(refused.extensions().get("mismatches"), accepted.itemMismatches);
        Map<String, Object> audited = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>find("action = ?1 and subjectId = ?2",
                "change-notification.items-mismatch-overridden", filed.id.toString()).singleResult().detail);
        assertEquals("the carrier moved the date; the inventory follows", audited.get("override_reason"));
        assertEquals(refused.extensions().get("mismatches"), audited.get("mismatches"));
    }

    /**
     * The source: a speed change may change the termination device's settings and with them the mode the router must
     * run (通信モードが変更となる可能性がある), so the carrier's confirmed mode is filed; a revision that forgot to follow
     * it is refused even though router and device still agree with each other.
     */
    @Test
    void aSpeedChangeThatForgotTheDevicesNewModeIsRefusedAndOneThatFollowsItIsAccepted() throws Exception {
        String file = "inventory/organizations/133078-hinohara.yaml";
        String forgot = besideHead(file, text -> text.replace("bandwidth_mbps: 100", "bandwidth_mbps: 1000"));
        ChangeNotification filed = file("133078", forgot, today().plusDays(21), speed(null, 1000, "1000-full"));
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> notifications.accept(filed.id, OPERATOR, null));
        assertEquals(List.of("items[0] (ACCESS_LINE_SPEED): the carrier confirmed termination device mode 1000-full, but access line"
                + " hinohara-prefwan-1's termination device runs auto at the revision"), refused.extensions().get("mismatches"));

        ChangeNotification unsaid = file("133078", forgot, today().plusDays(21), speed(null, 1000, null));
        assertEquals(List.of("items[0] (ACCESS_LINE_SPEED): say the termination device's mode after the change (termination_device_mode),"
                + " as the carrier confirmed it; the router's WAN port must run the same"),
                assertThrows(ChangeRefused.class, () -> notifications.accept(unsaid.id, OPERATOR, null)).extensions().get("mismatches"));

        // a description nobody filed is a mismatch too
        String extra = besideHead(file, text -> text.replace("bandwidth_mbps: 100", "bandwidth_mbps: 1000")
                .replace("description: Office LAN", "description: Office LAN 2F"));
        ChangeNotification more = file("133078", extra, today().plusDays(21), speed(null, 1000, "auto"));
        assertEquals(List.of("routers[lgrt.vill.hinohara.lgwan.jp].interfaces[lan1].description: Office LAN -> Office LAN 2F is changed,"
                + " but no item names it (ROUTER_SETTINGS would)"),
                assertThrows(ChangeRefused.class, () -> notifications.accept(more.id, OPERATOR, null)).extensions().get("mismatches"));

        String follows = besideHead(file, text -> text.replace("bandwidth_mbps: 100", "bandwidth_mbps: 1000")
                .replace("      kind: onu\n      mode: auto", "      kind: onu\n      mode: 1000-full")
                .replace("description: LGWAN prefecture WAN hinohara-prefwan-1\n        mode: auto",
                        "description: LGWAN prefecture WAN hinohara-prefwan-1\n        mode: 1000-full"));
        ChangeNotification right = file("133078", follows, today().plusDays(21), speed("hinohara-prefwan-1", 1000, "1000-full"));
        ChangeNotification accepted = notifications.accept(right.id, OPERATOR, null);
        assertEquals(NotificationState.ACCEPTED, accepted.state);
        assertNull(accepted.itemOverrideReason);
    }

    /** 回線切替え on the prefecture WAN: coordinated first with the prefecture WAN's operator (都道府県WAN運営主体との調整). */
    @Test
    void aPrefectureWanProductChangeNeedsItsCoordinationRecordedFirst() throws Exception {
        String revision = besideHead("inventory/organizations/383864-kumakogen.yaml",
                text -> text.replace("product: Ehime prefecture WAN 100M", "product: Ehime prefecture WAN 100M plus"));
        ChangeNotification filed = file("383864", revision, today().plusDays(21), item(NotificationItem.Kind.ACCESS_LINE_PRODUCT));
        ChangeRefused missing = assertThrows(ChangeRefused.class, () -> notifications.accept(filed.id, OPERATOR, null, "any reason"));
        assertEquals("line-switch-records-missing", missing.type());
        @SuppressWarnings("unchecked")
        List<String> what = (List<String>) missing.extensions().get("missing");
        assertEquals(1, what.size());
        assertTrue(what.get(0).startsWith("access line kumakogen-prefwan-1 switches from prefecture-wan Ehime prefecture WAN / Ehime prefecture WAN 100M"
                + " to prefecture-wan Ehime prefecture WAN / Ehime prefecture WAN 100M plus: coordinate it first with the operator of Ehime prefecture WAN"),
                what.get(0));

        assertEquals("line-switch-record-not-needed", assertThrows(ChangeRefused.class, () -> notifications.recordLineSwitch(filed.id,
                LineSwitchRecord.Kind.THREE_PARTY_AGREEMENT, "kumakogen-prefwan-1", "x", today(), "x", ENGINEER)).type());
        LineSwitchRecord record = notifications.recordLineSwitch(filed.id, LineSwitchRecord.Kind.PREFECTURE_WAN_COORDINATION, "kumakogen-prefwan-1",
                "愛媛県 デジタル戦略課 (Ehime prefecture WAN operator)", today(), "愛デ第123号", ENGINEER);
        assertEquals(ENGINEER.name(), record.recordedBy);
        assertEquals(1, (long) QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and subjectId = ?2",
                "change-notification.line-switch-recorded", filed.id.toString())));
        assertEquals(NotificationState.ACCEPTED, notifications.accept(filed.id, OPERATOR, null).state);
        assertEquals("notification-decided", assertThrows(ChangeRefused.class, () -> notifications.recordLineSwitch(filed.id,
                LineSwitchRecord.Kind.PREFECTURE_WAN_COORDINATION, "kumakogen-prefwan-1", "x", today(), "x", ENGINEER)).type());
    }

    /**
     * A carrier service the node does not carry yet (reference data: prefecture_nodes[].carrier_services) needs new
     * installation work and a three-party agreement first; one it carries needs nothing.
     */
    @Test
    void aCarrierServiceNotYetAtTheNodeNeedsTheThreePartyAgreement() throws Exception {
        String file = "inventory/organizations/130001-tokyo.yaml";
        String carried = besideHead(file, text -> text.replace("product: Arcstar Universal One", "product: KDDI Wide Area Virtual Switch 2")
                .replace("carrier: NTT Communications", "carrier: KDDI"));
        ChangeNotification toKddi = file("130001", carried, today().plusDays(21), item(NotificationItem.Kind.ACCESS_LINE_PRODUCT));
        assertEquals(NotificationState.ACCEPTED, notifications.accept(toKddi.id, OPERATOR, null).state, "KDDI's service is at tokyo-node");

        String uncarried = besideHead(file, text -> text.replace("product: Arcstar Universal One", "product: FLETS VPN Wide")
                .replace("carrier: NTT Communications", "carrier: NTT East"));
        ChangeNotification toFlets = file("130001", uncarried, today().plusDays(21), item(NotificationItem.Kind.ACCESS_LINE_PRODUCT));
        ChangeRefused missing = assertThrows(ChangeRefused.class, () -> notifications.accept(toFlets.id, OPERATOR, null));
        assertEquals("line-switch-records-missing", missing.type());
        assertTrue(missing.getMessage().contains("NTT East FLETS VPN Wide is not yet connected to tokyo-node at the base revision"), missing.getMessage());
        assertTrue(missing.getMessage().contains("three-party agreement"), missing.getMessage());
        notifications.recordLineSwitch(toFlets.id, LineSwitchRecord.Kind.THREE_PARTY_AGREEMENT, "tokyo-carrier-1",
                "東京都 デジタルサービス局, 運営主体 LGWAN全国センター", today(), "三者協議議事録 2026-11", ENGINEER);
        assertEquals(NotificationState.ACCEPTED, notifications.accept(toFlets.id, OPERATOR, null).state);

        // a withdrawn change did not happen: Tokyo's next notification is compared with what was before these two again
        // (the line they switch never reached HEAD; rollout.WindowOpensByItselfTest files Tokyo's next one)
        ChangeNotification later = file("130001", null, today().plusDays(21), item(NotificationItem.Kind.ROUTER_SETTINGS));
        assertEquals(uncarried, later.itemBaseRevision, "the last accepted notification is the base");
        notifications.withdraw(toFlets.id, OPERATOR, "test: the switch is called off");
        notifications.withdraw(toKddi.id, OPERATOR, "test: the switch is called off");
        ChangeNotification after = file("130001", null, today().plusDays(21), item(NotificationItem.Kind.ROUTER_SETTINGS));
        assertNotEquals(uncarried, after.itemBaseRevision);
        assertNotEquals(carried, after.itemBaseRevision);
        notifications.withdraw(later.id, OPERATOR, "test: done");
        notifications.withdraw(after.id, OPERATOR, "test: done");
    }

    /** End of support as of the effective date (filing) and the window's day (scheduling), not as of today. */
    @Test
    void endOfSupportIsCheckedAsOfTheEffectiveDateAndTheWindow() throws Exception {
        String served = inventory.current().commit();
        LocalDate last = LocalDate.of(2029, 3, 31); // Yamaha 15.02 (Matsuno's RTX830) is supported through this day
        ChangeRefused past = assertThrows(ChangeRefused.class, () -> file("384844", served, last.plusDays(1), item(NotificationItem.Kind.OTHER)));
        assertEquals("equipment-end-of-support", past.type());
        assertEquals(List.of("lgrt.town.matsuno.lgwan.jp: OS release 15.02 reached end of support on 2029-03-31, before 2029-04-01; equipment past"
                + " end of support breaks the connection specification's security requirements (os-end-of-support)"), past.extensions().get("problems"));

        ChangeNotification filed = file("384844", served, last, item(NotificationItem.Kind.OTHER));
        notifications.accept(filed.id, OPERATOR, null, "test: whatever the base, this test is about end of support");
        Instant afterLast = last.plusDays(1).atTime(22, 0).atZone(ChangeNotificationRulesTest.JST).toInstant();
        PlannedOutage window = outages.request(new PlannedOutageService.Request(List.of("lgrt.town.matsuno.lgwan.jp"), afterLast,
                afterLast.plus(Duration.ofHours(2)), OutageReason.OTHER, null), ENGINEER);
        outages.approve(window.id, OPERATOR);
        ChangeRefused late = assertThrows(ChangeRefused.class, () -> notifications.schedule(filed.id, window.id, OPERATOR));
        assertEquals("equipment-end-of-support", late.type());
        assertEquals("2029-04-01", late.extensions().get("day"));

        // an OS version no release covers cannot be shown to be supported: refused for a push (validate only warns)
        String unknown = besideHead("inventory/organizations/384844-matsuno.yaml", text -> text.replace("os_version: \"15.02.31\"", "os_version: \"15.09.1\""));
        ChangeRefused cannotShow = assertThrows(ChangeRefused.class, () -> file("384844", unknown, today().plusDays(21), item(NotificationItem.Kind.OTHER)));
        assertEquals(List.of("lgrt.town.matsuno.lgwan.jp: OS version 15.09.1 matches no release of yamaha-rtx; its end of support cannot be checked"
                + " (os-version-unknown)"), cannotShow.extensions().get("problems"));
    }

    private static ChangeNotification reread(long id) {
        return QuarkusTransaction.requiringNew().call(() -> ChangeNotification.findById(id));
    }
}
