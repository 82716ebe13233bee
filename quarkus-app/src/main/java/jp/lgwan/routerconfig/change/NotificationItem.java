package jp.lgwan.routerconfig.change;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Set;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.rules.PlainText;

/**
 * One thing a change notification says changes, in the words of the form the organization files,
 * with the values the form asks for where the source names them: for a line speed change 「変更後の回線
 * 速度を入力します」 ({@code bandwidth_mbps}) and, where the router's settings must change with it, 「該当する
 * 項目の設定値を入力します」 (here: the termination device's mode the carrier confirmed, which the router's
 * WAN port must then run).
 *
 * @param accessLine            the access line an access-line item is about (its id); may be left out when the
 *                              organization's revision changes one line only
 * @param bandwidthMbps         ACCESS_LINE_SPEED: the contracted bandwidth after the change (契約帯域)
 * @param terminationDeviceMode ACCESS_LINE_SPEED: the mode the termination device runs after the change, as the
 *                              carrier confirmed it (回線事業者に回線終端装置等の設定を確認); the same as before when it stays
 */
public record NotificationItem(
        @NotNull Kind kind,
        @NotBlank @PlainText(max = 500) String description,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be an access line id") String accessLine,
        @Positive @Max(100000) Integer bandwidthMbps,
        @Pattern(regexp = "auto|(10|100|1000|10000)-(full|half)", message = "must be " + InterfaceMode.FORMAT) String terminationDeviceMode) {

    public NotificationItem(Kind kind, String description) {
        this(kind, description, null, null, null);
    }

    /** What an item of this kind stands for in the inventory. */
    public enum Change {
        /** contacts.responsible */
        RESPONSIBLE_PERSON,
        /** contacts.primary_operator, contacts.secondary_operator */
        OPERATORS,
        /** access_lines[].kind, a line added or removed */
        LINE_KIND,
        /** access_lines[].carrier, .product (品目) */
        LINE_PRODUCT,
        /** access_lines[].reaches: the access point or node a switched line reaches */
        LINE_REACHES,
        /** access_lines[].bandwidth_mbps (契約帯域) */
        LINE_SPEED,
        /** access_lines[].termination_device: may change with any line item (回線終端装置等の設定変更や交換が発生する場合があります) */
        TERMINATION_DEVICE,
        /** the mode of a router's WAN port: the router setting filed with a line item (通信モード) */
        WAN_MODE,
        /** anything else of routers[], and where a line lands (access_lines[].router, router_interface, gateway) */
        ROUTER,
        /** the organization's own fields: name, name_en, domain, prefecture, kind, contacts.other_email_domains */
        ORGANIZATION
    }

    /**
     * The items of the 変更届出 form (DOMAIN.md), each with its notice period and the inventory changes it stands
     * for. The first it must find in the revision (an item that changes nothing is a mismatch); the others it may
     * bring along.
     */
    public enum Kind {
        /** LGWAN責任者: a personnel change; the source sets no notice period for it. */
        RESPONSIBLE_PERSON(NoticeRule.PERSONNEL, Set.of(Change.RESPONSIBLE_PERSON), Set.of()),
        /** 運用担当者 (正・副): a personnel change; the source sets no notice period for it. */
        OPERATORS(NoticeRule.PERSONNEL, Set.of(Change.OPERATORS), Set.of()),
        /** ③ アクセス回線の種類 (line switch): 「回線切替えの20日前までにLGWAN変更届出により…提出します」. */
        ACCESS_LINE_TYPE(NoticeRule.LINE, Set.of(Change.LINE_KIND), Set.of(Change.LINE_PRODUCT, Change.LINE_REACHES, Change.LINE_SPEED,
                Change.TERMINATION_DEVICE, Change.WAN_MODE)),
        /** ③ 品目 (line switch): 「回線切替えの20日前までに…変更後のサービス名を入力します」. */
        ACCESS_LINE_PRODUCT(NoticeRule.LINE, Set.of(Change.LINE_PRODUCT), Set.of(Change.LINE_REACHES, Change.LINE_SPEED, Change.TERMINATION_DEVICE,
                Change.WAN_MODE)),
        /** ③ 回線速度: 「回線の速度変更を行う20日前までに…変更後の回線速度を入力します」. */
        ACCESS_LINE_SPEED(NoticeRule.LINE, Set.of(Change.LINE_SPEED), Set.of(Change.TERMINATION_DEVICE, Change.WAN_MODE)),
        /** The router's settings on their own (the operating body's rule: the general notice period). */
        ROUTER_SETTINGS(NoticeRule.GENERAL, Set.of(Change.ROUTER, Change.WAN_MODE), Set.of()),
        /** Anything else: the organization's own fields, or nothing the inventory holds. */
        OTHER(NoticeRule.GENERAL, Set.of(), Set.of(Change.ORGANIZATION));

        private final NoticeRule notice;
        private final Set<Change> names;
        private final Set<Change> brings;

        Kind(NoticeRule notice, Set<Change> names, Set<Change> brings) {
            this.notice = notice;
            this.names = names;
            this.brings = brings;
        }

        /** Which notice period applies to items of this kind. */
        public NoticeRule notice() {
            return notice;
        }

        /** The changes an item of this kind stands for: at least one must be in the revision (none for OTHER). */
        public Set<Change> names() {
            return names;
        }

        /** Whether an item of this kind covers {@code change}. */
        public boolean covers(Change change) {
            return names.contains(change) || brings.contains(change);
        }

        public boolean isLineItem() {
            return notice == NoticeRule.LINE;
        }
    }

    /** Where an item kind's notice period comes from. */
    public enum NoticeRule {
        /** 20 days: the source's own number for line speed changes and line switches. */
        LINE,
        /** lgwan.change.personnel-notice-days: none unless configured (the source sets none). */
        PERSONNEL,
        /** lgwan.change.notice-days: the operating body's general rule (20). */
        GENERAL
    }
}
